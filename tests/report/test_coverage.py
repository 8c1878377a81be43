"""Coverage gaps: pages no E2E test visits, endpoints no test calls, middleware no test
exercises. One tiny repository per idiom, each with a look-alike that must not count."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deadcode.analysis.coverage import clean_visit, coverage_gaps, route_regex, visit_matches
from deadcode.pipeline import Options, load


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def gaps(root: Path) -> dict:
    return coverage_gaps(load(Options(root, no_cache=True)).program)


# ------------------------------------------------------------------------------ route patterns


@pytest.mark.parametrize(
    "route, visit, hit",
    [
        ("/database/:id", "/database/42", True),
        ("/database/:id", "/database/42/", True),
        ("/database/:id", "/database/42?tab=schema#top", True),
        ("/database/:id", "/database", False),
        ("/database/:id", "/database/42/data-access", False),
        ("/database/:id/data-access", "/database/7/data-access", True),
        ("/database/:id/data-access", "/database/7/query-performance", False),
        ("/", "/", True),
        ("/", "/settings", False),
        ("/docs/*", "/docs/guides/intro", True),
        ("/docs/*", "/docs", True),
        ("/docs/*", "/doc", False),
        ("/users/:id?", "/users", True),
        ("/users/:id?", "/users/3", True),
        ("/items", "/itemsX", False),
        # a substitution in the visited URL stands for any one segment
        ("/database/:id", "/database/${db.id}", True),
        ("/settings", "/${prefix}", True),
        ("/settings/profile", "/settings/${tab}", True),
        ("/settings/profile", "/other/${tab}", False),
    ],
)
def test_route_patterns_match_visited_paths(route, visit, hit):
    assert visit_matches(route, visit) is hit


def test_clean_visit_drops_query_hash_and_marks_substitutions():
    assert clean_visit("//a//b?x=1#y") == "/a/b"
    assert clean_visit("/a/${id}") == "/a/\x00"
    assert route_regex("/a/:b").match("/a/1")


# ------------------------------------------------------------------------------------- pages

FRONT = {
    "frontend/src/main.tsx": """
        import { createRoot } from "react-dom/client";
        import App from "./App";
        createRoot(document.getElementById("root")!).render(<App />);
    """,
    "frontend/src/App.tsx": """
        import { BrowserRouter, Routes, Route } from "react-router-dom";
        import HomePage from "./pages/HomePage";
        import DatabasePage from "./pages/DatabasePage";
        import DataAccessPage from "./pages/DataAccessPage";
        import SettingsPage from "./pages/SettingsPage";
        import ProtectedRoute from "./components/ProtectedRoute";

        export default function App() {
          return (
            <BrowserRouter>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/database/:id" element={<ProtectedRoute><DatabasePage /></ProtectedRoute>} />
                <Route path="/database/:id/data-access" element={<ProtectedRoute><DataAccessPage /></ProtectedRoute>} />
                <Route path="/settings" element={<SettingsPage />} />
              </Routes>
            </BrowserRouter>
          );
        }
    """,
    "frontend/src/components/ProtectedRoute.tsx": """
        export default function ProtectedRoute({ children }: { children: any }) { return children; }
    """,
    "frontend/src/pages/HomePage.tsx": "export default function HomePage() { return <h1>home</h1>; }\n",
    "frontend/src/pages/DatabasePage.tsx": "export default function DatabasePage() { return <h1>db</h1>; }\n",
    "frontend/src/pages/DataAccessPage.tsx": "export default function DataAccessPage() { return <h1>da</h1>; }\n",
    "frontend/src/pages/SettingsPage.tsx": "export default function SettingsPage() { return <h1>s</h1>; }\n",
}


def test_pages_visited_by_playwright_and_cypress_and_page_percentage(tmp_path):
    write(
        tmp_path,
        FRONT
        | {
            "frontend/e2e/db.spec.ts": """
            import { test } from "@playwright/test";
            test("db", async ({ page }) => {
              await page.goto("/database/42");
              await page.goto("http://localhost:5173/");
            });
        """,
            "frontend/cypress/e2e/look.cy.ts": """
            describe("x", () => { it("y", () => { cy.visit("/settingsX"); }); });
        """,
        },
    )
    g = gaps(tmp_path)
    pages = g["pages"]
    assert pages["total"] == 4
    tested = {p["page"] for p in pages["tested"]}
    assert tested == {"frontend/src/pages/DatabasePage.tsx", "frontend/src/pages/HomePage.tsx"}
    untested = {p["page"]: p["routes"] for p in pages["untested"]}
    # /database/42 does not open /database/:id/data-access; /settingsX is not /settings
    assert untested == {
        "frontend/src/pages/DataAccessPage.tsx": ["/database/:id/data-access"],
        "frontend/src/pages/SettingsPage.tsx": ["/settings"],
    }
    # the wrapper a route renders around its page is not a page
    assert "frontend/src/components/ProtectedRoute.tsx" not in tested | set(untested)
    assert pages["percent"] == 50
    assert g["counters"]["pages_untested"] == 2
    assert g["counters"]["page_coverage_percent"] == 50
    assert g["routes"]["visits"] == 3


def test_a_visit_opens_the_most_specific_route_not_the_catch_all(tmp_path):
    files = dict(FRONT)
    files["frontend/src/App.tsx"] = (
        files["frontend/src/App.tsx"]
        .replace(
            '<Route path="/settings" element={<SettingsPage />} />',
            '<Route path="/settings" element={<SettingsPage />} />\n                <Route path="*" element={<NotFoundPage />} />',
        )
        .replace(
            'import SettingsPage from "./pages/SettingsPage";',
            'import SettingsPage from "./pages/SettingsPage";\n        import NotFoundPage from "./pages/NotFoundPage";',
        )
    )
    files["frontend/src/pages/NotFoundPage.tsx"] = (
        "export default function NotFoundPage() { return <p>404</p>; }\n"
    )
    write(
        tmp_path,
        files
        | {
            "frontend/e2e/a.spec.ts": """
            import { test } from "@playwright/test";
            test("a", async ({ page }) => { await page.goto("/settings"); await page.goto("/database/${id}"); });
        """,
        },
    )
    g = gaps(tmp_path)
    tested = {p["page"] for p in g["pages"]["tested"]}
    assert tested == {"frontend/src/pages/SettingsPage.tsx", "frontend/src/pages/DatabasePage.tsx"}
    write(
        tmp_path,
        {
            "frontend/e2e/b.spec.ts": """
        import { test } from "@playwright/test";
        test("b", async ({ page }) => { await page.goto("/no/such/page"); });
    """
        },
    )
    g = gaps(tmp_path)
    assert "frontend/src/pages/NotFoundPage.tsx" in {p["page"] for p in g["pages"]["tested"]}


def test_visits_outside_test_files_do_not_count(tmp_path):
    write(
        tmp_path,
        FRONT
        | {
            # a production helper that happens to call goto(): not an E2E visit
            "frontend/src/nav.ts": "export function go(page: any) { return page.goto('/settings'); }\n",
        },
    )
    g = gaps(tmp_path)
    assert g["pages"]["visited"] == 0
    assert g["pages"]["percent"] == 0


def test_no_routes_gives_no_percentage(tmp_path):
    write(tmp_path, {"backend/app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n"})
    g = gaps(tmp_path)
    assert g["pages"]["total"] == 0
    assert g["pages"]["percent"] is None


# --------------------------------------------------------------------------------- endpoints

BACK = {
    "backend/app/__init__.py": "",
    "backend/app/api/__init__.py": "",
    "backend/app/main.py": """
        from fastapi import FastAPI
        from app.api import users, reports

        app = FastAPI()
        app.include_router(users.router, prefix="/api/v1")
        app.include_router(reports.router, prefix="/api/v1")
    """,
    "backend/app/api/users.py": """
        from fastapi import APIRouter

        router = APIRouter(prefix="/users")


        @router.get("")
        def list_users():
            return []


        @router.get("/{user_id}")
        def get_user(user_id: int):
            return {}


        @router.delete("/{user_id}")
        def delete_user(user_id: int):
            return {}
    """,
    "backend/app/api/reports.py": """
        from fastapi import APIRouter

        router = APIRouter(prefix="/reports")


        @router.get("/weekly")
        def weekly():
            return {}
    """,
}


def test_endpoints_called_by_testclient_httpx_and_e2e_requests(tmp_path):
    write(
        tmp_path,
        BACK
        | {
            "pyproject.toml": '[tool.deadcode]\npython_roots = ["backend"]\n',
            "backend/tests/test_users.py": """
            from fastapi.testclient import TestClient
            from app.main import app

            client = TestClient(app)


            def test_list():
                assert client.get("/api/v1/users").status_code == 200
        """,
            "backend/tests/test_users_remote.py": """
            import httpx

            BASE = "http://localhost:8000"


            def test_get():
                httpx.get(f"{BASE}/api/v1/users/3")
        """,
            "frontend/e2e/users.spec.ts": """
            import { test } from "@playwright/test";
            test("delete", async ({ request }) => {
              await request.delete("/api/v1/users/9");
            });
        """,
        },
    )
    g = gaps(tmp_path)
    ep = g["endpoints"]
    assert ep["total"] == 4
    assert [e["endpoint"] for e in ep["untested"]] == ["GET /api/v1/reports/weekly"]
    assert ep["tested"] == 3
    # a route file none of whose endpoints a test calls
    assert [f["path"] for f in g["route_files"]["untested"]] == ["backend/app/api/reports.py"]
    assert g["counters"]["endpoints_untested"] == 1


def test_calls_from_production_code_do_not_count_as_tests(tmp_path):
    write(
        tmp_path,
        BACK
        | {
            "pyproject.toml": '[tool.deadcode]\npython_roots = ["backend"]\n',
            "frontend/src/main.tsx": "fetch('/api/v1/users');\n",
            # a test that calls a path no endpoint serves covers nothing
            "backend/tests/test_other.py": """
            def test_x(client):
                client.get("/api/v1/usersX")
        """,
        },
    )
    g = gaps(tmp_path)
    assert g["endpoints"]["tested"] == 0
    assert len(g["endpoints"]["untested"]) == 4


# -------------------------------------------------------------------------------- middleware

MIDDLEWARE = {
    "backend/app/__init__.py": "",
    "backend/app/middleware/__init__.py": "",
    "backend/app/main.py": """
        from fastapi import FastAPI
        from app.middleware.body_size_middleware import BodySizeMiddleware
        from app.middleware.logging_middleware import LoggingMiddleware
        from app.middleware.tracing import TracingMiddleware
        from app.middleware.timing_middleware import add_timing

        app = FastAPI()
        app.add_middleware(BodySizeMiddleware)
        app.add_middleware(LoggingMiddleware)
        app.add_middleware(TracingMiddleware)
        add_timing(app)
    """,
    "backend/app/middleware/body_size_middleware.py": """
        from starlette.middleware.base import BaseHTTPMiddleware


        class BodySizeMiddleware(BaseHTTPMiddleware):
            async def dispatch(self, request, call_next):
                return await call_next(request)
    """,
    "backend/app/middleware/logging_middleware.py": """
        from starlette.middleware.base import BaseHTTPMiddleware


        class LoggingMiddleware(BaseHTTPMiddleware):
            async def dispatch(self, request, call_next):
                return await call_next(request)
    """,
    # not named *middleware*: found by its base class
    "backend/app/middleware/tracing.py": """
        import starlette.middleware.base


        class TracingMiddleware(starlette.middleware.base.BaseHTTPMiddleware):
            pass


        class TraceConfig:
            pass
    """,
    # named *middleware*, no class: found by its name
    "backend/app/middleware/timing_middleware.py": """
        def add_timing(app):
            return app
    """,
    # look-alike: a model whose name mentions middleware but whose bases do not
    "backend/app/models.py": """
        from pydantic import BaseModel


        class MiddlewareSettings(BaseModel):
            enabled: bool = True
    """,
}


def test_middleware_exercised_by_import_or_by_name(tmp_path):
    write(
        tmp_path,
        MIDDLEWARE
        | {
            "pyproject.toml": '[tool.deadcode]\npython_roots = ["backend"]\n',
            # imports the module: exercised
            "backend/tests/test_logging.py": """
            from app.middleware.logging_middleware import LoggingMiddleware


            def test_it():
                assert LoggingMiddleware
        """,
            # names the class (through the package): exercised
            "backend/tests/test_tracing.py": """
            import app.middleware as mw


            def test_it():
                assert mw.TracingMiddleware
        """,
            # only runs the whole app: does not exercise a middleware on its own
            "backend/tests/test_app.py": """
            from fastapi.testclient import TestClient
            from app.main import app


            def test_root():
                TestClient(app).get("/")
        """,
        },
    )
    g = gaps(tmp_path)
    mw = g["middleware"]
    assert {r["path"] for r in mw["all"]} == {
        "backend/app/middleware/body_size_middleware.py",
        "backend/app/middleware/logging_middleware.py",
        "backend/app/middleware/tracing.py",
        "backend/app/middleware/timing_middleware.py",
    }
    assert {r["path"]: r["classes"] for r in mw["all"]}["backend/app/middleware/tracing.py"] == [
        "TracingMiddleware"
    ]
    assert sorted(r["path"] for r in mw["untested"]) == [
        "backend/app/middleware/body_size_middleware.py",
        "backend/app/middleware/timing_middleware.py",
    ]
    tested_by = {r["path"]: r["tested_by"] for r in mw["all"]}
    assert tested_by["backend/app/middleware/logging_middleware.py"] == ["backend/tests/test_logging.py"]
    assert tested_by["backend/app/middleware/tracing.py"] == ["backend/tests/test_tracing.py"]
    assert g["counters"]["middleware_untested"] == 2


def test_bad_files_do_not_break_coverage(tmp_path):
    write(
        tmp_path,
        FRONT
        | {
            "frontend/e2e/broken.spec.ts": "test('x', async ({ page }) => { await page.goto('/settings'); \n  {{{ \n",
            "backend/tests/test_bad.py": "def test(:\n    client.get('/x')\n",
        },
    )
    (tmp_path / "frontend/e2e/binary.spec.ts").write_bytes(b"\xff\xfe\x00binary")
    g = gaps(tmp_path)
    assert g["pages"]["total"] == 4
    # what parsed of the broken spec still counts
    assert "frontend/src/pages/SettingsPage.tsx" in {p["page"] for p in g["pages"]["tested"]}
