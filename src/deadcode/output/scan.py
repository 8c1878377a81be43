"""``scan`` output: the contract's JSON and the grouped text (SARIF is ``output/sarif.py``)."""

from __future__ import annotations

import json
from collections import Counter

from deadcode.output.escape import terminal
from deadcode.output.kinds import all_kinds
from deadcode.output.owners import Ownership
from deadcode.analysis.model import REPORTED

STATUS_COLOUR = {"safe": "32", "needs-refactor": "33", "blocked": "31", "needs-review": "35"}
# stats counters of what the model could not place: shown in the header when non-zero
COVERAGE_COUNTERS = (
    ("files_unreadable", "files unreadable"),
    ("endpoints_unplaced", "endpoints unplaced"),
    ("calls_unresolved", "client calls unresolved"),
    ("dynamic_loads_unresolved", "dynamic loads unresolved"),
)


def scan_json(analysis, stats: dict, root_label: str = ".", owners: Ownership | None = None) -> dict:
    doc = {"version": 1, "root": root_label, **analysis.to_json(), "stats": stats}
    if owners is not None:
        for i, row in enumerate(doc["findings"]):
            row["owners"] = owners.of(i)
        doc["owners"] = {"source": owners.source, "groups": owners.by_group}
    return doc


def render_json(analysis, stats: dict, root_label: str = ".", owners: Ownership | None = None) -> str:
    return json.dumps(scan_json(analysis, stats, root_label, owners), indent=2) + "\n"


def _what(f) -> str:
    if f.kind in ("orphan-endpoint", "broken-call"):
        return f"{f.endpoint}  ({f.path}:{f.line})"
    if f.kind == "unused-config":
        return f"{f.symbol}  ({f.path})"
    return f.endpoint or (f"{f.path}#{f.symbol}" if f.symbol else f.path)


def header_lines(stats: dict, wall: float | None = None) -> list[str]:
    """The counts line (analysis time labelled, wall time beside it) and, when the model left
    something unplaced, the coverage line."""
    timing = f"analysis {stats.get('seconds', 0.0):.2f}s"
    if wall is not None:
        timing += f", wall {wall:.2f}s"
    out = [
        f"  {stats.get('files', 0)} files ({stats.get('python_files', 0)} Python, {stats.get('ts_files', 0)} "
        f"TS/TSX), {stats.get('endpoints', 0)} endpoints, {stats.get('client_calls', 0)} client calls; {timing}"
    ]
    gaps = [
        f"{stats[k]} {label}" for k, label in COVERAGE_COUNTERS if isinstance(stats.get(k), int) and stats[k]
    ]
    if gaps:
        out.append("  not covered by the model: " + ", ".join(gaps))
    return out


def render_text(
    analysis, stats: dict, color: bool = False, wall: float | None = None, owners: Ownership | None = None
) -> str:
    """Findings by group, certain ones first; unsure ones apart under their own heading. Every
    name from the repository is printed with control characters escaped."""

    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    t = terminal
    findings = list(analysis.findings)
    index = {id(f): i for i, f in enumerate(findings)}
    counts = Counter(f.kind for f in findings)
    unsure = [f for f in findings if getattr(f, "confidence", "certain") == "unsure"]
    certain = [f for f in findings if getattr(f, "confidence", "certain") != "unsure"]
    summary = ", ".join(f"{counts[k]} {k}" for k in all_kinds() if counts[k]) or "nothing dead found"
    extra = f"; {len(unsure)} unsure" if unsure else ""
    out = [c("1", f"deadcode: {len(findings)} findings ({summary}){extra}")]
    out += header_lines(stats, wall)

    def group_block(rows: list) -> None:
        by_group: dict[str, list] = {}
        for f in rows:
            by_group.setdefault(f.group, []).append(f)
        for name in sorted(by_group, key=lambda g: (-len(by_group[g]), g)):
            gr = analysis.groups.get(name)
            status = gr.status if gr else "safe"
            if name in REPORTED:
                status = "reported"  # never planned: a plan has nothing to remove there
            title = gr.title if gr else name
            out.append("")
            line = (
                c("1", t(name))
                + f"  {t(title)}  "
                + c(STATUS_COLOUR.get(status, "0"), f"[{status}]")
                + f"  ({len(by_group[name])})"
            )
            if owners is not None and owners.by_group.get(name):
                line += "  owners: " + t(" ".join(owners.by_group[name]))
            out.append(line)
            if gr and gr.referenced_by:
                for path, refs in sorted(gr.referenced_by.items()):
                    out.append(c("33", f"  ! {t(path)} is still used by {t(', '.join(refs))}"))
            if gr and gr.blocked_by:
                for why in gr.blocked_by:
                    out.append(c("31", f"  ! blocked: {t(why)}"))
            for f in by_group[name]:
                out.append(f"  {c('36', f.kind):<{26 if color else 17}} {t(_what(f))}")
                out.append(f"      {t(f.reason)}")
                for e in f.evidence[: 2 if getattr(f, "confidence", "certain") == "unsure" else 1]:
                    out.append(c("2", f"      {t(e)}"))
                if owners is not None and owners.of(index[id(f)]):
                    out.append(c("2", f"      owners: {t(' '.join(owners.of(index[id(f)])))}"))

    group_block(certain)
    if unsure:
        out.append("")
        out.append(c("1;35", "Unsure: review before removing") + f"  ({len(unsure)})")
        out.append(
            "  something mentions these items, or the model could not read something that may reach them;"
        )
        out.append("  they are never removed unconfirmed")
        group_block(unsure)
    if analysis.kept:
        out.append("")
        out.append(c("1", "Keep for now") + f"  ({len(analysis.kept)})")
        for k in analysis.kept:
            where = f"  {k['at']}" if k.get("at") else ""
            out.append(f"  {t(k.get('path') or k.get('endpoint'))}  ({t(k.get('reason', ''))}){t(where)}")
    return "\n".join(out) + "\n"
