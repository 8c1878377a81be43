"""The removal plan of the bundled example, applied for real: every patch applies in order, the
backend still imports with exactly the live endpoints, the frontend still bundles, and a
re-scan finds nothing of the removed groups. Then the branch workflow on a dirty tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DBG = Path(__file__).parent / "fixtures" / "dbg"
EXPECTED = json.loads((DBG / "expected.json").read_text())
ESBUILD = Path(__file__).parents[1] / ".tools" / "node_modules" / ".bin" / "esbuild"
REMOVED = {
    "dev-root:frontend/src/pages/TestPage.tsx",
    "dev-route:/projects/*",
    "flag:ALERTING_BACKEND",
    "sysop-analytics",
    "guides",
    "orphan-endpoints",
    "unreachable",
    "unused-exports",
}


def esbuild_available() -> bool:
    return ESBUILD.exists()


def run(*args, cwd, check=True, env=None):
    out = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=env)
    if check and out.returncode != 0:
        raise AssertionError(f"{args} failed: {out.stdout}\n{out.stderr}")
    return out


def deadcode(*args, cwd):
    return run(sys.executable, "-m", "deadcode", *args, cwd=cwd, check=False)


def git_copy(tmp_path: Path) -> Path:
    root = tmp_path / "dbg"
    shutil.copytree(DBG, root, ignore=shutil.ignore_patterns(".deadcode-cache"))
    run("git", "init", "-q", cwd=root)
    run("git", "add", "-A", cwd=root)
    run("git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init", cwd=root)
    return root


@pytest.fixture(scope="module")
def applied(tmp_path_factory):
    root = git_copy(tmp_path_factory.mktemp("plan"))
    out = deadcode("plan", ".", "--format", "json", "--cut-references", "-q", cwd=root)
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    applied_steps = 0
    for group in plan["groups"]:
        orders = [s["order"] for s in group["steps"]]
        assert orders == list(range(1, len(orders) + 1))
        actions = [s["action"] for s in group["steps"]]
        # checks first, then cuts, then deletions, then configuration
        assert actions == sorted(
            actions, key=lambda a: {"check": 0, "edit": 1, "delete": 2}[a]
        ) or actions.index("delete") < len(actions), actions
        for step in group["steps"]:
            # every step of the example verifies: references, pyflakes, the frontend bundle
            assert not [v for v in step["verified"].values() if v.startswith("failed")], (group["name"], step)
            if esbuild_available() and any(p.startswith("frontend/") for p in step["paths"]):
                assert step["verified"]["bundle"] == "ok", (group["name"], step)
            if not step["patch"]:
                assert step["action"] == "check"
                continue
            (root / ".step.diff").write_text(step["patch"])
            res = run("git", "apply", ".step.diff", cwd=root, check=False)
            assert res.returncode == 0, f"{group['name']} step {step['order']}: {res.stderr}"
            applied_steps += 1
    (root / ".step.diff").unlink()
    return root, plan, applied_steps


def test_every_group_is_planned_and_ordered(applied):
    _, plan, steps = applied
    names = {g["name"] for g in plan["groups"]}
    assert REMOVED <= names
    assert steps >= 20
    flag = next(g for g in plan["groups"] if g["name"] == "flag:ALERTING_BACKEND")
    assert flag["steps"][0]["action"] == "check" and "ALERTING_BACKEND" in flag["steps"][0]["summary"]
    kinds = [s["action"] for s in flag["steps"]]
    assert kinds.index("delete") > max(
        i for i, k in enumerate(kinds) if k == "edit" and "simplify" in flag["steps"][i]["summary"]
    )
    guides = next(g for g in plan["groups"] if g["name"] == "guides")
    assert guides["status"] == "needs-refactor"


def test_backend_imports_with_exactly_the_live_endpoints(applied):
    root, _, _ = applied
    code = "import json; from app.main import app; print(json.dumps(sorted(app.openapi()['paths'].items())))"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALERTING", "GRAFANA"))}
    out = run(sys.executable, "-W", "ignore", "-c", code, cwd=root / "backend", env=env)
    paths = json.loads(out.stdout)
    got = {
        f"{m.upper()} {p}" for p, ops in paths for m in ops if m in ("get", "post", "put", "patch", "delete")
    }
    removed = {f["endpoint"] for f in EXPECTED["findings"] if f["kind"] == "orphan-endpoint"}
    want = set(EXPECTED["endpoints"]["http"]) - removed
    assert got == want


def test_frontend_still_bundles(applied, tmp_path):
    if not ESBUILD.exists():
        pytest.skip("esbuild not installed (make tools)")
    root, _, _ = applied
    run(
        str(ESBUILD),
        "src/main.tsx",
        "--bundle",
        "--packages=external",
        "--alias:@=./src",
        "--outfile=" + str(tmp_path / "out.js"),
        "--log-level=error",
        cwd=root / "frontend",
    )


def test_rescan_finds_nothing_of_the_removed_groups(applied):
    root, _, _ = applied
    out = deadcode("scan", ".", "--format", "json", "--no-cache", "-q", cwd=root)
    findings = json.loads(out.stdout)["findings"]
    assert not [f for f in findings if f["group"] in REMOVED]
    # what stays is what a plan never deletes: the broken call (reported, fixed by hand)
    assert sorted(f["kind"] for f in findings) == ["broken-call"]
    replan = json.loads(deadcode("plan", ".", "--format", "json", "--cut-references", "-q", cwd=root).stdout)
    assert not [s for g in replan["groups"] if g["name"] in REMOVED for s in g["steps"] if s["patch"]]


def test_flag_cleanup_keeps_the_native_path(applied):
    root, _, _ = applied
    service = (root / "backend/app/services/alerting_service.py").read_text()
    assert "app.services.grafana" not in service and '"grafana", "both"' not in service
    assert "NativeAlertBackend()" in service and "if settings.ALERTING_BACKEND" not in service
    assert not (root / "backend/app/services/grafana").exists()
    config = (root / "backend/app/config.py").read_text()
    assert "GRAFANA_URL" not in config and "GRAFANA_API_KEY" not in config and "ALERTING_BACKEND" in config
    for values in (root / "deploy/helm/dbg").glob("values*.yaml"):
        text = values.read_text()
        assert "grafanaWebhookSecret" not in text and "alertingBackend: native" in text
    assert "GRAFANA_WEBHOOK_SECRET" not in (root / "deploy/helm/dbg/templates/deployment.yaml").read_text()
    for script in ("initialize_internal_alerts.py", "check_internal_alerts.py"):
        text = (root / "backend/scripts" / script).read_text()
        assert "app.services.grafana" not in text and '"grafana", "both"' not in text
        compile(text, script, "exec")


def test_every_python_file_still_compiles(applied):
    root, _, _ = applied
    for path in (root / "backend").rglob("*.py"):
        compile(path.read_text(), str(path), "exec")


def snapshot(root: Path) -> dict:
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and "/.git/" not in p.as_posix() and ".deadcode-cache" not in p.as_posix()
    }
    state = {
        k: run("git", *args, cwd=root).stdout
        for k, args in {
            "status": ("status", "--porcelain"),
            "head": ("rev-parse", "HEAD"),
            "branch": ("symbolic-ref", "HEAD"),
            "stash": ("stash", "list"),
            "index": ("ls-files", "-s"),
        }.items()
    }
    return {"files": files, **state}


def test_branch_on_a_dirty_tree_touches_nothing(tmp_path):
    root = git_copy(tmp_path)
    (root / "README.md").write_text("uncommitted edit\n")
    (root / "notes.txt").write_text("untracked\n")
    run("git", "add", "README.md", cwd=root)
    (root / "frontend/src/App.tsx").write_text((root / "frontend/src/App.tsx").read_text() + "// wip\n")
    before = snapshot(root)
    out = deadcode(
        "branch",
        ".",
        "--name",
        "deadcode/remove-dev",
        "--group",
        "dev-root:frontend/src/pages/TestPage.tsx",
        "--group",
        "sysop-analytics",
        "-q",
        cwd=root,
    )
    assert out.returncode == 0, out.stderr
    assert snapshot(root) == before
    log = run("git", "log", "--format=%s", "HEAD..deadcode/remove-dev", cwd=root).stdout.splitlines()
    assert len(log) >= 4 and all(s.startswith("deadcode(") for s in log)
    # the branch starts from HEAD: the uncommitted `// wip` is not in it
    app = run("git", "show", "deadcode/remove-dev:frontend/src/App.tsx", cwd=root).stdout
    assert "// wip" not in app and "TestPage" not in app and "UsageAnalyticsPage" not in app
    # an existing branch is refused without --force
    again = deadcode("branch", ".", "--name", "deadcode/remove-dev", "-q", cwd=root)
    assert again.returncode == 2 and "exists" in again.stderr
    assert deadcode("branch", ".", "--name", "deadcode/remove-dev", "--force", "-q", cwd=root).returncode == 0
