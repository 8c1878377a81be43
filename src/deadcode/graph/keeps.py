"""Inline ``deadcode: keep <reason>`` markers -> what they keep: a whole file, a definition, an
endpoint (a kept handler keeps its routes), an export or a route. Kept items are roots (what
they use stays live) and are listed under "Keep for now" with their reason and ``file:line``."""

from __future__ import annotations

from dataclasses import dataclass, field

from deadcode.graph.context import Context


@dataclass
class InlineKeep:
    path: str
    line: int
    reason: str
    what: str  # "file", or the kept definition / export / route / endpoint in words
    nodes: list[str] = field(default_factory=list)  # graph nodes made roots
    symbols: list[str] = field(default_factory=list)  # names kept from unused-export findings

    def to_json(self) -> dict:
        d = {
            "path": self.path,
            "line": self.line,
            "reason": self.reason,
            "marker": f"{self.path}:{self.line}",
        }
        if self.what != "file":
            d["symbol"] = self.what
        endpoints = [n[len("endpoint:") :] for n in self.nodes if n.startswith("endpoint:")]
        if endpoints:
            d["endpoint"] = endpoints[0] if len(endpoints) == 1 else endpoints
        return d


def _attached(line: int, candidates: list[tuple[int, int, str]]) -> list[str]:
    """Items on the marker's line, or starting on the next line(s) (a comment above a def)."""
    on_line = [name for start, _end, name in candidates if start == line]
    if on_line:
        return list(dict.fromkeys(on_line))
    after = sorted((start, name) for start, end, name in candidates if start > line)
    if after and after[0][0] - line <= 2:
        first = after[0][0]
        return list(dict.fromkeys(name for start, name in after if start == first))
    return []


def inline_keeps(ctx: Context) -> tuple[list[InlineKeep], list[str]]:
    """Every marker and what it keeps, and a warning per marker without a reason."""
    out: list[InlineKeep] = []
    warnings: list[str] = []
    g = ctx.graph
    for path, f in ctx.facts.items():
        for line, reason, whole in f.keeps:
            if not reason:
                warnings.append(f"{path}:{line}: `deadcode: keep` without a reason (say why it stays)")
            reason = reason or "(no reason given)"
            if whole:
                out.append(InlineKeep(path, line, reason, "file", [f"file:{path}"]))
                continue
            cands: list[tuple[int, int, str]] = []
            if f.py is not None:
                cands += [(d.line, d.line, d.name) for d in f.py.defs]
                cands += [(e.line, e.line, e.handler) for e in f.py.endpoints if e.handler]  # decorator lines
            if f.ts is not None:
                cands += [(ex.line, ex.line, ex.name) for ex in f.ts.exports]
                cands += [(r.line, r.line, f"route {r.full_path or r.path or '/'}") for r in f.ts.routes]
            names = _attached(line, cands)
            if not names:
                warnings.append(
                    f"{path}:{line}: `deadcode: keep` marker attached to nothing (put it on a def, "
                    "export or route line, or in the file's first lines)"
                )
                continue
            for name in names:
                keep = InlineKeep(path, line, reason, name)
                if name.startswith("route "):
                    keep.nodes.append(f"route:{name[6:] if name[6:].startswith('/') else '/' + name[6:]}")
                else:
                    keep.symbols.append(name)
                    sid = f"symbol:{path}#{name}"
                    if sid in g.nodes:
                        keep.nodes.append(sid)
                    for nid, info in ctx.endpoints.items():
                        if info.file == path and info.handler == name:
                            keep.nodes.append(nid)
                out.append(keep)
    return out, warnings
