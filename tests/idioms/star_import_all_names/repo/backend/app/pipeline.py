from fastapi import APIRouter

from app.filters import *  # noqa: F403

router = APIRouter()


@router.get("/items")
def list_items():
    return [sharpen.apply(1)]  # noqa: F405
