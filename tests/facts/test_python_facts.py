"""Python per-file facts: one tiny source per idiom, and the look-alikes that must not match."""

from __future__ import annotations

import time
from textwrap import dedent

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from deadcode.facts.model import (
    Condition,
    HttpCall,
    PyApp,
    PyConst,
    PyDef,
    PyEndpoint,
    PyFacts,
    PyGuardedUse,
    PyImport,
    PyInclude,
    PyRead,
    PyRouter,
    PySettingField,
    PySettingsClass,
    Sub,
    Template,
)
from deadcode.facts.python import extract_python


def run(src: str | bytes) -> tuple[PyFacts, bool, tuple[str, ...]]:
    data = src if isinstance(src, bytes) else dedent(src).lstrip("\n").encode()
    return extract_python("m.py", data)


def facts(src: str | bytes) -> PyFacts:
    f, partial, problems = run(src)
    assert not partial, problems
    return f


def imports(src: str) -> list[PyImport]:
    return list(facts(src).imports)


def cond_of(src: str, module: str) -> tuple[Condition, ...]:
    """The conditions of the import of ``module`` in ``src``."""
    return next(i.conditions for i in imports(src) if i.module == module)


def source(src: str) -> bytes:
    return dedent(src).lstrip("\n").encode()


def span(src: str, fragment: str) -> tuple[int, int]:
    """The byte span of the first occurrence of ``fragment`` in the dedented ``src``."""
    data = source(src)
    start = data.index(fragment.encode())
    return (start, start + len(fragment.encode()))


def lit(text: str) -> Template:
    return Template((text,))


def sub(expr: str) -> Sub:
    return Sub(expr)


# ------------------------------------------------------------------------------------- imports


def test_plain_and_aliased_imports():
    src = "import a.b\nimport a.b as c, d\n"
    got = imports(src)
    assert got == [
        PyImport("a.b", (), None, 1, (0, 10)),
        PyImport("a.b", (), "c", 2, (11, 29)),
        PyImport("d", (), None, 2, (11, 29)),
    ]


def test_from_imports_relative_aliased_star_and_parenthesized():
    src = """
    from . import x
    from ..pkg import a as b, c
    from pkg import submodule
    from x import *
    from y import (
        p,
        q as r,
    )
    """
    got = [(i.module, i.names, i.alias, i.line) for i in imports(src)]
    assert got == [
        (".", ("x",), None, 1),
        ("..pkg", ("a as b", "c"), None, 2),
        ("pkg", ("submodule",), None, 3),
        ("x", ("*",), None, 4),
        ("y", ("p", "q as r"), None, 5),
    ]


def test_future_import_is_not_a_module_import():
    assert imports("from __future__ import annotations\n") == []


def test_import_span_is_the_statement():
    src = "x = 1\nfrom app import y\n"
    (imp,) = imports(src)
    assert src.encode()[imp.span[0] : imp.span[1]] == b"from app import y"


def test_imports_inside_functions_and_methods_name_the_top_level_def():
    src = """
    def handler():
        import json
        def inner():
            from a import b

    class Service:
        def run(self):
            import csv

    import os
    """
    got = {i.module: i.function for i in imports(src)}
    assert got == {"json": "handler", "a": "handler", "csv": "Service", "os": None}


def test_dynamic_imports_with_literals():
    src = """
    import importlib
    from importlib import import_module
    m = importlib.import_module("app.plugins.x")
    n = import_module(".local", package=__name__)
    o = importlib.import_module("..up", __package__)
    p = __import__("legacy.mod")
    """
    got = [(i.module, i.dynamic, i.line) for i in imports(src) if i.dynamic]
    assert got == [
        ("app.plugins.x", True, 3),
        (".local", True, 4),
        ("..up", True, 5),
        ("legacy.mod", True, 6),
    ]


def test_dynamic_imports_without_a_literal_are_not_imports():
    src = """
    import importlib
    m = importlib.import_module(name)
    n = importlib.import_module(f"app.{name}")
    o = loader.load_module("x")
    """
    assert [i.module for i in imports(src)] == ["importlib"]


def test_dynamic_import_span_is_the_call():
    src = 'x = __import__("a")\n'
    (imp,) = imports(src)
    assert src.encode()[imp.span[0] : imp.span[1]] == b'__import__("a")'


# ---------------------------------------------------------------------------------- conditions

# Indented like the sources it prefixes, so that dedent() of the sum works.
SETTINGS_IMPORT = "\n    from app.core.config import settings"


def test_condition_equality_and_inequality():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.ALERTING_BACKEND == "grafana":
        import grafana
    if settings.MODE != 'dev':
        import prod
    """
    )
    assert cond_of(src, "grafana") == (
        Condition("ALERTING_BACKEND", "==", ("grafana",), False, 'settings.ALERTING_BACKEND == "grafana"'),
    )
    assert cond_of(src, "prod") == (Condition("MODE", "!=", ("dev",), False, "settings.MODE != 'dev'"),)


def test_condition_literal_on_the_left():
    src = (
        SETTINGS_IMPORT
        + """
    if "grafana" == settings.ALERTING_BACKEND:
        import grafana
    """
    )
    (c,) = cond_of(src, "grafana")
    assert (c.name, c.op, c.values) == ("ALERTING_BACKEND", "==", ("grafana",))


def test_condition_membership_in_tuple_list_set_and_not_in():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.ALERTING_BACKEND in ("grafana", "both"):
        import a
    if settings.ALERTING_BACKEND in ["grafana"]:
        import b
    if settings.ALERTING_BACKEND in {"native"}:
        import c
    if settings.ALERTING_BACKEND not in ("native",):
        import d
    """
    )
    assert [(c.op, c.values) for m in "abcd" for c in cond_of(src, m)] == [
        ("in", ("grafana", "both")),
        ("in", ("grafana",)),
        ("in", ("native",)),
        ("not-in", ("native",)),
    ]


