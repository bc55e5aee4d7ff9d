"""Values as intervals: one rule for declared facts and for cross-source comparison.

Every figure a text states is read as the interval of true values it allows:

- a bare figure is rounded as written: "145 million" is [144.5M, 145.5M), "12" is
  [11.5, 12.5); trailing zeros are not significant ("1,500" is rounded to the
  hundred) but that rounding is capped by a relative tolerance, so "1,500" is
  [1485, 1515) and 1,520 is still caught;
- "about N" spans at least a relative width around N;
- "at least N" is [N, N*slack], "more than N" is (N, N*slack]; "up to N" is
  [N/slack, N], "fewer than N" is [N/slack, N);
- "exactly N" is the point N; a range (low, high) is [low, high];
- a vague amount ("thousands", value 1000) is its order of magnitude [1000, 10000).

Two values agree when their intervals meet. Against a bound a bare figure is
the exact number written, not its rounding ("84" satisfies "at least 84";
"13,000" does not satisfy "more than 13,000"): a strict bound against its own
figure is ``dropped-bound``, which the declared check reports as a dropped
qualifier and the cross check as a warning.

Values in different physical units of one dimension (km / mi, kg / lb, °C / °F)
are compared after conversion by ``pint``; currencies, percentages, ordinals and
counts never convert, and values in units that do not convert never agree.

A change (``Said.change``: "rose 3 %" is up, "fell 3 %" down) is compared by its size
once its direction agrees; two changes in opposite directions disagree whatever their
sizes. Whether a change may be compared with a level at all is the caller's choice
(``MatchSettings.change_binds_levels``; cross-source keys keep them apart).

Pure functions, no articles: :func:`interval` and :func:`compare_values`. Every
choice is a field of :class:`ValueSettings`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any, FrozenSet, Mapping, Optional, Tuple, Union

from factcheck.check.compare import format_number, qualifier_class
from factcheck.lang import lexicon

MODES = ("declared", "cross")
OUTCOMES = ("agree", "disagree", "dropped-bound")


# --------------------------------------------------------------------------- settings

@dataclass(frozen=True)
class ValueSettings:
    """How wide the interval of each kind of figure is.

    bare_relative_cap: the most a bare figure's rounding may span around it, as a
        fraction of the figure, when the rounding comes from trailing zeros.
        "1,500" is rounded to the hundred (±50) as written, so a precise 1,523 elsewhere
        agrees with it (news rounds); but news also writes exact figures that end in
        zeros, and "2,000" against 2,200 must still be a drift: the cap narrows a
        rounding to ±5 % (±100 there). Digits written after a decimal point or a
        non-zero last digit are significant and never capped ("$1.4bn" is ±$0.05bn,
        "12" is ±0.5). A figure given without ``text`` (no way to tell which digits
        were written) always gets the capped width, so that the reading does not
        change with the scale of the number. Against an approximation, a bound or a
        vague amount a bare figure is its exact point: the tolerance counts once.
    approx_relative: the relative width "about N" spans at least: N ± N *
        approx_relative / 2; two approximate figures agree when one's point lies in
        the other's span (the tolerance counts once: "about 1,400" is not "about 1,500"). 0.1: "roughly 145 million" agrees
        with 145.5 million and "about 1,500" with 1,550, while "about 1,500" and
        "about 1,800" (the seed corpus' drift) stay apart.
    bound_slack: how far beyond its figure a bound reaches: "more than N" is (N,
        N * bound_slack], "fewer than N" is [N / bound_slack, N). A bound in news
        is close to the true value; 1.25 lets "more than 10" meet 12 and "more
        than 500" meet 527, while "at least 60" and "at least 84" (a toll that
        grew) or "more than 1,300" and "more than 13,000" (a digit added) do not.
        A bound on 0 has no scale and reaches to infinity.
    vague_span: a vague amount of value V ("thousands" = 1000, "dozens" = 12)
        covers [V, V * vague_span): its order of magnitude. 10, as QuantityRules.
    lang: the language whose lexicon names the qualifiers.
    """

    bare_relative_cap: float = 0.05
    approx_relative: float = 0.1
    bound_slack: float = 1.25
    vague_span: float = 10.0
    lang: str = "en"


DEFAULT_VALUE_SETTINGS = ValueSettings()


# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class Interval:
    """The true values a figure allows; an open end excludes its own value."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @property
    def empty(self) -> bool:
        return self.low > self.high or (self.low == self.high and (self.low_open or self.high_open))

    def contains(self, x: float) -> bool:
        above = x > self.low or (x == self.low and not self.low_open)
        below = x < self.high or (x == self.high and not self.high_open)
        return above and below

    def meets(self, other: "Interval") -> bool:
        """Do the two intervals share at least one value?"""
        if self.empty or other.empty:
            return False
        low, high = max(self.low, other.low), min(self.high, other.high)
        if low < high:
            return True
        return low == high and self.contains(low) and other.contains(low)

    def overlap(self, other: "Interval") -> float:
        """The length the two intervals share (0 when they touch or do not meet)."""
        return max(0.0, min(self.high, other.high) - max(self.low, other.low))


