"""build_branch / verify_in_worktree in throwaway repositories: the user's working tree, index,
stash and HEAD stay exactly as they were."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from deadcode.gitops import branch as B
from deadcode.gitops.branch import BranchError, Step, build_branch, verify_in_worktree

ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
ENV.update(
    {
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
)


def git(root: Path, *args: str, input: bytes | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=root, env=ENV, input=input, capture_output=True, check=True)
    return proc.stdout.decode()


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch) -> Path:
    # build_branch reads the identity through git: give it the test one
    for k in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_NOSYSTEM",
    ):
        monkeypatch.setenv(k, ENV[k])
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "app").mkdir()
    (root / "app" / "main.py").write_bytes(b"import os\nimport budgets\n\nprint(1)\n")
    (root / "app" / "budgets.py").write_bytes(b"X = 1\n")
    (root / "run.sh").write_bytes(b"#!/bin/sh\necho hi\n")
    (root / "run.sh").chmod(0o755)
    (root / "notes.txt").write_bytes(b"notes\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "init")
    return root


def snapshot(root: Path) -> dict:
    """Everything the user could notice: status, index, stash, HEAD, branches, file bytes."""
    files = {}
    for p in sorted(root.rglob("*")):
        if ".git" in p.relative_to(root).parts or not p.is_file():
            continue
        files[p.relative_to(root).as_posix()] = p.read_bytes()
    index = (root / ".git" / "index").read_bytes()  # before ``git status``, which may refresh it
    return {
        "index": index,
        "status": git(root, "status", "--porcelain", "--untracked-files=all"),
        "stash": git(root, "stash", "list"),
        "head": (root / ".git" / "HEAD").read_bytes(),
        "head_sha": git(root, "rev-parse", "HEAD"),
        "branches": set(
            git(root, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads").splitlines()
        ),
        "files": files,
    }


def make_user_mess(root: Path) -> None:
    """A stash, a staged change, an unstaged change and an untracked file."""
    (root / "notes.txt").write_bytes(b"stashed\n")
    git(root, "stash", "-q")
    (root / "notes.txt").write_bytes(b"staged\n")
    git(root, "add", "notes.txt")
    (root / "app" / "budgets.py").write_bytes(b"X = 2  # unstaged\n")
    (root / "scratch.txt").write_bytes(b"untracked\n")


def steps() -> list[Step]:
    return [
        Step(
            "cut the import of budgets\n\n- app/main.py imports app/budgets.py",
            {"app/main.py": b"import os\n\nprint(1)\n"},
        ),
        Step("delete app/budgets.py", {"app/budgets.py": None}),
        Step("add a file", {"docs/new.md": b"new\n"}),
    ]


def test_branch_commits_without_touching_the_user_state(repo: Path):
    make_user_mess(repo)
    before = snapshot(repo)
    result = build_branch(repo, "deadcode/cleanup", steps())
    assert snapshot(repo) == {
        **before,
        "branches": before["branches"] | {f"refs/heads/deadcode/cleanup {result.head}"},
    }
    assert result.base == before["head_sha"].strip()
    assert len(result.commits) == 3 and result.commits[-1] == result.head
    log = git(repo, "log", "--format=%s|%b|", f"{result.base}..deadcode/cleanup").split("|\n")
    assert [entry.split("|")[0] for entry in log if entry] == [
        "add a file",
        "delete app/budgets.py",
        "cut the import of budgets",
    ]
    assert "- app/main.py imports app/budgets.py" in log[2]
    assert git(repo, "show", "deadcode/cleanup:app/main.py") == "import os\n\nprint(1)\n"
    assert "app/budgets.py" not in git(repo, "ls-tree", "-r", "--name-only", "deadcode/cleanup")
    assert git(repo, "show", "deadcode/cleanup:docs/new.md") == "new\n"
    # untouched files keep their content and mode
    assert git(repo, "ls-tree", "deadcode/cleanup", "run.sh").split()[0] == "100755"
    assert git(repo, "show", "deadcode/cleanup:notes.txt") == "notes\n"
    # each commit is one step: the first only edits main.py
    assert git(repo, "diff", "--name-status", result.base, result.commits[0]) == "M\tapp/main.py\n"
    assert git(repo, "diff", "--name-status", result.commits[0], result.commits[1]) == "D\tapp/budgets.py\n"


def test_existing_branch_refused_then_replaced_with_force(repo: Path):
    git(repo, "branch", "taken")
    old = git(repo, "rev-parse", "taken").strip()
    with pytest.raises(BranchError, match="already exists"):
        build_branch(repo, "taken", steps())
    assert git(repo, "rev-parse", "taken").strip() == old
    result = build_branch(repo, "taken", steps(), force=True)
    assert result.replaced == old
    assert git(repo, "rev-parse", "taken").strip() == result.head != old


def test_force_refuses_the_checked_out_branch(repo: Path):
    before = snapshot(repo)
    with pytest.raises(BranchError, match="checked out"):
        build_branch(repo, "main", steps(), force=True)
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    "name", ["", "-x", "a..b", "has space", "end.lock", "@{-1}", "x/", "a~1", "-", "HEAD", "a:b"]
)
def test_invalid_names_refused(repo: Path, name: str):
    with pytest.raises(BranchError, match="invalid branch name"):
        build_branch(repo, name, steps())


def test_failure_mid_way_leaves_no_branch(repo: Path, monkeypatch):
    before = snapshot(repo)
    calls = []
    real = B._commit_step

    def flaky(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressed ctrl-C during step 2
        return real(*args)

    monkeypatch.setattr(B, "_commit_step", flaky)
    with pytest.raises(KeyboardInterrupt):
        build_branch(repo, "half", steps())
    assert snapshot(repo) == before
    assert git(repo, "branch", "--list", "half") == ""


def test_a_bad_step_is_a_branch_error_and_leaves_no_branch(repo: Path):
    before = snapshot(repo)
    bad = steps()[:1] + [Step("escape", {"../outside.txt": b"x"})]
    with pytest.raises(BranchError, match="not a path inside the repository"):
        build_branch(repo, "bad", bad)
    # a file where a folder is: git refuses the tree, one line, no branch
    with pytest.raises(BranchError) as err:
        build_branch(repo, "bad", [Step("clash", {"app": b"file over folder\n"})])
    assert "\n" not in str(err.value)
    assert snapshot(repo) == before


def test_not_a_repository_and_no_commits(tmp_path: Path):
    with pytest.raises(BranchError, match="not a git repository"):
        build_branch(tmp_path, "x", steps())
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(BranchError, match="no commits"):
        build_branch(empty, "x", steps())


def test_root_in_a_subfolder_prefixes_paths(repo: Path):
    result = build_branch(repo / "app", "sub", [Step("edit", {"main.py": b"print(2)\n"})])
    assert git(repo, "show", "sub:app/main.py") == "print(2)\n"
    assert git(repo, "diff", "--name-only", result.base, result.head) == "app/main.py\n"


def test_dirty_edited_file_is_reported(repo: Path):
    (repo / "app" / "main.py").write_bytes(b"import os\nimport budgets\n\nprint(3)\n")
    result = build_branch(repo, "w", steps())
    assert result.warnings == [
        "app/main.py: has uncommitted changes: they are not in the branch (it is planned and built from HEAD)"
    ]


def test_identity_falls_back_when_none_is_configured(repo: Path, monkeypatch, tmp_path: Path):
    for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("EMAIL", "")
    git(repo, "config", "user.useConfigOnly", "true")
    result = build_branch(repo, "anon", steps()[:1])
    assert git(repo, "log", "-1", "--format=%an <%ae>", result.head) == "deadcode <deadcode@localhost>\n"


def test_verify_in_worktree_runs_commands_on_the_branch(repo: Path):
    build_branch(repo, "v", steps())
    before = snapshot(repo)
    results = verify_in_worktree(
        repo,
        "v",
        ["true", "false", "test ! -e app/budgets.py && cat docs/new.md", "echo out; echo err >&2; exit 3"],
    )
    assert [r.returncode for r in results] == [0, 1, 0, 3]
    assert results[2].output_tail == "new"
    assert results[3].output_tail == "out\nerr"
    assert snapshot(repo) == before
    assert git(repo, "worktree", "list").count("\n") == 1


def test_verify_timeout_kills_the_command(repo: Path):
    build_branch(repo, "v", steps()[:1])
    [r] = verify_in_worktree(repo, "v", ["sleep 30"], timeout=0.5)
    assert r.timed_out and r.returncode == 124 and r.seconds < 10


def test_verify_unknown_branch(repo: Path):
    with pytest.raises(BranchError, match="no branch nope"):
        verify_in_worktree(repo, "nope", ["true"])


def test_file_and_folder_swaps(repo: Path):
    with pytest.raises(BranchError, match="notes.txt is a file in the tree"):
        build_branch(repo, "s", [Step("under a file", {"notes.txt/x": b"x\n"})])
    # a folder replaced by a file in one step is fine when the folder's files all go
    result = build_branch(
        repo,
        "s",
        [
            Step("swap", {"app/main.py": None, "app/budgets.py": None, "app": b"f\n"}),
            Step("gone already", {"app/main.py": None}),
        ],
    )
    assert git(repo, "ls-tree", "--name-only", "s") == "app\nnotes.txt\nrun.sh\n"
    assert result.warnings == ["app/main.py: not in the tree, nothing to delete"]
