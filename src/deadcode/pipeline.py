"""The stages in order: discover -> facts -> graph -> analysis. Commands call ``load``."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


class UserError(Exception):
    """A one-line error for the user (bad root, bad config): exit code 2, no traceback."""


@dataclass
class Options:
    root: Path
    config_file: Path | None = None
    cache_dir: Path | None = None
    no_cache: bool = False
    quiet: bool = False
    jobs: int | None = None


@dataclass
class Loaded:
    root: Path
    config: object
    program: object
    facts_run: object
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    _analysis: object = None

    @property
    def analysis(self):
        if self._analysis is None:
            from deadcode.analysis.findings import analyze

            t = time.perf_counter()
            self._analysis = analyze(self.program)
            self.timings["analysis"] = time.perf_counter() - t
        return self._analysis

    def stats(self) -> dict:
        facts = self.facts_run.facts
        py = sum(1 for f in facts.values() if f.lang == "python")
        ts = sum(1 for f in facts.values() if f.lang in ("typescript", "tsx"))
        ctx = self.program.ctx
        return {"files": len(facts) + len(self.facts_run.side_texts), "python_files": py, "ts_files": ts,
                "endpoints": len(ctx.endpoints), "client_calls": sum(1 for c in ctx.calls.values() if c.file.endswith((".ts", ".tsx", ".js", ".jsx"))),
                "seconds": round(self.seconds + self.timings.get("analysis", 0.0), 3)}


def load(opts: Options, progress: Callable[[str, int, int], None] | None = None) -> Loaded:
    from deadcode.discover.config import ConfigError, glob_match, load_config
    from deadcode.discover.files import discover
    from deadcode.facts.cache import FactsCache
    from deadcode.facts.runner import collect_facts
    from deadcode.graph.build import build_program

    start = time.perf_counter()
    root = opts.root.resolve()
    if not root.exists():
        raise UserError(f"{opts.root}: no such directory")
    if not root.is_dir():
        raise UserError(f"{opts.root}: not a directory")
    if not os.access(root, os.R_OK | os.X_OK):
        raise UserError(f"{opts.root}: not readable")
    try:
        config = load_config(root, opts.config_file)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    timings = {}
    t = time.perf_counter()
    excludes = tuple(config.exclude)
    disc = discover(root, (lambda p: any(glob_match(p, e) for e in excludes)) if excludes else (lambda p: False))
    timings["discover"] = time.perf_counter() - t
    cache_dir = None if opts.no_cache else (opts.cache_dir or root / ".deadcode-cache")
    cache = FactsCache(cache_dir)
    t = time.perf_counter()
    run = collect_facts(root, disc.files, cache, opts.jobs,
                        (lambda done, total: progress("facts", done, total)) if progress else None)
    timings["facts"] = time.perf_counter() - t
    cache.save()
    warnings = list(disc.warnings) + list(run.warnings)
    if cache.warning:
        warnings.append(cache.warning)
    t = time.perf_counter()
    program = build_program(root, config, run.facts, run.side_texts)
    timings["graph"] = time.perf_counter() - t
    warnings += program.ctx.problems
    return Loaded(root, config, program, run, warnings, time.perf_counter() - start, timings)
