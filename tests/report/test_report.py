"""The review report in both formats, for a tiny repository made here (one idiom per section)
and for the bundled example ``tests/fixtures/dbg`` against the seed's hand-written inventory."""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from deadcode.pipeline import Options, load
from deadcode.report.render import build_report_model, render_html, render_markdown, write_report
from deadcode.report.svg import Box, Link, layout, render_svg

DBG = Path(__file__).resolve().parents[1] / "fixtures" / "dbg"

# A FastAPI backend and a React TSX frontend with one example of every report section:
# a dev-only test page with two tabs, an unreachable component, an orphan endpoint, a group that
# live code still uses (guides), a flag group a Settings default still turns on (Grafana), a kept
# debug component, E2E visits and API tests for the coverage gaps.
TINY = {
    "pyproject.toml": """
        [tool.deadcode]
        python_roots = ["backend"]
        dev_roots = ["frontend/src/pages/TestPage.tsx"]
        keep = [{ path = "frontend/src/components/debug/**", reason = "the debug panel is useful in development" }]

        [tool.deadcode.flags]
        ALERTING_BACKEND = "native"

        [[tool.deadcode.groups]]
        name = "guides"
        title = "Guides service and components"
        remove = ["path:frontend/src/components/guides/**", "path:backend/app/api/guide_routes.py"]
    """,
    "backend/app/__init__.py": "",
    "backend/app/api/__init__.py": "",
    "backend/app/services/__init__.py": "",
    "backend/app/services/grafana/__init__.py": "",
    "backend/app/middleware/__init__.py": "",
    "backend/app/config.py": """
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            ALERTING_BACKEND: str = "both"


        settings = Settings()
    """,
    "backend/app/main.py": """
        from fastapi import FastAPI

        from app.api import guide_routes, items
        from app.middleware.body_size_middleware import BodySizeMiddleware
        from app.services import alerting_service

        app = FastAPI()
        app.add_middleware(BodySizeMiddleware)
        app.include_router(items.router, prefix="/api")
        app.include_router(guide_routes.router, prefix="/api")
        alerting_service.setup()
    """,
    "backend/app/api/items.py": """
        from fastapi import APIRouter

        router = APIRouter(prefix="/items")


        @router.get("")
        def list_items():
            return []


        @router.get("/{item_id}")
        def get_item(item_id: int):
            return {"id": item_id}


        @router.get("/{item_id}/history")
        def item_history(item_id: int):
            return []
    """,
    "backend/app/api/guide_routes.py": """
        from fastapi import APIRouter

        router = APIRouter(prefix="/guides")


        @router.get("")
        def list_guides():
            return []
    """,
    "backend/app/middleware/body_size_middleware.py": """
        from starlette.middleware.base import BaseHTTPMiddleware


        class BodySizeMiddleware(BaseHTTPMiddleware):
            async def dispatch(self, request, call_next):
                return await call_next(request)
    """,
    "backend/app/services/alerting_service.py": """
        from app.config import settings

        if settings.ALERTING_BACKEND in ("grafana", "both"):
            from app.services.grafana import client


        def setup():
            if settings.ALERTING_BACKEND in ("grafana", "both"):
                client.connect()
    """,
    "backend/app/services/grafana/client.py": """
        def connect():
            return "grafana"


        def rules():
            return []
    """,
    "backend/tests/test_items.py": """
        from fastapi.testclient import TestClient

        from app.main import app

        client = TestClient(app)


        def test_list():
            assert client.get("/api/items").status_code == 200
    """,
    "frontend/src/main.tsx": """
        import { createRoot } from "react-dom/client";
        import App from "./App";

        createRoot(document.getElementById("root")!).render(<App />);
    """,
    "frontend/src/App.tsx": """
        import { BrowserRouter, Routes, Route } from "react-router-dom";
        import HomePage from "./pages/HomePage";
        import ItemPage from "./pages/ItemPage";
        import TestPage from "./pages/TestPage";
        import DebugPanel from "./components/debug/DebugPanel";

        export default function App() {
          return (
            <BrowserRouter>
              <DebugPanel />
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/items/:id" element={<ItemPage />} />
                <Route path="/test" element={<TestPage />} />
              </Routes>
            </BrowserRouter>
          );
        }
    """,
    "frontend/src/pages/HomePage.tsx": """
        import GuideCard from "../components/guides/GuideCard";

        export default function HomePage() {
          fetch("/api/items");
          fetch("/api/guides");
          return <div><h1>Home</h1><GuideCard /></div>;
        }
    """,
    "frontend/src/pages/ItemPage.tsx": """
        export default function ItemPage() {
          return <h1>Item</h1>;
        }
    """,
    "frontend/src/pages/TestPage.tsx": """
        import FaviconTester from "../components/testing/FaviconTester";
        import StreamingChatTester from "../components/testing/StreamingChatTester";
        import { useState } from "react";

        export default function TestPage() {
          const [tab, setTab] = useState("favicon");
          return (
            <div>
              <button onClick={() => setTab("chat")}>chat</button>
              {tab === "favicon" ? <FaviconTester /> : <StreamingChatTester />}
            </div>
          );
        }
    """,
    "frontend/src/components/testing/FaviconTester.tsx": """
        export default function FaviconTester() {
          return <div>favicon</div>;
        }
    """,
    "frontend/src/components/testing/StreamingChatTester.tsx": """
        export default function StreamingChatTester() {
          fetch("/api/items/1/history");
          return <div>chat</div>;
        }
    """,
    "frontend/src/components/guides/GuideCard.tsx": """
        export default function GuideCard() {
          return <aside>guide</aside>;
        }
    """,
    "frontend/src/components/debug/DebugPanel.tsx": """
        export default function DebugPanel() {
          return <div>debug</div>;
        }
    """,
    "frontend/src/components/OldBanner.tsx": """
        export function OldBanner() {
          return <div>old <b>|</b> banner</div>;
        }
    """,
    "frontend/e2e/home.spec.ts": """
        import { test } from "@playwright/test";

        test("home", async ({ page }) => {
          await page.goto("/");
        });
    """,
}


