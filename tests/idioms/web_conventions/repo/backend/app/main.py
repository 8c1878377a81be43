from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def index():
    return {"name": "demo"}


@app.get("/.well-known/security.txt")
def security_txt():
    return "Contact: security@example.com"


@app.post("/api/slack/on-event")
def slack_event(payload: dict):
    return {"ok": True}


@app.get("/api/reports/legacy")
def legacy_report():
    return {}


@app.get("/api/index")
def index_lookalike():
    return {}


@app.get("/github-auth")
def github_auth(code: str):
    return {"code": code}


@app.post("/api/authors/merge")
def merge_authors():
    return None
