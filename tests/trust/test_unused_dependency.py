"""unused-dependency: what only dead code imports goes with that code's group; a flag group
takes the library its gated code alone imports."""

import shutil
from pathlib import Path

from deadcode.pipeline import Options, load
from tests.analysis.repo import make_repo, scan

REPO = Path(__file__).resolve().parents[1] / "idioms" / "unused_dependency" / "repo"


def test_dependency_of_dead_code_joins_its_group(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root)
    v = load(Options(root, no_cache=True, quiet=True)).verdicts()
    dep = next(f for f in v.findings if f.kind == "unused-dependency" and f.symbol == "reportlab")
    assert dep.group == "unreachable" and dep.line == 4
    assert "imported only by dead code: backend/app/old_report.py" in dep.evidence
    plain = next(f for f in v.findings if f.kind == "unused-dependency" and f.symbol == "requests")
    assert plain.group == "unused-dependencies"


def test_flag_group_takes_the_library_only_gated_code_imports(tmp_path):
    make_repo(
        tmp_path,
        {
            "backend/requirements.txt": "fastapi\ngrafana-client>=4\n",
            "backend/app/main.py": """
            from fastapi import FastAPI
            from app.config import settings
            from app.api import items

            app = FastAPI()
            app.include_router(items.router, prefix=settings.API_PREFIX + "/items")
            if settings.ALERTING_BACKEND == "grafana":
                from app import grafana_alerts  # noqa: F401
            """,
            "backend/app/grafana_alerts.py": "import grafana_client\n\nCLIENT = grafana_client.GrafanaApi\n",
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
        },
        config='[flags]\nALERTING_BACKEND = "native"\n',
    )
    _, a = scan(tmp_path)
    dep = next(f for f in a.findings if f.kind == "unused-dependency")
    assert (dep.symbol, dep.group) == ("grafana-client", "flag:ALERTING_BACKEND")


def test_plan_removes_dependencies_with_their_group_and_leaves_unsure_ones_unplanned(tmp_path):
    from deadcode.plan.planner import build_plan

    root = tmp_path / "repo"
    shutil.copytree(REPO, root)
    a = load(Options(root, no_cache=True, quiet=True)).analysis
    plans = {p.name: p for p in build_plan(a)}
    dep_step = next(s for s in plans["unused-dependencies"].steps if "backend/requirements.txt" in s.paths)
    assert "-requests>=2" in dep_step.patch and "-left-pad-py" not in dep_step.patch
    assert any("-reportlab>=4" in s.patch for s in plans["unreachable"].steps)
    unsure = plans["unsure:unused-dependencies"]
    assert unsure.status == "needs-review" and not unsure.steps
    named = {p.name: p for p in build_plan(a, ["unsure:unused-dependencies"])}
    assert any("-left-pad-py>=1.0" in s.patch for s in named["unsure:unused-dependencies"].steps)


def test_a_peer_dependency_a_framework_imports_is_never_certain(tmp_path):
    """Docusaurus' theme imports @mdx-js/react, which the site must declare: no file of the site
    imports it, so it is unsure, while a plain unused package beside it is certain."""
    make_repo(
        tmp_path,
        {
            "backend/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "frontend/package.json": '{"name": "web", "dependencies": {"@mdx-js/react": "^3", "left-pad": "1"}}',
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
        },
    )
    _, a = scan(tmp_path)
    conf = {f.symbol: f.confidence for f in a.findings if f.kind == "unused-dependency"}
    assert conf == {"@mdx-js/react": "unsure", "left-pad": "certain"}


def test_a_dependency_stays_while_the_file_importing_it_is_kept(tmp_path):
    """The group's only importer of focus-trap-react is kept (a story still imports it): the
    manifest keeps the dependency too, or the kept file would no longer build."""
    from deadcode.plan.planner import build_plan

    make_repo(
        tmp_path,
        {
            "ui/package.json": '{"name": "@acme/ui", "main": "index.ts", "dependencies": {"focus-trap-react": "^10"}}',
            "ui/index.ts": 'export { Button } from "./components/Button";\n',
            "ui/components/Button.tsx": "export function Button() { return <button />; }\n",
            "ui/components/dialog/Dialog.tsx": 'import { FocusTrap } from "focus-trap-react";\n'
            "export function Dialog() { return <FocusTrap><div /></FocusTrap>; }\n",
            "ui/components/dialog/Dialog.stories.tsx": 'import { Dialog } from "./Dialog";\nimport { Button } from "../Button";\n'
            "export const Basic = { render: () => <><Dialog /><Button /></> };\n",
        },
    )
    _, a = scan(tmp_path)
    dep = next(f for f in a.findings if f.kind == "unused-dependency")
    assert dep.group == "unreachable" and dep.importers == ("ui/components/dialog/Dialog.tsx",)
    plan = {p.name: p for p in build_plan(a)}["unreachable"]
    assert any("kept ui/components/dialog/Dialog.tsx" in n for n in plan.notes)
    assert not any("ui/package.json" in s.paths for s in plan.steps)


def test_a_py_prefixed_distribution_is_found_by_its_import_name(tmp_path):
    """pybase62 is imported as base62 (not installed here, no table entry): the live import
    keeps it; an unknown py-prefixed package nothing imports is only a guess, so unsure."""
    make_repo(
        tmp_path,
        {
            "backend/requirements.txt": "fastapi\npybase62>=1\npyfrobnicate>=1\n",
            "backend/app/main.py": "import base62\nfrom fastapi import FastAPI\n\napp = FastAPI()\nKEY = base62.encode(7)\n",
            "frontend/src/App.tsx": "export default function App() { return null; }\n",
        },
    )
    _, a = scan(tmp_path)
    conf = {f.symbol: f.confidence for f in a.findings if f.kind == "unused-dependency"}
    assert "pybase62" not in conf and conf.get("pyfrobnicate") == "unsure"
