"""Matching client URLs to endpoint path templates.

Paths are split into segments by ``graph/urls.py``. Endpoints are indexed by path segments in
two tries (forward, and reversed for suffix matching), so linking N calls to M endpoints costs
about N + M, not N x M.

``resolve`` applies the matching rules, each with a name ``explain`` shows:
- ``exact``: the base is known (or an origin we cannot read is followed by a known path):
  segment by segment, a parameter on either side matching any segment (a live call keeps every
  endpoint it may hit alive);
- ``suffix``: the base is unknown (an env var, a helper we cannot read): the endpoint's path
  ends with the call's path and at least two literal segments agree;
- ``weak-suffix``: the same with one literal segment in common: the endpoint may be reached, so
  it is ``unsure`` rather than live (a "maybe" target);
- ``tail``: the endpoint's own prefix is unresolved and the call ends with its known tail.
A call literal never matches a lone endpoint parameter by suffix: ``GET /ui-session`` shares
no literal segment with ``/v1/sheets/{id}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deadcode.graph.urls import (  # noqa: F401 (re-exported: the matcher's vocabulary)
    BASE_UNKNOWN,
    KNOWN,
    ORIGIN,
    PARAM,
    SPLAT,
    Located,
    display_path,
    endpoint_segments,
    is_literal,
)

MAX_STATES = 4096  # trie walk states kept per call (a call of parameters fans out)


def _seg_match(call_seg: str, ep_seg: str) -> bool:
    if ep_seg in (PARAM, SPLAT) or call_seg == PARAM:
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


@dataclass(frozen=True)
class Match:
    """An endpoint a call may reach, by which rule; ``sure`` False: only maybe (``unsure``)."""

    endpoint: EndpointKey
    rule: str  # exact | suffix | weak-suffix | tail
    sure: bool = True


class _Trie:
    """Endpoints by path segments: literal children, a parameter child, a splat child (one or
    more segments) and mixed segments."""

    __slots__ = ("below", "here", "literal", "loops", "mixed", "param", "splat")

    def __init__(self, loops: bool = False) -> None:
        self.literal: dict[str, _Trie] = {}
        self.param: _Trie | None = None
        self.splat: _Trie | None = None
        self.mixed: dict[str, _Trie] = {}
        self.here: list[EndpointKey] = []  # endpoints ending at this node
        self.below: list[EndpointKey] = []  # endpoints at or under this node (suffix matching)
        self.loops = loops  # a splat node: it may consume more segments

    def add(self, segs: tuple[str, ...], ep: EndpointKey) -> None:
        node = self
        node.below.append(ep)
        for seg in segs:
            if seg == PARAM:
                node.param = node.param or _Trie()
                node = node.param
            elif seg == SPLAT:
                node.splat = node.splat or _Trie(loops=True)
                node = node.splat
            elif "\0" in seg:
                node = node.mixed.setdefault(seg, _Trie())
            else:
                node = node.literal.setdefault(seg, _Trie())
            node.below.append(ep)
        node.here.append(ep)

    def children_for(self, seg: str):
        """(child node, whether a literal call segment met a literal endpoint segment) for each
        node a call segment may continue into."""
        if self.loops:
            yield self, False
        if self.splat:
            yield self.splat, False
        if seg == PARAM or "\0" in seg:  # a call parameter may be any segment
            for node in self.literal.values():
                yield node, False
            for node in self.mixed.values():
                yield node, False
            if self.param:
                yield self.param, False
            return
        hit = self.literal.get(seg)
        if hit:
            yield hit, True
        if self.param:
            yield self.param, False
        for pattern, node in self.mixed.items():
            if _seg_match(seg, pattern):
                yield node, False


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
            self.backward.add(tuple(reversed(ep.segments)), ep)

    @staticmethod
    def _walk(root: _Trie, segs: tuple[str, ...]) -> list[tuple[_Trie, int]]:
        """(node, literal segments agreeing on the way) reached by the segments."""
        states = [(root, 0)]
        for seg in segs:
            seen: dict[int, tuple[_Trie, int]] = {}
            for node, lits in states:
                for child, literal in node.children_for(seg):
                    n = lits + literal
                    prev = seen.get(id(child))
                    if prev is None or prev[1] < n:
                        seen[id(child)] = (child, n)
            states = list(seen.values())[:MAX_STATES]
            if not states:
                break
        return states

    @staticmethod
    def _method_ok(method: str, ep: EndpointKey) -> bool:
        return method in ("ANY", ep.method) or (method == "GET" and ep.method == "HEAD")

    def match(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """Endpoints a call may reach. ``method`` ANY matches every method; a parameter segment
        in the call matches any segment (a live call keeps every endpoint it may hit alive)."""
        out = []
        for node, _ in self._walk(self.forward, segs):
            out += [ep for ep in node.here if self._method_ok(method, ep)]
        return list(dict.fromkeys(out))

    def match_tail(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """Endpoints behind an unresolved prefix: the call's path ends with their known tail."""
        out = []
        for ep in self.uncertain:
            n = len(ep.segments)
            if (
                n > len(segs)
                or method not in ("ANY", ep.method)
                or not any(is_literal(s) for s in ep.segments)
            ):
                continue  # a tail without a literal segment (``/``, ``/{id}``) is no evidence
            if all(_seg_match(c, e) for c, e in zip(segs[len(segs) - n :], ep.segments)):
                out.append(ep)
        return out

    def suffix_matches(self, method: str, segs: tuple[str, ...]) -> list[tuple[EndpointKey, int]]:
        """(endpoint, literal segments in common) for endpoints whose path ends with the call's."""
        if not segs:
            return []
        best: dict[EndpointKey, int] = {}
        for node, lits in self._walk(self.backward, tuple(reversed(segs))):
            for ep in node.below:
                if method in ("ANY", ep.method) and best.get(ep, -1) < lits:
                    best[ep] = lits
        return list(best.items())

    def match_suffix(self, method: str, segs: tuple[str, ...]) -> list[EndpointKey]:
        """For paths whose base is unknown (test calls, mentions): endpoints whose path ends with
        the path and shares a literal segment with it (``resolve`` asks two for a client call)."""
        return [ep for ep, lits in self.suffix_matches(method, segs) if lits >= 1]

    def resolve(self, method: str, where: Located, fallback: bool = True) -> tuple[list[Match], bool]:
        """The matches of a located call, and whether the call is resolved (its path is known
        from our own origin, so a miss is a broken call). ``fallback``: a known path that
        matches nothing may still sit behind a base we cannot see (a proxy prefix, a base URL
        set elsewhere): its suffix matches count, and the call is then unresolved."""
        segs = where.segments
        out: list[Match] = []
        resolved = where.base == KNOWN
        if where.base in (KNOWN, ORIGIN):
            out = [Match(ep, "exact") for ep in self.match(method, segs)]
            if not out and where.base == KNOWN and fallback:
                out = self._suffix(method, segs)
                resolved = not out
        elif where.base == BASE_UNKNOWN:
            out = self._suffix(method, segs)
        if where.base in (KNOWN, ORIGIN, BASE_UNKNOWN):
            out += [Match(ep, "tail") for ep in self.match_tail(method, segs)]
        return out, resolved

    def _suffix(self, method: str, segs: tuple[str, ...]) -> list[Match]:
        out = []
        for ep, lits in self.suffix_matches(method, segs):
            if lits >= 2:
                out.append(Match(ep, "suffix"))
            elif lits == 1:
                out.append(Match(ep, "weak-suffix", sure=False))
        return out

    def same_shape(self, segs: tuple[str, ...], limit: int = 200) -> list[EndpointKey]:
        """A few endpoints with the call's first segment, for "closest endpoint" hints."""
        node = self.forward.literal.get(segs[0]) if segs else None
        return (node.below if node else [])[:limit]
