"""The review report: one plain-data model of the analysis, rendered as Markdown and as a
self-contained HTML page (CSS, JS and SVG inline; nothing is fetched, it works from file://).

What a reviewer sees first is the summary: the counters of the hand-written inventory (components,
pages, backend modules, endpoints, settings, Helm values, lines, test page tabs), then the groups
in review order: safe to delete, needs refactor first, blocked by a flag, keep for now.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from pathlib import Path, PurePosixPath

from deadcode.analysis.coverage import TS_LANGS, coverage_gaps
from deadcode.analysis.explain import explain
from deadcode.graph.context import is_test_path
from deadcode.graph.model import Edge, Graph
from deadcode.output.escape import md_code, md_text
from deadcode.output.graph_export import graph_mermaid
from deadcode.output.kinds import CONFIDENCE_HELP, all_kinds, doc
from deadcode.plan.planner import REMOVABLE, REPORTED
from deadcode.report.svg import Box, Link, render_svg

TEMPLATES = Path(__file__).parent / "templates"
MD_NAME = "deadcode-report.md"
HTML_NAME = "deadcode-report.html"

NOT_PLANNED = REPORTED  # reported, never deleted (the planner does not plan them)
PAGE_DIR = re.compile(r"(^|/)pages/")
MAX_DIFF_LINES = 300
MAX_GRAPH_MEMBERS = 30
MAX_GRAPH_NODES = 45

KIND_HELP = {
    "dev-only": "reachable only through a dev root, dev route or dev-only branch",
    "flag-gated": "reachable only through code the production flag values switch off",
    "unreachable": "not reachable from any production entry",
    "orphan-endpoint": "an endpoint no production client, probe, script or public pattern reaches",
    "broken-call": "a frontend call no endpoint serves",
    "unused-export": "an export nothing live imports",
    "unused-config": "a setting, env var or Helm value only dead code reads",
}


# ------------------------------------------------------------------------------ small helpers


def _what(f) -> str:
    if f.kind in ("orphan-endpoint", "broken-call"):
        return f.endpoint or f.path
    if f.kind == "unused-config":
        return f.symbol or f.path
    if f.symbol:
        return f"{f.path}#{f.symbol}"
    return f.path


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "group"


def _explain_text(analysis, f) -> str:
    """The evidence chain as ``deadcode explain`` prints it, for the targets explain knows;
    otherwise the finding's own evidence."""
    target = None
    if f.kind in REMOVABLE:
        target = f.path
    elif f.kind == "orphan-endpoint" and f.endpoint:
        target = f.endpoint
    elif f.kind == "unused-config" and f.node and f.node in analysis.program.graph.nodes:
        target = f.node
    if target is not None:
        try:
            result = explain(analysis, target)
            if result.node is not None:
                return result.text()
        except Exception as exc:  # one odd node must not lose the whole report
            return f"{_what(f)}: explain failed ({type(exc).__name__}: {exc})"
    lines = [f"{_what(f)}: {f.kind}", f"  {f.reason}"]
    lines += [f"    {e}" for e in f.evidence]
    lines.append(f"  finding: {f.kind} in group {f.group}: {f.reason}")
    return "\n".join(lines)


def _diff_lines(patch: str) -> tuple[list[tuple[str, str]], int]:
    """(css class, line) pairs of a unified diff, and how many lines were left out."""
    lines = patch.splitlines()
    shown = lines[:MAX_DIFF_LINES]
    out = []
    for line in shown:
        if line.startswith(
            (
                "diff --git",
                "new file mode",
                "deleted file mode",
                "index ",
                "+++ b/",
                "--- a/",
                "+++ /dev/null",
                "--- /dev/null",
            )
        ):
            cls = "meta"
        elif line.startswith("@@"):
            cls = "hunk"
        elif line.startswith("+"):
            cls = "add"
        elif line.startswith("-"):
            cls = "del"
        else:
            cls = "ctx"
        out.append((cls, line))
    return out, len(lines) - len(shown)


