"""The pieces verification is made of: the cuts it adds (edit primitives), the names it reads
from Python modules, pyflakes as a diff, esbuild's errors as keys."""

from __future__ import annotations

import pytest

from deadcode.plan import edits as E
from deadcode.plan.bundle import error_keys, package_dir
from deadcode.plan.second_opinion import new_problems
from deadcode.plan.verify import python_module_attributes, python_top_names


def apply(data: bytes, edits) -> bytes:
    return E.apply_edits(data, edits)


# ---------------------------------------------------------------------------------- edits


def test_a_dev_block_holding_an_import_goes_whole():
    src = b'start();\nif (import.meta.env.DEV) {\n  const { worker } = await import("./mocks");\n  worker.start();\n}\nrender();\n'
    pos = src.index(b"import(")
    assert apply(src, E.remove_dynamic_import_use(src, "typescript", pos)) == b"start();\nrender();\n"


def test_a_bare_dynamic_import_statement_goes():
    src = b'import("./polyfills").then(() => boot());\nboot2();\n'
    assert apply(src, E.remove_dynamic_import_use(src, "typescript", 0)) == b"boot2();\n"


def test_an_import_statement_of_its_own_goes_in_any_branch():
    src = b'if (flag) {\n  await import("./mocks");\n} else {\n  prod();\n}\n'
    assert (
        apply(src, E.remove_dynamic_import_use(src, "typescript", src.index(b"import(")))
        == b"if (flag) {\n} else {\n  prod();\n}\n"
    )


@pytest.mark.parametrize(
    "src",
    [
        b'const m = import.meta.env.DEV ? await import("./mocks") : null;\nm?.go();\n',
        b'start(await import("./mocks"));\n',
    ],
)
def test_a_dynamic_import_whose_value_is_used_is_refused(src):
    with pytest.raises(E.EditRefused):
        E.remove_dynamic_import_use(src, "typescript", src.index(b"import("))


def test_a_route_decorator_goes_and_the_function_stays():
    src = b'@router.get("/x")\n@cache\ndef x():\n    return 1\n'
    span = (0, len(src) - 1)
    assert (
        apply(src, E.remove_python_decorators(src, span, {'router.get("/x")'}))
        == b"@cache\ndef x():\n    return 1\n"
    )


def test_drop_the_export_keyword():
    src = b"export function f() {}\nexport const x = 1;\nexport default class C {}\n"
    out = src
    for name in ("f", "x", "C"):
        start = (
            out.index(b"export")
            if name == "f"
            else out.index(b"export", out.index(b"\n") if name == "x" else out.rindex(b"export"))
        )
        out = apply(out, E.drop_ts_export_keyword(out, "typescript", (start, start + 6)))
    assert out == b"function f() {}\nconst x = 1;\nclass C {}\n"
    with pytest.raises(E.EditRefused):
        E.drop_ts_export_keyword(b"const a = 1;\n", "typescript", (0, 5))


def test_remove_local_export_specifiers():
    src = b"const a = 1, b = 2;\nexport { a, b as c };\nexport { b };\n"
    assert (
        apply(src, E.remove_ts_export_specifiers(src, "typescript", {"c", "b"}))
        == b"const a = 1, b = 2;\nexport { a };\n"
    )


def test_uses_outside_a_declaration():
    src = b"export function f() { return f(); }\nexport const g = 1;\nconsole.log(g, o.f);\ntype T = typeof g;\n"
    decl_f = (0, src.index(b"\n"))
    decl_g = (src.index(b"export const"), src.index(b";\n", src.index(b"export const")) + 1)
    assert E.ts_uses_outside(src, "typescript", "f", decl_f) == 0  # recursion and o.f are not uses
    assert E.ts_uses_outside(src, "typescript", "g", decl_g) == 2


