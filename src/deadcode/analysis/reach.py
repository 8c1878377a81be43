"""Reachability modes over the graph: production, with dev code allowed, with flags ignored,
and with a removal group taken out."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from deadcode.analysis.flags import conditions_may_hold
from deadcode.discover.config import matches, route_match
from deadcode.graph.build import Program
from deadcode.graph.model import Edge


def endpoints_matching(endpoints: dict, pattern: str, children: bool = True) -> list[str]:
    """Endpoint node ids matching ``"METHOD /path/*"`` (method ``*`` or ``ANY`` for all);
    ``children`` lets ``/x`` also match ``/x/...``."""
    method, _, path = pattern.partition(" ")
    method = method.upper()
    return [
        nid
        for nid, info in endpoints.items()
        if method in ("*", "ANY", info.method) and route_match(info.path, path, children=children)
    ]


@dataclass
class Mode:
    allow_dev: bool = False
    use_flags: bool = True
    removed: frozenset[str] = frozenset()
    # definitions the planner removes with the group (handlers, helpers only they use): gone
    # themselves, and imports that only they use are cut with them
    cut_users: frozenset[str] = frozenset()


@dataclass
class Reacher:
    program: Program
    _cache: dict = field(default_factory=dict)

    @cached_property
    def flags(self) -> dict:
        out = {}
        for name, value in self.program.ctx.config.flags.items():
            out[name] = tuple(value) if isinstance(value, (list, tuple)) else (value,)
        return out

    @cached_property
    def dev_nodes(self) -> frozenset[str]:
        """Dev roots (files) and dev routes: production never enters them."""
        cfg = self.program.ctx.config
        out = set()
        for nid, node in self.program.graph.nodes.items():
            if node.kind == "file" and matches(node.path, cfg.dev_roots):
                out.add(nid)
            elif node.kind == "route" and any(route_match(node.label, p) for p in cfg.dev_routes):
                out.add(nid)
        return frozenset(out)

    @cached_property
    def public_endpoints(self) -> list[str]:
        cfg = self.program.ctx.config
        patterns = list(cfg.public_endpoints) + [rule.endpoint for rule in cfg.keep if rule.endpoint]
        patterns += [pattern for pattern, _why in getattr(self.program, "public_patterns", ())]
        out: list[str] = []
        for pattern in patterns:
            out += endpoints_matching(self.program.ctx.endpoints, pattern)
        return list(dict.fromkeys(out))

    def roots(self) -> list[str]:
        kept = [n for k in self.program.inline_keeps if k.what != "file" for n in k.nodes]
        return list(self.program.entries) + self.public_endpoints + kept

    def reach(self, mode: Mode) -> dict[str, Edge | None]:
        key = (mode.allow_dev, mode.use_flags, mode.removed, mode.cut_users)
        if key in self._cache:
            return self._cache[key]
        flags = self.flags
        dev_nodes = self.dev_nodes
        cut = mode.cut_users
        holds: dict = {}  # conditions -> whether production flag values may satisfy them

        def marked_ok(e: Edge) -> bool:
            if e.dev and not mode.allow_dev:
                return False
            if mode.use_flags and e.conditions:
                ok = holds.get(e.conditions)
                if ok is None:
                    ok = holds[e.conditions] = conditions_may_hold(e.conditions, flags)
                if not ok:
                    return False
            if e.users and cut and all(u in cut for u in e.users):
                return False
            return True

        blocked = mode.removed | cut if mode.allow_dev else mode.removed | cut | dev_nodes
        graph = self.program.graph
        result = graph.reach(self.roots(), blocked, marked_ok)
        if mode.allow_dev:
            # a dev root is a root of its own in development (a test harness page nobody routes
            # to); a second pass keeps the chains from production entries where they exist
            extra = graph.reach(sorted(n for n in dev_nodes if n.startswith("file:")), blocked, marked_ok)
            for node, edge in extra.items():
                result.setdefault(node, edge)
        self._cache[key] = result
        return result

    @property
    def production(self) -> dict[str, Edge | None]:
        return self.reach(Mode())

    @property
    def with_dev(self) -> dict[str, Edge | None]:
        return self.reach(Mode(allow_dev=True))

    @property
    def without_flags(self) -> dict[str, Edge | None]:
        return self.reach(Mode(use_flags=False))

    @property
    def everything(self) -> dict[str, Edge | None]:
        return self.reach(Mode(allow_dev=True, use_flags=False))

    def after_removing(self, removed: frozenset[str]) -> tuple[dict[str, Edge | None], frozenset[str]]:
        """Production reachability once a group's nodes are gone, and the definitions that go
        with them: handlers of endpoints no client reaches any more, and helpers only those use.
        Imports used only by those definitions are cut too (the planner removes them in the same
        step), so what only they imported dies with the group, and nothing else does: a handler
        that stays in the tree, even one nobody calls, keeps its imports."""
        live = self.production
        handlers = self._handlers
        cut: frozenset[str] = frozenset()
        for _ in range(16):  # each round can only grow ``cut``; two or three rounds settle it
            after = self.reach(Mode(removed=removed, cut_users=cut))
            dead_eps = {
                n for n in self.program.ctx.endpoints if n in removed or (n in live and n not in after)
            }
            gone = {sym for sym, eps in handlers.items() if eps and eps <= dead_eps}
            gone = self._with_helpers(gone | cut)
            if gone == cut:
                return after, cut
            cut = frozenset(gone)
        return self.reach(Mode(removed=removed, cut_users=cut)), cut

    @cached_property
    def _handlers(self) -> dict[str, frozenset[str]]:
        """Handler symbol -> the endpoint nodes it serves."""
        out: dict[str, set[str]] = {}
        g = self.program.graph
        for nid in self.program.ctx.endpoints:
            for e in g.out.get(nid, ()):
                if e.kind == "handles" and e.target.startswith("symbol:"):
                    out.setdefault(e.target, set()).add(nid)
        return {k: frozenset(v) for k, v in out.items()}

    @cached_property
    def _helper_users(self) -> dict[str, tuple[str, ...]]:
        """Helper symbol -> the definitions using it, for helpers that only definitions use."""
        g = self.program.graph
        out = {}
        for sid, node in g.nodes.items():
            if node.kind != "symbol" or sid in self._handlers:
                continue
            inc = g.inc.get(sid, ())
            if inc and all(e.source.startswith("symbol:") for e in inc):
                out[sid] = tuple(e.source for e in inc)
        return out

    def _with_helpers(self, gone: set[str]) -> frozenset[str]:
        """Add helpers whose every user is gone."""
        gone = set(gone)
        changed = True
        while changed:
            changed = False
            for sid, users in self._helper_users.items():
                if sid not in gone and all(u in gone for u in users):
                    gone.add(sid)
                    changed = True
        return frozenset(gone)

    def false_edge(self, edge: Edge) -> bool:
        """An edge the production flag values switch off."""
        return bool(edge.conditions) and not conditions_may_hold(edge.conditions, self.flags)
