"""Values read from a Python tree without running it: string literals (escapes decoded, f-string
substitutions kept as ``Sub``), safe literals, ``+`` templates, argument lists. Shared by every
concern of the Python extractor (imports, settings, conditions, routes, HTTP calls)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import Sub, Template


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
        out.append(data[pos : esc.start_byte - base].decode("utf-8", "replace"))
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


NO_VALUE = object()


def literal_value(node: Node | None):
    """A safe literal (str, int, float, bool, None) or ``NO_VALUE``."""
    if node is None:
        return NO_VALUE
    t = node.type
    if t in ("string", "concatenated_string"):
        s = string_value(node)
        return NO_VALUE if s is None else s
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
            return NO_VALUE
    if t == "unary_operator" and node.child_count == 2 and node.child(0).type in ("-", "+"):
        inner = literal_value(node.child(1))
        if isinstance(inner, (int, float)) and not isinstance(inner, bool):
            return -inner if node.child(0).type == "-" else inner
    if t == "parenthesized_expression" and node.named_child_count == 1:
        return literal_value(node.named_child(0))
    return NO_VALUE


def _merge(parts: list[str | Sub]) -> tuple[str | Sub, ...]:
    return Template.of(parts).parts


def operands(node: Node, operator: str) -> list[Node]:
    """Operands of a chain ``a + b + c`` (or ``and``), parentheses unwrapped, without
    recursion: tree-sitter nests long chains deeply."""
    out: list[Node] = []
    stack = [node]
    while stack:
        n = unparen(stack.pop())
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
    for operand in operands(node, "+"):
        strings = _string_parts(operand) if operand.type in ("string", "concatenated_string") else None
        parts.extend(strings if strings is not None else [Sub(parsing.text(operand))])
    return parts


def template_of(node: Node) -> Template:
    """A string, f-string, name, attribute or ``+`` concatenation as a Template."""
    return Template(_merge(_template_parts(node)))


def is_stringish(node: Node) -> bool:
    """A string, f-string, or ``+`` concatenation involving one."""
    return any(o.type in ("string", "concatenated_string") for o in operands(node, "+"))


# ------------------------------------------------------------------------------ argument lists


@dataclass
class Args:
    positional: list[Node]
    keywords: dict[str, Node]


def read_args(arglist: Node | None) -> Args:
    pos: list[Node] = []
    kw: dict[str, Node] = {}
    if arglist is None:
        return Args(pos, kw)
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
    return Args(pos, kw)


def arg(args: Args, index: int, keyword: str) -> Node | None:
    if keyword in args.keywords:
        return args.keywords[keyword]
    return args.positional[index] if len(args.positional) > index else None


def unparen(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_child(0)
    return node


def literal_items(node: Node | None, read, missing=None) -> list | None:
    """The items of a list / tuple / set literal read by ``read`` (comments skipped), or None
    when it is no such literal or an item reads as ``missing``."""
    node = unparen(node)
    if node is None or node.type not in ("list", "tuple", "set"):
        return None
    out = []
    for child in node.named_children:
        if child.type == "comment":
            continue
        value = read(child)
        if value is missing:
            return None
        out.append(value)
    return out


def string_list(node: Node | None) -> list[str] | None:
    """``["GET", "POST"]`` / tuple / set of string literals, else None."""
    return literal_items(node, string_value)


def last_part(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1].strip()


def statement_of(node: Node) -> Node:
    cur = node
    while cur.parent is not None and cur.parent.type not in ("block", "module"):
        if cur.type.endswith("_statement"):
            return cur
        cur = cur.parent
    return cur
