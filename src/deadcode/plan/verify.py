"""Proof that a plan step leaves every reference resolving that resolved before it.

After a step, the files it touched and every file that imports them (through ``export *`` /
``from x import *`` barrels too) have their references resolved again, on the tree as the step
leaves it, with the same resolvers the analysis used (tsconfig aliases, package entries, Python
roots and relative imports) over the files that still exist:

- TS/JS: every ``import``/``import()``/``require``/``export ... from`` specifier, and each name a
  named import or re-export takes, looked up in the target's exports (followed through
  ``export *`` name by name); a local name bound by an import that the file still uses;
- Python: every ``import``/``from m import name``/``importlib.import_module`` (the name is a
  submodule or one of ``m``'s top-level names, read with ``ast``), ``module.attr`` uses of an
  imported module, and dotted module names in strings (``mock.patch("app.x.f")``, celery
  ``include=``) that named a file.

A reference is *dangling* when it resolved before the step and does not after. Only those count:
what was already broken is not the step's doing."""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass

from deadcode.plan.tree import TreeView

REFERENCE_EDGES = ("import", "lazy-import", "reexport", "gated")


@dataclass(frozen=True)
class Ref:
    """One reference written in ``file``. ``key`` identifies it across edits (no line numbers);
    ``target`` is the file it resolved to (None when it did not)."""

    file: str
    line: int
    kind: str  # ts-import | ts-reexport | ts-name | ts-reexport-name | ts-binding | py-import | py-name | py-attr | py-string
    key: tuple
    ok: bool
    what: str  # "imports app.services.flags", "imports { Sparkline } from @/components"
    target: str | None = None
    spec: str = ""  # the specifier / module as written
    name: str | None = None  # the imported name (py-name, ts-name) or local binding (ts-binding)
    local: str | None = None  # the local binding the reference creates, when it creates one

    @property
    def at(self) -> str:
        return f"{self.file}:{self.line}"


def describe(ref: Ref, before: Ref | None, step: int, deleted: frozenset[str]) -> str:
    """``routers/admin.py:4 imports opsdesk.services.flags, deleted in step 3``."""
    target = before.target if before is not None else None
    if target and target in deleted:
        return f"{ref.at} {ref.what}, deleted in step {step}"
    if ref.kind == "ts-binding":
        return f"{ref.at} {ref.what}, whose import step {step} removed"
    if ref.kind in ("ts-name", "ts-reexport-name", "py-name", "py-attr"):
        return f"{ref.at} {ref.what}, no longer defined there after step {step}"
    return f"{ref.at} {ref.what}, which no longer resolves after step {step}"


# ---------------------------------------------------------------------------------- resolvers


class Resolvers:
    """The analysis's resolvers, re-made over the files that still exist (per set of deleted
    files: edits never change which files exist, so most steps share one)."""

    def __init__(self, program):
        self.py_base = program.py.r
        self.ts_base = program.ts.r
        self._by_deleted: dict[frozenset[str], tuple] = {frozenset(): (self.py_base, self.ts_base)}

    def get(self, deleted: frozenset[str]):
        hit = self._by_deleted.get(deleted)
        if hit is None:
            from deadcode.graph.resolve_python import PythonResolver

            py = PythonResolver(
                self.py_base.files - deleted, self.py_base.roots, importer_dirs=self.py_base.importer_dirs
            )
            ts = copy.copy(self.ts_base)
            ts.files = self.ts_base.files - deleted
            ts._memo = {}
            ts._entering = set()
            hit = (py, ts)
            if len(self._by_deleted) > 64:
                self._by_deleted = {frozenset(): (self.py_base, self.ts_base)}
            self._by_deleted[deleted] = hit
        return hit


# ---------------------------------------------------------------------------------- Python names


@dataclass(frozen=True)
class PyNames:
    names: frozenset[str]
    stars: tuple[tuple[str, int], ...]  # (module of a ``from m import *``, level)
    open: bool  # module ``__getattr__``, or it did not parse: any name may exist


