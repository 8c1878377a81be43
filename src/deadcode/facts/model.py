"""Per-file facts: what one file says, independent of every other file.

Facts are pure functions of (path, bytes): no resolution across files happens here. They are
cached by content hash, so every type is a plain frozen dataclass of strings, ints, tuples
and other facts (picklable, comparable, hashable).

Conventions
- ``line`` is 1-based. ``span`` is ``(start_byte, end_byte)`` into the file's bytes: tree-sitter
  offsets are bytes, and the planner edits by byte range.
- A ``Template`` is a string built from parts: literal text and ``Sub`` substitutions
  (``f"{settings.API_V1_STR}/users"``, `` `${API_BASE}/users/${id}` ``). Resolution across
  files (constants, settings defaults) happens in the graph stage.
- ``conditions`` is a conjunction of ``Condition``s guarding a fact (the ``if`` branches it
  sits in, innermost last). An empty tuple means unconditional.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]
Literal = str | bool | int | float | None


@dataclass(frozen=True, slots=True)
class Sub:
    """A substitution in a template: the source text of the expression, e.g. ``settings.API_V1_STR``.

    A call the file cannot resolve itself (``getApiUrl()``, ``ENDPOINTS.byId(id)``) also keeps
    its callee and its arguments as templates, so the graph can expand a function of another
    file that returns a URL."""

    expr: str
    call: str | None = None  # the callee's source text when the expression is a call
    args: tuple[Template, ...] = ()  # the call's arguments


@dataclass(frozen=True, slots=True)
class Template:
    parts: tuple[str | Sub, ...] = ()

    @classmethod
    def literal(cls, text: str) -> "Template":
        return cls((text,))

    @classmethod
    def of(cls, parts) -> "Template":
        """A template from parts, adjacent literals joined and empty ones dropped."""
        out: list[str | Sub] = []
        for p in parts:
            if isinstance(p, str):
                if not p:
                    continue
                if out and isinstance(out[-1], str):
                    out[-1] = out[-1] + p
                    continue
            out.append(p)
        return cls(tuple(out))

    @property
    def is_literal(self) -> bool:
        return all(isinstance(p, str) for p in self.parts)

    def text(self) -> str:
        """Source-like rendering: ``/api/users/${id}`` (substitutions as ``${expr}``)."""
        return "".join(p if isinstance(p, str) else "${" + p.expr + "}" for p in self.parts)


@dataclass(frozen=True, slots=True)
class Condition:
    """A flag predicate: ``name op values``.

    ``name`` is a settings field or env var (``ALERTING_BACKEND``), ``op`` one of
    ``== != in not-in truthy falsy unknown``. ``negated`` marks the else branch of the ``if``
    that tested it. ``text`` is the source text, for evidence. ``unknown`` conditions (compound
    expressions we do not model) are never assumed false: precision first.
    """

    name: str
    op: str
    values: tuple[Literal, ...] = ()
    negated: bool = False
    text: str = ""


# --------------------------------------------------------------------------------------- Python


@dataclass(frozen=True, slots=True)
class PyImport:
    """``import a.b as c`` / ``from ..x import y`` / ``importlib.import_module("a.b")``.

    ``module`` keeps leading dots for relative imports. ``names`` are the imported names of a
    from-import (``("*",)`` for a star import, ``()`` for plain ``import``); a from-import name may
    itself be a submodule (``from pkg import submodule``), which the graph resolves.
    """

    module: str
    names: tuple[str, ...] = ()
    alias: str | None = None
    line: int = 0
    span: Span = (0, 0)
    conditions: tuple[Condition, ...] = ()
    function: str | None = None  # enclosing top-level function/method name, None at module level
    dynamic: bool = False  # importlib.import_module / __import__ with a literal


@dataclass(frozen=True, slots=True)
class PyDef:
    """A top-level definition: function, class or assigned name."""

    name: str
    kind: str  # function | class | variable
    line: int
    span: Span  # includes decorators
    decorators: tuple[str, ...] = ()  # decorator source texts, e.g. 'router.get("/x")'
    uses: tuple[str, ...] = ()  # root identifiers referenced in its body (sorted, unique)
    bases: tuple[str, ...] = ()  # class bases source texts


@dataclass(frozen=True, slots=True)
class PyRouter:
    """A route group with a prefix: ``var = APIRouter(prefix=...)`` (``prefix`` None when not
    given). ``var`` may be ``self.router`` (an attribute of the class ``function`` names)."""

    var: str
    prefix: Template | None
    line: int
    function: str | None = None  # the enclosing top-level definition (a class for self.x)


@dataclass(frozen=True, slots=True)
class PyApp:
    """An application a server runs: ``var = FastAPI(...)``."""

    var: str
    line: int
    root_path: Template | None = None
    function: str | None = None  # the enclosing top-level definition (a factory)


@dataclass(frozen=True, slots=True)
class PyEndpoint:
    """A route decorator or ``add_api_route`` on a router or app variable.

    One per method: ``@router.api_route("/x", methods=["GET", "POST"])`` gives two.
    ``method`` is upper-case: GET POST PUT PATCH DELETE HEAD OPTIONS WEBSOCKET.
    """

    owner: str  # the router/app variable name
    method: str
    path: Template
    handler: str  # function name ('' when add_api_route passes a non-name)
    line: int
    span: Span  # the decorated definition including all decorators (or the add_api_route stmt)
    conditions: tuple[Condition, ...] = ()
    name: str | None = None  # the route's ``name=`` (what ``url_for("name")`` links to)
    function: str | None = None  # the top-level definition the declaration sits in (a helper, a class)


@dataclass(frozen=True, slots=True)
class PyInclude:
    """A router mounted on an app or router: ``parent.include_router(child, prefix=...)``, or a
    sub-app mounted at a path (``kind`` ``mount``: ``parent.mount("/v1", child)``)."""

    parent: str
    child: str  # source text of the router expression: 'router', 'sysop_routes.router'
    prefix: Template | None
    line: int
    span: Span  # the whole statement
    conditions: tuple[Condition, ...] = ()
    function: str | None = None
    kind: str = "include"  # include | mount


@dataclass(frozen=True, slots=True)
class PyRouteCall:
    """A call that hands an app or router to a function, which may mount or declare routes on
    it: ``register_routes(app)``, ``ee.extend_main(app=app)``."""

    callee: str
    args: tuple[str, ...]  # positional argument texts ("" for one that is no name)
    keywords: tuple[tuple[str, str], ...]
    line: int
    function: str | None = None


@dataclass(frozen=True, slots=True)
class PyRouteAssign:
    """``target = callee(...)`` whose value may be an app, a router or an object holding one:
    ``secrets = VaultRouter(...)``, ``app = create_app()``, ``self.streams = StreamsRouter()``."""

    target: str
    callee: str
    line: int
    function: str | None = None


@dataclass(frozen=True, slots=True)
class PyRouteParam:
    """A parameter of a top-level function that routes are mounted or declared on:
    ``def register(app): app.include_router(...)`` -> (``register``, ``app``, 0)."""

    function: str
    param: str
    index: int


@dataclass(frozen=True, slots=True)
class PyRouteReturn:
    """``return expr`` in a function that makes or receives an app or router (a factory)."""

    function: str
    expr: str


@dataclass(frozen=True, slots=True)
class PySettingField:
    name: str
    default: Literal | Template  # literal value, or Template for strings built from other fields
    line: int
    span: Span
    annotation: str = ""
    env: str | None = None  # Field(..., alias="X") / validation_alias / env="X"


@dataclass(frozen=True, slots=True)
class PySettingsClass:
    """A class deriving (directly) from BaseSettings/BaseModel-settings; ``name`` is the class."""

    name: str
    line: int
    fields: tuple[PySettingField, ...] = ()
    env_prefix: str = ""


@dataclass(frozen=True, slots=True)
class PyRead:
    """A read of a setting or env var: ``settings.X``, ``get_settings().X``, ``os.getenv("X")``,
    ``os.environ["X"]``/``.get("X")``.

    ``kind`` is ``setting`` or ``env``; ``function`` the enclosing top-level def (None at module
    level)."""

    name: str
    kind: str
    line: int
    conditions: tuple[Condition, ...] = ()
    function: str | None = None


@dataclass(frozen=True, slots=True)
class PyGuardedUse:
    """A name used only under a flag condition: ``if settings.X == "a": init_grafana()``.

    ``name`` is the root identifier (``grafana`` for ``grafana.setup()``). The graph uses it to
    mark an unconditional import as gated when every use of it is guarded."""

    name: str
    line: int
    conditions: tuple[Condition, ...]
    function: str | None = None


@dataclass(frozen=True, slots=True)
class PyConst:
    """A module-level string constant: ``API_PREFIX = "/api/v0_1"`` (also f-strings)."""

    name: str
    value: Template
    line: int


@dataclass(frozen=True, slots=True)
class HttpCall:
    """An HTTP call from code: ``fetch(`${API}/x/${id}`)``, ``api.get("/x")``,
    ``client.get("/api/x")`` (tests), ``requests.post(f"{BASE}/x")`` (scripts).

    ``method`` is upper-case, or ``ANY`` when unknown. ``callee`` is the callee source text
    (``fetch``, ``axios.get``, ``api.get``, ``apiFetch``, ``useSWR``) so the graph can resolve
    instances and wrappers through imports. ``url`` is the URL argument as written."""

    method: str
    url: Template
    callee: str
    line: int
    span: Span
    dev: bool = False
    function: str | None = None
    conditions: tuple[Condition, ...] = ()
    # the function the URL is handed to when the graph may know it better than the callee: an
    # SWR fetcher or a React Query function named by the call (``useSWR(key, fetcher)``); the
    # graph composes the URL through it when it forwards its argument as a URL
    via: str | None = None


@dataclass(frozen=True, slots=True)
class PyFacts:
    imports: tuple[PyImport, ...] = ()
    defs: tuple[PyDef, ...] = ()
    module_uses: tuple[str, ...] = ()  # root identifiers referenced outside top-level defs
    apps: tuple[PyApp, ...] = ()
    routers: tuple[PyRouter, ...] = ()
    endpoints: tuple[PyEndpoint, ...] = ()
    includes: tuple[PyInclude, ...] = ()
    # how apps and routers flow between names: helpers, factories, instances (graph/routes.py)
    route_calls: tuple[PyRouteCall, ...] = ()
    route_assigns: tuple[PyRouteAssign, ...] = ()
    route_params: tuple[PyRouteParam, ...] = ()
    route_returns: tuple[PyRouteReturn, ...] = ()
    settings_classes: tuple[PySettingsClass, ...] = ()
    settings_instances: tuple[tuple[str, str], ...] = ()  # (var, class name): settings = Settings()
    reads: tuple[PyRead, ...] = ()
    guarded_uses: tuple[PyGuardedUse, ...] = ()
    consts: tuple[PyConst, ...] = ()
    http_calls: tuple[HttpCall, ...] = ()
    has_main_guard: bool = False  # if __name__ == "__main__":
    # module-level calls that make a file a program when it runs: ``args = parser.parse_args()``,
    # ``main()``, ``asyncio.run(main())`` (idioms/python_scripts.py)
    program_calls: tuple[str, ...] = ()
    all_names: tuple[str, ...] | None = None  # __all__ when literal
    # string literals that look like dotted module names ("app.celery.tasks", "app.main:app"):
    # celery autodiscovery, uvicorn targets, plugin lists load modules by name
    module_strings: tuple[tuple[str, int], ...] = ()
    # names looked up by string: (name, module string or "", line) for ``getattr(obj, "name")`` and
    # a name passed beside a module string (``fetch_impl("app.db.nodes", "_filter_nodes")``); in
    # a module that looks itself up (``globals()[key]``), its quoted names with module "." and
    # the lookup as name "*"
    attribute_strings: tuple[tuple[str, str, int], ...] = ()
    # modules loaded by name or place that idioms read in the extractor's pass (plugin lists,
    # folders named by a call): the graph links them like ``FileFacts.loads``
    module_loads: tuple[ModuleLoad, ...] = ()


# ----------------------------------------------------------------------------------- TypeScript


@dataclass(frozen=True, slots=True)
class TsImport:
    """An import of a module.

    ``kind``: ``static`` (``import X from``), ``type`` (``import type``), ``side-effect``
    (``import "./x.css"``), ``dynamic`` (``import("./x")`` anywhere), ``lazy`` (``import()``
    inside ``lazy``/``React.lazy``/a lazy wrapper/route ``lazy:``), ``require``.
    ``names`` are ``(imported, local)`` pairs: ``("default", "App")``, ``("*", "ns")``,
    ``("Card", "Card")``; empty for side-effect and dynamic imports.
    ``span`` is the whole import statement (or the ``import()`` call expression).
    """

    specifier: str
    kind: str
    names: tuple[tuple[str, str], ...] = ()
    line: int = 0
    span: Span = (0, 0)
    dev: bool = False
    local: str | None = None  # for lazy: the variable the lazy component is bound to


@dataclass(frozen=True, slots=True)
class TsReExport:
    """``export * from "./x"`` (names == ()), ``export * as ns from`` (names == (("*", "ns"),)),
    ``export { A as B, default as C } from "./x"`` (names == (("A","B"), ("default","C")))."""

    specifier: str
    names: tuple[tuple[str, str], ...]
    line: int
    span: Span
    type_only: bool = False


@dataclass(frozen=True, slots=True)
class TsExport:
    """A local export: ``export function F``, ``export const A``, ``export default X``,
    ``export { a as b }`` (no ``from``). ``name`` is the exported name (``default`` for default),
    ``local`` the local binding (may be None for anonymous default)."""

    name: str
    local: str | None
    kind: str  # function | class | const | let | var | type | interface | enum | default | specifier
    line: int
    span: Span


@dataclass(frozen=True, slots=True)
class TsJsxRef:
    """A JSX element naming a component: ``<FaviconTester />`` -> ``FaviconTester``;
    ``<Foo.Bar>`` -> ``Foo.Bar``. Lower-case intrinsic elements are not recorded."""

    name: str
    line: int
    span: Span  # the whole element
    dev: bool = False


@dataclass(frozen=True, slots=True)
class TsRoute:
    """One React Router route, from JSX ``<Route>``, a route object, or a v7 ``routes.ts`` call.

    ``path`` is as written (relative to the parent), None for pathless layouts; ``index`` for
    index routes. ``components`` are identifiers the route renders (``element={<P/>}`` (every
    component inside the element), ``Component={P}``). ``lazy`` is the specifier of a route
    ``lazy: () => import("./x")`` or the file of a v7 ``route("p", "./x.tsx")``. ``parent`` is
    the index of the parent route in the same file's tuple; ``full_path`` is the path joined
    with its ancestors inside this file (routes spread from another file are joined by the
    graph). ``span`` is the ``<Route ...>`` element or the object literal / call."""

    path: str | None
    full_path: str
    index: bool
    components: tuple[str, ...]
    lazy: str | None
    parent: int | None
    line: int
    span: Span
    dev: bool = False
    # ``...adminRoutes`` / ``children: adminRoutes`` naming routes defined elsewhere: the source
    # text of the spread expression (path None, components ()); the graph joins them under
    # ``full_path`` (the parent's full path).
    spread: str | None = None


@dataclass(frozen=True, slots=True)
class TsConst:
    """A module-level constant worth resolving: string or template
    (``export const API_BASE = "/api/v0_1"``), or an axios instance
    (``export const api = axios.create({ baseURL: API_BASE })``, ``kind == "axios"``,
    ``value`` its baseURL)."""

    name: str
    value: Template
    kind: str  # string | axios | function
    line: int
    exported: bool
    # kind ``function``: a function returning a URL (``(id) => `/items/${id}```, a static method
    # ``Service.url(id)``): ``value`` is its return with each parameter as ``Sub(name)``
    params: tuple[str, ...] = ()
    # other values it may take: the branches of a ternary, the other returns of a function
    alternatives: tuple[Template, ...] = ()


@dataclass(frozen=True, slots=True)
class TsWrapper:
    """A function that forwards one of its parameters as a URL to an HTTP call:
    ``export function apiGet(path) { return fetch(`${API_BASE}${path}`) }``.

    ``param`` is that parameter's index; ``url`` is the template inside the wrapper with the
    parameter as ``Sub("<param>")``; ``method`` the wrapper's fixed method or ``None`` when taken
    from an options argument (then callers' ``method:`` options or ``ANY``)."""

    name: str
    param: int
    url: Template
    method: str | None
    line: int
    exported: bool
    param_name: str | None = None  # the parameter's name: the ``Sub`` in ``url`` to replace


@dataclass(frozen=True, slots=True)
class TsFacts:
    imports: tuple[TsImport, ...] = ()
    reexports: tuple[TsReExport, ...] = ()
    exports: tuple[TsExport, ...] = ()
    jsx: tuple[TsJsxRef, ...] = ()
    routes: tuple[TsRoute, ...] = ()
    http_calls: tuple[HttpCall, ...] = ()
    consts: tuple[TsConst, ...] = ()
    wrappers: tuple[TsWrapper, ...] = ()
    env_reads: tuple[tuple[str, int], ...] = ()  # (VITE_X / REACT_APP_X / process.env.X name, line)
    identifiers: tuple[str, ...] = ()  # every identifier referenced outside import/export clauses
    visits: tuple[tuple[str, int], ...] = ()  # test files: page.goto("/x") / cy.visit("/x") (path, line)
    # (identifier, byte offset) of each reference to an imported binding, outside import clauses,
    # and to a module-level function outside its own span: lets the graph tell a binding used
    # only inside a dev route or dev branch from a live one, and a function used in its own file.
    binding_refs: tuple[tuple[str, int], ...] = ()
    # (name, span) of module-level functions / arrow-function consts: attributes calls to them.
    functions: tuple[tuple[str, Span], ...] = ()
    # HTTP client configuration this file sets for calls elsewhere (idioms/axios.py, swr.py, ...)
    client_defaults: tuple[ClientDefault, ...] = ()


@dataclass(frozen=True, slots=True)
class ClientDefault:
    """HTTP client configuration set in one file and applied by the graph to calls in the same
    package: ``axios.defaults.baseURL = "/api"`` (``client`` ``axios`` or an instance's name,
    ``url`` the base), or a global key fetcher (``<SWRConfig value={{ fetcher }}>``, ``new
    QueryClient({ defaultOptions: { queries: { queryFn } } })``: ``client`` ``swr`` or
    ``react-query``, ``url`` the fetcher's URL with the key as ``Sub(param)``; ``via`` a fetcher
    imported from elsewhere, resolved by the graph like a wrapper)."""

    client: str
    url: Template
    line: int
    param: str | None = None
    method: str | None = None
    via: str | None = None


# --------------------------------------------------------------------------------- deployment


@dataclass(frozen=True, slots=True)
class ValuesKey:
    """A key in a Helm ``values*.yaml``: dotted path (``grafana.webhookSecret``), scalar value as
    text (None for mappings/lists)."""

    key: str
    value: str | None
    line: int


@dataclass(frozen=True, slots=True)
class EnvSet:
    """An env var set by deployment config: a Helm template ``- name: X`` (with the
    ``.Values`` key feeding it), a docker-compose ``environment:`` entry, a ``.env`` line."""

    name: str
    value: str | None
    values_key: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Probe:
    """A Kubernetes ``httpGet`` probe (liveness/readiness/startup) in a Helm template."""

    kind: str
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class DeployFacts:
    kind: str  # helm-values | helm-template | compose | dotenv | chart
    values: tuple[ValuesKey, ...] = ()
    value_reads: tuple[tuple[str, int], ...] = ()  # .Values.a.b reads in templates: (key, line)
    env: tuple[EnvSet, ...] = ()
    probes: tuple[Probe, ...] = ()


# ------------------------------------------------------------------------------ generic facts


@dataclass(frozen=True, slots=True)
class ModuleLoad:
    """Code that loads modules by name or by place, not by an import statement; an idiom
    (``idioms/``) recognises the shape, the graph resolves the target.

    ``kind``:
    - ``module``: one module by dotted name, maybe with an attribute (``"app.storage.s3.S3Store"``);
    - ``prefix``: every module whose dotted name starts with ``target`` (``f"app.plugins.{name}"``);
    - ``package``: every module of the package ``target`` (``pkgutil.iter_modules(plugins.__path__)``
      -> ``plugins``, a local name resolved through the file's imports, or ``.`` for its own package);
    - ``folder``: every source file under a folder, relative to the file (``os.listdir(HERE / "jobs")``);
    - ``dir``: every source file under a folder named relative to the working directory, which is
      unknown: the nearest such folder from the file's up (``Router(db, migrate_dir="migrations")``);
    - ``unknown``: a load whose target cannot be known statically (``import_module(name)``).
    """

    kind: str
    target: str
    line: int
    idiom: str
    function: str | None = None
    text: str = ""  # the source text, for evidence


# ---------------------------------------------------------------------------------- the file


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything one file says. ``lang`` is python | typescript | tsx | yaml | dotenv | other."""

    path: str  # repo-relative, '/' separated
    lang: str
    digest: str
    lines: int = 0
    partial: bool = False  # a syntax error: the facts that parsed are kept
    problems: tuple[str, ...] = ()  # one-line warnings (syntax error at line N, ...)
    py: PyFacts | None = None
    ts: TsFacts | None = None
    deploy: DeployFacts | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # tokens that could name a module, file or endpoint (facts/mentions.py): (token, line)
    mentions: tuple[tuple[str, int], ...] = ()
    loads: tuple[ModuleLoad, ...] = ()  # modules loaded by name or place (idioms)
    # inline ``deadcode: keep <reason>`` markers: (line, reason, whole file)
    keeps: tuple[tuple[int, str, bool], ...] = ()
    # the first lines say a tool wrote it (``@generated``, ``auto-generated``, ``DO NOT EDIT``):
    # regenerated, not edited, so never a finding
    generated: bool = False
    # Why the file could not be read as source (not UTF-8, UTF-16, binary, too big, too deeply
    # nested): its facts are what a byte scan found (imports and paths), and what it could
    # reference is a blind spot of the model. None for a file read normally.
    unreadable: str | None = None
