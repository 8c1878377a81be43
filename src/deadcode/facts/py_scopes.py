"""Byte-range indexes of one Python file: which ``if`` branches (conditions) and which top-level
definition hold a position, and offset -> line. Names are attributed by bisect over these,
never by climbing parents from every identifier."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from tree_sitter import Node

from deadcode.facts.model import Condition


class Regions:
    """Properly nested byte ranges, each carrying a tuple of conditions; ``at(pos)`` is the
    conjunction of every range containing ``pos``, outermost first."""

    def __init__(self, ranges: list[tuple[int, int, tuple[Condition, ...]]]):
        ranges = sorted(ranges, key=lambda r: (r[0], -r[1]))
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]
        self.parent: list[int] = []
        self.acc: list[tuple[Condition, ...]] = []
        stack: list[int] = []
        for i, (start, end, conds) in enumerate(ranges):
            while stack and self.ends[stack[-1]] <= start:
                stack.pop()
            parent = stack[-1] if stack else -1
            self.parent.append(parent)
            self.acc.append((self.acc[parent] if parent >= 0 else ()) + conds)
            stack.append(i)

    def flagged_ranges(self) -> list[tuple[int, int]]:
        """The outermost ranges whose conditions name a flag (nested ones lie inside them)."""
        out: list[tuple[int, int]] = []
        for start, end, acc in zip(self.starts, self.ends, self.acc):
            if (not out or start >= out[-1][1]) and any(c.name for c in acc):
                out.append((start, end))
        return out

    def index_at(self, pos: int) -> int:
        """The innermost range containing ``pos`` (-1 for none)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and not (self.starts[i] <= pos < self.ends[i]):
            i = self.parent[i]
        return i

    def at(self, pos: int) -> tuple[Condition, ...]:
        i = self.index_at(pos)
        return self.acc[i] if i >= 0 else ()


class Scopes:
    """Disjoint byte ranges of top-level definition bodies -> the definition name."""

    def __init__(self, ranges: list[tuple[int, int, str]]):
        ranges = sorted(ranges)
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]
        self.names = [r[2] for r in ranges]

    def at(self, pos: int) -> str | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ends[i]:
            return self.names[i]
        return None


@dataclass
class TopDef:
    """A top-level definition while the module is read."""

    name: str
    kind: str
    line: int
    span: tuple[int, int]
    node: Node  # function_definition / class_definition / expression_statement
    decorators: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    inner: tuple[tuple[int, int], ...] = ()  # byte ranges whose names are this def's uses
    exclude: frozenset[str] = frozenset()  # parameter names / own assigned names


class LineIndex:
    """Byte offset -> 1-based line, without asking tree-sitter for every node's position."""

    def __init__(self, data: bytes):
        # start offset of every line after the first (all in C: split, len, accumulate)
        self.starts = list(accumulate(map((1).__add__, map(len, data.split(b"\n")))))

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) + 1
