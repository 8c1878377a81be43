"""Python module resolution on tiny in-memory file sets: one idiom per test, with its failure case."""

import random

from deadcode.graph.resolve_python import PythonResolver, detect_python_roots

# ----------------------------------------------------------------------------- root detection


def test_roots_parent_of_top_level_package():
    files = ["backend/app/__init__.py", "backend/app/main.py", "backend/app/api/__init__.py"]
    assert detect_python_roots(files) == ("backend",)


def test_roots_src_layout_and_repo_root_most_specific_first():
    files = [
        "lib/src/tool.py",  # src folder of plain modules
        "lib/src/helpers.py",
        "backend/src/svc/__init__.py",  # src layout with a package
        "pkg/__init__.py",  # top-level package at the repo root
        "main.py",
    ]
    assert detect_python_roots(files) == ("backend/src", "lib/src", "")


def test_roots_ignore_tooling_only_top_level_and_non_identifier_packages():
    files = ["setup.py", "conftest.py", "my-tools/__init__.py", "backend/app/__init__.py"]
    assert detect_python_roots(files) == ("backend",)


def test_roots_repo_root_needs_modules_that_can_import_each_other():
    assert detect_python_roots(["main.py"]) == ()
    assert detect_python_roots(["main.py", "util.py"]) == ("",)
    assert detect_python_roots(["main.py", "routers/users.py"]) == ("",)


def test_roots_nested_package_does_not_add_its_parent():
    files = ["backend/app/__init__.py", "backend/app/services/__init__.py", "backend/app/services/x.py"]
    assert detect_python_roots(files) == ("backend",)


# ----------------------------------------------------------------------------- absolute imports

APP = [
    "backend/app/__init__.py",
    "backend/app/main.py",
    "backend/app/config.py",
    "backend/app/services/__init__.py",
    "backend/app/services/grafana/__init__.py",
    "backend/app/services/grafana/client.py",
    "backend/app/services/alerts.py",
    "backend/tests/test_main.py",
]


def test_absolute_module_and_package():
    r = PythonResolver(APP, ["backend"])
    assert r.resolve("app.config", "backend/app/main.py") == "backend/app/config.py"
    assert r.resolve("app.services", "backend/app/main.py") == "backend/app/services/__init__.py"
    assert r.resolve("app.services.grafana.client", "x.py") == "backend/app/services/grafana/client.py"


def test_absolute_missing_or_third_party_is_none():
    r = PythonResolver(APP, ["backend"])
    assert r.resolve("app.nope", "backend/app/main.py") is None
    assert r.resolve("fastapi", "backend/app/main.py") is None
    assert r.resolve("app..config", "backend/app/main.py") is None
    assert r.resolve("", "backend/app/main.py") is None


def test_roots_tried_in_order():
    files = ["a/util.py", "b/util.py", "b/only_b.py"]
    r = PythonResolver(files, ["a", "b"], importer_dirs=False)
    assert r.resolve("util", "c/x.py") == "a/util.py"
    assert r.resolve("only_b", "c/x.py") == "b/only_b.py"
    assert PythonResolver(files, ["b", "a"], importer_dirs=False).resolve("util", "c/x.py") == "b/util.py"


def test_package_beats_module_and_module_beats_namespace_folder():
    files = ["r/pkg/__init__.py", "r/pkg.py", "r/mod.py", "r/mod/sub.py"]
    r = PythonResolver(files, ["r"])
    assert r.resolve("pkg", "r/x.py") == "r/pkg/__init__.py"
    assert r.resolve("mod", "r/x.py") == "r/mod.py"
    # mod.py shadows the namespace folder: mod.sub is not importable, "sub" is an attribute.
    assert r.resolve_from("mod", "sub", "r/x.py") is None


def test_namespace_package_itself_is_none_but_submodules_resolve():
    files = ["src/ns/a.py", "src/ns/inner/b.py", "src/main.py"]
    r = PythonResolver(files, ["src"])
    assert r.resolve("ns", "src/main.py") is None
    assert r.resolve("ns.a", "src/main.py") == "src/ns/a.py"
    assert r.resolve("ns.inner.b", "src/main.py") == "src/ns/inner/b.py"
    assert r.resolve_from("ns", "a", "src/main.py") == "src/ns/a.py"
    assert r.resolve_from("ns.inner", "b", "src/main.py") == "src/ns/inner/b.py"
    assert r.resolve_from("ns", "missing", "src/main.py") is None


