"""Facts for every discovered file: cache lookups first, then a process pool for the misses."""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from deadcode.discover.files import SourceFile, read_checked
from deadcode.facts.cache import FactsCache
from deadcode.facts.extract import digest, extract
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


def _extract_batch(batch: list[tuple[str, str, bytes, str]]) -> list[FileFacts]:
    return [extract(path, kind, data, d) for path, kind, data, d in batch]


def _pool_context():
    # fork shares the already imported grammars with workers: much cheaper start-up on Linux.
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
    mentions: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


# deadcode's own files name every finding: they are not mentions
OWN_FILES = re.compile(r"(^|/)(deadcode\.toml|\.deadcode-baseline[^/]*\.json|deadcode-report[^/]*\.(md|html)|[^/]*\.sarif)$")
_OWN_TABLE = re.compile(r"^\[+\s*tool\.deadcode[^\]]*\]+.*?(?=^\[(?!\s*tool\.deadcode)|\Z)", re.M | re.S)


def _mentions_of_text(path: str, data: bytes):
    from deadcode.facts.mentions import text_mentions

    if OWN_FILES.search(path):
        return ()
    if path.endswith("pyproject.toml") and b"tool.deadcode" in data:  # our config is no mention
        text = data.decode("utf-8", "replace")
        data = _OWN_TABLE.sub(lambda m: "\n" * m.group().count("\n"), text).encode("utf-8")
    return text_mentions(data)


def read_inputs(root: Path, files: list[SourceFile]) -> Inputs:
    inputs = Inputs()
    for sf in files:
        data, problem = read_checked(root, sf.path)
        if data is None:
            if sf.kind != "text":  # a binary asset among the docs is not worth a warning
                inputs.warnings.append(problem or f"{sf.path}: unreadable")
            continue
        inputs.bytes_read += len(data)
        if sf.kind == "text":
            inputs.texts[sf.path] = digest(data)
            inputs.mentions[sf.path] = _mentions_of_text(sf.path, data)
        elif sf.kind not in FACT_KINDS:
            inputs.side_texts[sf.path] = data.decode("utf-8")
            inputs.mentions[sf.path] = _mentions_of_text(sf.path, data)
        else:
            inputs.sources.append((sf, data, digest(data)))
    return inputs


def collect_facts(
    root: Path,
    files: list[SourceFile] | Inputs,
    cache: FactsCache,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FactsRun:
    inputs = files if isinstance(files, Inputs) else read_inputs(root, files)
    run = FactsRun(side_texts=dict(inputs.side_texts), warnings=list(inputs.warnings), bytes_read=inputs.bytes_read,
                   mentions=dict(inputs.mentions))
    misses: list[tuple[str, str, bytes, str]] = []
    for sf, data, d in inputs.sources:
        hit = cache.get((sf.path, d))
        if hit is not None:
            run.facts[sf.path] = hit
            run.cached += 1
        else:
            misses.append((sf.path, sf.kind, data, d))
    total = len(misses)
    done = 0
    jobs = jobs or os.cpu_count() or 1
    if total >= POOL_THRESHOLD and jobs > 1:
        from deadcode.facts.parsing import GRAMMARS, language

        for g in GRAMMARS:  # load grammars before forking
            language(g)
        batches = [misses[i : i + BATCH] for i in range(0, total, BATCH)]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context()) as pool:
            for result in pool.map(_extract_batch, batches):
                for facts in result:
                    cache.put((facts.path, facts.digest), facts)
                    run.facts[facts.path] = facts
                done += len(result)
                if progress:
                    progress(done, total)
    else:
        for item in misses:
            facts = extract(*item)
            cache.put((facts.path, facts.digest), facts)
            run.facts[facts.path] = facts
            done += 1
            if progress and done % 16 == 0:
                progress(done, total)
    run.parsed = total
    for path in sorted(run.facts):
        f = run.facts[path]
        run.warnings.extend(f"{path}: {p}" for p in f.problems)
    run.facts = dict(sorted(run.facts.items()))
    return run
