"""TanStack Router file-based routing: the router plugin turns every module under the routes
directory (``src/routes`` by default; ``routesDirectory`` in ``tsr.config.json`` or the Vite
plugin's options) into a route, through a generated ``routeTree.gen.ts`` that is often not
committed. Modules and folders named with the ignore prefix ``-`` are not routes. Route modules
are entries (so their ``Route`` export, read by the generated tree, is never unused)."""

from __future__ import annotations

import re

from deadcode.idioms import npm
from deadcode.idioms.base import Entry, Idiom

ROUTER = (
    "@tanstack/react-router",
    "@tanstack/solid-router",
    "@tanstack/react-start",
    "@tanstack/solid-start",
)
ROUTES_DIRECTORY = re.compile(r"""["']?routesDirectory["']?\s*:\s*["'`]([^"'`]+)["'`]""")
IGNORE_PREFIX = re.compile(r"""["']?routeFileIgnorePrefix["']?\s*:\s*["'`]([^"'`]+)["'`]""")
SETTINGS_FILES = re.compile(
    r"^(tsr\.config\.json|vite\.config\.[cm]?[jt]s|app\.config\.[cm]?[jt]s|rsbuild\.config\.[cm]?[jt]s)$"
)
MODULE_EXT = re.compile(r"\.[cm]?[jt]sx?$")


def _routes_dirs(project) -> list[tuple[str, str]]:
    """(routes folder prefix, ignore prefix) of each package using file-based routing."""
    out = []
    for folder, data in npm.manifests_depending_on(project, *ROUTER):
        pre = npm.prefix_of(folder)
        settings = [p for p in project.files if p.startswith(pre) and SETTINGS_FILES.match(p[len(pre) :])]
        text = "\n".join(project.read_text(p) or "" for p in settings)
        deps = npm.dependencies(data)
        generated = any(p.startswith(pre) and p.endswith("routeTree.gen.ts") for p in project.files)
        file_based = (
            generated
            or "routesDirectory" in text
            or bool(
                deps
                & {
                    "@tanstack/router-plugin",
                    "@tanstack/router-vite-plugin",
                    "@tanstack/router-cli",
                    "@tanstack/react-start",
                    "@tanstack/solid-start",
                }
            )
            or any(p.endswith("tsr.config.json") for p in settings)
        )
        if not file_based:
            continue  # code-based routes: the imports say everything
        m = ROUTES_DIRECTORY.search(text)
        routes = m.group(1).strip() if m else "./src/routes"
        while routes.startswith("./"):
            routes = routes[2:]
        ig = IGNORE_PREFIX.search(text)
        out.append((pre + routes.strip("/") + "/", ig.group(1) if ig else "-"))
    return out


def route_files(project) -> list[str]:
    def compute():
        found = []
        for routes, ignore in _routes_dirs(project):
            for p, f in project.facts.items():
                if f.ts is None or not p.startswith(routes) or not MODULE_EXT.search(p):
                    continue
                if p.endswith(".gen.ts") or any(
                    part.startswith(ignore) for part in p[len(routes) :].split("/")
                ):
                    continue
                found.append(p)
        return sorted(found)

    return project.memo("tanstack.route_files", compute)


class TanStackRouter(Idiom):
    name = "tanstack-router"
    summary = "TanStack Router file routes (modules under `src/routes/` or `routesDirectory`, not `-`-prefixed) are entries"
    enabled_when = "a package.json depending on @tanstack/react-router with the router plugin/CLI, a tsr.config.json, `routesDirectory` or a routeTree.gen.ts"

    def entries(self, project):
        for p in route_files(project):
            yield Entry(p, "TanStack Router file route")


IDIOM = TanStackRouter()
