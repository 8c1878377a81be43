from fastapi import FastAPI

from app import client

app = FastAPI()
client.Client
