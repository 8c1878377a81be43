from fastapi import FastAPI

v1_app = FastAPI()


@v1_app.get("/items")
def list_items():
    return []


@v1_app.get("/old-report")
def old_report():
    return []
