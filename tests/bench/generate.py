"""A synthetic FastAPI + React TSX monorepo of a given size, for the speed benchmark.

``generate(root, files, seed)`` writes ``files`` source files (half Python, half TS/TSX) plus a
few config files (package.json, tsconfig.json, knip.json, index.html, deadcode.toml,
.gitignore), and returns a manifest: counts, and every piece of dead code it planted, by kind.

Shape (like the apps deadcode is for, see docs/TEAM.md):

- ``backend/app/``: ``main.py`` (``FastAPI()``), ``config.py`` (pydantic-settings ``Settings``
  with flag fields), ``api/router.py`` (aggregate ``APIRouter(prefix="/api/v1")``) including one
  router per area, which includes one ``APIRouter(prefix="/<things>")`` per domain; per domain a
  service (importing other services, lower in the dependency order, so the import graph is a
  DAG with popular hubs), models, a repository and helper modules; ``core/`` with high fan-in.
- ``frontend/src/``: ``main.tsx``, ``App.tsx`` (``<Route path="/area/*">`` per area, nested
  ``<Routes>`` per area, some pages lazy), pages, components behind per-area barrels
  (``export * from``), hooks, an axios client (``axios.create({baseURL: "/api/v1"})``) and one API
  module per domain whose calls (template strings) match the backend endpoints.
- Dead code at a few percent: unreachable files (some in pairs), unused exports (TS and Python),
  orphan endpoints, broken calls, a dev-only ``TestPage`` (route ``/test``) with tester
  components, flag-gated backend packages behind ``if settings.X ...:`` imports, and settings
  only those gated packages read.

Everything not planted is meant to be live, so the manifest's ``expected`` lists can be compared
with a tool's findings. Deterministic for a given (files, seed).

Run as a script to write one: ``python tests/bench/generate.py DIR --files 2500 [--seed 0]``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``tests.bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import backend_files as be  # noqa: E402
from tests.bench import frontend_files as fe  # noqa: E402
from tests.bench.shapes import (  # noqa: E402
    AREA_SUFFIXES,
    AREA_WORDS,
    CORE_MODULES,
    FIELD_TYPES,
    GATED_MODULES,
    INTEGRATIONS,
    MODIFIERS,
    NOUNS,
    PY_FIXED_COUNT,
    PY_HELPER_KINDS,
    TESTER_NAMES,
    TS_EXTRA_KINDS,
    TS_FIXED,
    UI_COMPONENTS,
    ACTIONS,
    Area,
    Domain,
    Gate,
    camel,
    fill,
    pascal,
)

__all__ = ["generate", "plan_sizes"]


def plan_sizes(files: int) -> dict:
    """How many of each thing a repo of ``files`` source files holds (exact file totals)."""
    if files < 60:
        raise ValueError("files must be >= 60")
    py_target = files // 2
    ts_target = files - py_target
    unreachable_py = max(1, round(py_target * 0.01))
    unreachable_ts = max(1, round(ts_target * 0.01))
    testers = max(2, min(len(TESTER_NAMES), ts_target // 400))
    flags = max(1, files // 4000)
    gated_budget = max(3 * flags, round(py_target * 0.02))
    dev_files = 1 + testers + 1  # TestPage, testers, mockData.ts
    best = 1
    for d in range(1, files):
        a = math.ceil(d / 20)
        py = PY_FIXED_COUNT + 5 * a + 4 * d + unreachable_py + gated_budget
        ts = len(TS_FIXED) + 2 * a + 5 * d + unreachable_ts + dev_files
        if py > py_target * 0.85 or ts > ts_target * 0.85:
            break
        best = d
    return {
        "python_files": py_target,
        "ts_files": ts_target,
        "domains": best,
        "areas": math.ceil(best / 20),
        "unreachable_py": unreachable_py,
        "unreachable_ts": unreachable_ts,
        "testers": testers,
        "flags": flags,
        "gated_budget": gated_budget,
    }


def _names(rng: random.Random, count: int) -> list[str]:
    nouns = NOUNS[:]
    rng.shuffle(nouns)
    combos = [f"{m}_{n}" for m in MODIFIERS for n in NOUNS]
    rng.shuffle(combos)
    names = nouns + combos
    k = 2
    while len(names) < count:
        names += [f"{n}_v{k}" for n in nouns]
        k += 1
    return names[:count]


def _area_names(count: int) -> list[str]:
    names = AREA_WORDS[:]
    for suffix in AREA_SUFFIXES:
        names += [f"{w}_{suffix}" for w in AREA_WORDS]
    k = 2
    while len(names) < count:
        names += [f"{w}_{k}" for w in AREA_WORDS]
        k += 1
    return names[:count]


def _popular(rng: random.Random, below: int) -> int:
    """An index in [0, below), skewed to low indices: a few hub modules, a long tail."""
    return min(below - 1, int(below * rng.random() ** 2.5))


def _build_model(files: int, seed: int):
    sizes = plan_sizes(files)
    rng = random.Random(seed)
    d_count, a_count = sizes["domains"], sizes["areas"]
    areas = [Area(n) for n in _area_names(a_count)]
    domains = []
    for i, name in enumerate(_names(rng, d_count)):
        area = areas[min(a_count - 1, i * a_count // d_count)]
        fields = sorted(rng.sample(FIELD_TYPES, rng.randint(2, 6)), key=FIELD_TYPES.index)
        dom = Domain(
            i,
            name,
            area,
            fields,
            search=rng.random() < 0.5,
            update=rng.random() < 0.8,
            delete=rng.random() < 0.7,
            action=rng.choice(ACTIONS) if rng.random() < 0.3 else None,
        )
        if i:
            dom.service_deps = sorted({_popular(rng, i) for _ in range(rng.randint(1, 3))})
            dom.hook_deps = sorted({_popular(rng, i) for _ in range(rng.randint(0, 2))})
        dom.lazy = rng.random() < 0.3
        area.domains.append(dom)
        domains.append(dom)

    # Flag-gated backend packages (__init__, service facade, client, more modules), each imported
    # by one live service behind its flag. The budget is an upper bound; padding takes the rest.
    gates = []
    budget = sizes["gated_budget"]
    for k in range(sizes["flags"]):
        package, flag = INTEGRATIONS[k % len(INTEGRATIONS)]
        if k >= len(INTEGRATIONS):
            package, flag = f"{package}{k // len(INTEGRATIONS) + 1}", f"{flag}_{k // len(INTEGRATIONS) + 1}"
        boolean = k % 2 == 1
        if boolean:
            flag = f"ENABLE_{package.upper()}"
        left = sizes["flags"] - k - 1
        n = max(3, min(budget - 3 * left, rng.randint(3, 14)))
        budget -= n
        modules = ["client"] + GATED_MODULES[1 : n - 2]
        while len(modules) < n - 2:
            modules.append(f"extra_{len(modules)}")
        gate = Gate(package, flag, boolean, modules)
        gates.append(gate)
        domains[_popular(rng, len(domains))].gates.append(gate)

    # Planted dead code inside live files.
    def pick(fraction: float) -> list:
        count = max(1, min(len(domains), round(len(domains) * fraction)))
        return sorted(rng.sample(domains, count), key=lambda d: d.index)

    for d in pick(0.06):
        d.orphan = True
    for d in pick(0.03):
        d.broken = True
    for d in pick(0.05):
        d.py_unused = True
    for d in pick(0.05):
        d.ts_unused = True
    return sizes, rng, areas, domains, gates


def side_files(areas, gates) -> dict[str, str]:
    flags = "\n".join(f"{g.flag} = {'false' if g.boolean else chr(34) + 'native' + chr(34)}" for g in gates)
    return {
        ".gitignore": "node_modules\n.deadcode-cache/\n__pycache__/\n",
        "deadcode.toml": fill(
            """python_roots = ["backend"]
