"""Smoke test of the benchmark generator: a 100-file repo has the promised shape.

The benchmark itself (tests/bench/run.py) is not a test: `make bench` runs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.generate import generate

REPO = Path(__file__).resolve().parents[2]
ESBUILD = REPO / ".tools" / "node_modules" / ".bin" / "esbuild"


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench100")
    return root, generate(root, 100, seed=0)


def _sources(root: Path, *exts: str) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in exts)


def test_counts_match_the_manifest(small_repo):
    root, manifest = small_repo
    py, ts = _sources(root, ".py"), _sources(root, ".ts", ".tsx")
    assert (manifest["files"], manifest["python_files"], manifest["ts_files"]) == (100, 50, 50)
    assert (len(py), len(ts)) == (50, 50)
    assert manifest["tsx_files"] == len(_sources(root, ".tsx"))
    assert all((root / p).is_file() for p in manifest["config_files"])


def test_python_compiles_and_tsx_is_not_empty(small_repo):
    root, _ = small_repo
    for path in _sources(root, ".py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    for path in _sources(root, ".ts", ".tsx"):
        assert path.read_text(encoding="utf-8").strip(), path


def test_the_app_shape_is_there(small_repo):
    root, manifest = small_repo
    assert "FastAPI(" in (root / "backend/app/main.py").read_text()
    config = (root / "backend/app/config.py").read_text()
    for flag, value in manifest["flags"].items():
        assert (f'{flag}: str = "native"' if value == "native" else f"{flag}: bool = False") in config
    assert 'APIRouter(prefix="/api/v1")' in (root / "backend/app/api/router.py").read_text()
    assert '<Route path="/test"' in (root / "frontend/src/App.tsx").read_text()
    assert 'baseURL: "/api/v1"' in (root / "frontend/src/api/client.ts").read_text()
    assert json.loads((root / "frontend/tsconfig.json").read_text())["compilerOptions"]["paths"] == {
        "@/*": ["src/*"]
    }
    assert json.loads((root / "frontend/knip.json").read_text())["entry"] == ["src/main.tsx"]
    barrels = list((root / "frontend/src/components").glob("*/index.ts"))
    assert barrels and all("export * from" in b.read_text() for b in barrels)
    assert (root / manifest["touch_file"]).is_file()


def test_every_kind_of_dead_code_is_planted_and_exists(small_repo):
    root, manifest = small_repo
    for kind, planted in manifest["expected"].items():
        assert planted, kind
        assert manifest["dead"][kind] == len(planted)
        for item in planted:
            assert (root / item["path"]).is_file(), item
            if "symbol" in item:
                assert item["symbol"] in (root / item["path"]).read_text(), item
    tsx_dead = {e["path"] for e in manifest["expected"]["dev-only"]}
    assert "frontend/src/pages/TestPage.tsx" in tsx_dead


def test_deterministic_by_seed(tmp_path, small_repo):
    root, manifest = small_repo
    again = generate(tmp_path / "again", 100, seed=0)
    assert again == manifest
    for path in _sources(root, ".py", ".ts", ".tsx"):
        assert (tmp_path / "again" / path.relative_to(root)).read_text() == path.read_text()
    other = generate(tmp_path / "other", 100, seed=1)
    assert other["touch_file"] != manifest["touch_file"] or other["expected"] != manifest["expected"]


def test_backend_is_a_real_fastapi_app(small_repo):
    pytest.importorskip("fastapi")
    pytest.importorskip("pydantic_settings")
    root, manifest = small_repo
    code = "import json; from app.main import app; print(json.dumps(sorted(app.openapi()['paths'])))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root / "backend", capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    paths = json.loads(out.stdout)
    for item in manifest["expected"]["orphan-endpoint"]:
        assert item["endpoint"].split(" ", 1)[1] in paths
    for item in manifest["expected"]["broken-call"]:
        assert item["endpoint"].split(" ", 1)[1].replace("{}", "{item_id}") not in paths


@pytest.mark.node
def test_frontend_parses_with_esbuild(small_repo, tmp_path):
    if not ESBUILD.exists() or shutil.which("node") is None:
        pytest.skip("esbuild not installed (make tools)")
    root, _ = small_repo
    sources = [str(p) for p in _sources(root / "frontend/src", ".ts", ".tsx")]
    out = subprocess.run(
        [str(ESBUILD), *sources, f"--outdir={tmp_path}", "--log-level=error"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
