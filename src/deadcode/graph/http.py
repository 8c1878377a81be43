"""Matching client URLs to endpoint path templates.

A path is split into segments; a segment is literal text or ``{}`` (a parameter: FastAPI's
``{id}``, a client's ``${id}``). Endpoints are indexed by (segment count, first segment), so
linking N calls to M endpoints costs about N + M, not N x M.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAM = "{}"
_FASTAPI_PARAM = re.compile(r"\{[^}/]*\}")


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
    for s in path.strip("/").split("/"):
        if not s:
            continue
        if s == "{}" or _FASTAPI_PARAM.fullmatch(s):
            segs.append(PARAM)
        elif "{" in s:  # /files/{name}.json: a segment mixing text and a parameter
            segs.append(_FASTAPI_PARAM.sub("\0", s))
        else:
            segs.append(s)
    return tuple(segs)


def display_path(segs: tuple[str, ...]) -> str:
    return "/" + "/".join(s.replace("\0", "{}") for s in segs)


def _seg_match(call_seg: str, ep_seg: str) -> bool:
    if ep_seg == PARAM or call_seg == PARAM:
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


class EndpointIndex:
    def __init__(self, endpoints: list[EndpointKey]):
        self.by_shape: dict[tuple[int, str], list[EndpointKey]] = {}
        self.by_len: dict[int, list[EndpointKey]] = {}
        self.uncertain = [ep for ep in endpoints if ep.uncertain]
        for ep in endpoints:
            if ep.uncertain:
                continue
            first = ep.segments[0] if ep.segments else ""
            self.by_shape.setdefault((len(ep.segments), first), []).append(ep)
            self.by_len.setdefault(len(ep.segments), []).append(ep)

    def match(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """Endpoints a call may reach. ``method`` ANY matches every method; a parameter segment
        in the call matches any segment (a live call keeps every endpoint it may hit alive)."""
        first = segs[0] if segs else ""
        if first == PARAM or "\0" in first:
            candidates = self.by_len.get(len(segs), [])
        else:
            candidates = self.by_shape.get((len(segs), first), []) + self.by_shape.get((len(segs), PARAM), [])
        out = []
        for ep in candidates:
            if method not in ("ANY", ep.method) and not (method == "GET" and ep.method == "HEAD"):
                continue
            if all(_seg_match(c, e) for c, e in zip(segs, ep.segments)):
                out.append(ep)
        return out

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
        out = []
        n = len(segs)
        if n == 0:
            return out
        for length, eps in self.by_len.items():
            if length < n:
                continue
            for ep in eps:
                if method not in ("ANY", ep.method):
                    continue
                if all(_seg_match(c, e) for c, e in zip(segs, ep.segments[length - n :])):
                    out.append(ep)
        return out
