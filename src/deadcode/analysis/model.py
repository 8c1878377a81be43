"""What a run concludes, as data: findings and removal groups (``analysis/findings.py`` makes
them). Kept apart from the analysis so a run whose verdicts are cached (``scan``, ``check``)
decodes them without importing the graph, the idioms and the analysis (0.35 s of imports)."""

from __future__ import annotations

from dataclasses import dataclass, field

# groups that are reported, never planned: a broken call is a bug for a person to fix, not code to delete
REPORTED = ("broken-calls",)

KIND_ORDER = (
    "flag-gated",
    "dev-only",
    "unreachable",
    "orphan-endpoint",
    "broken-call",
    "unused-export",
    "unused-config",
    "unused-dependency",
)


@dataclass
class Finding:
    kind: str
    path: str
    group: str
    reason: str
    evidence: list[str]
    symbol: str | None = None
    endpoint: str | None = None
    line: int | None = None
    node: str | None = None  # graph node id (not serialised)
    # certain: nothing mentions the item and no blind spot of the model could reach it;
    # unsure: something does (``evidence`` says what), so it is never removed unconfirmed
    confidence: str = "certain"
    end_line: int | None = None
    # unused-dependency: the production files whose imports name it (not serialised): the
    # planner removes it only when every one of them is deleted
    importers: tuple[str, ...] = ()

    def to_json(self) -> dict:
        d = {
            "kind": self.kind,
            "path": self.path,
            "symbol": self.symbol,
            "endpoint": self.endpoint,
            "group": self.group,
            "reason": self.reason,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "line": self.line or 1,
        }
        if self.end_line is not None:
            d["end_line"] = self.end_line
        return d

    @property
    def fingerprint(self) -> str:
        """Stable when lines move: kind + path + symbol or endpoint."""
        return f"{self.kind}|{self.path}|{self.symbol or self.endpoint or ''}"


@dataclass
class GroupResult:
    name: str
    title: str
    status: str  # safe | needs-refactor | blocked | needs-review (a member is unsure, or a step unverified)
    members: list[str] = field(default_factory=list)  # node ids
    removed: list[str] = field(default_factory=list)  # node ids named by the group spec
    referenced_by: dict[str, list[str]] = field(default_factory=dict)  # member path -> live referrers
    blocked_by: list[str] = field(default_factory=list)  # why a flag group cannot go yet
    flag: str | None = None
    after: dict | None = None  # production reachability once the group is removed (configured groups)