def make_repo(root: Path) -> Path:
    for rel, text in TINY.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def real_plan(loaded) -> dict:
    """The planner's JSON for every group (references cut), as ``deadcode report`` passes it."""
    from deadcode.plan.planner import build_plan, plan_json

    return plan_json(build_plan(loaded.analysis, None, True))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("tiny"))
    loaded = load(Options(root, no_cache=True))
    return loaded


def counters(model: dict) -> dict:
    return {c["key"]: c["value"] for c in model["counters"]}


class _Tags(HTMLParser):
    """Collects tags, ids and external references; fails on nothing, records everything."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.unclosed: list[str] = []

    VOID = {"meta", "link", "input", "br", "wbr", "img", "hr", "path", "rect", "stop"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("src", "href"):
            if key in a and a[key] and not a[key].startswith(("#", "data:")):
                self.refs.append(a[key])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.unclosed.append(f"</{tag}> after <{self.stack[-1] if self.stack else ''}>")


# ------------------------------------------------------------------------------ the tiny repo


def test_model_counters_for_the_tiny_repo(tiny):
    model = build_report_model(tiny, None)
    c = counters(model)
    # FaviconTester, StreamingChatTester (dev-only), OldBanner (unreachable), GuideCard (guides)
    assert model["counter_lists"]["frontend_components"] == [
        "frontend/src/components/OldBanner.tsx",
        "frontend/src/components/guides/GuideCard.tsx",
        "frontend/src/components/testing/FaviconTester.tsx",
        "frontend/src/components/testing/StreamingChatTester.tsx",
    ]
    assert model["counter_lists"]["pages"] == ["frontend/src/pages/TestPage.tsx"]
    assert c["frontend_components"] == 4 and c["pages"] == 1
    # the grafana package's __init__ only runs when the flagged import does: it goes too
    assert model["counter_lists"]["backend_modules"] == [
        "backend/app/api/guide_routes.py",
        "backend/app/services/grafana/__init__.py",
        "backend/app/services/grafana/client.py",
    ]
    # the endpoint of the guides module goes with it; the history endpoint only the test page calls
    assert model["counter_lists"]["endpoints"] == [
        "GET /api/guides",
        "GET /api/items/{item_id}",
        "GET /api/items/{item_id}/history",
    ]
    # two tabs: the components TestPage imports that are findings (useState is not one)
    assert [t["component"] for t in model["test_page_tabs"]] == ["FaviconTester", "StreamingChatTester"]
    assert c["test_page_tabs"] == 2
    # lines: the sum of the member files' lines
    files = (
        model["counter_lists"]["frontend_components"]
        + model["counter_lists"]["pages"]
        + model["counter_lists"]["backend_modules"]
    )
    facts = tiny.program.ctx.facts
    assert c["lines"] == sum(facts[p].lines for p in files)


def test_model_sections_for_the_tiny_repo(tiny):
    model = build_report_model(tiny, None)
    sections = model["sections"]
    safe = {g["name"] for g in sections["safe"]}
    assert {"dev-root:frontend/src/pages/TestPage.tsx", "unreachable", "orphan-endpoints"} <= safe
    refactor = {g["name"]: g for g in sections["needs_refactor"]}
    assert set(refactor) == {"guides"}
    guides = refactor["guides"]
    assert guides["referrers"] == [
        {"path": "frontend/src/components/guides/GuideCard.tsx", "refs": ["frontend/src/pages/HomePage.tsx"]}
    ]
    assert (
        guides["command"] == "deadcode branch --name deadcode/remove-guides --group guides --cut-references"
    )
    blocked = {g["name"]: g for g in sections["blocked"]}
    assert set(blocked) == {"flag:ALERTING_BACKEND"}
    grafana = blocked["flag:ALERTING_BACKEND"]
    assert {f["path"] for f in grafana["findings"] if f["kind"] == "flag-gated"} == {
        "backend/app/services/grafana/__init__.py",
        "backend/app/services/grafana/client.py",
    }
    # the environment that turns it on: the Settings default
    assert any("ALERTING_BACKEND" in why and "both" in why for why in grafana["blocked_by"])
    assert [r for r in grafana["flag_rows"] if r["turns_on"]] and all(
        r["value"] == "both" for r in grafana["flag_rows"] if r["turns_on"]
    )
    assert model["kept"] == [
        {
            "what": "frontend/src/components/debug/DebugPanel.tsx",
            "kind": "path",
            "reason": "the debug panel is useful in development",
        }
    ]
    # lines per group: the sum of the member files' lines
    facts = tiny.program.ctx.facts
    dev = next(g for g in sections["safe"] if g["name"].startswith("dev-root:"))
    assert dev["lines"] == sum(facts[f["path"]].lines for f in dev["files"]) > 0


def test_every_finding_carries_the_explain_chain(tiny):
    from deadcode.analysis.explain import explain

    model = build_report_model(tiny, None)
    analysis = tiny.analysis
    by_path = {f["what"]: f for f in model["findings"]}
    tester = by_path["frontend/src/components/testing/FaviconTester.tsx"]
    assert tester["explain"] == explain(analysis, "frontend/src/components/testing/FaviconTester.tsx").text()
    assert "frontend/src/pages/TestPage.tsx:1 imports" in tester["explain"]
    orphan = by_path["GET /api/items/{item_id}"]
    assert orphan["explain"] == explain(analysis, "GET /api/items/{item_id}").text()
    assert len(model["findings"]) == len(analysis.findings)
    assert all(f["explain"].strip() for f in model["findings"])


def test_markdown_sections_tables_and_evidence(tiny, tmp_path):
    md_path, html_path = write_report(tiny, tmp_path / "out", real_plan(tiny))
    assert md_path.name == "deadcode-report.md" and html_path.name == "deadcode-report.html"
    md = md_path.read_text(encoding="utf-8")
    heads = re.findall(r"^## (.+)$", md, re.M)
    # the reviewer's order: what can go now, what needs work, what must wait, what stays
    assert heads[:9] == [
        "Summary",
        "Safe to delete",
        "Needs review",
        "Needs refactor first",
        "Blocked",
        "Keep for now",
        "Migration plan",
        "Coverage gaps",
        "All findings",
    ]
    assert "| Frontend components to delete | **4** |" in md
    assert "| Test page tabs to remove | **2** |" in md
    # needs refactor: the live referrer and the command
    refactor = md.split("## Needs refactor first", 1)[1].split("## Blocked", 1)[0]
    assert (
        "| `frontend/src/components/guides/GuideCard.tsx` | `frontend/src/pages/HomePage.tsx` |" in refactor
    )
    assert "deadcode branch --name deadcode/remove-guides --group guides --cut-references" in refactor
    blocked = md.split("## Blocked", 1)[1].split("## Keep for now", 1)[0]
    assert "ALERTING_BACKEND" in blocked and "| yes |" in blocked
    keep = md.split("## Keep for now", 1)[1].split("\n## ", 1)[0]
    assert "`frontend/src/components/debug/DebugPanel.tsx` | the debug panel is useful in development" in keep
    # a Mermaid picture per group, with the group's members marked dead
    assert md.count("```mermaid") >= 4
    assert "classDef dead" in md
    # every finding's evidence chain, as explain prints it
    from deadcode.analysis.explain import explain

    for f in tiny.analysis.findings:
        if f.kind in ("dev-only", "unreachable", "flag-gated"):
            assert "```text\n" + explain(tiny.analysis, f.path).text() + "\n```" in md
    # tables stay tables: a | inside a cell is escaped, every table row has the header's columns
    for block in re.findall(r"(?:^\|.*\n)+", md, re.M):
        rows = block.strip("\n").split("\n")
        widths = {len(re.split(r"(?<!\\)\|", r)) for r in rows}
        assert len(widths) == 1, block
    # every code fence is closed
    fence = None
    for line in md.splitlines():
        m = re.match(r"^(`{3,})(\w*)$", line)
        if fence is None and m and m.group(2):
            fence = m.group(1)
        elif fence is not None and line == fence:
            fence = None
    assert fence is None


def test_migration_plan_renders_each_groups_ordered_steps_with_diffs(tiny):
    plan = real_plan(tiny)
    model = build_report_model(tiny, plan)
    md = render_markdown(model)
    migration = md.split("## Migration plan", 1)[1].split("## Coverage gaps", 1)[0]
    planned = [g for g in plan["groups"] if g["steps"]]
    assert planned
    for g in planned:
        assert f"(`{g['name']}`" in migration
        for s in g["steps"]:
            assert f"{s['order']}. **{s['action']}**" in migration
    # the diff of the dev-root group's route cut is shown in full
    dev = next(g for g in plan["groups"] if g["name"].startswith("dev-root:"))
    edit = next(s for s in dev["steps"] if s["action"] == "edit")
    assert "```diff\n" + edit["patch"].rstrip("\n") + "\n```" in migration
    html = render_html(model)
    assert html.count('<details class="step-diff"') == sum(len(g["steps"]) for g in plan["groups"])
    assert (
        '<span class="del">-        &lt;Route path=&#34;/test&#34; element={&lt;TestPage /&gt;} /&gt;</span>'
        in html
        or "&lt;Route path=" in html
    )


def test_plan_given_by_hand_in_the_contract_shape(tiny):
    """Any plan in the contract's JSON shape renders, including long diffs (cut, with a hint)."""
    old = "\n".join(f"line {i}" for i in range(400)) + "\n"
    patch = "".join(difflib.unified_diff(old.splitlines(True), [], "a/big.py", "b/big.py"))
    plan = {
        "version": 1,
        "groups": [
            {
                "name": "unreachable",
                "title": "Unreachable files",
                "status": "safe",
                "steps": [
                    {
                        "order": 1,
                        "action": "check",
                        "paths": [],
                        "summary": "nobody outside calls it",
                        "patch": "",
                    },
                    {
                        "order": 2,
                        "action": "delete",
                        "paths": ["big.py"],
                        "summary": "delete 1 file(s)",
                        "patch": patch,
                    },
                ],
            }
        ],
    }
    model = build_report_model(tiny, plan)
    group = next(g for g in model["migration"] if g["name"] == "unreachable")
    step = group["plan"]["steps"][1]
    assert step["removed"] == 400 and step["omitted_lines"] == len(patch.splitlines()) - 300
    md = render_markdown(model)
    assert "more lines: `deadcode plan --group unreachable --format patch`" in md
    # groups the plan does not name get no migration entry
    assert [g["name"] for g in model["migration"]] == ["unreachable"]
    assert "No plan was given" not in md
    assert "No plan was given" in render_markdown(build_report_model(tiny, None))


