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

    # src layouts first: `packages/client/src/phoenix/client/x.py` is `phoenix.client.x` even when
    # `phoenix` is a namespace package shared with other distributions
    src_roots = sorted({"/".join(p.split("/")[: p.split("/").index("src") + 1]) for p in files
                        if "src" in p.split("/")[:-1] and not is_test_path(p)}, key=lambda r: (-r.count("/"), r))
    detected = [r for r in detect_python_roots(files) if r not in src_roots]
    return tuple(src_roots + detected)


def build_program(root: Path, config: Config, facts: dict, side_texts: dict[str, str],
                  unreadable_side: dict[str, str] | None = None, unlisted: list[str] | tuple = ()) -> Program:
    """The graph of ``facts``; ``unreadable_side`` (config files that could not be read) and
    ``unlisted`` (source files skipped for their names) become blind spots."""
    from deadcode.graph.blind_spots import unreadable_blind_spots
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
        return _read_config_text(root, path)

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
    index = EndpointIndex([EndpointKey(i.method, i.path, endpoint_segments(i.path), i.uncertain)
                           for i in ctx.endpoints.values()])
    ts.link_calls(index)
    _link_python_calls(ctx, py, index)
    templates = link_deploy(ctx, index, [])
    entries, reasons = detect_entries(root, config, ctx, templates)
    ctx.problems += [p for p in tsr.problems if p not in ctx.problems]
    invalid = dict(tsr.invalid)
    for path, why in _invalid_manifests(side_texts).items():
        if path not in invalid:
            invalid[path] = why
            ctx.problems.append(f"{path}: {why}, ignored: findings it could affect are unsure")
    ctx.invalid_configs = invalid
    ctx.blind_spots += unreadable_blind_spots(facts, unreadable_side, unlisted, invalid)
    return Program(ctx, entries, reasons, templates, roots, py, ts)


def _read_config_text(root: Path, path: str) -> str | None:
    """A config file outside the discovered ones (``node_modules/@tsconfig/base/tsconfig.json``):
    never through a symlink inside the repository, never from a device, at most 2 MiB."""
    from deadcode.safefs import UnsafePath, read_regular, symlink_inside

    full = root / path
    if symlink_inside(root, full) is not None:
        return None
    try:
        data = read_regular(full, "config file", limit=2 * 1024 * 1024)
        return data.decode("utf-8") if data is not None else None
    except (UnsafePath, UnicodeDecodeError):
        return None


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
    """Scripts and tests call the API too (requests, httpx, TestClient)."""
    from deadcode.graph.http import PARAM, display_path

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
            targets += index.match_tail(call.method, segs)
            ctx.add_call(path, call, call.method, display_path(segs), known, targets)


_SCRIPT_SRC = re.compile(r"<script[^>]*type=[\"']module[\"'][^>]*src=[\"']([^\"']+)[\"']", re.I)

# Files a tool loads by convention: never dead code, and what they import stays.
CONVENTION_ROOTS = (
    (re.compile(r"(^|/)[^/]+\.config\.[cm]?[jt]s$"), "tool configuration"),
    (re.compile(r"(^|/)(alembic|migrations)/env\.py$"), "alembic environment"),
    (re.compile(r"(^|/)(alembic|migrations)/versions/[^/]+\.py$"), "database migration"),
    (re.compile(r"(^|/)(conftest|setup|noxfile|fabfile|manage|gunicorn\.conf|wsgi|asgi)\.py$"), "tool entry by name"),
    (re.compile(r"(^|/)src/(setupTests|vite-env\.d|serviceWorker|service-worker|sw)\.[jt]sx?$"), "framework file by name"),
    (re.compile(r"(^|/)__main__\.py$"), "runs with python -m"),
    (re.compile(r"^\.github/"), "CI script"),
)
GENERATED = re.compile(r"\.gen\.[jt]sx?$|(^|/)(generated|__generated__|gen)/|_pb2(_grpc)?\.py$|\.generated\.[jt]sx?$")


def is_generated(path: str, facts) -> bool:
    """Generated code is regenerated, not edited: never a finding."""
    return GENERATED.search(path) is not None


def detect_entries(root: Path, config: Config, ctx: Context, templates: list[str]) -> tuple[list[str], dict[str, str]]:
    """Production roots: configured ``entry`` globs, else FastAPI app modules, scripts run with
    ``__main__``, the frontend entry from index.html or src/main.tsx. Helm templates deploy the
    app and tools load their config files, so both are roots too; kept files are roots so what
    they use stays. Tests never are."""
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
            elif f.py.has_main_guard:
                reasons[p] = "runs as a script (if __name__ == \"__main__\")"
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
        _standalone_scripts(ctx, reasons)
        _standalone_js(ctx, reasons)
        _package_entries(ctx, reasons)
        _library_entries(ctx, reasons)
    for p in files:
        for pattern, why in CONVENTION_ROOTS:
            if pattern.search(p) and not is_test_path(p):
                reasons.setdefault(p, why)
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


