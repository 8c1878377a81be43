from fastapi import APIRouter

router = APIRouter()


@router.get("/stats")
def stats():
    return {}


@router.get("/timeline")
def timeline():
    return {}


@router.get("/users/{user_id}")
def user():
    return {}


@router.get("/audit")
def audit():
    return {}