def test_condition_truthy_falsy_and_non_string_literals():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.ENABLE_BUDGETS:
        import a
    if not settings.ENABLE_BUDGETS:
        import b
    if settings.ENABLE_BUDGETS == True:
        import c
    if settings.WORKERS == 3:
        import d
    if settings.RATIO != -0.5:
        import e
    if settings.TOKEN == None:
        import f
    """
    )
    got = [(c.name, c.op, c.values) for m in "abcdef" for c in cond_of(src, m)]
    assert got == [
        ("ENABLE_BUDGETS", "truthy", ()),
        ("ENABLE_BUDGETS", "falsy", ()),
        ("ENABLE_BUDGETS", "==", (True,)),
        ("WORKERS", "==", (3,)),
        ("RATIO", "!=", (-0.5,)),
        ("TOKEN", "==", (None,)),
    ]


def test_condition_env_var_forms():
    src = """
    import os
    from os import getenv
    if os.getenv("FEEDBACK_TYPE") == "onprem":
        import a
    if os.environ.get("FEEDBACK_TYPE", "cloud") in ("onprem", "none"):
        import b
    if os.environ["DEBUG"]:
        import c
    if not getenv("DEBUG"):
        import d
    """
    got = [(c.name, c.op, c.values) for m in "abcd" for c in cond_of(src, m)]
    assert got == [
        ("FEEDBACK_TYPE", "==", ("onprem",)),
        ("FEEDBACK_TYPE", "in", ("onprem", "none")),
        ("DEBUG", "truthy", ()),
        ("DEBUG", "falsy", ()),
    ]


def test_condition_settings_receivers():
    src = """
    from app.core.config import settings as s, get_settings
    from app.core import config
    if s.A == "1":
        import a
    if get_settings().B == "1":
        import b
    if config.settings.C == "1":
        import c
    def f(self):
        if self.settings.D == "1":
            import d
    """
    assert [c.name for m in "abcd" for c in cond_of(src, m)] == ["A", "B", "C", "D"]


def test_condition_on_a_non_settings_receiver_is_unknown_without_a_name():
    src = """
    def view(request):
        if request.method == "GET":
            import a
    """
    assert cond_of(src, "a") == (Condition("", "unknown", (), False, 'request.method == "GET"'),)


def test_elif_negates_previous_tests_and_else_negates_all():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.BACKEND == "grafana":
        import a
    elif settings.BACKEND == "both":
        import b
    else:
        import c
    """
    )
    g = Condition("BACKEND", "==", ("grafana",), False, 'settings.BACKEND == "grafana"')
    b = Condition("BACKEND", "==", ("both",), False, 'settings.BACKEND == "both"')
    assert cond_of(src, "a") == (g,)
    assert cond_of(src, "b") == (Condition("BACKEND", "==", ("grafana",), True, g.text), b)
    assert cond_of(src, "c") == (
        Condition("BACKEND", "==", ("grafana",), True, g.text),
        Condition("BACKEND", "==", ("both",), True, b.text),
    )


def test_else_of_not_flips_the_falsy_test():
    src = (
        SETTINGS_IMPORT
        + """
    if not settings.X:
        pass
    else:
        import a
    """
    )
    assert cond_of(src, "a") == (Condition("X", "falsy", (), True, "not settings.X"),)


def test_nested_conditions_outermost_first():
    src = (
        SETTINGS_IMPORT
        + """
    def setup():
        if settings.A:
            if settings.B == "x":
                import inner
            import outer
    """
    )
    assert [(c.name, c.op) for c in cond_of(src, "inner")] == [("A", "truthy"), ("B", "==")]
    assert [(c.name, c.op) for c in cond_of(src, "outer")] == [("A", "truthy")]
    assert next(i.function for i in imports(src) if i.module == "inner") == "setup"


def test_and_gives_several_conditions():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.A and not settings.B and settings.C in ("x", "y"):
        import a
    """
    )
    assert [(c.name, c.op, c.values) for c in cond_of(src, "a")] == [
        ("A", "truthy", ()),
        ("B", "falsy", ()),
        ("C", "in", ("x", "y")),
    ]


def test_and_with_an_unmodelled_part_keeps_the_modelled_part():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.A == "x" and user.is_admin:
        import a
    """
    )
    assert [(c.name, c.op) for c in cond_of(src, "a")] == [("A", "=="), ("", "unknown")]


