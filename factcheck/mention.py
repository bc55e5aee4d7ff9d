"""What the extractors find: one figure, date or person in an article's text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Tuple, Union

#: "ordinal": a rank ("86th", "the sixth round"), never an amount: the quantity extraction
#: leaves it out (``factcheck.extract.quantities.find_ordinals`` reads it on request).
Kind = Literal["quantity", "date", "person", "ordinal"]
Number = Union[int, float]
QuantityValue = Union[Number, Tuple[Number, Number]]


@dataclass(frozen=True)
class TimeExpr:
    """A date expression as parsed, before it is resolved against a dateline.

    ``anchor`` says what it hangs on:
      - "absolute": fully written ("October 21, 2024", "2022"): ``year`` set.
      - "month_day": month (and day) without a year ("Oct. 21", "in June"):
        the year comes from the dateline (``direction`` picks past/future/nearest).
      - "weekday": a bare or directed weekday ("on Monday", "from Tuesday").
      - "holiday": a named day ("Christmas", "Easter 2018") whose ``holiday`` rule gives
        month and day for a year; the year is ``year`` or the nearest to the dateline.
      - "relative": an offset from the dateline in ``unit`` ("day", "week",
        "month", "year") by ``offset`` ("yesterday" = day -1, "last week" = week -1,
        "this month" = month 0, "three weeks ago" = week -3 at granularity "day").
    A weekday may also carry ``unit="week"``/``offset`` ("Tuesday this week",
    "Tuesday of next week") or a ``deictic`` ("next Tuesday"); a month name may
    carry a ``deictic`` ("last August") or a ``year_offset`` ("October of next year").
    ``granularity`` is the precision of the value: "day", "week", "month",
    "year", or "interval" for ranges, whose parts are ``start``/``end``.
    """

    anchor: str
    granularity: str
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    weekday: Optional[int] = None      # 0 = Monday
    unit: Optional[str] = None
    offset: int = 0
    direction: str = "nearest"         # "past" | "future" | "nearest"
    start: Optional["TimeExpr"] = None
    end: Optional["TimeExpr"] = None
    # Added for date resolution (factcheck/resolve.py):
    deictic: Optional[int] = None      # "last"/"this"/"next" before a month or weekday name: -1/0/+1
    year_offset: Optional[int] = None  # a year named relative to the dateline's ("October of next year": +1)
    part: Optional[str] = None         # "early"/"mid"/"late"/"end"... of the period; value keeps its granularity
    holiday: Optional[str] = None      # anchor "holiday": its rule from the lexicon ("12-25", "easter-2", "11-thu-4")
    shift_unit: Optional[str] = None   # "three days after Christmas": the named day moved by
    shift: int = 0                     # ``shift`` units of ``shift_unit`` (value then has day granularity)

    @property
    def is_relative(self) -> bool:
        if self.granularity == "interval":
            return bool((self.start and self.start.is_relative) or (self.end and self.end.is_relative))
        if self.anchor == "holiday":
            return self.year is None       # "Christmas 2010" is absolute, "Christmas" is not
        return self.anchor != "absolute"


@dataclass(frozen=True)
class Mention:
    """One extracted figure. ``text == article_text[start:end]`` always holds.

    quantity: ``value`` is an int/float, or ``(low, high)`` for a range;
              ``unit`` ("km", "USD", "%") and ``counted`` ("soldiers") when known;
              ``qualifier`` ("about", "more than", ...); ``vague`` for amounts like
              "thousands of" whose ``value`` is only an order of magnitude;
              ``change`` "up" / "down" when the figure states a change in that
              direction ("rose 3 %", "fell by $2bn", "+3 %"; the value keeps the
              figure as written, signed when written with a sign, so a change is
              compared by its magnitude), None for a level ("rose to 5 %", "5 %");
              ``parts`` for a tally ("a 5-2 vote": (5, 2), unit "score", value the
              first part), never a range. A ratio ("one in three") has unit "ratio".
    date:     ``value`` is ISO 8601 at its own granularity ("2024-10-21",
              "2024-10", "2024", "2024-W42", "2024-10-08/2024-10-13"), or None
              when the expression is relative and no publication date was given;
              ``expr`` keeps the parsed expression.
    person:   ``value`` is the name as written; ``title`` the title before it.
    ordinal:  ``value`` is the rank (int), ``unit`` the ordinal unit, ``counted`` the
              ranked noun when read ("the sixth round": 6, "round").
    """

    kind: Kind
    start: int
    end: int
    text: str
    value: Any
    unit: Optional[str] = None
    counted: Optional[str] = None
    qualifier: Optional[str] = None
    vague: bool = False
    granularity: Optional[str] = None
    expr: Optional[TimeExpr] = field(default=None, compare=False)
    title: Optional[str] = None
    change: Optional[str] = None
    parts: Optional[Tuple[Number, ...]] = None

    @property
    def resolved(self) -> bool:
        return self.value is not None

    @property
    def relative(self) -> bool:
        return bool(self.expr and self.expr.is_relative)

    def as_dict(self) -> dict:
        value = self.value
        if isinstance(value, tuple):
            value = list(value)
        out = {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": value,
        }
        if self.kind == "quantity":
            out.update(unit=self.unit, counted=self.counted, qualifier=self.qualifier, vague=self.vague,
                       change=self.change)
            if self.parts is not None:
                out.update(parts=list(self.parts))
        elif self.kind == "ordinal":
            out.update(unit=self.unit, counted=self.counted)
        elif self.kind == "date":
            out.update(granularity=self.granularity, relative=self.relative)
        else:
            out.update(title=self.title)
        return out
