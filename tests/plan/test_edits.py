"""Edit primitives: input -> exact output tables, refusals, and property tests (the result
re-parses without new errors and only the claimed lines change)."""

from __future__ import annotations

import io
import textwrap

import pytest
from hypothesis import given, settings, strategies as st
from ruamel.yaml import YAML

from deadcode.facts.parsing import parse
from deadcode.plan import edits as E
from deadcode.plan.edits import Edit, EditRefused, apply_edits


def src(text: str) -> bytes:
    return textwrap.dedent(text).lstrip("\n").encode()


def at(data: bytes, snippet: str, nth: int = 0) -> tuple[int, int]:
    """The byte span of the ``nth`` occurrence of ``snippet``."""
    s = snippet.encode()
    pos = -1
    for _ in range(nth + 1):
        pos = data.index(s, pos + 1)
    return pos, pos + len(s)


def errors(grammar: str, data: bytes) -> int:
    root = parse(grammar, data).root_node
    stack, n = [root], 0
    while stack:
        node = stack.pop()
        n += node.type == "ERROR" or node.is_missing
        stack.extend(node.children)
    return n


# ------------------------------------------------------------------------------ apply_edits


def test_apply_edits_sorts_and_rejects_overlap():
    assert apply_edits(b"abcdef", [Edit(4, 5, b"E"), Edit(0, 1), Edit(2, 2, b"+")]) == b"b+cdEf"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(b"abcdef", [Edit(0, 3), Edit(2, 4)])
    with pytest.raises(ValueError, match="outside"):
        apply_edits(b"abc", [Edit(2, 9)])
    assert apply_edits(b"abc", []) == b"abc"


# ------------------------------------------------------------------------------ TypeScript imports

TS_IMPORTS = src("""
    import { A, B, C } from "x";
    import D, { E } from "y";
    import * as ns from "z";
    import {
      M1,
      M2,
      M3,
    } from "m";
    import {
      N1,
      N2
    } from "n";

    use();
""")

IMPORT_CASES = [
    ("middle", "x", {"B"}, 'import { A, C } from "x";\n'),
    ("last", "x", {"C"}, 'import { A, B } from "x";\n'),
    ("first", "x", {"A"}, 'import { B, C } from "x";\n'),
    ("all named", "x", {"A", "B", "C"}, ""),
    ("default of default+named", "y", {"D"}, 'import { E } from "y";\n'),
    ("named of default+named", "y", {"E"}, 'import D from "y";\n'),
    ("namespace", "z", {"ns"}, ""),
    ("multi-line middle", "m", {"M2"}, 'import {\n  M1,\n  M3,\n} from "m";\n'),
    ("multi-line last, trailing comma", "m", {"M3"}, 'import {\n  M1,\n  M2,\n} from "m";\n'),
    ("multi-line last, no trailing comma", "n", {"N2"}, 'import {\n  N1\n} from "n";\n'),
    ("multi-line first", "n", {"N1"}, 'import {\n  N2\n} from "n";\n'),
]


@pytest.mark.parametrize("label,spec,names,expected", IMPORT_CASES, ids=[c[0] for c in IMPORT_CASES])
def test_remove_ts_import_names(label, spec, names, expected):
    out = apply_edits(TS_IMPORTS, E.remove_ts_import_names(TS_IMPORTS, "typescript", spec, names))
    stmt = {
        "x": 'import { A, B, C } from "x";\n',
        "y": 'import D, { E } from "y";\n',
        "z": 'import * as ns from "z";\n',
        "m": 'import {\n  M1,\n  M2,\n  M3,\n} from "m";\n',
        "n": 'import {\n  N1,\n  N2\n} from "n";\n',
    }[spec]
    assert out == TS_IMPORTS.replace(stmt.encode(), expected.encode())


def test_remove_ts_import_names_aliases_types_and_misses():
    data = b'import { type T, A as Alias, B } from "./x";\nimport Other from "./other";\n'
    assert (
        apply_edits(data, E.remove_ts_import_names(data, "tsx", "./x", {"Alias"}))
        == b'import { type T, B } from "./x";\nimport Other from "./other";\n'
    )
    assert (
        apply_edits(data, E.remove_ts_import_names(data, "tsx", "./x", {"T"}))
        == b'import { A as Alias, B } from "./x";\nimport Other from "./other";\n'
    )
    assert E.remove_ts_import_names(data, "tsx", "./x", {"Nope"}) == []
    assert E.remove_ts_import_names(data, "tsx", "./missing", {"B"}) == []
    side = b'import "./styles.css";\n'
    assert E.remove_ts_import_names(side, "tsx", "./styles.css", {"x"}) == []


