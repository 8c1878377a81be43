from app.textutil import strip_name


def create_session():
    return {"name": strip_name(" main ")}
