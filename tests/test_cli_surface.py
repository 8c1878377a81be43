"""The command line as a new user meets it: version and help flags, bare `deadcode`, shell
completion, help text that reads like prose with an example per command, the progress bar (on
stderr only, over every stage, cleared, never when output is not a terminal) and the header."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys

import pytest

from deadcode import __version__
from tests.analysis.repo import make_repo

COMMANDS = ("scan", "explain", "graph", "plan", "branch", "report", "check", "init")


def deadcode(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deadcode", *args], capture_output=True, text=True, env=env)


def test_version_flags():
    for flag in ("--version", "-V"):
        out = deadcode(flag)
        assert out.returncode == 0 and out.stdout == f"deadcode {__version__}\n"


def test_bare_deadcode_prints_help_and_exits_0():
    out = deadcode()
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Usage: deadcode [OPTIONS] COMMAND [ARGS]...")
    for cmd in COMMANDS:
        assert re.search(rf"^  {cmd}\s+\S", out.stdout, re.M), cmd
    assert "..." not in out.stdout.split("Commands:")[1]  # no cut-off descriptions
    assert "--install-completion" in out.stdout and "--show-completion" in out.stdout
    assert deadcode("-h").stdout == out.stdout


@pytest.mark.parametrize("cmd", COMMANDS)
def test_each_command_help_is_clean_and_has_an_example(cmd):
    out = deadcode(cmd, "-h")
    assert out.returncode == 0
    text = out.stdout
    assert text.startswith(f"Usage: deadcode {cmd} [OPTIONS]")
    assert not re.search(r"\{\w+\}|<[a-z\[\]|]+>|list\[", text), text  # no {target}, <str>, <list[str]>
    example = re.search(r"^  Example:\n    (deadcode \S+.*)$", text, re.M)
    assert example and example.group(1).split()[1] == cmd, text
    assert "-h, --help" in text


def test_explain_usage_names_its_arguments():
    text = deadcode("explain", "--help").stdout
    assert text.startswith("Usage: deadcode explain [OPTIONS] TARGET [ROOT]")
    assert re.search(r"^  TARGET\s+A path", text, re.M)


def test_shell_completion_script():
    out = deadcode("--show-completion", "bash", env=dict(os.environ, SHELL="/bin/bash"))
    assert out.returncode == 0 and "_DEADCODE_COMPLETE" in out.stdout


# -------------------------------------------------------------------------------- progress bar


def _run_on_ptys(args: list[str], stdout_tty: bool) -> tuple[int, bytes, bytes]:
    """Run deadcode with stderr on a pseudo-terminal and stdout on another one (or a pipe)."""
    err_master, err_slave = pty.openpty()
    if stdout_tty:
        out_master, out_slave = pty.openpty()
    else:
        out_master, out_slave = os.pipe()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "GITHUB_ACTIONS")}
    env.update(TERM="xterm", COLUMNS="100")
    proc = subprocess.Popen(
        [sys.executable, "-m", "deadcode", *args],
        stdout=out_slave,
        stderr=err_slave,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(out_slave)
    os.close(err_slave)
    chunks = {out_master: b"", err_master: b""}
    open_fds = [out_master, err_master]
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 1.0)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # a pty whose other end closed
                data = b""
            if not data:
                open_fds.remove(fd)
            chunks[fd] += data
        if not ready and proc.poll() is not None:
            break
    proc.wait(timeout=60)
    for fd in (out_master, err_master):
        os.close(fd)
    return proc.returncode, chunks[out_master], chunks[err_master]


@pytest.fixture(scope="module")
def biggish(tmp_path_factory):
    """Enough files that a cold scan outlasts the bar's start delay."""
    files = {f"frontend/src/dead/Dead{i}.tsx": f"export const Dead{i} = () => null;\n" for i in range(900)}
    return make_repo(tmp_path_factory.mktemp("biggish"), files)


def test_progress_bar_is_on_stderr_over_every_stage_and_cleared(biggish):
    code, out, err = _run_on_ptys(["scan", str(biggish), "--no-cache"], stdout_tty=True)
    assert code == 0
    assert b"deadcode: " in out and b"parsing" not in out and b"\xe2\x94\x81" not in out  # no bar on stdout
    for stage in (b"reading files", b"parsing", b"linking", b"analysing"):
        assert stage in err, stage
    # cleared when done: after the last frame, the bar's lines are erased (cursor up, erase line)
    tail = err[err.rfind(b"\xe2\x94\x81") :]
    assert tail.count(b"\x1b[2K") >= 1 and b"\x1b[1A" in tail


def test_no_progress_bar_when_stdout_is_not_a_terminal(biggish):
    code, out, err = _run_on_ptys(["scan", str(biggish), "--no-cache"], stdout_tty=False)
    assert code == 0 and b"deadcode: " in out
    assert b"parsing" not in err and b"\xe2\x94\x81" not in err and b"\x1b[" not in err


def test_no_progress_bar_with_quiet(biggish):
    code, _, err = _run_on_ptys(["scan", str(biggish), "--no-cache", "-q"], stdout_tty=True)
    assert code == 0 and b"parsing" not in err


# ---------------------------------------------------------------------------------- the header


def test_header_labels_analysis_and_wall_time(tmp_path):
    root = make_repo(tmp_path / "repo", {"frontend/src/Old.tsx": "export const Old = 1;\n"})
    out = deadcode("scan", str(root), "--no-cache")
    header = out.stdout.splitlines()[1]
    m = re.search(r"; analysis (\d+\.\d\d)s, wall (\d+\.\d\d)s$", header)
    assert m, header
    assert float(m.group(2)) >= float(m.group(1))


def test_header_shows_the_non_zero_coverage_counters():
    from deadcode.output.scan import header_lines

    stats = {
        "files": 3,
        "python_files": 1,
        "ts_files": 2,
        "endpoints": 1,
        "client_calls": 0,
        "seconds": 0.5,
        "endpoints_unplaced": 4,
        "calls_unresolved": 0,
        "dynamic_loads_unresolved": 2,
        "files_unreadable": 1,
    }
    lines = header_lines(stats, 0.9)
    assert lines[1] == (
        "  not covered by the model: 1 files unreadable, 4 endpoints unplaced, 2 dynamic loads unresolved"
    )
    assert len(header_lines({"files": 1, "seconds": 0.1, "calls_unresolved": 0})) == 1


def test_the_quick_exit_runs_exit_handlers_flushes_and_keeps_the_code(tmp_path):
    """``main`` ends with ``os._exit`` (no teardown of a large graph): the exit handlers still
    run, buffered output is complete and the exit code is the command's."""
    marker = tmp_path / "handler-ran"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ok'))\n"
        "from deadcode.cli import main\n"
        "sys.argv = ['deadcode', *sys.argv[1:]]\n"
        "main()\n"
    )
    repo = make_repo(tmp_path / "r", {"app.py": "import os\n"})
    ok = subprocess.run(
        [sys.executable, "-c", code, "scan", str(repo), "--format", "json", "--quiet"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.rstrip().endswith("}") and marker.read_text() == "ok"
    marker.unlink()
    bad = subprocess.run(
        [sys.executable, "-c", code, "scan", str(tmp_path / "missing")], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "no such directory" in bad.stderr and marker.read_text() == "ok"