def test_or_is_unknown_with_the_single_flag_name():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.BACKEND == "grafana" or settings.BACKEND == "both":
        import a
    if settings.A or settings.B:
        import b
    """
    )
    assert cond_of(src, "a") == (
        Condition(
            "BACKEND", "unknown", (), False, 'settings.BACKEND == "grafana" or settings.BACKEND == "both"'
        ),
    )
    assert cond_of(src, "b") == (Condition("", "unknown", (), False, "settings.A or settings.B"),)


def test_not_of_a_comparison_is_negated_and_elif_after_and_is_unknown():
    src = (
        SETTINGS_IMPORT
        + """
    if not (settings.A == "x"):
        import a
    if settings.A and settings.B:
        pass
    elif settings.C:
        import c
    """
    )
    assert cond_of(src, "a") == (Condition("A", "==", ("x",), True, 'not (settings.A == "x")'),)
    assert cond_of(src, "c") == (
        Condition("", "unknown", (), True, "settings.A and settings.B"),
        Condition("C", "truthy", (), False, "settings.C"),
    )


def test_unmodelled_tests_on_one_flag_keep_its_name():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.BACKEND.lower() == "grafana":
        import a
    if settings.BACKEND is not None:
        import b
    if TYPE_CHECKING:
        import c
    """
    )
    assert [(c.name, c.op) for m in "abc" for c in cond_of(src, m)] == [
        ("BACKEND", "unknown"),
        ("BACKEND", "unknown"),
        ("", "unknown"),
    ]