def test_a_jsx_element_takes_its_spacer():
    src = b'<p>\n  See <Link to="/">home</Link>{" "}\n  <Link to="/x">x</Link>\n</p>;\n'
    at = src.index(b'<Link to="/x"')
    out = apply(src, E.remove_jsx_element_at(src, "tsx", (at, at + 5)))
    assert out == b'<p>\n  See <Link to="/">home</Link>\n</p>;\n'
    src2 = b'<p>\n  <Link to="/x">x</Link>{" "}\n  <Link to="/">home</Link>\n</p>;\n'
    at = src2.index(b'<Link to="/x"')
    assert (
        apply(src2, E.remove_jsx_element_at(src2, "tsx", (at, at + 5)))
        == b'<p>\n  <Link to="/">home</Link>\n</p>;\n'
    )


def test_a_route_behind_a_dev_condition_goes_with_its_container():
    src = (
        b'<Routes>\n  <Route path="/" element={<Home />} />\n'
        b'  {import.meta.env.DEV && <Route path="/test" element={<TestPage />} />}\n</Routes>;\n'
    )
    start = src.index(b'<Route path="/test"')
    end = src.rindex(b"/>}") + 2
    assert (
        apply(src, E.remove_route(src, "tsx", (start, end)))
        == b'<Routes>\n  <Route path="/" element={<Home />} />\n</Routes>;\n'
    )


# ---------------------------------------------------------------------------------- Python names


def test_python_top_names_cover_every_module_level_binding():
    src = b"""
import os, a.b as ab
from x import y as z
from x import *
try:
    from fast import loads
except ImportError:
    loads = None
if os.name:
    Q = 1
for i in range(2):
    pass
with open("f") as fh:
    pass
def f(): inner = 1
class K: attr = 2
(w := 3)
"""
    names = python_top_names(src)
    assert {"os", "ab", "z", "loads", "Q", "i", "fh", "f", "K", "w"} <= names.names
    assert "inner" not in names.names and "attr" not in names.names
    assert names.stars == (("x", 0),) and not names.open
    assert python_top_names(b"def __getattr__(name): ...\n").open
    assert python_top_names(b"def (:\n").open


def test_python_attribute_chains():
    src = b"import a.b\nx = a.b.c.d()\ny = m.f\nz = obj().attr\n"
    assert sorted(python_module_attributes(src)) == [(("a", "b", "c", "d"), 2), (("m", "f"), 3)]


# ---------------------------------------------------------------------------------- pyflakes as a diff


def test_only_problems_the_step_created_count():
    before = b"import os\nimport json\n\n\ndef f():\n    return json.dumps({})\n"
    after = b"import os\nimport json\n\n\ndef g():\n    return 1\n"
    assert [(p.kind, p.name) for p in new_problems("m.py", before, after)] == [("UnusedImport", "json")]
    broken = b"import os\n\n\ndef g():\n    return json.dumps(1)\n"
    kinds = {(p.kind, p.name) for p in new_problems("m.py", before, broken)}
    assert ("UndefinedName", "json") in kinds and ("UnusedImport", "os") not in kinds
    assert [p.kind for p in new_problems("m.py", before, b"def (:\n")] == ["SyntaxError"]


# ---------------------------------------------------------------------------------- esbuild output


def test_esbuild_errors_are_keyed_without_lines():
    err = """✘ [ERROR] Could not resolve "./pages/TestPage"

    src/App.tsx:27:27:
      27 │ import TestPage from "./pages/TestPage";
         ╵                      ~~~~~~~~~~~~~~~~~~

✘ [ERROR] Expected ";" but found "}"

    src/main.tsx:3:0:
"""
    assert error_keys(err) == {
        ('Could not resolve "./pages/TestPage"', "src/App.tsx"),
        ('Expected ";" but found "}"', "src/main.tsx"),
    }


def test_an_entry_is_bundled_from_its_package():
    files = {"web/package.json", "web/src/main.tsx"}
    assert package_dir("web/src/main.tsx", files.__contains__) == "web"
    assert package_dir("src/main.tsx", {"tsconfig.json"}.__contains__) == ""