def test_remove_ts_import_statement():
    data = src("""
        import React from "react";
        // eslint-disable-next-line import/no-cycle
        import { Tester } from "./Tester";
        import type { T } from "./Tester";
        import "./Tester.css";

        export const x = 1;
    """)
    assert apply_edits(data, E.remove_ts_import_statement(data, "tsx", "./Tester")) == src("""
        import React from "react";
        import "./Tester.css";

        export const x = 1;
    """)
    # one-line file section: blank lines do not pile up
    data = b'import a from "a";\n\nimport b from "b";\n\nrun(a);\n'
    assert (
        apply_edits(data, E.remove_ts_import_statement(data, "typescript", "b"))
        == b'import a from "a";\n\nrun(a);\n'
    )
    data = b'import a from "a"; import b from "b";\n'
    assert apply_edits(data, E.remove_ts_import_statement(data, "typescript", "a")) == b'import b from "b";\n'
    assert apply_edits(data, E.remove_ts_import_statement(data, "typescript", "b")) == b'import a from "a";\n'


def test_remove_ts_reexport():
    data = src("""
        export * from "./a";
        export { X, Y as Z } from "./b";
        export * as ns from "./c";
        export { local };
    """)
    assert apply_edits(data, E.remove_ts_reexport(data, "typescript", "./a")) == data.replace(
        b'export * from "./a";\n', b""
    )
    assert apply_edits(data, E.remove_ts_reexport(data, "typescript", "./b", {"Z"})) == data.replace(
        b"{ X, Y as Z }", b"{ X }"
    )
    assert apply_edits(data, E.remove_ts_reexport(data, "typescript", "./b", {"X", "Z"})) == data.replace(
        b'export { X, Y as Z } from "./b";\n', b""
    )
    assert apply_edits(data, E.remove_ts_reexport(data, "typescript", "./c", {"ns"})) == data.replace(
        b'export * as ns from "./c";\n', b""
    )
    assert E.remove_ts_reexport(data, "typescript", "./c", {"other"}) == []
    assert E.remove_ts_reexport(data, "typescript", "./zzz") == []


def test_remove_statement_at_lazy_declarations():
    data = src("""
        import { lazy } from "react";

        const Test = lazy(() => import("./pages/Test"));
        export const Admin = lazy(() => import("./pages/Admin"));
        const A = lazy(() => import("./A")), B = 1;
        const routes = [{ path: "/e", lazy: () => import("./E") }];
    """)
    out = apply_edits(data, E.remove_statement_at(data, "tsx", data.index(b'import("./pages/Test")')))
    assert out == data.replace(b'const Test = lazy(() => import("./pages/Test"));\n', b"")
    out = apply_edits(data, E.remove_statement_at(data, "tsx", data.index(b'import("./pages/Admin")')))
    assert out == data.replace(b'export const Admin = lazy(() => import("./pages/Admin"));\n', b"")
    out = apply_edits(data, E.remove_statement_at(data, "tsx", data.index(b'import("./A")')))
    assert out == data.replace(b'const A = lazy(() => import("./A")), B = 1;', b"const B = 1;")
    with pytest.raises(EditRefused, match="object"):
        E.remove_statement_at(data, "tsx", data.index(b'import("./E")'))


# ------------------------------------------------------------------------------ JSX


def test_remove_jsx_elements_children_and_conditionals():
    data = src("""
        export function Page() {
          return (
            <Layout>
              <Header />
              <Tester mode="a" />
              {isDev && <Tester />}
              {flags.show && (
                <Tester>
                  <Nested />
                </Tester>
              )}
              <Footer /><Tester />
            </Layout>
          );
        }
    """)
    assert apply_edits(data, E.remove_jsx_elements(data, "tsx", "Tester")) == src("""
        export function Page() {
          return (
            <Layout>
              <Header />
              <Footer />
            </Layout>
          );
        }
    """)


def test_remove_jsx_elements_member_names_and_misses():
    data = b"<div>\n  <UI.Tester />\n  <Tester />\n</div>;\n"
    assert (
        apply_edits(data, E.remove_jsx_elements(data, "tsx", "UI.Tester"))
        == b"<div>\n  <Tester />\n</div>;\n"
    )
    assert E.remove_jsx_elements(data, "tsx", "Missing") == []


@pytest.mark.parametrize(
    "code,why",
    [
        ('const r = <Route path="/t" element={<Tester />} />;\n', "attribute"),
        ("const a = <div>{dev ? <Tester /> : null}</div>;\n", "ternary"),
        ("function F() {\n  return <Tester />;\n}\n", "return"),
        ('const items = [<Tester key="1" />];\n', "array"),
        ("const a = <div x={dev && <Tester />} />;\n", "binary"),
    ],
)
def test_remove_jsx_elements_refuses_other_uses(code, why):
    data = code.encode()
    with pytest.raises(EditRefused, match=why):
        E.remove_jsx_elements(data, "tsx", "Tester")


# ------------------------------------------------------------------------------ routes and arrays

ROUTES_JSX = src("""
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/test" element={<TestPage />} />
      <Route path="/admin" element={<AdminLayout />}>
        <Route index element={<AdminHome />} />
        <Route path="usage" element={<Usage />} />
      </Route>
    </Routes>
""")


