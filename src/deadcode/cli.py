"""The command line: parses arguments and calls the stages. Heavy imports stay inside the
commands so that ``deadcode --help`` starts fast."""

from __future__ import annotations

from deadcode.cli_runtime import install_interrupt_handler

install_interrupt_handler()  # first: a Ctrl-C while the modules below load is one line too

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

app = typer.Typer(
    name="deadcode",
    help="Plan the safe removal of dead code in FastAPI + React TSX monorepos.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

RootArg = Annotated[Path, typer.Argument(help="Repository root.", show_default=True)]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Config file (deadcode.toml or pyproject.toml).")]
CacheOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Facts cache folder (default ROOT/.deadcode-cache).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Ignore the cache and write none.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only, no progress.")]


class ScanFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class GraphFormat(str, Enum):
    json = "json"
    dot = "dot"
    mermaid = "mermaid"


class _Streams:
    stdout_closed = False  # set by cli_runtime.guard_standard_streams


_streams = _Streams()


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"deadcode: error: {message}", err=True)
    raise typer.Exit(code)


def _load(root: Path, config: Optional[Path], cache_dir: Optional[Path], no_cache: bool, quiet: bool,
          from_head: bool = False):
    from deadcode.pipeline import Options, UserError, load

    if config is not None and not config.exists():
        _fail(f"{config}: config file not found")
    progress = None
    if not quiet and sys.stderr.isatty() and not os.environ.get("CI"):
        from deadcode.output.progress import Progress

        progress = Progress()
    try:
        loaded = load(Options(root, config, cache_dir, no_cache, quiet, from_head=from_head), progress)
    except UserError as exc:
        _fail(str(exc))
    finally:
        if progress is not None:
            progress.close()
    loaded.quiet = quiet
    loaded.printed = 0
    _warnings(loaded)
    return loaded


def _warnings(loaded) -> None:
    """Print the warnings not printed yet (the graph adds its own once it is built)."""
    if loaded.quiet:
        return
    fresh = loaded.warnings[loaded.printed:]
    budget = max(0, 50 - loaded.printed)
    for w in fresh[:budget]:
        typer.echo(f"warning: {w}", err=True)
    if len(fresh) > budget and loaded.printed + len(fresh) > 50 and loaded.printed <= 50:
        typer.echo(f"warning: ... and {len(fresh) - budget} more", err=True)
    loaded.printed = len(loaded.warnings)


def _write(text: str, output: Optional[Path], root: Path | None = None) -> None:
    if output is None:
        if _streams.stdout_closed:
            _fail("stdout is closed: nothing to write the output to (use --output FILE)")
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a patch of a file that is not UTF-8: its bytes, as they are
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
        return
    from deadcode.safefs import UnsafePath, check_target, write_output

    try:
        if root is not None:
            check_target(root, output, "output")
        write_output(output, text)
    except UnsafePath as exc:
        _fail(str(exc))


