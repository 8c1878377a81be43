"""CODEOWNERS: who reviews each finding and each group, so a removal PR can be split by reviewer.

GitHub reads the first of ``.github/CODEOWNERS``, ``CODEOWNERS`` and ``docs/CODEOWNERS`` at the
repository's top level; patterns follow gitignore rules (no ``!``), and the LAST matching line
wins. A line with a pattern and no owners makes the path unowned."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from deadcode.output.vcs import RepoLocation

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
MAX_BYTES = 3 * 1024 * 1024  # GitHub ignores larger files


def _pattern_regex(pattern: str) -> re.Pattern | None:
    """gitignore-style ``pattern`` -> a regex over top-level-relative file paths."""
    directory = pattern.endswith("/")
    p = pattern.rstrip("/")
    if not p:
        return None
    anchored = p.startswith("/") or "/" in p
    p = p.lstrip("/")
    out = []
    i = 0
    while i < len(p):
        c = p[i]
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if p.startswith("/**", i) and i + 3 == len(p):
            out.append("/.*")
            i += 3
            continue
        if p.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < len(p):
            i += 1
            out.append(re.escape(p[i]))
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    head = "^" if anchored else "^(?:.*/)?"
    # a pattern names a file or a folder, and a folder owns everything inside (``dir/``: folders
    # only); ``docs/*`` owns the files directly in docs/, not deeper (GitHub's documented rule)
    if directory:
        tail = "/.*$"
    elif p.endswith("/*") or p == "*":
        tail = "$"
    else:
        tail = "(?:/.*)?$"
    try:
        return re.compile(head + body + tail, re.S)
    except re.error:
        return None


@dataclass
class CodeOwners:
    source: str  # where the file is, relative to the top level
    rules: list[tuple[re.Pattern, tuple[str, ...]]] = field(default_factory=list)

    def owners(self, path: str) -> list[str]:
        """Owners of a top-level-relative path (the last matching rule wins)."""
        for regex, owners in reversed(self.rules):
            if regex.match(path):
                return list(owners)
        return []


def parse_codeowners(text: str, source: str) -> CodeOwners:
    co = CodeOwners(source)
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"(?<!\\)\s+#.*$", "", line)  # a trailing comment
        parts = re.split(r"(?<!\\)\s+", line)
        regex = _pattern_regex(parts[0])
        if regex is None:
            continue
        owners = tuple(o for o in parts[1:] if o.startswith("@") or "@" in o)
        co.rules.append((regex, owners))
    return co


def load_codeowners(location: RepoLocation) -> CodeOwners | None:
    """The repository's CODEOWNERS, or None. A symlink or an unreadable file counts as none: the
    file is only ever read, and only inside the repository."""
    for rel in LOCATIONS:
        p = Path(location.top) / rel
        try:
            if p.is_symlink() or not p.is_file() or p.stat().st_size > MAX_BYTES:
                continue
            text = p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return parse_codeowners(text, rel)
    return None


@dataclass
class Ownership:
    """Owners per finding (by position in the findings list) and per group."""

    source: str
    by_finding: list[list[str]]
    by_group: dict[str, list[str]]

    def of(self, index: int) -> list[str]:
        return self.by_finding[index] if 0 <= index < len(self.by_finding) else []


def ownership(findings: list, location: RepoLocation, co: CodeOwners | None) -> Ownership | None:
    """Owners of every finding (from its path at the top level) and of every group (its findings'
    owners, the most frequent first)."""
    if co is None:
        return None
    cache: dict[str, list[str]] = {}
    by_finding = []
    counts: dict[str, Counter] = {}
    for f in findings:
        path = location.path(f.path)
        if path not in cache:
            cache[path] = co.owners(path)
        owners = cache[path]
        by_finding.append(owners)
        c = counts.setdefault(f.group, Counter())
        c.update(owners)
    by_group = {
        g: [o for o, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))] for g, c in counts.items()
    }
    return Ownership(co.source, by_finding, by_group)
