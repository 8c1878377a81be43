"""What installed npm packages need, read from a lock file beside a ``package.json``.

A package declares the packages it imports but does not bundle as ``peerDependencies``
(``next-i18next`` needs ``i18next`` and ``react-i18next``): the app must list them, and nothing of
the app imports them by name. An app also lists a package's own dependency to pin its version
(``prosemirror-tables`` of ``rich-markdown-editor``). Lock files record both:
``package-lock.json`` (v2/v3 ``packages``), ``bun.lock`` (one line per package),
``pnpm-lock.yaml`` (``packages:`` and ``snapshots:``); for Python, ``uv.lock`` and ``poetry.lock``
record each distribution's dependencies and extras (``filelock`` of snowflake-connector-python).
Read as data, line by line (a lock of thousands of wheels is no TOML document to load whole):
nothing in them runs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

LOCK_FILES = ("package-lock.json", "bun.lock", "pnpm-lock.yaml")
PYTHON_LOCK_FILES = ("uv.lock", "poetry.lock")


@dataclass(frozen=True)
class Peer:
    requirer: str  # the package that needs it
    optional: bool  # peerDependenciesMeta optional / bun optionalPeers
    at: str  # "lockfile:line"
    dependency: bool = False  # one of its ``dependencies`` (installed with it), not a peer


def peers(path: str, text: str) -> dict[str, list[Peer]]:
    """package -> the packages of the lock file that name it as a peer or a dependency."""
    base = path.rsplit("/", 1)[-1]
    try:
        if base == "package-lock.json":
            return _package_lock(path, text)
        if base == "bun.lock":
            return _bun_lock(path, text)
        if base == "pnpm-lock.yaml":
            return _pnpm_lock(path, text)
    except (ValueError, RecursionError, AttributeError, TypeError):
        return {}  # a broken lock file tells nothing
    return {}


def python_needs(path: str, text: str) -> dict[str, list[Peer]]:
    """distribution -> the distributions of a ``uv.lock``/``poetry.lock`` that depend on it
    (also through an extra: ``fastapi-pagination[sqlalchemy]`` needs sqlakeyset)."""
    out: dict[str, list[Peer]] = {}
    package, at, section = None, "", None
    poetry = path.endswith("poetry.lock")
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("["):
            header = line.strip()
            if header == "[[package]]":
                package, section = None, "package"
            else:
                section = header.strip("[]")
            continue
        if section == "package":
            m = _TOML_NAME.match(line)
            if m and package is None:
                package, at = m.group(1), f"{path}:{n}"
                continue
            if not poetry and line.startswith("dependencies = ["):
                section = "package.dependencies"
                line = line[len("dependencies = [") :]
            else:
                continue
        if package is None or section not in (
            "package.dependencies",
            "package.optional-dependencies",
            "package.extras",
        ):
            continue
        if poetry:
            if section == "package.dependencies":
                names = [m.group(1)] if (m := _POETRY_DEP.match(line)) else []
            else:
                names = _POETRY_EXTRA.findall(line.partition("=")[2])
        else:
            names = _UV_DEP.findall(line)
            if section == "package.dependencies" and line.strip().startswith("]"):
                section = "package"
        for name in names:
            if name != package:
                out.setdefault(name, []).append(Peer(package, False, at, True))
    return out


_TOML_NAME = re.compile(r'^name = "([^"]+)"')
_UV_DEP = re.compile(r'\{ name = "([^"]+)"')
_POETRY_DEP = re.compile(r'^"?([A-Za-z0-9][\w.-]*)"?\s*=')
_POETRY_EXTRA = re.compile(r'"([A-Za-z0-9][\w.-]*)')


def _add(
    out: dict[str, list[Peer]], requirer: str, meta, optional: set[str], at: str, dependency: bool = False
) -> None:
    for name in meta:
        if isinstance(name, str) and name != requirer:
            out.setdefault(name, []).append(Peer(requirer, name in optional, at, dependency))


def _package_lock(path: str, text: str) -> dict[str, list[Peer]]:
    data = json.loads(text)
    packages = data.get("packages") if isinstance(data, dict) else None
    out: dict[str, list[Peer]] = {}
    if not isinstance(packages, dict):
        return out
    # the line of each key, from one pass (a search per package is quadratic: 1 s on 2.6 MB)
    key_lines: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = _LOCK_KEY.match(line)
        if m:
            key_lines.setdefault(m.group(1), n)
    for key, pkg in packages.items():
        name = key.rpartition("node_modules/")[2]
        if not isinstance(pkg, dict) or not name:
            continue
        peer, deps = pkg.get("peerDependencies"), pkg.get("dependencies")
        if not isinstance(peer, dict) and not isinstance(deps, dict):
            continue
        meta = pkg.get("peerDependenciesMeta") if isinstance(pkg.get("peerDependenciesMeta"), dict) else {}
        optional = {n for n, m in meta.items() if isinstance(m, dict) and m.get("optional")}
        quoted = json.dumps(key)
        line = key_lines.get(quoted)
        if line is None:
            i = text.find(quoted)
            line = text.count("\n", 0, i) + 1 if i >= 0 else 1
        at = f"{path}:{line}"
        if isinstance(peer, dict):
            _add(out, name, peer, optional, at)
        if isinstance(deps, dict):
            _add(out, name, deps, set(), at, dependency=True)
    return out


_LOCK_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*")\s*:\s*\{')
_BUN_ENTRY = re.compile(r'^\s*"((?:@[^"/]+/)?[^"/]+)":\s*(\[.*\]),?\s*$')


def _bun_lock(path: str, text: str) -> dict[str, list[Peer]]:
    out: dict[str, list[Peer]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if '"peerDependencies"' not in line and '"dependencies"' not in line:
            continue
        m = _BUN_ENTRY.match(line)
        if not m:
            continue
        entry = json.loads(re.sub(r",\s*([\]}])", r"\1", m.group(2)))
        meta = next((x for x in entry if isinstance(x, dict)), None)
        if meta is None:
            continue
        optional = {x for x in meta.get("optionalPeers") or () if isinstance(x, str)}
        if isinstance(meta.get("peerDependencies"), dict):
            _add(out, m.group(1), meta["peerDependencies"], optional, f"{path}:{n}")
        if isinstance(meta.get("dependencies"), dict):
            _add(out, m.group(1), meta["dependencies"], set(), f"{path}:{n}", dependency=True)
    return out


_PNPM_KEY = re.compile(r"^  '?/?((?:@[^@/':]+/)?[^@/':]+)@[^:]*'?:\s*$")
_PNPM_NAME = re.compile(r"^ {6}'?((?:@[^/':]+/)?[^/':]+)'?:")


def _pnpm_lock(path: str, text: str) -> dict[str, list[Peer]]:
    out: dict[str, list[Peer]] = {}
    section = None  # the top-level key being read
    package, at, block = None, "", None
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    deps: dict[tuple[str, str], set[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line and not line.startswith(" "):
            section, package, block = line.rstrip(":"), None, None
            continue
        if section not in ("packages", "snapshots"):
            continue
        m = _PNPM_KEY.match(line)
        if m:
            package, at, block = m.group(1), f"{path}:{n}", None
            continue
        if package is None:
            continue
        if line.startswith("    ") and not line.startswith("     "):
            block = line.strip().rstrip(":")
            continue
        name = _PNPM_NAME.match(line)
        if name and block == "dependencies":
            deps.setdefault((package, at), set()).add(name.group(1))
        elif name and block in ("peerDependencies", "peerDependenciesMeta"):
            names, optional = found.setdefault((package, at), (set(), set()))
            if block == "peerDependencies":
                names.add(name.group(1))
            else:
                optional.add(name.group(1))  # a meta entry holds ``optional: true`` (the only flag)
    for (package, where), (names, optional) in found.items():
        _add(out, package, sorted(names), optional, where)
    for (package, where), names in deps.items():
        _add(out, package, sorted(names), set(), where, dependency=True)
    return out
