from fastapi import FastAPI

from app.root_app import root_app
from app.v1 import v1_app

app = FastAPI()
app.mount("/v1", v1_app)
app.mount("/static", StaticFiles(directory="static"))
app.mount("/", root_app)
