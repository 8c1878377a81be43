"""React Router framework mode (v7, and Remix before it): the framework loads ``routes.ts``,
``root.tsx``, ``entry.client`` and ``entry.server`` from the app directory
(``react-router.config.ts`` ``appDirectory``, default ``app``); the route modules ``routes.ts``
names are linked by the route facts."""

from __future__ import annotations

import re

from deadcode.idioms.base import Entry, Idiom

CONFIG = re.compile(r"(^|/)(react-router|remix)\.config\.[cm]?[jt]s$")
APP_DIRECTORY = re.compile(r"""appDirectory\s*:\s*["'`]([^"'`]+)["'`]""")
FRAMEWORK_FILE = re.compile(r"^(routes|root|entry\.client|entry\.server)\.[jt]sx?$")


class ReactRouterFramework(Idiom):
    name = "react-router-framework"
    summary = "React Router v7 / Remix framework files (`routes.ts`, `root.tsx`, `entry.client`, `entry.server`) in the `appDirectory` (default `app/`) are entries"
    enabled_when = "a react-router.config / remix.config file, or an app/routes.ts"

    def app_dirs(self, project) -> list[str]:
        dirs = []
        for p in project.files:
            if CONFIG.search(p):
                base = p.rsplit("/", 1)[0] + "/" if "/" in p else ""
                m = APP_DIRECTORY.search(project.read_text(p) or "")
                dirs.append(base + (m.group(1).strip("./") if m else "app"))
        return dirs

    def entries(self, project):
        dirs = self.app_dirs(project)
        for p in project.facts:
            folder, _, name = p.rpartition("/")
            if not FRAMEWORK_FILE.match(name):
                continue
            if folder in dirs or folder == "app" or folder.endswith("/app"):
                yield Entry(p, "React Router framework route config" if name.startswith("routes")
                            else "React Router framework module")


IDIOM = ReactRouterFramework()
