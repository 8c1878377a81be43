from fastapi import FastAPI

from app.api.routers import get_items_router, health
from app.ops import delete

app = FastAPI()
app.include_router(get_items_router(), prefix="/api/items")
app.include_router(health.router)
delete("tmp")
