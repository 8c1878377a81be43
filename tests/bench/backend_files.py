"""Backend file texts of the synthetic monorepo: a FastAPI app under ``backend/app``."""

from __future__ import annotations

from tests.bench.shapes import Area, Domain, Gate, pascal


def endpoints(d: Domain) -> list[tuple[str, str, str]]:
    """(method, path under the domain router, handler name)."""
    eps = [("GET", "", f"list_{d.plural}")]
    if d.search:
        eps.append(("GET", "/search", f"search_{d.plural}"))
    eps.append(("GET", "/{item_id}", f"get_{d.name}"))
    eps.append(("POST", "", f"create_{d.name}"))
    if d.update:
        eps.append(("PUT", "/{item_id}", f"update_{d.name}"))
    if d.delete:
        eps.append(("DELETE", "/{item_id}", f"delete_{d.name}"))
    if d.action:
        eps.append(("POST", f"/{{item_id}}/{d.action}", f"{d.action}_{d.name}"))
    return eps


def py_config(gates: list[Gate]) -> str:
    lines = [
        '"""Application settings, read from the environment (and .env in development)."""',
        "",
        "from functools import lru_cache",
        "",
        "from pydantic_settings import BaseSettings, SettingsConfigDict",
        "",
        "",
        "class Settings(BaseSettings):",
        '    model_config = SettingsConfigDict(env_file=".env", extra="ignore")',
        "",
        '    APP_NAME: str = "Acme Platform"',
        '    DATABASE_URL: str = "postgresql://app:app@localhost:5432/app"',
        '    SECRET_KEY: str = "change-me"',
        "    CACHE_TTL_SECONDS: int = 60",
        '    LOG_LEVEL: str = "INFO"',
        '    CORS_ORIGINS: list[str] = ["http://localhost:5173"]',
        "",
        "    # Optional integrations: off in production unless the flag says otherwise.",
    ]
    for g in gates:
        if g.boolean:
            lines.append(f"    {g.flag}: bool = False")
        else:
            lines.append(f'    {g.flag}: str = "native"  # native | {g.package} | both')
        for f in g.settings_fields:
            lines.append(f'    {f}: str = ""')
    lines += [
        "",
        "",
        "@lru_cache",
        "def get_settings() -> Settings:",
        "    return Settings()",
        "",
        "",
        "settings = get_settings()",
    ]
    return "\n".join(lines) + "\n"


