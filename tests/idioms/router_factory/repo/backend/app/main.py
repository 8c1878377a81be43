from app.factory import create_app

app = create_app()


@app.get("/api/version")
def version():
    return "1"
