from fastapi import FastAPI

from app import sandbox

app = FastAPI()
