"""Coverage gaps: what exists in the code but no test touches.

- Frontend routes and pages no E2E test visits: ``page.goto("/x")`` / ``cy.visit("/x")`` in test
  files (``TsFacts.visits``) matched against route patterns (``/database/:id`` matches
  ``/database/42``).
- Backend endpoints no test calls: HTTP calls in test files (Python ``TestClient``/httpx, E2E
  network calls in TS specs), as the graph linked them, plus a literal match of any test call the
  graph did not keep.
- Middleware no test exercises: Python classes whose bases mention ``Middleware`` and files named
  ``*middleware*.py``; exercised when a test file imports the module or names one of its classes.

Precision first, as for findings: a gap is only claimed when no test plausibly reaches the
thing, so matching errs on the side of "tested" (a parameter in a visited URL or a test call
matches any segment).
"""

from __future__ import annotations

import re

from deadcode.graph import route_syntax
from deadcode.graph.context import is_test_path
from deadcode.graph.http import EndpointIndex, EndpointKey, endpoint_segments
from deadcode.graph.reads import WORDS_LIMIT, lenient_text

PAGE_DIRS = re.compile(r"(^|/)(pages|routes|views|screens)/")
PAGE_NAME = re.compile(r"(Page|View|Screen)$")
TS_LANGS = ("typescript", "tsx")
_SUB = re.compile(r"\$\{[^}]*\}")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# ------------------------------------------------------------------------------------ routes


def route_regex(pattern: str) -> re.Pattern:
    """A route pattern of any router syntax (``graph/route_syntax.py``: ``:id``, ``$id``,
    ``[id]``, ``*``, ...) -> regex over a visited path."""
    return route_syntax.regex(pattern)


