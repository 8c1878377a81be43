"""Facts of every file -> one Program: the graph plus the indexes the analysis needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from deadcode.discover.config import Config, glob_match, matches
from deadcode.graph.context import Context, EndpointInfo, is_test_path
from deadcode.graph.deploy_links import link_deploy
from deadcode.graph.http import EndpointIndex, EndpointKey, endpoint_segments
from deadcode.graph.keeps import inline_keeps
from deadcode.graph.loads import link_loads
from deadcode.graph.python_links import PythonLinker
from deadcode.graph.ts_links import TsLinker


@dataclass
class Program:
    ctx: Context
    entries: list[str]  # node ids of production roots
    entry_reasons: dict[str, str]
    templates: list[str]
    python_roots: tuple[str, ...]
    py: PythonLinker
    ts: TsLinker
    notes: list[str] = field(default_factory=list)
    mentions: dict = field(default_factory=dict)  # mentions of the files that are not parsed
    inline_keeps: list = field(default_factory=list)  # `deadcode: keep` markers (graph/keeps.py)
    # (file, export) pairs a framework imports by convention: never unused exports
    framework_exports: frozenset = frozenset()
    # (pattern, why) of endpoints called from outside the repository by convention (idioms)
    public_patterns: tuple = ()
    endpoint_doubts: tuple = ()  # (regex over an endpoint's path, why): never certain-dead (idioms)

    @property
    def graph(self):
        return self.ctx.graph


def _python_roots(config: Config, files: list[str]) -> tuple[str, ...]:
    if "python_roots" in config.explicit:
        return tuple(config.python_roots)
    from deadcode.graph.resolve_python import detect_python_roots

    # src layouts first: `packages/client/src/phoenix/client/x.py` is `phoenix.client.x` even when
    # `phoenix` is a namespace package shared with other distributions
    src_roots = sorted(
        {
            "/".join(p.split("/")[: p.split("/").index("src") + 1])
            for p in files
            if "src" in p.split("/")[:-1] and not is_test_path(p)
        },
        key=lambda r: (-r.count("/"), r),
    )
    detected = [r for r in detect_python_roots(files) if r not in src_roots]
    return tuple(src_roots + detected)


def build_program(
    root: Path,
    config: Config,
    facts: dict,
    side_texts: dict[str, str],
    mentions: dict | None = None,
    unreadable_side: dict[str, str] | None = None,
    unlisted: list[str] | tuple = (),
) -> Program:
    """The graph of ``facts``; ``unreadable_side`` (config files that could not be read) and
    ``unlisted`` (source files skipped for their names) become blind spots."""
    from deadcode.graph.blind_spots import unreadable_blind_spots
    from deadcode.graph.resolve_python import PythonResolver
    from deadcode.graph.resolve_ts import TsResolver

    ctx = Context(str(root), config, facts, side_texts)
    ctx.text_mentions = dict(mentions or {})
    files = sorted(set(facts) | set(side_texts))
    py_files = [p for p in files if p.endswith(".py")]
    roots = _python_roots(config, py_files)
    scripts = [p for p in py_files if p in facts and facts[p].py is not None and facts[p].py.has_main_guard]
    projects = [p.rsplit("/", 1)[0] for p in files if "/" in p and p.rsplit("/", 1)[1] in PROJECT_FILES]
    pyr = PythonResolver(py_files, roots, scripts=scripts, projects=projects)

    def read_text(path: str) -> str | None:
        if path in side_texts:
            return side_texts[path]
        return ctx.reads.text(path)

    tsr = TsResolver(files, read_text)
    py = PythonLinker(ctx, pyr)
    ts = TsLinker(ctx, tsr)
    py.collect_settings()
    py.collect()
    ts.collect()
    py.link()
    ts.link()
    py.link_endpoints()
    py.unseen_handlers()
    from deadcode.idioms import Project

    project = Project(ctx, pyr, tsr, roots)
    _served_endpoints(ctx, project)
    index = EndpointIndex(
        [
            EndpointKey(i.method, i.path, endpoint_segments(i.path), i.uncertain)
            for i in ctx.endpoints.values()
        ]
    )
    ts.link_calls(index)
    _link_python_calls(ctx, py, index)
    templates = link_deploy(ctx, index, chart_dirs(config, files))
    link_loads(ctx, py, project)
    from deadcode.idioms import REGISTRY

    for idiom in REGISTRY:
        ctx.blind_spots.extend(idiom.blind_spots(project))
    _warn_ambiguous_roots(ctx, pyr)
    known = set(ctx.problems)
    ctx.problems += [p for p in tsr.problems if p not in known]
    invalid = dict(tsr.invalid)
    for path, why in _invalid_manifests(side_texts).items():
        if path not in invalid:
            invalid[path] = why
            ctx.problems.append(f"{path}: {why}, ignored: findings it could affect are unsure")
    ctx.invalid_configs = invalid
    ctx.blind_spots += unreadable_blind_spots(facts, unreadable_side, unlisted, invalid, list(side_texts))
    keeps, keep_warnings = inline_keeps(ctx)
    ctx.problems += keep_warnings
    entries, reasons = detect_entries(root, config, ctx, templates, project, keeps)
    program = Program(
        ctx, entries, reasons, templates, roots, py, ts, mentions=dict(mentions or {}), inline_keeps=keeps
    )
    program.framework_exports = _framework_exports(ctx, project)
    program.public_patterns = tuple(
        p for idiom in REGISTRY if idiom.enabled(project) for p in idiom.public_endpoints(project)
    )
    program.endpoint_doubts = tuple(
        d for idiom in REGISTRY if idiom.enabled(project) for d in idiom.endpoint_doubts(project)
    )
    return program


def _served_endpoints(ctx: Context, project) -> None:
    """Endpoints a framework serves from a file by convention (``Idiom.endpoints``): the file
    serves them (an edge file -> endpoint, so they live with it) and handles them (endpoint ->
    the handler's symbol when the graph has one, else the file)."""
    from deadcode.graph.model import Edge
    from deadcode.idioms import REGISTRY

    g = ctx.graph
    for idiom in REGISTRY:
        if not idiom.enabled(project):
            continue
        for ep in idiom.endpoints(project):
            if ep.file not in ctx.facts or is_test_path(ep.file):
                continue
            nid = f"endpoint:{ep.method} {ep.path}"
            if nid in ctx.endpoints and ctx.endpoints[nid].file != ep.file:
                # another server (the Python backend) declares the same route: calls to it keep
                # that one alive; the framework file serving its twin lives as an entry anyway
                continue
            at = f"{ep.file}:{ep.line}"
            ctx.endpoints.setdefault(
                nid, EndpointInfo(ep.method, ep.path, ep.file, ep.handler, ep.line, ep.span, idiom.name)
            )
            g.add_node(nid, "endpoint", ep.file, f"{ep.method} {ep.path}", ep.line)
            fid = ctx.file_node(ep.file)
            handler = f"symbol:{ep.file}#{ep.handler}"
            g.add_edge(Edge(fid, nid, "serves", at, detail=f"{idiom.name} serves {ep.method} {ep.path}"))
            g.add_edge(
                Edge(
                    nid,
                    handler if handler in g.nodes else fid,
                    "handles",
                    at,
                    detail=f"handled by {ep.handler}()",
                )
            )


def _framework_exports(ctx: Context, project) -> frozenset[tuple[str, str]]:
    """(file, export) pairs a framework imports itself (``Idiom.framework_exports``)."""
    from deadcode.idioms import REGISTRY

    out: set[tuple[str, str]] = set()
    for idiom in REGISTRY:
        if idiom.enabled(project):
            out.update((p, n) for p, n in idiom.framework_exports(project) if p in ctx.facts)
    return frozenset(out)


def chart_dirs(config: Config, files: list[str]) -> list[str]:
    """The Helm chart folders: the ``helm`` key, else every folder holding a Chart.yaml."""
    if config.helm is not None:
        return list(config.helm)
    return sorted(
        {
            p.rsplit("/", 1)[0] if "/" in p else ""
            for p in files
            if p.rsplit("/", 1)[-1] in ("Chart.yaml", "Chart.yml")
        }
    )


PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def _warn_ambiguous_roots(ctx: Context, pyr) -> None:
    """The same module in two Python roots, imported from outside both: say which one we took."""
    items = sorted((m, v) for m, v in pyr.ambiguous.items() if not is_test_path(v[2]))
    if not items:
        return
    shown = "; ".join(
        f"{m} from {imp} (took {chosen or '.'}/, also in {other or '.'}/)"
        for m, (chosen, other, imp) in items[:3]
    )
    more = f" (and {len(items) - 3} more)" if len(items) > 3 else ""
    ctx.problems.append(
        f"python_roots: {len(items)} modules are in two roots and imported from outside both, "
        f"resolved by root order: {shown}{more}; list the importing project's root first to choose"
    )


def _invalid_manifests(side_texts: dict[str, str]) -> dict[str, str]:
    """package.json and pyproject.toml files that do not parse (tsconfig files are checked as the
    resolver reads them): path -> why."""
    import sys

    from deadcode.graph.resolve_ts import parse_jsonc

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    out: dict[str, str] = {}
    for path, text in side_texts.items():
        name = path.rsplit("/", 1)[-1]
        if name == "package.json":
            if parse_jsonc(text) is None:
                out[path] = "not valid JSON"
        elif name == "pyproject.toml":
            try:
                tomllib.loads(text)
            except RecursionError:
                out[path] = "nested too deeply"
            except ValueError as exc:
                out[path] = f"not valid TOML: {str(exc).splitlines()[0][:80]}"
    return out


def _link_python_calls(ctx: Context, py: PythonLinker, index: EndpointIndex) -> None:
    """Scripts and tests call the API too (requests, httpx, TestClient, an SDK's own wrapper).
    A substitution resolves through constants and settings defaults; ``self.x`` (an instance's
    base URL) is an unknown base; another host is not our backend."""
    from deadcode.graph.urls import (
        BASE_UNKNOWN,
        OTHER_HOST,
        RELATIVE,
        Located,
        configured_host,
        join_parts,
        locate,
    )

    for path, f in py.py.items():
        for call in f.py.http_calls:
            parts = []
            for i, p in enumerate(call.url.parts):
                if isinstance(p, str):
                    parts.append(p)
                elif p.expr.startswith(("self.", "cls.")):
                    parts.append(None)
                else:
                    value = py._resolve_expr(p.expr, path, 0)
                    parts.extend(configured_host(value) if i == 0 and value else [value])
            loc = locate(join_parts(parts))
            if loc.base == OTHER_HOST:
                continue  # https://api.github.com/...: another service
            if loc.base == RELATIVE:  # relative to the client's base_url
                loc = Located(BASE_UNKNOWN, loc.segments)
            if not loc.segments:
                continue
            matches, resolved = index.resolve(call.method, loc)
            ctx.add_call(
                path,
                call,
                call.method,
                loc.path,
                resolved,
                matches,
                match_prefix=f"{call.method} {loc.path} ",
                base=loc.base,
            )


GENERATED = re.compile(
    r"\.gen\.[jt]sx?$|(^|/)(generated|__generated__|gen)/|_pb2(_grpc)?\.py$|\.generated\.[jt]sx?$"
)


def is_generated(path: str, facts) -> bool:
    """Generated code is regenerated, not edited: never a finding. By its path (``*.gen.ts``,
    ``generated/``) or by the header its generator wrote (``FileFacts.generated``)."""
    return GENERATED.search(path) is not None or bool(getattr(facts, "generated", False))


def is_declarations(path: str) -> bool:
    """A TS declaration file (``types.d.ts``): types only, read for what it imports (a value's
    type: ``import { Status } from "./constants"``), never a finding itself."""
    return path.endswith((".d.ts", ".d.mts", ".d.cts"))


def detect_entries(
    root: Path, config: Config, ctx: Context, templates: list[str], project=None, keeps=()
) -> tuple[list[str], dict[str, str]]:
    """Production roots: the configured ``entry`` globs, plus what every idiom detects (an app
    module, a script, an HTML page's script, a command in a Dockerfile, ...) unless
    ``entry_only`` is set. Helm templates deploy the app, so they are roots; kept files are roots
    so what they use stays. Tests never are."""
    from deadcode.idioms import FALLBACKS, REGISTRY

    reasons: dict[str, str] = {}
    files = list(ctx.facts)
    if "entry" in config.explicit:
        for p in files:
            if matches(p, config.entry) and not is_test_path(p):
                reasons[p] = "configured entry"
    if project is not None and not getattr(config, "entry_only", False):
        for idiom in REGISTRY:
            if not idiom.enabled(project):
                continue
            for e in idiom.entries(project):
                if e.path in ctx.facts and not is_test_path(e.path):
                    reasons.setdefault(e.path, e.reason)
        for idiom in FALLBACKS:
            for e in idiom.entries_after(project, dict(reasons)):
                reasons.setdefault(e.path, e.reason)
    for t in templates:
        reasons.setdefault(t, "Helm template (deployed)")
    for k in keeps:
        if k.what == "file":
            reasons.setdefault(k.path, f"kept: {k.reason} ({k.path}:{k.line})")
    for rule in config.keep:
        if rule.path:
            for p in files:
                if glob_match(p, rule.path):
                    reasons.setdefault(p, f"kept: {rule.reason}")
    entries = [f"file:{p}" for p in sorted(reasons)]
    for e in entries:
        ctx.file_node(e[5:])
    return entries, reasons