def _fence(text: str, lang: str = "") -> str:
    """A Markdown code fence longer than any backtick run inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


# ---------------------------------------------------------------------------- group pictures


class _Projection:
    """Symbols and call sites drawn as the file that holds them: a picture of files, routes,
    endpoints and settings a reviewer recognises."""

    def __init__(self, graph: Graph):
        self.g = graph
        self.children: dict[str, list[str]] = {}
        for nid, node in graph.nodes.items():
            self.children.setdefault(self.display(nid), []).append(nid)

    def display(self, nid: str) -> str:
        node = self.g.nodes.get(nid)
        if node is not None and node.kind in ("symbol", "call") and node.path:
            return f"file:{node.path}"
        return nid


def _box(graph: Graph, did: str, state: str) -> Box:
    node = graph.nodes.get(did)
    kind = node.kind if node else did.split(":", 1)[0]
    label = node.label if node else did.split(":", 1)[-1]
    if kind == "file" and node is not None and node.path:
        p = PurePosixPath(node.path)
        parent = str(p.parent)
        return Box(did, p.name, "" if parent == "." else parent + "/", kind, state, node.path)
    return Box(did, label, kind, kind, state, f"{kind}: {label}")


def group_picture(
    analysis, members: set[str], live: dict, proj: _Projection, name: str, id_prefix: str
) -> dict:
    """The group's part of the graph: its members, the live code that references them and
    what they use, as Mermaid (Markdown) and inline SVG (HTML; ``id_prefix`` unique in the page)."""
    g = analysis.program.graph
    all_members = {proj.display(n) for n in members if n in g.nodes}
    edges: dict[tuple[str, str], Edge] = {}
    for d in sorted(all_members):
        for nid in proj.children.get(d, [d]):
            for e in g.out.get(nid, ()):
                t = proj.display(e.target)
                if t != d:
                    edges.setdefault((d, t), e)
            for e in g.inc.get(nid, ()):
                s = proj.display(e.source)
                src = g.nodes.get(e.source)
                if s != d and src is not None and not is_test_path(src.path or ""):
                    edges.setdefault((s, d), e)
    # too many members: draw the most connected ones (isolated files say little in a picture)
    degree = Counter()
    for s, t in edges:
        degree[s] += 1
        degree[t] += 1
    shown_members = sorted(all_members, key=lambda d: (-degree[d], not d.startswith("file:"), d))[
        :MAX_GRAPH_MEMBERS
    ]
    omitted = len(all_members) - len(shown_members)
    shown_members.sort(key=lambda d: (not d.startswith("file:"), d))
    member_set = set(shown_members)
    # live code that uses the group first (what a refactor must cut), then what the group uses
    referrers = sorted(
        {s for s, t in edges if t in member_set and s not in all_members}, key=lambda d: (d not in live, d)
    )
    targets = sorted({t for s, t in edges if s in member_set and t not in all_members and t not in referrers})
    room = max(0, MAX_GRAPH_NODES - len(shown_members))
    neighbours = referrers[:room]
    neighbours += targets[: max(0, room - len(neighbours))]
    nodes = shown_members + neighbours
    keep = set(nodes)

    def state(d: str) -> str:
        if d in member_set:
            return "remove"
        return "live" if d in live else "dead"

    boxes = [_box(g, d, state(d)) for d in nodes]
    kept_edges = [(k, e) for k, e in sorted(edges.items()) if k[0] in keep and k[1] in keep]
    links = [
        Link(
            s,
            t,
            e.kind + (f" if {e.condition}" if e.condition else "") + (" (dev)" if e.dev else ""),
            bool(e.dev or e.conditions),
        )
        for (s, t), e in kept_edges
    ]
    small = Graph()
    for d in nodes:
        node = g.nodes.get(d)
        small.add_node(
            d, node.kind if node else "file", node.path if node else None, node.label if node else d
        )
    for (s, t), e in kept_edges:
        small.add_edge(Edge(s, t, e.kind, e.at, e.conditions, e.dev, e.detail))
    mermaid = graph_mermaid(small, None, member_set)
    svg = render_svg(boxes, links, id_prefix, f"Graph of group {name}")
    return {
        "mermaid": mermaid,
        "svg": svg,
        "nodes": len(nodes),
        "edges": len(links),
        "omitted_members": omitted,
        "omitted_neighbours": len(referrers) + len(targets) - len(neighbours),
    }


# ------------------------------------------------------------------------------------ counters


def routed_pages(coverage: dict) -> set[str]:
    return {p["page"] for p in coverage["pages"]["tested"] + coverage["pages"]["untested"]}


def is_page(path: str, routed: set[str]) -> bool:
    """A page: a file under a ``pages/`` folder, or a file a route renders."""
    return bool(PAGE_DIR.search(path)) or path in routed


def test_page_tabs(loaded, removable: set[str]) -> list[dict]:
    """Tabs of the dev-only test pages: the distinct components (JSX elements or identifiers) a
    dev-root file imports whose file is a removable finding. One row per (dev root, component)."""
    from deadcode.discover.config import glob_match

    program = loaded.program
    ctx = program.ctx
    dev_roots = list(getattr(ctx.config, "dev_roots", ()) or ())
    ts = program.ts
    out = []
    for path, f in sorted(ctx.facts.items()):
        if f.ts is None or not any(glob_match(path, pat) for pat in dev_roots):
            continue
        used = {j.name.split(".")[0] for j in f.ts.jsx} | set(f.ts.identifiers)
        seen = set()
        for imp in f.ts.imports:
            target = ts.resolve(imp.specifier, path)
            locals_ = [local for _, local in imp.names] + ([imp.local] if imp.local else [])
            for local in locals_:
                if local in seen or local not in used:
                    continue
                files = {o for o, _ in ts.bindings.get(path, {}).get(local, [])} | (
                    {target} if target else set()
                )
                hit = sorted(p for p in files if p in removable)
                if hit:
                    seen.add(local)
                    out.append({"dev_root": path, "component": local, "file": hit[0]})
    return out


def _counters(analysis, coverage, tabs) -> tuple[list[dict], dict]:
    ctx = analysis.program.ctx
    facts = ctx.facts
    routed = routed_pages(coverage)
    files = {}
    for f in analysis.findings:
        if f.kind in REMOVABLE and f.path in facts:
            files[f.path] = facts[f.path]
    fe = [p for p, ff in files.items() if ff.lang in TS_LANGS]
    pages = [p for p in fe if is_page(p, routed)]
    components = [p for p in fe if p not in pages]
    backend = [p for p, ff in files.items() if ff.lang == "python"]
    endpoints = {f.node for f in analysis.findings if f.kind == "orphan-endpoint" and f.node}
    endpoints |= {nid for nid, info in ctx.endpoints.items() if info.file in files}
    settings = [
        f
        for f in analysis.findings
        if f.kind == "unused-config" and (f.node or "").startswith(("setting:", "env:"))
    ]
    values = [
        f for f in analysis.findings if f.kind == "unused-config" and (f.node or "").startswith("helm-value:")
    ]
    lines = sum(ff.lines for ff in files.values())
    counters = [
        {
            "key": "frontend_components",
            "label": "Frontend components to delete",
            "value": len(components),
            "note": "TS/TSX files (components, hooks, helpers) that are findings, pages excluded",
        },
        {
            "key": "pages",
            "label": "Pages to delete",
            "value": len(pages),
            "note": "findings under a pages/ folder or rendered by a route",
        },
        {
            "key": "backend_modules",
            "label": "Backend modules to delete",
            "value": len(backend),
            "note": "Python files that are findings",
        },
        {
            "key": "endpoints",
            "label": "Endpoints to remove",
            "value": len(endpoints),
            "note": "orphan endpoints plus endpoints declared in files to delete",
        },
        {
            "key": "settings",
            "label": "Settings and env vars to remove",
            "value": len(settings),
            "note": "read only by dead code",
        },
        {
            "key": "helm_values",
            "label": "Helm values to remove",
            "value": len(values),
            "note": "feed only env vars that dead code reads",
        },
        {"key": "lines", "label": "Lines removed", "value": lines, "note": "lines of the files to delete"},
        {
            "key": "test_page_tabs",
            "label": "Test page tabs to remove",
            "value": len(tabs),
            "note": "distinct components a dev-root file imports that are findings",
        },
    ]
    lists = {
        "frontend_components": sorted(components),
        "pages": sorted(pages),
        "backend_modules": sorted(backend),
        "endpoints": sorted(n.split(":", 1)[1] for n in endpoints),
        "settings": sorted(f.symbol for f in settings),
        "helm_values": sorted(f.symbol for f in values),
    }
    return counters, lists


# --------------------------------------------------------------------------------- the model


def _flag_rows(analysis, flag: str) -> list[dict]:
    from deadcode.analysis.flags import flag_table

    prod = analysis.reacher.flags.get(flag, ())
    rows = []
    for r in flag_table(analysis.program.ctx, flag):
        on = r.value is not None and not any(str(r.value) == str(v) for v in prod)
        rows.append({"source": r.source, "where": r.where, "value": r.value, "turns_on": on})
    return rows


def _plan_groups(plan: dict | None) -> dict[str, dict]:
    out = {}
    for pg in (plan or {}).get("groups", []) or []:
        steps = []
        for s in pg.get("steps", []) or []:
            patch = s.get("patch") or ""
            diff, more = _diff_lines(patch)
            steps.append(
                {
                    "order": s.get("order"),
                    "action": s.get("action", ""),
                    "paths": list(s.get("paths") or []),
                    "summary": s.get("summary", ""),
                    "patch": "\n".join(line for _, line in diff),
                    "diff": diff,
                    "omitted_lines": more,
                    "needs_review": bool(s.get("needs_review")),
                    "added": sum(
                        1 for ln in patch.splitlines() if ln.startswith("+") and not ln.startswith("+++")
                    ),
                    "removed": sum(
                        1 for ln in patch.splitlines() if ln.startswith("-") and not ln.startswith("---")
                    ),
                }
            )
        out[pg.get("name", "")] = {
            "name": pg.get("name", ""),
            "title": pg.get("title", ""),
            "status": pg.get("status", ""),
            "steps": steps,
            "notes": list(pg.get("notes") or []),
            "verified": pg.get("verified") or "",
        }
    return out


def build_report_model(loaded, plan: dict | None, finding_filter=None, owners=None) -> dict:
    """Everything the templates show, as plain data (str, int, list, dict). ``finding_filter``
    (``--include``/``--exclude``/``--confidence``) narrows the findings; ``owners`` (CODEOWNERS,
    by position in the filtered findings) names who reviews each finding and group."""
    from deadcode import __version__

    analysis = loaded.analysis
    if finding_filter is not None and finding_filter.active:
        analysis = finding_filter.apply(analysis)
    program = analysis.program
    ctx = program.ctx
    facts = ctx.facts
    live = analysis.reacher.production
    coverage = coverage_gaps(program, set(live))
    planned = _plan_groups(plan)

    findings = []
    for i, f in enumerate(analysis.findings):
        gr = analysis.groups.get(f.group)
        confidence = getattr(f, "confidence", "certain")
        findings.append(
            {
                "confidence": confidence,
                "unsure": confidence == "unsure",
                "owners": owners.of(i) if owners is not None else [],
                "id": f"f{i + 1}",
                "kind": f.kind,
                "path": f.path,
                "symbol": f.symbol,
                "endpoint": f.endpoint,
                "group": f.group,
                "group_title": gr.title if gr else f.group,
                "reason": f.reason,
                "evidence": list(f.evidence),
                "line": f.line,
                "what": _what(f),
                "location": f"{f.path}:{f.line}" if f.line else f.path,
                "lines": facts[f.path].lines if f.kind in REMOVABLE and f.path in facts else 0,
                "explain": _explain_text(analysis, f),
            }
        )
    removable = {f.path for f in analysis.findings if f.kind in REMOVABLE}
    tabs = test_page_tabs(loaded, removable)
    counters, counter_lists = _counters(analysis, coverage, tabs)

    proj = _Projection(program.graph)
    groups = []
    anchors: set[str] = set()
    for name, gr in analysis.groups.items():
        rows = [r for r in findings if r["group"] == name]
        if not rows and (not gr.members or (finding_filter is not None and finding_filter.active)):
            continue
        pg = planned.get(name)
        status = gr.status
        if pg and pg["status"] in ("needs-refactor", "needs-review") and status == "safe":
            status = pg[
                "status"
            ]  # the planner found a step that edits live code, or one that failed verification
        files = sorted({r["path"] for r in rows if r["kind"] in REMOVABLE})
        for n in gr.members:
            if n.startswith("file:") and n[5:] in facts and not is_test_path(n[5:]) and n[5:] not in files:
                files.append(n[5:])
        files.sort()
        members = set(gr.members) | {f.node for f in analysis.findings if f.group == name and f.node}
        anchor = base = f"group-{_slug(name)}"
        while anchor in anchors:  # names that differ only in punctuation: /projects/* and /projects
            anchor = f"{base}-{len(anchors)}"
        anchors.add(anchor)
        picture = None
        if name not in NOT_PLANNED and members:
            picture = group_picture(analysis, members, live, proj, name, f"svg-{anchor}")
        flag = gr.flag or (name[5:] if name.startswith("flag:") else None)
        branch = f"deadcode/remove-{_slug(name)}"
        groups.append(
            {
                "name": name,
                "anchor": anchor,
                "title": gr.title,
                "status": status,
                "analysis_status": gr.status,
                "findings": rows,
                "kinds": dict(Counter(r["kind"] for r in rows)),
                "certain_findings": [r for r in rows if not r["unsure"]],
                "unsure_findings": [r for r in rows if r["unsure"]],
                "owners": list(owners.by_group.get(name, [])) if owners is not None else [],
                "files": [{"path": p, "lines": facts[p].lines} for p in files],
                "lines": sum(facts[p].lines for p in files),
                "referrers": [{"path": p, "refs": refs} for p, refs in sorted(gr.referenced_by.items())],
                "review_steps": [s for s in (pg or {}).get("steps", []) if s["needs_review"]],
                "blocked_by": list(gr.blocked_by),
                "flag": flag,
                "flag_rows": _flag_rows(analysis, flag) if flag else [],
                "branch": branch,
                "command": f"deadcode branch --name {shlex.quote(branch)} --group {shlex.quote(name)}"
                + (" --cut-references" if status == "needs-refactor" else ""),
                "plan_command": f"deadcode plan --group {shlex.quote(name)}",
                "picture": picture,
                "plan": pg,
                "planned": name not in NOT_PLANNED,
                # broken calls and unused exports are fixed by hand, never deleted by a plan
                "shown_status": status if name not in NOT_PLANNED else "reported",
                # the plan's verification of this group, one line (empty when no step was verified)
                "verified": (pg or {}).get("verified", ""),
                "verified_ok": not (pg or {}).get("verified", "").startswith("step "),
            }
        )
    order = {"safe": 0, "needs-review": 1, "needs-refactor": 2, "blocked": 3}
    groups.sort(
        key=lambda gr: (
            not gr["planned"],
            order.get(gr["status"], 3),
            -gr["lines"],
            -len(gr["findings"]),
            gr["name"],
        )
    )
    sections = {
        "safe": [gr for gr in groups if gr["status"] == "safe" and gr["planned"]],
        "needs_review": [gr for gr in groups if gr["status"] == "needs-review" and gr["planned"]],
        "needs_refactor": [gr for gr in groups if gr["status"] == "needs-refactor" and gr["planned"]],
        "blocked": [gr for gr in groups if gr["status"] == "blocked" and gr["planned"]],
        "other": [gr for gr in groups if not gr["planned"]],
    }
    kept = [
        {
            "what": k.get("path") or k.get("endpoint") or "",
            "kind": "path" if k.get("path") else "endpoint",
            "reason": k.get("reason", ""),
        }
        for k in analysis.kept
    ]
    stats = loaded.stats()
    kinds = Counter(f.kind for f in analysis.findings)
    migration = []
    for gr in groups:
        if gr["plan"] is not None:
            migration.append(gr)
    headline = {
        "findings": len(findings),
        "safe_groups": len(sections["safe"]),
        "safe_files": sum(len(g["files"]) for g in sections["safe"]),
        "safe_lines": sum(g["lines"] for g in sections["safe"]),
        "refactor_groups": len(sections["needs_refactor"]),
        "review_groups": len(sections["needs_review"]),
        "unsure": sum(1 for f in findings if f["unsure"]),
        "blocked_groups": len(sections["blocked"]),
        "kept": len(kept),
    }
    headline["text"] = _headline_text(headline)
    return {
        "version": __version__,
        "root": loaded.root.name or str(loaded.root),
        "stats": stats,
        "headline": headline,
        "counters": counters,
        "counter_lists": counter_lists,
        "test_page_tabs": tabs,
        "kinds": [
            {"kind": k, "count": kinds[k], "help": KIND_HELP.get(k) or doc(k).meaning}
            for k in all_kinds()
            if kinds[k]
        ],
        "all_kinds": [k for k in all_kinds() if kinds[k]],
        "confidence_help": CONFIDENCE_HELP,
        "owners_source": owners.source if owners is not None else None,
        "groups": groups,
        "sections": sections,
        "findings": findings,
        "kept": kept,
        "coverage": coverage,
        "has_plan": plan is not None,
        "migration": migration,
        "warnings": list(loaded.warnings),
    }


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _headline_text(h: dict) -> str:
    review = ""
    if h.get("review_groups"):
        review = f"{_n(h['review_groups'], 'needs', 'need')} a review of unsure findings; "
    return (
        f"{_n(h['safe_groups'], 'group is', 'groups are')} safe to delete now "
        f"({_n(h['safe_files'], 'file', 'files')}, {_n(h['safe_lines'], 'line', 'lines')}); "
        f"{review}"
        f"{_n(h['refactor_groups'], 'needs', 'need')} a refactor first; "
        f"{_n(h['blocked_groups'], 'is', 'are')} blocked by a flag some environment turns on; "
        f"{_n(h['kept'], 'item is', 'items are')} kept on purpose."
    )


# ------------------------------------------------------------------------------- rendering


# Markdown from repository data: prose and table cells escaped, code spans fenced longer than
# any backtick run inside (a name holding `` must not end its span and start raw HTML)
_md_cell = md_text
_md_code = md_code


def _env(autoescape: bool):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["mdcell"] = _md_cell
    env.filters["mdcode"] = _md_code
    env.filters["fence"] = _fence
    env.filters["slug"] = _slug
    env.filters["wbr"] = _wbr
    return env


def _tidy_markdown(text: str) -> str:
    """Blank lines around headings and tables (outside code fences), at most one in a row:
    the template stays readable and every renderer sees the blocks."""
    out: list[str] = []
    fence = None
    for line in text.splitlines():
        if fence is not None:
            out.append(line)
            if line.startswith(fence) and line.strip() == fence:
                fence = None
            continue
        prev = out[-1] if out else ""
        opens = re.match(r"^(`{3,})", line)
        starts_block = (
            line.startswith("#")
            or opens is not None
            or (line.startswith("|") and not prev.startswith("|"))
            or line.startswith("<details>")
            or line.startswith("<a id=")
        )
        ends_table = prev.startswith("|") and line.strip() and not line.startswith("|")
        after_heading = prev.startswith("#") and line.strip()
        if prev.strip() and (starts_block or ends_table or after_heading):
            out.append("")
        if not line.strip() and not prev.strip():
            continue
        out.append(line)
        if opens is not None:
            fence = opens.group(1)
    return "\n".join(out).strip() + "\n"


def render_markdown(model: dict) -> str:
    return _tidy_markdown(_env(False).get_template("report.md.j2").render(m=model))


def render_html(model: dict) -> str:
    from markupsafe import Markup

    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    return (
        _env(True)
        .get_template("report.html.j2")
        .render(m=model, css=Markup(css), js=Markup(js), Markup=Markup)
    )


def _wbr(value) -> str:
    """HTML for a long name (a group, a path) that may wrap after ``/`` and ``:`` (and after
    ``-``, as browsers do), never inside a word: the text escaped, a ``<wbr>`` after each."""
    from markupsafe import Markup, escape

    parts = re.split(r"(?<=[/:])", "" if value is None else str(value))
    return Markup("<wbr>".join(str(escape(p)) for p in parts if p))


def write_reports(
    loaded, out_dir: Path, plan: dict | None = None, finding_filter=None, owners=None, summary: bool = False
) -> list[Path]:
    """The report files ``deadcode report`` writes: Markdown, HTML and, with ``summary``, the
    pull-request summary (``deadcode-summary.md``, at most 60,000 characters)."""
    from deadcode.report.summary import SUMMARY_NAME, render_summary

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = build_report_model(loaded, plan, finding_filter, owners)
    md = out_dir / MD_NAME
    html = out_dir / HTML_NAME
    # errors="replace": a patch of a file that is not UTF-8 keeps its bytes as surrogates
    md.write_text(render_markdown(model), encoding="utf-8", errors="replace")
    html.write_text(render_html(model), encoding="utf-8", errors="replace")
    written = [md, html]
    if summary:
        path = out_dir / SUMMARY_NAME
        path.write_text(render_summary(model, md, html), encoding="utf-8", errors="replace")
        written.append(path)
    return written


def write_report(loaded, out_dir: Path, plan: dict | None = None) -> tuple[Path, Path]:
    """Write ``deadcode-report.md`` and ``deadcode-report.html`` into ``out_dir``."""
    md, html = write_reports(loaded, out_dir, plan)
    return md, html
