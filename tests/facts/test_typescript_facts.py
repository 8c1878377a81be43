"""TypeScript/TSX per-file facts: one tiny source per idiom, and the look-alikes that must not match."""

from __future__ import annotations

import time
from textwrap import dedent

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from deadcode.facts import parsing
from deadcode.facts.model import (
    HttpCall,
    Sub,
    Template,
    TsConst,
    TsExport,
    TsFacts,
    TsImport,
    TsReExport,
    TsWrapper,
)
from deadcode.facts.typescript import extract_typescript, grammar_for


def run(src: str | bytes, path: str = "web/src/m.tsx") -> tuple[TsFacts, bool, tuple[str, ...]]:
    data = src if isinstance(src, bytes) else dedent(src).lstrip("\n").encode()
    return extract_typescript(path, data)


def facts(src: str | bytes, path: str = "web/src/m.tsx") -> TsFacts:
    f, partial, problems = run(src, path)
    assert not partial, problems
    return f


def at(src: str, needle: str) -> int:
    """Byte offset of ``needle`` in the dedented source."""
    return dedent(src).lstrip("\n").encode().index(needle.encode())


def T(*parts) -> Template:
    return Template(tuple(parts))


def calls(f: TsFacts) -> list[tuple[str, str, str]]:
    return [(c.method, c.url.text(), c.callee) for c in f.http_calls]


def routes(f: TsFacts) -> list[tuple]:
    return [(r.path, r.full_path, r.index, r.components, r.lazy, r.parent, r.dev) for r in f.routes]


# ----------------------------------------------------------------------------- grammar, queries


def test_grammar_by_extension():
    assert grammar_for("a/b.ts") == "typescript"
    assert grammar_for("a/b.mts") == "typescript"
    assert grammar_for("a/b.d.ts") == "typescript"
    assert grammar_for("a/b.tsx") == "tsx"
    # plain JavaScript often holds JSX and never a <T>expr cast: the tsx grammar reads it
    for ext in ("js", "jsx", "mjs", "cjs"):
        assert grammar_for(f"a/b.{ext}") == "tsx"


@pytest.mark.parametrize("grammar", ["typescript", "tsx"])
def test_query_loads_for_both_grammars(grammar):
    root = parsing.parse(grammar, b"fetch('/x')").root_node
    assert parsing.matches(grammar, "facts", root)


def test_typescript_query_is_tsx_query_without_jsx():
    def patterns(grammar):
        text = (parsing.queries_dir() / grammar / "facts.scm").read_text()
        return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(";")]

    assert patterns("typescript") == [p for p in patterns("tsx") if "jsx" not in p]


def test_ts_generics_parse_with_typescript_grammar_not_tsx():
    src = """
    const id = <T>(x: T) => x;
    let v = <string>someValue;
    export const get = async <T,>(p: string): Promise<T> => (await fetch(`/api${p}`)).json();
    """
    f = facts(src, "m.ts")
    assert [e.name for e in f.exports] == ["get"]
    assert calls(f) == [("GET", "/api${p}", "fetch")]
    _, partial, problems = run(src, "m.tsx")  # what tsx would make of it
    assert partial and problems


def test_jsx_in_js_file():
    f = facts("export default function A() { return <Card title='x' /> }\n", "m.js")
    assert [j.name for j in f.jsx] == ["Card"]


# ----------------------------------------------------------------------------- imports


def test_static_imports():
    f = facts("""
    import React, { useState, Card as C } from "react";
    import * as api from "./api";
    import Default, * as ns from "./both";
    """)
    assert f.imports == (
        TsImport(
            "react", "static", (("default", "React"), ("useState", "useState"), ("Card", "C")), 1, (0, 51)
        ),
        TsImport("./api", "static", (("*", "api"),), 2, (52, 81)),
        TsImport("./both", "static", (("default", "Default"), ("*", "ns")), 3, (82, 120)),
    )


def test_type_imports():
    f = facts("""
    import type { User } from "./types";
    import { type Role, can } from "./roles";
    """)
    assert [(i.specifier, i.kind, i.names) for i in f.imports] == [
        ("./types", "type", (("User", "User"),)),
        ("./roles", "static", (("Role", "Role"), ("can", "can"))),
    ]


def test_a_default_import_named_type_is_not_a_type_import():
    f = facts('import type from "./t";\n')
    assert [(i.kind, i.names) for i in f.imports] == [("static", (("default", "type"),))]


def test_side_effect_import():
    f = facts('import "./side.css";\n')
    assert f.imports == (TsImport("./side.css", "side-effect", (), 1, (0, 20)),)


def test_dynamic_import_anywhere():
    src = """
    async function load() {
      const m = await import("./heavy");
      return import(`./static-template`);
    }
    """
    f = facts(src)
    assert [(i.specifier, i.kind, i.local) for i in f.imports] == [
        ("./heavy", "dynamic", None),
        ("./static-template", "dynamic", None),
    ]
    start = at(src, 'import("./heavy")')
    assert f.imports[0].span == (start, start + len('import("./heavy")'))


def test_non_literal_dynamic_import_is_a_problem_not_a_fact():
    f, partial, problems = run("""
    const lang = "en";
    import(`./locales/${lang}.json`);
    import(name);
    """)
    assert f.imports == ()
    assert not partial
    assert problems == (
        "dynamic import with non-literal specifier at line 2",
        "dynamic import with non-literal specifier at line 3",
    )


def test_lazy_imports_bind_their_variable():
    src = """
    const TestPage = lazy(() => import("./pages/TestPage"));
    const Admin = React.lazy(() => import(/* webpackChunkName: "admin" */ "./pages/Admin"));
    export const Retry = lazyWithRetry(() => import("./pages/Retry"));
    const Slow = lazy(async () => { const m = await import("./pages/Slow"); return m; });
    """
    f = facts(src)
    assert [(i.specifier, i.kind, i.local) for i in f.imports] == [
        ("./pages/TestPage", "lazy", "TestPage"),
        ("./pages/Admin", "lazy", "Admin"),
        ("./pages/Retry", "lazy", "Retry"),
        ("./pages/Slow", "lazy", "Slow"),
    ]


def test_import_inside_a_non_lazy_call_is_dynamic():
    f = facts('const P = retry(() => import("./P"));\nconst Q = loadable(() => import("./Q"));\n')
    assert [(i.kind, i.local) for i in f.imports] == [("dynamic", None), ("dynamic", None)]


