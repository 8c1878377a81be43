"""Tiny fixture repos made in a test: a dict of files in, findings out."""

from __future__ import annotations

import textwrap
from pathlib import Path

from deadcode.pipeline import Options, load

BACKEND_CONFIG = """
from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    API_PREFIX: str = "/api"
    ALERTING_BACKEND: str = "native"
    GRAFANA_URL: str = ""
    DATABASE_URL: str = "sqlite://"

settings = Settings()
"""

BACKEND_MAIN = """
from fastapi import FastAPI
from app.config import settings
from app.api import items

app = FastAPI()
app.include_router(items.router, prefix=settings.API_PREFIX + "/items")
"""

BACKEND_ITEMS = """
from fastapi import APIRouter

router = APIRouter()

@router.get("/{item_id}")
def get_item(item_id: int):
    return {"id": item_id}
"""

FRONT_MAIN = """
import { createRoot } from "react-dom/client";
import App from "./App";
createRoot(document.getElementById("root")!).render(<App />);
"""


def make_repo(root: Path, files: dict[str, str], config: str | None = None) -> Path:
    base = {
        "backend/app/__init__.py": "",
        "backend/app/api/__init__.py": "",
        "backend/app/config.py": BACKEND_CONFIG,
        "backend/app/main.py": BACKEND_MAIN,
        "backend/app/api/items.py": BACKEND_ITEMS,
        "frontend/index.html": '<div id="root"></div><script type="module" src="/src/main.tsx"></script>',
        "frontend/src/main.tsx": FRONT_MAIN,
        "frontend/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}',
        "frontend/src/config.ts": 'export const API_BASE = "/api";\n',
        "frontend/src/api/client.ts": 'import axios from "axios";\nimport { API_BASE } from "../config";\n'
        "export const api = axios.create({ baseURL: API_BASE });\n",
    }
    base.update(files)
    for path, text in base.items():
        if text is None:
            continue
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
    if config is not None:
        (root / "deadcode.toml").write_text(textwrap.dedent(config))
    return root


def scan(root: Path):
    loaded = load(Options(root, no_cache=True, quiet=True))
    return loaded, loaded.analysis


def kinds(analysis) -> set[tuple[str, str]]:
    """(kind, path or endpoint or symbol) of every finding."""
    out = set()
    for f in analysis.findings:
        out.add((f.kind, f.endpoint or f.symbol or f.path))
    return out