def python_top_names(source: bytes) -> PyNames:
    """Names bound at module level (in ``if``/``try``/``with``/``for`` blocks too), the star
    imports that add more, and whether any name may exist."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return PyNames(frozenset(), (), True)
    names: set[str] = set()
    stars: list[tuple[str, int]] = []
    is_open = False

    def targets(node) -> None:
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                names.add(n.id)

    def visit(body) -> None:
        nonlocal is_open
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(stmt.name)
                if stmt.name == "__getattr__":
                    is_open = True
            elif isinstance(stmt, ast.Import):
                for a in stmt.names:
                    names.add(a.asname or a.name.split(".")[0])
            elif isinstance(stmt, ast.ImportFrom):
                for a in stmt.names:
                    if a.name == "*":
                        stars.append((stmt.module or "", stmt.level))
                    else:
                        names.add(a.asname or a.name)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for t in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                    targets(t)
            elif isinstance(stmt, (ast.For, ast.AsyncFor)):
                targets(stmt.target)
                visit(stmt.body)
                visit(stmt.orelse)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    if item.optional_vars is not None:
                        targets(item.optional_vars)
                visit(stmt.body)
            elif isinstance(stmt, (ast.If, ast.While)):
                visit(stmt.body)
                visit(stmt.orelse)
            elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
                visit(stmt.body)
                for h in stmt.handlers:
                    if h.name:
                        names.add(h.name)
                    visit(h.body)
                visit(stmt.orelse)
                visit(stmt.finalbody)
            elif type(stmt).__name__ == "Match":
                for case in stmt.cases:
                    visit(case.body)
            elif isinstance(stmt, ast.Expr):
                for n in ast.walk(stmt):  # walrus at module level
                    if isinstance(n, ast.NamedExpr) and isinstance(n.target, ast.Name):
                        names.add(n.target.id)
            elif type(stmt).__name__ == "TypeAlias":
                names.add(stmt.name.id)
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                fn = stmt.value.func  # globals().update(...) / globals()["x"] = ...
                if (
                    isinstance(fn, ast.Attribute)
                    and isinstance(fn.value, ast.Call)
                    and isinstance(fn.value.func, ast.Name)
                    and fn.value.func.id in ("globals", "vars")
                ):
                    is_open = True

    visit(tree.body)
    if re.search(rb"\bglobals\(\)\s*\[", source):
        is_open = True
    return PyNames(frozenset(names), tuple(stars), is_open)


def python_module_attributes(source: bytes) -> list[tuple[tuple[str, ...], int]]:
    """Dotted chains read from names (``a.b.f`` -> ``(("a", "b", "f"), line)``), outermost only."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    out = []
    inner: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or id(node) in inner:
            continue
        parts = [node.attr]
        cur = node.value
        while isinstance(cur, ast.Attribute):
            inner.add(id(cur))
            parts.append(cur.attr)
            cur = cur.value
        if isinstance(cur, ast.Name):
            parts.append(cur.id)
            out.append((tuple(reversed(parts)), node.lineno))
    return out


# ---------------------------------------------------------------------------------- the checker


class _Recorder:
    """A view that remembers which files were read through it."""

    def __init__(self, view: TreeView):
        self.view = view
        self.tree = view.tree
        self.seen: set[str] = set()

    def read(self, path: str) -> bytes | None:
        self.seen.add(path)
        return self.view.read(path)

    def exists(self, path: str) -> bool:
        return self.read(path) is not None

    def facts(self, path: str):
        self.seen.add(path)
        return self.view.facts(path)

    def deleted(self) -> frozenset[str]:
        return self.view.deleted()