def test_lazy_is_matched_on_the_callee_name_only():
    f = facts('const P = lazy(() => import("./P"));\nconst Q = import("./lazyStuff").then((m) => m.Q);\n')
    assert [(i.specifier, i.kind, i.local) for i in f.imports] == [
        ("./P", "lazy", "P"),
        ("./lazyStuff", "dynamic", None),
    ]


def test_lazy_in_a_dev_ternary_keeps_its_binding():
    f = facts('const Devtools = import.meta.env.DEV ? lazy(() => import("./Devtools")) : () => null;\n')
    assert [(i.specifier, i.kind, i.local, i.dev) for i in f.imports] == [
        ("./Devtools", "lazy", "Devtools", True)
    ]


def test_route_lazy_property_is_a_lazy_import():
    f = facts("""
    const routes = [
      { path: "/a", lazy: () => import("./routes/a") },
      { path: "/b", async lazy() { return import("./routes/b"); } },
    ];
    """)
    assert [(i.specifier, i.kind, i.local) for i in f.imports] == [
        ("./routes/a", "lazy", None),
        ("./routes/b", "lazy", None),
    ]


def test_require():
    f = facts(
        """
    const fs = require("fs");
    const { join, resolve: res } = require("path");
    require("./polyfill");
    import legacy = require("./legacy");
    """,
        "m.ts",
    )
    assert [(i.specifier, i.kind, i.names) for i in f.imports] == [
        ("fs", "require", (("*", "fs"),)),
        ("path", "require", (("join", "join"), ("resolve", "res"))),
        ("./polyfill", "require", ()),
        ("./legacy", "require", (("*", "legacy"),)),
    ]


def test_glob_and_worker_url_imports():
    f = facts("""
    const pages = import.meta.glob("./pages/*.tsx");
    const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    const external = new URL("https://example.com/x", import.meta.url);
    """)
    assert [(i.specifier, i.kind) for i in f.imports] == [
        ("./pages/*.tsx", "glob"),
        ("./worker.ts", "dynamic"),
    ]
    f = facts('const m = import.meta.glob(["./a/*.ts", "!./a/skip.ts"], { eager: true });\n')
    assert [(i.specifier, i.kind) for i in f.imports] == [("./a/*.ts", "glob")]


def test_import_type_in_type_position_is_a_type_import():
    f = facts('let x: import("./m").T;\ntype Y = typeof import("./y");\n', "m.ts")
    assert [(i.specifier, i.kind) for i in f.imports] == [("./m", "type"), ("./y", "type")]


# ----------------------------------------------------------------------------- re-exports / exports


def test_reexports():
    src = """
    export * from "./a";
    export * as ns from "./b";
    export { A, B as C, default as D } from "./c";
    export type { T } from "./t";
    export { default } from "./d";
    """
    f = facts(src)
    assert [(r.specifier, r.names, r.type_only) for r in f.reexports] == [
        ("./a", (), False),
        ("./b", (("*", "ns"),), False),
        ("./c", (("A", "A"), ("B", "C"), ("default", "D")), False),
        ("./t", (("T", "T"),), True),
        ("./d", (("default", "default"),), False),
    ]
    assert f.reexports[0] == TsReExport("./a", (), 1, (0, 20))
    assert f.exports == ()
    # names inside export-from clauses are not references
    assert f.identifiers == ()


def test_export_type_star_is_valid_typescript():
    # TypeScript 5.0 syntax the grammar does not know: not a syntax error, and type-only
    f = facts('export * from "./a";\nexport type * from "./types";\nexport type * as T from "./t";\n', "m.ts")
    assert [(r.specifier, r.names, r.type_only) for r in f.reexports] == [
        ("./a", (), False),
        ("./types", (), True),
        ("./t", (("*", "T"),), True),
    ]


def test_exports_of_declarations():
    f = facts(
        """
    export function f() {}
    export async function* g() {}
    export class K {}
    export abstract class A {}
    export const c = 1, d = 2;
    export let l = 1;
    export var v = 1;
    export type Y = string;
    export interface I {}
    export enum E { A }
    export const enum CE { B }
    export const { x, y: why, ...rest } = obj;
    export const [first] = list;
    export declare const amb: number;
    export function over(a: string): void;
    export function over(a: number): void;
    export function over(a: any) {}
    export namespace NS { export const inner = 1; }
    """,
        "m.ts",
    )
    assert [(e.name, e.local, e.kind) for e in f.exports] == [
        ("f", "f", "function"),
        ("g", "g", "function"),
        ("K", "K", "class"),
        ("A", "A", "class"),
        ("c", "c", "const"),
        ("d", "d", "const"),
        ("l", "l", "let"),
        ("v", "v", "var"),
        ("Y", "Y", "type"),
        ("I", "I", "interface"),
        ("E", "E", "enum"),
        ("CE", "CE", "enum"),
        ("x", "x", "const"),
        ("why", "why", "const"),
        ("rest", "rest", "const"),
        ("first", "first", "const"),
        ("amb", "amb", "const"),
        ("over", "over", "function"),
        ("NS", "NS", "namespace"),
    ]


def test_overload_signatures_give_one_export_spanning_all():
    src = "export function over(a: string): void;\nexport function over(a: any) {}\n"
    f = facts(src, "m.ts")
    assert f.exports == (TsExport("over", "over", "function", 1, (0, len(src) - 1)),)


def test_default_exports():
    cases = {
        "export default App;": "App",
        "export default function Page() {}": "Page",
        "export default class Store {}": "Store",
        "export default function () {}": None,
        "export default () => 1;": None,
        "export default memo(Card);": None,
        "export default { a: 1 };": None,
    }
    for src, local in cases.items():
        f = facts(src + "\n")
        assert f.exports == (TsExport("default", local, "default", 1, (0, len(src))),), src


def test_export_specifiers_without_from():
    src = """
    const a = 1, b = 2;
    type T = string;
    export { a, b as c };
    export { a as default };
    export type { T };
    """
    f = facts(src)
    assert [(e.name, e.local, e.kind) for e in f.exports] == [
        ("a", "a", "specifier"),
        ("c", "b", "specifier"),
        ("default", "a", "specifier"),
        ("T", "T", "type"),
    ]
    assert "c" not in f.identifiers  # an exported name, not a reference
    assert {"a", "b", "T"} <= set(f.identifiers)


