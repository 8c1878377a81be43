from fastapi import FastAPI

from app.api import items
from app.db.loader import discover
from app.jobs.runner import run

app = FastAPI()
app.include_router(items.router, prefix="/api")
MIGRATIONS = discover()
run("nightly")
