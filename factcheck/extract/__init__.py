"""Article text -> Mentions.

Each dimension has its own extractor module with one entry point taking the
text and returning Mentions (dates unresolved); :func:`extract` runs them,
resolves dates against the publication date, and settles overlaps.

The extractors read a :class:`~factcheck.extract.text.TextView` of the text (invisible
characters read through) and never an unbounded line (overlong lines are read in pieces,
:data:`~factcheck.extract.text.LINE_CHARS`); offsets come back as written.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from typing import List, Optional, Union

from ..article import parse_date
from ..mention import Mention
from ..resolve import resolve
from .dates import find_dates
from .persons import find_persons
from .quantities import find_quantities
from .text import LINE_CHARS, TextView, split_long_lines

KINDS = ("quantity", "date", "person")


def extract(text: str, published: Union[dt.date, str, None] = None, *,
            kinds=KINDS, lang: str = "en") -> List[Mention]:
    """Every quantity, date and person in ``text``, in order of position.

    ``published`` anchors relative dates ("on Monday", "last week"); without it
    they come back with ``value=None`` (unresolved), never guessed from today.
    """
    reference = parse_date(published)
    view = TextView.of(text)
    short, pieces = split_long_lines(view.text, LINE_CHARS)
    found = _extract_window(short.text, reference, kinds, lang)
    if not short.identity:
        found = [_as_written(m, short) for m in found]
    for piece in pieces:
        found += [dataclasses.replace(m, start=m.start + piece.offset, end=m.end + piece.offset)
                  for m in _extract_window(piece.text, reference, kinds, lang) if piece.whole(m.start, m.end)]
    if pieces:
        found.sort(key=lambda m: (m.start, -m.end))
    if not view.identity:
        found = [_as_written(m, view) for m in found]
    return found


def _as_written(mention: Mention, view: TextView) -> Mention:
    """The mention found in ``view.text``, at its place in ``view.original``, as written there."""
    start, end = view.start(mention.start), view.end(mention.end)
    return dataclasses.replace(mention, start=start, end=end, text=view.original[start:end])


def _extract_window(text: str, reference: Optional[dt.date], kinds, lang: str) -> List[Mention]:
    dates: List[Mention] = []
    if "date" in kinds or "quantity" in kinds:
        dates = [_resolved(m, reference) for m in find_dates(text, lang=lang)]
    found: List[Mention] = list(dates) if "date" in kinds else []
    if "quantity" in kinds:
        # A number inside a date ("Oct. 21", "2022") is part of the date, not a figure.
        taken = sorted((d.start, d.end) for d in dates)
        found += [q for q in find_quantities(text, lang=lang) if not _overlaps(q, taken)]
    if "person" in kinds:
        found += find_persons(text, lang=lang)
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def _resolved(mention: Mention, reference: Optional[dt.date]) -> Mention:
    if mention.expr is None:
        return mention
    value, granularity = resolve(mention.expr, reference)
    return dataclasses.replace(mention, value=value, granularity=granularity)


def _overlaps(m: Mention, spans) -> bool:
    """Whether ``m`` overlaps one of ``spans`` (sorted, non-nested date spans)."""
    i = bisect.bisect_left(spans, (m.end,))
    # Only spans starting before m.end can overlap; dates do not nest, so the nearest few suffice.
    return any(m.start < end for _, end in spans[max(0, i - 3):i])
