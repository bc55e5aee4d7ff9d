"""What a check concludes: a Verdict per (fact, article) or per cross-source figure.

Verdicts are plain data; the pytest plugin, the CLI and any report only render them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional, Tuple

from .mention import Mention

Outcome = Literal["pass", "fail", "error"]


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

    @property
    def failed(self) -> bool:
        return self.outcome != "pass"


def mark(sentence: str, start: int, end: int) -> str:
    """Mark ``sentence[start:end]`` so the figure stands out in a terminal without colour."""
    return f"{sentence[:start]}»{sentence[start:end]}«{sentence[end:]}"
