"""TS/TSX client calls -> endpoints: each call's URL resolved across files, then matched.

A URL is a template (``facts``); its substitutions are resolved here, each to the values it may
take (alternatives):
- a constant of this file or an imported one (``API_BASE``, ``API_ENDPOINTS.MEMORIES``, through
  barrels and default imports), with every branch of a ternary;
- a function returning a URL (``MEMORY_ENDPOINTS.BY_ID(id)``, ``Service.url(id)``,
  ``getApiUrl()``): its return with the parameters replaced by the call's arguments;
- an axios instance (its ``baseURL``), the page's own origin (``window.location.origin``, ours);
- an env var (``process.env.NEXT_PUBLIC_API_URL``, ``import.meta.env.VITE_API_URL``): the values
  deployment files give it (.env files, compose, Helm), else an unknown base;
- anything else is unknown: a path segment, or an unknown base in front of the path.
A client adds its base (an axios instance, ``axios.defaults.baseURL``, a wrapper's URL, a global
SWR or React Query fetcher) the way the client joins them. ``graph/urls.py`` then says where the
URL goes and ``graph/http.py`` matches it by the rule that applies.
"""

from __future__ import annotations

import re
from functools import cached_property

from deadcode.facts.model import HttpCall, Sub, Template
from deadcode.graph.context import is_test_path, package_of, package_roots
from deadcode.graph.http import EndpointIndex
from deadcode.graph.urls import (
    BASE_UNKNOWN,
    KNOWN,
    OTHER_HOST,
    RELATIVE,
    Located,
    configured_host,
    is_literal,
    join_parts,
    locate,
)
from deadcode.idioms.http_clients import (
    CLIENT_RECEIVERS,
    MODULE_CLIENTS,
    OWN_ORIGIN,
    OWN_PROTOCOL,
    QUERY_HOOKS,
    SWR_HOOKS,
    URL_BUILDER_NAME,
    direct_client,
    env_name,
    verb_of,
)

MAX_ALTERNATIVES = 8
MAX_DEPTH = 8
_NAME = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
OWN_ORIGIN_TEXT = "http://localhost"  # the page's own origin: the backend that served it
OWN_HOST_TEXT = "localhost"
OBJECT_URLS = frozenset({"URL.createObjectURL", "window.URL.createObjectURL"})

Parts = list  # [str | None]: text, or None for a value we cannot know


def _cap(alts: list[Parts]) -> list[Parts]:
    out = []
    for a in alts:
        if a not in out:
            out.append(a)
        if len(out) >= MAX_ALTERNATIVES:
            break
    return out


def _product(options: list[list[Parts]]) -> list[Parts]:
    out: list[Parts] = [[]]
    for opts in options:
        out = _cap([a + b for a in out for b in opts])
        if not out:
            return []
    return out


