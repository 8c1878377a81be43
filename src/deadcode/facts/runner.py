"""Facts for every discovered file: cache lookups first, then a process pool for the misses."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from deadcode.discover.files import SourceFile, SourceRead, read_source
from deadcode.facts.cache import FactsCache, decode_facts, encode_facts, shape_of
from deadcode.facts.extract import digest, extract

if TYPE_CHECKING:
    from deadcode.facts.model import FileFacts

FACT_KINDS = frozenset({"python", "typescript", "tsx", "yaml", "dotenv"})
POOL_THRESHOLD = 48  # below this many misses, worker start-up costs more than it saves
BATCH = 64


@dataclass
class FactsRun:
    facts: dict[str, FileFacts] = field(default_factory=dict)
    side_texts: dict[str, str] = field(default_factory=dict)  # package.json, tsconfig, index.html
    warnings: list[str] = field(default_factory=list)
    # mentions of the files that are not parsed: side texts and every other text file
    mentions: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    parsed: int = 0
    cached: int = 0
    bytes_read: int = 0


def _extract_batch(batch: list[tuple[str, str, bytes, str]]) -> list[tuple[str, str] | FileFacts]:
    """Facts of a batch, already in the cache's JSON form with their ``shape_of``: the workers
    encode in parallel, and the parent decodes (and validates) instead of unpickling, then
    stores the text as it is."""
    out: list[tuple[str, str] | FileFacts] = []
    for path, kind, data, d in batch:
        facts = extract(path, kind, data, d)
        try:
            text = encode_facts(facts)
        except (TypeError, ValueError):  # not JSON-able: sent as it is, and not cached
            out.append(facts)
        else:
            out.append((text, shape_of(facts, text)))
    return out


# The misses of the pool being run. Forked workers inherit them: a batch is sent as its bounds,
# not as 20 MB of source bytes pickled through a pipe by the parent (0.4 s of its CPU at 10k
# files, taken from the workers on 2 cores).
_INHERITED: list[tuple[str, str, bytes, str]] = []


def _extract_inherited(bounds: tuple[int, int]) -> list[tuple[str, str] | FileFacts]:
    return _extract_batch(_INHERITED[bounds[0] : bounds[1]])


def die_with_parent(parent: int) -> None:
    """Pool initializer: a worker must not outlive deadcode (kill -9 of the scan would leave it
    blocked on its pipe forever). Linux: the kernel sends SIGKILL when the parent dies; other
    systems: a daemon thread polls the parent's pid."""
    import signal

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the call
                    os._exit(1)
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
                return
        except (OSError, AttributeError):
            pass
    import threading
    import time

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="deadcode-parent-watch").start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass


def _pool_context():
    # fork shares the already imported grammars with workers: much cheaper start-up on Linux.
    import multiprocessing  # here: a run whose facts are all cached starts no pool (12 ms)

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class Inputs:
    """Every analysed file read once: bytes and content digest (or a side text)."""

    sources: list[tuple[SourceFile, bytes, str]] = field(default_factory=list)
    side_texts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    bytes_read: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # path -> digest of a text file read for mentions
    # path -> bytes of the files whose every token is a mention (text files, side texts), in
    # discovery order: tokenised on first use of ``mentions``, so a run whose verdicts are
    # cached (their key holds the digests) never pays for it
    mention_sources: dict[str, bytes] = field(default_factory=dict)
    # source files that could not be read as text (binary, UTF-16, too big, unreadable): the
    # facts of a byte scan, never cached (the scan is cheap)
    scanned: dict[str, FileFacts] = field(default_factory=dict)
    # package.json / tsconfig / index.html / pyproject that could not be read: path -> why
    unreadable_side: dict[str, str] = field(default_factory=dict)

    # where the mentions of earlier runs are kept (``facts.cache.MentionsCache``), or None
    mentions_cache: object = None

    @cached_property
    def mentions(self) -> dict[str, tuple[tuple[str, int], ...]]:
        sources, self.mention_sources = self.mention_sources, {}
        if self.mentions_cache is not None:
            return self.mentions_cache.of(sources, _mentions_of_text, self.texts)  # texts: digested
        return {path: _mentions_of_text(path, data) for path, data in sources.items()}


# deadcode's own files name every finding: they are not mentions
OWN_FILES = re.compile(
    r"(^|/)(deadcode\.toml|\.deadcode-baseline[^/]*\.json|deadcode-report[^/]*\.(md|html)|[^/]*\.sarif)$"
)
_OWN_TABLE = re.compile(r"^\[+\s*tool\.deadcode[^\]]*\]+.*?(?=^\[(?!\s*tool\.deadcode)|\Z)", re.M | re.S)


