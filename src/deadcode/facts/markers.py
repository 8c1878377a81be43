"""Inline suppression markers: ``# deadcode: keep <reason>`` (Python) and
``// deadcode: keep <reason>`` (TS/TSX, also ``/* */`` and ``{/* */}`` in JSX).

A marker in a file's first lines (nothing but comments, blank lines, a shebang or a docstring
before it) keeps the whole file; any other marker keeps the definition, export, route or
decorator on its own line or on the next code line."""

from __future__ import annotations

import re

_MARKER = re.compile(rb"(?:#|//|/\*|\{/\*)[ \t]*deadcode:[ \t]*keep\b[ \t:,-]*([^\n]*)")
_PREAMBLE = re.compile(rb"^\s*(#|//|/\*|\*|\"\"\"|'''|\"|'|$)")


def keep_markers(data: bytes) -> tuple[tuple[int, str, bool], ...]:
    """``(line, reason, whole_file)`` of every marker; ``reason`` is "" when none is given."""
    if b"deadcode:" not in data:
        return ()
    out = []
    lines = data.split(b"\n")
    preamble = True
    for n, line in enumerate(lines, 1):
        m = _MARKER.search(line)
        code_before = m is not None and line[: m.start()].strip() not in (b"", b"{")
        if m:
            reason = re.sub(rb"\s*(\*/\s*\}?|\*/)\s*$", b"", m.group(1)).strip().decode("utf-8", "replace")
            out.append((n, reason, preamble and not code_before))
        if preamble and not m and not _PREAMBLE.match(line):
            preamble = False
        elif preamble and code_before:
            preamble = False
    return tuple(out)
