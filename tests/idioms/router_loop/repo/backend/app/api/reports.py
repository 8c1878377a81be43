from fastapi import APIRouter

router = APIRouter()


@router.get("/daily")
def daily():
    return []