@dataclass(frozen=True)
class Said:
    """A value as written: ``text`` is the figure as written ("1,500", "145 million",
    "$1.4bn"), used for its significant digits; ``unit`` is the canonical unit or
    currency ("km", "USD", "%"), None for a count."""

    value: Union[float, Tuple[float, float]]
    qualifier: Optional[str] = None
    vague: bool = False
    unit: Optional[str] = None
    text: Optional[str] = None
    change: Optional[str] = None    # "up" / "down": a change in that direction, compared by magnitude


@dataclass(frozen=True)
class ValueVerdict:
    outcome: str            # "agree" | "disagree" | "dropped-bound"
    reason: str = ""        # one plain sentence for a failure report; empty when they agree

    @property
    def agrees(self) -> bool:
        return self.outcome == "agree"


AGREE = ValueVerdict("agree")


# --------------------------------------------------------------------------- qualifiers

@dataclass(frozen=True)
class Reading:
    """What kind of claim a figure makes.

    kind: "bare" (no qualifier, or one that does not change the claim: "just"),
        "exact" ("exactly"), "approximate", "lower", "upper", "vague" or "range".
    strict: a bound that excludes its own figure ("more than", "fewer than").
    """

    kind: str
    strict: bool = False

    @property
    def bound(self) -> bool:
        return self.kind in ("lower", "upper")

    @property
    def plain(self) -> bool:
        """A single figure claimed as such: against a bound it is its exact value."""
        return self.kind in ("bare", "exact")


def _squash(text: str) -> str:
    return " ".join(str(text).lower().replace("\u00a0", " ").split())


@lru_cache(maxsize=None)
def _canonical_qualifiers(lang: str) -> Mapping[str, str]:
    """Every qualifier surface ("some", "over", "or more") -> its canonical name
    ("about", "more than", "at least") from the lexicon's ``qualifiers``."""
    lex = lexicon(lang)
    table: dict = {}
    for key in ("qualifiers", "qualifier_trailing_extra"):
        for canonical, surfaces in (lex.get(key) or {}).items():
            for surface in (canonical, *(surfaces or ())):
                table.setdefault(_squash(surface), _squash(canonical))
    return table


@lru_cache(maxsize=None)
def _bound_names(lang: str) -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """(lower, upper, inclusive) canonical bound names and inclusive surfaces.

    Which bounds include their own figure is the lexicon's ``cross_inclusive_bounds``
    ("at least", "up to", "no fewer than"...); every other bound is strict.
    """
    lex = lexicon(lang)

    def names(key: str) -> FrozenSet[str]:
        return frozenset(_squash(w) for w in lex.get(key) or ())
    return names("qualifier_lower_bounds"), names("qualifier_upper_bounds"), names("cross_inclusive_bounds")


def reading(said: Said, settings: ValueSettings = DEFAULT_VALUE_SETTINGS) -> Reading:
    """The kind of claim ``said`` makes, from its value's shape and its qualifier."""
    lang = settings.lang
    surface = _squash(said.qualifier) if isinstance(said.qualifier, str) and said.qualifier.strip() else None
    if said.vague or (surface and surface == _squash(lexicon(lang).get("vague_qualifier") or "vague")):
        return Reading("vague")
    if isinstance(said.value, (tuple, list)):
        return Reading("range")
    cls = _qualifier_kind(surface, lang)
    if cls in ("lower", "upper"):
        inclusive = _bound_names(lang)[2]
        canonical = _canonical_qualifiers(lang).get(surface, surface)
        return Reading(cls, strict=not (surface in inclusive or canonical in inclusive))
    return Reading(cls)


