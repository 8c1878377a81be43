"""A copy-on-write view of the repository: plan steps edit it in memory, in order.

``VirtualTree`` holds what the steps emitted so far changed; ``TreeView`` is that tree plus the
changes of a step still being checked, so a step is verified before it is applied."""

from __future__ import annotations

from pathlib import Path

from deadcode.discover.files import classify
from deadcode.facts.extract import digest, extract
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
    """The repository as the emitted steps left it. ``base_facts`` (the analysed facts) are
    reused for files whose bytes did not change, so unchanged files are never parsed again."""

    def __init__(self, root: Path, reader=None, base_facts: dict[str, FileFacts] | None = None):
        self.root = root
        self._read = reader or working_tree_reader(root)
        self.changes: dict[str, bytes | None] = {}
        self._facts: dict[tuple[str, int], FileFacts] = {}
        self._base_facts = base_facts or {}
        self._base_cache: dict[str, bytes | None] = {}

    def read(self, path: str) -> bytes | None:
        if path in self.changes:
            return self.changes[path]
        if path not in self._base_cache:
            self._base_cache[path] = self._read(path)
        return self._base_cache[path]

    def exists(self, path: str) -> bool:
        return self.read(path) is not None

    def write(self, path: str, data: bytes | None) -> None:
        self.changes[path] = data

    def deleted(self) -> frozenset[str]:
        return frozenset(p for p, v in self.changes.items() if v is None)

    def facts(self, path: str) -> FileFacts | None:
        """Facts of the file as it is now (after earlier steps)."""
        return self.facts_of(path, self.read(path))

    def facts_of(self, path: str, data: bytes | None) -> FileFacts | None:
        kind = classify(path)
        if data is None or kind is None:
            return None
        key = (path, hash(data))
        hit = self._facts.get(key)
        if hit is None:
            base = self._base_facts.get(path)
            d = digest(data)
            hit = base if base is not None and base.digest == d else extract(path, kind, data, d)
            self._facts[key] = hit
        return hit

    def snapshot(self) -> dict[str, bytes | None]:
        return dict(self.changes)

    def restore(self, changes: dict[str, bytes | None]) -> None:
        self.changes = dict(changes)


class TreeView:
    """``tree`` with ``pending`` changes on top (``None`` deletes): what the tree would be after
    a step, without applying it."""

    def __init__(self, tree: VirtualTree, pending: dict[str, bytes | None] | None = None):
        self.tree = tree
        self.pending = pending if pending is not None else {}

    def read(self, path: str) -> bytes | None:
        if path in self.pending:
            return self.pending[path]
        return self.tree.read(path)

    def exists(self, path: str) -> bool:
        return self.read(path) is not None

    def facts(self, path: str) -> FileFacts | None:
        return self.tree.facts_of(path, self.read(path))

    def deleted(self) -> frozenset[str]:
        gone = set(self.tree.deleted())
        for p, v in self.pending.items():
            if v is None:
                gone.add(p)
            else:
                gone.discard(p)
        return frozenset(gone)
