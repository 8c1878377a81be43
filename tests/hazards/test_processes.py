"""Issue 14, processes and signals: nothing outlives deadcode, and the output does not depend
on being interrupted or on the cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hazards.repo import SRC, assert_one_line_error, deadcode_argv, git, make_app, run, warnings_of


def _many_files(root: Path, n: int = 400) -> None:
    """Enough Python files for the process pool (it starts at 48 files to parse)."""
    pkg = root / "backend" / "app" / "bulk"
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("")
    body = "".join(f"def f{i}(x):\n    return [y * {i} for y in range(x) if y % 3]\n\n" for i in range(60))
    for i in range(n):
        (pkg / f"m{i}.py").write_text(body)


def _children(pid: int) -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(name))
    return out


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        deadcode_argv("scan", str(root), *args),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pool_workers_die_with_a_killed_scan(tmp_path):
    root = make_app(tmp_path / "repo")
    _many_files(root)
    proc = _start(root, "--no-cache", "-q")
    workers: list[int] = []
    deadline = time.time() + 60
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert workers, "the pool never started"
    proc.kill()
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_running(w) for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if _running(w)]
    for w in alive:  # clean up what this test started, then fail
        os.kill(w, signal.SIGKILL)
    assert alive == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_says_interrupted_and_exits_130(tmp_path):
    root = make_app(tmp_path / "repo")
    _many_files(root, 600)
    proc = _start(root, "--no-cache")
    deadline = time.time() + 60
    while time.time() < deadline and not _children(proc.pid) and proc.poll() is None:
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.splitlines()[-1] == "deadcode: interrupted"
    assert "Traceback" not in err
    time.sleep(0.5)
    assert not [w for w in workers if _running(w)]


def test_stale_branch_temp_folders_are_removed(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    dead_pid = _a_dead_pid()
    stale = tmp / f"deadcode-index-{dead_pid}-abc123"
    stale.mkdir()
    (stale / "index").write_bytes(b"DIRC")
    old_style = tmp / "deadcode-index-zz9x"
    old_style.mkdir()
    os.utime(old_style, (time.time() - 7200, time.time() - 7200))
    live = tmp / f"deadcode-index-{os.getpid()}-mine"  # a running process's folder is kept
    live.mkdir()
    root = make_app(tmp_path / "repo")
    out = run("branch", str(root), "--name", "cleanup", "--no-cache", env={"TMPDIR": str(tmp)})
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp.iterdir()) == [live.name]


def _a_dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_warnings_are_the_same_cold_and_warm(tmp_path):
    root = make_app(
        tmp_path / "repo",
        {"backend/app/broken.py": "x = 1\ndef f(:\n    pass\n", "frontend/tsconfig.json": "{ not json"},
    )
    cold = run("scan", str(root))
    warm = run("scan", str(root))
    assert cold.returncode == warm.returncode == 0
    assert warnings_of(cold) == warnings_of(warm)
    assert "warning: backend/app/broken.py: syntax error at line 2" in warnings_of(warm)
    assert "warning: frontend/tsconfig.json: not valid JSON, ignored" in warnings_of(warm)
    assert cold.stdout.split("\n", 2)[0] == warm.stdout.split("\n", 2)[0]


def test_many_warnings_replay_once_each_and_in_order_on_a_warm_run(tmp_path):
    broken = {f"backend/app/broken_{i:02}.py": "def f(:\n    pass\n" for i in range(30)}
    root = make_app(tmp_path / "repo", broken)
    cold = run("scan", str(root), "--format", "json")
    warm = run("scan", str(root), "--format", "json")
    assert cold.returncode == warm.returncode == 0
    syntax = [w for w in warnings_of(warm) if "syntax error" in w]
    assert warnings_of(cold) == warnings_of(warm)
    assert len(syntax) == len(set(syntax)) >= 1
    assert syntax == sorted(syntax)


def test_a_syntax_warning_names_the_line_of_the_error(tmp_path):
    # an unclosed "[" on line 1 wraps the whole file in one error node; the error is on line 65
    body = "x = [\n" + "1,\n" * 63 + "def f(:\n" + "    pass\n"
    root = make_app(tmp_path / "repo", {"backend/app/broken.py": body})
    out = run("scan", str(root), "--no-cache")
    assert "warning: backend/app/broken.py: syntax error at line 65" in warnings_of(out), out.stderr


def test_branch_outside_git_is_one_line(tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n")
    assert_one_line_error(run("branch", str(tmp_path), "--name", "x"), "not a git repository")


def test_branch_in_a_repo_without_commits_is_one_line(tmp_path):
    root = make_app(tmp_path / "repo", commit=False)
    assert_one_line_error(run("branch", str(root), "--name", "x"), "no commits yet")
    assert git(root, "branch", "--list") == ""