entry = ["backend/app/main.py", "frontend/src/main.tsx"]
dev_roots = ["frontend/src/pages/TestPage.tsx"]
dev_routes = ["/test"]
public_endpoints = ["GET /health"]

[flags]
«flags»
""",
            flags=flags,
        ),
        "backend/requirements.txt": "fastapi>=0.110\npydantic-settings>=2.0\nuvicorn>=0.29\n",
        "frontend/package.json": json.dumps(
            {
                "name": "acme-frontend",
                "private": True,
                "version": "1.0.0",
                "type": "module",
                "dependencies": {
                    "axios": "^1.7.0",
                    "react": "^18.3.1",
                    "react-dom": "^18.3.1",
                    "react-router-dom": "^6.26.0",
                },
                "devDependencies": {"typescript": "^5.5.0"},
            },
            indent=2,
        )
        + "\n",
        "frontend/tsconfig.json": json.dumps(
            {
                "compilerOptions": {
                    "target": "ES2020",
                    "lib": ["ES2020", "DOM", "DOM.Iterable"],
                    "module": "ESNext",
                    "moduleResolution": "bundler",
                    "jsx": "react-jsx",
                    "strict": True,
                    "noEmit": True,
                    "skipLibCheck": True,
                    "baseUrl": ".",
                    "paths": {"@/*": ["src/*"]},
                },
                "include": ["src"],
            },
            indent=2,
        )
        + "\n",
        "frontend/knip.json": json.dumps(
            {
                "$schema": "https://unpkg.com/knip@5/schema.json",
                "entry": ["src/main.tsx"],
                "project": ["src/**/*.{ts,tsx}"],
            },
            indent=2,
        )
        + "\n",
        "frontend/index.html": """<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Acme Platform</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
