"""Which files a scan reads: ``git ls-files`` in a git work tree, else a walk.

Skips dependency and build folders, symlinks (no loops, nothing outside ROOT), binary, huge
and undecodable files, each with a one-line warning so nothing disappears silently.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

SKIP_DIRS = frozenset(
    {
        "node_modules",
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".env",
        "env",
        "__pycache__",
        "dist",
        "build",
        ".next",
        ".nuxt",
        "coverage",
        ".deadcode-cache",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
        ".turbo",
        ".cache",
        ".parcel-cache",
        ".svelte-kit",
        "out",
        ".idea",
        ".vscode",
        ".tools",
    }
)

# Of SKIP_DIRS, the names that usually hold build output but that a project may give its own code
# too (onyx's ``server/features/build/`` package, ``src/lib/build/``): tracked by git, such a folder
# is read when it is, or sits in, a Python package, or lies under a ``src`` folder.
OUTPUT_NAMES = frozenset({"build", "dist", "out", "env", "coverage"})

PY_EXT = (".py",)
TS_EXT = (".ts", ".mts", ".cts")
TSX_EXT = (".tsx", ".jsx", ".js", ".mjs", ".cjs")
YAML_EXT = (".yaml", ".yml", ".tpl")
# Read for resolution and detection, not parsed into facts by tree-sitter.
SIDE_FILES = ("package.json", "index.html", "Chart.yaml")

# Never read for mentions: lock files list packages, not our modules; the rest is not text.
LOCK_FILES = frozenset(
    {
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "poetry.lock",
        "uv.lock",
        "pdm.lock",
        "pipfile.lock",
        "cargo.lock",
        "composer.lock",
        "gemfile.lock",
        "bun.lockb",
        "go.sum",
    }
)
NOT_TEXT_EXT = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".ico",
    ".icns",
    ".bmp",
    ".tiff",
    ".svg",
    ".pdf",
    ".zip",
    ".gz",
    ".tgz",
    ".bz2",
    ".xz",
    ".7z",
    ".tar",
    ".jar",
    ".whl",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".eot",
    ".mp3",
    ".mp4",
    ".mov",
    ".webm",
    ".wav",
    ".ogg",
    ".avi",
    ".so",
    ".dylib",
    ".dll",
    ".exe",
    ".bin",
    ".pyc",
    ".db",
    ".sqlite",
    ".parquet",
    ".npy",
    ".pkl",
    ".pickle",
    ".onnx",
    ".pt",
    ".map",
    ".min.js",
    ".min.css",
    ".snap",
    ".lock",
    ".csv",
    ".tsv",
    ".jsonl",
    ".ndjson",
    ".css",
    ".scss",
    ".less",
    ".sass",
    ".po",
    ".mo",
)

MAX_BYTES = 2 * 1024 * 1024  # a 2 MiB source file is generated or vendored, not hand-written


@dataclass(frozen=True)
class SourceFile:
    path: str  # repo-relative, '/' separated
    kind: str  # python | typescript | tsx | yaml | dotenv | json | html


@dataclass
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    git: bool = False
    listed: list[str] = field(
        default_factory=list
    )  # every file seen, before excludes (to check config globs)
    # source files whose name cannot be analysed (not UTF-8, control characters): never
    # findings, but the code they may import is a blind spot
    unlisted: list[str] = field(default_factory=list)


_BAD_NAME = re.compile("[\x00-\x1f\x7f\udc80-\udcff]")


def name_problem(path: str) -> str | None:
    """Why a file name cannot stand in findings and patches, or None. Names with a backslash
    are kept as they are: the backslash is part of the name, never a folder separator."""
    m = _BAD_NAME.search(path)
    if m is None:
        return None
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in path):
        return "file name is not UTF-8"
    return "file name holds control characters"


def shown_name(path: str) -> str:
    """A file name safe to print on one line: bytes that are not UTF-8 and control characters
    written as escapes."""
    raw = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if ord(c) >= 0x20 and ord(c) != 0x7F else f"\\x{ord(c):02x}" for c in raw)


def classify(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    low = name.lower()
    if low.endswith(PY_EXT):
        return "python"
    if low.endswith(TS_EXT):
        return "typescript"
    if low.endswith(TSX_EXT):
        if low.endswith((".min.js", ".bundle.js")):
            return None
        return "tsx"
    if low.endswith(YAML_EXT):
        return "yaml"
    if low == ".env" or low.startswith(".env.") or low.endswith(".env"):
        return "dotenv"
    if low == "package.json" or (low.startswith(("tsconfig", "jsconfig")) and low.endswith(".json")):
        return "json"
    if low.endswith((".html", ".htm")):
        return "html"  # every page's <script src> is an entry
    if low in ("pyproject.toml", "setup.cfg", "alembic.ini") or (
        low.startswith("requirements") and low.endswith(".txt")
    ):
        return "toml"  # read whole: manifests and tool settings idioms look into
    if low in LOCK_FILES or low.endswith(NOT_TEXT_EXT) or low.endswith(".d.ts"):
        return None
    return "text"  # docs, Dockerfiles, Makefiles, CI, nginx, ini: read for mentions only


def _git_files(root: Path) -> list[str] | None:
    """Tracked and untracked-not-ignored files, NUL-separated as git gives them (names that are
    not UTF-8 keep their bytes as surrogates)."""
    from deadcode.gitops import git

    try:
        out = git.run(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", timeout=120)
    except git.GitError:
        return None
    if out.returncode != 0:
        return None
    return sorted({git.decode_name(n) for n in git.split_z(out.stdout)})


def _walk_files(root: Path) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        rel = os.path.relpath(dirpath, root)
        for name in filenames:
            found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return sorted(found)


def _code_folders(names) -> frozenset[str]:
    """Folders of tracked files that hold a Python package's ``__init__.py``."""
    return frozenset(n[: -len("/__init__.py")] for n in names if n.endswith("/__init__.py"))