def _mentions_of_text(path: str, data: bytes):
    from deadcode.facts.mentions import text_mentions

    if OWN_FILES.search(path):
        return ()
    if path.endswith("pyproject.toml") and b"tool.deadcode" in data:  # our config is no mention
        text = data.decode("utf-8", "replace")
        data = _OWN_TABLE.sub(lambda m: "\n" * m.group().count("\n"), text).encode("utf-8")
    return text_mentions(data)


def read_inputs(
    root: Path, files: list[SourceFile], reader: Callable[[str], SourceRead] | None = None
) -> Inputs:
    """Read every file (``reader(path)``, default: from the working tree under ``root``)."""
    inputs = Inputs()
    for sf in files:
        read = reader(sf.path) if reader is not None else read_source(root, sf.path)
        data = read.data
        if data is not None:
            inputs.bytes_read += len(data)
        if sf.kind == "text":  # read for mentions only; a binary asset among the docs is no warning
            if read.problem is None and data is not None:
                inputs.texts[sf.path] = digest(data)
                inputs.mention_sources[sf.path] = data
            continue
        if sf.kind not in FACT_KINDS:
            text = None
            if read.problem is None:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    read = SourceRead(data, f"not UTF-8 (byte {exc.start})", read.size)
            if text is None:
                inputs.unreadable_side[sf.path] = read.problem or "unreadable"
                inputs.warnings.append(
                    f"{sf.path}: {read.problem}: ignored, findings it could affect are unsure"
                )
            else:
                inputs.side_texts[sf.path] = text
                inputs.mention_sources[sf.path] = data
            continue
        if read.problem is None:
            inputs.sources.append((sf, data, digest(data)))
        else:
            raw = data or b""
            from deadcode.facts.bytescan import scanned_facts

            inputs.scanned[sf.path] = scanned_facts(sf.path, sf.kind, raw, digest(raw), read.problem)
    return inputs


def extract_missing(
    inputs: Inputs,
    cache: FactsCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    have: set | dict = frozenset(),
) -> int:
    """Extract the sources whose facts the cache does not hold (``have``: the keys it holds),
    into the cache (``FactsCache.put``); the number extracted."""
    misses = [
        (sf.path, sf.kind, data, d)
        for sf, data, d in inputs.sources
        if (sf.path, d) not in have and data is not None  # None: released once the facts were made
    ]
    _extract_into(misses, cache, jobs, progress)
    return len(misses)


def _extract_into(misses, cache: FactsCache, jobs, progress) -> None:
    total = len(misses)
    done = 0
    jobs = jobs or os.cpu_count() or 1
    if total >= POOL_THRESHOLD and jobs > 1:
        from deadcode.facts.parsing import GRAMMARS, language

        for g in GRAMMARS:  # load grammars before forking
            language(g)
        context = _pool_context()
        bounds = [(i, min(i + BATCH, total)) for i in range(0, total, BATCH)]
        if context.get_start_method() == "fork":
            _INHERITED[:] = misses
            work, batches = _extract_inherited, bounds
        else:
            work, batches = _extract_batch, [misses[a:b] for a, b in bounds]
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        )
        try:
            for result in pool.map(work, batches):
                for item in result:
                    if isinstance(item, tuple):
                        text, shape = item
                        facts = decode_facts(text)
                        cache.put((facts.path, facts.digest), facts, text, shape)
                    else:
                        cache.put((item.path, item.digest), item)
                done += len(result)
                if progress:
                    progress(done, total)
        except BaseException:  # Ctrl-C, a broken worker: stop now, do not parse what is queued
            _stop(pool)
            raise
        finally:
            _INHERITED.clear()
        pool.shutdown()
    else:
        for item in misses:
            facts = extract(*item)
            cache.put((facts.path, facts.digest), facts)
            done += 1
            if progress and done % 16 == 0:
                progress(done, total)


def collect_facts(
    root: Path,
    files: list[SourceFile] | Inputs,
    cache: FactsCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FactsRun:
    """Facts of every source: the cache's (stored, or extracted earlier in this run by
    ``extract_missing``), then the rest extracted."""
    inputs = files if isinstance(files, Inputs) else read_inputs(root, files)
    run = FactsRun(
        side_texts=dict(inputs.side_texts),
        warnings=list(inputs.warnings),
        bytes_read=inputs.bytes_read,
        mentions=dict(inputs.mentions),
    )
    keys = {(sf.path, d) for sf, _data, d in inputs.sources}
    fresh = set(cache.new)
    hits = cache.lookup(keys)
    run.parsed = extract_missing(inputs, cache, jobs, progress, have=hits) + len(fresh & keys)
    hits.update((k, f) for k, f in cache.new.items() if k in keys)
    for sf, _data, d in inputs.sources:
        run.facts[sf.path] = hits[(sf.path, d)]
    run.cached = len(keys) - run.parsed
    run.facts.update(inputs.scanned)
    for path in sorted(run.facts):
        f = run.facts[path]
        run.warnings.extend(f"{path}: {p}" for p in f.problems)
    run.facts = dict(sorted(run.facts.items()))
    return run
