from fastapi import FastAPI

from app.events import dispatch
from app.hierarchy import filter_nodes
from app.probes import runtime_missing

app = FastAPI()


@app.get("/nodes")
def nodes():
    dispatch(app, "startup")
    if runtime_missing("crawler"):
        return []
    return filter_nodes([1, 2])