# ----------------------------------------------------------------------------- JSX


def test_jsx_component_refs():
    src = """
    export const Page = () => (
      <Layout>
        <div className="x"><span /></div>
        <Foo.Bar value={1} />
        <>
          <Card />
        </>
      </Layout>
    );
    """
    f = facts(src)
    assert [(j.name, j.line) for j in f.jsx] == [("Layout", 2), ("Foo.Bar", 4), ("Card", 6)]
    layout = at(src, "<Layout>")
    assert f.jsx[0].span == (layout, at(src, "</Layout>") + len("</Layout>"))
    card = at(src, "<Card />")
    assert f.jsx[2].span == (card, card + len("<Card />"))


def test_lowercase_elements_are_not_refs():
    f = facts("const x = <div><my-element /><svg:rect /></div>;\n")
    assert f.jsx == ()


# ----------------------------------------------------------------------------- identifiers and binding refs


def test_identifiers_outside_import_clauses():
    f = facts("""
    import { FaviconTester, Unused } from "./FaviconTester";
    import type { Props } from "./types";
    const routes = [{ component: FaviconTester }];
    const short = { Shorty };
    function F(p: Props) { return <Widget />; }
    """)
    ids = set(f.identifiers)
    assert {"FaviconTester", "Props", "Shorty", "Widget", "routes", "F", "p"} <= ids
    assert "Unused" not in ids
    assert list(f.identifiers) == sorted(f.identifiers)


def test_binding_refs_are_references_to_imported_bindings():
    src = """
    import { Card } from "./Card";
    const Lazy = lazy(() => import("./Lazy"));
    const x = <Card />;
    const y = <Lazy />;
    const Card2 = Card;
    """
    f = facts(src)
    assert sorted(f.binding_refs, key=lambda r: r[1]) == [
        ("Card", at(src, "Card />")),
        ("Lazy", at(src, "Lazy />")),
        ("Card", at(src, "Card;")),
    ]


def test_require_declaration_is_not_a_binding_ref():
    src = 'const { a } = require("./a");\na();\n'
    f = facts(src)
    assert f.binding_refs == (("a", at(src, "a();")),)


# ----------------------------------------------------------------------------- dev-only branches


def _dev_jsx(f: TsFacts) -> dict[str, bool]:
    return {j.name: j.dev for j in f.jsx}


def test_dev_branches():
    f = facts("""
    if (import.meta.env.DEV) { render(<A />); } else { render(<B />); }
    if (import.meta.env.MODE === "development") render(<C />);
    if (process.env.NODE_ENV !== "production") render(<D />);
    if ("production" !== process.env.NODE_ENV) render(<D2 />);
    if (process.env.NODE_ENV === "development" && ready) render(<E />);
    if (import.meta.env.PROD) { render(<F />); } else { render(<G />); }
    if (!import.meta.env.DEV) { render(<H />); } else { render(<I />); }
    if (process.env.NODE_ENV === "production") render(<J />); else render(<K />);
    const t = import.meta.env.DEV ? <L /> : <M />;
    const u = import.meta.env.DEV && <N />;
    const v = import.meta.env.PROD || <O />;
    """)
    assert _dev_jsx(f) == {
        "A": True,
        "B": False,
        "C": True,
        "D": True,
        "D2": True,
        "E": True,
        "F": False,
        "G": True,
        "H": False,
        "I": True,
        "J": False,
        "K": True,
        "L": True,
        "M": False,
        "N": True,
        "O": True,
    }


def test_dev_alias_constant_and_early_return():
    f = facts("""
    const isDev = import.meta.env.DEV;
    const IS_DEV = process.env.NODE_ENV === "development";
    export function Tools() {
      if (!import.meta.env.DEV) return null;
      return <DevTools />;
    }
    export function Both() {
      return <>{isDev && <A />}{IS_DEV ? <B /> : <C />}</>;
    }
    """)
    assert _dev_jsx(f) == {"DevTools": True, "A": True, "B": True, "C": False}


def test_not_dev_branches():
    f = facts("""
    if (import.meta.env.VITE_ENABLE_X) render(<A />);
    if (process.env.NODE_ENV === "staging") render(<B />);
    if (import.meta.env.DEV || ready) render(<C />);
    if (ready) render(<D />);
    const e = user && <E />;
    function F() { if (import.meta.env.DEV) return null; return <G />; }
    """)
    assert _dev_jsx(f) == {"A": False, "B": False, "C": False, "D": False, "E": False, "G": False}


def test_dev_flag_on_imports_routes_and_calls():
    f = facts("""
    if (import.meta.env.DEV) {
      import("./devtools");
      fetch("/api/debug");
    }
    export const routes = [
      { path: "/", element: <Home /> },
      ...(import.meta.env.DEV ? [{ path: "/test", element: <TestPage /> }] : []),
    ];
    """)
    assert [(i.specifier, i.dev) for i in f.imports] == [("./devtools", True)]
    assert [(c.url.text(), c.dev) for c in f.http_calls] == [("/api/debug", True)]
    assert [(r.path, r.dev) for r in f.routes] == [("/", False), ("/test", True)]


# ----------------------------------------------------------------------------- JSX routes


def test_jsx_routes_nested_with_full_paths():
    src = """
    export const AppRoutes = () => (
      <Routes>
        <Route path="/" element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="users" element={<RequireAuth><Users /></RequireAuth>}>
            <Route path=":id" Component={UserDetail} />
            <Route path="/absolute" element={<Abs />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    );
    """
    f = facts(src)
    assert routes(f) == [
        ("/", "/", False, ("Layout",), None, None, False),
        (None, "/", True, ("Home",), None, 0, False),
        ("users", "/users", False, ("RequireAuth", "Users"), None, 0, False),
        (":id", "/users/:id", False, ("UserDetail",), None, 2, False),
        ("/absolute", "/absolute", False, ("Abs",), None, 2, False),
        ("*", "/*", False, ("NotFound",), None, None, False),
    ]
    start = at(src, '<Route path="/" ')
    assert f.routes[0].span == (start, at(src, '</Route>\n    <Route path="*"') + len("</Route>"))
    assert f.routes[0].line == 3


