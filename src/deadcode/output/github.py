"""``check`` on GitHub Actions: workflow-command annotations for the first new findings, and a
Markdown table of all of them for ``$GITHUB_STEP_SUMMARY``.

GitHub shows at most 10 annotations of each level per step, so the rest would vanish: the step
summary holds them all (up to its 1 MiB limit). Every value from the repository is escaped as
the Actions toolkit does (``%``, CR, LF; in properties also ``:`` and ``,``): a file name holding
a newline and ``::`` stays one annotation and never becomes a command of its own."""

from __future__ import annotations

from deadcode.output.escape import gh_data, gh_property, md_code, md_text
from deadcode.output.owners import Ownership
from deadcode.output.vcs import RepoLocation

MAX_ANNOTATIONS = 10
SUMMARY_BUDGET = 1_000_000  # bytes; GitHub refuses a step summary over 1 MiB


def _what(f) -> str:
    return f.endpoint or (f"{f.path}#{f.symbol}" if f.symbol else f.path)


def annotation(f, level: str, location: RepoLocation) -> str:
    """One workflow command: ``::error file=...,line=...,title=...::message``."""
    line = max(1, f.line or 1)
    props = [f"file={gh_property(location.path(f.path))}", f"line={line}"]
    end = getattr(f, "end_line", None)
    if end and end > line:
        props.append(f"endLine={end}")
    confidence = getattr(f, "confidence", "certain")
    props.append(
        f"title={gh_property(f'deadcode {f.kind}' + (' (unsure)' if confidence == 'unsure' else ''))}"
    )
    message = f"{_what(f)}: {f.reason}"
    if f.evidence:
        message += f"\n{f.evidence[0]}"
    return f"::{level} {','.join(props)}::{gh_data(message)}"


def annotations(new_certain: list, new_unsure: list, level: str, location: RepoLocation) -> list[str]:
    """The first ``MAX_ANNOTATIONS`` new findings as commands (certain ones at ``level``, unsure
    ones as notices), and a notice saying where the rest are."""
    if level == "off":
        return []
    rows = [(f, level) for f in new_certain] + [(f, "notice") for f in new_unsure]
    out = [annotation(f, lv, location) for f, lv in rows[:MAX_ANNOTATIONS]]
    if len(rows) > MAX_ANNOTATIONS:
        out.append(
            "::notice title=deadcode::"
            + gh_data(
                f"{len(rows) - MAX_ANNOTATIONS} more new findings are not annotated (GitHub shows 10 per step): "
                "the step summary lists all of them"
            )
        )
    return out


def step_summary(
    new_certain: list,
    new_unsure: list,
    in_baseline: int,
    fixed: int,
    location: RepoLocation,
    failing_unsure: bool,
    owners: Ownership | None = None,
    index_of=None,
) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: counts, then a table of every new finding."""
    total = len(new_certain) + len(new_unsure)
    head = [f"### deadcode check: {total} new {'finding' if total == 1 else 'findings'}", ""]
    parts = [
        f"{len(new_certain)} certain",
        f"{len(new_unsure)} unsure"
        + ("" if failing_unsure or not new_unsure else " (not failing the check)"),
        f"{in_baseline} in the baseline",
        f"{fixed} fixed",
    ]
    head.append(", ".join(parts) + ".")
    if not total:
        return "\n".join(head) + "\n"
    with_owners = owners is not None
    head += [
        "",
        "| | kind | finding | location | group | reason |" + (" owners |" if with_owners else ""),
        "|---|---|---|---|---|---|" + ("---|" if with_owners else ""),
    ]
    out = "\n".join(head) + "\n"
    size = len(out.encode())
    rows = [(f, "certain") for f in new_certain] + [(f, "unsure") for f in new_unsure]
    for n, (f, confidence) in enumerate(rows):
        mark = "❌" if confidence == "certain" else "❔"
        loc = f"{location.path(f.path)}:{max(1, f.line or 1)}"
        row = (
            f"| {mark} | {f.kind}{' (unsure)' if confidence == 'unsure' else ''} | {md_code(_what(f))} | "
            f"{md_code(loc)} | {md_code(f.group)} | {md_text(f.reason)} |"
        )
        if with_owners:
            who = owners.of(index_of(f)) if index_of else []
            row += f" {md_text(' '.join(who))} |"
        size += len(row.encode()) + 1
        if size + 200 > SUMMARY_BUDGET:
            out += (
                f"\n{len(rows) - n} more new findings are not listed (a step summary holds 1 MiB): "
                "run `deadcode check` locally for all of them.\n"
            )
            break
        out += row + "\n"
    return out
