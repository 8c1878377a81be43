"""One tiny repo per idiom: the true finding, and a live look-alike that must not be flagged."""

from tests.analysis.repo import BACKEND_ITEMS, BACKEND_MAIN, kinds, make_repo, scan

APP_ITEMS = """
import { api } from "@/api/client";
export default function App() {
  const load = (id: number) => api.get(`/items/${id}?full=1`);
  return <button onClick={() => load(1)}>x</button>;
}
"""


def test_live_call_through_axios_instance_keeps_endpoint(tmp_path):
    make_repo(tmp_path, {"frontend/src/App.tsx": APP_ITEMS})
    loaded, a = scan(tmp_path)
    assert "endpoint:GET /api/items/{item_id}" in loaded.program.graph.nodes
    assert ("orphan-endpoint", "GET /api/items/{item_id}") not in kinds(a)
    assert not [f for f in a.findings if f.kind in ("broken-call", "unreachable")]


def test_uncalled_endpoint_is_orphan_with_evidence(tmp_path):
    make_repo(tmp_path, {"frontend/src/App.tsx": "export default function App() { return null; }\n"})
    _, a = scan(tmp_path)
    f = next(f for f in a.findings if f.kind == "orphan-endpoint")
    assert f.endpoint == "GET /api/items/{item_id}"
    assert f.path == "backend/app/api/items.py"
    assert any("items.py:5 declares GET /api/items/{item_id}" in e for e in f.evidence)


def test_endpoint_called_only_from_tests_is_orphan_and_says_so(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
            "backend/tests/test_items.py": "def test_it(client):\n    client.get('/api/items/1')\n",
        },
    )
    _, a = scan(tmp_path)
    f = next(f for f in a.findings if f.kind == "orphan-endpoint")
    assert f.reason == "its only callers are test code"


