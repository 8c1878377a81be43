"""The planner checks its own work: one tiny repository per failure class where the naive plan
breaks the build (our verifier names the dangling reference, and the independent checker of
tests/plan/independent.py sees it broken) and the verified plan, applied step by step, leaves
nothing broken."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from deadcode.plan import edits as E
from tests.plan.independent import broken
from tests.plan.planrepo import FRONT_INDEX, apply_plan, group, make, naive_dangling, plan

ESBUILD = Path(__file__).parents[2] / ".tools" / "node_modules" / ".bin" / "esbuild"
ALIAS = {"@/": "frontend/src/"}


def cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "deadcode", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def read(root: Path, path: str) -> str:
    return (root / path).read_text()


# ---------------------------------------------------------------------------------- nested barrels

BARRELS = {
    "frontend/index.html": FRONT_INDEX,
    "frontend/package.json": '{"name": "web"}',
    "frontend/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}',
    "frontend/src/main.tsx": 'import { Home } from "./pages/Home";\nexport const app = Home;\n',
    "frontend/src/pages/Home.tsx": 'import { Sparkline } from "@/components";\n'
    "export function Home() { return <Sparkline />; }\n",
    "frontend/src/components/index.ts": 'export * from "./charts";\nexport * from "./Button";\n',
    "frontend/src/components/Button.tsx": "export function Button() { return <button />; }\n",
    "frontend/src/components/charts/index.ts": 'export * from "./Sparkline";\nexport * from "./Donut";\n',
    "frontend/src/components/charts/Sparkline.tsx": "export function Sparkline() { return <svg />; }\n",
    "frontend/src/components/charts/Donut.tsx": "export function Donut() { return <svg />; }\n",
}


def test_nested_barrels_keep_the_barrel_that_passes_a_live_name_on(tmp_path):
    root = make(tmp_path / "repo", BARRELS)
    # naive: the chain was followed straight to Sparkline.tsx, so charts/index.ts looked dead
    naive = {
        "frontend/src/components/charts/index.ts": None,
        "frontend/src/components/index.ts": b'export * from "./Button";\n',
    }
    assert naive_dangling(root, naive) == [
        "frontend/src/pages/Home.tsx:1 imports { Sparkline } from @/components, no longer defined there after step 1"
    ]
    work = make(tmp_path / "naive", BARRELS)
    (work / "frontend/src/components/charts/index.ts").unlink()
    (work / "frontend/src/components/index.ts").write_text('export * from "./Button";\n')
    assert broken(work, [], ALIAS) == ["frontend/src/pages/Home.tsx:1 {Sparkline} from @/components"]

    # the analysis loads every file a live barrel re-exports (a re-export is an import): no
    # file of the chain is dead; the names nothing imports are unused exports, planned one by
    # one and verified, and the tree stays whole
    plans = plan(root)
    assert [p.name for p in plans] == ["unused-exports"]
    exports = group(plans, "unused-exports")
    assert exports.status == "safe" and all(s.ok for s in exports.steps)
    work, new = apply_plan(root, plans, (), ALIAS)
    assert new == []
    assert (
        read(work, "frontend/src/components/index.ts")
        == 'export * from "./charts";\nexport * from "./Button";\n'
    )
    assert "Donut" not in read(work, "frontend/src/components/charts/Donut.tsx")
    assert "Sparkline" in read(work, "frontend/src/components/charts/Sparkline.tsx")


# ---------------------------------------------------------------------------------- a module a file that stays imports

BACKEND = {
    "backend/app/__init__.py": "",
    "backend/app/api/__init__.py": "",
    "backend/app/services/__init__.py": "",
    "frontend/index.html": FRONT_INDEX,
}


def test_module_imported_by_a_file_in_no_group_is_never_deleted(tmp_path):
    files = {
        **BACKEND,
        "backend/app/main.py": """
                 from fastapi import FastAPI
                 from app.api import admin

                 app = FastAPI()
                 app.include_router(admin.router, prefix="/api/admin")
             """,
        "backend/app/api/admin.py": """
                 from fastapi import APIRouter
                 from app.services.flags import all_flags

                 router = APIRouter()
                 FLAG_NAMES = all_flags()

                 @router.get("/flags")
                 def list_flags():
                     return FLAG_NAMES
             """,
        "backend/app/services/flags.py": 'def all_flags():\n    return ["a"]\n',
        "frontend/src/main.tsx": 'fetch("/api/admin/flags");\n',
    }
    root = make(
        tmp_path / "repo",
        files,
        'python_roots = ["backend"]\n[[groups]]\nname = "flags"\n'
        'remove = ["path:backend/app/services/flags.py"]\n',
    )
    assert naive_dangling(root, {"backend/app/services/flags.py": None}) == [
        "backend/app/api/admin.py:2 imports app.services.flags, deleted in step 1"
    ]
    plans = plan(root, cut_references=True)
    flags = group(plans, "flags")
    assert flags.status == "needs-review"
    assert not [s for s in flags.steps if s.action == "delete"]
    assert (
        "kept backend/app/services/flags.py: deleting it would leave backend/app/api/admin.py:2 imports "
        "app.services.flags, deleted in step 1" in flags.notes
    )
    _, new = apply_plan(root, plans)
    assert new == []


def test_a_test_of_only_deleted_code_goes_with_it_a_mixed_one_keeps_it(tmp_path):
    files = {
        **BACKEND,
        "backend/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "backend/app/services/legacy.py": "def old():\n    return 1\n",
        "backend/app/services/ancient.py": "def older():\n    return 2\n",
        "backend/tests/__init__.py": "",
        "backend/tests/test_legacy.py": "from app.services.legacy import old\n\n\ndef test_old():\n    assert old() == 1\n",
        "backend/tests/test_mixed.py": "from app.main import app\nfrom app.services.ancient import older\n\n\n"
        "def test_both():\n    assert app and older() == 2\n",
        "frontend/src/main.tsx": "console.log(1);\n",
    }
    root = make(tmp_path / "repo", files, 'python_roots = ["backend"]\n')
    plans = plan(root, ["unreachable"])
    unreachable = plans[0]
    work, new = apply_plan(root, plans)
    assert new == []
    assert not (work / "backend/app/services/legacy.py").exists()
    assert not (work / "backend/tests/test_legacy.py").exists()  # it tested only what went
    assert (work / "backend/app/services/ancient.py").exists() and (
        work / "backend/tests/test_mixed.py"
    ).exists()
    assert (work / "backend/app/services/__init__.py").exists()  # the package of a kept module stays
    assert unreachable.status == "needs-review"
    assert any(
        n.startswith(
            "kept backend/app/services/ancient.py: deleting it would leave "
            "backend/tests/test_mixed.py:2 imports app.services.ancient"
        )
        for n in unreachable.notes
    )
    delete = next(s for s in unreachable.steps if s.action == "delete")
    assert "and 1 test file(s) of it" in delete.summary


LAB = {
    "frontend/index.html": FRONT_INDEX,
    "frontend/package.json": '{"name": "web"}',
    "frontend/src/main.tsx": """
        import { createRoot } from "react-dom/client";
        import { App } from "./App";
        createRoot(document.body).render(<App />);
    """,
    "frontend/src/App.tsx": """
        import { Routes, Route } from "react-router-dom";
        import { Home } from "./pages/Home";
        import { Lab } from "./pages/Lab";

        export function App() {
          return (
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/lab" element={<Lab />} />
            </Routes>
          );
        }
    """,
    "frontend/src/pages/Home.tsx": "export function Home() { return <p>home</p>; }\n",
    "frontend/src/pages/Lab.tsx": 'import { SAMPLE } from "../lib/sample";\nexport function Lab() { return <p>{SAMPLE}</p>; }\n',
    "frontend/src/lib/sample.ts": 'export const SAMPLE = "x";\n',
    "frontend/src/legacy/OldLab.tsx": 'import { SAMPLE } from "../lib/sample";\n'
    "export function OldLab() { return <p>{SAMPLE}</p>; }\n",
}


def test_a_group_never_depends_on_a_later_group(tmp_path):
    """dev-route:/lab deletes lib/sample.ts, which legacy/OldLab.tsx (group unreachable, planned
    later by name) imports: the dev-route group is planned after the group that deletes its
    importer, and says so."""
    root = make(tmp_path / "repo", LAB, 'dev_routes = ["/lab"]\n')
    assert naive_dangling(root, {"frontend/src/lib/sample.ts": None, "frontend/src/pages/Lab.tsx": None}) == [
        "frontend/src/App.tsx:3 imports ./pages/Lab, deleted in step 1",
        "frontend/src/legacy/OldLab.tsx:1 imports ../lib/sample, deleted in step 1",
    ]
    plans = plan(root)
    assert [p.name for p in plans] == ["unreachable", "dev-route:/lab"]
    assert plans[1].notes[0].startswith("planned after unreachable")
    assert all(p.status == "safe" for p in plans)
    _, new = apply_plan(root, plans, ())
    assert new == []
    # planned alone, the group keeps the module the file that stays imports
    alone = plan(root, ["dev-route:/lab"])
    assert alone[0].status == "needs-review"
    assert any(
        n.startswith(
            "kept frontend/src/lib/sample.ts: deleting it would leave "
            "frontend/src/legacy/OldLab.tsx:1 imports ../lib/sample"
        )
        for n in alone[0].notes
    )
    _, new = apply_plan(root, alone, ())
    assert new == []


# ---------------------------------------------------------------------------------- handlers called as functions

REPORTS = {
    **BACKEND,
    "backend/app/main.py": """
               from fastapi import FastAPI
               from app.api import reports, digest

               app = FastAPI()
               app.include_router(reports.router, prefix="/api/reports")
               app.include_router(digest.router, prefix="/api/digest")
           """,
    "backend/app/api/reports.py": """
               from fastapi import APIRouter

               router = APIRouter()

               @router.get("/summary")
               def summary():
                   return {"total": 3}

               @router.get("/live")
               def live():
                   return {"ok": True}
           """,
    "frontend/src/main.tsx": 'fetch("/api/reports/live");\nfetch("/api/digest/weekly");\n',
}


@pytest.mark.parametrize(
    "digest, call",
    [
        ("from app.api.reports import summary", "summary()"),
        ("from app.api import reports", "reports.summary()"),
    ],
)
def test_a_handler_other_code_calls_keeps_its_function_and_loses_its_route(tmp_path, digest, call):
    files = {
        **REPORTS,
        "backend/app/api/digest.py": f"""
        from fastapi import APIRouter
        {digest}

        router = APIRouter()

        @router.get("/weekly")
        def weekly():
            return {{"summary": {call}}}
    """,
    }
    root = make(tmp_path / "repo", files, 'python_roots = ["backend"]\n')
    source = read(root, "backend/app/api/reports.py").encode()
    start = source.index(b'@router.get("/summary")')
    naive = source[:start] + source[source.index(b'@router.get("/live")') :]
    what = "imports summary from app.api.reports" if "import summary" in digest else "uses reports.summary"
    assert naive_dangling(root, {"backend/app/api/reports.py": naive}) == [
        f"backend/app/api/digest.py:2 {what}, no longer defined there after step 1".replace(
            ":2 uses", ":8 uses"
        )
    ]
    plans = plan(root)
    orphans = group(plans, "orphan-endpoints")
    assert orphans.status == "safe"
    work, new = apply_plan(root, plans)
    assert new == []
    text = read(work, "backend/app/api/reports.py")
    assert (
        "def summary():" in text and '@router.get("/summary")' not in text and '@router.get("/live")' in text
    )
    assert "kept as a function" in orphans.steps[-1].summary


# ---------------------------------------------------------------------------------- dev-only import()

MOCKS = {
    "frontend/index.html": FRONT_INDEX,
    "frontend/package.json": '{"name": "web"}',
    "frontend/src/main.tsx": """
        import { createRoot } from "react-dom/client";
        import { App } from "./App";

        async function boot() {
          if (import.meta.env.DEV) {
            const { worker } = await import("./mocks/browser");
            await worker.start();
          }
          createRoot(document.body).render(<App />);
        }

        boot();
    """,
    "frontend/src/App.tsx": "export function App() { return <p>app</p>; }\n",
    "frontend/src/mocks/browser.ts": 'import { handlers } from "./handlers";\n'
    "export const worker = { start: async () => handlers };\n",
    "frontend/src/mocks/handlers.ts": "export const handlers = [];\n",
}


def test_a_dev_only_import_goes_with_its_target(tmp_path):
    root = make(tmp_path / "repo", MOCKS)
    assert naive_dangling(
        root, {"frontend/src/mocks/browser.ts": None, "frontend/src/mocks/handlers.ts": None}
    ) == ["frontend/src/main.tsx:6 loads ./mocks/browser, deleted in step 1"]
    plans = plan(root)
    assert group(plans, "dev-branch").status == "safe"
    work, new = apply_plan(root, plans, ())
    assert new == []
    main = read(work, "frontend/src/main.tsx")
    assert "import.meta.env.DEV" not in main and "mocks" not in main and "createRoot(document.body)" in main
    assert not (work / "frontend/src/mocks").exists() or not any((work / "frontend/src/mocks").iterdir())


def test_a_dev_import_whose_value_live_code_uses_keeps_its_target(tmp_path):
    files = dict(MOCKS)
    files["frontend/src/main.tsx"] = """
        import { createRoot } from "react-dom/client";
        import { App } from "./App";

        async function boot() {
          const mocks = import.meta.env.DEV ? await import("./mocks/browser") : null;
          await mocks?.worker.start();
          createRoot(document.body).render(<App />);
        }

        boot();
    """
    root = make(tmp_path / "repo", files)
    plans = plan(root)
    _, new = apply_plan(root, plans, ())
    assert new == []
    dev = [p for p in plans if p.name == "dev-branch"]
    if dev:  # when the analysis proposes the mocks, the plan keeps what the ternary loads
        assert dev[0].status == "needs-review"
        assert any("kept frontend/src/mocks/browser.ts" in n for n in dev[0].notes)


# ---------------------------------------------------------------------------------- leftovers of removed handlers

OPS = {
    **BACKEND,
    "backend/app/main.py": """
           from fastapi import FastAPI
           from app.api import ops

           app = FastAPI()
           app.include_router(ops.router, prefix="/api/ops")
       """,
    "backend/app/services/flags.py": 'def all_flags():\n    return ["a"]\n',
    "backend/app/services/audit.py": "def record(x):\n    return x\n",
    "backend/app/api/ops.py": """
           import json
           from datetime import datetime, timedelta

           from fastapi import APIRouter, Response

           from app.services.audit import record
           from app.services.flags import all_flags

           router = APIRouter()

           EXPORT_LIMIT = 500
           _CSV_HEADER = "name,value"


           def _to_csv(rows):
               return "\\n".join([_CSV_HEADER] + [f"{r},1" for r in rows[:EXPORT_LIMIT]])


           @router.get("/flags/export")
           def export_flags():
               record("export")
               return Response(_to_csv(all_flags()), media_type="text/csv")


           @router.get("/health")
           def health():
               return {"now": datetime.now().isoformat(), "dump": json.dumps({})}
       """,
    "frontend/src/main.tsx": 'fetch("/api/ops/health");\n',
}


def test_a_removed_handler_takes_the_imports_constants_and_helpers_only_it_used(tmp_path):
    from deadcode.plan.second_opinion import python_problems

    root = make(tmp_path / "repo", OPS, 'python_roots = ["backend"]\n')
    before = {
        (p.kind, p.name) for p in python_problems("ops.py", read(root, "backend/app/api/ops.py").encode())
    }
    assert before == {("UnusedImport", "datetime.timedelta")}  # there before the plan: not ours
    plans = plan(root)
    # the services only the removed handler imported die WITH its group (the import is cut there)
    assert [p.name for p in plans] == ["orphan-endpoints"]
    assert all(p.status == "safe" for p in plans)
    work, new = apply_plan(root, plans)
    assert new == []
    assert (
        not (work / "backend/app/services/flags.py").exists()
        and not (work / "backend/app/services/audit.py").exists()
    )
    ops = read(work, "backend/app/api/ops.py")
    for gone in ("export_flags", "_to_csv", "_CSV_HEADER", "EXPORT_LIMIT", "Response", "record", "all_flags"):
        assert gone not in ops, gone
    assert "from datetime import datetime, timedelta" in ops and "import json" in ops
    after = {(p.kind, p.name) for p in python_problems("ops.py", ops.encode())}
    assert after == before
    step = next(s for s in group(plans, "orphan-endpoints").steps if s.action == "edit")
    assert step.verified == {"resolve": "ok", "pyflakes": "ok", "bundle": "skipped: no frontend file changed"}


def test_pyflakes_fails_a_step_that_leaves_a_name_undefined(tmp_path, monkeypatch):
    """A cut that removes a definition still used (here: a broken primitive) fails the step:
    it is not applied, and the group says why."""
    root = make(tmp_path / "repo", OPS, 'python_roots = ["backend"]\n')
    real = E.remove_python_statement

    def too_much(data, span):  # removes what it is asked to, and `import json` too
        edits = real(data, span)
        i = data.find(b"import json\n")
        return edits + [E.Edit(i, i + len(b"import json\n"))] if i >= 0 else edits

    monkeypatch.setattr(E, "remove_python_statement", too_much)
    plans = plan(root, ["orphan-endpoints"])
    step = next(s for s in plans[0].steps if s.action == "edit")
    assert step.verified["pyflakes"].startswith("failed: backend/app/api/ops.py:")
    assert "uses json, now undefined" in step.verified["pyflakes"]
    assert not step.applied and plans[0].status == "needs-review"
    _, new = apply_plan(root, plans)
    assert new == []


# ---------------------------------------------------------------------------------- links to a removed route

NAV = {
    "frontend/index.html": FRONT_INDEX,
    "frontend/package.json": '{"name": "web"}',
    "frontend/src/main.tsx": """
        import { createRoot } from "react-dom/client";
        import { App } from "./App";
        createRoot(document.body).render(<App />);
    """,
    "frontend/src/App.tsx": """
        import { Routes, Route } from "react-router-dom";
        import { Home } from "./pages/Home";
        import { Usage } from "./pages/Usage";
        import { Sidebar } from "./Sidebar";

        export function App() {
          return (
            <>
              <Sidebar />
              <Routes>
                <Route path="/" element={<Home />} />
                <Route path="/sysop/usage" element={<Usage />} />
              </Routes>
            </>
          );
        }
    """,
    "frontend/src/Sidebar.tsx": """
        import { Link } from "react-router-dom";

        const MENU = [
          { to: "/", label: "Home" },
          { to: "/sysop/usage", label: "Usage" },
        ];

        export function Sidebar() {
          return (
            <nav>
              {MENU.map((m) => <a key={m.to} href={m.to}>{m.label}</a>)}
              <p>
                See <Link to="/">home</Link>{" "}
                <Link to="/sysop/usage">usage</Link>
              </p>
            </nav>
          );
        }
    """,
    "frontend/src/pages/Home.tsx": "export function Home() { return <p>home</p>; }\n",
    "frontend/src/pages/Usage.tsx": "export function Usage() { return <p>usage</p>; }\n",
}
USAGE_GROUP = '[[groups]]\nname = "usage"\nremove = ["route:/sysop/usage"]\n'


def test_links_and_menu_entries_to_a_removed_route_go_with_it(tmp_path):
    root = make(tmp_path / "repo", NAV, USAGE_GROUP)
    plans = plan(root)
    usage = group(plans, "usage")
    assert usage.status == "safe"
    work, new = apply_plan(root, plans, ())
    assert new == []
    sidebar = read(work, "frontend/src/Sidebar.tsx")
    assert "/sysop/usage" not in sidebar
    assert '{ to: "/", label: "Home" },\n];' in sidebar
    assert 'See <Link to="/">home</Link>\n      </p>' in sidebar  # the {" "} spacer went with the link
    assert "Usage" not in read(work, "frontend/src/App.tsx")


def test_a_navigate_call_to_a_removed_route_is_named_for_review(tmp_path):
    files = dict(NAV)
    files["frontend/src/Sidebar.tsx"] = """
        import { useNavigate } from "react-router-dom";

        export function Sidebar() {
          const navigate = useNavigate();
          return <button onClick={() => navigate("/sysop/usage")}>usage</button>;
        }
    """
    root = make(tmp_path / "repo", files, USAGE_GROUP)
    usage = group(plan(root), "usage")
    assert usage.status == "needs-review"
    assert (
        "frontend/src/Sidebar.tsx:5 navigates to /sysop/usage, a removed route: left for review"
        in usage.notes
    )


# ---------------------------------------------------------------------------------- Helm values of a removed setting

PUSH = {
    "backend/app/__init__.py": "",
    "backend/app/config.py": """
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            DATABASE_URL: str = "sqlite://"
            ENABLE_PUSH: bool = False
            # where batch jobs push their metrics
            PUSHGATEWAY_URL: str = ""


        settings = Settings()
    """,
    "backend/app/main.py": """
        from fastapi import FastAPI
        from app.config import settings

        app = FastAPI()
        DB = settings.DATABASE_URL

        if settings.ENABLE_PUSH:
            from app.metrics_push import push

            push()
    """,
    "backend/app/metrics_push.py": "from app.config import settings\n\n\ndef push():\n    return settings.PUSHGATEWAY_URL\n",
    "deploy/chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
    "deploy/chart/values.yaml": """
        image: app:1
        metrics:
          prometheus:
            # Pushgateway for batch jobs
            pushgateway: http://pushgateway:9091
            # scrape the pods
            scrape: true
    """,
    "deploy/chart/templates/deployment.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
                - name: app
                  env:
                    - name: DATABASE_URL
                      value: "postgres://db"
                    - name: PUSHGATEWAY_URL
                      value: {{ .Values.metrics.prometheus.pushgateway | quote }}
    """,
    "docker-compose.yml": "services:\n  api:\n    environment:\n      DATABASE_URL: sqlite://\n"
    "      PUSHGATEWAY_URL: http://pushgateway:9091\n",
    ".env.example": "DATABASE_URL=sqlite://\nPUSHGATEWAY_URL=http://localhost:9091\n",
}


