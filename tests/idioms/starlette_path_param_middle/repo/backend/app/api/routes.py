from fastapi import APIRouter

router = APIRouter()


@router.get("/repository/{repository_name:path}/microagents")
def microagents():
    return {}


@router.get("/repository/{repository_name:path}/branches")
def branches():
    return {}
