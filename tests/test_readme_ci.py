"""The README's GitHub Actions job and the shipped pre-commit hooks are what users paste: they
parse, carry the permissions SARIF upload needs, use current action majors, and run real
deadcode commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from deadcode.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CURRENT = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/cache": 6,
    "github/codeql-action/upload-sarif": 4,
}


def _workflow() -> dict:
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    jobs = [b for b in blocks if b.startswith("name: deadcode\n")]
    assert len(jobs) == 1
    return YAML(typ="safe").load(jobs[0])


def test_readme_job_has_permissions_current_actions_and_no_placeholder():
    wf = _workflow()
    assert wf["permissions"] == {"contents": "read", "security-events": "write"}
    steps = wf["jobs"]["deadcode"]["steps"]
    used = {s["uses"].split("@")[0]: int(s["uses"].split("@v")[1]) for s in steps if "uses" in s}
    assert used == CURRENT
    assert "<you>" not in README and "<" not in str(steps)
    runs = [s["run"] for s in steps if "run" in s]
    assert any(r.startswith("deadcode check") for r in runs) and any("--format sarif" in r for r in runs)


def test_readme_job_commands_and_hooks_are_valid_deadcode_commands(tmp_path):
    runner = CliRunner()
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"deadcode", "deadcode-report"}
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in hooks)
    commands = [h["entry"] for h in hooks]
    commands += [
        s["run"] for s in _workflow()["jobs"]["deadcode"]["steps"] if s.get("run", "").startswith("deadcode")
    ]
    for cmd in commands:
        argv = shlex.split(cmd)[1:]
        # every option of the command exists (its --help lists it)
        helptext = runner.invoke(app, [argv[0], "--help"]).stdout
        for opt in [a for a in argv if a.startswith("--")]:
            assert opt in helptext, (cmd, opt)
