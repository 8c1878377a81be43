"""Issue 9 section 1: a file a live file imports at module level is live; a file only a removed
handler uses dies WITH that handler's group, and the planner cuts the import in the same group."""

from deadcode.plan.planner import build_plan
from tests.analysis.repo import make_repo, scan

ITEMS = """
from fastapi import APIRouter
from app import helpers_only
from app import schemas_legacy

router = APIRouter()

def _helper():
    return helpers_only.X

@router.get("/{item_id}")
def get_item(item_id: int):
    return _helper()

@router.get("/legacy/export")
def legacy_export():
    return schemas_legacy.Y
"""

APP = """
import { api } from "@/api/client";
export default function App() { api.get(`/items/${1}`); return null; }
"""


def _repo(tmp_path):
    return make_repo(
        tmp_path,
        {
            "backend/app/api/items.py": ITEMS,
            "backend/app/helpers_only.py": "X = 1\n",
            "backend/app/schemas_legacy.py": "Y = 2\n",
            "frontend/src/App.tsx": APP,
        },
    )


def test_module_used_by_a_helper_of_a_live_handler_is_live(tmp_path):
    _, a = scan(_repo(tmp_path))
    assert "backend/app/helpers_only.py" not in {f.path for f in a.findings}


def test_module_only_an_orphan_handler_uses_dies_with_its_group_not_unreachable(tmp_path):
    _, a = scan(_repo(tmp_path))
    f = next(f for f in a.findings if f.path == "backend/app/schemas_legacy.py")
    assert f.group == "orphan-endpoints"
    assert f.reason == "dies with group orphan-endpoints: only legacy_export() uses it"
    assert any("items.py:3" in e and "legacy_export()" in e for e in f.evidence)
    orphan = next(f for f in a.findings if f.kind == "orphan-endpoint")
    assert orphan.endpoint == "GET /api/items/legacy/export" and orphan.group == "orphan-endpoints"
    assert not [f for f in a.findings if f.group == "unreachable"]


def test_plan_cuts_the_import_in_the_same_group_before_deleting(tmp_path):
    _, a = scan(_repo(tmp_path))
    plan = next(p for p in build_plan(a, ["orphan-endpoints"]) if p.name == "orphan-endpoints")
    edit = next(s for s in plan.steps if s.action == "edit")
    delete = next(s for s in plan.steps if s.action == "delete")
    assert edit.order < delete.order
    assert "-from app import schemas_legacy" in edit.patch
    assert "-def legacy_export():" in edit.patch
    assert "from app import helpers_only" not in edit.patch.replace(" from app import helpers_only", "")
    assert delete.paths == ["backend/app/schemas_legacy.py"]


def test_a_handler_left_in_the_tree_keeps_its_imports_for_a_configured_group(tmp_path):
    """A configured group that removes one handler must not take a module another handler, even
    an orphan one, still imports: the planner would leave that import dangling."""
    root = make_repo(
        tmp_path,
        {
            "backend/app/api/items.py": ITEMS.replace(
                "return schemas_legacy.Y", "return schemas_legacy.Y, helpers_only.X"
            ),
            "backend/app/helpers_only.py": "X = 1\n",
            "backend/app/schemas_legacy.py": "Y = 2\n",
            "frontend/src/App.tsx": APP,
        },
        config="""
        [[groups]]
        name = "items"
        remove = ["endpoint:GET /api/items/{item_id}"]
        """,
    )
    _, a = scan(root)
    members = {f.path for f in a.findings if f.group == "items"}
    assert "backend/app/helpers_only.py" not in members
