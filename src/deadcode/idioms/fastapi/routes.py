"""FastAPI (and Starlette) routes in one Python file, read in the Python extractor's single pass
(``routes.scm`` runs in its combined query).

What it emits is generic, and the graph places endpoints by following it (graph/routes.py):
- ``PyApp`` (``FastAPI()``), ``PyRouter`` (``APIRouter(prefix=)``, also ``self.router = ...``
  in a class and chained ``a = b = APIRouter()``), ``PyEndpoint`` (route decorators,
  ``add_api_route``), ``PyInclude`` (``include_router``; ``mount`` of a sub-app; one per item
  of a loop over a literal list: ``for r in [a.router, b.router]: app.include_router(r)``);
- how apps and routers flow: ``PyRouteCall`` (a helper handed an app: ``register(app)``),
  ``PyRouteAssign`` (``secrets = VaultRouter(...)``, ``app = create_app()``), ``PyRouteParam``
  (the helper's parameter that routes go on), ``PyRouteReturn`` (what a factory returns)."""

from __future__ import annotations

import re

from tree_sitter import Node

from deadcode.facts.model import (
    PyApp,
    PyEndpoint,
    PyInclude,
    PyRouteAssign,
    PyRouteCall,
    PyRouteParam,
    PyRouter,
    PyRouteReturn,
    Sub,
    Template,
)
from deadcode.facts.py_values import (
    arg,
    last_part,
    read_args,
    statement_of,
    string_list,
    template_of,
    unparen,
)

ROUTE_METHODS = {
    "get": "GET",
    "post": "POST",
    "put": "PUT",
    "patch": "PATCH",
    "delete": "DELETE",
    "head": "HEAD",
    "options": "OPTIONS",
    "trace": "TRACE",
    "websocket": "WEBSOCKET",
    "websocket_route": "WEBSOCKET",
}
# calls the route query already reads: not hand-offs to a helper
ROUTE_CALLS = frozenset(
    {"include_router", "add_api_route", "add_api_websocket_route", "mount", "api_route", *ROUTE_METHODS}
)
CONSTRUCTORS = re.compile(r"(^|\.)(FastAPI|APIRouter)$")


def read_routes(module, matches) -> dict[str, tuple]:
    """``PyFacts`` fields from the matches of ``routes.scm``; ``module`` is the extractor's
    reader (``text``, ``_where``, ``defs``, ``module_assigns``)."""
    apps: list[PyApp] = []
    routers: list[PyRouter] = []
    endpoints: list[PyEndpoint] = []
    includes: list[PyInclude] = []
    calls: dict[int, PyRouteCall] = {}
    assigns: dict[int, PyRouteAssign] = {}
    returns: list[PyRouteReturn] = []
    for _idx, caps in matches:
        if "decorated" in caps:
            _route_decorator(module, caps, endpoints)
        elif "call" in caps:
            _router_call(module, caps, endpoints, includes)
        elif "construct" in caps:
            _construct(module, caps, apps, routers)
        elif "handoff" in caps:
            call = caps["handoff"][0]
            callee = module.text(caps["hcallee"][0])
            if call.id not in calls and last_part(callee) not in ROUTE_CALLS:
                calls[call.id] = _route_call(module, call, callee)
        elif "assign" in caps:
            node = caps["assign"][0]
            callee = module.text(caps["acallee"][0])
            if node.id not in assigns and not CONSTRUCTORS.search(callee):
                function = module._where(node.start_byte)[1]
                assigns[node.id] = PyRouteAssign(
                    module.text(caps["atarget"][0]), callee, node.start_point[0] + 1, function
                )
        elif "return" in caps:
            function = module._where(caps["return"][0].start_byte)[1]
            if function:
                returns.append(PyRouteReturn(function, module.text(caps["ret"][0])))
    endpoints.sort(key=lambda e: (e.span, e.line, e.method))
    includes.sort(key=lambda i: i.span)
    apps.sort(key=lambda a: a.line)
    routers.sort(key=lambda r: (r.line, r.var))
    route_calls = tuple(sorted(calls.values(), key=lambda c: (c.line, c.callee)))
    out = {
        "apps": tuple(apps),
        "routers": tuple(routers),
        "endpoints": tuple(endpoints),
        "includes": tuple(includes),
    }
    if route_calls:
        out["route_calls"] = route_calls
    if assigns:
        out["route_assigns"] = tuple(sorted(assigns.values(), key=lambda a: (a.line, a.target)))
    if returns:
        out["route_returns"] = tuple(dict.fromkeys(returns))
    params = _route_params(module, endpoints, includes, route_calls)
    if params:
        out["route_params"] = params
    return out


