from fastapi import FastAPI

from app.api.items import ItemsRouter
from app.api.sessions import SessionsRouter

app = FastAPI()
items = ItemsRouter(service=None)
sessions = SessionsRouter()
app.include_router(router=items.router, prefix="/api")
app.include_router(items.admin_router, prefix="/api/admin")
app.include_router(sessions.streams.router, prefix="/api/sessions")
