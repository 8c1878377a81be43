"""The command line: parses arguments and calls the stages. Heavy imports stay inside the
commands so that ``deadcode --help`` starts fast."""

from __future__ import annotations

from deadcode.cli_runtime import install_interrupt_handler

install_interrupt_handler()  # first: a Ctrl-C while the modules below load is one line too

import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from deadcode import __version__
from deadcode.cli_coercion import install as _install_coercion
from deadcode.cli_help import Command, Group

_install_coercion()  # values coerced without importing pydantic (0.12-0.15 s a run)

_STARTED = time.perf_counter()  # the wall time printed beside the analysis time

app = typer.Typer(
    name="deadcode",
    cls=Group,
    help="Plan the safe removal of dead code in FastAPI + React TSX monorepos.",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nExample:\n  deadcode scan .            # the findings of the repository here\n"
    "  deadcode COMMAND --help    # a command's options and an example",
)

RootArg = Annotated[Path, typer.Argument(metavar="ROOT", help="Repository root.", show_default=True)]
ConfigOpt = Annotated[
    Optional[Path],
    typer.Option("--config", metavar="FILE", help="Config file (deadcode.toml or pyproject.toml)."),
]
CacheOpt = Annotated[
    Optional[Path],
    typer.Option("--cache-dir", metavar="DIR", help="Facts cache folder (default ROOT/.deadcode-cache)."),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Ignore the cache and write none.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only, no progress.")]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
]

# ---- finding filters and CI output (scan, check, report) --------------------------------------
IncludeOpt = Annotated[
    Optional[List[str]],
    typer.Option(
        "--include", metavar="KINDS", help="Only these finding kinds (comma-separated, repeatable)."
    ),
]
ExcludeOpt = Annotated[
    Optional[List[str]],
    typer.Option(
        "--exclude", metavar="KINDS", help="Leave out these finding kinds (comma-separated, repeatable)."
    ),
]


class Confidence(str, Enum):
    certain = "certain"
    all = "all"


ConfidenceOpt = Annotated[
    Confidence,
    typer.Option(
        "--confidence", metavar="[certain|all]", help="Findings of this confidence: certain only, or all."
    ),
]


class Annotations(str, Enum):
    error = "error"
    warning = "warning"
    off = "off"


def _filter(include, exclude, confidence):
    from deadcode.output.filters import FilterError, FindingFilter, parse_kinds

    try:
        return FindingFilter(
            parse_kinds(include, "--include"),
            parse_kinds(exclude, "--exclude") or frozenset(),
            confidence.value,
        )
    except FilterError as exc:
        _fail(str(exc))


def _location(loaded):
    from deadcode.output.vcs import locate

    return locate(loaded.root)


def _ownership(findings, location):
    from deadcode.output.owners import load_codeowners, ownership

    return ownership(list(findings), location, load_codeowners(location))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"deadcode {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Plan the safe removal of dead code in FastAPI + React TSX monorepos."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


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
    from deadcode.output.escape import terminal

    typer.echo(f"deadcode: error: {terminal(message)}", err=True)
    raise typer.Exit(code)


def _load(
    root: Path,
    config: Optional[Path],
    cache_dir: Optional[Path],
    no_cache: bool,
    quiet: bool,
    from_head: bool = False,
):
    from deadcode.pipeline import Options, UserError, load

    if config is not None and not config.exists():
        _fail(f"{config}: config file not found")
    progress = None
    if not quiet and sys.stderr.isatty() and sys.stdout.isatty() and not os.environ.get("CI"):
        from deadcode.output.progress import Progress

        progress = Progress()
    try:
        loaded = load(Options(root, config, cache_dir, no_cache, quiet, from_head=from_head), progress)
    except UserError as exc:
        if progress is not None:
            progress.close()
        _fail(str(exc))
    loaded.quiet = quiet
    loaded.printed = 0
    _warnings(loaded)
    return loaded


