"""Code that is not run where it sits, so the model cannot call it dead:
- templates: files under a folder whose name is a template expression (``{{cookiecutter.
  project_slug}}/``, ``{% if x %}.../``): rendered into another project, their imports are
  written against that project;
- sample code: Python under ``examples/``, ``samples/``, ``demos/``, ``cookbook/``,
  ``tutorials/``, ``notebooks/``: read, copied or run by hand.
Findings there are ``unsure`` (a blind spot with that reason), never certain."""

from __future__ import annotations

import re

from deadcode.graph.context import BlindSpot
from deadcode.idioms.base import Idiom

TEMPLATE_PART = re.compile(r"(^|/)([^/]*(\{\{.*?\}\}|\{%.*?%\})[^/]*)/")
# a folder named templates holding code: a project skeleton copied or rendered elsewhere
TEMPLATES_FOLDER = re.compile(r"(^|/)(templates?)/")
SAMPLE_PART = re.compile(r"(^|/)(examples?|samples?|demos?|cookbooks?|tutorials?|notebooks)/")
CODE = (".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")


def _folder_spots(project, pattern: re.Pattern, suffixes: tuple[str, ...], reason):
    """One ``BlindSpot`` per folder ``pattern`` ends at (``reason(match, folder)``), for the
    files with ``suffixes`` under it."""
    seen: set[str] = set()
    for p in project.facts:
        m = pattern.search(p)
        if m and p.endswith(suffixes):
            folder = p[: m.end()]
            if folder not in seen:
                seen.add(folder)
                yield BlindSpot(folder, reason(m, folder), suffixes)


class Templates(Idiom):
    name = "code-templates"
    summary = "code under a `{{...}}` template folder (cookiecutter, copier, jinja) is rendered elsewhere: never certain-dead"
    enabled_when = "a folder name holds `{{` or `{%`"

    def blind_spots(self, project):
        return _folder_spots(
            project,
            TEMPLATE_PART,
            CODE,
            lambda m, _folder: (
                f"a template ({m.group(2)}/): its code is rendered into another project, "
                "its imports are written against that project"
            ),
        )


class SampleCode(Idiom):
    name = "sample-code"
    summary = "Python under `examples/`, `samples/`, `demos/`, `cookbook/`, `tutorials/`, `notebooks/` is read or run by hand: never certain-dead"
    enabled_when = "such a folder holds Python files"

    def blind_spots(self, project):
        return _folder_spots(
            project,
            SAMPLE_PART,
            (".py",),
            lambda _m, folder: f"sample code ({folder}): read, copied or run by hand",
        )


class TemplateFolders(Idiom):
    name = "template-folders"
    summary = "code under a folder named `templates/` (a skeleton an app or image copies to make a project) is used where it is copied: never certain-dead"
    enabled_when = "a `templates/` folder holds code files"

    def blind_spots(self, project):
        return _folder_spots(
            project,
            TEMPLATES_FOLDER,
            CODE,
            lambda _m, folder: (
                f"a template folder ({folder}): its code is copied into other projects and used there"
            ),
        )


TEMPLATES = Templates()
TEMPLATE_FOLDERS = TemplateFolders()
SAMPLES = SampleCode()
