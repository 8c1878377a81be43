from fastapi import APIRouter

router = APIRouter()


@router.get("/projects")
def projects():
    return {}


@router.get("/settings")
def settings():
    return {}


@router.get("/cache-name")
def cache_name():
    return {}
