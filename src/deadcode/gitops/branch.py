"""Build a branch of plan commits straight into git's object store.

Nothing the user has is touched: not the working tree, not ``.git/index`` (a temporary index
file is used through ``GIT_INDEX_FILE``), not the stash, not HEAD or the checked-out branch.
Blobs, trees and commits are written as loose objects and the branch ref is created last, with
``git update-ref <ref> <new> <old>``, so an interruption leaves unreachable objects (which
``git gc`` collects) and no half-made branch.

The repository may be hostile: every git command goes through ``gitops.git.run`` (no fsmonitor,
no hooks), blobs are hashed as given (``hash-object --stdin`` without ``--path``: no clean
filter runs, and the content came from HEAD's blobs already), and the temporary index lives in
a ``deadcode-index-<pid>-*`` folder that a later run removes if a kill -9 left it behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from deadcode.gitops import git as gitcmd

ZERO = "0" * 40
INDEX_PREFIX = "deadcode-index-"
_FALLBACK_IDENT = {
    "GIT_AUTHOR_NAME": "deadcode",
    "GIT_AUTHOR_EMAIL": "deadcode@localhost",
    "GIT_COMMITTER_NAME": "deadcode",
    "GIT_COMMITTER_EMAIL": "deadcode@localhost",
}


class BranchError(Exception):
    """A one-line reason why the branch was not built."""


@dataclass
class Step:
    """One commit: ``message`` (subject, blank line, body) and repo-relative ``path -> new
    content`` (``None`` deletes the file)."""

    message: str
    changes: dict[str, bytes | None]


@dataclass
class BranchResult:
    name: str
    base: str  # the HEAD commit the branch starts from
    head: str  # the branch's last commit
    commits: list[str] = field(default_factory=list)
    replaced: str | None = None  # the commit the branch pointed at before ``force``
    # e.g. files whose working-tree content differs from HEAD: the plan read them from the
    # working tree, so their commits carry those uncommitted changes too
    warnings: list[str] = field(default_factory=list)


@dataclass
class VerifyResult:
    command: str
    returncode: int
    output_tail: str
    seconds: float
    timed_out: bool = False


class _Git:
    def __init__(self, cwd: Path, extra_env: dict[str, str] | None = None):
        self.cwd = cwd
        self.env = dict(extra_env or {})

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        check: bool = True,
        env: dict[str, str] | None = None,
        no_filters: bool = False,
    ) -> subprocess.CompletedProcess:
        try:
            proc = gitcmd.run(
                self.cwd, *args, input=input, env={**self.env, **(env or {})}, no_filters=no_filters
            )
        except gitcmd.GitError as exc:
            raise BranchError(str(exc)) from None
        if check and proc.returncode != 0:
            raise BranchError(
                f"git {args[0]} failed: {_first_line(proc.stderr) or 'exit ' + str(proc.returncode)}"
            )
        return proc

    def out(self, *args: str, **kw) -> str:
        return self.run(*args, **kw).stdout.decode("utf-8", "surrogateescape").strip()


def _first_line(err: bytes) -> str:
    return gitcmd.first_line(err)


def _open_repo(repo_root: Path) -> tuple[_Git, str]:
    """(git runner at the top level, ``repo_root``'s path prefix inside the repository)."""
    root = Path(repo_root)
    if not root.is_dir():
        raise BranchError(f"{root}: not a directory")
    git = _Git(root)
    proc = git.run("rev-parse", "--show-toplevel", "--show-prefix", check=False)
    lines = proc.stdout.decode("utf-8", "surrogateescape").split("\n")
    if proc.returncode != 0 or not lines[0]:
        raise BranchError(f"{root}: not a git repository (or inside .git)")
    return _Git(Path(lines[0]), None), lines[1] if len(lines) > 1 else ""


def _head(git: _Git) -> str:
    proc = git.run("rev-parse", "--verify", "-q", "HEAD^{commit}", check=False)
    if proc.returncode != 0:
        raise BranchError("the repository has no commits yet: commit something first")
    return proc.stdout.decode().strip()


def _check_name(git: _Git, name: str) -> str:
    """``refs/heads/<name>`` for a valid new-branch name (``@{-1}``-style shorthands refused)."""
    if not name or name.startswith("-") or name == "HEAD":
        raise BranchError(f"invalid branch name {name!r}")
    proc = git.run("check-ref-format", "--branch", name, check=False)
    if (
        proc.returncode != 0
        or proc.stdout.decode("utf-8", "surrogateescape").strip() != name
        or git.run("check-ref-format", f"refs/heads/{name}", check=False).returncode != 0
    ):
        raise BranchError(f"invalid branch name {name!r}")
    return f"refs/heads/{name}"


def _checked_out(git: _Git, ref: str) -> bool:
    """Whether ``ref`` is the checked-out branch of this or any linked worktree."""
    for line in git.out("worktree", "list", "--porcelain", check=False).splitlines():
        if line == f"branch {ref}":
            return True
    return git.run("symbolic-ref", "-q", "HEAD", check=False).stdout.decode().strip() == ref


def _repo_path(prefix: str, path: str) -> str:
    """``prefix + path`` for a repo-relative '/' path. A backslash is part of a file name, never
    a separator: ``pages/back\\slash.tsx`` is not ``pages/back/slash.tsx``."""
    parts = path.split("/")
    if (
        path.startswith("/")
        or not path
        or any(part in ("..", ".", "") or part.lower() == ".git" for part in parts)
    ):
        raise BranchError(f"{path}: not a path inside the repository")
    return prefix + PurePosixPath(path).as_posix()


def _index_entries(git: _Git, env: dict[str, str], paths: list[str]) -> dict[str, str]:
    """``path -> mode`` of the index entries at ``paths``, under them (as folders) and at their
    parent folders (as files)."""
    if not paths:
        return {}
    specs = set()
    for p in paths:
        parts = p.split("/")
        specs.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    out = git.run("ls-files", "-s", "-z", "--", *[f":(literal){p}" for p in sorted(specs)], env=env).stdout
    entries = {}
    for rec in out.split(b"\0"):
        if rec:
            meta, path = rec.split(b"\t", 1)
            entries[path.decode("utf-8", "surrogateescape")] = meta.split()[0].decode()
    return entries


def _conflicts(entries: dict[str, str], paths: dict[str, bytes | None]) -> str | None:
    """A file written where a folder is, or under a path that stays a file (git's index would
    silently replace one by the other)."""
    for path, content in paths.items():
        if content is None:
            continue
        if any(e.startswith(path + "/") and paths.get(e, b"") is not None for e in entries):
            return f"{path}: is a folder in the tree, not a file"
        parts = path.split("/")
        for i in range(1, len(parts)):
            parent = "/".join(parts[:i])
            if parent in entries and not (parent in paths and paths[parent] is None):
                return f"{path}: {parent} is a file in the tree"
    return None


def _message(text: str) -> bytes:
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").strip().split("\n")]
    msg = "\n".join(lines).strip() or "deadcode: remove dead code"
    return (msg + "\n").encode("utf-8", "surrogateescape")


def _commit_step(
    git: _Git, env: dict[str, str], prefix: str, parent: str, step: Step, warnings: list[str]
) -> str:
    """Apply ``step`` to the temporary index (which holds ``parent``'s tree) and commit it."""
    paths = {_repo_path(prefix, p): content for p, content in step.changes.items()}
    entries = _index_entries(git, env, list(paths))
    problem = _conflicts(entries, paths)
    if problem:
        raise BranchError(problem)
    records = []
    for path, content in sorted(paths.items()):
        if content is None:
            if path not in entries:
                warnings.append(f"{path}: not in the tree, nothing to delete")
            records.append(f"0 {ZERO}\t{path}")
            continue
        # no --path: the content is stored as given (it came from HEAD's blobs), no clean filter runs
        sha = git.out("hash-object", "-w", "--stdin", input=content, env=env)
        mode = entries.get(path, "100644")
        if mode not in ("100644", "100755"):
            mode = "100644"  # a symlink or submodule replaced by a file's content
        records.append(f"{mode} {sha}\t{path}")
    if records:
        data = "".join(r + "\0" for r in records).encode("utf-8", "surrogateescape")
        git.run("update-index", "-z", "--index-info", input=data, env=env)
    tree = git.out("write-tree", env=env)
    return git.out(
        "commit-tree", "--no-gpg-sign", tree, "-p", parent, "-F", "-", input=_message(step.message), env=env
    )


def _identity(git: _Git) -> dict[str, str]:
    """The user's configured identity, or a ``deadcode`` fallback when none is configured."""
    missing = {}
    for var, keys in (
        ("GIT_AUTHOR_IDENT", ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL")),
        ("GIT_COMMITTER_IDENT", ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")),
    ):
        if git.run("var", var, check=False).returncode != 0:
            missing.update({k: _FALLBACK_IDENT[k] for k in keys})
    return missing


def _dirty(git: _Git, prefix: str, steps: list[Step]) -> list[str]:
    paths = sorted({_repo_path(prefix, p) for s in steps for p, c in s.changes.items() if c is not None})
    if not paths:
        return []
    proc = git.run(
        "diff",
        "--no-ext-diff",
        "--no-textconv",
        "--name-only",
        "-z",
        "HEAD",
        "--",
        *[f":(literal){p}" for p in paths],
        check=False,
        no_filters=True,
    )
    return [p.decode("utf-8", "surrogateescape") for p in proc.stdout.split(b"\0") if p]


def build_branch(
    repo_root: Path, name: str, steps: list[Step], force: bool = False, expected_base: str | None = None
) -> BranchResult:
    """Create branch ``name`` from HEAD with one commit per step (see the module doc). An
    existing branch is refused unless ``force``, and never replaced while checked out.
    ``expected_base``: the commit the plan was made from; refused when HEAD moved since."""
    git, prefix = _open_repo(Path(repo_root))
    base = _head(git)
    if expected_base is not None and base != expected_base:
        raise BranchError(
            f"HEAD moved while the plan was made (was {expected_base[:12]}, now {base[:12]}): run again"
        )
    ref = _check_name(git, name)
    old = git.run("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
    old_sha = old.stdout.decode().strip() if old.returncode == 0 else None
    if old_sha and not force:
        raise BranchError(f"branch {name} already exists (use --force to replace it)")
    if old_sha and _checked_out(git, ref):
        raise BranchError(f"branch {name} is checked out: switch to another branch before replacing it")
    warnings = [
        f"{p}: has uncommitted changes: they are not in the branch (it is planned and built from HEAD)"
        for p in _dirty(git, prefix, steps)
    ]
    remove_stale_temp_folders()
    tmp = tempfile.mkdtemp(prefix=f"{INDEX_PREFIX}{os.getpid()}-")
    try:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), **_identity(git)}
        git.run("read-tree", base, env=env)
        commits: list[str] = []
        parent = base
        for step in steps:
            parent = _commit_step(git, env, prefix, parent, step, warnings)
            commits.append(parent)
        git.run(
            "update-ref",
            "-m",
            f"deadcode: branch {name} ({len(commits)} commits)",
            ref,
            parent,
            old_sha or ZERO,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return BranchResult(name, base, parent, commits, old_sha, warnings)


_TEMP_NAME = re.compile(r"^deadcode-(?:index|verify)-(?:(\d+)-)?")


def remove_stale_temp_folders(older_than: float = 3600.0) -> int:
    """Remove ``deadcode-index-*``/``deadcode-verify-*`` folders of the temp dir that an
    interrupted ``branch`` (kill -9) left: those whose process is gone, or, for names without a
    pid, untouched for ``older_than`` seconds. Only the current user's real folders."""
    base = Path(tempfile.gettempdir())
    removed = 0
    try:
        names = os.listdir(base)
    except OSError:
        return 0
    now = time.time()
    for name in names:
        m = _TEMP_NAME.match(name)
        if not m:
            continue
        path = base / name
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if (
            not os.path.isdir(path)
            or os.path.islink(path)
            or (hasattr(os, "getuid") and st.st_uid != os.getuid())
        ):
            continue
        pid = int(m.group(1)) if m.group(1) else None
        if pid is not None:
            if pid == os.getpid() or _alive(pid):
                continue
        elif now - st.st_mtime < older_than:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _tail(text: str, lines: int = 40, chars: int = 4000) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])[-chars:]


def _run_command(command: str, cwd: Path, timeout: float) -> VerifyResult:
    start = time.monotonic()
    proc = subprocess.Popen(
        command,
        shell=True,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        # the command's whole process group: it was started in a session of its own above
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
        timed_out = True
    text = out.decode("utf-8", "replace")
    if timed_out:
        text += f"\n(timed out after {timeout:g}s)"
    return VerifyResult(
        command,
        124 if timed_out else proc.returncode,
        _tail(text),
        round(time.monotonic() - start, 3),
        timed_out,
    )


def verify_in_worktree(
    repo_root: Path, branch: str, commands: list[str], timeout: float = 900.0
) -> list[VerifyResult]:
    """Run each shell command in a temporary detached worktree of ``branch`` (at the same
    sub-folder as ``repo_root``); the worktree is removed afterwards."""
    git, prefix = _open_repo(Path(repo_root))
    sha = git.run("rev-parse", "--verify", "-q", f"refs/heads/{branch}^{{commit}}", check=False)
    if sha.returncode != 0:
        raise BranchError(f"no branch {branch}")
    remove_stale_temp_folders()
    tmp = Path(tempfile.mkdtemp(prefix=f"deadcode-verify-{os.getpid()}-"))
    tree = tmp / "tree"
    results: list[VerifyResult] = []
    try:
        # hooks off: a post-checkout hook must not run on the user's behalf
        # hooks off (gitops.git): a post-checkout hook must not run on the user's behalf;
        # filters off: checking out must not run the repository's smudge programs
        git.run(
            "worktree", "add", "--detach", "--quiet", str(tree), sha.stdout.decode().strip(), no_filters=True
        )
        cwd = tree / prefix if prefix else tree
        for command in commands:
            results.append(_run_command(command, cwd, timeout))
    finally:
        git.run("worktree", "remove", "--force", str(tree), check=False)
        shutil.rmtree(tmp, ignore_errors=True)
        git.run("worktree", "prune", check=False)
    return results