def test_a_setting_whose_readers_go_takes_its_helm_values_and_env_entries(tmp_path):
    root = make(
        tmp_path / "repo",
        PUSH,
        'python_roots = ["backend"]\nentry = ["backend/app/main.py"]\n[flags]\nENABLE_PUSH = false\n',
    )
    plans = plan(root)
    flag = group(plans, "flag:ENABLE_PUSH")
    assert flag.status == "safe"
    work, new = apply_plan(root, plans)
    assert new == []
    values = read(work, "deploy/chart/values.yaml")
    assert "pushgateway" not in values.lower()
    assert "    # scrape the pods\n    scrape: true" in values  # the other key keeps its comment
    assert "PUSHGATEWAY" not in read(work, "deploy/chart/templates/deployment.yaml")
    assert "DATABASE_URL" in read(work, "deploy/chart/templates/deployment.yaml")
    assert (
        read(work, "docker-compose.yml")
        == "services:\n  api:\n    environment:\n      DATABASE_URL: sqlite://\n"
    )
    assert read(work, ".env.example") == "DATABASE_URL=sqlite://\n"
    assert "PUSHGATEWAY_URL" not in read(work, "backend/app/config.py")


def test_a_helm_value_another_template_still_reads_stays(tmp_path):
    files = dict(PUSH)
    files["deploy/chart/templates/job.yaml"] = (
        "kind: Job\nspec:\n  url: {{ .Values.metrics.prometheus.pushgateway }}\n"
    )
    root = make(
        tmp_path / "repo",
        files,
        'python_roots = ["backend"]\nentry = ["backend/app/main.py"]\n[flags]\nENABLE_PUSH = false\n',
    )
    work, new = apply_plan(root, plan(root))
    assert new == []
    assert "pushgateway: http://pushgateway:9091" in read(work, "deploy/chart/values.yaml")


