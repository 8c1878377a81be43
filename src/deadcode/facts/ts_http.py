"""The HTTP stage of the TS extractor: client calls, page visits, URL wrappers and the client
configuration a file sets (``facts/typescript.py`` mixes it in; it shares the parsed file).

Which calls are requests is data (``idioms/http_clients.py``); the shapes of one library
(axios instances and defaults, SWR and React Query keys and fetchers, MSW mocks) are asked of
its idiom module. URLs are read with ``facts/ts_values.py``: every value a URL expression may
take is one ``HttpCall`` (same line and span), so ``cond ? "/a" : "/b"`` reaches both.
"""

from __future__ import annotations

import bisect
import re

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import ClientDefault, HttpCall, Sub, Template, TsWrapper
from deadcode.facts.ts_nodes import (
    _squash,
    _IDENT,
    FUNCTION_NODES,
    _args,
    _callee,
    _is_literal_node,
    _merge,
    _unwrap,
    _url_like,
)
from deadcode.idioms import axios, msw, react_query, service_workers, swr
from deadcode.idioms.http_clients import (
    CALLBACK_CLIENTS,
    CLIENT_NAMES,
    FETCH_CALLEES,
    HTTP_VERBS,
    METHOD_NAMES,
    NOT_HTTP_CALLEES,
    NOT_HTTP_METHODS,
    QUERY_HOOKS,
    SWR_HOOKS,
    SWR_IMPORT_ONLY,
)

VERB_METHODS = frozenset(v for v in HTTP_VERBS if v != "request")
URL_ARG_NODES = frozenset(
    {
        "identifier",
        "member_expression",
        "template_string",
        "binary_expression",
        "call_expression",
        "subscript_expression",
        "ternary_expression",
        "new_expression",
    }
)
MAX_ROUNDS = 4  # wrappers of wrappers: a few rounds reach a fixpoint


def _norm(text: str) -> str:
    return _squash(text).replace("?.", ".").replace("!.", ".")


