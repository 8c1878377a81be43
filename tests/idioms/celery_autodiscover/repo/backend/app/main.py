from fastapi import FastAPI

from app.api import items
from app.worker import celery_app

app = FastAPI()
app.include_router(items.router, prefix="/api")
app.state.celery = celery_app
