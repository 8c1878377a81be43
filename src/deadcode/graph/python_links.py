"""Python facts -> graph: imports (attributed to the definitions that use them), FastAPI
endpoints with every router prefix applied, settings and env reads, script HTTP calls."""

from __future__ import annotations

from dataclasses import dataclass

from deadcode.facts.model import FileFacts, PyFacts, PyImport, Template
from deadcode.graph.context import Context
from deadcode.graph.model import Edge


@dataclass(frozen=True)
class Binding:
    """A local name bound by an import: the file it comes from and the name in it (None = module)."""

    file: str
    name: str | None
    imp: PyImport


class PythonLinker:
    def __init__(self, ctx: Context, resolver):
        self.ctx = ctx
        self.r = resolver
        self.py = {p: f for p, f in ctx.facts.items() if f.py is not None}
        self.bindings: dict[str, dict[str, list[Binding]]] = {}
        self.import_targets: dict[tuple[str, PyImport], list[str]] = {}
        self.import_binds: dict[tuple[str, PyImport], dict[str, Binding]] = {}
        self._ancestor_cache: dict[str, list[str]] = {}
        self._shadow_cache: dict[str, frozenset[str]] = {}
        self.imported_by_name: set[tuple[str, str]] = set()  # (file, name) imported from elsewhere
        self.symbolic: dict[str, set[str]] = {}  # file -> defs that get their own symbol node
        self.handlers: dict[str, set[str]] = {}
        self._uses_of_file: PyFacts | None = None  # the file _uses_index is of
        self._uses_index: dict[str, list[str]] = {}
        self._module_uses: set[str] = set()

    # ------------------------------------------------------------------ resolution
    def _ancestors(self, target: str) -> list[str]:
        """Package __init__ files executed when ``target`` is imported."""
        hit = self._ancestor_cache.get(target)
        if hit is not None:
            return hit
        out = []
        parts = target.split("/")[:-1]
        while parts:
            init = "/".join(parts) + "/__init__.py"
            if init != target and init in self.py:
                out.append(init)
            parts.pop()
        self._ancestor_cache[target] = out
        return out

    def _resolve_import(self, path: str, imp: PyImport) -> tuple[list[str], dict[str, Binding]]:
        targets: list[str] = []
        binds: dict[str, Binding] = {}
        if not imp.names:  # import a.b.c [as x]
            t = self.r.resolve(imp.module, path)
            if t:
                targets.append(t)
                if imp.alias:
                    binds[imp.alias] = Binding(t, None, imp)
                else:
                    root = imp.module.split(".")[0]
                    rt = self.r.resolve(root, path) or t
                    binds[root] = Binding(rt, None, imp)
            return targets, binds
        module_file = self.r.resolve(imp.module, path) if imp.module.strip(".") or imp.module else None
        for name in imp.names:
            if name == "*":
                if module_file:
                    targets.append(module_file)
                    binds["*"] = Binding(module_file, "*", imp)
                    targets += self._star_submodules(imp.module, module_file, path)
                continue
            orig_name, _, local_name = name.partition(" as ")
            local_name = local_name or (imp.alias if len(imp.names) == 1 and imp.alias else orig_name)
            sub = self.r.resolve_from(imp.module, orig_name, path)
            if sub and module_file and orig_name in self._shadowing(module_file):
                sub = None  # the package binds the name itself: Python gives its attribute
            if sub:
                targets.append(sub)
                binds[local_name] = Binding(sub, None, imp)
            elif module_file:
                targets.append(module_file)
                binds[local_name] = Binding(module_file, orig_name, imp)
        return list(dict.fromkeys(targets)), binds

    def _shadowing(self, module_file: str) -> frozenset[str]:
        """Names a package's ``__init__`` binds at its top level to something other than its
        submodule of that name (``from .get_router import get_router``, a def): ``from pkg import
        get_router`` then gets that attribute, not the submodule."""
        hit = self._shadow_cache.get(module_file)
        if hit is not None:
            return hit
        names: set[str] = set()
        pkg = self.py.get(module_file) if module_file.endswith("__init__.py") else None
        if pkg is not None:
            names.update(d.name for d in pkg.py.defs)
            for imp in pkg.py.imports:
                if imp.function is not None or not imp.names:
                    continue
                for name in imp.names:
                    orig, _, local = name.partition(" as ")
                    local = local or (imp.alias if len(imp.names) == 1 and imp.alias else orig)
                    if name != "*" and self.r.resolve_from(imp.module, orig, module_file) is None:
                        names.add(local)
        self._shadow_cache[module_file] = frozen = frozenset(names)
        return frozen

    def _star_submodules(self, module: str, module_file: str, importer: str) -> list[str]:
        """``from pkg import *``: Python imports each name of the package's ``__all__`` that is
        a submodule (``__all__ = ["slack", "teams"]`` beside slack.py and teams.py)."""
        if not module_file.endswith("__init__.py"):
            return []
        pkg = self.py.get(module_file)
        names = pkg.py.all_names if pkg is not None and pkg.py is not None else None
        out = []
        for name in names or ():
            sub = self.r.resolve_from(module, name, importer)
            if sub and sub != module_file:
                out.append(sub)
        return out

    def collect(self) -> None:
        """Pass 1: bindings of every file, and which definitions other files import by name."""
        for path, f in self.py.items():
            table: dict[str, list[Binding]] = {}
            for imp in f.py.imports:
                targets, binds = self._resolve_import(path, imp)
                self.import_targets[(path, imp)] = targets
                self.import_binds[(path, imp)] = binds
                for local, b in binds.items():
                    table.setdefault(local, []).append(b)
                    if b.name and b.name != "*":
                        self.imported_by_name.add((b.file, b.name))
            self.bindings[path] = table

    # ------------------------------------------------------------------ definitions
    def _symbolic_defs(self, path: str, pyf: PyFacts) -> set[str]:
        """Definitions that can die while their file lives: endpoint handlers nothing else names,
        and helpers only those handlers use. Every other definition lives with its file."""
        handlers = {e.handler for e in pyf.endpoints if e.handler}
        self.handlers[path] = handlers
        defs = {d.name: d for d in pyf.defs}
        referrers: dict[str, set[str]] = {n: set() for n in defs}
        for d in pyf.defs:
            for u in d.uses:
                if u in referrers and u != d.name:
                    referrers[u].add(d.name)
        module_uses = set(pyf.module_uses)
        exported = set(pyf.all_names or ())

        def pinned(name: str) -> bool:
            return name in module_uses or name in exported or (path, name) in self.imported_by_name

        sym = {h for h in handlers if h in defs and not pinned(h) and not referrers[h]}
        changed = True
        while changed:
            changed = False
            for name in defs:
                if name in sym or pinned(name) or not referrers[name]:
                    continue
                if referrers[name] <= sym:
                    sym.add(name)
                    changed = True
        return sym

    def _users(self, pyf: PyFacts, local: str, sym: set[str]) -> tuple[bool, set[str]]:
        """(used at file level?, symbolic defs using ``local``) for an import binding."""
        if self._uses_of_file is not pyf:  # per-file index: name -> the definitions using it
            self._uses_of_file = pyf
            self._uses_index = {}
            for d in pyf.defs:
                for u in d.uses:
                    self._uses_index.setdefault(u, []).append(d.name)
            self._module_uses = set(pyf.module_uses)
        file_level = local in self._module_uses
        users = set()
        for name in self._uses_index.get(local, ()):
            if name in sym:
                users.add(name)
            else:
                file_level = True
        if not file_level and not users:
            file_level = True  # unused or side-effect import: keep it, precision first
        return file_level, users

    # ------------------------------------------------------------------ edges
    def link(self) -> None:
        ctx, g = self.ctx, self.ctx.graph
        for path, f in self.py.items():
            ctx.file_node(path)
            sym = self._symbolic_defs(path, f.py)
            self.symbolic[path] = sym
            for name in sym:
                d = next(d for d in f.py.defs if d.name == name)
                g.add_node(f"symbol:{path}#{name}", "symbol", path, f"{path}#{name}", d.line, span=d.span)
            # a helper that only handlers use runs when one of them runs
            for d in f.py.defs:
                if d.name not in sym:
                    continue
                for u in d.uses:
                    if u in sym and u != d.name:
                        helper = next(h for h in f.py.defs if h.name == u)
                        g.add_edge(
                            Edge(
                                f"symbol:{path}#{d.name}",
                                f"symbol:{path}#{u}",
                                "import",
                                f"{path}:{helper.line}",
                                detail=f"{d.name}() uses {u}()",
                            )
                        )
        for path, f in self.py.items():
            self._link_imports(path, f)
            self._link_module_strings(path, f)
            self._link_reads(path, f)

    def _source_nodes(self, path: str, function: str | None) -> list[str]:
        sym = self.symbolic.get(path, set())
        if function is not None:
            return [f"symbol:{path}#{function}" if function in sym else f"file:{path}"]
        return [f"file:{path}"]

    def _import_users(self, path: str, pyf: PyFacts, local: str | None) -> tuple[str, ...]:
        """The definitions that alone use a module-level import binding (empty: the file uses it)."""
        if local is None:
            return ()
        file_level, users = self._users(pyf, local, self.symbolic.get(path, set()))
        return () if file_level else tuple(f"symbol:{path}#{u}" for u in sorted(users))

    def _link_imports(self, path: str, f: FileFacts) -> None:
        g = self.ctx.graph
        for imp in f.py.imports:
            targets = self.import_targets.get((path, imp), [])
            if not targets:
                continue
            locals_for: dict[str, str | None] = {}
            binds = self.import_binds.get((path, imp), {})
            for local, b in binds.items():
                locals_for.setdefault(b.file, local if local != "*" else None)
            kind = "gated" if imp.conditions else "import"
            at = f"{path}:{imp.line}"
            detail = f"imports {imp.module}" + (f" ({', '.join(imp.names)})" if imp.names else "")
            sources = self._source_nodes(path, imp.function)
            for t in targets:
                users = self._import_users(path, f.py, locals_for.get(t)) if imp.function is None else ()
                for tt in [t] + self._ancestors(t):
                    self.ctx.file_node(tt)
                    for src in sources:
                        g.add_edge(
                            Edge(src, f"file:{tt}", kind, at, imp.conditions, detail=detail, users=users)
                        )

    def _link_module_strings(self, path: str, f: FileFacts) -> None:
        """``autodiscover_tasks(["app.celery.tasks"])``, ``uvicorn.run("app.main:app")``: a string
        naming a module of the repo loads it."""
        for text, line in getattr(f.py, "module_strings", ()):
            # a module, or a class path in a setting or plugin table ("app.storage.s3.S3Store")
            target = self.r.resolve(text, path) or self.r.resolve(text.rsplit(".", 1)[0], path)
            if target and target != path:
                self.ctx.file_node(target)
                self.ctx.graph.add_edge(
                    Edge(
                        f"file:{path}",
                        f"file:{target}",
                        "lazy-import",
                        f"{path}:{line}",
                        detail=f'names module "{text}" in a string',
                    )
                )

    def _link_reads(self, path: str, f: FileFacts) -> None:
        ctx, g = self.ctx, self.ctx.graph
        for read in f.py.reads:
            if read.kind == "setting":
                if read.name not in ctx.settings_fields:
                    continue
                target = f"setting:{read.name}"
            else:
                target = f"env:{read.name}"
                g.add_node(target, "env", None, read.name)
            for src in self._source_nodes(path, read.function):
                g.add_edge(
                    Edge(
                        src,
                        target,
                        "reads",
                        f"{path}:{read.line}",
                        read.conditions,
                        detail=f"reads {read.name}",
                    )
                )

    # ------------------------------------------------------------------ settings and templates
    def collect_settings(self) -> None:
        ctx = self.ctx
        for path, f in self.py.items():
            for cls in f.py.settings_classes:
                for fld in cls.fields:
                    ctx.settings_fields.setdefault(fld.name, (path, cls.name, fld))
                    env = fld.env or (cls.env_prefix + fld.name)
                    ctx.graph.add_node(
                        f"setting:{fld.name}", "setting", path, fld.name, fld.line, cls=cls.name, env=env
                    )
                    ctx.graph.add_node(f"env:{env.upper()}", "env", None, env.upper())
                    ctx.graph.add_edge(
                        Edge(
                            f"setting:{fld.name}",
                            f"env:{env.upper()}",
                            "reads",
                            f"{path}:{fld.line}",
                            detail=f"settings field {fld.name} reads env {env.upper()}",
                        )
                    )

    def resolve_template(self, tpl: Template | None, path: str, depth: int = 0) -> str | None:
        if tpl is None:
            return ""
        out = []
        for part in tpl.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = self._resolve_expr(part.expr, path, depth)
            if value is None:
                return None
            out.append(value)
        return "".join(out)

    def _resolve_expr(self, expr: str, path: str, depth: int) -> str | None:
        if depth > 8:
            return None
        attr = expr.rsplit(".", 1)[-1].strip()
        head = expr.rsplit(".", 1)[0].strip() if "." in expr else ""
        if head and "(" not in head:  # module.CONST through an imported module
            modules = [b for b in self.bindings.get(path, {}).get(head, []) if b.name is None]
            if modules:  # a module attribute resolves in that module, or not at all
                for b in modules:
                    value = self._resolve_expr(attr, b.file, depth + 1)
                    if value is not None:
                        return value
                return None
        if "." in expr or "(" in expr:
            hit = self.ctx.settings_fields.get(attr)
            if hit is not None:
                default = hit[2].default
                if isinstance(default, str):
                    return default
                if isinstance(default, Template):
                    return self.resolve_template(default, hit[0], depth + 1)
            return None
        f = self.py.get(path)
        if f is None:
            return None
        for c in f.py.consts:
            if c.name == expr:
                return self.resolve_template(c.value, path, depth + 1)
        for b in self.bindings.get(path, {}).get(expr, []):
            if b.name:
                return self._resolve_expr(b.name, b.file, depth + 1)
        return None

    # ------------------------------------------------------------------ endpoints
    def link_endpoints(self) -> None:
        """Endpoint nodes with every prefix applied (graph/routes.py follows apps and routers)."""
        from deadcode.graph.routes import RoutePlacer

        self.routes = RoutePlacer(self)
        self.routes.place()

    def unseen_handlers(self) -> None:
        """A handler whose router no app we can see mounts (routers added in a loop, an app built
        elsewhere), or whose path has an unresolved prefix, lives with its file: we cannot say
        nobody calls it."""
        served = {(i.file, i.handler) for i in self.ctx.endpoints.values() if not i.uncertain}
        for path, handlers in self.handlers.items():
            for h in handlers:
                sid = f"symbol:{path}#{h}"
                if (path, h) not in served and sid in self.ctx.graph.nodes:
                    self.ctx.graph.add_edge(
                        Edge(
                            f"file:{path}",
                            sid,
                            "handles",
                            f"{path}:{self.ctx.graph.nodes[sid].line}",
                            detail=f"{h}() serves a route we cannot place: kept with its file",
                        )
                    )

    def _resolve_router(self, path: str, expr: str, routers) -> tuple[str, str] | None:
        expr = expr.strip()
        if expr.endswith(")") and "(" in expr:  # a factory: include_router(create_v1_router(auth))
            fn = expr.split("(", 1)[0].strip()
            head, _, attr = fn.rpartition(".")
            files = []
            if not head and any(d.name == fn for d in self.py[path].py.defs):
                files.append(path)
            for b in self.bindings.get(path, {}).get(head or fn, []):
                files.append(b.file)
                if b.name:  # re-exported by a package __init__: one more hop
                    files += [bb.file for bb in self.bindings.get(b.file, {}).get(b.name, [])]
            for f in files:
                declared = sorted((r for r in routers if r[0] == f), key=lambda r: (r[1] != "router", r[1]))
                if declared:
                    return declared[0]
            return None
        if (path, expr) in routers:
            return (path, expr)
        head, _, attr = expr.partition(".")
        for b in self.bindings.get(path, {}).get(head, []):
            if attr:  # module.router
                if b.name is None and (b.file, attr) in routers:
                    return (b.file, attr)
                if b.name:  # from pkg import module_var ... .router: module attribute of a symbol
                    continue
            elif b.name and (b.file, b.name) in routers:
                return (b.file, b.name)
            elif b.name:  # re-exported through an __init__: follow one more hop
                for bb in self.bindings.get(b.file, {}).get(b.name, []):
                    if bb.name and (bb.file, bb.name) in routers:
                        return (bb.file, bb.name)
        return None
