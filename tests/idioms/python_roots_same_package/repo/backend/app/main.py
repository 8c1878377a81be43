from fastapi import FastAPI

from app import db  # noqa: F401

app = FastAPI()
