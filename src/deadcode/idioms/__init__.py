"""The idiom registry: one line per idiom. The core stages iterate these; none names a framework.

Order matters only for the reason a file shows when several idioms make it an entry: the
first one listed wins."""

from __future__ import annotations

from deadcode.idioms import (
    alembic,
    axios,
    build_configs,
    celery,
    code_folders,
    conventions,
    fastapi,
    html_pages,
    js_path_loads,
    msw,
    nextjs,
    openapi_export,
    package_json,
    plugin_lists,
    public_assets,
    python_library,
    python_loads,
    python_scripts,
    react_email,
    react_query,
    react_router,
    run_commands,
    service_workers,
    storybook,
    stylesheets,
    swr,
    tanstack_router,
    templates,
    web_conventions,
)
from deadcode.idioms.base import Entry, Idiom, Load, Project

# HTTP clients: what a client call is and how its URL is built. The tables are data
# (http_clients.py); these idioms are asked by the TS extractor's HTTP stage (facts/ts_http.py)
# and their configuration facts are applied by the call linker (graph/ts_calls.py).
CLIENTS: tuple[Idiom, ...] = (
    axios.IDIOM,
    swr.IDIOM,
    react_query.IDIOM,
    msw.IDIOM,
    service_workers.IDIOM,
)

REGISTRY: tuple[Idiom, ...] = (
    fastapi.IDIOM,
    python_scripts.IDIOM,
    html_pages.HTML_PAGES,
    html_pages.IDIOM,
    react_router.IDIOM,
    nextjs.IDIOM,
    tanstack_router.IDIOM,
    public_assets.IDIOM,
    build_configs.IDIOM,
    storybook.IDIOM,
    stylesheets.IDIOM,
    react_email.IDIOM,
    conventions.TOOL_CONFIGS,
    conventions.FRAMEWORK_FILES,
    conventions.CI_SCRIPTS,
    alembic.IDIOM,
    run_commands.IDIOM,
    package_json.IDIOM,
    package_json.SCRIPTS,
    python_library.IDIOM,
    python_loads.IDIOM,
    js_path_loads.IDIOM,
    plugin_lists.IDIOM,
    code_folders.IDIOM,
    celery.IDIOM,
    templates.TEMPLATES,
    templates.TEMPLATE_FOLDERS,
    templates.SAMPLES,
    web_conventions.IDIOM,
    openapi_export.IDIOM,
    *CLIENTS,
)
# after every other idiom: packages still without an entry keep their files
FALLBACKS = (package_json.FALLBACK,)


def extractors(lang: str) -> tuple[Idiom, ...]:
    return tuple(i for i in REGISTRY if lang in i.langs)


def python_readers() -> tuple[Idiom, ...]:
    """Idioms that read Python files inside the Python extractor's one pass."""
    return tuple(i for i in REGISTRY if i.python_query)


__all__ = [
    "CLIENTS",
    "FALLBACKS",
    "REGISTRY",
    "Entry",
    "Idiom",
    "Load",
    "Project",
    "extractors",
    "python_readers",
]
