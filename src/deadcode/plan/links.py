"""Links to a removed route, in files that stay: ``<Link to="/x">``, ``<NavLink to>``,
``<a href>`` elements and menu-array entries (``{ to: "/x", label: ... }``) go; any other
mention of the path (``navigate("/x")``, a string handed to a helper) is named for review."""

from __future__ import annotations

import re

from deadcode.discover.config import route_match
from deadcode.facts.parsing import parse
from deadcode.plan import edits as E

LINK_ATTRS = {"to", "href"}
MENU_KEYS = {"to", "href", "path", "url", "link", "route"}
ROUTE_OBJECT_KEYS = {"element", "Component", "component", "lazy", "loader", "children", "index"}


def _literal_prefix(route: str) -> bytes:
    head = route.split("/:", 1)[0].split("/{", 1)[0].split("*", 1)[0]
    return head.encode() if head and head != "/" else route.encode()


def _value(node) -> str | None:
    """A string or template literal as a route path (``${x}`` becomes a parameter)."""
    raw = node.text.decode("utf-8", "surrogateescape")
    if len(raw) < 2:
        return None
    body = raw[1:-1]
    if node.type == "template_string":
        body = re.sub(r"\$\{[^}]*\}", ":p", body)
    body = body.split("?", 1)[0].split("#", 1)[0]
    return body if body.startswith("/") else None


def _matches(value: str, gone: set[str], remaining: list[str]) -> str | None:
    if any(route_match(value, r, children=False) for r in remaining):
        return None  # a route that stays serves it
    return next((g for g in sorted(gone) if route_match(value, g, children=True)), None)


def _key(pair) -> str:
    k = pair.child_by_field_name("key")
    return k.text.decode("utf-8", "surrogateescape").strip("'\"") if k is not None else ""


def _object_keys(obj) -> set[str]:
    out = set()
    for c in obj.named_children:
        if c.type == "pair":
            out.add(_key(c))
        elif c.type == "shorthand_property_identifier":
            out.add(c.text.decode("utf-8", "surrogateescape"))
    return out


def _element_of(attr):
    """The JSX element an attribute belongs to."""
    tag = attr.parent
    if tag is None:
        return None
    if tag.type == "jsx_self_closing_element":
        return tag
    if tag.type == "jsx_opening_element":
        return tag.parent
    return None


def link_cuts(path: str, grammar: str, data: bytes, gone: set[str], remaining: list[str]):
    """(new bytes, notes, needs review) for the links to ``gone`` routes in one file."""
    if not any(
        re.search(rb"[\"'`]" + re.escape(_literal_prefix(g)) + rb"(?=[\"'`/?#$])", data) for g in gone
    ):
        return data, [], False
    notes: list[str] = []
    review = False
    for _ in range(100):  # one cut at a time: offsets move after each
        root = parse(grammar, data).root_node
        hit = None
        stack = [root]
        while stack:
            n = stack.pop()
            if n.type in ("string", "template_string"):
                value = _value(n)
                route = _matches(value, gone, remaining) if value else None
                if route is not None and (n.start_byte, n.end_byte) not in _seen(notes):
                    hit = (n, value, route)
                    break
                continue
            stack.extend(reversed(n.children))
        if hit is None:
            break
        node, value, route = hit
        line = node.start_point[0] + 1
        edits = None
        what = ""
        parent = node.parent
        if parent is not None and parent.type == "jsx_expression":
            parent = parent.parent
        if parent is not None and parent.type == "jsx_attribute":
            name = (
                parent.named_children[0].text.decode("utf-8", "surrogateescape")
                if parent.named_children
                else ""
            )
            el = _element_of(parent)
            if name in LINK_ATTRS and el is not None:
                try:
                    edits = E.remove_jsx_element_at(data, grammar, (el.start_byte, el.end_byte))
                    what = f"remove the link to {value} (line {line})"
                except E.EditRefused:
                    edits = None
        elif parent is not None and parent.type == "pair" and _key(parent) in MENU_KEYS:
            obj = parent.parent
            holder = obj.parent if obj is not None else None
            while holder is not None and holder.type == "parenthesized_expression":
                holder = holder.parent
            if (
                obj is not None
                and obj.type == "object"
                and holder is not None
                and holder.type == "array"
                and not _object_keys(obj) & ROUTE_OBJECT_KEYS
            ):
                try:
                    edits = E.remove_array_entry(data, grammar, (obj.start_byte, obj.end_byte))
                    what = f"remove the menu entry for {value} (line {line})"
                except E.EditRefused:
                    edits = None
        if edits:
            data = E.apply_edits(data, edits)
            notes.append(what)
            continue
        review = True
        call = parent.parent if parent is not None and parent.type == "arguments" else None
        verb = (
            "navigates to"
            if call is not None
            and b"navigate"
            in (call.child_by_field_name("function").text if call.child_by_field_name("function") else b"")
            else "mentions"
        )
        notes.append(
            f"{path}:{line} {verb} {value}, a removed route: left for review"
            f"\x00{node.start_byte},{node.end_byte}"
        )
    return data, [n.split("\x00", 1)[0] for n in notes], review


def _seen(notes: list[str]) -> set[tuple[int, int]]:
    out = set()
    for n in notes:
        if "\x00" in n:
            a, b = n.split("\x00", 1)[1].split(",")
            out.add((int(a), int(b)))
    return out
