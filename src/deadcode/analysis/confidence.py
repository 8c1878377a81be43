"""Why a node that no entry reaches may still be live: the reasons that make a finding ``unsure``.

Only silence is dead. A dead-looking file or endpoint is ``unsure`` when
- something mentions it outside itself (tests excluded, dead code excluded): its module path, its
  file path, its endpoint path, in code strings, docs, Dockerfiles, compose, CI, OpenAPI files;
- a blind spot of the model covers it (a file or a tsconfig we could not read);
- for an endpoint, a client call whose URL we could not resolve could reach it, or a call matches
  it only by a weak rule (``CallInfo.maybe``: one literal segment behind an unknown base);
- it is reachable from another unsure finding (if that one is live, so is this one).
Each reason is a line of evidence; the finding is still reported, never removed unconfirmed.
"""

from __future__ import annotations

import re
from collections import deque
from functools import cached_property

from deadcode.graph.context import RULE_WORDS, is_test_path
from deadcode.graph.http import EndpointKey, endpoint_segments, is_literal
from deadcode.graph.mentions import Mention, MentionIndex

SOURCE_LANGS = ("python", "typescript", "tsx")
TEST_CONFIG = re.compile(
    r"(^|/)(jest|vitest|playwright|cypress|karma|ava)\.config\.[^/]*$|(^|/)(pytest\.ini|tox\.ini|\.mocharc[^/]*)$"
)
MAX_REASONS = 3
_API_KEY = re.compile(r"(?i)api_?key")


