from pathlib import Path

# a data folder listed at import time: it loads no module
ICONS = sorted(p.name for p in (Path(__file__).parent / "icons").glob("*.svg"))
