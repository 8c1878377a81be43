from fastapi import FastAPI
import yaml
from app.api import items

app = FastAPI()
app.include_router(items.router, prefix="/api")
CONFIG = yaml.safe_load("a: 1")
