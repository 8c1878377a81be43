"""alembic: ``env.py`` and every revision under ``versions/`` are loaded by alembic from the folder
``alembic.ini`` names in ``script_location`` (``alembic`` or ``migrations`` by convention). An
absolute ``script_location`` is a path inside a container (``/app/db/migrations/core``): it names
the repository folder it ends with; an ``alembic.ini`` beside an ``env.py`` is that folder's own."""

from __future__ import annotations

import posixpath
import re

from deadcode.idioms.base import Entry, Idiom

CONVENTION = re.compile(r"(^|/)(alembic|migrations)/(env\.py|versions/[^/]+\.py)$")
SCRIPT_LOCATION = re.compile(r"^\s*script_location\s*=\s*(\S+)", re.M)


class Alembic(Idiom):
    name = "alembic"
    summary = (
        "alembic `env.py` and revisions in the `script_location` folder (relative, `%(here)s`, an absolute container "
        "path matched by its tail, an alembic.ini beside an env.py; or `alembic/`, `migrations/`) are entries"
    )

    def _locations(self, project) -> list[str]:
        folders = {p.rsplit("/", 1)[0] for p in project.facts if "/" in p}
        out = []
        for path, text in project.side_texts.items():
            if path.rsplit("/", 1)[-1] in ("alembic.ini", "pyproject.toml", "setup.cfg"):
                base = path.rsplit("/", 1)[0] if "/" in path else ""
                if path.endswith("alembic.ini") and f"{base}/env.py".lstrip("/") in project.facts:
                    out.append(base)
                for loc in SCRIPT_LOCATION.findall(text):
                    loc = loc.strip("'\"")
                    if ":" in loc:  # package:folder
                        continue
                    if loc.startswith("/"):  # a container path: the repository folder it ends with
                        out += _by_suffix(folders, loc.strip("/"))
                        continue
                    out.append(
                        posixpath.normpath(posixpath.join(base, loc.replace("%(here)s", "").lstrip("/")))
                    )
        return out

    def entries(self, project):
        locations = [loc + "/" for loc in self._locations(project)]
        for p in project.facts:
            if not p.endswith(".py"):
                continue
            if CONVENTION.search(p):
                yield Entry(p, "database migration" if "/versions/" in p else "alembic environment")
            elif any(
                p.startswith(loc) and (p[len(loc) :] == "env.py" or p[len(loc) :].startswith("versions/"))
                for loc in locations
            ):
                yield Entry(p, "database migration (alembic script_location)")


IDIOM = Alembic()


def _by_suffix(folders: set[str], loc: str) -> list[str]:
    """The folders ``loc`` ends with, longest match first: ``app/db/migrations/core`` ->
    ``api/db/migrations/core`` (the container copies ``api/`` to ``/app``)."""
    parts = loc.split("/")
    for k in range(len(parts), 1, -1):
        tail = "/".join(parts[-k:])
        hits = sorted(f for f in folders if f == tail or f.endswith("/" + tail))
        if hits:
            return hits
    return []