def test_broken_call_and_param_lookalike(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
        import { api } from "@/api/client";
        export default function App() {
          api.get(`/items/${1}`);
          api.get("/itemz/1");
          return null;
        }
        """
        },
    )
    _, a = scan(tmp_path)
    assert [(f.kind, f.endpoint) for f in a.findings if f.kind == "broken-call"] == [
        ("broken-call", "GET /api/itemz/1")
    ]


def test_unimported_module_is_unreachable_but_function_import_is_live(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": APP_ITEMS,
            "backend/app/dead.py": "X = 1\n",
            "backend/app/lazy.py": "Y = 2\n",
            "backend/app/optional.py": "Z = 3\n",
            "backend/app/dynamic.py": "W = 4\n",
            "backend/app/api/items.py": BACKEND_ITEMS_WITH_IMPORTS,
        },
    )
    _, a = scan(tmp_path)
    dead = {f.path for f in a.findings if f.kind == "unreachable"}
    assert dead == {"backend/app/dead.py"}


BACKEND_ITEMS_WITH_IMPORTS = """
import importlib
from fastapi import APIRouter
try:
    from app import optional
except ImportError:
    optional = None

router = APIRouter()

@router.get("/{item_id}")
def get_item(item_id: int):
    from app import lazy
    importlib.import_module("app.dynamic")
    return {"id": item_id, "y": lazy.Y}
"""


def test_flag_gated_import_with_flag_table_and_lookalike(tmp_path):
    files = {
        "frontend/src/App.tsx": APP_ITEMS,
        "backend/app/grafana.py": "from app.config import settings\nURL = settings.GRAFANA_URL\n",
        "backend/app/alerting.py": """
            from app.config import settings

            def start():
                if settings.ALERTING_BACKEND in ("grafana", "both"):
                    from app import grafana
                    return grafana.URL
                return "native"
            """,
        "backend/app/main.py": BACKEND_MAIN_WITH_ALERTING,
        ".env.example": "ALERTING_BACKEND=native\n",
    }
    make_repo(tmp_path, files, 'flags = { ALERTING_BACKEND = "native" }\n')
    _, a = scan(tmp_path)
    f = next(f for f in a.findings if f.path == "backend/app/grafana.py")
    assert f.kind == "flag-gated" and f.group == "flag:ALERTING_BACKEND"
    assert any('ALERTING_BACKEND in ["grafana", "both"]' in e for e in f.evidence)
    assert any(e.startswith("flag ALERTING_BACKEND: backend/app/config.py:") for e in f.evidence)
    assert any(".env.example:1" in e and "'native'" in e for e in f.evidence)
    assert ("unused-config", "GRAFANA_URL") in kinds(a)
    assert a.groups["flag:ALERTING_BACKEND"].status == "safe"

    # look-alike: production runs grafana
    make_repo(tmp_path, files, 'flags = { ALERTING_BACKEND = ["native", "grafana"] }\n')
    _, a = scan(tmp_path)
    assert not [f for f in a.findings if f.path == "backend/app/grafana.py"]
    assert ("unused-config", "GRAFANA_URL") not in kinds(a)


def test_flag_group_blocked_when_an_environment_turns_it_on(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": APP_ITEMS,
            "backend/app/grafana.py": "G = 1\n",
            "backend/app/alerting.py": """
            from app.config import settings
            if settings.ALERTING_BACKEND == "grafana":
                from app import grafana
            """,
            "backend/app/main.py": BACKEND_MAIN_WITH_ALERTING,
            "deploy/chart/Chart.yaml": "name: x\n",
            "deploy/chart/values.yaml": "alertingBackend: native\n",
            "deploy/chart/values-staging.yaml": "alertingBackend: grafana\n",
            "deploy/chart/templates/deployment.yaml": """
            env:
              - name: ALERTING_BACKEND
                value: {{ .Values.alertingBackend | quote }}
            """,
        },
        'flags = { ALERTING_BACKEND = "native" }\n',
    )
    _, a = scan(tmp_path)
    gr = a.groups["flag:ALERTING_BACKEND"]
    assert gr.status == "blocked"
    assert any("values-staging.yaml" in b and "grafana" in b for b in gr.blocked_by)
    assert any(
        b["group"] == "flag:ALERTING_BACKEND" and b["path"] == "backend/app/grafana.py" for b in a.blocked
    )


BACKEND_MAIN_WITH_ALERTING = """
from fastapi import FastAPI
from app.config import settings
from app.api import items
from app import alerting

app = FastAPI()
app.include_router(items.router, prefix=settings.API_PREFIX + "/items")
alerting.start() if hasattr(alerting, "start") else None
"""


def test_barrel_followed_per_symbol(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import { Card } from "@/components";
            export default function App() { return <Card />; }
            """,
            "frontend/src/components/index.ts": 'export * from "./Card";\nexport { Other as Renamed } from "./Other";\n',
            "frontend/src/components/Card.tsx": "export function Card() { return null; }\n",
            "frontend/src/components/Other.tsx": "export function Other() { return null; }\n",
        },
    )
    _, a = scan(tmp_path)
    # the live barrel loads Other.tsx (deleting it would break the barrel): the file is live, and
    # the name nobody imports through the barrel is an unused export
    assert not [f for f in a.findings if f.kind == "unreachable" and "/components/" in f.path]
    unused = {(f.path, f.symbol) for f in a.findings if f.kind == "unused-export"}
    assert ("frontend/src/components/Other.tsx", "Other") in unused
    assert ("frontend/src/components/Card.tsx", "Card") not in unused


DEV_APP = """
import { BrowserRouter, Routes, Route } from "react-router-dom";
import { lazy } from "react";
import Home from "./pages/Home";
import ProjectPage from "./pages/ProjectPage";
const TestPage = lazy(() => import("./pages/TestPage"));
export default function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/projects/:id" element={<ProjectPage />} />
        <Route path="/test" element={<TestPage />} />
      </Routes>
    </BrowserRouter>
  );
}
"""


