"""A script that writes the app's OpenAPI document (``spec = app.openapi()`` then
``json.dump(spec, open("docs/openapi.json", "w"))``) publishes the API: the document goes to
API docs, SDK generators and other teams, whose calls no file in the repository shows. Every
endpoint is then at most ``unsure``. The committed document itself is read by the mention index
(``openapi.json`` files); this idiom covers the document that is generated, not committed."""

from __future__ import annotations

import re

from deadcode.graph.context import BlindSpot, is_test_path
from deadcode.idioms.base import Idiom

DOCUMENT = re.compile(r"(openapi|swagger)[\w.-]*\.(json|ya?ml)$", re.I)
SPEC_CALL = re.compile(r"\.openapi\(\s*\)")


class OpenApiExport(Idiom):
    name = "openapi-export"
    summary = (
        "a script that writes the app's OpenAPI document (`app.openapi()` into `openapi.json`) publishes "
        "the API: every orphan endpoint is `unsure`"
    )
    enabled_when = "a Python file names an `openapi*.json`/`swagger*.yaml` file"

    def blind_spots(self, project):
        for path, facts in sorted(project.facts.items()):
            if facts.py is None or is_test_path(path):
                continue
            names = [t for t, _line in facts.mentions if DOCUMENT.search(t)]
            if not names:
                continue
            text = project.read_text(path)
            if text and SPEC_CALL.search(text):
                yield BlindSpot(
                    "",
                    f"the API is published: {path} writes the app's OpenAPI document ({names[0]})",
                    kinds=("orphan-endpoint",),
                )
                return


IDIOM = OpenApiExport()