@pytest.mark.parametrize(
    "snippet,expected",
    [
        (
            '<Route path="/test" element={<TestPage />} />',
            ROUTES_JSX.replace(b'  <Route path="/test" element={<TestPage />} />\n', b""),
        ),
        (
            '<Route path="usage" element={<Usage />} />',
            ROUTES_JSX.replace(b'    <Route path="usage" element={<Usage />} />\n', b""),
        ),
        (
            ROUTES_JSX[
                ROUTES_JSX.index(b'<Route path="/admin"') : ROUTES_JSX.index(b"</Route>") + 8
            ].decode(),
            src("""
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/test" element={<TestPage />} />
        </Routes>
    """),
        ),
    ],
)
def test_remove_route_jsx(snippet, expected):
    assert apply_edits(ROUTES_JSX, E.remove_route(ROUTES_JSX, "tsx", at(ROUTES_JSX, snippet))) == expected


ROUTES_OBJ = src("""
    const router = createBrowserRouter([
      { path: "/", element: <Home /> },
      {
        path: "/test",
        element: <TestPage />,
      },
      { path: "/last", element: <Last /> }
    ]);
""")


def test_remove_route_objects():
    test_span = at(ROUTES_OBJ, '{\n    path: "/test",\n    element: <TestPage />,\n  }')
    assert apply_edits(ROUTES_OBJ, E.remove_route(ROUTES_OBJ, "tsx", test_span)) == src("""
        const router = createBrowserRouter([
          { path: "/", element: <Home /> },
          { path: "/last", element: <Last /> }
        ]);
    """)
    last = at(ROUTES_OBJ, '{ path: "/last", element: <Last /> }')
    assert apply_edits(ROUTES_OBJ, E.remove_route(ROUTES_OBJ, "tsx", last)) == src("""
        const router = createBrowserRouter([
          { path: "/", element: <Home /> },
          {
            path: "/test",
            element: <TestPage />,
          }
        ]);
    """)


def test_remove_route_refuses_what_is_not_a_route():
    data = b'const a = { path: "/x" };\nconst b = [{ label: "x" }];\nconst c = <Other />;\n'
    with pytest.raises(EditRefused, match="not an entry of an array"):
        E.remove_route(data, "tsx", at(data, '{ path: "/x" }'))
    with pytest.raises(EditRefused, match="not a route object"):
        E.remove_route(data, "tsx", at(data, '{ label: "x" }'))
    with pytest.raises(EditRefused, match="not a <Route>"):
        E.remove_route(data, "tsx", at(data, "<Other />"))
    with pytest.raises(EditRefused, match="no route element"):
        E.remove_route(data, "tsx", (3, 9))


def test_remove_route_v7_calls_and_spreads():
    data = src("""
        export default [
          index("routes/home.tsx"),
          route("test", "routes/test.tsx"),
          ...devRoutes,
        ] satisfies RouteConfig;
    """)
    out = apply_edits(data, E.remove_route(data, "typescript", at(data, 'route("test", "routes/test.tsx")')))
    assert out == data.replace(b'  route("test", "routes/test.tsx"),\n', b"")
    out = apply_edits(data, E.remove_route(data, "typescript", at(data, "...devRoutes")))
    assert out == data.replace(b"  ...devRoutes,\n", b"")


ARRAY_CASES = [
    ("same line middle", "[a, b, c]", "b", "[a, c]"),
    ("same line first", "[a, b, c]", "a", "[b, c]"),
    ("same line last", "[a, b, c]", "c", "[a, b]"),
    ("same line trailing comma", "[a, b,]", "b", "[a,]"),
    ("single", "[a]", "a", "[]"),
    ("single spaced", "[ a ]", "a", "[]"),
    ("multi-line middle", "[\n  a,\n  b,\n  c,\n]", "b", "[\n  a,\n  c,\n]"),
    ("multi-line last trailing comma", "[\n  a,\n  b,\n]", "b", "[\n  a,\n]"),
    ("multi-line last no trailing comma", "[\n  a,\n  b\n]", "b", "[\n  a\n]"),
    ("multi-line single", "[\n  a,\n]", "a", "[]"),
    ("two per line", "[\n  a, b,\n  c,\n]", "b", "[\n  a,\n  c,\n]"),
    ("two per line first", "[\n  a, b,\n  c,\n]", "a", "[\n  b,\n  c,\n]"),
    ("bracket on the last line", "[\n  a,\n  b]", "b", "[\n  a]"),
    (
        "entry comment goes with it",
        "[\n  a,\n  // tab b\n  {\n    id: b,\n  },\n]",
        "{\n    id: b,\n  }",
        "[\n  a,\n]",
    ),
    ("trailing line comment", "[\n  a, // first\n  b, // second\n]", "b", "[\n  a, // first\n]"),
]