def _finish(loaded) -> None:
    """The run is over: clear the progress bar, then print the warnings not printed yet."""
    if loaded.progress is not None:
        loaded.progress.close()
    _warnings(loaded)


def _warnings(loaded) -> None:
    """Print the warnings not printed yet (the graph adds its own once it is built)."""
    from deadcode.output.escape import terminal

    if loaded.quiet:
        return
    fresh = loaded.warnings[loaded.printed :]
    budget = max(0, 50 - loaded.printed)
    for w in fresh[:budget]:
        typer.echo(f"warning: {terminal(w)}", err=True)
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


@app.command(cls=Command, short_help="Analyse ROOT and print the findings.")
def scan(
    root: RootArg = Path("."),
    format: Annotated[
        ScanFormat, typer.Option("--format", "-f", metavar="[text|json|sarif]", help="Output format.")
    ] = ScanFormat.text,
    output: OutputOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    confidence: ConfidenceOpt = Confidence.all,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Analyse ROOT and print the findings, grouped for removal (unsure ones apart).

    \b
    Example:
      deadcode scan . --format sarif --output deadcode.sarif
    """
    from deadcode.output.scan import render_json, render_text

    flt = _filter(include, exclude, confidence)
    loaded = _load(root, config, cache_dir, no_cache, quiet)
    verdicts = flt.apply(loaded.verdicts())
    stats = verdicts.stats
    location = _location(loaded)
    owners = _ownership(verdicts.findings, location)
    if format == ScanFormat.json:
        text = render_json(verdicts, stats, str(root), owners)
    elif format == ScanFormat.sarif:
        from deadcode.output.sarif import render_sarif  # only when asked for (its rule table)

        text = render_sarif(verdicts, location, owners)
    else:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_text(verdicts, stats, color, time.perf_counter() - _STARTED, owners)
    _finish(loaded)
    _write(text, output, loaded.root)


@app.command(cls=Command, short_help="Why a file, endpoint or route is live or dead.")
def explain(
    target: Annotated[
        str, typer.Argument(metavar="TARGET", help='A path, an endpoint "GET /api/x", or a route /x.')
    ],
    root: RootArg = Path("."),
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Why TARGET is live or dead: the chain of references from a root, or the fact that none exists.

    \b
    Example:
      deadcode explain "GET /api/v1/items" .
    """
    from deadcode.analysis.explain import explain as run_explain
    from deadcode.output.escape import terminal_lines

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    result = run_explain(loaded.analysis, target)
    _finish(loaded)
    typer.echo(terminal_lines(result.text()))
    if result.node is None:
        raise typer.Exit(2)


@app.command(cls=Command, short_help="Print the cross-language graph.")
def graph(
    root: RootArg = Path("."),
    format: Annotated[
        GraphFormat, typer.Option("--format", "-f", metavar="[json|dot|mermaid]", help="Output format.")
    ] = GraphFormat.json,
    focus: Annotated[
        Optional[str], typer.Option("--focus", metavar="PATH", help="Draw only this file's neighbourhood.")
    ] = None,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Print the cross-language graph: files, routes, endpoints, calls and settings, and the edges
    between them.

    \b
    Example:
      deadcode graph . --format mermaid --focus frontend/src/App.tsx
    """
    from deadcode.output.graph_export import render_graph

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    g = loaded.program.graph
    _finish(loaded)
    if focus and not any(n.path == focus for n in g.nodes.values()) and focus not in g.nodes:
        _fail(f"--focus {focus}: no such file in the graph")
    _write(render_graph(g, format.value, focus), output, loaded.root)


class PlanFormat(str, Enum):
    text = "text"
    json = "json"
    patch = "patch"


GroupOpt = Annotated[
    Optional[List[str]], typer.Option("--group", "-g", metavar="NAME", help="Only this group (repeatable).")
]
CutOpt = Annotated[
    bool,
    typer.Option(
        "--cut-references",
        help="Also plan groups live code still uses: edit the live referrers first (marked needs review).",
    ),
]
UnverifiedOpt = Annotated[
    bool,
    typer.Option(
        "--include-unverified",
        help="Keep steps that failed verification in the plan (applied, the group goes on); branch commits them too.",
    ),
]


def _plans(loaded, group, cut_references, from_head: bool = False, include_unverified: bool = False):
    from deadcode.plan.planner import build_plan

    analysis = loaded.analysis
    if loaded.progress is not None:
        loaded.progress("plan")
    if group:
        unknown = [g for g in group if g not in analysis.groups]
        if unknown:
            _fail(
                f"--group {unknown[0]}: no such group (known: {', '.join(sorted(analysis.groups)) or 'none'})"
            )
    return build_plan(
        analysis,
        list(group) if group else None,
        cut_references,
        from_head,
        include_unverified=include_unverified,
    )


@app.command(cls=Command, short_help="The ordered removal plan with a diff per step; writes nothing.")
def plan(
    root: RootArg = Path("."),
    group: GroupOpt = None,
    format: Annotated[
        PlanFormat, typer.Option("--format", "-f", metavar="[text|json|patch]", help="Output format.")
    ] = PlanFormat.text,
    cut_references: CutOpt = False,
    include_unverified: UnverifiedOpt = False,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """The ordered removal plan with a unified diff per step, each step verified.
    Writes nothing.

    \b
    Example:
      deadcode plan . --group unreachable --format patch | git apply
    """
    import json

    from deadcode.output.plan_text import render_plan_text
    from deadcode.plan.planner import plan_json

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    plans = _plans(loaded, group, cut_references, include_unverified=include_unverified)
    _finish(loaded)
    if format == PlanFormat.json:
        text = json.dumps(plan_json(plans), indent=2) + "\n"
    elif format == PlanFormat.patch:
        # the series that applies in order: the steps the tree was built from
        text = "".join(s.patch for p in plans for s in p.steps if s.applied)
    else:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_plan_text(plans, color)
    _write(text, output, loaded.root)


@app.command(cls=Command, short_help="A local branch from HEAD with one commit per plan step.")
def branch(
    root: RootArg = Path("."),
    name: Annotated[
        str, typer.Option("--name", metavar="BRANCH", help="The branch to create from HEAD.")
    ] = "",
    group: GroupOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing branch of that name.")] = False,
    cut_references: CutOpt = False,
    include_unverified: UnverifiedOpt = False,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """A local branch from HEAD with one commit per verified plan step. Your working tree, index and
    current branch are never touched.

    \b
    Example:
      deadcode branch . --name deadcode/remove-unreachable --group unreachable
    """
    from deadcode.gitops.branch import BranchError, Step as CommitStep, build_branch, verify_in_worktree
    from deadcode.output.escape import terminal, terminal_lines

    if not name:
        _fail("--name is required")
    # the plan is made from HEAD's blobs: the commits start from HEAD, so must the verdicts
    loaded = _load(root, config, cache_dir, no_cache, quiet, from_head=True)
    plans = _plans(loaded, group, cut_references, from_head=True, include_unverified=include_unverified)
    _finish(loaded)
    if loaded.head is not None:
        from deadcode.gitops.head import uncommitted_warning

        analysed = [sf.path for sf, _d, _g in loaded.inputs.sources] + list(loaded.inputs.side_texts)
        note = uncommitted_warning(loaded.head, analysed + list(loaded.inputs.scanned))
        if note:
            typer.echo(f"warning: {terminal(note)}", err=True)
    # bad input never turns into a deletion: a group with an unsure member is committed only
    # when the user names it with --group (that is the confirmation)
    unsure = {f.group for f in loaded.analysis.findings if f.confidence == "unsure"} - set(group or ())
    for p in plans:
        if p.name in unsure and any(s.changes for s in p.steps):
            typer.echo(
                f"warning: group {terminal(p.name)}: some findings are unsure (see `deadcode scan`): "
                "not committed (name it with --group to commit it)",
                err=True,
            )
    plans = [p for p in plans if p.name not in unsure]
    commits = []
    skipped = 0
    for p in plans:
        for s in p.steps:
            if not s.changes:
                continue
            if not s.applied or (not s.ok and not include_unverified):
                skipped += 1
                continue
            subject = f"deadcode({p.name}): step {s.order}/{len(p.steps)} {s.action}: {s.summary}"[:200]
            body = "\n".join(f"- {e}" for e in s.evidence[:30])
            if not s.ok:
                body = (
                    "UNVERIFIED: "
                    + "; ".join(f"{k} {v}" for k, v in s.verified.items() if v.startswith("failed"))[:2000]
                    + "\n"
                    + body
                )
            if s.needs_review:
                body = "NEEDS REVIEW: this step edits live code.\n" + body
            commits.append(CommitStep(subject + ("\n\n" + body if body else ""), dict(s.changes)))
    if skipped and not quiet:
        typer.echo(
            f"deadcode: {skipped} step(s) failed verification and are not committed "
            "(see `deadcode plan`; --include-unverified commits them)",
            err=True,
        )
    if not commits:
        typer.echo("deadcode: nothing to remove: no branch created")
        return
    try:
        result = build_branch(loaded.root, name, commits, force, getattr(loaded.head, "commit", None))
    except BranchError as exc:
        _fail(str(exc))
    for w in result.warnings:
        typer.echo(f"warning: {terminal(w)}", err=True)
    typer.echo(f"deadcode: created branch {name} with {len(commits)} commits from {len(plans)} groups")
    verify = getattr(loaded.config, "verify", ())
    if verify:
        failed = 0
        for r in verify_in_worktree(loaded.root, name, list(verify)):
            ok = r.returncode == 0
            failed += not ok
            typer.echo(
                f"  verify {'ok  ' if ok else 'FAIL'} {terminal(r.command)}"
                + ("" if ok else f"\n{terminal_lines(r.output_tail)}")
            )
        if failed:
            raise typer.Exit(1)


@app.command(cls=Command, short_help="Review report in Markdown and HTML (--summary: one for a PR comment).")
def report(
    root: RootArg = Path("."),
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Output folder.")] = Path("reports"),
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Also write OUT/deadcode-summary.md, which fits a "
            "pull-request comment (at most 60,000 characters).",
        ),
    ] = False,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    confidence: ConfidenceOpt = Confidence.all,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Review report: OUT/deadcode-report.md and OUT/deadcode-report.html.

    \b
    Example:
      deadcode report . --out reports --summary    # then: gh pr comment --body-file reports/deadcode-summary.md
    """
    from deadcode.plan.planner import build_plan, plan_json
    from deadcode.report.render import write_reports
    from deadcode.safefs import UnsafePath, check_target

    flt = _filter(include, exclude, confidence)
    loaded = _load(root, config, cache_dir, no_cache, quiet)
    try:  # the folder and both files: never through a symlink inside the repository
        for target in (
            out,
            out / "deadcode-report.md",
            out / "deadcode-report.html",
            out / "deadcode-summary.md",
        ):
            check_target(loaded.root, target, "report")
    except UnsafePath as exc:
        _fail(str(exc))
    if loaded.progress is not None:
        loaded.progress("plan")
    plan_data = plan_json(build_plan(loaded.analysis, None, True))
    location = _location(loaded)
    owners = _ownership(flt.apply(loaded.analysis).findings, location)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = write_reports(loaded, out, plan_data, flt, owners, summary)
    except OSError as exc:
        _fail(f"{out}: cannot write report ({exc.strerror or exc})")
    _finish(loaded)
    from deadcode.output.escape import terminal

    names = [terminal(p) for p in written]
    typer.echo(f"deadcode: wrote {', '.join(names[:-1])} and {names[-1]}")


@app.command(cls=Command, short_help="CI dry-run: exit 1 on new certain findings not in the baseline.")
def check(
    root: RootArg = Path("."),
    baseline: Annotated[
        Optional[Path],
        typer.Option(
            "--baseline", metavar="FILE", help="Baseline file (default ROOT/.deadcode-baseline.json)."
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Rewrite the baseline with the current findings.")
    ] = False,
    include_unsure: Annotated[
        bool,
        typer.Option("--include-unsure", help="Fail on new unsure findings too (default: certain only)."),
    ] = False,
    annotations: Annotations = typer.Option(
        Annotations.error,
        "--annotations",
        metavar="[error|warning|off]",
        help="Level of the annotations for new certain findings when "
        "GITHUB_ACTIONS=true (unsure ones are notices).",
    ),
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    confidence: ConfidenceOpt = Confidence.all,
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """CI dry-run: exit 1 when there are new certain findings (not in the baseline). On GitHub
    Actions the first 10 are annotations and $GITHUB_STEP_SUMMARY gets a table of all of them.

    \b
    Example:
      deadcode check . --baseline .deadcode-baseline.json --annotations warning
    """
    from deadcode.check.baseline import BaselineError, run_check
    from deadcode.safefs import UnsafePath, check_target

    flt = _filter(include, exclude, confidence)
    loaded = _load(root, config, cache_dir, no_cache, quiet)
    path = baseline or (loaded.root / ".deadcode-baseline.json")
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    verdicts = flt.apply(loaded.verdicts())
    location = _location(loaded)
    try:
        check_target(loaded.root, path, "baseline")
    except UnsafePath as exc:
        _fail(str(exc))
    try:
        result = run_check(
            verdicts,
            path,
            update_baseline,
            github,
            annotations=annotations.value,
            include_unsure=include_unsure,
            location=location,
        )
    except BaselineError as exc:
        _fail(str(exc))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if github and summary_file and not update_baseline:
        from deadcode.output.github import step_summary

        owners = _ownership(verdicts.findings, location)
        index = {id(f): i for i, f in enumerate(verdicts.findings)}
        text = step_summary(
            result.new_certain,
            result.new_unsure,
            result.in_baseline,
            result.fixed,
            location,
            include_unsure,
            owners,
            lambda f: index.get(id(f), -1),
        )
        try:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            loaded.warnings.append(
                f"GITHUB_STEP_SUMMARY {summary_file}: cannot write ({exc.strerror or exc})"
            )
    _finish(loaded)
    typer.echo(result.text, nl=False)
    raise typer.Exit(result.code)


@app.command(cls=Command, short_help="Print a starter [tool.deadcode] table with what was detected.")
def init(
    root: RootArg = Path("."),
    config: ConfigOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Print a starter [tool.deadcode] table with what was auto-detected, and why.

    \b
    Example:
      deadcode init . >> pyproject.toml
    """
    from deadcode.discover.init import starter_config

    loaded = _load(root, config, cache_dir, no_cache, quiet)
    _finish(loaded)
    typer.echo(starter_config(loaded), nl=False)


def main() -> None:
    from deadcode.cli_runtime import guard_standard_streams, state

    guard_standard_streams(_streams)
    state.main_running = True
    try:
        app(prog_name="deadcode")
    except SystemExit as exc:  # typer turns Ctrl-C into a silent exit 130: say what happened
        if exc.code == 130 and state.interrupted:
            _exit_interrupted()
        if exc.code is None or isinstance(exc.code, int):
            _exit_now(exc.code or 0)
        raise
    except KeyboardInterrupt:
        _exit_interrupted()
    _exit_now(0)


def _exit_now(code: int) -> None:
    """Exit without freeing the facts and the graph one object at a time: interpreter teardown
    costs a second on 10,000 files, more than a warm scan. The exit handlers still run (temporary
    folders, pools); the output is flushed. Any doubt (a thread still running, a flush that
    fails) leaves the exit to the interpreter."""
    import atexit
    import threading

    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            return
    os._exit(code)


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