def test_dev_routes_and_dev_roots(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": DEV_APP,
            "frontend/src/pages/Home.tsx": 'import Shared from "../components/Shared";\nexport default function Home() { return <Shared />; }\n',
            "frontend/src/pages/ProjectPage.tsx": 'import ProjectCard from "../components/ProjectCard";\nexport default function P() { return <ProjectCard />; }\n',
            "frontend/src/pages/TestPage.tsx": """
            import Shared from "../components/Shared";
            import Tester from "../components/Tester";
            const tabs = [{ id: "a", component: Tester }, { id: "b", component: Shared }];
            export default function TestPage() { return <div>{tabs.length}</div>; }
            """,
            "frontend/src/components/Shared.tsx": "export default function Shared() { return null; }\n",
            "frontend/src/components/Tester.tsx": "export default function Tester() { return null; }\n",
            "frontend/src/components/ProjectCard.tsx": "export default function ProjectCard() { return null; }\n",
        },
        'dev_roots = ["frontend/src/pages/TestPage.tsx"]\ndev_routes = ["/projects/*"]\n',
    )
    _, a = scan(tmp_path)
    got = {(f.kind, f.path, f.group) for f in a.findings if f.kind == "dev-only"}
    assert got == {
        ("dev-only", "frontend/src/pages/TestPage.tsx", "dev-root:frontend/src/pages/TestPage.tsx"),
        ("dev-only", "frontend/src/components/Tester.tsx", "dev-root:frontend/src/pages/TestPage.tsx"),
        ("dev-only", "frontend/src/pages/ProjectPage.tsx", "dev-route:/projects/*"),
        ("dev-only", "frontend/src/components/ProjectCard.tsx", "dev-route:/projects/*"),
    }
    # Shared is also used by the live Home page: never flagged
    assert not [f for f in a.findings if f.path.endswith("Shared.tsx")]
    tester = next(f for f in a.findings if f.path.endswith("Tester.tsx"))
    assert any("TestPage.tsx" in e and "Tester" in e for e in tester.evidence)


