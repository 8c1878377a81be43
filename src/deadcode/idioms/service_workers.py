"""Generated service-worker runtimes forward the page's own requests (``fetch(event.request)``):
the Mock Service Worker runtime (``mockServiceWorker.js``) and Workbox builds (``workbox-*.js``,
the ``sw.js`` next-pwa and workbox-cli write). Their calls are not client calls of their own:
they neither keep an endpoint alive nor count as calls whose URL is unknown."""

from __future__ import annotations

import re

from deadcode.idioms.base import Idiom

HEADER_BYTES = 800
# (file name, markers every one of which the file's first bytes hold; () = the name suffices)
RUNTIMES = (
    (re.compile(r"^mockServiceWorker\.js$"), ()),
    (re.compile(r"^workbox-[0-9a-f]{6,}\.js$"), ()),
    (re.compile(r"\.js$"), (b"Mock Service Worker", b"mswjs/msw")),
    (re.compile(r"^(sw|service-worker)\.js$"), (b"workbox",)),
    (re.compile(r"\.js$"), (b'self["workbox:',)),
)


class ServiceWorkers(Idiom):
    name = "service-worker-runtimes"
    summary = "generated service-worker runtimes (MSW `mockServiceWorker.js`, Workbox `workbox-*.js` / `sw.js`) forward requests: no client calls of their own"
    enabled_when = "a file so named, or carrying the runtime's header"


def is_runtime(path: str, data: bytes) -> bool:
    name = path.rsplit("/", 1)[-1]
    head = data[:HEADER_BYTES]
    return any(rx.search(name) and all(m in head for m in markers) for rx, markers in RUNTIMES)


IDIOM = ServiceWorkers()