def test_jsx_route_options():
    f = facts("""
    const el = createRoutesFromElements(
      <Route path="/app/*" element={<Suspense fallback={<Spinner />}><App /></Suspense>}>
        <Route path="a" lazy={() => import("./routes/a")} />
        <Route index={true} element={withAuth(Dash)} errorElement={<Oops />} />
        <Route path={"b"} element={<B />} />
      </Route>
    );
    """)
    assert routes(f) == [
        ("/app/*", "/app/*", False, ("Suspense", "Spinner", "App"), None, None, False),
        ("a", "/app/a", False, (), "./routes/a", 0, False),
        (None, "/app", True, ("Dash", "Oops"), None, 0, False),
        ("b", "/app/b", False, ("B",), None, 0, False),
    ]


def test_jsx_route_paths_from_constants():
    f = facts("""
    const ADMIN = "/admin";
    const PATHS = { users: "/users" };
    export const R = () => (
      <Routes>
        <Route path={ADMIN} element={<Admin />} />
        <Route path={PATHS.users} element={<Users />} />
        <Route path={ROUTES.X} element={<X />} />
      </Routes>
    );
    """)
    assert [(r.path, r.full_path) for r in f.routes] == [
        ("/admin", "/admin"),
        ("/users", "/users"),
        ("${ROUTES.X}", "/${ROUTES.X}"),
    ]


def test_v5_custom_route_and_children():
    f = facts("""
    const R = () => (
      <Switch>
        <PrivateRoute path="/private" component={Secret} />
        <Route path="/about"><About /></Route>
      </Switch>
    );
    const wrapped = <Route path="/x" element={<ProtectedRoute><X /></ProtectedRoute>} />;
    """)
    assert routes(f) == [
        ("/private", "/private", False, ("Secret",), None, None, False),
        ("/about", "/about", False, ("About",), None, None, False),
        ("/x", "/x", False, ("ProtectedRoute", "X"), None, None, False),
    ]


def test_dev_jsx_route():
    f = facts("""
    const R = () => (
      <Routes>
        <Route path="/" element={<Home />} />
        {import.meta.env.DEV && <Route path="/test" element={<TestPage />} />}
      </Routes>
    );
    """)
    assert [(r.path, r.dev) for r in f.routes] == [("/", False), ("/test", True)]


# ----------------------------------------------------------------------------- route objects


def test_create_browser_router_objects():
    src = """
    const adminChildren = [{ path: "users", element: <AdminUsers /> }];
    export const router = createBrowserRouter([
      {
        path: "/",
        element: <Root />,
        errorElement: <ErrorPage />,
        children: [
          { index: true, element: <Home /> },
          { path: "projects/:id", Component: Project },
          { path: "settings", lazy: () => import("./routes/settings") },
          { path: "admin", children: adminChildren },
          ...extraRoutes,
          { path: "external", children: importedChildren },
        ],
      },
    ]);
    """
    f = facts(src)
    assert [(r.path, r.full_path, r.index, r.components, r.lazy, r.parent, r.spread) for r in f.routes] == [
        ("/", "/", False, ("Root", "ErrorPage"), None, None, None),
        (None, "/", True, ("Home",), None, 0, None),
        ("projects/:id", "/projects/:id", False, ("Project",), None, 0, None),
        ("settings", "/settings", False, (), "./routes/settings", 0, None),
        ("admin", "/admin", False, (), None, 0, None),
        ("users", "/admin/users", False, ("AdminUsers",), None, 4, None),
        (None, "/", False, (), None, 0, "extraRoutes"),
        ("external", "/external", False, (), None, 0, None),
        (None, "/external", False, (), None, 7, "importedChildren"),
    ]
    root = at(src, '{\n    path: "/"')
    assert f.routes[0].span[0] == root
    assert f.routes[0].line == 3


def test_route_children_from_a_call_are_a_spread():
    f = facts('const r = createBrowserRouter([{ path: "/a", element: <A />, children: buildChildren() }]);\n')
    assert [(r.path, r.full_path, r.parent, r.spread) for r in f.routes] == [
        ("/a", "/a", None, None),
        (None, "/a", 0, "buildChildren()"),
    ]


def test_routes_table_through_variable_and_use_routes():
    f = facts("""
    const routes: RouteObject[] = [
      { path: "/", children: [{ path: "a", children: [] }] },
      ...(import.meta.env.DEV ? [{ path: "/dev", children: [] }] : []),
    ];
    export function App() { return useRoutes(routes); }
    """)
    assert [(r.path, r.full_path, r.parent, r.dev) for r in f.routes] == [
        ("/", "/", None, False),
        ("a", "/a", 0, False),
        ("/dev", "/dev", None, True),
    ]


def test_route_array_without_route_keys_is_not_a_route_table():
    f = facts("""
    export const menu = [
      { path: "/users", title: "Users", icon: <UsersIcon />, children: [{ path: "/users/new", title: "New" }] },
      { path: "/settings", title: "Settings" },
    ];
    const files = [{ path: "src/a.ts", size: 1 }];
    """)
    assert f.routes == ()


def test_route_object_needs_a_render_key_to_stand_alone():
    f = facts("""
    const strong = [{ path: "/a", element: <A /> }, { path: "/b", title: "B" }];
    """)
    # one route object makes the whole array a route table
    assert [(r.path, r.components) for r in f.routes] == [("/a", ("A",)), ("/b", ())]


def test_jsx_routes_inside_object_route_element():
    f = facts("""
    const router = createBrowserRouter([
      { path: "/admin/*", element: <Routes><Route path="users" element={<Users />} /></Routes> },
    ]);
    """)
    assert [(r.path, r.full_path, r.components, r.parent) for r in f.routes] == [
        ("/admin/*", "/admin/*", ("Routes",), None),
        ("users", "/admin/users", ("Users",), 0),
    ]


def test_deeply_nested_routes_full_paths():
    f = facts("const x = " + "<Route path='a'>" * 50 + "</Route>" * 50 + ";\n")
    assert len(f.routes) == 50
    assert f.routes[-1].full_path == "/" + "/".join(["a"] * 50)
    assert [r.parent for r in f.routes] == [None] + list(range(49))


# ----------------------------------------------------------------------------- React Router v7 routes.ts


