from fastapi import FastAPI

from app.api import items
from app.browser import inject_script

app = FastAPI()
app.include_router(items.router, prefix="/api")
print(inject_script())
