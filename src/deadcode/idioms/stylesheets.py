"""Stylesheets that load code: Tailwind v4 ``@plugin "../hero.ts"`` and ``@config
"../tailwind.config.js"`` in a CSS file a TS module imports (``import "./tailwind.css"``), through
``@import`` chains. Stylesheets are not analysed files: they are read here from the imports."""

from __future__ import annotations

import posixpath
import re

from deadcode.idioms.base import Entry, Idiom

STYLESHEET = re.compile(r"\.(css|pcss|postcss)$")
LOADS = re.compile(r"""@(plugin|config)\s+["']([^"']+)["']""")
IMPORTS = re.compile(r"""@import\s+(?:url\()?["']([^"']+\.(?:css|pcss))["']""")
MAX_DEPTH = 8


class Stylesheets(Idiom):
    name = "stylesheets"
    summary = (
        "code a stylesheet loads (Tailwind v4 `@plugin`, `@config`) in CSS that a module imports is an entry"
    )

    def entries(self, project):
        seen: set[str] = set()
        queue: list[tuple[str, int]] = []
        for path, f in sorted(project.facts.items()):
            if f.ts is None:
                continue
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            for imp in f.ts.imports:
                spec = imp.specifier.split("?", 1)[0]
                if STYLESHEET.search(spec) and spec.startswith("."):
                    queue.append((posixpath.normpath(posixpath.join(folder, spec)), 0))
        while queue:
            css, depth = queue.pop()
            if css in seen or css.startswith("..") or depth > MAX_DEPTH:
                continue
            seen.add(css)
            text = project.read_text(css)
            if not text:
                continue
            folder = css.rsplit("/", 1)[0] if "/" in css else ""
            for kind, target in LOADS.findall(text):
                path = posixpath.normpath(posixpath.join(folder, target))
                if path in project.facts:
                    yield Entry(path, f"tool configuration: @{kind} of {css}")
            for target in IMPORTS.findall(text):
                if target.startswith("."):
                    queue.append((posixpath.normpath(posixpath.join(folder, target)), depth + 1))


IDIOM = Stylesheets()
