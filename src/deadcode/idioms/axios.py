"""axios: instances and their ``baseURL``, and the defaults a file sets for every call.

- ``axios.create({ baseURL })`` at module level, or returned by a factory of the same file
  (``export const api = createApi()``): calls on the instance are relative to its base;
- ``axios.defaults.baseURL = "/api"`` (or ``instance.defaults.baseURL``): every call of that
  client in the same package is relative to it. axios joins the base and the path as
  ``base.rstrip("/") + "/" + path.lstrip("/")`` unless the path is an absolute URL, so
  ``axios.get("stats")`` and ``axios.get("/stats")`` both reach ``/api/stats``.
The graph applies them (``graph/ts_links.py``); this module reads them from one file."""

from __future__ import annotations

from deadcode.facts.model import ClientDefault, Template
from deadcode.facts.ts_nodes import _args, _callee, _unwrap
from deadcode.idioms.base import Idiom


class Axios(Idiom):
    name = "axios"
    summary = "axios instances (`axios.create({baseURL})`, also from a factory function) and `axios.defaults.baseURL` / `instance.defaults.baseURL` for relative paths"
    enabled_when = "a file calls axios.create or assigns .defaults.baseURL"


def instance_base(ex, call) -> Template:
    """The ``baseURL`` of ``axios.create(config)`` (config literal, or a const of the file)."""
    args = _args(call)
    cfg = _unwrap(args[0]) if args else None
    if cfg is not None and cfg.type == "identifier" and ex.t(cfg) in ex.bindings:
        cfg = ex.bindings[ex.t(cfg)]
    if cfg is None or cfg.type != "object":
        return Template(())
    pairs, _ = ex.object_pairs(cfg)
    base = pairs.get("baseURL")
    if base is None:
        return Template(())
    alts = ex.url_alternatives(base)
    return alts[0] if alts else Template(())


def factory_base(ex, value) -> Template | None:
    """``createApi()`` where ``createApi`` is a function of this file creating one axios
    instance: that instance's base."""
    fn = _unwrap(_callee(value)) if value.type == "call_expression" else None
    if fn is None or fn.type != "identifier":
        return None
    target = ex._module_function(ex.t(fn))
    if target is None:
        return None
    creates = [
        c
        for c in ex._in_range("call", target.start_byte, target.end_byte)
        if ex.callee_text(c) == "axios.create"
    ]
    return instance_base(ex, creates[0]) if len(creates) == 1 else None


def defaults(ex) -> list[ClientDefault]:
    """``axios.defaults.baseURL = X`` / ``api.defaults.baseURL = X`` anywhere in the file."""
    out = []
    for prop in ex._caps("base_url"):
        member = prop.parent
        if member is None or member.type != "member_expression":
            continue
        owner = member.child_by_field_name("object")
        assign = member.parent
        if (
            owner is None
            or owner.type != "member_expression"
            or ex.t(owner.child_by_field_name("property")) != "defaults"
        ):
            continue
        if (
            assign is None
            or assign.type != "assignment_expression"
            or assign.child_by_field_name("left") != member
        ):
            continue
        client = ex._expr_text(owner.child_by_field_name("object"))
        for url in ex.url_alternatives(assign.child_by_field_name("right")):
            out.append(ex.client_default(client, url, assign))
    return out


IDIOM = Axios()
