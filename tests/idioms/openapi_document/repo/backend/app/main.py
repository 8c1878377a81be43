from fastapi import FastAPI
from app.api import items, v2

app = FastAPI()
app.include_router(items.router, prefix="/api")
app.include_router(v2.router, prefix="/v2")
