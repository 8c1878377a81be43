"""A copy-on-write view of the repository: plan steps edit it in memory, in order."""

from __future__ import annotations

from pathlib import Path

from deadcode.discover.files import classify
from deadcode.facts.extract import extract
from deadcode.facts.model import FileFacts


def working_tree_reader(root: Path):
    def read(path: str) -> bytes | None:
        try:
            return (root / path).read_bytes()
        except OSError:
            return None

    return read


def head_reader(root: Path):
    """Files as committed at HEAD: a removal branch starts from HEAD, not from the user's
    uncommitted edits (blobs read through ``gitops.head``: no textconv, no filters, no hooks)."""
    from deadcode.gitops.head import head_blob_reader

    return head_blob_reader(root)


class VirtualTree:
    def __init__(self, root: Path, reader=None):
        self.root = root
        self._read = reader or working_tree_reader(root)
        self.changes: dict[str, bytes | None] = {}
        self._facts: dict[tuple[str, int], FileFacts] = {}

    def read(self, path: str) -> bytes | None:
        if path in self.changes:
            return self.changes[path]
        return self._read(path)

    def exists(self, path: str) -> bool:
        return self.read(path) is not None

    def write(self, path: str, data: bytes | None) -> None:
        self.changes[path] = data

    def facts(self, path: str) -> FileFacts | None:
        """Facts of the file as it is now (after earlier steps)."""
        data = self.read(path)
        kind = classify(path)
        if data is None or kind is None:
            return None
        key = (path, hash(data))
        if key not in self._facts:
            self._facts[key] = extract(path, kind, data)
        return self._facts[key]