def test_the_test_itself_is_not_under_its_condition():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.A == __import__("x").Y:
        pass
    """
    )
    assert cond_of(src, "x") == ()


# ---------------------------------------------------------------------------------- definitions


def test_top_level_definitions_with_spans_decorators_and_bases():
    src = """
    import functools

    @functools.cache
    @trace("x")
    def f(a, b=DEFAULT, *args, c: int = 1, **kw):
        return helper(a).value + a.b.c() + other.x

    async def g():
        await h()

    class C(Base, mixins.M, metaclass=Meta):
        field = make()
        def m(self):
            return inner_use(self)

    X: int = compute()
    a, (b, c) = pair()
    p = q = r
    """
    f = facts(src)
    by_name = {d.name: d for d in f.defs}
    assert [d.name for d in f.defs] == ["f", "g", "C", "X", "a", "b", "c", "p", "q"]
    data = dedent(src).lstrip("\n").encode()
    fd = by_name["f"]
    assert fd.kind == "function" and fd.line == 5
    text = data[fd.span[0] : fd.span[1]]
    assert text.startswith(b"@functools.cache") and text.endswith(b"other.x")
    assert fd.decorators == ("functools.cache", 'trace("x")')
    # decorators, defaults and annotations go when the definition goes: they are its uses
    assert fd.uses == ("DEFAULT", "functools", "helper", "int", "other", "trace")
    assert by_name["g"].kind == "function" and by_name["g"].uses == ("h",)
    cd = by_name["C"]
    assert cd.kind == "class" and cd.bases == ("Base", "mixins.M")
    assert cd.uses == ("Base", "Meta", "field", "inner_use", "make", "mixins", "self")
    assert by_name["X"].kind == "variable" and by_name["X"].uses == ("compute", "int")
    assert by_name["a"].uses == by_name["b"].uses == by_name["c"].uses == ("pair",)
    assert by_name["a"].span == by_name["c"].span
    assert by_name["p"].uses == ("r",)
    # they run at import time, but they belong to their definition: removing it removes them
    assert f.module_uses == ()


def test_def_facts_exactly():
    src = """
    @app.get("/x")
    def x(q=DEFAULT):
        return helper(q)

    class K(Base):
        attr = value

    N = compute()
    """
    f = facts(src)
    assert f.defs == (
        PyDef(
            "x",
            "function",
            2,
            span(src, '@app.get("/x")\ndef x(q=DEFAULT):\n    return helper(q)'),
            ('app.get("/x")',),
            ("DEFAULT", "app", "helper"),
        ),
        PyDef(
            "K",
            "class",
            5,
            span(src, "class K(Base):\n    attr = value"),
            (),
            ("Base", "attr", "value"),
            ("Base",),
        ),
        PyDef("N", "variable", 8, span(src, "N = compute()"), (), ("compute",)),
    )
    assert f.module_uses == ()


def test_defs_inside_module_level_blocks_are_top_level():
    src = """
    try:
        from fast import loads
    except ImportError:
        def loads(s):
            return slow(s)
    if DEBUG:
        class Dev:
            pass
    """
    f = facts(src)
    assert [(d.name, d.kind) for d in f.defs] == [("loads", "function"), ("Dev", "class")]
    assert f.defs[0].uses == ("slow",)
    assert "slow" not in f.module_uses and {"DEBUG", "ImportError"} <= set(f.module_uses)


def test_route_decorator_belongs_to_its_handler():
    src = """
    from fastapi import APIRouter
    router = APIRouter()

    @router.get("/x")
    def x():
        return service.run()
    """
    f = facts(src)
    assert "router" not in f.module_uses and "service" not in f.module_uses
    assert next(d for d in f.defs if d.name == "x").uses == ("router", "service")
    assert next(d for d in f.defs if d.name == "router").uses == ("APIRouter",)


def test_attribute_and_subscript_targets_are_not_defs():
    src = """
    app.state.x = 1
    registry["k"] = handler
    counter += 1
    """
    f = facts(src)
    assert f.defs == ()
    assert set(f.module_uses) == {"app", "registry", "handler", "counter"}


# ---------------------------------------------------------------------------------- templates


def test_string_templates():
    src = r'''
    A = "plain"
    B = 'single'
    C = r"raw\d"
    D = b"bytes"
    E = u"uni"
    F = """triple"""
    G = "tab\there"
    H = f"{settings.API_V1_STR}/users/{user_id!r}"
    I = f"{{literal}}/{x}"
    J = "a" + PREFIX + "/b"
    K = "imp" 'licit'
    L = f"/x/{a:>{w}}"
    '''
    consts = {c.name: c.value for c in facts(src).consts}
    assert consts == {
        "A": lit("plain"),
        "B": lit("single"),
        "C": lit("raw\\d"),
        "D": lit("bytes"),
        "E": lit("uni"),
        "F": lit("triple"),
        "G": lit("tab\there"),
        "H": Template((sub("settings.API_V1_STR"), "/users/", sub("user_id"))),
        "I": Template(("{literal}/", sub("x"))),
        "J": Template(("a", sub("PREFIX"), "/b")),
        "K": lit("implicit"),
        "L": Template(("/x/", sub("a"))),
    }


def test_consts_are_module_level_strings_only():
    src = """
    API_PREFIX = "/api/v0_1"
    URL = f"{API_PREFIX}/users"
    N = 3
    CALL = build("/x")
    ALIAS = OTHER
    def f():
        LOCAL = "/x"
    """
    assert facts(src).consts == (
        PyConst("API_PREFIX", lit("/api/v0_1"), 1),
        PyConst("URL", Template((sub("API_PREFIX"), "/users")), 2),
    )


# ---------------------------------------------------------------------------------- FastAPI


def test_apps_and_routers():
    src = """
    import fastapi
    from fastapi import APIRouter, FastAPI
    app = FastAPI(title="x")
    admin: FastAPI = fastapi.FastAPI(root_path="/admin")
    router = APIRouter(prefix="/users", tags=["u"])
    bare = APIRouter()
    v1 = fastapi.APIRouter(prefix=settings.API_V1_STR)
    v2 = APIRouter(prefix=f"{API}/v2")
    """
    f = facts(src)
    assert f.apps == (PyApp("app", 3), PyApp("admin", 4, lit("/admin")))
    assert f.routers == (
        PyRouter("router", lit("/users"), 5),
        PyRouter("bare", None, 6),
        PyRouter("v1", Template((sub("settings.API_V1_STR"),)), 7),
        PyRouter("v2", Template((sub("API"), "/v2")), 8),
    )


def test_not_an_app_or_router():
    src = """
    app = make_app()
    router = OtherRouter(prefix="/x")
    self.app = FastAPI()
    """
    f = facts(src)
    assert f.apps == () and f.routers == ()


def test_route_decorators_one_endpoint_per_method():
    src = """
    @router.get("/items/{item_id}")
    async def read_item(item_id: int):
        pass

    @router.post("/items", status_code=201)
    @router.put("/items")
    def write_item():
        pass

    @app.api_route("/both", methods=["GET", "post"])
    def both():
        pass

    @app.api_route("/default")
    def default():
        pass

    @router.websocket("/ws")
    async def ws(websocket):
        pass

    @router.delete(path="/items/{id}")
    def remove(id):
        pass

    @router.get("")
    def root():
        pass
    """
    f = facts(src)
    got = [(e.owner, e.method, e.path, e.handler, e.line) for e in f.endpoints]
    assert got == [
        ("router", "GET", lit("/items/{item_id}"), "read_item", 1),
        ("router", "POST", lit("/items"), "write_item", 5),
        ("router", "PUT", lit("/items"), "write_item", 6),
        ("app", "GET", lit("/both"), "both", 10),
        ("app", "POST", lit("/both"), "both", 10),
        ("app", "GET", lit("/default"), "default", 14),
        ("router", "WEBSOCKET", lit("/ws"), "ws", 18),
        ("router", "DELETE", lit("/items/{id}"), "remove", 22),
        ("router", "GET", Template(()), "root", 26),
    ]
    data = dedent(src).lstrip("\n").encode()
    write = [e for e in f.endpoints if e.handler == "write_item"]
    assert write[0].span == write[1].span
    assert data[write[0].span[0] : write[0].span[1]].startswith(b'@router.post("/items", status_code=201)')
    assert f.http_calls == ()


def test_endpoint_facts_exactly():
    src = """
    @router.get("/a")
    @router.post("/a")
    async def a(): pass
    router.add_api_route("/b", b, methods=["PUT"])
    """
    stacked = span(src, '@router.get("/a")\n@router.post("/a")\nasync def a(): pass')
    statement = span(src, 'router.add_api_route("/b", b, methods=["PUT"])')
    assert facts(src).endpoints == (
        PyEndpoint("router", "GET", lit("/a"), "a", 1, stacked),
        PyEndpoint("router", "POST", lit("/a"), "a", 2, stacked),
        PyEndpoint("router", "PUT", lit("/b"), "b", 4, statement),
    )


def test_route_paths_from_names_fstrings_and_concatenation():
    src = """
    @router.get(USERS)
    def a(): pass
    @router.get(f"{BASE}/x/{{id}}")
    def b(): pass
    @router.get("/p" + SUFFIX)
    def c(): pass
    """
    assert [e.path for e in facts(src).endpoints] == [
        Template((sub("USERS"),)),
        Template((sub("BASE"), "/x/{id}")),
        Template(("/p", sub("SUFFIX"))),
    ]


def test_route_look_alikes_are_not_endpoints():
    src = """
    @cache.get("user-key")
    def cached(): pass

    @router.get("/x")
    class NotAFunction: pass

    @functools.lru_cache()
    def plain(): pass

    value = cache.get("x")
    router.get
    """
    f = facts(src)
    assert f.endpoints == ()
    assert f.http_calls == ()


def test_conditional_endpoint():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.ENABLE_X:
        @router.get("/x")
        def x(): pass
    """
    )
    (e,) = facts(src).endpoints
    assert e.conditions == (Condition("ENABLE_X", "truthy", (), False, "settings.ENABLE_X"),)


