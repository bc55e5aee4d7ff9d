"""Comparing one declared value with one mentioned value: pure functions, no articles.

Quantities: :func:`compare_quantity` (numbers, ranges, qualifiers, vague amounts).
Dates:      :func:`compare_date` (ISO values at any granularity, intervals).
Every function returns a :class:`Comparison` and never raises on bad input: a
value it cannot read disagrees, with a reason saying so.

The ambiguous choices are fields of :class:`QuantityRules` and :class:`DateRules`
(frozen, documented, defaults chosen for drift detection in news).
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Optional, Tuple, Union

from factcheck.lang import lexicon
from factcheck.mention import Mention
from factcheck.periods import safe_period

Number = Union[int, float]
QuantityValue = Union[Number, Tuple[Number, Number]]


@dataclass(frozen=True)
class Comparison:
    agrees: bool
    reason: str = ""            # why it disagrees, in plain words (empty when it agrees)
    kind: str = "disagreement"  # what kind of finding a disagreement is ("dropped-bound", ...)

    def __bool__(self) -> bool:  # so ``if compare_date(...)`` reads naturally
        return self.agrees


AGREES = Comparison(True)


# --------------------------------------------------------------------------- quantities

@dataclass(frozen=True)
class QuantityRules:
    """How strictly a mentioned quantity must match a declared one.

    Figures are compared as numbers (1500 == 1500.0 == "1,500"; a range by its
    ends, in any order). Qualifiers fall in classes (lexicon
    ``match_qualifier_classes``): none/exact ("exactly") and approximate ("about",
    "some", "around", "nearly") are compatible with each other; a bound is lower
    ("more than", "at least", "over") or upper ("fewer than", "up to", "as many as").

    approximate_tolerance: relative slack allowed when either side is approximate
        ("about 1,500" vs 1,520 agrees at 0.02). Default 0: news copies a rounded
        figure verbatim, so any difference is drift worth a look.
    flag_dropped_bound: a declared bound ("more than 13,000") that the mention
        drops ("13,000") or turns into an approximation ("about 13,000") disagrees.
        The issue names "loses its 'more than'" as drift factcheck finds.
    flag_added_bound: a mention that adds a bound the declaration does not have
        ("more than 1,500" where "about 1,500" was declared) disagrees: it is a
        different claim.
    bound_strictness_matters: whether "at least" differs from "more than" (and "up
        to" from "fewer than"). Default False: news uses them interchangeably.
    vague_span: a vague amount of value V ("thousands" = 1000, "tens of thousands" =
        10000, "dozens" = 12) covers [V, V * vague_span). It agrees with a declared
        figure inside that span ("thousands" vs 1,500), else it contradicts it
        ("hundreds" or "tens of thousands" vs 1,500).
    range_agrees_with_inner_value: whether a range ("1,000 to 2,000") agrees with a
        declared single value inside it (and vice versa). Default False: a range
        where a figure was declared is a different statement.
    """

    approximate_tolerance: float = 0.0
    flag_dropped_bound: bool = True
    flag_added_bound: bool = True
    bound_strictness_matters: bool = False
    vague_span: float = 10.0
    range_agrees_with_inner_value: bool = False


DEFAULT_QUANTITY_RULES = QuantityRules()

QUALIFIER_CLASSES = ("exact", "approximate", "lower", "upper")


@lru_cache(maxsize=None)
def _qualifier_table(lang: str = "en") -> Mapping[str, str]:
    table = {}
    for cls, words in (lexicon(lang).get("match_qualifier_classes") or {}).items():
        for word in words or ():
            table[_squash(str(word))] = cls
    return table


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").split())


def qualifier_class(qualifier: Optional[str], lang: str = "en") -> str:
    """"exact" | "approximate" | "lower" | "upper"; unknown or no qualifier is "exact"."""
    if not qualifier or not isinstance(qualifier, str):
        return "exact"
    return _qualifier_table(lang).get(_squash(qualifier), "exact")


def _is_bound(cls: str) -> bool:
    return cls in ("lower", "upper")


def as_number(value: Any) -> Optional[float]:
    """A finite float from an int/float/numeric string ("1,500"), else None."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            number = float(value)
        elif isinstance(value, str):
            number = float(value.replace(",", "").replace("_", "").strip())
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def as_quantity(value: Any) -> Optional[Tuple[float, float]]:
    """(low, high) for a number or a range; a single number is (n, n). None if unreadable."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            return None
        low, high = as_number(value[0]), as_number(value[1])
        if low is None or high is None:
            return None
        return (min(low, high), max(low, high))
    number = as_number(value)
    return None if number is None else (number, number)


def format_number(value: Any) -> str:
    """1500 -> "1,500"; 2.5 -> "2.5"; (8, 13) -> "8 to 13"."""
    quantity = as_quantity(value)
    if quantity is None:
        return repr(value)
    low, high = quantity
    if low != high:
        return f"{format_number(low)} to {format_number(high)}"
    if low == int(low) and abs(low) < 1e18:
        return f"{int(low):,}"
    return f"{low:,.6g}" if abs(low) >= 1e6 else f"{low:,.6f}".rstrip("0").rstrip(".")


def describe_quantity(value: Any, qualifier: Optional[str] = None) -> str:
    """What a figure says, in words: "more than 13,000"."""
    number = format_number(value)
    return f"{_squash(qualifier)} {number}" if qualifier else number


def _close(a: float, b: float, tolerance: float) -> bool:
    return math.isclose(a, b, rel_tol=max(tolerance, 1e-9), abs_tol=1e-9)


def _same_quantity(declared: Tuple[float, float], mentioned: Tuple[float, float],
                   tolerance: float, rules: QuantityRules) -> bool:
    if _close(declared[0], mentioned[0], tolerance) and _close(declared[1], mentioned[1], tolerance):
        return True
    if rules.range_agrees_with_inner_value:
        inner, outer = (declared, mentioned) if declared[0] == declared[1] else (mentioned, declared)
        if inner[0] == inner[1] and outer[0] <= inner[0] <= outer[1]:
            return True
    return False


def compare_quantity(declared: Any, declared_qualifier: Optional[str],
                     value: Any, qualifier: Optional[str] = None, vague: bool = False,
                     rules: QuantityRules = DEFAULT_QUANTITY_RULES, *, text: str = "") -> Comparison:
    """Does a mention (``value``, ``qualifier``, ``vague``) agree with the declared figure?

    ``text`` is the mention as written, used only in reasons for vague amounts.
    """
    want = as_quantity(declared)
    if want is None:
        return Comparison(False, f"the declared figure {declared!r} is not a number")
    got = as_quantity(value)
    if got is None:
        return Comparison(False, f"says {text or value!r}, which is not a number")
    expected = describe_quantity(declared, declared_qualifier)
    if vague:
        return _compare_vague(want, got[0], rules, text or format_number(value), expected)

    want_cls, got_cls = qualifier_class(declared_qualifier), qualifier_class(qualifier)
    approximate = "approximate" in (want_cls, got_cls)
    tolerance = rules.approximate_tolerance if approximate else 0.0
    if not _same_quantity(want, got, tolerance, rules):
        return Comparison(False, f"says {describe_quantity(value, qualifier)} where {expected} was declared")
    return _compare_qualifiers(declared_qualifier, want_cls, qualifier, got_cls, rules)


def _compare_qualifiers(declared_qualifier, want_cls, qualifier, got_cls, rules) -> Comparison:
    if _is_bound(want_cls):
        if got_cls == want_cls:
            if rules.bound_strictness_matters and _squash(declared_qualifier) != _squash(qualifier):
                return Comparison(False, f"says '{_squash(qualifier)}' where "
                                         f"'{_squash(declared_qualifier)}' was declared")
            return AGREES
        if _is_bound(got_cls):
            return Comparison(False, f"reverses the qualifier: says '{_squash(qualifier)}' where "
                                     f"'{_squash(declared_qualifier)}' was declared")
        if rules.flag_dropped_bound:
            return Comparison(False, f"drops the qualifier '{_squash(declared_qualifier)}'")
        return AGREES
    if _is_bound(got_cls) and rules.flag_added_bound:
        return Comparison(False, f"adds the qualifier '{_squash(qualifier)}', which was not declared")
    return AGREES


def _compare_vague(want: Tuple[float, float], magnitude: float, rules: QuantityRules,
                   text: str, expected: str) -> Comparison:
    """A vague amount is an order of magnitude: [magnitude, magnitude * vague_span)."""
    if magnitude <= 0:
        return Comparison(False, f"says '{text}', which is not an amount")
    low, high = magnitude, magnitude * rules.vague_span
    # A declared range agrees when it overlaps the span.
    if want[1] >= low and want[0] < high:
        return AGREES
    return Comparison(False, f"says '{text}' (an order of magnitude of {format_number(magnitude)}) "
                             f"where {expected} was declared")


def quantity_distance(declared: Any, value: Any) -> float:
    """How far apart two figures are (|log ratio| of their midpoints); inf when unreadable."""
    want, got = as_quantity(declared), as_quantity(value)
    if want is None or got is None:
        return math.inf
    a, b = want[0] / 2 + want[1] / 2, got[0] / 2 + got[1] / 2
    if a <= 0 or b <= 0 or math.isinf(a) or math.isinf(b):
        return 0.0 if a == b else math.inf
    return abs(math.log(a) - math.log(b))


# --------------------------------------------------------------------------- dates

@dataclass(frozen=True)
class DateRules:
    """How a mentioned date must relate to a declared one.

    Both are read as periods (a day, an ISO week, a month, a year, an interval).
    A mention agrees when the periods are equal, when the mention is coarser and
    contains the declared period ("last week" vs a day in it), or when it is finer
    and lies inside it ("on Oct 10" vs a declared window).

    intervals_must_be_equal: when both are intervals, only an equal interval
        agrees (a window "Oct 8 to 12" inside a declared "Oct 8 to 13" is drift).
    partial_overlap_agrees: periods that overlap without one containing the other
        (a week straddling two months) agree. Default False.
    """

    intervals_must_be_equal: bool = True
    partial_overlap_agrees: bool = False


DEFAULT_DATE_RULES = DateRules()


def describe_date(iso: Any, lang: str = "en") -> str:
    """"2024-10-22 (Tuesday)", "2024-W41 (2024-10-07 to 2024-10-13)", "2024-10"."""
    p = safe_period(iso)
    if p is None:
        return repr(iso)
    if p.granularity == "day":
        return f"{p.iso} ({weekday_name(p.start, lang)})"
    if p.granularity == "week":
        return f"{p.iso} ({p.start.isoformat()} to {p.end.isoformat()})"
    return p.iso


def weekday_name(day: dt.date, lang: str = "en") -> str:
    names = {index: name for name, index in (lexicon(lang).get("weekdays") or {}).items()}
    name = names.get(day.weekday())
    return name.capitalize() if name else calendar.day_name[day.weekday()]


def compare_date(declared: Any, value: Any, rules: DateRules = DEFAULT_DATE_RULES) -> Comparison:
    """Does a mentioned date (ISO at its granularity) agree with the declared one?"""
    want = safe_period(declared)
    if want is None:
        return Comparison(False, f"the declared date {declared!r} is not a date")
    got = safe_period(value)
    if got is None:
        return Comparison(False, f"says {value!r}, which is not a date")
    if (want.start, want.end) == (got.start, got.end):
        return AGREES
    both_intervals = want.granularity == got.granularity == "interval"
    if not (both_intervals and rules.intervals_must_be_equal):
        if got.contains(want) or want.contains(got):
            return AGREES
        if rules.partial_overlap_agrees and got.overlaps(want):
            return AGREES
    return Comparison(False, f"resolves to {describe_date(value)} where {want.iso} was declared")


def date_distance(declared: Any, value: Any) -> float:
    """Days between two periods (0 when they overlap); inf when unreadable."""
    want, got = safe_period(declared), safe_period(value)
    if want is None or got is None:
        return math.inf
    if want.overlaps(got):
        return 0.0
    return float(min(abs((want.start - got.end).days), abs((got.start - want.end).days)))


# --------------------------------------------------------------------------- weekdays

_WEEKDAY_WORD = re.compile(r"[\w'’]+")


@lru_cache(maxsize=None)
def _weekday_words(lang: str) -> Mapping[str, int]:
    data = lexicon(lang)
    table = {str(k).lower(): int(v) for k, v in (data.get("date_weekday_abbreviations") or {}).items()}
    table.update({str(k).lower(): int(v) for k, v in (data.get("weekdays") or {}).items()})
    return table


def written_weekday(mention: Mention, lang: str = "en") -> Optional[int]:
    """The weekday the mention's text names ("Saturday, May 2" -> 5), if any."""
    table = _weekday_words(lang)
    return next((table[w] for w in _WEEKDAY_WORD.findall(mention.text.lower()) if w in table), None)


def weekday_checked(mention: Mention, lang: str = "en") -> Tuple[Any, Optional[Comparison]]:
    """(value to compare, disagreement) for a day that is also named by its weekday.

    "Saturday, May 2, 2013" says two things; when 2013-05-02 is a Thursday the
    article contradicts itself and the mention disagrees whatever was declared.
    When the year was not written and the weekday fits the same day a year
    earlier or later, that is the day meant ("Thursday (June 13)").
    """
    weekday = written_weekday(mention, lang)
    found = safe_period(mention.value)
    if weekday is None or found is None or found.granularity != "day" or found.start.weekday() == weekday:
        return mention.value, None
    day = found.start
    expr = mention.expr
    if expr is not None and expr.anchor != "absolute" and expr.year is None:
        for shift in (-1, 1):
            try:
                other = day.replace(year=day.year + shift)
            except ValueError:
                continue
            if other.weekday() == weekday:
                return other.isoformat(), None
    named = next((w for w, i in _weekday_words(lang).items() if i == weekday and len(w) > 4), str(weekday))
    return mention.value, Comparison(False, f"says {named.capitalize()}, but {describe_date(day.isoformat())} "
                                            f"is not a {named.capitalize()}")