def _qualifier_kind(surface: Optional[str], lang: str) -> str:
    """"bare" | "exact" | "approximate" | "lower" | "upper" for a qualifier surface.

    The lexicon's canonical qualifiers decide first (numbers.yaml); a surface they
    do not list falls back on compare.py's classes (match.yaml). Only a canonical
    exact qualifier ("exactly") makes a point: "just 12" or "only 12" is read as 12.
    """
    if not surface:
        return "bare"
    canonical = _canonical_qualifiers(lang).get(surface)
    lower, upper, _ = _bound_names(lang)
    if canonical in lower:
        return "lower"
    if canonical in upper:
        return "upper"
    cls = qualifier_class(canonical or surface, lang)
    if cls == "exact":
        return "exact" if canonical else "bare"
    return cls


# --------------------------------------------------------------------------- numbers and digits

def _decimal(x: Any) -> Decimal:
    """A finite number as the Decimal it is written as (1.4e9 -> 1400000000.0, not
    the binary float's long expansion); ValueError when it is not one."""
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)):
        raise ValueError(f"{x!r} is not a number")
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"{x!r} is not a number")
        return Decimal(repr(x))
    return Decimal(x)


# A figure's digits: "1,500", "13 000", "145", "1.375", ".5"
_DIGITS = re.compile(r"\d{1,3}(?:[,\u00a0\u202f' ]\d{3})+(?:\.\d+)?|\d*\.\d+|\d+")


def _written_digits(text: Optional[str], number: Decimal) -> Optional[Tuple[Decimal, Decimal]]:
    """(digits as written, scale) when ``text`` writes ``number`` as digits times a
    power of ten ("145 million" -> (145, 10**6), "$1.4bn" -> (1.4, 10**9)).

    The scale is the ratio of the value to the digits, so any scale word or
    shorthand works without a list of them. None when the text has no digits or
    its digits are not the value times a power of ten ("fifteen hundred", "2
    dozen", "2½"): the value's own digits are used then.
    """
    if not text:
        return None
    match = _DIGITS.search(text)
    if not match:
        return None
    digits = Decimal(re.sub(r"[^\d.]", "", match.group()))
    if digits == 0:
        return (digits, Decimal(1)) if number == 0 else None
    ratio = abs(number) / digits
    exponent = round(math.log10(ratio)) if ratio > 0 else 0
    scale = Decimal(10) ** exponent
    if not math.isclose(float(ratio), float(scale), rel_tol=1e-9):
        return None
    return digits, scale


def _trailing_zeros(digits: Tuple[int, ...]) -> int:
    count = 0
    for d in reversed(digits):
        if d or count == len(digits) - 1:
            break
        count += 1
    return count


def bare_half_width(said: Said, settings: ValueSettings = DEFAULT_VALUE_SETTINGS) -> Decimal:
    """Half the rounding a bare figure allows: half a unit of its last significant
    digit, with the part that comes from trailing zeros capped (see ValueSettings)."""
    number = _decimal(said.value)
    cap = abs(number) * Decimal(repr(settings.bare_relative_cap))
    written = _written_digits(said.text, number)
    if written is None:
        exponent = number.normalize().as_tuple().exponent
        return min(Decimal(10) ** exponent / 2, cap) if number else Decimal(0)
    digits, scale = written
    _, figures, exponent = digits.as_tuple()
    as_written = Decimal(10) ** exponent * scale / 2
    if exponent < 0:                     # decimals written: every digit counts
        return as_written
    significant = Decimal(10) ** (exponent + _trailing_zeros(figures)) * scale / 2
    return max(as_written, min(significant, cap))


# --------------------------------------------------------------------------- intervals

def interval(said: Said, settings: ValueSettings = DEFAULT_VALUE_SETTINGS, *, as_point: bool = False) -> Interval:
    """The true values ``said`` allows; ``as_point``: the exact figure written,
    without its rounding or qualifier (a range stays its two ends).

    Raises ValueError when the value is not a number or a pair of numbers.
    """
    claim = reading(said, settings)
    if claim.kind == "range" or isinstance(said.value, (tuple, list)):
        return _range_interval(said, settings, as_point)
    number = _decimal(said.value)
    if as_point or claim.kind == "exact":
        return _interval(number, number)
    if claim.kind == "vague":
        return _vague_interval(number, settings)
    if claim.bound:
        return _bound_interval(number, claim, settings)
    half = bare_half_width(said, settings)
    if claim.kind == "approximate":
        half = max(half, abs(number) * Decimal(repr(settings.approx_relative)) / 2)
        return _interval(number - half, number + half)
    return _interval(number - half, number + half, high_open=half > 0)


