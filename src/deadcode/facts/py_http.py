"""HTTP client calls of one Python file (scripts, SDKs, tests calling the API): the HTTP part of
the Python extractor (``facts/python.py`` delegates to ``http_calls``).

- ``requests.get(url)``, ``client.post(f"{BASE}/x")``, ``httpx.request("GET", url)``
  (``queries/python/calls.scm``); a URL held in a local variable of the function is read;
- wrappers: a function or method forwarding one of its parameters as the URL of such a call
  (``def _request(self, method, path): return self.session.request(method, f"{self.base}{path}")``)
  makes each call of it in the file a request (``self._request("POST", "/x")``), with the method
  its literal method argument gives; wrappers of wrappers too;
- not requests: a decorator (``@router.get("/x")``) and a route registration
  (``app.get("/x")(handler)``) declare routes, and ``dict.get("/x", default)`` is a lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import HttpCall, Sub, Template
from deadcode.idioms.http_clients import METHOD_NAMES, PY_CLIENT_RECEIVER

MAX_ROUNDS = 3
FUNCTION_TYPES = ("function_definition",)


@dataclass(frozen=True)
class _Wrapper:
    name: str
    url: Template  # with the parameter as Sub(param)
    param: str
    params: tuple[str, ...]  # the wrapper's parameters, ``self`` / ``cls`` first for methods
    method: str | None  # a fixed method
    method_param: str | None  # the parameter carrying the method (``request(method, url)``)


def http_calls(reader) -> list[HttpCall]:
    out: list[HttpCall] = []
    decorator_calls = {
        caps["decorator_call"][0].start_byte
        for _idx, caps in reader.matches["calls"]
        if "decorator_call" in caps
    }
    direct: list[tuple[Node, str, Template, str, Node | None]] = []  # (call, method, url, callee, verb node)
    for _idx, caps in reader.matches["calls"]:
        if "http" not in caps:
            continue
        call = caps["http"][0]
        if call.start_byte in decorator_calls or _registration(call):
            continue  # @router.get("/x") / app.get("/x")(handler) declare a route, they call none
        method = reader.text(caps["method"][0])
        callee = reader.text(caps["callee"][0])
        if callee.startswith(("os.environ.", "environ.")):
            continue
        args = _arg_lists(caps["args"][0])
        verb = None
        if method == "request":
            verb = _arg(args, 0, "method")
            url = _arg(args, 1, "url")
            verb_text = _string(verb)
            http_method = verb_text.upper() if verb_text else "ANY"
        else:
            # dict.get("/x", default): a second positional argument means a mapping lookup
            if method == "get" and len(args[0]) > 1:
                continue
            url = _arg(args, 0, "url")
            http_method = "WEBSOCKET" if method == "websocket_connect" else method.upper()
        if url is None:
            continue
        tpl = _local_template(reader, url, call)
        direct.append((call, http_method, tpl, callee, verb))
        if not (_looks_like_url(tpl) or (_client_like(callee) and _relative_path(tpl))):
            continue
        out.append(_call(reader, call, http_method, tpl, callee))
    wrappers = _wrappers(reader, direct)
    if wrappers:
        out += _wrapper_calls(reader, wrappers)
    out.sort(key=lambda c: c.span)
    return out


def _call(reader, node: Node, method: str, url: Template, callee: str) -> HttpCall:
    conditions, function = reader._where(node.start_byte)
    return HttpCall(
        method,
        url,
        callee,
        node.start_point[0] + 1,
        (node.start_byte, node.end_byte),
        False,
        function,
        conditions,
    )


def _registration(call: Node) -> bool:
    p = call.parent
    return p is not None and p.type == "call" and p.child_by_field_name("function") == call


# ------------------------------------------------------------------------------ arguments


def _arg_lists(arglist: Node | None) -> tuple[list[Node], dict[str, Node]]:
    pos: list[Node] = []
    kw: dict[str, Node] = {}
    for child in arglist.named_children if arglist is not None else ():
        if child.type == "keyword_argument":
            name, value = child.child_by_field_name("name"), child.child_by_field_name("value")
            if name is not None and value is not None:
                kw[parsing.text(name)] = value
        elif child.type not in ("comment", "list_splat", "dictionary_splat"):
            pos.append(child)
    return pos, kw


def _arg(args, index: int, keyword: str) -> Node | None:
    pos, kw = args
    if keyword in kw:
        return kw[keyword]
    return pos[index] if len(pos) > index else None


def _string(node: Node | None) -> str | None:
    from deadcode.facts.py_values import string_value

    return string_value(node) if node is not None else None


def _template(node: Node) -> Template:
    from deadcode.facts.py_values import template_of

    return template_of(node)


# ------------------------------------------------------------------------------ local values


def _function_of(node: Node) -> Node | None:
    n = node.parent
    while n is not None and n.type not in FUNCTION_TYPES:
        n = n.parent
    return n


def _local_template(reader, node: Node, at: Node) -> Template:
    """A URL argument as a template; a plain name assigned once in the enclosing function
    before the call (``url = f"{self.base}{path}"``) is read through."""
    if node.type != "identifier":
        return _template(node)
    fn = _function_of(at)
    if fn is None:
        return _template(node)
    name = reader.text(node)
    found = []
    stack = [fn.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None or (n.type in FUNCTION_TYPES and n != fn):
            continue
        if n.type == "assignment" and n.start_byte < at.start_byte:
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if (
                left is not None
                and left.type == "identifier"
                and reader.text(left) == name
                and right is not None
            ):
                found.append(right)
        stack.extend(n.named_children)
    if len(found) == 1:
        return _template(found[0])
    return _template(node)


# ------------------------------------------------------------------------------ wrappers


def _params(reader, fn: Node) -> tuple[str, ...]:
    from deadcode.facts.python import _param_names

    return tuple(_param_names(fn.child_by_field_name("parameters"), reader.text))


def _param_in(url: Template, params: tuple[str, ...]) -> str | None:
    """The parameter carrying (the rest of) a URL: first, after a substitution, or after a
    prefix like ``/api``; a parameter after ``/items/`` is an id, not a URL."""
    for i, p in enumerate(url.parts):
        if not isinstance(p, Sub) or p.expr not in params or p.expr in ("self", "cls"):
            continue
        before = "".join(x for x in url.parts[:i] if isinstance(x, str))
        prev = url.parts[i - 1] if i else None
        if "?" in before or "#" in before:
            continue
        if prev is None or isinstance(prev, Sub) or re.search(r"[A-Za-z0-9_-]$", prev):
            return p.expr
    return None


def _wrappers(reader, direct) -> dict[str, _Wrapper]:
    found: dict[str, _Wrapper] = {}
    for call, method, url, callee, verb in direct:
        if not _client_like(callee) and not callee.startswith(("requests.", "httpx.", "aiohttp.")):
            continue
        fn = _function_of(call)
        if fn is None:
            continue
        params = _params(reader, fn)
        param = _param_in(url, params)
        if param is None:
            continue
        name = reader.text(fn.child_by_field_name("name"))
        method_param = (
            reader.text(verb)
            if verb is not None and verb.type == "identifier" and reader.text(verb) in params
            else None
        )
        fixed = None if method == "ANY" or method_param else method
        found.setdefault(name, _Wrapper(name, url, param, params, fixed, method_param))
    return found


def _calls_of(reader, names: set[str]) -> list[tuple[Node, str]]:
    """Calls in the file whose callee ends with one of ``names`` (``self._request``, ``get_json``)."""
    out = []
    stack = [reader.root]
    while stack:
        n = stack.pop()
        if n.type == "call":
            fn = n.child_by_field_name("function")
            text = reader.text(fn) if fn is not None else ""
            last = text.rsplit(".", 1)[-1]
            if last in names and fn is not None and fn.type in ("identifier", "attribute"):
                out.append((n, last))
        stack.extend(n.named_children)
    return out


def _wrapper_calls(reader, wrappers: dict[str, _Wrapper]) -> list[HttpCall]:
    out: list[HttpCall] = []
    done: set[int] = set()
    for _ in range(MAX_ROUNDS):
        new: dict[str, _Wrapper] = {}
        for node, name in _calls_of(reader, set(wrappers)):
            if node.start_byte in done:
                continue
            w = wrappers[name]
            fn = node.child_by_field_name("function")
            args = _arg_lists(node.child_by_field_name("arguments"))
            shift = (
                1
                if fn is not None and fn.type == "attribute" and w.params[:1] in (("self",), ("cls",))
                else 0
            )
            arg = _arg(args, w.params.index(w.param) - shift, w.param) if w.param in w.params else None
            if arg is None:
                continue
            key = _local_template(reader, arg, node)
            url = _compose(w, key)
            method = w.method
            if method is None and w.method_param in w.params:
                value = _string(_arg(args, w.params.index(w.method_param) - shift, w.method_param))
                method = value.upper() if value and value.upper() in METHOD_NAMES else None
            method = method or "ANY"
            outer = _function_of(node)
            params = _params(reader, outer) if outer is not None else ()
            forwarded = _param_in(url, params) if params else None
            if forwarded is not None:  # a wrapper of the wrapper: its callers are the requests
                oname = reader.text(outer.child_by_field_name("name"))
                if oname not in wrappers:
                    new.setdefault(
                        oname,
                        _Wrapper(oname, url, forwarded, params, None if method == "ANY" else method, None),
                    )
                done.add(node.start_byte)
                continue
            if not (_looks_like_url(key) or _relative_path(key)):
                continue
            done.add(node.start_byte)
            out.append(_call(reader, node, method, url, reader.text(fn)))
        if not new:
            break
        wrappers = {**wrappers, **new}
    return out


def _compose(w: _Wrapper, key: Template) -> Template:
    parts: list = []
    for p in w.url.parts:
        if isinstance(p, Sub) and p.expr == w.param:
            if (
                parts
                and key.parts
                and isinstance(key.parts[0], str)
                and not key.parts[0].startswith("/")
                and not (isinstance(parts[-1], str) and parts[-1].endswith("/"))
            ):
                parts.append("/")  # httpx's base_url joins a relative path with "/"
            parts.extend(key.parts)
        else:
            parts.append(p)
    return Template.of(parts)


# ------------------------------------------------------------------------------ shapes


def _client_like(callee: str) -> bool:
    """``self._client.get``, ``session.post``, ``httpx.get``: a receiver named like an HTTP client."""
    receiver = callee.rpartition(".")[0]
    return bool(receiver) and PY_CLIENT_RECEIVER.search(receiver) is not None


def _relative_path(url: Template) -> bool:
    """``"v1/datasets/{id}"``: a path relative to the client's base URL."""
    first = url.parts[0] if url.parts else None
    return (
        isinstance(first, str)
        and re.match(r"^[A-Za-z0-9_.-]+/[^\s]*$", first) is not None
        and "://" not in first
    )


def _looks_like_url(url: Template) -> bool:
    """A path or absolute URL: '/x', 'http...', or '{BASE}/x'."""
    parts = url.parts
    if not parts:
        return False
    first = parts[0]
    if isinstance(first, str):
        return first.startswith(("/", "http://", "https://", "ws://", "wss://"))
    return len(parts) > 1 and isinstance(parts[1], str) and parts[1].startswith("/")
