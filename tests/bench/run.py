"""Speed at monorepo scale (issue 6): deadcode side by side with knip and vulture.

For each size, in one run: generate a synthetic FastAPI + React monorepo (tests/bench/generate.py)
in a temporary git repository, then measure, each ``--repeat`` times, the median wall time and
peak memory of

- ``deadcode scan ROOT --format json --quiet --cache-dir DIR``: cold (fresh cache dir every
  repeat), warm (same cache, nothing changed) and warm after one changed TSX file;
- knip (pinned 5.x, installed into tests/bench/.tools/) on the frontend half;
- vulture on the backend half;

and once ``deadcode --help`` (median of 5). Prints a table, checks the issue's targets
(PASS / FAIL / SKIP), writes ``OUT/bench-<size>.json`` and ``OUT/bench.json``.

    .venv/bin/python tests/bench/run.py --sizes 2500,10000 --repeat 3 --out bench-out/

A tool that is missing or fails is reported as an error row; the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``tests.bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.accuracy import compare_deadcode, compare_knip  # noqa: E402
from tests.bench.generate import generate  # noqa: E402
from tests.bench.measure import measure, summarize  # noqa: E402
from tests.bench.parse_floor import parse_floor  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
# the repository's venv (make install), else the running interpreter's (a shared venv with
# PYTHONPATH pointing at another checkout's src: ``python -m deadcode`` then runs those sources)
BIN = REPO / ".venv" / "bin" if (REPO / ".venv" / "bin").is_dir() else Path(sys.executable).parent
TOOLS = Path(__file__).resolve().parent / ".tools"
# knip 5.x needs a TypeScript peer; both pinned so numbers are comparable between runs.
KNIP_FALLBACK_VERSION = "5.66.0"
TYPESCRIPT_VERSION = "5.9.3"
TYPES_NODE_VERSION = "20.19.43"
HELP_REPEAT = 5
PEAK_MIB = 500  # issue 13: at 20k files

DEADCODE_ROWS = (
    "deadcode cold",
    "deadcode warm",
    "deadcode warm, 1 file changed",
    "deadcode warm, 1 import removed",
)
DEADCODE_OK = (0,)
KNIP_OK = (0, 1)  # 1: issues found
VULTURE_OK = (0, 3)  # 3: dead code found


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def knip_version() -> str:
    """The version the Makefile pins (KNIP_VERSION), so `make` and the benchmark agree."""
    try:
        m = re.search(r"^KNIP_VERSION\s*:?=\s*(\S+)", (REPO / "Makefile").read_text(), re.M)
        if m:
            return m.group(1)
    except OSError:
        pass
    return KNIP_FALLBACK_VERSION


def ensure_knip(version: str) -> tuple[Path | None, str | None]:
    """knip.js under tests/bench/.tools (installing it with npm if needed), or an error line."""
    knip_js = TOOLS / "node_modules" / "knip" / "bin" / "knip.js"
    pkg = TOOLS / "node_modules" / "knip" / "package.json"
    ts_pkg = TOOLS / "node_modules" / "typescript" / "package.json"
    try:
        if json.loads(pkg.read_text())["version"] == version and ts_pkg.exists():
            return knip_js, None
    except (OSError, ValueError, KeyError):
        pass
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None, "node/npm not on PATH"
    log(f"installing knip@{version} typescript@{TYPESCRIPT_VERSION} into {TOOLS}")
    TOOLS.mkdir(parents=True, exist_ok=True)
    cmd = [
        "npm",
        "install",
        "--prefix",
        str(TOOLS),
        "--no-audit",
        "--no-fund",
        "--silent",
        "--save-exact",
        f"knip@{version}",
        f"typescript@{TYPESCRIPT_VERSION}",
        f"@types/node@{TYPES_NODE_VERSION}",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0 or not knip_js.exists():
        lines = [ln for ln in out.stderr.splitlines() if ln.strip() and "nodedir" not in ln]
        return None, f"npm install failed (exit {out.returncode}): {lines[-1] if lines else ''}"
    return knip_js, None


def git_commit_all(root: Path) -> None:
    git = [
        "git",
        "-C",
        str(root),
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.invalid",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "synthetic monorepo"], check=True)


def _version(cmd: list[str]) -> str | None:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if out.returncode == 0 and text else None


def _package_version(package_json: Path) -> str | None:
    try:
        return json.loads(package_json.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def environment(knip_js: Path | None) -> dict:
    head = _version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = _version(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"])
    return {
        "machine": platform.machine(),
        "system": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "deadcode_commit": head and (head + ("+dirty" if dirty else "")),
        "deadcode": _version(
            [
                str(BIN / "python"),
                "-c",
                "import importlib.metadata as m; print(m.version('deadcode-planner'))",
            ]
        ),
        "knip": _package_version(knip_js.parents[1] / "package.json") if knip_js else None,
        "typescript": _package_version(TOOLS / "node_modules" / "typescript" / "package.json")
        if knip_js
        else None,
        "vulture": _version([str(BIN / "vulture"), "--version"]),
        "gnu_time": os.access("/usr/bin/time", os.X_OK),
    }


def bench_deadcode(root: Path, work: Path, touch: Path, repeat: int, timeout: float) -> dict:
    """Cold, warm and warm-after-one-change scans; the first cold scan's JSON is kept for accuracy."""
    exe = deadcode_cmd()
    runs = {name: [] for name in DEADCODE_ROWS}
    first_json = work / "deadcode-scan.json"
    original = touch.read_bytes()
    for i in range(repeat):
        cache = work / f"deadcode-cache-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        cmd = [*exe, "scan", str(root), "--format", "json", "--quiet", "--cache-dir", str(cache)]
        cold = measure(cmd, stdout_path=first_json if i == 0 else None, timeout=timeout)
        runs["deadcode cold"].append(cold)
        log(
            f"    deadcode cold #{i + 1}: {cold.seconds:.2f} s, {cold.peak_mib:.0f} MiB, exit {cold.exit_code}"
        )
        if cold.exit_code not in DEADCODE_OK:
            break  # warm runs of a failing scan measure nothing
        warm = measure(cmd, timeout=timeout)
        runs["deadcode warm"].append(warm)
        try:
            touch.write_bytes(original + f"// bench edit {i}\n".encode())
            changed = measure(cmd, timeout=timeout)
        finally:
            touch.write_bytes(original)
        runs["deadcode warm, 1 file changed"].append(changed)
        try:  # an edit that changes the file's facts: the graph and the analysis run again
            touch.write_bytes(structural_edit(original))
            structural = measure(cmd, timeout=timeout)
        finally:
            touch.write_bytes(original)
        runs["deadcode warm, 1 import removed"].append(structural)
        log(
            f"    deadcode warm #{i + 1}: {warm.seconds:.2f} s; after one change: {changed.seconds:.2f} s; "
            f"after an import removed: {structural.seconds:.2f} s"
        )
        shutil.rmtree(cache, ignore_errors=True)
    results = {}
    for name, rs in runs.items():
        if not rs:
            results[name] = error_row("", "not run: the cold scan failed")
        else:
            results[name] = summarize(rs, DEADCODE_OK)
        results[name]["cmd"] = f"{' '.join(exe)} scan ROOT --format json --quiet --cache-dir DIR"
    results["deadcode cold"]["cmd"] += "   (fresh DIR each repeat)"
    results["deadcode warm, 1 file changed"]["cmd"] += (
        f"   (after appending a comment line to {touch.relative_to(root)}: no fact changes)"
    )
    results["deadcode warm, 1 import removed"]["cmd"] += (
        f"   (after removing the first import of {touch.relative_to(root)}: its facts change)"
    )
    return results


