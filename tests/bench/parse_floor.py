"""The parse floor (issue 13): tree-sitter parsing alone of the bytes deadcode parses, on the same
cores. No cache, no queries, no extraction: a lower bound no cold scan can beat.

The files are the ones ``deadcode scan`` would parse (``discover`` + the parsed kinds), read
before the clock starts; a fork pool of ``jobs`` workers (the scan's own pool size) parses
them in batches, each worker with the grammars of ``deadcode.facts.parsing`` loaded once.

    python tests/bench/parse_floor.py ROOT [--jobs N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

BATCH = 64
PARSED_KINDS = ("python", "typescript", "tsx")


def parsed_files(root: Path) -> list[tuple[str, bytes]]:
    """(grammar, bytes) of every file the scan parses with tree-sitter."""
    from deadcode.discover.files import discover, read_source

    out = []
    for sf in discover(root, lambda p: False).files:
        if sf.kind not in PARSED_KINDS:
            continue
        read = read_source(root, sf.path)
        if read.problem is None and read.data is not None:
            out.append((sf.kind, read.data))
    return out


def _parse_batch(batch: list[tuple[str, bytes]]) -> int:
    from deadcode.facts.parsing import parser

    for grammar, data in batch:
        parser(grammar).parse(data)
    return len(batch)


def parse_floor(root: Path, jobs: int | None = None, repeat: int = 1) -> dict:
    """Median seconds to parse every parsed file of ``root`` on ``jobs`` processes."""
    from deadcode.facts.parsing import GRAMMARS, language

    jobs = jobs or os.cpu_count() or 1
    files = parsed_files(root)
    for g in GRAMMARS:  # loaded before forking, as the scan does
        language(g)
    batches = [files[i : i + BATCH] for i in range(0, len(files), BATCH)]
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        with ctx.Pool(jobs) as pool:
            sum(pool.map(_parse_batch, batches))
        times.append(time.perf_counter() - t)
    return {
        "median_seconds": round(statistics.median(times), 3),
        "runs": [round(x, 3) for x in times],
        "files": len(files),
        "bytes": sum(len(d) for _, d in files),
        "jobs": jobs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="tree-sitter parse floor of a repository")
    ap.add_argument("root", type=Path)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print(json.dumps(parse_floor(args.root.resolve(), args.jobs, args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
