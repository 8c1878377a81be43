"""HEAD's committed content, read straight from git's object store.

``deadcode branch`` builds its commits on HEAD, so its plan must come from HEAD too: a plan made
from the working tree would carry the user's uncommitted edits into verdicts (an edit that
removes a route would make the branch delete a page HEAD still imports). ``read_head`` lists
HEAD's tree (``ls-tree -z``, names as bytes) and reads every blob deadcode analyses in one
``cat-file --batch``: no filters, no textconv, no working-tree file is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deadcode.gitops import git


class HeadError(Exception):
    """HEAD cannot be read (not a git repository, no commits yet): one line."""


@dataclass
class HeadSnapshot:
    top: Path  # the repository's top level
    prefix: str  # the analysed root's path inside the repository ("" or "sub/dir/")
    commit: str
    # root-relative path -> (mode, blob id) of every regular file under the root
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # symlinks, submodules: path -> what
    blobs: dict[str, bytes] = field(default_factory=dict)

    def load(self, paths: list[str]) -> None:
        """Read the blobs of ``paths`` (one git process for all of them)."""
        wanted = [p for p in paths if p in self.entries and p not in self.blobs]
        if not wanted:
            return
        ids = [self.entries[p][1] for p in wanted]
        proc = git.run(self.top, "cat-file", "--batch", input=("\n".join(ids) + "\n").encode("ascii"))
        if proc.returncode != 0:
            raise HeadError(
                f"cannot read HEAD's files: {git.first_line(proc.stderr) or 'git cat-file failed'}"
            )
        out, pos = proc.stdout, 0
        by_id: dict[str, bytes] = {}
        while pos < len(out):
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) != 3 or header[1] != b"blob":
                continue  # "<id> missing": nothing to read
            size = int(header[2])
            by_id[header[0].decode("ascii")] = out[pos : pos + size]
            pos += size + 1
        for p in wanted:
            data = by_id.get(self.entries[p][1])
            if data is not None:
                self.blobs[p] = data

    def read(self, path: str) -> bytes | None:
        if path not in self.blobs:
            self.load([path])
        return self.blobs.get(path)


def read_head(root: Path) -> HeadSnapshot:
    """HEAD's tree under ``root`` (blobs are read on demand, see ``HeadSnapshot.load``)."""
    root = Path(root)
    try:
        proc = git.run(root, "rev-parse", "--show-toplevel", "--show-prefix")
    except git.GitError as exc:
        raise HeadError(str(exc)) from None
    lines = proc.stdout.decode("utf-8", "surrogateescape").split("\n")
    if proc.returncode != 0 or not lines[0]:
        raise HeadError(f"{root}: not a git repository: deadcode branch builds its commits with git")
    top = Path(lines[0])
    prefix = lines[1] if len(lines) > 1 else ""
    head = git.run(top, "rev-parse", "--verify", "-q", "HEAD^{commit}")
    if head.returncode != 0:
        raise HeadError(f"{top}: the repository has no commits yet: commit something first")
    commit = head.stdout.decode().strip()
    listing = git.run(top, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing.returncode != 0:
        raise HeadError(f"cannot list HEAD's files: {git.first_line(listing.stderr)}")
    snap = HeadSnapshot(top, prefix, commit)
    raw_prefix = git.encode_name(prefix)
    for rec in git.split_z(listing.stdout):
        meta, _, raw_path = rec.partition(b"\t")
        if not raw_path.startswith(raw_prefix):
            continue
        parts = meta.split()
        if len(parts) != 3:
            continue
        mode, kind, oid = (x.decode("ascii", "replace") for x in parts)
        path = git.decode_name(raw_path[len(raw_prefix) :])
        if kind == "blob" and mode in ("100644", "100755"):
            snap.entries[path] = (mode, oid)
        else:
            snap.skipped[path] = "symlink" if mode == "120000" else "submodule" if kind == "commit" else mode
    return snap


def changed_from_head(snapshot: HeadSnapshot, paths: list[str]) -> list[str]:
    """Which of ``paths`` (root-relative) differ between the working tree and HEAD. Filters and
    textconv are off: comparing must not run the repository's programs."""
    spec = [f":(literal){snapshot.prefix}"] if snapshot.prefix else []
    proc = git.run(
        snapshot.top,
        "diff",
        "--no-ext-diff",
        "--no-textconv",
        "--name-only",
        "-z",
        "HEAD",
        "--",
        *spec,
        no_filters=True,
    )
    if proc.returncode != 0:
        return []
    wanted = set(paths)
    out = [git.decode_name(n)[len(snapshot.prefix) :] for n in git.split_z(proc.stdout)]
    return sorted(p for p in set(out) if p in wanted)


def uncommitted_warning(snapshot: HeadSnapshot, paths: list[str]) -> str | None:
    """One line naming the analysed files whose working-tree edits the plan and the branch
    ignore (both are made from HEAD), or None."""
    try:
        changed = changed_from_head(snapshot, paths)
    except git.GitError:
        return None
    if not changed:
        return None
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return f"uncommitted changes in {', '.join(changed[:3])}{more} are not in the plan or the branch: both are made from HEAD"


def head_blob_reader(root: Path):
    """``path -> bytes | None`` of HEAD's files under ``root`` (None outside git or without
    commits); HEAD's tree is listed once, each blob read when first asked for."""
    snapshot: list[HeadSnapshot | None] = []

    def read(path: str) -> bytes | None:
        if not snapshot:
            try:
                snapshot.append(read_head(root))
            except (HeadError, git.GitError):
                snapshot.append(None)
        snap = snapshot[0]
        if snap is None:
            return None
        try:
            return snap.read(path)
        except (HeadError, git.GitError):
            return None

    return read
