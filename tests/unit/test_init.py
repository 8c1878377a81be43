"""``deadcode init`` prints a config that loads as printed and keeps every entry an entry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from deadcode.discover.config import glob_match, load_config
from deadcode.discover.init import _compress, glob_escape


def deadcode(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "deadcode", *args], capture_output=True, text=True, check=False
    )


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_glob_escape_matches_only_the_literal_path():
    pattern = glob_escape("web/app/research/[id]/page.tsx")
    assert glob_match("web/app/research/[id]/page.tsx", pattern)
    assert not glob_match("web/app/research/i/page.tsx", pattern)
    assert glob_match("a/[...slug]/x?.ts", glob_escape("a/[...slug]/x?.ts"))
    assert not glob_match("a/[...slug]/xy.ts", glob_escape("a/[...slug]/x?.ts"))


def test_compress_folds_whole_folders_only():
    files = {"p/a.ts", "p/b.ts", "p/c.ts", "q/a.ts", "q/b.ts", "q/c.ts", "q/other.ts"}
    out = _compress(["p/a.ts", "p/b.ts", "p/c.ts", "q/a.ts", "q/b.ts", "q/c.ts"], files)
    assert out == ["p/**", "q/a.ts", "q/b.ts", "q/c.ts"]  # q/ holds a file that is no entry


def test_init_output_loads_as_printed_and_names_the_same_entries(tmp_path):
    pages = {
        f"web/pages/w/[workspace_id]/p{i}/index.tsx": "export default function P() { return null; }\n"
        for i in range(4)
    }
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/main.py": "from fastapi import FastAPI\nfrom app import util\napp = FastAPI()\n",
            "app/util.py": "X = 1\n",
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["fastapi"]\n',
            "web/package.json": '{"name": "web", "scripts": {"build": "next build"}, "dependencies": {"next": "15.0.0"}}',
            "web/next.config.mjs": "export default {};\n",
            "web/app/research/[id]/page.tsx": "export default function R() { return null; }\n",
            "web/components/Dead.tsx": "export const Dead = 1;\n",
            **pages,
        },
    )
    out = deadcode("init", str(tmp_path), "--no-cache", "--quiet")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert 'python_roots = ["."]' in text
    assert '"web/app/research/[[]id]/page.tsx"' in text
    assert "# Next.js pages router page (4 files)" in text
    assert '"web/pages/**"' in text  # a folder of entries only, folded
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["fastapi"]\n\n' + text)
    config = load_config(tmp_path)  # loads as printed: no "" root, no bad glob
    assert config.python_roots == (".",)
    entries = [
        p
        for p in ["app/main.py", "web/app/research/[id]/page.tsx", *pages]
        if any(glob_match(p, g) for g in config.entry)
    ]
    assert len(entries) == 6
    assert not any(glob_match("web/components/Dead.tsx", g) for g in config.entry)
    scan = deadcode("scan", str(tmp_path), "--no-cache", "--quiet", "--format", "json")
    assert scan.returncode == 0, scan.stderr
    assert '"web/components/Dead.tsx"' in scan.stdout
