from fastapi import APIRouter

router = APIRouter()


@router.get("/stats")
def stats():
    return {}


@router.post("/jobs")
def create_job():
    return {}


@router.get("/jobs/{job_id}")
def get_job():
    return {}
