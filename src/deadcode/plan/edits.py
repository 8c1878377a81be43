"""Minimal, formatting-preserving edits on source bytes.

Every primitive takes the file's bytes (plus what to remove), re-parses them with tree-sitter
(or, for YAML and dotenv, reads them line by line), and returns byte-range ``Edit``s that touch
only what goes: the rest of the file stays byte-identical. Nothing is ever regenerated from a
tree or a YAML dump.

Shared conventions
- A statement that occupies whole lines goes with its lines (trailing newline included); when
  that leaves blank lines on both sides, the surplus ones go too (``a\\n\\nX\\n\\nb`` -> ``a\\n\\nb``),
  and blank lines left at the start or the end of the file go as well.
- Comment lines directly above a removed statement, at its indentation, go with it when they are
  its own: the removed entry spans several lines, or the line after it is not a sibling, or the
  comment shares a word with the removed line that the next line lacks (``# budgets API`` above
  ``include_router(budgets.router)``). So a section comment like ``# Database`` above two
  one-line keys stays, and so does a file header (comments reaching the top of the file). A
  next-line directive (``// eslint-disable-next-line``, ``// @ts-expect-error``) always goes.
- ``EditRefused`` means "this is not a shape we can cut safely": the caller leaves the code for
  a human. Name-based primitives that find nothing return ``[]``.
- Only ``\\n`` ends a line (as git sees it); CRLF files keep their CRLF in inserted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from tree_sitter import Node

from deadcode.facts.parsing import parse

__all__ = [
    "Edit",
    "EditRefused",
    "apply_edits",
    "remove_ts_import_names",
    "remove_ts_import_statement",
    "remove_ts_reexport",
    "remove_statement_at",
    "remove_jsx_elements",
    "remove_route",
    "remove_array_entry",
    "remove_python_statement",
    "remove_python_import_names",
    "simplify_python_if",
    "remove_settings_field",
    "remove_yaml_key",
    "remove_env_line",
    "remove_compose_env",
    "remove_helm_env_entry",
    "remove_ts_declaration",
    "remove_dynamic_import_use",
    "remove_python_decorators",
    "drop_ts_export_keyword",
    "remove_ts_export_specifiers",
    "ts_uses_outside",
    "remove_jsx_element_at",
]


@dataclass(frozen=True)
class Edit:
    """Replace ``data[start:end]`` with ``replacement`` (an empty replacement deletes)."""

    start: int
    end: int
    replacement: bytes = b""


class EditRefused(Exception):
    """The code at the given place is not a shape this primitive removes safely."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def apply_edits(data: bytes, edits: Iterable[Edit]) -> bytes:
    """Apply non-overlapping edits (any order). Raises ValueError on overlap or out-of-range edits."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[bytes] = []
    pos = 0
    for e in ordered:
        if not 0 <= e.start <= e.end <= len(data):
            raise ValueError(f"edit {e.start}..{e.end} outside the data (0..{len(data)})")
        if e.start < pos:
            raise ValueError(f"overlapping edits at byte {e.start}")
        out.append(data[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(data[pos:])
    return b"".join(out)


# ---------------------------------------------------------------------------------- lines


def _line_start(data: bytes, pos: int) -> int:
    return data.rfind(b"\n", 0, pos) + 1


def _line_end(data: bytes, pos: int) -> int:
    """Offset just after the newline ending the line that holds ``pos`` (or len(data))."""
    i = data.find(b"\n", pos)
    return len(data) if i < 0 else i + 1


def _prev_line_start(data: bytes, line_start: int) -> int | None:
    if line_start == 0:
        return None
    return _line_start(data, line_start - 1)


def _line_at(data: bytes, start: int) -> bytes:
    """The line starting at ``start`` without its newline."""
    end = data.find(b"\n", start)
    return data[start:] if end < 0 else data[start:end]


def _blank(line: bytes) -> bool:
    return not line.strip()


def _indent(line: bytes) -> bytes:
    return line[: len(line) - len(line.lstrip(b" \t"))]


def _newline(data: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in data else b"\n"


# Comments that apply to the next line only: they go with the statement below them.
_DIRECTIVES = re.compile(
    rb"(eslint-disable-next-line|@ts-ignore|@ts-expect-error|prettier-ignore|biome-ignore|"
    rb"istanbul ignore next|c8 ignore next|deno-lint-ignore(?!-file)|pylint: *disable-next)"
)


def _is_comment(line: bytes, prefixes: tuple[bytes, ...]) -> bool:
    s = line.lstrip()
    return any(s.startswith(p) for p in prefixes)


def _rest_ignorable(data: bytes, pos: int, prefixes: tuple[bytes, ...]) -> bool:
    """Only whitespace or a line comment from ``pos`` to the end of its line."""
    end = data.find(b"\n", pos)
    rest = (data[pos:] if end < 0 else data[pos:end]).strip()
    return not rest or any(rest.startswith(p) for p in prefixes)


def _attached_comments(data: bytes, start: int, after: int, prefixes: tuple[bytes, ...]) -> int:
    """Start of the comment lines above the line at ``start`` that belong to it (see module doc);
    ``after`` is where the removal ends."""
    indent = _indent(_line_at(data, start))
    prev = _prev_line_start(data, start)
    lines = []
    while prev is not None:
        line = _line_at(data, prev)
        if _blank(line) or not _is_comment(line, prefixes) or _indent(line) != indent:
            break
        lines.append(prev)
        prev = _prev_line_start(data, prev)
    if not lines:
        return start
    own = prev is not None  # comments reaching the top of the file are its header (shebang, licence)
    one_line = sum(1 for ln in data[start:after].split(b"\n") if ln.strip()) <= 1
    if (
        own and one_line and after < len(data)
    ):  # a one-line entry followed by a sibling: maybe a section header
        nxt = _line_at(data, after)
        own = (
            _blank(nxt)
            or _is_comment(nxt, prefixes)
            or len(_indent(nxt)) < len(indent)
            or nxt.strip().startswith((b")", b"]", b"}"))
        )
        if not own:  # the comment names the removed line and not the next one: ``# budgets API``
            said = _words(b" ".join(_line_at(data, ln) for ln in lines))
            own = bool(said & _words(data[start:after]) - _words(nxt))
    if own:
        return lines[-1]
    if _DIRECTIVES.search(_line_at(data, lines[0])):
        return lines[0]
    return start


def _words(text: bytes) -> set[str]:
    """Lower-case words of 3+ letters, with snake_case and camelCase split: ``ENABLE_BUDGETS`` ->
    {enable, budgets}."""
    out = set()
    for token in re.findall(rb"[A-Za-z][A-Za-z0-9]*", text):
        for part in re.findall(rb"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", token):
            if len(part) >= 3:
                out.add(part.decode().lower())
    return out


def _collapse_blanks(data: bytes, start: int, end: int) -> tuple[int, int]:
    """Grow a whole-line removal ``[start, end)`` over the blank lines that would be surplus."""
    before = []
    p = _prev_line_start(data, start)
    while p is not None and _blank(_line_at(data, p)):
        before.append(p)
        p = _prev_line_start(data, p)
    at_top = p is None
    after = []
    q = end
    while q < len(data) and _blank(_line_at(data, q)):
        after.append(q)
        q = _line_end(data, q)
    at_bottom = q >= len(data)
    if at_top or at_bottom:  # no blank lines at the edges of the file
        return (before[-1] if before else start), (q if after else end)
    n = min(len(before), len(after))
    if n:
        end = _line_end(data, after[n - 1])
    return start, end


def _remove_lines(
    data: bytes,
    start: int,
    end: int,
    prefixes: tuple[bytes, ...],
    comments: bool = True,
    collapse: bool = True,
) -> Edit:
    """Remove the whole lines holding ``data[start:end]`` (``start`` must begin its line after
    indentation, and only whitespace or a comment may follow ``end`` on its line)."""
    a = _line_start(data, start)
    b = end if data[end - 1 : end] == b"\n" else _line_end(data, end)
    if comments:
        a = _attached_comments(data, a, b, prefixes)
    if collapse:
        a, b = _collapse_blanks(data, a, b)
    return Edit(a, b)


def _whole_lines(data: bytes, start: int, end: int, prefixes: tuple[bytes, ...]) -> bool:
    return not data[_line_start(data, start) : start].strip() and _rest_ignorable(data, end, prefixes)


def _remove_inline(data: bytes, start: int, end: int, separator: bytes = b";") -> Edit:
    """Remove a statement that shares its line: with its separator and the spaces after it."""
    j = end
    while j < len(data) and data[j : j + 1] in (b" ", b"\t"):
        j += 1
    if separator and data[j : j + 1] == separator:
        j += 1
        while j < len(data) and data[j : j + 1] in (b" ", b"\t"):
            j += 1
        return Edit(start, j)
    if j >= len(data) or data[j : j + 1] in (
        b"\n",
        b"\r",
    ):  # last on its line: take the spaces and separator before
        i = start
        while i > 0 and data[i - 1 : i] in (b" ", b"\t"):
            i -= 1
        if separator and data[i - 1 : i] == separator:
            i -= 1
        return Edit(i, end)
    return Edit(start, j)


def _merge(edits: list[Edit]) -> list[Edit]:
    """Union of overlapping or touching deletions (replacements must not overlap)."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and e.start <= out[-1].end and not e.replacement and not out[-1].replacement:
            last = out[-1]
            out[-1] = Edit(last.start, max(last.end, e.end))
        else:
            out.append(e)
    return out


