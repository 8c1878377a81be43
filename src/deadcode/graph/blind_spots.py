"""Blind spots from input the model could not read: the findings they could affect are unsure.

A file deadcode could not read as source (``FileFacts.unreadable``: binary, UTF-16, not UTF-8,
too big, too deeply nested), a source file whose name cannot be analysed, and a
package.json/tsconfig/index.html/pyproject it could not read or parse may reference code the
graph does not see. Such a file can reach anything in its own language, and endpoints and
settings across both; a frontend file can also keep backend code alive through the endpoints
it calls; a deployment file can change flag values, settings and probes. Tests
are never production roots, so an unreadable test changes no verdict and makes no blind spot.
"""

from __future__ import annotations

from deadcode.discover.files import classify, shown_name
from deadcode.graph.context import BlindSpot, is_test_path, package_of, package_roots

TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
PY_SUFFIXES = (".py",)
# kinds a file of either language can keep alive: endpoints it calls, settings it reads
CROSS_KINDS = ("orphan-endpoint", "unused-config", "unused-dependency")
DEPLOY_KINDS = ("unused-config", "flag-gated", "orphan-endpoint")


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] + "/" if "/" in path else ""


def _code_spots(kind: str | None, prefix: str, why: str) -> list[tuple[str, tuple, tuple, str]]:
    if kind == "python":  # an absolute import reaches any module: the whole repository
        return [("", PY_SUFFIXES, (), why), ("", (), CROSS_KINDS, why)]
    if kind in ("typescript", "tsx"):
        # its package's code (``prefix``: the byte scan kept every specifier-like string, so what
        # is left unknown is what the package itself may load), and endpoints it may call: the
        # backend code that dies only with those endpoints is judged with them (their group)
        return [(prefix, TS_SUFFIXES, (), why), ("", (), CROSS_KINDS, why)]
    if kind in ("yaml", "dotenv"):
        return [("", (), DEPLOY_KINDS, why)]
    return []


def _package_folder(path: str, roots: list[str]) -> str:
    """The folder of the nearest package.json above ``path``, as a prefix ("" for the repo)."""
    root = package_of(path, roots)
    return root + "/" if root else ""


def unreadable_blind_spots(
    facts: dict,
    unreadable_side: dict[str, str] | None = None,
    unlisted: list[str] | tuple = (),
    invalid_configs: dict[str, str] | None = None,
    side_paths=(),
) -> list[BlindSpot]:
    """One blind spot per (scope, language), its reason naming the files behind it. A TS/JS
    file's scope is its package (the nearest package.json, from ``side_paths``)."""
    packages = package_roots(side_paths)
    raw: list[tuple[str, tuple, tuple, str]] = []
    for path, f in facts.items():
        why = getattr(f, "unreadable", None)
        if why and not is_test_path(path):
            raw += _code_spots(
                f.lang,
                _package_folder(path, packages),
                f"{path} could not be read ({why}): what it references is unknown",
            )
    for path in unlisted:
        if not is_test_path(path):
            raw += _code_spots(
                classify(path),
                _package_folder(path, packages),
                f"{shown_name(path)} was skipped (its name): what it references is unknown",
            )
    side = dict(unreadable_side or {})
    side.update(invalid_configs or {})
    for path, why in sorted(side.items()):
        if is_test_path(path):
            continue
        name = path.rsplit("/", 1)[-1].lower()
        text = f"{path} could not be read ({why}): the resolution or entries it configures are unknown"
        if name in ("pyproject.toml", "setup.cfg"):
            raw.append((_folder(path), PY_SUFFIXES, (), text))
        elif name == "chart.yaml":
            raw.append((_folder(path), (), DEPLOY_KINDS, text))
        else:  # package.json, tsconfig*.json, jsconfig*.json, index.html: frontend resolution
            raw += _code_spots("tsx", _folder(path), text)
            if name == "package.json":
                raw.append((_folder(path), (), ("unused-dependency",), text))
    merged: dict[tuple[str, tuple, tuple], list[str]] = {}
    for prefix, suffixes, kinds, why in raw:
        merged.setdefault((prefix, suffixes, kinds), []).append(why)
    spots = []
    for (prefix, suffixes, kinds), reasons in merged.items():
        reasons = list(dict.fromkeys(reasons))
        reason = (
            reasons[0]
            if len(reasons) == 1
            else f"{reasons[0]} (and {len(reasons) - 1} more unreadable files)"
        )
        spots.append(BlindSpot(prefix, reason, suffixes, kinds))
    return spots


def unreadable_count(
    facts: dict,
    unreadable_side: dict[str, str] | None = None,
    unlisted=(),
    invalid_configs: dict[str, str] | None = None,
) -> int:
    """``stats["files_unreadable"]``: every file the model could not read, tests included."""
    paths = {p for p, f in facts.items() if getattr(f, "unreadable", None)}
    paths |= set(unreadable_side or {}) | set(unlisted) | set(invalid_configs or {})
    return len(paths)
