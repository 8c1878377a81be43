"""unified_diff output is applied with ``git apply`` in a throwaway repository."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from deadcode.plan.diff import combine, patch_bytes, unified_diff

ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
ENV.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})


def git(root: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, env=ENV, input=input, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "r"
    root.mkdir()
    assert git(root, "init", "-q").returncode == 0
    return root


def check_and_apply(root: Path, files: dict[str, bytes], patch: str) -> None:
    """Write ``files``, run ``git apply --check`` then ``git apply`` on the patch."""
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    raw = patch_bytes(patch)
    proc = git(root, "apply", "--check", "-", input=raw)
    assert proc.returncode == 0, proc.stderr.decode() + "\n" + patch
    proc = git(root, "apply", "-", input=raw)
    assert proc.returncode == 0, proc.stderr.decode()


CASES = [
    ("modify middle", b"a\nb\nc\nd\ne\nf\ng\nh\n", b"a\nb\nc\nD\ne\nf\ng\nh\n"),
    ("remove first line", b"import x\n\nfoo()\n", b"foo()\n"),
    ("append to file without newline", b"x", b"x\ny\n"),
    ("drop the final newline", b"x\ny\n", b"x\ny"),
    ("change last line without newline", b"a\nb", b"a\nc"),
    (
        "two far hunks",
        b"".join(b"%d\n" % i for i in range(40)),
        b"".join(b"%d\n" % i for i in range(40)).replace(b"\n3\n", b"\nthree\n").replace(b"\n35\n", b"\n"),
    ),
    ("crlf", b"a\r\nb\r\nc\r\n", b"a\r\nc\r\n"),
    ("latin-1 bytes", b"caf\xe9\nold\n", b"caf\xe9\nnew\n\xff\n"),
    ("to empty", b"a\nb\n", b""),
    ("from empty", b"", b"a\n"),
]


@pytest.mark.parametrize("label,old,new", CASES, ids=[c[0] for c in CASES])
def test_modification_applies(repo: Path, label: str, old: bytes, new: bytes):
    patch = unified_diff("src/f.txt", old, new)
    assert patch.startswith("diff --git a/src/f.txt b/src/f.txt\n--- a/src/f.txt\n+++ b/src/f.txt\n@@ ")
    check_and_apply(repo, {"src/f.txt": old}, patch)
    assert (repo / "src/f.txt").read_bytes() == new


def test_exact_text_of_a_small_diff():
    assert unified_diff("p.py", b"a\nb\nc\n", b"a\nc") == (
        "diff --git a/p.py b/p.py\n--- a/p.py\n+++ b/p.py\n@@ -1,3 +1,2 @@\n a\n-b\n-c\n+c\n"
        "\\ No newline at end of file\n"
    )
    assert unified_diff("p.py", b"x\n", b"x\n") == ""


def test_new_and_deleted_files(repo: Path):
    patch = combine(
        [
            unified_diff("gone.py", b"bye\n", None),
            unified_diff("new/dir/file.ts", None, b"export {}\n"),
            unified_diff("nonl.txt", None, b"no newline"),
            unified_diff("empty_new", None, b""),
            unified_diff("empty_gone", b"", None),
        ]
    )
    assert "deleted file mode 100644\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n" in patch
    assert "new file mode 100644\n--- /dev/null\n+++ b/new/dir/file.ts\n@@ -0,0 +1 @@\n+export {}\n" in patch
    check_and_apply(repo, {"gone.py": b"bye\n", "empty_gone": b""}, patch)
    assert not (repo / "gone.py").exists() and not (repo / "empty_gone").exists()
    assert (repo / "new/dir/file.ts").read_bytes() == b"export {}\n"
    assert (repo / "nonl.txt").read_bytes() == b"no newline"
    assert (repo / "empty_new").read_bytes() == b""


@pytest.mark.parametrize("path", ["with space/a b.txt", 'quo"te.txt', "ünïcode/ß.py", "back\\slash.txt"])
def test_awkward_paths(repo: Path, path: str):
    patch = combine([unified_diff(path, b"1\n", b"2\n"), unified_diff(path + ".new", None, b"n\n")])
    check_and_apply(repo, {path: b"1\n"}, patch)
    assert (repo / path).read_bytes() == b"2\n"
    assert (repo / (path + ".new")).read_bytes() == b"n\n"


def test_patches_in_sequence_like_plan_steps(repo: Path):
    """Step 2 is computed on step 1's result: both apply in order."""
    v0, v1, v2 = b"import a\nimport b\n\nuse(a, b)\n", b"import a\n\nuse(a, b)\n", b"import a\n\nuse(a)\n"
    check_and_apply(repo, {"m.py": v0, "b.py": b"B = 1\n"}, unified_diff("m.py", v0, v1))
    check_and_apply(repo, {}, unified_diff("m.py", v1, v2) + unified_diff("b.py", b"B = 1\n", None))
    assert (repo / "m.py").read_bytes() == v2 and not (repo / "b.py").exists()


def test_combine_skips_empty_and_terminates():
    assert (
        combine(["", "diff --git a/x b/x\nnew file mode 100644\n", ""])
        == "diff --git a/x b/x\nnew file mode 100644\n"
    )


LINES = st.lists(st.sampled_from([b"a", b"b", b"c", b"", b"  x", b"\xe9", b"a\r"]), max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=LINES, new=LINES, old_nl=st.booleans(), new_nl=st.booleans())
def test_random_edits_apply(tmp_path: Path, old, new, old_nl, new_nl):
    def join(lines, nl):
        data = b"\n".join(lines)
        return data + b"\n" if nl and lines else data

    a, b = join(old, old_nl), join(new, new_nl)
    patch = unified_diff("f.txt", a, b)
    if a == b:
        assert patch == ""
        return
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    git(root, "init", "-q")
    check_and_apply(root, {"f.txt": a}, patch)
    assert (root / "f.txt").read_bytes() == b


def test_big_repetitive_file_is_fast(repo: Path):
    lines = [(b"    x = %d\n" % (i % 50)) if i % 3 else b"\n" for i in range(20000)]
    old, new = b"".join(lines), b"".join(lines[:10000] + lines[10001:])
    start = time.monotonic()
    patch = unified_diff("big.py", old, new)
    assert time.monotonic() - start < 2.0
    assert patch.count("\n@@ ") == 1
    check_and_apply(repo, {"big.py": old}, patch)
    assert (repo / "big.py").read_bytes() == new
