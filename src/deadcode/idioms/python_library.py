"""Python packages others install and import: their public modules are used outside the repo.

- A packaged folder (what a ``pyproject.toml`` builds: hatch ``packages``, setuptools
  ``packages``/``packages.find``, poetry ``packages``, else the folder named after the project;
  a ``setup.py``/``setup.cfg`` folder's top-level packages) is a *published library* when its
  ``__init__`` exports names (``__all__``, imports from its own modules): an API for others.
- A published library with no app in it, and (as before) a sub-project with its own
  ``pyproject.toml``/``setup.py`` and no FastAPI app: its public modules (no ``_`` part) are entries.
- A published library that is also an app (it creates ``FastAPI()`` too, like a framework that
  serves its own UI): what the app does not reach may still be what users import, so its
  public modules are never certain-dead: a blind spot makes them ``unsure``.
- ``public_modules = ["pkg.data.*"]`` declares a library's public API: those modules are
  entries, and the rest of that package is judged like any other code (no blind spot, no
  automatic entries)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from deadcode.discover.config import module_match
from deadcode.graph.context import BlindSpot, is_test_path
from deadcode.idioms.base import Entry, Idiom, load_toml

MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")
FIND = "find:"  # a declared folder whose top-level packages setuptools finds


@dataclass(frozen=True)
class Package:
    marker: str  # the file that builds it
    folder: str  # the importable package folder, e.g. backend/chainlit
    published: bool  # its __init__ exports names: an API others import


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _join(*parts: str) -> str:
    return (
        posixpath.normpath("/".join(p for p in parts if p and p != "."))
        if any(p and p != "." for p in parts)
        else ""
    )


def _declared_folders(marker: str, text: str | None) -> list[str] | None:
    """Package folders a pyproject declares (relative to the repo), [] when it builds none we
    can tell, None when it is no package build at all."""
    if not marker.endswith("pyproject.toml"):
        return []
    data = load_toml(text or "")
    if not data:
        return None
    base = _folder(marker)
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    if not project and not poetry:
        return None
    out: list[str] = []
    hatch = (((tool.get("hatch") or {}).get("build") or {}).get("targets") or {}).get("wheel") or {}
    if isinstance(hatch, dict) and isinstance(hatch.get("packages"), list):
        out += [_join(base, str(p)) for p in hatch["packages"]]
    setuptools = tool.get("setuptools") if isinstance(tool.get("setuptools"), dict) else {}
    package_dir = setuptools.get("package-dir") if isinstance(setuptools.get("package-dir"), dict) else {}
    where_root = str(package_dir.get("", "")) if package_dir else ""
    packages = setuptools.get("packages")
    if isinstance(packages, list):
        tops = dict.fromkeys(str(p).split(".")[0] for p in packages)
        out += [_join(base, where_root, t) for t in tops]
    elif isinstance(packages, dict) and isinstance(packages.get("find"), dict):
        # packages = {find = {where = ["sdk/python"], exclude = [...]}}: the packages found there,
        # expanded by the caller (FIND marks a folder to search)
        find = packages["find"]
        wheres = find.get("where") if isinstance(find.get("where"), list) else ["."]
        out += [FIND + _join(base, str(w).strip("./") if str(w) not in (".", "./") else "") for w in wheres]
    if isinstance(poetry.get("packages"), list):
        for item in poetry["packages"]:
            if isinstance(item, dict) and isinstance(item.get("include"), str):
                out.append(_join(base, str(item.get("from", "")), item["include"]))
    return out


class PythonLibrary(Idiom):
    name = "python-library"
    summary = (
        "public modules of published Python packages (and of sub-projects with their own pyproject.toml/"
        "setup.py and no FastAPI app) are entries; a published package that is also an app keeps them "
        "`unsure`; `public_modules` declares the API"
    )
    enabled_when = "a pyproject.toml, setup.py or setup.cfg"

    # ------------------------------------------------------------------ what is packaged
    def packages(self, project) -> list[Package]:
        cached = getattr(project, "_python_packages", None)
        if cached is not None:
            return cached
        files = project.facts
        inits = {_folder(p) for p in files if p.endswith("/__init__.py")}
        out: list[Package] = []
        for marker in (p for p in project.files if p.rsplit("/", 1)[-1] in MARKERS and not is_test_path(p)):
            base = _folder(marker)
            declared = _declared_folders(
                marker, project.read_text(marker) if marker.endswith(".toml") else None
            )
            if declared is None:
                continue
            folders = [f for f in declared if f in inits]
            for where in (f[len(FIND) :] for f in declared if f.startswith(FIND)):
                folders += sorted(
                    f
                    for f in inits
                    if _folder(f) == where
                    and f.rsplit("/", 1)[-1].isidentifier()
                    and not is_test_path(f + "/x.py")
                )
            if not declared:  # no explicit list: the project's name, else its top-level packages
                name = self._project_name(project, marker)
                guesses = [_join(base, name), _join(base, "src", name)] if name else []
                folders = [g for g in guesses if g in inits][:1]
                if not folders and not marker.endswith("pyproject.toml"):
                    folders = sorted(
                        f
                        for f in inits
                        if _folder(f) in (base, _join(base, "src"))
                        and not is_test_path(f + "/x.py")
                        and f.rsplit("/", 1)[-1].isidentifier()
                    )
            for folder in folders:
                out.append(Package(marker, folder, self._exports(files.get(f"{folder}/__init__.py"))))
        project._python_packages = out
        return out

    @staticmethod
    def _project_name(project, marker: str) -> str:
        if not marker.endswith("pyproject.toml"):
            return ""
        data = load_toml(project.read_text(marker) or "")
        tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
        for table in (data.get("project"), tool.get("poetry")):
            if isinstance(table, dict) and isinstance(table.get("name"), str):
                return re.sub(r"[-.]+", "_", table["name"]).lower()
        return ""

    @staticmethod
    def _exports(init) -> bool:
        """An ``__init__`` that exports names: ``__all__``, or from-imports of its own modules."""
        py = init.py if init is not None else None
        if py is None:
            return False
        if py.all_names:
            return True
        return any(
            i.names
            and i.names != ("*",)
            and i.function is None
            and (i.module.startswith(".") or "." in i.module)
            for i in py.imports
        )

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _public(path: str, folder: str) -> bool:
        parts = path[len(folder) + 1 :].split("/")
        return (
            path.endswith(".py")
            and not is_test_path(path)
            and all(not part.startswith("_") or part == "__init__.py" for part in parts)
        )

    def _declared(self, project) -> tuple[str, ...]:
        return tuple(getattr(project.ctx.config, "public_modules", ()) or ())

    def _module(self, project, path: str) -> str | None:
        r = project.py_resolver
        return r.module_name(path) if r is not None else None

    def _covered_by_declaration(self, project, folder: str, patterns) -> bool:
        """Whether ``public_modules`` names a module of this package (then it is declared)."""
        if not patterns:
            return False
        name = self._module(project, f"{folder}/__init__.py") or folder.rsplit("/", 1)[-1]
        return any(p == name or p.startswith(name + ".") or module_match(name, p) for p in patterns)

    @staticmethod
    def _has_app(project, folder: str) -> bool:
        holders = getattr(project.ctx, "app_holders", {})
        return any(
            p.startswith(folder + "/") and (f.py is not None and f.py.apps or p in holders)
            for p, f in project.facts.items()
        )

    # ------------------------------------------------------------------ hooks
    def entries(self, project):
        patterns = self._declared(project)
        if patterns:
            for p, f in project.facts.items():
                if f.py is None or is_test_path(p):
                    continue
                module = self._module(project, p)
                if module and any(module_match(module, pat) for pat in patterns):
                    yield Entry(p, "public module (public_modules)")
        declared = [
            pkg.folder
            for pkg in self.packages(project)
            if self._covered_by_declaration(project, pkg.folder, patterns)
        ]
        for pkg in self.packages(project):
            if pkg.folder in declared or not pkg.published or self._has_app(project, pkg.folder):
                continue
            for p in project.facts:
                if p.startswith(pkg.folder + "/") and self._public(p, pkg.folder):
                    yield Entry(p, f"public module of the published package {pkg.folder} ({pkg.marker})")
        # a sub-project with its own pyproject.toml / setup.py and no app: a library others install
        for marker in (p for p in project.files if p.rsplit("/", 1)[-1] in MARKERS and "/" in p):
            prefix = _folder(marker) + "/"
            members = [
                p
                for p, f in project.facts.items()
                if f.py is not None and p.startswith(prefix) and not is_test_path(p)
            ]
            if not members or any(project.facts[p].py.apps for p in members):
                continue
            if any(d.startswith(prefix) for d in declared):
                continue  # its API is declared: the rest is judged
            for p in members:
                parts = p[len(prefix) :].split("/")
                if all(not part.startswith("_") or part == "__init__.py" for part in parts):
                    yield Entry(p, f"public module of library {marker}")

    def blind_spots(self, project):
        patterns = self._declared(project)
        for pkg in self.packages(project):
            if not pkg.published or not self._has_app(project, pkg.folder):
                continue
            if self._covered_by_declaration(project, pkg.folder, patterns):
                continue
            why = (
                f"public module of {pkg.folder}, a published package ({pkg.marker} builds it) that is also an app: "
                "code outside this repository may import it; declare public_modules to decide"
            )
            for p in sorted(project.facts):
                if p.startswith(pkg.folder + "/") and self._public(p, pkg.folder):
                    yield BlindSpot(p, why)


IDIOM = PythonLibrary()
