"""What verification costs ``deadcode plan``: the synthetic monorepo of tests/bench/generate.py,
planned in-process with verification off, with references + pyflakes, and with the esbuild
bundle too; the facts cache is warm, as for a ``plan`` after a ``scan``.

    .venv/bin/python tests/bench/plan_verify.py --files 10000 --repeat 3 [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from tests.bench.generate import generate

MODES = {
    "no verification": {"verify": False},
    "resolve + pyflakes": {"verify": True, "bundle": False},
    "resolve + pyflakes + bundle": {"verify": True, "bundle": True},
}


def run_once(root: Path, cache: Path, mode: dict) -> tuple[float, float, int, int]:
    from deadcode.pipeline import Options, load
    from deadcode.plan.planner import build_plan

    t0 = time.perf_counter()
    loaded = load(Options(root, cache_dir=cache, quiet=True))
    analysis = loaded.analysis
    t1 = time.perf_counter()
    plans = build_plan(analysis, None, False, **mode)
    t2 = time.perf_counter()
    steps = sum(len(p.steps) for p in plans)
    failed = sum(1 for p in plans for s in p.steps if not s.ok)
    return t1 - t0, t2 - t1, steps, failed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="deadcode-planbench-"))
    root = work / "repo"
    if not root.exists():
        generate(root, args.files, 0)
        git = ["git", "-C", str(root), "-c", "user.name=b", "-c", "user.email=b@x"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "bench"], check=True)
    cache = work / "cache"
    run_once(root, cache, MODES["no verification"])  # warm the facts cache
    rows = {}
    for _ in range(args.repeat):
        for name, mode in MODES.items():  # interleaved: load on the machine hits every mode alike
            rows.setdefault(name, []).append(run_once(root, cache, mode))
    base = statistics.median(a + p for a, p, _, _ in rows["no verification"])
    print(f"{args.files} files, median of {args.repeat} (load + analysis + plan, warm facts cache)")
    for name, runs in rows.items():
        total = statistics.median(a + p for a, p, _, _ in runs)
        plan = statistics.median(p for _, p, _, _ in runs)
        steps, failed = runs[0][2], runs[0][3]
        print(
            f"  {name:<28} {total:6.2f} s  (plan stage {plan:5.2f} s)  {100 * (total - base) / base:+5.1f}%  "
            f"{steps} steps, {failed} failed verification"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
