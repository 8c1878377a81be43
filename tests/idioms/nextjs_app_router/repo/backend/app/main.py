from fastapi import FastAPI

app = FastAPI()


@app.delete("/api/reports")
def clear_reports():
    """The Python API also serves this path; no client calls it."""
    return {"ok": True}
