"""Resolve parsed date expressions against an article's publication date."""
from __future__ import annotations

import datetime as dt
from typing import Optional, Tuple

from .mention import TimeExpr


def resolve(expr: TimeExpr, reference: Optional[dt.date]) -> Tuple[Optional[str], str]:
    """(ISO value or None when it needs a reference that is missing, granularity)."""
    if expr.anchor == "absolute" and expr.granularity == "year":
        return f"{expr.year:04d}", "year"
    return None, expr.granularity
