from fastapi import FastAPI

app = FastAPI()


@app.post("/list_files")
def list_files():
    return []


@app.post("/upload_file")
def upload_file():
    return {}
