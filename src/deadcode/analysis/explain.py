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
        head = {"live": "LIVE", "dev-only": "DEAD (dev-only)", "flag-gated": "DEAD (flag-gated)",
                "unreachable": "DEAD (unreachable)"}.get(self.verdict, self.verdict)
        lines.append(f"{self.target}: {head}")
        if self.chain:
            label = "reached in production by" if self.verdict == "live" else {
                "dev-only": "reached only in development by",
                "flag-gated": "reached only when a flag is on, by"}.get(self.verdict, "reached by")
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
                lines.append("  nearest referrers:")
                lines += [f"    {r}" for r in self.referrers]
            else:
                lines.append("  nothing references it")
        if self.finding:
            lines.append(f"  finding: {self.finding['kind']} in group {self.finding['group']}: {self.finding['reason']}")
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
        index = EndpointIndex([EndpointKey(i.method, i.path, endpoint_segments(i.path)) for i in ctx.endpoints.values()])
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
    for verdict, parents in (("live", r.production), ("flag-gated", r.without_flags), ("dev-only", r.with_dev)):
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
            return Explanation(target, nid, "live", [_fmt(e) for e in chain],
                               _root_reason(analysis, chain[0].source if chain else nid, reasons), [], finding)
    refs = [_fmt(e) for e in g.inc.get(nid, ())][:10]
    return Explanation(target, nid, "unreachable", [], None, refs, finding)


def _root_reason(analysis: Analysis, node: str, reasons: dict) -> str:
    n = analysis.program.graph.nodes.get(node)
    if n is None:
        return node
    if n.kind == "file":
        return f"{n.path} ({reasons.get(n.path, 'dev root' if node in analysis.reacher.dev_nodes else 'entry')})"
    if n.kind == "endpoint":
        return f"{n.label} (public endpoint)"
    return n.label
