from fastapi import APIRouter

router = APIRouter()


@router.get("/v1/items/list")
def items():
    return {}


@router.get("/v1/stats")
def stats():
    return {}


@router.get("/v1/sheets/{sheet_id}")
def sheet():
    return {}
