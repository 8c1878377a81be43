from fastapi import APIRouter

from app.nodes import *  # noqa: F403  (every node class registers itself on import)

router = APIRouter()


@router.get("/items")
def list_items():
    return []
