"""``--include KIND,...``, ``--exclude KIND,...`` and ``--confidence certain|all``: which findings a
command shows (and ``check`` compares with its baseline)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deadcode.output.kinds import all_kinds


class FilterError(ValueError):
    """A kind name that does not exist: a usage error naming the option."""


def parse_kinds(values: list[str] | None, option: str) -> frozenset[str] | None:
    """``["unreachable,dev-only", "broken-call"]`` -> the kinds; ``None`` when not given."""
    if not values:
        return None
    kinds = {k.strip() for v in values for k in v.split(",") if k.strip()}
    known = all_kinds()
    unknown = sorted(k for k in kinds if k not in known)
    if unknown:
        raise FilterError(f"{option} {unknown[0]}: no such finding kind (known: {', '.join(known)})")
    return frozenset(kinds)


@dataclass(frozen=True)
class FindingFilter:
    include: frozenset[str] | None = None  # None: every kind
    exclude: frozenset[str] = frozenset()
    confidence: str = "all"  # all | certain

    @property
    def active(self) -> bool:
        return self.include is not None or bool(self.exclude) or self.confidence != "all"

    def keeps(self, finding) -> bool:
        if self.include is not None and finding.kind not in self.include:
            return False
        if finding.kind in self.exclude:
            return False
        return self.confidence == "all" or getattr(finding, "confidence", "certain") == "certain"

    def apply(self, verdicts):
        """A copy of ``verdicts`` (``Verdicts`` or ``Analysis``) holding only the findings kept;
        ``blocked`` rows follow their group's findings."""
        if not self.active:
            return verdicts
        findings = [f for f in verdicts.findings if self.keeps(f)]
        groups = {f.group for f in findings}
        blocked = [b for b in verdicts.blocked if b.get("group") in groups]
        return replace(verdicts, findings=findings, blocked=blocked)
