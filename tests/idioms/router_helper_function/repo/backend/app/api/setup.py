from fastapi import FastAPI

from app.api import items, reports


def register_routers(app: FastAPI) -> None:
    app.include_router(items.router, prefix="/api")


def add_health(app: FastAPI) -> None:
    @app.get("/api/health")
    def health():
        return {"ok": True}


def register_reports(application):  # no call site: what it mounts is never placed
    application.include_router(reports.router, prefix="/api")
