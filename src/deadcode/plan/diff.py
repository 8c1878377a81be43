"""Unified diffs that ``git apply`` accepts, computed on bytes.

Lines end at ``\\n`` only (as git sees them; ``\\r`` stays part of the line). The text is decoded
with ``surrogateescape``, so bytes that are not UTF-8 survive: encode the diff back with
``patch_bytes`` (or ``.encode("utf-8", "surrogateescape")``) before handing it to git.
"""

from __future__ import annotations

from difflib import SequenceMatcher

CONTEXT = 3
NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", "surrogateescape")
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])  # the last line has no newline
    return lines


def _quote(path: str) -> str:
    """A path as git writes it in a header: C-quoted when it holds special characters."""
    raw = path.encode("utf-8", "surrogateescape")
    if not any(b < 0x20 or b >= 0x7F or b in (0x22, 0x5C) for b in raw):
        return path
    out = []
    escapes = {
        0x07: "\\a",
        0x08: "\\b",
        0x09: "\\t",
        0x0A: "\\n",
        0x0B: "\\v",
        0x0C: "\\f",
        0x0D: "\\r",
        0x22: '\\"',
        0x5C: "\\\\",
    }
    for b in raw:
        if b in escapes:
            out.append(escapes[b])
        elif b < 0x20 or b >= 0x7F:
            out.append(f"\\{b:03o}")
        else:
            out.append(chr(b))
    return '"' + "".join(out) + '"'


def _side(prefix: str, path: str) -> str:
    q = _quote(path)
    return f'"{prefix}{q[1:]}' if q.startswith('"') else f"{prefix}{q}"


def _range(start: int, count: int) -> str:
    """Hunk range as git writes it: ``l`` for one line, ``l,n`` otherwise (``l-1,0`` when empty)."""
    if count == 1:
        return f"{start + 1}"
    if count == 0:
        return f"{start},0"
    return f"{start + 1},{count}"


def _emit(out: list[str], sign: str, line: str) -> None:
    out.append(sign + line)
    if not line.endswith("\n"):
        out.append("\n" + NO_NEWLINE)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes, with the common head and tail trimmed first: plan edits are local, and
    matching only the middle keeps big files with repetitive lines fast."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    ops = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if merged and op[0] == merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], op[2], merged[-1][3], op[4])
        else:
            merged.append(op)
    return merged


def _groups(ops: list[tuple[str, int, int, int, int]], n: int = CONTEXT):
    """Hunks of opcodes with ``n`` lines of context (difflib's ``get_grouped_opcodes``)."""
    if not ops:
        return
    if ops[0][0] == "equal":
        _, i1, i2, j1, j2 = ops[0]
        ops[0] = ("equal", max(i1, i2 - n), i2, max(j1, j2 - n), j2)
    if ops[-1][0] == "equal":
        _, i1, i2, j1, j2 = ops[-1]
        ops[-1] = ("equal", i1, min(i2, i1 + n), j1, min(j2, j1 + n))
    group = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" and i2 - i1 > 2 * n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _hunks(a: list[str], b: list[str]) -> list[str]:
    out: list[str] = []
    for group in _groups(_opcodes(a, b)):
        i1, i2 = group[0][1], group[-1][2]
        j1, j2 = group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2 - i1)} +{_range(j1, j2 - j1)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                for line in a[a1:a2]:
                    _emit(out, " ", line)
                continue
            for line in a[a1:a2]:
                _emit(out, "-", line)
            for line in b[b1:b2]:
                _emit(out, "+", line)
    return out


def unified_diff(path: str, old: bytes | None, new: bytes | None, mode: str = "100644") -> str:
    """The git diff turning ``old`` into ``new`` at ``path`` (repo-relative, ``/``-separated).
    ``old`` None: a new file; ``new`` None: a deletion (``mode`` is the file mode written for
    both). Returns ``""`` when nothing changes."""
    if old == new:
        return ""
    a_name, b_name = _side("a/", path), _side("b/", path)
    head = [f"diff --git {a_name} {b_name}\n"]
    if old is None:
        head.append(f"new file mode {mode}\n")
    elif new is None:
        head.append(f"deleted file mode {mode}\n")
    a = _lines(old or b"")
    b = _lines(new or b"")
    if not a and not b:
        return "".join(head)  # an empty file created or deleted: git writes no hunk
    head.append(f"--- {a_name if old is not None else '/dev/null'}\n")
    head.append(f"+++ {b_name if new is not None else '/dev/null'}\n")
    return "".join(head + _hunks(a, b))


def combine(diffs) -> str:
    """Several file diffs as one patch (empty ones dropped)."""
    out = []
    for d in diffs:
        if not d:
            continue
        out.append(d if d.endswith("\n") else d + "\n")
    return "".join(out)


def patch_bytes(diff: str) -> bytes:
    """The diff as the bytes git expects (undoes the ``surrogateescape`` decoding)."""
    return diff.encode("utf-8", "surrogateescape")
