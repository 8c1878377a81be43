"""How a tool's findings on a generated repo compare with the dead code the generator planted.

Informational only (the benchmark's targets are about speed): a tool that is fast because it
finds nothing shows up here. The generator keeps everything it did not plant live, so an
"extra" finding is a precision problem of the tool (or of the generator: check which).
"""

from __future__ import annotations

import json
from pathlib import Path

EXAMPLES = 5
FILE_KINDS = ("unreachable", "dev-only", "flag-gated")


def _key(kind: str, item: dict) -> tuple:
    if kind in FILE_KINDS:
        return ("file", item.get("path"))
    if kind == "unused-export":
        return ("symbol", item.get("path"), item.get("symbol"))
    if kind == "unused-config":
        return ("setting", item.get("symbol"))
    return ("endpoint", item.get("endpoint"))


def _compare(reported: dict[tuple, str], manifest: dict, kinds: tuple[str, ...]) -> dict:
    """``reported``: finding key -> kind reported. Per planted kind: found / other kind / missed."""
    planted = {(_key(kind, item)): kind for kind in kinds for item in manifest["expected"][kind]}
    per_kind, parts = {}, []
    for kind in kinds:
        keys = [k for k, v in planted.items() if v == kind]
        found = [k for k in keys if reported.get(k) == kind]
        other = [k for k in keys if k in reported and reported[k] != kind]
        missed = [k for k in keys if k not in reported]
        per_kind[kind] = {
            "planted": len(keys),
            "found": len(found),
            "other_kind": len(other),
            "missed": len(missed),
            "missed_examples": [list(k) for k in missed[:EXAMPLES]],
            "other_kind_examples": [[*k, reported[k]] for k in other[:EXAMPLES]],
        }
        parts.append(
            f"{kind} {len(found)}/{len(keys)}" + (f" (+{len(other)} as other kind)" if other else "")
        )
    extra = [k for k in reported if k not in planted]
    extra_by_kind: dict[str, int] = {}
    for k in extra:
        extra_by_kind[reported[k]] = extra_by_kind.get(reported[k], 0) + 1
    return {
        "summary": "found " + ", ".join(parts) + f"; not planted: {len(extra)}",
        "kinds": per_kind,
        "not_planted": len(extra),
        "not_planted_by_kind": extra_by_kind,
        "not_planted_examples": [[*k, reported[k]] for k in extra[: EXAMPLES * 2]],
    }


def compare_deadcode(scan_json: Path, manifest: dict) -> dict:
    try:
        data = json.loads(scan_json.read_text())
        findings = data["findings"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return {"summary": f"unreadable scan output: {exc}"}
    reported = {}
    for f in findings:
        reported.setdefault(_key(f.get("kind"), f), f.get("kind"))
    result = _compare(reported, manifest, tuple(manifest["expected"]))
    result["stats"] = data.get("stats")
    return result


def compare_knip(knip_json: Path, manifest: dict) -> dict:
    """knip sees the frontend only: its unused files and unused exports/types."""
    try:
        data = json.loads(knip_json.read_text())
    except (OSError, ValueError) as exc:
        return {"summary": f"unreadable knip output: {exc}"}
    reported = {("file", f"frontend/{f}"): "unreachable" for f in data.get("files", [])}
    for issue in data.get("issues", []):
        for item in issue.get("exports", []) + issue.get("types", []):
            reported[("symbol", f"frontend/{issue['file']}", item.get("name"))] = "unused-export"
    front = {
        kind: [e for e in items if e["path"].startswith("frontend/")]
        for kind, items in manifest["expected"].items()
    }
    return _compare(reported, {"expected": front}, ("unreachable", "unused-export"))
