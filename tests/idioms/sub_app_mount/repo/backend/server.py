import uvicorn

import app.extra  # noqa: F401  (adds its routes to the app)
from app.main import app

if __name__ == "__main__":
    uvicorn.run(app)
