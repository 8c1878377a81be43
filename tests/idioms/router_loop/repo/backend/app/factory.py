from typing import List

from fastapi import FastAPI

from app.api import billing

ROUTERS = [billing.router]


def create_app(routers: List = ROUTERS) -> FastAPI:
    app = FastAPI()
    for router in routers:
        app.include_router(router, prefix="/api")
    return app