def test_import_meta_env_dev_branch_is_dev_only(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import DebugPanel from "./DebugPanel";
            import Footer from "./Footer";
            export default function App() {
              return <div>{import.meta.env.DEV && <DebugPanel />}<Footer /></div>;
            }
            """,
            "frontend/src/DebugPanel.tsx": "export default function DebugPanel() { return null; }\n",
            "frontend/src/Footer.tsx": "export default function Footer() { return null; }\n",
        },
    )
    _, a = scan(tmp_path)
    assert {(f.kind, f.path) for f in a.findings if f.kind == "dev-only"} == {
        ("dev-only", "frontend/src/DebugPanel.tsx")
    }


def test_helm_probe_and_public_pattern_keep_endpoints_alive(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": APP_ITEMS,
            "backend/app/api/health.py": """
            from fastapi import APIRouter
            router = APIRouter(prefix="/health")
            @router.get("")
            def health():
                return "ok"
            @router.post("/hooks/{provider}")
            def hook(provider: str):
                return provider
            """,
            "backend/app/main.py": BACKEND_MAIN
            + "from app.api import health\napp.include_router(health.router, prefix=settings.API_PREFIX)\n",
            "deploy/chart/Chart.yaml": "name: x\n",
            "deploy/chart/values.yaml": "replicas: 1\n",
            "deploy/chart/templates/deployment.yaml": """
            livenessProbe:
              httpGet:
                path: /api/health
                port: 8000
            """,
        },
        'public_endpoints = ["POST /api/health/hooks/*"]\n',
    )
    _, a = scan(tmp_path)
    assert not [f for f in a.findings if f.kind == "orphan-endpoint"]


def test_unused_config_lookalike_live_reader(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": APP_ITEMS,
            "backend/app/db.py": "from app.config import settings\nURL = settings.DATABASE_URL\n",
            "backend/app/old.py": "from app.config import settings\nURL = settings.DATABASE_URL\n",
            "backend/app/api/items.py": "from app import db\n" + BACKEND_ITEMS,
        },
    )
    _, a = scan(tmp_path)
    assert ("unused-config", "DATABASE_URL") not in kinds(a)
    assert ("unreachable", "backend/app/old.py") in kinds(a)


def test_keep_rule_lists_and_protects(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": APP_ITEMS,
            "backend/app/tracing.py": "from app import helper\n",
            "backend/app/helper.py": "H = 1\n",
        },
        'keep = [{ path = "backend/app/tracing.py", reason = "tracing stays" }]\n',
    )
    _, a = scan(tmp_path)
    assert a.kept == [{"path": "backend/app/tracing.py", "reason": "tracing stays"}]
    assert not [f for f in a.findings if f.path in ("backend/app/tracing.py", "backend/app/helper.py")]


GROUP_APP = """
import { BrowserRouter, Routes, Route } from "react-router-dom";
import Home from "./pages/Home";
import Usage from "./pages/Usage";
export default function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/sysop/usage" element={<Usage />} />
      </Routes>
    </BrowserRouter>
  );
}
"""


def test_configured_group_cascades_to_endpoints_handlers_and_services(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": GROUP_APP,
            "frontend/src/pages/Home.tsx": """
            import { api } from "@/api/client";
            export default function Home() { api.get("/items/1"); return null; }
            """,
            "frontend/src/pages/Usage.tsx": """
            import { getUsage } from "@/api/usage";
            import UsageChart from "../components/UsageChart";
            export default function Usage() { getUsage(); return <UsageChart />; }
            """,
            "frontend/src/components/UsageChart.tsx": "export default function UsageChart() { return null; }\n",
            "frontend/src/api/usage.ts": 'import { api } from "./client";\nexport function getUsage() { return api.get("/items/usage/stats"); }\n',
            "backend/app/api/items.py": """
            from fastapi import APIRouter
            from app import usage_service

            router = APIRouter()

            @router.get("/usage/stats")
            def usage_stats():
                return usage_service.compute()

            @router.get("/{item_id}")
            def get_item(item_id: int):
                return {"id": item_id}
            """,
            "backend/app/usage_service.py": "def compute():\n    return 1\n",
        },
        """
        [[groups]]
        name = "usage"
        title = "Usage analytics"
        remove = ["route:/sysop/usage"]
        """,
    )
    _, a = scan(tmp_path)
    got = {(f.kind, f.endpoint or f.path) for f in a.findings if f.group == "usage"}
    assert got == {
        ("unreachable", "frontend/src/pages/Usage.tsx"),
        ("unreachable", "frontend/src/components/UsageChart.tsx"),
        ("unreachable", "frontend/src/api/usage.ts"),
        ("orphan-endpoint", "GET /api/items/usage/stats"),
        ("unreachable", "backend/app/usage_service.py"),
    }
    assert a.groups["usage"].status == "safe"


def test_path_group_with_live_referrer_needs_refactor(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import GuidePanel from "./guides/GuidePanel";
            export default function App() { return <GuidePanel />; }
            """,
            "frontend/src/guides/GuidePanel.tsx": "export default function GuidePanel() { return null; }\n",
        },
        """
        [[groups]]
        name = "guides"
        remove = ["path:frontend/src/guides/**"]
        """,
    )
    _, a = scan(tmp_path)
    gr = a.groups["guides"]
    assert gr.status == "needs-refactor"
    assert gr.referenced_by == {"frontend/src/guides/GuidePanel.tsx": ["frontend/src/App.tsx"]}
    assert {
        "path": "frontend/src/guides/GuidePanel.tsx",
        "group": "guides",
        "referenced_by": ["frontend/src/App.tsx"],
    } in a.blocked


def test_unused_export_and_used_lookalike(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": 'import { used } from "./util";\nexport default function App() { return used(); }\n',
            "frontend/src/util.ts": "export function used() { return 1; }\nexport function unused() { return 2; }\nexport type T = number;\n",
        },
    )
    _, a = scan(tmp_path)
    assert [(f.path, f.symbol) for f in a.findings if f.kind == "unused-export"] == [
        ("frontend/src/util.ts", "unused")
    ]


