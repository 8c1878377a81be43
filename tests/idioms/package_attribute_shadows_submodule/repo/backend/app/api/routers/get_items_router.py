from fastapi import APIRouter


def get_items_router() -> APIRouter:
    router = APIRouter()

    @router.get("")
    def list_items():
        return []

    @router.get("/stats")
    def item_stats():
        return {}

    return router
