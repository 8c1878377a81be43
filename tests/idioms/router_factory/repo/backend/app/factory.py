from fastapi import FastAPI

from app.api import things, v2


def create_app() -> FastAPI:
    application = FastAPI()
    application.include_router(things.create_router(), prefix="/api")
    v2_router = v2.build()
    application.include_router(v2_router, prefix="/api/v2")

    @application.get("/api/ping")
    def ping():
        return "pong"

    return application
