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


def glob_escape(path: str) -> str:
    """A literal path as a glob that matches only it: ``app/[id]/page.tsx`` ->
    ``app/[[]id]/page.tsx`` (``[``, ``*``, ``?``, ``{``, ``}`` become one-character classes)."""
    return re.sub(r"([\[*?{}])", r"[\1]", path)


def route_escape(route: str) -> str:
    """A literal route for ``dev_routes`` (fnmatch): ``[`` and ``?`` as classes; ``*`` stays
    (React Router splats ``/files/*`` match themselves)."""
    return re.sub(r"([\[?])", r"[\1]", route)


def _compress(paths: list[str], candidates: set[str], min_files: int = 3) -> list[str]:
    """``paths`` as globs: a folder whose every analysed file is in ``paths`` (at least
    ``min_files``) becomes ``folder/**``, topmost first; other paths stay literal."""
    chosen = set(paths)
    covered: dict[str, int] = {}
    for p in candidates:
        parts = p.split("/")[:-1]
        for k in range(1, len(parts) + 1):
            folder = "/".join(parts[:k])
            if p in chosen:
                covered[folder] = covered.get(folder, 0) + 1
            else:
                covered[folder] = -(10**9)  # a file outside the group: this folder is mixed
    folders = sorted(f for f, n in covered.items() if n >= min_files)
    top: list[str] = []
    for f in folders:
        if not any(f.startswith(t + "/") for t in top):
            top.append(f)
    out = [glob_escape(f) + "/**" for f in top]
    out += [glob_escape(p) for p in sorted(paths) if not any(p.startswith(t + "/") for t in top)]
    return out


def _entry_lines(program, ctx) -> list[str]:
    """``entry = [...]`` grouped by why each file is an entry, a comment line per reason."""
    from deadcode.graph.context import is_test_path

    by_reason: dict[str, list[str]] = {}
    for path, why in sorted(program.entry_reasons.items()):
        if not why.startswith(("kept", "Helm")):
            by_reason.setdefault(why, []).append(path)
    sources = {
        p for p, f in ctx.facts.items() if f.lang in ("python", "typescript", "tsx") and not is_test_path(p)
    }
    lines = [
        "# detected entries, by reason (entry adds to auto-detection; entry_only = true replaces it)",
        "entry = [",
    ]
    for why, paths in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        note = f" ({len(paths)} files)" if len(paths) > 1 else ""
        lines.append(f"    # {why}{note}".replace("\n", " "))
        lines += [f"    {_toml(g)}," for g in _compress(paths, sources)]
    lines.append("]")
    return lines


def starter_config(loaded) -> str:
    program = loaded.program
    ctx = program.ctx
    lines = [
        "# Starter deadcode configuration: paste into pyproject.toml (or drop the table header",
        "# and save as deadcode.toml). Every key is optional; review each value.",
        "[tool.deadcode]",
    ]
    lines.append('# detected: folders whose packages are imported absolutely ("." is the repository root)')
    lines.append(f"python_roots = {_toml([r or '.' for r in program.python_roots])}")
    lines += _entry_lines(program, ctx)
    dev_roots = sorted(p for p in ctx.facts if _DEV_NAME.search(p))
    lines.append("# candidates by name (test/debug pages): confirm they are not shipped to users")
    lines.append(f"dev_roots = {_toml([glob_escape(p) for p in dev_roots])}")
    dev_routes = sorted({r for r in (rid[6:] for rid in ctx.routes) if _DEV_ROUTE.search(r)})
    lines.append("# candidate routes by name")
    lines.append(f"dev_routes = {_toml([route_escape(r) for r in dev_routes])}")
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
