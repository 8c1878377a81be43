"""The bad-input corpus (``tests/hazards/corpus.py``), a sample of it in the suite.

The whole corpus (150+ repositories, every command, kill -9 and Ctrl-C) takes tens of minutes
on 2 cores: run it with ``python tests/hazards/corpus.py``. Here every 30th case runs, one of
them under signals, and all four counts must be 0."""

from __future__ import annotations

import sys

import pytest

from tests.hazards.corpus import cases, run_corpus


def test_the_corpus_is_big_enough():
    names = [name for name, _ in cases()]
    assert len(names) >= 150
    assert len(set(names)) == len(names)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_sample_of_the_corpus_has_no_problem(tmp_path):
    totals = run_corpus(every=30, jobs=2, signals_every=3, base=tmp_path)
    assert totals["repos"] >= 5
    assert totals["problems"] == {}
    assert (totals["tracebacks"], totals["writes_outside"], totals["live_deleted"], totals["hung"]) == (
        0,
        0,
        0,
        0,
    )