class ReferenceChecker:
    """Resolves the references of files on a ``TreeView``; see the module doc."""

    def __init__(self, program):
        self.program = program
        self.resolvers = Resolvers(program)
        self._importers: dict[str, set[str]] = {}
        self._py_names: dict[tuple[str, int], PyNames] = {}
        self._py_attrs: dict[tuple[str, int], list] = {}
        self._refs: dict[tuple, list[Ref]] = {}

    # ------------------------------------------------------------------ which files
    def importers(self, path: str) -> set[str]:
        """Files whose imports, re-exports, ``import()`` or module-name strings named ``path``
        in the analysed tree (the graph's incoming edges; edits only ever remove references)."""
        hit = self._importers.get(path)
        if hit is None:
            g = self.program.graph
            hit = set()
            for e in g.inc.get(f"file:{path}", ()):
                if e.kind in REFERENCE_EDGES:
                    src = g.nodes.get(e.source)
                    if src is not None and src.path and src.path != path:
                        hit.add(src.path)
            self._importers[path] = hit
        return hit

    def impacted(self, view: TreeView, touched: set[str]) -> set[str]:
        """The touched files, the barrels that pass their names on wholesale (``export *``,
        ``from x import *``, transitively), and every file importing any of those."""
        sources = set(touched)
        stack = list(touched)
        while stack:
            t = stack.pop()
            for r in self.importers(t):
                if r not in sources and self._star_reexports(view, r, t):
                    sources.add(r)
                    stack.append(r)
        out = set(sources)
        for s in sources:
            out |= self.importers(s)
        return out

    def _star_reexports(self, view: TreeView, barrel: str, target: str) -> bool:
        f = view.facts(barrel)
        if f is None:
            return False
        py_r, ts_r = self.resolvers.get(view.deleted())
        if f.ts is not None:
            return any(not rx.names and ts_r.resolve(rx.specifier, barrel) == target for rx in f.ts.reexports)
        if f.py is not None:
            return any(
                imp.names == ("*",) and py_r.resolve(imp.module, barrel) == target for imp in f.py.imports
            )
        return False

    # ------------------------------------------------------------------ dangling
    def dangling(self, before: TreeView, after: TreeView, touched: set[str]) -> list[tuple[Ref, Ref]]:
        """(reference after the step, the same reference before) for each reference that
        resolved before and does not after, in the impacted files that still exist."""
        files = self.impacted(before, touched) | self.impacted(after, touched)
        out = []
        for path in sorted(files):
            if not after.exists(path) or not before.exists(path):
                continue
            was = {}
            for r in self.refs(before, path):
                if r.ok:
                    was.setdefault(r.key, r)
            if not was:
                continue
            for r in self.refs(after, path):
                if not r.ok and r.key in was:
                    out.append((r, was[r.key]))
        return out

    def refs(self, view: TreeView, path: str) -> list[Ref]:
        """The references of ``path`` on ``view``. Memoised with the files their resolution
        read (the file itself, the targets whose names were looked up): a file whose reads
        are unchanged is not resolved again, so most files are resolved once for the plan."""
        data = view.read(path)
        if data is None:
            return []
        deleted = view.deleted()
        key = (path, deleted)
        for stamp, hit in self._refs.get(key, ()):
            if all(hash(view.read(p)) == h for p, h in stamp):
                return hit
        rec = _Recorder(view)
        f = rec.facts(path)
        if f is None:
            hit = []
        elif f.ts is not None:
            hit = self._ts_refs(rec, path, f.ts, data)
        elif f.py is not None:
            hit = self._py_refs(rec, path, f.py, data)
        else:
            hit = []
        stamp = tuple((p, hash(view.read(p))) for p in sorted(rec.seen))
        entries = self._refs.setdefault(key, [])
        entries.insert(0, (stamp, hit))
        del entries[4:]
        if len(self._refs) > 50000:
            self._refs.clear()
        return hit

    # ------------------------------------------------------------------ TypeScript
    def _ts_refs(self, view: TreeView, path: str, ts, data: bytes) -> list[Ref]:
        _, r = self.resolvers.get(view.deleted())
        out: list[Ref] = []
        bound: dict[str, int] = {}
        for imp in ts.imports:
            if imp.kind == "glob":
                continue  # import.meta.glob: a pattern matching nothing is no error
            t = r.resolve(imp.specifier, path)
            target = t if isinstance(t, str) else None
            ok = t is not None
            what = "loads" if imp.kind in ("dynamic", "lazy") else "imports"
            out.append(
                Ref(
                    path,
                    imp.line,
                    "ts-import",
                    ("ts-import", imp.specifier, imp.kind),
                    ok,
                    f"{what} {imp.specifier}",
                    target,
                    imp.specifier,
                )
            )
            for imported, local in imp.names:
                bound[local] = imp.line
                if imported == "*" or target is None:
                    continue
                out.append(
                    Ref(
                        path,
                        imp.line,
                        "ts-name",
                        ("ts-name", imp.specifier, imported, local),
                        self._ts_exports_name(view, target, imported, r),
                        f"imports {{ {imported} }} from {imp.specifier}",
                        target,
                        imp.specifier,
                        imported,
                        local,
                    )
                )
            if imp.local:
                bound[imp.local] = imp.line
        for rx in ts.reexports:
            t = r.resolve(rx.specifier, path)
            target = t if isinstance(t, str) else None
            out.append(
                Ref(
                    path,
                    rx.line,
                    "ts-reexport",
                    ("ts-reexport", rx.specifier),
                    t is not None,
                    f"re-exports {rx.specifier}",
                    target,
                    rx.specifier,
                )
            )
            if target is None:
                continue
            for imported, exported in rx.names:
                if imported == "*":
                    continue
                out.append(
                    Ref(
                        path,
                        rx.line,
                        "ts-reexport-name",
                        ("ts-reexport-name", rx.specifier, imported),
                        self._ts_exports_name(view, target, imported, r),
                        f"re-exports {{ {imported} }} from {rx.specifier}",
                        target,
                        rx.specifier,
                        imported,
                        exported,
                    )
                )
        # names the file uses that an import bound (in the analysed version): still bound?
        ever = self._ever_bound(path)
        if ever:
            declared = {name for name, _ in ts.functions} | {e.local for e in ts.exports if e.local}
            used = set(ts.identifiers) | {j.name.split(".")[0] for j in ts.jsx}
            for name in sorted(used & ever):
                ok = name in bound or name in declared or _ts_declares(data, name)
                line = bound.get(name, 0) if ok else _first_line(data, name)  # a line only for reports
                out.append(
                    Ref(
                        path,
                        line,
                        "ts-binding",
                        ("ts-binding", name),
                        ok,
                        f"uses {name}",
                        None,
                        "",
                        name,
                        name,
                    )
                )
        return out

    def _ever_bound(self, path: str) -> set[str]:
        """Import bindings of the analysed version of ``path``."""
        f = self.program.ctx.facts.get(path)
        if f is None or f.ts is None:
            return set()
        out = {local for imp in f.ts.imports for _, local in imp.names}
        return out | {imp.local for imp in f.ts.imports if imp.local}

    def _ts_exports_name(self, view: TreeView, target: str, name: str, r, depth: int = 0) -> bool:
        f = view.facts(target)
        if f is None or f.ts is None:
            return True  # CSS, JSON, .d.ts, a file we do not read: no names to check
        ts = f.ts
        if any(e.name == name for e in ts.exports):
            return True
        for rx in ts.reexports:
            if rx.names:
                if any(exported == name for _, exported in rx.names):
                    return True
            elif name != "default" and depth < 32:
                t = r.resolve(rx.specifier, target)
                if not isinstance(t, str) or self._ts_exports_name(view, t, name, r, depth + 1):
                    return True  # a package's names are not ours to check
        if not ts.exports and not ts.reexports:
            data = view.read(target) or b""
            if b"module.exports" in data or re.search(rb"\bexports\.", data):
                return True  # CommonJS: names we cannot list
        return False

    # ------------------------------------------------------------------ Python
    def py_names(self, view: TreeView, target: str, py_r, depth: int = 0) -> PyNames:
        data = view.read(target) or b""
        key = (target, hash(data))
        hit = self._py_names.get(key)
        if hit is None:
            hit = python_top_names(data)
            self._py_names[key] = hit
        if hit.stars and depth < 8:
            names, is_open = set(hit.names), hit.open
            for module, level in hit.stars:
                t = py_r.resolve("." * level + module, target)
                if t is None:
                    is_open = True  # a star import from a package outside the repository
                    continue
                sub = self.py_names(view, t, py_r, depth + 1)
                names |= {n for n in sub.names if not n.startswith("_")}
                is_open = is_open or sub.open
            return PyNames(frozenset(names), (), is_open)
        return hit

    def _py_has(self, view: TreeView, module_file: str, name: str, py_r) -> bool:
        """Whether ``module_file`` defines ``name`` at top level: from its facts first (cheap,
        already parsed), and, only when they do not list it, from the ``ast`` of the file."""
        f = view.facts(module_file)
        if f is not None and f.py is not None:
            if any(d.name == name for d in f.py.defs):
                return True
            for imp in f.py.imports:
                if imp.function is None and (
                    name in {(n.partition(" as ")[2] or n) for n in imp.names}
                    or imp.alias == name
                    or (not imp.names and imp.module.split(".")[0] == name)
                ):
                    return True
        names = self.py_names(view, module_file, py_r)
        return names.open or name in names.names

    def _py_refs(self, view: TreeView, path: str, pyf, data: bytes) -> list[Ref]:
        r, _ = self.resolvers.get(view.deleted())
        out: list[Ref] = []
        modules: dict[str, str] = {}  # local name -> module file (module objects)
        for imp in pyf.imports:
            found, portions = r._find(imp.module, path)
            ok = found is not None or bool(portions)
            where = f" (in {imp.function}())" if imp.function else ""
            out.append(
                Ref(
                    path,
                    imp.line,
                    "py-import",
                    ("py-import", imp.module, imp.function),
                    ok,
                    f"imports {imp.module}{where}",
                    found,
                    imp.module,
                )
            )
            if not imp.names:
                if found is not None:
                    if imp.alias:
                        modules[imp.alias] = found
                    else:
                        root = imp.module.split(".")[0]
                        modules.setdefault(root, r.resolve(root, path) or found)
                continue
            for item in imp.names:
                if item == "*":
                    continue
                orig, _, alias = item.partition(" as ")
                local = alias or orig
                sub = r.resolve_from(imp.module, orig, path)
                if sub is not None:
                    modules[local] = sub
                    ok = True
                    target = sub
                elif found is not None:
                    ok = self._py_has(view, found, orig, r)
                    target = found
                elif portions:
                    ok = False  # a namespace package has no names but its submodules
                    target = None
                else:
                    continue  # a module outside the repository
                out.append(
                    Ref(
                        path,
                        imp.line,
                        "py-name",
                        ("py-name", imp.module, orig, imp.function),
                        ok,
                        f"imports {orig} from {imp.module}{where}",
                        target,
                        imp.module,
                        orig,
                        local,
                    )
                )
        if modules:
            out += self._py_attr_refs(view, path, data, modules, r)
        for text, line in getattr(pyf, "module_strings", ()):
            t = r.resolve(text, path)
            if t == path:
                continue
            out.append(
                Ref(
                    path,
                    line,
                    "py-string",
                    ("py-string", text),
                    t is not None,
                    f'names module "{text}" in a string',
                    t,
                    text,
                )
            )
        return out

    def _py_attr_refs(self, view: TreeView, path: str, data: bytes, modules: dict[str, str], r) -> list[Ref]:
        key = (path, hash(data))
        chains = self._py_attrs.get(key)
        if chains is None:
            chains = python_module_attributes(data)
            self._py_attrs[key] = chains
        out = []
        seen = set()
        for parts, line in chains:
            mfile = modules.get(parts[0])
            if mfile is None:
                continue
            i = 1
            while i < len(parts) and mfile.endswith("__init__.py"):
                folder = mfile[: -len("__init__.py")]
                sub = next(
                    (
                        c
                        for c in (f"{folder}{parts[i]}/__init__.py", f"{folder}{parts[i]}.py")
                        if c in r.files
                    ),
                    None,
                )
                if sub is None:
                    break
                mfile, i = sub, i + 1
            if i >= len(parts):
                continue
            attr = parts[i]
            dotted = ".".join(parts[:i])
            k = ("py-attr", dotted, attr)
            if k in seen:
                continue
            seen.add(k)
            out.append(
                Ref(
                    path,
                    line,
                    "py-attr",
                    k,
                    self._py_has(view, mfile, attr, r),
                    f"uses {dotted}.{attr}",
                    mfile,
                    dotted,
                    attr,
                )
            )
        return out


def _ts_declares(data: bytes, name: str) -> bool:
    """A local declaration of ``name`` (function, class, const/let/var, parameter-less check)."""
    n = re.escape(name.encode())
    return (
        re.search(rb"\b(?:function\*?|class|const|let|var|enum|interface|type)\s+" + n + rb"\b", data)
        is not None
    )


def _first_line(data: bytes, name: str) -> int:
    m = re.search(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])", data)
    if m is None:
        return 1
    # skip the import line itself when the name appears there first
    for m in re.finditer(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])", data):
        start = data.rfind(b"\n", 0, m.start()) + 1
        line = data[start : data.find(b"\n", m.start())]
        if not line.lstrip().startswith((b"import ", b"} from", b"export ")):
            return data.count(b"\n", 0, m.start()) + 1
    return data.count(b"\n", 0, m.start()) + 1