def test_add_api_route():
    src = """
    router.add_api_route("/health", health, methods=["GET", "HEAD"])
    app.add_api_route(path="/x", endpoint=handlers.x)
    app.add_api_websocket_route("/ws", ws_handler)
    """
    f = facts(src)
    got = [(e.owner, e.method, e.path, e.handler, e.line) for e in f.endpoints]
    assert got == [
        ("router", "GET", lit("/health"), "health", 1),
        ("router", "HEAD", lit("/health"), "health", 1),
        ("app", "GET", lit("/x"), "", 2),
        ("app", "WEBSOCKET", lit("/ws"), "ws_handler", 3),
    ]
    data = (
        dedent("""
    router.add_api_route("/health", health, methods=["GET", "HEAD"])
    """)
        .lstrip("\n")
        .encode()
    )
    assert f.endpoints[0].span == (0, len(data) - 1)


def test_include_router():
    src = (
        SETTINGS_IMPORT
        + """
    from app.api import users, sysop_routes
    app.include_router(users.router, prefix=settings.API_V1_STR)
    api.include_router(router=sysop_routes.router)

    def create_app():
        if settings.ENABLE_SYSOP:
            app.include_router(sysop_routes.router, prefix=f"{API}/sysop", tags=["s"])
    """
    )
    f = facts(src)
    data = dedent(src).lstrip("\n").encode()
    a, b, c = f.includes
    assert (a.parent, a.child, a.prefix, a.line, a.function) == (
        "app",
        "users.router",
        Template((sub("settings.API_V1_STR"),)),
        3,
        None,
    )
    assert data[a.span[0] : a.span[1]] == b"app.include_router(users.router, prefix=settings.API_V1_STR)"
    assert (b.parent, b.child, b.prefix) == ("api", "sysop_routes.router", None)
    assert c == PyInclude(
        "app",
        "sysop_routes.router",
        Template((sub("API"), "/sysop")),
        8,
        span(src, 'app.include_router(sysop_routes.router, prefix=f"{API}/sysop", tags=["s"])'),
        (Condition("ENABLE_SYSOP", "truthy", (), False, "settings.ENABLE_SYSOP"),),
        "create_app",
    )


# ---------------------------------------------------------------------------------- settings


def test_settings_class_fields_defaults_aliases_and_prefix():
    src = """
    from pydantic import Field
    from pydantic_settings import BaseSettings, SettingsConfigDict
    from typing import ClassVar

    class Settings(BaseSettings):
        model_config = SettingsConfigDict(env_file=".env", env_prefix="APP_")
        API_V1_STR: str = "/api/v0_1"
        WORKERS: int = 4
        RATIO: float = 0.5
        ENABLE_BUDGETS: bool = False
        TOKEN: str | None = None
        REQUIRED: str
        GRAFANA_URL: str = Field("http://grafana", alias="GRAFANA_BASE_URL")
        KEY: str = Field(..., validation_alias="GRAFANA_API_KEY")
        OLD: str = Field(default="x", env="LEGACY_OLD")
        DB_URL: str = f"postgresql://{HOST}/db"
        HOSTS: list[str] = ["a"]
        VERSION: ClassVar[str] = "1"
        plain = "not a field"

        def method(self):
            return 1
    """
    f = facts(src)
    (cls,) = f.settings_classes
    assert (cls.name, cls.line, cls.env_prefix) == ("Settings", 5, "APP_")
    got = [(x.name, x.default, x.annotation, x.env, x.line) for x in cls.fields]
    assert got == [
        ("API_V1_STR", "/api/v0_1", "str", None, 7),
        ("WORKERS", 4, "int", None, 8),
        ("RATIO", 0.5, "float", None, 9),
        ("ENABLE_BUDGETS", False, "bool", None, 10),
        ("TOKEN", None, "str | None", None, 11),
        ("REQUIRED", None, "str", None, 12),
        ("GRAFANA_URL", "http://grafana", "str", "GRAFANA_BASE_URL", 13),
        ("KEY", None, "str", "GRAFANA_API_KEY", 14),
        ("OLD", "x", "str", "LEGACY_OLD", 15),
        ("DB_URL", Template(("postgresql://", sub("HOST"), "/db")), "str", None, 16),
        ("HOSTS", Template((sub('["a"]'),)), "list[str]", None, 17),
    ]
    data = dedent(src).lstrip("\n").encode()
    first = cls.fields[0]
    assert data[first.span[0] : first.span[1]] == b'API_V1_STR: str = "/api/v0_1"'


def test_settings_class_facts_exactly():
    src = """
    class Settings(BaseSettings):
        A: str = "x"
        B: bool = Field(True, env="APP_B")
    """
    assert facts(src).settings_classes == (
        PySettingsClass(
            "Settings",
            1,
            (
                PySettingField("A", "x", 2, span(src, 'A: str = "x"'), "str"),
                PySettingField(
                    "B", True, 3, span(src, 'B: bool = Field(True, env="APP_B")'), "bool", "APP_B"
                ),
            ),
        ),
    )