@pytest.mark.parametrize("label,array,entry,expected", ARRAY_CASES, ids=[c[0] for c in ARRAY_CASES])
def test_remove_array_entry(label, array, entry, expected):
    data = f"const tabs = {array};\n".encode()
    start = data.index(entry.encode(), data.index(b"["))
    span = (start, start + len(entry.encode()))
    assert (
        apply_edits(data, E.remove_array_entry(data, "tsx", span)) == f"const tabs = {expected};\n".encode()
    )


def test_remove_array_entry_refuses_non_entries():
    data = b"const x = { a: 1 };\n"
    with pytest.raises(EditRefused):
        E.remove_array_entry(data, "tsx", at(data, "{ a: 1 }"))


# ------------------------------------------------------------------------------ Python statements

PY_MAIN = src("""
    import os
    from app.api import budgets, users

    app = FastAPI()
    # budgets API
    app.include_router(budgets.router, prefix="/api")
    app.include_router(users.router)


    @app.get("/health")
    @cached
    def health():
        return {"ok": True}


    def main():
        if TYPE_CHECKING:
            import budgets
        return 1
""")


def test_remove_python_statement_include_router_with_its_comment():
    span = at(PY_MAIN, 'app.include_router(budgets.router, prefix="/api")')
    assert apply_edits(PY_MAIN, E.remove_python_statement(PY_MAIN, span)) == PY_MAIN.replace(
        b'# budgets API\napp.include_router(budgets.router, prefix="/api")\n', b""
    )


def test_remove_python_statement_decorated_function_and_blank_lines():
    span = at(PY_MAIN, '@app.get("/health")\n@cached\ndef health():\n    return {"ok": True}')
    assert apply_edits(PY_MAIN, E.remove_python_statement(PY_MAIN, span)) == PY_MAIN.replace(
        b'@app.get("/health")\n@cached\ndef health():\n    return {"ok": True}\n\n\n', b""
    )
    # the def's own span (without decorators) takes the decorators too
    span = at(PY_MAIN, 'def health():\n    return {"ok": True}')
    assert apply_edits(PY_MAIN, E.remove_python_statement(PY_MAIN, span)) == PY_MAIN.replace(
        b'@app.get("/health")\n@cached\ndef health():\n    return {"ok": True}\n\n\n', b""
    )


def test_remove_python_statement_leaves_pass_in_an_emptied_block():
    span = at(PY_MAIN, "import budgets", 1)
    assert apply_edits(PY_MAIN, E.remove_python_statement(PY_MAIN, span)) == PY_MAIN.replace(
        b"        import budgets\n", b"        pass\n"
    )
    data = b"if x: import y\nz = 1\n"
    assert apply_edits(data, E.remove_python_statement(data, at(data, "import y"))) == b"if x: pass\nz = 1\n"


def test_remove_python_statement_edges_of_file_and_semicolons():
    data = b"#!/usr/bin/env python\nimport os\n\nrun()\n"
    assert (
        apply_edits(data, E.remove_python_statement(data, at(data, "import os")))
        == b"#!/usr/bin/env python\n\nrun()\n"
    )
    data = b"import os\n\nrun()\n"
    assert apply_edits(data, E.remove_python_statement(data, at(data, "import os"))) == b"run()\n"
    data = b"import os\n\n\ndef f():\n    pass\n"
    assert (
        apply_edits(data, E.remove_python_statement(data, at(data, "def f():\n    pass"))) == b"import os\n"
    )
    data = b"import a; import b\n"
    assert apply_edits(data, E.remove_python_statement(data, at(data, "import a"))) == b"import b\n"
    assert apply_edits(data, E.remove_python_statement(data, at(data, "import b"))) == b"import a\n"


def test_remove_python_statement_refuses_parts_of_statements():
    data = b"x = app.include_router(r)\n"
    with pytest.raises(EditRefused, match="larger"):
        E.remove_python_statement(data, at(data, "app.include_router(r)"))
    with pytest.raises(EditRefused):
        E.remove_python_statement(data, (1, 3))


PY_IMPORT_CASES = [
    ("middle", "from x import a, b, c\n", {"b"}, "from x import a, c\n"),
    ("first", "from x import a, b, c\n", {"a"}, "from x import b, c\n"),
    ("last", "from x import a, b, c\n", {"c"}, "from x import a, b\n"),
    ("alias by name", "from x import a as A, b\n", {"a"}, "from x import b\n"),
    ("alias by alias", "from x import a, b as B\n", {"B"}, "from x import a\n"),
    ("all", "import os\nfrom x import a, b\nrun()\n", {"a", "b"}, "import os\nrun()\n"),
    (
        "parenthesised",
        "from x import (\n    a,\n    b,\n    c,\n)\n",
        {"b"},
        "from x import (\n    a,\n    c,\n)\n",
    ),
    (
        "parenthesised last, no comma",
        "from x import (\n    a,\n    b\n)\n",
        {"b"},
        "from x import (\n    a\n)\n",
    ),
    ("parenthesised one line", "from x import (a, b)\n", {"a"}, "from x import (b)\n"),
    ("plain import", "import a, b\n", {"a"}, "import b\n"),
    ("nothing", "from x import a\n", {"z"}, "from x import a\n"),
]