CORE_PY = {
    "database": '''"""Connection pool and session scope shared by every repository."""

from contextlib import contextmanager
from typing import Any, Iterator

from app.config import settings


class Database:
    """A thin wrapper over the driver pool; one per process."""

    _default: "Database | None" = None

    def __init__(self, url: str) -> None:
        self.url = url
        self._rows: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def default(cls) -> "Database":
        if cls._default is None:
            cls._default = cls(settings.DATABASE_URL)
        return cls._default

    def fetch_all(self, table: str, **where: Any) -> list[dict[str, Any]]:
        rows = self._rows.get(table, [])
        return [r for r in rows if all(r.get(k) == v for k, v in where.items())]

    def fetch_one(self, table: str, **where: Any) -> dict[str, Any] | None:
        rows = self.fetch_all(table, **where)
        return rows[0] if rows else None

    def insert(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        rows = self._rows.setdefault(table, [])
        row = {"id": len(rows) + 1, **values}
        rows.append(row)
        return row

    def update(self, table: str, item_id: int, values: dict[str, Any]) -> dict[str, Any] | None:
        row = self.fetch_one(table, id=item_id)
        if row is not None:
            row.update(values)
        return row

    def delete(self, table: str, item_id: int) -> bool:
        rows = self._rows.get(table, [])
        kept = [r for r in rows if r.get("id") != item_id]
        self._rows[table] = kept
        return len(kept) != len(rows)


@contextmanager
def session_scope(db: Database) -> Iterator[Database]:
    """One unit of work; the real driver commits or rolls back here."""
    try:
        yield db
    except Exception:
        raise
''',
    "errors": '''"""Domain errors and their HTTP mapping."""

from fastapi import HTTPException, status


class ValidationFailed(ValueError):
    """Input that passed the schema but breaks a business rule."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def not_found(entity: str, item_id: int) -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"{entity} {item_id} not found")
''',
    "pagination": '''"""Offset pagination for list endpoints."""

from typing import Sequence, TypeVar

T = TypeVar("T")

MAX_PAGE_SIZE = 200


def paginate(items: Sequence[T], page: int, size: int) -> list[T]:
    """Items of 1-based ``page`` with ``size`` per page (capped)."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    page = max(1, page)
    start = (page - 1) * size
    return list(items[start : start + size])
''',
    "logging_setup": '''"""Structured logging for the whole backend."""

import logging
import sys

_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)
''',
    "cache": '''"""A small TTL cache for read-mostly service calls."""

import functools
import time
from typing import Any, Callable

from app.config import settings

_store: dict[tuple, tuple[float, Any]] = {}


def cached(ttl: int | None = None) -> Callable:
    """Memoize a function's result for ``ttl`` seconds (default from settings)."""
    seconds = ttl if ttl is not None else settings.CACHE_TTL_SECONDS

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
            hit = _store.get(key)
            now = time.monotonic()
            if hit is not None and now - hit[0] < seconds:
                return hit[1]
            value = fn(*args, **kwargs)
            _store[key] = (now, value)
            return value

        return wrapper

    return decorate
''',
    "security": '''"""Authentication dependency for routers."""

from dataclasses import dataclass

from fastapi import Header, HTTPException, status

from app.config import settings


@dataclass(frozen=True)
class User:
    id: int
    tenant_id: int
    is_admin: bool = False


def _decode(token: str) -> User | None:
    if not token or token == settings.SECRET_KEY:
        return None
    user_id, _, tenant = token.partition(":")
    if not user_id.isdigit() or not tenant.isdigit():
        return None
    return User(id=int(user_id), tenant_id=int(tenant))


def get_current_user(authorization: str = Header(default="")) -> User:
    user = _decode(authorization.removeprefix("Bearer ").strip())
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="not authenticated")
    return user

''',
    "events": '''"""In-process domain events (the broker adapter subscribes in production)."""

from collections import defaultdict
from typing import Any, Callable

from app.core.clock import utcnow

_subscribers: dict[str, list[Callable[[dict[str, Any]], None]]] = defaultdict(list)


def subscribe(topic: str, handler: Callable[[dict[str, Any]], None]) -> None:
    _subscribers[topic].append(handler)


def publish(topic: str, payload: dict[str, Any]) -> None:
    event = {"topic": topic, "at": utcnow().isoformat(), **payload}
    for handler in _subscribers.get(topic, []):
        handler(event)
''',
    "clock": '''"""The one place that reads the wall clock (tests freeze it)."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
''',
}


def py_main() -> str:
    return '''"""ASGI entry point: ``uvicorn app.main:app``."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api.router import api_router
from app.config import settings
from app.core.events import subscribe
from app.core.logging_setup import configure_logging, get_logger

logger = get_logger(__name__)


def _log_event(event: dict) -> None:
    logger.debug("event %s", event["topic"])


def create_app() -> FastAPI:
    configure_logging(settings.LOG_LEVEL)
    application = FastAPI(title=settings.APP_NAME)
    application.add_middleware(
        CORSMiddleware,
        allow_origins=settings.CORS_ORIGINS,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    application.include_router(api_router)
    subscribe("audit", _log_event)

    @application.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    return application


app = create_app()
'''


def py_api_router(areas) -> str:
    lines = ['"""All HTTP routes, under /api/v1."""', "", "from fastapi import APIRouter", ""]
    for a in areas:
        lines.append(f"from app.api.{a.name}.router import router as {a.name}_router")
    lines += ["", 'api_router = APIRouter(prefix="/api/v1")', ""]
    for a in areas:
        lines.append(f"api_router.include_router({a.name}_router)")
    return "\n".join(lines) + "\n"


