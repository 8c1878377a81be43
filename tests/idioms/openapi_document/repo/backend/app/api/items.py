from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
def list_items():
    return []


@router.get("/items/export")
def export_items():
    return []


@router.delete("/items/purge")
def purge_items():
    return None