@pytest.mark.parametrize("label,code,names,expected", PY_IMPORT_CASES, ids=[c[0] for c in PY_IMPORT_CASES])
def test_remove_python_import_names(label, code, names, expected):
    data = code.encode()
    stmt = [
        n
        for n in parse("python", data).root_node.named_children
        if n.type in ("import_statement", "import_from_statement")
    ][-1]
    out = apply_edits(data, E.remove_python_import_names(data, (stmt.start_byte, stmt.end_byte), names))
    assert out == expected.encode()


# ------------------------------------------------------------------------------ flag ifs

FLAG_FN = src('''
    def setup(app):
        app.x = 0
        if settings.ALERTING_BACKEND == "grafana":
            # grafana only
            app.include_router(grafana.router)
            note = """
    kept as is
      inside the string"""

        elif settings.ALERTING_BACKEND == "both":
            app.include_router(both.router)
        else:
            app.include_router(native.router)  # native
        return app
''')


@pytest.mark.parametrize(
    "keep,expected",
    [
        (
            "body",
            src('''
        def setup(app):
            app.x = 0
            # grafana only
            app.include_router(grafana.router)
            note = """
        kept as is
          inside the string"""
            return app
    '''),
        ),
        (
            "else",
            src("""
        def setup(app):
            app.x = 0
            if settings.ALERTING_BACKEND == "both":
                app.include_router(both.router)
            else:
                app.include_router(native.router)  # native
            return app
    """),
        ),
        (
            "none",
            src("""
        def setup(app):
            app.x = 0
            return app
    """),
        ),
    ],
)
def test_simplify_python_if(keep, expected):
    node = next(
        n
        for n in parse("python", FLAG_FN).root_node.children[0].child_by_field_name("body").children
        if n.type == "if_statement"
    )
    assert (
        apply_edits(FLAG_FN, E.simplify_python_if(FLAG_FN, (node.start_byte, node.end_byte), keep))
        == expected
    )


def if_span(data: bytes) -> tuple[int, int]:
    stack = [parse("python", data).root_node]
    while stack:
        n = stack.pop()
        if n.type == "if_statement":
            return n.start_byte, n.end_byte
        stack.extend(reversed(n.children))
    raise AssertionError("no if")


@pytest.mark.parametrize(
    "code,keep,expected",
    [
        ("if A:\n    x = 1\nelse:\n    # why\n    y = 2\nz = 3\n", "else", "# why\ny = 2\nz = 3\n"),
        ("if A:\n    x = 1\nz = 3\n", "else", "z = 3\n"),
        ("def f():\n    if A:\n        x = 1\n", "none", "def f():\n    pass\n"),
        ("if A: x = 1\nelse: y = 2\n", "body", "x = 1\n"),
        ("if A: x = 1\nelse: y = 2\n", "else", "y = 2\n"),
        ("if A:\n    if B:\n        x = 1\n    y = 2\n", "body", "if B:\n    x = 1\ny = 2\n"),
        ("if A:\n    x = 1\nelif B:\n    y = 2\n", "else", "if B:\n    y = 2\n"),
        ("class C:\n\tif A:\n\t\tx = 1\n\telse:\n\t\ty = 2\n", "else", "class C:\n\ty = 2\n"),
    ],
)
def test_simplify_python_if_shapes(code, keep, expected):
    data = code.encode()
    assert apply_edits(data, E.simplify_python_if(data, if_span(data), keep)).decode() == expected


def test_simplify_python_if_refuses_a_wrong_span():
    data = b"x = 1\nif A:\n    y = 2\n"
    with pytest.raises(EditRefused):
        E.simplify_python_if(data, (0, 5), "body")


# ------------------------------------------------------------------------------ settings

SETTINGS = src("""
    class Settings(BaseSettings):
        API_V1_STR: str = "/api/v1"
        # grafana alerting
        GRAFANA_URL: str = Field(
            default="http://grafana",
            description="where grafana is",
        )

        ENABLE_BUDGETS: bool = False
        model_config = SettingsConfigDict(env_file=".env")


    class Other:
        ONLY: int = 1
""")


def test_remove_settings_field():
    out = apply_edits(SETTINGS, E.remove_settings_field(SETTINGS, "Settings", "GRAFANA_URL"))
    assert out == SETTINGS.replace(
        b"    # grafana alerting\n    GRAFANA_URL: str = Field(\n"
        b'        default="http://grafana",\n        description="where grafana is",\n'
        b"    )\n",
        b"",
    )
    out = apply_edits(SETTINGS, E.remove_settings_field(SETTINGS, "Settings", "enable_budgets"))
    assert out == SETTINGS.replace(b"    ENABLE_BUDGETS: bool = False\n", b"")
    out = apply_edits(SETTINGS, E.remove_settings_field(SETTINGS, "Other", "ONLY"))
    assert out == SETTINGS.replace(b"    ONLY: int = 1\n", b"    pass\n")
    assert E.remove_settings_field(SETTINGS, "Settings", "NOPE") == []
    assert E.remove_settings_field(SETTINGS, "Nope", "ONLY") == []


