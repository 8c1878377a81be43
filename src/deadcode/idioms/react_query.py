"""TanStack (React) Query: ``useQuery({ queryKey, queryFn })`` and the query client's methods
(``prefetchQuery``, ``fetchQuery``, ``ensureQueryData``, ``useQueries({ queries })``).

- with a ``queryFn`` that does not read the key, the key is a cache name: the requests are the
  calls inside ``queryFn`` (read as calls of their own);
- with a ``queryFn`` forwarding its key as a URL (``({ queryKey }) => api.get(queryKey[0])``),
  the key is the URL it forwards;
- with none, the client's default ``queryFn`` (``new QueryClient({ defaultOptions: { queries:
  { queryFn } } })``, applied by the graph to the package) reads the key, or a key that looks
  like a path is taken as the URL (a default we cannot see);
- a ``queryFn`` named from another file: the key, when it looks like a path, counts."""

from __future__ import annotations

from deadcode.facts.ts_nodes import FUNCTION_NODES, _kids, _unwrap
from deadcode.idioms.base import Idiom
from deadcode.idioms.swr import fetcher_of, key_urls

MAX_QUERY_OBJECTS = 32


class ReactQuery(Idiom):
    name = "react-query"
    summary = "React Query `queryKey`/`queryFn` (a key is a URL only when a query function forwards it, or no function is given), `QueryClient` default `queryFn`"
    enabled_when = "a file calls useQuery / prefetchQuery / fetchQuery / ensureQueryData / useQueries"


def _query_objects(ex, node) -> list:
    """The query option objects of a call's first argument (``useQueries({ queries: [...] })``:
    each one, also inside ``ids.map((id) => ({ ... }))``)."""
    node = _unwrap(node)
    if node is None or node.type != "object":
        return []
    pairs, _ = ex.object_pairs(node)
    if "queries" not in pairs:
        return [node]
    out = []
    stack = [pairs["queries"]]
    while stack and len(out) < MAX_QUERY_OBJECTS:
        n = stack.pop()
        if n.type == "object" and "queryKey" in ex.object_pairs(n)[0]:
            out.append(n)
            continue
        stack.extend(_kids(n))
    return out


def key_call(ex, call, callee: str, args: list) -> None:
    first = _unwrap(args[0]) if args else None
    if first is None:
        return
    queries = []
    if first.type == "object":
        for obj in _query_objects(ex, first):
            pairs, _ = ex.object_pairs(obj)
            queries.append((pairs.get("queryKey"), pairs.get("queryFn")))
    else:  # v3: useQuery(key, fn, options)
        queries.append((first, args[1] if len(args) > 1 else None))
    for key, fn in queries:
        keys = key_urls(ex, key)
        if not keys:
            continue
        fn = _unwrap(fn)
        if fn is None:
            for k in keys:
                ex._add_http("GET", k, callee, call)
            continue
        fwd = fetcher_of(ex, fn, members=True)
        if fwd is not None:
            for k in keys:
                ex._add_http(fwd[1] or "GET", ex.compose(fwd, k), "fetch", call)
            continue
        body = (
            fn
            if fn.type in FUNCTION_NODES
            else ex._module_function(ex.t(fn))
            if fn.type == "identifier"
            else None
        )
        if body is not None and b"queryKey" not in ex.data[body.start_byte : body.end_byte]:
            continue  # a function of this file making its own requests: the key only names the cache entry
        for k in keys:
            if k.parts and isinstance(k.parts[0], str) and k.parts[0].startswith("/"):
                ex._add_http("GET", k, callee, call)


def defaults(ex) -> list:
    """``new QueryClient({ defaultOptions: { queries: { queryFn } } })`` and
    ``queryClient.setDefaultOptions({ queries: { queryFn } })``: the default function's URL."""
    out = []
    for pair in ex._caps("pair"):
        if ex._name_text(pair.child_by_field_name("key")) != "queryFn" or not _under_queries(ex, pair):
            continue
        fwd = fetcher_of(ex, pair.child_by_field_name("value"), members=True)
        if fwd is not None:
            out.append(ex.client_default("react-query", fwd[0], pair, fwd[2], fwd[1]))
    return out


def _under_queries(ex, pair) -> bool:
    obj = pair.parent
    holder = obj.parent if obj is not None else None
    if (
        holder is None
        or holder.type != "pair"
        or ex._name_text(holder.child_by_field_name("key")) != "queries"
    ):
        return False
    outer = holder.parent.parent if holder.parent is not None else None
    if outer is None:
        return False
    if outer.type == "pair":
        return ex._name_text(outer.child_by_field_name("key")) == "defaultOptions"
    return outer.type == "arguments" and "setDefaultOptions" in ex.t(
        outer.parent.child_by_field_name("function")
    )


IDIOM = ReactQuery()