# ---------------------------------------------------------------------------------- unused exports, broken calls

EXPORTS = {
    "frontend/index.html": FRONT_INDEX,
    "frontend/package.json": '{"name": "web"}',
    "frontend/src/main.tsx": 'import { shown } from "./lib/format";\nconsole.log(shown(1));\n',
    "frontend/src/lib/format.ts": """
        import { clamp } from "./math";

        export function shown(n: number) {
          return helper(n);
        }

        export function helper(n: number) {
          return String(n);
        }

        /** Only the old dashboard used it. */
        export function legacy(n: number) {
          return clamp(n);
        }

        export const tested = 3;
    """,
    "frontend/src/lib/math.ts": "export function clamp(n: number) {\n  return n;\n}\n",
    "frontend/src/lib/format.test.ts": 'import { tested } from "./format";\nconsole.log(tested);\n',
}


def test_unused_exports_are_planned_keyword_or_declaration(tmp_path):
    root = make(tmp_path / "repo", EXPORTS)
    plans = plan(root, ["unused-exports"])
    exports = plans[0]
    assert exports.status == "safe" and len(exports.steps) == 1
    work, new = apply_plan(root, plans, ())
    assert new == []
    text = read(work, "frontend/src/lib/format.ts")
    assert "\nfunction helper(" in text and "export function helper" not in text  # still used: keyword only
    assert "legacy" not in text and "Only the old dashboard" not in text  # unused: declaration and its JSDoc
    assert "clamp" not in text  # the import only the removed declaration used
    assert "export const tested = 3;" in text  # a test imports it: kept, and said so
    assert "tested kept: frontend/src/lib/format.test.ts imports it" in exports.steps[0].summary