def test_html_is_self_contained_and_well_formed(tiny, tmp_path):
    _, html_path = write_report(tiny, tmp_path, real_plan(tiny))
    html = html_path.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    assert parser.refs == [] or all(r.startswith("#") for r in parser.refs)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "<script src" not in html and '<link rel="stylesheet"' not in html
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    assert parser.unclosed == [] and parser.stack == []
    assert html.count("<svg") >= 4  # a drawn picture per group
    # sortable, filterable, accessible findings table
    assert 'id="finding-filter"' in html and 'id="kind-filter"' in html and 'id="search"' in html
    assert html.count('aria-sort="none"') == 6 and html.count('<button type="button" class="sort">') == 6
    rows = re.findall(r'<tr id="f\d+" data-kind="([a-z-]+)"', html)
    assert len(rows) == len(tiny.analysis.findings)


def test_html_escapes_everything_from_the_repository(tmp_path):
    root = make_repo(tmp_path / "repo")
    evil = root / "frontend/src/components/<img src=x onerror=alert(1)>.tsx"
    evil.write_text("export const x = 1;\n", encoding="utf-8")
    loaded = load(Options(root, no_cache=True))
    html = render_html(build_report_model(loaded, None))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    md = render_markdown(build_report_model(loaded, None))
    # outside code (where Markdown renders text literally) no tag from the repository survives
    prose = re.sub(r"^(`{3,}).*?^\1$", "", md, flags=re.M | re.S)
    prose = re.sub(r"``.*?``|`[^`\n]*`", "", prose)
    assert "<img" not in prose
    assert "&lt;img src=x onerror=alert(1)&gt;" in md  # in the reasons and evidence lists


