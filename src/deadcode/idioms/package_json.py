"""npm packages in the repository: ``main``, ``module``, ``exports``, ``bin``, ``types`` and
``browser`` entries are entries (build output mapped back to sources: ``dist/index.js`` ->
``src/index.ts``); a package none of whose files is an entry and that declares none keeps all
its files (an email-template CLI, a storybook: we cannot know how it runs); a JS/TS file in no
package that nothing imports is a script."""

from __future__ import annotations

import re

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom

ENTRY_KEYS = ("main", "module", "source", "types", "typings", "browser", "react-native", "svelte")


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def package_files(prefix: str, names: list[str], members: list[str]) -> list[str]:
    """Files of a package named in its package.json, build output mapped back to sources."""
    named = [prefix + n.lstrip("./") for n in names]
    named += [prefix + re.sub(r"^(dist|build|lib|out|esm|cjs)/", "src/", n[len(prefix):]) for n in named]
    stems = {re.sub(r"\.(d\.ts|[cm]?[jt]sx?)$", "", n) for n in named}
    stems |= {s[: -len("/index")] for s in stems if s.endswith("/index")}
    out = []
    for p in members:
        stem = re.sub(r"\.[cm]?[jt]sx?$", "", p)
        if p in named or stem in stems or (stem.endswith("/index") and stem[: -len("/index")] in stems):
            out.append(p)
    return out


class PackageJson(Idiom):
    name = "package-json"
    summary = "`main`/`module`/`exports`/`bin`/`types` of every package.json are entries; a package with none keeps its files"

    def entries(self, project):
        ts_files = [p for p, f in project.facts.items() if f.ts is not None and not is_test_path(p)]
        packages = [pj[: -len("package.json")] for pj in project.package_jsons]
        for pj, data in project.package_jsons.items():
            prefix = pj[: -len("package.json")]
            nested = [n for n in packages if n != prefix and n.startswith(prefix)]
            members = [p for p in ts_files if p.startswith(prefix) and not any(p.startswith(n) for n in nested)]
            if not members:
                continue
            declared = [v for k in ENTRY_KEYS if isinstance(v := data.get(k), str)]
            declared += strings(data.get("bin")) + strings(data.get("exports"))
            for p in package_files(prefix, declared, members):
                yield Entry(p, f"entry of package {pj}")


class UnclaimedPackages(Idiom):
    """Runs after every other idiom: a package with no entry at all keeps its files."""

    name = "package-json-fallback"
    summary = "a package.json package with no detectable entry keeps all its files (set `entry`)"

    # entries that do not run the package's own code: a package with only these has no app entry
    TOOLING = ("tool configuration", "run by", "CI script", "standalone script", "framework file by name")

    def entries_after(self, project, reasons: dict[str, str]):
        found = {p for p, why in reasons.items() if not why.startswith(self.TOOLING)}
        ts_files = [p for p, f in project.facts.items() if f.ts is not None and not is_test_path(p)]
        packages = [pj[: -len("package.json")] for pj in project.package_jsons]
        for pj in project.package_jsons:
            prefix = pj[: -len("package.json")]
            nested = [n for n in packages if n != prefix and n.startswith(prefix)]
            members = [p for p in ts_files if p.startswith(prefix) and not any(p.startswith(n) for n in nested)]
            if members and not any(p in found for p in members):
                for p in members:
                    yield Entry(p, f"package {pj} has no detectable entry: its files are kept (set `entry`)")


class StandaloneScripts(Idiom):
    name = "js-scripts"
    summary = "a JS/TS file in no package under `scripts/`, `tools/`, `bin/`, `docs/`, `examples/` (or a .js outside `src/`) that nothing imports is a script"

    def entries(self, project):
        g = project.graph
        packages = [pj[: -len("package.json")] for pj in project.package_jsons]
        for p, f in project.facts.items():
            if f.ts is None or is_test_path(p) or any(p.startswith(prefix) for prefix in packages):
                continue
            parts = p.split("/")
            scriptish = set(parts[:-1]) & {"scripts", "docs", "tools", "bin", "examples"} or (
                p.endswith((".js", ".mjs", ".cjs")) and "src" not in parts)
            if scriptish and not any(e.kind in ("import", "lazy-import") for e in g.inc.get(f"file:{p}", ())):
                yield Entry(p, "standalone script outside any package")


IDIOM = PackageJson()
FALLBACK = UnclaimedPackages()
SCRIPTS = StandaloneScripts()
