from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
def list_items():
    return []


@router.get("/healthz")
def healthz():
    return {"ok": True}


@router.get("/stats/daily")
def daily_stats():
    return {}