def _interval(low: Decimal, high: Decimal, low_open: bool = False, high_open: bool = False) -> Interval:
    """Built from Decimals so that equal written bounds give equal floats (12.5 and 12.5)."""
    return Interval(float(low), float(high), low_open, high_open)


def _range_interval(said: Said, settings: ValueSettings, as_point: bool) -> Interval:
    """A range is its two ends; "about 8 to 13" widens each as "about" does."""
    if not isinstance(said.value, (tuple, list)) or len(said.value) != 2:
        raise ValueError(f"{said.value!r} is not a number or a range")
    low, high = sorted(_decimal(v) for v in said.value)
    if not as_point and _qualifier_kind(_squash(said.qualifier or ""), settings.lang) == "approximate":
        widen = Decimal(repr(settings.approx_relative)) / 2
        low, high = low - abs(low) * widen, high + abs(high) * widen
    return _interval(low, high)


def _vague_interval(number: Decimal, settings: ValueSettings) -> Interval:
    if number <= 0:
        return _interval(number, number)
    return _interval(number, number * Decimal(repr(settings.vague_span)), high_open=True)


def _bound_interval(number: Decimal, claim: Reading, settings: ValueSettings) -> Interval:
    """A bound reaches ``bound_slack`` times its figure beyond it (mirrored below)."""
    strict = claim.strict
    slack = Decimal(repr(settings.bound_slack))
    infinity = Decimal("Infinity")
    if claim.kind == "lower":
        far = number + abs(number) * (slack - 1) if number else infinity
        return _interval(number, far, low_open=strict)
    near = number - abs(number) * (1 - 1 / slack) if number else -infinity
    return _interval(near, number, high_open=strict)


# --------------------------------------------------------------------------- units

@lru_cache(maxsize=1)
def _registry():
    """pint's unit registry, built once and only when two units differ."""
    try:
        import pint
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("factcheck.check.values needs pint to convert units: pip install pint") from error
    return pint.UnitRegistry()


@lru_cache(maxsize=None)
def _never_convert(lang: str) -> FrozenSet[str]:
    """Currencies, their sub-units, percent, percentage points and ordinals: never physical."""
    lex = lexicon(lang)
    names = set(lex.get("currencies") or {}) | set(lex.get("currency_subunits") or {})
    names |= {str(lex.get(key)) for key in ("percent_unit", "percent_point_unit", "number_ordinal_unit") if lex.get(key)}
    return frozenset(names)


@lru_cache(maxsize=None)
def _physical_unit(unit: str, lang: str):
    """The pint unit a canonical unit names, or None when it is no physical unit
    (a currency, "%", a count noun, an angle or anything pint does not know)."""
    if unit in _never_convert(lang):
        return None
    spelling = unit.replace("º", "°").replace("²", "**2").replace("³", "**3")
    spelling = re.sub(r"^([^\W\d_]+)([23])$", r"\1**\2", spelling)       # "km2" -> "km**2"
    registry = _registry()
    try:
        parsed = registry.Unit(spelling)
    except Exception:               # pint raises several error types for unknown names
        return None
    return None if parsed.dimensionless else parsed


def _in_base_units(span: Interval, unit) -> Interval:
    """The interval in SI base units; conversions are increasing, so ends map to ends."""
    registry = _registry()
    convert = lambda x: x if math.isinf(x) else registry.Quantity(x, unit).to_base_units().magnitude  # noqa: E731
    return Interval(float(convert(span.low)), float(convert(span.high)), span.low_open, span.high_open)


def _unit_key(unit: Optional[str]) -> Optional[str]:
    return unit.strip() if isinstance(unit, str) and unit.strip() else None


def common_units(first: Said, second: Said, a: Interval, b: Interval,
                 settings: ValueSettings = DEFAULT_VALUE_SETTINGS) -> Optional[Tuple[Interval, Interval]]:
    """Both intervals in one unit, or None when their units do not convert.

    Equal units compare as they are; different ones only when both are physical
    units of one dimension, both then in base units (so the result does not
    depend on which value comes first).
    """
    ua, ub = _unit_key(first.unit), _unit_key(second.unit)
    if ua == ub:
        return a, b
    if ua is None or ub is None:
        return None
    pa, pb = _physical_unit(ua, settings.lang), _physical_unit(ub, settings.lang)
    if pa is None or pb is None or pa.dimensionality != pb.dimensionality:
        return None
    return _in_base_units(a, pa), _in_base_units(b, pb)