def clean_visit(path: str) -> str:
    """``/database/${id}/data?tab=1#x`` -> ``/database/__param__/data``: a substitution stands
    for any one segment."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    path = re.sub(r"/+", "/", path)
    segs = []
    for s in path.strip("/").split("/"):
        if not s:
            continue
        segs.append("\x00" if _SUB.search(s) else s)
    return "/" + "/".join(segs)


def visit_matches(route: str, visit: str, regex: re.Pattern | None = None) -> bool:
    regex = regex or route_regex(route)
    visit = clean_visit(visit)
    if "\x00" not in visit:
        return regex.match(visit) is not None
    # a substituted segment may be any text: try it as the route's own segment at that position
    rsegs = [s for s in route.strip("/").split("/") if s]
    vsegs = [s for s in visit.strip("/").split("/") if s]
    filled = []
    for i, v in enumerate(vsegs):
        if v != "\x00":
            filled.append(v)
        elif i < len(rsegs) and not rsegs[i].startswith(":") and rsegs[i] != "*":
            filled.append(rsegs[i].rstrip("?"))
        else:
            filled.append("x")
    return regex.match("/" + "/".join(filled)) is not None


def _route_pages(program, route_id: str, decls) -> list[str]:
    """Files a route renders: the files its component bindings and ``lazy`` resolve to,
    narrowed to page-like files when a wrapper (``<ProtectedRoute>``, a layout) renders too."""
    g = program.graph
    facts = program.ctx.facts
    candidates: list[str] = []
    bindings = getattr(program.ts, "bindings", {})
    for d in decls:
        for comp in d.components:
            for origin, _name in bindings.get(d.file, {}).get(comp.split(".")[0], []):
                if origin in facts and origin not in candidates:
                    candidates.append(origin)
    for e in g.out.get(route_id, ()):
        node = g.nodes.get(e.target)
        if (
            e.kind == "lazy-import"
            and node is not None
            and node.kind == "file"
            and node.path not in candidates
        ):
            candidates.append(node.path)
    candidates = [p for p in candidates if p in facts and not is_test_path(p) and facts[p].lang in TS_LANGS]
    if len(candidates) <= 1:
        return candidates
    pagey = [p for p in candidates if PAGE_DIRS.search(p) or PAGE_NAME.search(_stem(p))]
    return pagey or candidates[-1:]


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.split(".", 1)[0]


def _visits(program) -> list[tuple[str, str, int]]:
    out = []
    for path, f in sorted(program.ctx.facts.items()):
        if f.ts is None or not f.ts.visits or not is_test_path(path):
            continue
        for visit, line in f.ts.visits:
            out.append((visit, path, line))
    return out


def route_score(pattern: str) -> int:
    """How specific a route is, as routers rank them (``graph/route_syntax.py``)."""
    return route_syntax.score(pattern)


def _page_coverage(program, live: set[str]) -> tuple[dict, dict]:
    ctx = program.ctx
    visits = _visits(program)
    declared = []
    for rid, decls in sorted(ctx.routes.items()):
        if not decls or all(is_test_path(d.file) for d in decls):
            continue
        pattern = decls[0].path
        declared.append((rid, decls, pattern, route_regex(pattern), route_score(pattern)))
    # a visit opens the most specific route it matches (a catch-all ``*`` only when nothing else
    # does); a substituted segment may tie several routes, and each of them counts
    hits: dict[str, list[str]] = {}
    for v, p, ln in visits:
        matched = [
            (score, rid) for rid, _d, pattern, regex, score in declared if visit_matches(pattern, v, regex)
        ]
        if not matched:
            continue
        best = max(score for score, _ in matched)
        for score, rid in matched:
            if score == best:
                hits.setdefault(rid, []).append(f"{p}:{ln}")
    routes = []
    page_routes: dict[str, list[str]] = {}
    page_visited: dict[str, list[str]] = {}
    for rid, decls, pattern, _regex, _score in declared:
        seen = hits.get(rid, [])
        pages = _route_pages(program, rid, decls)
        routes.append(
            {
                "route": pattern,
                "file": decls[0].file,
                "line": decls[0].line,
                "pages": pages,
                "visited_by": seen[:5],
                "dev": any(d.dev for d in decls),
                "live": rid in live,
            }
        )
        for p in pages:
            page_routes.setdefault(p, []).append(pattern)
            if seen:
                page_visited.setdefault(p, []).extend(seen[:3])
    pages = []
    for p in sorted(page_routes):
        pages.append(
            {
                "page": p,
                "routes": page_routes[p],
                "visited_by": page_visited.get(p, [])[:5],
                "live": f"file:{p}" in live,
            }
        )
    total = len(pages)
    visited = sum(1 for p in pages if p["visited_by"])
    page_block = {
        "total": total,
        "visited": visited,
        "percent": round(100 * visited / total) if total else None,
        "untested": [p for p in pages if not p["visited_by"]],
        "tested": [p for p in pages if p["visited_by"]],
    }
    route_block = {
        "total": len(routes),
        "visited": sum(1 for r in routes if r["visited_by"]),
        "untested": [r for r in routes if not r["visited_by"]],
        "visits": len(visits),
    }
    return page_block, route_block


# --------------------------------------------------------------------------------- endpoints


def _call_segments(url) -> tuple[tuple[str, ...], bool]:
    """A test's URL template -> (segments, base known). Substitutions match any segment; a
    leading one (a base URL variable) makes the match a suffix match (``graph/urls.py``)."""
    from deadcode.graph.urls import BASE_UNKNOWN, KNOWN, ORIGIN, RELATIVE, join_parts, locate

    loc = locate(join_parts(p if isinstance(p, str) else None for p in url.parts))
    if loc.base in (KNOWN, ORIGIN):
        return loc.segments, True
    if loc.base in (BASE_UNKNOWN, RELATIVE):
        return loc.segments, False
    return (), False


def _tested_endpoints(program) -> dict[str, list[str]]:
    """endpoint node id -> test call sites that reach it."""
    ctx = program.ctx
    tested: dict[str, list[str]] = {}
    for nid, call in ctx.calls.items():
        if not is_test_path(call.file):
            continue
        for t in call.targets:
            tested.setdefault(t, []).append(f"{call.file}:{call.line}")
    index = EndpointIndex(
        [EndpointKey(i.method, i.path, endpoint_segments(i.path)) for i in ctx.endpoints.values()]
    )
    for path, f in ctx.facts.items():
        if not is_test_path(path):
            continue
        calls = (f.py.http_calls if f.py else ()) + (f.ts.http_calls if f.ts else ())
        for call in calls:
            if f"call:{path}:{call.line}" in ctx.calls:
                continue  # the graph linked it (with constants resolved) above
            segs, known = _call_segments(call.url)
            if not segs:
                continue
            hits = index.match(call.method, segs) if known else index.match_suffix(call.method, segs)
            for ep in hits:
                tested.setdefault(f"endpoint:{ep.method} {ep.path}", []).append(f"{path}:{call.line}")
    return tested


def _endpoint_coverage(program, live: set[str]) -> tuple[dict, dict]:
    ctx = program.ctx
    tested = _tested_endpoints(program)
    rows = []
    for nid, info in sorted(ctx.endpoints.items(), key=lambda kv: (kv[1].path, kv[1].method)):
        if is_test_path(info.file):
            continue
        rows.append(
            {
                "endpoint": f"{info.method} {info.path}",
                "file": info.file,
                "line": info.line,
                "handler": info.handler,
                "tested_by": sorted(set(tested.get(nid, [])))[:5],
                "live": nid in live,
            }
        )
    by_file: dict[str, list[dict]] = {}
    for r in rows:
        by_file.setdefault(r["file"], []).append(r)
    files = [
        {"path": p, "endpoints": len(eps), "tested": sum(1 for e in eps if e["tested_by"])}
        for p, eps in sorted(by_file.items())
    ]
    endpoint_block = {
        "total": len(rows),
        "tested": sum(1 for r in rows if r["tested_by"]),
        "untested": [r for r in rows if not r["tested_by"]],
    }
    files_block = {
        "total": len(files),
        "untested": [f for f in files if f["tested"] == 0],
    }
    return endpoint_block, files_block


# -------------------------------------------------------------------------------- middleware


def _middleware_files(program) -> dict[str, list[str]]:
    """file -> middleware classes in it (empty for a ``*middleware*.py`` file without one)."""
    out: dict[str, list[str]] = {}
    for path, f in sorted(program.ctx.facts.items()):
        if f.py is None or is_test_path(path):
            continue
        classes = [d.name for d in f.py.defs if d.kind == "class" and any("Middleware" in b for b in d.bases)]
        named = "middleware" in path.rsplit("/", 1)[-1].lower() and path.rsplit("/", 1)[-1] != "__init__.py"
        if classes or named:
            if named and not classes:
                classes = [d.name for d in f.py.defs if d.kind == "class" and "middleware" in d.name.lower()]
            out[path] = classes
    return out


def _test_names(reads, path: str, f) -> set[str]:
    """Identifiers a test file names: from its facts (imports, root identifiers) and, because
    Python facts keep only the root of ``mw.TracingMiddleware``, every word of its text."""
    names: set[str] = set()
    if f.py is not None:
        names |= set(f.py.module_uses)
        for d in f.py.defs:
            names |= set(d.uses)
        for imp in f.py.imports:
            for n in imp.names:
                orig, _, alias = n.partition(" as ")
                names.add(orig)
                names.add(alias or orig)
    if f.ts is not None:
        names |= set(f.ts.identifiers)
    data = reads.raw(path, WORDS_LIMIT)
    names |= set(_WORD.findall(lenient_text(data) if data is not None else ""))
    return names


def _middleware_coverage(program) -> dict:
    ctx = program.ctx
    mids = _middleware_files(program)
    tests = {p: f for p, f in ctx.facts.items() if is_test_path(p) and (f.py is not None or f.ts is not None)}
    exercised: dict[str, list[str]] = {p: [] for p in mids}
    pyl = getattr(program, "py", None)
    for tpath, f in sorted(tests.items()):
        imported: set[str] = set()
        if f.py is not None and pyl is not None:
            for imp in f.py.imports:
                try:
                    targets, binds = pyl._resolve_import(tpath, imp)
                except Exception:  # resolution of an odd import must not break the report
                    continue
                imported |= set(targets) | {b.file for b in binds.values()}
        names = _test_names(ctx.reads, tpath, f)
        for mpath, classes in mids.items():
            if mpath in imported or any(c in names for c in classes):
                exercised[mpath].append(tpath)
    rows = [{"path": p, "classes": mids[p], "tested_by": exercised[p][:5]} for p in sorted(mids)]
    return {
        "total": len(rows),
        "tested": sum(1 for r in rows if r["tested_by"]),
        "untested": [r for r in rows if not r["tested_by"]],
        "all": rows,
    }


# ------------------------------------------------------------------------------------- public


def coverage_gaps(program, live: set[str] | None = None) -> dict:
    """Pages, routes, endpoints, route files and middleware no test reaches, with counts.

    ``pages.percent`` is visited routed pages / routed pages (None when there are no routes).
    ``live`` (production-reachable node ids) only marks rows as live or dead; computed when not
    given."""
    if live is None:
        from deadcode.analysis.reach import Reacher

        live = set(Reacher(program).production)
    pages, routes = _page_coverage(program, live)
    endpoints, route_files = _endpoint_coverage(program, live)
    middleware = _middleware_coverage(program)
    test_files = [p for p in program.ctx.facts if is_test_path(p)]
    return {
        "pages": pages,
        "routes": routes,
        "endpoints": endpoints,
        "route_files": route_files,
        "middleware": middleware,
        "test_files": len(test_files),
        "counters": {
            "pages_untested": len(pages["untested"]),
            "route_files_untested": len(route_files["untested"]),
            "endpoints_untested": len(endpoints["untested"]),
            "middleware_untested": len(middleware["untested"]),
            "page_coverage_percent": pages["percent"],
        },
    }
