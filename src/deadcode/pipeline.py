"""The stages in order: discover -> facts -> graph -> analysis. Commands call ``load``.

The graph and the analysis are built on first use, and ``scan``/``check`` reuse the verdicts of
the previous run when no input they depend on changed: the same facts of every source file (an
edit that changes no fact, such as a comment at the end of a file, keeps them), the same other
files, config and deadcode version, and the same bytes for every read the graph and the analysis
made beyond the facts (``graph/reads.py``: each is checked, and a word search is run again over
an edited file). Nothing else enters a verdict, so a reused one equals a recomputed one. Both
caches live in one sqlite file of JSON records (``store``): nothing in a cache can run code,
and a cache folder that is a symlink inside the repository, or that git tracks, is not used.
With ``Options.from_head`` (``deadcode branch``) the files are read from HEAD's blobs, not from
the working tree, so the plan matches the commit the branch starts from."""

from __future__ import annotations

import gc
import hashlib
import json
import os
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
    from_head: bool = False  # analyse HEAD's committed content (``deadcode branch``)


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


def verdicts_record_type():
    from deadcode.store.verdicts import VerdictsRecord

    return VerdictsRecord


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
    store: object = None  # store.db.Store, or None without a cache
    unlisted: list[str] = field(default_factory=list)  # source files skipped for their names
    head: object = None  # gitops.head.HeadSnapshot when the files came from HEAD
    stage_warnings: list[str] = field(default_factory=list)  # from facts and graph: replayed from cache
    _facts_run: object = None
    _program: object = None
    _analysis: object = None
    _prior_reads: object = None  # the reads of cached verdicts that could not be reused

    @property
    def facts_run(self):
        if self._facts_run is None:
            from deadcode.facts.runner import collect_facts

            t = time.perf_counter()
            progress = self.progress
            with _no_gc():
                self._facts_run = collect_facts(
                    self.root,
                    self.inputs,
                    self.facts_cache,
                    None,
                    (lambda done, total: progress("parse", done, total)) if progress else None,
                )
                self.facts_cache.save()
            # the bytes are parsed: released (20 MB at 10k files); ``extract_missing`` skips them
            self.inputs.sources = [(sf, None, d) for sf, _data, d in self.inputs.sources]
            self.timings["facts"] = self.timings.get("facts", 0.0) + time.perf_counter() - t
            known = set(self.inputs.warnings)
            fresh = [w for w in self._facts_run.warnings if w not in known]
            self.stage_warnings += fresh
            self.warnings += fresh
            self._cache_warnings()
        return self._facts_run

    def _cache_warnings(self) -> None:
        """Warnings of the cache itself (not replayed: they are about this run's cache)."""
        for source in (self.facts_cache, self.store):
            _append_new(self.warnings, getattr(source, "warnings", ()) or ())

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
                self._program = build_program(
                    self.root,
                    self.config,
                    facts_run.facts,
                    facts_run.side_texts,
                    facts_run.mentions,
                    self.inputs.unreadable_side,
                    self.unlisted,
                )
            self.timings["graph"] = time.perf_counter() - t
            if self._prior_reads is not None:  # the word searches of unedited files: not run again
                self._program.ctx.reads.reuse(self._prior_reads, self._digest_of())
            self.stage_warnings += self._program.ctx.problems
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
        from deadcode.graph.blind_spots import unreadable_count

        facts = self.facts_run.facts
        py = sum(1 for f in facts.values() if f.lang == "python")
        ts = sum(1 for f in facts.values() if f.lang in ("typescript", "tsx"))
        ctx = self.program.ctx
        from deadcode.graph.context import is_test_path

        return {
            "files": len(facts) + len(self.facts_run.side_texts),
            "python_files": py,
            "ts_files": ts,
            "endpoints": len(ctx.endpoints),
            # call sites: the URLs one call may take (ternary branches, several bases) count once
            "client_calls": len(
                {c.site or c.node for c in ctx.calls.values() if c.file.endswith(CLIENT_SUFFIXES)}
            ),
            # coverage: how much of the repository the model could not place or resolve
            "endpoints_unplaced": ctx.endpoints_unplaced,
            "calls_unresolved": len(_unresolved_sites(ctx.calls.values(), is_test_path)),
            # the same population for Python clients (scripts, SDKs; most call other services)
            "python_calls_unresolved": len(_unresolved_sites(ctx.calls.values(), is_test_path, (".py",))),
            "dynamic_loads_unresolved": ctx.dynamic_loads_unresolved,
            "files_unreadable": unreadable_count(
                facts, self.inputs.unreadable_side, self.unlisted, ctx.invalid_configs
            ),
            "seconds": round(
                self.seconds
                + self.timings.get("facts", 0.0)
                + self.timings.get("graph", 0.0)
                + self.timings.get("analysis", 0.0),
                3,
            ),
        }

    def verdicts(self) -> Verdicts:
        """The findings, from the previous run's result when no input changed. The warnings of
        that run's facts and graph stages are replayed, so the output never depends on the cache."""
        start = time.perf_counter()
        cached = self._cached_verdicts()
        if cached is not None:
            _append_new(self.warnings, cached.warnings)
            self._cache_warnings()
            stats = dict(cached.stats)
            stats["seconds"] = round(self.seconds + time.perf_counter() - start, 3)
            return Verdicts(cached.findings, cached.groups, cached.kept, cached.blocked, stats)
        a = self.analysis
        groups = {name: _light_group(g) for name, g in a.groups.items()}
        v = Verdicts(list(a.findings), groups, list(a.kept), list(a.blocked), self.stats())
        if self.store is not None:
            record = verdicts_record_type()(
                v.findings,
                v.groups,
                v.kept,
                v.blocked,
                v.stats,
                list(dict.fromkeys(self.stage_warnings)),
                self.program.ctx.reads.observed(),
            )
            try:
                from deadcode.store.codec import codec

                text = json.dumps(codec(type(record)).encode(record), separators=(",", ":"))
            except (TypeError, ValueError):  # a value JSON cannot hold: no cache, same result
                text = None
            if text is not None:
                self.store.write_verdicts(self.verdicts_key(), text)
            self._cache_warnings()
        return v

    def verdicts_key(self) -> str:
        """The digest of every input the verdicts depend on but the reads they record: the
        config, the code, each source file's facts (``shape``: an edit that changes no fact keeps
        it), the other files' bytes. Keying needs the facts of the sources the cache lacks:
        they are extracted here, and ``facts_run`` reuses them."""
        if not self.inputs_key:
            from deadcode.facts.runner import extract_missing

            keys = {(sf.path, d) for sf, _data, d in self.inputs.sources}
            shapes = self.facts_cache.shapes(keys)
            if len(shapes) < len(keys):
                t = time.perf_counter()
                progress = self.progress
                with _no_gc():
                    extract_missing(
                        self.inputs,
                        self.facts_cache,
                        None,
                        (lambda done, total: progress("parse", done, total)) if progress else None,
                        have=shapes,
                    )
                shapes.update((k, v) for k, v in self.facts_cache.new_shapes.items() if k in keys)
                self.timings["facts"] = self.timings.get("facts", 0.0) + time.perf_counter() - t
            self.inputs_key = _inputs_key(self.config, self.inputs, self.unlisted, shapes)
        return self.inputs_key

    def _cached_verdicts(self):
        if self.store is None:
            return None
        key = self.verdicts_key()
        text = self.store.verdicts(key)
        from deadcode.store.codec import CodecError, codec

        if text is None:
            last = self.store.last_verdicts()
            if last is not None:  # another run's: its word searches of unedited files still hold
                try:
                    self._prior_reads = codec(verdicts_record_type()).decode(json.loads(last)).observed
                except (CodecError, ValueError, RecursionError):
                    pass
            return None

        try:
            record = codec(verdicts_record_type()).decode(json.loads(text))
        except (CodecError, ValueError, RecursionError):
            self.warnings.append(
                f"{self.store.shown}: cached verdicts with the wrong shape dropped and recomputed"
            )
            self.store.drop_verdicts()
            return None
        from deadcode.graph.reads import unchanged

        if not unchanged(self.root, record.observed, self._digest_of()):
            self._prior_reads = record.observed
            return None
        self.facts_cache.save()  # the facts of the edited files, for the next run
        return record

    def _digest_of(self):
        """path -> the digest of its bytes as this run read them (None: not read)."""
        from deadcode.facts.extract import digest

        known = {sf.path: d for sf, _data, d in self.inputs.sources}
        known.update(self.inputs.texts)
        known.update((p, f.digest) for p, f in self.inputs.scanned.items())
        side = self.inputs.side_texts

        def digest_of(path: str) -> str | None:
            if path in known:
                return known[path]
            if path in side:
                return digest(side[path].encode("utf-8", "surrogateescape"))
            return None

        return digest_of


