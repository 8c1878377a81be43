"""FastAPI: a module that creates ``FastAPI()`` is an app a server runs: a production entry."""

from __future__ import annotations

from pathlib import Path

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom
from deadcode.idioms.fastapi.routes import read_routes


class FastAPIApps(Idiom):
    name = "fastapi"
    summary = (
        "modules that create FastAPI() or hold the app a factory makes are entries; endpoints are placed under every "
        "prefix that mounts them (helpers, factories, class-based routers, sub-apps, loops)"
    )
    enabled_when = "a Python file creates FastAPI()"
    python_query = (Path(__file__).parent / "routes.scm").read_text(encoding="utf-8")

    def read_python(self, module, matches):
        return read_routes(module, matches)

    def entries(self, project):
        for path, f in project.facts.items():
            if f.py is not None and f.py.apps and not is_test_path(path):
                yield Entry(path, "creates FastAPI()")
        for path, names in getattr(project.ctx, "app_holders", {}).items():
            f = project.facts.get(path)
            if f is not None and f.py is not None and not f.py.apps and not is_test_path(path):
                yield Entry(path, f"holds the app {names[0]} a factory makes")


IDIOM = FastAPIApps()
