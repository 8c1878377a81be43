"""Writes the API reference the docs site publishes."""
import json
import sys

sys.path.insert(0, "backend")
from app.main import app  # noqa: E402

if __name__ == "__main__":
    with open("docs/openapi.json", "w") as fh:
        json.dump(app.openapi(), fh, indent=2)
