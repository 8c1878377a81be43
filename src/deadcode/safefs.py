"""Reading and writing the files deadcode owns (cache, outputs, baseline) on a repository it
may not trust.

A pull request can commit a symlink where deadcode writes (``.deadcode-cache`` -> a folder
outside the repository, ``.deadcode-baseline.json`` -> ``~/.bashrc``). So:

- a path is refused when reaching it would follow a symlink inside the repository
  (``symlink_inside``); symlinks outside the repository are the user's own and followed;
- ``write_atomic`` replaces only regular files (write a temporary file in the same folder,
  then rename it over the old one): it refuses symlinks, folders and special files such as
  ``/dev/full``, and a temporary file never outlives a failed write;
- every failure is an ``UnsafePath`` or ``OSError`` with a one-line ``describe``-able reason.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class UnsafePath(Exception):
    """A path deadcode refuses to read or write: ``str()`` is one line naming it."""


def absolute(path: Path) -> Path:
    """``path`` made absolute without resolving symlinks (``..`` folded lexically)."""
    return Path(os.path.normpath(os.path.abspath(path)))


def inside(root: Path, path: Path) -> bool:
    """Whether ``path`` is ``root`` or below it, lexically (a symlink is not followed)."""
    root_abs, path_abs = absolute(root), absolute(path)
    return path_abs == root_abs or root_abs in path_abs.parents


def symlink_inside(root: Path, path: Path) -> Path | None:
    """The first symlink that resolving ``path`` would follow inside the repository at
    ``root`` (``path`` itself included), or None. Symlinks outside the repository (the user's
    own, e.g. a home folder that is a link) are followed; parts that do not exist yet are fine,
    they will be made as real folders."""
    repo = Path(os.path.realpath(root))
    full = absolute(path)
    current = Path(full.anchor)
    pending = list(full.parts[1:])
    hops = 0
    while pending:
        part = pending.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent
            continue
        candidate = current / part
        try:
            mode = os.lstat(candidate).st_mode
        except OSError:
            return None  # missing (made later) or unreadable (the write itself will say why)
        if not stat.S_ISLNK(mode):
            current = candidate
            continue
        if inside(repo, candidate):
            return candidate
        hops += 1
        if hops > 40:
            return None
        target = Path(os.readlink(candidate))
        if target.is_absolute():
            current = Path(target.anchor)
            pending = list(target.parts[1:]) + pending
        else:
            pending = list(target.parts) + pending
    return None


def physical(path: Path) -> Path:
    """Where ``path`` really is (symlinks resolved), for deciding whether it is in the repository."""
    return Path(os.path.realpath(absolute(path)))


def check_target(root: Path, path: Path, what: str) -> None:
    """Refuse ``path`` when it goes through a symlink inside the repository at ``root``."""
    link = symlink_inside(root, path)
    if link is not None:
        try:
            shown = link.relative_to(physical(root)).as_posix()
        except ValueError:
            shown = str(link)
        raise UnsafePath(f"{shown}: {what} path is a symlink inside the repository: refusing to follow it")


def describe(exc: OSError) -> str:
    """A short reason for an OSError (``Permission denied``, ``Not a directory``)."""
    return exc.strerror or str(exc) or type(exc).__name__


def regular_or_missing(path: Path | str, what: str) -> bool:
    """True when ``path`` is a regular file, False when nothing is there; ``UnsafePath`` for a
    symlink, a folder or a special file (a device, a fifo, a socket)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise UnsafePath(f"{path}: a parent of the {what} is a file, not a folder") from None
    except OSError as exc:
        raise UnsafePath(f"{path}: cannot use the {what} ({describe(exc)})") from None
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(f"{path}: the {what} is a symlink: refusing to follow it")
    if stat.S_ISDIR(st.st_mode):
        raise UnsafePath(f"{path}: the {what} is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafePath(f"{path}: the {what} is not a regular file: refusing to replace it")
    return True


def read_regular(path: Path | str, what: str, limit: int = 64 * 1024 * 1024) -> bytes | None:
    """The bytes of a regular file (None when absent), never through a final symlink, never
    from a device or fifo (which could block forever), at most ``limit`` bytes."""
    if not regular_or_missing(path, what):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnsafePath(f"{path}: cannot read the {what} ({describe(exc)})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(f"{path}: the {what} is not a regular file")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise UnsafePath(f"{path}: the {what} is over {limit // (1024 * 1024)} MiB")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnsafePath(f"{path}: cannot read the {what} ({describe(exc)})") from None
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, what: str = "file") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: readers see the old
    file or the new one, never a torn one. Only a regular file (or nothing) is replaced; the
    folder must exist or be creatable. Raises ``UnsafePath`` with a one-line reason."""
    path = Path(path)
    existing = regular_or_missing(path, what)
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UnsafePath(f"{path}: a parent of the {what} is a file, not a folder") from None
    except OSError as exc:
        raise UnsafePath(f"{path}: cannot create the folder of the {what} ({describe(exc)})") from None
    if not parent.is_dir():
        raise UnsafePath(f"{path}: a parent of the {what} is a file, not a folder")
    mode = None
    if existing:
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except OSError:
            mode = None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise UnsafePath(f"{path}: cannot write the {what} ({describe(exc)})") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (a file the user named with ``--output``) without following a
    final symlink; bytes kept as surrogates (a patch of a file that is not UTF-8) are written as
    they are."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafePath(f"{path}: output path is a symlink: refusing to follow it") from None
        raise UnsafePath(f"{path}: cannot write ({describe(exc)})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(text)
    except OSError as exc:
        raise UnsafePath(f"{path}: cannot write ({describe(exc)})") from None


def read_bytes_inside(
    root: Path, path: str, limit: int = 2 * 1024 * 1024, folders: dict[str, bool] | None = None
) -> bytes | None:
    """The bytes of ``root/path`` read without a symlink inside the repository, never from a
    device, at most ``limit`` bytes; None when it cannot be so read. ``folders`` (folder ->
    no symlink on the way to it) lets a run that reads thousands of files check each folder
    once: the file itself is still checked every time."""
    if folders is None or any(p in ("", ".", "..") for p in path.split("/")):
        full = Path(root) / path
        if symlink_inside(Path(root), full) is not None:
            return None
    else:
        full = f"{os.fspath(root)}/{path}"  # a plain path: no Path object per file read
        folder = path.rpartition("/")[0]
        safe = folders.get(folder)
        if safe is None:
            safe = folders[folder] = symlink_inside(Path(root), Path(root) / folder) is None
        if not safe or os.path.islink(full):
            return None
    try:
        return read_regular(full, "config file", limit=limit)
    except UnsafePath:
        return None
