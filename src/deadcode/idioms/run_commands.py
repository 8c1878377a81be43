"""Files that deployment and tooling commands run: a Dockerfile ``CMD``/``ENTRYPOINT``/``RUN``, a
compose or Kubernetes ``command``, a Procfile, a Makefile or justfile target, a shell script, a
CI step, ``package.json`` scripts, ``[project.scripts]`` and entry points. Any code file such a
file names (``scripts/seed.py``, ``app.main:app``, ``-m app.worker``) is an entry."""

from __future__ import annotations

import posixpath
import re

from deadcode.facts.mentions import text_mentions
from deadcode.idioms.base import Entry, Idiom, load_toml

RUN_FILES = re.compile(
    r"(^|/)(Dockerfile[^/]*|[^/]*\.Dockerfile|Containerfile|Procfile|Makefile|GNUmakefile|[^/]*\.mk|justfile|Justfile"
    r"|[^/]*\.(sh|bash|zsh|ps1|bat|cmd)|tox\.ini|supervisord[^/]*\.conf|[^/]*\.service|Jenkinsfile"
    r"|(docker-)?compose[^/]*\.ya?ml|\.gitlab-ci\.ya?ml|azure-pipelines[^/]*\.ya?ml|bitbucket-pipelines\.ya?ml"
    r"|app\.ya?ml|fly\.toml|render\.ya?ml|railway\.(json|toml)|vercel\.json|netlify\.toml|nixpacks\.toml)$"
    r"|(^|/)\.github/workflows/[^/]+\.ya?ml$|(^|/)\.circleci/[^/]+\.ya?ml$|(^|/)templates/[^/]+\.ya?ml$"
    r"|(^|/)(k8s|kubernetes|manifests|deploy|deployment|charts?)/.*\.ya?ml$"
)
CODE_EXT = (".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
MODULE = re.compile(r"^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?::[A-Za-z_][\w.]*)?$")


COMMAND_KEY = re.compile(
    r"^(\s*)(?:-\s+)?(command|entrypoint|run|script|args|cmd|before_script|after_script"
    r"|test|exec|start|startCommand|buildCommand|preDeployCommand|release)\s*:",
    re.I,
)


def command_lines(text: str) -> set[int]:
    """Line numbers of a YAML file that hold commands: a command-like key's line and the lines
    indented below it (compose ``command``, CI ``run``/``script``, k8s ``command``/``args``).
    Environment values and labels name things without running them: mentions, not commands."""
    out: set[int] = set()
    indent = None
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if indent is not None:
            if not stripped or stripped.startswith("#"):
                continue
            if len(line) - len(line.lstrip()) > indent:
                out.add(n)
                continue
            indent = None
        m = COMMAND_KEY.match(line)
        if m:
            out.add(n)
            indent = len(m.group(1))
    return out


class _Files:
    """Repo files by their trailing path parts, for tokens written relative to somewhere else
    (a container's ``/app``, a Dockerfile's build context)."""

    def __init__(self, files):
        self.files = set(files)
        # by file name only (one entry per file, not one per trailing part): a token's hits are
        # the files of its name that end with it at a part boundary
        self.by_name: dict[str, list[str]] = {}
        for f in self.files:
            if f.endswith(CODE_EXT):
                self.by_name.setdefault(f.rsplit("/", 1)[-1], []).append(f)

    def _ending_with(self, tail: str) -> list[str]:
        """The code files whose trailing path parts are ``tail``."""
        return [
            f for f in self.by_name.get(tail.rsplit("/", 1)[-1], ()) if f == tail or f.endswith("/" + tail)
        ]

    def named(self, token: str, base: str) -> list[str]:
        tok = token.strip()
        if not tok.endswith(CODE_EXT):
            return []
        tok = tok.lstrip("./") if tok.startswith("./") else tok
        for cand in (posixpath.normpath(posixpath.join(base, tok)), tok.lstrip("/")):
            if cand in self.files:
                return [cand]
        hits = self._ending_with(tok.lstrip("/"))
        if "/" in tok.strip("/"):
            return sorted(hits)
        # a bare file name: the one in the naming file's folder or below it
        return sorted(h for h in hits if not base or h.startswith(base + "/"))


class RunCommands(Idiom):
    name = "run-commands"
    summary = "code files named by Dockerfiles, compose/k8s commands, Procfiles, Makefiles, shell and CI scripts, package.json scripts and `[project.scripts]` are entries"

    def entries(self, project):
        files = _Files(project.files)
        resolver = project.py_resolver
        sources: list[tuple[str, tuple]] = []
        for path, f in project.facts.items():
            if f.lang in ("yaml", "dotenv") and RUN_FILES.search(path):
                lines = command_lines(project.read_text(path) or "")
                sources.append((path, tuple((t, n) for t, n in f.mentions if n in lines)))
        for path, tokens in getattr(project.ctx, "text_mentions", {}).items():
            if RUN_FILES.search(path):
                sources.append((path, tokens))
        for path, tokens in sources:
            base = path.rsplit("/", 1)[0] if "/" in path else ""
            for token, line in tokens:
                yield from self._named(path, base, token, line, files, resolver)
        yield from self._package_scripts(project, files, resolver)
        yield from self._python_scripts(project, resolver)

    def _named(self, path, base, token, line, files, resolver):
        why = f"run by {path}:{line}"
        for hit in files.named(token, base):
            yield Entry(hit, why)
        m = MODULE.match(token)
        if m and resolver is not None:
            module = m.group(1)
            for cand in (module, module.rsplit(".", 1)[0]):  # "app.main:app", "pkg.cli.main"
                target = resolver.resolve(cand, posixpath.join(base, "__deadcode__.py"))
                if target:
                    yield Entry(target, why)
                    break

    def _package_scripts(self, project, files, resolver):
        for pj, data in project.package_jsons.items():
            scripts = data.get("scripts")
            if not isinstance(scripts, dict):
                continue
            base = pj.rsplit("/", 1)[0] if "/" in pj else ""
            for name, command in scripts.items():
                for token, _line in text_mentions(str(command).encode()):
                    for hit in files.named(token, base):
                        yield Entry(hit, f'run by script "{name}" of {pj}')

    def _python_scripts(self, project, resolver):
        """``[project.scripts]``, ``[project.entry-points.*]``, ``[tool.poetry.scripts]``."""
        for path, text in project.side_texts.items():
            if path.rsplit("/", 1)[-1] != "pyproject.toml":
                continue
            data = load_toml(text)
            if not data:
                continue
            project_table = data.get("project") if isinstance(data.get("project"), dict) else {}
            poetry = (data.get("tool") or {}).get("poetry") if isinstance(data.get("tool"), dict) else None
            tables = [
                project_table.get("scripts"),
                project_table.get("gui-scripts"),
                *(project_table.get("entry-points") or {}).values(),
                (poetry or {}).get("scripts") if isinstance(poetry, dict) else None,
            ]
            base = path.rsplit("/", 1)[0] if "/" in path else ""
            for table in tables:
                if not isinstance(table, dict):
                    continue
                for name, target in table.items():
                    target = target.get("reference", "") if isinstance(target, dict) else str(target)
                    module = target.split(":", 1)[0].strip()
                    found = (
                        resolver.resolve(module, posixpath.join(base, "__deadcode__.py")) if module else None
                    )
                    if found:
                        yield Entry(found, f"console script {name} of {path}")


IDIOM = RunCommands()
