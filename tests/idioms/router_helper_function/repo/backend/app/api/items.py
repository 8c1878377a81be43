from fastapi import APIRouter

router = APIRouter(prefix="/items")


@router.get("")
def list_items():
    return []


@router.get("/legacy-export")
def legacy_export():
    return []