def test_v7_route_config():
    src = """
    import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";
    export default [
      index("routes/home.tsx"),
      route("about", "routes/about.tsx"),
      layout("routes/auth/layout.tsx", [
        route("login", "routes/auth/login.tsx"),
      ]),
      ...prefix("projects", [
        index("routes/projects/home.tsx"),
        route(":pid", "routes/projects/project.tsx", [route("edit", "routes/projects/edit.tsx")]),
      ]),
      ...devRoutes,
    ] satisfies RouteConfig;
    """
    f = facts(src, "app/routes.ts")
    assert [(r.path, r.full_path, r.index, r.lazy, r.parent, r.spread) for r in f.routes] == [
        (None, "/", True, "routes/home.tsx", None, None),
        ("about", "/about", False, "routes/about.tsx", None, None),
        (None, "/", False, "routes/auth/layout.tsx", None, None),
        ("login", "/login", False, "routes/auth/login.tsx", 2, None),
        ("projects", "/projects", False, None, None, None),
        (None, "/projects", True, "routes/projects/home.tsx", 4, None),
        (":pid", "/projects/:pid", False, "routes/projects/project.tsx", 4, None),
        ("edit", "/projects/:pid/edit", False, "routes/projects/edit.tsx", 6, None),
        (None, "/", False, None, None, "devRoutes"),
    ]
    assert f.http_calls == ()  # route("about", ...) declares a page


def test_v7_helpers_need_the_react_router_import():
    f = facts(
        'export default [index("routes/home.tsx"), route("about", "routes/about.tsx")];\n', "app/routes.ts"
    )
    assert f.routes == ()


def test_tanstack_file_routes():
    f = facts(
        """
    import { createFileRoute } from "@tanstack/react-router";
    export const Route = createFileRoute("/_layout/items")({
      component: Items,
      pendingComponent: () => <Spinner />,
    });
    function Items() { return null; }
    """,
        "src/routes/_layout/items.tsx",
    )
    assert routes(f) == [("/_layout/items", "/items", False, ("Items", "Spinner"), None, None, False)]
    assert f.http_calls == ()
    root = facts("export const Route = createRootRouteWithContext<Ctx>()({ component: Root });\n")
    assert routes(root) == [(None, "/", False, ("Root",), None, None, False)]
    index = facts('export const Route = createFileRoute("/(app)/posts_/$id/")({ component: P });\n')
    assert routes(index) == [("/(app)/posts_/$id/", "/posts/$id", True, ("P",), None, None, False)]


# ----------------------------------------------------------------------------- HTTP calls


def test_fetch_methods():
    f = facts("""
    fetch("/api/a");
    fetch("/api/b", { method: "post", body });
    fetch(`/api/c/${id}`, options);
    fetch("/api/d", { ...init, headers });
    fetch("/api/e", { method: m });
    window.fetch("/api/f", { headers: {} });
    """)
    assert calls(f) == [
        ("GET", "/api/a", "fetch"),
        ("POST", "/api/b", "fetch"),
        ("ANY", "/api/c/${id}", "fetch"),
        ("ANY", "/api/d", "fetch"),
        ("ANY", "/api/e", "fetch"),
        ("GET", "/api/f", "window.fetch"),
    ]


def test_template_and_concatenation_urls():
    f = facts("""
    fetch(`${API_BASE}/users/${user.id}/files?sort=${ sort }`);
    fetch(BASE + "/items/" + id);
    fetch(`/a\\`b`);
    """)
    assert [c.url for c in f.http_calls] == [
        T(Sub("API_BASE"), "/users/", Sub("user.id"), "/files?sort=", Sub("sort")),
        T(Sub("BASE"), "/items/", Sub("id")),
        T("/a`b"),
    ]


def test_long_concatenation_does_not_recurse():
    src = "export const BIG = " + " + ".join(f'"/p{i}"' for i in range(5000)) + ";\n"
    f = facts(src, "m.ts")
    assert f.consts[0].value == T("".join(f"/p{i}" for i in range(5000)))


def test_axios_calls():
    f = facts("""
    import { client } from "./client";
    axios.get("/api/a");
    axios.post(`/api/b/${id}`, body);
    axios.delete(url);
    axios({ url: "/api/c", method: "put" });
    axios({ url: "/api/d" });
    axios("/api/e");
    axios.request({ url: "/api/f", method: "patch" });
    api.get("/users");
    client.post(endpoint, data);
    http.request({ url: "/api/g", method });
    this.http.get<User[]>("/api/h");
    cache.get(key);
    """)
    assert calls(f) == [
        ("GET", "/api/a", "axios.get"),
        ("POST", "/api/b/${id}", "axios.post"),
        ("DELETE", "${url}", "axios.delete"),
        ("PUT", "/api/c", "axios"),
        ("GET", "/api/d", "axios"),
        ("GET", "/api/e", "axios"),
        ("PATCH", "/api/f", "axios.request"),
        ("GET", "/users", "api.get"),
        ("POST", "${endpoint}", "client.post"),
        ("ANY", "/api/g", "http.request"),
        ("GET", "/api/h", "this.http.get"),
    ]


def test_awaited_generic_calls():
    # tree-sitter reads `await f<T>(x)` as a call of the await expression
    f = facts(
        """
    export async function getJson<T>(path: string) { return (await apiFetch<T>(path)).json(); }
    async function apiFetch<T>(path: string) { return await fetch<T>(`${BASE}${path}`); }
    export async function load() { const { data } = await api.get<User[]>("/users"); return data; }
    """,
        "m.ts",
    )
    assert calls(f) == [("GET", "${BASE}${path}", "fetch"), ("GET", "/users", "api.get")]
    assert [(w.name, w.url.text()) for w in f.wrappers] == [
        ("getJson", "${BASE}${path}"),
        ("apiFetch", "${BASE}${path}"),
    ]


def test_look_alikes_are_not_http_calls():
    f = facts("""
    map.get("key");
    searchParams.get(PARAM);
    rowRefs.current.delete(id);
    new URLSearchParams(search).get(name);
    params.get(0);
    searchParams.delete("page");
    path.split("/");
    url.startsWith("/api");
    console.log("/api/x failed");
    it("/api/x returns 200", () => {});
    describe("/users", () => {});
    t("/welcome");
    const o = { url: "/api/x" };
    const p = { url: "relative", method: "GET" };
    """)
    assert f.http_calls == ()


