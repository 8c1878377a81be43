"""TS facts for the HTTP idioms: URL values read in one file (local bindings, ternaries, URL
functions and methods), method alternatives, client configuration, and what is not a call."""

from __future__ import annotations

from textwrap import dedent

from deadcode.facts.model import ClientDefault, Sub, Template, TsConst
from deadcode.facts.typescript import extract_typescript


def facts(src: str, path: str = "web/src/m.tsx"):
    f, partial, problems = extract_typescript(path, dedent(src).lstrip("\n").encode())
    assert not partial, problems
    return f


def calls(f) -> list[tuple[str, str, str]]:
    return [(c.method, c.url.text(), c.callee) for c in f.http_calls]


def T(*parts) -> Template:
    return Template(tuple(parts))


# ----------------------------------------------------------------------------- local values


def test_local_const_and_let_with_assignments():
    f = facts("""
    import { api } from "./api";
    export async function submit(id: string) {
      const url = `/api/conversations/${id}/submit-feedback`;
      await api.post(url, {});
      let target = "/api/items";
      if (id) target = `/api/items/${id}`;
      await api.put(target, {});
    }
    """)
    assert calls(f) == [
        ("POST", "/api/conversations/${id}/submit-feedback", "api.post"),
        ("PUT", "/api/items", "api.put"),
        ("PUT", "/api/items/${id}", "api.put"),
    ]


def test_a_parameter_shadows_an_outer_binding_and_stays_a_substitution():
    f = facts("""
    import { api } from "./api";
    const url = "/api/module";
    export function load(url: string) { return api.get(url); }
    export function outer() {
      const path = "/api/outer";
      return [1].map((path) => api.get(path));
    }
    """)
    assert calls(f) == [("GET", "${url}", "api.get"), ("GET", "${path}", "api.get")]


def test_self_reference_does_not_loop():
    f = facts("""
    import { api } from "./api";
    export function f(q: string) {
      let url = "/api/search";
      url = url + "?q=" + q;
      return api.get(url);
    }
    """)
    assert ("GET", "/api/search", "api.get") in calls(f)


def test_ternary_logical_and_null_branches():
    f = facts("""
    import { api } from "./api";
    export function out(mode: string, id?: string) {
      const endpoint = mode === "saas" ? "/api/logout" : "/api/unset-provider-tokens";
      api.post(endpoint);
      api.get(id ? `/api/x/${id}` : null);
      api.get(custom || "/api/default");
    }
    """)
    assert calls(f) == [
        ("POST", "/api/logout", "api.post"),
        ("POST", "/api/unset-provider-tokens", "api.post"),
        ("GET", "/api/x/${id}", "api.get"),
        ("GET", "${custom}", "api.get"),
        ("GET", "/api/default", "api.get"),
    ]


def test_a_method_chosen_at_run_time():
    f = facts("""
    import axios from "axios";
    import { api } from "./api";
    export function save(isEdit: boolean, method: string) {
      (isEdit ? axios.put : axios.post)("/api/items", {});
      const send = isEdit ? api.put : api.post;
      send("/api/things", {});
      const verb = isEdit ? "patch" : "delete";
      api[verb]("/api/other");
    }
    """)
    assert calls(f) == [
        ("PUT", "/api/items", "axios.put"),
        ("POST", "/api/items", "axios.post"),
        ("PUT", "/api/things", "api.put"),
        ("POST", "/api/things", "api.post"),
        ("PATCH", "/api/other", "api.patch"),
        ("DELETE", "/api/other", "api.delete"),
    ]


# ----------------------------------------------------------------------------- functions returning URLs


def test_static_methods_through_this_and_the_class_name():
    f = facts("""
    import axios from "axios";
    class ConversationService {
      static getConversationUrl(id: string): string {
        if (current?.id === id && current.url) { return current.url; }
        return `/api/conversations/${id}`;
      }
      private static buildRuntimeUrl(base: string, path: string): string {
        const baseUrl = toHttp(base);
        return `${baseUrl}${path}`;
      }
      static changes(id: string) { return axios.get(`${this.getConversationUrl(id)}/git/changes`); }
      static vscode(base: string) { return axios.get(this.buildRuntimeUrl(base, "/api/vscode/url")); }
    }
    export const diff = (id: string) => axios.get(`${ConversationService.getConversationUrl(id)}/git/diff`);
    """)
    assert calls(f) == [
        ("GET", "${current.url}/git/changes", "axios.get"),
        ("GET", "/api/conversations/${id}/git/changes", "axios.get"),
        ("GET", "${toHttp(base)}/api/vscode/url", "axios.get"),
        ("GET", "${current.url}/git/diff", "axios.get"),
        ("GET", "/api/conversations/${id}/git/diff", "axios.get"),
    ]
    # the methods are URL functions other files may call: ``Class.method`` with its parameters
    c = next(c for c in f.consts if c.name == "ConversationService.getConversationUrl")
    assert (c.kind, c.params, c.value, c.alternatives) == (
        "function",
        ("id",),
        T(Sub("current.url")),
        (T("/api/conversations/", Sub("id")),),
    )


