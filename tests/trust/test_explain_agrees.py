"""``explain`` agrees with ``scan``: its first line gives the finding's kind, confidence and group,
and every referrer of a dead file says why it does not count."""

import shutil
from pathlib import Path

from deadcode.analysis.explain import explain
from deadcode.pipeline import Options, load

DBG = Path(__file__).resolve().parents[1] / "fixtures" / "dbg"
IDIOMS = Path(__file__).resolve().parents[1] / "idioms"


def _analysis(root):
    return load(Options(root, no_cache=True, quiet=True)).analysis


def test_first_line_of_every_dbg_explanation_is_the_scan_verdict():
    a = _analysis(DBG)
    for f in a.findings:
        if f.kind not in ("unreachable", "dev-only", "flag-gated", "orphan-endpoint"):
            continue
        text = explain(a, f.endpoint or f.path).text()
        first = text.splitlines()[0]
        assert f"DEAD ({f.kind}, {f.confidence}) in group {f.group}" in first, (f.path, first)
        assert "LIVE" not in text.splitlines()[0]


def test_unsure_finding_says_why(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(IDIOMS / "openapi_document" / "repo", root)
    text = explain(_analysis(root), "GET /api/items/export").text()
    assert (
        text.splitlines()[0]
        == "GET /api/items/export: DEAD (orphan-endpoint, unsure) in group unsure:orphan-endpoints"
    )
    assert "unsure because:" in text and "the API is published: docs/openapi.yaml lists it" in text


def test_referrers_of_a_dead_file_say_why_they_do_not_count(tmp_path):
    from tests.analysis.repo import make_repo

    make_repo(
        tmp_path,
        {
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
            "backend/app/old.py": "from app import older\n",
            "backend/app/older.py": "X = 1\n",
            "backend/tests/test_older.py": "from app import older\n",
        },
    )
    text = explain(_analysis(tmp_path), "backend/app/older.py").text()
    assert "nearest referrers (none of them counts):" in text
    assert "backend/app/old.py:1 imports app (older): its source is dead too (unreachable)" in text
    assert "backend/tests/test_older.py:1 imports app (older): test code" in text
