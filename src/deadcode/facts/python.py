"""Python per-file facts: imports, top-level definitions and the names they use, settings
classes and reads, env reads, flag conditions, string constants, HTTP calls, and what the
idioms that read Python add (routes, mounts: ``idioms/*`` with a ``python_query``).

One parse per file, one combined query run. The concerns live in sibling modules that share
the parsed file through the module reader below: ``py_values`` (literals, templates, argument
lists), ``py_scopes`` (byte-range indexes), ``py_settings``, ``py_conditions``. Tree-sitter
queries (``queries/python/*.scm``) find the candidate nodes; small Python code reads their
structure. Walking the whole tree in Python is avoided: names are attributed to definitions and
``if`` branches by byte ranges (bisect), not by climbing parents from every identifier.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache, cached_property

from tree_sitter import Node, Query, QueryCursor

from deadcode.facts import parsing
from deadcode.facts.lines import LineCounter
from deadcode.facts.model import (
    Condition,
    HttpCall,
    PyConst,
    PyDef,
    PyFacts,
    PyGuardedUse,
    PyImport,
    PyRead,
)
from deadcode.facts.py_conditions import ConditionsReader
from deadcode.facts.py_scopes import LineIndex as _LineIndex
from deadcode.facts.py_scopes import Regions as _Regions
from deadcode.facts.py_scopes import Scopes as _Scopes
from deadcode.facts.py_scopes import TopDef as _TopDef
from deadcode.facts.py_settings import STORE, SettingsReader
from deadcode.facts.py_values import is_stringish as _is_stringish
from deadcode.facts.py_values import string_list as _string_list
from deadcode.facts.py_values import string_value, template_of
from deadcode.facts.py_values import unparen as _unparen

GRAMMAR = "python"

COMPOUND = {
    "if_statement",
    "try_statement",
    "with_statement",
    "for_statement",
    "while_statement",
    "elif_clause",
    "else_clause",
    "except_clause",
    "finally_clause",
    "ERROR",
}


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
    strings, named = _module_strings(data)
    if strings:
        facts = replace(facts, module_strings=strings)
    looked_up = named + (_getattr_strings(data) if b"attr(" in data else ())
    if b"globals()" in data or b"sys.modules[__name__]" in data:
        looked_up += _own_lookups(data)
    looked_up = tuple(sorted(looked_up, key=lambda n: n[2]))
    if looked_up:
        facts = replace(facts, attribute_strings=looked_up)
    return facts, bool(problems), problems


# a quoted dotted name (``"app.celery.tasks"``, ``"app.main:app"``), and a quoted name right after
# it (``fetch_impl("app.db.nodes", "_filter_nodes")``: a definition of that module looked up by name)
_MODULE_STRING = re.compile(
    rb"""["']([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?::[A-Za-z_]\w*)?["'](?:\s*,\s*["']([A-Za-z_]\w*)["'])?"""
)
_WORD_BYTE = re.compile(rb"\w")
# the rest of ``getattr(`` / ``hasattr(``: an object (a call's parentheses allowed), then the name
_GETATTR_REST = re.compile(rb"""\s*(?:[^,()\n]|\([^()]*\))+,\s*["']([A-Za-z_]\w*)["']""")


def _module_strings(data: bytes) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, str, int], ...]]:
    """Quoted dotted names with their lines, and the names looked up beside them as
    ``(name, module, line)``. A byte scan: one in a comment only keeps a module or a definition
    alive, which is the safe direction."""
    line = LineCounter(data)
    strings, named = [], []
    for m in _MODULE_STRING.finditer(data):
        module, at = m.group(1).decode("ascii", "replace"), line(m.start())
        strings.append((module, at))
        if m.group(2) is not None:
            named.append((m.group(2).decode("ascii"), module, at))
    return tuple(strings), tuple(named)


def _getattr_strings(data: bytes) -> tuple[tuple[str, str, int], ...]:
    """``getattr(obj, "name")`` / ``hasattr``: a name looked up on an object the model does not
    place, as ``(name, "", line)``. Found from each ``attr(``: a regex tried at every byte of the
    file cost a tenth of the Python extractor's own time."""
    line = LineCounter(data)
    out = []
    at = data.find(b"attr(")
    while at >= 0:
        start = at - 3
        if data[start:at] in (b"get", b"has") and (start == 0 or not _WORD_BYTE.match(data, start - 1)):
            m = _GETATTR_REST.match(data, at + 5)
            if m:
                out.append((m.group(1).decode("ascii"), "", line(start)))
        at = data.find(b"attr(", at + 5)
    return tuple(out)


_QUOTED_NAME = re.compile(rb"""["']([A-Za-z_]\w*)["']""")
_OWN_LOOKUP = re.compile(rb"globals\(\)|sys\.modules\[__name__\]")


def _own_lookups(data: bytes) -> tuple[tuple[str, str, int], ...]:
    """A module that looks itself up by a computed key (``globals()[probe_name]``,
    ``getattr(sys.modules[__name__], name)``): ``("*", ".", line)`` for the lookup, and each
    quoted name of the file as ``(name, ".", line)``, the keys it may compute."""
    line = LineCounter(data)
    m = _OWN_LOOKUP.search(data)
    out = [("*", ".", line(m.start()))] if m else []
    out += [(q.group(1).decode("ascii"), ".", line(q.start())) for q in _QUOTED_NAME.finditer(data)]
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
# (``captures`` of ~10k identifiers is faster than as matches). Idioms that read Python add
# their query to the same run (``Idiom.python_query``), under ``idiom:<name>``.
COMBINED = ("imports", "conditions", "settings", "calls")


