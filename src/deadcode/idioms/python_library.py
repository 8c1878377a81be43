"""Python packages that are libraries: a sub-project with its own pyproject.toml / setup.py and no
FastAPI app is installed and imported by others, so its public modules (no ``_`` part) are
entries. A package that is both an app and a published library keeps its public modules too,
as ``public_modules`` says or, by default, those its ``__init__`` re-exports."""

from __future__ import annotations

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom


class PythonLibrary(Idiom):
    name = "python-library"
    summary = "public modules of a Python sub-project with its own pyproject.toml/setup.py and no FastAPI app are entries"

    def entries(self, project):
        markers = [p for p in project.files if p.rsplit("/", 1)[-1] in ("pyproject.toml", "setup.py", "setup.cfg") and "/" in p]
        for marker in markers:
            prefix = marker.rsplit("/", 1)[0] + "/"
            members = [p for p, f in project.facts.items() if f.py is not None and p.startswith(prefix) and not is_test_path(p)]
            if not members or any(project.facts[p].py.apps for p in members):
                continue
            for p in members:
                parts = p[len(prefix):].split("/")
                if all(not part.startswith("_") or part == "__init__.py" for part in parts):
                    yield Entry(p, f"public module of library {marker}")


IDIOM = PythonLibrary()