def test_report_without_findings(tmp_path):
    root = tmp_path / "clean"
    (root / "app").mkdir(parents=True)
    (root / "app/main.py").write_text("from fastapi import FastAPI\napp = FastAPI()\n", encoding="utf-8")
    loaded = load(Options(root, no_cache=True))
    md_path, html_path = write_report(loaded, tmp_path / "out")
    md = md_path.read_text(encoding="utf-8")
    assert "**0 findings.**" in md and "Nothing is safe to delete without edits." in md
    assert "Frontend page coverage | n/a" in md
    assert "<svg" not in html_path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------- the picture


def test_svg_layout_layers_edges_left_to_right_and_survives_cycles():
    boxes = [
        Box("a", "App.tsx"),
        Box("b", "Page.tsx", state="remove"),
        Box("c", "Card.tsx", state="dead"),
        Box("d", "util.ts"),
    ]
    links = [Link("a", "b"), Link("b", "c"), Link("c", "b"), Link("a", "d"), Link("d", "c"), Link("a", "zzz")]
    geo = layout(boxes, links)
    x = {k: v[0] for k, v in geo["nodes"].items() if not k.startswith("\x00")}
    assert x["a"] < x["b"] < x["c"] and x["a"] < x["d"]
    assert len(geo["edges"]) == 5  # the link to an unknown node is dropped
    for lk, pts in geo["edges"]:
        assert len(pts) >= 2
    svg = render_svg(boxes, links, "t", "Graph <of> group")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 4 and svg.count("marker-end=") == 5
    assert "Graph &lt;of&gt; group" in svg
    # long edges get a bend point per layer they cross
    geo2 = layout(
        [Box("a", "a"), Box("b", "b"), Box("c", "c")], [Link("a", "b"), Link("b", "c"), Link("a", "c")]
    )
    long = next(pts for lk, pts in geo2["edges"] if (lk.source, lk.target) == ("a", "c"))
    assert len(long) == 3