# ------------------------------------------------------------------------------ YAML, dotenv, compose, helm

VALUES = src("""
    # Default values for the chart.
    replicaCount: 1

    # -- Budgets feature
    budgets:
      enabled: false  # off in prod
      # limits per team
      limits:
        - a
        - b
      script: |
        echo hi

        echo bye
    image:
      repository: x
      tag: "1.0"
    # Database
    dbHost: db
    dbPort: 5432
    features:
      onlyChild: true
    list:
    - a
    - b
    "dotted.key": 2
""")


@pytest.mark.parametrize(
    "key,removed,replaced",
    [
        (
            "budgets",
            "# -- Budgets feature\nbudgets:\n  enabled: false  # off in prod\n"
            "  # limits per team\n  limits:\n    - a\n    - b\n  script: |\n    echo hi\n\n    echo bye\n",
            "",
        ),
        ("budgets.enabled", "  enabled: false  # off in prod\n", ""),
        ("budgets.limits", "  # limits per team\n  limits:\n    - a\n    - b\n", ""),
        ("budgets.script", "  script: |\n    echo hi\n\n    echo bye\n", ""),
        ("image.tag", '  tag: "1.0"\n', ""),
        ("dbHost", "dbHost: db\n", ""),  # "# Database" heads both keys: it stays
        ("list", "list:\n- a\n- b\n", ""),
        ("dotted.key", '"dotted.key": 2\n', ""),
        ("features.onlyChild", "features:\n  onlyChild: true\n", "features: {}\n"),
        ("replicaCount", "replicaCount: 1\n", ""),  # the file header stays
    ],
)
def test_remove_yaml_key(key, removed, replaced):
    out = apply_edits(VALUES, E.remove_yaml_key(VALUES, key))
    assert VALUES.count(removed.encode()) == 1
    assert out == VALUES.replace(removed.encode(), replaced.encode())


def test_remove_yaml_key_misses():
    for key in ("nope", "image.nope", "list.a", "budgets.limits.a"):
        assert E.remove_yaml_key(VALUES, key) == []


def test_remove_env_line():
    data = (
        b"# app\nDB_URL=postgres://x\n# budgets on/off\nENABLE_BUDGETS=false\n"
        b'\nexport KEY="multi\nline"\nLAST=1\n'
    )
    assert (
        apply_edits(data, E.remove_env_line(data, "ENABLE_BUDGETS"))
        == b'# app\nDB_URL=postgres://x\n\nexport KEY="multi\nline"\nLAST=1\n'
    )
    assert (
        apply_edits(data, E.remove_env_line(data, "KEY"))
        == b"# app\nDB_URL=postgres://x\n# budgets on/off\nENABLE_BUDGETS=false\n\nLAST=1\n"
    )
    assert E.remove_env_line(data, "ENABLE") == []


COMPOSE = src("""
    services:
      api:
        environment:
          DB_URL: postgres://x
          ENABLE_BUDGETS: "false"
          FOLDED: >
            text
        ports:
          - "80:80"
      worker:
        environment:
          - ENABLE_BUDGETS=false
          - "OTHER=1"
      solo:
        environment:
          - ENABLE_BUDGETS
        command: run
""")


def test_remove_compose_env():
    assert apply_edits(COMPOSE, E.remove_compose_env(COMPOSE, "ENABLE_BUDGETS")) == src("""
        services:
          api:
            environment:
              DB_URL: postgres://x
              FOLDED: >
                text
            ports:
              - "80:80"
          worker:
            environment:
              - "OTHER=1"
          solo:
            command: run
    """)
    assert apply_edits(COMPOSE, E.remove_compose_env(COMPOSE, "FOLDED")) == COMPOSE.replace(
        b"      FOLDED: >\n        text\n", b""
    )
    assert apply_edits(COMPOSE, E.remove_compose_env(COMPOSE, "OTHER")) == COMPOSE.replace(
        b'      - "OTHER=1"\n', b""
    )
    assert E.remove_compose_env(COMPOSE, "ports") == []


HELM = src("""
    spec:
      containers:
        - name: api
          ports:
            - name: http
          env:
            - name: DB_URL
              value: x
            {{- if .Values.budgets.enabled }}
            - name: ENABLE_BUDGETS
              value: "true"
            {{- end }}
            - name: SECRET
              valueFrom:
                secretKeyRef:
                  name: s
                  key: k
            - name: "LAST"
              value: "1"
""")


