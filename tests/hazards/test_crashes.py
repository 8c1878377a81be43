"""Issue 14, crashes: each of these was a traceback; now one line and exit 2, or a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hazards.repo import SRC, assert_no_traceback, assert_one_line_error, make_app, run, snapshot

DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize(
    "name, text",
    [
        ("deadcode.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n"),
        ("pyproject.toml", "[tool.deadcode]\nentry = " + "[" * 5000 + "]" * 5000 + "\n"),
        ("pyproject.toml", "a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n"),
    ],
)
def test_a_config_file_nested_5000_deep_is_one_line(tmp_path, name, text):
    root = make_app(tmp_path / "repo", {name: text})
    assert_one_line_error(run("scan", str(root), "--no-cache"), name, "nested too deeply")


@pytest.mark.parametrize(
    "name", ["frontend/tsconfig.json", "frontend/package.json", "package.json", "frontend/tsconfig.base.json"]
)
def test_a_json_config_nested_5000_deep_is_a_warning(tmp_path, name):
    extra = {name: DEEP}
    if name.endswith("base.json"):
        extra["frontend/tsconfig.json"] = '{"extends": "./tsconfig.base.json"}'
    root = make_app(tmp_path / "repo", extra)
    out = run("scan", str(root), "--no-cache")
    assert_no_traceback(out)
    assert out.returncode == 0
    assert f"warning: {name}: not valid JSON, ignored" in out.stderr


def _check_baseline(root: Path, baseline: str, cwd: Path | None = None):
    return run("check", str(root), "--update-baseline", "--baseline", baseline, "--no-cache", cwd=cwd)


@pytest.mark.parametrize(
    "where, words",
    [
        ("a-file/base.json", ["a-file/base.json", "is a file, not a folder"]),
        ("a-folder", ["a-folder", "is a folder, not a file"]),
    ],
)
def test_update_baseline_to_an_impossible_path_is_one_line(tmp_path, where, words):
    root = make_app(tmp_path / "repo", {"a-file": "x\n", "a-folder/keep.txt": "x\n"})
    before = snapshot(tmp_path)
    assert_one_line_error(_check_baseline(root, where, cwd=root), *words)
    assert snapshot(tmp_path) == before  # nothing written, no .baseline-*.tmp left


def test_update_baseline_in_a_read_only_folder_is_one_line(tmp_path):
    root = make_app(tmp_path / "repo")
    ro = root / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        before = snapshot(tmp_path)
        if os.geteuid() == 0:
            # root ignores folder permissions: /proc refuses every new file, for root too
            out = _check_baseline(root, "/proc/deadcode-baseline.json")
            assert_one_line_error(out, "/proc/deadcode-baseline.json", "cannot write the baseline")
        else:
            assert_one_line_error(
                _check_baseline(root, str(ro / "base.json")), "ro/base.json", "Permission denied"
            )
        assert snapshot(tmp_path) == before
    finally:
        ro.chmod(0o755)


def test_update_baseline_never_replaces_a_special_file(tmp_path):
    root = make_app(tmp_path / "repo")
    fifo = tmp_path / "baseline.fifo"
    os.mkfifo(fifo)
    before = snapshot(tmp_path)
    assert_one_line_error(_check_baseline(root, str(fifo)), "baseline.fifo", "not a regular file")
    assert fifo.is_fifo()
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="as root a broken build would replace the machine's /dev/full")
def test_update_baseline_never_replaces_dev_full(tmp_path):
    root = make_app(tmp_path / "repo")
    assert_one_line_error(_check_baseline(root, "/dev/full"), "/dev/full", "not a regular file")
    assert Path("/dev/full").is_char_device()


def test_update_baseline_never_follows_a_symlink(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "bashrc").write_text("export PATH=/usr/bin\n")
    root = make_app(tmp_path / "repo")
    (root / ".deadcode-baseline.json").symlink_to(outside / "bashrc")
    before = snapshot(tmp_path)
    for args in (("--update-baseline",), ()):
        out = run("check", str(root), "--no-cache", *args)
        assert_one_line_error(out, ".deadcode-baseline.json", "symlink")
    assert snapshot(tmp_path) == before
    # outside the repository, a symlinked baseline is still not written through
    link = tmp_path / "base-link.json"
    link.symlink_to(outside / "bashrc")
    assert_one_line_error(_check_baseline(root, str(link)), "base-link.json", "symlink")
    assert (outside / "bashrc").read_text() == "export PATH=/usr/bin\n"


def test_update_baseline_replaces_a_regular_file_atomically(tmp_path):
    root = make_app(tmp_path / "repo")
    base = root / ".deadcode-baseline.json"
    base.write_text('{"version": 1, "findings": []}\n')
    base.chmod(0o640)
    out = run("check", str(root), "--update-baseline", "--no-cache")
    assert out.returncode == 0, out.stderr
    assert '"fingerprint": "unreachable|frontend/src/components/Old.tsx|"' in base.read_text()
    assert oct(base.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in root.iterdir() if p.name.startswith(".deadcode-baseline")] == [base.name]


def test_output_through_a_symlink_inside_the_repo_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = make_app(tmp_path / "repo")
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "findings.json").symlink_to(outside / "f.json")
    before = snapshot(tmp_path)
    for args in (
        ("scan", "-o", "out/f.json"),
        ("scan", "-o", "findings.json"),
        ("graph", "-o", "out/g.json"),
        ("plan", "-o", "findings.json"),
        ("report", "--out", "out"),
    ):
        out = run(args[0], str(root), "--no-cache", *args[1:], cwd=root)
        assert_one_line_error(out, "symlink inside the repository")
    assert snapshot(tmp_path) == before


def _closed_stdout(*args: str) -> subprocess.CompletedProcess:
    """``deadcode ARGS >&-``: stdout closed by the shell before deadcode starts."""
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        ["sh", "-c", 'exec >&-; exec "$@"', "sh", sys.executable, "-m", "deadcode", *args],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_closed_stdout(tmp_path):
    root = make_app(tmp_path / "repo")
    assert_one_line_error(_closed_stdout("scan", str(root), "--no-cache"), "stdout is closed", "--output")
    out = _closed_stdout("check", str(root), "--no-cache", "--baseline", str(tmp_path / "none.json"))
    assert_no_traceback(out)
    assert out.returncode == 1  # the verdict still counts
    assert out.stderr.splitlines() == ["warning: stdout is closed: output discarded"]
    target = tmp_path / "f.json"
    out = _closed_stdout("scan", str(root), "-f", "json", "-o", str(target))
    assert out.returncode == 0 and out.stderr == ""
    assert target.read_text().startswith("{")
    # the cache database opened while stdout was closed did not take descriptor 1: a warm run
    # reads it back without complaint and gives the same output
    cold = target.read_text()
    out = _closed_stdout("scan", str(root), "-f", "json", "-o", str(target))
    assert out.returncode == 0 and out.stderr == ""
    assert json.loads(target.read_text())["findings"] == json.loads(cold)["findings"]