def test_constants_objects_with_strings_and_functions():
    f = facts(
        """
    export const MEMORY_ENDPOINTS = {
      BASE: "/memories",
      BY_ID: (memoryId: string) => `/memories/${memoryId}`,
    } as const;
    export function getProjectUrl(path: string) { return `${getBase()}${path}?project_id=${pid()}`; }
    export const label = (a: string, b: string) => a + " " + b;
    """,
        "web/src/endpoints.ts",
    )
    assert f.consts == (
        TsConst("MEMORY_ENDPOINTS.BASE", T("/memories"), "string", 2, True),
        TsConst(
            "MEMORY_ENDPOINTS.BY_ID", T("/memories/", Sub("memoryId")), "function", 3, True, ("memoryId",)
        ),
        TsConst(
            "getProjectUrl",
            T(Sub("getBase()", "getBase"), Sub("path"), "?project_id=", Sub("pid()", "pid")),
            "function",
            5,
            True,
            ("path",),
        ),
        TsConst("label", T(Sub("a"), " ", Sub("b")), "function", 6, True, ("a", "b")),
    )


def test_an_imported_url_function_stays_a_call_with_its_arguments():
    f = facts("""
    import { api } from "./api";
    import { MEMORY_ENDPOINTS, getProjectUrl } from "./endpoints";
    api.delete(MEMORY_ENDPOINTS.BY_ID(memory.id));
    api.post(getProjectUrl("/simple/queries/"), payload);
    """)
    assert [c.url for c in f.http_calls] == [
        T(Sub("MEMORY_ENDPOINTS.BY_ID(memory.id)", "MEMORY_ENDPOINTS.BY_ID", (T(Sub("memory.id")),))),
        T(Sub('getProjectUrl("/simple/queries/")', "getProjectUrl", (T("/simple/queries/"),))),
    ]


def test_module_constants_with_branches_and_env_reads():
    f = facts(
        """
    export const API = import.meta.env.PROD ? "/api" : "http://localhost:8000/api";
    export const BASE = process.env.NEXT_PUBLIC_API_URL;
    const FALLBACK = process.env.API_URL || "http://localhost:8000";
    """,
        "web/src/config.ts",
    )
    assert [(c.name, c.value.text(), tuple(a.text() for a in c.alternatives)) for c in f.consts] == [
        ("API", "/api", ("http://localhost:8000/api",)),
        ("BASE", "${process.env.NEXT_PUBLIC_API_URL}", ()),
        ("FALLBACK", "${process.env.API_URL}", ("http://localhost:8000",)),
    ]


# ----------------------------------------------------------------------------- axios


def test_axios_defaults_and_factory_instances():
    f = facts(
        """
    import axiosApi from "axios";
    import axios from "axios";
    axios.defaults.baseURL = "/api";
    const createApi = () => {
      const api = axios.create({ baseURL: process.env.NEXT_PUBLIC_API_URL });
      return Object.assign(api, {});
    };
    export const api = createApi();
    api.defaults.baseURL = "/v2";
    """,
        "web/src/client.ts",
    )
    assert [c for c in f.consts if c.kind == "axios"] == [
        TsConst("api", T(Sub("process.env.NEXT_PUBLIC_API_URL")), "axios", 8, True)
    ]
    assert f.client_defaults == (ClientDefault("axios", T("/api"), 3), ClientDefault("api", T("/v2"), 9))


def test_relative_paths_on_axios_and_instances_but_not_on_maps():
    f = facts("""
    import axios from "axios";
    const api = axios.create({ baseURL: "/api" });
    axios.get("stats");
    api.get("users");
    registry.get("key");
    """)
    assert calls(f) == [("GET", "stats", "axios.get"), ("GET", "users", "api.get")]


# ----------------------------------------------------------------------------- SWR and React Query


