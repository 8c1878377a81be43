from fastapi import APIRouter

router = APIRouter(prefix="/reports")


@router.get("")
def list_reports():
    return []
