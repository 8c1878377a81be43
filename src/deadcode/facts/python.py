"""Python per-file facts: imports, top-level definitions and the names they use, FastAPI apps,
routers, endpoints and includes, settings classes and reads, env reads, flag conditions,
string constants and HTTP calls.

One parse per file. Tree-sitter queries (``queries/python/*.scm``) find the candidate nodes;
small Python code reads their structure. Walking the whole tree in Python is avoided: names
are attributed to definitions and ``if`` branches by byte ranges (bisect), not by climbing
parents from every identifier.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import accumulate

from tree_sitter import Node, Query, QueryCursor

from deadcode.facts import parsing
from deadcode.facts.model import (
    Condition,
    HttpCall,
    PyApp,
    PyConst,
    PyDef,
    PyEndpoint,
    PyFacts,
    PyGuardedUse,
    PyImport,
    PyInclude,
    PyRead,
    PyRouter,
    PySettingField,
    PySettingsClass,
    Sub,
    Template,
)

GRAMMAR = "python"

ROUTE_METHODS = {
    "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
    "head": "HEAD", "options": "OPTIONS", "trace": "TRACE",
    "websocket": "WEBSOCKET", "websocket_route": "WEBSOCKET",
}
# Exceptions whose handler makes the imports of a ``try`` body optional.
IMPORT_ERRORS = re.compile(r"\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b")
# Receivers that hold settings by name: settings, app_settings, config, self.settings, ...
SETTINGS_WORD = re.compile(r"(?i)settings|config")
SETTINGS_MODULE_TAIL = ("config", "settings", "conf")
# Pattern indexes of queries/python/settings.scm.
READ_BY_ATTRIBUTE, READ_BY_CALL, READ_BY_GETATTR, PARAM_TYPED, PARAM_DEPENDS, STORE, ASSIGNED = range(7)
# `.name` right after a reference identifier: settings.X read through a plain name
ATTRIBUTE_AFTER = re.compile(rb"[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)")
COMPOUND = {"if_statement", "try_statement", "with_statement", "for_statement", "while_statement",
            "elif_clause", "else_clause", "except_clause", "finally_clause", "ERROR"}


TOO_DEEP = "too deeply nested to read"


def extract_python(path: str, data: bytes) -> tuple[PyFacts, bool, tuple[str, ...]]:
    """The facts of one Python file: ``(facts, partial, problems)``.

    ``partial`` is True when the file has syntax errors; then ``problems`` names the first one
    and every fact that did parse is still returned."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    data = bytes(data)
    tree = parsing.parse(GRAMMAR, data)
    root = tree.root_node
    problems = _syntax_problems(root)
    try:
        facts = _ModuleReader(data, root).read()
    except RecursionError:  # absurdly nested expressions (generated or binary files)
        return PyFacts(), True, problems + (TOO_DEEP,)
    strings = _module_strings(data)
    if strings:
        facts = replace(facts, module_strings=strings)
    return facts, bool(problems), problems


_MODULE_STRING = re.compile(rb"""["']([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?::[A-Za-z_]\w*)?["']""")


def _module_strings(data: bytes) -> tuple[tuple[str, int], ...]:
    """Quoted dotted names (``"app.celery.tasks"``, ``"app.main:app"``) with their lines. A byte
    scan: one in a comment only keeps a module alive, which is the safe direction."""
    out = []
    for m in _MODULE_STRING.finditer(data):
        out.append((m.group(1).decode("ascii", "replace"), data.count(b"\n", 0, m.start()) + 1))
    return tuple(out)


def _syntax_problems(root: Node) -> tuple[str, ...]:
    """``syntax error at line N`` for the first error node. An ERROR node that wraps a long
    stretch (an unclosed ``[`` on line 1) starts where the wrapping began, not where parsing
    failed: when it holds nested error nodes, the first of those is the error."""
    if not root.has_error:
        return ()
    node = _first_error(root)
    while node is not None and node.is_error:
        inner = next((n for c in node.children if (n := _first_error(c)) is not None), None)
        if inner is None:
            break
        node = inner
    node = node or root
    return (f"syntax error at line {node.start_point[0] + 1}",)


