"""What deadcode knows of HTTP clients, as data: the one table the TS and Python extractors
(which calls are requests) and the linkers (how a call's URL is built) both read.

Client idioms with more shape than a table (axios instances and defaults, SWR and React Query
keys and global fetchers, MSW mocks) live in their own modules beside this one and read these
tables too. Nothing here names a repository; every entry is a library's public API.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------------------ JS/TS clients

# method name -> HTTP method (``request`` takes the method from its options: ANY)
HTTP_VERBS: dict[str, str] = {
    "get": "GET",
    "post": "POST",
    "put": "PUT",
    "patch": "PATCH",
    "delete": "DELETE",
    "head": "HEAD",
    "options": "OPTIONS",
    "request": "ANY",
}
METHOD_NAMES = frozenset(v for v in HTTP_VERBS.values() if v != "ANY")
# the fetch API, on every global object a browser, a worker or Node gives
FETCH_CALLEES = frozenset({"fetch", "window.fetch", "globalThis.fetch", "self.fetch"})
# modules whose default export is itself a client: ``axios.get(url)``, ``ky.post(url)``
MODULE_CLIENTS = frozenset({"axios", "ky"})
# callees whose URL argument is the request URL, with no base of their own
DIRECT_CALLEES = FETCH_CALLEES | {
    "axios",
    "axios.request",
    "openapi",
    "ky",
    "$fetch",
    "ofetch",
    "WebSocket",
    "EventSource",
    "navigator.sendBeacon",
}
# data hooks and query-client methods whose key is the request URL when the fetcher is generic
SWR_HOOKS = frozenset(
    {
        "useSWR",
        "useSWRImmutable",
        "useSWRInfinite",
        "useSWRSubscription",
        "useSWRMutation",
        "preload",
        "mutate",
    }
)
QUERY_HOOKS = frozenset(
    {
        "useQuery",
        "useSuspenseQuery",
        "useInfiniteQuery",
        "useSuspenseInfiniteQuery",
        "useQueries",
        "prefetchQuery",
        "prefetchInfiniteQuery",
        "fetchQuery",
        "fetchInfiniteQuery",
        "ensureQueryData",
    }
)
# of the SWR names, those that are SWR only when imported from swr (``mutate`` and ``preload``
# are common method names of other objects)
SWR_IMPORT_ONLY = frozenset({"mutate", "preload"})
# Calls whose URL-like string argument is a string operation, logging or a page visit, never HTTP.
NOT_HTTP_METHODS = frozenset(
    {
        "split",
        "join",
        "startsWith",
        "endsWith",
        "includes",
        "indexOf",
        "lastIndexOf",
        "replace",
        "replaceAll",
        "match",
        "matchAll",
        "search",
        "concat",
        "padStart",
        "padEnd",
        "trim",
        "test",
        "exec",
        "slice",
        "substring",
        "localeCompare",
        "goto",
        "visit",
        "log",
        "warn",
        "error",
        "info",
        "debug",
        "waitForURL",
        "toHaveURL",
    }
)
# Local variable names that hold an HTTP client (the graph resolves imported/module-level ones).
CLIENT_NAMES = frozenset(
    {
        "api",
        "client",
        "http",
        "request",
        "instance",
        "axiosinstance",
        "apiclient",
        "httpclient",
        "axiosclient",
        "fetcher",
        "supertest",
        "agent",
    }
)
# receivers the linker accepts as clients without seeing their definition
CLIENT_RECEIVERS = frozenset({"client", "api", "http", "request", "supertest"})
# Test titles and translations take free text that may start with "/": not requests.
NOT_HTTP_CALLEES = frozenset(
    {
        "it",
        "test",
        "describe",
        "it.only",
        "test.only",
        "describe.only",
        "test.describe",
        "t",
        "i18n.t",
        "require",
        "expect",
        "useState",
        "useRef",
        "useMemo",
        "useCallback",
        "createContext",
        "Symbol",
        "String",
        "RegExp",
        "alert",
        "confirm",
        "prompt",
    }
)
# a callee named like this builds a URL handed to a client later (``formatURL("/x")``)
URL_BUILDER_NAME = re.compile(r"(ur[li]|href|basename|path)$", re.IGNORECASE)

# clients whose verb methods take a callback (jQuery ``$.get(url, success)``, Node's
# ``http.get(url, cb)``, request ``request.get(url, cb)``): a function argument does not make
# their calls route registrations
CALLBACK_CLIENTS = frozenset({"$", "jQuery", "http", "https", "request", "needle", "superagent"})

# ------------------------------------------------------------------------------ not requests

# modules whose verb functions register mock handlers (``http.get("/api/x", resolver)``)
MOCK_MODULES = frozenset({"msw", "msw/browser", "msw/node", "msw/native"})

# ------------------------------------------------------------------------------ URL bases

# hosts that are this machine: a literal URL to one of them may be our backend
LOCAL_HOST = re.compile(
    r"^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(:\d+)?$", re.IGNORECASE
)
# expressions that are the page's own origin or host: the backend that served it
OWN_ORIGIN = re.compile(r"^(window\??\.|self\.|globalThis\.|document\.)?location\??\.(origin|host|hostname)$")
OWN_PROTOCOL = re.compile(r"^(window\??\.|self\.|globalThis\.|document\.)?location\??\.protocol$")
# env reads: ``process.env.NAME``, ``import.meta.env.NAME``, ``process.env["NAME"]``
ENV_READ = re.compile(
    r"""^(?:process\.env|import\.meta\.env)(?:\.([A-Za-z_]\w*)|\[["']([A-Za-z_]\w*)["']\])$"""
)


def env_name(expr: str) -> str | None:
    m = ENV_READ.match(expr.replace("?.", "."))
    return (m.group(1) or m.group(2)) if m else None


def direct_client(callee: str) -> bool:
    """A callee that sends its URL argument as is: ``fetch``, ``axios.get``, ``ky.post``."""
    head, _, verb = callee.rpartition(".")
    return callee in DIRECT_CALLEES or (head in MODULE_CLIENTS and verb in HTTP_VERBS)


def verb_of(callee: str) -> str | None:
    """``api.post`` -> POST, ``client.GET`` (openapi-fetch) -> GET, ``api.request`` -> ANY."""
    head, _, verb = callee.rpartition(".")
    if not head:
        return None
    verb = verb.lower() if verb.isupper() else verb
    return HTTP_VERBS.get(verb)


# ------------------------------------------------------------------------------ Python clients

# ``self._client.get``, ``session.post``, ``httpx.get``: a receiver named like an HTTP client
PY_CLIENT_RECEIVER = re.compile(r"(^|[._])(client|session|http|httpx|requests|api|aiohttp)$", re.IGNORECASE)
PY_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request", "websocket_connect")
