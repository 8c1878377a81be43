from fastapi import APIRouter

router = APIRouter()


@router.get("/real")
def real():
    return {}


@router.get("/mocked")
def mocked():
    return {}
