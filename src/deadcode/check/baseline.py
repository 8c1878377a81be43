"""The CI dry-run: findings compared with a baseline of per-finding fingerprints.

A fingerprint is kind + path + symbol or endpoint, so moving lines keeps it stable, while
swapping one dead export for another is a new finding."""

from __future__ import annotations

import json
from pathlib import Path

from deadcode.analysis.findings import Analysis
from deadcode.safefs import UnsafePath, read_regular, write_atomic


class BaselineError(Exception):
    pass


def read_baseline(path: Path) -> set[str]:
    try:
        raw = read_regular(path, "baseline")  # never a symlink, a fifo or a device
    except UnsafePath as exc:
        raise BaselineError(str(exc)) from None
    if raw is None:
        return set()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BaselineError(f"{path}: not a deadcode baseline ({type(exc).__name__}: {str(exc)[:100]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a deadcode baseline (expected an object with a 'findings' list)")
    return {str(f.get("fingerprint")) if isinstance(f, dict) else str(f) for f in data["findings"]}


def write_baseline(path: Path, analysis: Analysis) -> None:
    rows = sorted({f.fingerprint: {"fingerprint": f.fingerprint, "kind": f.kind, "path": f.path,
                                   "symbol": f.symbol, "endpoint": f.endpoint} for f in analysis.findings}.values(),
                  key=lambda r: r["fingerprint"])
    text = json.dumps({"version": 1, "findings": rows}, indent=2) + "\n"
    try:  # a rename over a regular file only: never through a symlink, never over /dev/full
        write_atomic(path, text.encode("utf-8"), "baseline")
    except UnsafePath as exc:
        raise BaselineError(str(exc)) from None


def _annotation(f) -> str:
    what = f.endpoint or f.symbol or f.path
    msg = f"{f.kind}: {what}: {f.reason}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::warning file={f.path},line={f.line or 1},title=deadcode {f.kind}::{msg}"


def run_check(analysis: Analysis, path: Path, update: bool, github: bool) -> tuple[int, str]:
    if update:
        write_baseline(path, analysis)
        return 0, f"deadcode: baseline {path} updated with {len(analysis.findings)} findings\n"
    known = read_baseline(path)
    new = [f for f in analysis.findings if f.fingerprint not in known]
    current = {f.fingerprint for f in analysis.findings}
    fixed = sorted(known - current)
    lines = []
    if github:
        lines += [_annotation(f) for f in new]
    for f in new:
        what = f.endpoint or (f"{f.path}#{f.symbol}" if f.symbol else f.path)
        lines.append(f"new {f.kind}: {what} [{f.group}] {f.reason}")
    if fixed:
        lines.append(f"{len(fixed)} baseline findings are gone (run with --update-baseline to drop them)")
    lines.append(f"deadcode check: {len(new)} new, {len(analysis.findings) - len(new)} in baseline, {len(fixed)} fixed")
    return (1 if new else 0), "\n".join(lines) + "\n"