def _skipped(parts: list[str], packages: frozenset[str] | None) -> bool:
    """Whether a dependency or build folder holds the file. ``packages`` (git only, else None):
    the folders holding an ``__init__.py``, which make an output-named folder code."""
    for i, p in enumerate(parts[:-1]):
        if p not in SKIP_DIRS:
            continue
        if p in OUTPUT_NAMES and packages is not None:
            folder, parent = "/".join(parts[: i + 1]), "/".join(parts[:i])
            if folder in packages or (parent and parent in packages) or "src" in parts[:i]:
                continue
        return True
    return False


def _select(path: str, excluded, result: Discovery, packages: frozenset[str] | None = None) -> str | None:
    """The kind of ``path`` when it is analysed, else None (a skip worth saying is a warning)."""
    parts = path.split("/")
    if _skipped(parts, packages):
        return None
    kind = classify(path)
    if kind is None or excluded(path):
        return None
    problem = name_problem(path)
    if problem is not None:
        result.warnings.append(f"{shown_name(path)}: {problem}: skipped")
        result.unlisted.append(path)
        return None
    return kind


def discover(root: Path, excluded=lambda path: False) -> Discovery:
    """List analysable files under ``root``; ``excluded(path)`` drops configured excludes."""
    result = Discovery()
    names = _git_files(root)
    result.git = names is not None
    if names is None:
        names = _walk_files(root)
    result.listed = list(names)
    base = os.fspath(root)
    packages = _code_folders(names) if result.git else None  # an untracked build/ is output
    for path in names:
        kind = _select(path, excluded, result, packages)
        if kind is None:
            continue
        try:
            st = os.lstat(f"{base}/{path}")
        except OSError as exc:  # deleted but still in the index, permission denied
            result.warnings.append(f"{path}: unreadable ({exc.strerror or exc})")
            continue
        if kind == "text" and (not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES):
            continue  # read for mentions only: a link, or a data dump among the docs, is not worth a word
        if stat.S_ISLNK(st.st_mode):
            result.warnings.append(f"{path}: symlink skipped")
            continue
        if not stat.S_ISREG(st.st_mode):
            result.warnings.append(f"{path}: not a regular file, skipped")
            continue
        result.files.append(SourceFile(path, kind))
    return result


def discover_head(snapshot, excluded=lambda path: False) -> Discovery:
    """The analysable files of HEAD's tree (``gitops.head.HeadSnapshot``), like ``discover``."""
    result = Discovery(git=True)
    packages = _code_folders(snapshot.entries)
    for path in sorted(snapshot.entries):
        kind = _select(path, excluded, result, packages)
        if kind is not None:
            result.files.append(SourceFile(path, kind))
    for path, what in sorted(snapshot.skipped.items()):
        if _select(path, excluded, result, packages) is not None:
            result.warnings.append(f"{path}: {what} skipped")
    return result


class SourceRead(NamedTuple):
    """One file as read for analysis. ``problem`` is None for plain UTF-8 text; otherwise why it
    is not (``binary content``, ``UTF-16``, ``over the 2048 KiB limit``, ``unreadable (...)``), and
    then ``data`` is what a byte scan may look at (the text re-encoded as UTF-8 for UTF-16, a
    prefix of a huge file), or None."""

    data: bytes | None
    problem: str | None = None
    size: int = 0


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_source(root: Path, path: str, scan_limit: int = 64 * 1024 * 1024) -> SourceRead:
    """Read ``path`` without following a final symlink and without blocking on a fifo."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        # a string join: ``root / path`` built a Path per file, more CPU than the read itself
        fd = os.open(f"{os.fspath(root)}/{path}", flags)
    except OSError as exc:
        return SourceRead(None, f"unreadable ({exc.strerror or exc})")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return SourceRead(None, "not a regular file")
        # os.read straight into bytes: no file object per file (10,000 of them on a warm run)
        want = min(st.st_size, scan_limit) + 1
        data = os.read(fd, want)
        if len(data) == want:  # bigger than fstat said (it grew): read on, up to the limit
            rest, total = [data], len(data)
            while total < scan_limit and (chunk := os.read(fd, 1 << 20)):
                rest.append(chunk)
                total += len(chunk)
            data = b"".join(rest)
    except OSError as exc:
        return SourceRead(None, f"unreadable ({exc.strerror or exc})")
    finally:
        os.close(fd)
    return classify_bytes(data[:scan_limit], st.st_size)


def classify_bytes(data: bytes, size: int | None = None) -> SourceRead:
    """``SourceRead`` of bytes already read (a file, or a blob from git)."""
    size = max(size or 0, len(data))
    if size > MAX_BYTES:
        return SourceRead(data, f"over the {MAX_BYTES // 1024} KiB limit ({size // 1024} KiB)", size)
    if data.startswith(UTF16_BOMS):
        return SourceRead(data.decode("utf-16", "replace").encode("utf-8", "replace"), "UTF-16 text", size)
    if data.find(b"\0", 0, 8192) >= 0:  # find with bounds: no copy of the first 8 KiB
        return SourceRead(data, "binary content", size)
    return SourceRead(data, None, size)
