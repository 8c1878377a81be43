from .get_items_router import get_items_router