def test_remove_helm_env_entry():
    out = apply_edits(HELM, E.remove_helm_env_entry(HELM, "ENABLE_BUDGETS"))
    assert out == HELM.replace(
        b"        {{- if .Values.budgets.enabled }}\n        - name: ENABLE_BUDGETS\n"
        b'          value: "true"\n        {{- end }}\n',
        b"",
    )
    out = apply_edits(HELM, E.remove_helm_env_entry(HELM, "SECRET"))
    assert out == HELM.replace(
        b"        - name: SECRET\n          valueFrom:\n            secretKeyRef:\n"
        b"              name: s\n              key: k\n",
        b"",
    )
    out = apply_edits(HELM, E.remove_helm_env_entry(HELM, "LAST"))
    assert out == HELM.replace(b'        - name: "LAST"\n          value: "1"\n', b"")
    # ``- name:`` items outside an ``env:`` list are not env vars
    assert E.remove_helm_env_entry(HELM, "api") == [] and E.remove_helm_env_entry(HELM, "http") == []


# ------------------------------------------------------------------------------ bad input never raises


def test_bad_input_does_not_crash_name_based_primitives():
    junk = b"\xff\xfe\x00import { A } from 'x'\n<<<>>>\n:\n  - : -\n"
    assert E.remove_ts_import_names(junk, "tsx", "x", {"A"}) is not None
    assert E.remove_jsx_elements(junk, "tsx", "A") == []
    assert E.remove_yaml_key(junk, "a.b") == []
    assert E.remove_env_line(junk, "A") == []
    assert E.remove_compose_env(junk, "A") == []
    assert E.remove_helm_env_entry(junk, "A") == []
    assert E.remove_settings_field(junk, "S", "A") == []


# ------------------------------------------------------------------------------ properties


def changed_lines(old: bytes, new: bytes) -> set[int]:
    """0-based lines of ``old`` that are not kept verbatim (prefix/suffix alignment)."""
    a, b = old.split(b"\n"), new.split(b"\n")
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    return set(range(i, len(a) - j))


ELEMENT = st.sampled_from(["a", "b1", "{ id: 1 }", '"s"', "<Tab />", "fn(1, 2)", "{\n    x: 1,\n  }"])


@settings(max_examples=150, deadline=None)
@given(
    items=st.lists(ELEMENT, min_size=1, max_size=6),
    multi=st.booleans(),
    trailing=st.booleans(),
    pick=st.integers(min_value=0, max_value=5),
)
def test_property_remove_array_entry(items, multi, trailing, pick):
    pick %= len(items)
    if multi:
        body = "".join(f"\n  {it}," for it in items)
        body = (body if trailing else body[:-1]) + "\n"
    else:
        body = ", ".join(items) + ("," if trailing else "")
    data = f"const before = 1;\nconst tabs = [{body}];\nconst after = 2;\n".encode()
    array = parse("tsx", data).root_node.children[1].named_children[0].child_by_field_name("value")
    elems = [c for c in array.named_children if c.type != "comment"]
    target = elems[pick]
    out = apply_edits(data, E.remove_array_entry(data, "tsx", (target.start_byte, target.end_byte)))
    assert errors("tsx", out) == errors("tsx", data) == 0
    new_array = parse("tsx", out).root_node.children[1].named_children[0].child_by_field_name("value")
    assert [c.text for c in new_array.named_children] == [c.text for i, c in enumerate(elems) if i != pick]
    # only the lines from the previous entry's line to the array's end can change
    first = elems[pick - 1].start_point[0] if pick else array.start_point[0]
    assert changed_lines(data, out) <= set(range(first, array.end_point[0] + 1))
    assert out.startswith(b"const before = 1;\n") and out.endswith(b"];\nconst after = 2;\n")


NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Eps"]


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True),
    default=st.booleans(),
    multi=st.booleans(),
    trailing=st.booleans(),
    data=st.data(),
)
def test_property_remove_ts_import_names(names, default, multi, trailing, data):
    drop = set(data.draw(st.lists(st.sampled_from(names + (["Def"] if default else [])), unique=True)))
    if multi:
        inner = "{" + "".join(f"\n  {n}," for n in names)
        inner = (inner if trailing else inner[:-1]) + "\n}"
    else:
        inner = "{ " + ", ".join(names) + (", " if trailing else " ") + "}"
    clause = ("Def, " if default else "") + inner
    code = f'import keep from "k";\nimport {clause} from "./x";\n\nexport const v = 1;\n'.encode()
    out = apply_edits(code, E.remove_ts_import_names(code, "typescript", "./x", drop))
    assert errors("typescript", out) == 0
    left = [n for n in names if n not in drop] + (["Def"] if default and "Def" not in drop else [])
    stmts = [s for s in parse("typescript", out).root_node.children if s.type == "import_statement"]
    if not left:
        assert len(stmts) == 1 and out == b'import keep from "k";\n\nexport const v = 1;\n'
        return
    bound = sorted(n.text.decode() for n in _walk(stmts[1]) if n.type == "identifier")
    assert bound == sorted(left)
    assert out.startswith(b'import keep from "k";\nimport ') and out.endswith(
        b'from "./x";\n\nexport const v = 1;\n'
    )


