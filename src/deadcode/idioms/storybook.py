"""Storybook loads its configuration folder by name: ``.storybook/main.ts`` (stories, addons),
``preview.tsx`` (decorators, global styles), ``manager.ts``. Stories themselves are test-like
files (never findings); what the configuration imports lives with it."""

from __future__ import annotations

import re

from deadcode.idioms.base import Entry, Idiom

CONFIG = re.compile(r"(^|/)\.storybook/(main|preview|manager|vitest\.setup|test-runner)\.[cm]?[jt]sx?$")


class Storybook(Idiom):
    name = "storybook"
    summary = "`.storybook/main`, `preview`, `manager` are loaded by Storybook: tool configuration entries"

    def entries(self, project):
        for p in sorted(project.facts):
            if CONFIG.search(p):
                yield Entry(p, "tool configuration (Storybook)")


IDIOM = Storybook()
