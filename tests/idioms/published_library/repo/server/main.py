from fastapi import FastAPI

from memkit import Client

app = FastAPI()
client = Client()


@app.get("/health")
def health():
    return {}
