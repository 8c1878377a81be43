from fastapi import APIRouter

router = APIRouter(prefix="/billing")


@router.get("/invoices")
def list_invoices():
    return []


@router.post("/refunds")
def refund():
    return None
