from fastapi import FastAPI

root_app = FastAPI()


@root_app.get("/status")
def root_status():
    return {}