def test_group_picture_marks_members_and_live_referrers(tiny):
    model = build_report_model(tiny, None)
    guides = next(g for g in model["groups"] if g["name"] == "guides")
    svg = guides["picture"]["svg"]
    assert 'class="node node-remove" data-id="file:frontend/src/components/guides/GuideCard.tsx"' in svg
    assert 'class="node node-live" data-id="file:frontend/src/pages/HomePage.tsx"' in svg
    assert "classDef dead" in guides["picture"]["mermaid"]


# ------------------------------------------------------------------------- the bundled example


def _dbg_loaded():
    if not (DBG / "frontend").is_dir() or not (DBG / "backend").is_dir():
        pytest.skip("tests/fixtures/dbg is not there yet")
    return load(Options(DBG, no_cache=True))


@pytest.fixture(scope="module")
def dbg():
    loaded = _dbg_loaded()
    try:
        plan = real_plan(loaded)
    except Exception as exc:  # the planner is someone else's: report it, still test the rest
        pytest.fail(f"planner failed on dbg: {exc!r}")
    return loaded, plan


def _section(md: str, head: str) -> str:
    return md.split(f"\n## {head}\n", 1)[1].split("\n## ", 1)[0]


def _group_block(md: str, anchor: str) -> str:
    """The Markdown of one group card: from its anchor to the next anchor or section."""
    part = md.split(f'<a id="{anchor}"></a>', 1)[1]
    return re.split(r'\n<a id="group-|\n## ', part, maxsplit=1)[0]


