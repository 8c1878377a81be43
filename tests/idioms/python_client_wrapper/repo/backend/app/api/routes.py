from fastapi import APIRouter

router = APIRouter()


@router.post("/v1/memories/")
def add_memory():
    return {}


@router.get("/v1/memories/{memory_id}/")
def get_memory():
    return {}


@router.post("/v1/batch/")
def batch():
    return {}