def test_import_meta_glob_loads_every_match(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            const pages = import.meta.glob("./pages/*.tsx");
            export default function App() { return Object.keys(pages).length; }
            """,
            "frontend/src/pages/A.tsx": "export default function A() { return null; }\n",
            "frontend/src/pages/B.tsx": "export default function B() { return null; }\n",
            "frontend/src/other/C.tsx": "export default function C() { return null; }\n",
        },
    )
    _, a = scan(tmp_path)
    dead = {f.path for f in a.findings if f.kind == "unreachable" and f.path.startswith("frontend/src/")}
    assert "frontend/src/other/C.tsx" in dead
    assert not dead & {"frontend/src/pages/A.tsx", "frontend/src/pages/B.tsx"}


def test_nested_router_prefixes_all_apply(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import { api } from "@/api/client";
            export default function App() { api.get("/v1/area/things/7"); return null; }
            """,
            "backend/app/main.py": """
            from fastapi import FastAPI
            from app.api.router import api_router

            def create_app() -> FastAPI:
                application = FastAPI()
                application.include_router(api_router, prefix="/api")
                return application

            app = create_app()
            """,
            "backend/app/api/router.py": """
            from fastapi import APIRouter
            from app.api import area

            api_router = APIRouter(prefix="/v1")
            api_router.include_router(area.router, prefix="/area")
            """,
            "backend/app/api/area.py": """
            from fastapi import APIRouter
            router = APIRouter(prefix="/things")

            @router.get("/{thing_id}")
            def get_thing(thing_id: int):
                return thing_id
            """,
        },
    )
    loaded, a = scan(tmp_path)
    assert "endpoint:GET /api/v1/area/things/{thing_id}" in loaded.program.graph.nodes
    assert not [f for f in a.findings if f.kind in ("orphan-endpoint", "broken-call")]


def test_prefix_from_a_plain_config_module_and_unknown_prefixes(tmp_path):
    files = {
        "frontend/src/App.tsx": """
            import { api } from "@/api/client";
            export default function App() { api.get("/v1/users/me"); return null; }
            """,
        "backend/app/core/__init__.py": "",
        "backend/app/core/config.py": 'API_PREFIX = "/v1"\n',
        "backend/app/main.py": """
            from fastapi import FastAPI, APIRouter
            from app.core import config
            from app.api import users

            def get_application():
                app = FastAPI()
                router = APIRouter()
                router.include_router(users.router, prefix="/users")
                app.include_router(router, prefix=config.API_PREFIX)
                return app

            app = get_application()
            """,
        "backend/app/api/users.py": """
            from fastapi import APIRouter
            router = APIRouter()

            @router.get("/me")
            def me():
                return {}
            """,
    }
    make_repo(tmp_path, files)
    loaded, a = scan(tmp_path)
    assert "endpoint:GET /api/v1/users/me" not in loaded.program.graph.nodes  # the axios base is /api
    assert "endpoint:GET /v1/users/me" in loaded.program.graph.nodes
    # the prefix cannot be resolved: the endpoint is kept, never called an orphan, calls match its tail
    files["backend/app/core/config.py"] = 'import os\nAPI_PREFIX = os.environ["PREFIX"]\n'
    make_repo(tmp_path, files)
    loaded, a = scan(tmp_path)
    assert not [f for f in a.findings if f.kind in ("orphan-endpoint", "broken-call")]
    assert any("not resolved" in w for w in loaded.warnings)


