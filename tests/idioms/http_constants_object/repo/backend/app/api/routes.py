from fastapi import APIRouter

router = APIRouter()


@router.get("/memories")
def list_memories():
    return {}


@router.delete("/memories/{memory_id}")
def delete_memory():
    return {}


@router.get("/memories/{memory_id}/history")
def history():
    return {}
