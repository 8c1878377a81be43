from fastapi import FastAPI

from app.v1 import v1_app

app = FastAPI()
app.mount("/v1", v1_app)
app.mount("/static", StaticFiles(directory="static"))
