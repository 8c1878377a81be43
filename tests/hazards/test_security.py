"""Issue 14, security: a pull request controls the repository deadcode reads in CI.

Nothing in it may run code (a committed pickle, a crafted cache database, the repository's own
git configuration), and nothing outside it may change (a committed cache symlink)."""

from __future__ import annotations

import json
import pickle
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.hazards.repo import assert_no_traceback, git, make_app, run, snapshot, warnings_of

COMMANDS = [("scan",), ("check",), ("plan",), ("report", "--out", "{root}/reports"), ("init",)]


class _Marker:
    """Unpickling this creates ``path``: proof that the pickle was loaded."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


def _commit_all(root: Path) -> None:
    git(root, "add", "-A", "-f")
    git(root, "commit", "-qm", "pr")


@pytest.mark.parametrize("tracked", [True, False], ids=["committed", "restored-ci-cache"])
def test_a_pickle_in_the_cache_folder_never_runs(tmp_path, tracked):
    root = make_app(tmp_path / "repo")
    marker = tmp_path / "PWNED"
    cache = root / ".deadcode-cache"
    cache.mkdir()
    payload = pickle.dumps({("backend/app/main.py", "x"): _Marker(str(marker))})
    for name in (
        "facts-0.1.0-0123456789abcdef.pickle",
        "verdicts-0123456789abcdef01234567.pickle",
        "deadcode.sqlite",
    ):
        (cache / name).write_bytes(payload)
    if tracked:
        _commit_all(root)
    outside = snapshot(tmp_path, skip=("repo",))
    for command in COMMANDS + [("branch", "--name", "pr-branch")]:
        args = [a.format(root=root) for a in command]
        out = run(args[0], str(root), *args[1:])
        assert_no_traceback(out)
        assert out.returncode in (0, 1), (command, out.stderr)
        assert not marker.exists(), command
        if tracked:
            assert any("tracked by git: ignored, running without a cache" in w for w in warnings_of(out)), (
                out.stderr
            )
    assert snapshot(tmp_path, skip=("repo",)) == outside
    if tracked:  # a committed cache is someone else's data: not read, not rewritten
        assert (cache / "deadcode.sqlite").read_bytes() == payload
    else:  # a restored one is validated: the pickles are never read, the foreign file is replaced
        assert not list(cache.glob("*.pickle"))
        conn = sqlite3.connect(cache / "deadcode.sqlite")
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
            "meta",
            "facts",
            "mentions",
            "verdicts",
        }
        conn.close()


def test_a_committed_cache_symlink_writes_nothing_outside(tmp_path):
    outside_dir = tmp_path / "outside"
    outside_dir.mkdir()
    (outside_dir / "precious.txt").write_text("keep me\n")
    (outside_dir / "facts-0.1.0-x.pickle").write_bytes(b"old")  # a name an old deadcode deleted
    root = make_app(tmp_path / "repo")
    (root / ".deadcode-cache").symlink_to(outside_dir, target_is_directory=True)
    _commit_all(root)
    before_out, before_in = snapshot(tmp_path, skip=("repo",)), snapshot(root)
    for command in COMMANDS[:3]:
        out = run(command[0], str(root))
        assert_no_traceback(out)
        assert out.returncode in (0, 1)
        assert (
            ".deadcode-cache: cache path is a symlink inside the repository: running without a cache"
            in out.stderr
        ), out.stderr
    assert snapshot(tmp_path, skip=("repo",)) == before_out
    assert snapshot(root) == before_in


def test_a_dangling_gitignore_link_in_the_cache_creates_nothing_outside(tmp_path):
    root = make_app(tmp_path / "repo")
    (root / ".deadcode-cache").mkdir()
    target = tmp_path / "created-outside"
    (root / ".deadcode-cache" / ".gitignore").symlink_to(target)
    before_in = snapshot(root)
    out = run("scan", str(root))
    assert out.returncode == 0
    assert_no_traceback(out)
    assert ".deadcode-cache/.gitignore: a symlink in the cache folder: running without a cache" in out.stderr
    assert not target.exists()
    assert snapshot(root) == before_in


def test_a_cache_dir_through_a_symlink_inside_the_repo_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = make_app(tmp_path / "repo")
    (root / "build").symlink_to(elsewhere, target_is_directory=True)
    out = run("scan", str(root), "--cache-dir", str(root / "build" / "cache"))
    assert out.returncode == 0
    assert "build: cache path is a symlink inside the repository: running without a cache" in out.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_explicit_cache_dir_outside_the_repo_is_used(tmp_path):
    root = make_app(tmp_path / "repo")
    cache = tmp_path / "ci-cache"
    before_in = snapshot(root)
    assert run("scan", str(root), "--cache-dir", str(cache)).returncode == 0
    assert (cache / "deadcode.sqlite").is_file()
    assert snapshot(root) == before_in  # the repository itself is untouched


def test_a_crafted_cache_database_is_cleared_not_trusted(tmp_path):
    root = make_app(tmp_path / "repo")
    cache = root / ".deadcode-cache"
    assert run("scan", str(root)).returncode == 0
    conn = sqlite3.connect(cache / "deadcode.sqlite")
    conn.execute("CREATE TABLE extra (x)")  # an attacker's schema: a trigger that rewrites facts
    conn.execute("CREATE TRIGGER t AFTER INSERT ON facts BEGIN DELETE FROM meta; END")
    conn.execute("DELETE FROM verdicts")
    conn.commit()
    conn.close()
    out = run("scan", str(root), "-f", "json")
    assert out.returncode == 0
    assert_no_traceback(out)
    assert (
        ".deadcode-cache/deadcode.sqlite: not a deadcode cache (unexpected schema): cache cleared"
        in out.stderr
    )
    conn = sqlite3.connect(cache / "deadcode.sqlite")
    assert conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')"
    ).fetchone() == (0,)
    conn.close()


def test_facts_with_wrong_value_types_are_dropped_with_one_warning(tmp_path):
    root = make_app(tmp_path / "repo")
    cold = run("scan", str(root), "-f", "json")
    conn = sqlite3.connect(root / ".deadcode-cache" / "deadcode.sqlite")
    rows = conn.execute("SELECT path, data FROM facts ORDER BY path").fetchall()
    record = json.loads(rows[0][1])
    record[3] = "not a line count"  # FileFacts.lines must be an int
    conn.execute("UPDATE facts SET data = ? WHERE path = ?", (json.dumps(record), rows[0][0]))
    conn.execute("UPDATE facts SET data = ? WHERE path = ?", ("[" * 100000, rows[1][0]))
    conn.execute("UPDATE facts SET data = ? WHERE path = ?", (json.dumps([{"py": None}]), rows[2][0]))
    conn.execute("DELETE FROM verdicts")
    conn.commit()
    conn.close()
    out = run("scan", str(root), "-f", "json")
    assert out.returncode == 0
    assert_no_traceback(out)
    assert [w for w in warnings_of(out) if "cached record" in w] == [
        "warning: .deadcode-cache/deadcode.sqlite: 3 cached record(s) with the wrong shape dropped and re-read"
    ]
    assert json.loads(out.stdout)["findings"] == json.loads(cold.stdout)["findings"]
    again = run("scan", str(root))  # the bad records were replaced: the next run is clean
    assert "cached record" not in again.stderr


def _hostile_git_config(root: Path, markers: Path) -> None:
    """The repository's own .git/config and hooks name programs that leave marker files."""
    (root / ".gitattributes").write_text("*.py filter=evil diff=evil\n*.tsx filter=evil\n")
    _commit_all(root)
    for key, value in (
        ("core.fsmonitor", f"touch {markers}/fsmonitor; false"),
        ("filter.evil.clean", f"touch {markers}/clean; cat"),
        ("filter.evil.smudge", f"touch {markers}/smudge; cat"),
        ("filter.evil.process", f"touch {markers}/process"),
        ("diff.evil.textconv", f"touch {markers}/textconv; cat"),
    ):
        git(root, "config", key, value)
    hooks = root / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in (
        "post-index-change",
        "reference-transaction",
        "post-checkout",
        "pre-commit",
        "post-commit",
        "pre-auto-gc",
    ):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {markers}/hook-{hook}\n")
        (hooks / hook).chmod(0o755)


def test_the_repositorys_git_config_runs_nothing(tmp_path):
    markers = tmp_path / "markers"
    markers.mkdir()
    root = make_app(tmp_path / "repo")
    _hostile_git_config(root, markers)
    # the config really is armed: plain git runs it
    subprocess.run(["git", "-C", str(root), "status"], capture_output=True, check=False)
    subprocess.run(["git", "-C", str(root), "diff", "HEAD"], capture_output=True, check=False)
    assert (markers / "fsmonitor").exists()
    for m in markers.iterdir():
        m.unlink()
    (root / "backend" / "app" / "services" / "pricing.py").write_text("def price():\n    return 3\n")  # dirty
    (root / "deadcode.toml").write_text('verify = ["true"]\n')  # verify: the one place config commands run
    for args in (("scan", "--no-cache"), ("check",), ("plan",), ("branch", "--name", "rm-dead")):
        out = run(args[0], str(root), *args[1:])
        assert_no_traceback(out)
        assert out.returncode in (0, 1), (args, out.stderr)
        assert sorted(p.name for p in markers.iterdir()) == [], args
    assert git(root, "rev-parse", "--verify", "-q", "refs/heads/rm-dead").strip()
