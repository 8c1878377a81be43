"""The bundled example against its written ground truth (tests/fixtures/dbg/expected.json),
through the CLI, as users and CI scripts see it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DBG = Path(__file__).parent / "fixtures" / "dbg"
EXPECTED = json.loads((DBG / "expected.json").read_text())
NODE_KINDS = {"file", "symbol", "route", "endpoint", "call", "setting", "helm-value", "env"}
EDGE_KINDS = {"import", "lazy-import", "reexport", "route", "calls", "handles", "probe", "reads", "gated"}


def deadcode(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "deadcode", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


@pytest.fixture(scope="module")
def scan_json():
    out = deadcode("scan", str(DBG), "--format", "json", "--no-cache", "--quiet")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _key(f):
    return (f["kind"], f["path"], f.get("symbol"), f.get("endpoint"), f["group"])


def test_findings_are_exactly_the_ground_truth(scan_json):
    got = sorted(map(_key, scan_json["findings"]), key=str)
    want = sorted(map(_key, EXPECTED["findings"]), key=str)
    assert got == want


def test_blocked_and_kept_are_exactly_the_ground_truth(scan_json):
    assert scan_json["blocked"] == EXPECTED["blocked"]
    assert sorted(scan_json["kept"], key=lambda k: k["path"]) == sorted(
        EXPECTED["kept"], key=lambda k: k["path"]
    )


def test_seed_inventory(scan_json):
    """The hand-written "Code to Remove" inventory of the seed, item by item."""
    by_group: dict[str, set] = {}
    for f in scan_json["findings"]:
        by_group.setdefault(f["group"], set()).add((f["kind"], f["endpoint"] or f["symbol"] or f["path"]))
    testing = {
        f"frontend/src/components/features/testing/{n}.tsx"
        for n in (
            "FaviconTester",
            "StreamingChatComponent",
            "RagAgentTest",
            "QueryPerformanceTest",
            "QueryOptimizationArtifactTest",
            "ClusterManagementTester",
        )
    } | {"frontend/src/pages/AllPlaybooksPageTest.tsx"}
    assert {("dev-only", p) for p in testing} <= by_group["dev-root:frontend/src/pages/TestPage.tsx"]
    assert {
        ("dev-only", "frontend/src/pages/CreateProjectPage.tsx"),
        ("dev-only", "frontend/src/pages/ProjectDetailPage.tsx"),
    } <= by_group["dev-route:/projects/*"]
    grafana = {k for k in by_group["flag:ALERTING_BACKEND"] if k[0] == "flag-gated"}
    assert len(grafana) == 14 and all(p.startswith("backend/app/services/grafana/") for _, p in grafana)
    assert {
        ("unused-config", s) for s in ("GRAFANA_URL", "GRAFANA_API_KEY", "grafanaWebhookSecret")
    } <= by_group["flag:ALERTING_BACKEND"]
    sysop = by_group["sysop-analytics"]
    for page in ("MetricsExporterManagementPage", "UsageAnalyticsPage", "AIFeedbackAnalyticsPage"):
        assert ("unreachable", f"frontend/src/pages/sysop/{page}.tsx") in sysop
    for comp in ("ExporterStatsCard", "HealthDistributionChart", "ExportersByTenantTable"):
        assert ("unreachable", f"frontend/src/components/sysop/{comp}.tsx") in sysop
    assert ("unreachable", "frontend/src/hooks/useSysopAIFeedback.ts") in sysop
    assert {e for k, e in sysop if k == "orphan-endpoint"} == {
        "GET /api/v0_1/sysop/exporters",
        "GET /api/v0_1/sysop/exporters/stats",
        "GET /api/v0_1/chat-admin/analytics/votes",
        "GET /api/v0_1/chat-admin/analytics/popular-messages",
        "GET /api/v0_1/chat-admin/stats/chat-sessions",
    }


def test_no_live_lookalike_in_any_finding(scan_json):
    flagged = {
        f["path"] for f in scan_json["findings"] if f["kind"] in ("dev-only", "flag-gated", "unreachable")
    }
    live = {x["path"] for x in EXPECTED["live_lookalikes"] if "path" in x}
    assert not flagged & live
    orphaned = {f["endpoint"] for f in scan_json["findings"] if f["kind"] == "orphan-endpoint"}
    remaining = {
        f"{e['method']} {e['path']}" if isinstance(e, dict) else e
        for e in EXPECTED["endpoints_after_removing"]["sysop-analytics"]
    }
    # an endpoint that survives the sysop removal is orphaned only when the ground truth says so
    expected_orphans = {f["endpoint"] for f in EXPECTED["findings"] if f["kind"] == "orphan-endpoint"}
    assert (orphaned & remaining) <= expected_orphans


def test_every_finding_has_concrete_evidence(scan_json):
    for f in scan_json["findings"]:
        assert f["evidence"], f
        assert f["reason"]
        if f["kind"] == "flag-gated":
            assert any(e.startswith("flag ALERTING_BACKEND:") and "values" in e for e in f["evidence"])
            assert any('ALERTING_BACKEND in ["grafana", "both"]' in e for e in f["evidence"])
        elif f["kind"] in ("dev-only", "orphan-endpoint", "broken-call"):
            assert any(
                ":" in e and e.split(":", 1)[0].endswith((".py", ".ts", ".tsx")) for e in f["evidence"]
            ), f


def test_scan_json_follows_the_contract(scan_json):
    assert scan_json["version"] == 1
    assert set(scan_json) >= {"version", "root", "findings", "blocked", "kept", "stats"}
    assert set(scan_json["stats"]) >= {
        "files",
        "python_files",
        "ts_files",
        "endpoints",
        "client_calls",
        "seconds",
    }
    assert scan_json["stats"]["endpoints"] == 55
    for f in scan_json["findings"]:
        assert set(f) >= {"kind", "path", "symbol", "endpoint", "group", "reason", "evidence"}
        assert "\\" not in f["path"]


def test_graph_json_follows_the_contract():
    out = deadcode("graph", str(DBG), "--format", "json", "--quiet")
    assert out.returncode == 0, out.stderr
    g = json.loads(out.stdout)
    assert g["version"] == 1
    ids = {n["id"] for n in g["nodes"]}
    assert {n["kind"] for n in g["nodes"]} <= NODE_KINDS
    for e in g["edges"]:
        assert set(e) == {"source", "target", "kind", "condition", "dev", "at"}
        assert e["kind"] in EDGE_KINDS and e["source"] in ids and e["target"] in ids
    gated = [e for e in g["edges"] if e["condition"]]
    assert any(
        e["condition"] == 'ALERTING_BACKEND in ["grafana", "both"]' and "grafana" in e["target"]
        for e in gated
    )
    assert "endpoint:GET /api/v0_1/sysop/exporters" in ids and "route:/test" in ids


@pytest.mark.parametrize("fmt,marker", [("dot", "digraph deadcode"), ("mermaid", "flowchart LR")])
def test_graph_other_formats_and_focus(fmt, marker):
    out = deadcode(
        "graph", str(DBG), "--format", fmt, "--focus", "frontend/src/pages/TestPage.tsx", "--quiet"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(marker)
    assert "FaviconTester" in out.stdout and "UsageAnalyticsPage" not in out.stdout


def test_explain_testing_component_through_test_route():
    out = deadcode("explain", "frontend/src/components/features/testing/FaviconTester.tsx", str(DBG), "-q")
    assert out.returncode == 0
    text = out.stdout
    assert "DEAD (dev-only, certain)" in text and "route /test" in text
    assert "frontend/src/pages/TestPage.tsx:" in text and "(FaviconTester)" in text


def test_explain_grafana_file_through_guarded_import():
    out = deadcode("explain", "backend/app/services/grafana/client.py", str(DBG), "-q")
    assert "DEAD (flag-gated, certain)" in out.stdout
    assert 'when ALERTING_BACKEND in ["grafana", "both"]' in out.stdout


def test_explain_sysop_endpoint_through_the_page_that_calls_it():
    out = deadcode("explain", "GET /api/v0_1/sysop/exporters", str(DBG), "-q")
    assert "MetricsExporterManagementPage" in out.stdout and "sysop.ts" in out.stdout
    assert "orphan-endpoint in group sysop-analytics" in out.stdout


def test_explain_unknown_target_exits_2():
    out = deadcode("explain", "no/such/file.py", str(DBG), "-q")
    assert out.returncode == 2 and "not found" in out.stdout


@pytest.fixture()
def dbg_copy(tmp_path):
    root = tmp_path / "dbg"
    shutil.copytree(DBG, root, ignore=shutil.ignore_patterns(".deadcode-cache"))
    return root


def test_check_baseline_flow(dbg_copy):
    base = dbg_copy / "baseline.json"
    first = deadcode("check", str(dbg_copy), "--baseline", str(base), "-q")
    assert first.returncode == 1 and "new dev-only" in first.stdout
    upd = deadcode("check", str(dbg_copy), "--baseline", str(base), "--update-baseline", "-q")
    assert upd.returncode == 0 and base.exists()
    clean = deadcode("check", str(dbg_copy), "--baseline", str(base), "-q")
    assert clean.returncode == 0, clean.stdout
    # a new dead file fails
    (dbg_copy / "frontend/src/utils/newDead.ts").write_text("export const x = 1;\n")
    new = deadcode("check", str(dbg_copy), "--baseline", str(base), "-q")
    assert new.returncode == 1 and "frontend/src/utils/newDead.ts" in new.stdout
    (dbg_copy / "frontend/src/utils/newDead.ts").unlink()
    # swapping one dead export for another still fails: fingerprints are per finding
    fmt = dbg_copy / "frontend/src/utils/format.ts"
    fmt.write_text(fmt.read_text().replace("formatRelativeTime", "formatRelativeTimeV2"))
    swapped = deadcode("check", str(dbg_copy), "--baseline", str(base), "-q")
    assert swapped.returncode == 1 and "formatRelativeTimeV2" in swapped.stdout
    assert "1 baseline findings are gone" in swapped.stdout
    assert (
        deadcode("check", str(dbg_copy), "--baseline", str(base), "--update-baseline", "-q").returncode == 0
    )
    assert deadcode("check", str(dbg_copy), "--baseline", str(base), "-q").returncode == 0


def test_check_emits_github_annotations(dbg_copy):
    import os

    env = dict(os.environ, GITHUB_ACTIONS="true")
    out = deadcode("check", str(dbg_copy), "--baseline", str(dbg_copy / "none.json"), "-q", env=env)
    assert out.returncode == 1
    # not a git repository: paths are relative to ROOT; certain findings are errors by default
    assert "::error file=frontend/src/pages/TestPage.tsx,line=1,title=deadcode dev-only::" in out.stdout
    assert out.stdout.count("::error ") == 10 and "52 more new findings are not annotated" in out.stdout
    warn = deadcode(
        "check",
        str(dbg_copy),
        "--baseline",
        str(dbg_copy / "none.json"),
        "-q",
        "--annotations",
        "warning",
        env=env,
    )
    assert warn.returncode == 1 and warn.stdout.count("::warning ") == 10 and "::error" not in warn.stdout
    off = deadcode(
        "check",
        str(dbg_copy),
        "--baseline",
        str(dbg_copy / "none.json"),
        "-q",
        "--annotations",
        "off",
        env=env,
    )
    assert off.returncode == 1 and "::" not in off.stdout


def test_sarif_is_valid_2_1_0():
    out = deadcode("scan", str(DBG), "--format", "sarif", "-q")
    doc = json.loads(out.stdout)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(run["results"]) == len(EXPECTED["findings"])
    for r in run["results"]:
        assert r["ruleId"] in rule_ids and run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["region"]["startLine"] >= 1 and not loc["artifactLocation"]["uri"].startswith("/")