def py_area_router(a: Area, relative: bool) -> str:
    lines = [
        f'"""{a.pascal} routes: one router per resource, mounted under /{a.url}."""',
        "",
        "from fastapi import APIRouter",
        "",
    ]
    for d in a.domains:
        if relative:
            lines.append(f"from .{d.name}_routes import router as {d.name}_router")
        else:
            lines.append(f"from app.api.{a.name}.{d.name}_routes import router as {d.name}_router")
    lines += ["", f'router = APIRouter(prefix="/{a.url}", tags=["{a.name}"])', ""]
    for d in a.domains:
        lines.append(f"router.include_router({d.name}_router)")
    return "\n".join(lines) + "\n"


def py_routes(d: Domain) -> str:
    a, P = d.area, d.P
    models = [P, f"{P}Create"] + ([f"{P}Update"] if d.update else [])
    out = [
        f'"""HTTP endpoints for {d.plural.replace("_", " ")}."""',
        "",
        "from fastapi import APIRouter, Depends, Query, " + ("Response, " if d.delete else "") + "status",
        "",
        "from app.core.errors import not_found",
        "from app.core.security import User, get_current_user",
        f"from app.models.{a.name}.{d.name} import {', '.join(models)}",
        f"from app.services.{a.name} import {d.name}_service",
        "",
        f'router = APIRouter(prefix="/{d.url}", tags=["{d.name}"])',
    ]
    for method, path, handler in endpoints(d):
        dec = {"GET": "get", "POST": "post", "PUT": "put", "DELETE": "delete"}[method]
        out += ["", ""]
        if handler.startswith("list_"):
            out += [
                f'@router.get("", response_model=list[{P}])',
                f"async def {handler}(",
                "    page: int = Query(1, ge=1),",
                "    size: int = Query(50, ge=1, le=200),",
                "    user: User = Depends(get_current_user),",
                f") -> list[{P}]:",
                f'    """List {d.plural.replace("_", " ")} of the caller\'s tenant."""',
                f"    return {d.name}_service.{handler}(user.tenant_id, page=page, size=size)",
            ]
        elif handler.startswith("search_"):
            out += [
                f'@router.get("/search", response_model=list[{P}])',
                f"async def {handler}(q: str = Query(..., min_length=2), user: User = Depends(get_current_user)) -> list[{P}]:",
                f"    return {d.name}_service.{handler}(user.tenant_id, q)",
            ]
        elif handler.startswith("get_"):
            out += [
                f'@router.get("/{{item_id}}", response_model={P})',
                f"async def {handler}(item_id: int, user: User = Depends(get_current_user)) -> {P}:",
                f"    item = {d.name}_service.{handler}(user.tenant_id, item_id)",
                "    if item is None:",
                f'        raise not_found("{d.name}", item_id)',
                "    return item",
            ]
        elif handler.startswith("create_"):
            out += [
                f'@router.post("", response_model={P}, status_code=status.HTTP_201_CREATED)',
                f"async def {handler}(payload: {P}Create, user: User = Depends(get_current_user)) -> {P}:",
                f"    return {d.name}_service.{handler}(user.tenant_id, payload)",
            ]
        elif handler.startswith("update_"):
            out += [
                f'@router.put("/{{item_id}}", response_model={P})',
                f"async def {handler}(item_id: int, payload: {P}Update, user: User = Depends(get_current_user)) -> {P}:",
                f"    item = {d.name}_service.{handler}(user.tenant_id, item_id, payload)",
                "    if item is None:",
                f'        raise not_found("{d.name}", item_id)',
                "    return item",
            ]
        elif handler.startswith("delete_"):
            out += [
                '@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)',
                f"async def {handler}(item_id: int, user: User = Depends(get_current_user)) -> Response:",
                f"    if not {d.name}_service.{handler}(user.tenant_id, item_id):",
                f'        raise not_found("{d.name}", item_id)',
                "    return Response(status_code=status.HTTP_204_NO_CONTENT)",
            ]
        else:  # action
            out += [
                f'@router.{dec}("{path}", response_model={P})',
                f"async def {handler}(item_id: int, user: User = Depends(get_current_user)) -> {P}:",
                f"    item = {d.name}_service.{handler}(user.tenant_id, item_id)",
                "    if item is None:",
                f'        raise not_found("{d.name}", item_id)',
                "    return item",
            ]
    if d.orphan:
        out += [
            "",
            "",
            "# Used by the v1 admin console, which was retired.",
            f'@router.get("/{{item_id}}/legacy-export", response_model={P})',
            f"async def legacy_export_{d.name}(item_id: int, user: User = Depends(get_current_user)) -> {P}:",
            f"    item = {d.name}_service.get_{d.name}(user.tenant_id, item_id)",
            "    if item is None:",
            f'        raise not_found("{d.name}", item_id)',
            "    return item",
        ]
    return "\n".join(out) + "\n"


