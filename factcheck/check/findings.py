"""Findings: stable ids for cross-source verdicts.

A cross-source finding is named by what it is about and its kind, in ``[a-z0-9-]``:
``deaths-disagreement``, ``date-summoned-disagreement``, ``name-zinoviev-disagreement``,
``deaths-update``. The id is built from the measure (or key) and kind only, never from a
position or a count of other findings, so it stays put when facts or other findings change;
a second finding with the same id in one facts file gets ``-2``, ``-3``, in article order.
``accept:`` in facts.yaml, JSON and SARIF output use it.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Dict, Iterable, List

from factcheck.verdict import Verdict

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """"date: summoned" -> "date-summoned"; "name: Zinóviev #2" -> "name-zinoviev"."""
    text = re.sub(r"\s#\d+$", "", text)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NOT_ID.sub("-", folded).strip("-") or "figure"


def finding_id(verdict: Verdict) -> str:
    kind = verdict.kind or ("agreement" if verdict.outcome == "pass" else "disagreement")
    return f"{slug(verdict.subject)}-{kind}"


def with_finding_ids(verdicts: Iterable[Verdict]) -> List[Verdict]:
    """The verdicts with ``finding_id`` set, unique within the list."""
    seen: Dict[str, int] = {}
    out = []
    for verdict in verdicts:
        base = finding_id(verdict)
        seen[base] = seen.get(base, 0) + 1
        out.append(dataclasses.replace(verdict, finding_id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return out