def test_settings_inner_config_dotted_base_and_local_subclass():
    src = """
    import pydantic_settings

    class Base(pydantic_settings.BaseSettings):
        A: str = "a"
        class Config:
            env_prefix = "MY_"

    class Settings(Base):
        B: int = 1

    class Model(BaseModel):
        C: int = 1
    """
    f = facts(src)
    assert [(c.name, c.env_prefix, [x.name for x in c.fields]) for c in f.settings_classes] == [
        ("Base", "MY_", ["A"]),
        ("Settings", "", ["B"]),
    ]


def test_settings_instances():
    src = """
    from functools import lru_cache
    from .config import Settings

    settings = Settings()
    other = make()

    @lru_cache
    def get_settings():
        return Settings()

    def helper():
        return Other()
    """
    assert facts(src).settings_instances == (("settings", "Settings"), ("get_settings()", "Settings"))


# ---------------------------------------------------------------------------------- reads


def test_setting_reads():
    src = """
    from app.core.config import settings as s
    from app.core import config
    from app.deps import get_settings
    cfg = Settings()

    def f(request, app_settings: Settings):
        a = s.A
        b = get_settings().B
        c = config.settings.C
        d = cfg.D
        e = self.settings.E
        g = getattr(s, "G")
        h = app_settings.H
        return foo.BAR + request.app.NOT
    """
    got = [(r.name, r.kind, r.line, r.function) for r in facts(src).reads]
    assert ("A", "setting", 7, "f") in got
    names = {r[0] for r in got}
    assert {"A", "B", "C", "D", "E", "G", "H"} <= names
    assert "BAR" not in names and "NOT" not in names


def test_setting_read_of_imported_settings_name_with_conditions():
    src = (
        SETTINGS_IMPORT
        + """
    if settings.ENABLE_X:
        url = settings.GRAFANA_URL
    """
    )
    reads = facts(src).reads
    assert reads == (
        PyRead("ENABLE_X", "setting", 2),
        PyRead(
            "GRAFANA_URL", "setting", 3, (Condition("ENABLE_X", "truthy", (), False, "settings.ENABLE_X"),)
        ),
    )


def test_settings_in_strings_and_comments_are_not_reads():
    src = (
        SETTINGS_IMPORT
        + """
    # settings.IN_COMMENT
    doc = "settings.IN_STRING"
    value = settings . SPACED
    """
    )
    assert [r.name for r in facts(src).reads] == ["SPACED"]


def test_settings_writes_are_not_reads():
    src = (
        SETTINGS_IMPORT
        + """
    settings.DEBUG = True
    os.environ["X"] = "1"
    """
    )
    assert facts(src).reads == ()


def test_env_reads():
    src = """
    import os
    from os import getenv, environ
    A = os.getenv("A")
    B = os.environ.get("B", "x")
    C = os.environ["C"]
    D = getenv("D")
    E = environ.get("E")
    F = os.getenv(name)
    G = d.get("G")
    """
    assert [(r.name, r.kind, r.line) for r in facts(src).reads] == [
        ("A", "env", 3),
        ("B", "env", 4),
        ("C", "env", 5),
        ("D", "env", 6),
        ("E", "env", 7),
    ]


# ---------------------------------------------------------------------------------- guarded uses


def test_guarded_uses_record_names_used_under_flag_conditions():
    src = (
        SETTINGS_IMPORT
        + """
    from app.services import grafana
    if settings.ALERTING_BACKEND == "grafana":
        init_grafana()
        grafana.setup(timeout)
    """
    )
    f = facts(src)
    c = (Condition("ALERTING_BACKEND", "==", ("grafana",), False, 'settings.ALERTING_BACKEND == "grafana"'),)
    assert f.guarded_uses == (
        PyGuardedUse("init_grafana", 4, c),
        PyGuardedUse("grafana", 5, c),
        PyGuardedUse("timeout", 5, c),
    )


def test_guarded_uses_inside_functions_and_not_under_plain_ifs():
    src = (
        SETTINGS_IMPORT
        + """
    def start():
        if settings.ENABLE_X:
            x_start()
        if ready:
            other()
    """
    )
    f = facts(src)
    assert [(u.name, u.function) for u in f.guarded_uses] == [("x_start", "start")]


# ---------------------------------------------------------------------------------- HTTP calls


def test_http_calls_from_scripts_and_tests():
    src = """
    import requests, httpx
    def test_users(client):
        client.get("/api/v0_1/users")
        client.post(f"/api/v0_1/users/{uid}", json={})
    requests.get(f"{BASE_URL}/health")
    httpx.delete("http://localhost:8000/x")
    requests.request("PATCH", "/api/x")
    session.request(method, "/api/y")
    client.websocket_connect("/ws")
    requests.put(url="/api/z")
    """
    got = [(c.method, c.url, c.callee, c.line, c.function) for c in facts(src).http_calls]
    assert got == [
        ("GET", lit("/api/v0_1/users"), "client.get", 3, "test_users"),
        ("POST", Template(("/api/v0_1/users/", sub("uid"))), "client.post", 4, "test_users"),
        ("GET", Template((sub("BASE_URL"), "/health")), "requests.get", 5, None),
        ("DELETE", lit("http://localhost:8000/x"), "httpx.delete", 6, None),
        ("PATCH", lit("/api/x"), "requests.request", 7, None),
        ("ANY", lit("/api/y"), "session.request", 8, None),
        ("WEBSOCKET", lit("/ws"), "client.websocket_connect", 9, None),
        ("PUT", lit("/api/z"), "requests.put", 10, None),
    ]


