"""Modules loaded by name or by place (``ModuleLoad`` facts from the idioms) -> ``lazy-import``
edges, and the edges idioms add themselves (``Idiom.link``). An unknowable load is counted
(``stats.dynamic_loads_unresolved``) and warned once with its file and line, never assumed to
load nothing in silence."""

from __future__ import annotations

import posixpath
import re

from deadcode.graph.context import Context, is_test_path
from deadcode.graph.model import Edge

WARN_FIRST = 5
# a path string naming a file, not a folder of modules
_CODE_EXT = re.compile(r"\.(py|pyi|tsx?|jsx?|mjs|cjs|json|ya?ml|toml|txt|md)$")


def link_loads(ctx: Context, py, project) -> None:
    from deadcode.idioms import REGISTRY

    g = ctx.graph
    unresolved: list[str] = []
    for path, f in ctx.facts.items():
        loads = tuple(f.loads) + tuple(getattr(f.py, "module_loads", ()) if f.py is not None else ())
        if not loads:
            continue
        for load in loads:
            targets = _targets(ctx, py, path, load)
            detail = f"loads {load.target} ({load.kind}, {load.idiom})"
            if targets is None:  # the call does not tell the place; the packages its file names may
                targets, detail = _in_named_packages(ctx, py, path, f, load, detail)
            if targets is None:
                if not is_test_path(path):
                    unresolved.append(f"{path}:{load.line}: {load.text or load.target}")
                continue
            src = f"file:{path}"
            if load.function and f"symbol:{path}#{load.function}" in g.nodes:
                src = f"symbol:{path}#{load.function}"
            for t in targets:
                if t == path:
                    continue
                ctx.file_node(t)
                ctx.module_loads.append((src, t))
                g.add_edge(
                    Edge(
                        src,
                        f"file:{t}",
                        "lazy-import",
                        f"{path}:{load.line}",
                        detail=detail,
                    )
                )
    for idiom in REGISTRY:
        for ld in idiom.link(project):
            ctx.file_node(ld.source)
            ctx.file_node(ld.target)
            g.add_edge(Edge(f"file:{ld.source}", f"file:{ld.target}", "lazy-import", ld.at, detail=ld.detail))
    ctx.dynamic_loads_unresolved = len(unresolved)
    if unresolved:
        more = f" (and {len(unresolved) - WARN_FIRST} more)" if len(unresolved) > WARN_FIRST else ""
        ctx.problems.append(
            f"{len(unresolved)} dynamic imports whose target cannot be known: "
            + "; ".join(unresolved[:WARN_FIRST])
            + more
        )


def _targets(ctx: Context, py, path: str, load) -> list[str] | None:
    """The files a load may run; None when nothing can be known."""
    r = py.r
    if load.kind == "module":
        hit = r.resolve(load.target, path) or (
            r.resolve(load.target.rsplit(".", 1)[0], path) if "." in load.target else None
        )
        return [hit] if hit else []
    if load.kind == "prefix":
        base = load.target.rstrip(".")
        stem = load.target.rsplit(".", 1)[1] if not load.target.endswith(".") else ""
        files = r.package_files(base, path) if base else []
        if stem:  # f"app.plugins.sync_{name}": the modules whose name starts that way
            pkg = r.package_files(load.target.rsplit(".", 1)[0], path)
            files = [p for p in pkg if p.rsplit("/", 1)[-1].startswith(stem)]
        return files
    if load.kind == "package":
        if load.target == ".":
            return _folder(ctx, path, ".")
        for b in py.bindings.get(path, {}).get(load.target.split(".")[0], []):
            # `import app.plugins as plugins` / `from app import plugins` (a subpackage); a name
            # that is an attribute of the module is not a package we can list
            module_file = b.file if b.name is None else r.resolve_from(b.imp.module, b.name, path)
            if module_file and module_file.endswith("__init__.py"):
                return _under(ctx, module_file.rsplit("/", 1)[0])
        target = r.resolve(load.target, path)
        if target and target.endswith("__init__.py"):
            return _under(ctx, target.rsplit("/", 1)[0])
        return None
    if load.kind == "folder":
        return _folder(ctx, path, load.target)
    if load.kind == "dir":
        return _working_dir_folder(ctx, path, load.target)
    return None


def _in_named_packages(ctx: Context, py, path: str, f, load, detail: str):
    """``(modules, detail)`` of a load by a computed name or path (``iter_modules(getattr(
    import_module(name), "__path__"))``) in a file that names packages of the repository in
    dotted strings (``DEFAULT_MIGRATIONS = "app.db.migrations"``) or imports packages of its own
    folder as modules: every Python module of those packages. ``(None, detail)`` when the file
    names none: the load stays unknown."""
    named = []
    for text, _line in getattr(f.py, "module_strings", ()) if f.py is not None else ():
        target = py.r.resolve(text, path)
        if target and target.endswith("__init__.py") and target not in named:
            named.append(target)
    # ``import app.suites as _suites`` in app/suites/__init__.py, scanned as ``package.__path__``
    # by a helper: the packages of its own folder the file imports as modules
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    for binds in py.bindings.get(path, {}).values():
        for b in binds:
            if b.name is None and b.file.endswith("__init__.py") and b.file.startswith(folder):
                if b.file not in named:
                    named.append(b.file)
    modules = [t for init in named for t in _under(ctx, init.rsplit("/", 1)[0]) if t.endswith(".py")]
    shown = [py.r.module_name(init) or init for init in named]
    # folders of Python files named by a path string (``tool_paths = ["superagi/tools"]``, joined
    # into the dotted name a load computes), relative to the working directory like ``dir`` loads
    for token, _line in () if is_test_path(path) else getattr(f, "mentions", ()) or ():
        if "/" not in token or _CODE_EXT.search(token) or token.startswith(("http:", "https:", "/")):
            continue
        found = [t for t in _working_dir_folder(ctx, path, token) if t.endswith(".py")]
        if found:
            modules += [t for t in found if t not in modules]
            shown.append(token)
    if not modules:
        return None, detail
    return (
        modules,
        f"loads {load.target}: unknown in itself, any module of {', '.join(shown)}, named in this file",
    )


def _working_dir_folder(ctx: Context, path: str, rel: str) -> list[str]:
    """A folder named relative to the working directory (unknown): the nearest one named so
    from the file's folder up to the repository root that holds code."""
    rel = posixpath.normpath(rel.strip().lstrip("./") or ".")
    if rel.startswith("..") or rel == "." or posixpath.isabs(rel):
        return []
    base = path.rsplit("/", 1)[0] if "/" in path else ""
    while True:
        files = _under(ctx, posixpath.join(base, rel) if base else rel)
        if files:
            return files
        if not base:
            return []
        base = base.rsplit("/", 1)[0] if "/" in base else ""


def _folder(ctx: Context, path: str, rel: str) -> list[str]:
    base = path.rsplit("/", 1)[0] if "/" in path else ""
    folder = posixpath.normpath(posixpath.join(base, rel)) if rel != "." else base
    if folder.startswith(".."):
        return []
    return _under(ctx, "" if folder == "." else folder)


def _under(ctx: Context, folder: str) -> list[str]:
    prefix = folder + "/" if folder else ""
    return [
        p
        for p, f in ctx.facts.items()
        if p.startswith(prefix) and f.lang in ("python", "typescript", "tsx") and not is_test_path(p)
    ]
