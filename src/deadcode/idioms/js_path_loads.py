"""JS/TS code that runs another code file by its path, not by an import: a worker
(``new Worker(new URL("./worker.ts", import.meta.url))``), a child process
(``spawn(process.execPath, [path.join(__dirname, "..", "sender.cjs")])``, ``fork``), a
``require.resolve("./x.js")``. A string naming an existing code file next to the module (or one
folder up, the ``..`` of ``path.join(__dirname, "..", x)``, or at the package root), in a module
that builds paths from its own location, loads that file."""

from __future__ import annotations

import posixpath
import re

from deadcode.idioms import npm
from deadcode.idioms.base import Idiom, Load

CODE = re.compile(r"\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$")
PATH_BUILDERS = re.compile(
    r"__dirname|__filename|import\.meta\.(url|dirname|resolve)|require\.resolve\(|new Worker\(|"
    r"\bfork\(|\bspawn\(|\bexecFile\(|\bexecFileSync\(|\bspawnSync\("
)


class JsPathLoads(Idiom):
    name = "js-path-loads"
    summary = "a code file named by path in a module that builds paths from its location (`__dirname`, `import.meta.url`, `new Worker`, `fork`, `spawn`) is loaded by it"

    def link(self, project):
        folders = npm.package_folders(project)
        for path, f in sorted(project.facts.items()):
            if f.ts is None:
                continue
            tokens = [(t, n) for t, n in f.mentions if CODE.search(t) and "*" not in t]
            if not tokens:
                continue
            text = project.read_text(path) or ""
            if not PATH_BUILDERS.search(text):
                continue
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            package = npm.owner_package(folders, path)
            bases = [folder, folder.rsplit("/", 1)[0] if "/" in folder else ""]
            if package is not None:
                bases.append(package)
            for token, line in tokens:
                for base in dict.fromkeys(bases):
                    target = posixpath.normpath(posixpath.join(base, token.lstrip("/")))
                    if target != path and target in project.facts and not target.startswith(".."):
                        yield Load(path, target, f"{path}:{line}", f"runs {token} by path")
                        break


IDIOM = JsPathLoads()
