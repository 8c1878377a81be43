from fastapi import FastAPI

from app.api import orders, reports, users, webhooks

app = FastAPI()
ROUTERS = [users.router, orders.router]
for r in ROUTERS:
    app.include_router(r, prefix="/api")
for router, prefix in [(reports.router, "/api/reports"), (webhooks.router, "/hooks")]:
    app.include_router(router, prefix=prefix)
