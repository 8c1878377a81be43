"""npm packages in the repository: ``main``, ``module``, ``exports``, ``bin``, ``types`` and
``browser`` entries are entries (build output mapped back to sources: ``dist/index.js`` ->
``src/index.ts``, or ``index.ts`` when the package compiles its own root); so are the files a
plugin manifest key names (``n8n.nodes``, ``pi.extensions``: any key naming code files, globs
included) and the task file a script's runner loads (``gulp`` -> ``gulpfile.js``). A package
none of whose files is an entry and that declares none keeps all its files (an email-template
CLI, a storybook: we cannot know how it runs); a JS/TS file in no package that nothing imports
is a script."""

from __future__ import annotations

import re

from deadcode.discover.config import glob_match
from deadcode.graph.context import is_test_path
from deadcode.idioms import npm
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


BUILD_DIR = re.compile(r"^(dist|build|lib|out|esm|cjs|es)/")
CODE_NAME = re.compile(r"\.(d\.ts|[cm]?[jt]sx?)$")
# keys whose strings name no entry: metadata, dependency maps, publish globs ("files": ["dist"]),
# files with side effects, type maps, and tool settings other idioms read (scripts, jest)
NOT_ENTRY_KEYS = frozenset(
    {
        "name",
        "version",
        "description",
        "keywords",
        "homepage",
        "bugs",
        "license",
        "author",
        "contributors",
        "funding",
        "repository",
        "files",
        "directories",
        "man",
        "config",
        "private",
        "type",
        "packageManager",
        "engines",
        "os",
        "cpu",
        "workspaces",
        "publishConfig",
        "sideEffects",
        "typesVersions",
        "scripts",
        "dependencies",
        "devDependencies",
        "peerDependencies",
        "optionalDependencies",
        "bundledDependencies",
        "bundleDependencies",
        "peerDependenciesMeta",
        "dependenciesMeta",
        "overrides",
        "resolutions",
        "pnpm",
        "jest",
        "eslintConfig",
        "prettier",
        "stylelint",
        "browserslist",
        "lint-staged",
        "husky",
        "nodemonConfig",
        "imports",
    }
)
ENTRY_LIKE_KEYS = frozenset(ENTRY_KEYS) | {"bin", "exports"}
# task runners a script names, and the file each loads from the package folder
TASK_FILES = {
    "gulp": re.compile(r"^gulpfile(\.babel)?\.[cm]?[jt]s$", re.IGNORECASE),
    "grunt": re.compile(r"^gruntfile\.[cm]?[jt]s$", re.IGNORECASE),
    "jake": re.compile(r"^jakefile\.[cm]?[jt]s$", re.IGNORECASE),
}


def _sources_of(rel: str) -> list[str]:
    """A path named by a manifest, and where its source lives when it names build output:
    ``dist/x/y.js`` -> ``src/x/y.js`` (rootDir src) and ``x/y.js`` (the package compiles its root)."""
    rel = rel.strip()
    while rel.startswith("./"):
        rel = rel[2:]
    out = [rel]
    m = BUILD_DIR.match(rel)
    if m:
        rest = rel[m.end() :]
        sub = BUILD_DIR.match(rest)  # dist/esm/x.js
        for r in [rest] + ([rest[sub.end() :]] if sub else []):
            out += ["src/" + r, r]
    return out


def package_files(prefix: str, names: list[str], members: list[str]) -> list[str]:
    """Files of a package named in its package.json (paths or globs), build output mapped back
    to sources; the emitted extension says nothing of the source's (``x.js`` names ``x.ts``)."""
    stems: set[str] = set()
    globs: list[str] = []
    for name in names:
        for rel in _sources_of(name):
            if "*" in rel:
                globs.append(prefix + CODE_NAME.sub("", rel))
            else:
                stem = prefix + CODE_NAME.sub("", rel)
                stems.add(stem)
                if stem.endswith("/index"):
                    stems.add(stem[: -len("/index")])
    out = []
    for p in members:
        stem = CODE_NAME.sub("", p)
        if (
            stem in stems
            or (stem.endswith("/index") and stem[: -len("/index")] in stems)
            or any(glob_match(stem, g) for g in globs)
        ):
            out.append(p)
    return out


def manifest_file_names(data: dict) -> list[tuple[str, str]]:
    """(key path, string) of every string under a key that is not metadata, a dependency map or a
    tool's settings and that names a code file (``n8n.nodes[0]`` = ``dist/nodes/x.node.js``)."""
    out: list[tuple[str, str]] = []

    def walk(value, where: str) -> None:
        if isinstance(value, str):
            text = value.strip()
            if CODE_NAME.search(text) and not re.match(r"^[a-z][a-z0-9+.-]*:|^/", text) and " " not in text:
                out.append((where, text))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    for key, value in data.items():
        if key not in NOT_ENTRY_KEYS and key not in ENTRY_LIKE_KEYS:
            walk(value, key)
    return out