def test_verb_calls_with_variable_urls_need_a_resolvable_receiver():
    f = facts("""
    import { httpClient } from "./http";
    const instance = axios.create({ baseURL: "/api" });
    const registry = new Map();
    function load(url: string, id: string) {
      const api = useApi();
      httpClient.get(url);
      instance.post(url);
      registry.get(id);
      api.delete(url);
      localMap.get(id);
    }
    """)
    assert calls(f) == [
        ("GET", "${url}", "httpClient.get"),
        ("POST", "${url}", "instance.post"),
        ("GET", "${id}", "registry.get"),
        ("DELETE", "${url}", "api.delete"),
    ]


def test_playwright_url_assertions_are_not_http_calls():
    f = facts('await page.waitForURL("/");\nawait expect(page).toHaveURL("/login");\n', "e2e/a.spec.ts")
    assert f.http_calls == () and f.visits == ()


def test_generic_url_calls_and_wrapper_calls():
    f = facts("""
    apiFetch("/api/items");
    apiFetch(`${API}/items/${id}`, { method: "DELETE" });
    request("POST", "/api/things", body);
    navigator.sendBeacon("https://x.example/api/beacon", data);
    helper("not-a-url");
    """)
    assert calls(f) == [
        ("ANY", "/api/items", "apiFetch"),
        ("DELETE", "${API}/items/${id}", "apiFetch"),
        ("POST", "/api/things", "request"),
        ("ANY", "https://x.example/api/beacon", "navigator.sendBeacon"),
    ]


def test_swr_and_react_query_keys():
    f = facts("""
    useSWR("/api/a", fetcher);
    useSWR(`/api/b/${id}`);
    useSWR(id ? `/api/c/${id}` : null, fetcher);
    useSWR(["/api/d", token], fetcher);
    useQuery({ queryKey: ["/api/e"], queryFn });
    useQuery(["/api/f", id]);
    useQuery({ queryKey: ["users", id], queryFn: () => api.get("/users") });
    useSWR("user", fetcher);
    """)
    assert calls(f) == [
        ("GET", "/api/a", "useSWR"),
        ("GET", "/api/b/${id}", "useSWR"),
        ("GET", "/api/c/${id}", "useSWR"),
        ("GET", "/api/d", "useSWR"),
        ("GET", "/api/e", "useQuery"),
        ("GET", "/api/f", "useQuery"),
        ("GET", "/users", "api.get"),
        ("GET", "user", "useSWR"),
    ]
    # the fetcher named by the hook: the graph composes the key through it when it is a wrapper;
    # a relative key ("user") is a URL only through such a fetcher
    assert [c.via for c in f.http_calls if c.callee == "useSWR"] == [
        "fetcher",
        None,
        "fetcher",
        "fetcher",
        "fetcher",
    ]


def test_openapi_generated_client():
    src = """
    export class ItemsService {
      public static readItem(id: string): CancelablePromise<Item> {
        return __request(OpenAPI, {
          method: 'GET',
          url: '/api/v1/items/{id}',
          path: { id },
        });
      }
    }
    """
    f = facts(src, "client/services.ts")
    assert f.http_calls == (
        HttpCall(
            "GET",
            T("/api/v1/items/{id}"),
            "openapi",
            3,
            (at(src, "__request"), at(src, ");") + 1),
            False,
            "ItemsService",
        ),
    )


def test_hey_api_client_config_calls():
    f = facts(
        """
    export class ItemsService {
      public static readItem(options: Options) {
        return (options.client ?? client).get<R, E>({ responseType: "json", url: "/api/v1/items/{id}", ...options });
      }
    }
    export const list = () => client.post({ url: "/api/v1/items/", body });
    cache.get({ key: "x" });
    """,
        "client/sdk.gen.ts",
    )
    assert calls(f) == [("GET", "/api/v1/items/{id}", "openapi"), ("POST", "/api/v1/items/", "client.post")]
    assert f.http_calls[0].function == "ItemsService"


def test_call_attribution_to_module_level_function():
    f = facts("""
    export const Page = () => {
      useEffect(() => { fetch("/api/a"); }, []);
      return null;
    };
    function helper() { return api.post("/api/b"); }
    export const userApi = { list: () => api.get("/api/c") };
    const Memo = memo(function Inner() { fetch("/api/d"); });
    fetch("/api/top");
    """)
    assert [(c.url.text(), c.function) for c in f.http_calls] == [
        ("/api/a", "Page"),
        ("/api/b", "helper"),
        ("/api/c", "userApi"),
        ("/api/d", "Memo"),
        ("/api/top", None),
    ]
    assert [name for name, _ in f.functions] == ["Page", "helper", "userApi", "Memo"]


def test_event_source_and_websocket():
    f = facts("""
    const es = new EventSource(`${API}/api/stream`);
    const ws = new WebSocket(`ws://${window.location.host}/api/ws`);
    new WebSocket(url);
    """)
    assert calls(f) == [
        ("GET", "${API}/api/stream", "EventSource"),
        ("WEBSOCKET", "ws://${window.location.host}/api/ws", "WebSocket"),
        ("WEBSOCKET", "${url}", "WebSocket"),
    ]


def test_url_builder_inside_a_client_call():
    # the builder adds a base we cannot see here: the graph matches the rest as a suffix
    f = facts("""
    import { wsUrl, apiUrl } from "@/config";
    const ws = new WebSocket(wsUrl(`/chat/ws/${sessionId}`));
    fetch(apiUrl("/items"), { method: "POST" });
    axios.get(apiUrl(`/users/${id}`));
    apiUrl("/standalone");
    """)
    assert [c.url for c in f.http_calls] == [
        T(Sub("wsUrl(`/chat/ws/${sessionId}`)", "wsUrl", (T("/chat/ws/", Sub("sessionId")),))),
        T(Sub('apiUrl("/items")', "apiUrl", (T("/items"),))),
        T(Sub("apiUrl(`/users/${id}`)", "apiUrl", (T("/users/", Sub("id")),))),
        T("/standalone"),
    ]
    assert [(c.method, c.callee) for c in f.http_calls] == [
        ("WEBSOCKET", "WebSocket"),
        ("POST", "fetch"),
        ("GET", "axios.get"),
        ("ANY", "apiUrl"),
    ]