def test_python_unused_definitions_are_removed_with_their_imports(tmp_path):
    files = {
        **BACKEND,
        "backend/app/main.py": "from fastapi import FastAPI\nfrom app.util import used\n\napp = FastAPI()\nX = used()\n",
        "backend/app/util.py": "import os\n\n\ndef used():\n    return 1\n\n\ndef never():\n    return os.getcwd()\n",
        "frontend/src/main.tsx": "console.log(1);\n",
    }
    root = make(tmp_path / "repo", files, 'python_roots = ["backend"]\n')
    plans = plan(root, ["unused-exports"])
    work, new = apply_plan(root, plans)
    assert new == []
    assert read(work, "backend/app/util.py") == "def used():\n    return 1\n"
    assert plans[0].steps[0].verified["pyflakes"] == "ok"


def test_broken_calls_are_reported_never_safe(tmp_path):
    files = {
        **BACKEND,
        "backend/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/api/x')\ndef x():\n    return 1\n",
        "frontend/src/main.tsx": 'fetch("/api/x");\nfetch("/api/missing");\n',
    }
    root = make(tmp_path / "repo", files, 'python_roots = ["backend"]\n')
    out = cli("plan", ".", "--format", "json", "--no-cache", "-q", cwd=root)
    assert out.returncode == 0, out.stderr
    groups = {g["name"]: g for g in json.loads(out.stdout)["groups"]}
    assert groups["broken-calls"]["status"] == "reported" and groups["broken-calls"]["steps"] == []
    scan = cli("scan", ".", "--no-cache", "-q", cwd=root).stdout
    assert "broken-calls  Calls to endpoints that do not exist  [reported]" in scan
    for g in groups.values():  # no group is [safe] with nothing to remove
        assert g["status"] != "safe" or g["steps"]


