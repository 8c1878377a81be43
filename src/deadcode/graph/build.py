"""Facts of every file -> one Program: the graph plus the indexes the analysis needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from deadcode.discover.config import Config, glob_match
from deadcode.graph.context import Context, is_test_path
from deadcode.graph.deploy_links import link_deploy
from deadcode.graph.http import EndpointIndex, EndpointKey, endpoint_segments
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

    @property
    def graph(self):
        return self.ctx.graph


def _python_roots(config: Config, files: list[str]) -> tuple[str, ...]:
    if "python_roots" in config.explicit:
        return tuple(config.python_roots)
    from deadcode.graph.resolve_python import detect_python_roots

    return tuple(detect_python_roots(files))


def build_program(root: Path, config: Config, facts: dict, side_texts: dict[str, str]) -> Program:
    from deadcode.graph.resolve_python import PythonResolver
    from deadcode.graph.resolve_ts import TsResolver

    ctx = Context(str(root), config, facts, side_texts)
    files = sorted(set(facts) | set(side_texts))
    py_files = [p for p in files if p.endswith(".py")]
    roots = _python_roots(config, py_files)
    pyr = PythonResolver(py_files, roots)

    def read_text(path: str) -> str | None:
        if path in side_texts:
            return side_texts[path]
        try:
            return (root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    tsr = TsResolver(files, read_text)
    py = PythonLinker(ctx, pyr)
    ts = TsLinker(ctx, tsr)
    py.collect_settings()
    py.collect()
    ts.collect()
    py.link()
    ts.link()
    py.link_endpoints()
    index = EndpointIndex([EndpointKey(i.method, i.path, endpoint_segments(i.path)) for i in ctx.endpoints.values()])
    ts.link_calls(index)
    _link_python_calls(ctx, py, ts, index)
    templates = link_deploy(ctx, index, [])
    entries, reasons = detect_entries(root, config, ctx, templates)
    return Program(ctx, entries, reasons, templates, roots, py, ts)


def _link_python_calls(ctx: Context, py: PythonLinker, ts: TsLinker, index: EndpointIndex) -> None:
    """Scripts and tests call the API too (requests, httpx, TestClient)."""
    from deadcode.facts.model import Template
    from deadcode.graph.context import CallInfo
    from deadcode.graph.http import PARAM, display_path
    from deadcode.graph.model import Edge

    g = ctx.graph
    for path, f in py.py.items():
        for call in f.py.http_calls:
            parts, known = [], True
            for i, p in enumerate(call.url.parts):
                if isinstance(p, str):
                    parts.append(p)
                else:
                    v = py._resolve_expr(p.expr, path, 0)
                    if v is None:
                        known = known and i > 0
                        parts.append("\0")
                    else:
                        parts.append(v)
            text = "".join(parts)
            text = re.sub(r"^[a-z]+://[^/]*", "", text)
            segs = tuple(PARAM if s == "\0" else s for s in endpoint_segments(text.replace("\0", "{}")))
            while not known and segs and segs[0] == PARAM:
                segs = segs[1:]
            if not segs:
                continue
            targets = index.match(call.method, segs) if known else index.match_suffix(call.method, segs)
            nid = f"call:{path}:{call.line}"
            info = CallInfo(nid, path, call.line, call.method, display_path(segs), known, call.function, False, call.span)
            ctx.calls[nid] = info
            g.add_node(nid, "call", path, f"{call.method} {display_path(segs)}", call.line)
            src = f"file:{path}"
            if call.function and f"symbol:{path}#{call.function}" in g.nodes:
                src = f"symbol:{path}#{call.function}"
            g.add_edge(Edge(src, nid, "calls", f"{path}:{call.line}", call.conditions, detail=f"calls {call.method} {display_path(segs)}"))
            for ep in targets:
                eid = f"endpoint:{ep.method} {ep.path}"
                info.targets.append(eid)
                g.add_edge(Edge(nid, eid, "calls", f"{path}:{call.line}", detail=f"matches {ep.method} {ep.path}"))


_SCRIPT_SRC = re.compile(r"<script[^>]*type=[\"']module[\"'][^>]*src=[\"']([^\"']+)[\"']", re.I)


def detect_entries(root: Path, config: Config, ctx: Context, templates: list[str]) -> tuple[list[str], dict[str, str]]:
    """Production roots: configured ``entry`` globs, else FastAPI app modules, ``__main__``
    scripts, the frontend entry from index.html or src/main.tsx. Helm templates deploy the app,
    so they are roots too; kept files are roots so what they use stays. Tests never are."""
    reasons: dict[str, str] = {}
    files = list(ctx.facts)
    if "entry" in config.explicit:
        for p in files:
            if any(glob_match(p, pat) for pat in config.entry) and not is_test_path(p):
                reasons[p] = "configured entry"
    else:
        for p, f in ctx.facts.items():
            if is_test_path(p) or f.py is None:
                continue
            if f.py.apps:
                reasons[p] = "creates FastAPI()"
            elif f.py.has_main_guard and re.search(r"(^|/)(scripts?|bin|tools|manage)(/|\.py$)", p):
                reasons[p] = "script with if __name__ == \"__main__\""
        for html, text in ctx.side_texts.items():
            if not html.endswith("index.html"):
                continue
            base = html.rsplit("/", 1)[0] if "/" in html else ""
            for src in _SCRIPT_SRC.findall(text):
                cand = (base + "/" + src.lstrip("/")) if base else src.lstrip("/")
                if cand in ctx.facts:
                    reasons[cand] = f"module script of {html}"
        if not any(p.endswith((".tsx", ".ts", ".jsx", ".js")) for p in reasons):
            for p in files:
                if re.search(r"(^|/)src/(main|index)\.[jt]sx?$", p) and not is_test_path(p):
                    reasons[p] = "frontend entry by convention"
        for p in files:
            if re.search(r"(^|/)app/(routes|root)\.tsx?$", p):
                reasons.setdefault(p, "React Router framework route config")
    for t in templates:
        reasons.setdefault(t, "Helm template (deployed)")
    for rule in config.keep:
        if rule.path:
            for p in files:
                if glob_match(p, rule.path):
                    reasons.setdefault(p, f"kept: {rule.reason}")
    entries = [f"file:{p}" for p in sorted(reasons)]
    for e in entries:
        ctx.file_node(e[5:])
    return entries, reasons