@app.command()
def scan(
    root: RootArg = Path("."),
    format: Annotated[ScanFormat, typer.Option("--format", "-f", help="Output format.")] = ScanFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Analyse ROOT and print the findings."""
    from deadcode.output.scan import render_json, render_sarif, render_text

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    analysis = loaded.verdicts()
    stats = analysis.stats
    if format == ScanFormat.json:
        text = render_json(analysis, stats, str(root))
    elif format == ScanFormat.sarif:
        text = render_sarif(analysis, stats)
    else:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_text(analysis, stats, color)
    _warnings(loaded)
    _write(text, output, loaded.root)


@app.command()
def explain(
    target: Annotated[str, typer.Argument(help='A path, an endpoint "GET /api/x", or a route /x.')],
    root: RootArg = Path("."),
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Why TARGET is live or dead: the chain of references from a root, or the fact that none exists."""
    from deadcode.analysis.explain import explain as run_explain

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    result = run_explain(loaded.analysis, target)
    _warnings(loaded)
    typer.echo(result.text())
    if result.node is None:
        raise typer.Exit(2)


@app.command()
def graph(
    root: RootArg = Path("."),
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="Output format.")] = GraphFormat.json,
    focus: Annotated[Optional[str], typer.Option("--focus", help="Draw only this file's neighbourhood.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Print the cross-language graph."""
    from deadcode.output.graph_export import render_graph

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    g = loaded.program.graph
    _warnings(loaded)
    if focus and not any(n.path == focus for n in g.nodes.values()) and focus not in g.nodes:
        _fail(f"--focus {focus}: no such file in the graph")
    _write(render_graph(g, format.value, focus), output, loaded.root)


class PlanFormat(str, Enum):
    text = "text"
    json = "json"
    patch = "patch"


GroupOpt = Annotated[Optional[List[str]], typer.Option("--group", "-g", help="Only this group (repeatable).")]
CutOpt = Annotated[bool, typer.Option("--cut-references", help="Also plan groups live code still uses: edit the live referrers first (marked needs review).")]


def _plans(loaded, group, cut_references, from_head: bool = False):
    from deadcode.plan.planner import build_plan

    analysis = loaded.analysis
    if group:
        unknown = [g for g in group if g not in analysis.groups]
        if unknown:
            _fail(f"--group {unknown[0]}: no such group (known: {', '.join(sorted(analysis.groups)) or 'none'})")
    return build_plan(analysis, list(group) if group else None, cut_references, from_head)


@app.command()
def plan(
    root: RootArg = Path("."),
    group: GroupOpt = None,
    format: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = PlanFormat.text,
    cut_references: CutOpt = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """The ordered removal plan with a unified diff per step. Writes nothing."""
    import json

    from deadcode.output.plan_text import render_plan_text
    from deadcode.plan.planner import plan_json

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    plans = _plans(loaded, group, cut_references)
    _warnings(loaded)
    if format == PlanFormat.json:
        text = json.dumps(plan_json(plans), indent=2) + "\n"
    elif format == PlanFormat.patch:
        text = "".join(s.patch for p in plans for s in p.steps)
    else:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_plan_text(plans, color)
    _write(text, output, loaded.root)


@app.command()
def branch(
    root: RootArg = Path("."),
    name: Annotated[str, typer.Option("--name", help="The branch to create from HEAD.")] = "",
    group: GroupOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing branch of that name.")] = False,
    cut_references: CutOpt = False,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """A local branch from HEAD with one commit per plan step. Your working tree, index and
    current branch are never touched."""
    from deadcode.gitops.branch import BranchError, build_branch, verify_in_worktree
    from deadcode.gitops.branch import Step as CommitStep

    if not name:
        _fail("--name is required")
    # the plan is made from HEAD's blobs: the commits start from HEAD, so must the verdicts
    loaded = _load(root, config, cache_dir, no_cache, quiet, from_head=True)
    plans = _plans(loaded, group, cut_references, from_head=True)
    _warnings(loaded)
    if loaded.head is not None:
        from deadcode.gitops.head import uncommitted_warning

        analysed = [sf.path for sf, _d, _g in loaded.inputs.sources] + list(loaded.inputs.side_texts)
        note = uncommitted_warning(loaded.head, analysed + list(loaded.inputs.scanned))
        if note:
            typer.echo(f"warning: {note}", err=True)
    # bad input never turns into a deletion: a group with an unsure member is not committed
    unsure = {f.group for f in loaded.analysis.findings if f.confidence == "unsure"}
    for p in plans:
        if p.name in unsure and any(s.changes for s in p.steps):
            typer.echo(f"warning: group {p.name}: some findings are unsure (see `deadcode scan`): not committed", err=True)
    plans = [p for p in plans if p.name not in unsure]
    commits = []
    for p in plans:
        for s in p.steps:
            if not s.changes:
                continue
            subject = f"deadcode({p.name}): step {s.order}/{len(p.steps)} {s.action}: {s.summary}"[:200]
            body = "\n".join(f"- {e}" for e in s.evidence[:30])
            if s.needs_review:
                body = "NEEDS REVIEW: this step edits live code.\n" + body
            commits.append(CommitStep(subject + ("\n\n" + body if body else ""), dict(s.changes)))
    if not commits:
        typer.echo("deadcode: nothing to remove: no branch created")
        return
    try:
        result = build_branch(loaded.root, name, commits, force, getattr(loaded.head, "commit", None))
    except BranchError as exc:
        _fail(str(exc))
    for w in result.warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo(f"deadcode: created branch {name} with {len(commits)} commits from {len(plans)} groups")
    verify = getattr(loaded.config, "verify", ())
    if verify:
        failed = 0
        for r in verify_in_worktree(loaded.root, name, list(verify)):
            ok = r.returncode == 0
            failed += not ok
            typer.echo(f"  verify {'ok  ' if ok else 'FAIL'} {r.command}" + ("" if ok else f"\n{r.output_tail}"))
        if failed:
            raise typer.Exit(1)


@app.command()
def report(
    root: RootArg = Path("."),
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("reports"),
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Review report: OUT/deadcode-report.md and OUT/deadcode-report.html."""
    from deadcode.plan.planner import build_plan, plan_json
    from deadcode.report.render import write_report
    from deadcode.safefs import UnsafePath, check_target

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    try:  # the folder and both files: never through a symlink inside the repository
        for target in (out, out / "deadcode-report.md", out / "deadcode-report.html"):
            check_target(loaded.root, target, "report")
    except UnsafePath as exc:
        _fail(str(exc))
    plan_data = plan_json(build_plan(loaded.analysis, None, True))
    try:
        out.mkdir(parents=True, exist_ok=True)
        md, html = write_report(loaded, out, plan_data)
    except OSError as exc:
        _fail(f"{out}: cannot write report ({exc.strerror or exc})")
    typer.echo(f"deadcode: wrote {md} and {html}")


@app.command()
def check(
    root: RootArg = Path("."),
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Baseline file (default ROOT/.deadcode-baseline.json).")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Rewrite the baseline with the current findings.")] = False,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """CI dry-run: exit 1 when there are findings not in the baseline."""
    from deadcode.check.baseline import BaselineError, run_check
    from deadcode.safefs import UnsafePath, check_target

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    path = baseline or (loaded.root / ".deadcode-baseline.json")
    try:
        check_target(loaded.root, path, "baseline")
    except UnsafePath as exc:
        _fail(str(exc))
    try:
        code, text = run_check(loaded.verdicts(), path, update_baseline, os.environ.get("GITHUB_ACTIONS") == "true")
    except BaselineError as exc:
        _fail(str(exc))
    _warnings(loaded)
    typer.echo(text, nl=False)
    raise typer.Exit(code)


@app.command()
def init(
    root: RootArg = Path("."),
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Print a starter [tool.deadcode] table with what was auto-detected, and why."""
    from deadcode.discover.init import starter_config

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    typer.echo(starter_config(loaded), nl=False)


def main() -> None:
    from deadcode.cli_runtime import guard_standard_streams, state

    guard_standard_streams(_streams)
    state.main_running = True
    try:
        app()
    except SystemExit as exc:  # typer turns Ctrl-C into a silent exit 130: say what happened
        if exc.code == 130 and state.interrupted:
            _exit_interrupted()
        raise
    except KeyboardInterrupt:
        _exit_interrupted()


def _exit_interrupted() -> None:
    """Exit 130 now: pools, transactions and temporary folders have unwound already; freeing a
    graph of millions of objects at interpreter exit would only delay the prompt."""
    from deadcode.cli_runtime import say_interrupted

    say_interrupted()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(130)


if __name__ == "__main__":
    main()
