"""Tracked code in folders named like build output (issue: open-world precision).

``build``, ``dist``, ``out``, ``env`` and ``coverage`` usually hold generated files, which are
skipped. But a project may name its own code so: onyx keeps 133 tracked modules in a namespace
package ``server/features/build/`` and a client in ``web/src/lib/build/``. Skipped, what only they
import looked certain-dead (decode.py, factory.py there). Tracked by git, such a folder is read when
it is, or sits in, a Python package, or lies under ``src``; a build folder at a project's top
(``backend/build/lib/...``, ``frontend/dist/``) stays output."""

from __future__ import annotations

from deadcode.pipeline import Options, load
from tests.hazards.repo import DEAD, make_app

EXTRA = {
    "backend/app/main.py": "from fastapi import FastAPI\nfrom app.api import items\n"
    "from app.features.build.api import router as build_router\n\napp = FastAPI()\n"
    'app.include_router(items.router, prefix="/api")\napp.include_router(build_router, prefix="/api")\n',
    "backend/app/features/__init__.py": "",
    # a namespace package (no __init__.py) named build, inside the package app.features
    "backend/app/features/build/api.py": "from fastapi import APIRouter\nfrom app.services.decode import decode\n\n"
    'router = APIRouter()\n\n\n@router.get("/build")\ndef build():\n    return decode()\n',
    "backend/app/services/decode.py": "def decode():\n    return 3\n",
    # setuptools output at the project's top: not code of ours
    "backend/build/lib/app/services/legacy.py": "def old():\n    return 2\n",
    "frontend/src/main.tsx": 'import { createRoot } from "react-dom/client";\nimport App from "./App";\n'
    'import { client } from "./lib/build/client";\n'
    'client();\ncreateRoot(document.getElementById("root")!).render(<App />);\n',
    "frontend/src/lib/build/client.ts": 'import { format } from "../../util/format";\n'
    'export function client() {\n  return format(fetch("/api/build"));\n}\n',
    "frontend/src/util/format.ts": "export function format(x: unknown) {\n  return String(x);\n}\n",
    "frontend/dist/assets/index.js": 'import "./chunk.js";\nfetch("/api/items");\n',
}


def test_code_in_output_named_folders_is_read_and_output_is_not(tmp_path):
    root = make_app(tmp_path / "repo", EXTRA)
    loaded = load(Options(root, no_cache=True, quiet=True))
    files = set(loaded.facts_run.facts)
    assert "backend/app/features/build/api.py" in files
    assert "frontend/src/lib/build/client.ts" in files
    assert not any(p.startswith(("backend/build/", "frontend/dist/")) for p in files)
    dead = sorted(f.path for f in loaded.verdicts().findings if f.kind == "unreachable")
    assert dead == sorted(DEAD)  # decode.py and format.ts live: only the build folders import them
