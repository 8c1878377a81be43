"""npm package helpers the frontend idioms share: which package.json a file belongs to, what a
package depends on, what its scripts run. Pure functions over ``Project``."""

from __future__ import annotations

import re

DEPENDENCY_KEYS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


def folder_of(manifest: str) -> str:
    """``web/oss/package.json`` -> ``web/oss``; the root manifest -> ``""``."""
    return manifest.rsplit("/", 1)[0] if "/" in manifest else ""


def prefix_of(folder: str) -> str:
    return folder + "/" if folder else ""


def dependencies(data: dict) -> set[str]:
    names = set()
    for key in DEPENDENCY_KEYS:
        deps = data.get(key)
        if isinstance(deps, dict):
            names.update(str(k) for k in deps)
    return names


def scripts(data: dict) -> dict[str, str]:
    value = data.get("scripts")
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def runs_binary(data: dict, binary: str) -> list[str]:
    """Names of the scripts that run ``binary`` (``next build``, ``npx gulp``, ``a && gulp x``)."""
    pattern = re.compile(
        rf"(^|[\s;&|(]|npx\s+|pnpm\s+(exec\s+)?|yarn\s+)(\./node_modules/\.bin/)?{re.escape(binary)}(\s|$)"
    )
    return [name for name, command in scripts(data).items() if pattern.search(command)]


def manifests_depending_on(project, *names: str) -> list[tuple[str, dict]]:
    """(package folder, manifest) of every package.json that depends on one of ``names``."""
    out = []
    for manifest, data in sorted(project.package_jsons.items()):
        if dependencies(data) & set(names):
            out.append((folder_of(manifest), data))
    return out


def package_folders(project) -> list[str]:
    return sorted((folder_of(m) for m in project.package_jsons), key=lambda f: (-f.count("/") if f else 1, f))


def owner_package(folders: list[str], path: str) -> str | None:
    """The innermost package folder holding ``path`` (``folders`` deepest first)."""
    for folder in folders:
        if not folder or path.startswith(folder + "/"):
            return folder
    return None
