from fastapi import APIRouter


class StreamsRouter:
    def __init__(self):
        self.router = APIRouter()
        self.router.add_api_route("/streams", self.list_streams, methods=["GET"])

    async def list_streams(self):
        return []


class SessionsRouter:
    def __init__(self):
        self.streams = StreamsRouter()
