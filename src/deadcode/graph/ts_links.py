"""TS/TSX facts -> graph: imports followed per symbol through barrels, React Router routes;
HTTP calls are linked by ``graph/ts_calls.py`` through the bindings collected here."""

from __future__ import annotations

import re

from deadcode.facts.model import FileFacts, TsFacts
from deadcode.graph.context import Context, RouteInfo
from deadcode.graph.http import EndpointIndex
from deadcode.graph.model import Edge

WHOLESALE = {"dynamic", "side-effect", "require"}


def _norm_route(path: str) -> str:
    path = "/" + path.strip("/") if path else "/"
    return re.sub(r"/+", "/", path)


class TsLinker:
    def __init__(self, ctx: Context, resolver):
        self.ctx = ctx
        self.r = resolver
        self.ts = {p: f for p, f in ctx.facts.items() if f.ts is not None}
        self._origins: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._exports_by_name: dict[str, dict] = {}  # file -> export name -> its first TsExport
        self._rx_targets: dict[str, list] = {}  # file -> [(TsReExport, resolved file)]
        self._provided: dict[str, frozenset[str]] = {}  # file -> names origins can find there
        self.fn_symbols: dict[str, dict[str, str]] = {}  # file -> export name -> symbol node
        self._refs_file: str | None = None
        self._refs: dict[str, list[int]] = {}
        self._dev_spans: list[tuple[int, int]] = []
        # file -> local name -> [(origin file, origin name)]
        self.bindings: dict[str, dict[str, list[tuple[str, str]]]] = {}

    def resolve(self, spec: str, importer: str) -> str | None:
        key = (spec, importer)
        if key not in self._resolved:
            t = self.r.resolve(spec, importer)
            self._resolved[key] = t if isinstance(t, str) else None
        return self._resolved[key]

    # ------------------------------------------------------------------ barrels
    def origins(self, file: str, name: str, depth: int = 0) -> list[tuple[str, str]]:
        """Where export ``name`` of ``file`` is defined, following re-exports per symbol."""
        key = (file, name)
        if key in self._origins:
            return self._origins[key]
        self._origins[key] = [(file, name)]  # cycle guard
        f = self.ts.get(file)
        result = [(file, name)]
        if f is not None and depth < 32:
            local = self._exports_of(file).get(name)
            if local is not None:
                via = self.bindings.get(file, {}).get(local.local or "", [])
                result = via or [(file, name)]
            else:
                found = None
                for rx, target in self._reexport_targets(file):
                    if rx.names:
                        for imported, exported in rx.names:
                            if exported == name:
                                found = (
                                    [(target, "*")]
                                    if imported == "*"
                                    else self.origins(target, imported, depth + 1)
                                )
                                break
                    elif name != "default":
                        if name not in self._provides(target):
                            continue  # the walk below could only come back empty-handed
                        sub = self.origins(target, name, depth + 1)
                        if sub != [(target, name)] or self._defines(target, name):
                            found = sub
                    if found:
                        break
                if found:
                    result = found
        self._origins[key] = result
        return result

    def through(self, file: str, name: str, depth: int = 0) -> frozenset[tuple[str, str]]:
        """Every (file, export) the resolution of export ``name`` of ``file`` passes, itself
        included: the barrels on the way (``export *`` into a barrel whose ``export { x }``
        re-exports an import) use their exports as much as the origin does. A superset of the
        walk ``origins`` takes: what it credits can only keep an export."""
        key = (file, name)
        memo = self.__dict__.setdefault("_through", {})
        hit = memo.get(key)
        if hit is not None:
            return hit
        memo[key] = frozenset((key,))  # cycle guard
        out = {key}
        if file in self.ts and depth < 32:
            local = self._exports_of(file).get(name)
            if local is not None:
                for target, imported in self.bindings.get(file, {}).get(local.local or "", ()):
                    out |= self.through(target, imported, depth + 1)
            else:
                for rx, target in self._reexport_targets(file):
                    if rx.names:
                        for imported, exported in rx.names:
                            if exported == name and imported != "*":
                                out |= self.through(target, imported, depth + 1)
                    elif name != "default" and name in self._provides(target):
                        out |= self.through(target, name, depth + 1)
        memo[key] = result = frozenset(out)
        return result

    def _reexport_targets(self, file: str) -> list:
        """(re-export, the file it resolves to) of ``file``, unresolved ones left out."""
        out = self._rx_targets.get(file)
        if out is None:
            f = self.ts.get(file)
            out = []
            for rx in f.ts.reexports if f is not None else ():
                target = self.resolve(rx.specifier, file)
                if target is not None:
                    out.append((rx, target))
            self._rx_targets[file] = out
        return out

    def _provides(self, file: str) -> frozenset[str]:
        """Every name ``origins`` could find through ``file``: its exports and re-exported names,
        and those of every file its ``export *`` reach (a superset: depth and cycles only ever
        find less). A barrel of 60 ``export *`` asked for a name walks only the files that
        have it, not all 60 (the walk per name was quadratic in the barrels' reach)."""
        names = self._provided.get(file)
        if names is None:
            acc: set[str] = set()
            seen, stack = {file}, [file]
            while stack:
                cur = stack.pop()
                acc.update(self._exports_of(cur))
                for rx, target in self._reexport_targets(cur):
                    if rx.names:
                        acc.update(exported for _imported, exported in rx.names)
                    elif target not in seen:
                        seen.add(target)
                        stack.append(target)
            names = self._provided[file] = frozenset(acc)
        return names

    def _defines(self, file: str, name: str) -> bool:
        return name in self._exports_of(file)

    def _exports_of(self, file: str) -> dict:
        table = self._exports_by_name.get(file)
        if table is None:
            f = self.ts.get(file)
            table = {}
            for e in f.ts.exports if f is not None else ():
                table.setdefault(e.name, e)
            self._exports_by_name[file] = table
        return table

    def reexport_closure(self, file: str) -> list[str]:
        """Every file a wholesale import of ``file`` loads through its re-exports."""
        out, stack, seen = [], [file], {file}
        while stack:
            for _rx, t in self._reexport_targets(stack.pop()):
                if t not in seen:
                    seen.add(t)
                    out.append(t)
                    stack.append(t)
        return out

    # ------------------------------------------------------------------ bindings
    def collect(self) -> None:
        for path, f in self.ts.items():
            table: dict[str, list[tuple[str, str]]] = {}
            for imp in f.ts.imports:
                target = self.resolve(imp.specifier, path)
                if target is None:
                    continue
                for imported, local in imp.names:
                    table.setdefault(local, []).append((target, imported))
                if imp.local:
                    table.setdefault(imp.local, []).append((target, "default"))
            self.bindings[path] = table
        for path in self.ts:  # origins need every file's bindings first
            for local, targets in self.bindings[path].items():
                resolved = []
                for target, imported in targets:
                    if imported in ("*", "default") and not self._defines(target, imported):
                        resolved.append((target, imported))
                    else:
                        resolved.extend(self.origins(target, imported))
                self.bindings[path][local] = list(dict.fromkeys(resolved + targets))

    # ------------------------------------------------------------------ attribution
    def _users(self, path: str, tsf: TsFacts, local: str, route_ids: list[tuple[tuple[int, int], str]]):
        """Who uses import binding ``local``: 'file', 'dev', or route node ids."""
        if self._refs_file != path:  # per-file indexes, built once per file
            self._refs_file = path
            self._refs = {}
            for name, off in tsf.binding_refs:
                self._refs.setdefault(name, []).append(off)
            self._dev_spans = [j.span for j in tsf.jsx if j.dev]
        refs = self._refs.get(local)
        if not refs:
            return {"file"}
        dev_spans = self._dev_spans
        users = set()
        for off in refs:
            owner = None
            best = None
            for span, rid in route_ids:
                if span[0] <= off < span[1] and (best is None or span[0] >= best[0]):
                    best, owner = span, rid
            if owner is not None:
                users.add(owner)
            elif any(s[0] <= off < s[1] for s in dev_spans):
                users.add("dev")
            else:
                users.add("file")
        return users

    # ------------------------------------------------------------------ edges
    def link(self) -> None:
        for path, f in self.ts.items():
            self.ctx.file_node(path)
            self._function_symbols(path, f.ts)
        for path, f in self.ts.items():
            route_ids = self._link_routes(path, f)
            self._link_imports(path, f, route_ids)

    def _function_symbols(self, path: str, tsf: TsFacts) -> None:
        """Exported functions that make HTTP calls get a node of their own: a live API module
        (``api/sysop.ts``) can hold a function only dead pages call, and its endpoint dies with
        them. Other code lives with its file."""
        callers = {c.function for c in tsf.http_calls if c.function}
        if not callers:
            return
        spans = dict(tsf.functions)
        local_refs = {name for name, _ in tsf.binding_refs}
        g = self.ctx.graph
        table = {}
        for ex in tsf.exports:
            fn = ex.local
            if not fn or fn not in callers or fn not in spans:
                continue
            sid = f"symbol:{path}#{fn}"
            g.add_node(sid, "symbol", path, f"{path}#{fn}", ex.line, span=spans[fn])
            table[ex.name] = sid
            if fn in local_refs:  # used in its own file: lives with the file
                g.add_edge(
                    Edge(
                        f"file:{path}",
                        sid,
                        "import",
                        f"{path}:{ex.line}",
                        detail=f"{fn} is used in its own file",
                    )
                )
        if table:
            self.fn_symbols[path] = table

    def _symbol_targets(self, origins: list[tuple[str, str]], wholesale_files: list[str]) -> list[str]:
        out = []
        for o, name in origins:
            table = self.fn_symbols.get(o)
            if not table:
                continue
            if name == "*":
                out += list(table.values())
            elif name in table:
                out.append(table[name])
        for f in wholesale_files:
            out += list(self.fn_symbols.get(f, {}).values())
        return out

    def _link_imports(self, path: str, f: FileFacts, route_ids) -> None:
        g, tsf = self.ctx.graph, f.ts
        for imp in tsf.imports:
            if imp.kind == "glob":  # import.meta.glob("./pages/*.tsx"): every match is loaded
                for t in self._glob(imp.specifier, path):
                    self.ctx.file_node(t)
                    g.add_edge(
                        Edge(
                            f"file:{path}",
                            f"file:{t}",
                            "lazy-import",
                            f"{path}:{imp.line}",
                            dev=imp.dev,
                            detail=f"import.meta.glob({imp.specifier})",
                        )
                    )
                continue
            target = self.resolve(imp.specifier, path)
            overlays = self.r.overlay_targets(imp.specifier, target)
            if target is None:
                if not overlays:
                    continue
                target = overlays.pop(0)
            kind = "lazy-import" if imp.kind in ("lazy", "dynamic") else "import"
            at = f"{path}:{imp.line}"
            for t in overlays:  # the file another app's config resolves it to: used whole
                self.ctx.file_node(t)
                g.add_edge(
                    Edge(
                        f"file:{path}",
                        f"file:{t}",
                        kind,
                        at,
                        dev=imp.dev,
                        detail=f"imports {imp.specifier} (as an overlay tsconfig's paths resolve it)",
                    )
                )
                for sid in self._symbol_targets([], [t]):
                    g.add_edge(
                        Edge(f"file:{path}", sid, kind, at, dev=imp.dev, detail=f"imports {imp.specifier}")
                    )
            names = [local for _, local in imp.names] + ([imp.local] if imp.local else [])
            wholesale = imp.kind in WHOLESALE or any(i == "*" for i, _ in imp.names) or not names
            route_user = self._route_at(imp.span[0], route_ids)
            for local in names or [None]:
                if local:
                    users = self._users(path, tsf, local, route_ids)
                else:  # `lazy: () => import("./Page")` inside a route object belongs to that route
                    users = {route_user} if route_user else {"file"}
                origin_files = [target]
                origins: list[tuple[str, str]] = []
                wholesale_files: list[str] = []
                if local and not wholesale:
                    origins = self.bindings.get(path, {}).get(local, [])
                    origin_files += [o for o, _ in origins]
                    # `export * as ns` re-exported and imported by name: the whole module
                    wholesale_files = [o for o, n in origins if n == "*"]
                elif wholesale:
                    wholesale_files = [target] + self.reexport_closure(target)
                    origin_files += wholesale_files
                symbols = self._symbol_targets(origins, wholesale_files)
                for user in users:
                    src = f"file:{path}" if user in ("file", "dev") else user
                    dev = imp.dev or user == "dev"
                    what = f"imports {imp.specifier}" + (f" ({local})" if local else "")
                    for t in dict.fromkeys(origin_files):
                        self.ctx.file_node(t)
                        g.add_edge(Edge(src, f"file:{t}", kind, at, dev=dev, detail=what))
                    for sid in dict.fromkeys(symbols):
                        g.add_edge(Edge(src, sid, kind, at, dev=dev, detail=what))
        for rx, target in self._reexport_targets(path):
            self.ctx.file_node(target)
            g.add_edge(
                Edge(
                    f"file:{path}",
                    f"file:{target}",
                    "reexport",
                    f"{path}:{rx.line}",
                    detail=f"re-exports {rx.specifier}",
                )
            )

    @staticmethod
    def _route_at(offset: int, route_ids) -> str | None:
        best, owner = None, None
        for span, rid in route_ids:
            if span[0] <= offset < span[1] and (best is None or span[0] >= best[0]):
                best, owner = span, rid
        return owner

    def _glob(self, pattern: str, importer: str) -> list[str]:
        from deadcode.discover.config import glob_match

        folder = importer.rsplit("/", 1)[0] if "/" in importer else ""
        if pattern.startswith("/"):  # Vite: relative to the project root (nearest package.json)
            base = folder
            while base and f"{base}/package.json" not in self.ctx.side_texts:
                base = base.rsplit("/", 1)[0] if "/" in base else ""
            full = (base + pattern) if base else pattern.lstrip("/")
        else:
            parts = (folder.split("/") if folder else []) + pattern.split("/")
            out: list[str] = []
            for p in parts:
                if p == "..":
                    if out:
                        out.pop()
                elif p not in (".", ""):
                    out.append(p)
            full = "/".join(out)
        return [p for p in self.ts if glob_match(p, full)]

    def _link_routes(self, path: str, f: FileFacts) -> list[tuple[tuple[int, int], str]]:
        g, tsf = self.ctx.graph, f.ts
        route_ids: list[tuple[tuple[int, int], str]] = []
        ids: list[str] = []
        for i, r in enumerate(tsf.routes):
            full = _norm_route(r.full_path if r.full_path else (r.path or ""))
            rid = f"route:{full}"
            ids.append(rid)
            g.add_node(rid, "route", path, full, r.line)
            self.ctx.routes.setdefault(rid, []).append(
                RouteInfo(rid, path, full, r.line, r.span, r.components, r.dev)
            )
            parent = f"file:{path}" if r.parent is None else ids[r.parent]
            g.add_edge(Edge(parent, rid, "route", f"{path}:{r.line}", dev=r.dev, detail=f"route {full}"))
            route_ids.append((r.span, rid))
            if r.lazy:
                target = self.resolve(r.lazy, path)
                if target is None and not r.lazy.startswith((".", "/")):
                    # React Router v7 route modules are relative to the app folder: "routes/home.tsx"
                    target = self.resolve("./" + r.lazy, path)
                if target:
                    self.ctx.file_node(target)
                    g.add_edge(
                        Edge(
                            rid,
                            f"file:{target}",
                            "lazy-import",
                            f"{path}:{r.line}",
                            dev=r.dev,
                            detail=f"route {full} loads {r.lazy}",
                        )
                    )
        return route_ids

    # ------------------------------------------------------------------ HTTP calls
    def link_calls(self, index: EndpointIndex) -> None:
        """Client calls -> endpoints (``graph/ts_calls.py``)."""
        from deadcode.graph.ts_calls import TsCalls

        TsCalls(self, index).link()

    def _wrappers_for(self, path: str) -> dict:
        out = {}
        f = self.ts[path]
        for w in f.ts.wrappers:
            out[w.name] = (path, w)
        for local, origins in self.bindings.get(path, {}).items():
            for origin, name in origins:
                of = self.ts.get(origin)
                if of:
                    for w in of.ts.wrappers:
                        if w.name == name:
                            out[local] = (origin, w)
        return out
