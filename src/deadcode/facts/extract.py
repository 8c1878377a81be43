"""One file's bytes -> its FileFacts. Pure: the same (path, kind, bytes) always give the same facts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from deadcode.facts.bytescan import scanned_facts
from deadcode.facts.model import FileFacts

_LONE_CR = re.compile(rb"\r(?!\n)")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def extract(path: str, kind: str, data: bytes, file_digest: str | None = None) -> FileFacts:
    """Facts for one file. An extractor failure becomes a problem line, never an exception."""
    file_digest = file_digest or digest(data)
    if kind in ("python", "typescript", "tsx") and b"\r" in data:
        # Python and JavaScript end a line at a lone CR too; the grammars only at LF. The same
        # length, so every span still points into the file's own bytes.
        data = _LONE_CR.sub(b"\n", data)
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    py = ts = deploy = None
    partial = False
    problems: tuple[str, ...] = ()
    try:
        if kind == "python":
            from deadcode.facts.python import extract_python

            py, partial, problems = extract_python(path, data)
        elif kind in ("typescript", "tsx"):
            from deadcode.facts.typescript import extract_typescript

            ts, partial, problems = extract_typescript(path, data)
        elif kind in ("yaml", "dotenv"):
            from deadcode.facts.deploy import extract_deploy

            deploy, partial, problems = extract_deploy(path, data)
    except RecursionError:
        return scanned_facts(path, kind, data, file_digest, "too deeply nested to read")
    except Exception as exc:  # a bug in an extractor must not stop the scan of 10,000 files
        return scanned_facts(path, kind, data, file_digest,
                             f"internal error while reading facts: {type(exc).__name__}: {exc}")
    unreadable = _lost(problems)
    if unreadable is not None and kind in ("python", "typescript", "tsx"):
        # a stage that failed may have lost imports: what a byte scan finds is kept too
        scanned = scanned_facts(path, kind, data, file_digest, unreadable)
        if py is not None:
            py = scanned.py if not py.imports and not py.defs else replace(py, imports=py.imports + scanned.py.imports)
        if ts is not None:
            ts = replace(ts, imports=ts.imports + scanned.ts.imports)
        problems = tuple(p for p in problems if p != unreadable) + scanned.problems
    elif kind in ("python", "typescript", "tsx"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:  # parsed with the bad bytes replaced: spans still hold
            unreadable = f"not UTF-8 (byte {exc.start})"
            partial = True
            why = f"{unreadable}: read with the bad bytes replaced, findings it could affect are unsure"
            problems = (*problems, why)
    return FileFacts(
        path=path,
        lang=kind,
        digest=file_digest,
        lines=lines,
        partial=partial,
        problems=tuple(problems),
        py=py,
        ts=ts,
        deploy=deploy,
        unreadable=unreadable,
    )


def _lost(problems) -> str | None:
    """The problem that means facts were lost (not a plain syntax error), if any."""
    from deadcode.facts.python import TOO_DEEP

    for p in problems:
        if p == TOO_DEEP or p.startswith(("internal error", "could not parse")):
            return p
    return None
