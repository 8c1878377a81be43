from fastapi import FastAPI

from app.pipeline import router

app = FastAPI()
app.include_router(router, prefix="/api")
