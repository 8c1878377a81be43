"""The idiom seam: what one framework idiom may tell the core, and what it may read.

An idiom is one module in ``deadcode/idioms/`` exporting ``IDIOM``, an instance of ``Idiom``
(knip keeps one folder per plugin the same way). It can:
- ``extract``: per file, pure, cached with the file's facts: emit GENERIC facts (today
  ``ModuleLoad``: modules loaded by name or place) from the parsed tree;
- ``entries``: production entry files by convention (an app module, a framework route file, a
  command in a Dockerfile), each with the reason ``init`` and ``explain`` show;
- ``link``: generic edges once every file is resolved (a file that loads another).
The core speaks of files, loads, routes, endpoints and calls; it never names a framework.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from deadcode.facts.model import FileFacts, ModuleLoad
    from deadcode.graph.context import Context


def load_toml(text: str) -> dict:
    """A TOML document as a dict; ``{}`` when it is not valid (the caller warns elsewhere)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Entry:
    path: str
    reason: str


@dataclass(frozen=True)
class Endpoint:
    """An HTTP endpoint a framework serves from a file by convention (a Next.js route handler
    ``export async function GET()`` in ``app/api/x/route.ts`` serves ``GET /api/x``). ``path``
    uses ``{name}`` for parameters. The framework serves it whoever calls it, so it is live with
    its file; client calls match it like any endpoint."""

    method: str
    path: str
    file: str
    handler: str
    line: int
    span: tuple[int, int]


@dataclass(frozen=True)
class Load:
    """A file that loads another outside import statements (an edge ``lazy-import``)."""

    source: str
    target: str
    at: str  # "path:line"
    detail: str


class Project:
    """What idioms read, never write: the analysed files and their facts, the side texts
    (package.json, tsconfig, index.html, pyproject), the resolvers and the graph so far."""

    def __init__(self, ctx: "Context", py_resolver, ts_resolver, python_roots: tuple[str, ...]):
        self.ctx = ctx
        self.py_resolver = py_resolver
        self.ts_resolver = ts_resolver
        self.python_roots = python_roots

    @property
    def facts(self) -> dict[str, "FileFacts"]:
        return self.ctx.facts

    @property
    def side_texts(self) -> dict[str, str]:
        return self.ctx.side_texts

    @property
    def graph(self):
        return self.ctx.graph

    def read_text(self, path: str) -> str | None:
        """A side text, or the file's text read from the repository (None when unreadable)."""
        if path in self.ctx.side_texts:
            return self.ctx.side_texts[path]
        return self.ctx.reads.text(path)

    def memo(self, key: str, compute):
        """``compute()`` once per project: what several hooks of one idiom share."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    @cached_property
    def files(self) -> list[str]:
        return sorted(set(self.ctx.facts) | set(self.ctx.side_texts))

    @cached_property
    def package_jsons(self) -> dict[str, dict]:
        """``package.json`` path -> its parsed object (invalid ones are ``{}``)."""
        out = {}
        for path, text in self.ctx.side_texts.items():
            if path.rsplit("/", 1)[-1] == "package.json":
                try:
                    data = json.loads(text)
                except (ValueError, RecursionError):
                    data = {}
                out[path] = data if isinstance(data, dict) else {}
        return out

    @cached_property
    def npm_dependencies(self) -> frozenset[str]:
        names = set()
        for data in self.package_jsons.values():
            for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
                deps = data.get(key)
                if isinstance(deps, dict):
                    names.update(str(k) for k in deps)
        return frozenset(names)

    @cached_property
    def python_dependencies(self) -> frozenset[str]:
        """Distribution names any pyproject/requirements file declares (normalised lower-case)."""
        names = set()
        for path, text in self.ctx.side_texts.items():
            base = path.rsplit("/", 1)[-1]
            if base == "pyproject.toml" or base.startswith("requirements") or base == "setup.cfg":
                for m in re.finditer(
                    r"""^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;"',]|$)""",
                    text,
                    re.M,
                ):
                    names.add(m.group(1).lower().replace("_", "-"))
        return frozenset(names)

    def has_dependency(self, name: str) -> bool:
        return name in self.npm_dependencies or name.lower().replace("_", "-") in self.python_dependencies

    def imports_module(self, top: str) -> bool:
        """Whether any Python file imports ``top`` (``fastapi``) or a submodule of it."""
        for f in self.ctx.facts.values():
            if f.py is not None and any(
                i.module == top or i.module.startswith(top + ".") for i in f.py.imports
            ):
                return True
        return False


class Idiom:
    """One framework idiom. Subclasses override what they know; the defaults know nothing."""

    name: str = ""
    summary: str = ""  # one line for the README catalogue
    enabled_when: str = "always"  # the enabling rule, in words, for the catalogue
    langs: tuple[str, ...] = ()  # grammars ``extract`` reads
    # a tree-sitter query the Python extractor runs in its one pass over each file (one combined
    # query: no second traversal); ``read_python`` turns its matches into PyFacts fields
    python_query: str = ""

    def enabled(self, project: Project) -> bool:
        return True

    def extract(self, path: str, lang: str, data: bytes, root) -> Iterable["ModuleLoad"]:
        """Per-file facts from the parsed tree (``root``): pure, cached with the file."""
        return ()

    def read_python(self, module, matches) -> dict[str, tuple]:
        """``PyFacts`` fields (generic facts: ``apps``, ``routers``, ``endpoints``, ``includes``)
        from the matches of ``python_query`` on one file. ``module`` is the extractor's reader:
        ``text(node)``, ``_where(pos)`` (conditions, enclosing top-level definition), ``defs``.
        Pure, cached with the file's facts."""
        return {}

    def entries(self, project: Project) -> Iterable[Entry]:
        return ()

    def link(self, project: Project) -> Iterable[Load]:
        return ()

    def endpoints(self, project: Project) -> Iterable[Endpoint]:
        """Endpoints served by convention; asked before client calls are matched."""
        return ()

    def public_endpoints(self, project: Project) -> Iterable[tuple[str, str]]:
        """(``METHOD /path`` pattern, why) of endpoints called from outside the repository by
        convention (a browser, a crawler, a standard's client): live, like ``public_endpoints``."""
        return ()

    def endpoint_doubts(self, project: Project) -> Iterable[tuple[str, str]]:
        """(regular expression over an endpoint's path, why) of endpoints that callers outside
        the repository may use (a webhook a service posts to): never certain-dead."""
        return ()

    def framework_exports(self, project: Project) -> Iterable[tuple[str, str]]:
        """(file, export name) pairs the framework itself imports (a route module's ``loader``,
        ``meta``): never unused exports."""
        return ()

    def blind_spots(self, project: Project) -> Iterable:
        """``BlindSpot``s: places the idiom knows the model cannot judge (code others import,
        templates rendered elsewhere): findings there are ``unsure`` with the spot's reason."""
        return ()
