"""When a source said what it says: publication moments, their order, moving measures.

A source's ``published`` is an ISO 8601 date or date-time, quoted or not, with or without a
zone. A naive time is read in :attr:`TimeSettings.default_timezone` (UTC unless set). A bare
date, or a time of exactly 00:00:00 (crawlers write that for "date only"), is a *day*: it is
ordered only against other days, never against a time on the same day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Tuple, Union

_DATE_ONLY = ("day",)


@dataclass(frozen=True)
class TimeSettings:
    """default_timezone: the zone of a naive publication time ("UTC" or "+05:30")."""

    default_timezone: str = "UTC"


DEFAULT_TIME_SETTINGS = TimeSettings()


@dataclass(frozen=True, order=True)
class Moment:
    """A publication moment: ``day`` always; ``at`` (aware, UTC) when a time of day is known."""

    day: dt.date
    at: Optional[dt.datetime] = None

    def before(self, other: "Moment") -> Optional[bool]:
        """True/False when the order is known; None when it is not (same day, a day-only side)."""
        if self.at is not None and other.at is not None:
            return self.at < other.at
        if self.day != other.day:
            return self.day < other.day
        return None

    def describe(self) -> str:
        """"14 Jul 2016 23:10 UTC" or "14 Jul 2016"."""
        if self.at is not None:
            return self.at.strftime("%d %b %Y %H:%M UTC").lstrip("0")
        return self.day.strftime("%d %b %Y").lstrip("0")

    def iso(self) -> str:
        return self.at.isoformat() if self.at is not None else self.day.isoformat()


def _zone(name: str) -> dt.tzinfo:
    if name.upper() in ("UTC", "Z", "GMT"):
        return dt.timezone.utc
    sign = -1 if name.startswith("-") else 1
    hours, _, minutes = name.lstrip("+-").partition(":")
    return dt.timezone(sign * dt.timedelta(hours=int(hours), minutes=int(minutes or 0)))


def parse_moment(value: Union[str, dt.date, dt.datetime, None],
                 settings: TimeSettings = DEFAULT_TIME_SETTINGS) -> Optional[Moment]:
    """A publication moment from YAML (date, datetime) or text; ValueError when not one."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, dt.date):
        return Moment(value)
    else:
        text = str(value).strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            if len(text) == 10:
                return Moment(dt.date.fromisoformat(text))
            stamp = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise ValueError(f"not a date or date-time: {value!r} (expected YYYY-MM-DD or "
                             f"YYYY-MM-DDTHH:MM[:SS][+HH:MM])") from None
    day = stamp.date()
    if stamp.tzinfo is None and stamp.time() == dt.time(0, 0):
        return Moment(day)          # the crawlers' "date only"
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=_zone(settings.default_timezone))
    return Moment(day, stamp.astimezone(dt.timezone.utc))


def order_key(moment: Optional[Moment]) -> Tuple:
    """Sort key: undated sources last; a day-only source at the start of its day."""
    if moment is None:
        return (1, dt.date.max, dt.datetime.max.replace(tzinfo=dt.timezone.utc))
    at = moment.at or dt.datetime.combine(moment.day, dt.time(0), dt.timezone.utc)
    return (0, moment.day, at)