# ---------------------------------------------------------------------------------- the CLI: JSON, text, branch

# a group the user names removes the intermediate barrel: the naive cut of `export * from
# "./charts"` would break Home's `import { Sparkline } from "@/components"`
CHARTS_GROUP = '[[groups]]\nname = "charts"\nremove = ["path:frontend/src/components/charts/index.ts"]\n'


def test_plan_json_and_text_say_what_was_verified(tmp_path):
    root = make(tmp_path / "repo", BARRELS, CHARTS_GROUP)
    out = cli("plan", ".", "--format", "json", "--no-cache", "-q", cwd=root)
    assert out.returncode == 0, out.stderr
    unreachable = next(g for g in json.loads(out.stdout)["groups"] if g["name"] == "charts")
    first, second = unreachable["steps"]
    assert first["verified"]["resolve"].startswith(
        "failed: frontend/src/pages/Home.tsx:1 imports { Sparkline }"
    )
    assert first["applied"] is False and first["needs_review"] is True
    assert second["verified"]["resolve"] == "ok" and "applied" not in second
    assert second["verified"]["pyflakes"] == "skipped: no Python file changed"
    assert second["verified"]["bundle"] == ("ok" if ESBUILD.exists() else second["verified"]["bundle"])
    assert unreachable["status"] == "needs-review" and unreachable["verified"].startswith(
        "step 1 failed: resolve"
    )
    text = cli("plan", ".", "--no-cache", "-q", cwd=root).stdout
    assert (
        "   verified: step 1 failed: resolve failed: frontend/src/pages/Home.tsx:1 imports { Sparkline }"
        in text
    )
    assert "[unverified, not applied]" in text
    # the patch series holds only the applied steps: it applies in order
    patch = cli("plan", ".", "--format", "patch", "--no-cache", "-q", cwd=root).stdout
    assert "Donut" in patch and '-export * from "./charts";' not in patch
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "p.diff").write_text(patch)
    assert (
        subprocess.run(
            ["git", "apply", "--check", "p.diff"], cwd=root, capture_output=True, check=False
        ).returncode
        == 0
    )


