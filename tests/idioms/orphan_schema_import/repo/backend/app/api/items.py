from fastapi import APIRouter
from app import schemas_legacy

router = APIRouter()


@router.get("/items")
def list_items():
    return []


@router.get("/items/legacy-export")
def legacy_export():
    return schemas_legacy.ExportRow()
