from esperanto import AIFactory
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/models")
def models():
    return AIFactory.get_available_providers()