def _standalone_js(ctx: Context, reasons: dict[str, str]) -> None:
    """A TS/JS file in no package (no package.json above it) that nothing imports is a script
    run by hand or by a tool: a root."""
    g = ctx.graph
    packages = [pj[: -len("package.json")] for pj in ctx.side_texts if pj.endswith("package.json")]
    for p, f in ctx.facts.items():
        if f.ts is None or p in reasons or is_test_path(p) or any(p.startswith(prefix) for prefix in packages):
            continue
        parts = p.split("/")
        scriptish = set(parts[:-1]) & {"scripts", "docs", "tools", "bin", "examples"} or (
            p.endswith((".js", ".mjs", ".cjs")) and "src" not in parts)
        if not scriptish:
            continue
        if not any(e.kind in ("import", "lazy-import") for e in g.inc.get(f"file:{p}", ())):
            reasons[p] = "standalone script outside any package"


def _standalone_scripts(ctx: Context, reasons: dict[str, str]) -> None:
    """A Python file outside any package that nothing imports is run by something we cannot
    see (a shell script, a Dockerfile, a cookiecutter hook): a root, not dead code."""
    g = ctx.graph
    py = [p for p, f in ctx.facts.items() if f.py is not None and not is_test_path(p)]
    pkg_dirs = {p.rsplit("/", 1)[0] if "/" in p else "" for p in py if p.endswith("__init__.py")}
    for p in py:
        folder = p.rsplit("/", 1)[0] if "/" in p else ""
        if folder in pkg_dirs or p in reasons:
            continue
        if not any(e.kind in ("import", "gated", "lazy-import") for e in g.inc.get(f"file:{p}", ())):
            reasons[p] = "standalone script outside any package"


def _package_files(prefix: str, names: list[str], members: list[str]) -> list[str]:
    """Files of a package named in its package.json, build output mapped back to sources
    (``dist/index.js`` -> ``src/index.ts``)."""
    named = [prefix + n.lstrip("./") for n in names]
    named += [prefix + re.sub(r"^(dist|build|lib|out)/", "src/", n[len(prefix):]) for n in named]
    stems = {re.sub(r"\.(d\.ts|[cm]?[jt]sx?)$", "", n) for n in named}
    return [p for p in members if p in named or re.sub(r"\.[cm]?[jt]sx?$", "", p) in stems]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _library_entries(ctx: Context, reasons: dict[str, str]) -> None:
    """A Python sub-project with its own pyproject.toml / setup.py and no FastAPI app is a
    library: its public modules are used outside the repository, so they are roots."""
    markers = [p for p in list(ctx.side_texts) + list(ctx.facts)
               if p.rsplit("/", 1)[-1] in ("pyproject.toml", "setup.py", "setup.cfg") and "/" in p]
    for marker in markers:
        prefix = marker.rsplit("/", 1)[0] + "/"
        members = [p for p, f in ctx.facts.items() if f.py is not None and p.startswith(prefix) and not is_test_path(p)]
        if not members or any(ctx.facts[p].py.apps for p in members):
            continue
        for p in members:
            parts = p[len(prefix):].split("/")
            if all(not part.startswith("_") or part == "__init__.py" for part in parts):
                reasons.setdefault(p, f"public module of library {marker}")


def _package_entries(ctx: Context, reasons: dict[str, str]) -> None:
    """A workspace package none of whose files is an entry gets its package.json entries
    (main, module, exports, bin) as roots; without any, all its files are roots: we cannot know
    how it is run (an email-template CLI, a storybook), and guessing dead deletes live code."""
    import json

    ts_files = [p for p, f in ctx.facts.items() if f.ts is not None and not is_test_path(p)]
    ts_entries = [p for p in reasons if p.endswith((".ts", ".tsx", ".js", ".jsx"))]
    packages = [pj[: -len("package.json")] for pj in ctx.side_texts if pj.endswith("package.json")]
    for pj, text in ctx.side_texts.items():
        if not pj.endswith("package.json"):
            continue
        prefix = pj[: -len("package.json")]
        nested = [n for n in packages if n != prefix and n.startswith(prefix)]
        members = [p for p in ts_files if p.startswith(prefix) and not any(p.startswith(n) for n in nested)]
        if not members or any(p in members for p in ts_entries):
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = {}
        data = data if isinstance(data, dict) else {}
        declared = [v for k in ("main", "module", "source", "types", "browser") if isinstance(v := data.get(k), str)]
        declared += _strings(data.get("bin")) + _strings(data.get("exports"))
        scripted = []
        for command in (data.get("scripts") or {}).values() if isinstance(data.get("scripts"), dict) else ():
            scripted += re.findall(r"[\w./-]+\.(?:[cm]?[jt]sx?)\b", str(command))  # "tsx src/server.ts"
        for p in _package_files(prefix, scripted, members):
            reasons.setdefault(p, f"run by a script of {pj}")
        hits = _package_files(prefix, declared, members)
        if hits:
            for p in hits:
                reasons[p] = f"entry of package {pj}"
        else:
            for p in members:
                reasons[p] = f"package {pj} has no detectable entry: its files are kept (set `entry`)"
