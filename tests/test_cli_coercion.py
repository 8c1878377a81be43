"""Command-line values are coerced without pydantic (``cli_coercion``), to the same values and
the same errors as typer's own adapters, for every parameter of every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from deadcode import cli  # noqa: F401  (installs the direct coercion)
from deadcode.cli_coercion import TESTED_TYPER

pytestmark = pytest.mark.skipif(
    not typer.__version__.startswith(TESTED_TYPER), reason="the direct coercion is for typer 0.29"
)

SAMPLES = (
    None,
    ".",
    "",
    "a//b/",
    "~/x",
    "-",
    "/no/such/dir",
    "README.md",
    "json",
    "JSON",
    "sarif",
    "certain",
    "nope",
    "4",
    "x\udcff",
    True,
    False,
    ["a", "b//"],
    ("json",),
    Path("src"),
)


def _outcome(runtime, value, param, ctx):
    try:
        return ("value", runtime.coerce(value, param=param, ctx=ctx))
    except Exception as exc:  # the error a user would see
        return ("error", type(exc).__name__, str(exc))


def _params():
    from typer._click import Context
    from typer.main import get_command

    group = get_command(cli.app)
    for name, command in sorted(group.commands.items()):
        ctx = Context(command, info_name=name)
        for param in command.params:
            if hasattr(param, "type_descriptor"):
                yield name, param, ctx


def test_every_parameter_coerces_as_typer_does(monkeypatch, tmp_path):
    import typer.core
    from typer import _coercion

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    direct_kinds = set()
    checked = 0
    for name, param, ctx in _params():
        direct = typer.core.build_runtime_param(param.type_descriptor)
        original = _coercion.build_runtime_param(param.type_descriptor)
        direct_kinds.add(type(direct).__name__)
        for value in SAMPLES:
            assert _outcome(direct, value, param, ctx) == _outcome(original, value, param, ctx), (
                name,
                param.name,
                value,
            )
            checked += 1
    assert "DirectRuntimeParam" in direct_kinds and checked > 200


def test_a_warm_scan_does_not_import_pydantic(tmp_path):
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "main.py").write_text("from fastapi import FastAPI\napp = FastAPI()\n")
    code = (
        "import sys\n"
        "from deadcode import cli\n"
        "sys.argv = ['deadcode', 'scan', sys.argv[1], '--format', 'json', '--quiet', '--cache-dir', sys.argv[2]]\n"
        "try:\n"
        "    cli.app(prog_name='deadcode')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, "-c", code, str(root), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.stderr.strip().splitlines()[-1] == "False", out.stderr
    assert '"findings"' in out.stdout