def test_http_call_facts_exactly():
    src = """
    if settings.SCRIPTS:
        requests.post(f"{BASE}/api/x", json={})
    """
    c = (Condition("SCRIPTS", "truthy", (), False, "settings.SCRIPTS"),)
    assert facts(src).http_calls == (
        HttpCall(
            "POST",
            Template((sub("BASE"), "/api/x")),
            "requests.post",
            2,
            span(src, 'requests.post(f"{BASE}/api/x", json={})'),
            False,
            None,
            c,
        ),
    )


def test_http_call_look_alikes():
    # A mapping lookup with a default, a non-path key and an opaque URL variable are not calls.
    # A one-argument ``.get("/x")`` IS recorded whatever the receiver: a spurious call can only
    # keep an endpoint alive, a missed one could delete a live endpoint.
    src = """
    a = d.get("/x", None)
    b = cache.get("key")
    c = requests.get(url)
    e = os.environ.get("/weird")
    f = d.get("/looks/like/a/path")
    """
    got = [(c.callee, c.url) for c in facts(src).http_calls]
    assert got == [("d.get", lit("/looks/like/a/path"))]


# ---------------------------------------------------------------------------------- module flags


def test_main_guard():
    assert facts('if __name__ == "__main__":\n    main()\n').has_main_guard
    assert facts("if '__main__' == __name__:\n    main()\n").has_main_guard
    assert not facts('if __name__ == "app":\n    main()\n').has_main_guard
    assert not facts('def f():\n    if __name__ == "__main__":\n        main()\n').has_main_guard


def test_all_names():
    assert facts('__all__ = ["a", "b"]\n').all_names == ("a", "b")
    assert facts("__all__ = ('a',)\n__all__ += ['c']\n").all_names == ("a", "c")
    assert facts("__all__ = [name for name in x]\n").all_names is None
    assert facts("x = 1\n").all_names is None


# ---------------------------------------------------------------------------------- bad input


def test_empty_file():
    f, partial, problems = run(b"")
    assert (f, partial, problems) == (PyFacts(), False, ())


def test_syntax_error_keeps_facts_before_and_after():
    src = (
        b"import before\n\ndef broken(:\n    pass\n\nimport after\n\n@router.get('/x')\ndef x():\n    pass\n"
    )
    f, partial, problems = run(src)
    assert partial
    assert problems == ("syntax error at line 3",)
    assert [i.module for i in f.imports] == ["before", "after"]
    assert [e.handler for e in f.endpoints] == ["x"]


def test_missing_token_is_a_syntax_error():
    f, partial, problems = run(b"import a\nx = (1,\nimport b\n")
    assert partial and problems and problems[0].startswith("syntax error at line ")
    assert "a" in [i.module for i in f.imports]


def test_non_utf8_bytes():
    src = b'# caf\xe9\nimport os\nNAME = "caf\xe9"\nif os.getenv("X") == "\xff":\n    import y\n'
    f, partial, problems = run(src)
    assert not partial
    assert [i.module for i in f.imports] == ["os", "y"]
    assert f.consts == (PyConst("NAME", lit("caf\ufffd"), 3),)
    assert f.imports[1].conditions[0].values == ("\ufffd",)


def test_binary_garbage_does_not_raise():
    f, partial, _ = run(bytes(range(256)) * 4)
    assert isinstance(f, PyFacts) and partial


@hsettings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(data):
    f, partial, problems = extract_python("fuzz.py", data)
    assert isinstance(f, PyFacts) and partial == bool(problems)


@hsettings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "import a\n",
                "from . import b\n",
                "if settings.X == 'y':\n",
                "    c()\n",
                "else:\n",
                "elif x:\n",
                "@router.get('/p')\n",
                "def f(a=1):\n",
                "    return settings.Y\n",
                "class S(BaseSettings):\n",
                "    A: str = Field('x', alias='B')\n",
                "(\n",
                ")\n",
                "'''\n",
                'f"{x\n',
                "try:\n",
                "except ImportError:\n",
            ]
        ),
        max_size=25,
    )
)
def test_any_mix_of_fragments_never_raises(lines):
    f, partial, problems = extract_python("mix.py", "".join(lines).encode())
    assert isinstance(f, PyFacts) and partial == bool(problems)


# ---------------------------------------------------------------------------------- speed


def _generated_module(functions: int) -> str:
    out = [
        "import os",
        "from fastapi import APIRouter, Depends",
        "from app.core.config import settings",
        "router = APIRouter(prefix='/x')",
        "",
    ]
    for i in range(functions):
        out += [
            f'@router.get("/items/{i}/{{item_id}}")',
            f"async def handler_{i}(item_id: int, db=Depends(get_db)):",
            f"    if settings.FLAG_{i % 5} == 'on':",
            f"        result = helper_{i}(item_id, db.query(Model).filter(Model.id == item_id).first())",
            "    else:",
            f"        result = {{'a': [x for x in range(10) if x % 2], 'b': os.getenv('ENV_{i}')}}",
            "    data = dict(name=result.get('a'), value=compute(result, item_id) + 3 * len(str(item_id)))",
            "    for k, v in data.items():",
            "        logger.info('%s=%s', k, v)",
            "    return {'id': item_id, 'result': result, 'path': f\"/items/{item_id}\"}",
            "",
            f"def helper_{i}(a, b):",
            f"    '''Docstring for helper {i}.'''",
            "    x = a.b.c(b) if b else None",
            f"    return x or settings.DEFAULT_{i}",
            "",
            "",
        ]
    return "\n".join(out) + "\n"


