"""TypeScript / TSX / JavaScript file -> TsFacts (imports, exports, JSX, routes, HTTP calls, ...).

One parse and one query traversal per file (``queries/<grammar>/facts.scm`` finds candidate
nodes); small Python functions check structure. Grammar: ``typescript`` for .ts/.mts/.cts,
``tsx`` for everything else, including .js/.mjs/.cjs: plain JavaScript often holds JSX (which
the typescript grammar rejects) and can never hold a ``<T>expr`` type assertion (which is the
one thing tsx mis-parses).

The extractor is one object per file; its stages live in one module per concern, mixed into
``_Extractor`` and sharing the parsed file (the tree, the query captures, the module-level
bindings): ``ts_modules`` (imports, exports, references), ``ts_routes`` (JSX and routes),
``ts_http`` (HTTP calls, wrappers, client configuration), ``ts_env`` (env reads, dev-only
branches), ``ts_values`` (what a URL expression may evaluate to), ``ts_nodes`` (node helpers).
This module keeps the plumbing, templates, the module level and the order of the stages.

Bad input never raises: a syntax error gives ``partial`` and a ``syntax error at line N``
problem, and every fact that parsed is still returned; each stage is guarded on its own so a
bug in one stage costs only that stage's facts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

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
from deadcode.facts.ts_env import EnvStage
from deadcode.facts.ts_http import HttpStage
from deadcode.facts.ts_modules import ModuleStage
from deadcode.facts.ts_nodes import (
    _squash,
    _IDENT,
    FUNCTION_NODES,
    _callee,
    _is_literal_node,
    _kids,
    _merge,
    _start,
    _unwrap,
)
from deadcode.facts.ts_routes import TANSTACK_ROUTE_FACTORIES, RouteStage
from deadcode.facts.ts_values import UrlValues
from deadcode.idioms import axios
from deadcode.idioms.http_clients import env_name

QUERY = "facts"
TS_EXTENSIONS = (".ts", ".mts", ".cts")

# What a client call is: idioms/http_clients.py (data) and the client idioms; read in facts/ts_http.py.
MAX_SYNTAX_PROBLEMS = 5
MAX_CALLEE = 200  # bytes of callee source text kept as written
MAX_URL_FUNCTION = 4000  # bytes: larger functions are not read as functions returning a URL


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


@dataclass
class _Function:
    name: str
    node: Node  # the function / arrow / class node
    stmt: Node  # the module-level statement holding it
    exported: bool
    callable: bool  # a function (not a class or an object of methods): may be a wrapper


# ------------------------------------------------------------------------------- the extractor


class _Extractor(UrlValues, HttpStage, ModuleStage, RouteStage, EnvStage):
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
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

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
        return (
            parent is not None
            and parent.type == "export_statement"
            and self.t(error) == "type"
            and parent.child_by_field_name("source") is not None
        )

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
        return _squash(self.t(_unwrap(node) or node)) if node.type != "string" else self.t(node)

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
                text = _squash(self.t(fn)).replace("?.", ".").replace("!.", ".")
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
            self.consts.append(
                TsConst(
                    name, value, kind, line, name.split(".")[0] in self.exported_names, params, alternatives
                )
            )

    def _string_const(self, name: str, value: Node, line: int) -> None:
        alts = self.url_alternatives(value)
        if alts:
            self.consts_pending.append((name, alts[0], "string", line, (), tuple(alts[1:])))

    def _function_const(self, name: str, fn: Node, line: int) -> None:
        if fn.end_byte - fn.start_byte > MAX_URL_FUNCTION or not self.stringish_function(fn):
            return  # URL helpers are small; a component or a service method is not one
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
            if f.callable and node.type in FUNCTION_NODES | {
                "function_declaration",
                "generator_function_declaration",
            }:
                self._function_const(f.name, node, parsing.line(f.stmt))
            elif node.type in ("class_declaration", "class", "abstract_class_declaration"):
                body = node.child_by_field_name("body")
                for m in _kids(body):
                    if m.type == "method_definition":
                        self._function_const(
                            f"{f.name}.{self.t(m.child_by_field_name('name'))}", m, parsing.line(m)
                        )

    def _module_export_value(self, stmt: Node) -> None:
        """``export { a, b as c }`` / ``export default X``: which module names are exported."""
        if stmt.child_by_field_name("source") is not None:
            return
        value = stmt.child_by_field_name("value")
        if value is not None:
            value = _unwrap(value)
            if value.type == "identifier":
                self.exported_names.add(self.t(value))
            elif value.type in (
                "function_expression",
                "function",
                "arrow_function",
                "generator_function",
                "class",
            ):
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
            return any(
                self._stringish(node.child_by_field_name(f), depth + 1)
                for f in ("consequence", "alternative")
            )
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
