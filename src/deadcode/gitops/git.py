"""Every git command deadcode runs goes through ``run``: the repository may be hostile.

deadcode runs in CI on pull requests and on repositories people just cloned, and git reads
configuration that can name programs to run: ``core.fsmonitor`` (on every command that reads
the index), hooks (``post-index-change``, ``reference-transaction``, ``post-checkout``), and
clean/smudge filters. ``run`` always disables fsmonitor and hooks (``core.hooksPath`` points
where no hook can be) and automatic maintenance; with ``no_filters`` it also blanks every
filter driver the configuration defines, for commands that would convert content. The
environment is cleaned of variables that would point git at another repository or index, and
output is C-locale, never paged, never prompting. Names are always exchanged NUL-separated
(``-z``) and kept as the bytes git gives.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# Variables that would point git at another repository, index or object store than ``cwd``.
REPO_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_COMMON_DIR",
    "GIT_CEILING_DIRECTORIES",
    "GIT_EXTERNAL_DIFF",
    "GIT_PAGER",
    "GIT_EDITOR",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
)


class GitError(Exception):
    """git is missing, could not start, or timed out: ``str()`` is one line."""


_hooks_dir: str | None = None


def empty_hooks_dir() -> str:
    """Where git looks for hooks: a path under which no hook can exist. On POSIX that is
    ``/dev/null`` (``/dev/null/pre-commit`` can never be a file, and nothing is left behind
    when deadcode is killed); elsewhere an empty folder made once and removed at exit."""
    global _hooks_dir
    if _hooks_dir is None:
        if os.name == "posix" and os.path.exists(os.devnull) and not os.path.isdir(os.devnull):
            _hooks_dir = os.devnull
        else:
            _hooks_dir = tempfile.mkdtemp(prefix="deadcode-nohooks-")
            atexit.register(shutil.rmtree, _hooks_dir, True)
    return _hooks_dir


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in REPO_ENV}
    env.update(
        {
            "LC_ALL": "C",
            "LANGUAGE": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_ADVICE": "0",
        }
    )
    env.update(extra or {})
    return env


def safety_options() -> list[str]:
    return [
        "-c",
        "core.fsmonitor=false",
        "-c",
        f"core.hooksPath={empty_hooks_dir()}",
        "-c",
        "gc.auto=0",
        "-c",
        "maintenance.auto=false",
    ]


def filter_options(cwd: Path) -> list[str]:
    """``-c filter.<driver>.clean=`` (and smudge, process) for every filter driver configured
    for ``cwd``: committed ``.gitattributes`` can name any of them."""
    proc = _spawn(
        ["git", *safety_options(), "config", "-z", "--name-only", "--get-regexp", r"^filter\."],
        cwd,
        None,
        environment(),
        30,
    )
    drivers = set()
    for name in proc.stdout.split(b"\0"):
        parts = name.decode("utf-8", "surrogateescape").split(".")
        if len(parts) >= 3:
            drivers.add(".".join(parts[1:-1]))
    out: list[str] = []
    for d in sorted(drivers):
        out += [
            "-c",
            f"filter.{d}.clean=",
            "-c",
            f"filter.{d}.smudge=",
            "-c",
            f"filter.{d}.process=",
            "-c",
            f"filter.{d}.required=false",
        ]
    return out


def _spawn(argv: list[str], cwd: Path, input: bytes | None, env: dict[str, str], timeout: float | None):
    try:
        return subprocess.run(
            argv,
            cwd=cwd,
            input=input,
            capture_output=True,
            env=env,
            timeout=timeout,
            stdin=None if input is not None else subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {argv[-1] if argv else ''} timed out after {timeout:g}s") from None
    except OSError as exc:
        raise GitError(f"cannot run git in {cwd}: {exc.strerror or exc}") from None


def run(
    cwd: Path,
    *args: str,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    no_filters: bool = False,
) -> subprocess.CompletedProcess:
    """``git <args>`` in ``cwd`` with the protections of the module doc; output as bytes."""
    options = safety_options() + (filter_options(Path(cwd)) if no_filters else [])
    return _spawn(["git", *options, *args], Path(cwd), input, environment(env), timeout)


def first_line(err: bytes) -> str:
    """The first meaningful line of git's stderr, without ``fatal:``/``error:``."""
    for line in err.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line and not line.startswith("hint:"):
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return ""


def decode_name(raw: bytes) -> str:
    """A file name as git gives it (bytes) -> str, undecodable bytes kept as surrogates."""
    return raw.decode("utf-8", "surrogateescape")


def encode_name(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


def split_z(out: bytes) -> list[bytes]:
    return [n for n in out.split(b"\0") if n]
