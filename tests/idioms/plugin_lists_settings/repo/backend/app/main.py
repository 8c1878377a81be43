from fastapi import FastAPI

from app import settings  # noqa: F401

app = FastAPI()
