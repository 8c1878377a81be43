"""Mock Service Worker: its handlers answer requests, they send none. ``http.get("/api/x",
resolver)`` (``rest.get`` before MSW 2) registers a mock of an endpoint, and the generated
runtime ``mockServiceWorker.js`` forwards the page's own requests with ``fetch(request)``:
neither is a client call, so neither keeps an endpoint alive nor counts as a call whose URL is
unknown."""

from __future__ import annotations

from deadcode.idioms.base import Idiom
from deadcode.idioms.http_clients import MOCK_MODULES, SERVICE_WORKER_NAMES

RUNTIME_MARKERS = (b"Mock Service Worker", b"mswjs/msw")
HEADER_BYTES = 800


class Msw(Idiom):
    name = "msw"
    summary = "MSW handlers (`http.get(path, resolver)`, `rest.*`) and the `mockServiceWorker.js` runtime are mocks, not client calls"
    enabled_when = "a file imports from msw; a file named mockServiceWorker.js or carrying the MSW runtime header"


def mock_locals(ex) -> set[str]:
    """Local names of a file bound to MSW's handler namespaces (``http``, ``rest``, ``graphql``, ``ws``)."""
    out: set[str] = set()
    for imp in ex.imports:
        if imp.specifier in MOCK_MODULES:
            out.update(local for _, local in imp.names)
    return out


def is_runtime(path: str, data: bytes) -> bool:
    """The MSW service-worker runtime, by its name or the header its generator writes."""
    name = path.rsplit("/", 1)[-1]
    head = data[:HEADER_BYTES]
    return name in SERVICE_WORKER_NAMES or all(m in head for m in RUNTIME_MARKERS)


IDIOM = Msw()
