"""alembic: ``env.py`` and every revision under ``versions/`` are loaded by alembic from the folder
``alembic.ini`` names in ``script_location`` (``alembic`` or ``migrations`` by convention)."""

from __future__ import annotations

import posixpath
import re

from deadcode.idioms.base import Entry, Idiom

CONVENTION = re.compile(r"(^|/)(alembic|migrations)/(env\.py|versions/[^/]+\.py)$")
SCRIPT_LOCATION = re.compile(r"^\s*script_location\s*=\s*(\S+)", re.M)


class Alembic(Idiom):
    name = "alembic"
    summary = "alembic `env.py` and revisions in the `script_location` folder (or `alembic/`, `migrations/`) are entries"

    def _locations(self, project) -> list[str]:
        out = []
        for path, text in project.side_texts.items():
            if path.rsplit("/", 1)[-1] in ("alembic.ini", "pyproject.toml", "setup.cfg"):
                base = path.rsplit("/", 1)[0] if "/" in path else ""
                for loc in SCRIPT_LOCATION.findall(text):
                    loc = loc.strip("'\"").replace("%(here)s", "").lstrip("/")
                    if ":" in loc:  # package:folder
                        continue
                    out.append(posixpath.normpath(posixpath.join(base, loc)))
        return out

    def entries(self, project):
        locations = [loc + "/" for loc in self._locations(project)]
        for p in project.facts:
            if not p.endswith(".py"):
                continue
            if CONVENTION.search(p):
                yield Entry(p, "database migration" if "/versions/" in p else "alembic environment")
            elif any(p.startswith(loc) and (p[len(loc):] == "env.py" or p[len(loc):].startswith("versions/"))
                     for loc in locations):
                yield Entry(p, "database migration (alembic script_location)")


IDIOM = Alembic()