class PackageJson(Idiom):
    name = "package-json"
    summary = (
        "`main`/`module`/`exports`/`bin`/`types` of every package.json, files a plugin manifest key names "
        "(`n8n.nodes`, `pi.extensions`) and the task file of a script's runner (`gulp` -> `gulpfile.js`) are "
        "entries; a package with none keeps its files"
    )

    def entries(self, project):
        ts_files = [p for p, f in project.facts.items() if f.ts is not None and not is_test_path(p)]
        packages = [pj[: -len("package.json")] for pj in project.package_jsons]
        for pj, data in project.package_jsons.items():
            prefix = pj[: -len("package.json")]
            nested = [n for n in packages if n != prefix and n.startswith(prefix)]
            members = [
                p for p in ts_files if p.startswith(prefix) and not any(p.startswith(n) for n in nested)
            ]
            if not members:
                continue
            declared = [v for k in ENTRY_KEYS if isinstance(v := data.get(k), str)]
            declared += strings(data.get("bin")) + strings(data.get("exports"))
            for p in package_files(prefix, declared, members):
                yield Entry(p, f"entry of package {pj}")
            for where, name in manifest_file_names(data):
                for p in package_files(prefix, [name], members):
                    yield Entry(p, f"named by {pj} key {where}")
            for runner, pattern in TASK_FILES.items():
                scripts = npm.runs_binary(data, runner)
                if not scripts:
                    continue
                for p in members:
                    if "/" not in p[len(prefix) :] and pattern.match(p[len(prefix) :]):
                        yield Entry(
                            p, f'run by script "{scripts[0]}" of {pj} ({runner} loads {p[len(prefix) :]})'
                        )


class UnclaimedPackages(Idiom):
    """Runs after every other idiom: a package with no entry at all keeps its files."""

    name = "package-json-fallback"
    summary = "a package.json package with no detectable entry keeps all its files (set `entry`)"

    # entries that do not run the package's own code: a package with only these has no app entry
    TOOLING = (
        "tool configuration",
        "run by",
        "CI script",
        "standalone script",
        "framework file by name",
        "static file",
    )

    def entries_after(self, project, reasons: dict[str, str]):
        found = {p for p, why in reasons.items() if not why.startswith(self.TOOLING)}
        ts_files = [p for p, f in project.facts.items() if f.ts is not None and not is_test_path(p)]
        packages = [pj[: -len("package.json")] for pj in project.package_jsons]
        for pj in project.package_jsons:
            prefix = pj[: -len("package.json")]
            nested = [n for n in packages if n != prefix and n.startswith(prefix)]
            members = [
                p for p in ts_files if p.startswith(prefix) and not any(p.startswith(n) for n in nested)
            ]
            if members and not any(p in found for p in members):
                for p in members:
                    yield Entry(p, f"package {pj} has no detectable entry: its files are kept (set `entry`)")


# a statement at column 0 that calls something: `main();`, `main().catch(console.error)`,
# `await run()`, `void main()` -- a file run directly, not a module others import
TOP_LEVEL_CALL = re.compile(
    r"^(?:void\s+|await\s+)?(?!if\b|for\b|while\b|switch\b|return\b|function\b|export\b|import\b)"
    r"[A-Za-z_$][\w$.]*\([^\n]*\)[^\n]*;?\s*$",
    re.MULTILINE,
)
SCRIPT_FOLDERS = frozenset({"scripts", "docs", "tools", "bin", "examples", "example", "demo", "demos"})


class StandaloneScripts(Idiom):
    name = "js-scripts"
    summary = (
        "a JS/TS file in no package under `scripts/`, `tools/`, `bin/`, `docs/`, `examples/` (or a .js outside `src/`) "
        "that nothing imports is a script; inside a package, such a file that runs top-level code (`main()`) is too"
    )

    def entries(self, project):
        g = project.graph
        packages = [pj[: -len("package.json")] for pj in project.package_jsons]
        for p, f in project.facts.items():
            if f.ts is None or is_test_path(p):
                continue
            if any(e.kind in ("import", "lazy-import") for e in g.inc.get(f"file:{p}", ())):
                continue
            owner = max((prefix for prefix in packages if p.startswith(prefix)), key=len, default=None)
            parts = p.split("/")
            if owner is None:
                scriptish = set(parts[:-1]) & SCRIPT_FOLDERS or (
                    p.endswith((".js", ".mjs", ".cjs")) and "src" not in parts
                )
                if scriptish:
                    yield Entry(p, "standalone script outside any package")
            elif set(p[len(owner) :].split("/")[:-1]) & SCRIPT_FOLDERS and TOP_LEVEL_CALL.search(
                project.read_text(p) or ""
            ):
                yield Entry(p, "standalone script (runs top-level code)")


IDIOM = PackageJson()
FALLBACK = UnclaimedPackages()
SCRIPTS = StandaloneScripts()