def test_namespace_portions_across_roots_merge():
    files = ["one/ns/a.py", "two/ns/b.py"]
    r = PythonResolver(files, ["one", "two"])
    assert r.resolve("ns.b", "x.py") == "two/ns/b.py"
    assert r.resolve_from("ns", "b", "x.py") == "two/ns/b.py"
    assert r.package_files("ns") == ["one/ns/a.py", "two/ns/b.py"]


def test_importer_base_folder_is_searched_after_roots():
    # A script folder with no packages: Python puts the script's folder on sys.path.
    files = ["tools/run.py", "tools/helpers.py", "tools/sub/deep.py", "backend/app/__init__.py"]
    r = PythonResolver(files, ["backend"])
    assert r.resolve("helpers", "tools/run.py") == "tools/helpers.py"
    # deep.py's folder is no package, so its ancestors are searched too.
    assert r.resolve("helpers", "tools/sub/deep.py") == "tools/helpers.py"
    assert PythonResolver(files, ["backend"], importer_dirs=False).resolve("helpers", "tools/run.py") is None


def test_importer_inside_package_does_not_search_package_folders():
    # In Python 3 "import utils" inside a package is absolute: services/utils.py is not it.
    files = [
        "backend/app/__init__.py",
        "backend/app/services/__init__.py",
        "backend/app/services/utils.py",
        "backend/app/services/x.py",
    ]
    r = PythonResolver(files, ["backend"])
    assert r.resolve("utils", "backend/app/services/x.py") is None


# ----------------------------------------------------------------------------- from-imports


def test_from_package_import_submodule_vs_symbol():
    r = PythonResolver(APP, ["backend"])
    imp = "backend/app/main.py"
    assert r.resolve_from("app.services", "grafana", imp) == "backend/app/services/grafana/__init__.py"
    assert r.resolve_from("app.services", "alerts", imp) == "backend/app/services/alerts.py"
    # a name the package defines (not a submodule): the caller uses it as a symbol of __init__.py
    assert r.resolve_from("app.services", "get_service", imp) is None
    # a plain module has no submodules: config.settings is a symbol of config.py
    assert r.resolve_from("app.config", "settings", imp) is None
    assert r.resolve_from("app.services", "*", imp) is None


# ----------------------------------------------------------------------------- relative imports


def test_relative_imports_against_importer_package():
    r = PythonResolver(APP, ["backend"])
    imp = "backend/app/services/grafana/client.py"
    assert r.resolve(".", imp) == "backend/app/services/grafana/__init__.py"
    assert r.resolve("..alerts", imp) == "backend/app/services/alerts.py"
    assert r.resolve("...config", imp) == "backend/app/config.py"
    assert r.resolve_from("..", "alerts", imp) == "backend/app/services/alerts.py"
    assert r.resolve_from("...", "services", imp) == "backend/app/services/__init__.py"
    # from an __init__.py the package is its own folder
    assert (
        r.resolve(".client", "backend/app/services/grafana/__init__.py")
        == "backend/app/services/grafana/client.py"
    )
    assert r.resolve(".missing", imp) is None


def test_relative_beyond_top_level_package_is_none():
    r = PythonResolver(APP, ["backend"])
    # backend/app is the top-level package: "...." from grafana/client.py names backend itself.
    assert r.resolve("....", "backend/app/services/grafana/client.py") is None
    assert r.resolve("..x", "backend/app/config.py") is None
    assert r.resolve(".....far", "backend/app/services/grafana/client.py") is None
    r0 = PythonResolver(["pkg/__init__.py", "pkg/mod.py", "top.py"], [""])
    assert r0.resolve("..", "pkg/mod.py") is None
    assert r0.resolve(".top", "top.py") is None


def test_relative_import_outside_any_root_resolves_by_path():
    files = ["scripts/lib/__init__.py", "scripts/lib/a.py", "scripts/lib/b.py"]
    r = PythonResolver(files, ["backend"])
    assert r.resolve(".b", "scripts/lib/a.py") == "scripts/lib/b.py"