# --------------------------------------------------------------------------- comparison

_DIGITS_ONLY = re.compile(r"^[\d,.\s]+$")


def describe(said: Said, lang: str = "en") -> str:
    """The value in words for a reason: "more than 13,000", "$1.4bn", "5 km", "thousands"."""
    if said.text and said.text.strip() and not _DIGITS_ONLY.match(said.text.strip()):
        figure = " ".join(said.text.split())        # as written: "$2.5bn", "145 million"
    else:
        figure = format_number(tuple(said.value) if isinstance(said.value, list) else said.value)
        if said.vague:
            figure = f"{figure} (an order of magnitude)"
        unit = _unit_key(said.unit)
        if unit:
            glued = unit == lexicon(lang).get("percent_unit")          # "3.2%", not "3.2 %"
            figure = f"{figure}{unit}" if glued else f"{figure} {unit}"
    qualifier = _squash(said.qualifier) if isinstance(said.qualifier, str) and said.qualifier.strip() else ""
    if said.vague and qualifier == _squash(lexicon(lang).get("vague_qualifier") or "vague"):
        qualifier = ""
    if qualifier and _squash(figure).startswith(qualifier):
        qualifier = ""          # the text as written already says it ("fewer than 13,000")
    return f"{qualifier} {figure}" if qualifier else figure