class HttpStage:
    """Mixin of the TS extractor: the HTTP calls of one file."""

    # ---------------------------------------------------------------- recording
    def _add_http(
        self, method: str, url: Template, callee: str, node: Node, via: str | None = None
    ) -> HttpCall:
        call = HttpCall(
            method,
            url,
            callee,
            parsing.line(node),
            parsing.span(node),
            self.dev(node),
            self.function_of(node),
            (),
            via,
        )
        self.http.append(call)
        return call

    def _add_urls(
        self, method: str, urls: list[Template], callee: str, node: Node, via: str | None = None
    ) -> None:
        for url in urls:
            self._add_http(method, url, callee, node, via)

    def _config_method(self, node: Node | None, default: str) -> str:
        """``method`` of a request options object: literal -> upper-case; unknown -> ANY."""
        node = _unwrap(node)
        if node is None:
            return default
        if node.type != "object":
            return "ANY"
        self._http_objects.add(node.start_byte)
        pairs, spread = self.object_pairs(node)
        if "method" in pairs:
            value = self.string_value(pairs["method"])
            return value.upper() if value else "ANY"
        return "ANY" if spread else default

    # ---------------------------------------------------------------- the stage
    def _http_calls(self) -> None:
        if service_workers.is_runtime(self.path, self.data):
            return  # the mock service worker forwards the page's own requests: no calls of its own
        self._v7 = set(self._v7_helpers())  # route("/x", "./x.tsx") declares a page, not a request
        self._mocks = msw.mock_locals(self)
        self._swr_locals = swr.imported_names(self)
        self._data_hooks: list[tuple[Node, str, list[Node]]] = []
        self._forwarders: set[tuple[int, int]] = set()  # calls of fetchers read through their keys
        for call in self._caps("call"):
            fn = _callee(call)
            if fn is None or fn.type == "import":
                continue
            self._http_call(call)
        self._openapi_objects()
        self.http.sort(key=lambda h: h.span)
        self._direct_spans = [h.span for h in self.http]  # what fetchers are read from (forwarding)
        for call, callee, args in self._data_hooks:  # they read fetchers: every direct call first
            hook = callee.rpartition(".")[2]
            if hook in QUERY_HOOKS:
                react_query.key_call(self, call, callee, args)
            else:
                swr.key_call(self, call, callee, args)
        self.client_defaults = [*axios.defaults(self), *swr.defaults(self), *react_query.defaults(self)]
        if self._forwarders:
            self.http = [h for h in self.http if h.span not in self._forwarders]
        self.http.sort(key=lambda h: h.span)

    def _registration(self, call: Node) -> bool:
        """``app.get("/x")(handler)``: the call's result is called at once: a route registration
        (FastAPI-style, Express-style chains), not a request. (Found from the outer calls:
        ``Node.parent`` costs the node's depth.)"""
        regs = self.__dict__.get("_registrations")
        if regs is None:
            regs = self._registrations = set()
            for c in self._caps("call"):
                fn = _callee(c)
                if fn is not None and fn.type == "call_expression":
                    regs.add((fn.start_byte, fn.end_byte))
        return (call.start_byte, call.end_byte) in regs

    def _callee_alternatives(self, call: Node) -> list[str]:
        """The client methods a call may run: one, or each branch of ``(edit ? api.put : api.post)``,
        ``api[method]`` with a known method, or a local ``const send = edit ? api.put : api.post``."""
        fn = _unwrap(_callee(call))
        bound = False
        if (
            fn is not None
            and fn.type == "identifier"
            and self._maybe_local(self.t(fn))
            and self._declared(fn)
        ):
            values = self.local_values(fn)
            if (
                values
                and len(values) == 1
                and _unwrap(values[0]) is not None
                and _unwrap(values[0]).type in ("ternary_expression", "member_expression")
            ):
                fn, bound = _unwrap(values[0]), True
        if fn is not None and fn.type == "ternary_expression":
            out = []
            for b in (fn.child_by_field_name("consequence"), fn.child_by_field_name("alternative")):
                b = _unwrap(b)
                if b is not None and b.type in ("member_expression", "identifier"):
                    out.append(_norm(self.t(b)))
            if out:
                return list(dict.fromkeys(out))
        if fn is not None and fn.type == "subscript_expression":
            obj, index = fn.child_by_field_name("object"), fn.child_by_field_name("index")
            keys = [t.text() for t in self.url_alternatives(index) if t.is_literal]
            keys = [k for k in keys if _IDENT.fullmatch(k)]
            if obj is not None and keys:
                return [f"{_norm(self.t(obj))}.{k}" for k in dict.fromkeys(keys)]
        if bound and fn.type == "member_expression":
            return [_norm(self.t(fn))]
        return [self.callee_text(call)]

    def _declared(self, ident: Node) -> bool:
        """Whether some ``const/let/var`` of this file declares the name: ``local_values`` finds
        nothing otherwise (it reads declarators only), so it is not climbed for."""
        return self.t(ident) in self.declared_names()

    def _maybe_local(self, name: str) -> bool:
        """Whether a name may be a local binding (not an import, a module function or a global)."""
        known = self.__dict__.get("_not_local")
        if known is None:
            known = self._not_local = (
                {local for imp in self.imports for _, local in imp.names}
                | {f.name for f in self.functions}
                | set(FETCH_CALLEES)
            )
        return name not in known

    def _http_call(self, call: Node) -> None:
        if call.start_byte in self._consumed:
            return  # a URL builder inside fetch(...)/new WebSocket(...): recorded with its client
        if self._registration(call):
            return
        args = _args(call)
        for callee in self._callee_alternatives(call):
            self._client_call(call, callee, args)

    def _client_call(self, call: Node, callee: str, args: list[Node]) -> None:
        head, _, last = callee.rpartition(".")
        first = args[0] if args else None
        if head and head.split(".")[0] in self._mocks:
            return  # msw: http.get("/api/x", resolver) answers requests, it sends none
        if callee in FETCH_CALLEES:
            if first is not None:
                method = self._config_method(args[1] if len(args) > 1 else None, "GET")
                self._add_urls(method, self._client_urls(first), callee, call)
        elif callee in ("axios", "axios.request") or (
            last == "request" and head and _unwrap(first) is not None and _unwrap(first).type == "object"
        ):
            self._config_call(call, callee, args)
        elif (
            last in SWR_HOOKS and (last not in SWR_IMPORT_ONLY or callee in self._swr_locals)
        ) or last in QUERY_HOOKS:
            self._data_hooks.append((call, callee, args))
        elif last == "goto" and head or callee == "cy.visit":
            self._visit(call, first)
        elif head and last in VERB_METHODS:
            self._verb_call(call, callee, last, head, args)
        elif (
            last not in NOT_HTTP_METHODS
            and callee not in NOT_HTTP_CALLEES
            and callee not in self._v7
            and callee not in self._tanstack_factories
            and head.split(".")[0].split("(")[0] not in ("console", "expect")
        ):
            self._generic_call(call, callee, args)

    def _client_urls(self, node: Node | None) -> list[Template]:
        """The URLs the argument of fetch/axios/WebSocket/EventSource may be. A call of a URL
        builder this file cannot expand (``wsUrl(`/chat/ws/${id}`)``) stays a ``Sub`` with its
        arguments for the graph, and is not recorded again as a call of its own."""
        n = _unwrap(node)
        if n is not None and n.type == "call_expression":
            args = _args(n)
            inner = _unwrap(args[0]) if args else None
            if (
                inner is not None
                and inner.type in ("string", "template_string", "binary_expression")
                and _url_like(self.template(inner))
                or self.url_function(n) is not None
            ):
                self._consumed.add(n.start_byte)  # read here, with the client call
        return self.url_alternatives(node)

    def _config_call(self, call: Node, callee: str, args: list[Node]) -> None:
        """``axios({url, method})``, ``axios(url, config)``, ``x.request({url, method})``."""
        first = _unwrap(args[0]) if args else None
        if first is None:
            return
        default = "GET" if callee.startswith("axios") else "ANY"
        if first.type == "object":
            pairs, _ = self.object_pairs(first)
            if "url" not in pairs:
                return
            method = self._config_method(first, default)
            self._add_urls(method, self._client_urls(pairs["url"]), callee, call)
        else:
            method = self._config_method(args[1] if len(args) > 1 else None, default)
            self._add_urls(method, self._client_urls(first), callee, call)

    def _verb_call(self, call: Node, callee: str, verb: str, head: str, args: list[Node]) -> None:
        """``axios.get(url)``, ``api.post(url, body)``; ``map.get("key")`` is not a URL, and
        ``app.get("/x", handler)`` registers a route (or a mock), it requests nothing."""
        if not args:
            return
        first = _unwrap(args[0])
        if first is None:
            return
        if head.split(".")[0] not in CALLBACK_CLIENTS and any(
            _unwrap(a) is not None and _unwrap(a).type in FUNCTION_NODES for a in args[1:]
        ):
            return  # app.get("/x", (req, res) => ...): a route registration
        if first.type == "object":  # hey-api: (options.client ?? client).post({ url: "/api/v1/x", ... })
            pairs, _ = self.object_pairs(first)
            url = self.template(pairs["url"]) if "url" in pairs else None
            if url is not None and _url_like(url):
                self._http_objects.add(first.start_byte)
                plain = re.fullmatch(r"[\w$]+(\.[\w$]+)*", head) is not None
                self._add_http(verb.upper(), url, callee if plain else "openapi", call)
            return
        axios_like = head == "axios" or head.startswith("axios.")
        literal = _is_literal_node(first)
        if not literal and first.type not in URL_ARG_NODES:
            return
        urls = self._client_urls(args[0])
        url_like = any(_url_like(u) for u in urls)
        if axios_like:
            pass
        elif literal and not url_like:
            if not self._axios_receiver(head):
                return  # map.get("key"); an axios instance takes paths relative to its baseURL
        elif not literal and not url_like and not self._may_be_client(head):
            return  # searchParams.get(NAME), rowRefs.current.delete(id): a local map, not a client
        self._add_urls(verb.upper(), urls, callee, call)

    def _axios_receiver(self, receiver: str) -> bool:
        """An axios instance of this file, or a receiver named like one: relative paths are
        relative to its baseURL."""
        root = receiver.split(".")[0]
        if any(c[0] == root and c[2] == "axios" for c in self.consts_pending):
            return True
        low = root.lower()
        return low in CLIENT_NAMES or low.endswith(("api", "client", "axios"))

    def _may_be_client(self, receiver: str) -> bool:
        """A receiver the graph can resolve to an axios instance: imported, a module-level const
        of this file, or a local named like a client (``const api = useApi()``)."""
        root = receiver.split(".")[0]
        if self._imported_locals is None:
            self._imported_locals = {local for imp in self.imports for _, local in imp.names}
        return root in self._imported_locals or root in self.bindings or root.lower() in CLIENT_NAMES

    def _generic_call(self, call: Node, callee: str, args: list[Node]) -> None:
        """Any call with a URL-like argument among its first two (``apiFetch("/x")``,
        ``request("GET", "/x")``, a local ``const url = "/x"``): the graph decides whether the
        callee is an HTTP wrapper."""
        for i, a in enumerate(args[:2]):
            a = _unwrap(a)
            if a is None:
                continue
            if a.type == "identifier":
                if self.local_values(a) is None:
                    continue
            elif a.type not in ("string", "template_string", "binary_expression", "ternary_expression"):
                continue
            urls = [u for u in self.url_alternatives(a) if _url_like(u)]
            if not urls:
                continue
            method = "ANY"
            others = [x for j, x in enumerate(args) if j != i]
            for o in others[:2]:
                value = self.string_value(o)
                if value is not None and value.upper() in METHOD_NAMES:
                    method = value.upper()
                    break
                if _unwrap(o) is not None and _unwrap(o).type == "object":
                    method = self._config_method(o, "ANY")
                    break
            self._add_urls(method, urls, callee, call)
            return

    def _openapi_objects(self) -> None:
        """Generated clients: ``__request(OpenAPI, { method: 'GET', url: '/api/v1/items/{id}' })``."""
        for pair in self._caps("pair"):
            if self._name_text(pair.child_by_field_name("key")) != "url":
                continue
            obj = pair.parent
            if obj is None or obj.type != "object" or obj.start_byte in self._http_objects:
                continue
            pairs, _ = self.object_pairs(obj)
            method = self.string_value(pairs.get("method")) if "method" in pairs else None
            if not method or method.upper() not in METHOD_NAMES:
                continue
            url = self.template(pair.child_by_field_name("value"))
            if not _url_like(url):
                continue
            owner = obj.parent.parent if obj.parent is not None and obj.parent.type == "arguments" else None
            self._add_http(method.upper(), url, "openapi", owner if owner is not None else obj)

    def _visit(self, call: Node, first: Node | None) -> None:
        """``page.goto("/x")`` / ``cy.visit(`${BASE}/x`)`` -> "/x"."""
        if first is None:
            return
        parts = list(self.template(first).parts)
        while parts and isinstance(parts[0], Sub):
            parts.pop(0)
        text = Template(tuple(parts)).text()
        text = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", text)
        if text.startswith("/"):
            self.visits.append((text, parsing.line(call)))

    # ---------------------------------------------------------------- fetchers (SWR, React Query)
    def forwarding(self, fn: Node, members: bool = False) -> tuple[Template, str | None, str] | None:
        """How a function forwards one of its parameters as a URL: (URL template with the
        parameter as ``Sub``, fixed method or None, the parameter's expression), from the HTTP
        calls in its body. ``members``: ``queryKey[0]`` / ``ctx.queryKey[0]`` count as the
        parameter (a React Query function receives its key in an object). The calls read this
        way are no calls of their own: their callers are."""
        params = [p for p in self._param_names(fn) if p]
        if not params:
            return None
        spans = self._direct_spans  # the direct calls, sorted, before any key call is added
        lo = bisect.bisect_left(spans, (fn.start_byte, 0))
        hi = bisect.bisect_left(spans, (fn.end_byte, 0))
        found: list[tuple[Template, str, str, tuple[int, int]]] = []
        for h in self.http[lo:hi]:
            base = self._client_base(h.callee)
            if base is None:
                continue
            hit = self._param_expr(h.url, params, members)
            if hit is not None:
                found.append((_merge(list(base) + list(h.url.parts)), h.method, hit, h.span))
        if not found:
            return None
        methods = {m for _, m, _, _ in found}
        for *_, span in found:
            self._forwarders.add(span)
        url, _, expr, _ = found[0]
        method = next(iter(methods)) if len(methods) == 1 and "ANY" not in methods else None
        named = next((f for f in self.functions if f.node.start_byte == fn.start_byte and f.callable), None)
        if named is not None and expr in params:  # a named fetcher may be called directly too
            self.__dict__.setdefault("_fetchers", {})[named.name] = (named, url, method, expr)
        return url, method, expr

    @staticmethod
    def _param_expr(url: Template, params: list[str], members: bool) -> str | None:
        """The parameter expression that carries a fetcher's key in its URL."""
        for i, p in enumerate(url.parts):
            if not isinstance(p, Sub) or p.call is not None:
                continue
            root = _IDENT.match(p.expr)
            name = p.expr if not members else (root.group() if root else "")
            if name not in params:
                continue
            before = "".join(x for x in url.parts[:i] if isinstance(x, str))
            if "?" in before or "#" in before:
                continue  # a query value, not the key (a fetcher's key may follow "/api/")
            return p.expr
        return None

    def compose(self, fetcher: tuple[Template, str | None, str], key: Template) -> Template:
        """A fetcher's URL with its parameter replaced by a key."""
        url, _, expr = fetcher
        parts: list = []
        for p in url.parts:
            if isinstance(p, Sub) and p.call is None and p.expr == expr:
                parts.extend(key.parts)
            else:
                parts.append(p)
        return _merge(parts)

    # ---------------------------------------------------------------- wrappers
    def _wrappers(self) -> None:
        """Module-level functions forwarding a parameter as the URL of an HTTP call, directly or
        through a local ``const url = ...`` or another wrapper of this file."""
        found: dict[str, TsWrapper] = {}
        fns = [f for f in self.functions if f.callable]
        self._http_starts = [h.span[0] for h in self.http]
        for _ in range(MAX_ROUNDS):
            changed = False
            for f in fns:
                if f.name in found:
                    continue
                w = self._wrapper(f, found)
                if w is not None:
                    found[f.name] = w
                    changed = True
            if not changed:
                break
        for name, (f, url, method, expr) in self.__dict__.get("_fetchers", {}).items():
            params = self._params(f.node)
            if name not in found and expr in params:  # `fetcher("/api/x")` besides `useSWR(key, fetcher)`
                found[name] = TsWrapper(
                    name, params.index(expr), url, method, parsing.line(f.stmt), f.exported, expr
                )
        self.wrappers = sorted(found.values(), key=lambda w: w.line)

    def _params(self, fn: Node) -> list[str | None]:
        return self._param_list(fn)

    def _wrapper(self, f, found: dict[str, TsWrapper]) -> TsWrapper | None:
        params = self._params(f.node)
        if not any(params):
            return None
        start, end = f.node.start_byte, f.node.end_byte
        # direct HTTP calls in the function (self.http is sorted by span)
        lo = bisect.bisect_left(self._http_starts, start)
        hi = bisect.bisect_left(self._http_starts, end)
        for h in self.http[lo:hi]:
            base = self._client_base(h.callee)
            if base is None:
                continue
            hit = self._param_in(h.url, params)
            if hit is not None:
                method = None if h.method == "ANY" else h.method
                return TsWrapper(
                    f.name,
                    hit,
                    _merge(list(base) + list(h.url.parts)),
                    method,
                    parsing.line(f.stmt),
                    f.exported,
                    params[hit],
                )
        # calls to another wrapper of this file
        for call in self._in_range("call", start, end):
            fn = _callee(call)
            if fn is None or fn.type != "identifier" or self.t(fn) not in found or self.t(fn) == f.name:
                continue
            inner = found[self.t(fn)]
            args = _args(call)
            if inner.param >= len(args):
                continue
            alts = self.url_alternatives(args[inner.param])
            arg_url = alts[0] if alts else Template(())
            hit = self._param_in(arg_url, params)
            if hit is None:
                continue
            parts: list[str | Sub] = []
            for p in inner.url.parts:
                if isinstance(p, Sub) and p.expr == inner.param_name:
                    parts.extend(arg_url.parts)
                else:
                    parts.append(p)
            method = inner.method
            if method is None:
                others = [a for i, a in enumerate(args) if i != inner.param]
                for o in others:
                    value = self.string_value(o)
                    if value is not None and value.upper() in METHOD_NAMES:
                        method = value.upper()
                    elif _unwrap(o) is not None and _unwrap(o).type == "object":
                        m = self._config_method(o, "ANY")
                        method = None if m == "ANY" else m
            return TsWrapper(
                f.name, hit, _merge(parts), method, parsing.line(f.stmt), f.exported, params[hit]
            )
        return None

    def _client_base(self, callee: str) -> tuple[str | Sub, ...] | None:
        """What an HTTP call puts before its URL argument, for a wrapper's self-contained URL:
        () for fetch/axios/hooks; an axios instance's baseURL (same file) or ``Sub(instance)``
        (imported: the graph resolves it). None when the callee is no known client: the graph
        links such a call through the callee's own wrapper, and ``cache.get(key)`` is no request."""
        head, _, last = callee.rpartition(".")
        if (
            callee in FETCH_CALLEES
            or callee in ("axios", "openapi", "EventSource")
            or last in SWR_HOOKS
            or last in QUERY_HOOKS
        ):
            return ()
        if not head or (last not in VERB_METHODS and last != "request"):
            return None
        root = head.split(".")[0]
        if root == "axios":
            return ()
        if head == root:
            for c in self.consts_pending:
                if c[0] == root and c[2] == "axios":
                    return c[1].parts
        if any(local == root for imp in self.imports for _, local in imp.names):
            return (Sub(head),)
        return None

    @staticmethod
    def _param_in(url: Template, params: list[str | None]) -> int | None:
        """The parameter that carries (the rest of) a URL: first, after a substitution, or after
        a prefix like ``/api`` -- callers then pass URLs. A parameter after ``/items/`` or
        ``?days=`` is a path segment or query value: callers pass ids, which are no URL calls,
        so the function is no wrapper and its own call is the one to link."""
        parts = url.parts
        for i, p in enumerate(parts):
            if not isinstance(p, Sub) or p.call is not None or p.expr not in params:
                continue
            before = "".join(x for x in parts[:i] if isinstance(x, str))
            prev = parts[i - 1] if i else None
            if "?" in before or "#" in before:
                continue
            if prev is None or isinstance(prev, Sub) or re.search(r"[A-Za-z0-9_-]$", prev):
                return params.index(p.expr)
        return None

    # ---------------------------------------------------------------- client configuration
    def client_default(
        self,
        client: str,
        url: Template,
        node: Node,
        param: str | None = None,
        method: str | None = None,
        via: str | None = None,
    ) -> ClientDefault:
        return ClientDefault(client, url, parsing.line(node), param, method, via)