# ----------------------------------------------------------------------------- names and packages


def test_module_name_uses_most_specific_root():
    files = APP + ["tools/x.py", "backend/my-dir/y.py"]
    r = PythonResolver(files, ["", "backend"])
    assert r.module_name("backend/app/services/grafana/__init__.py") == "app.services.grafana"
    assert r.module_name("backend/app/config.py") == "app.config"
    assert r.module_name("tools/x.py") == "tools.x"
    assert r.module_name("backend/my-dir/y.py") is None  # not importable
    assert r.module_name("not/analysed.py") is None
    assert PythonResolver(files, ["backend"]).module_name("tools/x.py") is None


def test_package_files_for_star_handling():
    r = PythonResolver(APP, ["backend"])
    assert r.package_files("app.services") == [
        "backend/app/services/__init__.py",
        "backend/app/services/alerts.py",
        "backend/app/services/grafana/__init__.py",
        "backend/app/services/grafana/client.py",
    ]
    assert r.package_files("app.config") == []
    assert r.package_files("nope") == []
    assert r.package_files(".grafana", "backend/app/services/x.py") == [
        "backend/app/services/grafana/__init__.py",
        "backend/app/services/grafana/client.py",
    ]


def test_non_python_files_are_ignored():
    r = PythonResolver(["r/a.py", "r/b.ts", "r/c.pyc"], ["r"])
    assert r.resolve("b", "r/a.py") is None
    assert r.resolve("c", "r/a.py") is None


# ----------------------------------------------------------------------------- the same package in two roots


def test_the_root_holding_the_importer_comes_first():
    # python_roots = ["backend", "services/api"], both with an `app` package: each project's
    # files import their own `app`, as Python run from that project would.
    files = [
        "backend/app/__init__.py",
        "backend/app/db.py",
        "backend/app/main.py",
        "services/api/app/__init__.py",
        "services/api/app/db.py",
        "services/api/app/main.py",
    ]
    r = PythonResolver(files, ["backend", "services/api"])
    assert r.resolve("app.db", "backend/app/main.py") == "backend/app/db.py"
    assert r.resolve("app.db", "services/api/app/main.py") == "services/api/app/db.py"
    assert r.ambiguous == {}


def test_a_module_in_two_roots_imported_from_outside_both_is_ambiguous():
    files = [
        "backend/app/__init__.py",
        "backend/app/db.py",
        "services/api/app/__init__.py",
        "services/api/app/db.py",
        "scripts/seed.py",
    ]
    r = PythonResolver(files, ["backend", "services/api"])
    assert r.resolve("app.db", "scripts/seed.py") == "backend/app/db.py"  # root order decides
    assert r.ambiguous["app.db"] == ("backend", "services/api", "scripts/seed.py")


def test_a_project_folder_is_on_the_path_of_its_own_files():
    # enterprise/ has its own pyproject.toml and is run from there: `from server.auth import x`
    files = [
        "enterprise/__init__.py",
        "enterprise/saas_server.py",
        "enterprise/server/__init__.py",
        "enterprise/server/auth.py",
        "openhands/__init__.py",
        "openhands/server/__init__.py",
        "openhands/server/app.py",
    ]
    r = PythonResolver(files, [""], projects=["enterprise"])
    assert r.resolve("server.auth", "enterprise/saas_server.py") == "enterprise/server/auth.py"
    assert r.resolve("openhands.server.app", "enterprise/saas_server.py") == "openhands/server/app.py"
    assert PythonResolver(files, [""]).resolve("server.auth", "enterprise/saas_server.py") is None


