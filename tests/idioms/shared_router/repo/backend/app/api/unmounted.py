from fastapi import APIRouter

other = APIRouter()


@other.get("/nowhere")
def nowhere():
    return {}
