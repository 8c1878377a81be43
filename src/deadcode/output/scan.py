"""``scan`` output: the contract's JSON, grouped text, and SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json
from collections import Counter

from deadcode import __version__
from deadcode.analysis.findings import KIND_ORDER, Analysis
from deadcode.plan.planner import REPORTED

RULE_HELP = {
    "dev-only": "Reachable from production only through a dev root, dev route or dev-only branch.",
    "flag-gated": "Reachable only through code that the production flag values switch off.",
    "unreachable": "Not reachable from any production entry.",
    "orphan-endpoint": "A backend endpoint that no production client, probe, script or public pattern reaches.",
    "broken-call": "A frontend call to a backend path that no endpoint serves.",
    "unused-export": "An export that nothing live imports.",
    "unused-config": "A settings field, env var or Helm value that only dead code reads.",
}


def scan_json(analysis: Analysis, stats: dict, root_label: str = ".") -> dict:
    return {"version": 1, "root": root_label, **analysis.to_json(), "stats": stats}


def render_json(analysis: Analysis, stats: dict, root_label: str = ".") -> str:
    return json.dumps(scan_json(analysis, stats, root_label), indent=2) + "\n"


def render_text(analysis: Analysis, stats: dict, color: bool = False) -> str:
    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    counts = Counter(f.kind for f in analysis.findings)
    out = []
    total = len(analysis.findings)
    summary = ", ".join(f"{counts[k]} {k}" for k in KIND_ORDER if counts[k]) or "nothing dead found"
    out.append(c("1", f"deadcode: {total} findings ({summary})"))
    out.append(f"  {stats['files']} files ({stats['python_files']} Python, {stats['ts_files']} TS/TSX), "
               f"{stats['endpoints']} endpoints, {stats['client_calls']} client calls, {stats['seconds']:.2f}s")
    by_group: dict[str, list] = {}
    for f in analysis.findings:
        by_group.setdefault(f.group, []).append(f)
    for name in sorted(by_group, key=lambda g: (-len(by_group[g]), g)):
        gr = analysis.groups.get(name)
        status = gr.status if gr else "safe"
        if name in REPORTED:
            status = "reported"  # never planned: a plan has nothing to remove there
        colour = {"safe": "32", "needs-refactor": "33", "blocked": "31"}.get(status, "0")
        title = gr.title if gr else name
        out.append("")
        out.append(c("1", f"{name}") + f"  {title}  " + c(colour, f"[{status}]") + f"  ({len(by_group[name])})")
        if gr and gr.referenced_by:
            for path, refs in sorted(gr.referenced_by.items()):
                out.append(c("33", f"  ! {path} is still used by {', '.join(refs)}"))
        if gr and gr.blocked_by:
            for why in gr.blocked_by:
                out.append(c("31", f"  ! blocked: {why}"))
        for f in by_group[name]:
            what = f.endpoint or (f"{f.path}#{f.symbol}" if f.symbol else f.path)
            if f.kind == "orphan-endpoint" or f.kind == "broken-call":
                what = f"{f.endpoint}  ({f.path}:{f.line})"
            elif f.kind == "unused-config":
                what = f"{f.symbol}  ({f.path})"
            out.append(f"  {c('36', f.kind):<{26 if color else 17}} {what}")
            out.append(f"      {f.reason}")
            if f.evidence:
                out.append(c("2", f"      {f.evidence[0]}"))
    if analysis.kept:
        out.append("")
        out.append(c("1", "Keep for now") + f"  ({len(analysis.kept)})")
        for k in analysis.kept:
            out.append(f"  {k.get('path') or k.get('endpoint')}  ({k['reason']})")
    return "\n".join(out) + "\n"


def render_sarif(analysis: Analysis, stats: dict) -> str:
    rules = [{"id": k, "name": k.replace("-", " ").title().replace(" ", ""),
              "shortDescription": {"text": RULE_HELP[k]}, "fullDescription": {"text": RULE_HELP[k]},
              "defaultConfiguration": {"level": "warning" if k == "broken-call" else "note"},
              "helpUri": "https://github.com/deadcode/deadcode#finding-kinds"} for k in KIND_ORDER]
    results = []
    for f in analysis.findings:
        region = {"startLine": max(1, f.line or 1)}
        what = f.endpoint or f.symbol or f.path
        results.append({
            "ruleId": f.kind,
            "ruleIndex": KIND_ORDER.index(f.kind),
            "level": "warning" if f.kind == "broken-call" else "note",
            "message": {"text": f"{what}: {f.reason}. " + "; ".join(f.evidence[:3])},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                                                "region": region}}],
            "partialFingerprints": {"deadcodeFinding/v1": f.fingerprint},
            "properties": {"group": f.group},
        })
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "deadcode", "version": __version__,
                                         "informationUri": "https://github.com/deadcode/deadcode", "rules": rules}},
                     "results": results}]}
    return json.dumps(doc, indent=2) + "\n"
