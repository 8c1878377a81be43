"""Issue 14, bad input must never turn into a deletion.

Each case plants one kind of input deadcode cannot read fully into a small live app, then
checks through the command line that: the run goes on (warning, no traceback), the findings it
could affect are ``unsure``, ``stats.files_unreadable`` counts the file, and the removal branch
deletes no live file."""

from __future__ import annotations

import json

import pytest

from tests.hazards.repo import (
    APP,
    DEAD,
    LIVE,
    assert_no_traceback,
    assert_one_line_error,
    branch_deletions,
    git,
    make_app,
    run,
    write,
)

HOME = APP["frontend/src/pages/Home.tsx"]
ITEMS = APP["backend/app/api/items.py"]
DEEP_DEFAULT = "class Settings(BaseSettings):\n    X: int = " + "(" * 3000 + "1" + ")" * 3000 + "\n"

CASES = {
    # a live page that is not UTF-8: parsed with the bad bytes replaced
    "latin1-tsx": {"frontend/src/pages/Home.tsx": (HOME + "// caf\xe9\n").encode("latin-1")},
    # a live page saved as UTF-16: scanned as bytes for imports and URLs
    "utf16-tsx": {"frontend/src/pages/Home.tsx": ("\ufeff" + HOME).encode("utf-16-le")},
    # binary bytes in a live page
    "binary-tsx": {"frontend/src/pages/Home.tsx": b"\x00\x01" + HOME.encode()},
    # a live page over the size limit
    "huge-tsx": {"frontend/src/pages/Home.tsx": HOME + "// " + "x" * (2 * 1024 * 1024 + 10) + "\n"},
    # a live router too deeply nested for the reader: its import of the service must stay
    "deep-py": {
        "backend/app/api/items.py": "from pydantic_settings import BaseSettings\n" + ITEMS + DEEP_DEFAULT
    },
    "latin1-py": {"backend/app/api/items.py": (ITEMS + "# caf\xe9\n").encode("latin-1")},
    # config files the resolver cannot read
    "invalid-tsconfig": {"frontend/tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["src/*"]}'},
    "deep-tsconfig": {"frontend/tsconfig.json": "[" * 5000 + "]" * 5000},
    "deep-tsconfig-base": {
        "frontend/tsconfig.json": '{"extends": "./tsconfig.base.json"}',
        "frontend/tsconfig.base.json": "[" * 5000 + "]" * 5000,
    },
    "invalid-package-json": {"frontend/package.json": '{"name": "web",'},
    "deep-package-json": {"frontend/package.json": "[" * 5000 + "]" * 5000},
    "binary-package-json": {"frontend/package.json": b"\xff\xfe\x00\x01"},
}


def _scan(root):
    out = run("scan", str(root), "--no-cache", "-f", "json")
    assert_no_traceback(out)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout), out.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_unreadable_input_makes_findings_unsure_and_deletes_no_live_file(tmp_path, case):
    root = make_app(tmp_path / "repo", CASES[case])
    data, stderr = _scan(root)
    assert data["stats"]["files_unreadable"] == 1
    assert any(p in stderr for p in CASES[case]), stderr  # a warning names the file
    live_findings = [f for f in data["findings"] if f["path"] in LIVE]
    assert all(f["confidence"] == "unsure" for f in live_findings), live_findings
    out = run("branch", str(root), "--name", "cleanup", "--no-cache")
    assert_no_traceback(out)
    assert out.returncode == 0, out.stderr
    if "created branch" in out.stdout:
        assert not set(branch_deletions(root, "cleanup")) & set(LIVE)


def test_the_same_app_without_bad_input_is_certain(tmp_path):
    """The look-alike: nothing unreadable, the two dead files are certain and removed."""
    root = make_app(tmp_path / "repo")
    data, stderr = _scan(root)
    assert stderr == ""
    assert data["stats"]["files_unreadable"] == 0
    assert sorted((f["path"], f["confidence"]) for f in data["findings"]) == [(p, "certain") for p in DEAD]
    out = run("branch", str(root), "--name", "cleanup", "--no-cache")
    assert out.returncode == 0
    assert branch_deletions(root, "cleanup") == DEAD


def test_an_unreadable_live_page_keeps_what_it_imports_and_calls(tmp_path):
    """UTF-16: the byte scan finds its imports and its URL, so the component and the endpoint
    (and the service behind it) are not findings at all."""
    home = (
        'import Card from "@/components/Card";\nexport default function Home() {\n'
        "  fetch(`/api/items`);\n  return <Card />;\n}\n"
    )
    root = make_app(
        tmp_path / "repo",
        {"frontend/src/pages/Home.tsx": ("\ufeff" + home).encode("utf-16-le"), "frontend/src/api.ts": None},
    )
    data, stderr = _scan(root)
    assert "frontend/src/pages/Home.tsx: UTF-16 text: scanned for imports only" in stderr
    paths = {f["path"] for f in data["findings"]}
    assert "frontend/src/components/Card.tsx" not in paths
    assert not any(f["kind"] == "orphan-endpoint" for f in data["findings"])
    assert "backend/app/services/pricing.py" not in paths
    assert all(f["confidence"] == "unsure" for f in data["findings"] if f["path"].endswith(".tsx"))


def test_a_too_deeply_nested_module_keeps_its_imports(tmp_path):
    root = make_app(tmp_path / "repo", CASES["deep-py"])
    data, stderr = _scan(root)
    assert "backend/app/api/items.py: too deeply nested to read: scanned for imports only" in stderr
    assert "backend/app/services/pricing.py" not in {f["path"] for f in data["findings"]}


def test_an_invalid_tsconfig_is_a_warning_naming_it(tmp_path):
    root = make_app(tmp_path / "repo", CASES["invalid-tsconfig"])
    data, stderr = _scan(root)
    assert "warning: frontend/tsconfig.json: not valid JSON, ignored" in stderr
    card = next(f for f in data["findings"] if f["path"] == "frontend/src/components/Card.tsx")
    assert card["confidence"] == "unsure"
    assert card["evidence"][0].startswith("unsure: frontend/tsconfig.json could not be read")


def test_a_backslash_in_a_file_name_never_aliases_another_file(tmp_path):
    home = (
        'import Card from "@/components/Card";\nimport { listItems } from "../api";\n'
        'import { Y } from "./back/slash";\nexport default function Home() {\n  listItems();\n'
        "  return <Card y={Y} />;\n}\n"
    )
    root = make_app(
        tmp_path / "repo",
        {
            "frontend/src/pages/Home.tsx": home,
            "frontend/src/pages/back\\slash.tsx": "export const X = 1;\n",
            "frontend/src/pages/back/slash.tsx": "export const Y = 2;\n",
        },
    )
    data, _ = _scan(root)
    dead = {f["path"] for f in data["findings"]}
    assert "frontend/src/pages/back\\slash.tsx" in dead
    assert "frontend/src/pages/back/slash.tsx" not in dead
    out = run("branch", str(root), "--name", "cleanup", "--no-cache")
    assert out.returncode == 0, out.stderr
    deleted = branch_deletions(root, "cleanup")
    assert "frontend/src/pages/back\\slash.tsx" in deleted
    assert "frontend/src/pages/back/slash.tsx" not in deleted
    assert git(root, "show", "cleanup:frontend/src/pages/back/slash.tsx") == "export const Y = 2;\n"


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_warning(tmp_path):
    root = make_app(tmp_path / "repo")
    (root / "frontend" / "src").joinpath(b"bad\xff.tsx".decode("utf-8", "surrogateescape")).write_bytes(
        b'import Old from "./components/Old";\n'
    )
    data, stderr = _scan(root)
    assert "frontend/src/bad\\xff.tsx: file name is not UTF-8: skipped" in stderr
    old = next(f for f in data["findings"] if f["path"] == "frontend/src/components/Old.tsx")
    assert old["confidence"] == "unsure"
    assert data["stats"]["files_unreadable"] == 1


@pytest.mark.parametrize(
    "config, key",
    [
        ('exclude = ["frontend/.."]\n', "exclude[0]"),
        ('dev_roots = ["./"]\n', "dev_roots[0]"),
        ('[[groups]]\nname = "g"\nremove = ["path:frontend/.."]\n', "groups[0].remove[0]"),
        ('[[groups]]\nname = "g"\nremove = ["path:**"]\n', "groups[0].remove[0]"),
        ('exclude = ["frontend/../../x"]\n', "exclude[0]"),
    ],
)
def test_config_paths_that_name_the_whole_repo_or_leave_it_are_refused(tmp_path, config, key):
    root = make_app(tmp_path / "repo", {"deadcode.toml": config})
    for command in ("scan", "branch"):
        args = ["--name", "x"] if command == "branch" else []
        line = assert_one_line_error(run(command, str(root), *args), "deadcode.toml", key)
        assert "whole repository" in line or "outside the repository" in line
    assert git(root, "branch", "--list", "x") == ""


def test_branch_on_a_dirty_tree_is_planned_from_head(tmp_path):
    """An uncommitted edit drops the route to Home: the working tree would call Home dead, but
    the branch starts from HEAD, where App still imports it, so Home is never deleted."""
    root = make_app(tmp_path / "repo")
    write(
        root,
        {
            "frontend/src/App.tsx": 'import { Routes } from "react-router-dom";\n'
            "export default function App() {\n  return (<Routes></Routes>);\n}\n"
        },
    )
    scan = json.loads(run("scan", str(root), "--no-cache", "-f", "json").stdout)
    assert "frontend/src/pages/Home.tsx" in {f["path"] for f in scan["findings"]}  # the working tree's view
    before = (root / "frontend/src/App.tsx").read_bytes(), git(root, "status", "--porcelain")
    out = run("branch", str(root), "--name", "cleanup", "--no-cache")
    assert_no_traceback(out)
    assert out.returncode == 0, out.stderr
    assert (
        "warning: uncommitted changes in frontend/src/App.tsx are not in the plan or the branch: both are "
        "made from HEAD" in out.stderr
    )
    assert branch_deletions(root, "cleanup") == DEAD
    assert ((root / "frontend/src/App.tsx").read_bytes(), git(root, "status", "--porcelain")) == before


def test_an_unreadable_file_blinds_its_own_package_only(tmp_path):
    """A binary file in another package (its own package.json) leaves the frontend's dead
    component certain; the same file inside the frontend makes it unsure."""
    other = {
        "services/runner/package.json": '{"name": "runner", "main": "src/index.ts"}',
        "services/runner/src/index.ts": 'import "./session";\n',
        "services/runner/src/session.ts": b"/** notes */\x00\x01 export const s = 1;\n",
    }
    root = make_app(tmp_path / "repo", other)
    data, _ = _scan(root)
    conf = {f["path"]: f["confidence"] for f in data["findings"]}
    assert conf == {p: "certain" for p in DEAD}
    inside = make_app(tmp_path / "inside", {"frontend/src/blob.ts": b"\x00\x01 import './pages/Home';\n"})
    data, _ = _scan(inside)
    conf = {f["path"]: f["confidence"] for f in data["findings"]}
    assert conf["frontend/src/components/Old.tsx"] == "unsure"
