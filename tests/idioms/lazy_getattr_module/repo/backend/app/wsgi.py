from app.loader import models  # noqa: F401
