"""The frontend's own bundler as a judge: each frontend entry a group touches is bundled by
esbuild (``--bundle --packages=external``) before and after, in a private copy of its package
that follows the virtual tree; an error the bundle did not have before fails the step.

No Node.js / esbuild on the machine: every step says ``skipped: ...`` in one line, never fails.
Entries are ``verify.bundle`` when configured, else the frontend entries the analysis detected
(the module script of an ``index.html``, ``src/main.tsx``), or configured ``entry`` TS files
under a ``src/`` folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SKIP_DIRS = {
    "node_modules",
    ".git",
    "dist",
    "build",
    ".next",
    ".turbo",
    ".cache",
    "coverage",
    ".deadcode-cache",
}
OUTPUT_DIRS = {"dist", "build", "coverage"}  # output, unless code under a src/ folder (src/lib/build/)


def _skipped_dir(parents: tuple[str, ...], name: str) -> bool:
    return name in SKIP_DIRS and not (name in OUTPUT_DIRS and "src" in parents)


ASSET_LOADERS = [
    f"--loader:.{ext}=file"
    for ext in (
        "png",
        "jpg",
        "jpeg",
        "gif",
        "webp",
        "avif",
        "ico",
        "svg",
        "woff",
        "woff2",
        "ttf",
        "eot",
        "otf",
        "mp4",
        "webm",
        "mp3",
        "wav",
        "pdf",
    )
]
FRONTEND_EXTS = (
    ".ts",
    ".tsx",
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".mts",
    ".cts",
    ".css",
    ".scss",
    ".json",
    ".svg",
)
_ERROR = re.compile(r"^(?:✘ )?\[ERROR\] (?P<msg>.*?)\s*$")
_LOCATION = re.compile(r"^\s+(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+):\s*$")
TIMEOUT = 300.0


def find_esbuild(root: Path, extra: tuple[Path, ...] = ()) -> str | None:
    """An esbuild that runs here: ``DEADCODE_ESBUILD``, the repository's (or a package's)
    ``node_modules/.bin``, a ``.tools`` folder (the repository's or deadcode's own checkout), PATH."""
    cands: list[Path] = []
    env = os.environ.get("DEADCODE_ESBUILD")
    if env:
        cands.append(Path(env))
    for base in (*extra, root):
        cands += [base / "node_modules/.bin/esbuild", base / ".tools/node_modules/.bin/esbuild"]
    here = Path(__file__).resolve()
    cands += [p / ".tools/node_modules/.bin/esbuild" for p in here.parents[2:4]]
    which = shutil.which("esbuild")
    if which:
        cands.append(Path(which))
    for c in cands:
        if c.is_file() and os.access(c, os.X_OK) and _runs(c):
            return str(c)
    return None


def _runs(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    # the npm shim needs node
    return not (
        head.startswith(b"#!") and b"node" in head.split(b"\n", 1)[0] and shutil.which("node") is None
    )


def package_dir(entry: str, exists) -> str:
    """The folder an entry is bundled from: the nearest folder above it holding a package.json
    or tsconfig.json (else the entry's own folder)."""
    parts = entry.split("/")[:-1]
    while parts:
        folder = "/".join(parts)
        if exists(f"{folder}/package.json") or exists(f"{folder}/tsconfig.json"):
            return folder
        parts.pop()
    return "" if exists("package.json") or exists("tsconfig.json") else "/".join(entry.split("/")[:-1])


def error_keys(stderr: str) -> set[tuple[str, str]]:
    """(message, file) of every esbuild error: lines move with edits, messages and files do not."""
    out = set()
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        m = _ERROR.match(line)
        if not m:
            continue
        where = ""
        for nxt in lines[i + 1 : i + 4]:
            loc = _LOCATION.match(nxt)
            if loc:
                where = loc.group("file")
                break
        out.add((m.group("msg"), where))
    return out


class Bundler:
    """One private copy per frontend package, kept in step with the tree the plan is on."""

    def __init__(self, root: Path, esbuild: str | None, entries: list[str], from_head: bool):
        self.root = root
        self.esbuild = esbuild
        self.entries = entries
        self.from_head = from_head
        self._tmp: Path | None = None
        self._copies: dict[str, Path] = {}  # package folder -> its copy
        self._written: dict[str, bytes | None] = {}  # repo path -> what the copy holds instead of the base
        self._results: dict[tuple, tuple[set, str]] = {}

    @property
    def available(self) -> bool:
        return self.esbuild is not None and bool(self.entries)

    def skip_reason(self) -> str:
        if not self.entries:
            return "skipped: no frontend entry to bundle"
        return "skipped: no node/esbuild (install esbuild or set verify.bundle with esbuild on PATH)"

    def entries_touching(self, paths, exists) -> list[str]:
        """Entries whose package holds one of ``paths`` (a frontend file)."""
        out = []
        for e in self.entries:
            folder = package_dir(e, exists)
            prefix = f"{folder}/" if folder else ""
            if any(p.startswith(prefix) and p.endswith(FRONTEND_EXTS) for p in paths):
                out.append(e)
        return out

    # ------------------------------------------------------------------ the copies
    def _copy(self, folder: str, read_base) -> Path:
        hit = self._copies.get(folder)
        if hit is not None:
            return hit
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="deadcode-bundle-"))
        dest = self._tmp / f"p{len(self._copies)}"
        dest.mkdir(parents=True)
        if self.from_head:
            self._copy_from_head(folder, dest)
        else:
            src = self.root / folder if folder else self.root
            for dirpath, dirnames, filenames in os.walk(src):
                rel = Path(dirpath).relative_to(src)
                dirnames[:] = [d for d in dirnames if not _skipped_dir(rel.parts, d)]
                (dest / rel).mkdir(parents=True, exist_ok=True)
                for name in filenames:
                    s = Path(dirpath) / name
                    if s.is_symlink() or not s.is_file():
                        continue
                    try:  # a hard link where it can (``_put`` unlinks before it writes), else a copy
                        os.link(s, dest / rel / name)
                    except OSError:
                        try:
                            shutil.copyfile(s, dest / rel / name)
                        except OSError:
                            continue
        self._copies[folder] = dest
        return dest

    def _copy_from_head(self, folder: str, dest: Path) -> None:
        import tarfile

        prefix = subprocess.run(
            ["git", "-C", str(self.root), "rev-parse", "--show-prefix"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        tree = f"HEAD:{prefix}{folder}" if (prefix or folder) else "HEAD"
        tar = dest.parent / (dest.name + ".tar")
        with tar.open("wb") as fh:
            proc = subprocess.run(
                ["git", "-C", str(self.root), "archive", "--format=tar", tree],
                stdout=fh,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        if proc.returncode == 0:
            with tarfile.open(tar) as tf:
                members = [
                    m
                    for m in tf.getmembers()
                    if (m.isfile() or m.isdir())
                    and not any(
                        _skipped_dir(Path(m.name).parts[:i], d) for i, d in enumerate(Path(m.name).parts)
                    )
                    and ".." not in Path(m.name).parts
                ]
                tf.extractall(dest, members=members)
        tar.unlink(missing_ok=True)

    def _sync(self, folder: str, copy: Path, state: dict[str, bytes | None], read_base) -> None:
        """Make the copy hold the base files overridden by ``state`` (path -> bytes, None deletes)."""
        prefix = f"{folder}/" if folder else ""
        wanted = {p: v for p, v in state.items() if p.startswith(prefix)}
        for p in [p for p in self._written if p.startswith(prefix) and p not in wanted]:
            self._put(copy / p[len(prefix) :], read_base(p))
            del self._written[p]
        for p, v in wanted.items():
            if p in self._written and self._written[p] == v:
                continue
            self._put(copy / p[len(prefix) :], v)
            self._written[p] = v

    @staticmethod
    def _put(path: Path, data: bytes | None) -> None:
        # always unlink first: the copy's files may be hard links to the user's own files
        path.unlink(missing_ok=True)
        if data is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    # ------------------------------------------------------------------ bundling
    def errors(self, entry: str, state: dict[str, bytes | None], exists, read_base) -> tuple[set, str]:
        """(error keys, a one-line reason when the bundle could not run) for ``entry`` with the
        tree in ``state`` (every change the plan made so far, path -> bytes or None)."""
        folder = package_dir(entry, exists)
        prefix = f"{folder}/" if folder else ""
        relevant = tuple(sorted((p, hash(v)) for p, v in state.items() if p.startswith(prefix)))
        key = (entry, relevant)
        if key in self._results:
            return self._results[key]
        copy = self._copy(folder, read_base)
        self._sync(folder, copy, state, read_base)
        rel = entry[len(prefix) :]
        if not (copy / rel).exists():
            result: tuple[set, str] = (set(), f"{entry} does not exist")
        else:
            out = copy.parent / f"{copy.name}.out.js"
            cmd = [
                self.esbuild,
                rel,
                "--bundle",
                "--packages=external",
                f"--outfile={out}",
                "--log-level=error",
                "--log-limit=0",
                "--color=false",
                "--format=esm",
                *ASSET_LOADERS,
            ]
            try:
                proc = subprocess.run(
                    cmd, cwd=copy, capture_output=True, text=True, timeout=TIMEOUT, check=False
                )
                keys = error_keys(proc.stderr)
                if proc.returncode != 0 and not keys:
                    keys = {
                        (
                            proc.stderr.strip().splitlines()[-1]
                            if proc.stderr.strip()
                            else f"esbuild exit {proc.returncode}",
                            entry,
                        )
                    }
                result = (keys, "")
            except (OSError, subprocess.TimeoutExpired) as exc:
                result = (set(), f"esbuild did not run ({type(exc).__name__})")
        self._results[key] = result
        return result

    def prefetch(self, exists) -> None:
        """Bundle every entry as the repository is, in the background, while the plan is made:
        the "before" half of the check costs no wall time when the machine has a core free."""
        import threading

        if not self.available:
            return

        def work() -> None:
            for entry in self.entries:
                try:
                    self.errors(entry, {}, exists, lambda p: None)
                except (OSError, ValueError, RuntimeError, subprocess.SubprocessError):
                    return  # a background failure only costs the head start

        self._thread = threading.Thread(target=work, name="deadcode-bundle", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        thread = getattr(self, "_thread", None)
        if thread is not None:
            thread.join()
            self._thread = None

    def close(self) -> None:
        self.wait()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
            self._copies.clear()
            self._written.clear()


def auto_entries(program) -> list[str]:
    """The frontend entries the analysis found (index.html module scripts, src/main.tsx), or
    configured entries that are TS/JS files under a ``src/`` folder."""
    out = []
    for path, why in sorted(program.entry_reasons.items()):
        if not path.endswith((".ts", ".tsx", ".js", ".jsx", ".mjs")):
            continue
        if (
            why.startswith(("module script of", "script of "))
            or why == "frontend entry by convention"
            or why == "configured entry"
            and re.search(r"(^|/)src/(main|index)\.[cm]?[jt]sx?$", path)
        ):
            out.append(path)
    return out
