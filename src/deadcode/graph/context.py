"""State shared by the language adapters while they add nodes and edges to one Graph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from deadcode.facts.model import FileFacts, PySettingField
from deadcode.graph.model import Graph

if TYPE_CHECKING:
    from deadcode.discover.config import Config
    from deadcode.graph.reads import Reads

TEST_PATH = re.compile(
    r"(^|/)(tests?|__tests__|e2e|cypress|playwright|spec|__mocks__)(/|$)"
    r"|(^|/)(test_[^/]*|[^/]*_test)\.py$|(^|/)conftest\.py$"
    r"|\.(test|spec|stories|story|cy)\.[cm]?[jt]sx?$"
)


@lru_cache(maxsize=1 << 16)
def is_test_path(path: str) -> bool:
    """Tests, E2E specs and stories: never production roots, never findings. Cached: every
    stage asks it of the same paths (70,000 calls on a 10k-file repo)."""
    return TEST_PATH.search(path) is not None


def package_roots(paths) -> list[str]:
    """The folders holding a package.json among ``paths`` ("" for the root), deepest first."""
    roots = {p.rsplit("/", 1)[0] if "/" in p else "" for p in paths if p.rsplit("/", 1)[-1] == "package.json"}
    return sorted(roots, key=lambda r: -len(r))


def package_of(path: str, roots: list[str]) -> str:
    """The nearest of ``roots`` (``package_roots``) above ``path``, "" when none is."""
    for r in roots:
        if not r or path.startswith(r + "/"):
            return r
    return ""


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
    name: str | None = None  # the route name ``url_for`` links to (``name=``, else the handler's)


# how ``explain`` names a matching rule (graph/http.py)
RULE_WORDS = {
    "exact": "exact",
    "suffix": "suffix: the base is unknown, two or more segments agree",
    "weak-suffix": "weak suffix: the base is unknown, one segment agrees",
    "tail": "tail: the endpoint's prefix is unresolved",
}


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
    # endpoint node ids the call MAY reach by a weaker rule (one literal segment behind an
    # unknown base): no edge, so they are not kept alive; analysis/confidence.py makes each an
    # ``unsure`` finding, never a certain one, while the call may run
    maybe: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # endpoint node id -> the rule that matched it
    base: str = "known"  # where the path starts (graph/urls.py): known | origin | unknown
    # the call site (``call:<file>:<line>``): the URLs one site may take are one node each
    site: str = ""

    @property
    def url_resolved(self) -> bool:
        """Whether the call's URL is known, whoever serves it: it reaches an endpoint, a miss is a
        broken call, or it is a known path on an origin we cannot read (another service, maybe)."""
        if self.resolved or self.targets:
            return True
        return self.base == "origin" and any(s and "{" not in s for s in self.url.split("/"))


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
        inside = (
            path == self.prefix
            or (self.prefix.endswith("/") and path.startswith(self.prefix))
            or not self.prefix
        )
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
    settings_fields: dict[str, tuple[str, str, PySettingField]] = field(
        default_factory=dict
    )  # name -> (file, class, field)
    endpoints: dict[str, EndpointInfo] = field(default_factory=dict)  # node id -> info
    calls: dict[str, CallInfo] = field(default_factory=dict)
    routes: dict[str, list[RouteInfo]] = field(default_factory=dict)  # node id -> declarations
    env_sources: dict[str, list[tuple[str, int, str | None, str | None]]] = field(default_factory=dict)
    # env var -> [(file, line, literal value, values key)]
    values: dict[str, list[tuple[str, int, str | None]]] = field(
        default_factory=dict
    )  # key -> [(file, line, value)]
    problems: list[str] = field(default_factory=list)
    blind_spots: list[BlindSpot] = field(default_factory=list)
    text_mentions: dict = field(default_factory=dict)  # mentions of the files that are not parsed
    dynamic_loads_unresolved: int = 0
    # (source node, loaded file) of every module loaded by name or place (graph/loads.py)
    module_loads: list[tuple[str, str]] = field(default_factory=list)
    endpoints_unplaced: int = 0
    # module-level names holding an app a server runs, made here or by a factory: file -> names
    app_holders: dict[str, list[str]] = field(default_factory=dict)
    invalid_configs: dict[str, str] = field(default_factory=dict)  # config files that did not parse
    # the repository's files read beyond the facts (graph/reads.py): recorded for the verdicts cache
    reads: "Reads | None" = None
    _file_nodes: set[str] = field(default_factory=set)  # files whose node file_node has made

    def __post_init__(self) -> None:
        if self.reads is None:
            from deadcode.graph.reads import Reads

            self.reads = Reads(self.root)

    def add_call(
        self,
        path: str,
        call,
        method: str,
        url: str,
        known: bool,
        targets,
        dev: bool = False,
        match_prefix: str = "",
        base: str | None = None,
    ) -> CallInfo:
        """A client call node: the edge from the file (or the function symbol holding it) to the
        call, and one edge from the call to each endpoint it surely reaches. ``targets`` are
        ``graph.http.Match``es (or bare endpoint keys: exact matches); a match that is not sure
        is recorded in ``CallInfo.maybe`` without an edge. Several URLs at one call site (the
        branches of a ternary, ``isEdit ? api.put : api.post``) are one node each."""
        from deadcode.graph.model import Edge

        g = self.graph
        disp = f"{method} {url}"
        base = base or ("known" if known else "unknown")
        nid = f"call:{path}:{call.line}"
        k = 1
        while nid in self.calls and (self.calls[nid].method, self.calls[nid].url, self.calls[nid].base) != (
            method,
            url,
            base,
        ):
            k += 1
            nid = f"call:{path}:{call.line}~{k}"
        at = f"{path}:{call.line}"
        info = self.calls.get(nid)
        if info is None:
            info = CallInfo(
                nid,
                path,
                call.line,
                method,
                url,
                known,
                call.function,
                dev,
                call.span,
                base=base,
                site=f"call:{path}:{call.line}",
            )
            self.calls[nid] = info
            g.add_node(nid, "call", path, disp, call.line)
            src = f"file:{path}"
            if call.function and f"symbol:{path}#{call.function}" in g.nodes:
                src = f"symbol:{path}#{call.function}"
            g.add_edge(Edge(src, nid, "calls", at, call.conditions, dev=dev, detail=f"calls {disp}"))
        else:  # the same URL again (two branches resolving alike): one node, every target
            info.resolved = info.resolved and known
        for t in targets:
            ep = getattr(t, "endpoint", t)
            rule = getattr(t, "rule", "exact")
            eid = f"endpoint:{ep.method} {ep.path}"
            if eid in info.rules:
                continue
            info.rules[eid] = rule
            if not getattr(t, "sure", True):
                info.maybe.append(eid)
                continue
            info.targets.append(eid)
            g.add_edge(
                Edge(
                    nid,
                    eid,
                    "calls",
                    at,
                    dev=dev,
                    detail=f"{match_prefix}matches {ep.method} {ep.path} ({RULE_WORDS.get(rule, rule)})",
                )
            )
        return info

    def file_node(self, path: str) -> str:
        nid = "file:" + path
        if path in self._file_nodes:  # 118,000 calls on 10k files: made once, nothing else changes it
            return nid
        self._file_nodes.add(path)
        f = self.facts.get(path)
        lines = f.lines if f else 0
        node = self.graph.nodes.get(nid)
        if node is None or node.data.get("lines") != lines:
            self.graph.add_node(nid, "file", path, path, lines=lines)
        return nid
