"""Where ROOT sits in its git repository, for outputs that point at files from outside deadcode
(SARIF, GitHub annotations, CODEOWNERS): GitHub resolves paths from the repository's top level,
so ``deadcode check services/app`` must say ``services/app/x.py``, not ``x.py``.

git runs read-only, with the repository's own config unable to run anything (no fsmonitor, no
hooks, no pager), because CI runs deadcode on pull requests whose ``.git/config`` nobody vetted."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_SAFE = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    f"core.hooksPath={os.devnull}",
    "-c",
    "core.pager=cat",
    "--no-pager",
)
_REPO_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY")


@dataclass(frozen=True)
class RepoLocation:
    """``top``: the git top level (ROOT itself when ROOT is not in a git work tree); ``prefix``:
    ROOT relative to ``top`` with a trailing ``/`` (``""`` when they are the same)."""

    top: Path
    prefix: str = ""
    commit: str | None = None
    branch: str | None = None
    remote: str | None = None  # the origin URL without credentials
    in_git: bool = False

    def path(self, root_relative: str) -> str:
        """A ROOT-relative path as a top-level-relative one."""
        return f"{self.prefix}{root_relative}" if root_relative else self.prefix.rstrip("/")


def _git(cwd: Path, *args: str) -> str | None:
    env = {k: v for k, v in os.environ.items() if k not in _REPO_ENV}
    env.update({"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    try:
        proc = subprocess.run(["git", *_SAFE, *args], cwd=cwd, capture_output=True, env=env, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape").rstrip("\n")


def public_url(url: str | None) -> str | None:
    """A remote URL fit to publish: user and password (a CI token) removed, scp-style
    ``git@host:owner/repo`` written as ``https://host/owner/repo``."""
    if not url:
        return None
    url = url.strip()
    m = re.match(r"^[\w.-]+@([\w.-]+):(?!//)(.+)$", url)
    if m:
        return f"https://{m.group(1)}/{m.group(2)}"
    m = re.match(r"^([a-z][a-z0-9+.-]*://)([^/@]*@)?(.*)$", url, re.I)
    if m:
        return m.group(1) + m.group(3)
    return None  # a local path: nothing a reader elsewhere could open


def locate(root: Path) -> RepoLocation:
    """ROOT's place in its repository; never fails (no git, no repository: ROOT is the top)."""
    root = Path(root).resolve()
    out = _git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if out is None:
        return RepoLocation(root)
    lines = out.split("\n")
    top = Path(lines[0]) if lines and lines[0] else root
    prefix = lines[1] if len(lines) > 1 else ""
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    commit = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    branch = _git(root, "symbolic-ref", "-q", "--short", "HEAD")
    remote = public_url(_git(root, "config", "--get", "remote.origin.url"))
    return RepoLocation(top, prefix, commit or None, branch or None, remote, True)
