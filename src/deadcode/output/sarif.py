"""SARIF 2.1.0 for GitHub code scanning: one rule per finding kind with its help, results whose
paths are relative to the git top level (``%SRCROOT%``), and the commit they were made from."""

from __future__ import annotations

import json

from deadcode import __version__
from deadcode.output.kinds import all_kinds, doc
from deadcode.output.owners import Ownership
from deadcode.output.vcs import RepoLocation

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def _rule(kind: str) -> dict:
    d = doc(kind)
    text = f"{d.meaning}\n\nHow to fix: {d.fix}\n\nHow to keep it on purpose: {d.keep}"
    markdown = (
        f"**{d.title}** (`{kind}`)\n\n{d.meaning}\n\n**How to fix.** {d.fix}\n\n"
        f"**How to keep it on purpose.** {d.keep}\n\n"
        "Every result is `certain` (level `warning`) or `unsure` (level `note`: something mentions the "
        "item or the model has a blind spot that could reach it; its message says which). "
        f"`deadcode explain PATH` prints the chain of references behind a verdict."
    )
    return {
        "id": kind,
        # a name a person reads, never equal to the opaque id (the multitool's SARIF1001)
        "name": "".join(w[:1].upper() + w[1:] for w in d.title.replace("-", " ").split()),
        "shortDescription": {"text": d.title},
        "fullDescription": {"text": d.meaning},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["maintainability", "dead-code"], "precision": "high"},
    }


def _message(f) -> str:
    what = f.endpoint or f.symbol or f.path
    text = f"{what}: {f.reason}."
    if f.evidence:
        text += " Evidence: " + "; ".join(f.evidence[:3])
    if getattr(f, "confidence", "certain") == "unsure":
        text = "(unsure) " + text
    return text


def sarif_doc(verdicts, location: RepoLocation, owners: Ownership | None = None) -> dict:
    kinds = list(all_kinds()) + sorted({f.kind for f in verdicts.findings} - set(all_kinds()))
    index = {k: i for i, k in enumerate(kinds)}
    results = []
    for i, f in enumerate(verdicts.findings):
        unsure = getattr(f, "confidence", "certain") == "unsure"
        region = {"startLine": max(1, f.line or 1)}
        end = getattr(f, "end_line", None)
        if end and end >= region["startLine"]:
            region["endLine"] = end
        props = {"group": f.group, "confidence": getattr(f, "confidence", "certain")}
        if owners is not None and owners.of(i):
            props["owners"] = owners.of(i)
        results.append(
            {
                "ruleId": f.kind,
                "ruleIndex": index[f.kind],
                "level": "note" if unsure else "warning",
                "message": {"text": _message(f)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(location.path(f.path)), "uriBaseId": SRCROOT},
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"deadcodeFinding/v1": f.fingerprint},
                "properties": props,
            }
        )
    run = {
        "tool": {
            "driver": {
                "name": "deadcode",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(k) for k in kinds],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {
                "uri": location.top.resolve().as_uri().rstrip("/") + "/",
                "description": {"text": "The top level of the git repository scanned."},
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if location.remote:
        vcp = {"repositoryUri": location.remote, "mappedTo": {"uriBaseId": SRCROOT}}
        if location.commit:
            vcp["revisionId"] = location.commit
        if location.branch:
            vcp["branch"] = location.branch
        run["versionControlProvenance"] = [vcp]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _uri(path: str) -> str:
    """A relative URI reference for a repository path: characters a URI may not hold as such are
    percent-encoded, ``/`` stays."""
    from urllib.parse import quote

    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def render_sarif(verdicts, location: RepoLocation, owners: Ownership | None = None) -> str:
    return json.dumps(sarif_doc(verdicts, location, owners), indent=2) + "\n"
