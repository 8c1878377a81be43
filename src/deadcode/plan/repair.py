"""The cuts verification adds to a step: what a dangling reference or a new unused import needs
so that the step leaves the tree consistent. Only references whose bindings the file no longer
uses are cut (an import, a re-export, a dev-only ``import()`` block); a reference that live code
still uses is never cut here: the step then fails and its group stops for review."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from deadcode.plan import edits as E
from deadcode.plan.second_opinion import Problem
from deadcode.plan.tree import TreeView
from deadcode.plan.verify import Ref, python_module_attributes


@dataclass
class Repair:
    changes: dict[str, bytes]
    notes: list[str]


def _grammar(path: str) -> str:
    return "tsx" if path.endswith((".tsx", ".jsx", ".js", ".mjs", ".cjs")) else "typescript"


def ts_used_names(view: TreeView, path: str) -> set[str]:
    f = view.facts(path)
    if f is None or f.ts is None:
        return set()
    return (
        set(f.ts.identifiers) | {j.name.split(".")[0] for j in f.ts.jsx} | {n for n, _ in f.ts.binding_refs}
    )


def py_used_names(view: TreeView, path: str) -> set[str]:
    """Root names the module uses anywhere (module level and inside definitions), and names
    ``__all__`` lists."""
    f = view.facts(path)
    if f is None or f.py is None:
        return set()
    used = set(f.py.module_uses) | set(f.py.all_names or ())
    for d in f.py.defs:
        used |= set(d.uses)
    return used


def repair(view: TreeView, dangling: list[tuple[Ref, Ref]], unused: dict[str, list[Problem]]) -> Repair:
    """Changes (on top of ``view``) that cut the dangling references nothing uses and the
    imports the step left unused; one file at a time, re-reading it after each cut."""
    out = Repair({}, [])
    by_file: dict[str, list[Ref]] = {}
    for ref, _before in dangling:
        by_file.setdefault(ref.file, []).append(ref)
    for path, refs in sorted(by_file.items()):
        data = view.read(path)
        if data is None:
            continue
        new = data
        for ref in refs:
            cut = _cut(view, path, new, ref)
            if cut is None:
                continue
            new, note = cut
            out.notes.append(note)
        if new != data:
            out.changes[path] = new
    for path, problems in sorted(unused.items()):
        data = out.changes.get(path, view.read(path))
        if data is None:
            continue
        new = _drop_unused_imports(path, data, problems, out.notes)
        if new != data:
            out.changes[path] = new
    return out


def _apply(primitive, data: bytes, *args) -> bytes | None:
    """``data`` with the edits of ``primitive(data, *args)``; None when refused or a no-op."""
    try:
        edits = primitive(data, *args)
    except E.EditRefused:
        return None
    if not edits:
        return None
    return E.apply_edits(data, edits)


def _cut(view: TreeView, path: str, data: bytes, ref: Ref) -> tuple[bytes, str] | None:
    sub = TreeView(view.tree, {**view.pending, path: data})
    if ref.kind.startswith("ts-"):
        return _cut_ts(sub, path, data, ref)
    if ref.kind.startswith("py-"):
        return _cut_py(sub, path, data, ref)
    return None


def _cut_ts(view: TreeView, path: str, data: bytes, ref: Ref) -> tuple[bytes, str] | None:
    g = _grammar(path)
    f = view.facts(path)
    if f is None or f.ts is None:
        return None
    used = ts_used_names(view, path)
    if ref.kind == "ts-reexport":
        new = _apply(E.remove_ts_reexport, data, g, ref.spec)
        return (new, f"cut re-export of {ref.spec} in {path} (its target goes)") if new is not None else None
    if ref.kind == "ts-reexport-name":
        new = _apply(E.remove_ts_reexport, data, g, ref.spec, {ref.local or ref.name})
        return (new, f"cut re-export {ref.name} of {ref.spec} in {path}") if new is not None else None
    if ref.kind == "ts-name":
        if ref.local in used:
            return None
        new = _apply(E.remove_ts_import_names, data, g, ref.spec, {ref.local})
        return (new, f"cut import {ref.name} from {ref.spec} in {path} (unused)") if new is not None else None
    if ref.kind != "ts-import":
        return None
    imps = [i for i in f.ts.imports if i.specifier == ref.spec and i.kind != "glob"]
    for imp in imps:
        names = {local for _, local in imp.names} | ({imp.local} if imp.local else set())
        if names & used:
            return None
    if not imps:
        return None
    new = data
    for imp in sorted(imps, key=lambda i: -i.span[0]):
        if imp.kind in ("dynamic", "lazy") and not imp.local:
            step = _apply(E.remove_dynamic_import_use, new, g, imp.span[0])
        elif imp.kind in ("lazy", "dynamic", "require") and (imp.local or imp.names):
            step = _apply(E.remove_statement_at, new, g, imp.span[0])
        else:
            step = _apply(E.remove_ts_import_statement, new, g, imp.specifier)
        if step is None:
            return None
        new = step
    how = "development-only import()" if any(i.kind in ("dynamic", "lazy") for i in imps) else "import"
    return new, f"cut {how} of {ref.spec} in {path} (its target goes, nothing uses it)"


def _cut_py(view: TreeView, path: str, data: bytes, ref: Ref) -> tuple[bytes, str] | None:
    if ref.kind not in ("py-import", "py-name"):
        return None  # module.attr uses and module names in strings are code, not imports
    f = view.facts(path)
    if f is None or f.py is None:
        return None
    used = py_used_names(view, path)
    chains = {parts[0] for parts, _ in python_module_attributes(data)}
    imps = [i for i in f.py.imports if i.module == ref.spec and i.function == ref.key[-1]]
    if not imps:
        return None
    new = data
    for imp in sorted(imps, key=lambda i: -i.span[0]):
        if not imp.names:
            local = imp.alias or imp.module.split(".")[0]
            if local in used or local in chains:
                return None
            step = _apply(E.remove_python_statement, new, imp.span)
        else:
            items = [n for n in imp.names if n != "*"]
            if "*" in imp.names:
                return None
            gone = {n for n in items if (n.partition(" as ")[2] or n) not in used}
            if ref.kind == "py-name":
                gone = {n for n in gone if n.partition(" as ")[0] == ref.name}
                if not gone:
                    return None
            elif len(gone) < len(items):
                return None  # the module goes but the file still uses a name from it
            if len(gone) == len(items):
                step = _apply(E.remove_python_statement, new, imp.span)
            else:
                step = _apply(E.remove_python_import_names, new, imp.span, gone)
        if step is None:
            return None
        new = step
        f2 = TreeView(view.tree, {**view.pending, path: new}).facts(path)
        if f2 is None or f2.py is None:
            return None
    what = f"{ref.name} from {ref.spec}" if ref.kind == "py-name" else ref.spec
    return new, f"cut import of {what} in {path} (its target goes, nothing uses it)"


def _drop_unused_imports(path: str, data: bytes, problems: list[Problem], notes: list[str]) -> bytes:
    """Remove the import bindings pyflakes says the step left unused (``from x import a as b``:
    pyflakes names it ``x.a as b``)."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return data
    from deadcode.facts.extract import extract

    for p in sorted(problems, key=lambda p: -p.line):
        py = extract(path, "python", data).py
        if py is None:
            return data
        stmt = next(
            (
                n
                for n in ast.walk(tree)
                if isinstance(n, (ast.Import, ast.ImportFrom))
                and n.lineno <= p.line <= (n.end_lineno or n.lineno)
                and _binds(n, p.name)
            ),
            None,
        )
        if stmt is None:
            continue
        imp = next((i for i in py.imports if i.line == stmt.lineno), None)
        if imp is None:
            continue
        alias = _binds(stmt, p.name)
        label = f"{alias.name} as {alias.asname}" if alias.asname else alias.name
        if isinstance(stmt, ast.Import) or len(stmt.names) == 1:
            new = _apply(E.remove_python_statement, data, imp.span)
        else:
            new = _apply(E.remove_python_import_names, data, imp.span, {label})
        if new is None:
            continue
        data = new
        source = f" from {'.' * stmt.level}{stmt.module or ''}" if isinstance(stmt, ast.ImportFrom) else ""
        notes.append(f"remove import of {label}{source} (only removed code used it)")
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            return data
    return data


def _binds(stmt, pyflakes_name: str):
    """The alias of ``stmt`` that pyflakes' ``name`` (``x.a as b``, ``x.a``, ``os``) refers to."""
    for a in stmt.names:
        full = a.name if isinstance(stmt, ast.Import) else f"{stmt.module or ''}.{a.name}".lstrip(".")
        if isinstance(stmt, ast.ImportFrom) and stmt.level:
            full = "." * stmt.level + (f"{stmt.module}." if stmt.module else "") + a.name
        label = f"{full} as {a.asname}" if a.asname else full
        if pyflakes_name in (label, full, a.asname or a.name, a.name):
            return a
    return None
