"""``deadcode init``: a starter config from what the scan detected, each value with its why."""

from __future__ import annotations

import re

from deadcode.facts.model import Template

_DEV_NAME = re.compile(r"(^|/)[^/]*(Test|Debug|Playground|Sandbox|Demo)Page\.[jt]sx?$")
_DEV_ROUTE = re.compile(r"(^|/)(test|tests|debug|dev|playground|sandbox|storybook)(/|$)")


def _toml(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter_config(loaded) -> str:
    program = loaded.program
    ctx = program.ctx
    lines = ["# Starter deadcode configuration: paste into pyproject.toml (or drop the table header",
             "# and save as deadcode.toml). Every key is optional; review each value.", "[tool.deadcode]"]
    lines.append("# detected: folders whose packages are imported absolutely")
    lines.append(f"python_roots = {_toml(list(program.python_roots))}")
    lines.append("# detected entries:")
    for path, why in sorted(program.entry_reasons.items()):
        if not why.startswith(("kept", "Helm")):
            lines.append(f"#   {path}: {why}")
    entries = [p for p, why in sorted(program.entry_reasons.items()) if not why.startswith(("kept", "Helm"))]
    lines.append(f"entry = {_toml(entries)}")
    dev_roots = sorted(p for p in ctx.facts if _DEV_NAME.search(p))
    lines.append("# candidates by name (test/debug pages): confirm they are not shipped to users")
    lines.append(f"dev_roots = {_toml(dev_roots)}")
    dev_routes = sorted({r for r in (rid[6:] for rid in ctx.routes) if _DEV_ROUTE.search(r)})
    lines.append("# candidate routes by name")
    lines.append(f"dev_routes = {_toml(dev_routes)}")
    flags = {}
    for f in ctx.facts.values():
        if f.py is None:
            continue
        for imp in f.py.imports:
            for c in imp.conditions:
                flags.setdefault(c.name, imp.line)
        for inc in f.py.includes:
            for c in inc.conditions:
                flags.setdefault(c.name, inc.line)
    lines.append("# settings and env vars that guard imports or routers; value = the Settings default")
    lines.append("[tool.deadcode.flags]")
    for name in sorted(n for n in flags if n):
        hit = ctx.settings_fields.get(name)
        default = hit[2].default if hit else None
        if default is None or isinstance(default, Template):
            lines.append(f"# {name} = ?   (no literal default found: set the production value)")
        else:
            lines.append(f"{name} = {_toml(default)}   # Settings default in {hit[0]}")
    return "\n".join(lines) + "\n"
