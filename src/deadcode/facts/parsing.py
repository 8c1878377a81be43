"""Tree-sitter grammars and queries. Queries are data: ``queries/<lang>/<name>.scm``.

Grammars and compiled queries are loaded once per process (worker processes of the pool
each load their own on first use).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from tree_sitter import Language, Node, Parser, Query, QueryCursor

# Grammar names: ``python``, ``typescript`` (for .ts/.mts/.cts/.js), ``tsx`` (for .tsx/.jsx).
GRAMMARS = ("python", "typescript", "tsx")


def queries_dir() -> Path:
    """The installed ``deadcode/queries`` (wheel) or the repository's ``queries/`` (editable)."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "queries"
    if installed.is_dir():
        return installed
    return here.parent.parent / "queries"


@lru_cache(maxsize=None)
def language(grammar: str) -> Language:
    if grammar == "python":
        import tree_sitter_python as mod

        return Language(mod.language())
    import tree_sitter_typescript as ts

    if grammar == "typescript":
        return Language(ts.language_typescript())
    if grammar == "tsx":
        return Language(ts.language_tsx())
    raise ValueError(f"unknown grammar {grammar!r}")


@lru_cache(maxsize=None)
def parser(grammar: str) -> Parser:
    return Parser(language(grammar))


_last_parse: list = [None, None, None]  # (grammar, data, tree): idiom extractors reuse the file's tree


def parse(grammar: str, data: bytes):
    if _last_parse[0] == grammar and _last_parse[1] is data:
        return _last_parse[2]
    tree = parser(grammar).parse(data)
    _last_parse[:] = [grammar, data, tree]
    return tree


def compile_query(grammar: str, source: str) -> Query:
    """A query kept beside the idiom that owns it (``idioms/<name>.scm``)."""
    return _compiled(grammar, source)


@lru_cache(maxsize=None)
def _compiled(grammar: str, source: str) -> Query:
    return Query(language(grammar), source)


@lru_cache(maxsize=None)
def query_source(grammar: str, name: str) -> str:
    return (queries_dir() / grammar / f"{name}.scm").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def query(grammar: str, name: str) -> Query:
    return Query(language(grammar), query_source(grammar, name))


def matches(grammar: str, name: str, node: Node) -> list[tuple[int, dict[str, list[Node]]]]:
    """All matches of query ``queries/<grammar>/<name>.scm`` under ``node``."""
    return QueryCursor(query(grammar, name)).matches(node)


def captures(grammar: str, name: str, node: Node) -> dict[str, list[Node]]:
    return QueryCursor(query(grammar, name)).captures(node)


def text(node: Node | None) -> str:
    """A node's source text (tree-sitter gives bytes)."""
    if node is None:
        return ""
    return node.text.decode("utf-8", errors="replace")


def line(node: Node) -> int:
    return node.start_point[0] + 1


def span(node: Node) -> tuple[int, int]:
    return (node.start_byte, node.end_byte)


@lru_cache(maxsize=1)
def queries_version() -> str:
    """A digest of every query file and of the extractors' code: part of the cache key, so
    editing a query or an extractor invalidates cached facts."""
    h = hashlib.sha256()
    root = queries_dir()
    for p in sorted(root.rglob("*.scm")):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    package = Path(__file__).resolve().parent.parent
    for sub in ("facts", "idioms"):  # idioms extract facts too
        for p in sorted((package / sub).rglob("*")):  # idioms may be folders
            if p.suffix in (".py", ".scm"):
                h.update(f"{sub}/{p.relative_to(package / sub).as_posix()}".encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]
