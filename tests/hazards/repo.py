"""Tiny hostile repositories and the checks every hazard test makes.

``make_app`` writes a small FastAPI + React monorepo into a fresh git repository: a router the
app mounts, a service it imports, a page the router shows, a component the page renders, and
one dead file on each side. ``LIVE`` lists the files a correct tool never removes.
``run`` calls the real command line; ``snapshot`` records the bytes of every file under a
folder (symlinks by their target, fifos by their mode) so a test can prove nothing changed
inside or outside.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")

APP = {
    "backend/app/__init__.py": "",
    "backend/app/main.py": "from fastapi import FastAPI\nfrom app.api import items\n\napp = FastAPI()\n"
    'app.include_router(items.router, prefix="/api")\n',
    "backend/app/api/__init__.py": "",
    "backend/app/api/items.py": "from fastapi import APIRouter\nfrom app.services import pricing\n\n"
    'router = APIRouter()\n\n\n@router.get("/items")\ndef list_items():\n'
    "    return pricing.price()\n",
    "backend/app/services/__init__.py": "",
    "backend/app/services/pricing.py": "def price():\n    return 1\n",
    "backend/app/services/legacy.py": "def old():\n    return 2\n",
    "frontend/package.json": '{"name": "web", "private": true, "dependencies": {"react": "18"}}\n',
    "frontend/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}\n',
    "frontend/index.html": '<div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
    "frontend/src/main.tsx": 'import { createRoot } from "react-dom/client";\nimport App from "./App";\n'
    'createRoot(document.getElementById("root")!).render(<App />);\n',
    "frontend/src/App.tsx": 'import { Routes, Route } from "react-router-dom";\nimport Home from "./pages/Home";\n'
    'export default function App() {\n  return (<Routes><Route path="/" element={<Home />} />'
    "</Routes>);\n}\n",
    "frontend/src/api.ts": 'export function listItems() {\n  return fetch("/api/items");\n}\n',
    "frontend/src/pages/Home.tsx": 'import Card from "@/components/Card";\nimport { listItems } from "../api";\n'
    "export default function Home() {\n  listItems();\n  return <Card />;\n}\n",
    "frontend/src/components/Card.tsx": "export default function Card() {\n  return <div>card</div>;\n}\n",
    "frontend/src/components/Old.tsx": "export default function Old() {\n  return <div>old</div>;\n}\n",
}
LIVE = sorted(p for p in APP if not p.endswith(("legacy.py", "Old.tsx")))
DEAD = ["backend/app/services/legacy.py", "frontend/src/components/Old.tsx"]


def git(root: Path, *args: str, input: bytes | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    # fsmonitor and hooks off: tests arm hostile repositories, and only deadcode is under test
    out = subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-C", str(root), *args],
        capture_output=True,
        input=input,
        env=env,
        check=True,
    )
    return out.stdout.decode("utf-8", "surrogateescape")


def write(root: Path, files: dict[str, str | bytes | None]) -> None:
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


def make_app(root: Path, extra: dict[str, str | bytes | None] | None = None, commit: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    files: dict[str, str | bytes | None] = dict(APP)
    files.update(extra or {})
    write(root, files)
    if commit:
        git(root, "add", "-A")
        git(root, "commit", "-qm", "init")
    return root


# Starts deadcode with SIGINT at its default: a test runner in the background ignores SIGINT,
# and an ignored signal stays ignored across exec (preexec_fn is unsafe with threads).
_SIGINT_DEFAULT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, '-m', 'deadcode', *sys.argv[1:]])"
)


def deadcode_argv(*args: str) -> list[str]:
    """The command line of ``deadcode ARGS`` that Ctrl-C (SIGINT) can interrupt."""
    return [sys.executable, "-c", _SIGINT_DEFAULT, *args]


def run(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    stdout=subprocess.PIPE,
    **kw,
) -> subprocess.CompletedProcess:
    """``python -m deadcode ARGS`` with this checkout's sources."""
    full_env = {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "deadcode", *args],
        cwd=cwd,
        env=full_env,
        timeout=timeout,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        **kw,
    )


def assert_no_traceback(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in out.stderr, out.stderr
    assert "Traceback" not in (out.stdout or ""), out.stdout


def assert_one_line_error(out: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, exactly one line on stderr, naming ``words``; returns the line."""
    assert_no_traceback(out)
    assert out.returncode == 2, (out.returncode, out.stderr)
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, out.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def warnings_of(out: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in out.stderr.splitlines() if ln.startswith("warning: ")]


def snapshot(folder: Path, skip: tuple[str, ...] = (".git",)) -> dict[str, bytes]:
    """Every file under ``folder``: relative path -> bytes (a symlink -> b'-> target')."""
    out: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        rel_dir = os.path.relpath(dirpath, folder)
        dirnames[:] = [d for d in dirnames if not (rel_dir == "." and d in skip)]
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            full = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if os.path.islink(full):
                out[rel] = b"-> " + os.readlink(full).encode()
            elif not os.path.isfile(full):  # a fifo or a device: never opened (it could block)
                out[rel] = b"<special %o>" % os.lstat(full).st_mode
            else:
                with open(full, "rb") as fh:
                    out[rel] = fh.read()
    return out


def branch_deletions(root: Path, name: str) -> list[str]:
    """Files the branch ``name`` deletes relative to HEAD (repo-relative)."""
    names = git(root, "diff", "--name-only", "-z", "--diff-filter=D", "HEAD", name)
    return sorted(n for n in names.split("\0") if n)
