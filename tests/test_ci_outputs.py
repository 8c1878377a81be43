"""What CI and code review read: SARIF (schema-valid, paths from the git top level, rule help),
`check` on GitHub Actions (annotations, step summary, certain vs unsure, escaping), the finding
filters, and CODEOWNERS owners. Tiny repositories made here; the CLI as users run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from deadcode.cli import app
from deadcode.graph.context import BlindSpot
from tests.analysis.repo import make_repo

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-2.1.0.json"

DEAD = {
    "frontend/src/App.tsx": "export default function App() { return null; }\n",
    "frontend/src/legacy/OldPage.tsx": "export const OldPage = () => null;\n",
    "frontend/src/legacy/OldCard.tsx": "export const OldCard = () => null;\n",
    "backend/app/legacy.py": "def old():\n    return 1\n",
}


def deadcode(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "deadcode", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture()
def monorepo(tmp_path):
    """A git repository whose deadcode ROOT is the sub-folder services/shop, with a remote URL
    that carries a token (as CI checkouts do)."""
    top = tmp_path / "top"
    root = make_repo(top / "services" / "shop", DEAD)
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "init")
    git(top, "remote", "add", "origin", "https://x-access-token:ghs_SECRET@github.com/acme/shop.git")
    return top, root


def with_blind_spot(monkeypatch, prefix: str, reason: str) -> None:
    """Make the model blind under ``prefix`` (what an unreadable tsconfig does), in process."""
    import deadcode.graph.build as build

    real = build.build_program

    def build_program(*args, **kwargs):
        program = real(*args, **kwargs)
        program.ctx.blind_spots.append(BlindSpot(prefix, reason))
        return program

    monkeypatch.setattr(build, "build_program", build_program)


# ---------------------------------------------------------------------------------------- SARIF


def test_sarif_validates_against_the_schema_with_paths_from_the_git_top_level(monorepo):
    jsonschema = pytest.importorskip("jsonschema")
    top, root = monorepo
    out = deadcode("scan", str(root), "--format", "sarif", "--no-cache", "-q")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    validator = jsonschema.validators.validator_for(json.loads(SCHEMA.read_text()))
    errors = list(validator(json.loads(SCHEMA.read_text())).iter_errors(doc))
    assert errors == [], [e.message for e in errors[:3]]
    run = doc["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "services/shop/frontend/src/legacy/OldPage.tsx" in uris
    assert all(u.startswith("services/shop/") for u in uris)
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]
    } == {"%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == top.resolve().as_uri() + "/"
    vcp = run["versionControlProvenance"][0]
    assert vcp["repositoryUri"] == "https://github.com/acme/shop.git"  # the token is not published
    assert "SECRET" not in out.stdout
    assert vcp["revisionId"] == git(top, "rev-parse", "HEAD") and vcp["mappedTo"] == {
        "uriBaseId": "%SRCROOT%"
    }
    assert {r["level"] for r in run["results"]} == {"warning"}


def test_sarif_rules_carry_help_and_no_made_up_urls(monorepo):
    _, root = monorepo
    doc = json.loads(deadcode("scan", str(root), "-f", "sarif", "--no-cache", "-q").stdout)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert {"unreachable", "orphan-endpoint", "unused-export", "broken-call"} <= {r["id"] for r in rules}
    for r in rules:
        assert "helpUri" not in r
        assert len(r["help"]["text"]) > 80 and "How to fix" in r["help"]["text"]
        assert "**How to keep it on purpose.**" in r["help"]["markdown"]
        assert r["name"] != r["id"] and re.fullmatch(r"(?:[A-Z][a-z]+)+", r["name"])
    assert "informationUri" not in doc["runs"][0]["tool"]["driver"]
    for res in doc["runs"][0]["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_unsure_findings_are_sarif_notes(monkeypatch, tmp_path):
    root = make_repo(tmp_path / "repo", DEAD)
    with_blind_spot(monkeypatch, "frontend/", "frontend/tsconfig.json could not be read")
    result = CliRunner().invoke(app, ["scan", str(root), "-f", "sarif", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["runs"][0]["results"]
    levels = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["level"] for r in results}
    assert levels["frontend/src/legacy/OldPage.tsx"] == "note"
    assert levels["backend/app/legacy.py"] == "warning"
    note = next(r for r in results if r["level"] == "note")
    assert note["properties"]["confidence"] == "unsure" and note["message"]["text"].startswith("(unsure)")


@pytest.mark.skipif(
    not os.environ.get("DEADCODE_SARIF_MULTITOOL"),
    reason="set DEADCODE_SARIF_MULTITOOL to the Sarif.Multitool binary (npm @microsoft/sarif-multitool)",
)
def test_microsoft_sarif_multitool_finds_no_error(monorepo, tmp_path):
    _, root = monorepo
    sarif = tmp_path / "out.sarif"
    assert deadcode("scan", str(root), "-f", "sarif", "-o", str(sarif), "--no-cache", "-q").returncode == 0
    out = subprocess.run(
        [
            os.environ["DEADCODE_SARIF_MULTITOOL"],
            "validate",
            str(sarif),
            "-o",
            str(tmp_path / "v.sarif"),
            "--log",
            "ForceOverwrite",
            "--rule-kind",
            "Gh;Sarif",
            "--level",
            "Error;Warning",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout
    assert not re.search(r": error (GH|SARIF)\d+", out.stdout), out.stdout
    assert not re.search(r": warning GH\d+", out.stdout), out.stdout


# ------------------------------------------------------------------------- check on GitHub Actions


def gh_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    return env


def test_check_annotates_the_first_ten_and_summarises_all(tmp_path):
    files = dict(DEAD)
    files.update({f"frontend/src/legacy/Dead{i}.tsx": "export const D = 1;\n" for i in range(14)})
    top = tmp_path / "top"
    root = make_repo(top / "web", files)
    git(top, "init", "-q")
    env = gh_env(tmp_path)
    out = deadcode("check", str(root), "--baseline", str(tmp_path / "none.json"), "--no-cache", "-q", env=env)
    assert out.returncode == 1
    errors = [ln for ln in out.stdout.splitlines() if ln.startswith("::error ")]
    assert len(errors) == 10
    assert all(re.match(r"::error file=web/[^,]+,line=\d+,title=deadcode [a-z-]+::", e) for e in errors), (
        errors[0]
    )
    total = int(re.search(r"deadcode check: (\d+) new", out.stdout).group(1))
    assert f"::notice title=deadcode::{total - 10} more new findings are not annotated" in out.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith(f"### deadcode check: {total} new findings")
    rows = [ln for ln in summary.splitlines() if ln.startswith("| ❌")]
    assert len(rows) == total
    assert (
        "| ❌ | unreachable | `frontend/src/legacy/Dead13.tsx` | `web/frontend/src/legacy/Dead13.tsx:1` |"
        in summary
    )


def test_a_file_name_cannot_inject_a_workflow_command(tmp_path):
    root = make_repo(tmp_path / "repo", DEAD)
    evil = "x::error file=app.py,line=1::INJECTED workflow command%0A,y:z.ts"
    (root / "frontend/src/legacy" / evil).write_text("export const x = 1;\n")
    # a name with a newline is no finding at all (skipped, with an escaped warning)
    (root / "frontend/src/legacy" / "n\n::error file=app.py::NEWLINE.ts").write_text("export const y = 1;\n")
    env = gh_env(tmp_path)
    out = deadcode("check", str(root), "--baseline", str(tmp_path / "none.json"), "--no-cache", env=env)
    lines = out.stdout.splitlines() + out.stderr.splitlines()
    assert not any(ln.startswith("::error file=app.py") for ln in lines)
    assert any("n\\x0a::error" in ln and "skipped" in ln for ln in out.stderr.splitlines())
    assert not any("INJECTED" in ln and not ln.startswith(("::", "new ")) for ln in lines)
    ours = next(ln for ln in lines if "INJECTED" in ln and ln.startswith("::"))
    # data: % CR LF escaped; properties: also : and ,
    assert (
        "file=frontend/src/legacy/x%3A%3Aerror file=app.py%2Cline=1%3A%3AINJECTED workflow command%250A%2Cy%3Az.ts,"
        in ours
    )
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "\n::error" not in summary and "INJECTED" in summary


def test_check_fails_only_on_new_certain_findings_unless_include_unsure(monkeypatch, tmp_path):
    root = make_repo(tmp_path / "repo", DEAD)
    base = tmp_path / "base.json"
    runner = CliRunner()
    # baseline the backend (certain) findings, so that only the unsure frontend ones are new
    assert (
        runner.invoke(
            app,
            [
                "check",
                str(root),
                "--baseline",
                str(base),
                "--update-baseline",
                "--no-cache",
                "-q",
                "--include",
                "unreachable",
                "--confidence",
                "all",
            ],
        ).exit_code
        == 0
    )
    rows = json.loads(base.read_text())["findings"]
    base.write_text(
        json.dumps({"version": 1, "findings": [r for r in rows if r["path"].startswith("backend/")]})
    )
    with_blind_spot(monkeypatch, "frontend/", "frontend/tsconfig.json could not be read")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = ["check", str(root), "--baseline", str(base), "--no-cache", "-q", "--include", "unreachable"]
    soft = runner.invoke(app, args)
    assert soft.exit_code == 0, soft.output
    assert "new unsure unreachable: frontend/src/legacy/OldPage.tsx" in soft.stdout
    assert "(not failing: --include-unsure to fail on it)" in soft.stdout
    assert (
        "::notice file=frontend/src/legacy/OldPage.tsx,line=1,title=deadcode unreachable (unsure)::"
        in soft.stdout
    )
    assert "::error" not in soft.stdout
    hard = runner.invoke(app, args + ["--include-unsure"])
    assert hard.exit_code == 1
    assert runner.invoke(app, args + ["--confidence", "certain"]).exit_code == 0


def test_annotation_paths_follow_the_git_top_level(monorepo, tmp_path):
    _, root = monorepo
    out = deadcode(
        "check", str(root), "--baseline", str(tmp_path / "b.json"), "--no-cache", "-q", env=gh_env(tmp_path)
    )
    assert (
        "::error file=services/shop/frontend/src/legacy/OldCard.tsx,line=1,title=deadcode unreachable::"
        in out.stdout
    )


# --------------------------------------------------------------------------------------- filters


def test_include_exclude_and_confidence_filter_every_output(monkeypatch, tmp_path):
    root = make_repo(tmp_path / "repo", DEAD)
    runner = CliRunner()

    def kinds(*extra: str) -> set[str]:
        res = runner.invoke(app, ["scan", str(root), "-f", "json", "--no-cache", "-q", *extra])
        assert res.exit_code == 0, res.output
        return {f["kind"] for f in json.loads(res.stdout)["findings"]}

    everything = kinds()
    assert {"unreachable", "orphan-endpoint"} <= everything
    assert kinds("--include", "unreachable") == {"unreachable"}
    assert kinds("--include", "unreachable,orphan-endpoint") == {"unreachable", "orphan-endpoint"}
    assert kinds("--include", "unreachable", "--include", "orphan-endpoint") == {
        "unreachable",
        "orphan-endpoint",
    }
    assert kinds("--exclude", "unreachable") == everything - {"unreachable"}
    sarif = runner.invoke(
        app, ["scan", str(root), "-f", "sarif", "--no-cache", "-q", "--exclude", "orphan-endpoint"]
    )
    assert {r["ruleId"] for r in json.loads(sarif.stdout)["runs"][0]["results"]} == everything - {
        "orphan-endpoint"
    }
    bad = runner.invoke(app, ["scan", str(root), "--include", "unreachble"])
    assert bad.exit_code == 2 and "--include unreachble: no such finding kind" in bad.stderr
    with_blind_spot(monkeypatch, "frontend/", "unreadable tsconfig")
    res = runner.invoke(app, ["scan", str(root), "-f", "json", "--no-cache", "-q", "--confidence", "certain"])
    paths = {f["path"] for f in json.loads(res.stdout)["findings"]}
    assert paths and not any(p.startswith("frontend/") for p in paths)
    out = tmp_path / "rep"
    rep = runner.invoke(
        app, ["report", str(root), "--out", str(out), "--no-cache", "-q", "--include", "unreachable"]
    )
    assert rep.exit_code == 0, rep.output
    md = (out / "deadcode-report.md").read_text()
    assert "| unreachable |" in md and "| orphan-endpoint |" not in md


# ------------------------------------------------------------------------------------ CODEOWNERS


def test_codeowners_name_the_owners_of_findings_and_groups(monorepo, tmp_path):
    top, root = monorepo
    (top / ".github").mkdir()
    (top / ".github/CODEOWNERS").write_text(
        "* @acme/everyone\n"
        "services/shop/frontend/ @acme/web  # the web team\n"
        "/services/shop/frontend/src/legacy/OldCard.tsx @alice\n"
        "*.py @acme/py\n"
    )
    out = deadcode("scan", str(root), "-f", "json", "--no-cache", "-q")
    doc = json.loads(out.stdout)
    owners = {f["path"]: f["owners"] for f in doc["findings"]}
    assert owners["frontend/src/legacy/OldPage.tsx"] == ["@acme/web"]
    assert owners["frontend/src/legacy/OldCard.tsx"] == ["@alice"]  # the last matching line wins
    assert owners["backend/app/legacy.py"] == ["@acme/py"]
    assert doc["owners"]["source"] == ".github/CODEOWNERS"
    assert doc["owners"]["groups"]["unreachable"][0] == "@acme/web"
    text = deadcode("scan", str(root), "--no-cache", "-q").stdout
    assert "owners: @acme/web" in text and "      owners: @alice" in text
    rep = deadcode("report", str(root), "--out", str(tmp_path / "rep"), "--no-cache", "-q")
    assert rep.returncode == 0, rep.stderr
    md = (tmp_path / "rep/deadcode-report.md").read_text()
    html = (tmp_path / "rep/deadcode-report.html").read_text()
    assert "Owners from `.github/CODEOWNERS`" in md and "@alice" in md
    assert '<code class="owner">@acme/web</code>' in html
    shutil.rmtree(top / ".github")
    assert "owners" not in json.loads(deadcode("scan", str(root), "-f", "json", "--no-cache", "-q").stdout)


def test_codeowners_patterns_follow_githubs_rules():
    from deadcode.output.owners import parse_codeowners

    co = parse_codeowners(
        """
        # comment
        *.js @js
        /docs/ @docs
        apps/ @apps
        docs/* @docs-top
        **/logs @logs
        /build/logs/ @build-logs
        /scripts/deploy.sh
    """,
        "CODEOWNERS",
    )
    assert co.owners("src/a.js") == ["@js"]
    assert co.owners("docs/guide.md") == ["@docs-top"]
    assert co.owners("docs/deep/guide.md") == ["@docs"]  # docs/* owns only files directly in docs/
    assert co.owners("x/apps/y/z.py") == ["@apps"]
    assert co.owners("a/logs/x.txt") == ["@logs"] and co.owners("build/logs/x.txt") == ["@build-logs"]
    assert co.owners("scripts/deploy.sh") == []  # a pattern without owners: unowned
    assert co.owners("other.py") == []


def test_a_mentioned_dead_file_is_unsure_in_every_output(tmp_path):
    """The analysis' own doubt (a doc mentions the file), through text, SARIF, check and report."""
    files = dict(DEAD, **{"docs/notes.md": "The old page lives in frontend/src/legacy/OldPage.tsx.\n"})
    root = make_repo(tmp_path / "repo", files)
    text = deadcode("scan", str(root), "--no-cache", "-q").stdout
    certain_part, _, unsure_part = text.partition("Unsure: review before removing")
    assert "frontend/src/legacy/OldPage.tsx" in unsure_part and "OldPage" not in certain_part
    assert "[needs-review]" in unsure_part and "unsure: mentioned at docs/notes.md:1" in unsure_part
    sarif = json.loads(deadcode("scan", str(root), "-f", "sarif", "--no-cache", "-q").stdout)
    level = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["level"]
        for r in sarif["runs"][0]["results"]
    }
    assert (
        level["frontend/src/legacy/OldPage.tsx"] == "note"
        and level["frontend/src/legacy/OldCard.tsx"] == "warning"
    )
    base = tmp_path / "base.json"
    assert (
        deadcode(
            "check",
            str(root),
            "--baseline",
            str(base),
            "--update-baseline",
            "--no-cache",
            "-q",
            "--confidence",
            "certain",
        ).returncode
        == 0
    )
    check = deadcode("check", str(root), "--baseline", str(base), "--no-cache", "-q")
    assert check.returncode == 0 and "new unsure unreachable: frontend/src/legacy/OldPage.tsx" in check.stdout
    assert (
        deadcode(
            "check", str(root), "--baseline", str(base), "--no-cache", "-q", "--include-unsure"
        ).returncode
        == 1
    )
    out = tmp_path / "rep"
    assert deadcode("report", str(root), "--out", str(out), "--no-cache", "-q").returncode == 0
    md = (out / "deadcode-report.md").read_text()
    review = md.split("## Needs review", 1)[1].split("## Needs refactor first", 1)[0]
    assert (
        "**needs-review**" in review
        and "OldPage.tsx" in review
        and "**Unsure (1): review before removing.**" in review
    )
    assert "| unreachable | unsure | `frontend/src/legacy/OldPage.tsx` |" in md
    html = (out / "deadcode-report.html").read_text()
    assert (
        'data-confidence="unsure"' in html
        and '<span class="badge status-needs-review">needs-review</span>' in html
    )
