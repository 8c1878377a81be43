"""React Email: the preview server (``email dev``) renders every template in the emails folder
(``emails/`` by default, ``--dir`` in the script), and a template declares its preview data with
``Component.PreviewProps = {...}``. Such templates are rendered by the tool even when no code
sends them."""

from __future__ import annotations

import re

from deadcode.idioms import npm
from deadcode.idioms.base import Entry, Idiom

PACKAGES = ("react-email", "@react-email/components", "@react-email/render")
DIR_FLAG = re.compile(r"\bemail\s+(?:dev|build|export)\b[^&|;]*?--dir[ =]+[\"']?([^\s\"']+)")
PREVIEW_PROPS = re.compile(rb"\b[A-Z]\w*\.PreviewProps\s*=")
TEMPLATE = re.compile(r"\.(tsx|jsx)$")


class ReactEmail(Idiom):
    name = "react-email"
    summary = "React Email templates (files in `emails/` or the `email dev --dir` folder, or setting `Component.PreviewProps`) are rendered by the preview server"
    enabled_when = "a package.json depending on react-email or @react-email/*"

    def entries(self, project):
        for folder, data in npm.manifests_depending_on(project, *PACKAGES):
            pre = npm.prefix_of(folder)
            dirs = {pre + "emails/", pre + "src/emails/"}
            for command in npm.scripts(data).values():
                m = DIR_FLAG.search(command)
                if m:
                    dirs.add(pre + m.group(1).strip("./").rstrip("/") + "/")
            for p, f in sorted(project.facts.items()):
                if f.ts is None or not p.startswith(pre) or not TEMPLATE.search(p):
                    continue
                if (
                    p.startswith(tuple(dirs))
                    and "/" not in p[len(next(d for d in dirs if p.startswith(d))) :]
                ):
                    yield Entry(p, "React Email template (rendered by the preview server)")
                elif PREVIEW_PROPS.search((project.read_text(p) or "").encode()):
                    yield Entry(p, "React Email template (sets PreviewProps)")


IDIOM = ReactEmail()
