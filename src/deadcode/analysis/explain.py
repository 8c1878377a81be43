"""Why a target is live or dead: the shortest chain of references from a production root, or
the statement that none exists, with the nearest referrers."""

from __future__ import annotations

from dataclasses import dataclass, field

from deadcode.analysis.findings import Analysis, _fmt
from deadcode.graph.http import endpoint_segments, EndpointIndex, EndpointKey


@dataclass
class Explanation:
    target: str
    node: str | None
    verdict: str  # live | dev-only | flag-gated | unreachable | unknown
    chain: list[str] = field(default_factory=list)
    root_reason: str | None = None
    referrers: list[str] = field(default_factory=list)
    finding: dict | None = None

    def text(self) -> str:
        if self.node is None:
            return f"{self.target}: not found in the graph (not analysed, excluded, or misspelt)"
        lines = []
        f = self.finding
        if f:  # the same verdict as `scan`: kind, confidence and group first
            lines.append(
                f"{self.target}: DEAD ({f['kind']}, {f.get('confidence', 'certain')}) in group {f['group']}"
            )
            lines.append(f"  {f['reason']}")
            doubts = [e[len("unsure: ") :] for e in f.get("evidence", ()) if e.startswith("unsure: ")]
            if doubts:
                lines.append("  unsure because:")
                lines += [f"    {d}" for d in doubts]
        else:
            head = {
                "live": "LIVE",
                "dev-only": "DEAD (dev-only)",
                "flag-gated": "DEAD (flag-gated)",
                "unreachable": "DEAD (unreachable)",
            }.get(self.verdict, self.verdict)
            lines.append(f"{self.target}: {head}")
        if self.chain:
            if self.verdict == "live":
                label = "reached today by (the group removes this chain)" if f else "reached in production by"
            else:
                label = {
                    "dev-only": "reached only in development by",
                    "flag-gated": "reached only when a flag is on, by",
                }.get(self.verdict, "reached by")
            lines.append(f"  {label}:")
            if self.root_reason:
                lines.append(f"    root: {self.root_reason}")
            for step in self.chain:
                lines.append(f"    -> {step}")
        elif self.verdict == "live":
            lines.append(f"  it is a production root: {self.root_reason}")
        else:
            lines.append("  no production entry reaches it")
        if self.verdict == "unreachable":
            if self.referrers:
                lines.append("  nearest referrers (none of them counts):")
                lines += [f"    {r}" for r in self.referrers]
            else:
                lines.append("  nothing references it")
        if f:
            lines.append(f"  finding: {f['kind']} in group {f['group']}: {f['reason']}")
        return "\n".join(lines)


def find_node(analysis: Analysis, target: str) -> str | None:
    g = analysis.program.graph
    t = target.strip()
    method, _, rest = t.partition(" ")
    if rest and method.isupper():
        nid = f"endpoint:{method} {rest.strip()}"
        if nid in g.nodes:
            return nid
        ctx = analysis.program.ctx
        index = EndpointIndex(
            [EndpointKey(i.method, i.path, endpoint_segments(i.path)) for i in ctx.endpoints.values()]
        )
        hits = index.match(method, endpoint_segments(rest.strip()))
        return f"endpoint:{hits[0].method} {hits[0].path}" if hits else None
    if t.startswith("/"):
        nid = f"route:{t.rstrip('/') or '/'}"
        if nid in g.nodes:
            return nid
    path = t.removeprefix("./")
    for prefix in ("file:", "symbol:", "setting:", "env:", "helm-value:", "route:", "endpoint:"):
        if t.startswith(prefix) and t in g.nodes:
            return t
    if f"file:{path}" in g.nodes:
        return f"file:{path}"
    for kind in ("setting", "env", "helm-value"):
        if f"{kind}:{t}" in g.nodes:
            return f"{kind}:{t}"
    return None


def explain(analysis: Analysis, target: str) -> Explanation:
    nid = find_node(analysis, target)
    if nid is None:
        return Explanation(target, None, "unknown")
    r = analysis.reacher
    g = analysis.program.graph
    reasons = analysis.program.entry_reasons
    finding = next((f.to_json() for f in analysis.findings if f.node == nid), None)
    for verdict, parents in (
        ("live", r.production),
        ("flag-gated", r.without_flags),
        ("dev-only", r.with_dev),
    ):
        if nid in parents:
            if verdict == "live" and finding is None or verdict != "live":
                chain = g.chain(parents, nid)
                first = chain[0].source if chain else nid
                root_reason = _root_reason(analysis, first, reasons)
                v = verdict
                if verdict == "live" and finding:
                    v = finding["kind"]
                return Explanation(target, nid, v, [_fmt(e) for e in chain], root_reason, [], finding)
            # live in production but named by a removal group
            chain = g.chain(parents, nid)
            return Explanation(
                target,
                nid,
                "live",
                [_fmt(e) for e in chain],
                _root_reason(analysis, chain[0].source if chain else nid, reasons),
                [],
                finding,
            )
    refs = [f"{_fmt(e)}: {_why_not(analysis, e)}" for e in g.inc.get(nid, ())][:10]
    return Explanation(target, nid, "unreachable", [], None, refs, finding)


def _why_not(analysis: Analysis, e) -> str:
    """Why a reference to a dead node does not make it live."""
    from deadcode.graph.context import is_test_path

    r = analysis.reacher
    src = analysis.program.graph.nodes.get(e.source)
    path = src.path if src is not None else None
    if path and is_test_path(path):
        return "test code"
    if e.users and all(u not in r.production for u in e.users):
        return (
            "used only by "
            + ", ".join(u.split("#", 1)[-1] + "()" for u in e.users)
            + ", which no entry reaches"
        )
    if e.source in r.with_dev and e.source not in r.production:
        return "dev-only code"
    if e.source in r.without_flags and e.source not in r.production:
        return "code the production flag values switch off"
    if e.conditions and r.false_edge(e):
        return f"only when {e.condition}, off in production"
    if e.dev:
        return "a development-only reference"
    verdict = next((f for f in analysis.findings if f.node == e.source), None)
    if verdict is not None:
        return f"its source is dead too ({verdict.kind})"
    return "its source no entry reaches"


def _root_reason(analysis: Analysis, node: str, reasons: dict) -> str:
    n = analysis.program.graph.nodes.get(node)
    if n is None:
        return node
    if n.kind == "file":
        return (
            f"{n.path} ({reasons.get(n.path, 'dev root' if node in analysis.reacher.dev_nodes else 'entry')})"
        )
    if n.kind == "endpoint":
        from deadcode.analysis.reach import endpoints_matching

        eps = analysis.program.ctx.endpoints
        for pattern, why in getattr(analysis.program, "public_patterns", ()):
            if node in endpoints_matching(eps, pattern):
                return f"{n.label} (public endpoint by convention: {why})"
        return f"{n.label} (public endpoint)"
    return n.label
