"""A warm scan after edits prints exactly what a cold scan of the same tree prints (issue 13).

A generated monorepo is scanned once to fill the cache; then a few rounds of random edits
(seeded: a failure replays) each run a warm scan on that cache and a cold one on a fresh cache,
and the two JSON outputs must be equal but for the run time. The edits change verdicts, not
only bytes: deleted files, dropped imports, docs naming a file, new comments.
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
    op = rng.choice(("comment", "delete", "mention", "drop-import"))
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
