"""One tiny repository per idiom (``tests/idioms/<name>/repo``) with its written truth
(``expected.json``): the true finding AND its live look-alike, asserted exactly.

``findings`` lists ``[kind, target, confidence]`` (target: the path, or the endpoint for
orphan endpoints and broken calls), optionally with the group as a fourth item. Every finding
of those kinds in the scan must be listed, and nothing else: unused exports and unused config are
left out unless ``"all_kinds": true``. ``stats`` lists counters that must match."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from deadcode.pipeline import Options, load

HERE = Path(__file__).parent
CASES = sorted(p.name for p in HERE.iterdir() if (p / "expected.json").exists())
FILE_AND_ENDPOINT_KINDS = ("unreachable", "dev-only", "flag-gated", "orphan-endpoint", "broken-call")


def _target(f) -> str:
    return (
        f.endpoint
        if f.kind in ("orphan-endpoint", "broken-call")
        else (f.symbol if f.kind == "unused-config" else f"{f.path}#{f.symbol}" if f.symbol else f.path)
    )


@pytest.mark.parametrize("case", CASES)
def test_idiom_fixture(case, tmp_path):
    expected = json.loads((HERE / case / "expected.json").read_text())
    root = tmp_path / case
    shutil.copytree(HERE / case / "repo", root)
    loaded = load(Options(root, no_cache=True, quiet=True))
    verdicts = loaded.verdicts()
    kinds = None if expected.get("all_kinds") else FILE_AND_ENDPOINT_KINDS
    with_group = any(len(row) > 3 for row in expected["findings"])
    got = sorted(
        [f.kind, _target(f), f.confidence] + ([f.group] if with_group else [])
        for f in verdicts.findings
        if kinds is None or f.kind in kinds
    )
    want = sorted(
        list(row) + ([] if len(row) > 3 or not with_group else ["?"]) for row in expected["findings"]
    )
    assert got == want, expected["about"]
    for key, value in expected.get("stats", {}).items():
        assert verdicts.stats[key] == value, key


def test_every_case_states_what_it_proves():
    for case in CASES:
        expected = json.loads((HERE / case / "expected.json").read_text())
        assert expected.get("about") and expected["findings"], case


def test_every_fixture_folder_is_a_case():
    """A case whose expected.json sits inside its repo/ (or is missing) would never run."""
    folders = sorted(p.name for p in HERE.iterdir() if (p / "repo").is_dir())
    assert folders == CASES
    assert not list(HERE.glob("*/repo/**/expected.json"))
