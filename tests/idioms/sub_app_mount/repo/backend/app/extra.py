from fastapi import APIRouter

from app.main import app as base_app

extra_router = APIRouter(prefix="/extra")


@extra_router.get("/status")
def status():
    return {}


base_app.include_router(extra_router)
