from fastapi import APIRouter

router = APIRouter()


@router.get("/stats")
def stats():
    return {}


@router.get("/reports/latest")
def latest_report():
    return {}


@router.get("/health")
def health():
    return {}


@router.get("/users/{user_id}/profile")
def profile():
    return {}


@router.post("/exports")
def create_export():
    return {}
