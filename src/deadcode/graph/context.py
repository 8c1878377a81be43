"""State shared by the language adapters while they add nodes and edges to one Graph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deadcode.facts.model import FileFacts, PySettingField
from deadcode.graph.model import Graph

if TYPE_CHECKING:
    from deadcode.discover.config import Config

TEST_PATH = re.compile(
    r"(^|/)(tests?|__tests__|e2e|cypress|playwright|spec|__mocks__)(/|$)"
    r"|(^|/)(test_[^/]*|[^/]*_test)\.py$|(^|/)conftest\.py$"
    r"|\.(test|spec|stories|story|cy)\.[cm]?[jt]sx?$"
)


def is_test_path(path: str) -> bool:
    """Tests, E2E specs and stories: never production roots, never findings."""
    return TEST_PATH.search(path) is not None


@dataclass
class EndpointInfo:
    method: str
    path: str  # full path, every prefix applied, as the backend declares it
    file: str
    handler: str
    line: int
    span: tuple[int, int]
    owner: str
    conditions: tuple = ()
    include_at: tuple[str, ...] = ()  # where the router chain is mounted ("file:line")
    uncertain: bool = False  # a prefix was not resolved: ``path`` is only the known tail


@dataclass
class CallInfo:
    node: str
    file: str
    line: int
    method: str
    url: str  # display URL with {} for parameters
    resolved: bool  # the base URL is known: a miss is a broken call, not an unknown
    function: str | None
    dev: bool
    span: tuple[int, int]
    targets: list[str] = field(default_factory=list)  # endpoint node ids


@dataclass
class RouteInfo:
    node: str
    file: str
    path: str
    line: int
    span: tuple[int, int]
    components: tuple[str, ...]
    dev: bool


@dataclass(frozen=True)
class BlindSpot:
    """Something the model could not read (an unreadable source file, an invalid tsconfig): every
    finding under ``prefix`` (a folder ending in ``/``, a file, or ``""`` for the repo) whose path
    ends with one of ``suffixes`` (all when empty), and whose kind is one of ``kinds`` (all when
    empty), is at most ``unsure``, with ``reason``."""

    prefix: str
    reason: str
    suffixes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # only findings of these kinds (all when empty)

    def covers(self, path: str, kind: str = "") -> bool:
        inside = path == self.prefix or (self.prefix.endswith("/") and path.startswith(self.prefix)) or not self.prefix
        if self.kinds and kind not in self.kinds:
            return False
        return inside and (not self.suffixes or path.endswith(self.suffixes))


@dataclass
class Context:
    root: str
    config: "Config"
    facts: dict[str, FileFacts]
    side_texts: dict[str, str]
    graph: Graph = field(default_factory=Graph)
    settings_fields: dict[str, tuple[str, str, PySettingField]] = field(default_factory=dict)  # name -> (file, class, field)
    endpoints: dict[str, EndpointInfo] = field(default_factory=dict)  # node id -> info
    calls: dict[str, CallInfo] = field(default_factory=dict)
    routes: dict[str, list[RouteInfo]] = field(default_factory=dict)  # node id -> declarations
    env_sources: dict[str, list[tuple[str, int, str | None, str | None]]] = field(default_factory=dict)
    # env var -> [(file, line, literal value, values key)]
    values: dict[str, list[tuple[str, int, str | None]]] = field(default_factory=dict)  # key -> [(file, line, value)]
    problems: list[str] = field(default_factory=list)
    blind_spots: list[BlindSpot] = field(default_factory=list)
    invalid_configs: dict[str, str] = field(default_factory=dict)  # config files that did not parse

    def add_call(self, path: str, call, method: str, url: str, known: bool, targets, dev: bool = False,
                 match_prefix: str = "") -> CallInfo:
        """A client call node: the edge from the file (or the function symbol holding it) to the
        call, and one edge from the call to each endpoint it may reach."""
        from deadcode.graph.model import Edge

        g = self.graph
        nid = f"call:{path}:{call.line}"
        disp = f"{method} {url}"
        info = CallInfo(nid, path, call.line, method, url, known, call.function, dev, call.span)
        self.calls[nid] = info
        g.add_node(nid, "call", path, disp, call.line)
        src = f"file:{path}"
        if call.function and f"symbol:{path}#{call.function}" in g.nodes:
            src = f"symbol:{path}#{call.function}"
        at = f"{path}:{call.line}"
        g.add_edge(Edge(src, nid, "calls", at, call.conditions, dev=dev, detail=f"calls {disp}"))
        for ep in targets:
            eid = f"endpoint:{ep.method} {ep.path}"
            info.targets.append(eid)
            g.add_edge(Edge(nid, eid, "calls", at, dev=dev, detail=f"{match_prefix}matches {ep.method} {ep.path}"))
        return info

    def file_node(self, path: str) -> str:
        f = self.facts.get(path)
        self.graph.add_node(f"file:{path}", "file", path, path, lines=f.lines if f else 0)
        return f"file:{path}"
