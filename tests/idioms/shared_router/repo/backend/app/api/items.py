from app.api.router import router


@router.get("/items")
def list_items():
    return []
