from fastapi import FastAPI

from app.events import dispatch
from app.hierarchy import filter_nodes

app = FastAPI()


@app.get("/nodes")
def nodes():
    dispatch(app, "startup")
    return filter_nodes([1, 2])
