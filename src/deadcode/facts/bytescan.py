"""Facts of a source file that could not be read as source: a byte scan for imports and paths.

A live file deadcode cannot parse (binary bytes, UTF-16, over the size limit, nested too deeply
for the parser) still imports things; if those imports were lost, what it uses would look dead
and a removal branch would delete it. So such a file is scanned as bytes for anything that
looks like an import or a module path, and each hit becomes an import fact that keeps its
target alive. Hits inside comments or strings only keep more code alive, which is the safe
direction. Quoted strings that look like URL paths (``"/api/items"``, `` `/users/${id}` ``)
become HTTP calls of unknown method and base, so the endpoints they name stay alive too.
``FileFacts.unreadable`` says why the file was not read normally; the graph turns that into a
blind spot, so the findings it could affect are ``unsure``.
"""

from __future__ import annotations

import re

from deadcode.facts.lines import LineCounter
from deadcode.facts.model import FileFacts, HttpCall, PyFacts, PyImport, Sub, Template, TsFacts, TsImport

SCAN_LIMIT = 64 * 1024 * 1024  # bytes scanned at most (a bigger file is a blind spot only)

_TS_SPECIFIERS = (
    # import x from "y" / export { x } from "y" / import type { T } from "y"
    re.compile(rb"""\b(?:import|export)\b[^;'"`]{0,2000}?\bfrom\s*(['"`])([^'"`\r\n]{1,400})\1"""),
    # import "y" (side effect)
    re.compile(rb"""\bimport\s*(['"`])([^'"`\r\n]{1,400})\1"""),
    # import("y"), require("y"), import.meta.glob-less lazy loaders: lazy(() => import("y"))
    re.compile(rb"""\b(?:import|require)\s*\(\s*(['"`])([^'"`\r\n]{1,400})\1"""),
    # any quoted relative or aliased path: "./pages/X", "../lib", "@/components/Y", "~/z"
    re.compile(rb"""(['"`])((?:\.{1,2}/|@/|~/)[^'"`\r\n]{1,400})\1"""),
)
_PY_IMPORT = re.compile(
    rb"^[ \t]*import[ \t]+([A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*"
    rb"(?:[ \t]+as[ \t]+\w+)?)*)",
    re.MULTILINE,
)
_PY_FROM = re.compile(
    rb"^[ \t]*from[ \t]+(\.*[A-Za-z_][\w.]*|\.+)[ \t]+import[ \t]+(\([^)]{0,4000}\)|[^\r\n#;]+)", re.MULTILINE
)
_PY_NAME = re.compile(rb"[A-Za-z_]\w*|\*")
# "/api/items", '/users/{id}', `/users/${id}/posts`, "http://localhost:8000/api/x"
_URL = re.compile(rb"""(['"`])((?:https?://[^'"`\s/]*)?/[A-Za-z0-9_{$:][^'"`\s]{0,400})\1""")
_SUBST = re.compile(r"\$\{([^{}]{0,200})\}")
# the graph treats a callee named like a URL builder as "a reference that keeps what it names
# alive, method and base unknown" (graph.ts_links)
URL_CALLEE = "bytescan.url"
_MODULE_STRING = re.compile(rb"""["']([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?::[A-Za-z_]\w*)?["']""")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def scan_urls(data: bytes) -> tuple[HttpCall, ...]:
    """Every quoted string that looks like a URL path, as a call of unknown method."""
    out = []
    seen = set()
    line = LineCounter(data)
    for m in _URL.finditer(data[:SCAN_LIMIT]):
        text = _text(m.group(2))
        if text in seen or text.startswith("//"):
            continue
        seen.add(text)
        parts: list[str | Sub] = []
        pos = 0
        for sub in _SUBST.finditer(text):
            parts += [text[pos : sub.start()], Sub(sub.group(1).strip())]
            pos = sub.end()
        parts.append(text[pos:])
        out.append(HttpCall("ANY", Template.of(parts), URL_CALLEE, line(m.start()), (m.start(), m.end())))
    return tuple(out)


def scan_typescript(data: bytes) -> TsFacts:
    """Every specifier-like string: as a side-effect import, which keeps the whole target (and
    what it re-exports) alive."""
    data = data[:SCAN_LIMIT]
    found: dict[str, int] = {}
    for pattern in _TS_SPECIFIERS:
        for m in pattern.finditer(data):
            spec = _text(m.group(2)).strip()
            if spec and "${" not in spec and spec not in found:
                found[spec] = m.start(2)
    line = LineCounter(data)
    imports = tuple(
        TsImport(spec, "side-effect", (), line(at), (at, at + len(spec)))
        for spec, at in sorted(found.items(), key=lambda kv: kv[1])
    )
    return TsFacts(imports=imports, http_calls=scan_urls(data))


def scan_python(data: bytes) -> PyFacts:
    """``import a.b``, ``from x import y, z`` and quoted dotted names (``"app.tasks"``)."""
    data = data[:SCAN_LIMIT]
    imports: list[PyImport] = []
    line_at = LineCounter(data)
    for m in _PY_IMPORT.finditer(data):
        line = line_at(m.start())
        for part in _text(m.group(1)).split(","):
            words = part.split()
            if words:
                alias = words[2] if len(words) == 3 and words[1] == "as" else None
                imports.append(PyImport(words[0], (), alias, line, (m.start(), m.end())))
    for m in _PY_FROM.finditer(data):
        names = tuple(
            dict.fromkeys(_text(n) for n in _PY_NAME.findall(m.group(2)) if n not in (b"as", b"import"))
        )
        imports.append(
            PyImport(_text(m.group(1)), names or ("*",), None, line_at(m.start()), (m.start(), m.end()))
        )
    strings = tuple((_text(m.group(1)), line_at(m.start())) for m in _MODULE_STRING.finditer(data))
    imports.sort(key=lambda i: i.span)
    return PyFacts(imports=tuple(imports), module_strings=strings, http_calls=scan_urls(data))


def scanned_facts(path: str, kind: str, data: bytes, file_digest: str, reason: str) -> FileFacts:
    """The facts of a file read as bytes only (see the module doc)."""
    py = scan_python(data) if kind == "python" else None
    ts = scan_typescript(data) if kind in ("typescript", "tsx") else None
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return FileFacts(
        path=path,
        lang=kind,
        digest=file_digest,
        lines=lines,
        partial=True,
        problems=(f"{reason}: scanned for imports only, findings it could affect are unsure",),
        py=py,
        ts=ts,
        unreadable=reason,
    )
