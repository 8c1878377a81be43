"""Property: for random small monorepos (Python services and routers with handlers some of
which other modules call, TS components behind nested barrels, pages, routes, dev routes and nav
links), applying every applied step of the plan, in order, leaves no reference broken after any
step, by the independent checker of tests/plan/independent.py (not our resolver)."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plan.independent import broken
from tests.plan.planrepo import FRONT_INDEX, apply_plan, make, plan

ALIAS = {"@/": "frontend/src/"}


def backend(rng: random.Random) -> tuple[dict[str, str], list[str]]:
    """Services importing lower services, routers with handlers, some routers mounted; returns
    the files and the mounted endpoint paths."""
    files = {
        "backend/app/__init__.py": "",
        "backend/app/services/__init__.py": "",
        "backend/app/api/__init__.py": "",
    }
    n_services = rng.randint(1, 4)
    funcs: dict[int, list[str]] = {}
    for i in range(n_services):
        names = [f"s{i}_{k}" for k in range(rng.randint(1, 3))]
        funcs[i] = names
        lines, uses = [], []
        for j in range(i):
            if rng.random() < 0.5:
                f = rng.choice(funcs[j])
                lines.append(f"from app.services.svc{j} import {f}")
                uses.append(f"{f}()")
        if lines:
            lines.append("")
        if rng.random() < 0.4:
            lines.append(f"LIMIT_{i} = {rng.randint(1, 9)}")
            uses.append(f"LIMIT_{i}")
        for name in names:
            body = " + ".join(["1"] + uses[: rng.randint(0, len(uses))]) if uses else "1"
            lines += ["", "", f"def {name}():", f"    return {body}"]
        files[f"backend/app/services/svc{i}.py"] = "\n".join(lines).lstrip("\n") + "\n"
    n_routers = rng.randint(1, 3)
    mounted, endpoints, handlers = [], [], []
    for r in range(n_routers):
        lines = ["from fastapi import APIRouter"]
        used = sorted({rng.randrange(n_services) for _ in range(rng.randint(0, 2))})
        for s in used:
            lines.append(f"from app.services import svc{s}")
        prior = [h for h in handlers if rng.random() < 0.3]
        for mod, h in prior[:1]:
            lines.append(f"from app.api.{mod} import {h}")
        lines += ["", "router = APIRouter()", ""]
        for k in range(rng.randint(1, 3)):
            h = f"h{r}_{k}"
            call = (
                " + ".join(
                    [f"svc{s}.{rng.choice(funcs[s])}()" for s in used if rng.random() < 0.7]
                    + [f"{ph}()" for _, ph in prior[:1] if rng.random() < 0.7]
                )
                or "0"
            )
            lines += ["", f'@router.get("/{h}")', f"def {h}():", f'    return {{"v": {call}}}', ""]
            handlers.append((f"routes{r}", h))
            endpoints.append((r, f"/api/r{r}/{h}"))
        files[f"backend/app/api/routes{r}.py"] = "\n".join(lines) + "\n"
        if r == 0 or rng.random() < 0.7:
            mounted.append(r)
    main = ["from fastapi import FastAPI", ""]
    main += [f"from app.api import routes{r}" for r in mounted]
    main += ["", "app = FastAPI()"]
    main += [f'app.include_router(routes{r}.router, prefix="/api/r{r}")' for r in mounted]
    files["backend/app/main.py"] = "\n".join(main) + "\n"
    called = [p for r, p in endpoints if r in mounted and rng.random() < 0.6]
    return files, called


def frontend(rng: random.Random, calls: list[str]) -> dict[str, str]:
    files = {
        "frontend/index.html": FRONT_INDEX,
        "frontend/package.json": '{"name": "web"}',
        "frontend/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}',
    }
    n_comp = rng.randint(2, 6)
    comps = [f"Comp{i}" for i in range(n_comp)]
    groups = {c: rng.choice(["widgets", "charts", "forms"]) for c in comps}
    for c in comps:
        files[f"frontend/src/components/{groups[c]}/{c}.tsx"] = (
            f"export function {c}() {{\n  return <div>{c}</div>;\n}}\n"
        )
    for g in sorted(set(groups.values())):
        members = [c for c in comps if groups[c] == g]
        lines = [
            f'export * from "./{c}";' if rng.random() < 0.6 else f'export {{ {c} }} from "./{c}";'
            for c in members
        ]
        files[f"frontend/src/components/{g}/index.ts"] = "\n".join(lines) + "\n"
    top = [f'export * from "./{g}";' for g in sorted(set(groups.values())) if rng.random() < 0.8]
    files["frontend/src/components/index.ts"] = "\n".join(top) + "\n" if top else "export {};\n"
    via_top = {c for c in comps if f'export * from "./{groups[c]}";' in top}
    n_pages = rng.randint(1, 4)
    pages = []
    for p in range(n_pages):
        use = rng.sample(comps, rng.randint(0, min(2, n_comp)))
        imports = []
        for c in use:
            how = rng.random()
            if c in via_top and how < 0.4:
                imports.append(f'import {{ {c} }} from "@/components";')
            elif how < 0.7:
                imports.append(f'import {{ {c} }} from "@/components/{groups[c]}";')
            else:
                imports.append(f'import {{ {c} }} from "../components/{groups[c]}/{c}";')
        body = " ".join(f"<{c} />" for c in use) or "page"
        fetches = [f'  fetch("{u}");' for u in calls if rng.random() < 0.5]
        files[f"frontend/src/pages/Page{p}.tsx"] = (
            "\n".join(
                imports
                + ["", f"export function Page{p}() {{"]
                + fetches
                + [f"  return <main>{body}</main>;", "}"]
            )
            + "\n"
        )
        pages.append(p)
    routed = [p for p in pages if p == 0 or rng.random() < 0.7]
    dev = [p for p in routed if p != 0 and rng.random() < 0.3]
    app = ['import { Routes, Route } from "react-router-dom";']
    app += [f'import {{ Page{p} }} from "./pages/Page{p}";' for p in routed]
    app += [
        'import { Nav } from "./Nav";',
        "",
        "export function App() {",
        "  return (",
        "    <>",
        "      <Nav />",
        "      <Routes>",
    ]
    for p in routed:
        path = "/" if p == 0 else (f"/lab/p{p}" if p in dev else f"/p{p}")
        app.append(f'        <Route path="{path}" element={{<Page{p} />}} />')
    app += ["      </Routes>", "    </>", "  );", "}"]
    files["frontend/src/App.tsx"] = "\n".join(app) + "\n"
    links = [p for p in routed if rng.random() < 0.6]
    nav = [
        'import { Link } from "react-router-dom";',
        "",
        "export function Nav() {",
        "  return (",
        "    <nav>",
    ]
    for p in links:
        path = "/" if p == 0 else (f"/lab/p{p}" if p in dev else f"/p{p}")
        nav.append(f'      <Link to="{path}">p{p}</Link>')
    nav += ["    </nav>", "  );", "}"]
    files["frontend/src/Nav.tsx"] = "\n".join(nav) + "\n"
    extra = [f'fetch("{u}");' for u in calls if rng.random() < 0.5]
    files["frontend/src/main.tsx"] = (
        "\n".join(
            ['import { createRoot } from "react-dom/client";', 'import { App } from "./App";']
            + extra
            + ["createRoot(document.body).render(<App />);"]
        )
        + "\n"
    )
    return files


def repository(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    files, calls = backend(rng)
    files.update(frontend(rng, calls))
    return files


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.integers(min_value=0, max_value=2**31))
def test_applying_every_step_leaves_no_reference_broken(seed):
    tmp = Path(tempfile.mkdtemp(prefix="deadcode-prop-"))
    try:
        root = make(
            tmp / "repo",
            repository(seed),
            'python_roots = ["backend"]\ndev_routes = ["/lab/*"]\n'
            'entry = ["backend/app/main.py", "frontend/src/main.tsx"]\n',
        )
        assert broken(root, ["backend"], ALIAS) == [], f"seed {seed}: the generator made a broken repo"
        plans = plan(root, cut_references=True, bundle=False)
        _, new = apply_plan(root, plans, ("backend",), ALIAS)
        assert new == [], f"seed {seed}: {new}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_the_property_has_teeth():
    """Without verification the planner breaks some of these repositories (barrels whose
    intermediate files look dead, re-exports of deleted files): the property is not vacuous."""
    broke = 0
    for seed in range(24):
        tmp = Path(tempfile.mkdtemp(prefix="deadcode-prop-"))
        try:
            root = make(
                tmp / "repo",
                repository(seed),
                'python_roots = ["backend"]\ndev_routes = ["/lab/*"]\n'
                'entry = ["backend/app/main.py", "frontend/src/main.tsx"]\n',
            )
            _, new = apply_plan(
                root, plan(root, cut_references=True, bundle=False, verify=False), ("backend",), ALIAS
            )
            broke += bool(new)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    assert broke >= 2