def _construct(module, caps, apps: list[PyApp], routers: list[PyRouter]) -> None:
    node = caps["construct"][0]
    ctor = last_part(module.text(caps["ctor"][0]))
    args = read_args(caps["args"][0])
    line = node.start_point[0] + 1
    function = module._where(node.start_byte)[1]
    names = [module.text(caps["var"][0])]
    if "." in names[0] and not (
        names[0].startswith("self.") and names[0].count(".") == 1 and function in _classes(module)
    ):
        return  # only an attribute of an instance of a class here (``self.router``) is one
    outer = node.parent  # users_router = r = APIRouter(): one router, two names
    while outer is not None and outer.type == "assignment" and outer.child_by_field_name("right") == node:
        left = outer.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            names.append(module.text(left))
        node, outer = outer, outer.parent
    for var in names:
        if ctor == "FastAPI":
            root_path = args.keywords.get("root_path")
            apps.append(PyApp(var, line, template_of(root_path) if root_path is not None else None, function))
        else:
            prefix = args.keywords.get("prefix")
            routers.append(PyRouter(var, template_of(prefix) if prefix is not None else None, line, function))


def _classes(module) -> set[str]:
    return {d.name for d in module.defs if d.kind == "class"}


def _route_call(module, call: Node, callee: str) -> PyRouteCall:
    args = read_args(call.child_by_field_name("arguments"))
    positional = tuple(
        module.text(a) if a.type in ("identifier", "attribute") else "" for a in args.positional
    )
    keywords = tuple(
        (k, module.text(v)) for k, v in args.keywords.items() if v.type in ("identifier", "attribute")
    )
    return PyRouteCall(
        callee, positional, keywords, call.start_point[0] + 1, module._where(call.start_byte)[1]
    )


def _declaring_scope(module, decorated: Node) -> str | None:
    """The top-level definition a decorated handler sits in (None at module level): the position
    of the decorator itself lies inside the handler's own range."""
    parent = decorated.parent
    if parent is None or parent.type == "module":
        return None
    return module._where(parent.start_byte)[1]


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
    name = (
        _string_value(module.text(name_node))
        if name_node is not None and name_node.type == "string"
        else None
    )
    scope = _declaring_scope(module, decorated)
    for m in dict.fromkeys(x.upper() for x in methods):
        endpoints.append(PyEndpoint(owner, m, path, handler, line, span, conditions, name, scope))


def _router_call(module, caps, endpoints: list[PyEndpoint], includes: list[PyInclude]) -> None:
    call = caps["call"][0]
    method = module.text(caps["method"][0])
    owner = module.text(caps["owner"][0])
    args = read_args(caps["args"][0])
    stmt = statement_of(call)
    span = (stmt.start_byte, stmt.end_byte)
    conditions, function = module._where(call.start_byte)
    line = call.start_point[0] + 1
    if method in ("include_router", "mount"):
        if method == "mount":
            child, prefix = arg(args, 1, "app"), arg(args, 0, "path")
        else:
            child, prefix = arg(args, 0, "router"), args.keywords.get("prefix")
        if child is None or child.type not in ("identifier", "attribute", "call", "subscript"):
            return
        kind = "mount" if method == "mount" else "include"
        for child_text, prefix_tpl in _loop_items(module, call, module.text(child), prefix):
            includes.append(PyInclude(owner, child_text, prefix_tpl, line, span, conditions, function, kind))
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
        endpoints.append(
            PyEndpoint(owner, m, template_of(path_node), handler, line, span, conditions, None, function)
        )


# ------------------------------------------------------------------------------ loops


def _loop_items(module, call: Node, child: str, prefix: Node | None) -> list[tuple[str, Template | None]]:
    """``(child, prefix)`` of an include, once per item when it sits in a loop over a literal
    list (or a module-level list of this file) that binds the child's root name:
    ``for r in [a.router, b.router]``, ``for router, prefix in ROUTERS``, ``for k, v in D.items()``."""
    plain = [(child, template_of(prefix) if prefix is not None else None)]
    loop = call.parent
    while loop is not None and loop.type not in ("for_statement", "function_definition", "module"):
        loop = loop.parent
    if loop is None or loop.type != "for_statement":
        return plain
    names = _bound_names(module, loop.child_by_field_name("left"))
    root = re.match(r"[A-Za-z_]\w*", child)
    if not names or root is None or root.group(0) not in names:
        return plain
    function = loop.parent
    while function is not None and function.type not in ("function_definition", "module"):
        function = function.parent
    items = _literal_items(module, loop.child_by_field_name("right"), function)
    if items is None:
        return plain
    out = []
    for item in items:
        values = [item] if len(names) == 1 else _unpack(item, len(names))
        if values is None:
            return plain
        binding = dict(zip(names, values))
        node = unparen(binding[root.group(0)])
        text = module.text(node) + child[len(root.group(0)) :]
        if prefix is not None and prefix.type == "identifier" and module.text(prefix) in binding:
            tpl = template_of(binding[module.text(prefix)])
        else:
            tpl = template_of(prefix) if prefix is not None else None
        out.append((text, tpl))
    return out or plain