IMPORT_LINE = re.compile(rb"^import [^\n]*\n", re.M)


def structural_edit(original: bytes) -> bytes:
    """The file without its first import line (or with one export more): new facts."""
    edited = IMPORT_LINE.sub(b"", original, count=1)
    return edited if edited != original else original + b"export const benchEdit = 1;\n"


def deadcode_cmd() -> list[str]:
    """The installed ``deadcode``, or ``python -m deadcode`` of the running interpreter (which
    honours PYTHONPATH: the sources of the checkout being measured)."""
    exe = BIN / "deadcode"
    if exe.exists() and not os.environ.get("PYTHONPATH"):
        return [str(exe)]
    return [sys.executable, "-m", "deadcode"]


def bench_tool(
    name: str,
    cmd: list[str],
    cwd: Path,
    ok: tuple[int, ...],
    repeat: int,
    timeout: float,
    keep_stdout: Path | None = None,
) -> dict:
    runs = []
    for i in range(repeat):
        r = measure(cmd, cwd=cwd, stdout_path=keep_stdout if i == 0 else None, timeout=timeout)
        runs.append(r)
        log(f"    {name} #{i + 1}: {r.seconds:.2f} s, {r.peak_mib:.0f} MiB, exit {r.exit_code}")
        if r.exit_code not in ok:
            break
    result = summarize(runs, ok)
    result["cmd"] = " ".join(cmd) + f"   (in {cwd.name}/)"
    return result


