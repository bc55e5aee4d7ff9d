"""ISO 8601 periods: what a date value names, at its own granularity.

One reader for every stage that needs a date's span: the claims stage (is a date long
before its source's publication?) and the checks (do two dates agree?). ``period`` raises
on a value that names no period; ``safe_period`` returns None.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date                # inclusive
    granularity: str            # day | week | month | quarter | year | interval
    iso: str

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\d:.,]+(?:Z|[+-]\d{2}(?::?\d{2})?)?$")


def period(iso: Any) -> Period:
    """The period an ISO value names; raises ValueError when it names none."""
    if isinstance(iso, dt.datetime):
        iso = iso.date()
    if isinstance(iso, dt.date):
        return Period(iso, iso, "day", iso.isoformat())
    if not isinstance(iso, str):
        raise ValueError(f"not a date: {iso!r}")
    text = iso.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start = _single_period(first.strip())
        last = last.strip()
        if len(last) < len(first.strip()):          # "2024-10-08/13" abbreviates the end
            last = first.strip()[: len(first.strip()) - len(last)] + last
        end = _single_period(last)
        if end.end < start.start:
            raise ValueError(f"interval ends before it starts: {iso!r}")
        return Period(start.start, end.end, "interval", text)
    return _single_period(text)


def _single_period(text: str) -> Period:
    if m := _TIME.match(text):             # a time of day: the day is what is compared
        text = m[1]
    if m := _DAY.match(text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Period(day, day, "day", text)
    if m := _WEEK.match(text):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return Period(monday, monday + dt.timedelta(days=6), "week", text)
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        last = calendar.monthrange(year, month)[1]
        return Period(dt.date(year, month, 1), dt.date(year, month, last), "month", text)
    if m := _QUARTER.match(text):
        year, first = int(m[1]), 3 * int(m[2]) - 2
        last = calendar.monthrange(year, first + 2)[1]
        return Period(dt.date(year, first, 1), dt.date(year, first + 2, last), "quarter", text)
    if m := _YEAR.match(text):
        year = int(m[1])
        if year < 1:
            raise ValueError(f"not a date: {text!r}")
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)
    raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn, YYYY or START/END)")


def safe_period(iso: Any) -> Optional[Period]:
    try:
        return period(iso)
    except (ValueError, TypeError, OverflowError):
        return None
