"""FastAPI: a module that creates ``FastAPI()`` is an app a server runs: a production entry."""

from __future__ import annotations

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom


class FastAPIApps(Idiom):
    name = "fastapi"
    summary = "modules that create FastAPI() are entries; routers, prefixes and mounts become endpoints"
    enabled_when = "a Python file creates FastAPI()"

    def entries(self, project):
        for path, f in project.facts.items():
            if f.py is not None and f.py.apps and not is_test_path(path):
                yield Entry(path, "creates FastAPI()")


IDIOM = FastAPIApps()
