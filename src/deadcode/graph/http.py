"""Matching client URLs to endpoint path templates.

A path is split into segments; a segment is literal text or ``{}`` (a parameter: FastAPI's
``{id}``, a client's ``${id}``). Endpoints are indexed by (segment count, first segment), so
linking N calls to M endpoints costs about N + M, not N x M.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAM = "{}"
REST = "{**}"  # Starlette's {name:path}: the rest of the path, any number of segments
_FASTAPI_PARAM = re.compile(r"\{[^}/]*\}")
_PATH_PARAM = re.compile(r"\{\s*\w+\s*:\s*path\s*\}")


def _clean(path: str) -> str:
    path = path.split("#", 1)[0].split("?", 1)[0]
    path = re.sub(r"/+", "/", path)
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path or "/"


def endpoint_segments(path: str) -> tuple[str, ...]:
    """``/api/v0_1/databases/{database_id}`` -> ("api", "v0_1", "databases", "{}")."""
    path = _clean(path)
    segs = []
    parts = [s for s in path.strip("/").split("/") if s]
    for i, s in enumerate(parts):
        if i == len(parts) - 1 and _PATH_PARAM.fullmatch(s):
            segs.append(REST)
        elif s == "{}" or _FASTAPI_PARAM.fullmatch(s):
            segs.append(PARAM)
        elif "{" in s:  # /files/{name}.json: a segment mixing text and a parameter
            segs.append(_FASTAPI_PARAM.sub("\0", s))
        else:
            segs.append(s)
    return tuple(segs)


def display_path(segs: tuple[str, ...]) -> str:
    return "/" + "/".join(s.replace("\0", "{}") for s in segs)


def _seg_match(call_seg: str, ep_seg: str) -> bool:
    if ep_seg in (PARAM, REST) or call_seg == PARAM:
        return True
    if "\0" in call_seg or "\0" in ep_seg:
        pattern = "^" + ".*".join(re.escape(p) for p in re.split("\0", ep_seg)) + "$"
        text = call_seg.replace("\0", "x")
        return re.match(pattern, text) is not None or call_seg.replace("\0", "") == ""
    return call_seg == ep_seg


@dataclass(frozen=True)
class EndpointKey:
    method: str
    path: str  # as the backend declares it, all prefixes applied
    segments: tuple[str, ...]
    uncertain: bool = False  # an unresolved prefix precedes ``path``


class _Trie:
    """Endpoints by path segments: literal children, a parameter child, and mixed segments."""

    __slots__ = ("literal", "param", "mixed", "here", "below", "rest")

    def __init__(self) -> None:
        self.literal: dict[str, _Trie] = {}
        self.param: _Trie | None = None
        self.mixed: dict[str, _Trie] = {}
        self.here: list[EndpointKey] = []  # endpoints ending at this node
        self.below: list[EndpointKey] = []  # endpoints at or under this node (suffix matching)
        self.rest: list[EndpointKey] = []  # endpoints whose {name:path} takes what follows

    def add(self, segs: tuple[str, ...], ep: EndpointKey, rest_here: bool = True) -> None:
        node = self
        node.below.append(ep)
        for i, seg in enumerate(segs):
            if seg == REST and rest_here and i == len(segs) - 1:
                node.rest.append(ep)
                return
            if seg in (PARAM, REST):
                node.param = node.param or _Trie()
                node = node.param
            elif "\0" in seg:
                node = node.mixed.setdefault(seg, _Trie())
            else:
                node = node.literal.setdefault(seg, _Trie())
            node.below.append(ep)
        node.here.append(ep)

    def children_for(self, seg: str):
        """Child nodes a call segment may continue into."""
        if seg == PARAM or "\0" in seg:  # a call parameter may be any segment
            yield from self.literal.values()
            yield from self.mixed.values()
            if self.param:
                yield self.param
            return
        hit = self.literal.get(seg)
        if hit:
            yield hit
        if self.param:
            yield self.param
        for pattern, node in self.mixed.items():
            if _seg_match(seg, pattern):
                yield node


class EndpointIndex:
    """Endpoint lookup in time proportional to the path, not to the number of endpoints: a
    trie for exact matching and one over reversed paths for suffix matching."""

    def __init__(self, endpoints: list[EndpointKey]):
        self.forward = _Trie()
        self.backward = _Trie()
        self.uncertain = [ep for ep in endpoints if ep.uncertain]
        for ep in endpoints:
            if ep.uncertain:
                continue
            self.forward.add(ep.segments, ep)
            self.backward.add(tuple(reversed(ep.segments)), ep, rest_here=False)

    @staticmethod
    def _walk(root: _Trie, segs: tuple[str, ...]) -> list[_Trie]:
        nodes = [root]
        for seg in segs:
            nodes = [child for node in nodes for child in node.children_for(seg)]
            if not nodes:
                break
        return nodes

    @staticmethod
    def _method_ok(method: str, ep: EndpointKey) -> bool:
        return method in ("ANY", ep.method) or (method == "GET" and ep.method == "HEAD")

    def match(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """Endpoints a call may reach. ``method`` ANY matches every method; a parameter segment
        in the call matches any segment (a live call keeps every endpoint it may hit alive)."""
        out = []
        nodes = [self.forward]
        for seg in segs:
            out += [ep for node in nodes for ep in node.rest if self._method_ok(method, ep)]
            nodes = [child for node in nodes for child in node.children_for(seg)]
            if not nodes:
                break
        for node in nodes:
            out += [ep for ep in node.here + node.rest if self._method_ok(method, ep)]
        return list(dict.fromkeys(out))

    def match_tail(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """Endpoints behind an unresolved prefix: the call's path ends with their known tail."""
        out = []
        for ep in self.uncertain:
            n = len(ep.segments)
            if n > len(segs) or method not in ("ANY", ep.method):
                continue
            if all(_seg_match(c, e) for c, e in zip(segs[len(segs) - n:], ep.segments)):
                out.append(ep)
        return out

    def match_suffix(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """For calls whose base URL is unknown: endpoints whose path ends with the call's path."""
        if not segs:
            return []
        out = []
        for node in self._walk(self.backward, tuple(reversed(segs))):
            out += [ep for ep in node.below if method in ("ANY", ep.method)]
        return list(dict.fromkeys(out))

    def same_shape(self, segs: tuple[str, ...], limit: int = 200) -> list[EndpointKey]:
        """A few endpoints with the call's first segment, for "closest endpoint" hints."""
        node = self.forward.literal.get(segs[0]) if segs else None
        return (node.below if node else [])[:limit]