def bench_floor(root: Path, repeat: int) -> dict:
    """tree-sitter parsing alone of the files the scan parses, on the scan's pool size."""
    try:
        floor = parse_floor(root, None, repeat)
    except Exception as exc:  # a bench row, not a crash: the other measurements stand
        return error_row("parse floor", f"{type(exc).__name__}: {exc}")
    log(
        f"    parse floor: {floor['median_seconds']:.2f} s ({floor['files']} files, {floor['bytes']} bytes, "
        f"{floor['jobs']} processes)"
    )
    return {
        "runs": [{"seconds": s} for s in floor["runs"]],
        "error": None,
        "median_seconds": floor["median_seconds"],
        "min_seconds": min(floor["runs"]),
        "peak_mib": None,
        "max_rss_mib": None,
        "cmd": f"tree-sitter parse of {floor['files']} files on {floor['jobs']} processes (tests/bench/parse_floor.py)",
    }


def error_row(cmd: str, error: str) -> dict:
    return {
        "runs": [],
        "error": error,
        "median_seconds": None,
        "min_seconds": None,
        "peak_mib": None,
        "max_rss_mib": None,
        "cmd": cmd,
    }


def bench_size(size: int, args, knip_js: Path | None, knip_error: str | None) -> dict:
    load_before = [round(x, 2) for x in os.getloadavg()]
    work = Path(tempfile.mkdtemp(prefix=f"deadcode-bench-{size}-"))
    root = work / "repo"
    log(f"[{size}] generating in {root}")
    t = time.perf_counter()
    manifest = generate(root, size, args.seed)
    gen_seconds = time.perf_counter() - t
    t = time.perf_counter()
    git_commit_all(root)
    git_seconds = time.perf_counter() - t
    log(
        f"[{size}] generated {manifest['files']} files, {manifest['lines']} lines in {gen_seconds:.1f} s "
        f"(git init + commit {git_seconds:.1f} s)"
    )
    results: dict[str, dict] = {}
    if args.skip_deadcode:
        for name in DEADCODE_ROWS:
            results[name] = error_row("deadcode scan ...", "skipped (--skip-deadcode)")
    else:
        results.update(bench_deadcode(root, work, root / manifest["touch_file"], args.repeat, args.timeout))
    if not args.skip_floor:
        results["parse floor"] = bench_floor(root, args.repeat)
    knip_json, vulture_txt = work / "knip.json", work / "vulture.txt"
    if not args.skip_knip:
        cmd = ["node", str(knip_js), "--no-progress", "--reporter", "json"] if knip_js else []
        results["knip"] = (
            bench_tool("knip", cmd, root / "frontend", KNIP_OK, args.repeat, args.timeout, knip_json)
            if knip_js
            else error_row("node knip.js --no-progress --reporter json", knip_error or "?")
        )
    if not args.skip_vulture:
        vulture = BIN / "vulture"
        results["vulture"] = (
            bench_tool(
                "vulture",
                [str(vulture), "backend/"],
                root,
                VULTURE_OK,
                args.repeat,
                args.timeout,
                vulture_txt,
            )
            if vulture.exists()
            else error_row(f"{vulture} backend/", "vulture not installed")
        )
    accuracy = {}
    if results["deadcode cold"]["error"] is None:
        accuracy["deadcode"] = compare_deadcode(work / "deadcode-scan.json", manifest)
    if "knip" in results and results["knip"]["error"] is None:
        accuracy["knip"] = compare_knip(knip_json, manifest)
    if "vulture" in results and results["vulture"]["error"] is None:
        accuracy["vulture"] = {
            "findings": sum(1 for ln in vulture_txt.read_text().splitlines() if ln.strip())
        }
    summary_manifest = {k: v for k, v in manifest.items() if k != "expected"}
    record = {
        "size": size,
        "generation_seconds": round(gen_seconds, 2),
        "git_seconds": round(git_seconds, 2),
        "load_average": {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()]},
        "manifest": summary_manifest,
        "results": results,
        "accuracy": accuracy,
    }
    if args.keep:
        log(f"[{size}] kept {root}")
        record["repo"] = str(root)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return record


