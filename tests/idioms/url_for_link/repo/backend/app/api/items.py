from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
def list_items():
    return []


@router.get("/items/{item_id}/page", name="item_page")
def item_page(item_id: int):
    return {}


@router.get("/items/{item_id}/raw")
def item_raw(item_id: int):
    return {}
