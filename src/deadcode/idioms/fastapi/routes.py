"""FastAPI (and Starlette) routes in one Python file, read in the Python extractor's single pass
(``routes.scm`` runs in its combined query): apps (``FastAPI()``), routers (``APIRouter(prefix=)``),
endpoints (route decorators, ``add_api_route``) and includes (``include_router``). What it
emits is generic: ``PyApp``, ``PyRouter``, ``PyEndpoint``, ``PyInclude``; the graph places
endpoints by following includes (graph/routes.py) and never names FastAPI."""

from __future__ import annotations

import re

from deadcode.facts.model import PyApp, PyEndpoint, PyInclude, PyRouter, Sub, Template
from deadcode.facts.py_values import arg, last_part, read_args, statement_of, string_list, template_of

ROUTE_METHODS = {
    "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
    "head": "HEAD", "options": "OPTIONS", "trace": "TRACE",
    "websocket": "WEBSOCKET", "websocket_route": "WEBSOCKET",
}


def read_routes(module, matches) -> dict[str, tuple]:
    """``PyFacts`` fields from the matches of ``routes.scm``; ``module`` is the extractor's
    reader (``text``, ``_where``)."""
    apps: list[PyApp] = []
    routers: list[PyRouter] = []
    endpoints: list[PyEndpoint] = []
    includes: list[PyInclude] = []
    for _idx, caps in matches:
        if "decorated" in caps:
            _route_decorator(module, caps, endpoints)
        elif "call" in caps:
            _router_call(module, caps, endpoints, includes)
        elif "construct" in caps:
            var = module.text(caps["var"][0])
            ctor = last_part(module.text(caps["ctor"][0]))
            args = read_args(caps["args"][0])
            line = caps["construct"][0].start_point[0] + 1
            if ctor == "FastAPI":
                root_path = args.keywords.get("root_path")
                apps.append(PyApp(var, line, template_of(root_path) if root_path is not None else None))
            else:
                prefix = args.keywords.get("prefix")
                routers.append(PyRouter(var, template_of(prefix) if prefix is not None else None, line))
    endpoints.sort(key=lambda e: (e.span, e.line, e.method))
    includes.sort(key=lambda i: i.span)
    apps.sort(key=lambda a: a.line)
    routers.sort(key=lambda r: r.line)
    return {"apps": tuple(apps), "routers": tuple(routers), "endpoints": tuple(endpoints),
            "includes": tuple(includes)}


def _route_decorator(module, caps, endpoints: list[PyEndpoint]) -> None:
    decorated = caps["decorated"][0]
    call = caps["route"][0]
    method = module.text(caps["method"][0])
    args = read_args(caps["args"][0])
    path_node = arg(args, 0, "path")
    if path_node is None:
        return
    path = template_of(path_node)
    if not _looks_like_route(path):
        return
    if method == "api_route":
        methods = string_list(args.keywords.get("methods")) or ["GET"]
    else:
        methods = [ROUTE_METHODS[method]]
    conditions, _function = module._where(decorated.start_byte)
    owner = module.text(caps["owner"][0])
    handler = module.text(caps["handler"][0])
    line = call.start_point[0] + 1
    span = (decorated.start_byte, decorated.end_byte)
    name_node = args.keywords.get("name")
    name = _string_value(module.text(name_node)) if name_node is not None and name_node.type == "string" else None
    for m in dict.fromkeys(x.upper() for x in methods):
        endpoints.append(PyEndpoint(owner, m, path, handler, line, span, conditions, name))


def _router_call(module, caps, endpoints: list[PyEndpoint], includes: list[PyInclude]) -> None:
    call = caps["call"][0]
    method = module.text(caps["method"][0])
    owner = module.text(caps["owner"][0])
    args = read_args(caps["args"][0])
    stmt = statement_of(call)
    span = (stmt.start_byte, stmt.end_byte)
    conditions, function = module._where(call.start_byte)
    line = call.start_point[0] + 1
    if method == "include_router":
        child = arg(args, 0, "router")
        if child is None:
            return
        prefix = args.keywords.get("prefix")
        prefix_tpl = template_of(prefix) if prefix is not None else None
        includes.append(PyInclude(owner, module.text(child), prefix_tpl, line, span, conditions, function))
        return
    path_node = arg(args, 0, "path")
    if path_node is None:
        return
    handler_node = arg(args, 1, "endpoint")
    named = handler_node is not None and handler_node.type == "identifier"
    handler = module.text(handler_node) if named else ""
    if method == "add_api_websocket_route":
        methods = ["WEBSOCKET"]
    else:
        methods = string_list(args.keywords.get("methods")) or ["GET"]
    for m in dict.fromkeys(x.upper() for x in methods):
        endpoints.append(PyEndpoint(owner, m, template_of(path_node), handler, line, span, conditions))


def _looks_like_route(path: Template) -> bool:
    """A route path: empty, starting with '/', or built from a name/f-string substitution."""
    if not path.parts:
        return True
    first = path.parts[0]
    return isinstance(first, Sub) or first.startswith("/")


def _string_value(source: str) -> str | None:
    """The value of a plain string literal (``"item_page"``), None for f-strings and the rest."""
    m = re.fullmatch(r"""[rRuU]?(['"])([^'"\\{}]*)\1""", source.strip())
    return m.group(2) if m else None
