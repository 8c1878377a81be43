from fastapi import FastAPI

app = FastAPI()


@app.get("/api/files/{file_path:path}")
def read_file(file_path: str):
    return file_path


@app.get("/api/blobs/{blob_id}")
def read_blob(blob_id: str):
    return blob_id


@app.get("/api/archive/{key:path}")
def read_archive(key: str):
    return key