# ---------------------------------------------------------------------------------- tree helpers

TS_COMMENTS = (b"//", b"/*", b"*")  # line comments and JSDoc / block comment lines
PY_COMMENTS = (b"#",)


def _walk(node: Node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


_CONTAINERS = ("program", "module", "block", "statement_block")


def _node_at(root: Node, span: tuple[int, int], types: tuple[str, ...] | None = None) -> Node | None:
    """The node covering exactly ``span``: the outermost of equal-span nodes (blocks and files
    aside), or the outermost one of ``types``."""
    start, end = span
    n = root.descendant_for_byte_range(start, end)
    found = None
    while n is not None and n.start_byte >= start and n.end_byte <= end:
        if (
            n.start_byte == start
            and n.end_byte == end
            and (n.type in types if types is not None else n.type not in _CONTAINERS)
        ):
            found = n
        n = n.parent
    return found


def _parent_skipping_parens(node: Node) -> tuple[Node, Node | None]:
    """(the outermost parenthesised wrapper of ``node`` or node itself, its parent)."""
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        node = node.parent
    return node, node.parent


def _string_value(node: Node | None) -> str | None:
    if node is None or node.type not in ("string", "template_string"):
        return None
    raw = node.text.decode("utf-8", "surrogateescape")
    return raw[1:-1] if len(raw) >= 2 else None


def _seq_edits(
    data: bytes, elems: list[Node], commas: list[Node], remove: set[int], prefixes: tuple[bytes, ...]
) -> list[Edit] | None:
    """Edits removing ``elems[i] for i in remove`` from a comma-separated list, keeping the
    list's layout: one element per line -> its lines; same line -> the element and one comma.
    ``None`` when every element goes (the caller decides what an empty list becomes)."""
    n = len(elems)
    if not remove:
        return []
    if len(remove) >= n:
        return None

    def comma_after(i: int) -> Node | None:
        limit = elems[i + 1].start_byte if i + 1 < n else None
        for c in commas:
            if c.start_byte >= elems[i].end_byte and (limit is None or c.start_byte < limit):
                return c
        return None

    runs: list[tuple[int, int]] = []
    for i in sorted(remove):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    edits: list[Edit] = []
    for i, j in runs:
        comma_j = comma_after(j)
        tail = comma_j.end_byte if comma_j is not None else elems[j].end_byte
        s = elems[i].start_byte
        first_on_line = not data[_line_start(data, s) : s].strip()
        if first_on_line and _rest_ignorable(data, tail, prefixes):
            edits.append(_remove_lines(data, s, tail, prefixes, comments=True, collapse=False))
            if j == n - 1 and comma_j is None and i > 0:
                prev = comma_after(i - 1)
                if prev is not None:
                    edits.append(Edit(prev.start_byte, prev.end_byte))
        elif (
            first_on_line
            and j < n - 1
            and _line_start(data, elems[j + 1].start_byte) == _line_start(data, tail)
        ):
            edits.append(Edit(s, elems[j + 1].start_byte))
        elif i > 0:
            prev = comma_after(i - 1)
            edits.append(
                Edit(prev.start_byte if prev is not None else elems[i - 1].end_byte, elems[j].end_byte)
            )
        else:
            edits.append(Edit(s, elems[j + 1].start_byte))
    return _merge(edits)


# ---------------------------------------------------------------------------------- TypeScript


def _ts_statement_edit(data: bytes, node: Node) -> Edit:
    if _whole_lines(data, node.start_byte, node.end_byte, TS_COMMENTS):
        return _remove_lines(data, node.start_byte, node.end_byte, TS_COMMENTS)
    return _remove_inline(data, node.start_byte, node.end_byte, b"")


def _ts_imports(root: Node, specifier: str):
    for n in root.children:
        if n.type == "import_statement" and _string_value(n.child_by_field_name("source")) == specifier:
            yield n


def remove_ts_import_statement(data: bytes, grammar: str, specifier: str) -> list[Edit]:
    """Remove every ``import ... from "specifier"`` / ``import "specifier"`` statement."""
    root = parse(grammar, data).root_node
    return _merge([_ts_statement_edit(data, n) for n in _ts_imports(root, specifier)])


def _import_parts(stmt: Node):
    """(default identifier, namespace_import, named_imports, import_clause) of an import statement."""
    clause = next((c for c in stmt.children if c.type == "import_clause"), None)
    if clause is None:
        return None, None, None, None
    default = next((c for c in clause.named_children if c.type == "identifier"), None)
    namespace = next((c for c in clause.named_children if c.type == "namespace_import"), None)
    named = next((c for c in clause.named_children if c.type == "named_imports"), None)
    return default, namespace, named, clause


def _specifier_names(spec: Node) -> set[str]:
    """Names a specifier answers to: its imported/exported name and its alias."""
    names = set()
    for field in ("name", "alias"):
        n = spec.child_by_field_name(field)
        if n is not None:
            names.add(n.text.decode("utf-8", "surrogateescape"))
    return names


def remove_ts_import_names(data: bytes, grammar: str, specifier: str, names: set[str]) -> list[Edit]:
    """Drop bindings from the imports of ``specifier``. ``names`` match a named specifier by its
    imported name or its local alias, the default binding by its local name (or ``"default"``),
    a namespace import by its local name (or ``"*"``). A statement left with no binding goes."""
    root = parse(grammar, data).root_node
    edits: list[Edit] = []
    for stmt in _ts_imports(root, specifier):
        default, namespace, named, clause = _import_parts(stmt)
        if clause is None:
            continue  # side-effect import: no bindings to drop
        specs = [c for c in named.named_children if c.type == "import_specifier"] if named is not None else []
        drop_specs = {i for i, s in enumerate(specs) if _specifier_names(s) & names}
        drop_default = default is not None and (
            default.text.decode("utf-8", "surrogateescape") in names or "default" in names
        )
        drop_ns = namespace is not None and (
            bool({c.text.decode("utf-8", "surrogateescape") for c in namespace.named_children} & names)
            or "*" in names
        )
        if not drop_specs and not drop_default and not drop_ns:
            continue
        keep_named = named is not None and len(drop_specs) < len(specs)
        keep_parts = [
            p for p, drop in ((default, drop_default), (namespace, drop_ns)) if p is not None and not drop
        ]
        if named is not None and keep_named:
            keep_parts.append(named)
        if not keep_parts:
            edits.append(_ts_statement_edit(data, stmt))
            continue
        if named is not None and keep_named and drop_specs:
            commas = [c for c in named.children if c.type == ","]
            edits += _seq_edits(data, specs, commas, drop_specs, TS_COMMENTS) or []
        # the clause's own parts: default, namespace, {named} separated by commas
        parts = [p for p in (default, namespace, named) if p is not None]
        drop_parts = {
            i
            for i, p in enumerate(parts)
            if (p is default and drop_default)
            or (p is namespace and drop_ns)
            or (p is named and not keep_named)
        }
        if drop_parts:
            commas = [c for c in clause.children if c.type == ","]
            edits += _seq_edits(data, parts, commas, drop_parts, TS_COMMENTS) or []
    return _merge(edits)


def remove_ts_reexport(
    data: bytes, grammar: str, specifier: str, names: set[str] | None = None
) -> list[Edit]:
    """Remove ``export * from "specifier"`` / ``export {..} from "specifier"`` statements, or only
    the given exported names of them (the statement goes when none is left)."""
    root = parse(grammar, data).root_node
    edits: list[Edit] = []
    for stmt in root.children:
        if stmt.type != "export_statement" or _string_value(stmt.child_by_field_name("source")) != specifier:
            continue
        clause = next((c for c in stmt.children if c.type == "export_clause"), None)
        if names is None:
            edits.append(_ts_statement_edit(data, stmt))
            continue
        if clause is None:  # export * [as ns] from
            ns = next((c for c in stmt.named_children if c.type in ("namespace_export", "identifier")), None)
            label = {c.text.decode("utf-8", "surrogateescape") for c in (ns.named_children if ns else [])} | (
                {ns.text.decode("utf-8", "surrogateescape")}
                if ns is not None and ns.type == "identifier"
                else set()
            )
            if label & names or (ns is None and "*" in names):
                edits.append(_ts_statement_edit(data, stmt))
            continue
        specs = [c for c in clause.named_children if c.type == "export_specifier"]
        drop = {i for i, s in enumerate(specs) if _specifier_names(s) & names}
        if not drop:
            continue
        seq = _seq_edits(data, specs, [c for c in clause.children if c.type == ","], drop, TS_COMMENTS)
        if seq is None:
            edits.append(_ts_statement_edit(data, stmt))
        else:
            edits += seq
    return _merge(edits)


_TS_STATEMENTS = ("lexical_declaration", "variable_declaration", "expression_statement")


def remove_statement_at(data: bytes, grammar: str, pos: int) -> list[Edit]:
    """Remove the variable declaration (or expression statement) holding byte ``pos``: the
    ``const Page = lazy(() => import("./Page"))`` of a lazy import. With several declarators only
    that declarator goes. Refused when ``pos`` sits inside a larger structure (a route table
    entry, a call argument of an other statement), which must be cut by its own primitive."""
    root = parse(grammar, data).root_node
    n = root.descendant_for_byte_range(pos, pos)
    declarator = None
    while n is not None and n.type not in _TS_STATEMENTS:
        if n.type == "variable_declarator":
            declarator = n
        if (
            n.type
            in (
                "array",
                "object",
                "jsx_element",
                "jsx_self_closing_element",
                "statement_block",
                "class_body",
                "program",
            )
            and declarator is None
        ):
            raise EditRefused(f"byte {pos} is inside a {n.type}, not a declaration of its own")
        n = n.parent
    if n is None:
        raise EditRefused(f"no statement at byte {pos}")
    stmt = n
    if stmt.parent is not None and stmt.parent.type == "export_statement":
        stmt = stmt.parent
    if stmt.parent is None or stmt.parent.type not in ("program", "statement_block"):
        raise EditRefused(f"the {n.type} at byte {pos} is not a statement of its own")
    if n.type != "expression_statement":
        decls = [c for c in n.named_children if c.type == "variable_declarator"]
        if declarator is None:
            raise EditRefused(f"byte {pos} is not inside a declarator")
        if len(decls) > 1:
            commas = [c for c in n.children if c.type == ","]
            return _seq_edits(data, decls, commas, {decls.index(declarator)}, TS_COMMENTS) or []
    return [_ts_statement_edit(data, stmt)]


def _jsx_name(el: Node) -> str | None:
    tag = el if el.type == "jsx_self_closing_element" else el.child_by_field_name("open_tag")
    if tag is None and el.type == "jsx_element":
        tag = next((c for c in el.children if c.type == "jsx_opening_element"), None)
    name = tag.child_by_field_name("name") if tag is not None else None
    return name.text.decode("utf-8", "surrogateescape") if name is not None else None


def _is_spacer(node: Node | None) -> bool:
    """``{" "}``: the explicit space formatters put between inline JSX children."""
    if node is None or node.type != "jsx_expression":
        return False
    return re.fullmatch(rb"\{\s*(\"\s+\"|'\s+'|`\s+`)\s*\}", node.text) is not None


def _blank_text(node: Node | None) -> bool:
    return node is not None and node.type == "jsx_text" and not node.text.strip()


def _jsx_child_edit(data: bytes, node: Node) -> Edit:
    """Remove a JSX child (an element or a ``{...}`` container) with its line when it has one;
    a ``{" "}`` spacer right after it on its line goes with it."""
    start, end = node.start_byte, node.end_byte
    nxt = node.next_sibling
    if _is_spacer(nxt) and b"\n" not in data[end : nxt.start_byte]:
        end = nxt.end_byte
    if _whole_lines(data, start, end, ()):
        return _remove_lines(data, start, end, (), comments=False, collapse=False)
    return Edit(start, end)


def _jsx_child_edits(data: bytes, node: Node) -> list[Edit]:
    """``_jsx_child_edit``, and the ``{" "}`` spacer before the child when the child was the
    last thing on its line of the parent (nothing follows it to be spaced from)."""
    edits = [_jsx_child_edit(data, node)]
    nxt = node.next_sibling
    while _blank_text(nxt):
        nxt = nxt.next_sibling
    if _is_spacer(node.next_sibling) or (nxt is not None and nxt.type not in ("jsx_closing_element",)):
        return edits
    prev = node.prev_sibling
    while _blank_text(prev):
        prev = prev.prev_sibling
    if _is_spacer(prev):
        edits.append(Edit(prev.start_byte, prev.end_byte))
    return _merge(edits)


_ROUTE_KEYS = {
    "path",
    "index",
    "element",
    "Component",
    "component",
    "lazy",
    "children",
    "loader",
    "errorElement",
}
# Keys that make an object a route rather than, say, a tab (tabs may have ``children``).
_ROUTE_MARKERS = {"path", "index", "element", "Component", "lazy", "loader", "errorElement"}


def _object_keys(obj: Node) -> set[str]:
    keys = set()
    for item in obj.named_children:
        key = (
            item
            if item.type == "shorthand_property_identifier"
            else (item.child_by_field_name("key") if item.type in ("pair", "method_definition") else None)
        )
        if key is not None:
            keys.add(key.text.decode("utf-8", "surrogateescape").strip("'\""))
    return keys


def _entry_of(el: Node) -> Node | None:
    """The object literal in an array whose property renders ``el``: ``{ id: "x", render: () => <El/> }``."""
    outer, parent = _parent_skipping_parens(el)
    if parent is not None and parent.type == "arrow_function" and parent.child_by_field_name("body") == outer:
        outer, parent = _parent_skipping_parens(parent)
    if parent is None or parent.type != "pair" or parent.child_by_field_name("value") != outer:
        return None
    obj = parent.parent
    if obj is None or obj.type != "object":
        return None
    _, holder = _parent_skipping_parens(obj)
    return obj if holder is not None and holder.type == "array" else None


def _jsx_removal(data: bytes, el: Node, array_entries: bool = False) -> list[Edit]:
    if array_entries:
        entry = _entry_of(el)
        if entry is not None:
            if _object_keys(entry) & _ROUTE_MARKERS:
                raise EditRefused(
                    f"<{_jsx_name(el)}/> at line {el.start_point[0] + 1} renders a route object; "
                    "remove the route instead"
                )
            return _array_entry_edits(data, entry)
    return _jsx_element_edit(data, el)


def _jsx_element_edit(data: bytes, el: Node) -> list[Edit]:
    outer, parent = _parent_skipping_parens(el)
    if parent is None:
        raise EditRefused("a JSX element without a parent")
    if parent.type == "jsx_element" and outer is el:
        return _jsx_child_edits(data, el)
    if parent.type == "jsx_expression":
        gp = parent.parent
        if gp is not None and gp.type in ("jsx_attribute",):
            raise EditRefused(
                f"<{_jsx_name(el)}/> is the value of an attribute (line {el.start_point[0] + 1}); "
                "remove the route or prop instead"
            )
        if gp is not None and gp.type == "jsx_element":
            return _jsx_child_edits(data, parent)
    if parent.type == "binary_expression":
        op = parent.child_by_field_name("operator")
        right = parent.child_by_field_name("right")
        if op is not None and op.type == "&&" and right is not None and right.start_byte == outer.start_byte:
            cond, holder = _parent_skipping_parens(parent)
            if (
                holder is not None
                and holder.type == "jsx_expression"
                and holder.parent is not None
                and holder.parent.type == "jsx_element"
            ):
                return _jsx_child_edits(data, holder)
    where = parent.type.replace("_", " ")
    raise EditRefused(
        f"<{_jsx_name(el)}/> at line {el.start_point[0] + 1} is used in a {where}, not as a JSX child"
    )


def remove_jsx_elements(data: bytes, grammar: str, component: str, array_entries: bool = False) -> list[Edit]:
    """Remove every ``<component .../>`` / ``<component>...</component>``: a JSX child goes with
    its line; ``{cond && <C/>}`` goes as a whole. With ``array_entries``, an element rendered by
    a property of an object in an array (a tab: ``{ id: "x", render: () => <C/> }``) removes that
    entry (route objects excepted: ``remove_route`` cuts those). Any other use (an attribute
    value such as ``element={<C/>}``, a ternary, a return value) refuses the whole call: all or
    nothing."""
    root = parse(grammar, data).root_node
    found = []
    for n in _walk(root):
        if n.type in ("jsx_element", "jsx_self_closing_element") and _jsx_name(n) == component:
            if not any(o.start_byte <= n.start_byte and n.end_byte <= o.end_byte for o in found):
                found.append(n)
    edits = [e for el in found for e in _jsx_removal(data, el, array_entries)]
    return _merge(sorted(set(edits), key=lambda e: (e.start, e.end)))


def _array_entry_edits(data: bytes, node: Node) -> list[Edit]:
    outer, array = _parent_skipping_parens(node)
    if array is None or array.type != "array":
        raise EditRefused(
            f"the {node.type} at line {node.start_point[0] + 1} is not an entry of an array literal"
        )
    elems = [c for c in array.named_children if c.type != "comment"]
    idx = next(
        i for i, c in enumerate(elems) if c.start_byte == outer.start_byte and c.end_byte == outer.end_byte
    )
    commas = [c for c in array.children if c.type == ","]
    seq = _seq_edits(data, elems, commas, {idx}, TS_COMMENTS)
    if seq is not None:
        return seq
    open_b, close_b = array.children[0], array.children[-1]
    return [Edit(open_b.end_byte, close_b.start_byte)]  # the only entry: ``[]``


def remove_array_entry(data: bytes, grammar: str, span: tuple[int, int]) -> list[Edit]:
    """Remove the array element at ``span`` with its comma: its whole lines when it has lines of
    its own, else ``, X`` / ``X, `` on the shared line; an array left empty becomes ``[]``."""
    root = parse(grammar, data).root_node
    node = _node_at(root, span)
    if node is None:
        raise EditRefused(f"no node at bytes {span[0]}..{span[1]}")
    return _array_entry_edits(data, node)


_ROUTE_ENTRY_TYPES = (
    "object",
    "call_expression",
    "spread_element",
    "jsx_element",
    "jsx_self_closing_element",
)


def remove_route(data: bytes, grammar: str, span: tuple[int, int]) -> list[Edit]:
    """Remove the route at ``span``: a ``<Route>`` element (a JSX child, with its line) or an
    entry of a route array (object, ``route(...)`` call, spread) with its comma and line."""
    root = parse(grammar, data).root_node
    node = _node_at(root, span, _ROUTE_ENTRY_TYPES)
    if node is None:
        raise EditRefused(f"no route element or object at bytes {span[0]}..{span[1]}")
    outer, parent = _parent_skipping_parens(node)
    if node.type in ("jsx_element", "jsx_self_closing_element"):
        name = _jsx_name(node) or ""
        if name.rsplit(".", 1)[-1] != "Route":
            raise EditRefused(f"<{name}> at line {node.start_point[0] + 1} is not a <Route>")
        if parent is not None and parent.type == "jsx_element" and outer is node:
            return _jsx_child_edits(data, node)
        if parent is not None and parent.type == "array":
            return _array_entry_edits(data, node)
        if parent is not None and parent.type in ("binary_expression", "jsx_expression"):
            try:  # {import.meta.env.DEV && <Route .../>}: the container goes
                return _jsx_element_edit(data, node)
            except EditRefused:
                pass
        raise EditRefused(f"<Route> at line {node.start_point[0] + 1} is not a child of a router element")
    if node.type == "object" and not _object_keys(node) & _ROUTE_KEYS:
        raise EditRefused(f"the object at line {node.start_point[0] + 1} is not a route object")
    return _array_entry_edits(data, node)


# ---------------------------------------------------------------------------------- Python

_PY_STATEMENT_PARENTS = ("module", "block")


def _py_statement(root: Node, span: tuple[int, int]) -> Node:
    """The statement at ``span``: the node there, or its expression statement / decorated definition."""
    node = _node_at(root, span)
    if node is None:
        raise EditRefused(f"no Python node at bytes {span[0]}..{span[1]}")
    while node.parent is not None and node.parent.type not in _PY_STATEMENT_PARENTS:
        parent = node.parent
        if parent.type == "decorated_definition" and parent.child_by_field_name("definition") == node:
            node = parent  # a definition goes with its decorators
            continue
        if parent.type == "expression_statement" and len(parent.named_children) == 1:
            node = parent
            continue
        raise EditRefused(
            f"the {node.type} at line {node.start_point[0] + 1} is part of a larger {parent.type}"
        )
    return node


def _py_remove_statements(data: bytes, stmts: list[Node]) -> list[Edit]:
    """Remove sibling statements, leaving ``pass`` where a block would be left empty."""
    if not stmts:
        return []
    block = stmts[0].parent
    if block is not None and block.type == "block":
        rest = [c for c in block.named_children if c.type != "comment" and all(c != s for s in stmts)]
        if not rest:
            first, last = stmts[0], stmts[-1]
            nl = _newline(data)
            if _whole_lines(data, first.start_byte, last.end_byte, PY_COMMENTS):
                a = _line_start(data, first.start_byte)
                b = _line_end(data, last.end_byte)
                indent = data[a : first.start_byte]
                return [Edit(a, b, indent + b"pass" + (nl if data[b - 1 : b] == b"\n" else b""))]
            return [Edit(first.start_byte, last.end_byte, b"pass")]
    edits = []
    for s in stmts:
        if _whole_lines(data, s.start_byte, s.end_byte, PY_COMMENTS):
            edits.append(_remove_lines(data, s.start_byte, s.end_byte, PY_COMMENTS))
        else:
            edits.append(_remove_inline(data, s.start_byte, s.end_byte, b";"))
    return _merge(edits)


def remove_python_statement(data: bytes, span: tuple[int, int]) -> list[Edit]:
    """Remove the statement at ``span`` (an import, an ``app.include_router(...)`` call, a
    decorated function with its decorators) with its lines; ``pass`` if its block empties."""
    root = parse("python", data).root_node
    return _py_remove_statements(data, [_py_statement(root, span)])


def _py_import_item_names(item: Node) -> set[str]:
    text = item.text.decode("utf-8", "surrogateescape")
    if item.type == "aliased_import":
        name = item.child_by_field_name("name")
        alias = item.child_by_field_name("alias")
        out = {" ".join(text.split())}
        if name is not None:
            out.add(name.text.decode("utf-8", "surrogateescape"))
        if alias is not None:
            out.add(alias.text.decode("utf-8", "surrogateescape"))
        return out
    return {text}


def remove_python_import_names(data: bytes, span: tuple[int, int], names: set[str]) -> list[Edit]:
    """``from x import a, b, c`` minus ``{"b"}`` -> ``from x import a, c`` (a name matches its
    imported name, its alias or ``"b as c"``); parenthesised multi-line lists keep their layout;
    the whole statement goes when nothing is left."""
    root = parse("python", data).root_node
    stmt = _node_at(root, span, ("import_from_statement", "import_statement"))
    if stmt is None:
        raise EditRefused(f"no import statement at bytes {span[0]}..{span[1]}")
    items = stmt.children_by_field_name("name")
    drop = {i for i, it in enumerate(items) if _py_import_item_names(it) & set(names)}
    if not drop:
        return []
    commas = [c for c in stmt.children if c.type == ","]
    seq = _seq_edits(data, items, commas, drop, PY_COMMENTS)
    if seq is None:
        return _py_remove_statements(data, [stmt])
    return seq


def _string_interiors(node: Node) -> list[tuple[int, int]]:
    return [
        (n.start_byte, n.end_byte)
        for n in _walk(node)
        if n.type == "string" and n.start_point[0] != n.end_point[0]
    ]


def _reindent(
    data: bytes, start: int, end: int, old: bytes, new: bytes, strings: list[tuple[int, int]]
) -> bytes:
    """Lines ``[start, end)`` moved from indentation ``old`` to ``new``; lines inside a multi-line
    string and lines less indented than ``old`` are left as they are."""
    out = []
    pos = start
    while pos < end:
        nxt = min(_line_end(data, pos), end)
        line = data[pos:nxt]
        inside = any(a < pos < b for a, b in strings)
        if not inside and line.startswith(old) and not _blank(line):
            line = new + line[len(old) :]
        out.append(line)
        pos = nxt
    return b"".join(out)


def _strip_trailing_blank_lines(text: bytes) -> bytes:
    lines = text.split(b"\n")
    # ``text`` ends with a newline: the last element is b""
    while len(lines) > 2 and _blank(lines[-2]) and lines[-1] == b"":
        lines.pop(-2)
    return b"\n".join(lines)


def _kept_branch(data: bytes, if_node: Node, colon: Node, body: Node, body_end: int, indent: bytes) -> bytes:
    nl = _newline(data)
    if colon.end_point[0] == body.start_point[0]:  # ``if A: x`` on one line
        return indent + data[body.start_byte : body.end_byte].strip() + nl
    start = _line_end(data, colon.end_byte)
    body_indent = data[_line_start(data, body.start_byte) : body.start_byte]
    text = _reindent(data, start, body_end, body_indent, indent, _string_interiors(if_node))
    if not text.endswith(b"\n"):
        text += nl
    return _strip_trailing_blank_lines(text)


def simplify_python_if(data: bytes, if_span: tuple[int, int], keep: str) -> list[Edit]:
    """Replace the ``if`` at ``if_span`` by the branch production always takes: ``"body"`` keeps
    the ``if`` body, ``"else"`` the rest of the chain (``if A: x elif B: y else: z`` -> ``if B: y
    else: z``; the ``else`` body alone when there is no ``elif``), ``"none"`` removes it (``pass``
    if the block empties). Kept bodies are dedented to the ``if``; their comments stay."""
    if keep not in ("body", "else", "none"):
        raise ValueError(f"keep must be body, else or none, not {keep!r}")
    root = parse("python", data).root_node
    node = _node_at(root, if_span, ("if_statement",))
    if node is None:
        raise EditRefused(f"no if statement at bytes {if_span[0]}..{if_span[1]}")
    a = _line_start(data, node.start_byte)
    indent = data[a : node.start_byte]
    if indent.strip():
        raise EditRefused(f"the if at line {node.start_point[0] + 1} shares its line with other code")
    alts = node.children_by_field_name("alternative")
    if keep == "else" and not alts:
        keep = "none"
    if keep == "none":
        return _py_remove_statements(data, [node])
    end = _line_end(data, node.end_byte)
    if not _rest_ignorable(data, node.end_byte, PY_COMMENTS):
        raise EditRefused(f"the if at line {node.start_point[0] + 1} is followed by code on its last line")
    if keep == "body":
        body = node.child_by_field_name("consequence")
        colon = next(c for c in node.children if c.type == ":")
        body_end = _line_start(data, alts[0].start_byte) if alts else _line_end(data, body.end_byte)
        return [Edit(a, end, _kept_branch(data, node, colon, body, body_end, indent))]
    first = alts[0]
    if first.type == "elif_clause":
        return [Edit(node.start_byte, first.start_byte + len(b"elif"), b"if")]
    body = first.child_by_field_name("body")
    colon = next(c for c in first.children if c.type == ":")
    return [Edit(a, end, _kept_branch(data, node, colon, body, _line_end(data, body.end_byte), indent))]


def remove_settings_field(data: bytes, class_name: str, field_name: str) -> list[Edit]:
    """Remove the field ``field_name`` (``X: int = Field(...)``, ``X = 1``, ``X: str``; exact
    name, else the one case-insensitive match) from the body of class ``class_name``."""
    root = parse("python", data).root_node
    for cls in _walk(root):
        if cls.type != "class_definition":
            continue
        name = cls.child_by_field_name("name")
        if name is None or name.text.decode("utf-8", "surrogateescape") != class_name:
            continue
        body = cls.child_by_field_name("body")
        fields: list[tuple[str, Node]] = []
        for stmt in body.named_children if body is not None else []:
            if stmt.type != "expression_statement" or not stmt.named_children:
                continue
            assign = stmt.named_children[0]
            left = assign.child_by_field_name("left") if assign.type == "assignment" else None
            if left is not None and left.type == "identifier":
                fields.append((left.text.decode("utf-8", "surrogateescape"), stmt))
        exact = [s for n, s in fields if n == field_name]
        loose = [s for n, s in fields if n.lower() == field_name.lower()]
        chosen = exact or (loose if len(loose) == 1 else [])
        if chosen:
            return _py_remove_statements(data, chosen[:1])
    return []


# ---------------------------------------------------------------------------------- YAML and dotenv

# ``key:`` at the start of a line: a quoted key, or a plain one (not a list dash, comment or flow).
_YAML_KEY = re.compile(
    rb"^(?P<indent>[ ]*)"
    rb"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-\[\]{},&*!|>%@`?][^#\n]*?|-[^\s#][^#\n]*?)"""
    rb"[ \t]*(?P<colon>:)(?:[ \t]|\r?$)"
)
YAML_COMMENTS = (b"#",)


class _Lines:
    """A file as lines with their offsets (``\\n`` line ends)."""

    def __init__(self, data: bytes):
        self.data = data
        self.starts = []
        pos = 0
        while pos < len(data):
            self.starts.append(pos)
            pos = _line_end(data, pos)
        self.n = len(self.starts)

    def text(self, i: int) -> bytes:
        return _line_at(self.data, self.starts[i])

    def start(self, i: int) -> int:
        return self.starts[i] if i < self.n else len(self.data)

    def indent(self, i: int) -> int:
        t = self.text(i)
        return len(t) - len(t.lstrip(b" "))

    def blank(self, i: int) -> bool:
        return _blank(self.text(i))

    def comment(self, i: int) -> bool:
        return self.text(i).lstrip().startswith(b"#")

    def content(self, i: int) -> bool:
        return not self.blank(i) and not self.comment(i)


def _yaml_key(line: bytes) -> tuple[int, str] | None:
    m = _YAML_KEY.match(line)
    if m is None:
        return None
    key = m.group("key").decode("utf-8", "surrogateescape").strip()
    if key[:1] in ("'", '"') and key[-1:] == key[:1]:
        key = key[1:-1]
    return len(m.group("indent")), key


def _yaml_block_end(lines: _Lines, k: int) -> int:
    """One past the last line of the value of the key on line ``k``: more indented lines, or
    ``- `` items at the key's own indentation (a sequence value); trailing blank lines excluded."""
    ind = lines.indent(k)
    value_on_line = bool(
        re.sub(rb"#.*", b"", lines.text(k).split(b":", 1)[1] if b":" in lines.text(k) else b"").strip()
    )
    last = k
    for i in range(k + 1, lines.n):
        if lines.blank(i):
            continue
        li = lines.indent(i)
        if li > ind:
            last = i
            continue
        if (
            li == ind
            and not value_on_line
            and lines.text(i).lstrip().startswith((b"- ", b"-\r"))
            or li == ind
            and not value_on_line
            and lines.text(i).strip() == b"-"
        ):
            last = i
            continue
        break
    return last + 1


def _yaml_find(lines: _Lines, lo: int, hi: int, path: str) -> list[tuple[int, int, int | None]]:
    """(key line, block end, parent key line) of every key at ``path`` inside lines [lo, hi)."""
    level = next((lines.indent(i) for i in range(lo, hi) if lines.content(i)), None)
    if level is None:
        return []
    out = []
    for i in range(lo, hi):
        if not lines.content(i) or lines.indent(i) != level:
            continue
        key = _yaml_key(lines.text(i))
        if key is None:
            continue
        name = key[1]
        if path == name:
            out.append((i, _yaml_block_end(lines, i), None))
        elif path.startswith(name + "."):
            end = _yaml_block_end(lines, i)
            for k, e, parent in _yaml_find(lines, i + 1, end, path[len(name) + 1 :]):
                out.append((k, e, parent if parent is not None else i))
    return out


def _yaml_lines_edit(lines: _Lines, first: int, end: int) -> Edit:
    data = lines.data
    a, b = lines.start(first), lines.start(end)
    a = _attached_comments(data, a, b, YAML_COMMENTS)
    a, b = _collapse_blanks(data, a, b)
    return Edit(a, b)


def remove_yaml_key(data: bytes, dotted_key: str) -> list[Edit]:
    """Remove ``dotted_key`` (``features.budgets.enabled``) with its nested block and its own
    comment lines, by line surgery: every other line stays byte-identical. A parent mapping left
    empty becomes ``{}`` (a null value would break ``.Values.parent.x`` lookups in templates).
    Keys inside sequences or flow mappings are not found (``[]``)."""
    lines = _Lines(data)
    edits: list[Edit] = []
    for k, end, parent in _yaml_find(lines, 0, lines.n, dotted_key):
        edits.append(_yaml_lines_edit(lines, k, end))
        if parent is not None:
            pend = _yaml_block_end(lines, parent)
            left = [i for i in range(parent + 1, pend) if lines.content(i) and not k <= i < end]
            text = lines.text(parent)
            m = _YAML_KEY.match(text)
            rest = text[m.end("colon") :].strip()
            if not left and (not rest or rest.startswith(b"#")):  # not ``parent: &anchor`` or ``!!map``
                pos = lines.start(parent) + m.end("colon")
                edits.append(Edit(pos, pos, b" {}"))
    return _merge(edits)


_ENV_LINE = re.compile(rb"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=")


def _dotenv_value_end(lines: _Lines, i: int) -> int:
    """One past the last line of the assignment on line ``i`` (quoted values may span lines)."""
    text = lines.text(i)
    value = text[_ENV_LINE.match(text).end() :].lstrip()
    quote = value[:1]
    if quote not in (b'"', b"'") or _closes(value[1:], quote):
        return i + 1
    for j in range(i + 1, lines.n):
        if _closes(lines.text(j), quote):
            return j + 1
    return i + 1  # unterminated: take the one line only


def _closes(text: bytes, quote: bytes) -> bool:
    escaped = False
    for ch in text:
        c = bytes([ch])
        if escaped:
            escaped = False
        elif c == b"\\" and quote == b'"':
            escaped = True
        elif c == quote:
            return True
    return False


def remove_env_line(data: bytes, name: str) -> list[Edit]:
    """Remove ``NAME=...`` / ``export NAME=...`` assignments (multi-line quoted values too) from a
    dotenv file, with their own comment lines."""
    lines = _Lines(data)
    edits = []
    i = 0
    while i < lines.n:
        m = _ENV_LINE.match(lines.text(i))
        if m and m.group("name").decode("utf-8", "surrogateescape") == name:
            end = _dotenv_value_end(lines, i)
            edits.append(_yaml_lines_edit(lines, i, end))
            i = end
        else:
            i += 1
    return _merge(edits)


def _compose_item_name(text: bytes) -> str | None:
    """The variable named by a compose ``environment`` entry line (mapping or list form)."""
    s = text.strip()
    if s.startswith(b"-"):
        item = s[1:].strip().lstrip(b"\"'")
        name = item.split(b"=", 1)[0].split(b"#", 1)[0].strip().rstrip(b"\"'")
        return name.decode("utf-8", "surrogateescape") or None
    key = _yaml_key(text)
    return key[1] if key else None


def remove_compose_env(data: bytes, name: str) -> list[Edit]:
    """Remove variable ``name`` from every ``environment:`` block of a docker-compose file, in
    mapping (``NAME: v``) or list (``- NAME=v``) form; an ``environment:`` left empty goes too."""
    lines = _Lines(data)
    edits = []
    for k in range(lines.n):
        key = _yaml_key(lines.text(k)) if lines.content(k) else None
        if key is None or key[1] != "environment":
            continue
        end = _yaml_block_end(lines, k)
        items = [i for i in range(k + 1, end) if lines.content(i)]
        if not items:
            continue
        level = lines.indent(items[0])
        entries = [i for i in items if lines.indent(i) == level]
        gone = []
        for i in entries:
            if _compose_item_name(lines.text(i)) == name:
                gone.append(i)
        if not gone:
            continue
        if len(gone) == len(entries):
            edits.append(_yaml_lines_edit(lines, k, end))
            continue
        for i in gone:
            nxt = next((j for j in entries if j > i), end)
            stop = _yaml_block_end(lines, i) if not lines.text(i).lstrip().startswith(b"-") else i + 1
            # keep the next entry's own comments: stop at the last content line of this entry
            stop = min(stop, nxt)
            while stop - 1 > i and not lines.content(stop - 1):
                stop -= 1
            edits.append(_yaml_lines_edit(lines, i, stop))
    return _merge(edits)


_HELM_ENTRY = re.compile(
    rb"^(?P<indent>[ ]*)-[ ]+name:[ \t]*"
    rb"""(?P<q>["']?)(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?P=q)[ \t]*(?:#.*)?\r?$"""
)
_TPL_OPEN = re.compile(rb"^[ \t]*\{\{-?[ \t]*(?:if|with)\b.*\}\}[ \t]*\r?$")
_TPL_END = re.compile(rb"^[ \t]*\{\{-?[ \t]*end[ \t]*-?\}\}[ \t]*\r?$")


def remove_helm_env_entry(data: bytes, name: str) -> list[Edit]:
    """Remove the ``- name: NAME`` entry (with its ``value:``/``valueFrom:`` block) of an ``env:``
    list in a Helm template (text, may hold ``{{ }}``); an ``{{ if }}``/``{{ end }}`` pair that
    wrapped only this entry goes too."""
    lines = _Lines(data)
    edits = []
    for i in range(lines.n):
        m = _HELM_ENTRY.match(lines.text(i))
        if m is None or m.group("name").decode("utf-8", "surrogateescape") != name:
            continue
        dash = len(m.group("indent"))
        if not _under_env_key(lines, i, dash):
            continue
        end = i + 1
        while end < lines.n and (lines.blank(end) or lines.indent(end) > dash):
            end += 1
        while end - 1 > i and lines.blank(end - 1):
            end -= 1
        first = i
        if i > 0 and end < lines.n and _TPL_OPEN.match(lines.text(i - 1)) and _TPL_END.match(lines.text(end)):
            first, end = i - 1, end + 1
        edits.append(_yaml_lines_edit(lines, first, end))
    return _merge(edits)


def _under_env_key(lines: _Lines, i: int, dash: int) -> bool:
    """Whether the list item on line ``i`` belongs to an ``env:`` key (template lines skipped)."""
    for j in range(i - 1, -1, -1):
        if not lines.content(j) or lines.text(j).lstrip().startswith(b"{{"):
            continue
        ind = lines.indent(j)
        if ind > dash or (ind == dash and lines.text(j).lstrip().startswith(b"-")):
            continue
        key = _yaml_key(lines.text(j))
        return key is not None and key[1] == "env"
    return False


def remove_ts_declaration(data: bytes, grammar: str, span: tuple[int, int]) -> list[Edit]:
    """Remove the top-level declaration (``export function f``, ``export const x = ...``,
    ``export class C``) covering ``span``, with its own leading comments (a JSDoc block)."""
    root = parse(grammar, data).root_node
    for stmt in root.children:
        if stmt.start_byte <= span[0] and span[1] <= stmt.end_byte:
            if stmt.type not in (
                "export_statement",
                "function_declaration",
                "lexical_declaration",
                "class_declaration",
                "variable_declaration",
            ):
                raise EditRefused(f"the {stmt.type} at byte {span[0]} is not a declaration")
            return [_ts_statement_edit(data, stmt)]
    raise EditRefused(f"no top-level declaration covers bytes {span[0]}-{span[1]}")


# ---------------------------------------------------------------------------------- cuts added by verification

_DEV_TEST = re.compile(
    rb"^\s*\(?\s*(?:import\.meta\.env\.DEV|__DEV__|import\.meta\.env\.MODE\s*={2,3}\s*[\"']development[\"']|"
    rb"process\.env\.NODE_ENV\s*={2,3}\s*[\"']development[\"']|process\.env\.NODE_ENV\s*!={1,2}\s*[\"']production[\"']|"
    rb"import\.meta\.env\.MODE\s*!={1,2}\s*[\"']production[\"']|!\s*import\.meta\.env\.PROD)\s*\)?\s*$"
)


def remove_dynamic_import_use(data: bytes, grammar: str, pos: int) -> list[Edit]:
    """Remove what runs an ``import()`` at byte ``pos`` whose target goes: the development-only
    ``if (import.meta.env.DEV) { ... }`` holding it (no ``else``), or the expression statement
    that is only that call (``import("./x")``, ``await import("./x")``, ``import("./x").then(...)``).
    Anything else (its value bound to a name used later, an ``else`` branch) is refused."""
    root = parse(grammar, data).root_node
    n = root.descendant_for_byte_range(pos, pos)
    stmt = None
    while n is not None:
        if n.type == "if_statement" and n.child_by_field_name("alternative") is None:
            cond = n.child_by_field_name("condition")
            if cond is not None and _DEV_TEST.match(cond.text):
                if n.parent is not None and n.parent.type in ("program", "statement_block"):
                    return [_ts_statement_edit(data, n)]
        if stmt is None and n.type == "expression_statement":
            stmt = n
        if n.type in (
            "function_declaration",
            "arrow_function",
            "function_expression",
            "method_definition",
            "class_body",
        ):
            break
        n = n.parent
    if stmt is not None and stmt.parent is not None and stmt.parent.type in ("program", "statement_block"):
        text = stmt.text
        if re.match(rb"^\s*(?:void\s+|await\s+)?import\s*\(", text):
            return [_ts_statement_edit(data, stmt)]
    raise EditRefused(f"the import() at byte {pos} is used by code that stays")


def remove_python_decorators(data: bytes, span: tuple[int, int], texts: set[str]) -> list[Edit]:
    """Remove the decorators whose source (without ``@``) is in ``texts`` from the decorated
    definition at ``span``, keeping the function: a route handler other code calls stays a
    plain function when its route goes."""
    root = parse("python", data).root_node
    node = _node_at(root, span, ("decorated_definition",))
    if node is None:
        inner = _node_at(root, span)
        node = (
            inner.parent
            if inner is not None and inner.parent is not None and inner.parent.type == "decorated_definition"
            else None
        )
    if node is None:
        raise EditRefused(f"no decorated definition at bytes {span[0]}..{span[1]}")
    edits = []
    for dec in (c for c in node.children if c.type == "decorator"):
        body = dec.text.decode("utf-8", "surrogateescape").lstrip("@").strip()
        if body in texts or " ".join(body.split()) in {" ".join(t.split()) for t in texts}:
            if not _whole_lines(data, dec.start_byte, dec.end_byte, PY_COMMENTS):
                raise EditRefused(f"the decorator at line {dec.start_point[0] + 1} shares its line")
            edits.append(
                _remove_lines(data, dec.start_byte, dec.end_byte, PY_COMMENTS, comments=False, collapse=False)
            )
    return _merge(edits)


def drop_ts_export_keyword(data: bytes, grammar: str, span: tuple[int, int]) -> list[Edit]:
    """``export function f`` -> ``function f`` (also ``export const/let/var/class/enum``,
    ``export default function F``/``class C``): the declaration stays, the module uses it."""
    root = parse(grammar, data).root_node
    for stmt in root.children:
        if not (stmt.start_byte <= span[0] and span[1] <= stmt.end_byte):
            continue
        if stmt.type != "export_statement":
            raise EditRefused(f"the {stmt.type} at byte {span[0]} is not an export")
        decl = stmt.child_by_field_name("declaration") or next(
            (
                c
                for c in stmt.named_children
                if c.type in ("function_declaration", "class_declaration", "generator_function_declaration")
            ),
            None,
        )
        if decl is None:
            value = stmt.child_by_field_name("value")
            if (
                value is not None
                and value.type in ("function_expression", "class")
                and value.child_by_field_name("name") is not None
            ):
                return [Edit(stmt.start_byte, value.start_byte)]
            raise EditRefused(f"the export at line {stmt.start_point[0] + 1} has no declaration to keep")
        return [Edit(stmt.start_byte, decl.start_byte)]
    raise EditRefused(f"no top-level statement covers bytes {span[0]}-{span[1]}")


def remove_ts_export_specifiers(data: bytes, grammar: str, names: set[str]) -> list[Edit]:
    """Drop exported names from local ``export { a, b as c }`` clauses (no ``from``): by the
    exported name; a clause left empty goes."""
    root = parse(grammar, data).root_node
    edits: list[Edit] = []
    for stmt in root.children:
        if stmt.type != "export_statement" or stmt.child_by_field_name("source") is not None:
            continue
        clause = next((c for c in stmt.children if c.type == "export_clause"), None)
        if clause is None:
            continue
        specs = [c for c in clause.named_children if c.type == "export_specifier"]

        def exported(s: Node) -> str:
            n = s.child_by_field_name("alias") or s.child_by_field_name("name")
            return n.text.decode("utf-8", "surrogateescape") if n is not None else ""

        drop = {i for i, s in enumerate(specs) if exported(s) in names}
        if not drop:
            continue
        seq = _seq_edits(data, specs, [c for c in clause.children if c.type == ","], drop, TS_COMMENTS)
        edits += [_ts_statement_edit(data, stmt)] if seq is None else seq
    return _merge(edits)


def ts_uses_outside(data: bytes, grammar: str, name: str, span: tuple[int, int]) -> int:
    """How many times identifier ``name`` is referenced outside ``span`` (its declaration):
    values, types, JSX tags and shorthand properties; member names (``x.name``) are not uses."""
    root = parse(grammar, data).root_node
    kinds = ("identifier", "type_identifier", "shorthand_property_identifier")
    count = 0
    for n in _walk(root):
        if n.type in kinds and span[0] <= n.start_byte < span[1]:
            continue
        if n.type in kinds and n.text.decode("utf-8", "surrogateescape") == name:
            p = n.parent
            if p is not None and p.type in (
                "import_specifier",
                "import_clause",
                "namespace_import",
                "export_specifier",
            ):
                continue
            count += 1
    return count


def remove_jsx_element_at(data: bytes, grammar: str, span: tuple[int, int]) -> list[Edit]:
    """Remove the JSX element covering ``span`` (a ``<Link>`` to a removed page) as a JSX child,
    with its line and its ``{" "}`` spacer; refused when it is not a child (an attribute value, a
    return value)."""
    root = parse(grammar, data).root_node
    n = root.descendant_for_byte_range(span[0], span[1])
    while n is not None and n.type not in ("jsx_element", "jsx_self_closing_element"):
        n = n.parent
    if n is None:
        raise EditRefused(f"no JSX element at bytes {span[0]}..{span[1]}")
    return _merge(sorted(_jsx_element_edit(data, n), key=lambda e: (e.start, e.end)))