class Doubts:
    def __init__(self, program, reacher, live: dict):
        self.p = program
        self.ctx = program.ctx
        self.g = program.graph
        self.r = reacher
        self.live = live

    # ------------------------------------------------------------------ the mention index
    @cached_property
    def index(self) -> MentionIndex:
        per_file = {}
        for path, f in self.ctx.facts.items():
            if f.mentions and not is_test_path(path):
                per_file[path] = f.mentions
        for path, tokens in getattr(self.p, "mentions", {}).items():
            if tokens and not is_test_path(path):
                per_file[path] = tokens
        return MentionIndex(per_file, [*self.ctx.facts, *getattr(self.p, "mentions", {})])

    @cached_property
    def _anywhere(self) -> dict:
        """Nodes reached in any mode (dev code allowed, flags ignored): code that may run."""
        return self.r.everything

    def _counts(self, m: Mention) -> bool:
        """A mention counts unless it sits in a source file that never runs in any mode, or in a
        test runner's configuration (what it names is test code)."""
        if TEST_CONFIG.search(m.file):
            return False
        f = self.ctx.facts.get(m.file)
        if f is None or f.lang not in SOURCE_LANGS:
            return True
        return f"file:{m.file}" in self._anywhere

    @staticmethod
    def _describe(ms: list[Mention], what: str = "mentioned") -> list[str]:
        out = [f"{what} at {m.at} ({m.token})" for m in ms[:MAX_REASONS]]
        if len(ms) > MAX_REASONS:
            out[-1] += f" and {len(ms) - MAX_REASONS} more places"
        return out

    # ------------------------------------------------------------------ files
    def of_file(self, path: str) -> list[str]:
        ms = self.index.of_file(path)
        r = self.p.py.r
        for module in r.module_names(path) if path.endswith(".py") and hasattr(r, "module_names") else ():
            ms += [
                m for m in self.index.of_module(module) if m.file != path
            ]  # under any root: `python -m a.b.c`
        ms = [m for m in dict.fromkeys(ms) if self._counts(m)]
        return self._describe(ms)

    def unplaced_import_of(self, path: str) -> tuple[str, str, frozenset[str]] | None:
        """(module, where, names) of an import that resolves to nothing but names this file by
        its path's tail (``app.engine.index`` for ``patch/backend/app/engine/index.py``)."""
        if not path.endswith(".py"):
            return None
        parts = path[:-3].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        for k in range(len(parts), 1, -1):
            module = ".".join(parts[-k:])
            hit = self._unplaced_imports.get(module)
            if hit:
                return module, hit[0], hit[1]
        return None

    @cached_property
    def _unplaced_imports(self) -> dict[str, tuple[str, frozenset[str]]]:
        """module -> (where a file that may run imports it, the names imported), for the absolute
        imports that resolve to nothing in the repository (a tree the build makes: ``cp -r
        patch/* out/``). Only names that are no installed package's (the first part is a folder
        of the repository)."""
        folders = {seg for p in self.ctx.facts for seg in p.split("/")[:-1]}
        out: dict[str, tuple[str, frozenset[str]]] = {}
        for (path, imp), targets in self.p.py.import_targets.items():
            if targets or imp.module.startswith(".") or "." not in imp.module or is_test_path(path):
                continue
            if imp.module.split(".")[0] in folders and f"file:{path}" in self._anywhere:
                at, names = out.get(imp.module, (f"{path}:{imp.line}", frozenset()))
                out[imp.module] = (at, names | frozenset(imp.names))
        return out

    # ------------------------------------------------------------------ endpoints
    @cached_property
    def _route_declarers(self) -> frozenset[str]:
        """Files whose path strings declare routes, not reference them."""
        out = set()
        for path, f in self.ctx.facts.items():
            if f.py is not None and (f.py.endpoints or f.py.routers or f.py.includes or f.py.apps):
                out.add(path)
        return frozenset(out)

    @cached_property
    def _frontend_routes(self) -> dict[str, frozenset[str]]:
        out = {}
        for path, f in self.ctx.facts.items():
            if f.ts is not None and f.ts.routes:
                out[path] = frozenset(p for r in f.ts.routes for p in (r.path, r.full_path) if p)
        return out

    @cached_property
    def wild_calls(self) -> list:
        """Frontend calls that may run and whose URL we know nothing of: they could reach any endpoint."""
        out = []
        for call in self.ctx.calls.values():
            if call.targets or call.resolved or is_test_path(call.file) or call.file.endswith(".py"):
                continue
            if any(is_literal(s) for s in endpoint_segments(call.url)):
                continue
            if f"file:{call.file}" in self._anywhere:
                out.append(call)
        return sorted(out, key=lambda c: (c.file, c.line))

    @cached_property
    def maybe_callers(self) -> dict[str, list]:
        """Endpoint node id -> the calls that may run and match it only by a weak rule."""
        out: dict[str, list] = {}
        for call in self.ctx.calls.values():
            if not call.maybe or is_test_path(call.file) or f"file:{call.file}" not in self._anywhere:
                continue
            for eid in call.maybe:
                out.setdefault(eid, []).append(call)
        for calls in out.values():
            calls.sort(key=lambda c: (c.file, c.line))
        return out

    def of_endpoints(self, nids: list[str]) -> dict[str, list[str]]:
        infos = {nid: self.ctx.endpoints[nid] for nid in nids if nid in self.ctx.endpoints}
        keys = [EndpointKey(i.method, i.path, endpoint_segments(i.path)) for i in infos.values()]
        hits = self.index.of_endpoints(keys)
        out: dict[str, list[str]] = {}
        for nid, info in infos.items():
            ms = []
            for m in hits.get((info.method, info.path), ()):
                if m.file == info.file or m.file in self._route_declarers or not self._counts(m):
                    continue
                if m.token in self._frontend_routes.get(m.file, ()):
                    continue  # a page route of the same name, not a call
                ms.append(m)
            reasons = []
            for m in self.index.route_names.get(info.name or "", ()):
                if self._counts(m):
                    reasons.append(f'linked by url_for("{info.name}") at {m.at}')
            published = [m for m in ms if m.kind == "openapi"]
            documented = [m for m in ms if m.kind == "docs"]
            other = [m for m in ms if m.kind == "text"]
            if published:
                reasons.append(f"the API is published: {published[0].file} lists it")
            reasons += self._describe(documented, "documented")
            reasons += self._describe(other)
            maybe = self.maybe_callers.get(nid, [])
            if maybe:
                c = maybe[0]
                more = f" (and {len(maybe) - 1} more)" if len(maybe) > 1 else ""
                rule = RULE_WORDS.get(c.rules.get(nid, ""), "a weak rule")
                reasons.append(
                    f"a client call at {c.file}:{c.line} ({c.method} {c.url}) may reach it ({rule}){more}"
                )
            reasons += [
                why for rx, why in getattr(self.p, "endpoint_doubts", ()) if re.search(rx, info.path, re.I)
            ]
            key_auth = self._api_key_auth(info)
            if key_auth:
                reasons.append(
                    f"its handler {info.handler}() takes an API key ({key_auth}): made for programs "
                    "outside the repository (an SDK, a CLI, integrations)"
                )
            wild = [c for c in self.wild_calls if c.method in ("ANY", info.method)]
            if wild:
                c = wild[0]
                more = f" (and {len(wild) - 1} more)" if len(wild) > 1 else ""
                reasons.append(
                    f"an unresolved client call at {c.file}:{c.line} ({c.method} {c.url}) could reach it{more}"
                )
            if reasons:
                out[nid] = reasons
        return out

    # ------------------------------------------------------------------ broken calls
    def of_broken_call(self) -> list[str]:
        """A call no endpoint serves may still be served by a route the model could not place
        (a decorator on a router never seen mounted)."""
        n = self.ctx.endpoints_unplaced
        if not n:
            return []
        return [f"{n} route decorators are on routers never seen mounted: one of them may serve it"]

    def _api_key_auth(self, info) -> str | None:
        """The API-key name a handler uses (``api_key = Security(validate_api_key)``,
        ``Depends(verify_api_key)``): browsers of this app send a session, programs a key."""
        f = self.ctx.facts.get(info.file)
        if f is None or f.py is None:
            return None
        for d in f.py.defs:
            if d.name == info.handler:
                return next((u for u in sorted(d.uses) if _API_KEY.search(u)), None)
        return None

    # ------------------------------------------------------------------ spreading
    def spread(self, doubted: dict[str, list[str]]) -> dict[str, list[str]]:
        """What an unsure node reaches is unsure too, as long as it is dead: if the first is live
        after all, so is everything it loads."""
        out = dict(doubted)
        queue = deque(doubted)
        g, live = self.g, self.live
        while queue:
            n = queue.popleft()
            for e in g.out.get(n, ()):
                t = e.target
                if t in out or t in live or e.kind == "reexport":
                    continue
                label = g.nodes[n].path or g.nodes[n].label if n in g.nodes else n
                out[t] = [f"reachable from {label}, which is unsure ({e.at})"]
                queue.append(t)
        return out
