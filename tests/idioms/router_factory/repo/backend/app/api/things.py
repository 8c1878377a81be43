from fastapi import APIRouter


def create_router() -> APIRouter:
    router = APIRouter(prefix="/things")

    @router.get("")
    def list_things():
        return []

    @router.delete("/{thing_id}")
    def delete_thing(thing_id: int):
        return None

    return router
