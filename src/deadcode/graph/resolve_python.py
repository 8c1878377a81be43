"""Python module resolution over the set of analysed files: dotted names -> file paths.

Pure: no filesystem access. A lookup builds the candidate paths from the module name and probes
a set, so ``resolve`` costs O(roots x name length) and is memoised per (module, importer folder).
Python's own precedence is followed where it decides which file runs: a regular package
(``pkg/__init__.py``) beats a module (``pkg.py``) in the same folder, a module beats a namespace
folder, and namespace folders only count when no root holds a file for the name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

# Top-level files that are tooling, not modules other code imports: they do not make the
# repository root an import root on their own.
_TOOLING = frozenset({"setup.py", "conftest.py", "noxfile.py", "fabfile.py", "dodo.py"})


def _norm_dir(path: str) -> str:
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    path = path.strip("/")
    return "" if path == "." else path


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _join(base: str, rest: str) -> str:
    if not base:
        return rest
    return f"{base}/{rest}" if rest else base


def _depth(path: str) -> int:
    return path.count("/") + 1 if path else 0


def _is_identifier(part: str) -> bool:
    return part.isidentifier()


def detect_python_roots(files: Iterable[str]) -> tuple[str, ...]:
    """Import roots (``sys.path`` entries) guessed from the layout, most specific first.

    - the parent of every top-level package (a folder with ``__init__.py`` whose parent has none):
      ``backend/app/__init__.py`` -> ``backend``;
    - a ``src`` folder (not itself a package) holding modules directly: ``src/tool.py`` -> ``src``;
    - the repository root ``""`` when it holds modules that can import each other: a non-tooling
      top-level module next to another top-level module or a top-level folder of Python files.
    """
    py = sorted({p for p in files if p.endswith(".py")})
    inits = {_parent(p) for p in py if p.rsplit("/", 1)[-1] == "__init__.py"}
    roots: set[str] = set()
    for pkg in inits:
        if pkg == "":  # an __init__.py at the repository root makes no importable package
            continue
        parent = _parent(pkg)
        name = pkg.rsplit("/", 1)[-1]
        if parent not in inits and _is_identifier(name):
            roots.add(parent)
    for p in py:
        folder = _parent(p)
        if folder.rsplit("/", 1)[-1] == "src" and folder not in inits:
            roots.add(folder)
    top_modules = [p for p in py if "/" not in p]
    if any(p not in _TOOLING for p in top_modules):
        top_dirs_with_py = any("/" in p for p in py)
        if len(top_modules) >= 2 or top_dirs_with_py:
            roots.add("")
    return tuple(sorted(roots, key=lambda r: (-_depth(r), r)))


class PythonResolver:
    """Resolves dotted module names to files of ``files`` under the import ``roots``.

    Absolute names are tried under the roots that hold the importer first (most specific
    first: like Python run for that project, whose own folder is first on ``sys.path``), then
    the importer's project folder (``projects``: folders with a ``pyproject.toml``/``setup.py``,
    run from there: ``enterprise/`` importing ``server.auth``), then every other root in order,
    then (as Python does for a script or pytest's rootdir insertion) the importer's base folder
    (the first ancestor folder that is not a package) and that folder's ancestors. A module
    found in two roots of which neither holds the importer is ambiguous: the first root wins
    and ``ambiguous`` records it (the scan warns). Relative names resolve against the importer's
    package and never climb to or above the outermost root holding the importer.
    """

    def __init__(
        self,
        files: Iterable[str],
        roots: Iterable[str] = (),
        *,
        importer_dirs: bool = True,
        scripts: Iterable[str] = (),
        projects: Iterable[str] = (),
    ):
        self.files = frozenset(p for p in files if p.endswith(".py"))
        self.scripts = frozenset(scripts)  # files run as scripts: their own folder is sys.path[0]
        self.roots = tuple(dict.fromkeys(_norm_dir(r) for r in roots))
        self.projects = tuple(sorted({_norm_dir(p) for p in projects} - {""}, key=lambda d: (-_depth(d), d)))
        self.ambiguous: dict[str, tuple[str, str, str]] = {}  # module -> (chosen root, other root, importer)
        self._root_order: dict[str, tuple[str, ...]] = {}
        self.importer_dirs = importer_dirs
        self._sorted = sorted(self.files)
        self.dirs: set[str] = {""}
        for p in self.files:
            d = _parent(p)
            while d not in self.dirs:
                self.dirs.add(d)
                d = _parent(d)
        self._base_dirs: dict[str, tuple[str, ...]] = {}
        self._memo: dict[tuple[str, str, bool], tuple[str | None, tuple[str, ...]]] = {}
        self._rooted: dict[tuple[str, tuple[str, ...]], tuple[str | None, tuple[str, ...]]] = {}

    # ------------------------------------------------------------------ lookups
    def _file_at(self, base: str) -> str | None:
        """The file that runs for the module at ``base`` (a path without extension)."""
        init = _join(base, "__init__.py")
        if init in self.files:
            return init
        if base and base + ".py" in self.files:
            return base + ".py"
        return None

    def _fallback_dirs(self, importer_dir: str) -> tuple[str, ...]:
        """The importer's base folder (first ancestor that is no package) and its ancestors."""
        hit = self._base_dirs.get(importer_dir)
        if hit is None:
            d = importer_dir
            while d and _join(d, "__init__.py") in self.files:
                d = _parent(d)
            out = [d]
            while d:
                d = _parent(d)
                out.append(d)
            hit = tuple(x for x in out if x not in self.roots)
            self._base_dirs[importer_dir] = hit
        return hit

    def _relative_base(self, dots: int, importer: str) -> str | None:
        """The package folder ``dots`` leading dots name from ``importer``, None beyond the top."""
        folder = _parent(importer)
        for _ in range(dots - 1):
            if not folder:
                return None
            folder = _parent(folder)
        containing = [r for r in self.roots if r == "" or importer.startswith(r + "/")]
        if containing:
            top = min(containing, key=_depth)
            # The package must lie strictly inside a root: a root itself is no package.
            inside = bool(folder) if top == "" else folder.startswith(top + "/")
            if not inside:
                return None
        return folder

    def _module_path(self, module: str) -> tuple[int, str] | None:
        """(leading dots, the rest as a path) of a module name; None if it names no module."""
        stripped = module.lstrip(".")
        dots = len(module) - len(stripped)
        parts = stripped.split(".") if stripped else []
        if not all(_is_identifier(p) for p in parts) or (not parts and not dots):
            return None
        return dots, "/".join(parts)

    def _fallback_bases(self, importer: str, bases: tuple[str, ...]) -> list[str]:
        """The folders an absolute import is looked up in after the roots (``bases``), with
        ``importer_dirs``: the importer's base folder and its ancestors, then any folder above the
        importer (like a sys.path entry a Dockerfile WORKDIR or a script adds:
        `enterprise/` running `from experiments.x import y`). A package's own folder is not on
        the path, unless the importer runs as a script (``python pkg/tool.py`` puts ``pkg/``
        first: sys.path[0])."""
        if not self.importer_dirs:
            return []
        out = list(self._fallback_dirs(_parent(importer)))
        d = _parent(importer)
        if _join(d, "__init__.py") in self.files and importer not in self.scripts:
            d = _parent(d)
        seen = set(bases) | set(out)
        while d:
            if d not in seen:
                seen.add(d)
                out.append(d)
            d = _parent(d)
        return out

    def _look(self, rest: str, bases, portions: list[str]) -> str | None:
        """The first file of the module ``rest`` under ``bases``, the namespace folders before it
        added to ``portions``."""
        for base in bases:
            path = _join(base, rest)
            found = self._file_at(path)
            if found:
                return found
            if path in self.dirs:
                portions.append(path)
        return None

    def _bases_for(self, folder: str) -> tuple[str, ...]:
        """Roots in lookup order for an importer in ``folder``: the roots holding it (most
        specific first), its project folder, then the other roots as given."""
        hit = self._root_order.get(folder)
        if hit is None:
            inside = sorted(
                (r for r in self.roots if r and (folder == r or folder.startswith(r + "/"))),
                key=lambda r: -_depth(r),
            )
            project = next((p for p in self.projects if folder == p or folder.startswith(p + "/")), None)
            if project is not None and not any(_depth(r) >= _depth(project) for r in inside):
                inside.append(project)
            hit = tuple(dict.fromkeys(inside + list(self.roots)))
            self._root_order[folder] = hit
        return hit

    def _note_ambiguity(self, module: str, found: str, importer: str) -> None:
        """The same module under two roots, neither holding the importer: Python's answer
        depends on ``sys.path`` order we cannot see."""
        if module.startswith(".") or module in self.ambiguous:
            return
        folder = _parent(importer)
        rest = module.replace(".", "/")
        holders = [r for r in self.roots if self._file_at(_join(r, rest))]
        if len(holders) < 2 or any(r and (folder == r or folder.startswith(r + "/")) for r in holders):
            return
        project = next((p for p in self.projects if folder == p or folder.startswith(p + "/")), None)
        if project is not None and any(r == project or r.startswith(project + "/") for r in holders):
            return
        chosen = next(
            (r for r in holders if found == _join(r, rest) + ".py" or found.startswith(_join(r, rest) + "/")),
            holders[0],
        )
        other = next(r for r in holders if r != chosen)
        self.ambiguous[module] = (chosen, other, importer)

    def _find(self, module: str, importer: str) -> tuple[str | None, tuple[str, ...]]:
        """(the module's file, or None with the namespace folders that make up the package)."""
        # what a file may import depends on its folder, and on whether it runs as a script
        # (its own folder is then on sys.path): two files of a folder can differ
        key = (module, _parent(importer), importer in self.scripts)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        found: str | None = None
        portions: list[str] = []
        named = self._module_path(module)
        if named is not None:
            dots, rest = named
            if dots:
                base = self._relative_base(dots, importer)
                if base is not None:
                    found = self._look(rest, (base,), portions)
            else:
                # the roots in lookup order are shared by most folders: what they hold is looked
                # up once per (module, order), not once per importing folder
                bases = self._bases_for(_parent(importer))
                rooted = self._rooted.get((module, bases))
                if rooted is None:
                    seen: list[str] = []
                    rooted = self._rooted[(module, bases)] = (self._look(rest, bases, seen), tuple(seen))
                found, portions = rooted[0], list(rooted[1])
                if found is None:
                    found = self._look(rest, self._fallback_bases(importer, bases), portions)
        hit = (found, () if found else tuple(dict.fromkeys(portions)))
        self._memo[key] = hit
        if found and len(self.roots) > 1:
            self._note_ambiguity(module, found, importer)
        return hit

    # ------------------------------------------------------------------ public API
    def resolve(self, module: str, importer: str) -> str | None:
        """The file of ``module`` (``pkg/mod.py`` or ``pkg/mod/__init__.py``) imported from
        ``importer``; None when it is not in the repository or is a namespace package."""
        return self._find(module, importer)[0]

    def resolve_from(self, module: str, name: str, importer: str) -> str | None:
        """``from module import name``: the submodule file when ``name`` is a submodule of the
        package ``module``, else None (then ``name`` is an attribute of the module's file)."""
        if not _is_identifier(name):
            return None
        found, portions = self._find(module, importer)
        if found is not None:
            if not found.endswith("__init__.py"):
                return None  # a plain module has no submodules
            portions = (_parent(found),)
        for folder in portions:
            sub = self._file_at(_join(folder, name))
            if sub:
                return sub
        return None

    def module_name(self, path: str) -> str | None:
        """The dotted name of ``path`` under the most specific root holding it."""
        if path not in self.files:
            return None
        containing = [r for r in self.roots if r == "" or path.startswith(r + "/")]
        if not containing:
            return None
        root = max(containing, key=_depth)
        rel = path[len(root) + 1 :] if root else path
        parts = rel[: -len(".py")].split("/")
        if parts[-1] == "__init__":
            parts.pop()
        if not parts or not all(_is_identifier(p) for p in parts):
            return None
        return ".".join(parts)

    def module_names(self, path: str) -> list[str]:
        """Every dotted name ``path`` can be imported or run as (``python -m``): under each root
        holding it, most specific first, and from the repository root."""
        if path not in self.files:
            return []
        out = []
        for root in sorted(
            (r for r in self.roots if r and path.startswith(r + "/")), key=lambda r: -_depth(r)
        ) + [""]:
            parts = (path[len(root) + 1 :] if root else path)[: -len(".py")].split("/")
            if parts[-1] == "__init__":
                parts.pop()
            if parts and all(_is_identifier(p) for p in parts):
                out.append(".".join(parts))
        return list(dict.fromkeys(out))

    def package_files(self, module: str, importer: str = "") -> list[str]:
        """Every file under the package ``module`` (all namespace portions), sorted; [] for a
        plain module or an unknown name."""
        found, portions = self._find(module, importer)
        if found is not None:
            if not found.endswith("__init__.py"):
                return []
            portions = (_parent(found),)
        out: list[str] = []
        for folder in portions:
            if not folder:
                out.extend(self._sorted)
                continue
            prefix = folder + "/"
            i = bisect_left(self._sorted, prefix)
            while i < len(self._sorted) and self._sorted[i].startswith(prefix):
                out.append(self._sorted[i])
                i += 1
        return sorted(dict.fromkeys(out))
