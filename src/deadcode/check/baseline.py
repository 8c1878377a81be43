"""The CI dry-run: findings compared with a baseline of per-finding fingerprints.

A fingerprint is kind + path + symbol or endpoint, so moving lines keeps it stable, while
swapping one dead export for another is a new finding."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

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
        raise BaselineError(
            f"{path}: not a deadcode baseline ({type(exc).__name__}: {str(exc)[:100]})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a deadcode baseline (expected an object with a 'findings' list)")
    return {str(f.get("fingerprint")) if isinstance(f, dict) else str(f) for f in data["findings"]}


def write_baseline(path: Path, analysis) -> None:
    rows = sorted(
        {
            f.fingerprint: {
                "fingerprint": f.fingerprint,
                "kind": f.kind,
                "path": f.path,
                "symbol": f.symbol,
                "endpoint": f.endpoint,
            }
            for f in analysis.findings
        }.values(),
        key=lambda r: r["fingerprint"],
    )
    text = json.dumps({"version": 1, "findings": rows}, indent=2) + "\n"
    try:  # a rename over a regular file only: never through a symlink, never over /dev/full
        write_atomic(path, text.encode("utf-8"), "baseline")
    except UnsafePath as exc:
        raise BaselineError(str(exc)) from None


@dataclass
class CheckResult:
    code: int  # 0 pass, 1 new findings that fail the check
    text: str  # what stdout gets (annotations first when on GitHub)
    new_certain: list = field(default_factory=list)
    new_unsure: list = field(default_factory=list)
    in_baseline: int = 0
    fixed: int = 0


def run_check(
    analysis,
    path: Path,
    update: bool,
    github: bool,
    *,
    annotations: str = "error",
    include_unsure: bool = False,
    location=None,
) -> CheckResult:
    """Compare the findings with the baseline. New certain findings fail the check; new unsure
    ones are listed and fail it only with ``include_unsure``. On GitHub (``github``) the first
    new findings are also workflow-command annotations at level ``annotations``."""
    from deadcode.output.escape import terminal
    from deadcode.output.github import annotations as gh_annotations
    from deadcode.output.vcs import RepoLocation

    if update:
        write_baseline(path, analysis)
        return CheckResult(
            0, f"deadcode: baseline {terminal(path)} updated with {len(analysis.findings)} findings\n"
        )
    known = read_baseline(path)
    new = [f for f in analysis.findings if f.fingerprint not in known]
    current = {f.fingerprint for f in analysis.findings}
    fixed = sorted(known - current)
    certain = [f for f in new if getattr(f, "confidence", "certain") != "unsure"]
    unsure = [f for f in new if getattr(f, "confidence", "certain") == "unsure"]
    lines = []
    if github:
        lines += gh_annotations(certain, unsure, annotations, location or RepoLocation(path.parent))
    for f in certain:
        lines.append(f"new {f.kind}: {terminal(_what(f))} [{terminal(f.group)}] {terminal(f.reason)}")
    for f in unsure:
        lines.append(
            f"new unsure {f.kind}: {terminal(_what(f))} [{terminal(f.group)}] {terminal(f.reason)}"
            + ("" if include_unsure else " (not failing: --include-unsure to fail on it)")
        )
    if fixed:
        lines.append(f"{len(fixed)} baseline findings are gone (run with --update-baseline to drop them)")
    extra = f" ({len(unsure)} unsure{'' if include_unsure else ', not failing'})" if unsure else ""
    lines.append(
        f"deadcode check: {len(new)} new{extra}, {len(analysis.findings) - len(new)} in baseline, "
        f"{len(fixed)} fixed"
    )
    failing = certain + (unsure if include_unsure else [])
    return CheckResult(
        1 if failing else 0,
        "\n".join(lines) + "\n",
        certain,
        unsure,
        len(analysis.findings) - len(new),
        len(fixed),
    )


def _what(f) -> str:
    return f.endpoint or (f"{f.path}#{f.symbol}" if f.symbol else f.path)
