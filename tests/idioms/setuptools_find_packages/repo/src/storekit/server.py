from fastapi import FastAPI

from storekit.encoding import encode

app = FastAPI()


@app.get("/keys/{key}")
def get_key(key: str):
    return encode(key)
