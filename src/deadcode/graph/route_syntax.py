"""Route path syntaxes, one reader for all: a path declared by a router or a backend ->
segments of one vocabulary (literal, parameter, optional parameter, splat, optional splat).

| syntax | parameter | optional | splat | dropped from the URL |
|---|---|---|---|---|
| React Router | `:id` | `:id?`, `seg?` | `*` | |
| TanStack Router | `$id` | `{-$id}` | `$` | `_layout`, `(group)`, a trailing `_` |
| Next.js | `[id]` | | `[...slug]`, `[[...slug]]` (optional) | `(group)`, `@slot` |
| Starlette / FastAPI | `{id}`, `{id:int}` | | `{p:path}` | |

The syntaxes never collide, so each segment is read by its own shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LITERAL = "literal"
PARAM = "param"
OPTIONAL = "optional"
SPLAT = "splat"
OPTIONAL_SPLAT = "optional-splat"

_STARLETTE = re.compile(r"^\{([A-Za-z_]\w*)(?::([A-Za-z_]\w*))?\}$")


@dataclass(frozen=True)
class RouteSeg:
    kind: str
    text: str  # the literal text, or the parameter's name
    literal: bool = False  # an optional static segment (React Router ``seg?``)


def segment(seg: str) -> RouteSeg | None:
    """One path segment; None when the syntax drops it from the URL (groups, pathless layouts)."""
    if seg.startswith("(") and seg.endswith(")") or seg.startswith("@"):
        return None  # Next.js / TanStack route group, Next.js parallel-route slot
    if seg.startswith("[[...") and seg.endswith("]]"):
        return RouteSeg(OPTIONAL_SPLAT, seg[5:-2])
    if seg.startswith("[...") and seg.endswith("]"):
        return RouteSeg(SPLAT, seg[4:-1])
    if seg.startswith("[") and seg.endswith("]"):
        return RouteSeg(PARAM, seg[1:-1])
    if seg == "*" or seg == "$":
        return RouteSeg(SPLAT, "*")
    if seg.startswith("{-$") and seg.endswith("}"):
        return RouteSeg(OPTIONAL, seg[3:-1])
    m = _STARLETTE.match(seg)
    if m:
        return RouteSeg(SPLAT if m.group(2) == "path" else PARAM, m.group(1))
    if seg.startswith(":"):
        return RouteSeg(OPTIONAL, seg[1:-1]) if seg.endswith("?") else RouteSeg(PARAM, seg[1:])
    if seg.startswith("$") and len(seg) > 1:
        return RouteSeg(PARAM, seg[1:])
    if seg.endswith("?") and len(seg) > 1:
        return RouteSeg(OPTIONAL, seg[:-1], literal=True)  # React Router optional static segment
    return RouteSeg(LITERAL, seg)


def parse(path: str, file_route: bool = False) -> tuple[RouteSeg, ...]:
    """A route path -> its URL segments. ``file_route``: a TanStack file-route id, whose
    ``_pathless`` segments and trailing ``_`` (un-nesting) do not reach the URL."""
    out = []
    for raw in (path or "").split("/"):
        if not raw:
            continue
        if file_route:
            if raw.startswith("_"):
                continue
            if raw.endswith("_") and len(raw) > 1:
                raw = raw[:-1]
        seg = segment(raw)
        if seg is not None:
            out.append(seg)
    return tuple(out)


def endpoint_param_kind(seg: str) -> str:
    """``{id}`` / ``{id:int}`` -> param; ``{p:path}`` -> splat (one or more segments)."""
    m = _STARLETTE.match(seg)
    return SPLAT if m and m.group(2) == "path" else PARAM


def regex(path: str) -> re.Pattern:
    """A route pattern -> a regex over a visited URL path: a parameter is one segment, an
    optional one may be missing, a splat is the rest of the path (``[[...x]]`` may be empty)."""
    out = ""
    for s in parse(path):
        if s.kind == LITERAL:
            out += "/" + re.escape(s.text)
        elif s.kind == PARAM:
            out += r"/[^/]+"
        elif s.kind == OPTIONAL:
            out += "(?:/" + re.escape(s.text) + ")?" if s.literal else r"(?:/[^/]+)?"
        elif s.kind == SPLAT:
            out += r"(?:/.*)?" if s.text == "*" else r"/.+"
        else:
            out += r"(?:/.*)?"
    return re.compile("^" + (out or "/") + "/?$")


def score(path: str) -> int:
    """How specific a route is, as routers rank them: a static segment beats a parameter,
    which beats an optional one; a splat ranks last."""
    total = 0
    for s in parse(path):
        total += (
            10 if s.literal else {LITERAL: 10, PARAM: 3, OPTIONAL: 2, SPLAT: -2, OPTIONAL_SPLAT: -2}[s.kind]
        )
    return total


def is_param(seg: str) -> bool:
    """Whether one segment as written is a parameter of any syntax (not a literal)."""
    s = segment(seg)
    return s is not None and s.kind != LITERAL
