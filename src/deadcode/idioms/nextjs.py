"""Next.js: the framework loads files by their place, never by an import.

- App router (``app/`` or ``src/app/``): ``page``, ``layout``, ``route``, ``loading``, ``error``,
  ``not-found``, ``template``, ``default``, ``global-error`` (and the other special and metadata
  files) in any routable folder; ``_private`` folders opt out of routing.
- Pages router (``pages/`` or ``src/pages/``): every file with a page extension, ``_app``,
  ``_document`` and ``api/**`` included (``pageExtensions`` in ``next.config`` is honoured).
- Project files: ``middleware``/``proxy``, ``instrumentation``, ``instrumentation-client``,
  ``mdx-components`` (``next.config.*`` is a tool configuration already).
- Route handlers are endpoints: ``export async function GET()`` in ``app/api/x/[id]/route.ts``
  serves ``GET /api/x/{id}`` (route groups ``(g)`` and slots ``@s`` add no segment; ``[...slug]``
  is one parameter); ``pages/api/x.ts`` serves every method of ``/api/x``.

A Next.js project is a package.json folder that depends on ``next`` and has a ``next.config.*``
or a script running ``next``: a component library with ``next`` as a peer dependency is none.
"""

from __future__ import annotations

import re

from deadcode.idioms import npm
from deadcode.idioms.base import Endpoint, Entry, Idiom

DEFAULT_PAGE_EXTENSIONS = ("tsx", "ts", "jsx", "js")
APP_FILES = frozenset(
    {
        "page",
        "layout",
        "route",
        "loading",
        "error",
        "not-found",
        "template",
        "default",
        "global-error",
        "global-not-found",
        "forbidden",
        "unauthorized",
    }
)
METADATA_FILE = re.compile(
    r"^(opengraph-image|twitter-image|icon|apple-icon)\d*$|^(sitemap|robots|manifest)$"
)
PROJECT_FILES = re.compile(
    r"^(middleware|proxy|instrumentation|instrumentation-client|mdx-components)\.[cm]?[jt]sx?$"
)
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
# ``pages/api`` handlers take every method in one default export
PAGES_API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
CONFIG = re.compile(r"^next\.config\.[cm]?[jt]s$")
PAGE_EXTENSIONS = re.compile(r"pageExtensions\s*:\s*\[([^\]]*)\]")
BASE_PATH = re.compile(r"""basePath\s*:\s*["'`](/[^"'`$]*)["'`]""")
STRING = re.compile(r"""["'`]([^"'`]+)["'`]""")


class NextProject:
    """One Next.js application: its folder, page extensions and base path."""

    def __init__(self, folder: str, config_text: str):
        self.folder = folder
        m = PAGE_EXTENSIONS.search(config_text)
        exts = tuple(s.strip(".") for s in STRING.findall(m.group(1))) if m else ()
        self.page_extensions = exts or DEFAULT_PAGE_EXTENSIONS
        b = BASE_PATH.search(config_text)
        self.base_path = b.group(1).rstrip("/") if b else ""
        pre = npm.prefix_of(folder)
        self.app_dirs = (pre + "app/", pre + "src/app/")
        self.pages_dirs = (pre + "pages/", pre + "src/pages/")

    def stem(self, name: str) -> str | None:
        """``page.tsx`` -> ``page`` when ``tsx`` is a page extension (``x.page.tsx`` with
        ``pageExtensions: ["page.tsx"]`` -> ``x``)."""
        for ext in sorted(self.page_extensions, key=len, reverse=True):
            if name.endswith("." + ext) and len(name) > len(ext) + 1:
                return name[: -len(ext) - 1]
        return None

    def app_route(self, path: str) -> tuple[str, list[str]] | None:
        """(app dir, folder segments below it) for a file in a routable app folder."""
        for app in self.app_dirs:
            if path.startswith(app):
                segs = path[len(app) :].split("/")[:-1]
                if any(s.startswith("_") for s in segs):
                    return None  # a private folder: not routed
                return app, segs
        return None

    def pages_route(self, path: str) -> tuple[str, list[str]] | None:
        for pages in self.pages_dirs:
            if path.startswith(pages):
                return pages, path[len(pages) :].split("/")
        return None


def projects(project) -> list[NextProject]:
    """The Next.js applications of the repository."""
    return project.memo("nextjs.projects", lambda: _projects(project))


