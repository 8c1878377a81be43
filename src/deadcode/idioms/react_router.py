"""React Router framework mode (v7, and Remix before it): the framework loads ``routes.ts``,
``root.tsx``, ``entry.client`` and ``entry.server`` from the app directory
(``react-router.config.ts`` ``appDirectory``, default ``app``); the route modules ``routes.ts``
names are linked by the route facts. With file-system routes (``flatRoutes()`` in ``routes.ts``,
or Remix without a ``routes.ts``) every module under ``<app>/routes/`` is a route.

A route module's ``loader``, ``action``, ``meta``, ``links``, ``ErrorBoundary``,
``clientLoader``, ``handle``, ``shouldRevalidate`` (...) and default export are called by the
framework, never by an import: they are never unused exports. The same holds for a data
router's ``lazy: () => import("./route")`` modules (``Component``, ``loader``, ...)."""

from __future__ import annotations

import re

from deadcode.idioms import npm
from deadcode.idioms.base import Entry, Idiom

CONFIG = re.compile(r"(^|/)(react-router|remix)\.config\.[cm]?[jt]s$")
APP_DIRECTORY = re.compile(r"""appDirectory\s*:\s*["'`]([^"'`]+)["'`]""")
FRAMEWORK_FILE = re.compile(r"^(routes|root|entry\.client|entry\.server)\.[jt]sx?$")
ROUTES_CONFIG = re.compile(r"^routes\.[cm]?[jt]sx?$")
MODULE_EXT = re.compile(r"\.[cm]?[jt]sx?$")
ROUTE_MODULE_EXPORTS = frozenset(
    {
        "default",
        "loader",
        "action",
        "clientLoader",
        "clientAction",
        "meta",
        "links",
        "headers",
        "handle",
        "shouldRevalidate",
        "ErrorBoundary",
        "HydrateFallback",
        "Layout",
        "middleware",
        "clientMiddleware",
        "unstable_middleware",
        "unstable_clientMiddleware",
        "Component",
        "errorElement",
        "hydrateFallbackElement",
    }
)


class ReactRouterFramework(Idiom):
    name = "react-router-framework"
    summary = (
        "React Router v7 / Remix framework files (`routes.ts`, `root.tsx`, `entry.client`, `entry.server`) in "
        "the `appDirectory` (default `app/`) and file-system routes are entries; route module exports "
        "(`loader`, `action`, `meta`, `links`, `ErrorBoundary`, `clientLoader`, ...) are framework-called"
    )
    enabled_when = (
        "a react-router.config / remix.config file, or an app/routes.ts (route module exports: always)"
    )

    def app_dirs(self, project) -> list[str]:
        return project.memo("react-router.app_dirs", lambda: self._app_dirs(project))

    def _app_dirs(self, project) -> list[str]:
        dirs = []
        for p in project.files:
            if CONFIG.search(p):
                base = p.rsplit("/", 1)[0] + "/" if "/" in p else ""
                m = APP_DIRECTORY.search(project.read_text(p) or "")
                dirs.append((base + (m.group(1).strip("./") if m else "app")).rstrip("/"))
        for folder, _ in npm.manifests_depending_on(
            project, "@remix-run/dev", "@remix-run/react", "@react-router/dev"
        ):
            app = npm.prefix_of(folder) + "app"
            if app not in dirs:
                dirs.append(app)
        return dirs

    def _in_app(self, folder: str, dirs: list[str]) -> bool:
        return folder in dirs or folder == "app" or folder.endswith("/app")

    def entries(self, project):
        dirs = self.app_dirs(project)
        for p in sorted(project.facts):
            folder, _, name = p.rpartition("/")
            if FRAMEWORK_FILE.match(name) and self._in_app(folder, dirs):
                yield Entry(
                    p,
                    "React Router framework route config"
                    if name.startswith("routes")
                    else "React Router framework module",
                )
        for p in self._file_routes(project, dirs):
            yield Entry(p, "React Router file-system route")

    def _file_routes(self, project, dirs: list[str]) -> list[str]:
        """Modules under ``<app>/routes/`` when routes come from the file system: ``flatRoutes()``
        in ``routes.ts``, or a Remix app with no ``routes.ts``."""
        out = []
        remix = bool(npm.manifests_depending_on(project, "@remix-run/dev", "@remix-run/react"))
        for app in dirs:
            pre = npm.prefix_of(app)
            configs = [p for p in project.facts if p.startswith(pre) and ROUTES_CONFIG.match(p[len(pre) :])]
            flat = any("flatRoutes(" in (project.read_text(c) or "") for c in configs)
            if not flat and (configs or not remix):
                continue
            for p in project.facts:
                rest = p[len(pre + "routes/") :] if p.startswith(pre + "routes/") else None
                if rest is None or not MODULE_EXT.search(rest):
                    continue
                parts = rest.split("/")
                # routes/x.tsx, or routes/x/route.tsx (a folder route holding its own modules)
                if len(parts) == 1 or (len(parts) == 2 and MODULE_EXT.sub("", parts[1]) == "route"):
                    out.append(p)
        return sorted(out)

    def framework_exports(self, project):
        modules = set(self._file_routes(project, self.app_dirs(project)))
        resolver = project.ts_resolver
        for path, f in project.facts.items():
            if f.ts is None:
                continue
            for r in f.ts.routes:
                if not r.lazy:
                    continue
                target = resolver.resolve(r.lazy, path) if resolver else None
                if not isinstance(target, str) and resolver and not r.lazy.startswith((".", "/")):
                    target = resolver.resolve("./" + r.lazy, path)  # v7: relative to the app directory
                if isinstance(target, str):
                    modules.add(target)
        for path in modules:
            f = project.facts.get(path)
            if f is None or f.ts is None:
                continue
            for ex in f.ts.exports:
                if ex.name in ROUTE_MODULE_EXPORTS:
                    yield path, ex.name


IDIOM = ReactRouterFramework()
