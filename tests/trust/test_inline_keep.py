"""Inline keep markers: listed under kept with reason and file:line; a marker without a reason
still keeps, with a warning; the kept handler's endpoint is named."""

import shutil
from pathlib import Path

from deadcode.pipeline import Options, load

REPO = Path(__file__).resolve().parents[1] / "idioms" / "inline_keep" / "repo"


def test_kept_items_name_their_marker_and_the_reasonless_one_warns(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root)
    loaded = load(Options(root, no_cache=True, quiet=True))
    v = loaded.verdicts()
    by_marker = {k["marker"]: k for k in v.kept}
    assert by_marker["backend/app/api/items.py:12"]["endpoint"] == "GET /api/items/export"
    assert (
        by_marker["backend/app/api/items.py:12"]["reason"] == "called by the billing service's nightly export"
    )
    assert by_marker["backend/app/ops_tool.py:2"]["path"] == "backend/app/ops_tool.py"
    assert by_marker["frontend/src/format.ts:2"]["symbol"] == "formatMoney"
    assert any("frontend/src/Widget.tsx:1: `deadcode: keep` without a reason" in w for w in loaded.warnings)
    # what a kept handler imports stays live
    assert "backend/app/exporters.py" not in {f.path for f in v.findings}
