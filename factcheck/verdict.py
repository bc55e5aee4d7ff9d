"""What a check concludes: a Verdict per (fact, article) or per cross-source figure.

Verdicts are plain data; the pytest plugin, the CLI and any report only render them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional, Tuple

from .mention import Mention

Outcome = Literal["pass", "warn", "fail", "error"]

#: What a finding is, each with its default severity ("error" fails its test; "warning"
#: passes it and is reported as a ``factcheck.FindingWarning`` at ARTICLE:LINE).
KINDS = {
    "disagreement": "error",     # a source contradicts the declared fact, or other sources
    "dropped-bound": "error",    # "13,000" where "more than 13,000" was declared (cross-source: warning)
    "update": "warning",         # a moving figure grew with time: earlier sources are not wrong
    "outdated": "warning",       # a moving figure at an earlier value, said before the declared one was known
    "attributed": "warning",     # sources quote different authorities for different figures
    "within-article": "error",   # one article gives a figure or name two ways
    "missing-date": "error",     # relative dates but no publication date to resolve them
}


#: What a finding's severity may be set to (``severity:`` on a fact, ``[tool.factcheck.severity]``).
SEVERITIES = ("error", "warning")


class FindingWarning(UserWarning):
    """A finding of severity "warning" (an update, an outdated article, a dropped bound
    between sources): reported at ``ARTICLE:LINE``, never failing. ``kind`` says which;
    ``-W error::factcheck.FindingWarning`` turns them into failures."""

    kind: str = ""


@dataclass(frozen=True)
class Finding:
    """One mention in one article, placed and quoted."""

    article: str                 # the article path as shown to the user
    line: int                    # 1-based
    column: int                  # 1-based
    mention: Mention
    sentence: str                # the sentence the mention stands in
    marked: str                  # the same sentence with the mention marked: ... »1,800« ...
    reason: str = ""             # why it disagrees (empty for agreeing mentions)
    attribution: Optional[str] = None  # who the article says gives the figure ("police")

    @property
    def where(self) -> str:
        return f"{self.article}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Verdict:
    subject: str                       # fact id, or the cross-source figure's key
    article: Optional[str]             # None for a verdict about several articles
    outcome: Outcome
    expected: str = ""                 # what was declared, in words ("about 1,500 soldiers|troops")
    declared_at: Optional[str] = None  # "facts.yaml:12"
    findings: Tuple[Finding, ...] = () # the offending mentions
    agreeing: Tuple[Finding, ...] = () # mentions that matched the declaration
    message: str = ""                  # one-line summary
    known: Optional[str] = None        # reason, when the discrepancy is declared as accepted
    details: Tuple[str, ...] = field(default_factory=tuple)  # extra lines (e.g. per-source values)
    kind: str = ""                     # one of KINDS for a finding; "" when it passes
    finding_id: str = ""               # stable id of a cross-source finding ([a-z0-9-])

    @property
    def failed(self) -> bool:
        return self.outcome in ("fail", "error")

    @property
    def warns(self) -> bool:
        return self.outcome == "warn"

    @property
    def severity(self) -> str:
        return "error" if self.failed else "warning" if self.warns else ""


def mark(sentence: str, start: int, end: int) -> str:
    """Mark ``sentence[start:end]`` so the figure stands out in a terminal without colour."""
    return f"{sentence[:start]}»{sentence[start:end]}«{sentence[end:]}"