def test_dbg_report_sections_follow_the_analysis(dbg, tmp_path):
    loaded, plan = dbg
    md_path, _ = write_report(loaded, tmp_path, plan)
    md = md_path.read_text(encoding="utf-8")
    model = build_report_model(loaded, plan)
    where = {"safe": "Safe to delete", "needs-refactor": "Needs refactor first", "blocked": "Blocked"}
    for g in model["groups"]:
        head = "Also found (reported, not removed)" if not g["planned"] else where[g["status"]]
        assert f'<a id="{g["anchor"]}"></a>' in _section(md, head), (g["name"], head)
    # each finding: a row, and its evidence chain as explain prints it
    for f in model["findings"]:
        assert f'<a id="{f["id"]}"></a>' in md
        assert f["explain"] in md
    assert len(model["findings"]) == len(loaded.analysis.findings)
    # every planned group's steps, in order
    migration = _section(md, "Migration plan")
    for g in plan["groups"]:
        orders = [
            int(n)
            for n in re.findall(
                r"^(\d+)\. \*\*", migration.split(f"(`{g['name']}`", 1)[1].split("\n### ", 1)[0], re.M
            )
        ]
        assert orders == [s["order"] for s in g["steps"]], g["name"]


def test_dbg_report_matches_the_seed_inventory(dbg, tmp_path):
    """The seed's hand-written "Code to Remove" and the fixture's ground truth (expected.json),
    as a reviewer reads them in the report."""
    loaded, plan = dbg
    expected = json.loads((DBG / "expected.json").read_text(encoding="utf-8"))
    model = build_report_model(loaded, plan)
    md_path, html_path = write_report(loaded, tmp_path, plan)
    md = md_path.read_text(encoding="utf-8")
    groups = {g["name"]: g for g in model["groups"]}
    where = {"safe": "Safe to delete", "needs-refactor": "Needs refactor first", "blocked": "Blocked"}
    # every expected group in the section of its expected status, with every member and finding
    for name, exp in expected["groups"].items():
        assert name in groups, name
        g = groups[name]
        assert g["status"] == exp["status"], name
        if g["planned"]:
            assert f'<a id="{g["anchor"]}"></a>' in _section(md, where[exp["status"]]), name
        block = _group_block(md, g["anchor"])
        for member in exp.get("members", []):
            assert f"`{member}`" in block, (name, member)
        for ep in exp.get("endpoints", []):
            assert f"`{ep}`" in block, (name, ep)
    for item in expected["findings"]:
        what = (
            item.get("endpoint") or item.get("symbol")
            if item["kind"] in ("orphan-endpoint", "broken-call", "unused-config")
            else (f"{item['path']}#{item['symbol']}" if item.get("symbol") else item["path"])
        )
        assert f"`{what}`" in _group_block(md, groups[item["group"]]["anchor"]), item
    lists = model["counter_lists"]
    # Safe to delete: test page components, sysop pages and their components, project pages
    safe = _section(md, "Safe to delete")
    for name in (
        "FaviconTester.tsx",
        "StreamingChatComponent.tsx",
        "RagAgentTest.tsx",
        "QueryPerformanceTest.tsx",
        "QueryOptimizationArtifactTest.tsx",
        "ClusterManagementTester.tsx",
        "ExporterStatsCard.tsx",
        "HealthDistributionChart.tsx",
        "ExportersByTenantTable.tsx",
        "useSysopAIFeedback.ts",
    ):
        assert any(p.endswith("/" + name) for p in lists["frontend_components"]), name
        assert name in safe, name
    for name in (
        "AllPlaybooksPageTest.tsx",
        "MetricsExporterManagementPage.tsx",
        "UsageAnalyticsPage.tsx",
        "AIFeedbackAnalyticsPage.tsx",
        "CreateProjectPage.tsx",
        "ProjectDetailPage.tsx",
    ):
        assert any(p.endswith("/" + name) for p in lists["pages"]), name
        assert name in safe, name
    # the Grafana module (14 files) with its settings and Helm value, safe: every environment says native
    flag = groups["flag:ALERTING_BACKEND"]
    assert len([f for f in flag["files"] if "/services/grafana/" in f["path"]]) == 14
    assert set(lists["settings"]) >= {"GRAFANA_URL", "GRAFANA_API_KEY"}
    assert "grafanaWebhookSecret" in lists["helm_values"]
    assert flag["flag_rows"] and not any(r["turns_on"] for r in flag["flag_rows"])
    # sysop exporter and AI-feedback endpoints go; tenant and defaults endpoints stay
    for ep in (
        "GET /api/v0_1/sysop/exporters",
        "GET /api/v0_1/sysop/exporters/stats",
        "GET /api/v0_1/chat-admin/analytics/votes",
        "GET /api/v0_1/chat-admin/analytics/popular-messages",
        "GET /api/v0_1/chat-admin/stats/chat-sessions",
    ):
        assert ep in lists["endpoints"], ep
    assert not any("/sysop/tenants" in ep or "/sysop/defaults" in ep for ep in lists["endpoints"])
    # guides: live production pages still use them; the report names them and the command
    refactor = _section(md, "Needs refactor first")
    for ref, users in expected["groups"]["guides"]["referenced_by"].items():
        assert f"| `{ref}` | " + ", ".join(f"`{u}`" for u in users) + " |" in refactor
    assert "deadcode branch --name deadcode/remove-guides --group guides --cut-references" in refactor
    # Keep for now: the debug testers and the tracing files, with their reasons
    keep = _section(md, "Keep for now")
    for k in expected["kept"]:
        assert f"| `{k['path']}` | {k['reason']} |" in keep
    # test page tabs: the seven testing components of TestPage's thirteen tabs (the six others are live)
    assert sorted(t["component"] for t in model["test_page_tabs"]) == sorted(
        [
            "AllPlaybooksPageTest",
            "ClusterManagementTester",
            "FaviconTester",
            "QueryOptimizationArtifactTest",
            "QueryPerformanceTest",
            "RagAgentTest",
            "StreamingChatComponent",
        ]
    )
    counters_ = counters(model)
    assert counters_["test_page_tabs"] == 7 and counters_["pages"] == len(lists["pages"])
    # coverage: the E2E specs visit /login, /, /database/1, /chat and /sysop/tenants only
    cov = model["coverage"]
    assert sorted(p["page"] for p in cov["pages"]["tested"]) == [
        "frontend/src/pages/ChatPage.tsx",
        "frontend/src/pages/DashboardPage.tsx",
        "frontend/src/pages/DatabaseDetailsPage.tsx",
        "frontend/src/pages/LoginPage.tsx",
        "frontend/src/pages/sysop/SysopTenantsPage.tsx",
    ]
    assert cov["pages"]["percent"] == round(100 * 5 / cov["pages"]["total"])
    gaps = _section(md, "Coverage gaps")
    assert "| `frontend/src/pages/DataAccessPage.tsx` | `/database/:id/data-access` | yes |" in gaps
    # the export-legacy endpoint only a backend test calls is tested, though it is an orphan in production
    assert "export-legacy" not in gaps
    assert cov["middleware"]["total"] == 0 and "| Middleware untested | 0 |" in gaps
    html = html_path.read_text(encoding="utf-8")
    assert html.count("<svg") == len([g for g in model["groups"] if g["picture"]])
