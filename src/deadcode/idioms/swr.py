"""SWR: a hook's key is the request URL, handed to a fetcher.

- ``useSWR("/api/stats")``, ``useSWR(["/api/timeline", params])`` (an array key: its first
  element), ``useSWR(id ? `/api/x/${id}` : null)`` (a conditional key: ``null`` fetches
  nothing), ``useSWR(() => url)`` (a function key: what it returns);
- the fetcher: the hook's second argument (inline, or a function named there), or the global
  one of ``<SWRConfig value={{ fetcher }}>`` (any ``fetcher:`` property in a file importing
  swr). A fetcher that forwards its argument as a URL (``(url) => api.get(url)``) puts the key
  where it forwards it: ``useSWR("stats")`` with ``fetcher: (k) => fetch(`/api/${k}`)`` reaches
  ``/api/stats``. The graph applies a global fetcher to the keys of the same package.
A key whose value the file cannot read at all is dropped: SWR keys are often cache names."""

from __future__ import annotations

from deadcode.facts.model import Sub, Template
from deadcode.facts.ts_nodes import FUNCTION_NODES, _unwrap
from deadcode.idioms.base import Idiom

SWR_MODULE = "swr"


class Swr(Idiom):
    name = "swr"
    summary = "SWR hook keys (string, array, conditional `null`, function) as GET URLs through the hook's or the global `SWRConfig` fetcher"
    enabled_when = "a file calls an SWR hook; a file importing swr sets a `fetcher`"


def imported_names(ex) -> set[str]:
    out: set[str] = set()
    for imp in ex.imports:
        if imp.specifier == SWR_MODULE or imp.specifier.startswith(SWR_MODULE + "/"):
            out.update(local for _, local in imp.names)
            if imp.local:
                out.add(imp.local)
    return out


def key_urls(ex, key, params: frozenset = frozenset()) -> list[Template]:
    """The URLs a data-hook key may stand for; keys the file cannot read at all are dropped,
    except a parameter of the enclosing function (``params``): a custom hook forwarding its
    argument as the key (``useApi(path)``) is a wrapper its callers are linked through."""
    key = _unwrap(key)
    if key is None:
        return []
    if key.type in FUNCTION_NODES:
        out: list[Template] = []
        for r in ex.returns_of(key):
            out += key_urls(ex, r, params)
        return out
    out = []
    for t in ex.url_alternatives(key, key=True):
        if t.parts and isinstance(t.parts[0], str):
            out.append(t)
        elif len(t.parts) > 1 and isinstance(t.parts[1], str) and t.parts[1].startswith("/"):
            out.append(t)
        elif len(t.parts) == 1 and isinstance(t.parts[0], Sub) and t.parts[0].expr in params:
            out.append(t)
    return out


def enclosing_params(ex, node) -> frozenset:
    """The parameters of the module-level function holding ``node``."""
    name = ex.function_of(node)
    f = next((f for f in ex.functions if f.name == name and f.callable), None) if name else None
    return (
        frozenset(p for p in ex._param_names(f.node) if p)
        if f is not None and f.node.type in FUNCTION_NODES | {"function_declaration"}
        else frozenset()
    )


def fetcher_of(ex, node, members: bool = False):
    """How a fetcher expression forwards its argument: an inline function, or a function of
    this file named there; None otherwise."""
    node = _unwrap(node)
    if node is None:
        return None
    if node.type in ("identifier", "shorthand_property_identifier"):  # `fetcher`, `{ fetcher }`
        values = ex.local_values(node)
        target = _unwrap(values[0]) if values else ex._module_function(ex.t(node))
        node = target if target is not None else node
    if node.type in FUNCTION_NODES or node.type == "function_declaration":
        return ex.forwarding(node, members)
    return None


def key_call(ex, call, callee: str, args: list) -> None:
    keys = key_urls(ex, args[0] if args else None, enclosing_params(ex, call))
    if not keys:
        return
    fetcher = _unwrap(args[1]) if len(args) > 1 else None
    fwd = fetcher_of(ex, fetcher) if fetcher is not None else None
    if fwd is not None:
        for k in keys:
            ex._add_http(fwd[1] or "GET", ex.compose(fwd, k), "fetch", call)
        return
    via = ex.t(fetcher) if fetcher is not None and fetcher.type == "identifier" else None
    for k in keys:
        ex._add_http("GET", k, callee, call, via=via)


def defaults(ex) -> list:
    """Global fetchers: ``fetcher:`` properties in a file importing swr."""
    if not ex._swr_locals and b"SWRConfig" not in ex.data:
        return []
    out = []
    props = [
        (p, _unwrap(p.child_by_field_name("value")))
        for p in ex._caps("pair")
        if ex._name_text(p.child_by_field_name("key")) == "fetcher"
    ]
    props += [
        (n, n) for n in ex._caps("id") if n.type == "shorthand_property_identifier" and ex.t(n) == "fetcher"
    ]
    for pair, value in props:
        if value is None:
            continue
        fwd = fetcher_of(ex, value)
        if fwd is not None:
            out.append(ex.client_default("swr", fwd[0], pair, fwd[2], fwd[1]))
        elif value.type in ("identifier", "shorthand_property_identifier"):  # a fetcher of another file
            out.append(ex.client_default("swr", Template((Sub(ex.t(value)),)), pair, None, None, ex.t(value)))
    return out


IDIOM = Swr()
