from fastapi import APIRouter


def build():
    r = APIRouter()

    @r.get("/stats")
    def stats():
        return {}

    return r