def _append_new(warnings: list[str], more) -> None:
    """Appends each of ``more`` not yet in ``warnings``, in order (a set, not a scan of the list
    per warning: a repository may have thousands, one per file with a syntax error)."""
    seen = set(warnings)
    for w in more:
        if w not in seen:
            seen.add(w)
            warnings.append(w)


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
            # what the stage built lives on: frozen, so the first collection after it does not
            # walk millions of objects (0.3 s a stage on 10k files)
            gc.freeze()
            gc.enable()


def _light_group(g):
    from dataclasses import replace

    return replace(g, members=[], after=None)


def _inputs_key(config, inputs, unlisted=(), shapes=None) -> str:
    from deadcode import __version__
    from deadcode.facts.parsing import queries_version

    h = hashlib.sha256()
    h.update(f"{__version__}|{queries_version()}|{_canonical(config)}".encode())
    shapes = shapes or {}
    for sf, _data, d in sorted(inputs.sources, key=lambda x: x[0].path):
        # a file whose facts could not be stored (no shape): keyed by its bytes
        shape = shapes.get((sf.path, d)) or f"bytes:{d}"
        h.update(f"{sf.path}\0{sf.kind}\0{shape}\n".encode("utf-8", "surrogateescape"))
    for path in sorted(inputs.texts):
        h.update(f"{path}\0{inputs.texts[path]}\n".encode("utf-8", "surrogateescape"))
    for path in sorted(inputs.scanned):  # files read as bytes only
        f = inputs.scanned[path]
        h.update(f"{path}\0{f.lang}\0{f.digest}\0{f.unreadable}\n".encode("utf-8", "surrogateescape"))
    for path in sorted(inputs.unreadable_side):
        h.update(f"{path}\0unreadable\0{inputs.unreadable_side[path]}\n".encode("utf-8", "surrogateescape"))
    for path in sorted(unlisted):
        h.update(f"{path}\0unlisted\n".encode("utf-8", "surrogateescape"))
    for path in sorted(inputs.side_texts):
        h.update(f"{path}\0".encode("utf-8", "surrogateescape"))
        h.update(
            hashlib.blake2b(
                inputs.side_texts[path].encode("utf-8", "surrogateescape"), digest_size=16
            ).digest()
        )
    code = Path(__file__).resolve().parent
    for sub in ("graph", "analysis", "idioms", "store", "discover"):  # the verdicts depend on this code too
        for p in sorted((code / sub).rglob("*.py")):
            h.update(p.read_bytes())
    h.update(Path(__file__).read_bytes())  # the stats
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
    excluded = (lambda p: matches(p, excludes)) if excludes else (lambda p: False)
    head = None
    if opts.from_head:
        from deadcode.discover.files import classify_bytes, discover_head
        from deadcode.gitops.head import HeadError, read_head

        try:
            head = read_head(root)
            disc = discover_head(head, excluded)
            head.load([f.path for f in disc.files])
        except HeadError as exc:
            raise UserError(str(exc)) from None

        def reader(path: str):
            return classify_bytes(head.blobs.get(path, b""))
    else:
        disc = discover(root, excluded)
        reader = None
    timings["discover"] = time.perf_counter() - t
    store, store_warning = _open_store(root, opts)
    t = time.perf_counter()
    inputs = read_inputs(root, disc.files, reader)
    if store is not None:
        from deadcode.facts.cache import MentionsCache

        inputs.mentions_cache = MentionsCache(store)
    timings["read"] = time.perf_counter() - t
    warnings = list(disc.warnings) + list(inputs.warnings) + ([store_warning] if store_warning else [])
    warnings += unmatched_patterns(config, disc.listed or [sf.path for sf in disc.files])
    loaded = Loaded(
        root,
        config,
        inputs,
        FactsCache(store),
        warnings,
        time.perf_counter() - start,
        timings,
        "",
        store.folder if store else None,
    )
    loaded.store = store
    loaded.unlisted = list(disc.unlisted)
    loaded.head = head
    loaded.progress = progress
    return loaded


def _open_store(root: Path, opts: Options):
    """``(Store or None, warning or None)``: the cache database, when the folder may be used."""
    if opts.no_cache:
        return None, None
    from deadcode.facts.cache import facts_key
    from deadcode.store.db import Store
    from deadcode.store.location import cache_folder

    folder, warning = cache_folder(root, opts.cache_dir)
    if folder is None:
        return None, warning
    _drop_pickles(folder)
    try:
        shown = folder.relative_to(root).as_posix()
    except ValueError:
        shown = str(folder)
    return Store(folder, facts_key(), shown), None


def _drop_pickles(folder: Path) -> None:
    """Caches of deadcode versions that used pickle: never read, removed (regular files only)."""
    import stat

    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.endswith(".pickle") and name.startswith(("facts-", "verdicts-")):
            path = folder / name
            try:
                if stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
            except OSError:
                pass
