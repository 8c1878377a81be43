from fastapi import FastAPI
from app.api.router import router
from app.api import items, legacy  # noqa: F401  (their decorators register on the shared router)

app = FastAPI()
app.include_router(router)
