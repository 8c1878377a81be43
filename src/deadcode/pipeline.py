"""The stages in order: discover -> facts -> graph -> analysis. Commands call ``load``.

The graph and the analysis are built on first use, and ``scan``/``check`` reuse the verdicts of
the previous run when no input changed (same file digests, config and deadcode version)."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


class UserError(Exception):
    """A one-line error for the user (bad root, bad config): exit code 2, no traceback."""


CLIENT_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")


def _unresolved_sites(calls, is_test_path, suffixes=CLIENT_SUFFIXES) -> set[str]:
    """Call sites outside tests (in files ending with ``suffixes``: the frontend's, like
    ``client_calls``) none of whose URLs is resolved or reaches an endpoint."""
    resolved, seen = set(), set()
    for c in calls:
        if is_test_path(c.file) or not c.file.endswith(suffixes):
            continue
        site = c.site or c.node
        seen.add(site)
        if c.url_resolved:
            resolved.add(site)
    return seen - resolved


@dataclass
class Options:
    root: Path
    config_file: Path | None = None
    cache_dir: Path | None = None
    no_cache: bool = False
    quiet: bool = False
    jobs: int | None = None


@dataclass
class Verdicts:
    """What ``scan`` and ``check`` print, without the graph: cheap to store and to reload."""

    findings: list
    groups: dict
    kept: list
    blocked: list
    stats: dict

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.findings], "blocked": self.blocked, "kept": self.kept}


@dataclass
class Loaded:
    root: Path
    config: object
    inputs: object
    facts_cache: object
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    inputs_key: str = ""
    cache_dir: Path | None = None
    quiet: bool = False
    printed: int = 0  # warnings already shown to the user
    progress: object = None
    _facts_run: object = None
    _program: object = None
    _analysis: object = None

    @property
    def facts_run(self):
        if self._facts_run is None:
            from deadcode.facts.runner import collect_facts

            t = time.perf_counter()
            progress = self.progress
            with _no_gc():
                self._facts_run = collect_facts(self.root, self.inputs, self.facts_cache, None,
                                                (lambda done, total: progress("parse", done, total)) if progress else None)
                self.facts_cache.save()
            self.timings["facts"] = time.perf_counter() - t
            self.warnings += [w for w in self._facts_run.warnings if w not in self.inputs.warnings]
            if self.facts_cache.warning:
                self.warnings.append(self.facts_cache.warning)
        return self._facts_run

    @property
    def program(self):
        if self._program is None:
            from deadcode.graph.build import build_program

            facts_run = self.facts_run
            if self.progress:
                self.progress("link")
            t = time.perf_counter()
            # Millions of small immutable objects: the cyclic collector would rescan them over and
            # over while the graph grows (3x slower on 10k files); they hold no cycles to collect.
            gc.freeze()
            with _no_gc():
                self._program = build_program(self.root, self.config, facts_run.facts, facts_run.side_texts,
                                              facts_run.mentions)
            self.timings["graph"] = time.perf_counter() - t
            self.warnings += self._program.ctx.problems
        return self._program

    @property
    def analysis(self):
        if self._analysis is None:
            from deadcode.analysis.findings import analyze

            program = self.program
            if self.progress:
                self.progress("analyse")
            t = time.perf_counter()
            with _no_gc():
                self._analysis = analyze(program)
            self.timings["analysis"] = time.perf_counter() - t
        return self._analysis

    def stats(self) -> dict:
        facts = self.facts_run.facts
        py = sum(1 for f in facts.values() if f.lang == "python")
        ts = sum(1 for f in facts.values() if f.lang in ("typescript", "tsx"))
        ctx = self.program.ctx
        from deadcode.graph.context import is_test_path

        unreadable = sum(1 for w in self.facts_run.warnings
                         if w.rsplit(": ", 1)[-1].startswith(("skipped, not UTF-8", "skipped, binary", "unreadable"))
                         and w.split(":", 1)[0].endswith((".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")))
        unreadable += sum(1 for f in facts.values() if "too deeply nested to read" in f.problems)
        return {"files": len(facts) + len(self.facts_run.side_texts), "python_files": py, "ts_files": ts,
                "endpoints": len(ctx.endpoints),
                # call sites: the URLs one call may take (ternary branches, several bases) count once
                "client_calls": len({c.site or c.node for c in ctx.calls.values() if c.file.endswith(CLIENT_SUFFIXES)}),
                # coverage: how much of the repository the model could not place or resolve
                "endpoints_unplaced": ctx.endpoints_unplaced,
                "calls_unresolved": len(_unresolved_sites(ctx.calls.values(), is_test_path)),
                # the same population for Python clients (scripts, SDKs; most call other services)
                "python_calls_unresolved": len(_unresolved_sites(ctx.calls.values(), is_test_path, (".py",))),
                "dynamic_loads_unresolved": ctx.dynamic_loads_unresolved,
                "files_unreadable": unreadable,
                "seconds": round(self.seconds + self.timings.get("facts", 0.0) + self.timings.get("graph", 0.0)
                                 + self.timings.get("analysis", 0.0), 3)}

    def verdicts(self) -> Verdicts:
        """The findings, from the previous run's result when no input changed."""
        start = time.perf_counter()
        path = self.cache_dir / f"verdicts-{self.inputs_key}.pickle" if self.cache_dir else None
        if path is not None and path.exists():
            try:
                with path.open("rb") as fh:
                    cached = pickle.load(fh)
                cached.stats["seconds"] = round(self.seconds + time.perf_counter() - start, 3)
                return cached
            except Exception:  # a torn or foreign file: recompute
                pass
        a = self.analysis
        groups = {name: _light_group(g) for name, g in a.groups.items()}
        v = Verdicts(list(a.findings), groups, list(a.kept), list(a.blocked), self.stats())
        if path is not None:
            _write_atomic(path, v)
            for old in path.parent.glob("verdicts-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        return v


@contextmanager
def _no_gc():
    """The facts, the graph and the analysis build millions of small acyclic objects; the cyclic
    collector would rescan them again and again (3-5x slower on 10k files). Memory stays bounded:
    everything is reclaimed by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _light_group(g):
    from dataclasses import replace

    return replace(g, members=[], after=None)


def _write_atomic(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".verdicts-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs speed


def _inputs_key(config, inputs) -> str:
    from deadcode import __version__
    from deadcode.facts.parsing import queries_version

    h = hashlib.sha256()
    h.update(f"{__version__}|{queries_version()}|{_canonical(config)}".encode())
    for sf, _data, d in sorted(inputs.sources, key=lambda x: x[0].path):
        h.update(f"{sf.path}\0{sf.kind}\0{d}\n".encode())
    for path in sorted(inputs.texts):
        h.update(f"{path}\0{inputs.texts[path]}\n".encode())
    for path in sorted(inputs.side_texts):
        h.update(f"{path}\0".encode())
        h.update(hashlib.blake2b(inputs.side_texts[path].encode(), digest_size=16).digest())
    code = Path(__file__).resolve().parent
    for sub in ("graph", "analysis"):  # the verdicts depend on this code too
        for p in sorted((code / sub).glob("*.py")):
            h.update(p.read_bytes())
    return h.hexdigest()[:24]


def _canonical(value) -> str:
    """A repr that does not depend on hash randomisation (sets and dicts sorted)."""
    import dataclasses
    import json

    def norm(v):
        if dataclasses.is_dataclass(v):
            return {f.name: norm(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if isinstance(v, dict):
            return {str(k): norm(x) for k, x in sorted(v.items(), key=lambda kv: str(kv[0]))}
        if isinstance(v, (set, frozenset)):
            return sorted(map(str, v))
        if isinstance(v, (list, tuple)):
            return [norm(x) for x in v]
        return v if isinstance(v, (str, int, float, bool, type(None))) else str(v)

    return json.dumps(norm(value), sort_keys=True)


def load(opts: Options, progress: Callable[[str, int, int], None] | None = None) -> Loaded:
    from deadcode.discover.config import ConfigError, load_config, matches, unmatched_patterns
    from deadcode.discover.files import discover
    from deadcode.facts.cache import FactsCache
    from deadcode.facts.runner import read_inputs

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
    if progress:
        progress("files")
    t = time.perf_counter()
    excludes = tuple(config.exclude)
    disc = discover(root, (lambda p: matches(p, excludes)) if excludes else (lambda p: False))
    timings["discover"] = time.perf_counter() - t
    cache_dir = None if opts.no_cache else (opts.cache_dir or root / ".deadcode-cache")
    t = time.perf_counter()
    inputs = read_inputs(root, disc.files)
    timings["read"] = time.perf_counter() - t
    warnings = list(disc.warnings) + list(inputs.warnings)
    warnings += unmatched_patterns(config, disc.listed or [sf.path for sf in disc.files])
    loaded = Loaded(root, config, inputs, FactsCache(cache_dir), warnings, time.perf_counter() - start, timings,
                    _inputs_key(config, inputs), cache_dir)
    loaded.progress = progress
    return loaded
