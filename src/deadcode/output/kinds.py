"""What each finding kind means, and how a user keeps one on purpose or fixes it: one text,
shown as SARIF rule help, in the step summary and in the README."""

from __future__ import annotations

from dataclasses import dataclass

from deadcode.analysis.model import KIND_ORDER


@dataclass(frozen=True)
class KindDoc:
    kind: str
    title: str  # a short name (SARIF rule ``name`` is its CamelCase form)
    meaning: str
    fix: str
    keep: str


_KEEP_FILE = (
    'add `keep = [{ path = "GLOB", reason = "..." }]` to `[tool.deadcode]`, or a '
    "`# deadcode: keep <reason>` (Python) / `// deadcode: keep <reason>` (TS) line at the top of the file"
)

DOCS: dict[str, KindDoc] = {
    d.kind: d
    for d in (
        KindDoc(
            "flag-gated",
            "Flag-gated file",
            "The file is reachable only through code that the production values of a feature flag switch off "
            "(every environment deadcode reads sets the flag so that this code never runs).",
            "Remove the flag's dead branches and the files behind them: `deadcode plan --group flag:NAME` shows "
            "the ordered patches, `deadcode branch` commits them.",
            f"If another environment turns the flag on, declare it in `flags`; to keep the file, {_KEEP_FILE}.",
        ),
        KindDoc(
            "dev-only",
            "Development-only file",
            "The file is reachable from production only through a dev root, a dev route or a development-only "
            "branch (`import.meta.env.DEV`).",
            "Delete it with the dev page or route that uses it (`deadcode plan --group NAME`), or move it "
            "under the dev tooling it belongs to.",
            f"If production does use it, fix `dev_roots`/`dev_routes`; to keep it anyway, {_KEEP_FILE}.",
        ),
        KindDoc(
            "unreachable",
            "Unreachable file",
            "No production entry (FastAPI app, script, frontend entry, route) reaches the file through imports, "
            "routes or HTTP calls.",
            "Delete the file (`deadcode plan --group unreachable`), after `deadcode explain PATH` shows that "
            "nothing loads it in a way the model cannot see.",
            f"If something outside the repository loads it, name it in `entry`; to keep it, {_KEEP_FILE}.",
        ),
        KindDoc(
            "orphan-endpoint",
            "Orphan endpoint",
            "A backend endpoint that no production client call, Helm probe, script or `public_endpoints` pattern "
            "reaches.",
            "Remove the handler (and its `include_router` when the router empties); `deadcode plan` writes the "
            "patch.",
            "If clients outside the repository call it, add its pattern to `public_endpoints` (e.g. "
            '`"POST /api/webhooks/*"`), or `keep = [{ endpoint = "METHOD /path", reason = "..." }]`.',
        ),
        KindDoc(
            "broken-call",
            "Call to missing endpoint",
            "A frontend HTTP call whose method and path no backend endpoint serves.",
            "Fix the URL or the method, or remove the call; the finding's evidence names the closest endpoint.",
            "If another service serves the path, keep the call and exclude the file or the kind "
            "(`--exclude broken-call`).",
        ),
        KindDoc(
            "unused-export",
            "Unused export",
            "An exported TS symbol or a top-level Python definition that nothing live imports or uses.",
            "Delete the definition or drop its `export`; types are never reported.",
            "If it is public API of a package others install, list the file in `entry`, or keep it with a "
            "`// deadcode: keep <reason>` / `# deadcode: keep <reason>` on its line.",
        ),
        KindDoc(
            "unused-config",
            "Setting only dead code reads",
            "A settings field, environment variable or Helm value that only dead code reads.",
            "Remove it from the settings class, `.env` files, docker-compose and every Helm values file together "
            "with the code that reads it (the plan's config step does this).",
            "If something outside the repository reads it, keep the reader alive or add a `keep` rule.",
        ),
        KindDoc(
            "unused-dependency",
            "Unused dependency",
            "A package declared in `pyproject.toml`, `requirements*.txt` or `package.json` that no live file "
            "imports.",
            "Remove it from the manifest and regenerate the lock file.",
            "If a tool uses it without an import (a plugin, a CLI in a script), keep it with a `keep` rule.",
        ),
    )
}


def doc(kind: str) -> KindDoc:
    """The doc of ``kind``; a kind added later without a doc still gets a readable one."""
    return DOCS.get(kind) or KindDoc(
        kind,
        kind.replace("-", " ").capitalize(),
        f"deadcode finding of kind {kind}.",
        "See `deadcode explain` for the evidence.",
        "Add a `keep` rule to keep it.",
    )


def all_kinds() -> tuple[str, ...]:
    """Every kind a finding can have, in report order."""
    return tuple(KIND_ORDER) + tuple(k for k in DOCS if k not in KIND_ORDER)


CONFIDENCE_HELP = {
    "certain": "nothing mentions the item and no blind spot of the model could reach it",
    "unsure": "something mentions the item, or the model could not read something that might reach it "
    "(the evidence says what): review it, it is never removed unconfirmed",
}
