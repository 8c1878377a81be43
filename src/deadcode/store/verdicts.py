"""The stored shape of a run's verdicts (what ``scan`` and ``check`` print), for the cache."""

from __future__ import annotations

from dataclasses import dataclass

from deadcode.analysis.model import Finding, GroupResult
from deadcode.graph.reads import Observed


@dataclass
class VerdictsRecord:
    findings: list[Finding]
    groups: dict[str, GroupResult]
    kept: list[dict]
    blocked: list[dict]
    stats: dict
    warnings: list[str]  # what the facts and graph stages said: replayed on a cache hit
    # what the graph and the analysis read beyond the facts: checked before the record is reused
    observed: Observed