def test_module_named_in_a_string_and_url_builders_keep_code_alive(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import { formatURL } from "./urls";
            export default function App() {
              const url = formatURL("/items/stream/", {});
              const source = new EventSource(url);
              return source ? null : null;
            }
            """,
            "frontend/src/urls.ts": "export function formatURL(p: string, q: object) { return `/api${p}`; }\n",
            "backend/app/worker.py": 'from celery import Celery\napp = Celery("w")\napp.autodiscover_tasks(["app.tasks"])\n',
            "backend/app/tasks.py": "def run():\n    return 1\n",
            "backend/app/main.py": BACKEND_MAIN + "from app import worker\n",
            "backend/app/api/items.py": BACKEND_ITEMS
            + """

@router.get("/stream/")
def stream():
    return None
""",
        },
    )
    _, a = scan(tmp_path)
    assert ("unreachable", "backend/app/tasks.py") not in kinds(a)
    assert ("orphan-endpoint", "GET /api/items/stream/") not in kinds(a)
    assert not [f for f in a.findings if f.kind == "broken-call"]


def test_python_unused_definitions_and_framework_lookalikes(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": APP_ITEMS,
            "backend/app/helpers.py": """
            import functools

            def used_by_name():
                return 1

            def used_locally():
                return 2

            def public_api():
                return used_locally()

            def never_used():
                return 3

            @functools.cache
            def registered():
                return 4

            class Unused:
                pass
            """,
            "backend/app/svc.py": "def via_module():\n    return 1\n\ndef also_via_module():\n    return 2\n",
            "backend/app/api/items.py": """
            from fastapi import APIRouter, Depends
            from app.helpers import used_by_name, public_api
            from app import svc

            router = APIRouter()

            def get_db():
                return None

            @router.get("/{item_id}")
            def get_item(item_id: int, db=Depends(get_db)):
                return used_by_name() + public_api() + svc.via_module()
            """,
        },
    )
    _, a = scan(tmp_path)
    got = {(f.path, f.symbol) for f in a.findings if f.kind == "unused-export" and f.path.endswith(".py")}
    # svc is imported as a module object: its attributes are not tracked per name, so it is skipped
    assert got == {("backend/app/helpers.py", "never_used"), ("backend/app/helpers.py", "Unused")}


def test_route_objects_with_lazy_and_dev_route(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import { createBrowserRouter, RouterProvider } from "react-router-dom";
            import Home from "./pages/Home";
            const router = createBrowserRouter([
              { path: "/", element: <Home />, children: [
                { path: "reports", lazy: () => import("./pages/Reports") },
                { path: "playground", lazy: () => import("./pages/Playground") },
              ] },
            ]);
            export default function App() { return <RouterProvider router={router} />; }
            """,
            "frontend/src/pages/Home.tsx": "export default function Home() { return null; }\n",
            "frontend/src/pages/Reports.tsx": "export function Component() { return null; }\n",
            "frontend/src/pages/Playground.tsx": "export function Component() { return null; }\n",
        },
        'dev_routes = ["/playground"]\n',
    )
    _, a = scan(tmp_path)
    pages = {(f.kind, f.path) for f in a.findings if "/pages/" in f.path and f.kind != "unused-export"}
    assert pages == {("dev-only", "frontend/src/pages/Playground.tsx")}


def test_react_router_v7_routes_config(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
            "frontend/app/root.tsx": "export default function Root() { return null; }\n",
            "frontend/app/routes.ts": """
            import { type RouteConfig, index, route } from "@react-router/dev/routes";
            export default [index("routes/home.tsx"), route("about", "routes/about.tsx")] satisfies RouteConfig;
            """,
            "frontend/app/routes/home.tsx": "export default function Home() { return null; }\n",
            "frontend/app/routes/about.tsx": "export default function About() { return null; }\n",
            "frontend/app/routes/old.tsx": "export default function Old() { return null; }\n",
        },
    )
    _, a = scan(tmp_path)
    dead = {f.path for f in a.findings if f.kind == "unreachable" and f.path.startswith("frontend/app/")}
    assert dead == {"frontend/app/routes/old.tsx"}


def test_swr_keys_and_generated_openapi_client_calls(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            import useSWR from "swr";
            import { __request, OpenAPI } from "./client/core";
            export function getItem(id: number) {
              return __request(OpenAPI, { method: "GET", url: "/api/items/{item_id}", path: { item_id: id } });
            }
            export default function App() {
              const { data } = useSWR(`/api/items/${1}`);
              return data ? getItem(1) : null;
            }
            """,
            "frontend/src/client/core.ts": "export const OpenAPI = {};\nexport function __request(a: object, b: object) { return b; }\n",
            "backend/app/api/items.py": BACKEND_ITEMS
            + """

@router.delete("/{item_id}")
def delete_item(item_id: int):
    return None
""",
        },
    )
    _, a = scan(tmp_path)
    orphans = {f.endpoint for f in a.findings if f.kind == "orphan-endpoint"}
    assert orphans == {"DELETE /api/items/{item_id}"}
    assert not [f for f in a.findings if f.kind == "broken-call"]


def test_base_url_built_from_window_location_matches_by_suffix(tmp_path):
    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": """
            export const BASE_URL = `${window.location.protocol}//${window.location.host}${window.basename}`;
            const REFRESH_URL = BASE_URL + "/api/items/refresh";
            export default function App() { fetch(REFRESH_URL, { method: "POST" }); return null; }
            """,
            "backend/app/api/items.py": BACKEND_ITEMS
            + """

@router.post("/refresh")
def refresh():
    return None
""",
        },
    )
    _, a = scan(tmp_path)
    assert ("orphan-endpoint", "POST /api/items/refresh") not in kinds(a)
    assert not [f for f in a.findings if f.kind == "broken-call"]