def _first_error(node: Node) -> Node | None:
    """The first ERROR or MISSING node in document order under (and including) ``node``."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            return n
        if n.has_error:
            stack.extend(reversed(n.children))
    return None


# ------------------------------------------------------------------------------ queries

# Query files run together: each query run walks the whole tree, and on a 2,000-line file one
# combined run costs about what two separate runs do, not six. ``references`` runs on its own
# (``captures`` of ~10k identifiers is faster than as matches).
COMBINED = ("imports", "conditions", "fastapi", "settings", "calls")


@lru_cache(maxsize=None)
def _combined_query(names: tuple[str, ...]) -> tuple[Query, tuple[tuple[str, int], ...]]:
    """One Query over several query files, and for each of its patterns (file, local index)."""
    sources: list[str] = []
    table: list[tuple[str, int]] = []
    for name in names:
        count = parsing.query(GRAMMAR, name).pattern_count
        sources.append(parsing.query_source(GRAMMAR, name))
        table.extend((name, i) for i in range(count))
    return Query(parsing.language(GRAMMAR), "\n".join(sources)), tuple(table)


Matches = list[tuple[int, dict[str, list[Node]]]]


def run_queries(root: Node, names: tuple[str, ...] = COMBINED) -> dict[str, Matches]:
    """``parsing.matches`` of each named query file, from one traversal of the tree."""
    query, table = _combined_query(names)
    out: dict[str, list] = {name: [] for name in names}
    for idx, caps in QueryCursor(query).matches(root):
        name, local = table[idx]
        out[name].append((local, caps))
    return out


# ------------------------------------------------------------------------------ literal values


def _string_prefix(node: Node) -> str:
    start = node.child(0)
    if start is None or start.type != "string_start":
        return ""
    return start.text.decode("utf-8", "replace").lower().rstrip("'\"")


def _decode_content(content: Node, raw: bool) -> str:
    """The value of a ``string_content`` node: escapes decoded unless raw, ``{{`` -> ``{``."""
    data = content.text
    if content.child_count == 0:
        return data.decode("utf-8", "replace")
    out, pos, base = [], 0, content.start_byte
    for esc in content.children:
        out.append(data[pos:esc.start_byte - base].decode("utf-8", "replace"))
        piece = esc.text.decode("utf-8", "replace")
        if esc.type == "escape_interpolation":
            out.append(piece[0])
        elif raw:
            out.append(piece)
        else:
            try:
                out.append(ast.literal_eval('"' + piece + '"'))
            except Exception:  # \N{...} typos, lone backslashes: keep the source text
                out.append(piece)
        pos = esc.end_byte - base
    out.append(data[pos:].decode("utf-8", "replace"))
    return "".join(out)


def _string_parts(node: Node) -> list[str | Sub] | None:
    """Parts of a ``string`` or ``concatenated_string`` node (f-string interpolations as Sub)."""
    if node.type == "concatenated_string":
        parts: list[str | Sub] = []
        for child in node.children:
            if child.type == "string":
                sub = _string_parts(child)
                if sub is None:
                    return None
                parts.extend(sub)
        return parts
    if node.type != "string":
        return None
    prefix = _string_prefix(node)
    raw = "r" in prefix
    parts = []
    for child in node.children:
        if child.type == "string_content":
            parts.append(_decode_content(child, raw))
        elif child.type == "interpolation":
            expr = child.child_by_field_name("expression")
            parts.append(Sub(parsing.text(expr).strip()) if expr is not None else Sub(""))
    return parts


def string_value(node: Node | None) -> str | None:
    """The value of a plain string literal (no f-string substitutions), else None."""
    if node is None or node.type not in ("string", "concatenated_string"):
        return None
    parts = _string_parts(node)
    if parts is None or any(isinstance(p, Sub) for p in parts):
        return None
    return "".join(parts)


_NO_VALUE = object()


def literal_value(node: Node | None):
    """A safe literal (str, int, float, bool, None) or ``_NO_VALUE``."""
    if node is None:
        return _NO_VALUE
    t = node.type
    if t in ("string", "concatenated_string"):
        s = string_value(node)
        return _NO_VALUE if s is None else s
    if t == "true":
        return True
    if t == "false":
        return False
    if t == "none":
        return None
    if t in ("integer", "float"):
        try:
            return ast.literal_eval(parsing.text(node))
        except Exception:
            return _NO_VALUE
    if t == "unary_operator" and node.child_count == 2 and node.child(0).type in ("-", "+"):
        inner = literal_value(node.child(1))
        if isinstance(inner, (int, float)) and not isinstance(inner, bool):
            return -inner if node.child(0).type == "-" else inner
    if t == "parenthesized_expression" and node.named_child_count == 1:
        return literal_value(node.named_child(0))
    return _NO_VALUE


def _merge(parts: list[str | Sub]) -> tuple[str | Sub, ...]:
    return Template.of(parts).parts


def _operands(node: Node, operator: str) -> list[Node]:
    """Operands of a chain ``a + b + c`` (or ``and``), parentheses unwrapped, without
    recursion: tree-sitter nests long chains deeply."""
    out: list[Node] = []
    stack = [node]
    while stack:
        n = _unparen(stack.pop())
        if n is None:
            continue
        if n.type in ("binary_operator", "boolean_operator"):
            op = n.child_by_field_name("operator")
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if op is not None and op.type == operator and left is not None and right is not None:
                stack.append(right)
                stack.append(left)
                continue
        out.append(n)
    return out


def _template_parts(node: Node) -> list[str | Sub]:
    parts: list[str | Sub] = []
    for operand in _operands(node, "+"):
        strings = _string_parts(operand) if operand.type in ("string", "concatenated_string") else None
        parts.extend(strings if strings is not None else [Sub(parsing.text(operand))])
    return parts


def template_of(node: Node) -> Template:
    """A string, f-string, name, attribute or ``+`` concatenation as a Template."""
    return Template(_merge(_template_parts(node)))


def _is_stringish(node: Node) -> bool:
    """A string, f-string, or ``+`` concatenation involving one."""
    return any(o.type in ("string", "concatenated_string") for o in _operands(node, "+"))


# ------------------------------------------------------------------------------ argument lists


@dataclass
class _Args:
    positional: list[Node]
    keywords: dict[str, Node]


def _args(arglist: Node | None) -> _Args:
    pos: list[Node] = []
    kw: dict[str, Node] = {}
    if arglist is None:
        return _Args(pos, kw)
    for child in arglist.named_children:
        if child.type == "keyword_argument":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            if name is not None and value is not None:
                kw[parsing.text(name)] = value
        elif child.type in ("comment", "list_splat", "dictionary_splat"):
            continue
        else:
            pos.append(child)
    return _Args(pos, kw)


def _arg(args: _Args, index: int, keyword: str) -> Node | None:
    if keyword in args.keywords:
        return args.keywords[keyword]
    return args.positional[index] if len(args.positional) > index else None


def _unparen(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_child(0)
    return node


def _string_list(node: Node | None) -> list[str] | None:
    """``["GET", "POST"]`` / tuple / set of string literals, else None."""
    node = _unparen(node)
    if node is None or node.type not in ("list", "tuple", "set"):
        return None
    out = []
    for child in node.named_children:
        if child.type == "comment":
            continue
        s = string_value(child)
        if s is None:
            return None
        out.append(s)
    return out


# ------------------------------------------------------------------------------ range indexes


class _Regions:
    """Properly nested byte ranges, each carrying a tuple of conditions; ``at(pos)`` is the
    conjunction of every range containing ``pos``, outermost first."""

    def __init__(self, ranges: list[tuple[int, int, tuple[Condition, ...]]]):
        ranges = sorted(ranges, key=lambda r: (r[0], -r[1]))
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]
        self.parent: list[int] = []
        self.acc: list[tuple[Condition, ...]] = []
        stack: list[int] = []
        for i, (start, end, conds) in enumerate(ranges):
            while stack and self.ends[stack[-1]] <= start:
                stack.pop()
            parent = stack[-1] if stack else -1
            self.parent.append(parent)
            self.acc.append((self.acc[parent] if parent >= 0 else ()) + conds)
            stack.append(i)

    def flagged_ranges(self) -> list[tuple[int, int]]:
        """The outermost ranges whose conditions name a flag (nested ones lie inside them)."""
        out: list[tuple[int, int]] = []
        for start, end, acc in zip(self.starts, self.ends, self.acc):
            if (not out or start >= out[-1][1]) and any(c.name for c in acc):
                out.append((start, end))
        return out

    def index_at(self, pos: int) -> int:
        """The innermost range containing ``pos`` (-1 for none)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and not (self.starts[i] <= pos < self.ends[i]):
            i = self.parent[i]
        return i

    def at(self, pos: int) -> tuple[Condition, ...]:
        i = self.index_at(pos)
        return self.acc[i] if i >= 0 else ()


class _Scopes:
    """Disjoint byte ranges of top-level definition bodies -> the definition name."""

    def __init__(self, ranges: list[tuple[int, int, str]]):
        ranges = sorted(ranges)
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]
        self.names = [r[2] for r in ranges]

    def at(self, pos: int) -> str | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ends[i]:
            return self.names[i]
        return None


@dataclass
class _TopDef:
    """A top-level definition while the module is read."""

    name: str
    kind: str
    line: int
    span: tuple[int, int]
    node: Node  # function_definition / class_definition / expression_statement
    decorators: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    inner: tuple[tuple[int, int], ...] = ()  # byte ranges whose names are this def's uses
    exclude: frozenset[str] = frozenset()  # parameter names / own assigned names


# ------------------------------------------------------------------------------ the reader


class _ModuleReader:
    def __init__(self, data: bytes, root: Node):
        self.data = data
        self.root = root
        self.defs: list[_TopDef] = []
        self.classes: list[tuple[_TopDef, Node]] = []
        self.consts: list[PyConst] = []
        self.all_names: list[str] | None = None
        self.all_literal = True
        self.has_main_guard = False
        self.module_assigns: list[tuple[str, Node, Node]] = []  # (name, value, statement)
        self.settings_roots: set[str] = {"settings"}
        self.settings_fns: set[str] = set()
        self.matches: dict[str, list] = {}
        self.test_cache: dict[int, tuple[Condition, ...]] = {}
        self.binding_positions: set[int] = set()  # names bound by top-level assignments
        self.stores: set[tuple[int, int]] = set()  # spans of attribute/subscript assignment targets
        # settings classes: (name, body, field names, field declaration positions)
        self.settings_bodies: list[tuple[str, Node, frozenset[str], frozenset[int]]] = []
        self.settings_matches: list = []
        self.regions = _Regions([])
        self.scopes = _Scopes([])

    @cached_property
    def lines(self) -> _LineIndex:
        return _LineIndex(self.data)

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    # -------------------------------------------------------------------------- entry point
    def read(self) -> PyFacts:
        self.matches = run_queries(self.root)
        self._walk_top(self.root)
        self.scopes = _Scopes([(s, e, d.name) for d in self.defs if d.kind != "variable"
                               for s, e in d.inner])
        settings_classes, instances = self._settings()
        raw_imports = self._raw_imports()
        self.settings_matches = self.matches["settings"]
        self.stores = {(n.start_byte, n.end_byte) for idx, caps in self.settings_matches if idx == STORE
                       for n in caps["store"]}
        self._collect_settings_roots(raw_imports, instances)
        self.regions = self._condition_regions()
        imports = self._imports(raw_imports)
        refs = self._references()
        defs, module_uses = self._defs_and_uses(refs)
        apps, routers, endpoints, includes = self._fastapi()
        reads = self._setting_reads(refs) + self._env_reads() + self._settings_self_reads(refs)
        reads.sort(key=lambda r: (r[0], r[1].name))
        return PyFacts(
            imports=tuple(imports),
            defs=defs,
            module_uses=module_uses,
            apps=tuple(apps),
            routers=tuple(routers),
            endpoints=tuple(endpoints),
            includes=tuple(includes),
            settings_classes=tuple(settings_classes),
            settings_instances=tuple(instances),
            reads=tuple(dict.fromkeys(r for _, r in reads)),
            guarded_uses=self._guarded_uses(refs),
            consts=tuple(self.consts),
            http_calls=tuple(self._http_calls()),
            has_main_guard=self.has_main_guard,
            all_names=tuple(self.all_names) if self.all_names is not None and self.all_literal else None,
        )

    def _where(self, pos: int) -> tuple[tuple[Condition, ...], str | None]:
        return self.regions.at(pos), self.scopes.at(pos)

    # -------------------------------------------------------------------------- top level
    def _walk_top(self, block: Node) -> None:
        """Module-level statements, also inside module-level if/try/with/for blocks."""
        stack = list(reversed(block.children))
        while stack:
            node = stack.pop()
            t = node.type
            if t in ("function_definition", "class_definition"):
                self._add_def(node, node, ())
            elif t == "decorated_definition":
                definition = node.child_by_field_name("definition")
                if definition is not None:
                    decorators = tuple(self.text(c).lstrip("@").strip() for c in node.children
                                       if c.type == "decorator")
                    self._add_def(definition, node, decorators)
            elif t == "expression_statement":
                self._top_statement(node)
            elif t in COMPOUND or t == "block":
                if t == "if_statement" and _is_main_guard(node.child_by_field_name("condition")):
                    self.has_main_guard = True
                stack.extend(reversed(node.children))

    def _add_def(self, definition: Node, outer: Node, decorators: tuple[str, ...]) -> None:
        name_node = definition.child_by_field_name("name")
        body = definition.child_by_field_name("body")
        if name_node is None:
            return
        name = self.text(name_node)
        # The whole decorated definition: decorators (``response_model=X``), parameter defaults
        # (``Depends(get_x)``), annotations and the body all go when the definition goes.
        inner = ((outer.start_byte, outer.end_byte),) if body is not None else ()
        line = definition.start_point[0] + 1
        span = (outer.start_byte, outer.end_byte)
        if definition.type == "class_definition":
            supers = definition.child_by_field_name("superclasses")
            bases = tuple(self.text(c) for c in (supers.named_children if supers else ())
                          if c.type not in ("keyword_argument", "comment"))
            d = _TopDef(name, "class", line, span, definition, decorators, bases, inner)
            self.classes.append((d, definition))
        else:
            params = _param_names(definition.child_by_field_name("parameters"), self.text)
            d = _TopDef(name, "function", line, span, definition, decorators, (), inner, frozenset(params))
        self.defs.append(d)

    def _top_statement(self, stmt: Node) -> None:
        node = stmt.named_child(0) if stmt.named_child_count else None
        if node is None:
            return
        if node.type == "augmented_assignment":
            left = node.child_by_field_name("left")
            if left is not None and self.text(left) == "__all__":
                self._all_names(node.child_by_field_name("right"), extend=True)
            return
        if node.type != "assignment":
            return
        names: list[str] = []
        ranges: list[tuple[int, int]] = []
        value = None
        cur: Node | None = node
        while cur is not None and cur.type == "assignment":
            left = cur.child_by_field_name("left")
            type_node = cur.child_by_field_name("type")
            if left is not None:
                for target in _target_nodes(left):
                    names.append(self.text(target))
                    self.binding_positions.add(target.start_byte)
                if left.type not in ("identifier", "pattern_list", "tuple_pattern", "list_pattern"):
                    ranges.append((left.start_byte, left.end_byte))  # x.y = ... / x[i] = ...: uses x
            if type_node is not None:
                ranges.append((type_node.start_byte, type_node.end_byte))
            value = cur.child_by_field_name("right")
            cur = value
        if value is not None:
            ranges.append((value.start_byte, value.end_byte))
        if not names:
            return
        line = stmt.start_point[0] + 1
        span = (stmt.start_byte, stmt.end_byte)
        for name in dict.fromkeys(names):
            self.defs.append(_TopDef(name, "variable", line, span, stmt, (), (), tuple(ranges),
                                     frozenset(names)))
        single = len(names) == 1 and node.child_by_field_name("left") is not None \
            and node.child_by_field_name("left").type == "identifier"
        if not single or value is None:
            return
        name = names[0]
        self.module_assigns.append((name, value, stmt))
        if name == "__all__":
            self._all_names(value, extend=False)
        elif _is_stringish(value):
            self.consts.append(PyConst(name, template_of(value), line))

    def _all_names(self, value: Node | None, extend: bool) -> None:
        items = _string_list(value)
        if items is None:
            self.all_literal = False
            return
        self.all_names = (self.all_names or []) + items if extend else items

    # -------------------------------------------------------------------------- settings
    def _settings(self) -> tuple[list[PySettingsClass], list[tuple[str, str]]]:
        names = {d.name for d, _ in self.classes}
        settings_names: set[str] = set()
        changed = True
        while changed:  # subclasses of a settings class in this file are settings classes too
            changed = False
            for d, _ in self.classes:
                if d.name in settings_names:
                    continue
                if any(_last(b) == "BaseSettings" or (b in names and b in settings_names) for b in d.bases):
                    settings_names.add(d.name)
                    changed = True
        classes = [self._settings_class(d, node) for d, node in self.classes if d.name in settings_names]

        def settings_call(value: Node | None) -> str | None:
            value = _unparen(value)
            if value is None or value.type != "call":
                return None
            fn = self.text(value.child_by_field_name("function"))
            cls = _last(fn)
            if cls in settings_names or (cls.endswith("Settings") and cls != "BaseSettings"):
                return cls
            return None

        instances: list[tuple[str, str]] = []
        for name, value, _stmt in self.module_assigns:
            cls = settings_call(value)
            if cls:
                instances.append((name, cls))
        for d in self.defs:
            if d.kind != "function":
                continue
            body = d.node.child_by_field_name("body")
            for stmt in body.named_children if body is not None else ():
                if stmt.type == "return_statement" and stmt.named_child_count:
                    cls = settings_call(stmt.named_child(0))
                    if cls:
                        instances.append((f"{d.name}()", cls))
                        break
        return classes, instances

    def _settings_class(self, d: _TopDef, node: Node) -> PySettingsClass:
        fields: list[PySettingField] = []
        targets: set[int] = set()  # where the fields are declared: not reads
        env_prefix = ""
        body = node.child_by_field_name("body")
        for stmt in body.named_children if body is not None else ():
            if stmt.type == "class_definition" and self.text(stmt.child_by_field_name("name")) == "Config":
                inner = stmt.child_by_field_name("body")
                for s in inner.named_children if inner is not None else ():
                    a = s.named_child(0) if s.type == "expression_statement" and s.named_child_count else None
                    if a is None or a.type != "assignment":
                        continue
                    if self.text(a.child_by_field_name("left")) == "env_prefix":
                        env_prefix = string_value(a.child_by_field_name("right")) or env_prefix
                continue
            if stmt.type != "expression_statement" or not stmt.named_child_count:
                continue
            a = stmt.named_child(0)
            if a.type != "assignment":
                continue
            left = a.child_by_field_name("left")
            if left is None or left.type != "identifier":
                continue
            name = self.text(left)
            right = a.child_by_field_name("right")
            if name == "model_config":
                env_prefix = self._config_env_prefix(right) or env_prefix
                continue
            type_node = a.child_by_field_name("type")
            if type_node is None:
                continue
            annotation = self.text(type_node)
            if annotation.startswith(("ClassVar", "typing.ClassVar")):
                continue
            default, env = self._field_default(right)
            fields.append(PySettingField(name, default, stmt.start_point[0] + 1,
                                         (stmt.start_byte, stmt.end_byte), annotation, env))
            targets.add(left.start_byte)
        if body is not None:
            self.settings_bodies.append((d.name, body, frozenset(f.name for f in fields), frozenset(targets)))
        return PySettingsClass(d.name, d.line, tuple(fields), env_prefix)

    def _config_env_prefix(self, value: Node | None) -> str | None:
        value = _unparen(value)
        if value is None:
            return None
        if value.type == "call":
            return string_value(_args(value.child_by_field_name("arguments")).keywords.get("env_prefix"))
        if value.type == "dictionary":
            for pair in value.named_children:
                if pair.type == "pair" and string_value(pair.child_by_field_name("key")) == "env_prefix":
                    return string_value(pair.child_by_field_name("value"))
        return None

    def _field_default(self, right: Node | None):
        env = None
        expr = right
        is_field = right is not None and right.type == "call" \
            and _last(self.text(right.child_by_field_name("function"))) == "Field"
        if is_field:
            args = _args(right.child_by_field_name("arguments"))
            expr = _arg(args, 0, "default")
            for key in ("validation_alias", "alias", "env"):
                alias = args.keywords.get(key)
                if alias is None:
                    continue
                env = string_value(alias)
                if env is None and alias.type == "call":  # AliasChoices("A", "B"): the first
                    choices = _args(alias.child_by_field_name("arguments")).positional
                    env = next((string_value(a) for a in choices if string_value(a) is not None), None)
                if env is not None:
                    break
        if expr is None or expr.type == "ellipsis":
            return None, env
        value = literal_value(expr)
        if value is not _NO_VALUE:
            return value, env
        if _is_stringish(expr):
            return template_of(expr), env
        return Template((Sub(self.text(expr)),)), env

    def _collect_settings_roots(self, raw_imports, instances) -> None:
        """Names that hold a settings object: instances made here, names imported from a
        config/settings module, parameters typed with a settings class."""
        for var, _cls in instances:
            if var.endswith("()"):
                self.settings_fns.add(var[:-2])
            else:
                self.settings_roots.add(var)
        for imp in raw_imports:
            tail = imp.module.rsplit(".", 1)[-1].lstrip(".")
            from_settings_module = tail in SETTINGS_MODULE_TAIL or tail.endswith(("_config", "_settings"))
            if not imp.names:
                if imp.alias and from_settings_module:
                    self.settings_roots.add(imp.alias)
                continue
            for entry in imp.names:
                orig, _, local = entry.partition(" as ")
                local = local or orig
                if orig != "*" and (from_settings_module or SETTINGS_WORD.search(orig)):
                    self.settings_roots.add(local)  # settings.X
                    self.settings_fns.add(local)  # get_settings().X, Settings().X
        settings_types = {c for _v, c in instances}
        for idx, caps in self.settings_matches:
            if idx == PARAM_TYPED:  # def f(cfg: Settings), s: Annotated[Settings, Depends(...)]
                words = re.findall(r"\w+", self.text(caps["type"][0]))
                if any(w in settings_types or SETTINGS_WORD.search(w) for w in words):
                    self.settings_roots.add(self.text(caps["param"][0]))
            elif idx == PARAM_DEPENDS:  # def f(s=Depends(get_settings))
                provider = _last(self.text(caps["provider"][0]))
                if provider in self.settings_fns or SETTINGS_WORD.search(provider):
                    self.settings_roots.add(self.text(caps["param"][0]))
            elif idx == ASSIGNED:  # cfg = get_settings() (the query matched a settings-like callee)
                self.settings_roots.add(self.text(caps["var"][0]))

    def _is_settings_name(self, name: str) -> bool:
        return name in self.settings_roots or bool(SETTINGS_WORD.search(name))

    def _settings_receiver(self, node: Node) -> bool:
        """Whether ``node`` (the object of an attribute) is a settings object."""
        t = node.type
        if t == "identifier":
            return self._is_settings_name(self.text(node))
        if t == "attribute":
            attr = self.text(node.child_by_field_name("attribute"))
            return attr in ("settings", "config") or attr.endswith(("_settings", "_config"))
        if t == "call":
            fn = _last(self.text(node.child_by_field_name("function")))
            return fn in self.settings_fns or bool(SETTINGS_WORD.search(fn))
        return False

    # -------------------------------------------------------------------------- conditions
    def _flag_ref(self, node: Node | None) -> str | None:
        """The flag a test expression reads: ``settings.X`` -> X, ``os.getenv("X")`` -> X."""
        node = _unparen(node)
        if node is None:
            return None
        t = node.type
        if t == "attribute":
            obj = node.child_by_field_name("object")
            if obj is not None and self._settings_receiver(obj):
                return self.text(node.child_by_field_name("attribute"))
            return None
        if t == "call":
            fn = node.child_by_field_name("function")
            fn_text = self.text(fn)
            if fn_text in ("os.getenv", "getenv", "os.environ.get", "environ.get"):
                return string_value(_arg(_args(node.child_by_field_name("arguments")), 0, "key"))
            return None
        if t == "subscript":
            if self.text(node.child_by_field_name("value")) in ("os.environ", "environ"):
                return string_value(node.child_by_field_name("subscript"))
        return None

    def _flag_names_in(self, node: Node) -> set[str]:
        names: set[str] = set()
        stack = [node]
        while stack:
            n = stack.pop()
            name = self._flag_ref(n) if n.type in ("attribute", "call", "subscript") else None
            if name:
                names.add(name)
            stack.extend(n.named_children)
        return names

    def _unknown(self, node: Node, negated: bool = False) -> Condition:
        names = self._flag_names_in(node)
        return Condition(names.pop() if len(names) == 1 else "", "unknown", (), negated, self.text(node))

    def _single_condition(self, node: Node) -> Condition | None:
        """One modelled predicate, or None."""
        node = _unparen(node)
        if node is None:
            return None
        src = self.text(node)
        if node.type == "not_operator":
            inner = self._single_condition(node.child_by_field_name("argument"))
            if inner is None:
                return None
            if inner.op == "truthy" and not inner.negated:
                return replace(inner, op="falsy", text=src)
            if inner.op == "falsy" and not inner.negated:
                return replace(inner, op="truthy", text=src)
            return replace(inner, negated=not inner.negated, text=src)
        name = self._flag_ref(node)
        if name:
            return Condition(name, "truthy", (), False, src)
        if node.type != "comparison_operator":
            return None
        ops = node.children_by_field_name("operators")
        operands = [c for c in node.named_children if c.type != "comment"]
        if len(ops) != 1 or len(operands) != 2:
            return None
        op = {"==": "==", "!=": "!=", "in": "in", "not in": "not-in"}.get(" ".join(ops[0].type.split()))
        if op is None:
            return None
        left, right = operands
        name = self._flag_ref(left)
        other = right
        if not name and op in ("==", "!="):
            name, other = self._flag_ref(right), left
        if not name:
            return None
        if op in ("==", "!="):
            value = literal_value(_unparen(other))
            if value is _NO_VALUE:
                return None
            return Condition(name, op, (value,), False, src)
        items = _unparen(other)
        if items is None or items.type not in ("tuple", "list", "set"):
            return None
        values = []
        for item in items.named_children:
            if item.type == "comment":
                continue
            v = literal_value(item)
            if v is _NO_VALUE:
                return None
            values.append(v)
        return Condition(name, op, tuple(values), False, src)

    def _test_conditions(self, test: Node | None) -> tuple[Condition, ...]:
        """``_conjunction`` of an if/elif test, once per test (else branches negate it again)."""
        if test is None:
            return ()
        key = test.start_byte
        if key not in self.test_cache:
            self.test_cache[key] = self._conjunction(test)
        return self.test_cache[key]

    def _conjunction(self, node: Node | None) -> tuple[Condition, ...]:
        """The conditions an ``if`` test asserts when true: ``and`` splits, the rest is one."""
        if node is None:
            return ()
        out = []
        for operand in _operands(node, "and"):
            single = self._single_condition(operand)
            out.append(single if single is not None else self._unknown(operand))
        return tuple(out)

    def _negation(self, test: Node | None) -> tuple[Condition, ...]:
        """The conditions that hold when ``test`` is false (for elif/else branches)."""
        if test is None:
            return ()
        conj = self._test_conditions(test)
        if len(conj) == 1:
            return (replace(conj[0], negated=not conj[0].negated),)
        return (self._unknown(_unparen(test), negated=True),)  # not (A and B) is no conjunction

    def _condition_regions(self) -> _Regions:
        ranges: list[tuple[int, int, tuple[Condition, ...]]] = []
        for _idx, caps in self.matches["conditions"]:
            for node in caps.get("if", ()):
                test = node.child_by_field_name("condition")
                body = node.child_by_field_name("consequence")
                if body is not None:
                    ranges.append((body.start_byte, body.end_byte, self._test_conditions(test)))
                previous: list[Node | None] = [test]
                for alt in node.children_by_field_name("alternative"):
                    negations = tuple(c for t in previous for c in self._negation(t))
                    if alt.type == "elif_clause":
                        alt_test = alt.child_by_field_name("condition")
                        block = alt.child_by_field_name("consequence")
                        if block is not None:
                            own = self._test_conditions(alt_test)
                            ranges.append((block.start_byte, block.end_byte, negations + own))
                        previous.append(alt_test)
                    elif alt.type == "else_clause":
                        block = alt.child_by_field_name("body")
                        if block is not None:
                            ranges.append((block.start_byte, block.end_byte, negations))
        return _Regions(ranges)

    # -------------------------------------------------------------------------- imports
    def _raw_imports(self) -> list[PyImport]:
        out: list[PyImport] = []
        for _idx, caps in self.matches["imports"]:
            if "import" in caps:
                stmt = caps["import"][0]
                for child in stmt.children_by_field_name("name"):
                    if child.type == "aliased_import":
                        module = self.text(child.child_by_field_name("name"))
                        alias = self.text(child.child_by_field_name("alias")) or None
                    else:
                        module, alias = self.text(child), None
                    out.append(self._import(stmt, "".join(module.split()), (), alias))
            elif "from" in caps:
                stmt = caps["from"][0]
                module = "".join(self.text(stmt.child_by_field_name("module_name")).split())
                names: list[str] = []
                if any(c.type == "wildcard_import" for c in stmt.children):
                    names.append("*")
                for child in stmt.children_by_field_name("name"):
                    if child.type == "aliased_import":
                        names.append(f"{self.text(child.child_by_field_name('name'))} as "
                                     f"{self.text(child.child_by_field_name('alias'))}")
                    else:
                        names.append(self.text(child))
                if module:
                    out.append(self._import(stmt, module, tuple(names), None))
            elif "dynamic" in caps:
                call = caps["dynamic"][0]
                module = string_value(caps["module"][0])
                if module and module.strip():
                    out.append(self._import(call, module.strip(), (), None, dynamic=True))
        out.sort(key=lambda i: i.span)  # stable: `import a, b` keeps its order
        return out

    def _import(self, node: Node, module: str, names: tuple[str, ...], alias: str | None,
                dynamic: bool = False) -> PyImport:
        return PyImport(module, names, alias, node.start_point[0] + 1, (node.start_byte, node.end_byte),
                        (), None, _in_import_try(node), dynamic)

    def _imports(self, raw: list[PyImport]) -> list[PyImport]:
        out = []
        for imp in raw:
            conditions, function = self._where(imp.span[0])
            out.append(replace(imp, conditions=conditions, function=function))
        return out

    # -------------------------------------------------------------------------- names used
    def _references(self) -> list[tuple[int, str]]:
        """(byte offset, name) of every identifier that refers to a binding, in source order."""
        caps = parsing.captures(GRAMMAR, "references", self.root)
        skip = {n.start_byte for n in caps.get("skip", ())}
        data = self.data
        refs = []
        for n in caps.get("ref", ()):
            start = n.start_byte
            if start not in skip:
                refs.append((start, data[start:n.end_byte]))
        refs.sort()
        names: dict[bytes, str] = {}
        return [(s, names.get(b) or names.setdefault(b, b.decode("utf-8", "replace"))) for s, b in refs]

    def _defs_and_uses(self, refs: list[tuple[int, str]]) -> tuple[tuple[PyDef, ...], tuple[str, ...]]:
        positions = [s for s, _ in refs]
        inner_ranges: list[tuple[int, int]] = []
        defs = []
        for d in self.defs:
            used: set[str] = set()
            for start, end in d.inner:
                inner_ranges.append((start, end))
                for i in range(bisect_left(positions, start), bisect_left(positions, end)):
                    used.add(refs[i][1])
            used -= d.exclude
            defs.append(PyDef(d.name, d.kind, d.line, d.span, d.decorators, tuple(sorted(used)), d.bases))
        # Definition ranges are disjoint (bodies of different defs, parts of one statement).
        inner_ranges = sorted(set(inner_ranges))
        module_uses: set[str] = set()
        i, n = 0, len(inner_ranges)
        for start, name in refs:
            while i < n and inner_ranges[i][1] <= start:
                i += 1
            if (i == n or start < inner_ranges[i][0]) and start not in self.binding_positions:
                module_uses.add(name)
        defs.sort(key=lambda d: (d.span, d.name))
        return tuple(defs), tuple(sorted(module_uses))

    def _guarded_uses(self, refs: list[tuple[int, str]]) -> tuple[PyGuardedUse, ...]:
        regions = self.regions
        flagged = regions.flagged_ranges()
        if not flagged:
            return ()
        positions = [s for s, _ in refs]
        lines = self.lines
        seen: set[tuple[str, int, int]] = set()
        out: list[PyGuardedUse] = []
        for start, end in flagged:
            for i in range(bisect_left(positions, start), bisect_left(positions, end)):
                pos, name = refs[i]
                region = regions.index_at(pos)
                line = lines.line(pos)
                if (name, line, region) not in seen:
                    seen.add((name, line, region))
                    out.append(PyGuardedUse(name, line, regions.acc[region], self.scopes.at(pos)))
        return tuple(out)

    # -------------------------------------------------------------------------- FastAPI
    def _fastapi(self):
        apps: list[PyApp] = []
        routers: list[PyRouter] = []
        endpoints: list[PyEndpoint] = []
        includes: list[PyInclude] = []
        for _idx, caps in self.matches["fastapi"]:
            if "decorated" in caps:
                self._route_decorator(caps, endpoints)
            elif "call" in caps:
                self._router_call(caps, endpoints, includes)
            elif "construct" in caps:
                var = self.text(caps["var"][0])
                ctor = _last(self.text(caps["ctor"][0]))
                args = _args(caps["args"][0])
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
        return apps, routers, endpoints, includes

    def _route_decorator(self, caps, endpoints: list[PyEndpoint]) -> None:
        decorated = caps["decorated"][0]
        call = caps["route"][0]
        method = self.text(caps["method"][0])
        args = _args(caps["args"][0])
        path_node = _arg(args, 0, "path")
        if path_node is None:
            return
        path = template_of(path_node)
        if not _looks_like_route(path):
            return
        if method == "api_route":
            methods = _string_list(args.keywords.get("methods")) or ["GET"]
        else:
            methods = [ROUTE_METHODS[method]]
        conditions, _function = self._where(decorated.start_byte)
        owner = self.text(caps["owner"][0])
        handler = self.text(caps["handler"][0])
        line = call.start_point[0] + 1
        span = (decorated.start_byte, decorated.end_byte)
        for m in dict.fromkeys(x.upper() for x in methods):
            endpoints.append(PyEndpoint(owner, m, path, handler, line, span, conditions))

    def _router_call(self, caps, endpoints: list[PyEndpoint], includes: list[PyInclude]) -> None:
        call = caps["call"][0]
        method = self.text(caps["method"][0])
        owner = self.text(caps["owner"][0])
        args = _args(caps["args"][0])
        stmt = _statement_of(call)
        span = (stmt.start_byte, stmt.end_byte)
        conditions, function = self._where(call.start_byte)
        line = call.start_point[0] + 1
        if method == "include_router":
            child = _arg(args, 0, "router")
            if child is None:
                return
            prefix = args.keywords.get("prefix")
            prefix_tpl = template_of(prefix) if prefix is not None else None
            includes.append(PyInclude(owner, self.text(child), prefix_tpl, line, span, conditions, function))
            return
        path_node = _arg(args, 0, "path")
        if path_node is None:
            return
        handler_node = _arg(args, 1, "endpoint")
        named = handler_node is not None and handler_node.type == "identifier"
        handler = self.text(handler_node) if named else ""
        if method == "add_api_websocket_route":
            methods = ["WEBSOCKET"]
        else:
            methods = _string_list(args.keywords.get("methods")) or ["GET"]
        for m in dict.fromkeys(x.upper() for x in methods):
            endpoints.append(PyEndpoint(owner, m, template_of(path_node), handler, line, span, conditions))

    # -------------------------------------------------------------------------- reads
    def _setting_reads(self, refs: list[tuple[int, str]]) -> list[tuple[int, PyRead]]:
        out = []
        lines = self.lines
        data = self.data
        verdicts: dict[str, bool] = {}
        for pos, recv in refs:  # settings.X, cfg.X: a settings name followed by `.X`
            ok = verdicts.get(recv)
            if ok is None:
                ok = verdicts[recv] = self._is_settings_name(recv)
            if not ok:
                continue
            m = ATTRIBUTE_AFTER.match(data, pos + len(recv.encode()))
            if m is None or (pos, m.end()) in self.stores:
                continue
            conditions, function = self._where(pos)
            name = m.group(1).decode()
            out.append((pos, PyRead(name, "setting", lines.line(pos), conditions, function)))
        for idx, caps in self.settings_matches:
            if idx == READ_BY_ATTRIBUTE:  # self.settings.X, config.settings.X (query filtered)
                ok, node, name = True, caps["read"][0], self.text(caps["name"][0])
            elif idx == READ_BY_CALL:  # get_settings().X
                fn = self.text(caps["recv"][0])
                ok = fn in self.settings_fns or bool(SETTINGS_WORD.search(fn))
                node, name = caps["callread"][0], self.text(caps["name"][0])
            elif idx == READ_BY_GETATTR:  # getattr(settings, "X")
                ok = self._is_settings_name(self.text(caps["recv"][0]))
                node, name = caps["getattr"][0], string_value(caps["name"][0]) or ""
            else:
                continue
            if not ok or not name or (node.start_byte, node.end_byte) in self.stores:
                continue
            conditions, function = self._where(node.start_byte)
            line = lines.line(node.start_byte)
            out.append((node.start_byte, PyRead(name, "setting", line, conditions, function)))
        return out

    def _settings_self_reads(self, refs: list[tuple[int, str]]) -> list[tuple[int, PyRead]]:
        """Fields a settings class reads itself: ``self.X`` in properties and validators,
        ``f"{X}"`` in other defaults, ``values["X"]`` / ``@field_validator("X")``. Deleting such
        a field breaks its class, so they count as reads."""
        out: list[tuple[int, PyRead]] = []
        if not self.settings_bodies:
            return out
        positions = [p for p, _ in refs]
        lines = self.lines

        def add(pos: int, name: str, cls: str) -> None:
            conditions = self.regions.at(pos)
            out.append((pos, PyRead(name, "setting", lines.line(pos), conditions, cls)))

        for cls, body, fields, targets in self.settings_bodies:
            for i in range(bisect_left(positions, body.start_byte), bisect_left(positions, body.end_byte)):
                pos, name = refs[i]
                if name in fields and pos not in targets:
                    add(pos, name, cls)
            for idx, caps in parsing.matches(GRAMMAR, "settings_class", body):
                node = caps["read"][0]
                if idx == 0:
                    name = self.text(caps["name"][0])
                else:
                    name = string_value(caps["key"][0]) or ""
                    if name not in fields:
                        continue
                if (node.start_byte, node.end_byte) not in self.stores:
                    add(node.start_byte, name, cls)
        return out

    def _env_reads(self) -> list[tuple[int, PyRead]]:
        out = []
        for _idx, caps in self.matches["calls"]:
            if "env" not in caps:
                continue
            node = caps["env"][0]
            recv = caps.get("recv")
            fn = caps.get("_fn")
            if recv is not None and fn is not None:  # os.getenv / os.environ.get / environ.get
                recv_text, fn_text = self.text(recv[0]), self.text(fn[0])
                if (fn_text == "getenv") != (recv_text == "os"):
                    continue
            if (node.start_byte, node.end_byte) in self.stores:
                continue
            name = string_value(caps["key"][0])
            if not name:
                continue
            conditions, function = self._where(node.start_byte)
            out.append((node.start_byte, PyRead(name, "env", node.start_point[0] + 1, conditions, function)))
        return out

    # -------------------------------------------------------------------------- HTTP calls
    def _http_calls(self) -> list[HttpCall]:
        out = []
        decorator_calls = {caps["decorator_call"][0].start_byte for _idx, caps in self.matches["calls"]
                           if "decorator_call" in caps}
        for _idx, caps in self.matches["calls"]:
            if "http" not in caps:
                continue
            call = caps["http"][0]
            if call.start_byte in decorator_calls:
                continue  # @router.get("/x") declares a route, it does not call one
            method = self.text(caps["method"][0])
            callee = self.text(caps["callee"][0])
            if callee.startswith(("os.environ.", "environ.")):
                continue
            args = _args(caps["args"][0])
            if method == "request":
                verb = _arg(args, 0, "method")
                url = _arg(args, 1, "url")
                verb_text = string_value(verb) if verb is not None else None
                http_method = verb_text.upper() if verb_text else "ANY"
            else:
                # dict.get("/x", default): a second positional argument means a mapping lookup
                if method == "get" and len(args.positional) > 1:
                    continue
                url = _arg(args, 0, "url")
                http_method = "WEBSOCKET" if method == "websocket_connect" else method.upper()
            if url is None:
                continue
            tpl = template_of(url)
            if not (_looks_like_url(tpl) or (_client_like(callee) and _relative_path(tpl))):
                continue
            conditions, function = self._where(call.start_byte)
            out.append(HttpCall(http_method, tpl, callee, call.start_point[0] + 1,
                                (call.start_byte, call.end_byte), False, function, conditions))
        out.sort(key=lambda c: c.span)
        return out


# ------------------------------------------------------------------------------ small helpers


class _LineIndex:
    """Byte offset -> 1-based line, without asking tree-sitter for every node's position."""

    def __init__(self, data: bytes):
        # start offset of every line after the first (all in C: split, len, accumulate)
        self.starts = list(accumulate(map((1).__add__, map(len, data.split(b"\n")))))

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) + 1


def _last(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1].strip()


def _is_main_guard(test: Node | None) -> bool:
    test = _unparen(test)
    if test is None or test.type != "comparison_operator":
        return False
    ops = test.children_by_field_name("operators")
    operands = test.named_children
    if len(ops) != 1 or ops[0].type != "==" or len(operands) != 2:
        return False
    texts = {parsing.text(operands[0]), string_value(operands[1]) or "", string_value(operands[0]) or "",
             parsing.text(operands[1])}
    return "__name__" in texts and "__main__" in texts


def _param_names(params: Node | None, text) -> list[str]:
    out = []
    for p in params.named_children if params is not None else ():
        if p.type == "identifier":
            out.append(text(p))
        elif p.type in ("default_parameter", "typed_default_parameter"):
            out.append(text(p.child_by_field_name("name")))
        elif p.type in ("typed_parameter", "list_splat_pattern", "dictionary_splat_pattern"):
            for c in p.named_children:
                if c.type == "identifier":
                    out.append(text(c))
                elif c.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                    out.extend(text(cc) for cc in c.named_children if cc.type == "identifier")
    return out


def _target_nodes(target: Node) -> list[Node]:
    """The identifiers an assignment target binds: ``a``, ``a, (b, *c)``."""
    if target.type == "identifier":
        return [target]
    if target.type in ("pattern_list", "tuple_pattern", "list_pattern", "list_splat_pattern",
                       "parenthesized_expression"):
        out = []
        for c in target.named_children:
            out.extend(_target_nodes(c))
        return out
    return []


def _in_import_try(node: Node) -> bool:
    """Inside the body of a ``try`` whose handlers catch ImportError (or broader). A ``try``
    around a function definition does not guard the imports its body runs later."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in ("function_definition", "lambda"):
        if parent.type == "try_statement":
            body = parent.child_by_field_name("body")
            if body is not None and body.start_byte <= child.start_byte and child.end_byte <= body.end_byte:
                for clause in parent.children:
                    if clause.type != "except_clause":
                        continue
                    value = clause.child_by_field_name("value")
                    if value is None:
                        named = [c for c in clause.named_children if c.type not in ("block", "comment")]
                        value = named[0] if named else None
                    if value is None or IMPORT_ERRORS.search(parsing.text(value)):
                        return True
        child, parent = parent, parent.parent
    return False


def _statement_of(node: Node) -> Node:
    cur = node
    while cur.parent is not None and cur.parent.type not in ("block", "module"):
        if cur.type.endswith("_statement"):
            return cur
        cur = cur.parent
    return cur


def _looks_like_route(path: Template) -> bool:
    """A route path: empty, starting with '/', or built from a name/f-string substitution."""
    if not path.parts:
        return True
    first = path.parts[0]
    return isinstance(first, Sub) or first.startswith("/")


_CLIENT_RECEIVER = re.compile(r"(^|[._])(client|session|http|httpx|requests|api)$", re.IGNORECASE)


def _client_like(callee: str) -> bool:
    """``self._client.get``, ``session.post``, ``httpx.get``: a receiver named like an HTTP client."""
    receiver = callee.rpartition(".")[0]
    return bool(receiver) and _CLIENT_RECEIVER.search(receiver) is not None


def _relative_path(url: Template) -> bool:
    """``"v1/datasets/{id}"``: a path relative to the client's base URL."""
    first = url.parts[0] if url.parts else None
    return isinstance(first, str) and re.match(r"^[A-Za-z0-9_.-]+/[^\s]*$", first) is not None and "://" not in first


def _looks_like_url(url: Template) -> bool:
    """A path or absolute URL: '/x', 'http...', or '{BASE}/x'."""
    parts = url.parts
    if not parts:
        return False
    first = parts[0]
    if isinstance(first, str):
        return first.startswith(("/", "http://", "https://", "ws://", "wss://"))
    return len(parts) > 1 and isinstance(parts[1], str) and parts[1].startswith("/")
