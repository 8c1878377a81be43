"""Which files a scan reads: ``git ls-files`` in a git work tree, else a walk.

Skips dependency and build folders, symlinks (no loops, nothing outside ROOT), binary, huge
and undecodable files, each with a one-line warning so nothing disappears silently.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SKIP_DIRS = frozenset(
    {
        "node_modules", ".git", ".hg", ".svn", ".venv", "venv", ".env", "env", "__pycache__",
        "dist", "build", ".next", ".nuxt", "coverage", ".deadcode-cache", ".tox", ".nox",
        ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".turbo", ".cache",
        ".parcel-cache", ".svelte-kit", "out", ".idea", ".vscode", ".tools",
    }
)

PY_EXT = (".py",)
TS_EXT = (".ts", ".mts", ".cts")
TSX_EXT = (".tsx", ".jsx", ".js", ".mjs", ".cjs")
YAML_EXT = (".yaml", ".yml", ".tpl")
# Read for resolution and detection, not parsed into facts by tree-sitter.
SIDE_FILES = ("package.json", "index.html", "Chart.yaml")

# Never read for mentions: lock files list packages, not our modules; the rest is not text.
LOCK_FILES = frozenset({"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "uv.lock", "pdm.lock",
                        "pipfile.lock", "cargo.lock", "composer.lock", "gemfile.lock", "bun.lockb", "go.sum"})
NOT_TEXT_EXT = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".icns", ".bmp", ".tiff", ".svg", ".pdf", ".zip",
                ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar", ".jar", ".whl", ".woff", ".woff2", ".ttf", ".otf", ".eot",
                ".mp3", ".mp4", ".mov", ".webm", ".wav", ".ogg", ".avi", ".so", ".dylib", ".dll", ".exe", ".bin", ".pyc",
                ".db", ".sqlite", ".parquet", ".npy", ".pkl", ".pickle", ".onnx", ".pt", ".map", ".min.js", ".min.css",
                ".snap", ".lock", ".csv", ".tsv", ".jsonl", ".ndjson", ".css", ".scss", ".less", ".sass", ".po", ".mo")

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
    listed: list[str] = field(default_factory=list)  # every file seen, before excludes (to check config globs)


def classify(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    low = name.lower()
    if low.endswith(PY_EXT):
        return "python"
    if low.endswith(".d.ts"):
        return None  # declarations: types only, no runtime reachability
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
    if low in ("pyproject.toml", "setup.cfg", "alembic.ini") or (low.startswith("requirements") and low.endswith(".txt")):
        return "toml"  # read whole: manifests and tool settings idioms look into
    if low in LOCK_FILES or low.endswith(NOT_TEXT_EXT) or low.endswith(".d.ts"):
        return None
    return "text"  # docs, Dockerfiles, Makefiles, CI, nginx, ini: read for mentions only


def _git_files(root: Path) -> list[str] | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    names = [n for n in out.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return sorted(set(names))


def _walk_files(root: Path) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        rel = os.path.relpath(dirpath, root)
        for name in filenames:
            found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return sorted(found)


def discover(root: Path, excluded=lambda path: False) -> Discovery:
    """List analysable files under ``root``; ``excluded(path)`` drops configured excludes."""
    result = Discovery()
    names = _git_files(root)
    result.git = names is not None
    if names is None:
        names = _walk_files(root)
    result.listed = list(names)
    for path in names:
        parts = path.split("/")
        if any(p in SKIP_DIRS for p in parts[:-1]):
            continue
        kind = classify(path)
        if kind is None or excluded(path):
            continue
        full = root / path
        try:
            if full.is_symlink():
                if kind != "text":
                    result.warnings.append(f"{path}: symlink skipped")
                continue
            size = full.stat().st_size
        except OSError as exc:  # deleted but still in the index, permission denied
            result.warnings.append(f"{path}: unreadable ({exc.strerror or exc})")
            continue
        if size > MAX_BYTES:
            if kind == "text":
                continue  # a data dump among the docs: no mentions worth its bytes
            result.warnings.append(f"{path}: skipped, {size // 1024} KiB is over the {MAX_BYTES // 1024} KiB limit")
            continue
        result.files.append(SourceFile(path, kind))
    return result


def read_checked(root: Path, path: str) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and a one-line reason (binary, not UTF-8, unreadable)."""
    try:
        data = (root / path).read_bytes()
    except OSError as exc:
        return None, f"{path}: unreadable ({exc.strerror or exc})"
    if b"\0" in data[:8192]:
        return None, f"{path}: skipped, binary content"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"{path}: skipped, not UTF-8 (byte {exc.start})"
    return data, None
