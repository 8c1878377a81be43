"""Small tree-sitter helpers the stages of the TS extractor share (``facts/typescript.py`` and
the stages mixed into it)."""

from __future__ import annotations

import re

from tree_sitter import Node

from deadcode.facts.model import Sub, Template

WRAPPER_NODES = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
    }
)
FUNCTION_NODES = frozenset({"arrow_function", "function_expression", "function", "generator_function"})
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")


def _squash(text: str) -> str:
    """``text`` without whitespace: ``re.sub(r"\\s+", "", text)`` (the same characters: both
    use ``str.isspace``), without a regex call per callee."""
    return "".join(text.split())


def _start(node: Node) -> int:
    return node.start_byte


def _kids(node: Node | None) -> list[Node]:
    """Named children without comments."""
    if node is None:
        return []
    return [c for c in node.named_children if c.type != "comment"]


def _unwrap(node: Node | None) -> Node | None:
    """Strip parentheses, ``as``/``satisfies``/``!`` and ``<T>`` casts."""
    while node is not None and node.type in WRAPPER_NODES:
        kids = _kids(node)
        if not kids:
            return node
        node = kids[-1] if node.type == "type_assertion" else kids[0]
    return node


def _callee(call: Node) -> Node | None:
    """The function of a call. tree-sitter-typescript parses ``await api.get<T>(url)`` as a call
    whose function is the await expression: the callee is what is awaited."""
    fn = call.child_by_field_name("function")
    while fn is not None and fn.type == "await_expression" and fn.named_child_count:
        fn = fn.named_children[-1]
    return fn


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return []  # tagged template: gql`...`
    return _kids(args)


def _has_child_token(node: Node, token: str) -> bool:
    return any(not c.is_named and c.type == token for c in node.children)


def _merge(parts: list[str | Sub]) -> Template:
    return Template.of(parts)


def _url_like(tpl: Template | None) -> bool:
    """``/x``, ``http(s)://``/``ws(s)://``, or a leading substitution followed by ``/``
    (``${BASE}/x``, ``${protocol}//${host}``)."""
    if tpl is None or not tpl.parts:
        return False
    first = tpl.parts[0]
    if isinstance(first, str):
        return first.startswith(("/", "http://", "https://", "ws://", "wss://"))
    return len(tpl.parts) > 1 and isinstance(tpl.parts[1], str) and tpl.parts[1].startswith(("/", "://"))


def _is_literal_node(node: Node | None) -> bool:
    node = _unwrap(node)
    return node is not None and (
        node.type == "string"
        or (
            node.type == "template_string"
            and not any(c.type == "template_substitution" for c in node.named_children)
        )
    )