class TsCalls:
    """Links every TS call of the program (``TsLinker.link_calls``)."""

    def __init__(self, linker, index: EndpointIndex):
        self.l = linker
        self.ctx = linker.ctx
        self.ts = linker.ts
        self.index = index

    # ------------------------------------------------------------------ tables
    @cached_property
    def _consts(self) -> dict[str, dict]:
        return {path: {c.name: c for c in f.ts.consts} for path, f in self.ts.items()}

    @cached_property
    def env_values(self) -> dict[str, list[str]]:
        """Env var -> the literal values deployment files set (compose, .env files, Helm)."""
        out: dict[str, list[str]] = {}
        for f in self.ctx.facts.values():
            d = f.deploy
            if d is None or d.kind not in ("compose", "dotenv", "helm-template"):
                continue
            for e in d.env:
                v = (e.value or "").strip().strip("\"'")
                if not v or "$" in v or v == e.name:  # `${X}` interpolations, placeholders: no value
                    continue
                if v not in out.setdefault(e.name, []):
                    out[e.name].append(v)
        return out

    @cached_property
    def _package_roots(self) -> list[str]:
        return package_roots(self.ctx.side_texts)

    def package_of(self, path: str) -> str:
        return package_of(path, self._package_roots)

    @cached_property
    def defaults(self) -> dict[tuple[str, str], list[tuple[str, object]]]:
        """(package root, client) -> [(file, ClientDefault)] set in that package."""
        out: dict[tuple[str, str], list] = {}
        for path, f in self.ts.items():
            if is_test_path(path):
                continue
            for d in getattr(f.ts, "client_defaults", ()):
                out.setdefault((self.package_of(path), d.client), []).append((path, d))
        return out

    def defaults_for(self, path: str, client: str) -> list[tuple[str, object]]:
        return self.defaults.get((self.package_of(path), client), [])

    # ------------------------------------------------------------------ names
    def lookup(self, path: str, name: str, depth: int = 0):
        """(file, TsConst) a name (``API``, ``ENDPOINTS.users``, ``Service.url``) stands for in
        ``path``: a const of the file, or of the module an import binds it to."""
        if depth > MAX_DEPTH:
            return None
        consts = self._consts.get(path, {})
        if name in consts:
            return path, consts[name]
        root, dot, rest = name.partition(".")
        for origin, oname in self.l.bindings.get(path, {}).get(root, []):
            if origin == path:
                continue
            if oname == "*":
                target = rest
            elif oname == "default":
                local = self._default_local(origin)
                target = (local or root) + dot + rest
            else:
                target = oname + dot + rest
            if not target:
                continue
            hit = self.lookup(origin, target, depth + 1)
            if hit:
                return hit
        return None

    def _default_local(self, path: str) -> str | None:
        f = self.ts.get(path)
        if f is None:
            return None
        if "default" in self._consts.get(path, {}):
            return "default"
        return next((e.local for e in f.ts.exports if e.name == "default" and e.local), None)

    def _bound_to_repo(self, path: str, name: str) -> bool:
        """Whether a local name is imported from a file of this repository."""
        return any(o in self.ts for o, _ in self.l.bindings.get(path, {}).get(name, []))

    # ------------------------------------------------------------------ values
    def values(self, tpl: Template, path: str, depth: int = 0, params: dict | None = None) -> list[Parts]:
        """Every value a template may take in file ``path``; ``params``: what a function's
        parameters stand for while its return is expanded."""
        options: list[list[Parts]] = []
        for i, p in enumerate(tpl.parts):
            if isinstance(p, str):
                options.append([[p]])
            else:
                options.append(self.sub_values(p, path, depth, i == 0, params))
        return _product(options)

    def sub_values(
        self, sub: Sub, path: str, depth: int, at_start: bool, params: dict | None = None
    ) -> list[Parts]:
        out = self._sub_values(sub, path, depth, at_start, params)
        if at_start and not (params is not None and sub.call is None and sub.expr.strip() in params):
            out = _cap([configured_host(a[0]) + a[1:] if a and isinstance(a[0], str) else a for a in out])
        return out

    def _sub_values(
        self, sub: Sub, path: str, depth: int, at_start: bool, params: dict | None = None
    ) -> list[Parts]:
        expr = sub.expr.strip()
        if params is not None and sub.call is None and expr in params:
            return params[expr]
        if depth > MAX_DEPTH:
            return [[None]]
        if sub.call is not None:
            return self._call_values(sub, path, depth, params)
        bare = expr.replace("?.", ".")
        if OWN_ORIGIN.match(bare):
            return [[OWN_ORIGIN_TEXT if bare.endswith("origin") else OWN_HOST_TEXT]]
        if OWN_PROTOCOL.match(bare):
            return [["http:"]]
        env = env_name(bare)
        if env is not None:
            vals = self.env_values.get(env, [])
            if not vals:
                return [[None]]
            return _cap([[("http://" + v) if at_start and self._host_only(v) else v] for v in vals])
        if _NAME.match(bare):
            hit = self.lookup(path, bare)
            if hit is not None:
                origin, const = hit
                if const.kind in ("string", "axios"):
                    out: list[Parts] = []
                    for t in (const.value, *const.alternatives):
                        out += self.values(t, origin, depth + 1)
                    return _cap(out) or [[None]]
        return [[None]]

    @staticmethod
    def _host_only(value: str) -> bool:
        """``localhost:3000``, ``api.example.com``: a host without scheme or path."""
        return re.match(r"^[A-Za-z0-9.-]+(:\d+)?$", value) is not None and (
            "." in value or ":" in value or value == "localhost"
        )

    def _call_values(self, sub: Sub, path: str, depth: int, params: dict | None) -> list[Parts]:
        callee = sub.call.replace("?.", ".")
        if callee in OBJECT_URLS:
            return [["blob:"]]  # a local object URL: no request to any server
        args = [self.values(a, path, depth + 1, params) for a in sub.args]
        hit = self.lookup(path, callee) if _NAME.match(callee) else None
        if hit is not None and hit[1].kind == "function":
            origin, const = hit
            bound = {
                name: (args[i] if i < len(args) else [[None]]) for i, name in enumerate(const.params) if name
            }
            out: list[Parts] = []
            for t in (const.value, *const.alternatives):
                out += self.values(t, origin, depth + 1, bound)
            if out:
                return _cap(out)
        # a URL builder we cannot read (``wsUrl("/chat/ws")``): an unknown base, then its path
        for a in args:
            urlish = [alt for alt in a if alt and isinstance(alt[0], str) and alt[0].startswith("/")]
            if urlish:
                return _cap([[None] + alt for alt in urlish])
        return [[None]]

    # ------------------------------------------------------------------ calls
    def link(self) -> None:
        for path, f in self.ts.items():
            test = is_test_path(path)
            wrappers = self.l._wrappers_for(path)
            own = {w.name: (getattr(w, "param_name", "") or _param_name(w)) for w in f.ts.wrappers}
            sites: dict[tuple[int, int], list] = {}  # the facts of one call expression: its URLs and methods
            for call in f.ts.http_calls:
                param = own.get(call.function or "")
                if param and any(isinstance(p, Sub) and p.expr == param for p in call.url.parts):
                    continue  # the wrapper's own forwarding call: its callers are the real calls
                sites.setdefault(call.span, []).append(call)
            for calls in sites.values():
                results = []
                for call in calls:
                    results += self.link_call(path, call, wrappers, test)
                self._record(path, results)

    def _record(self, path: str, results: list) -> None:
        """Adds the call nodes of one call site. A miss is a broken call only when every URL
        the site may take is known from our own origin and none of them reaches an endpoint
        (``edit ? api.put : api.post`` with ``edit ? `/items/${id}` : "/items"``: two of the four
        combinations are never sent)."""
        all_known = all(loc.base == KNOWN for _, _, loc, _, _ in results)
        any_match = any(m for _, _, _, m, _ in results)
        for call, method, loc, matches, resolved in results:
            final = resolved and all_known and (bool(matches) or not any_match)
            self.ctx.add_call(
                path,
                call,
                method,
                loc.path,
                final,
                matches,
                call.dev,
                match_prefix=f"{method} {loc.path} ",
                base=loc.base,
            )

    def _through(self, pieces_of_wrapper, call: HttpCall, path: str):
        wpath, url, pname = pieces_of_wrapper
        out = []
        for p in url.parts:
            if isinstance(p, Sub) and p.call is None and p.expr == pname:
                out.append((Template.of([*call.url.parts]), path))
            else:
                out.append((Template((p,)), wpath))
        return out

    def link_call(self, path: str, call: HttpCall, wrappers, test: bool) -> list:
        """(call, method, Located, matches, resolved) for each URL a call fact may take."""
        callee = call.callee.strip()
        method = call.method
        head, _, last = callee.rpartition(".")
        # the URL as pieces (template, the file whose names resolve it), joined in order, and the
        # bases a client puts before it (each an alternative), joined the way axios joins them
        pieces: list[tuple[Template, str]] = [(call.url, path)]
        bases: list[list[tuple[Template, str]]] = []
        builder = False
        hook = last in SWR_HOOKS or last in QUERY_HOOKS
        if call.via and call.via in wrappers:
            wpath, w = wrappers[call.via]
            pieces = self._through((wpath, w.url, getattr(w, "param_name", "") or _param_name(w)), call, path)
            method = w.method or method
        elif hook:
            client = "react-query" if last in QUERY_HOOKS else "swr"
            fetchers = []
            for dpath, d in self.defaults_for(path, client) if call.via is None else ():
                if d.via and d.via in self.l._wrappers_for(dpath):
                    wpath, w = self.l._wrappers_for(dpath)[d.via]
                    fetchers.append((wpath, w.url, getattr(w, "param_name", "") or _param_name(w), w.method))
                elif d.param:
                    fetchers.append((dpath, d.url, d.param, d.method))
            if fetchers:
                out = []
                for wpath, url, pname, m in fetchers:
                    out += self._link(
                        path, call, m or method, self._through((wpath, url, pname), call, path), [], False
                    )
                return out
            first = call.url.parts[0] if call.url.parts else None
            if not (isinstance(first, str) and first.startswith("/")) and not (
                isinstance(first, Sub) and len(call.url.parts) > 1
            ):
                return []  # a relative key without a fetcher that makes it a URL: a cache name
        elif direct_client(callee):
            if head in MODULE_CLIENTS:
                if self._bound_to_repo(path, head):  # `import axios from "./axiosConfig"`: an instance
                    bases = self._instance_bases(path, head)
                else:
                    bases = [[(d.url, dpath)] for dpath, d in self.defaults_for(path, head)]
            elif callee in MODULE_CLIENTS:
                bases = [[(d.url, dpath)] for dpath, d in self.defaults_for(path, callee)]
        elif head and verb_of(callee):
            bases = self._instance_bases(path, head)
            if not bases and not test and head not in CLIENT_RECEIVERS:
                return []  # map.get("x"), cache.delete(k): not HTTP
            if method == "ANY":
                method = verb_of(callee) or "ANY"
        elif callee in wrappers:
            wpath, w = wrappers[callee]
            pieces = self._through((wpath, w.url, getattr(w, "param_name", "") or _param_name(w)), call, path)
            method = w.method or method
        elif URL_BUILDER_NAME.search(callee.rsplit(".", 1)[-1]):
            # formatURL("/stream/notifications/") handed to an EventSource or a client later:
            # a reference with unknown method and base that keeps what it names alive
            method, builder = "ANY", True
        else:
            return []
        return self._link(path, call, method, pieces, bases, builder)

    def _instance_bases(self, path: str, receiver: str) -> list[list[tuple[Template, str]]]:
        """The base URLs of an axios instance: its ``baseURL`` and its ``.defaults.baseURL``."""
        out = []
        hit = self.lookup(path, receiver)
        if hit is not None and hit[1].kind == "axios":
            if hit[1].value.parts:
                out.append([(hit[1].value, hit[0])])
            else:
                out.append([])
            name = hit[1].name
            for dpath, d in self.defaults_for(hit[0], name):
                out.append([(d.url, dpath)])
        return out

    def _link(self, path: str, call: HttpCall, method: str, pieces, bases, builder: bool) -> list:
        urls: list[Parts] = [[]]
        for tpl, scope in pieces:
            urls = _product([urls, self.values(tpl, scope)])
        base_texts: list[str | None] = [None]
        if bases:
            base_texts = []
            for base in bases:
                alts: list[Parts] = [[]]
                for tpl, scope in base:
                    alts = _product([alts, self.values(tpl, scope)])
                base_texts += [join_parts(a) for a in alts]
        located: list[Located] = []
        for parts in urls:
            text = join_parts(parts)
            for base in dict.fromkeys(base_texts):
                full = text
                if base is not None and not _ABSOLUTE.match(text):
                    full = base.rstrip("/") + "/" + text.lstrip("/") if base else text
                if builder:
                    full = "\0/" + full.lstrip("/")
                loc = locate(full)
                if loc.base == RELATIVE:  # relative to the page: a base we cannot see
                    loc = Located(BASE_UNKNOWN, loc.segments)
                if builder and not any(is_literal(seg) for seg in loc.segments):
                    continue  # a path helper given no literal path: no evidence of a request
                if loc.base != OTHER_HOST:
                    located.append(loc)
        # another service's URLs (https://api.github.com/...) are gone: no call to our backend
        return [(call, method, loc, *self.index.resolve(method, loc)) for loc in dict.fromkeys(located)]


def _param_name(w) -> str:
    for p in w.url.parts:
        if isinstance(p, Sub):
            name = p.expr.strip()
            if re.fullmatch(r"[A-Za-z_$][\w$]*", name):
                return name
    return ""
