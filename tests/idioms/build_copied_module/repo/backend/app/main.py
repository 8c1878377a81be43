from fastapi import FastAPI

from app.engine.index import get_index

app = FastAPI()


@app.get("/api/index")
def index():
    return {"index": get_index()}
