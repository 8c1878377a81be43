"""Removing a dependency from its manifest, formatting and comments kept: a ``requirements*.txt``
line, an entry of ``[project] dependencies`` or ``[tool.poetry.dependencies]`` in
``pyproject.toml``, a key of ``dependencies`` in ``package.json``. Lock files are never edited:
the step names them for the user to regenerate."""

from __future__ import annotations

import json
import re

from deadcode.plan.edits import EditRefused

LOCK_FILES = {
    "python": ("poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "requirements.lock"),
    "npm": ("package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "npm-shrinkwrap.json"),
}


def _name_re(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``-``, ``_`` and ``.`` are one."""
    return r"[-_.]+".join(re.escape(p) for p in re.split(r"[-_.]+", name))


def remove_requirement(data: bytes, name: str) -> bytes:
    """Drop the line declaring ``name`` (with its trailing comment and continuation lines)."""
    text = data.decode("utf-8")
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^\s*{_name_re(name)}\s*(\[[^\]]*\])?\s*([<>=!~;@\s#]|$)", re.I)
    out, skip, hit = [], False, False
    for line in lines:
        if skip:
            skip = line.rstrip("\r\n").endswith("\\")
            continue
        if pattern.match(line):
            hit = True
            skip = line.rstrip("\r\n").endswith("\\")
            continue
        out.append(line)
    if not hit:
        raise EditRefused(f"{name} is not declared on a line of its own")
    return "".join(out).encode("utf-8")


def remove_pyproject_dependency(data: bytes, name: str) -> bytes:
    """Drop ``"name..."`` from a ``dependencies = [...]`` array, or a ``name = ...`` line of a
    Poetry dependency table."""
    text = data.decode("utf-8")
    # an array item on its own line: `  "grafana-client>=4",  # why`
    item = re.compile(
        rf"""^[ \t]*["']{_name_re(name)}\s*(\[[^\]]*\])?\s*([<>=!~;@ ][^"']*)?["'][ \t]*,?[ \t]*(#[^\n]*)?\n""",
        re.I | re.M,
    )
    new, n = item.subn("", text, count=1)
    if n == 0:  # an item inline: dependencies = ["a", "name>=1", "b"]
        inline = re.compile(
            rf"""(,\s*)?["']{_name_re(name)}\s*(\[[^\]]*\])?\s*([<>=!~;@ ][^"']*)?["']\s*(,\s*)?""", re.I
        )
        m = inline.search(text)
        if m:
            keep = ", " if m.group(1) and m.group(4) else ""
            new, n = text[: m.start()] + keep + text[m.end() :], 1
    if n == 0:  # poetry: `name = "^1.0"` or `name = { version = ... }`
        table = re.compile(rf"^[ \t]*[\"']?{_name_re(name)}[\"']?[ \t]*=[^\n]*\n", re.I | re.M)
        new, n = table.subn("", text, count=1)
    if n == 0:
        raise EditRefused(f"{name} is not declared in a form deadcode edits")
    return new.encode("utf-8")


def remove_npm_dependency(data: bytes, name: str) -> bytes:
    """Drop ``"name": "..."`` from ``dependencies`` in package.json, the rest byte for byte."""
    text = data.decode("utf-8")
    try:
        parsed = json.loads(text)
    except ValueError:
        raise EditRefused("package.json is not valid JSON") from None
    if name not in (parsed.get("dependencies") or {}):
        raise EditRefused(f"{name} is not in dependencies")
    block = re.search(r'"dependencies"\s*:\s*\{', text)
    if block is None:
        raise EditRefused("no dependencies object")
    start = block.end()
    end = text.index("}", start)
    body = text[start:end]
    entry = re.compile(rf'(\s*)"{re.escape(name)}"\s*:\s*"[^"]*"\s*(,)?')
    m = entry.search(body)
    if m is None:
        raise EditRefused(f"{name} is not a plain string entry")
    if m.group(2):  # not the last entry: drop it with its comma
        new_body = body[: m.start()] + body[m.end() :]
    else:  # the last entry: drop it and the comma before it
        before = body[: m.start()].rstrip()
        before = before[:-1] if before.endswith(",") else before
        new_body = before + body[m.end() :]
    out = text[:start] + new_body + text[end:]
    json.loads(out)  # the edit must leave valid JSON
    return out.encode("utf-8")


def remove_dependency(path: str, data: bytes, name: str) -> bytes:
    base = path.rsplit("/", 1)[-1]
    if base == "package.json":
        return remove_npm_dependency(data, name)
    if base == "pyproject.toml":
        return remove_pyproject_dependency(data, name)
    return remove_requirement(data, name)


def lock_files(manifest: str, files) -> list[str]:
    """Lock files beside the manifest (or above it in a workspace) the user must regenerate."""
    folder = manifest.rsplit("/", 1)[0] if "/" in manifest else ""
    kind = "npm" if manifest.endswith("package.json") else "python"
    out = []
    for f in files:
        base = f.rsplit("/", 1)[-1]
        fdir = f.rsplit("/", 1)[0] if "/" in f else ""
        if base in LOCK_FILES[kind] and (fdir == folder or folder.startswith(fdir + "/") or fdir == ""):
            out.append(f)
    return sorted(out)