def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)


KEYS = st.sampled_from(["alpha", "beta", "gamma", "delta"])
SCALARS = st.sampled_from(["1", "true", '"text"', "null", "x y"])


def yaml_tree(depth: int):
    leaf = SCALARS
    if depth == 0:
        return st.dictionaries(KEYS, leaf, min_size=1, max_size=3)
    return st.dictionaries(KEYS, st.one_of(leaf, yaml_tree(depth - 1)), min_size=1, max_size=3)


def render(tree: dict, indent: int, comments: bool, out: list[str], path: str = "") -> None:
    for key, value in tree.items():
        if comments:
            out.append(" " * indent + f"# about {path}{key}")
        if isinstance(value, dict):
            out.append(" " * indent + f"{key}:")
            render(value, indent + 2, comments, out, f"{path}{key}.")
        else:
            out.append(" " * indent + f"{key}: {value}")


def paths(tree: dict, prefix: str = ""):
    for key, value in tree.items():
        yield prefix + key
        if isinstance(value, dict):
            yield from paths(value, prefix + key + ".")


@settings(max_examples=150, deadline=None)
@given(tree=yaml_tree(2), comments=st.booleans(), data=st.data())
def test_property_remove_yaml_key(tree, comments, data):
    lines: list[str] = ["# header", "top: 0"]
    render(tree, 0, comments, lines)
    text = ("\n".join(lines) + "\n").encode()
    key = data.draw(st.sampled_from(sorted(paths(tree))))
    out = apply_edits(text, E.remove_yaml_key(text, key))
    loader = YAML(typ="safe")
    before = loader.load(io.BytesIO(text))
    after = loader.load(io.BytesIO(out))
    *parents, last = key.split(".")
    node = before
    for p in parents:
        node = node[p]
    del node[last]
    # an emptied parent mapping becomes {} (not null)
    assert after == before
    # every line that stays is byte-identical, and in order
    kept = out.split(b"\n")
    it = iter(text.split(b"\n"))
    for line in kept:
        if line.endswith(b": {}"):
            continue
        assert any(line == old for old in it)
    assert f"# about {key}".encode() not in out if comments else True


TABS = src("""
    // Internal component test bench. Not linked from the navigation.
    const TABS: TabDef[] = [
      { id: "favicon", label: "Favicon", render: () => <FaviconTester /> },
      { id: "schema", label: "Schema explorer", render: () => <SchemaExplorer tables={T} /> },
      {
        id: "streaming",
        render: () => (
          <FaviconTester mode="stream" />
        ),
      },
    ];
    const routes = [{ path: "/fav", element: <FaviconTester /> }];
""")


def test_remove_jsx_elements_array_entries():
    data = TABS[: TABS.index(b"const routes")]
    with pytest.raises(EditRefused, match="arrow function"):
        E.remove_jsx_elements(data, "tsx", "FaviconTester")
    out = apply_edits(data, E.remove_jsx_elements(data, "tsx", "FaviconTester", array_entries=True))
    assert out == src("""
        // Internal component test bench. Not linked from the navigation.
        const TABS: TabDef[] = [
          { id: "schema", label: "Schema explorer", render: () => <SchemaExplorer tables={T} /> },
        ];
    """)
    # a route object is cut by remove_route, never as a plain entry
    with pytest.raises(EditRefused, match="route"):
        E.remove_jsx_elements(TABS, "tsx", "FaviconTester", array_entries=True)


def test_crlf_files_keep_crlf():
    data = b"def f():\r\n    import x\r\n\r\ny = 1\r\n"
    assert (
        apply_edits(data, E.remove_python_statement(data, at(data, "import x")))
        == b"def f():\r\n    pass\r\n\r\ny = 1\r\n"
    )
    data = b"a:\r\n  b: 1\r\nc: 2\r\n"
    assert apply_edits(data, E.remove_yaml_key(data, "a.b")) == b"a: {}\r\nc: 2\r\n"
    data = b"if A:\r\n    x = 1\r\nelse:\r\n    y = 2\r\n"
    assert apply_edits(data, E.simplify_python_if(data, if_span(data), "else")) == b"y = 2\r\n"


def test_remove_yaml_key_emptied_parent_with_anchor_or_comment():
    data = b"base: &base\n  only: 1\nother:  # note\n  only: 2\nz: 0\n"
    assert (
        apply_edits(data, E.remove_yaml_key(data, "base.only"))
        == b"base: &base\nother:  # note\n  only: 2\nz: 0\n"
    )
    assert (
        apply_edits(data, E.remove_yaml_key(data, "other.only"))
        == b"base: &base\n  only: 1\nother: {}  # note\nz: 0\n"
    )