def test_new_url_with_a_base():
    f = facts("""
    fetch(new URL("/api/a", window.location.origin));
    fetch(new URL(`items/${id}`, API_ROOT));
    """)
    assert [c.url for c in f.http_calls] == [T("/api/a"), T(Sub("API_ROOT"), "/items/", Sub("id"))]


def test_origins_are_kept_as_written_for_the_graph():
    # the graph decides whose origin it is (window.location is ours, an unknown host may not be)
    f = facts("""
    new WebSocket(`${scheme}://${window.location.host}${API_BASE}/ws/${id}`);
    fetch(`${window.location.protocol}//${window.location.host}/api/x`);
    fetch(`${proto}://localhost:8000/api/y`);
    fetch("https://example.com/api/z");
    """)
    assert [c.url.text() for c in f.http_calls] == [
        "${scheme}://${window.location.host}${API_BASE}/ws/${id}",
        "${window.location.protocol}//${window.location.host}/api/x",
        "${proto}://localhost:8000/api/y",
        "https://example.com/api/z",
    ]


# ----------------------------------------------------------------------------- constants, axios instances


def test_module_string_constants():
    f = facts("""
    export const API_BASE = "/api/v0_1";
    const USERS = `${API_BASE}/users`;
    export const ITEMS = API_BASE + "/items";
    const TYPED = "/typed" as const;
    export const ENDPOINTS = { users: "/api/users", nested: { me: `/api/me` } };
    let notConst = "/x";
    const num = 1;
    function f() { const inner = "/inner"; }
    """)
    assert f.consts == (
        TsConst("API_BASE", T("/api/v0_1"), "string", 1, True),
        TsConst("USERS", T(Sub("API_BASE"), "/users"), "string", 2, False),
        TsConst("ITEMS", T(Sub("API_BASE"), "/items"), "string", 3, True),
        TsConst("TYPED", T("/typed"), "string", 4, False),
        TsConst("ENDPOINTS.users", T("/api/users"), "string", 5, True),
        TsConst("ENDPOINTS.nested.me", T("/api/me"), "string", 5, True),
    )


def test_axios_instances():
    f = facts("""
    const api = axios.create({ baseURL: API_BASE, timeout: 1000 });
    export const raw = axios.create();
    const env = axios.create({ baseURL: import.meta.env.VITE_API_URL });
    const tpl = axios.create({ baseURL: `${HOST}/api` });
    export { api };
    """)
    assert f.consts == (
        TsConst("api", T(Sub("API_BASE")), "axios", 1, True),
        TsConst("raw", T(), "axios", 2, True),
        TsConst("env", T(Sub("import.meta.env.VITE_API_URL")), "axios", 3, False),
        TsConst("tpl", T(Sub("HOST"), "/api"), "axios", 4, False),
    )


# ----------------------------------------------------------------------------- wrappers


def test_wrappers():
    f = facts(
        """
    import { api } from "./client";
    export async function apiGet(path: string) {
      const res = await fetch(`${API_BASE}${path}`);
      return res.json();
    }
    export const apiFetch = (path: string, init?: RequestInit) => fetch(API_BASE + path, init);
    export function post(path, body) { return api.post(path, body); }
    const viaLocal = async (p: string) => {
      const url = `${API_BASE}/v2${p}`;
      return fetch(url, { method: "DELETE" });
    };
    export const request = (method: string, path: string) => axios.request({ url: path, method });
    export const getJson = (p: string) => apiGet(p);
    export const del = (p: string) => apiFetch(p, { method: "DELETE" });
    function itemById(id: string) { return fetch(`/api/items/${id}`); }  // id: no wrapper
    const noParam = () => fetch("/api/x");
    """,
        "m.ts",
    )
    assert f.wrappers == (
        TsWrapper("apiGet", 0, T(Sub("API_BASE"), Sub("path")), "GET", 2, True, "path"),
        TsWrapper("apiFetch", 0, T(Sub("API_BASE"), Sub("path")), None, 6, True, "path"),
        # api is imported: the graph resolves its baseURL
        TsWrapper("post", 0, T(Sub("api"), Sub("path")), "POST", 7, True, "path"),
        TsWrapper("viaLocal", 0, T(Sub("API_BASE"), "/v2", Sub("p")), "DELETE", 8, False, "p"),
        TsWrapper("request", 1, T(Sub("path")), None, 12, True, "path"),
        TsWrapper("getJson", 0, T(Sub("API_BASE"), Sub("p")), "GET", 13, True, "p"),
        TsWrapper("del", 0, T(Sub("API_BASE"), Sub("p")), "DELETE", 14, True, "p"),
    )


def test_wrapper_needs_an_http_client_receiver():
    f = facts(
        """
    import { api } from "./api";
    const cache = new Map();
    export const getItem = (key: string) => cache.get(key);
    export const getUser = (path: string) => api.get(`/users${path}`);
    """,
        "m.ts",
    )
    assert [(w.name, w.method) for w in f.wrappers] == [("getUser", "GET")]


def test_a_parameter_in_a_path_segment_or_query_is_no_wrapper():
    # callers pass ids, not URLs: the function's own call is the one the graph must link
    f = facts(
        """
    import { api } from "./api";
    export const getItem = (id: string) => api.get(`/items/${id}`);
    export const stats = (days: number) => fetch(`${API_BASE}/stats?days=${days}`);
    export const raw = (path: string) => fetch(`${API_BASE}/v1${path}`);
    """,
        "m.ts",
    )
    assert [w.name for w in f.wrappers] == ["raw"]
    assert ("GET", "/items/${id}", "api.get") in calls(f)


def test_wrapper_urls_are_self_contained():
    # the graph links a wrapper's callers through its url alone: an instance's base must be in it
    f = facts(
        """
    import { apiFetch } from "./client";
    const local = axios.create({ baseURL: `${API_BASE}/v2` });
    const bare = axios.create();
    export const getA = (path: string) => local.get(`/a${path}`);
    export const getB = (path: string) => bare.delete(path);
    export const ack = (id: string) => apiFetch(`/alerts/${id}/ack`, { method: "POST" });
    export const socket = (id: string) => wsUrl(`/ws/${id}`);
    """,
        "m.ts",
    )
    assert [(w.name, w.url) for w in f.wrappers] == [
        ("getA", T(Sub("API_BASE"), "/v2/a", Sub("path"))),
        ("getB", T(Sub("path"))),
    ]
    # ack forwards to another file's wrapper: its own call is linked through apiFetch instead
    assert ("POST", "/alerts/${id}/ack", "apiFetch") in calls(f)


