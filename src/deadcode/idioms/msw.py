"""Mock Service Worker: its handlers answer requests, they send none. ``http.get("/api/x",
resolver)`` (``rest.get`` before MSW 2) registers a mock of an endpoint: not a client call, so
it neither keeps an endpoint alive nor makes one "called only from dev-only code". (Its
generated runtime ``mockServiceWorker.js`` is read by ``service_workers.py``.)"""

from __future__ import annotations

from deadcode.idioms.base import Idiom
from deadcode.idioms.http_clients import MOCK_MODULES


class Msw(Idiom):
    name = "msw"
    summary = "MSW handlers (`http.get(path, resolver)`, `rest.*`, `graphql.*`) are mocks, not client calls"
    enabled_when = "a file imports from msw"


def mock_locals(ex) -> set[str]:
    """Local names of a file bound to MSW's handler namespaces (``http``, ``rest``, ``graphql``, ``ws``)."""
    out: set[str] = set()
    for imp in ex.imports:
        if imp.specifier in MOCK_MODULES:
            out.update(local for _, local in imp.names)
    return out


IDIOM = Msw()