def py_models(d: Domain) -> str:
    P = d.P
    out = [
        f'"""Schemas for {d.plural.replace("_", " ")}."""',
        "",
        "from datetime import datetime",
        "",
        "from pydantic import BaseModel, Field, field_validator",
        "",
        "",
        f"class {P}Base(BaseModel):",
        f'    """Fields shared by every {d.name.replace("_", " ")} schema."""',
        "",
        "    name: str = Field(..., min_length=1, max_length=120)",
    ]
    out += [f"    {f}: {t}" for f, t, _ in d.fields]
    out += [
        "",
        '    @field_validator("name")',
        "    @classmethod",
        "    def _strip_name(cls, value: str) -> str:",
        "        value = value.strip()",
        "        if not value:",
        '            raise ValueError("name must not be blank")',
        "        return value",
    ]
    out += [
        "",
        "",
        f"class {P}Create({P}Base):",
        f'    """Body of POST /{d.url}."""',
        "",
        "    tags: list[str] = Field(default_factory=list)",
    ]
    if d.update:
        out += [
            "",
            "",
            f"class {P}Update(BaseModel):",
            f'    """Body of PUT /{d.url}/{{item_id}}: every field optional."""',
            "",
            "    name: str | None = Field(default=None, min_length=1, max_length=120)",
        ]
        out += [
            f"    {f}: {t.split(' = ')[0]}{'' if 'None' in t else ' | None'} = None" for f, t, _ in d.fields
        ]
    out += [
        "",
        "",
        f"class {P}({P}Base):",
        "    id: int",
        "    tenant_id: int",
        "    created_at: datetime",
        "    updated_at: datetime | None = None",
        "",
        '    model_config = {"from_attributes": True}',
    ]
    return "\n".join(out) + "\n"


def py_repository(d: Domain) -> str:
    P = d.P
    out = [
        f'"""Persistence for {d.plural.replace("_", " ")}."""',
        "",
        "from typing import Any",
        "",
        "from app.core.clock import utcnow",
        "from app.core.database import Database, session_scope",
        "",
        "",
        f"class {P}Repository:",
        f'    table = "{d.area.name}_{d.plural}"',
        "",
        "    def __init__(self, db: Database | None = None) -> None:",
        "        self._db = db or Database.default()",
        "",
        "    def list(self, tenant_id: int) -> list[dict[str, Any]]:",
        "        with session_scope(self._db) as s:",
        "            return s.fetch_all(self.table, tenant_id=tenant_id)",
        "",
        "    def get(self, tenant_id: int, item_id: int) -> dict[str, Any] | None:",
        "        with session_scope(self._db) as s:",
        "            return s.fetch_one(self.table, tenant_id=tenant_id, id=item_id)",
        "",
        "    def insert(self, tenant_id: int, values: dict[str, Any]) -> dict[str, Any]:",
        "        with session_scope(self._db) as s:",
        '            return s.insert(self.table, {**values, "tenant_id": tenant_id, "created_at": utcnow()})',
    ]
    if d.update or d.action:
        out += [
            "",
            "    def update(self, tenant_id: int, item_id: int, values: dict[str, Any]) -> dict[str, Any] | None:",
            "        if self.get(tenant_id, item_id) is None:",
            "            return None",
            "        with session_scope(self._db) as s:",
            '            return s.update(self.table, item_id, {**values, "updated_at": utcnow()})',
        ]
    if d.delete:
        out += [
            "",
            "    def delete(self, tenant_id: int, item_id: int) -> bool:",
            "        if self.get(tenant_id, item_id) is None:",
            "            return False",
            "        with session_scope(self._db) as s:",
            "            return s.delete(self.table, item_id)",
        ]
    return "\n".join(out) + "\n"