def bench_help(timeout: float) -> dict:
    exe = deadcode_cmd()
    runs = [measure([*exe, "--help"], timeout=timeout, sample_tree=False) for _ in range(HELP_REPEAT)]
    result = summarize(runs, (0,))
    result["cmd"] = f"{' '.join(exe)} --help"
    return result


def _median(record: dict, tool: str) -> float | None:
    r = record["results"].get(tool)
    return r["median_seconds"] if r else None


def ratios(records: list[dict]) -> list[dict]:
    """The numbers issue 13 compares across machines: cold vs knip + vulture, warm after one
    change vs cold, cold vs the parse floor, and 2N cold vs N cold."""
    out = []

    def add(name: str, num: float | None, den: float | None, limit: float) -> None:
        value = num / den if num is not None and den else None
        out.append(
            {
                "ratio": name,
                "value": None if value is None else round(value, 3),
                "target": limit,
                "status": "SKIP" if value is None else ("PASS" if value <= limit else "FAIL"),
                "detail": "a measurement is missing" if value is None else f"{num:.2f} s / {den:.2f} s",
            }
        )

    for rec in records:
        n = rec["size"]
        cold = _median(rec, "deadcode cold")
        knip, vulture = _median(rec, "knip"), _median(rec, "vulture")
        add(
            f"{n}: cold / (knip + vulture)",
            cold,
            knip + vulture if knip is not None and vulture is not None else None,
            0.5,
        )
        add(f"{n}: warm, 1 file changed / cold", _median(rec, "deadcode warm, 1 file changed"), cold, 0.10)
        # not the target (its edit is a line appended), but what an edit of code costs
        add(
            f"{n}: warm, 1 import removed / cold", _median(rec, "deadcode warm, 1 import removed"), cold, 0.10
        )
        add(f"{n}: warm / cold", _median(rec, "deadcode warm"), cold, 0.10)
        add(f"{n}: cold / parse floor (moonshot)", cold, _median(rec, "parse floor"), 3.0)
    by_size = {rec["size"]: rec for rec in records}
    for n, rec in sorted(by_size.items()):
        if 2 * n in by_size:
            add(
                f"{2 * n} cold / {n} cold",
                _median(by_size[2 * n], "deadcode cold"),
                _median(rec, "deadcode cold"),
                2.1,
            )
    return out


def evaluate_targets(records: list[dict], help_result: dict) -> list[dict]:
    targets = [
        {
            "target": r["ratio"] + f" <= {r['target']}",
            "status": r["status"],
            "detail": r["detail"] if r["value"] is None else f"{r['value']:.2f} ({r['detail']})",
        }
        for r in ratios(records)
    ]

    def add(name: str, ok: bool | None, detail: str) -> None:
        targets.append(
            {"target": name, "status": "SKIP" if ok is None else ("PASS" if ok else "FAIL"), "detail": detail}
        )

    for rec in records:
        n = rec["size"]
        peaks = [
            rec["results"][t]["peak_mib"]
            for t in DEADCODE_ROWS
            if t in rec["results"] and rec["results"][t]["peak_mib"] is not None
        ]
        if not peaks:
            add(f"{n}: deadcode peak memory <= {PEAK_MIB} MiB", None, "no deadcode measurement")
        else:
            add(
                f"{n}: deadcode peak memory <= {PEAK_MIB} MiB",
                max(peaks) <= PEAK_MIB,
                f"{max(peaks):.0f} MiB",
            )
    if not any(2 * rec["size"] in {r["size"] for r in records} for rec in records):
        add("time(2N) <= 2.1 x time(N)", None, "needs two sizes N and 2N, e.g. --sizes 10000,20000")
    h = help_result["median_seconds"]
    add(
        "deadcode --help < 0.3 s",
        None if h is None else h < 0.3,
        help_result["error"] or f"{h:.3f} s (median of {HELP_REPEAT})",
    )
    return targets