def _projects(project) -> list[NextProject]:
    out = []
    for folder, data in npm.manifests_depending_on(project, "next"):
        pre = npm.prefix_of(folder)
        configs = [
            p
            for p in project.files
            if p.startswith(pre) and "/" not in p[len(pre) :] and CONFIG.match(p[len(pre) :])
        ]
        if not configs and not npm.runs_binary(data, "next"):
            continue
        text = "\n".join(project.read_text(c) or "" for c in configs)
        out.append(NextProject(folder, text))
    return out


def url_path(segments: list[str]) -> list[str] | None:
    """URL templates of a route folder (``["api", "(v1)", "x", "[id]"]`` -> ``["/api/x/{id}"]``);
    None for an intercepting route, which serves another route's URL."""
    paths = [""]
    for seg in segments:
        seg = seg.replace("%5F", "_").replace("%5f", "_")
        if seg.startswith(("(.)", "(..)", "(...)")):
            return None  # an intercepting route: (.)photo
        if seg.startswith("(") and seg.endswith(")"):
            continue  # a route group
        if seg.startswith("@"):
            continue  # a parallel route slot
        m = re.fullmatch(r"\[\[\.\.\.([^\]]+)\]\]", seg)
        if m:  # optional catch-all: the folder's own URL and any deeper one
            paths = [p for base in paths for p in (base, f"{base}/{{{m.group(1)}}}")]
            continue
        m = re.fullmatch(r"\[(?:\.\.\.)?([^\]]+)\]", seg)
        paths = [f"{p}/{{{m.group(1)}}}" if m else f"{p}/{seg}" for p in paths]
    return [p or "/" for p in paths]


class NextJs(Idiom):
    name = "nextjs"
    summary = (
        "Next.js app router special files (`page`, `layout`, `route`, `loading`, `error`, `not-found`, "
        "`template`, `default`, `global-error`, metadata files), every `pages/**` file, `middleware`/`proxy`, "
        "`instrumentation` are entries; `route.ts` handlers and `pages/api` serve endpoints"
    )
    enabled_when = "a package.json depending on `next` with a `next.config.*` or a script running `next`"

    def enabled(self, project) -> bool:
        return bool(projects(project))

    def entries(self, project):
        apps = projects(project)
        if not apps:
            return
        for p in sorted(project.facts):
            for app in apps:
                why = self._why(app, p)
                if why:
                    yield Entry(p, why)
                    break

    def _why(self, app: NextProject, path: str) -> str | None:
        folder, _, name = path.rpartition("/")
        pre = npm.prefix_of(app.folder)
        if (folder == app.folder or folder == pre + "src") and PROJECT_FILES.match(name):
            return f"Next.js {name.split('.')[0]} file"
        stem = app.stem(name)
        if stem is None:
            return None
        hit = app.app_route(path)
        if hit and (stem in APP_FILES or METADATA_FILE.match(stem)):
            return f"Next.js app router {stem}"
        if app.pages_route(path):
            return "Next.js pages router page"
        return None

    def endpoints(self, project):
        for app in projects(project):
            for path, f in sorted(project.facts.items()):
                if f.ts is None:
                    continue
                stem = app.stem(path.rpartition("/")[2])
                if stem == "route" and (hit := app.app_route(path)):
                    yield from self._route_handlers(app, path, f, hit[1])
                elif stem is not None and (hit := app.pages_route(path)) and hit[1][0] == "api":
                    segs = hit[1][:-1] + ([] if stem == "index" else [stem])
                    default = next((e for e in f.ts.exports if e.name == "default"), None)
                    if default is None:
                        continue
                    for url in url_path(segs) or []:
                        for method in PAGES_API_METHODS:
                            yield Endpoint(
                                method, app.base_path + url, path, "default", default.line, default.span
                            )

    @staticmethod
    def _route_handlers(app: NextProject, path: str, f, segments: list[str]):
        urls = url_path(segments)
        if not urls:
            return
        handlers = [(e.name, e.line, e.span) for e in f.ts.exports if e.name in HTTP_METHODS]
        handlers += [
            (exported, rx.line, rx.span)
            for rx in f.ts.reexports
            for _, exported in rx.names
            if exported in HTTP_METHODS
        ]
        for name, line, span in handlers:
            for url in urls:
                yield Endpoint(name, app.base_path + url, path, name, line, span)


IDIOM = NextJs()
