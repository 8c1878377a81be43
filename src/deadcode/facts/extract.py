"""One file's bytes -> its FileFacts. Pure: the same (path, kind, bytes) always give the same facts."""

from __future__ import annotations

import hashlib

from deadcode.facts.model import FileFacts


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def extract(path: str, kind: str, data: bytes, file_digest: str | None = None) -> FileFacts:
    """Facts for one file. An extractor failure becomes a problem line, never an exception."""
    file_digest = file_digest or digest(data)
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
    except Exception as exc:  # a bug in an extractor must not stop the scan of 10,000 files
        partial = True
        problems = (f"internal error while reading facts: {type(exc).__name__}: {exc}",)
    loads = ()
    if kind in ("python", "typescript", "tsx") and not problems[:1] == ("too deeply nested to read",):
        loads = _idiom_facts(path, kind, data, problems)
    from deadcode.facts.mentions import source_mentions, text_mentions

    if kind in ("python", "typescript", "tsx"):
        specs = frozenset(i.specifier for i in ts.imports) | frozenset(r.specifier for r in ts.reexports) if ts else frozenset()
        mentions = source_mentions(data, specs)
    else:
        mentions = text_mentions(data)
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
        mentions=mentions,
        loads=loads,
    )


def _idiom_facts(path: str, kind: str, data: bytes, problems) -> tuple:
    """Generic facts from the idioms that read this grammar, on the tree the extractor parsed."""
    from deadcode.facts import parsing
    from deadcode.idioms import extractors

    idioms = extractors(kind)
    if not idioms:
        return ()
    out = []
    try:
        root = parsing.parse(kind, data).root_node
        for idiom in idioms:
            out.extend(idiom.extract(path, kind, data, root))
    except (RecursionError, ValueError):
        return ()
    return tuple(out)
