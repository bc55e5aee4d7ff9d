"""Quantities: numbers with what they count. (First slice: plain digit numbers.)"""
from __future__ import annotations

from typing import List

import regex

from ..mention import Mention

_NUMBER = regex.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w,]*\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")


def find_quantities(text: str, lang: str = "en") -> List[Mention]:
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group().replace(",", "")
        value = float(raw) if "." in raw else int(raw)
        out.append(Mention("quantity", m.start(), m.end(), m.group(), value))
    return out
