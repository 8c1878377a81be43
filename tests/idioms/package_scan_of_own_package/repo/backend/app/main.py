from fastapi import FastAPI

from app.api import items
from app.suites import discover_suites
from app.tools import load_tools

app = FastAPI()
app.include_router(items.router, prefix="/api")
SUITES = discover_suites()
TOOLS = load_tools()
