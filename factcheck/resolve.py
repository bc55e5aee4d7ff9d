"""Resolve parsed date expressions against an article's publication date.

Parsing (factcheck/extract/dates.py) says what was written; this module says
which calendar date it names, given the dateline. Every choice an ambiguous
expression forces is a named field of :class:`ResolveSettings`.

Values are ISO 8601 at their own granularity: "2024-10-21" (day), "2024-10"
(month), "2024" (year), "2024-W42" (ISO week), "2024-10-08/2024-10-13"
(interval). Without a reference date a relative expression resolves to
``None`` ("unresolved"), never to today's clock.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional, Tuple

from .mention import TimeExpr

Resolved = Tuple[Optional[str], str]


@dataclass(frozen=True)
class ResolveSettings:
    # A weekday with no cue ("said Friday", "Also Monday"): news reports what happened, so
    # "past_inclusive" = the most recent such weekday on or before the dateline (a Monday
    # article's "Monday" is the dateline itself); "nearest" = the closest one either way.
    weekday_unmarked: str = "past_inclusive"
    # "next Tuesday": "coming" = the first Tuesday after the dateline;
    # "next_week" = the Tuesday of the following ISO week (Recognizers-Text's reading).
    weekday_next: str = "coming"
    # "last Tuesday": "before_yesterday" = the latest Tuesday before the dateline that is not
    # yesterday (a Wednesday article says "yesterday" or "Tuesday" for that day, so "last
    # Tuesday" there means the week before); "most_recent" = the latest one before the
    # dateline; "previous_week" = the Tuesday of the previous ISO week.
    weekday_last: str = "before_yesterday"
    # A month name alone ("signed a deal in June"): "past_inclusive" = the most recent such
    # month on or before the dateline's month, unless a cue points ahead ("will ... in
    # October"); "nearest" = the closest one either way.
    month_unmarked: str = "past_inclusive"
    # A day with no year ("Oct. 21", "June 1st"): "nearest" = the one within half a year
    # of the dateline (news mentions both recent and coming days); "past_inclusive" also works.
    month_day_unmarked: str = "nearest"
    # "last August" / "next August": "previous_year" = August of the year before (after) the
    # dateline's year, as a reporter writing in October 2024 means August 2023 by "last August"
    # ("in August" names the recent one); "most_recent" = the latest August strictly before
    # (the earliest strictly after) the dateline's month.
    last_month_name: str = "previous_year"


DEFAULT_SETTINGS = ResolveSettings()


def resolve(expr: TimeExpr, reference: Optional[dt.date],
            settings: ResolveSettings = DEFAULT_SETTINGS) -> Resolved:
    """(ISO value, or None when it needs a reference that is missing or names no real day; granularity)."""
    try:
        if expr.granularity == "interval":
            return _interval(expr, reference, settings), "interval"
        point = _point(expr, reference, settings)
        if point is not None and expr.shift_unit:
            point = _shift(point, expr.shift_unit, expr.shift)
        return (None if point is None else _render(point, expr.granularity)), expr.granularity
    except (ValueError, OverflowError, TypeError):
        # A day that does not exist ("February 30") or a year out of range.
        return None, expr.granularity


# -- intervals --------------------------------------------------------------------------------

def _interval(expr: TimeExpr, reference: Optional[dt.date], settings: ResolveSettings) -> Optional[str]:
    if expr.start is None or expr.end is None:
        return None
    start = _point(expr.start, reference, settings)
    if start is None:
        return None
    end_expr = expr.end
    if end_expr.anchor == "weekday" and end_expr.unit is None and end_expr.deictic is None:
        # "from Monday to Wednesday": the first such weekday from the start on.
        end = _after(start, end_expr.weekday, inclusive=True)
    elif (end_expr.anchor == "month_day" and end_expr.year is None and end_expr.year_offset is None
          and end_expr.deictic is None):
        # "between October 8 and 13", "from Dec. 30 to Jan. 2": the end follows the start.
        end = dt.date(start.year, end_expr.month, end_expr.day or 1)
        if end < dt.date(start.year, start.month, 1 if end_expr.day is None else start.day):
            end = dt.date(start.year + 1, end_expr.month, end_expr.day or 1)
    else:
        end = _point(end_expr, reference, settings)
    if end is None or _period_end(end, end_expr.granularity) < start:
        return None                       # the range runs backwards
    return f"{_render(start, expr.start.granularity)}/{_render(end, end_expr.granularity)}"


# -- points -----------------------------------------------------------------------------------

def _point(expr: TimeExpr, reference: Optional[dt.date], settings: ResolveSettings) -> Optional[dt.date]:
    """The first day of the period the expression names (rendered later at its granularity)."""
    if expr.anchor == "absolute":
        return dt.date(expr.year, expr.month or 1, expr.day or 1)
    if expr.anchor == "holiday" and expr.year is not None:
        return _holiday(expr.holiday, expr.year)
    if reference is None:
        return None
    if expr.anchor == "holiday":
        return _holiday_near(expr, reference)
    if expr.anchor == "month_day":
        return _month_day(expr, reference, settings)
    if expr.anchor == "weekday":
        return _weekday(expr, reference, settings)
    if expr.anchor == "relative":
        return _relative(expr, reference)
    return None


def _month_day(expr: TimeExpr, ref: dt.date, settings: ResolveSettings) -> dt.date:
    month, day = expr.month, expr.day or 1
    if expr.year is not None:
        return dt.date(expr.year, month, day)
    if expr.year_offset is not None:
        return dt.date(ref.year + expr.year_offset, month, day)
    if expr.deictic is not None:
        return dt.date(_deictic_month_year(month, expr.deictic, ref, settings), month, day)
    by_month = expr.day is None
    direction = expr.direction
    if direction == "nearest":
        direction = settings.month_unmarked if by_month else settings.month_day_unmarked
    # Compare months (for a month) or days (for a day) against the dateline.
    here = dt.date(ref.year, ref.month, 1) if by_month else ref
    candidates = [c for c in (_valid(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)) if c]
    if not candidates:
        raise ValueError("no such day")
    if direction in ("past", "past_inclusive"):
        return max(c for c in candidates if c <= here) if any(c <= here for c in candidates) else candidates[0]
    if direction == "future":
        return min(c for c in candidates if c >= here) if any(c >= here for c in candidates) else candidates[-1]
    return min(candidates, key=lambda c: (abs((c - here).days), c > here))


def _deictic_month_year(month: int, deictic: int, ref: dt.date, settings: ResolveSettings) -> int:
    if deictic == 0:
        return ref.year
    if settings.last_month_name == "previous_year":
        return ref.year + deictic
    # most_recent: strictly before / after the dateline's month.
    if deictic < 0:
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month > ref.month else ref.year + 1


def _valid(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(expr: TimeExpr, ref: dt.date, settings: ResolveSettings) -> dt.date:
    wd = expr.weekday
    if expr.day is not None:
        return _weekday_on_day(wd, expr.day, ref)
    monday = ref - dt.timedelta(days=ref.weekday())
    if expr.unit == "week":
        # "Tuesday this week", "Tuesday of next week".
        return monday + dt.timedelta(days=7 * expr.offset + wd)
    if expr.deictic == 0:
        # "this Friday": the Friday of the dateline's week.
        return monday + dt.timedelta(days=wd)
    if expr.deictic == 1:
        if settings.weekday_next == "next_week":
            return monday + dt.timedelta(days=7 + wd)
        return _after(ref, wd, inclusive=False)
    if expr.deictic == -1:
        if settings.weekday_last == "previous_week":
            return monday + dt.timedelta(days=-7 + wd)
        day = _before(ref, wd, inclusive=False)
        # "this past Tuesday" (direction "past") is the latest one, even yesterday.
        if settings.weekday_last == "before_yesterday" and (ref - day).days == 1 and expr.direction != "past":
            day -= dt.timedelta(days=7)
        return day
    direction = expr.direction
    if direction == "nearest":
        direction = settings.weekday_unmarked
    if direction == "future":
        return _after(ref, wd, inclusive=True)
    if direction in ("past", "past_inclusive"):
        return _before(ref, wd, inclusive=True)
    before, after = _before(ref, wd, inclusive=True), _after(ref, wd, inclusive=True)
    return before if (ref - before) <= (after - ref) else after


def _weekday_on_day(weekday: int, day: int, ref: dt.date) -> dt.date:
    """"Tuesday the 11th": the day of that number, within a year either side of the dateline,
    that falls on that weekday, the nearest one (the later on a tie)."""
    candidates = []
    for step in range(-12, 13):
        year, month = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        candidate = _valid(year, month + 1, day)
        if candidate and candidate.weekday() == weekday:
            candidates.append(candidate)
    if not candidates:
        raise ValueError("no such day")
    return min(candidates, key=lambda c: (abs((c - ref).days), c < ref))


def _before(ref: dt.date, weekday: int, inclusive: bool) -> dt.date:
    back = (ref.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return ref - dt.timedelta(days=back)


def _after(ref: dt.date, weekday: int, inclusive: bool) -> dt.date:
    ahead = (weekday - ref.weekday()) % 7
    if ahead == 0 and not inclusive:
        ahead = 7
    return ref + dt.timedelta(days=ahead)


def _holiday_near(expr: TimeExpr, ref: dt.date) -> dt.date:
    if expr.year_offset is not None:
        return _holiday(expr.holiday, ref.year + expr.year_offset)
    days = [_holiday(expr.holiday, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if expr.deictic == 0:
        return days[1]
    if expr.deictic == -1:                # "last Easter": the latest one before the dateline
        return max(d for d in days if d < ref)
    if expr.deictic == 1:                 # "next Easter": the first one after it
        return min(d for d in days if d > ref)
    if expr.direction == "past":          # "was hit by the Boxing Day tsunami"
        return max(d for d in days if d <= ref)
    if expr.direction == "future":        # "would like a deal by Christmas"
        return min(d for d in days if d >= ref)
    return min(days, key=lambda d: (abs((d - ref).days), d > ref))


_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _holiday(rule: str, year: int) -> dt.date:
    """The day a holiday rule names in ``year`` (rules: see date_holidays in the lexicon)."""
    parsed = re.fullmatch(r"(easter|\d\d-\d\d|\d\d-[a-z]{3}-(?:\d|last))([+-]\d+)?", rule)
    if parsed is None:
        raise ValueError(f"bad holiday rule {rule!r}")
    base, shift = parsed.group(1), int(parsed.group(2) or 0)
    if base == "easter":
        day = _easter(year)
    elif re.fullmatch(r"\d\d-\d\d", base):
        day = dt.date(year, int(base[:2]), int(base[3:]))
    else:
        month, weekday, nth = base.split("-")
        wd = _WEEKDAY_NAMES.index(weekday)
        if nth == "last":
            last = dt.date(year, int(month), _month_length(year, int(month)))
            day = last - dt.timedelta(days=(last.weekday() - wd) % 7)
        else:
            first = dt.date(year, int(month), 1)
            day = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(nth) - 1))
    return day + dt.timedelta(days=shift)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _shift(day: dt.date, unit: str, count: int) -> dt.date:
    return _relative(TimeExpr(anchor="relative", granularity="day", unit=unit, offset=count), day)


def _relative(expr: TimeExpr, ref: dt.date) -> dt.date:
    unit, offset = expr.unit, expr.offset
    if unit == "day":
        return ref + dt.timedelta(days=offset)
    if unit == "week":
        return ref + dt.timedelta(weeks=offset)
    if unit == "month":
        index = ref.year * 12 + (ref.month - 1) + offset
        year, month = divmod(index, 12)
        if expr.day is not None:
            return dt.date(year, month + 1, expr.day)     # "the 15th of next month"
        return dt.date(year, month + 1, min(ref.day, _month_length(year, month + 1)))
    if unit == "year":
        year = ref.year + offset
        return dt.date(year, ref.month, min(ref.day, _month_length(year, ref.month)))
    raise ValueError(f"unknown unit {unit!r}")


def _period_end(first: dt.date, granularity: str) -> dt.date:
    """The last day of the period that starts on ``first``."""
    if granularity == "year":
        return dt.date(first.year, 12, 31)
    if granularity == "month":
        return dt.date(first.year, first.month, _month_length(first.year, first.month))
    if granularity == "week":
        return first + dt.timedelta(days=6 - first.weekday())
    return first


def _month_length(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def _render(day: dt.date, granularity: str) -> str:
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()
