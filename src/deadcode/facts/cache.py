"""The per-file facts cache: one pickle keyed by (path, content digest).

The file name carries the tool version and a digest of every query, so upgrading deadcode or
editing a ``.scm`` query invalidates it. Writes go to a temporary file and are renamed into
place, so an interrupted scan never leaves a torn cache.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from deadcode import __version__
from deadcode.facts.model import FileFacts
from deadcode.facts.parsing import queries_version

Key = tuple[str, str]  # (path, digest)


class FactsCache:
    def __init__(self, directory: Path | None):
        self.directory = directory
        self.entries: dict[Key, FileFacts] = {}
        self.used: set[Key] = set()
        self.dirty = False
        self.warning: str | None = None
        self._loaded = directory is None

    def _ensure(self) -> None:
        # loaded on first use: a run whose verdicts are cached never needs the facts
        if not self._loaded:
            self._loaded = True
            self._load()

    @property
    def file(self) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / f"facts-{__version__}-{queries_version()}.pickle"

    def _load(self) -> None:
        path = self.file
        if path is None or not path.exists():
            return
        try:
            with path.open("rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, dict):
                self.entries = data
        except Exception:  # a corrupt or foreign cache is rebuilt, never trusted
            self.warning = f"{path}: unreadable cache ignored"
            self.entries = {}

    def get(self, key: Key) -> FileFacts | None:
        self._ensure()
        facts = self.entries.get(key)
        if facts is not None:
            self.used.add(key)
        return facts

    def put(self, key: Key, facts: FileFacts) -> None:
        self._ensure()
        self.entries[key] = facts
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        """Write what this run used (entries of deleted or changed files are dropped)."""
        path = self.file
        if path is None or not self._loaded:
            return
        if not self.dirty and len(self.used) == len(self.entries):
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            gitignore = path.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n")
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".facts-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(keep, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob("facts-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError as exc:
            self.warning = f"{path.parent}: cache not written ({exc.strerror or exc})"