def test_speed_on_a_generated_2000_line_file(capsys):
    data = _generated_module(118).encode()
    lines = data.count(b"\n")
    extract_python("big.py", data)  # grammar and queries load once per process
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        f, partial, _ = extract_python("big.py", data)
        best = min(best, time.perf_counter() - start)
    assert not partial and len(f.endpoints) == 118 and len(f.defs) == 237
    with capsys.disabled():
        print(
            f"\n[python facts] {lines} lines in {best * 1000:.1f} ms "
            f"({best * 1000 * 1000 / lines:.1f} ms per 1,000 lines)"
        )


@pytest.mark.parametrize("src", ["x = 1\n", "pass\n", "\n\n\n", "# only a comment\n"])
def test_trivial_files_have_no_facts_but_defs(src):
    f = facts(src)
    assert (f.imports, f.endpoints, f.reads, f.http_calls) == ((), (), (), ())


def test_setting_reads_through_injected_parameters():
    src = """
    from typing import Annotated
    from fastapi import Depends
    from app.deps import provide

    def a(cfg=Depends(get_settings)):
        return cfg.A

    def b(conf: Annotated[AppSettings, Depends(provide)]):
        return conf.B

    def c(opts=Depends(provide)):
        return opts.C
    """
    assert [r.name for r in facts(src).reads] == ["A", "B"]


def test_settings_class_reads_of_its_own_fields():
    src = """
    class Settings(BaseSettings):
        POSTGRES_USER: str = "app"
        POSTGRES_HOST: str = "db"
        DB_URL: str = f"postgresql://{POSTGRES_USER}@host"
        MODE: str = "a"
        UNUSED: str = "u"

        @property
        def host(self) -> str:
            return self.POSTGRES_HOST

        @field_validator("MODE")
        @classmethod
        def check(cls, v, info):
            return info.data.get("UNUSED_NOT_A_FIELD", v)
    """
    reads = [(r.name, r.line, r.function) for r in facts(src).reads]
    assert reads == [
        ("POSTGRES_USER", 4, "Settings"),
        ("POSTGRES_HOST", 10, "Settings"),
        ("MODE", 12, "Settings"),
    ]


def test_settings_from_a_provider_call_assigned_to_any_name():
    src = """
    from app.deps import get_settings
    def handler():
        cfg = get_settings()
        return cfg.FEATURE
    """
    assert [r.name for r in facts(src).reads] == ["FEATURE"]


def test_relative_paths_on_client_receivers_are_http_calls():
    src = """
    def f(self, dataset_id):
        self._client.get(url=f"v1/datasets/{dataset_id}/versions")
        cache.get("a/b")
    """
    f = facts(src)
    assert [(c.method, c.url.text(), c.callee) for c in f.http_calls] == [
        ("GET", "v1/datasets/${dataset_id}/versions", "self._client.get")
    ]


# ------------------------------------------------------------------------------ how apps and routers flow


def test_routers_of_classes_chains_and_loops():
    src = """
    from fastapi import APIRouter
    users_router = r = APIRouter(prefix="/u")

    class VaultRouter:
        def __init__(self, service):
            self.router = APIRouter()
            self.router.add_api_route("/secrets", self.list_secrets, methods=["GET"])
            self.streams = StreamsRouter(service)

    for router, prefix in [(a.router, "/a"), (b.router, "/b")]:
        app.include_router(router, prefix=prefix)
    for x in ROUTERS:
        app.include_router(x)
    app.mount("/v1", v1_app)
    """
    f = facts(src)
    assert [(r.var, r.function) for r in f.routers] == [
        ("r", None),
        ("users_router", None),
        ("self.router", "VaultRouter"),
    ]
    assert [(e.owner, e.function) for e in f.endpoints] == [("self.router", "VaultRouter")]
    assert [(i.child, i.prefix.text() if i.prefix else None, i.kind) for i in f.includes] == [
        ("a.router", "/a", "include"),
        ("b.router", "/b", "include"),
        ("x", None, "include"),
        ("v1_app", "/v1", "mount"),
    ]
    assert [(a.target, a.callee, a.function) for a in f.route_assigns] == [
        ("self.streams", "StreamsRouter", "VaultRouter")
    ]


def test_helpers_that_receive_an_app_and_factories_that_return_one():
    src = """
    def register(app, *, prefix=""):
        app.include_router(items.router)

        @app.get("/health")
        def health():
            return {}

    def create_router():
        router = APIRouter()
        return router

    register(app)
    setup.extend(application=app)
    services_app = create_app()
    """
    f = facts(src)
    assert [(p.function, p.param, p.index) for p in f.route_params] == [("register", "app", 0)]
    assert [(e.owner, e.function) for e in f.endpoints] == [("app", "register")]
    assert [(c.callee, c.args, c.keywords) for c in f.route_calls] == [
        ("register", ("app",), ()),
        ("setup.extend", (), (("application", "app"),)),
    ]
    assert [(r.function, r.expr) for r in f.route_returns] == [("create_router", "router")]
    assert [(a.target, a.callee) for a in f.route_assigns] == [("services_app", "create_app")]