@cache  # the registry is fixed: not a package import per file
def _readers():
    from deadcode.idioms import python_readers

    return python_readers()


@cache
def _combined_query() -> tuple[Query, tuple[tuple[str, int], ...], tuple[str, ...]]:
    """One Query over the core query files and the idioms' queries, for each of its patterns
    (name, local index), and every name."""
    lang = parsing.language(GRAMMAR)
    sources: list[tuple[str, str, int]] = []
    for name in COMBINED:
        sources.append(
            (name, parsing.query_source(GRAMMAR, name), parsing.query(GRAMMAR, name).pattern_count)
        )
    for idiom in _readers():
        sources.append(
            (f"idiom:{idiom.name}", idiom.python_query, Query(lang, idiom.python_query).pattern_count)
        )
    table = tuple((name, i) for name, _src, count in sources for i in range(count))
    return Query(lang, "\n".join(src for _n, src, _c in sources)), table, tuple(n for n, _s, _c in sources)


Matches = list[tuple[int, dict[str, list[Node]]]]


def run_queries(root: Node) -> dict[str, Matches]:
    """``parsing.matches`` of each query (core files and idioms), from one traversal of the tree."""
    query, table, names = _combined_query()
    out: dict[str, list] = {name: [] for name in names}
    for idx, caps in QueryCursor(query).matches(root):
        name, local = table[idx]
        out[name].append((local, caps))
    return out


# ------------------------------------------------------------------------------ the reader


class _ModuleReader(SettingsReader, ConditionsReader):
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
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # -------------------------------------------------------------------------- entry point
    def read(self) -> PyFacts:
        self.matches = run_queries(self.root)
        self._walk_top(self.root)
        self.scopes = _Scopes([(s, e, d.name) for d in self.defs if d.kind != "variable" for s, e in d.inner])
        settings_classes, instances = self._settings()
        raw_imports = self._raw_imports()
        self.settings_matches = self.matches["settings"]
        self.stores = {
            (n.start_byte, n.end_byte)
            for idx, caps in self.settings_matches
            if idx == STORE
            for n in caps["store"]
        }
        self._collect_settings_roots(raw_imports, instances)
        self.regions = self._condition_regions()
        imports = self._imports(raw_imports)
        refs = self._references()
        defs, module_uses = self._defs_and_uses(refs)
        idiom_fields = self._idiom_fields()
        reads = self._setting_reads(refs) + self._env_reads() + self._settings_self_reads(refs)
        reads.sort(key=lambda r: (r[0], r[1].name))
        return PyFacts(
            imports=tuple(imports),
            defs=defs,
            module_uses=module_uses,
            **idiom_fields,
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

    def _idiom_fields(self) -> dict[str, tuple]:
        """What the idioms that read Python say about this file, merged field by field."""
        out: dict[str, tuple] = {}
        for idiom in _readers():
            for key, values in idiom.read_python(self, self.matches[f"idiom:{idiom.name}"]).items():
                out[key] = out.get(key, ()) + tuple(values)
        return out

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
                    decorators = tuple(
                        self.text(c).lstrip("@").strip() for c in node.children if c.type == "decorator"
                    )
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
            bases = tuple(
                self.text(c)
                for c in (supers.named_children if supers else ())
                if c.type not in ("keyword_argument", "comment")
            )
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
            self.defs.append(
                _TopDef(name, "variable", line, span, stmt, (), (), tuple(ranges), frozenset(names))
            )
        single = (
            len(names) == 1
            and node.child_by_field_name("left") is not None
            and node.child_by_field_name("left").type == "identifier"
        )
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
                        names.append(
                            f"{self.text(child.child_by_field_name('name'))} as "
                            f"{self.text(child.child_by_field_name('alias'))}"
                        )
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

    def _import(
        self, node: Node, module: str, names: tuple[str, ...], alias: str | None, dynamic: bool = False
    ) -> PyImport:
        return PyImport(
            module, names, alias, node.start_point[0] + 1, (node.start_byte, node.end_byte), (), None, dynamic
        )

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
                refs.append((start, data[start : n.end_byte]))
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
        """Client calls and calls of URL wrappers (``facts/py_http.py``)."""
        from deadcode.facts.py_http import http_calls

        return http_calls(self)


# ------------------------------------------------------------------------------ small helpers


def _is_main_guard(test: Node | None) -> bool:
    test = _unparen(test)
    if test is None or test.type != "comparison_operator":
        return False
    ops = test.children_by_field_name("operators")
    operands = test.named_children
    if len(ops) != 1 or ops[0].type != "==" or len(operands) != 2:
        return False
    texts = {
        parsing.text(operands[0]),
        string_value(operands[1]) or "",
        string_value(operands[0]) or "",
        parsing.text(operands[1]),
    }
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
    if target.type in (
        "pattern_list",
        "tuple_pattern",
        "list_pattern",
        "list_splat_pattern",
        "parenthesized_expression",
    ):
        out = []
        for c in target.named_children:
            out.extend(_target_nodes(c))
        return out
    return []
