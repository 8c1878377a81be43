from fastapi import APIRouter
from app import exporters

router = APIRouter()


@router.get("/items")
def list_items():
    return []


# deadcode: keep called by the billing service's nightly export
@router.get("/items/export")
def export_items():
    return exporters.export()


@router.get("/items/purge")
def purge_items():
    return None