""",
    }


def generate(root: Path, files: int, seed: int = 0) -> dict:
    """Write a synthetic monorepo of ``files`` source files under ``root``; return its manifest."""
    root = Path(root)
    sizes, rng, areas, domains, gates = _build_model(files, seed)
    py: dict[str, str] = {}
    ts: dict[str, str] = {}
    expected: dict[str, list] = {
        k: []
        for k in (
            "unreachable",
            "unused-export",
            "orphan-endpoint",
            "broken-call",
            "dev-only",
            "flag-gated",
            "unused-config",
        )
    }

    # Planted dead files first, so padding fills exactly what is left.
    dead_py: dict[str, str] = {}
    n, i = sizes["unreachable_py"], 0
    for d in sorted(rng.sample(domains, min(len(domains), n)), key=lambda x: x.index):
        if i >= n:
            break
        pair = n - i >= 2 and rng.random() < 0.35
        main, helper = be.py_unreachable(d, pair)
        dead_py[f"backend/app/services/{d.area.name}/legacy_{d.name}_sync.py"] = main
        i += 1
        if helper:
            dead_py[f"backend/app/services/{d.area.name}/legacy_{d.name}_mapping.py"] = helper
            i += 1
    for path in dead_py:
        expected["unreachable"].append({"path": path})
    for g in gates:
        gp = {
            f"backend/app/services/{g.package}/__init__.py": f'"""{pascal(g.package)} integration (optional)."""\n',
            f"backend/app/services/{g.package}/service.py": be.py_gated_service(g),
        }
        for m in g.modules:
            gp[f"backend/app/services/{g.package}/{m}.py"] = be.py_gated(g, m)
        dead_py.update(gp)
        expected["flag-gated"] += [{"path": p, "flag": g.flag} for p in sorted(gp)]
        expected["unused-config"] += [
            {"path": "backend/app/config.py", "symbol": f} for f in g.settings_fields
        ]

    dead_ts: dict[str, str] = {}
    testers = TESTER_NAMES[: sizes["testers"]]
    dead_ts["frontend/src/pages/TestPage.tsx"] = fe.ts_test_page(testers)
    for k, t in enumerate(testers):
        dead_ts[f"frontend/src/components/features/testing/{t}.tsx"] = fe.ts_tester(
            t, domains[_popular(rng, len(domains))], k % 2 == 0
        )
    dead_ts["frontend/src/components/features/testing/mockData.ts"] = fe.MOCK_DATA_TS
    expected["dev-only"] = [{"path": p} for p in sorted(dead_ts)]
    n, i, k = sizes["unreachable_ts"], 0, 0
    while i < n:
        d = domains[rng.randrange(len(domains))]
        pair = n - i >= 2 and rng.random() < 0.35
        path, text, hpath, htext = fe.ts_unreachable(d, k, pair)
        k += 1
        if f"frontend/src/{path}" in dead_ts:
            continue
        dead_ts[f"frontend/src/{path}"] = text
        expected["unreachable"].append({"path": f"frontend/src/{path}"})
        i += 1
        if hpath:
            dead_ts[f"frontend/src/{hpath}"] = htext
            expected["unreachable"].append({"path": f"frontend/src/{hpath}"})
            i += 1

    # Padding: helper modules / extra components per domain, round-robin, to hit exact totals.
    py_base = PY_FIXED_COUNT + 5 * len(areas) + 4 * len(domains) + len(dead_py)
    ts_base = len(TS_FIXED) + 2 * len(areas) + 5 * len(domains) + len(dead_ts)
    py_pad = sizes["python_files"] - py_base
    ts_pad = sizes["ts_files"] - ts_base
    assert py_pad >= 0 and ts_pad >= 0, (py_pad, ts_pad)
    for j in range(py_pad):
        d = domains[j % len(domains)]
        kind, verb = PY_HELPER_KINDS[len(d.py_helpers) % len(PY_HELPER_KINDS)]
        rnd = len(d.py_helpers) // len(PY_HELPER_KINDS)
        d.py_helpers.append((kind if rnd == 0 else f"{kind}_{rnd + 1}", verb))
    for j in range(ts_pad):
        d = domains[(j * 7 + 3) % len(domains)] if len(domains) > 7 else domains[j % len(domains)]
        kind = TS_EXTRA_KINDS[len(d.ts_extras) % len(TS_EXTRA_KINDS)]
        rnd = len(d.ts_extras) // len(TS_EXTRA_KINDS)
        d.ts_extras.append(kind if rnd == 0 else f"{kind}{rnd + 1}")

    # Backend.
    b = "backend/app"
    py[f"{b}/__init__.py"] = '"""Acme platform backend."""\n'
    py[f"{b}/main.py"] = be.py_main()
    py[f"{b}/config.py"] = be.py_config(gates)
    py[f"{b}/api/__init__.py"] = '"""HTTP layer."""\n'
    py[f"{b}/api/router.py"] = be.py_api_router(areas)
    py[f"{b}/core/__init__.py"] = '"""Cross-cutting infrastructure."""\n'
    for m in CORE_MODULES:
        py[f"{b}/core/{m}.py"] = be.CORE_PY[m]
    for pkg in ("services", "models", "repositories"):
        py[f"{b}/{pkg}/__init__.py"] = f'"""{pkg.capitalize()} by area."""\n'
    endpoint_count = 1  # /health
    for ai, a in enumerate(areas):
        py[f"{b}/api/{a.name}/__init__.py"] = f'"""{a.pascal} HTTP routes."""\n'
        py[f"{b}/api/{a.name}/router.py"] = be.py_area_router(a, relative=ai % 3 == 1)
        for pkg in ("services", "models", "repositories"):
            py[f"{b}/{pkg}/{a.name}/__init__.py"] = f'"""{a.pascal} {pkg}."""\n'
        for d in a.domains:
            py[f"{b}/api/{a.name}/{d.name}_routes.py"] = be.py_routes(d)
            py[f"{b}/services/{a.name}/{d.name}_service.py"] = be.py_service(d, domains)
            py[f"{b}/models/{a.name}/{d.name}.py"] = be.py_models(d)
            py[f"{b}/repositories/{a.name}/{d.name}_repository.py"] = be.py_repository(d)
            for module, verb in d.py_helpers:
                py[f"{b}/services/{a.name}/{d.name}_{module}.py"] = be.py_helper(d, module, verb)
            endpoint_count += len(be.endpoints(d)) + (1 if d.orphan else 0)
            if d.orphan:
                expected["orphan-endpoint"].append(
                    {
                        "path": f"{b}/api/{a.name}/{d.name}_routes.py",
                        "endpoint": f"GET /api/v1{d.full_url}/{{item_id}}/legacy-export",
                    }
                )
            if d.py_unused:
                expected["unused-export"].append(
                    {
                        "path": f"{b}/services/{a.name}/{d.name}_service.py",
                        "symbol": f"legacy_{d.name}_totals",
                    }
                )
    py.update(dead_py)

    # Frontend.
    s = "frontend/src"
    ts[f"{s}/main.tsx"] = fe.MAIN_TSX
    ts[f"{s}/App.tsx"] = fe.ts_app(areas)
    ts[f"{s}/api/client.ts"] = fe.CLIENT_TS
    for p, text in fe.LIB.items():
        ts[f"{s}/{p}"] = text
    for c in UI_COMPONENTS:
        ts[f"{s}/components/ui/{c}.tsx"] = fe.UI_TSX[c]
    ts[f"{s}/components/ui/index.ts"] = "".join(f'export * from "./{c}";\n' for c in UI_COMPONENTS)
    ts[f"{s}/components/layout/Layout.tsx"] = fe.ts_layout()
    ts[f"{s}/components/layout/Header.tsx"] = fe.ts_header()
    ts[f"{s}/components/layout/Sidebar.tsx"] = fe.ts_sidebar(areas)
    calls = 0
    for a in areas:
        ts[f"{s}/routes/{a.pascal}Routes.tsx"] = fe.ts_area_routes(a)
        barrel = []
        for d in a.domains:
            ts[f"{s}/api/{a.name}/{camel(d.name)}Api.ts"] = fe.ts_api(d, relative_client=d.index % 4 == 0)
            ts[f"{s}/hooks/{a.name}/use{d.PP}.ts"] = fe.ts_hook(d)
            ts[f"{s}/pages/{a.name}/{d.PP}Page.tsx"] = fe.ts_page(d, domains)
            ts[f"{s}/components/{a.name}/{d.P}Table.tsx"] = fe.ts_table(d)
            ts[f"{s}/components/{a.name}/{d.P}Form.tsx"] = fe.ts_form(d)
            barrel += [f"{d.P}Form", f"{d.P}Table"]
            for k in d.ts_extras:
                ts[f"{s}/components/{a.name}/{d.P}{k}.tsx"] = fe.ts_extra(d, k)
                barrel.append(f"{d.P}{k}")
            calls += len(be.endpoints(d)) + (1 if d.broken else 0)
            if d.broken:
                expected["broken-call"].append(
                    {
                        "path": f"{s}/api/{a.name}/{camel(d.name)}Api.ts",
                        "endpoint": f"GET /api/v1{d.full_url}/{{}}/stats",
                    }
                )
            if d.ts_unused:
                expected["unused-export"].append(
                    {"path": f"{s}/api/{a.name}/{camel(d.name)}Api.ts", "symbol": f"describe{d.P}"}
                )
                expected["unused-export"].append(
                    {"path": f"{s}/hooks/{a.name}/use{d.PP}.ts", "symbol": f"{d.name.upper()}_PAGE_SIZES"}
                )
        ts[f"{s}/components/{a.name}/index.ts"] = "".join(f'export * from "./{c}";\n' for c in barrel)
    ts.update(dead_ts)

    assert len(py) == sizes["python_files"], (len(py), sizes["python_files"])
    assert len(ts) == sizes["ts_files"], (len(ts), sizes["ts_files"])

    side = side_files(areas, gates)
    lines = 0
    for path, text in {**py, **ts, **side}.items():
        full = root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_text(text, encoding="utf-8")
        lines += text.count("\n")

    touch = domains[len(domains) // 2]
    for kind in expected:
        expected[kind].sort(key=lambda e: (e.get("path", ""), e.get("symbol") or "", e.get("endpoint") or ""))
    return {
        "version": 1,
        "seed": seed,
        "files": len(py) + len(ts),
        "python_files": len(py),
        "ts_files": len(ts),
        "tsx_files": sum(1 for p in ts if p.endswith(".tsx")),
        "config_files": sorted(side),
        "lines": lines,
        "areas": len(areas),
        "domains": len(domains),
        "endpoints": endpoint_count,
        "client_calls": calls,
        "routes": len(domains) + 1,
        "flags": {g.flag: (False if g.boolean else "native") for g in gates},
        "touch_file": f"{s}/pages/{touch.area.name}/{touch.PP}Page.tsx",
        "dead": {k: len(v) for k, v in expected.items()},
        "expected": expected,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--files", type=int, default=2500)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    manifest = generate(args.root, args.files, args.seed)
    summary = {k: v for k, v in manifest.items() if k != "expected"}
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
