"""The process pool of the facts stage: forked workers read the sources they inherit (a batch is
sent as its bounds), and what they return equals what one process extracts, shapes included."""

from __future__ import annotations

from pathlib import Path

from deadcode.discover.files import discover
from deadcode.facts import runner
from deadcode.facts.cache import FactsCache, encode_facts, shape_of
from deadcode.facts.extract import extract


def _repo(root: Path, n: int) -> None:
    (root / "app").mkdir()
    (root / "web").mkdir()
    for i in range(n):
        (root / "app" / f"m{i}.py").write_text(
            f"import os\nfrom app import m{(i + 1) % n}\n\nVALUE_{i} = os.getenv('K{i}')\n\n"
            f"def f{i}():\n    return m{(i + 1) % n}\n"
        )
        (root / "web" / f"c{i}.tsx").write_text(
            f'import {{ C{(i + 1) % n} }} from "./c{(i + 1) % n}";\n'
            f'export const C{i} = () => {{ fetch("/api/items/{i}"); return <C{(i + 1) % n} />; }};\n'
        )


def test_pooled_facts_equal_one_process_facts_and_shapes(tmp_path):
    _repo(tmp_path, 40)  # 80 sources: above POOL_THRESHOLD, several batches
    files = discover(tmp_path, lambda p: False).files
    inputs = runner.read_inputs(tmp_path, files)
    assert len(inputs.sources) >= runner.POOL_THRESHOLD
    serial = {sf.path: extract(sf.path, sf.kind, data, d) for sf, data, d in inputs.sources}

    cache = FactsCache()
    old_batch = runner.BATCH
    runner.BATCH = 7  # bounds that do not divide the misses
    try:
        run = runner.collect_facts(tmp_path, inputs, cache, jobs=2)
    finally:
        runner.BATCH = old_batch
    assert run.parsed == len(inputs.sources)
    assert {p: f for p, f in run.facts.items() if p in serial} == serial
    for sf, _data, d in inputs.sources:  # the workers' shapes: as the parent would compute them
        text = encode_facts(serial[sf.path])
        assert cache.new_shapes[(sf.path, d)] == shape_of(serial[sf.path], text)
    assert runner._INHERITED == []  # released once the pool is done


def test_a_batch_sent_as_bytes_gives_what_its_bounds_give(tmp_path):
    """The path of a spawned pool (the bytes are pickled) and the forked one agree."""
    _repo(tmp_path, 5)
    inputs = runner.read_inputs(tmp_path, discover(tmp_path, lambda p: False).files)
    misses = [(sf.path, sf.kind, data, d) for sf, data, d in inputs.sources]
    runner._INHERITED[:] = misses
    try:
        assert runner._extract_inherited((2, 7)) == runner._extract_batch(misses[2:7])
    finally:
        runner._INHERITED.clear()