def helper_func(d: Domain, module: str, verb: str) -> str:
    suffix = module.rpartition("_")[2] if module[-1].isdigit() else ""
    return f"{verb}_{d.name}" + (f"_{suffix}" if suffix else "")


def py_helper(d: Domain, module: str, verb: str) -> str:
    fn = helper_func(d, module, verb)
    P = d.P
    field_names = [f for f, _, _ in d.fields]
    checks = "\n".join(
        f'    if getattr(payload, "{f}", None) is None:\n        missing.append("{f}")'
        for f in field_names[:4]
    )
    return f'''"""{module.split("_")[0].capitalize()} step for {d.plural.replace("_", " ")} (called by the service on create)."""

from dataclasses import dataclass, field
from typing import Any

from app.core.errors import ValidationFailed
from app.core.logging_setup import get_logger
from app.models.{d.area.name}.{d.name} import {P}Create

logger = get_logger(__name__)

_LIMIT = {len(d.name) * 7}
_RESERVED = frozenset({{"admin", "root", "system", "{d.name}"}})


@dataclass
class _StepResult:
    tenant_id: int
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_audit(self) -> dict[str, Any]:
        return {{"step": "{verb}", "tenant_id": self.tenant_id, "missing": self.missing, "warnings": self.warnings}}


def _fields_missing(payload: {P}Create) -> list[str]:
    missing: list[str] = []
{checks}
    return missing


def _name_warnings(name: str) -> list[str]:
    warnings = []
    if name.strip().lower() in _RESERVED:
        warnings.append(f"reserved name {{name!r}}")
    if name != name.strip():
        warnings.append("leading or trailing spaces")
    if any(ch in name for ch in "<>{{}}"):
        warnings.append("markup characters")
    return warnings


def {fn}(tenant_id: int, payload: {P}Create) -> dict[str, Any]:
    """Run the {verb} step; returns what it derived for the audit trail."""
    if len(payload.name) > _LIMIT:
        raise ValidationFailed("name", f"longer than {{_LIMIT}} characters")
    result = _StepResult(tenant_id, _fields_missing(payload), _name_warnings(payload.name))
    if result.missing:
        logger.info("{fn}: tenant %s left %s empty", tenant_id, ", ".join(result.missing))
    for warning in result.warnings:
        logger.warning("{fn}: %s", warning)
    return result.as_audit()
'''


