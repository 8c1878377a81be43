import aiohttp
import pandas as pd
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/models")
def models():
    return {"client": aiohttp.__name__, **pd.read_excel("models.xlsx").to_dict()}
