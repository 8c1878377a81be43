from fastapi import APIRouter

router = APIRouter()


@router.post("/create_thread")
def create_thread():
    return {}


@router.post("/close_thread")
def close_thread():
    return {}
