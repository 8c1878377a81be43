"""Mentions: tokens in a file that could name a module, a file or an endpoint of the repository.

Only silence is dead: before a file, module or endpoint is called dead, the analysis looks for any
mention of it elsewhere. This module turns bytes into candidate tokens, with no parse:
- in source code, the contents of quoted strings (``"app.storage.s3.S3Store"``,
  ``"/api/v1/items/{id}"``, ``"./plugins/slack"``), minus the file's own import specifiers;
- in every other tracked text file (docs, Dockerfiles, compose, Makefiles, CI, nginx, package.json
  scripts, ini files), every token of those shapes.

A token is kept with the line of its first occurrence. Tokens are normalised: surrounding
punctuation, ``./`` prefixes, query strings, fragments and ``:line`` suffixes are dropped.
"""

from __future__ import annotations

import re

Mention = tuple[str, int]  # (token, line)

# a dotted name (module path, class path, "mod:attr"), a path with at least one "/", or a file
# name with a code extension; tokens never hold spaces
_TOKEN = re.compile(
    rb"[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+(?::[A-Za-z_][\w]*)?"
    rb"|[\w@$~+.{}\[\]:()-]*(?:/[\w@$~+.{}\[\]:()-]*)+"
    rb"|[\w.-]+\.(?:py|pyi|tsx?|jsx?|mjs|cjs|mts|cts)\b"
)
# a quoted string with no space and no newline that holds a "/", "." or ":" (a candidate name)
_QUOTED = re.compile(rb"""(["'`])([^"'`\s\\]{0,300}[/.:][^"'`\s\\]{0,300})\1""")
# Every character a _TOKEN match can hold: tokens never cross a run of these. Matching run by
# run, and only in runs with a "/" or a "." (every token has one), keeps the scan linear: on a
# long run with neither (a markdown table's "-----" rule, a base64 blob) the alternatives would
# backtrack from every position (quadratic: 10 s for one 700 kB results table).
# The pattern matches whole runs (it starts only where a run starts, the lookbehind) that hold a
# "/" or a "." (the first one found without backtracking): one pass over the bytes, in C.
_RUN = re.compile(rb"(?<![\w@$~+.{}\[\]:()/-])[\w@$~+{}\[\]:()-]*[/.][\w@$~+.{}\[\]:()/-]*")
_EDGE = ",;:()[]<>'\"`*=!?"
MAX_TOKENS = 20000  # per file: a data dump is not documentation


_LINE_SUFFIX = re.compile(r":\d+(:\d+)?$")
_ORIGIN = re.compile(r"^[a-z][a-z0-9+.-]*://[^/]*")


def _norm(raw: str) -> str | None:
    tok = raw.strip(_EDGE)
    if "?" in tok or "#" in tok:
        tok = tok.split("?", 1)[0].split("#", 1)[0]
    if ":" in tok:
        tok = _LINE_SUFFIX.sub("", tok)  # file.py:12
        if "://" in tok:
            tok = _ORIGIN.sub("", tok)  # https://host/api/x -> /api/x
    tok = tok.rstrip(".,;:")
    if len(tok) < 3 or len(tok) > 300:
        return None
    if "/" not in tok and "." not in tok:
        return None
    return tok


def _lines(data: bytes):
    """Offsets of line starts, for offset -> line lookups by bisection."""
    starts = [0]
    find = data.find
    i = find(b"\n")
    while i != -1:
        starts.append(i + 1)
        i = find(b"\n", i + 1)
    return starts


def _collect(data: bytes, spans, exclude: frozenset[str]) -> tuple[Mention, ...]:
    from bisect import bisect_right

    starts = None
    seen: dict[str, int] = {}
    for start, chunk in spans:
        if chunk.startswith(b"url_for:"):
            tok = chunk.decode("utf-8", "replace")
            if tok not in seen:
                starts = starts or _lines(data)
                seen[tok] = bisect_right(starts, start)
            continue
        for run in _RUN.finditer(chunk):
            text = run.group()
            at = start + run.start()
            for m in _TOKEN.finditer(text):
                tok = _norm(m.group().decode("utf-8", "replace"))
                if tok is None or tok in seen or tok in exclude:
                    continue
                if starts is None:
                    starts = _lines(data)
                seen[tok] = bisect_right(starts, at + m.start())
                if len(seen) >= MAX_TOKENS:
                    return tuple(seen.items())
    return tuple(seen.items())


_COMMENT_LINE = re.compile(rb"[ \t]*(//|#|/?\*)")


# a server-rendered link to a route by name: Starlette/FastAPI ``url_for("name")``, also in templates
_URL_FOR = re.compile(rb"""url_for\(\s*["']([A-Za-z_][\w.:-]*)["']""")


def _url_for(data: bytes) -> list[tuple[int, bytes]]:
    return (
        [(m.start(), b"url_for:" + m.group(1)) for m in _URL_FOR.finditer(data)] if b"url_for" in data else []
    )


# Python source held in a string of another language (a Pyodide worker's bootstrap script):
# ``from app.boot import main`` / ``import app.boot``, which no TS/JS statement looks like
_PYTHON_IMPORT = re.compile(
    rb"\bfrom[ \t]+([A-Za-z_]\w*(?:\.\w+)+)[ \t]+import\b|\bimport[ \t]+([A-Za-z_]\w*(?:\.\w+)+)"
)


def _python_in_strings(data: bytes) -> list[tuple[int, bytes]]:
    if b"import" not in data:
        return []
    return [(m.start(), m.group(1) or m.group(2)) for m in _PYTHON_IMPORT.finditer(data)]


def source_mentions(
    data: bytes, import_specifiers: frozenset[str] = frozenset(), python: bool = True
) -> tuple[Mention, ...]:
    """Tokens inside the quoted strings of a source file, minus its import specifiers and
    strings on comment lines (a commented-out import names nothing that runs). In a TS/JS file
    (``python=False``), also the modules Python import statements name anywhere in it."""

    def spans():
        for m in _QUOTED.finditer(data):
            start = data.rfind(b"\n", 0, m.start()) + 1
            if not _COMMENT_LINE.match(data, start):
                yield m.start(2), m.group(2)

    exclude = frozenset(t for t in map(_norm, import_specifiers) if t)
    embedded = [] if python else _python_in_strings(data)
    return _collect(data, [*spans(), *_url_for(data), *embedded], exclude)


def text_mentions(data: bytes) -> tuple[Mention, ...]:
    """Every candidate token of a text file that is not code we parse."""
    return _collect(data, [(0, data), *_url_for(data)], frozenset())
