from pathlib import Path

APP_DIR = Path(__file__).parent


def inject_script() -> str:
    path = f"{APP_DIR}/scraper/dom_utils.js"  # injected into every page
    return open(path).read()
