"""Endpoints placed under every prefix that mounts them.

Generic facts in, endpoint nodes out: apps (roots a server runs), routers (route groups with a
prefix), includes and mounts (parent -> child, with a prefix), endpoints declared on an app or a
router. An app or router is followed wherever it goes (a small value flow over names):
- through imports and re-exports (``from app.api.router import router``);
- into helpers that receive it (``def register(app): app.include_router(x)`` called as
  ``register(app)``: the parameter is every argument seen at a call site);
- out of factories (``def create_router(): r = APIRouter(); ...; return r``; ``x = create_app()``
  makes a new app that has everything the factory's app has);
- through instances of classes that hold one (``self.router = APIRouter()`` in ``VaultRouter``;
  ``secrets = VaultRouter(...)``; ``app.include_router(secrets.router)``);
- into sub-apps (``app.mount("/v1", v1_app)``: a mounted app is no root of its own).

An endpoint whose app or router is never seen mounted is counted (``endpoints_unplaced``) and
its handler kept; an include whose child cannot be followed is warned about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deadcode.graph.context import EndpointInfo, is_test_path
from deadcode.graph.model import Edge

if TYPE_CHECKING:
    from deadcode.graph.python_links import PythonLinker

UNKNOWN = "\x01"  # a prefix we could not resolve: the endpoint path is known only after it
MAX_DEPTH = 12
WARN_FIRST = 5

Key = tuple[str, str]  # (file, name): "router", "create_app.app" (local), "VaultRouter.router"
Value = tuple  # ("obj", key) | ("module", file) | ("class"|"inst"|"func", file, name)


@dataclass
class _Object:
    kind: str  # app | router
    prefix: str  # resolved own prefix (UNKNOWN when it could not be resolved)


def key_name(var: str, scope: str | None) -> str:
    """The name of an app or router variable in its scope: ``router`` at module level,
    ``create_app.app`` inside a function, ``VaultRouter.router`` for ``self.router`` in a class."""
    if scope:
        return f"{scope}.{var[5:]}" if var.startswith("self.") else f"{scope}.{var}"
    return var


class RoutePlacer:
    def __init__(self, linker: PythonLinker):
        self.linker = linker
        self.ctx = linker.ctx
        self.files = {p: f.py for p, f in linker.py.items() if not is_test_path(p)}
        self.objects: dict[Key, _Object] = {}
        self.alias: dict[Key, Key] = {}  # users_router = r = APIRouter(): r names users_router
        self._made: dict[tuple[str, int, str | None], Key] = {}
        self.by_scope: dict[tuple[str, str | None], list[Key]] = {}
        self.by_var: dict[tuple[str, str], list[Key]] = {}  # (file, bare var) -> keys in any scope
        self.assigns: dict[tuple[str, str | None, str], list[str]] = {}  # (file, scope, target) -> callees
        self.params: dict[tuple[str, str], dict[str, int]] = {}
        self.returns: dict[tuple[str, str], list[str]] = {}
        self.defs: dict[str, dict[str, str]] = {}  # file -> top-level name -> kind
        self.inherits: list[tuple[Key, Key]] = []  # (derived, factory object): same routes
        self._memo: dict[tuple, list[Value]] = {}
        self._active: set[tuple] = set()
        self._calls_to: dict[tuple[str, str], list] | None = None

    # ------------------------------------------------------------------ facts -> indexes
    def _index(self) -> None:
        ctx = self.ctx
        for path, py in self.files.items():
            self.defs[path] = {d.name: d.kind for d in py.defs}
            for a in py.apps:
                scope = getattr(a, "function", None)
                self._add_object((path, key_name(a.var, scope)), "app", "", a.var, scope, a.line)
            for r in py.routers:
                prefix = self.linker.resolve_template(r.prefix, path)
                if prefix is None:
                    ctx.problems.append(
                        f"{path}:{r.line}: router prefix {r.prefix.text() if r.prefix else ''} not resolved: "
                        "its endpoints are never called orphans"
                    )
                    prefix = UNKNOWN
                scope = getattr(r, "function", None)
                self._add_object((path, key_name(r.var, scope)), "router", prefix, r.var, scope, r.line)
            for a in getattr(py, "route_assigns", ()):
                self.assigns.setdefault((path, a.function, a.target), []).append(a.callee)
            for p in getattr(py, "route_params", ()):
                self.params.setdefault((path, p.function), {})[p.param] = p.index
            for r in getattr(py, "route_returns", ()):
                self.returns.setdefault((path, r.function), []).append(r.expr)

    def _add_object(
        self, key: Key, kind: str, prefix: str, var: str, scope: str | None, line: int = 0
    ) -> None:
        if key in self.objects or key in self.alias:
            return
        made = self._made.get((key[0], line, scope)) if line else None
        if made is not None:  # one constructor call, several names
            self.alias[key] = made
            self.by_var.setdefault((key[0], var.removeprefix("self.")), []).append(made)
            return
        if line:
            self._made[(key[0], line, scope)] = key
        self.objects[key] = _Object(kind, prefix)
        self.by_scope.setdefault((key[0], scope), []).append(key)
        self.by_var.setdefault((key[0], var.removeprefix("self.")), []).append(key)

    def _derive(self) -> None:
        """``x = create_app()``: a new object with everything the factory's object has."""
        for _ in range(3):  # factories of factories
            added = False
            for (path, scope, target), callees in list(self.assigns.items()):
                key = (path, key_name(target, scope))
                if self._obj(key):
                    continue
                sources = [
                    v[1] for c in callees for v in self._call_result(path, scope, c, 0) if v[0] == "obj"
                ]
                sources = [s for s in dict.fromkeys(sources) if s != key]
                if not sources:
                    continue
                first = self.objects[sources[0]]
                self._add_object(key, first.kind, first.prefix, target, scope)
                self.inherits += [(key, s) for s in sources]
                self._memo.clear()
                added = True
            if not added:
                break

    def _obj(self, key: Key) -> list[Value]:
        key = self.alias.get(key, key)
        return [("obj", key)] if key in self.objects else []

    # ------------------------------------------------------------------ value flow
    def values(self, path: str, scope: str | None, expr: str, depth: int = 0) -> list[Value]:
        """What an expression in ``path`` (inside the top-level definition ``scope``) may be."""
        expr = expr.strip()
        while expr.startswith("(") and expr.endswith(")"):
            expr = expr[1:-1].strip()
        memo = (path, scope, expr)
        hit = self._memo.get(memo)
        if hit is not None:
            return hit
        if depth > MAX_DEPTH or memo in self._active:
            return []
        self._active.add(memo)
        try:
            out = self._values(path, scope, expr, depth)
        finally:
            self._active.discard(memo)
        out = list(dict.fromkeys(out))
        self._memo[memo] = out
        return out

    def _values(self, path, scope, expr, depth) -> list[Value]:
        if "(" in expr:
            head = expr.partition("(")[0]
            if not expr.endswith(")") or not re.fullmatch(r"[\w.]+", head.strip()):
                return []
            return self._call_result(path, scope, head.strip(), depth + 1)
        parts = expr.split(".")
        if not all(p.isidentifier() for p in parts):
            return []
        vals = self._name(path, scope, parts[0], depth)
        for attr in parts[1:]:
            vals = [w for v in vals for w in self._attr(v, attr, depth)]
        return vals

    def _name(self, path: str, scope: str | None, name: str, depth: int) -> list[Value]:
        out: list[Value] = []
        if scope:
            hit = self._obj((path, f"{scope}.{name}"))
            if hit:
                return hit
            if name == "self" and self.defs.get(path, {}).get(scope) == "class":
                return [("inst", path, scope)]
            if name in self.params.get((path, scope), {}):
                out += self._param_values(path, scope, name, depth)
            for callee in self.assigns.get((path, scope, name), ()):
                out += self._call_result(path, scope, callee, depth + 1)
            if out:
                return out
        hit = self._obj((path, name))
        if hit:
            return hit
        for callee in self.assigns.get((path, None, name), ()):
            out += self._call_result(path, None, callee, depth + 1)
        for b in self.linker.bindings.get(path, {}).get(name, []):
            if b.name is None:
                out.append(("module", b.file))
            elif b.name != "*":
                out += self.values(b.file, None, b.name, depth + 1)
        kind = self.defs.get(path, {}).get(name)
        if kind == "class":
            out.append(("class", path, name))
        elif kind == "function":
            out.append(("func", path, name))
        if not out:  # a router made in one scope and decorated in another of the same file
            out = [("obj", k) for k in self.by_var.get((path, name), ())]
        return out

    def _attr(self, value: Value, attr: str, depth: int) -> list[Value]:
        kind = value[0]
        if kind == "obj":
            obj = self.objects[value[1]]
            return [value] if obj.kind == "app" and attr == "router" else []  # app.router.include_router
        if kind == "module":
            f = value[1]
            out = list(self.values(f, None, attr, depth + 1)) if f in self.files else []
            if f.endswith("__init__.py"):
                folder = f[: -len("__init__.py")]
                for sub in (f"{folder}{attr}.py", f"{folder}{attr}/__init__.py"):
                    if sub in self.linker.py:
                        out.append(("module", sub))
            return out
        if kind in ("inst", "class"):
            _k, f, cls = value
            hit = self._obj((f, f"{cls}.{attr}"))
            if hit:
                return hit
            out = []
            for target in (f"self.{attr}", attr):
                for callee in self.assigns.get((f, cls, target), ()):
                    out += self._call_result(f, cls, callee, depth + 1)
            return out
        return []

    def _call_result(self, path: str, scope: str | None, callee: str, depth: int) -> list[Value]:
        out: list[Value] = []
        for v in self.values(path, scope, callee, depth + 1):
            if v[0] == "class":
                out.append(("inst", v[1], v[2]))
            elif v[0] == "func":
                out += self._returned(v[1], v[2], depth + 1)
        return out

    def _returned(self, path: str, function: str, depth: int) -> list[Value]:
        """The apps and routers a factory returns: what its ``return`` names, else what it makes."""
        out = [
            v
            for expr in self.returns.get((path, function), ())
            for v in self.values(path, function, expr, depth + 1)
            if v[0] in ("obj", "inst")
        ]
        if out:
            return out
        made = self.by_scope.get((path, function), [])
        apps = [k for k in made if self.objects[k].kind == "app"]
        if apps or made:
            return [("obj", k) for k in (apps or made)]
        # a factory in a module of module-level routers: its router (compatibility)
        declared = sorted(
            (k for k in self.by_scope.get((path, None), []) if self.objects[k].kind == "router"),
            key=lambda k: (k[1] != "router", k[1]),
        )
        return [("obj", declared[0])] if declared else []

    def _param_values(self, path: str, function: str, param: str, depth: int) -> list[Value]:
        """A helper's parameter is whatever its call sites pass."""
        index = self.params[(path, function)][param]
        out: list[Value] = []
        for caller, call in self.calls_to().get((path, function), ()):
            kw = dict(call.keywords)
            text = kw.get(param) or (call.args[index] if 0 <= index < len(call.args) else "")
            if text:
                out += self.values(caller, call.function, text, depth + 1)
        return out

    def calls_to(self) -> dict[tuple[str, str], list]:
        if self._calls_to is None:
            self._calls_to = {}
            for path, py in self.files.items():
                for call in getattr(py, "route_calls", ()):
                    for v in self.values(path, call.function, call.callee):
                        if v[0] == "func":
                            self._calls_to.setdefault((v[1], v[2]), []).append((path, call))
            self._memo.clear()  # parameters evaluated before every call site was known
        return self._calls_to

    def objects_of(self, path: str, scope: str | None, expr: str) -> list[Key]:
        return [v[1] for v in self.values(path, scope, expr) if v[0] == "obj"]

    # ------------------------------------------------------------------ placement
    def place(self) -> None:
        ctx, linker = self.ctx, self.linker
        self._index()
        self.calls_to()
        self._derive()
        children: dict[Key, list] = {}
        mounted: set[Key] = set()
        for path, py in self.files.items():
            for inc in py.includes:
                kind = getattr(inc, "kind", "include")
                kids = self.objects_of(path, inc.function, inc.child)
                if not kids:
                    if kind == "include":
                        ctx.problems.append(f"{path}:{inc.line}: router {inc.child} not resolved")
                    continue
                prefix = linker.resolve_template(inc.prefix, path)
                if prefix is None:
                    ctx.problems.append(
                        f"{path}:{inc.line}: include prefix {inc.prefix.text()} not resolved: "
                        "its endpoints are never called orphans"
                    )
                    prefix = UNKNOWN
                if kind == "mount":  # Starlette's Mount("/") serves the sub-app at its own paths
                    prefix = prefix.rstrip("/")
                for parent in self.objects_of(path, inc.function, inc.parent):
                    for child in kids:
                        if child == parent:
                            continue
                        children.setdefault(parent, []).append(
                            (child, prefix, f"{path}:{inc.line}", inc.conditions, kind)
                        )
                        mounted.add(child)
        for derived, source in self.inherits:
            children.setdefault(derived, []).append((source, "", "", (), "inherit"))
            mounted.add(source)
        apps = [k for k, o in self.objects.items() if o.kind == "app" and k not in mounted]
        for path, name in self.objects:
            if self.objects[(path, name)].kind == "app" and "." not in name:
                self.ctx.app_holders.setdefault(path, []).append(name)
        mounts: dict[Key, list] = {a: [("", (), ())] for a in apps}
        stack = list(apps)
        guard = 0
        while stack and guard < 100000:
            guard += 1
            parent = stack.pop()
            # FastAPI copies an included router's routes into the parent with the parent's own
            # prefix: app <- api_router(prefix=/api/v1) <- area(prefix=/x) <- domain(prefix=/y)
            pobj = self.objects[parent]
            own_parent = pobj.prefix if pobj.kind == "router" else ""
            for child, prefix, at, conds, kind in children.get(parent, []):
                for base, pconds, chain in list(mounts.get(parent, [])):
                    if at and at in chain:
                        continue
                    if kind == "inherit":  # the same object under another name: same mounts
                        entry = (base, pconds, chain)
                    else:
                        entry = (base + own_parent + prefix, pconds + tuple(conds), chain + (at,))
                    lst = mounts.setdefault(child, [])
                    if entry not in lst and len(lst) < 64:
                        lst.append(entry)
                        stack.append(child)
        unplaced: list[str] = []
        for path, py in self.files.items():
            for ep in py.endpoints:
                owners = [
                    k for k in self.objects_of(path, getattr(ep, "function", None), ep.owner) if mounts.get(k)
                ]
                if not owners:
                    unplaced.append(f"{path}:{ep.line}")
                    continue
                sub = linker.resolve_template(ep.path, path)
                if sub is None:
                    ctx.problems.append(f"{path}:{ep.line}: endpoint path {ep.path.text()} not resolved")
                    continue
                for key in owners:
                    obj = self.objects[key]
                    own = obj.prefix if obj.kind == "router" else ""
                    for base, conds, chain in mounts[key]:
                        self._add_endpoint(path, ep, (base + own + sub) or "/", conds, chain)
        ctx.endpoints_unplaced = len(unplaced)
        if unplaced:
            more = f" (and {len(unplaced) - WARN_FIRST} more)" if len(unplaced) > WARN_FIRST else ""
            ctx.problems.append(
                f"{len(unplaced)} route decorators on routers never seen mounted (their handlers are kept): "
                + ", ".join(unplaced[:WARN_FIRST])
                + more
            )

    def _add_endpoint(self, path, ep, full, conds, chain) -> None:
        ctx, g = self.ctx, self.ctx.graph
        uncertain = UNKNOWN in full
        if uncertain:  # keep what is known after the last unresolved prefix
            full = full.rsplit(UNKNOWN, 1)[1] or "/"
        nid = f"endpoint:{ep.method} {full}"
        info = EndpointInfo(
            ep.method,
            full,
            path,
            ep.handler,
            ep.line,
            ep.span,
            ep.owner,
            tuple(conds) + tuple(ep.conditions),
            chain,
            uncertain,
            getattr(ep, "name", None) or ep.handler or None,
        )
        ctx.endpoints.setdefault(nid, info)
        g.add_node(nid, "endpoint", path, f"{ep.method} {full}", ep.line)
        symbolic = self.linker.symbolic.get(path, set())
        handler = f"symbol:{path}#{ep.handler}" if ep.handler in symbolic else f"file:{path}"
        g.add_edge(
            Edge(
                nid,
                handler,
                "handles",
                f"{path}:{ep.line}",
                tuple(conds),
                detail=f"handled by {ep.handler or '?'}()",
            )
        )