def compare_values(first: Said, second: Said, mode: str = "declared",
                   settings: ValueSettings = DEFAULT_VALUE_SETTINGS) -> ValueVerdict:
    """Do two stated values agree?

    mode "declared": ``first`` is the declared fact, ``second`` what an article says;
    only a declared strict bound can be dropped. mode "cross": two sources,
    symmetric in outcome and reason; a strict bound in either one against its own
    figure in the other is ``dropped-bound``. Never raises on bad values: a value
    that is not a number disagrees, with a reason saying so.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if first.change and second.change and first.change != second.change:
        return _direction_verdict(first, second, mode, settings)
    first, second = _magnitude(first), _magnitude(second)
    try:
        ra, rb = reading(first, settings), reading(second, settings)
        # Against a bound, a vague amount or an approximation a bare figure is the number
        # written: "84" meets "at least 84"; "10,000" is not one of "thousands"; "1,400" is
        # not "about 1,500" (the approximation already allows for rounding: once is enough).
        a = interval(first, settings, as_point=ra.plain and (rb.bound or bool(second.vague)
                                                              or rb.kind == "approximate"))
        b = interval(second, settings, as_point=rb.plain and (ra.bound or bool(first.vague)
                                                              or ra.kind == "approximate"))
    except ValueError as error:
        return ValueVerdict("disagree", f"cannot compare {_describe_safely(first, settings.lang)} with "
                                        f"{_describe_safely(second, settings.lang)}: {error}")
    if rb.kind == "approximate" and ra.kind == "approximate":
        # "about 1,400" said against "about 1,500": the tolerance of "about" is counted once,
        # around one figure, with the other as its point, so two approximations 7 % apart
        # still differ. In declared mode the declared value carries it; in cross mode either
        # side may (the outcome stays symmetric).
        b = interval(second, settings, as_point=True)
        if mode == "cross":
            swapped = common_units(first, second, interval(first, settings, as_point=True),
                                   interval(second, settings), settings)
            if swapped is not None and swapped[0].meets(swapped[1]):
                return AGREE
    if ra.kind == "range" and rb.kind == "range":
        # Two ranges say the same only when their ends do: "8 to 13" is not "9 to 13".
        ends = [compare_values(Said(x, None, unit=first.unit), Said(y, None, unit=second.unit), mode, settings)
                for x, y in zip(sorted(first.value), sorted(second.value))]
        if all(e.outcome == "agree" for e in ends):
            return AGREE
        return _verdict("disagree", first, second, mode, settings, "different ranges")
    converted = common_units(first, second, a, b, settings)
    if converted is None:
        return _verdict("disagree", first, second, mode, settings, "in units that do not convert")
    a, b = converted
    if a.meets(b) and not _reversed_bounds(ra, rb, a, b):
        return AGREE
    dropped = _drops_bound(ra, rb, a, b, mode)
    if dropped:
        bound = (first if dropped == "first" else second).qualifier
        return _verdict("dropped-bound", first, second, mode, settings,
                        f"drops the qualifier '{_squash(bound)}'" if bound else "drops the bound",
                        bound_first=dropped == "first")
    return _verdict("disagree", first, second, mode, settings, _why(ra, rb, a, b, mode))


def _magnitude(said: Said) -> Said:
    """A change is compared by its size: "-3%" stating a fall is the fall 3 % ("fell 3%")."""
    if not said.change:
        return said
    value = said.value
    try:
        if isinstance(value, (tuple, list)):
            value = tuple(sorted(abs(v) for v in value))
        elif value is not None:
            value = abs(value)
    except TypeError:
        return said             # not a number: compare_values says so
    return replace(said, value=value)


def _direction_verdict(first: Said, second: Said, mode: str, settings: ValueSettings) -> ValueVerdict:
    """Two changes in opposite directions disagree, whatever their sizes."""
    said_first = f"{_describe_safely(first, settings.lang)} ({first.change})"
    said_second = f"{_describe_safely(second, settings.lang)} ({second.change})"
    if mode == "declared":
        return ValueVerdict("disagree", f"says {said_second} where {said_first} was declared "
                                        f"(the opposite direction of change)")
    pair = sorted([said_first, said_second])
    return ValueVerdict("disagree", f"one source says {pair[0]}, another {pair[1]} (opposite directions of change)")


def _reversed_bounds(ra: Reading, rb: Reading, a: Interval, b: Interval) -> bool:
    """Opposite bounds that share a single value ("at least 500" and "up to 500")
    reverse each other; they agree only when they leave a span of values in common."""
    return {ra.kind, rb.kind} == {"lower", "upper"} and a.overlap(b) == 0


def _bound_figure(span: Interval, r: Reading) -> float:
    return span.low if r.kind == "lower" else span.high


def _states_bound_figure(bound: Reading, span: Interval, plain: Reading, point: Interval) -> bool:
    """Does a plain figure state a strict bound's own, excluded figure ("13,000"
    against "more than 13,000")?"""
    return (bound.bound and bound.strict and plain.plain and point.low == point.high
            and math.isclose(point.low, _bound_figure(span, bound), rel_tol=1e-9, abs_tol=1e-12))


def _drops_bound(ra: Reading, rb: Reading, a: Interval, b: Interval, mode: str) -> Optional[str]:
    """"first" / "second": whose strict bound the other side drops; None when no
    bound was dropped. In declared mode only the declared (first) bound can be:
    an article that adds a strict bound to a declared figure says something else."""
    if _states_bound_figure(ra, a, rb, b):
        return "first"
    if mode == "cross" and _states_bound_figure(rb, b, ra, a):
        return "second"
    return None


def _why(ra: Reading, rb: Reading, a: Interval, b: Interval, mode: str) -> str:
    """A short gloss for the reason, when the figures alone do not say it."""
    if {ra.kind, rb.kind} == {"lower", "upper"}:
        return "reverses the qualifier"
    if mode == "declared" and _states_bound_figure(rb, b, ra, a):
        return "adds a bound that does not hold"
    return ""


def _verdict(outcome: str, first: Said, second: Said, mode: str, settings: ValueSettings,
             gloss: str = "", bound_first: bool = False) -> ValueVerdict:
    """The failure sentence; in cross mode the two values are in a fixed order (the
    bound first when one is dropped, else sorted) so that it does not depend on
    which source came first."""
    suffix = f" ({gloss})" if gloss else ""
    said_first, said_second = describe(first, settings.lang), describe(second, settings.lang)
    if mode == "declared":
        return ValueVerdict(outcome, f"says {said_second} where {said_first} was declared{suffix}")
    pair = [said_first, said_second]
    if outcome == "dropped-bound":
        pair = pair if bound_first else pair[::-1]
    else:
        pair.sort()
    return ValueVerdict(outcome, f"one source says {pair[0]}, another {pair[1]}{suffix}")


def _describe_safely(said: Any, lang: str) -> str:
    try:
        return describe(said, lang)
    except Exception:       # a reason must never raise: show what was given
        return repr(getattr(said, "value", said))
