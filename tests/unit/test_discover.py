"""File discovery: git and walk, skipped folders, binary, huge, non-UTF-8 and symlinks."""

import subprocess

from deadcode.discover.files import MAX_BYTES, discover, read_source
from deadcode.facts.runner import read_inputs


def test_walk_skips_dependency_folders_and_symlinks(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.ts").write_text("export const a = 1\n")
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "i.js").write_text("")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "link.py").symlink_to(tmp_path / "src" / "a.ts")
    d = discover(tmp_path)
    assert [f.path for f in d.files] == ["src/a.ts"]
    assert any("link.py: symlink skipped" in w for w in d.warnings)
    assert not d.git


def test_git_listing_respects_gitignore(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("gen/\n")
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "x.py").write_text("x = 1\n")
    (tmp_path / "app.py").write_text("x = 1\n")
    d = discover(tmp_path)
    assert d.git
    assert [f.path for f in d.files if f.kind != "text"] == ["app.py"]


def test_huge_files_are_scanned_for_imports_only(tmp_path):
    (tmp_path / "big.py").write_bytes(b"import app.used\n" + b"x = 1\n" * (MAX_BYTES // 6 + 10))
    d = discover(tmp_path)
    assert [f.path for f in d.files] == ["big.py"]
    read = read_source(tmp_path, "big.py")
    assert read.problem.startswith("over the 2048 KiB limit")
    facts = read_inputs(tmp_path, d.files).scanned["big.py"]
    assert facts.unreadable == read.problem
    assert [i.module for i in facts.py.imports] == ["app.used"]


def test_binary_and_non_utf8_are_reported_not_raised(tmp_path):
    (tmp_path / "bin.py").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.py").write_bytes("x = 'é'\n".encode("latin-1"))
    assert read_source(tmp_path, "bin.py").problem == "binary content"
    assert (
        read_source(tmp_path, "latin.py").problem is None
    )  # parsed with the bad bytes replaced, then flagged
    assert read_source(tmp_path, "missing.py").data is None
