"""Files tools load by their name: tool configurations, CRA/Vite framework files, CI scripts."""

from __future__ import annotations

import re

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom


class NamedFiles(Idiom):
    """Entries by a path pattern: each file whose path matches is loaded by the tool named."""

    def __init__(self, name: str, summary: str, patterns: tuple[tuple[str, str], ...]):
        self.name = name
        self.summary = summary
        self.patterns = tuple((re.compile(p), why) for p, why in patterns)

    def entries(self, project):
        for p in project.facts:
            if is_test_path(p):
                continue
            for pattern, why in self.patterns:
                if pattern.search(p):
                    yield Entry(p, why)
                    break


TOOL_CONFIGS = NamedFiles(
    "tool-configs",
    "tool configuration files (`*.config.ts`, `.eslintrc.js`, `config-overrides.js`, `gulpfile.js`, ...) are loaded by their tool",
    (
        (r"(^|/)[^/]+\.config\.[cm]?[jt]s$", "tool configuration"),
        (r"(^|/)\.[a-z]+rc\.[cm]?[jt]s$", "tool configuration"),
        # configurations a tool finds by a name of its own: react-app-rewired / customize-cra,
        # gulp, grunt, jake
        (
            r"(^|/)(config-overrides|[gG]ulpfile|[gG]runtfile|[jJ]akefile)(\.[\w-]+)?\.[cm]?[jt]s$",
            "tool configuration",
        ),
    ),
)
FRAMEWORK_FILES = NamedFiles(
    "framework-files",
    "framework files by name (`src/setupTests`, `vite-env.d`, service workers)",
    (
        (
            r"(^|/)src/(setupTests|vite-env\.d|serviceWorker|service-worker|sw|reportWebVitals)\.[jt]sx?$",
            "framework file by name",
        ),
    ),
)
CI_SCRIPTS = NamedFiles(
    "ci-scripts", "scripts under `.github/` are run by CI", ((r"^\.github/", "CI script"),)
)
