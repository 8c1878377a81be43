from fastapi import FastAPI

from app.api import setup

app = FastAPI()
setup.register_routers(app)
setup.add_health(app=app)
