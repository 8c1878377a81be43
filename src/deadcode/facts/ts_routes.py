"""JSX references and routes of a TS/TSX file, a stage of the TS extractor (``facts/typescript.py``
mixes it in; it shares the parsed file): React Router JSX ``<Route>``, route objects and
``createBrowserRouter``, v7 ``routes.ts`` helpers, TanStack Router file routes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import TsJsxRef, TsRoute
from deadcode.facts.ts_nodes import (
    _squash,
    _args,
    _callee,
    _is_literal_node,
    _kids,
    _unwrap,
)

ROUTER_FACTORIES = frozenset(
    {
        "createBrowserRouter",
        "createHashRouter",
        "createMemoryRouter",
        "createStaticRouter",
        "createStaticHandler",
        "useRoutes",
    }
)
ROUTE_RENDER_KEYS = (
    "element",
    "Component",
    "component",
    "errorElement",
    "ErrorBoundary",
    "HydrateFallback",
    "hydrateFallbackElement",
    "render",
)
# An object with path/index and one of these is a route object even without an anchoring call.
ROUTE_STRONG_KEYS = frozenset({"element", "Component", "component", "lazy"})
# TanStack Router: createFileRoute("/_layout/items")({ component: Items }).
TANSTACK_ROUTE_FACTORIES = frozenset(
    {"createFileRoute", "createLazyFileRoute", "createRootRoute", "createRootRouteWithContext"}
)
TANSTACK_COMPONENT_KEYS = ("component", "pendingComponent", "errorComponent", "notFoundComponent")
V7_ROUTE_HELPERS = frozenset({"route", "index", "layout", "prefix"})


def _join_route(parent: str | None, path: str | None) -> str:
    """React Router path joining: absolute child paths stay absolute; ``/*`` of a parent splat
    is dropped before appending; the result always starts with ``/``."""
    base = parent or ""
    if base.endswith("/*"):
        base = base[:-2]
    if path is None or path == "":
        joined = base or "/"
    elif path.startswith("/"):
        joined = path
    else:
        joined = base.rstrip("/") + "/" + path
    joined = re.sub(r"/{2,}", "/", joined)
    return joined if joined.startswith("/") else "/" + joined


def _tanstack_url(route_id: str | None) -> str:
    """``/_layout/items`` -> ``/items``; ``/(app)/posts_/$id/`` -> ``/posts/$id``."""
    segs = []
    for seg in (route_id or "").split("/"):
        if not seg or seg.startswith("_") or (seg.startswith("(") and seg.endswith(")")):
            continue
        segs.append(seg[:-1] if seg.endswith("_") else seg)
    return "/" + "/".join(segs)


@dataclass
class _Route:
    node: Node
    path: str | None
    index: bool
    components: tuple[str, ...]
    lazy: str | None
    dev: bool
    spread: str | None = None
    full: str | None = None  # set when the declaration gives the full URL path itself
    parent: "_Route | None" = None
    children: list["_Route"] = field(default_factory=list)


class RouteStage:
    """Mixin of the TS extractor: JSX component references and route declarations."""

    # ---------------------------------------------------------------- JSX
    def _jsx(self) -> None:
        for el in self._caps("jsx"):
            name = self._jsx_name(el)
            if name is None:
                continue
            whole = el.parent if el.type == "jsx_opening_element" and el.parent is not None else el
            self.jsx.append(TsJsxRef(name, parsing.line(el), parsing.span(whole), self.dev(el)))

    def _jsx_name(self, el: Node) -> str | None:
        """A component name: ``Foo`` or ``Foo.Bar``; None for intrinsic ``div`` / fragments."""
        name = el.child_by_field_name("name")
        if name is None:
            return None
        if name.type == "identifier":
            text = self.t(name)
            return text if text[:1].isupper() else None
        if name.type in ("member_expression", "nested_identifier"):
            return _squash(self.t(name))
        return None

    # ---------------------------------------------------------------- routes
    def _routes(self) -> None:
        roots: list[_Route] = []
        by_key: dict[tuple[int, int], _Route] = {}  # every route declaration, by its node span
        attachable: list[_Route] = []  # parent = the enclosing route declaration (JSX, v7 calls)
        self._jsx_route_elements = self._find_jsx_routes()
        self._jsx_route_spans = [parsing.span(whole) for _, whole, _ in self._jsx_route_elements]
        self._object_routes(roots, by_key)
        self._v7_routes(by_key, attachable)
        self._tanstack_routes(roots)
        self._jsx_routes(by_key, attachable)
        self._attach(attachable, roots, by_key)
        roots.sort(key=lambda r: r.node.start_byte)
        stack: list[tuple[_Route, int | None, str | None]] = [(r, None, None) for r in reversed(roots)]
        while stack:  # pre-order, so a parent's index is known before its children
            r, parent, parent_full = stack.pop()
            if r.full is not None:
                full = r.full
            elif r.spread is not None:
                full = parent_full
            else:
                full = _join_route(parent_full, r.path)
            self.routes.append(
                TsRoute(
                    r.path,
                    full or "/",
                    r.index,
                    r.components,
                    r.lazy,
                    parent,
                    parsing.line(r.node),
                    parsing.span(r.node),
                    r.dev,
                    r.spread,
                )
            )
            me = len(self.routes) - 1
            stack.extend((c, me, full) for c in reversed(r.children))

    @staticmethod
    def _attach(attachable: list[_Route], roots: list[_Route], by_key: dict[tuple[int, int], _Route]) -> None:
        """Parent = the innermost route declaration whose span holds the route (one sweep over
        the spans in order; the syntax tree nests, so spans never partly overlap)."""
        wanted = {id(r) for r in attachable}
        open_: list[tuple[int, _Route]] = []  # (end, route) of the declarations around the cursor
        touched: list[_Route] = []
        for (start, end), r in sorted(by_key.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            while open_ and open_[-1][0] <= start:
                open_.pop()
            if id(r) in wanted:
                if open_ and open_[-1][0] >= end:
                    parent = open_[-1][1]
                    r.parent = parent
                    parent.children.append(r)
                    touched.append(parent)
                else:
                    roots.append(r)
            open_.append((end, r))
        for parent in touched:
            parent.children.sort(key=lambda c: c.node.start_byte)

    def _components(self, node: Node | None, skip: list[tuple[int, int]]) -> list[str]:
        """Component names rendered by an expression: JSX names and capitalised identifiers
        (``Component={Page}``, ``withAuth(Page)``), outside nested route declarations."""
        if node is None:
            return []
        out: list[str] = []
        outer: list[tuple[int, int]] = []  # the outermost skipped spans, sorted: a bisect each
        for sp in sorted(skip):
            if not outer or sp[0] >= outer[-1][1]:
                outer.append(sp)
        starts = [sp[0] for sp in outer]

        def skipped(off: int) -> bool:
            i = bisect.bisect_right(starts, off) - 1
            return i >= 0 and off < outer[i][1]

        for el in self._in_range("jsx", node.start_byte, node.end_byte):
            if skipped(el.start_byte):
                continue
            name = self._jsx_name(el)
            if name is not None and name != "Route":
                out.append(name)
        for ident in self._in_range("id", node.start_byte, node.end_byte):
            if ident.type != "identifier" or skipped(ident.start_byte):
                continue
            text = self.t(ident)
            parent = ident.parent
            if not text[:1].isupper() or parent is None:
                continue
            if parent.type in (
                "jsx_opening_element",
                "jsx_self_closing_element",
                "jsx_closing_element",
                "member_expression",
                "nested_identifier",
            ):
                continue
            out.append(text)
        return list(dict.fromkeys(out))

    def _path_value(self, node: Node | None) -> str | None:
        """A route path as written; a same-file string constant is resolved."""
        node = _unwrap(node)
        if node is None:
            return None
        if node.type == "jsx_expression":
            kids = _kids(node)
            return self._path_value(kids[0]) if kids else None
        value = self.string_value(node)
        if value is not None:
            return value
        text = self._expr_text(node)
        bound = self.bindings.get(text)
        if bound is not None and _is_literal_node(bound):
            return self.string_value(bound)
        for c in self.consts_pending:
            if c[0] == text and c[1].is_literal:
                return c[1].text()
        return self.template(node).text()

    def _lazy_spec(self, node: Node | None) -> str | None:
        if node is None:
            return None
        for call in self._in_range("call", node.start_byte, node.end_byte):
            fn = _callee(call)
            if fn is not None and fn.type == "import":
                args = _args(call)
                spec = self.string_value(args[0]) if args else None
                if spec is not None:
                    return spec
        return None

    # route objects -------------------------------------------------
    def _object_routes(self, roots: list[_Route], by_key: dict[tuple[int, int], _Route]) -> None:
        seeds: list[Node] = []
        for call in self._caps("call"):
            name = self.callee_text(call).rsplit(".", 1)[-1]
            if name in ROUTER_FACTORIES:
                args = _args(call)
                if args:
                    seeds.append(args[0])
        for pair in self._caps("pair"):
            key = self._name_text(pair.child_by_field_name("key"))
            if key not in ("path", "index"):
                continue
            obj = pair.parent
            if obj is None or obj.type != "object" or not self._strong_route(obj):
                continue
            seeds.append(self._route_container(obj))
        trees: list[tuple[tuple[int, int], list[_Route]]] = []
        visits: dict[tuple[int, int], int] = {}  # table node -> how many trees reached it
        for seed in sorted(seeds, key=lambda n: (n.start_byte, -n.end_byte)):
            key = (seed.start_byte, seed.end_byte)
            if key in visits:
                continue  # nested in a table already read
            visited: set[tuple[int, int]] = {key}
            out: list[_Route] = []
            self._route_items(seed, out, visited, self.dev(seed), set())
            for k in visited:
                visits[k] = visits.get(k, 0) + 1
            trees.append((key, out))
        for key, out in trees:
            if visits[key] > 1:
                continue  # `const admin = [...]` spread into a later table of this file: read there
            roots.extend(out)
        stack = list(roots)
        while stack:
            r = stack.pop()
            by_key.setdefault((r.node.start_byte, r.node.end_byte), r)
            stack.extend(r.children)

    def _strong_route(self, obj: Node) -> bool:
        pairs, _ = self.object_pairs(obj)
        return ("path" in pairs or "index" in pairs) and any(k in pairs for k in ROUTE_STRONG_KEYS)

    def _route_container(self, obj: Node) -> Node:
        """The array a route object sits in (through ``cond && {...}`` and ternaries), or itself."""
        n = obj
        while n.parent is not None and n.parent.type in (
            "parenthesized_expression",
            "binary_expression",
            "ternary_expression",
            "as_expression",
            "satisfies_expression",
        ):
            n = n.parent
        if n.parent is not None and n.parent.type == "array":
            return n.parent
        return obj

    def _route_items(self, node: Node | None, out: list[_Route], visited: set, dev: bool, guard: set) -> None:
        """Route objects of a route table expression (array, object, spread, conditional)."""
        node = _unwrap(node)
        if node is None:
            return
        key = (node.start_byte, node.end_byte)
        dev = dev or self.dev(node)
        t = node.type
        if t == "array":
            visited.add(key)
            for el in _kids(node):
                self._route_items(el, out, visited, dev, guard)
        elif t == "object":
            visited.add(key)
            out.append(self._route_object(node, visited, dev, guard))
        elif t == "spread_element":
            arg = _unwrap(next(iter(_kids(node)), None))
            if (
                arg is not None
                and arg.type in ("identifier", "member_expression", "call_expression", "await_expression")
                and self._bound_table(arg, guard) is None
            ):
                out.append(_Route(node, None, False, (), None, dev, spread=self._expr_text(arg)))
            else:
                self._route_items(arg, out, visited, dev, guard)
        elif t == "ternary_expression":
            self._route_items(node.child_by_field_name("consequence"), out, visited, dev, guard)
            self._route_items(node.child_by_field_name("alternative"), out, visited, dev, guard)
        elif t == "binary_expression" and self.t(node.child_by_field_name("operator")) in ("&&", "||", "??"):
            self._route_items(node.child_by_field_name("right"), out, visited, dev, guard)
        elif t == "identifier":
            bound = self._bound_table(node, guard)
            if bound is not None:
                name = self.t(node)
                self._route_items(bound, out, visited, dev, guard | {name})
        elif t == "call_expression":
            fn = _callee(node)
            if (
                fn is not None
                and fn.type == "member_expression"
                and self.t(fn.child_by_field_name("property")) in ("filter", "concat", "flat")
            ):  # [...].filter(Boolean)
                self._route_items(fn.child_by_field_name("object"), out, visited, dev, guard)
                if self.t(fn.child_by_field_name("property")) == "concat":
                    for a in _args(node):
                        self._route_items(a, out, visited, dev, guard)

    def _bound_table(self, node: Node, guard: set) -> Node | None:
        """A same-file ``const x = [...]`` / ``{...}`` that an identifier names."""
        if node.type != "identifier":
            return None
        name = self.t(node)
        bound = self.bindings.get(name)
        if bound is None or name in guard or bound.type not in ("array", "object"):
            return None
        return bound

    def _route_object(self, obj: Node, visited: set, dev: bool, guard: set) -> _Route:
        pairs, _ = self.object_pairs(obj)
        path = self._path_value(pairs["path"]) if "path" in pairs else None
        index_node = _unwrap(pairs.get("index"))
        index = index_node is not None and index_node.type == "true"
        children_node = pairs.get("children")
        skip = list(self._jsx_route_spans)  # <Route>s inside an element are routes of their own
        if children_node is not None:
            skip.append(parsing.span(children_node))
        comps: list[str] = []
        for k in ROUTE_RENDER_KEYS:
            if k in pairs:
                comps.extend(self._components(pairs[k], skip))
        r = _Route(obj, path, index, tuple(dict.fromkeys(comps)), self._lazy_spec(pairs.get("lazy")), dev)
        if children_node is not None:
            kids: list[_Route] = []
            cn = _unwrap(children_node)
            if (
                cn is not None
                and cn.type in ("identifier", "member_expression", "call_expression", "await_expression")
                and self._bound_table(cn, guard) is None
            ):
                kids.append(_Route(cn, None, False, (), None, dev, spread=self._expr_text(cn)))
            else:
                self._route_items(children_node, kids, visited, dev, guard)
            for k in kids:
                k.parent = r
            r.children = kids
        return r

    # React Router v7 routes.ts ------------------------------------
    def _v7_helpers(self) -> dict[str, str]:
        """Local name -> helper for route/index/layout/prefix imported from a react-router module."""
        out: dict[str, str] = {}
        for imp in self.imports:
            if "react-router" not in imp.specifier:
                continue
            for imported, local in imp.names:
                if imported in V7_ROUTE_HELPERS:
                    out[local] = imported
        return out

    def _v7_routes(self, by_key: dict[tuple[int, int], _Route], attachable: list[_Route]) -> None:
        helpers = self._v7_helpers()
        if not helpers:
            return
        found: list[_Route] = []
        arrays: dict[tuple[int, int], Node] = {}  # config arrays: where spreads of other configs sit
        for call in self._caps("call"):
            fn = _callee(call)
            if fn is None or fn.type != "identifier" or self.t(fn) not in helpers:
                continue
            helper = helpers[self.t(fn)]
            args = _args(call)
            strings = [self.string_value(a) for a in args]
            dev = self.dev(call)
            r: _Route | None = None
            if helper == "route" and len(args) >= 2 and strings[1] is not None:
                r = _Route(call, self._path_value(args[0]), False, (), strings[1], dev)
            elif helper == "index" and args and strings[0] is not None:
                r = _Route(call, None, True, (), strings[0], dev)
            elif helper == "layout" and args and strings[0] is not None:
                r = _Route(call, None, False, (), strings[0], dev)
            elif helper == "prefix" and args:
                r = _Route(call, self._path_value(args[0]), False, (), None, dev)
            if r is None:
                continue
            by_key[(call.start_byte, call.end_byte)] = r
            found.append(r)
            holder = (
                call.parent.parent
                if call.parent is not None and call.parent.type == "spread_element"
                else call.parent
            )
            for arr in [holder] + [_unwrap(a) for a in args]:
                if arr is not None and arr.type == "array":
                    arrays[(arr.start_byte, arr.end_byte)] = arr
        for arr in arrays.values():
            for el in _kids(arr):
                if el.type != "spread_element":
                    continue
                arg = _unwrap(next(iter(_kids(el)), None))
                fn = _callee(arg) if arg is not None and arg.type == "call_expression" else None
                if arg is None or (fn is not None and self.t(fn) in helpers):
                    continue  # ...prefix("p", [...]) is a route call itself
                s = _Route(el, None, False, (), None, self.dev(el), spread=self._expr_text(arg))
                by_key[(el.start_byte, el.end_byte)] = s
                found.append(s)
        attachable.extend(found)

    # TanStack Router ------------------------------------------------
    def _tanstack_routes(self, roots: list[_Route]) -> None:
        """``createFileRoute("/_layout/items")({ component: Items })`` and the root route. The
        path is the file-route id: ``_pathless`` segments and ``(groups)`` do not reach the URL."""
        for call in self._caps("call"):
            fn = _callee(call)
            if fn is None or fn.type != "call_expression":
                continue  # the options call: createFileRoute(path)(options)
            factory = self.callee_text(fn).split("<")[0]
            if factory not in TANSTACK_ROUTE_FACTORIES:
                continue
            fargs = _args(fn)
            path = self.string_value(fargs[0]) if fargs else None
            if factory.startswith("createRoot"):
                path = None
            elif path is None:
                continue
            options = _unwrap(next(iter(_args(call)), None))
            comps: list[str] = []
            if options is not None and options.type == "object":
                pairs, _ = self.object_pairs(options)
                for k in TANSTACK_COMPONENT_KEYS:
                    if k in pairs:
                        comps.extend(self._components(pairs[k], []))
            index = path is not None and path.endswith("/") and path != "/"
            r = _Route(call, path, index, tuple(dict.fromkeys(comps)), None, self.dev(call))
            r.full = _tanstack_url(path)
            roots.append(r)

    # JSX <Route> --------------------------------------------------
    def _find_jsx_routes(self) -> list[tuple[Node, Node, dict[str, Node | None]]]:
        """(opening or self-closing element, whole element, attributes) of each route declaration."""
        elements: list[tuple[Node, Node, dict[str, Node | None]]] = []
        for el in self._caps("jsx"):
            name = el.child_by_field_name("name")
            if name is None or name.type != "identifier":
                continue
            text = self.t(name)
            if not text.endswith("Route"):
                continue
            attrs = self._jsx_attrs(el)
            if text != "Route" and "path" not in attrs:
                continue  # <ProtectedRoute> as a wrapper inside an element, not a declaration
            whole = el.parent if el.type == "jsx_opening_element" and el.parent is not None else el
            elements.append((el, whole, attrs))
        return elements

    def _jsx_routes(self, by_key: dict[tuple[int, int], _Route], attachable: list[_Route]) -> None:
        elements = self._jsx_route_elements
        spans = self._jsx_route_spans
        for el, whole, attrs in elements:
            inner = [
                s
                for s in spans
                if s != parsing.span(whole) and whole.start_byte <= s[0] and s[1] <= whole.end_byte
            ]
            path = self._path_value(attrs["path"]) if attrs.get("path") is not None else None
            index = "index" in attrs and (
                attrs["index"] is None or self.t(_unwrap(attrs["index"])).strip("{} ") == "true"
            )
            comps: list[str] = []
            for k in ROUTE_RENDER_KEYS:
                if attrs.get(k) is not None:
                    comps.extend(self._components(attrs[k], inner))
            if whole is not el:  # v5 style: <Route path="/x"><Page/></Route>
                for child in _kids(whole):
                    if child.type not in ("jsx_opening_element", "jsx_closing_element"):
                        comps.extend(self._components(child, inner))
            r = _Route(
                whole,
                path,
                index,
                tuple(dict.fromkeys(comps)),
                self._lazy_spec(attrs.get("lazy")),
                self.dev(whole),
            )
            by_key[(whole.start_byte, whole.end_byte)] = r
            attachable.append(r)

    def _jsx_attrs(self, el: Node) -> dict[str, Node | None]:
        out: dict[str, Node | None] = {}
        for a in _kids(el):
            if a.type != "jsx_attribute":
                continue
            kids = _kids(a)
            if not kids:
                continue
            out[self.t(kids[0])] = kids[1] if len(kids) > 1 else None
        return out
