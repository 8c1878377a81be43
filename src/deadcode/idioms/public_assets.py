"""Static folders: Next.js, Vite and Create React App serve ``public/`` as is, by URL (a service
worker ``/sw.js``, an embed script, MSW's ``mockServiceWorker.js``). No import names those
files; the browser loads them."""

from __future__ import annotations

from deadcode.idioms import npm
from deadcode.idioms.base import Entry, Idiom

SERVERS = ("next", "vite", "react-scripts", "@remix-run/dev", "@react-router/dev", "astro", "nuxt")


class PublicAssets(Idiom):
    name = "public-assets"
    summary = "scripts under a web app's `public/` folder are served by URL (`/sw.js`): entries"
    enabled_when = (
        "a package.json depending on next, vite, react-scripts, @react-router/dev or @remix-run/dev"
    )

    def entries(self, project):
        folders = [
            npm.prefix_of(folder) + "public/" for folder, _ in npm.manifests_depending_on(project, *SERVERS)
        ]
        if not folders:
            return
        for p, f in sorted(project.facts.items()):
            if f.ts is not None and p.startswith(tuple(folders)):
                yield Entry(p, "static file served from public/")


IDIOM = PublicAssets()