def test_swr_keys_and_fetchers():
    f = facts("""
    import useSWR, { SWRConfig } from "swr";
    import axios from "axios";
    const fetcher = (url: string) => axios.get(url).then((r) => r.data);
    export function App() {
      const a = useSWR("/api/a", (u) => fetch(`/api${u}`).then((r) => r.json()));
      const b = useSWR(["timeline", p]);
      const c = useSWR(() => (ready ? "/api/c" : null));
      return <SWRConfig value={{ fetcher }}><div /></SWRConfig>;
    }
    """)
    # an inline fetcher composes its key into its own URL; its own fetch is not a call of its own
    assert calls(f) == [
        ("GET", "/api/api/a", "fetch"),
        ("GET", "timeline", "useSWR"),
        ("GET", "/api/c", "useSWR"),
    ]
    assert f.client_defaults == (ClientDefault("swr", T(Sub("url")), 8, "url", "GET"),)


def test_react_query_key_is_a_url_only_when_a_function_forwards_it():
    f = facts("""
    import { QueryClient, useQuery, useQueries } from "@tanstack/react-query";
    import axios from "axios";
    const client = new QueryClient({
      defaultOptions: { queries: { queryFn: ({ queryKey }) => fetch(`/api${queryKey[0]}`).then((r) => r.json()) } },
    });
    export function P(ids: string[]) {
      useQuery({ queryKey: ["/cache-name"], queryFn: () => axios.get("/api/projects") });
      useQuery({ queryKey: ["/settings"] });
      useQuery({ queryKey: ["/forwarded"], queryFn: ({ queryKey }) => axios.get(queryKey[0]) });
      useQueries({ queries: ids.map((id) => ({ queryKey: [`/items/${id}`] })) });
      client.prefetchQuery({ queryKey: ["/prefetched"] });
    }
    """)
    assert calls(f) == [
        ("GET", "/api/projects", "axios.get"),
        ("GET", "/settings", "useQuery"),
        ("GET", "/forwarded", "fetch"),
        ("GET", "/items/${id}", "useQueries"),
        ("GET", "/prefetched", "client.prefetchQuery"),
    ]
    assert f.client_defaults == (
        ClientDefault("react-query", T("/api", Sub("queryKey[0]")), 4, "queryKey[0]", "GET"),
    )


# ----------------------------------------------------------------------------- not calls


def test_mock_handlers_route_registrations_and_service_workers_are_no_calls():
    mocks = facts("""
    import { http, HttpResponse } from "msw";
    import { rest } from "msw";
    export const handlers = [
      http.get("/api/mocked", () => HttpResponse.json({})),
      rest.post("/api/legacy", (req, res, ctx) => res(ctx.json({}))),
    ];
    """)
    assert mocks.http_calls == ()
    server = facts(
        """
    app.get("/api/health", (req, res) => res.send("ok"));
    router.post("/api/items", handler)(other);
    app.get("/api/chained")(handler);
    """,
        "server/app.ts",
    )
    assert server.http_calls == ()
    runtime = facts(
        """
    /* eslint-disable */
    /**
     * Mock Service Worker.
     * @see https://github.com/mswjs/msw
     */
    self.addEventListener("fetch", (event) => event.respondWith(fetch(event.request)));
    """,
        "web/public/mockServiceWorker.js",
    )
    assert runtime.http_calls == ()
    workbox = facts(
        'define(["exports"],function(t){try{self["workbox:core:7.0.0"]&&_()}catch(t){}fetch(t)});\n',
        "web/public/workbox-f1770938.js",
    )
    assert workbox.http_calls == ()


def test_callback_clients_are_requests_and_named_fetchers_are_wrappers():
    f = facts("""
    import useSWR from "swr";
    $.get("/api/legacy", function (data) { render(data); });
    const fetcher = (key: string) => fetch(`/api/${key}`).then((r) => r.json());
    export function Page() {
      useSWR("stats", fetcher);
      return fetcher("other");
    }
    """)
    assert ("GET", "/api/legacy", "$.get") in calls(f)
    # `fetcher("other")` is linked through the wrapper the fetcher became
    assert [(w.name, w.url.text(), w.param_name) for w in f.wrappers] == [("fetcher", "/api/${key}", "key")]


def test_a_custom_hook_forwarding_its_path_into_an_swr_key_is_a_wrapper():
    f = facts(
        """
    import useSWR from "swr";
    import { useMemo } from "react";
    export function useApi<T>(path?: string | null) {
      const key = useMemo(() => (path ? [path] : null), [path]);
      return useSWR<T>(key, fetcher);
    }
    """,
        "web/src/api.ts",
    )
    assert [(w.name, w.url.text(), w.method, w.param_name) for w in f.wrappers] == [
        ("useApi", "${path}", "GET", "path")
    ]
