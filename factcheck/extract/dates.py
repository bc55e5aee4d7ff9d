"""Dates: find date expressions and parse them into TimeExpr (resolution is in resolve.py)."""
from __future__ import annotations

from typing import List

from ..mention import Mention


def find_dates(text: str, lang: str = "en") -> List[Mention]:
    return []