def _git_repo(root: Path) -> None:
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_branch_commits_only_verified_steps(tmp_path):
    root = make(tmp_path / "repo", BARRELS, CHARTS_GROUP)
    _git_repo(root)
    out = cli("branch", ".", "--name", "rm", "--group", "charts", cwd=root)
    assert out.returncode == 0, out.stderr
    assert "1 step(s) failed verification and are not committed" in out.stderr
    log = subprocess.run(
        ["git", "log", "--format=%s", "HEAD..rm"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(log) == 1 and "delete 1 file(s)" in log[0]
    tree = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "rm"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "frontend/src/components/charts/index.ts" in tree and "Donut" not in tree
    unverified = cli("branch", ".", "--name", "rm-all", "--group", "charts", "--include-unverified", cwd=root)
    assert unverified.returncode == 0, unverified.stderr
    body = subprocess.run(
        ["git", "log", "--format=%B", "HEAD..rm-all"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "UNVERIFIED: resolve failed: frontend/src/pages/Home.tsx:1 imports { Sparkline }" in body


# ---------------------------------------------------------------------------------- the bundle


def test_without_esbuild_the_bundle_check_is_a_one_line_skip(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("deadcode.plan.bundle.find_esbuild", lambda root, extra=(): None)
    root = make(tmp_path / "repo", NAV, USAGE_GROUP)
    usage = group(plan(root), "usage")
    assert usage.status == "safe"
    assert {s.verified["bundle"] for s in usage.steps} == {
        "skipped: no node/esbuild (install esbuild or set verify.bundle with esbuild on PATH)"
    }


@pytest.mark.skipif(not ESBUILD.exists(), reason="esbuild not installed (make tools)")
def test_a_new_bundle_error_fails_the_step_that_made_it(tmp_path, monkeypatch):
    """A cut the resolver cannot judge (here a route primitive that leaves a stray brace)
    breaks the bundle: esbuild's error fails that step and the group stops there."""
    root = make(tmp_path / "repo", NAV, USAGE_GROUP)
    real = E.remove_route

    def sloppy(data, grammar, span):
        return real(data, grammar, span) + [E.Edit(len(data), len(data), b"}\n")]

    monkeypatch.setattr(E, "remove_route", sloppy)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    usage = group(plan(root), "usage")
    # the bundle's private copy hard-links the user's files: they are never written through
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    first = usage.steps[0]
    assert first.verified["bundle"].startswith("failed: frontend/src/main.tsx: ")
    assert not first.applied and usage.status == "needs-review"
    assert len(usage.steps) == 1 and usage.notes[-1].startswith(
        "stopped at step 1: the frontend no longer bundles"
    )


def test_configured_bundle_entries(tmp_path):
    root = make(tmp_path / "repo", NAV, USAGE_GROUP + '\n[verify]\nbundle = ["frontend/src/nope.tsx"]\n')
    usage = group(plan(root), "usage")
    reasons = {s.verified["bundle"] for s in usage.steps}
    if ESBUILD.exists():
        assert reasons == {"skipped: frontend/src/nope.tsx does not exist"}


@pytest.mark.skipif(not ESBUILD.exists(), reason="esbuild not installed (make tools)")
@pytest.mark.parametrize("from_head", [False, True])
def test_the_bundle_copy_keeps_code_in_a_build_folder_under_src(tmp_path, from_head):
    """``src/lib/build/`` is code the entry imports; ``frontend/build/`` beside ``src`` is output.
    The private copy keeps the first (else the "before" bundle already fails and hides every
    error a step makes there) and leaves the second out, from the work tree and from HEAD."""
    from deadcode.plan.bundle import Bundler

    root = make(
        tmp_path / "repo",
        {
            "frontend/index.html": FRONT_INDEX,
            "frontend/package.json": '{"name": "web"}',
            "frontend/src/main.tsx": 'import { render } from "./lib/build/render";\nrender();\n',
            "frontend/src/lib/build/render.ts": "export const render = () => 1;\n",
            "frontend/build/assets/old.js": "syntax error here (\n",
        },
    )
    _git_repo(root)
    bundler = Bundler(root, str(ESBUILD), ["frontend/src/main.tsx"], from_head)

    def exists(p):
        return (root / p).exists()

    assert bundler.errors("frontend/src/main.tsx", {}, exists, lambda p: None) == (set(), "")
    copy = bundler._copies["frontend"]
    assert (copy / "src/lib/build/render.ts").is_file() and not (copy / "build").exists()
    gone = {"frontend/src/lib/build/render.ts": None}
    keys, _ = bundler.errors("frontend/src/main.tsx", gone, exists, lambda p: None)
    assert any("lib/build/render" in message for message, _where in keys)