def _bound_names(module, left: Node | None) -> list[str]:
    left = unparen(left)
    if left is None:
        return []
    if left.type == "identifier":
        return [module.text(left)]
    if left.type in ("pattern_list", "tuple_pattern", "list_pattern"):
        names = [module.text(c) for c in left.named_children if c.type == "identifier"]
        return names if len(names) == left.named_child_count else []
    return []


def _literal_items(module, right: Node | None, function: Node | None = None) -> list[Node] | None:
    """The items of a list/tuple/set literal, of a module-level one named here, of the default
    of a parameter of the loop's function (``def create_app(routers: List = ROUTERS)``), or the
    (key, value) pairs of ``D.items()`` over a literal dict."""
    right = unparen(right)
    default = _parameter_default(module, function, right)
    if default is not None:
        right = default
    if right is None:
        return None
    if right.type == "call":
        fn = right.child_by_field_name("function")
        if (
            fn is None
            or fn.type != "attribute"
            or module.text(fn.child_by_field_name("attribute")) != "items"
        ):
            return None
        target = _named_literal(module, fn.child_by_field_name("object"))
        if target is None or target.type != "dictionary":
            return None
        return [p for p in target.named_children if p.type == "pair"]
    target = _named_literal(module, right)
    if target is None or target.type not in ("list", "tuple", "set"):
        return None
    return [c for c in target.named_children if c.type != "comment"]


def _parameter_default(module, function: Node | None, node: Node | None) -> Node | None:
    """The default value of the parameter ``node`` names, when it is one of ``function``'s. A
    caller may pass another list: the default is what the app runs with unless it does."""
    if (
        function is None
        or function.type != "function_definition"
        or node is None
        or node.type != "identifier"
    ):
        return None
    params = function.child_by_field_name("parameters")
    name = module.text(node)
    for p in params.named_children if params is not None else ():
        if p.type in ("default_parameter", "typed_default_parameter"):
            pname = p.child_by_field_name("name")
            if pname is not None and module.text(pname) == name:
                return unparen(p.child_by_field_name("value"))
    return None


def _named_literal(module, node: Node | None) -> Node | None:
    node = unparen(node)
    if node is not None and node.type == "identifier":
        name = module.text(node)
        for var, value, _stmt in module.module_assigns:
            if var == name:
                node = unparen(value)
    return node


def _unpack(item: Node, count: int) -> list[Node] | None:
    item = unparen(item)
    if item.type == "pair":
        parts = [item.child_by_field_name("key"), item.child_by_field_name("value")]
    elif item.type in ("tuple", "list"):
        parts = [c for c in item.named_children if c.type != "comment"]
    else:
        return None
    return parts if len(parts) == count and all(p is not None for p in parts) else None


# ------------------------------------------------------------------------------ helpers' parameters


def _route_params(module, endpoints, includes, calls) -> tuple[PyRouteParam, ...]:
    """Parameters of top-level functions that routes are declared or mounted on, or that are
    handed on to another helper: ``def register(app, router): app.include_router(router)``."""
    used: dict[str, set[str]] = {}

    def use(function: str | None, expr: str) -> None:
        root = re.match(r"[A-Za-z_]\w*", expr)
        if function and root:
            used.setdefault(function, set()).add(root.group(0))

    for e in endpoints:
        use(e.function, e.owner)
    for i in includes:
        use(i.function, i.parent)
        use(i.function, i.child)
    for c in calls:
        for a in c.args:
            use(c.function, a)
        for _k, v in c.keywords:
            use(c.function, v)
    out = []
    for d in module.defs:
        if d.kind != "function" or d.name not in used:
            continue
        for name, index in _positional_params(module, d.node.child_by_field_name("parameters")):
            if name in used[d.name]:
                out.append(PyRouteParam(d.name, name, index))
    return tuple(out)


def _positional_params(module, params: Node | None) -> list[tuple[str, int]]:
    """(name, position) of each parameter; -1 for keyword-only ones (after ``*`` / ``*args``)."""
    out: list[tuple[str, int]] = []
    index = 0
    for p in params.named_children if params is not None else ():
        name = None
        if p.type == "identifier":
            name = module.text(p)
        elif p.type in ("default_parameter", "typed_default_parameter"):
            name = module.text(p.child_by_field_name("name"))
        elif p.type == "typed_parameter":
            ident = next((c for c in p.named_children if c.type == "identifier"), None)
            name = module.text(ident) if ident is not None else None
        elif p.type in ("list_splat_pattern", "keyword_separator"):
            index = -1
            continue
        if name is not None:
            out.append((name, index))
            index = index + 1 if index >= 0 else -1
    return out


# ------------------------------------------------------------------------------ small helpers


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
