"""The bundled example monorepo (tests/fixtures/dbg) is valid code, and its written ground truth
(expected.json) agrees with what the code really does.

- the backend imports without any external service and serves exactly the expected endpoints
  (``app.openapi()``; WebSockets, which OpenAPI omits, are driven through the ASGI app);
- the Grafana module is loaded only when ALERTING_BACKEND selects it;
- the frontend bundles with esbuild, and the only source files left out of the bundle are the
  ones the ground truth calls unreachable;
- every path, call site, endpoint and group in expected.json matches the fixture.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "dbg"
BACKEND = FIXTURE / "backend"
FRONTEND = FIXTURE / "frontend"
ESBUILD = REPO / ".tools" / "node_modules" / ".bin" / "esbuild"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text())
SETTINGS_ENV = (
    "ALERTING_BACKEND",
    "GRAFANA_URL",
    "GRAFANA_API_KEY",
    "DATABASE_URL",
    "API_V0_1_STR",
    "FEEDBACK_TYPE",
)


def run_backend(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with the fixture backend importable, from an empty
    directory (no ``.env``) and without settings leaking in from the outer environment."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV and not k.startswith("GRAFANA_")}
    clean.update(env, PYTHONPATH=str(BACKEND), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def endpoint_regex(endpoint: str) -> re.Pattern:
    method, path = endpoint.split(" ", 1)
    return re.compile(re.escape(method) + " " + re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(path)) + "$")


def served_by(method: str, path: str, endpoints: list[str]) -> list[str]:
    """Endpoints matching a concrete request (``{}`` / ``{x}`` in ``path`` stand for a segment)."""
    concrete = f"{method} " + re.sub(r"\{[^/]*\}", "x", path)
    return [e for e in endpoints if endpoint_regex(e).match(concrete)]


def request_path(url: str) -> str:
    """The full request path of a call's URL as written: `/x/${id}?q=1`, "/x", `${API_BASE}/x`,
    wsUrl(`/x`) -> /api/v0_1/x/{} (every client in the fixture is relative to API_BASE)."""
    inner = re.fullmatch(r"wsUrl\((.*)\)", url)
    text = (inner.group(1) if inner else url).strip('`"')
    text = text.removeprefix("${API_BASE}").split("?")[0]
    return "/api/v0_1" + re.sub(r"\$\{[^}]*\}", "{}", text)


# ------------------------------------------------------------------------------------------ backend


def test_backend_serves_exactly_the_expected_http_endpoints(tmp_path):
    proc = run_backend(
        """
        import json
        from app.main import app
        paths = app.openapi()["paths"]
        print(json.dumps(sorted(f"{m.upper()} {p}" for p, ops in paths.items() for m in ops)))
        """,
        tmp_path,
    )
    served = json.loads(proc.stdout)
    assert served == sorted(EXPECTED["endpoints"]["http"])
    assert len(served) == len(set(served)) == 54


def test_backend_serves_the_expected_websockets(tmp_path):
    """OpenAPI leaves WebSockets out: open each one through the ASGI app, and check that a
    wrong path is refused, so the acceptance is not a catch-all."""
    paths = [ws.split(" ", 1)[1] for ws in EXPECTED["endpoints"]["websocket"]]
    proc = run_backend(
        f"""
        import asyncio, json, re
        from app.main import app

        async def handshake(path):
            inbox = [{{"type": "websocket.connect"}}, {{"type": "websocket.disconnect", "code": 1000}}]
            sent = []
            async def receive():
                return inbox.pop(0) if inbox else {{"type": "websocket.disconnect", "code": 1000}}
            async def send(message):
                sent.append(message["type"])
            scope = {{"type": "websocket", "path": path, "raw_path": path.encode(), "query_string": b"",
                      "headers": [], "scheme": "ws", "server": ("test", 80), "client": ("test", 1),
                      "root_path": "", "subprotocols": [], "asgi": {{"version": "3.0"}}}}
            await app(scope, receive, send)
            return sent[0] if sent else None

        paths = {paths!r}
        out = {{p: asyncio.run(handshake(re.sub(r"{{[^/]*}}", "abc123", p))) for p in paths}}
        out["/api/v0_1/chat/ws-missing/abc123"] = asyncio.run(handshake("/api/v0_1/chat/ws-missing/abc123"))
        print(json.dumps(out))
        """,
        tmp_path,
    )
    result = json.loads(proc.stdout)
    for path in paths:
        assert result[path] == "websocket.accept", path
    assert result["/api/v0_1/chat/ws-missing/abc123"] == "websocket.close"


def test_every_backend_module_imports_and_every_file_compiles(tmp_path):
    proc = run_backend(
        """
        import importlib, json, pkgutil, py_compile, runpy, pathlib, app
        names = [m.name for m in pkgutil.walk_packages(app.__path__, "app.")]
        for name in names:
            importlib.import_module(name)
        backend = pathlib.Path(app.__file__).parents[1]
        for script in sorted((backend / "scripts").glob("*.py")):
            runpy.run_path(str(script), run_name="imported_by_test")  # no __main__: nothing runs
        for py in sorted(backend.rglob("*.py")):
            compile(py.read_text(), str(py), "exec")
        print(json.dumps(names))
        """,
        tmp_path,
    )
    names = json.loads(proc.stdout)
    assert "app.main" in names and "app.services.grafana.webhook_verifier" in names


def test_grafana_is_loaded_only_when_the_flag_selects_it(tmp_path):
    probe = """
        import json, runpy, pathlib, sys
        import app.main
        from app.services.alerting_service import alerting_service
        backends = [b.name for b in alerting_service.backends]
        backend = pathlib.Path(app.main.__file__).parents[1]
        for script in sorted((backend / "scripts").glob("*.py")):
            runpy.run_path(str(script), run_name="imported_by_test")
        loaded = sorted(m for m in sys.modules if m == "app.services.grafana" or m.startswith("app.services.grafana."))
        print(json.dumps({"backends": backends, "grafana": loaded}))
    """
    native = json.loads(run_backend(probe, tmp_path, ALERTING_BACKEND="native").stdout)
    assert native == {"backends": ["native"], "grafana": []}

    both = json.loads(
        run_backend(
            probe,
            tmp_path,
            ALERTING_BACKEND="both",
            GRAFANA_URL="http://grafana.invalid",
            GRAFANA_API_KEY="k",
        ).stdout
    )
    assert both["backends"] == ["native", "grafana"]
    gated = sorted(f["path"] for f in EXPECTED["findings"] if f["kind"] == "flag-gated")
    as_modules = sorted(
        "app."
        + p.removeprefix("backend/app/").removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for p in gated
    )
    assert both["grafana"] == as_modules  # the guarded import reaches every flag-gated file


def test_grafana_module_has_14_files_all_flag_gated():
    files = sorted(p.relative_to(FIXTURE).as_posix() for p in (BACKEND / "app/services/grafana").glob("*.py"))
    gated = sorted(f["path"] for f in EXPECTED["findings"] if f["kind"] == "flag-gated")
    assert files == gated and len(files) == 14
    outside = [
        p
        for p in BACKEND.rglob("*.py")
        if "grafana" not in p.parts and "app.services.grafana" in p.read_text()
    ]
    assert sorted(p.name for p in outside) == [
        "alerting_service.py",
        "check_internal_alerts.py",
        "initialize_internal_alerts.py",
    ]


# ----------------------------------------------------------------------------------------- frontend


@pytest.mark.node
def test_frontend_bundles_and_leaves_out_only_the_unreachable_files(tmp_path):
    if not ESBUILD.exists():
        pytest.skip(f"esbuild is not installed at {ESBUILD.relative_to(REPO)} (run `make tools`)")
    meta = tmp_path / "meta.json"
    proc = subprocess.run(
        [
            str(ESBUILD),
            "frontend/src/main.tsx",
            "--bundle",
            "--packages=external",
            "--loader:.tsx=tsx",
            "--tsconfig=frontend/tsconfig.json",
            "--alias:@=./frontend/src",
            f"--outfile={tmp_path / 'main.js'}",
            f"--metafile={meta}",
            "--log-level=warning",
        ],
        cwd=FIXTURE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr  # no warnings either
    inputs = set(json.loads(meta.read_text())["inputs"])
    sources = {
        p.relative_to(FIXTURE).as_posix()
        for p in (FRONTEND / "src").rglob("*")
        if p.suffix in (".ts", ".tsx")
    }
    externals = {
        i["path"]
        for v in json.loads(meta.read_text())["inputs"].values()
        for i in v["imports"]
        if i.get("external")
    }
    assert externals <= {"react", "react/jsx-runtime", "react-dom/client", "react-router-dom", "axios"}
    unreachable = {
        f["path"]
        for f in EXPECTED["findings"]
        if f["kind"] == "unreachable" and not f.get("group_member") and f["path"].startswith("frontend/")
    }
    assert sources - inputs == unreachable == {"frontend/src/utils/legacyFormatters.ts"}


def test_test_page_has_13_tabs_and_imports_the_seed_testers():
    src = (FRONTEND / "src/pages/TestPage.tsx").read_text()
    tabs = src[src.index("const TABS") : src.index("export default")]
    assert len(re.findall(r"^\s*\{ id: \"", tabs, re.M)) == 13
    dev_only = [
        f["path"] for f in EXPECTED["findings"] if f["group"] == "dev-root:frontend/src/pages/TestPage.tsx"
    ]
    for path in dev_only:
        if path.endswith("TestPage.tsx"):
            continue
        name = Path(path).stem
        assert re.search(rf"import .*\b{name}\b", src), name
        users = [
            p
            for p in (FRONTEND / "src").rglob("*.ts*")
            if p.name != "TestPage.tsx" and p.stem != name and re.search(rf"\b{name}\b", p.read_text())
        ]
        assert users == [], f"{name} must be imported only by TestPage"


# ------------------------------------------------------------------------------- the ground truth


def test_expected_json_paths_and_kinds_are_real():
    kinds = {
        "dev-only",
        "flag-gated",
        "unreachable",
        "orphan-endpoint",
        "broken-call",
        "unused-export",
        "unused-config",
    }
    for f in EXPECTED["findings"]:
        assert f["kind"] in kinds
        assert (FIXTURE / f["path"]).is_file(), f["path"]
        if f["kind"] == "unused-export":
            assert re.search(
                rf"^export (async )?function {f['symbol']}\b", (FIXTURE / f["path"]).read_text(), re.M
            )
        if f["kind"] == "unused-config":
            for path in [f["path"], *f.get("also_in", [])]:
                assert re.search(rf"^\s*{f['symbol']}\s*[:=]", (FIXTURE / path).read_text(), re.M), (
                    path,
                    f["symbol"],
                )
    fingerprints = [(f["kind"], f["path"], f["symbol"] or f["endpoint"]) for f in EXPECTED["findings"]]
    assert len(fingerprints) == len(set(fingerprints))
    for k in EXPECTED["kept"] + EXPECTED["blocked"]:
        assert (FIXTURE / k["path"]).is_file(), k["path"]
    for b in EXPECTED["blocked"]:
        for ref in b["referenced_by"]:
            assert Path(b["path"]).stem in (FIXTURE / ref).read_text(), (ref, b["path"])


def test_expected_endpoint_findings_are_served_and_the_broken_call_is_not():
    http = EXPECTED["endpoints"]["http"] + EXPECTED["endpoints"]["websocket"]
    for f in EXPECTED["findings"]:
        if f["kind"] == "orphan-endpoint":
            assert f["endpoint"] in http
            method, path = f["endpoint"].split(" ", 1)
            last = path.rstrip("/").rsplit("/", 1)[-1]
            assert last in (FIXTURE / f["path"]).read_text()
        if f["kind"] == "broken-call":
            method, path = f["endpoint"].split(" ", 1)
            assert served_by(method, path, http) == []


def test_every_client_call_is_at_its_line_and_hits_its_endpoint():
    endpoints = EXPECTED["endpoints"]["http"] + EXPECTED["endpoints"]["websocket"]
    called = set()
    for call in EXPECTED["client_calls"]:
        lines = (FIXTURE / call["file"]).read_text().splitlines()
        window = "\n".join(lines[call["line"] - 1 : call["line"] + 2])
        assert call["url"] in window, call
        if call["endpoint"] is None:
            assert call["status"] == "broken"
            continue
        assert call["endpoint"] in endpoints, call
        assert call["endpoint"] in served_by(call["method"], request_path(call["url"]), endpoints), call
        called.add(call["endpoint"])
    probed = {p["endpoint"] for p in EXPECTED["probes"]}
    deployment = (FIXTURE / "deploy/helm/dbg/templates/deployment.yaml").read_text()
    for p in EXPECTED["probes"]:
        assert f"path: {p['path']}\n" in deployment
    public = set(EXPECTED["public_endpoints"])
    orphans = {f["endpoint"] for f in EXPECTED["findings"] if f["group"] == "orphan-endpoints"}
    assert (
        set(endpoints) - called - probed - public
        == orphans
        == {"GET /api/v0_1/databases/{database_id}/export-legacy"}
    )


def test_expected_groups_match_the_config_and_the_endpoint_lists():
    config = tomllib.loads((FIXTURE / "deadcode.toml").read_text())
    configured = {g["name"]: g["remove"] for g in config["groups"]}
    for name, remove in configured.items():
        assert EXPECTED["groups"][name]["remove"] == remove
    assert {f["group"] for f in EXPECTED["findings"]} <= set(EXPECTED["groups"])
    for name in configured:
        members = {
            f["path"] for f in EXPECTED["findings"] if f["group"] == name and f["kind"] == "unreachable"
        }
        assert members == set(EXPECTED["groups"][name]["members"])
        removed = {
            f["endpoint"]
            for f in EXPECTED["findings"]
            if f["group"] == name and f["kind"] == "orphan-endpoint"
        }
        assert removed == set(EXPECTED["groups"][name]["endpoints"])
        after = EXPECTED["endpoints_after_removing"][name]
        assert set(after["http"]) == set(EXPECTED["endpoints"]["http"]) - removed
    assert len(EXPECTED["endpoints_after_removing"]["sysop-analytics"]["http"]) == 49
    keep_globs = [k["path"] for k in config["keep"]]
    for k in EXPECTED["kept"]:
        assert any(Path(k["path"]).match(g.replace("**", "*")) or k["path"] == g for g in keep_globs), k[
            "path"
        ]
    assert config["flags"] == {"ALERTING_BACKEND": "native"}


def test_alerting_backend_is_native_in_every_environment():
    sources = [
        "deploy/helm/dbg/values.yaml",
        "deploy/helm/dbg/values-staging.yaml",
        "deploy/helm/dbg/values-production.yaml",
    ]
    for path in sources:
        text = (FIXTURE / path).read_text()
        assert re.search(r"^alertingBackend: native$", text, re.M), path
        assert re.search(r'^grafanaWebhookSecret: ""$', text, re.M), path
    assert "ALERTING_BACKEND: native" in (FIXTURE / "docker-compose.yml").read_text()
    assert "ALERTING_BACKEND=native" in (FIXTURE / ".env.example").read_text()
    template = (FIXTURE / "deploy/helm/dbg/templates/deployment.yaml").read_text()
    assert re.search(r"name: GRAFANA_WEBHOOK_SECRET\n\s+value: \{\{ \.Values\.grafanaWebhookSecret", template)
    assert re.search(r"name: ALERTING_BACKEND\n\s+value: \{\{ \.Values\.alertingBackend", template)
