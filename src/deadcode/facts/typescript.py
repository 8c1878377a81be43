"""TypeScript / TSX / JavaScript file -> TsFacts (imports, exports, JSX, routes, HTTP calls, ...).

One parse and one query traversal per file (``queries/<grammar>/facts.scm`` finds candidate
nodes); small Python functions check structure. Grammar: ``typescript`` for .ts/.mts/.cts,
``tsx`` for everything else, including .js/.mjs/.cjs: plain JavaScript often holds JSX (which
the typescript grammar rejects) and can never hold a ``<T>expr`` type assertion (which is the
one thing tsx mis-parses).

Bad input never raises: a syntax error gives ``partial`` and a ``syntax error at line N``
problem, and every fact that parsed is still returned; each stage is guarded on its own so a
bug in one stage costs only that stage's facts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import (
    HttpCall,
    Span,
    Sub,
    Template,
    TsConst,
    TsExport,
    TsFacts,
    TsImport,
    TsJsxRef,
    TsReExport,
    TsRoute,
    TsWrapper,
)
from deadcode.facts.ts_http import HttpStage
from deadcode.facts.ts_nodes import (
    _IDENT,
    FUNCTION_NODES,
    WRAPPER_NODES,
    _args,
    _callee,
    _has_child_token,
    _is_literal_node,
    _kids,
    _merge,
    _start,
    _unwrap,
    _url_like,
)
from deadcode.facts.ts_values import UrlValues
from deadcode.idioms import axios
from deadcode.idioms.http_clients import env_name

QUERY = "facts"
TS_EXTENSIONS = (".ts", ".mts", ".cts")

# What a client call is: idioms/http_clients.py (data) and the client idioms; read in facts/ts_http.py.
ROUTER_FACTORIES = frozenset({"createBrowserRouter", "createHashRouter", "createMemoryRouter",
                              "createStaticRouter", "createStaticHandler", "useRoutes"})
ROUTE_RENDER_KEYS = ("element", "Component", "component", "errorElement", "ErrorBoundary",
                     "HydrateFallback", "hydrateFallbackElement", "render")
# An object with path/index and one of these is a route object even without an anchoring call.
ROUTE_STRONG_KEYS = frozenset({"element", "Component", "component", "lazy"})
# TanStack Router: createFileRoute("/_layout/items")({ component: Items }).
TANSTACK_ROUTE_FACTORIES = frozenset({"createFileRoute", "createLazyFileRoute", "createRootRoute",
                                      "createRootRouteWithContext"})
TANSTACK_COMPONENT_KEYS = ("component", "pendingComponent", "errorComponent", "notFoundComponent")
V7_ROUTE_HELPERS = frozenset({"route", "index", "layout", "prefix"})
VITE_BUILTIN_ENV = frozenset({"DEV", "PROD", "MODE", "SSR", "BASE_URL"})
DEV_MODES = frozenset({"development", "dev", "test"})
CONDITION_NODES = frozenset({"parenthesized_expression", "unary_expression", "binary_expression",
                             "as_expression", "non_null_expression", "satisfies_expression"})
MODE_EXPRS = frozenset({"import.meta.env.MODE", "process.env.NODE_ENV", "import.meta.env.NODE_ENV"})
DEV_ATOMS = MODE_EXPRS | {"import.meta.env.DEV", "import.meta.env.PROD"}
TYPE_CONTEXTS = frozenset({"type_annotation", "type_query", "type_alias_declaration", "interface_declaration",
                           "type_arguments", "generic_type", "lookup_type", "implements_clause"})
MAX_SYNTAX_PROBLEMS = 5
MAX_CONDITION_DEPTH = 64  # levels climbed from a dev atom to the if/?:/&& it steers
MAX_CALLEE = 200  # bytes of callee source text kept as written


def grammar_for(path: str) -> str:
    return "typescript" if path.lower().endswith(TS_EXTENSIONS) else "tsx"


def extract_typescript(path: str, data: bytes) -> tuple[TsFacts, bool, tuple[str, ...]]:
    """Facts of one TS/TSX/JS file: (facts, partial, problems). Never raises."""
    grammar = grammar_for(path)
    try:
        tree = parsing.parse(grammar, data)
    except Exception as exc:  # tree-sitter refuses (e.g. a cancelled parse): nothing parsed
        return TsFacts(), True, (f"could not parse: {type(exc).__name__}: {exc}",)
    ex = _Extractor(grammar, data, tree.root_node, path)
    facts = ex.run()
    return facts, ex.partial, tuple(ex.problems)


# ------------------------------------------------------------------------------- small helpers


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


@dataclass
class _Function:
    name: str
    node: Node  # the function / arrow / class node
    stmt: Node  # the module-level statement holding it
    exported: bool
    callable: bool  # a function (not a class or an object of methods): may be a wrapper


# ------------------------------------------------------------------------------- the extractor


class _Extractor(UrlValues, HttpStage):
    """One file's facts, stage by stage on one parsed tree. The URL values
    (``facts/ts_values.py``) and the HTTP stage (``facts/ts_http.py``) are mixed in."""

    def __init__(self, grammar: str, data: bytes, root: Node, path: str = ""):
        self.path = path
        self.grammar = grammar
        self.data = data
        self.root = root
        self.partial = root.has_error
        self.problems: list[str] = []
        self.caps: dict[str, list[Node]] = {}
        # module level
        self.bindings: dict[str, Node] = {}  # const name -> value node (unwrapped)
        self.exported_names: set[str] = set()
        self.functions: list[_Function] = []
        self._fn_starts: list[int] = []
        self.dev_aliases: dict[str, int] = {}
        self.dev_regions: list[tuple[int, int]] = []  # byte ranges that run only outside production
        self._dev_starts: list[int] = []
        self.import_ranges: list[tuple[int, int]] = []  # import / export-from statements
        self.binding_decl_starts: set[int] = set()  # declaration sites of lazy/require locals
        # results
        self.imports: list[TsImport] = []
        self.reexports: list[TsReExport] = []
        self.exports: list[TsExport] = []
        self.jsx: list[TsJsxRef] = []
        self.routes: list[TsRoute] = []
        self.http: list[HttpCall] = []
        self.consts: list[TsConst] = []
        self.wrappers: list[TsWrapper] = []
        self.env_reads: list[tuple[str, int]] = []
        self.visits: list[tuple[str, int]] = []
        self.identifiers: list[str] = []
        self.binding_refs: list[tuple[str, int]] = []
        self._http_objects: set[int] = set()  # config objects already read by a client call
        # (name, value, kind, line, params, alternatives): TsConsts once the exported names are known
        self.consts_pending: list[tuple] = []
        self.client_defaults: list = []
        self._tanstack_factories = TANSTACK_ROUTE_FACTORIES
        self._starts: dict[str, list[int]] = {}  # capture name -> start bytes, for range look-ups
        self._jsx_route_elements: list[tuple[Node, Node, dict[str, Node | None]]] = []
        self._jsx_route_spans: list[Span] = []
        self._imported_locals: set[str] | None = None
        self._v7: set[str] = set()  # local names of React Router v7 route helpers
        self._consumed: set[int] = set()  # URL-builder calls read as part of a client call
        self._http_starts: list[int] = []
        self._callees: dict[tuple[int, int], str] = {}
        self._pairs: dict[tuple[int, int], tuple[dict[str, Node], bool]] = {}
        self._env_reads_nodes: list[Node] = []  # import.meta.env.X / process.env["X"]
        self._env_objects: list[Node] = []  # const { X } = import.meta.env (the declarators)

    # ---------------------------------------------------------------- plumbing
    def t(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")

    def dev(self, node: Node) -> bool:
        off = node.start_byte
        i = bisect.bisect_right(self._dev_starts, off) - 1
        return i >= 0 and off < self.dev_regions[i][1]

    def run(self) -> TsFacts:
        if self.partial:
            self._guard("syntax", self._syntax_problems)
        try:
            self.caps = parsing.captures(self.grammar, QUERY, self.root)
            for nodes in self.caps.values():  # captures come per pattern, not in document order
                nodes.sort(key=_start)
        except Exception as exc:
            self.partial = True
            self.problems.append(f"internal error while querying: {type(exc).__name__}: {exc}")
            return TsFacts()
        for name, stage in (
            ("env reads", self._env_uses),
            ("module", self._module),
            ("constants", self._constants),
            ("dev branches", self._dev_regions),
            ("dev branches", self._merge_dev_regions),
            ("imports", self._imports),
            ("exports", self._exports),
            ("jsx", self._jsx),
            ("routes", self._routes),
            ("http calls", self._http_calls),
            ("wrappers", self._wrappers),
            ("env reads", self._env_reads),
            ("references", self._references),
        ):
            self._guard(name, stage)
        return TsFacts(
            imports=tuple(self.imports),
            reexports=tuple(self.reexports),
            exports=tuple(self.exports),
            jsx=tuple(self.jsx),
            routes=tuple(self.routes),
            http_calls=tuple(self.http),
            consts=tuple(self.consts),
            wrappers=tuple(self.wrappers),
            env_reads=tuple(self.env_reads),
            identifiers=tuple(self.identifiers),
            visits=tuple(self.visits),
            binding_refs=tuple(self.binding_refs),
            functions=tuple((f.name, parsing.span(f.stmt)) for f in self.functions),
            client_defaults=tuple(self.client_defaults),
        )

    def _guard(self, name: str, stage) -> None:
        try:
            stage()
        except Exception as exc:  # keep the other stages' facts
            self.partial = True
            self.problems.append(f"internal error while reading {name}: {type(exc).__name__}: {exc}")

    def _syntax_problems(self) -> None:
        lines: list[int] = []
        stack = [self.root]
        while stack:
            n = stack.pop()
            if n.is_error and self._export_type_star(n):
                continue
            if n.is_error or n.is_missing:
                lines.append(parsing.line(n))
                continue
            stack.extend(c for c in n.children if c.has_error or c.is_missing)
        lines = sorted(set(lines))
        if not lines and self.root.has_error:  # only grammar gaps: the file is fine
            self.partial = False
            return
        self.problems.extend(f"syntax error at line {ln}" for ln in lines[:MAX_SYNTAX_PROBLEMS])
        if len(lines) > MAX_SYNTAX_PROBLEMS:
            self.problems.append(f"... and {len(lines) - MAX_SYNTAX_PROBLEMS} more syntax errors")
        if not lines:
            self.problems.append(f"syntax error at line {parsing.line(self.root)}")

    def _export_type_star(self, error: Node) -> bool:
        """``export type * from "./t"`` (TypeScript 5.0) is valid but unknown to the grammar,
        which wraps the ``type`` keyword in an ERROR node and parses the rest."""
        parent = error.parent
        return (parent is not None and parent.type == "export_statement" and self.t(error) == "type"
                and parent.child_by_field_name("source") is not None)

    def _caps(self, name: str) -> list[Node]:
        return self.caps.get(name, [])

    def _in_range(self, name: str, start: int, end: int) -> list[Node]:
        """Captured nodes of ``name`` starting inside [start, end) (capture lists are in order)."""
        nodes = self._caps(name)
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [n.start_byte for n in nodes]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return nodes[lo:hi]

    def function_of(self, node: Node) -> str | None:
        """The module-level function/component/class/const holding ``node``."""
        off = node.start_byte
        i = bisect.bisect_right(self._fn_starts, off) - 1
        if i >= 0:
            f = self.functions[i]
            if f.stmt.start_byte <= off < f.stmt.end_byte:
                return f.name
        return None

    # ---------------------------------------------------------------- templates
    def template(self, node: Node | None) -> Template:
        """An expression as a URL template: literals, `${x}` substitutions, ``a + "/b"``."""
        return _merge(self._parts(node))

    def _parts(self, node: Node | None) -> list[str | Sub]:
        node = _unwrap(node)
        if node is None:
            return []
        if node.type == "string":
            return [self.t(node)[1:-1]]
        if node.type == "template_string":
            parts: list[str | Sub] = []
            for c in node.named_children:
                if c.type == "string_fragment":
                    parts.append(self.t(c))
                elif c.type == "escape_sequence":
                    raw = self.t(c)
                    parts.append(raw[1:] if len(raw) == 2 and not raw[1].isalnum() else raw)
                elif c.type == "template_substitution":
                    inner = _kids(c)
                    parts.append(Sub(self._expr_text(inner[0]) if inner else ""))
            return parts
        if self._is_plus(node):
            out: list[str | Sub] = []
            for operand in self._plus_operands(node):
                out.extend(self._parts(operand))
            return out
        return [Sub(self._expr_text(node))]

    def _is_plus(self, node: Node) -> bool:
        return node.type == "binary_expression" and self.t(node.child_by_field_name("operator")) == "+"

    def _plus_operands(self, node: Node) -> list[Node]:
        """``a + "b" + c`` -> [a, "b", c], without recursion (generated code chains thousands)."""
        out: list[Node] = []
        stack = [node]
        while stack:
            n = _unwrap(stack.pop())
            if n is None:
                continue
            if self._is_plus(n):
                stack.append(n.child_by_field_name("right"))
                stack.append(n.child_by_field_name("left"))
            else:
                out.append(n)
        return out

    def _expr_text(self, node: Node) -> str:
        return re.sub(r"\s+", "", self.t(_unwrap(node) or node)) if node.type != "string" else self.t(node)

    def string_value(self, node: Node | None) -> str | None:
        """The value of a string literal or a template without substitutions."""
        node = _unwrap(node)
        if node is None or not _is_literal_node(node):
            return None
        tpl = self.template(node)
        return "".join(p for p in tpl.parts if isinstance(p, str))

    def callee_text(self, call: Node) -> str:
        key = call.start_byte, call.end_byte
        text = self._callees.get(key)
        if text is None:
            fn = _callee(call)
            if fn is not None and fn.end_byte - fn.start_byte > MAX_CALLEE:
                # a long builder chain a.b().c()... or an IIFE: only the method name matters
                prop = fn.child_by_field_name("property") if fn.type == "member_expression" else None
                text = "(...)." + self.t(prop) if prop is not None else "(...)"
            else:
                text = re.sub(r"\s+", "", self.t(fn)).replace("?.", ".").replace("!.", ".")
            self._callees[key] = text
        return text

    def _callee_name(self, call: Node) -> str:
        """``lazy`` for ``lazy(...)`` and ``React.lazy(...)``; '' for computed callees."""
        fn = _unwrap(_callee(call))
        if fn is None:
            return ""
        if fn.type == "member_expression":
            fn = fn.child_by_field_name("property")
        return self.t(fn) if fn is not None and fn.type in ("identifier", "property_identifier") else ""

    def object_pairs(self, obj: Node) -> tuple[dict[str, Node], bool]:
        """Object literal -> (key -> value node, has a ``...spread``); memoised: every ``path``
        pair of an object asks about the same object."""
        key = obj.start_byte, obj.end_byte
        hit = self._pairs.get(key)
        if hit is None:
            hit = self._pairs[key] = self._object_pairs(obj)
        return hit

    def _object_pairs(self, obj: Node) -> tuple[dict[str, Node], bool]:
        pairs: dict[str, Node] = {}
        spread = False
        for c in _kids(obj):
            if c.type == "pair":
                key = c.child_by_field_name("key")
                if key is None:
                    continue
                name = self.t(key)
                if key.type == "string":
                    name = name[1:-1]
                elif key.type not in ("property_identifier", "number"):
                    continue
                value = c.child_by_field_name("value")
                if value is not None:
                    pairs.setdefault(name, value)
            elif c.type == "shorthand_property_identifier":
                pairs.setdefault(self.t(c), c)
            elif c.type == "method_definition":
                name_node = c.child_by_field_name("name")
                if name_node is not None:
                    pairs.setdefault(self.t(name_node), c)
            elif c.type == "spread_element":
                spread = True
        return pairs, spread

    # ---------------------------------------------------------------- module level
    def _module(self) -> None:
        for stmt in _kids(self.root):
            exported = stmt.type == "export_statement"
            decl = stmt
            if exported:
                decl = stmt.child_by_field_name("declaration")
                if decl is None:
                    self._module_export_value(stmt)
                    continue
            if decl.type == "ambient_declaration":
                continue
            self._module_declaration(stmt, decl, exported)
        self.functions.sort(key=lambda f: f.stmt.start_byte)
        self._fn_starts = [f.stmt.start_byte for f in self.functions]

    def _constants(self) -> None:
        """Module-level constants worth resolving across files: strings and templates (with
        the other values a ternary gives), axios instances, and functions returning a URL
        (module functions, arrow consts, class methods ``Class.m``, object methods ``OBJ.m``)."""
        self._url_functions()
        for name, value, kind, line, params, alternatives in self.consts_pending:
            self.consts.append(TsConst(name, value, kind, line, name.split(".")[0] in self.exported_names,
                                       params, alternatives))

    def _string_const(self, name: str, value: Node, line: int) -> None:
        alts = self.url_alternatives(value)
        if alts:
            self.consts_pending.append((name, alts[0], "string", line, (), tuple(alts[1:])))

    def _function_const(self, name: str, fn: Node, line: int) -> None:
        if not self.stringish_function(fn):
            return
        alts: list[Template] = []
        for r in self.returns_of(fn):
            for t in self.url_alternatives(r):
                if t not in alts:
                    alts.append(t)
        if alts:
            params = tuple(p or "" for p in self._param_list(fn))
            self.consts_pending.append((name, alts[0], "function", line, params, tuple(alts[1:8])))

    def _url_functions(self) -> None:
        for f in self.functions:
            node = f.node
            if f.exported:
                self.exported_names.add(f.name)
            if f.callable and node.type in FUNCTION_NODES | {"function_declaration", "generator_function_declaration"}:
                self._function_const(f.name, node, parsing.line(f.stmt))
            elif node.type in ("class_declaration", "class", "abstract_class_declaration"):
                body = node.child_by_field_name("body")
                for m in _kids(body):
                    if m.type == "method_definition":
                        self._function_const(f"{f.name}.{self.t(m.child_by_field_name('name'))}", m, parsing.line(m))

    def _module_export_value(self, stmt: Node) -> None:
        """``export { a, b as c }`` / ``export default X``: which module names are exported."""
        if stmt.child_by_field_name("source") is not None:
            return
        value = stmt.child_by_field_name("value")
        if value is not None:
            value = _unwrap(value)
            if value.type == "identifier":
                self.exported_names.add(self.t(value))
            elif value.type in ("function_expression", "function", "arrow_function", "generator_function", "class"):
                name_node = value.child_by_field_name("name")
                name = self.t(name_node) if name_node is not None else "default"
                self.functions.append(_Function(name, value, stmt, True, value.type != "class"))
            return
        for clause in _kids(stmt):
            if clause.type == "export_clause":
                for spec in _kids(clause):
                    name = spec.child_by_field_name("name")
                    if name is not None:
                        self.exported_names.add(self.t(name))

    def _module_declaration(self, stmt: Node, decl: Node, exported: bool) -> None:
        kind = decl.type
        if kind in ("function_declaration", "generator_function_declaration"):
            name = decl.child_by_field_name("name")
            if name is not None:
                self.functions.append(_Function(self.t(name), decl, stmt, exported, True))
        elif kind in ("class_declaration", "abstract_class_declaration"):
            name = decl.child_by_field_name("name")
            if name is not None:
                self.functions.append(_Function(self.t(name), decl, stmt, exported, False))
        elif kind in ("lexical_declaration", "variable_declaration"):
            is_const = kind == "lexical_declaration" and self.t(decl.child_by_field_name("kind")) == "const"
            declarators = [d for d in _kids(decl) if d.type == "variable_declarator"]
            for d in declarators:
                self._module_declarator(stmt if len(declarators) == 1 else d, d, exported, is_const)

    def _module_declarator(self, stmt: Node, d: Node, exported: bool, is_const: bool) -> None:
        name_node = d.child_by_field_name("name")
        value = _unwrap(d.child_by_field_name("value"))
        if name_node is None or name_node.type != "identifier" or value is None:
            return
        name = self.t(name_node)
        if exported:
            self.exported_names.add(name)
        if is_const:
            self.bindings[name] = value
            pol = self._dev_polarity(value)
            if pol:
                self.dev_aliases[name] = pol
        if value.type in FUNCTION_NODES:
            self.functions.append(_Function(name, value, stmt, exported, True))
            return
        if value.type in ("call_expression", "object") and self._holds_function(value):
            self.functions.append(_Function(name, value, stmt, exported, False))
        if not is_const:
            return
        line = parsing.line(d)
        if value.type == "call_expression" and self.callee_text(value) == "axios.create":
            self.consts_pending.append((name, axios.instance_base(self, value), "axios", line, (), ()))
        elif value.type == "call_expression" and axios.factory_base(self, value) is not None:
            self.consts_pending.append((name, axios.factory_base(self, value), "axios", line, (), ()))
        elif self._stringish(value):
            self._string_const(name, value, line)
        elif value.type == "object":
            self._object_consts(name, value, line, 0)


    def _holds_function(self, node: Node) -> bool:
        """``memo(() => ...)``, ``forwardRef(function ...)``, ``{ list: () => ... }``."""
        kids = _kids(node.child_by_field_name("arguments")) if node.type == "call_expression" else _kids(node)
        for k in kids:
            if k.type == "pair":
                k = k.child_by_field_name("value")
            if k is not None and (k.type in FUNCTION_NODES or k.type == "method_definition"):
                return True
        return False

    def _stringish(self, node: Node, depth: int = 0) -> bool:
        node = _unwrap(node)
        if node is None or depth > 4:
            return False
        if node.type in ("string", "template_string"):
            return True
        if self._is_plus(node):
            return any(o.type in ("string", "template_string") for o in self._plus_operands(node))
        if node.type == "member_expression" or node.type == "subscript_expression":
            return env_name(self._expr_text(node)) is not None  # `process.env.API_URL`: a URL base
        if node.type == "ternary_expression":
            return any(self._stringish(node.child_by_field_name(f), depth + 1) for f in ("consequence", "alternative"))
        if node.type == "binary_expression" and self.t(node.child_by_field_name("operator")) in ("||", "??"):
            return any(self._stringish(node.child_by_field_name(f), depth + 1) for f in ("left", "right"))
        return False

    def _object_consts(self, prefix: str, obj: Node, line: int, depth: int) -> None:
        """``export const API = { USERS: "/api/users" }`` -> ``API.USERS`` (string consts)."""
        if depth > 2:
            return
        pairs, _ = self.object_pairs(obj)
        for key, value in pairs.items():
            value = _unwrap(value)
            if value is None or value.type == "shorthand_property_identifier" or not _IDENT.fullmatch(key):
                continue
            if self._stringish(value):
                self._string_const(f"{prefix}.{key}", value, parsing.line(value))
            elif value.type == "object":
                self._object_consts(f"{prefix}.{key}", value, line, depth + 1)
            elif value.type in FUNCTION_NODES or value.type == "method_definition":
                self._function_const(f"{prefix}.{key}", value, parsing.line(value))

    # ---------------------------------------------------------------- dev-only branches
    def _dev_polarity(self, node: Node | None, depth: int = 0) -> int:
        """+1: the condition is true only outside production (``import.meta.env.DEV``);
        -1: it is false only outside production (``import.meta.env.PROD``); 0: unknown."""
        node = _unwrap(node)
        if node is None or depth > 8:
            return 0
        t = node.type
        if t == "unary_expression":
            if self.t(node.child_by_field_name("operator")) == "!":
                return -self._dev_polarity(node.child_by_field_name("argument"), depth + 1)
            return 0
        if t in ("member_expression", "identifier"):
            text = self._expr_text(node).replace("?.", ".")
            if text == "import.meta.env.DEV" or text == "__DEV__":
                return 1
            if text == "import.meta.env.PROD":
                return -1
            return self.dev_aliases.get(text, 0)
        if t != "binary_expression":
            return 0
        op = self.t(node.child_by_field_name("operator"))
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op in ("&&", "||"):
            pl, pr = self._dev_polarity(left, depth + 1), self._dev_polarity(right, depth + 1)
            if op == "&&":
                return 1 if 1 in (pl, pr) else (-1 if pl == pr == -1 else 0)
            return -1 if -1 in (pl, pr) else (1 if pl == pr == 1 else 0)
        if op not in ("===", "==", "!==", "!="):
            return 0
        equal = op in ("===", "==")
        for a, b in ((left, right), (right, left)):
            a, b = _unwrap(a), _unwrap(b)
            if a is None or b is None:
                continue
            if self._expr_text(a).replace("?.", ".") in MODE_EXPRS:
                value = self.string_value(b)
                if value == "production":
                    return -1 if equal else 1
                if value in DEV_MODES:
                    return 1 if equal else -1
                return 0
            if b.type in ("true", "false"):
                pol = self._dev_polarity(a, depth + 1)
                return pol if equal == (b.type == "true") else -pol
        return 0

    def _dev_atoms(self) -> list[Node]:
        """Nodes a dev test is built from: ``import.meta.env.DEV``/``PROD``/``MODE``,
        ``process.env.NODE_ENV``, ``__DEV__`` and module-level aliases (``const isDev = ...``)."""
        atoms = [n for n in self._env_reads_nodes if n.type == "member_expression"
                 and self._expr_text(n).replace("?.", ".") in DEV_ATOMS]
        names = {a for a in self.dev_aliases if a.encode() in self.data}
        if b"__DEV__" in self.data:
            names.add("__DEV__")
        if names:  # most files have neither: skip the pass over every identifier
            atoms += [n for n in self._caps("id") if n.type == "identifier" and self.t(n) in names]
        return atoms

    def _dev_regions(self) -> None:
        """From each dev atom, climb through the condition around it (``!``, ``&&``, ``===``,
        parentheses) to the ``if`` / ternary / ``&&`` it steers, and mark the dev-only branch."""
        done: set[tuple[int, int]] = set()
        for atom in self._dev_atoms():
            n = atom
            for _ in range(MAX_CONDITION_DEPTH):
                p = n.parent
                if p is None:
                    break
                key = (p.start_byte, p.end_byte)
                if p.type == "binary_expression" and self.t(p.child_by_field_name("operator")) in ("&&", "||"):
                    left = p.child_by_field_name("left")
                    if left is not None and left.start_byte == n.start_byte and left.end_byte == n.end_byte \
                            and key not in done:
                        done.add(key)
                        self._logical_region(p, self._dev_polarity(n))
                    n = p
                elif p.type in CONDITION_NODES:
                    n = p
                elif p.type in ("if_statement", "ternary_expression"):
                    cond = p.child_by_field_name("condition")
                    if cond is not None and cond.start_byte == n.start_byte and key not in done:
                        done.add(key)
                        self._branch_region(p, self._dev_polarity(n))
                    break
                else:
                    break

    def _logical_region(self, n: Node, pol: int) -> None:
        """``DEV && <A/>``: A is dev-only; ``PROD || <B/>``: B is dev-only."""
        op = self.t(n.child_by_field_name("operator"))
        right = n.child_by_field_name("right")
        if right is not None and ((op == "&&" and pol == 1) or (op == "||" and pol == -1)):
            self.dev_regions.append(parsing.span(right))

    def _branch_region(self, n: Node, pol: int) -> None:
        regions = self.dev_regions
        if n.type == "ternary_expression":
            branch = n.child_by_field_name("consequence" if pol == 1 else "alternative") if pol else None
            if branch is not None:
                regions.append(parsing.span(branch))
            return
        cons, alt = n.child_by_field_name("consequence"), n.child_by_field_name("alternative")
        if pol == 1 and cons is not None:
            regions.append(parsing.span(cons))
        elif pol == -1 and alt is not None:
            regions.append(parsing.span(alt))
        elif pol == -1 and alt is None and cons is not None and self._always_exits(cons):
            # if (!import.meta.env.DEV) return null;  -> the rest of the block is dev-only
            parent = n.parent
            if parent is not None and parent.type == "statement_block":
                regions.append((n.end_byte, parent.end_byte))

    def _merge_dev_regions(self) -> None:
        regions = self.dev_regions
        merged: list[tuple[int, int]] = []  # disjoint, sorted: dev() is a bisect
        for start, end in sorted(regions):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.dev_regions = merged
        self._dev_starts = [s for s, _ in merged]

    def _always_exits(self, node: Node) -> bool:
        if node.type in ("return_statement", "throw_statement"):
            return True
        if node.type == "statement_block":
            kids = _kids(node)
            return bool(kids) and kids[-1].type in ("return_statement", "throw_statement")
        return False

    # ---------------------------------------------------------------- imports
    def _imports(self) -> None:
        for stmt in self._caps("import"):
            self.import_ranges.append(parsing.span(stmt))
            self._static_import(stmt)
        for stmt in self._caps("export"):
            if stmt.child_by_field_name("source") is not None:
                self.import_ranges.append(parsing.span(stmt))
                self._reexport(stmt)
        self.import_ranges.sort()
        for call in self._caps("call"):
            fn = _callee(call)
            if fn is None:
                continue
            if fn.type == "import":
                self._dynamic_import(call)
            elif fn.type == "identifier" and self.t(fn) == "require":
                self._require(call)
            elif fn.type == "member_expression" and self.t(fn).replace(" ", "") == "import.meta.glob":
                args = _args(call)
                first = _unwrap(args[0]) if args else None
                patterns = _kids(first) if first is not None and first.type == "array" else [first]
                for pattern in patterns:
                    spec = self.string_value(pattern)
                    if spec and not spec.startswith("!"):  # "!x" excludes files: loads nothing
                        self.imports.append(TsImport(spec, "glob", (), parsing.line(call), parsing.span(call),
                                                     self.dev(call)))
        for new in self._caps("new"):
            self._new_url(new)
        self.imports.sort(key=lambda i: i.span)

    def _static_import(self, stmt: Node) -> None:
        source = stmt.child_by_field_name("source")
        req = next((c for c in _kids(stmt) if c.type == "import_require_clause"), None)
        if req is not None:  # import x = require("y")
            source = req.child_by_field_name("source")
            ident = next((c for c in _kids(req) if c.type == "identifier"), None)
            spec = self.string_value(source)
            if spec is not None:
                names = (("*", self.t(ident)),) if ident is not None else ()
                self.imports.append(TsImport(spec, "require", names, parsing.line(stmt), parsing.span(stmt)))
            return
        spec = self.string_value(source)
        if spec is None:
            return
        clause = next((c for c in _kids(stmt) if c.type == "import_clause"), None)
        if clause is None:
            self.imports.append(TsImport(spec, "side-effect", (), parsing.line(stmt), parsing.span(stmt)))
            return
        names: list[tuple[str, str]] = []
        for part in _kids(clause):
            if part.type == "identifier":
                names.append(("default", self.t(part)))
            elif part.type == "namespace_import":
                ident = next((c for c in _kids(part) if c.type == "identifier"), None)
                if ident is not None:
                    names.append(("*", self.t(ident)))
            elif part.type == "named_imports":
                for spec_node in _kids(part):
                    if spec_node.type != "import_specifier":
                        continue
                    name = spec_node.child_by_field_name("name")
                    alias = spec_node.child_by_field_name("alias")
                    imported = self._name_text(name)
                    names.append((imported, self._name_text(alias) if alias is not None else imported))
        kind = "type" if _has_child_token(stmt, "type") else "static"
        self.imports.append(TsImport(spec, kind, tuple(names), parsing.line(stmt), parsing.span(stmt)))

    def _name_text(self, node: Node | None) -> str:
        text = self.t(node)
        return text[1:-1] if node is not None and node.type == "string" else text

    def _reexport(self, stmt: Node) -> None:
        spec = self.string_value(stmt.child_by_field_name("source"))
        if spec is None:
            return
        names: list[tuple[str, str]] = []
        for part in _kids(stmt):
            if part.type == "namespace_export":
                ident = next((c for c in _kids(part) if c.type in ("identifier", "string")), None)
                names.append(("*", self._name_text(ident)))
            elif part.type == "export_clause":
                for s in _kids(part):
                    if s.type != "export_specifier":
                        continue
                    name, alias = s.child_by_field_name("name"), s.child_by_field_name("alias")
                    exported = self._name_text(name)
                    names.append((exported, self._name_text(alias) if alias is not None else exported))
        type_only = _has_child_token(stmt, "type") or any(c.is_error and self._export_type_star(c) for c in stmt.children)
        self.reexports.append(TsReExport(spec, tuple(names), parsing.line(stmt), parsing.span(stmt), type_only))

    def _dynamic_import(self, call: Node) -> None:
        args = _args(call)
        spec = self.string_value(args[0]) if args else None
        if spec is None:
            self.problems.append(f"dynamic import with non-literal specifier at line {parsing.line(call)}")
            return
        kind, local = self._import_context(call)
        if local is not None:
            self.binding_decl_starts.add(local[1])
        self.imports.append(TsImport(spec, kind, (), parsing.line(call), parsing.span(call), self.dev(call),
                                     local[0] if local else None))

    def _import_context(self, call: Node) -> tuple[str, tuple[str, int] | None]:
        """``lazy`` (with the bound variable) when the import() sits in a lazy wrapper call or
        a route ``lazy:`` property; else ``dynamic``."""
        n = call.parent
        while n is not None and n.type not in ("program", "function_declaration", "generator_function_declaration",
                                               "class_declaration"):
            if n.type in TYPE_CONTEXTS:  # let x: import("./m").T -- erased at build time
                return "type", None
            if n.type == "call_expression":
                if re.search("lazy", self._callee_name(n), re.IGNORECASE):
                    return "lazy", self._bound_name(n)
            elif n.type in ("pair", "method_definition"):
                key = n.child_by_field_name("key" if n.type == "pair" else "name")
                if self._name_text(key) == "lazy":
                    return "lazy", None
                if n.type == "method_definition":
                    break
            elif n.type == "jsx_attribute":
                kids = _kids(n)
                if kids and self.t(kids[0]) == "lazy":
                    return "lazy", None
            n = n.parent
        return "dynamic", None

    def _bound_name(self, node: Node) -> tuple[str, int] | None:
        """The variable a value is bound to, through casts and ``DEV ? lazy(...) : null``."""
        p = node.parent
        while p is not None and (p.type in WRAPPER_NODES or p.type in ("ternary_expression", "binary_expression")):
            p = p.parent
        if p is not None and p.type == "variable_declarator":
            name = p.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                return self.t(name), name.start_byte
        return None

    def _require(self, call: Node) -> None:
        args = _args(call)
        spec = self.string_value(args[0]) if len(args) == 1 else None
        if spec is None:
            if args:
                self.problems.append(f"require with non-literal specifier at line {parsing.line(call)}")
            return
        names: list[tuple[str, str]] = []
        p = call.parent
        while p is not None and p.type in WRAPPER_NODES:
            p = p.parent
        if p is not None and p.type == "variable_declarator":
            pattern = p.child_by_field_name("name")
            if pattern is not None and pattern.type == "identifier":
                names.append(("*", self.t(pattern)))
                self.binding_decl_starts.add(pattern.start_byte)
            elif pattern is not None and pattern.type == "object_pattern":
                for c in _kids(pattern):
                    if c.type == "shorthand_property_identifier_pattern":
                        names.append((self.t(c), self.t(c)))
                        self.binding_decl_starts.add(c.start_byte)
                    elif c.type == "pair_pattern":
                        key, value = c.child_by_field_name("key"), c.child_by_field_name("value")
                        if value is not None and value.type == "identifier":
                            names.append((self._name_text(key), self.t(value)))
                            self.binding_decl_starts.add(value.start_byte)
        self.imports.append(TsImport(spec, "require", tuple(names), parsing.line(call), parsing.span(call), self.dev(call)))

    def _new_url(self, new: Node) -> None:
        """``new URL("./x", import.meta.url)`` / ``new Worker(new URL(...))`` load a module file;
        ``new EventSource("/api/x")`` is an HTTP GET."""
        ctor = self.t(new.child_by_field_name("constructor"))
        args = _args(new)
        if ctor == "URL" and len(args) == 2 and self.t(args[1]).replace(" ", "") == "import.meta.url":
            spec = self.string_value(args[0])
            if spec is not None and spec.startswith("."):
                self.imports.append(TsImport(spec, "dynamic", (), parsing.line(new), parsing.span(new), self.dev(new)))
        elif ctor in ("EventSource", "WebSocket") and args:
            urls = self._client_urls(args[0])
            if any(_url_like(u) for u in urls) or not _is_literal_node(args[0]):
                self._add_urls("GET" if ctor == "EventSource" else "WEBSOCKET", urls, ctor, new)

    # ---------------------------------------------------------------- exports
    def _exports(self) -> None:
        for stmt in self._caps("export"):
            if stmt.child_by_field_name("source") is not None:
                continue
            line, span = parsing.line(stmt), parsing.span(stmt)
            decl = stmt.child_by_field_name("declaration")
            if _has_child_token(stmt, "default"):  # export default function F / class C / expr
                value = decl if decl is not None else stmt.child_by_field_name("value")
                self.exports.append(TsExport("default", self._default_local(value), "default", line, span))
                continue
            if decl is not None:
                self._export_declaration(decl, line, span)
                continue
            if _has_child_token(stmt, "="):  # export = X
                target = next(iter(_kids(stmt)), None)
                local = self.t(target) if target is not None and target.type == "identifier" else None
                self.exports.append(TsExport("default", local, "default", line, span))
                continue
            type_only = _has_child_token(stmt, "type")
            for clause in _kids(stmt):
                if clause.type != "export_clause":
                    continue
                for s in _kids(clause):
                    if s.type != "export_specifier":
                        continue
                    name, alias = s.child_by_field_name("name"), s.child_by_field_name("alias")
                    local = self._name_text(name)
                    kind = "type" if type_only or _has_child_token(s, "type") else "specifier"
                    exported = self._name_text(alias) if alias is not None else local
                    self.exports.append(TsExport(exported, local, kind, line, span))

    def _default_local(self, value: Node | None) -> str | None:
        value = _unwrap(value)
        if value is None:
            return None
        if value.type == "identifier":
            return self.t(value)
        name = value.child_by_field_name("name")
        if value.type in ("function_expression", "function", "generator_function", "class", "function_declaration",
                          "class_declaration", "abstract_class_declaration") and name is not None:
            return self.t(name)
        return None

    def _export_declaration(self, decl: Node, line: int, span: Span) -> None:
        t = decl.type
        if t == "ambient_declaration":  # export declare ...
            inner = next(iter(_kids(decl)), None)
            if inner is not None:
                self._export_declaration(inner, line, span)
            return
        simple = {
            "function_declaration": "function", "generator_function_declaration": "function",
            "function_signature": "function", "class_declaration": "class", "abstract_class_declaration": "class",
            "interface_declaration": "interface", "type_alias_declaration": "type", "enum_declaration": "enum",
            "internal_module": "namespace", "module": "namespace",
        }
        if t in simple:
            name = decl.child_by_field_name("name")
            if name is None:
                return
            text = self._name_text(name)
            last = self.exports[-1] if self.exports else None
            if last is not None and last.name == text and last.kind == "function" == simple[t]:
                # overload signatures + implementation: one export spanning all of them
                self.exports[-1] = TsExport(text, text, "function", last.line, (last.span[0], span[1]))
                return
            self.exports.append(TsExport(text, text, simple[t], line, span))
            return
        if t in ("lexical_declaration", "variable_declaration"):
            kind = "var" if t == "variable_declaration" else self.t(decl.child_by_field_name("kind"))
            if kind not in ("const", "let", "var"):
                kind = "const"
            for d in _kids(decl):
                if d.type != "variable_declarator":
                    continue
                for name in self._pattern_names(d.child_by_field_name("name")):
                    self.exports.append(TsExport(name, name, kind, line, span))

    def _pattern_names(self, pattern: Node | None) -> list[str]:
        """Names bound by ``a`` / ``{a, b: c, ...r}`` / ``[a, [b]]``."""
        if pattern is None:
            return []
        t = pattern.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            return [self.t(pattern)]
        out: list[str] = []
        if t == "pair_pattern":
            return self._pattern_names(pattern.child_by_field_name("value"))
        if t in ("assignment_pattern", "object_assignment_pattern"):
            return self._pattern_names(pattern.child_by_field_name("left"))
        if t in ("object_pattern", "array_pattern", "rest_pattern"):
            for c in _kids(pattern):
                out.extend(self._pattern_names(c))
        return out

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
            return re.sub(r"\s+", "", self.t(name))
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
            self.routes.append(TsRoute(r.path, full or "/", r.index, r.components, r.lazy, parent,
                                       parsing.line(r.node), parsing.span(r.node), r.dev, r.spread))
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
            if parent.type in ("jsx_opening_element", "jsx_self_closing_element", "jsx_closing_element",
                               "member_expression", "nested_identifier"):
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
        while n.parent is not None and n.parent.type in ("parenthesized_expression", "binary_expression",
                                                         "ternary_expression", "as_expression", "satisfies_expression"):
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
            if arg is not None and arg.type in ("identifier", "member_expression", "call_expression", "await_expression") \
                    and self._bound_table(arg, guard) is None:
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
            if fn is not None and fn.type == "member_expression" and self.t(fn.child_by_field_name("property")) in (
                    "filter", "concat", "flat"):  # [...].filter(Boolean)
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
            if cn is not None and cn.type in ("identifier", "member_expression", "call_expression", "await_expression") \
                    and self._bound_table(cn, guard) is None:
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
            holder = call.parent.parent if call.parent is not None and call.parent.type == "spread_element" else call.parent
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
            inner = [s for s in spans if s != parsing.span(whole) and whole.start_byte <= s[0] and s[1] <= whole.end_byte]
            path = self._path_value(attrs["path"]) if attrs.get("path") is not None else None
            index = "index" in attrs and (attrs["index"] is None or self.t(_unwrap(attrs["index"])).strip("{} ") == "true")
            comps: list[str] = []
            for k in ROUTE_RENDER_KEYS:
                if attrs.get(k) is not None:
                    comps.extend(self._components(attrs[k], inner))
            if whole is not el:  # v5 style: <Route path="/x"><Page/></Route>
                for child in _kids(whole):
                    if child.type not in ("jsx_opening_element", "jsx_closing_element"):
                        comps.extend(self._components(child, inner))
            r = _Route(whole, path, index, tuple(dict.fromkeys(comps)), self._lazy_spec(attrs.get("lazy")), self.dev(whole))
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

    # ---------------------------------------------------------------- env reads
    def _env_uses(self) -> None:
        """From each ``env`` property: reads ``<base>.env.X`` / ``<base>.env["X"]`` and
        destructured ``const { X } = <base>.env``, for base ``import.meta`` or ``process``."""
        for prop in self._caps("env"):
            env = prop.parent
            if env is None or env.type != "member_expression":
                continue
            base = env.child_by_field_name("object")
            if base is None or re.sub(r"\s+", "", self.t(base)) not in ("import.meta", "process"):
                continue
            outer = env.parent
            if outer is None:
                continue
            obj = outer.child_by_field_name("object") if outer.type in ("member_expression", "subscript_expression") \
                else outer.child_by_field_name("value") if outer.type == "variable_declarator" else None
            if obj is None or (obj.start_byte, obj.end_byte) != (env.start_byte, env.end_byte):
                continue
            if outer.type == "variable_declarator":
                self._env_objects.append(outer)
            else:
                self._env_reads_nodes.append(outer)

    def _env_reads(self) -> None:
        out: list[tuple[str, int]] = []
        for n in self._env_reads_nodes:
            obj = n.child_by_field_name("object")
            base = self._expr_text(obj).replace("?.", ".") if obj is not None else ""
            if n.type == "member_expression":
                name = self.t(n.child_by_field_name("property"))
            else:
                name = self.string_value(n.child_by_field_name("index"))
            if not name or (base == "import.meta.env" and name in VITE_BUILTIN_ENV):
                continue
            out.append((name, parsing.line(n)))
        for declarator in self._env_objects:
            pattern = declarator.child_by_field_name("name")
            if pattern is None or pattern.type != "object_pattern":
                continue
            for c in _kids(pattern):
                key = c.child_by_field_name("key") if c.type == "pair_pattern" else c
                if c.type == "object_assignment_pattern":
                    key = c.child_by_field_name("left")
                name = self._name_text(key)
                if name and name not in VITE_BUILTIN_ENV and _IDENT.fullmatch(name):
                    out.append((name, parsing.line(c)))
        self.env_reads = sorted(set(out), key=lambda x: (x[1], x[0]))

    # ---------------------------------------------------------------- references
    def _references(self) -> None:
        imported: set[str] = set()
        for imp in self.imports:
            imported.update(local for _, local in imp.names)
            if imp.local:
                imported.add(imp.local)
        aliases = {n.start_byte for n in self._caps("export_alias")}
        ranges = self.import_ranges
        starts = [s for s, _ in ranges]
        data = self.data
        # module-level functions too: a reference outside the function's own span is a local
        # use, which keeps the HTTP calls inside it alive when no other file imports it
        own_span = {f.name: (f.stmt.start_byte, f.stmt.end_byte) for f in self.functions if f.name not in imported}
        seen: set[str] = set()
        refs: list[tuple[str, int]] = []
        for n in self._caps("id"):
            off = n.start_byte
            if off in aliases:
                continue
            i = bisect.bisect_right(starts, off) - 1
            if i >= 0 and off < ranges[i][1]:
                continue
            name = data[off:n.end_byte].decode("utf-8", errors="replace")
            seen.add(name)
            if name in imported and off not in self.binding_decl_starts:
                refs.append((name, off))
            elif name in own_span and not (own_span[name][0] <= off < own_span[name][1]):
                refs.append((name, off))
        self.identifiers = sorted(seen)
        self.binding_refs = refs
