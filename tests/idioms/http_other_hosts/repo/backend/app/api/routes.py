from fastapi import APIRouter

router = APIRouter()


@router.get("/user")
def user():
    return {}


@router.get("/v1/user")
def v1_user():
    return {}
