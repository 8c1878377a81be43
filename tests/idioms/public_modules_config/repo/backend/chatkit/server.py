from fastapi import FastAPI

from chatkit.message import Message

app = FastAPI()


@app.get("/api/messages")
def messages():
    return [Message()]