def test_scan_warns_when_two_roots_hold_what_a_file_outside_both_imports(tmp_path):
    from deadcode.pipeline import Options, load

    files = {
        "deadcode.toml": 'python_roots = ["backend", "services/api"]\n',
        "backend/app/__init__.py": "",
        "backend/app/db.py": "X = 1\n",
        "services/api/app/__init__.py": "",
        "services/api/app/db.py": "X = 2\n",
        "scripts/seed.py": "from app.db import X\n\nif __name__ == '__main__':\n    print(X)\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    loaded = load(Options(tmp_path, no_cache=True, quiet=True))
    loaded.verdicts()
    warning = next(w for w in loaded.warnings if w.startswith("python_roots:"))
    assert "app.db from scripts/seed.py (took backend/, also in services/api/)" in warning


def test_a_script_and_a_module_of_one_package_folder_resolve_apart_in_either_order():
    # `python tools/pkg/run.py` puts tools/pkg/ on sys.path: its `import helper` is the sibling;
    # lib.py of the same package folder is imported, not run: no sibling on its path
    files = ["tools/pkg/__init__.py", "tools/pkg/run.py", "tools/pkg/lib.py", "tools/pkg/helper.py"]
    for order in (["tools/pkg/run.py", "tools/pkg/lib.py"], ["tools/pkg/lib.py", "tools/pkg/run.py"]):
        r = PythonResolver(files, ["tools"], scripts=["tools/pkg/run.py"])
        got = {importer: r.resolve("helper", importer) for importer in order}
        assert got == {"tools/pkg/run.py": "tools/pkg/helper.py", "tools/pkg/lib.py": None}, order


def join(base: str, rest: str) -> str:
    return f"{base}/{rest}" if base and rest else base or rest


def _reference_find(r: PythonResolver, module: str, importer: str):
    """The lookup as one list of candidate folders tried in order (the resolver looks the roots'
    part up once per module and root order): what ``_find`` must equal."""
    stripped = module.lstrip(".")
    dots = len(module) - len(stripped)
    parts = stripped.split(".") if stripped else []
    if not all(p.isidentifier() for p in parts) or (not parts and not dots):
        return None, ()
    rest = "/".join(parts)
    folder = importer.rsplit("/", 1)[0] if "/" in importer else ""
    if dots:
        base = r._relative_base(dots, importer)
        candidates = [] if base is None else [join(base, rest)]
    else:
        bases = list(r._bases_for(folder))
        if r.importer_dirs:
            bases.extend(r._fallback_dirs(folder))
            d = folder
            if (f"{d}/__init__.py" if d else "__init__.py") in r.files and importer not in r.scripts:
                d = d.rsplit("/", 1)[0] if "/" in d else ""
            while d:
                if d not in bases:
                    bases.append(d)
                d = d.rsplit("/", 1)[0] if "/" in d else ""
        candidates = [join(b, rest) for b in bases]
    portions = []
    for base in candidates:
        found = r._file_at(base)
        if found:
            return found, ()
        if base in r.dirs:
            portions.append(base)
    return None, tuple(dict.fromkeys(portions))


def test_lookups_in_any_order_equal_one_candidate_list_tried_in_order():
    rng = random.Random(11)
    names = ["app", "core", "api", "utils", "models", "pkg", "tools"]
    for trial in range(60):
        files = set()
        for _ in range(rng.randint(5, 40)):
            depth = rng.randint(1, 4)
            parts = [rng.choice(["src", "backend", "svc", *names]) for _ in range(depth)]
            files.add("/".join(parts) + "/" + rng.choice([*names, "__init__", "main"]) + ".py")
        files = sorted(files)
        roots = rng.sample(["", "src", "backend", "svc/app"], rng.randint(0, 2))
        scripts = rng.sample(files, min(len(files), rng.randint(0, 3)))
        projects = rng.sample(["backend", "svc", ""], rng.randint(0, 2))
        importer_dirs = rng.random() < 0.8
        shared = PythonResolver(files, roots, importer_dirs=importer_dirs, scripts=scripts, projects=projects)
        for _ in range(80):
            module = rng.choice(
                [
                    ".".join(rng.choice(names) for _ in range(rng.randint(1, 3))),
                    "." * rng.randint(1, 3) + rng.choice(["", *names]),
                    "1bad.name",
                ]
            )
            importer = rng.choice(files)
            fresh = PythonResolver(
                files, roots, importer_dirs=importer_dirs, scripts=scripts, projects=projects
            )
            expected = _reference_find(fresh, module, importer)
            assert shared._find(module, importer) == expected, (trial, module, importer, roots)
