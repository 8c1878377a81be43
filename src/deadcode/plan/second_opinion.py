"""A second opinion on Python files a step changed, from tools that do not share our resolver:
``compile()`` and pyflakes. Only what the step created counts: a problem already in the file
before the step is not the step's doing (problems are compared by kind and name, not line)."""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass

# pyflakes messages that mean the code no longer works, or that the step left debris behind
BREAKING = ("UndefinedName", "UndefinedExport", "UndefinedLocal")
DEBRIS = ("UnusedImport",)


@dataclass(frozen=True)
class Problem:
    kind: str  # SyntaxError | UndefinedName | UndefinedExport | UndefinedLocal | UnusedImport
    name: str
    line: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.name)

    def text(self, path: str) -> str:
        if self.kind == "SyntaxError":
            return f"{path}:{self.line} does not compile: {self.name}"
        if self.kind == "UnusedImport":
            return f"{path}:{self.line} imports {self.name}, now unused"
        if self.kind == "UndefinedExport":
            return f"{path}:{self.line} lists {self.name} in __all__, now undefined"
        return f"{path}:{self.line} uses {self.name}, now undefined"


def pyflakes_available() -> bool:
    try:
        import pyflakes.checker  # noqa: F401
    except ImportError:
        return False
    return True


_CACHE: dict[tuple[str, int], list[Problem]] = {}


def python_problems(path: str, data: bytes) -> list[Problem]:
    """``compile()`` errors and the pyflakes messages we care about, for one file (memoised:
    the repair rounds of a step ask again about the same bytes)."""
    key = (path, hash(data))
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) > 2048:
            _CACHE.clear()
        hit = _CACHE[key] = _python_problems(path, data)
    return hit


def _python_problems(path: str, data: bytes) -> list[Problem]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # not ours to judge: the file was never Python we could read
    try:
        tree = ast.parse(text, filename=path)
        compile(tree, path, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return [Problem("SyntaxError", exc.msg or "invalid syntax", exc.lineno or 1)]
    except (ValueError, RecursionError) as exc:
        return [Problem("SyntaxError", str(exc), 1)]
    from pyflakes import checker

    w = checker.Checker(tree, filename=path)
    out = []
    for m in w.messages:
        kind = type(m).__name__
        if kind in BREAKING or kind in DEBRIS:
            out.append(Problem(kind, str(m.message_args[0]) if m.message_args else "", m.lineno))
    return out


def new_problems(path: str, before: bytes | None, after: bytes) -> list[Problem]:
    """Problems of ``after`` that ``before`` did not have (as many times)."""
    found = python_problems(path, after)
    if not found:
        return []  # nothing to compare: ``before`` need not be checked at all
    old = Counter(p.key for p in python_problems(path, before)) if before is not None else Counter()
    out = []
    for p in found:
        if old[p.key] > 0:
            old[p.key] -= 1
            continue
        out.append(p)
    return out
