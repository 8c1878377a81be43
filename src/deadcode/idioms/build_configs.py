"""Files a build or test tool's configuration names: a library's entry map (``tsup.config.ts``
``entry``, Vite ``build.lib.entry``, rollup ``input``, webpack ``entry``, esbuild
``entryPoints``) and a test runner's setup files (vitest/jest ``setupFiles``,
``setupFilesAfterEnv``, ``globalSetup``, ``globalTeardown``, also under package.json ``jest``).
Only the values of those keys are read: a ``coverage.include`` glob names no entry."""

from __future__ import annotations

import json
import posixpath
import re

from deadcode.discover.config import glob_match
from deadcode.idioms.base import Entry, Idiom

CONFIG_FILE = re.compile(
    r"(^|/)(tsup|tsdown|rollup|vite|vitest|vitest\.workspace|webpack|rspack|rsbuild|unbuild|build|esbuild|jest"
    r"|playwright|electron\.vite|karma|wdio)\.config(\.[\w-]+)?\.[cm]?[jt]s$"
)
BUILD_KEYS = ("entry", "entries", "input", "entryPoints")
SETUP_KEYS = ("setupFiles", "setupFilesAfterEnv", "globalSetup", "globalTeardown", "setupFile", "testSetup")
KEY = re.compile(r"""(?<![\w$.])["']?(""" + "|".join(BUILD_KEYS + SETUP_KEYS) + r""")["']?\s*:\s*""")
STRING = re.compile(r"""(["'`])([^"'`\n$]+)\1""")
# a template an entry map computes per item (rollup `input: \`src/${name}.ts\``): a glob
TEMPLATE = re.compile(r"`([^`\n]*\$\{[^`\n]*)`")
SUBSTITUTION = re.compile(r"\$\{[^}]*\}")
CODE = re.compile(r"\.(d\.ts|[cm]?[jt]sx?)$")


def _value(text: str, start: int) -> str:
    """The value text after ``key:``: a bracketed literal, a call, or up to the line's end."""
    if start < len(text) and text[start] in "[{(":
        pairs, depth = {"[": "]", "{": "}", "(": ")"}, []
        for i in range(start, len(text)):
            c = text[i]
            if c in pairs:
                depth.append(pairs[c])
            elif depth and c == depth[-1]:
                depth.pop()
                if not depth:
                    return text[start : i + 1]
        return text[start:]
    end = text.find("\n", start)
    value = text[start : end if end >= 0 else len(text)]
    if "(" in value:  # resolve(__dirname, "src/index.ts"), on one line or several
        close = text.find(")", start)
        value = text[start : close + 1 if close >= 0 else len(text)]
    return value


def named_files(text: str, folder: str, files: set[str], code_files: list[str]) -> list[tuple[str, str]]:
    """(key, file) for each file the config's entry and setup keys name (paths relative to the
    config's folder, ``<rootDir>/x``, ``resolve(__dirname, "x")``, globs for entry maps)."""
    out = []
    for m in KEY.finditer(text):
        key, value = m.group(1), _value(text, m.end())
        strings = [s.group(2) for s in STRING.finditer(value)]
        if key in BUILD_KEYS:
            for t in TEMPLATE.finditer(value):
                glob = SUBSTITUTION.sub("*", t.group(1))
                if CODE.search(glob):  # `src/${name}.ts`, not `${entry}` alone
                    strings.append(glob)
        if "(" in value and len(strings) > 1:  # resolve(__dirname, "src", "index.ts")
            strings.append("/".join(s.strip("/") for s in strings))
        for raw in strings:
            rel = raw.replace("<rootDir>/", "").strip()
            if not rel or rel.startswith(("http:", "https:", "node:")):
                continue
            if "*" in rel:
                if key in BUILD_KEYS:
                    pattern = (
                        posixpath.normpath(posixpath.join(folder, rel)) if folder else posixpath.normpath(rel)
                    )
                    out += [(key, p) for p in code_files if glob_match(p, pattern)]
                continue
            if not (CODE.search(rel) or "/" in rel):
                continue  # a bare word: a format, a name, a package
            path = posixpath.normpath(posixpath.join(folder, rel)) if folder else posixpath.normpath(rel)
            stem = CODE.sub("", path)
            for cand in [path] + [
                stem + e
                for e in (
                    ".ts",
                    ".tsx",
                    ".js",
                    ".jsx",
                    ".mjs",
                    ".cjs",
                    ".mts",
                    ".cts",
                    "/index.ts",
                    "/index.tsx",
                    "/index.js",
                )
            ]:
                if cand in files:
                    out.append((key, cand))
                    break
    return out


class BuildConfigs(Idiom):
    name = "build-configs"
    summary = (
        "files named by a build config's entry map (tsup `entry`, Vite `build.lib.entry`, rollup `input`, "
        "webpack `entry`, esbuild `entryPoints`; a per-item template `src/${name}.ts` is a glob) or a test runner's `setupFiles`/`globalSetup` are entries"
    )

    def entries(self, project):
        files = set(project.facts)
        code = sorted(p for p, f in project.facts.items() if f.ts is not None)
        for config in sorted(p for p in project.files if CONFIG_FILE.search(p)):
            text = project.read_text(config) or ""
            folder = config.rsplit("/", 1)[0] if "/" in config else ""
            for key, path in named_files(text, folder, files, code):
                if path != config:
                    yield Entry(path, self._why(key, config))
        for manifest, data in sorted(project.package_jsons.items()):
            jest = data.get("jest")
            if isinstance(jest, dict):
                folder = manifest.rsplit("/", 1)[0] if "/" in manifest else ""
                for key, path in named_files(json.dumps(jest), folder, files, code):
                    yield Entry(path, self._why(key, f"{manifest} jest"))

    @staticmethod
    def _why(key: str, config: str) -> str:
        if key in SETUP_KEYS:
            return f"tool configuration: {key} of {config}"
        return f"entry of build config {config} ({key})"


IDIOM = BuildConfigs()
