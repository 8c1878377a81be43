"""HTML pages: every committed ``*.html`` loads its ``<script src>`` files (Vite serves and builds
each page listed in ``build.rollupOptions.input``; a second page is an entry like the first)."""

from __future__ import annotations

import posixpath
import re

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom

SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
CODE = (".tsx", ".ts", ".jsx", ".js", ".mts", ".mjs")


class HtmlPages(Idiom):
    name = "html-pages"
    summary = "the `<script src>` of every committed HTML page (Vite `index.html`, a second page, `rollupOptions.input`) is an entry"

    def entries(self, project):
        for html, text in project.side_texts.items():
            if not html.lower().endswith(".html") or is_test_path(html):
                continue
            base = html.rsplit("/", 1)[0] if "/" in html else ""
            for src in SCRIPT_SRC.findall(text):
                src = src.split("?", 1)[0]
                if re.match(r"^[a-z]+://|^//", src):
                    continue  # a CDN script
                rel = (
                    src.lstrip("/") if src.startswith("/") else posixpath.normpath(posixpath.join(base, src))
                )
                cand = posixpath.normpath(posixpath.join(base, rel)) if src.startswith("/") else rel
                for path in (cand, cand.lstrip("./")):
                    if path in project.facts:
                        yield Entry(path, f"script of {html}")
                        break


class ConventionalFrontendEntry(Idiom):
    name = "frontend-entry-convention"
    summary = "with no HTML page naming a script, `src/main.tsx` / `src/index.tsx` is the frontend entry"

    def entries(self, project):
        found = any(e for e in HtmlPages().entries(project))
        if found:
            return
        for p in project.facts:
            if re.search(r"(^|/)src/(main|index)\.[jt]sx?$", p) and not is_test_path(p):
                yield Entry(p, "frontend entry by convention")


HTML_PAGES = HtmlPages()
IDIOM = ConventionalFrontendEntry()