# ----------------------------------------------------------------------------- env reads, visits


def test_env_reads():
    f = facts("""
    const a = import.meta.env.VITE_API_URL;
    const b = process.env.REACT_APP_FLAG;
    const c = process.env["DATABASE_URL"];
    const { VITE_X, VITE_Y: y, VITE_Z = "d" } = import.meta.env;
    if (import.meta.env.DEV || import.meta.env.MODE === "x") {}
    const d = import.meta.env.VITE_LIST.split(",");
    """)
    assert f.env_reads == (
        ("VITE_API_URL", 1),
        ("REACT_APP_FLAG", 2),
        ("DATABASE_URL", 3),
        ("VITE_X", 4),
        ("VITE_Y", 4),
        ("VITE_Z", 4),
        ("VITE_LIST", 6),
    )


def test_visits():
    f = facts(
        """
    await page.goto("/login");
    await this.page.goto(`${BASE_URL}/projects/${id}`);
    cy.visit("/dashboard");
    await page.goto("http://localhost:5173/settings");
    await page.goto(url);
    """,
        "e2e/a.spec.ts",
    )
    assert f.visits == (("/login", 1), ("/projects/${id}", 2), ("/dashboard", 3), ("/settings", 4))
    assert f.http_calls == ()


# ----------------------------------------------------------------------------- bad input


def test_syntax_error_keeps_what_parsed():
    f, partial, problems = run("""
    import { Card } from "./Card";
    export const a = fetch("/api/a");
    const broken = ) ;
    export function Page() { return <Card />; }
    """)
    assert partial
    assert problems == ("syntax error at line 3",)
    assert [i.specifier for i in f.imports] == ["./Card"]
    assert [e.name for e in f.exports] == ["a", "Page"]
    assert calls(f) == [("GET", "/api/a", "fetch")]
    assert [j.name for j in f.jsx] == ["Card"]


def test_missing_node_is_a_syntax_error():
    f, partial, problems = run('import { A } from "./a"\nconst x = foo(1;\n')
    assert partial
    assert problems and all(p.startswith("syntax error at line ") for p in problems)
    assert [i.specifier for i in f.imports] == ["./a"]


def test_non_utf8_bytes():
    f, partial, problems = run(b'import x from "./caf\xe9";\nfetch("/api/\xff");\nexport const ok = 1;\n')
    assert [i.specifier for i in f.imports] == ["./caf\ufffd"]
    assert [e.name for e in f.exports] == ["ok"]
    assert isinstance(partial, bool) and isinstance(problems, tuple)


def test_empty_and_binary_input():
    assert run(b"") == (TsFacts(), False, ())
    f, partial, problems = run(bytes(range(256)) * 8)
    assert partial and problems


@hsettings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["m.ts", "m.tsx", "m.js"]))
def test_never_raises_on_any_bytes(data, path):
    f, partial, problems = extract_typescript(path, data)
    assert isinstance(f, TsFacts)
    assert all(isinstance(p, str) for p in problems)


@hsettings(max_examples=40, deadline=None)
@given(st.text(alphabet='<>{}()[]/"`$.;:=!&|?, \nabcAB', max_size=200))
def test_never_raises_on_code_like_text(text):
    for path in ("m.ts", "m.tsx"):
        f, _, problems = extract_typescript(path, text.encode())
        assert not any(p.startswith("internal error") for p in problems), problems


# ----------------------------------------------------------------------------- speed


def _generated(blocks: int) -> bytes:
    out = ['import React, { useEffect } from "react";', 'import { api } from "./api";', 'const API = "/api";']
    for i in range(blocks):
        out += dedent(f"""
        export interface Props{i} {{ id: string; items: Array<string>; }}
        export function useThing{i}(id: string) {{
          useEffect(() => {{
            fetch(`${{API}}/things/{i}/${{id}}`, {{ method: "POST" }}).then((r) => r.json());
            api.get(`/users/${{id}}`);
            new Map<string, number>().get("key");
          }}, [id]);
        }}
        export const Card{i} = ({{ id, items }}: Props{i}) => {{
          if (import.meta.env.DEV) {{ console.log(id); }}
          return (
            <div className="card">
              <ul>{{items.map((it) => <Item{i} key={{it}} value={{it}} />)}}</ul>
              {{import.meta.env.DEV && <DebugPanel id={{id}} />}}
              <Foo.Bar title={{`Total ${{items.length}}`}} />
            </div>
          );
        }};
        """).splitlines()
    return ("\n".join(out) + "\n").encode()


def test_speed_on_a_2000_line_file():
    data = _generated(110)
    assert data.count(b"\n") > 2000
    extract_typescript("big.tsx", data)  # load grammar and query
    t0 = time.perf_counter()
    f, partial, _ = extract_typescript("big.tsx", data)
    elapsed = time.perf_counter() - t0
    assert not partial
    assert len(f.http_calls) == 220 and len(f.jsx) == 330
    # about 40 ms on a quiet machine; generous bound for a shared, loaded one
    assert elapsed < 1.0, elapsed


@pytest.mark.parametrize(
    "src",
    [
        "const x = import.meta.env.DEV && " + " && ".join(f"a{i}" for i in range(3000)) + ";",
        "const x = a" + "".join(f".b{i}" for i in range(3000)) + ";",
        "const x = a" + "".join(f".m{i}()" for i in range(3000)) + ";",
        "const x = " + "<Route path='a'>" * 300 + "</Route>" * 300 + ";",
        "const x = " + "[{path: 'a', element: <A/>, children: " * 200 + "[]" + "}]" * 200 + ";",
        "const x = {" + ", ".join(f"path: {i}" for i in range(3000)) + "};",
    ],
    ids=[
        "dev-and-chain",
        "member-chain",
        "call-chain",
        "nested-jsx-routes",
        "nested-route-objects",
        "wide-object",
    ],
)
def test_generated_shapes_stay_fast(src):
    t0 = time.perf_counter()
    f, partial, problems = extract_typescript("gen.tsx", src.encode())
    assert not partial and not problems
    assert time.perf_counter() - t0 < 2.0  # each is well under 0.1 s; quadratic shapes took seconds
