"""Tiny repositories for the plan tests: written, planned, and applied step by step, with the
independent checker (tests/plan/independent.py) run after every step."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from deadcode.pipeline import Options, load
from deadcode.plan.planner import build_plan
from deadcode.plan.tree import TreeView, VirtualTree
from deadcode.plan.verify import ReferenceChecker, describe
from tests.plan.independent import broken

FRONT_INDEX = '<div id="root"></div><script type="module" src="/src/main.tsx"></script>'


def make(root: Path, files: dict[str, str], config: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
    if config is not None:
        (root / "deadcode.toml").write_text(textwrap.dedent(config))
    return root


def analyse(root: Path):
    return load(Options(root, no_cache=True, quiet=True)).analysis


def plan(root: Path, groups=None, **kw):
    return build_plan(analyse(root), groups, kw.pop("cut_references", False), **kw)


def apply_plan(root: Path, plans, python_roots=("backend",), alias=None) -> tuple[Path, list[str]]:
    """Apply the applied steps of ``plans`` in order to a copy of ``root``; returns the copy and
    every reference the independent checker finds broken after some step that was not broken
    before the plan."""
    work = root.parent / (root.name + "-applied")
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(root, work)
    before = set(broken(work, list(python_roots), alias))
    new: list[str] = []
    for p in plans:
        for s in p.steps:
            if not s.applied:
                continue
            for path, content in s.changes.items():
                target = work / path
                if content is None:
                    target.unlink()
                else:
                    target.write_bytes(content)
            now = sorted(set(broken(work, list(python_roots), alias)) - before)
            new += [f"after {p.name} step {s.order}: {b}" for b in now]
    return work, new


def naive_dangling(root: Path, changes: dict[str, bytes | None]) -> list[str]:
    """What our verifier says about ``changes`` made on the analysed tree (a naive step)."""
    analysis = analyse(root)
    checker = ReferenceChecker(analysis.program)
    tree = VirtualTree(root, None, analysis.program.ctx.facts)
    before, after = TreeView(tree, {}), TreeView(tree, dict(changes))
    deleted = frozenset(p for p, v in changes.items() if v is None)
    return [describe(r, b, 1, deleted) for r, b in checker.dangling(before, after, set(changes))]


def group(plans, name):
    return next(p for p in plans if p.name == name)