def py_service(d: Domain, domains: list[Domain]) -> str:
    a, P = d.area, d.P
    models = [P, f"{P}Create"] + ([f"{P}Update"] if d.update else [])
    out = [f'"""Business rules for {d.plural.replace("_", " ")}."""', "", "from typing import Any", ""]
    if d.gates:
        out.append("from app.config import settings")
    out += [
        "from app.core.cache import cached",
        "from app.core.errors import ValidationFailed",
        "from app.core.events import publish",
        "from app.core.logging_setup import get_logger",
        "from app.core.pagination import paginate",
        f"from app.models.{a.name}.{d.name} import {', '.join(models)}",
        f"from app.repositories.{a.name}.{d.name}_repository import {P}Repository",
    ]
    deps = [domains[j] for j in d.service_deps]
    for o in deps:
        if o.area is a:
            out.append(f"from app.services.{a.name} import {o.name}_service")
        else:
            out.append(
                f"from app.services.{o.area.name} import {o.name}_service as {o.area.name}_{o.name}_service"
            )
    for module, verb in d.py_helpers:
        out.append(f"from app.services.{a.name}.{d.name}_{module} import {helper_func(d, module, verb)}")
    for g in d.gates:
        cls = pascal(g.package) + "Service"
        out += [
            "",
            f"if {g.condition_py}:",
            f"    from app.services.{g.package}.service import {cls}",
            "else:",
            f"    {cls} = None",
        ]
    out += [
        "",
        "logger = get_logger(__name__)",
        f"_repo = {P}Repository()",
        "",
        "",
        f"def _to_model(row: dict[str, Any]) -> {P}:",
        f"    return {P}.model_validate(row)",
        "",
    ]
    out += [
        "",
        f"def list_{d.plural}(tenant_id: int, page: int = 1, size: int = 50) -> list[{P}]:",
        "    rows = _repo.list(tenant_id)",
        '    rows.sort(key=lambda r: r.get("created_at") or 0, reverse=True)',
        "    return [_to_model(r) for r in paginate(rows, page, size)]",
        "",
    ]
    if d.search:
        out += [
            "",
            f"def search_{d.plural}(tenant_id: int, q: str) -> list[{P}]:",
            "    needle = q.lower()",
            '    return [_to_model(r) for r in _repo.list(tenant_id) if needle in str(r.get("name", "")).lower()]',
            "",
        ]
    out += [
        "",
        "@cached(ttl=30)",
        f"def get_{d.name}(tenant_id: int, item_id: int) -> {P} | None:",
        "    row = _repo.get(tenant_id, item_id)",
        "    return _to_model(row) if row is not None else None",
        "",
    ]
    out += [
        "",
        f"def create_{d.name}(tenant_id: int, payload: {P}Create) -> {P}:",
        "    if not payload.name.strip():",
        '        raise ValidationFailed("name", "must not be blank")',
    ]
    for o in deps:
        alias = f"{o.name}_service" if o.area is a else f"{o.area.name}_{o.name}_service"
        out += [
            f"    if payload.tags and {alias}.get_{o.name}(tenant_id, len(payload.tags)) is None:",
            f'        logger.debug("no {o.name} for tag count %s", len(payload.tags))',
        ]
    out.append("    audit: list[dict[str, Any]] = []")
    for module, verb in d.py_helpers:
        out.append(f"    audit.append({helper_func(d, module, verb)}(tenant_id, payload))")
    for g in d.gates:
        cls = pascal(g.package) + "Service"
        out += [
            f"    if {cls} is not None:",
            f'        {cls}.from_settings().record("{d.name}.created", payload.name)',
        ]
    out += [
        '    row = _repo.insert(tenant_id, payload.model_dump(exclude={"tags"}))',
        f'    publish("{d.name}.created", {{"tenant_id": tenant_id, "id": row["id"], "audit": audit}})',
        "    return _to_model(row)",
        "",
    ]
    if d.update:
        out += [
            "",
            f"def update_{d.name}(tenant_id: int, item_id: int, payload: {P}Update) -> {P} | None:",
            "    values = payload.model_dump(exclude_unset=True)",
            "    row = _repo.update(tenant_id, item_id, values)",
            "    if row is None:",
            "        return None",
            f'    publish("{d.name}.updated", {{"tenant_id": tenant_id, "id": item_id, "fields": sorted(values)}})',
            "    return _to_model(row)",
            "",
        ]
    if d.delete:
        out += [
            "",
            f"def delete_{d.name}(tenant_id: int, item_id: int) -> bool:",
            "    deleted = _repo.delete(tenant_id, item_id)",
            "    if deleted:",
            f'        publish("{d.name}.deleted", {{"tenant_id": tenant_id, "id": item_id}})',
            "    return deleted",
            "",
        ]
    if d.action:
        out += [
            "",
            f"def {d.action}_{d.name}(tenant_id: int, item_id: int) -> {P} | None:",
            f'    row = _repo.update(tenant_id, item_id, {{"status": "{d.action}d"}})',
            f'    logger.info("{d.action} {d.name} %s for tenant %s", item_id, tenant_id)',
            "    return _to_model(row) if row is not None else None",
            "",
        ]
    if d.py_unused:
        out += [
            "",
            f"def legacy_{d.name}_totals(tenant_id: int) -> dict[str, int]:",
            '    """Totals for the old billing export; nothing calls this since the v2 reports."""',
            "    rows = _repo.list(tenant_id)",
            '    return {"count": len(rows), "named": sum(1 for r in rows if r.get("name"))}',
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def py_gated(g: Gate, module: str) -> str:
    up = g.package.upper()
    cls = pascal(g.package)
    if module == "client":
        return f'''"""HTTP client for {cls}; only loaded when {g.flag} enables it."""

from typing import Any

from app.config import settings
from app.core.logging_setup import get_logger

logger = get_logger(__name__)


class {cls}Client:
    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.sent: list[tuple[str, dict[str, Any]]] = []

    @classmethod
    def from_settings(cls) -> "{cls}Client":
        return cls(settings.{up}_URL, settings.{up}_API_KEY)

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        logger.debug("POST %s%s", self.base_url, path)
        self.sent.append((path, body))
        return {{"ok": True, "path": path}}

    def get(self, path: str) -> dict[str, Any]:
        logger.debug("GET %s%s", self.base_url, path)
        return {{"ok": True, "path": path}}
'''
    return f'''"""{cls} {module.replace("_", " ")}: kept in sync with our objects."""

from typing import Any

from app.services.{g.package}.client import {cls}Client


def push_{module}(client: {cls}Client, name: str, payload: dict[str, Any]) -> dict[str, Any]:
    body = {{"name": name, "kind": "{module}", **payload}}
    return client.post("/api/{module.replace("_", "-")}", body)


def read_{module}(client: {cls}Client, name: str) -> dict[str, Any]:
    return client.get(f"/api/{module.replace("_", "-")}/{{name}}")
'''


def py_gated_service(g: Gate) -> str:
    cls = pascal(g.package)
    mods = [m for m in g.modules if m != "client"]
    lines = [
        f'"""Facade over the {cls} integration."""',
        "",
        f"from app.services.{g.package}.client import {cls}Client",
    ]
    for m in mods:
        lines.append(f"from app.services.{g.package}.{m} import push_{m}, read_{m}")
    lines += [
        "",
        "",
        f"class {cls}Service:",
        f"    def __init__(self, client: {cls}Client) -> None:",
        "        self.client = client",
        "",
        "    @classmethod",
        f'    def from_settings(cls) -> "{cls}Service":',
        f"        return cls({cls}Client.from_settings())",
        "",
        "    def record(self, event: str, name: str) -> None:",
    ]
    if mods:
        for m in mods:
            lines.append(f'        if read_{m}(self.client, name).get("ok"):')
            lines.append(f'            push_{m}(self.client, name, {{"event": event}})')
    else:
        lines.append('        self.client.post("/api/events", {"event": event, "name": name})')
    return "\n".join(lines) + "\n"


def py_unreachable(d: Domain, with_helper: bool) -> tuple[str, str | None]:
    a, P = d.area, d.P
    helper_import = (
        f"from app.services.{a.name}.legacy_{d.name}_mapping import legacy_row\n" if with_helper else ""
    )
    main = f'''"""Nightly import from the retired v0 {d.plural.replace("_", " ")} API.

Replaced by {d.name}_service; the cron job that ran this was removed.
"""

from typing import Any

from app.core.logging_setup import get_logger
{helper_import}from app.repositories.{a.name}.{d.name}_repository import {P}Repository

logger = get_logger(__name__)


def sync_legacy_{d.plural}(tenant_id: int, rows: list[dict[str, Any]]) -> int:
    repo = {P}Repository()
    count = 0
    for raw in rows:
        values = {"legacy_row(raw)" if with_helper else "dict(raw)"}
        if not values.get("name"):
            logger.warning("skipping unnamed row %s", raw)
            continue
        repo.insert(tenant_id, values)
        count += 1
    return count
'''
    helper = None
    if with_helper:
        helper = f'''"""Column mapping of the v0 {d.plural.replace("_", " ")} export."""

from typing import Any

_RENAMES = {{"title": "name", "desc": "description", "state": "status"}}


def legacy_row(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {{}}
    for key, value in raw.items():
        out[_RENAMES.get(key, key)] = value
    return out
'''
    return main, helper
