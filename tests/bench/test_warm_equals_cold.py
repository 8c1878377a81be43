"""A warm scan after edits prints exactly what a cold scan of the same tree prints (issue 13).

A generated monorepo is scanned once to fill the cache; then a few rounds of random edits
(seeded: a failure replays) each run a warm scan on that cache and a cold one on a fresh cache,
and the two JSON outputs must be equal but for the run time. The edits change verdicts, not
only bytes: deleted files, dropped imports, docs naming a file, new comments, a dependency
declared and then named only in a comment (no fact changes: the recorded word search must see
it, graph/reads.py).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import pytest

from tests.bench.generate import generate
from tests.hazards.repo import assert_no_traceback, run

SOURCE = re.compile(r"\.(py|tsx?)$")
IMPORT_LINE = re.compile(r"^(from \S+ import .*|import .*)$", re.M)


def _scan(root: Path, cache: Path) -> dict:
    out = run("scan", str(root), "--format", "json", "--quiet", "--cache-dir", str(cache), timeout=300)
    assert_no_traceback(out)
    assert out.returncode in (0, 1), out.stderr
    data = json.loads(out.stdout)
    data["stats"].pop("seconds", None)  # wall time: the one field that may differ
    return data


def _sources(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.is_file() and SOURCE.search(p.name) and ".git" not in p.parts
    )


def _edit(root: Path, rng: random.Random) -> str:
    files = _sources(root)
    target = rng.choice(files)
    rel = target.relative_to(root).as_posix()
    op = rng.choice(("comment", "delete", "mention", "drop-import", "declare-dep", "name-dep"))
    if op == "declare-dep":
        _declare(root)
        return op
    if op == "name-dep":
        _name_in_comment(target)
        return f"{op} {rel}"
    if op == "comment":
        mark = "#" if target.suffix == ".py" else "//"
        target.write_text(target.read_text() + f"{mark} edited {rng.randrange(10**6)}\n")
    elif op == "delete":
        target.unlink()
    elif op == "mention":
        readme = root / "README.md"
        readme.write_text((readme.read_text() if readme.exists() else "") + f"\nSee `{rel}`.\n")
    else:
        text = target.read_text()
        target.write_text(IMPORT_LINE.sub("", text, count=1))
    return f"{op} {rel}"


DEPENDENCY = "leftpad-unused"


def _declare(root: Path) -> None:
    reqs = root / "backend" / "requirements.txt"
    if DEPENDENCY not in reqs.read_text():
        reqs.write_text(reqs.read_text() + f"{DEPENDENCY}>=1.0\n")


def _name_in_comment(target: Path) -> None:
    mark = "#" if target.suffix == ".py" else "//"
    target.write_text(target.read_text() + f"{mark} see {DEPENDENCY}\n")


def test_a_dependency_named_only_in_a_new_comment_is_seen_by_a_warm_scan(tmp_path):
    """The comment changes no fact of the file, so the verdicts key stays; only the recorded
    word search over the edited file shows that the dependency is now named."""
    root = tmp_path / "repo"
    generate(root, 120, 3)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _declare(root)
    cache = tmp_path / "cache"
    before = _scan(root, cache)
    assert any(f["kind"] == "unused-dependency" and f["symbol"] == DEPENDENCY for f in before["findings"])
    _name_in_comment(_sources(root)[0])
    warm = _scan(root, cache)
    assert not any(f["symbol"] == DEPENDENCY for f in warm["findings"])
    assert warm == _scan(root, tmp_path / "cold")


@pytest.mark.parametrize("seed", [1, 2])
def test_warm_scan_after_random_edits_equals_a_cold_scan(tmp_path, seed):
    root = tmp_path / "repo"
    generate(root, 120, seed)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    warm_cache = tmp_path / "warm-cache"
    first = _scan(root, warm_cache)
    assert first["findings"], "the generated repository plants dead code"
    rng = random.Random(seed)
    done = []
    for round_no in range(3):
        done += [_edit(root, rng) for _ in range(rng.randint(1, 3))]
        warm = _scan(root, warm_cache)
        cold = _scan(root, tmp_path / f"cold-cache-{round_no}")
        assert warm == cold, f"warm scan differs from a cold one after: {done}"


def test_verdicts_are_reused_only_when_no_fact_and_no_recorded_read_changed(tmp_path):
    """``pipeline.load(...).verdicts()`` on a warm cache: a comment at the end of a file keeps
    every fact, so the stored verdicts are reused without building the graph; a comment that
    names a declared dependency changes a recorded word search, so they are recomputed; an
    edit of an import changes a fact, so they are recomputed."""
    from deadcode.pipeline import Options, load

    root = tmp_path / "repo"
    generate(root, 120, 3)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _declare(root)
    cache = tmp_path / "cache"

    def scan():
        loaded = load(Options(root, cache_dir=cache, quiet=True))
        v = loaded.verdicts()
        return loaded._analysis is not None, sorted((f.kind, f.path, f.symbol) for f in v.findings)

    assert scan()[0]
    target = _sources(root)[0]
    mark = "#" if target.suffix == ".py" else "//"
    target.write_text(target.read_text() + f"{mark} a note\n")
    recomputed, before = scan()
    assert not recomputed
    _name_in_comment(target)
    recomputed, after = scan()
    assert recomputed and set(before) - set(after) == {
        ("unused-dependency", "backend/requirements.txt", DEPENDENCY)
    }
    importer = next(p for p in _sources(root) if p.suffix == ".py" and IMPORT_LINE.search(p.read_text()))
    importer.write_text(IMPORT_LINE.sub("", importer.read_text(), count=1))
    assert scan()[0]
