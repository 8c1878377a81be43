"""Offset -> line for the scans of a file's bytes or text (byte scans, quoted module names,
Helm template actions). A reader that asks in any order over a parsed Python file uses
``py_scopes.LineIndex`` (a table of every line start, built once)."""

from __future__ import annotations


class LineCounter:
    """Offset -> 1-based line of ``data`` (bytes or str), counted on from the offset asked last
    when the next one is not before it: the hits of a scan come in order, and counting each from
    the top was quadratic (7.4 s for the 30,000 quoted names of a generated module)."""

    def __init__(self, data: bytes | str):
        self.data = data
        self.newline = b"\n" if isinstance(data, bytes) else "\n"
        self.offset = 0
        self.line = 1

    def __call__(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.data.count(self.newline, self.offset, offset)
        self.offset = offset
        return self.line
