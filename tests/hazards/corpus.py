"""A bad-input corpus: many small hostile repositories, every command run on each, four counts.

Each case is the small app of ``tests/hazards/repo.py`` with one thing made hostile: a live
file in another encoding, binary, huge or nested too deeply; a config file broken, nested 5,000
deep or binary; a strange file name; a symlink where deadcode writes; the repository's git
config armed with programs; no commits; a dirty tree. Every command runs on it (scan, check,
plan, graph, init, report, explain, branch), some under kill -9 and Ctrl-C, and the runner
counts what issue 14 asks for:

- ``tracebacks``: runs whose output holds a Python traceback;
- ``writes_outside``: cases where a file outside the repository changed (a sentinel folder next
  to it, and the folder a committed symlink points at), or where the working tree, index or
  HEAD changed beyond deadcode's own files (the cache, the report);
- ``live_deleted``: live files (``repo.LIVE``) that a branch deletes;
- ``hung``: runs that hit the timeout, and processes left running after kill -9 or Ctrl-C.

    python tests/hazards/corpus.py [--every N] [--jobs 2] [--json FILE]

prints one line per case with problems and the totals; exit 1 when a count is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.hazards.repo import APP, LIVE, SRC, deadcode_argv, git, make_app, snapshot

TIMEOUT = 120.0
OWN = (".deadcode-cache", "reports")  # what deadcode may write inside a repository

DEEP_JSON = "[" * 5000 + "]" * 5000
DEEP_TOML = "x = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_PY_DEFAULT = "\nclass Settings(BaseSettings):\n    X: int = " + "(" * 3000 + "1" + ")" * 3000 + "\n"


def _encodings(path: str, text: str) -> dict[str, bytes]:
    raw = text.encode()
    out = {
        "latin1": (text + ("# " if path.endswith(".py") else "// ") + "caf\xe9\n").encode("latin-1"),
        "utf16le": ("\ufeff" + text).encode("utf-16-le"),
        "utf16be": ("\ufeff" + text).encode("utf-16-be"),
        "nul-prefix": b"\x00\x00" + raw,
        "nul-middle": raw[: len(raw) // 2] + b"\x00" + raw[len(raw) // 2 :],
        "huge": raw + (b"#" if path.endswith(".py") else b"//") + b"x" * (2 * 1024 * 1024 + 16) + b"\n",
        "cut-utf8": raw + "é".encode()[:1],
        "crlf-bom": b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"),
        "utf32": ("\ufeff" + text).encode("utf-32-le"),
        "cr-only": raw.replace(b"\n", b"\r"),
        "long-line": raw + (b"# " if path.endswith(".py") else b"// ") + b"y" * 1_500_000 + b"\n",
    }
    if path.endswith(".py"):
        out["deep"] = ("from pydantic_settings import BaseSettings\n" + text + DEEP_PY_DEFAULT).encode()
    return out


def cases() -> list[tuple[str, dict]]:
    """(name, spec): spec has ``files`` (path -> content, None deletes), and optional ``setup``."""
    out: list[tuple[str, dict]] = []
    for path in LIVE:
        text = APP[path]
        if not text or not path.endswith((".py", ".ts", ".tsx")):
            continue
        for enc, data in _encodings(path, text).items():
            out.append((f"{enc}:{path}", {"files": {path: data}}))
    for path in ("frontend/tsconfig.json", "frontend/package.json", "frontend/index.html"):
        for kind, data in (
            ("invalid", "{ not json"),
            ("deep", DEEP_JSON),
            ("binary", b"\xff\xfe\x00\x00\x01"),
            ("empty", ""),
            ("utf16", ("\ufeff" + APP[path]).encode("utf-16-le")),
            ("huge", APP[path] + " " * (3 * 1024 * 1024)),
            ("nul", b"\x00" + APP[path].encode()),
        ):
            out.append((f"{kind}:{path}", {"files": {path: data}}))
    escapes = {
        "tsconfig-extends-outside": {
            "frontend/tsconfig.json": '{"extends": "../../../../../../etc/hostname"}'
        },
        "tsconfig-paths-outside": {
            "frontend/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["../../../../*"]}}}'
        },
        "import-outside": {
            "frontend/src/pages/Home.tsx": 'import "../../../../outside/secret";\n'
            + APP["frontend/src/pages/Home.tsx"]
        },
        "script-outside": {
            "frontend/index.html": '<script type="module" src="../../outside/x.js"></script>\n'
        },
    }
    for name, files in escapes.items():
        out.append((f"escape:{name}", {"files": files}))
    out.append(
        (
            "deep:tsconfig.base",
            {
                "files": {
                    "frontend/tsconfig.json": '{"extends": "./tsconfig.base.json"}',
                    "frontend/tsconfig.base.json": DEEP_JSON,
                }
            },
        )
    )
    out.append(
        (
            "extends-dev-zero",
            {
                "files": {
                    "frontend/tsconfig.json": '{"extends": "zero/tsconfig.json", '
                    '"compilerOptions": {"baseUrl": ".", '
                    '"paths": {"@/*": ["src/*"]}}}'
                },
                "setup": "zero-link",
            },
        )
    )
    for name, data in (
        ("deadcode.toml", DEEP_TOML),
        ("pyproject.toml", DEEP_TOML),
        ("deadcode.toml", b"\xff\xfe\x00x"),
        ("deadcode.toml", 'exclude = ["frontend/.."]\n'),
        ("deadcode.toml", '[[groups]]\nname = "g"\nremove = ["path:frontend/.."]\n'),
        ("deadcode.toml", 'dev_roots = ["."]\n'),
        ("pyproject.toml", "[tool.deadcode\n"),
        ("backend/pyproject.toml", DEEP_TOML),
    ):
        out.append((f"config:{name}:{len(out)}", {"files": {name: data}}))
    names = {
        "backslash-twin": {
            "frontend/src/pages/back\\slash.tsx": "export const X = 1;\n",
            "frontend/src/pages/back/slash.tsx": "export const Y = 2;\n",
        },
        "newline-name": {
            "frontend/src/components/evil\n::error file=x::INJECTED.tsx": "export const Z = 1;\n"
        },
        "control-name": {"backend/app/\x1b[31mred.py": "X = 1\n"},
        "dash-name": {"backend/app/-rf.py": "X = 1\n"},
        "space-name": {"frontend/src/components/My Card.tsx": "export const W = 1;\n"},
        "long-name": {"backend/app/" + "a" * 200 + ".py": "X = 1\n"},
        "nfd-name": {"frontend/src/components/Cafe\u0301.tsx": "export const V = 1;\n"},
    }
    for name, files in names.items():
        out.append((f"name:{name}", {"files": files}))
    out.append(("name:not-utf8", {"files": {}, "setup": "latin1-name"}))
    for setup in (
        "cache-symlink",
        "cache-gitignore-link",
        "cache-journal-link",
        "baseline-symlink",
        "reports-symlink",
        "source-symlink-out",
        "fifo-source",
        "pickle-cache",
        "garbage-cache",
        "hostile-git-config",
        "dirty-route",
        "no-commits",
        "not-git",
        "tracked-cache",
        "detached-head",
        "submodule-entry",
        "source-dir-symlink",
        "baseline-fifo",
        "cache-is-file",
        "output-fifo",
    ):
        out.append((f"setup:{setup}", {"files": {}, "setup": setup}))
    return out


# ------------------------------------------------------------------------------ one case


@dataclass
class CaseResult:
    name: str
    runs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    writes_outside: list[str] = field(default_factory=list)
    live_deleted: list[str] = field(default_factory=list)
    hung: list[str] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return len(self.tracebacks) + len(self.writes_outside) + len(self.live_deleted) + len(self.hung)


def _setup(case_dir: Path, root: Path, what: str | None) -> None:
    outside = case_dir / "outside"
    if what == "zero-link":
        (root / "frontend" / "node_modules" / "zero").mkdir(parents=True)
        (root / "frontend" / "node_modules" / "zero" / "tsconfig.json").symlink_to("/dev/zero")
    elif what == "latin1-name":
        (root / "frontend" / "src").joinpath(b"bad\xe9.tsx".decode("utf-8", "surrogateescape")).write_text(
            'import Old from "./components/Old";\n'
        )
    elif what == "cache-symlink":
        (root / ".deadcode-cache").symlink_to(outside, target_is_directory=True)
    elif what == "cache-gitignore-link":
        (root / ".deadcode-cache").mkdir()
        (root / ".deadcode-cache" / ".gitignore").symlink_to(outside / "created-by-gitignore")
    elif what == "cache-journal-link":
        (root / ".deadcode-cache").mkdir()
        (root / ".deadcode-cache" / "deadcode.sqlite-journal").symlink_to(outside / "journal")
    elif what == "baseline-symlink":
        (root / ".deadcode-baseline.json").symlink_to(outside / "bashrc")
    elif what == "reports-symlink":
        (root / "reports").symlink_to(outside, target_is_directory=True)
    elif what == "source-symlink-out":
        (root / "backend" / "app" / "linked.py").symlink_to(outside / "secret.py")
    elif what == "source-dir-symlink":
        (root / "frontend" / "src" / "vendor").symlink_to(outside, target_is_directory=True)
    elif what == "baseline-fifo":
        os.mkfifo(root / ".deadcode-baseline.json")
    elif what == "output-fifo":
        os.mkfifo(root / "reports")
    elif what == "cache-is-file":
        (root / ".deadcode-cache").write_text("not a folder\n")
    elif what == "fifo-source":
        os.mkfifo(root / "backend" / "app" / "fifo.py")
    elif what in ("pickle-cache", "tracked-cache"):
        import pickle

        (root / ".deadcode-cache").mkdir()
        evil = pickle.dumps(_Marker(str(outside / "PWNED")))
        for name in ("facts-0.1.0-0000000000000000.pickle", "deadcode.sqlite"):
            (root / ".deadcode-cache" / name).write_bytes(evil)
    elif what == "garbage-cache":
        (root / ".deadcode-cache").mkdir()
        (root / ".deadcode-cache" / "deadcode.sqlite").write_bytes(os.urandom(4096))
    elif what == "hostile-git-config":
        (root / ".gitattributes").write_text("* filter=evil diff=evil\n")
        for key, value in (
            ("core.fsmonitor", f"touch {outside}/fsmonitor; false"),
            ("filter.evil.clean", f"touch {outside}/clean; cat"),
            ("filter.evil.smudge", f"touch {outside}/smudge; cat"),
            ("diff.evil.textconv", f"touch {outside}/textconv; cat"),
        ):
            git(root, "config", key, value)
        for hook in ("post-index-change", "reference-transaction", "post-checkout"):
            (root / ".git" / "hooks" / hook).write_text(f"#!/bin/sh\ntouch {outside}/hook-{hook}\n")
            (root / ".git" / "hooks" / hook).chmod(0o755)
    elif what == "dirty-route":
        (root / "frontend/src/App.tsx").write_text(
            'import { Routes } from "react-router-dom";\nexport default function App() {\n  return <Routes />;\n}\n'
        )
    elif what == "detached-head":
        git(root, "checkout", "-q", "--detach")
    elif what == "submodule-entry":
        sha = git(root, "rev-parse", "HEAD").strip()
        git(root, "update-index", "--add", "--cacheinfo", f"160000,{sha},frontend/src/vendored")
        git(root, "commit", "-qm", "submodule")


class _Marker:
    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


# the harness's own git commands must not run a hostile repository's fsmonitor or hooks either
SAFE_GIT = ["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"]


def _git_state(root: Path) -> tuple:
    if not (root / ".git").exists():
        return ()
    state = []
    for args in (
        ("rev-parse", "-q", "--verify", "HEAD"),
        ("symbolic-ref", "-q", "HEAD"),
        ("ls-files", "-s", "-z"),
        ("stash", "list"),
    ):
        proc = subprocess.run([*SAFE_GIT, "-C", str(root), *args], capture_output=True, check=False)
        state.append(proc.stdout)
    refs = subprocess.run(
        [*SAFE_GIT, "-C", str(root), "for-each-ref", "--format=%(refname) %(objectname)"],
        capture_output=True,
        check=False,
    ).stdout
    state.append(b"\n".join(r for r in refs.splitlines() if not r.startswith(b"refs/heads/dc-")))
    return tuple(state)


def _tree(root: Path) -> dict[str, bytes]:
    snap = snapshot(root)
    return {k: v for k, v in snap.items() if not k.startswith(OWN)}


def _descendants_alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] != "Z":
                    alive.append(pid)
        except OSError:
            pass
    return alive


def _children(pid: int) -> list[int]:
    out = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return out
    for name in names:
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    return out


def _command(
    args: list[str],
    env: dict,
    result: CaseResult,
    label: str,
    signal_after: float | None = None,
    sig: int = signal.SIGKILL,
) -> subprocess.CompletedProcess | None:
    result.runs += 1
    proc = subprocess.Popen(deadcode_argv(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    kids: list[int] = []
    try:
        if signal_after is not None:
            deadline = time.time() + signal_after
            while time.time() < deadline and proc.poll() is None:
                kids = _children(proc.pid) or kids
                time.sleep(0.02)
            if proc.poll() is None:
                kids = _children(proc.pid) or kids
                proc.send_signal(sig)
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        result.hung.append(f"{label}: timed out")
    text = (out + err).decode("utf-8", "replace")
    if "Traceback (most recent call last)" in text:
        result.tracebacks.append(f"{label}: {text.strip().splitlines()[-1][:160]}")
    if kids:
        time.sleep(1.0)
        alive = _descendants_alive(kids)
        if alive:
            result.hung.append(f"{label}: {len(alive)} process(es) left running")
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def run_case(name: str, spec: dict, base: Path, signals: bool = False) -> CaseResult:
    result = CaseResult(name)
    case_dir = Path(tempfile.mkdtemp(prefix="case-", dir=base))
    outside = case_dir / "outside"
    outside.mkdir()
    (outside / "bashrc").write_text("export PATH=/usr/bin\n")
    (outside / "secret.py").write_text("TOKEN = 'x'\n")
    setup = spec.get("setup")
    root = case_dir / "repo"
    if setup == "not-git":
        root.mkdir()
        from tests.hazards.repo import write

        write(root, dict(APP))
    else:
        make_app(root, spec.get("files"), commit=setup != "no-commits")
    _setup(case_dir, root, setup)
    if setup in ("tracked-cache",):
        git(root, "add", "-A", "-f")
        git(root, "commit", "-qm", "tracked cache")
    before_outside = snapshot(case_dir, skip=("repo",))
    before_tree, before_git = _tree(root), _git_state(root)
    env = {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1", "TMPDIR": str(case_dir)}
    env.pop("GITHUB_ACTIONS", None)
    r = str(root)
    commands = [
        ["scan", r, "-f", "json"],
        ["scan", r],
        ["scan", r, "-f", "sarif", "--no-cache"],
        ["check", r],
        ["plan", r, "-f", "json"],
        ["graph", r, "-f", "mermaid"],
        ["init", r],
        ["report", r, "--out", f"{r}/reports"],
        ["explain", "frontend/src/components/Card.tsx", r],
        ["branch", r, "--name", "dc-cleanup"],
    ]
    for args in commands:
        _command(args, env, result, " ".join(args[:1] + args[2:]))
    if signals:
        _command(["scan", r, "--no-cache"], env, result, "scan (kill -9)", signal_after=0.6)
        _command(
            ["branch", r, "--name", "dc-killed", "--no-cache"],
            env,
            result,
            "branch (kill -9)",
            signal_after=0.8,
        )
        _command(["scan", r, "--no-cache"], env, result, "scan (Ctrl-C)", signal_after=0.6, sig=signal.SIGINT)
    if (root / ".git").exists():
        proc = subprocess.run(
            [*SAFE_GIT, "-C", r, "diff", "--name-only", "-z", "--diff-filter=D", "HEAD", "dc-cleanup"],
            capture_output=True,
            check=False,
        )
        deleted = {n.decode("utf-8", "surrogateescape") for n in proc.stdout.split(b"\0") if n}
        result.live_deleted += sorted(deleted & set(LIVE))
    after_outside = snapshot(case_dir, skip=("repo",))
    # temporary folders in TMPDIR (the case folder) that ``branch (kill -9)`` leaves: a process
    # killed by SIGKILL cleans nothing up, and where the kill lands depends on the machine's speed
    temporary = ("deadcode-index-", "deadcode-verify-") + (("deadcode-bundle-",) if signals else ())
    after_outside = {k: v for k, v in after_outside.items() if not k.startswith(temporary)}
    before_outside = {k: v for k, v in before_outside.items() if not k.startswith(temporary)}
    if after_outside != before_outside:
        changed = sorted(
            set(after_outside) ^ set(before_outside)
            | {k for k in after_outside if before_outside.get(k) != after_outside[k]}
        )
        result.writes_outside.append(f"outside changed: {changed[:5]}")
    if _tree(root) != before_tree:
        changed = sorted(
            {k for k in set(_tree(root)) | set(before_tree) if _tree(root).get(k) != before_tree.get(k)}
        )
        result.writes_outside.append(f"working tree changed: {changed[:5]}")
    if _git_state(root) != before_git:
        result.writes_outside.append("index, HEAD, stash or refs changed")
    shutil.rmtree(case_dir, ignore_errors=True)
    return result


def run_corpus(every: int = 1, jobs: int = 2, signals_every: int = 4, base: Path | None = None) -> dict:
    selected = [c for i, c in enumerate(cases()) if i % every == 0]
    own_base = base is None
    base = Path(tempfile.mkdtemp(prefix="deadcode-corpus-")) if own_base else base
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(run_case, name, spec, base, i % signals_every == 0)
                for i, (name, spec) in enumerate(selected)
            ]
            results = [f.result() for f in futures]
    finally:
        if own_base:
            shutil.rmtree(base, ignore_errors=True)
    return {
        "repos": len(results),
        "runs": sum(r.runs for r in results),
        "tracebacks": sum(len(r.tracebacks) for r in results),
        "writes_outside": sum(len(r.writes_outside) for r in results),
        "live_deleted": sum(len(r.live_deleted) for r in results),
        "hung": sum(len(r.hung) for r in results),
        "problems": {
            r.name: r.tracebacks
            + r.writes_outside
            + [f"live file deleted: {p}" for p in r.live_deleted]
            + r.hung
            for r in results
            if r.problems
        },
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--every", type=int, default=1, help="run every Nth case only")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write the totals and problems here")
    args = ap.parse_args()
    start = time.time()
    totals = run_corpus(args.every, args.jobs)
    for name, problems in totals["problems"].items():
        for p in problems:
            print(f"{name}: {p}")
    print(
        f"corpus: {totals['repos']} repositories, {totals['runs']} command runs, "
        f"{totals['tracebacks']} tracebacks, {totals['writes_outside']} writes outside the repository, "
        f"{totals['live_deleted']} live files deleted, {totals['hung']} hung processes "
        f"({time.time() - start:.0f} s)"
    )
    if args.json:
        args.json.write_text(json.dumps(totals, indent=2) + "\n")
    return 1 if any(totals[k] for k in ("tracebacks", "writes_outside", "live_deleted", "hung")) else 0


if __name__ == "__main__":
    sys.exit(main())
