"""Where the cache lives, and whether deadcode may use it at all.

The default folder ``ROOT/.deadcode-cache`` is inside a repository deadcode may not trust: a
pull request can commit it (a poisoned cache, or a symlink to a folder outside the repository).
So the cache is used only when

- no part of its path inside the repository is a symlink,
- git tracks nothing in it (a committed cache is someone else's data: ignored, with a warning),
- the files deadcode keeps in it are regular files or absent (no symlinks, no devices).

Otherwise the run goes on without a cache and says why in one warning.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from deadcode.safefs import absolute, inside, physical, symlink_inside

DEFAULT_FOLDER = ".deadcode-cache"
STORE_FILE = "deadcode.sqlite"
# Every name the store makes in the folder: the database, sqlite's journals, the .gitignore.
OWNED_FILES = (STORE_FILE, STORE_FILE + "-journal", STORE_FILE + "-wal", STORE_FILE + "-shm", ".gitignore")


def tracked_by_git(root: Path, rel: str) -> bool:
    """Whether git tracks anything at or under ``rel`` (repo-relative) in the repository at ``root``."""
    from deadcode.gitops import git

    try:
        proc = git.run(root, "ls-files", "-z", "--cached", "--", f":(literal){rel}", timeout=60)
    except git.GitError:
        return False
    return proc.returncode == 0 and bool(proc.stdout.strip(b"\0"))


def cache_folder(root: Path, given: Path | None) -> tuple[Path | None, str | None]:
    """``(folder to use, None)`` or ``(None, one-line warning)`` (see the module doc)."""
    folder = absolute(given) if given is not None else absolute(root) / DEFAULT_FOLDER
    shown = _shown(root, folder)
    link = symlink_inside(root, folder)
    if link is not None:
        return (
            None,
            f"{_shown(root, link)}: cache path is a symlink inside the repository: running without a cache",
        )
    folder = physical(folder)
    repo = physical(root)
    if inside(repo, folder):
        if folder == repo:
            return None, f"{shown}: the cache folder cannot be the repository root: running without a cache"
        if os.path.lexists(folder) and tracked_by_git(repo, folder.relative_to(repo).as_posix()):
            return None, (
                f"{shown}: the cache folder is tracked by git: ignored, running without a cache "
                f"(untrack it: git rm -r --cached {shown})"
            )
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return folder, None
    except OSError as exc:
        return None, f"{shown}: cache folder unusable ({exc.strerror or exc}): running without a cache"
    if not stat.S_ISDIR(st.st_mode):
        kind = "a symlink" if stat.S_ISLNK(st.st_mode) else "not a folder"
        return None, f"{shown}: the cache folder is {kind}: running without a cache"
    for name in OWNED_FILES:
        try:
            mode = os.lstat(folder / name).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            what = "a symlink" if stat.S_ISLNK(mode) else "not a regular file"
            return None, f"{shown}/{name}: {what} in the cache folder: running without a cache"
    return folder, None


def _shown(root: Path, path: Path) -> str:
    try:
        return absolute(path).relative_to(physical(root)).as_posix()
    except ValueError:
        return str(path)