def print_table(records: list[dict], help_result: dict) -> None:
    head = f"{'files':>7}  {'tool':<32} {'median s':>9} {'min s':>7} {'peak MiB':>9} {'x cold':>7}  note"
    print(head)
    print("-" * len(head))
    for rec in records:
        cold = _median(rec, "deadcode cold")
        for tool, r in rec["results"].items():
            s, peak = r["median_seconds"], r["peak_mib"]
            ratio = f"{s / cold:.2f}" if s is not None and cold else "-"
            note = r["error"] or ""
            low = r["min_seconds"]
            print(
                f"{rec['size']:>7}  {tool:<32} {s if s is not None else '-':>9} {low if low is not None else '-':>7} "
                f"{peak if peak is not None else '-':>9} {ratio:>7}  {note}"
            )
    s = help_result["median_seconds"]
    print(
        f"{'':>7}  {'deadcode --help':<32} {s if s is not None else '-':>9} {'':>7} {'':>9} {'':>7}  "
        f"{help_result['error'] or ''}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="deadcode speed benchmark (issue 6), side by side with knip and vulture"
    )
    ap.add_argument("--sizes", default="2500,10000", help="comma-separated total source file counts")
    ap.add_argument(
        "--repeat", type=int, default=3, help="measurements per tool and size (median is reported)"
    )
    ap.add_argument("--out", type=Path, default=REPO / "bench-out", help="directory for the JSON results")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-deadcode", action="store_true", help="measure only the other tools")
    ap.add_argument("--skip-knip", action="store_true")
    ap.add_argument("--skip-vulture", action="store_true")
    ap.add_argument("--skip-floor", action="store_true", help="do not measure the tree-sitter parse floor")
    ap.add_argument(
        "--timeout", type=float, default=900.0, help="seconds before one measured command is killed"
    )
    ap.add_argument("--keep", action="store_true", help="keep the generated repositories")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target FAILs")
    args = ap.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes: not a list of integers: {args.sizes}")
    if not sizes or min(sizes) < 60 or args.repeat < 1:
        ap.error("--sizes must be >= 60 and --repeat >= 1")
    args.out.mkdir(parents=True, exist_ok=True)

    knip_js, knip_error = (None, "skipped") if args.skip_knip else ensure_knip(knip_version())
    env = environment(knip_js)
    log(f"environment: {json.dumps(env)}")
    help_result = (
        error_row("deadcode --help", "skipped (--skip-deadcode)")
        if args.skip_deadcode
        else bench_help(args.timeout)
    )
    records = []
    for size in sizes:
        rec = bench_size(size, args, knip_js, knip_error)
        rec["environment"] = env
        records.append(rec)
        (args.out / f"bench-{size}.json").write_text(json.dumps(rec, indent=2) + "\n")
    targets = evaluate_targets(records, help_result)
    print()
    print_table(records, help_result)
    print()
    for rec in records:
        for tool, acc in rec["accuracy"].items():
            print(f"{rec['size']:>7}  {tool} vs planted dead code: {acc.get('summary', acc)}")
    print()
    for r in ratios(records):
        value = "-" if r["value"] is None else f"{r['value']:.2f}"
        print(f"ratio {r['ratio']:<40} {value:>6}  (target <= {r['target']}; {r['detail']})")
    print()
    for t in targets:
        print(f"{t['status']:<5} {t['target']}: {t['detail']}")
    combined = {
        "version": 1,
        "environment": env,
        "repeat": args.repeat,
        "seed": args.seed,
        "help": help_result,
        "sizes": records,
        "ratios": ratios(records),
        "targets": targets,
    }
    (args.out / "bench.json").write_text(json.dumps(combined, indent=2) + "\n")
    print(f"\nwrote {args.out / 'bench.json'}")
    return 1 if args.strict and any(t["status"] == "FAIL" for t in targets) else 0


if __name__ == "__main__":
    raise SystemExit(main())
