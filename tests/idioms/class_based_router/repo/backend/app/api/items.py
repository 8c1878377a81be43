from fastapi import APIRouter


class ItemsRouter:
    def __init__(self, service):
        self.service = service
        self.router = APIRouter()
        self.admin_router = APIRouter()
        self.router.add_api_route("/items", self.list_items, methods=["GET"])
        self.router.add_api_route("/items/{item_id}", self.delete_item, methods=["DELETE"])
        self.admin_router.add_api_route("/items/purge", self.purge, methods=["POST"])

    async def list_items(self):
        return []

    async def delete_item(self, item_id: str):
        return None

    async def purge(self):
        return None
