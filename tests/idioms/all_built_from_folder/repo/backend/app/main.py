from fastapi import FastAPI

from app.assets import ICONS
from app.graph import router

app = FastAPI()
app.include_router(router, prefix="/api")
print(len(ICONS))
