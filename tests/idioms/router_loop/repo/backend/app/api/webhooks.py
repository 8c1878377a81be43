from fastapi import APIRouter

router = APIRouter()


@router.post("/stripe")
def stripe():
    return None
