"""Benchmark: recall/precision per development suite, and throughput against quantulum3.

Run ``python -m benchmarks.extract extract [--suite NAME ...] [--json] [--errors N] [--repeat N]``.
Not a test: it measures. Shared data is found at ``<repo>/../shared`` (``bench/`` and
``corpora/ecbplus/``), or wherever ``$FACTCHECK_SHARED`` points (that directory, or its
``bench/`` itself); without it the command says so and exits 2. Otherwise it exits 0, whatever the scores.

Scoring rules (shared by every suite)
-------------------------------------
* Per case, gold items are either *counted* or *excluded*. A prediction matches a counted
  gold item when the spans overlap and the values agree; gold items and predictions are
  paired one-to-one (maximum bipartite matching, so the order of items never costs a match).
* An unmatched prediction is a false positive, unless it overlaps an excluded gold item
  and no counted one (then it is ignored: neither TP nor FP), or the suite declares it
  *lenient* and it overlaps no counted gold item (ignored too; see the number suite).
* recall = TP / counted gold, precision = TP / (TP + FP), F1 their harmonic mean.

Quantity suites (``bench/extraction/recognizers-*.jsonl``; predictions are
``extract(text)`` filtered to kind "quantity")
* Values agree with relative tolerance ``VALUE_REL_TOL``. A gold range (``range.low`` /
  ``range.high``) with both bounds agrees with a tuple prediction ``(low, high)``; an
  open range ("more than 30": one bound) agrees with a scalar prediction equal to the
  bound (our extractor writes open ranges as value + qualifier); a closed range with
  low == high ("equals 20") is a scalar. A scalar gold value also agrees with a tuple
  prediction having it as one end ("eight to [10 feet]": the Recognizers unit models
  do not read ranges and mark one end; ``RANGE_END_MATCHES_SCALAR``). A gold item with
  value null (and no range) is a bare unit word ("convert 10 celsius to *fahrenheit*", "a small *percent*"): it is not a
  figure, so it is *excluded* (setting ``COUNT_BARE_UNIT_WORDS``).
* Gold sub-unit currencies (Cent, Pence, Penny, Sen, Satoshi) also agree with the value
  in the main unit (50 cents == 0.5 USD): ``CURRENCY_SUBUNITS``.
* Which predictions each suite scores (``SUITE_RULES``; others are not looked at):
  - number: every quantity. Recognizers' number model leaves number+unit tokens
    ("the 180ml liquid", "29km Road") to its unit models, so a prediction with a
    measurement unit (not a currency, not "%") that overlaps no gold item is ignored
    (lenient).
  - ordinal: predictions written as ordinals (text ending in st/nd/rd/th: "11th",
    "third", "a hundred trillionth"), since cardinals there ("the next 3 books") are
    not gold; gold "ordinal.relative" items ("last", "next to last") are excluded.
  - percentage: predictions with unit "%" (other numbers are not false positives there).
  - currency: predictions whose unit is a currency: an ISO 4217-shaped code (3 capitals)
    or a sub-unit name (``CURRENCY_SUBUNIT_NAMES``: "cent", "pence", ...).
  - dimension, temperature, age: predictions with any unit; but one whose unit is
    outside the suite's family and that overlaps no gold item is ignored (lenient):
    the Recognizers unit models each read one family, so "$700 million" or
    "20 minutes" is not an error in the dimension suite. Families (``UNIT_FAMILIES``):
    dimension = any unit that is not a currency, "%" or a time unit; temperature =
    the spellings of C, F and Degree (+ kelvin); age = time units.
  - numberrange: predictions whose value is a tuple, or that carry a qualifier
    ("more than", "up to", ...), since open ranges are value + qualifier; a plain
    number is scored only where it overlaps a gold range (it matches a point range,
    "equals 20"; it is an FP where it splits "between 20 and 30" into two numbers),
    elsewhere it is ignored (lenient).
* Unit accuracy is reported separately and never fails a match: among TPs whose gold
  has a unit, the share whose predicted unit is one of the accepted spellings for that
  Recognizers unit name (``UNIT_FORMS``; ISO codes for currencies), compared
  case-insensitively, or the name itself.
* ``not_supported_by`` in a case (Recognizers' own implementations that fail it) is
  ignored: every case is scored.

Date suites (``bench/temporal/*.jsonl``; predictions are ``extract(text, published=dct)``
filtered to kind "date")
* Counted gold: type DATE with a calendar value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
  (optionally with a time part ``THH...``/``TMO`` in DATE items), ``YYYY-Www``, or an
  interval of those (``(A,B,Pn)`` as Recognizers writes it, or ``A/B``). Excluded:
  PAST_REF/PRESENT_REF/FUTURE_REF, durations (P...), TIME, SET, quarters, seasons,
  weekends, fiscal years, decades, and any value with unspecified parts (``XXXX-...``).
* Values agree when equal (case-insensitive); a gold value with a time part also agrees
  with its date part ("2024-10-08" ~ "2024-10-08TMO"). Intervals agree when both end
  points start on the same day: each end point is reduced to its first day ("2014" ->
  2014-01-01, "2018-W03" -> its Monday), so "2014/2018" ~ "(2014-01-01,2018-01-01,P4Y)"
  and "2020-06-26/2020-06-28" ~ "(2020-06-26,2020-06-28,P2D)". Whether an interval end is
  inclusive is not judged (Recognizers is not consistent about it).
* ``meantime-en`` is reported twice: with the datelines (each document's line 2, the
  DCT itself, ``functionInDocument: CREATION_TIME``) and body-only, where those dateline
  items are excluded (so predictions on the dateline are ignored).

Peer accuracy: quantulum3 (``quantulum3.parser.parse``) is scored by the same scorer on the
number, percentage and currency suites. Its quantities become predictions with unit "%"
for "percentage", its currency code (or unit name) for entity "currency", None for
"dimensionless", else the unit name; a value with uncertainty (its way of writing
"20 to 30") becomes the tuple (value - u, value + u).

Throughput: characters per second of ``extract`` and of ``quantulum3.parser.parse`` on the
same texts in the same run, best of ``--repeat`` passes (median reported too), after one
warm-up call each; the ratio factcheck/quantulum3 uses the best passes. Texts: (a) the seed
articles ``<repo>/seeds/*.txt`` (whole files, published date from their header);
(b) ``ECBPLUS_SUBSET``: the first article (by file name) of every ECB+ cluster, with the
manifest's publication date, because quantulum3 is too slow for the whole corpus in a
benchmark that must stay under two minutes; factcheck is also timed alone (one pass) on
the whole ECB+ corpus.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
SHARED_ENV = "FACTCHECK_SHARED"

# ---------------------------------------------------------------- settings (documented above)
VALUE_REL_TOL = 1e-6
COUNT_BARE_UNIT_WORDS = False
RANGE_END_MATCHES_SCALAR = True
DEFAULT_REPEAT = 3

# Issue 2's targets: recall and precision at least this much; throughput ratio at least this.
SCORE_TARGETS: Dict[str, float] = {
    "recognizers-number": 0.90, "recognizers-percentage": 0.90, "recognizers-currency": 0.90,
    "meantime-en": 0.85, "meantime-en body-only": 0.85, "recognizers-en": 0.85,
}
THROUGHPUT_TARGET = 20.0
ERROR_CONTEXT = 60          # characters of text shown either side of an error

EXTRACTION_SUITES = (
    "recognizers-number", "recognizers-percentage", "recognizers-currency",
    "recognizers-numberrange", "recognizers-dimension", "recognizers-temperature",
    "recognizers-age", "recognizers-ordinal",
)
PEER_SUITES = ("recognizers-number", "recognizers-percentage", "recognizers-currency")
TEMPORAL_SUITES = ("meantime-en", "recognizers-en")
THROUGHPUT_SUITES = ("seeds", "ecbplus")
ALL_SUITES = EXTRACTION_SUITES + TEMPORAL_SUITES + THROUGHPUT_SUITES

# Recognizers-Text unit name -> accepted spellings of our unit (compared case-insensitively).
UNIT_FORMS: Dict[str, Tuple[str, ...]] = {
    # currencies: ISO 4217 codes (+ quantulum3's names, so the peer is judged fairly)
    "Dollar": ("USD", "dollar"),
    "United States dollar": ("USD", "dollar"),
    "Euro": ("EUR", "euro"),
    "Pound": ("GBP", "pound sterling", "lb", "lbs", "pound"),   # also the weight (dimension suite)
    "British pound": ("GBP", "pound sterling"),
    "Chinese yuan": ("CNY", "RMB", "yuan", "renminbi"),
    "Canadian dollar": ("CAD", "canadian dollar"),
    "Japanese yen": ("JPY", "yen"),
    "Franc": ("CHF", "FRF", "BEF", "XOF", "XAF", "franc", "swiss franc"),
    "Swiss franc": ("CHF", "swiss franc"),
    "Australian dollar": ("AUD", "australian dollar"),
    "New Zealand dollar": ("NZD", "new zealand dollar"),
    "Hong Kong dollar": ("HKD", "hong kong dollar"),
    "Bitcoin": ("BTC", "XBT", "bitcoin"),
    "Turkish lira": ("TRY", "turkish lira"),
    "Rupee": ("INR", "PKR", "LKR", "NPR", "rupee", "indian rupee"),
    "Mexican peso": ("MXN", "mexican peso"),
    "Finnish markka": ("FIM", "finnish markka"),
    "Peseta": ("ESP", "peseta", "spanish peseta"),
    "Netherlands guilder": ("NLG", "guilder", "dutch guilder"),
    "Costa Rican colón": ("CRC", "costa rican colón"),
    "Georgian lari": ("GEL", "georgian lari", "lari"),
    "Lao kip": ("LAK", "lao kip", "kip"),
    "Cent": ("USD", "EUR", "CAD", "AUD", "cent", "cents", "¢"),
    "Pence": ("GBP", "pence", "penny", "p"),
    "Penny": ("GBP", "USD", "pence", "penny", "p"),
    "Sen": ("JPY", "MYR", "IDR", "sen"),
    "Satoshi": ("BTC", "XBT", "satoshi"),
    # dimensions
    "Foot": ("ft", "foot", "feet"),
    "Meter": ("m", "metre", "meter", "metres", "meters"),
    "Mile": ("mi", "mile", "miles"),
    "Gallon": ("gal", "gallon", "gallons"),
    "Ton": ("t", "ton", "tons", "tonne", "tonnes", "short ton"),
    "Metric ton": ("t", "tonne", "tonnes", "metric ton", "metric tons"),
    "Kilometer per hour": ("km/h", "kph", "kmh", "kilometre per hour"),
    "Kilogram": ("kg", "kilogram", "kilogramme"),
    "Microgram": ("µg", "μg", "mcg", "ug", "microgram"),
    "Inch": ("in", "inch", "inches", '"'),
    "Square meter": ("m2", "m²", "sq m", "square metre", "square meter"),
    "Kilometer": ("km", "kilometre", "kilometer"),
    "Millimeter": ("mm", "millimetre", "millimeter"),
    "Decimeter": ("dm", "decimetre", "decimeter"),
    "Picometer": ("pm", "picometre", "picometer"),
    "Degree": ("°", "deg", "degree", "degrees", "degree angle"),
    "Turn": ("turn", "turns", "rev", "revolution"),
    "Milliliter": ("ml", "millilitre", "milliliter"),
    "Barrel": ("bbl", "barrel", "barrels"),
    "Ounce": ("oz", "ounce", "ounces"),
    "Acre": ("ac", "acre", "acres"),
    "Cubic foot": ("ft3", "ft³", "cu ft", "cubic foot", "cubic feet"),
    "Bit": ("bit", "bits", "b"),
    "Mile per hour": ("mph", "mi/h", "mile per hour"),
    "Square kilometer": ("km2", "km²", "sq km", "square kilometre", "square kilometer"),
    "Megabit": ("Mb", "Mbit", "megabit"),
    "Megabyte": ("MB", "megabyte"),
    "Tablespoon": ("tbsp", "tablespoon"),
    "Cup": ("cup", "cups"),
    "Teaspoon": ("tsp", "teaspoon"),
    "Dram": ("dr", "dram"),
    "Meter per millisecond": ("m/ms",),
    "Centimeter per millisecond": ("cm/ms",),
    "Kilometer per millisecond": ("km/ms",),
    "Gram": ("g", "gram", "gramme"),
    "Radian": ("rad", "radian"),
    # temperature
    "C": ("°C", "C", "degC", "℃", "celsius", "degree Celsius"),
    "F": ("°F", "F", "degF", "℉", "fahrenheit", "degree fahrenheit"),
    # age
    "Year": ("year", "years", "yr", "y", "a", "year old"),
    "Month": ("month", "months", "mo"),
    "Week": ("week", "weeks", "wk"),
    "Day": ("day", "days", "d"),
    "Age": ("year", "years", "yr", "y", "a"),
    "%": ("%", "percent", "per cent", "percentage"),
}

# Gold sub-unit -> factor to the main unit (50 Cent == 0.5 of the main currency).
CURRENCY_SUBUNITS: Dict[str, float] = {
    "Cent": 0.01, "Pence": 0.01, "Penny": 0.01, "Sen": 0.01, "Satoshi": 1e-8,
}

# Predicted units that are currencies although not ISO codes (sub-units, as we write them).
CURRENCY_SUBUNIT_NAMES = frozenset({"cent", "cents", "¢", "pence", "penny", "pennies", "sen", "satoshi", "satoshis"})

_ISO_CURRENCY = re.compile(r"[A-Z]{3}")
_MEASUREMENT_FREE_UNITS = ("%",)


# ---------------------------------------------------------------- data types
@dataclass(frozen=True)
class Gold:
    """One expected item. ``value``: number, ``(low, high)`` with None for an open side,
    or a TIMEX3 string; None = span alone. ``counted`` False = excluded (see module doc)."""

    start: int
    end: int
    surface: str
    value: Any
    unit: Optional[str] = None
    counted: bool = True


@dataclass(frozen=True)
class Prediction:
    """One predicted item, from factcheck or from the peer."""

    start: int
    end: int
    text: str
    value: Any
    unit: Optional[str] = None
    currency: bool = False
    qualifier: Optional[str] = None


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    gold: Tuple[Gold, ...]
    published: Optional[str] = None


@dataclass(frozen=True)
class CaseResult:
    case: Case
    predictions: Tuple[Prediction, ...]       # the ones this suite scores
    matches: Tuple[Tuple[int, int], ...]      # (gold index, prediction index)
    misses: Tuple[int, ...]                   # counted gold indices
    false_positives: Tuple[int, ...]          # prediction indices
    unit_ok: int = 0
    unit_checked: int = 0
    unscored: Tuple[Prediction, ...] = ()      # predictions the suite does not look at (for --errors)


@dataclass(frozen=True)
class Score:
    gold: int
    predicted: int
    tp: int
    unit_ok: int = 0
    unit_checked: int = 0

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def unit_accuracy(self) -> Optional[float]:
        return self.unit_ok / self.unit_checked if self.unit_checked else None

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "tp": self.tp,
                "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "f1": round(self.f1, 4),
                "unit_accuracy": None if self.unit_accuracy is None else round(self.unit_accuracy, 4)}


@dataclass(frozen=True)
class SuiteRule:
    """Which predictions a suite scores, and which unmatched ones it forgives."""

    scored: Callable[[Prediction], bool]
    lenient: Callable[[Prediction], bool] = lambda p: False


# ---------------------------------------------------------------- value agreement
def close(a: Any, b: Any) -> bool:
    """Numbers equal within ``VALUE_REL_TOL`` (and exactly for zero)."""
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    return math.isclose(a, b, rel_tol=VALUE_REL_TOL, abs_tol=1e-12)


def quantity_agrees(gold: Gold, pred: Prediction) -> bool:
    if gold.value is None:
        return True
    if isinstance(gold.value, tuple):
        low, high = gold.value
        if low is not None and high is not None:
            return isinstance(pred.value, tuple) and close(pred.value[0], low) and close(pred.value[1], high)
        bound = low if low is not None else high
        return close(pred.value, bound)
    if isinstance(pred.value, tuple):
        return RANGE_END_MATCHES_SCALAR and any(close(end, gold.value) for end in pred.value)
    if close(pred.value, gold.value):
        return True
    factor = CURRENCY_SUBUNITS.get(gold.unit or "")
    return factor is not None and close(pred.value, gold.value * factor)


_CALENDAR_POINT = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T[\w:.]+)?)?)?|\d{4}-W\d{2}", re.I)
_GOLD_INTERVAL = re.compile(r"\(([^,()]+),([^,()]+),P[^,()]*\)")


def interval_parts(value: Any) -> Optional[Tuple[str, str]]:
    """"(A,B,Pn)" or "A/B" -> (A, B); anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _GOLD_INTERVAL.fullmatch(value.strip())
    if m:
        return m.group(1), m.group(2)
    if value.count("/") == 1:
        a, b = value.split("/")
        return a, b
    return None


def is_calendar_value(value: Any) -> bool:
    """A DATE value we count: a calendar point or an interval of two (see module doc)."""
    if not isinstance(value, str):
        return False
    parts = interval_parts(value)
    points = parts if parts else (value,)
    return all(_CALENDAR_POINT.fullmatch(p.strip()) for p in points)


def first_day(point: str) -> str:
    """The first day of a calendar point, ISO: "2014" -> "2014-01-01", "2018-W03" -> Monday."""
    point = point.strip().upper().split("T")[0]
    week = re.fullmatch(r"(\d{4})-W(\d{2})", point)
    if week:
        try:
            return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            return point
    parts = point.split("-")
    if len(parts) == 1 and parts[0].isdigit():
        return f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01"
    return point


def date_agrees(gold: Gold, pred: Prediction) -> bool:
    if gold.value is None:
        return True
    if not isinstance(pred.value, str):
        return False
    g_parts, p_parts = interval_parts(gold.value), interval_parts(pred.value)
    if g_parts or p_parts:
        if not (g_parts and p_parts):
            return False
        return all(first_day(g) == first_day(p) for g, p in zip(g_parts, p_parts))
    g, p = gold.value.strip().upper(), pred.value.strip().upper()
    return g == p or ("T" in g and g.split("T")[0] == p)


# ---------------------------------------------------------------- units
def unit_agrees(gold_unit: Optional[str], pred_unit: Optional[str]) -> bool:
    if gold_unit is None:
        return True
    if pred_unit is None:
        return False
    forms = UNIT_FORMS.get(gold_unit, ()) + (gold_unit,)
    p = pred_unit.strip().casefold()
    return any(p == f.casefold() for f in forms)


def is_currency_unit(unit: Optional[str]) -> bool:
    return bool(unit) and (bool(_ISO_CURRENCY.fullmatch(unit)) or unit.casefold() in CURRENCY_SUBUNIT_NAMES)


# ---------------------------------------------------------------- the scorer
def overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _max_matching(edges: Dict[int, List[int]]) -> Dict[int, int]:
    """Maximum bipartite matching (Kuhn): left index -> right index."""
    owner: Dict[int, int] = {}

    def augment(left: int, seen: set) -> bool:
        for right in edges.get(left, ()):
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in edges:
        augment(left, set())
    return {left: right for right, left in owner.items()}


def score_case(case: Case, predictions: Sequence[Prediction],
               agrees: Callable[[Gold, Prediction], bool],
               rule: Optional[SuiteRule] = None,
               check_units: bool = False) -> CaseResult:
    """Pair one case's predictions with its gold items (module doc: scoring rules)."""
    rule = rule or SuiteRule(scored=lambda p: True)
    preds = tuple(p for p in predictions if rule.scored(p))
    unscored = tuple(p for p in predictions if not rule.scored(p))
    counted = [i for i, g in enumerate(case.gold) if g.counted]
    edges = {gi: [pi for pi, p in enumerate(preds) if overlaps(case.gold[gi], p) and agrees(case.gold[gi], p)]
             for gi in counted}
    pairs = _max_matching(edges)
    matched_preds = set(pairs.values())
    misses = tuple(gi for gi in counted if gi not in pairs)
    fps = []
    for pi, p in enumerate(preds):
        if pi in matched_preds:
            continue
        hits_counted = any(overlaps(case.gold[gi], p) for gi in counted)
        hits_excluded = any(overlaps(g, p) for g in case.gold if not g.counted)
        if not hits_counted and (hits_excluded or rule.lenient(p)):
            continue
        fps.append(pi)
    unit_ok = unit_checked = 0
    if check_units:
        for gi, pi in pairs.items():
            if case.gold[gi].unit is not None:
                unit_checked += 1
                unit_ok += unit_agrees(case.gold[gi].unit, preds[pi].unit)
    return CaseResult(case, preds, tuple(sorted(pairs.items())), misses, tuple(fps), unit_ok, unit_checked, unscored)


def total(results: Iterable[CaseResult]) -> Score:
    gold = predicted = tp = unit_ok = unit_checked = 0
    for r in results:
        tp += len(r.matches)
        gold += len(r.matches) + len(r.misses)
        predicted += len(r.matches) + len(r.false_positives)
        unit_ok += r.unit_ok
        unit_checked += r.unit_checked
    return Score(gold, predicted, tp, unit_ok, unit_checked)


# ---------------------------------------------------------------- suites: gold
def load_jsonl(path: Path) -> List[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def quantity_gold(item: dict) -> Gold:
    value: Any = item.get("value")
    rng = item.get("range")
    if rng and (rng.get("low") is not None or rng.get("high") is not None):
        low, high = rng.get("low"), rng.get("high")
        value = low if (low is not None and low == high) else (low, high)
    bare_unit_word = value is None and item.get("unit") is not None
    counted = item.get("kind") != "ordinal.relative" and (COUNT_BARE_UNIT_WORDS or not bare_unit_word)
    return Gold(item["start"], item["end"], item.get("surface", ""), value, item.get("unit"), counted)


def extraction_cases(path: Path) -> List[Case]:
    return [Case(c["id"], c["text"], tuple(quantity_gold(e) for e in c["expected"]))
            for c in load_jsonl(path)]


def date_gold(item: dict, with_datelines: bool = True) -> Gold:
    start = item["start"]
    end = start + len(item["surface"])
    dateline = item.get("functionInDocument") == "CREATION_TIME"
    counted = (item.get("type") == "DATE" and is_calendar_value(item.get("value"))
               and (with_datelines or not dateline))
    return Gold(start, end, item["surface"], item.get("value"), None, counted)


def temporal_cases(path: Path, with_datelines: bool = True) -> List[Case]:
    return [Case(c["id"], c["text"], tuple(date_gold(e, with_datelines) for e in c["expected"]), c.get("dct"))
            for c in load_jsonl(path)]


# ---------------------------------------------------------------- suites: which predictions
def _has_measurement_unit(p: Prediction) -> bool:
    return p.unit is not None and not p.currency and p.unit not in _MEASUREMENT_FREE_UNITS


def _plain_number(p: Prediction) -> bool:
    return not isinstance(p.value, tuple) and p.qualifier is None


TIME_UNITS = frozenset({
    "s", "sec", "second", "seconds", "min", "minute", "minutes", "h", "hr", "hour", "hours",
    "d", "day", "days", "wk", "week", "weeks", "mo", "month", "months", "y", "yr", "year", "years",
    "decade", "decades", "century", "centuries", "a", "year old"})
TEMPERATURE_UNITS = frozenset(f.casefold() for name in ("C", "F", "Degree") for f in UNIT_FORMS[name]) | {"k", "kelvin"}


def _in_units(p: Prediction, units: frozenset) -> bool:
    return p.unit is not None and p.unit.casefold() in units


UNIT_FAMILIES: Dict[str, Callable[[Prediction], bool]] = {
    "recognizers-dimension": lambda p: _has_measurement_unit(p) and not _in_units(p, TIME_UNITS),
    "recognizers-temperature": lambda p: _in_units(p, TEMPERATURE_UNITS),
    "recognizers-age": lambda p: _in_units(p, TIME_UNITS),
}


def _unit_suite(name: str) -> SuiteRule:
    in_family = UNIT_FAMILIES[name]
    return SuiteRule(scored=lambda p: p.unit is not None, lenient=lambda p: not in_family(p))


_ORDINAL_TEXT = re.compile(r"(?:st|nd|rd|th)\W*$", re.I)
_EVERY_QUANTITY = SuiteRule(scored=lambda p: True, lenient=_has_measurement_unit)
SUITE_RULES: Dict[str, SuiteRule] = {
    "recognizers-number": _EVERY_QUANTITY,
    "recognizers-ordinal": SuiteRule(scored=lambda p: bool(_ORDINAL_TEXT.search(p.text))),
    "recognizers-percentage": SuiteRule(scored=lambda p: p.unit == "%"),
    "recognizers-currency": SuiteRule(scored=lambda p: p.currency),
    "recognizers-numberrange": SuiteRule(scored=lambda p: True, lenient=_plain_number),
    "recognizers-dimension": _unit_suite("recognizers-dimension"),
    "recognizers-temperature": _unit_suite("recognizers-temperature"),
    "recognizers-age": _unit_suite("recognizers-age"),
}
UNIT_SUITES = ("recognizers-percentage", "recognizers-currency", "recognizers-dimension",
               "recognizers-temperature", "recognizers-age")


# ---------------------------------------------------------------- predictors
def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def factcheck_quantities(text: str, *, ordinals: bool = False) -> List[Prediction]:
    """Quantities as ``extract`` gives them; ``ordinals`` adds the ranks ("11th", "fifth"),
    which are not amounts (``extract`` leaves them out) but are what the ordinal suite scores."""
    from factcheck import extract
    from factcheck.extract.quantities import find_ordinals
    found = [m for m in extract(text, kinds=("quantity",)) if m.kind == "quantity"]
    if ordinals:
        found = sorted(found + list(find_ordinals(text)), key=lambda m: m.start)
    return [Prediction(m.start, m.end, m.text, _plain(m.value), m.unit, is_currency_unit(m.unit), m.qualifier)
            for m in found]


def factcheck_dates(text: str, published: Optional[str]) -> List[Prediction]:
    from factcheck import extract
    return [Prediction(m.start, m.end, m.text, m.value)
            for m in extract(text, published=published, kinds=("date",)) if m.kind == "date"]


def _quantulum_parser():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    return parser


def quantulum_quantities(text: str) -> List[Prediction]:
    parser = _quantulum_parser()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = parser.parse(text)
    out = []
    for q in found:
        unit, entity = q.unit.name, q.unit.entity.name
        currency = entity == "currency"
        if unit == "percentage":
            unit = "%"
        elif currency:
            unit = getattr(q.unit, "currency_code", None) or unit
        elif unit == "dimensionless":
            unit = None
        value: Any = q.value
        if q.uncertainty:
            value = (q.value - q.uncertainty, q.value + q.uncertainty)
        start, end = q.span
        out.append(Prediction(start, end, text[start:end], value, unit, currency))
    return out


# ---------------------------------------------------------------- running suites
class Guarded:
    """A predictor that survives an extractor raising (the extractors are work in progress):
    the case gets no predictions and the failure is counted and reported."""

    def __init__(self, predict: Callable[[Case], List[Prediction]]):
        self.predict = predict
        self.crashes: List[str] = []

    def __call__(self, case: Case) -> List[Prediction]:
        try:
            return self.predict(case)
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            self.crashes.append(f"{case.id}: {type(exc).__name__}: {exc}")
            return []

    @property
    def note(self) -> str:
        if not self.crashes:
            return ""
        return f"extractor raised on {len(self.crashes)} case(s), scored as no predictions; first: {self.crashes[0]}"


def run_cases(cases: Sequence[Case], predict: Callable[[Case], List[Prediction]],
              agrees, rule: Optional[SuiteRule] = None, check_units: bool = False) -> List[CaseResult]:
    return [score_case(c, predict(c), agrees, rule, check_units) for c in cases]


def _context(text: str, start: int, end: int) -> str:
    a, b = max(0, start - ERROR_CONTEXT), min(len(text), end + ERROR_CONTEXT)
    snippet = text[a:start] + "[[" + text[start:end] + "]]" + text[end:b]
    return ("…" if a else "") + snippet.replace("\n", " ⏎ ") + ("…" if b < len(text) else "")


def _show(x: Any) -> str:
    return repr(x)


def _describe(p: Prediction) -> str:
    return " ".join(x for x in (f"{p.text!r}={_show(p.value)}", p.unit, p.qualifier and f"[{p.qualifier}]") if x)


def errors(results: Sequence[CaseResult], limit: int) -> Dict[str, List[dict]]:
    """Up to ``limit`` misses and false positives: where, what was expected, what we got."""
    misses, fps = [], []
    for r in results:
        text = r.case.text
        for gi in r.misses:
            if len(misses) >= limit:
                break
            g = r.case.gold[gi]
            got = [_describe(p) for p in r.predictions if overlaps(g, p)]
            got += [_describe(p) + " (not scored in this suite)" for p in r.unscored if overlaps(g, p)]
            misses.append({"id": r.case.id, "text": _context(text, g.start, g.end),
                           "expected": f"{g.surface!r}={_show(g.value)} {g.unit or ''}".strip(),
                           "got": got})
        for pi in r.false_positives:
            if len(fps) >= limit:
                break
            p = r.predictions[pi]
            expected = [f"{g.surface!r}={_show(g.value)}" + ("" if g.counted else " (excluded)")
                        for g in r.case.gold if overlaps(g, p)]
            fps.append({"id": r.case.id, "text": _context(text, p.start, p.end),
                        "expected": expected, "got": _describe(p)})
    return {"misses": misses, "false_positives": fps}


@dataclass(frozen=True)
class SuiteReport:
    name: str
    score: Score
    peer: Optional[Score] = None
    errors: Optional[dict] = None
    note: str = ""
    peer_note: str = ""


def run_extraction_suite(bench: Path, name: str, error_limit: int) -> SuiteReport:
    cases = extraction_cases(bench / "extraction" / f"{name}.jsonl")
    rule = SUITE_RULES[name]
    units = name in UNIT_SUITES
    predict = Guarded(lambda c: factcheck_quantities(c.text, ordinals=name == "recognizers-ordinal"))
    ours = run_cases(cases, predict, quantity_agrees, rule, units)
    peer, peer_predict = None, Guarded(lambda c: quantulum_quantities(c.text))
    if name in PEER_SUITES:
        peer = total(run_cases(cases, peer_predict, quantity_agrees, rule, units))
    return SuiteReport(name, total(ours), peer, errors(ours, error_limit) if error_limit else None,
                       predict.note, peer_predict.note)


def run_temporal_suite(bench: Path, name: str, error_limit: int) -> List[SuiteReport]:
    path = bench / "temporal" / f"{name}.jsonl"
    variants = [(name, True)] if name != "meantime-en" else [(name, True), (name + " body-only", False)]
    reports = []
    predictions: Dict[str, List[Prediction]] = {}

    def dates(c: Case) -> List[Prediction]:
        if c.id not in predictions:
            predictions[c.id] = factcheck_dates(c.text, c.published)
        return predictions[c.id]

    predict = Guarded(dates)

    for label, with_datelines in variants:
        results = run_cases(temporal_cases(path, with_datelines), predict, date_agrees)
        reports.append(SuiteReport(label, total(results), None,
                                   errors(results, error_limit) if error_limit else None, predict.note))
    return reports


# ---------------------------------------------------------------- throughput
@dataclass(frozen=True)
class Timing:
    chars: int
    best_seconds: float
    median_seconds: float

    @property
    def best_cps(self) -> float:
        return self.chars / self.best_seconds if self.best_seconds else float("inf")

    @property
    def median_cps(self) -> float:
        return self.chars / self.median_seconds if self.median_seconds else float("inf")

    def as_dict(self) -> dict:
        return {"chars": self.chars, "best_seconds": round(self.best_seconds, 4),
                "median_seconds": round(self.median_seconds, 4),
                "chars_per_second_best": round(self.best_cps), "chars_per_second_median": round(self.median_cps)}


def time_passes(texts: Sequence[Tuple[str, Optional[str]]], run: Callable[[str, Optional[str]], Any],
                repeat: int) -> Timing:
    run("warm up: 1,500 soldiers on Oct. 21, 2024.", None)
    seconds = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for text, published in texts:
            run(text, published)
        seconds.append(time.perf_counter() - t0)
    return Timing(sum(len(t) for t, _ in texts), min(seconds), statistics.median(seconds))


def guarded_timing(texts, run, repeat: int) -> Tuple[Optional[Timing], str]:
    """``time_passes``, or None and why when the extractor raises."""
    try:
        return time_passes(texts, run, repeat), ""
    except Exception as exc:  # noqa: BLE001 - reported in the table
        return None, f"{type(exc).__name__}: {exc}"


def _run_factcheck(text: str, published: Optional[str]) -> Any:
    from factcheck import extract
    return extract(text, published=published)


def _run_quantulum(text: str, published: Optional[str]) -> Any:
    parser = _quantulum_parser()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parser.parse(text)


def seed_texts(repo: Path = REPO) -> List[Tuple[str, Optional[str]]]:
    from factcheck.article import read_article
    out = []
    for path in sorted((repo / "seeds").glob("*.txt")):
        article = read_article(path)
        published = article.published.isoformat() if article.published else None
        out.append((article.text, published))
    return out


ECBPLUS_SUBSET = "the first article (by file name) of every ECB+ cluster"


def ecbplus_texts(corpus: Path, subset: bool) -> List[Tuple[str, Optional[str]]]:
    """All ECB+ articles with their manifest dates, or only ``ECBPLUS_SUBSET``."""
    out = []
    for cluster in sorted(p for p in corpus.iterdir() if p.is_dir()):
        published: Dict[str, Optional[str]] = {}
        manifest = cluster / "manifest.json"
        if manifest.exists():
            for a in json.loads(manifest.read_text(encoding="utf-8")).get("articles", []):
                published[a.get("file")] = a.get("published")
        files = sorted(cluster.glob("*.txt"))
        for path in files[:1] if subset else files:
            out.append((path.read_text(encoding="utf-8"), published.get(path.name)))
    return out


@dataclass(frozen=True)
class ThroughputReport:
    name: str
    chars: int
    factcheck: Optional[Timing]
    quantulum: Optional[Timing]
    note: str = ""

    @property
    def ratio(self) -> Optional[float]:
        if not (self.factcheck and self.quantulum):
            return None
        return self.factcheck.best_cps / self.quantulum.best_cps

    @property
    def ratio_median(self) -> Optional[float]:
        if not (self.factcheck and self.quantulum):
            return None
        return self.factcheck.median_cps / self.quantulum.median_cps

    def as_dict(self) -> dict:
        return {"chars": self.chars,
                "factcheck": self.factcheck.as_dict() if self.factcheck else None,
                "quantulum3": self.quantulum.as_dict() if self.quantulum else None,
                "ratio_factcheck_over_quantulum3": None if self.ratio is None else round(self.ratio, 2),
                "ratio_median": None if self.ratio_median is None else round(self.ratio_median, 2),
                "meets_target": None if self.ratio is None else self.ratio >= THROUGHPUT_TARGET,
                "note": self.note}


def compare(name: str, texts, repeat: int, note: str, peer: bool = True) -> ThroughputReport:
    ours, why = guarded_timing(texts, _run_factcheck, repeat)
    theirs, peer_why = guarded_timing(texts, _run_quantulum, repeat) if peer else (None, "")
    notes = [note] + [f"factcheck raised: {why}"] * bool(why) + [f"quantulum3 raised: {peer_why}"] * bool(peer_why)
    return ThroughputReport(name, sum(len(t) for t, _ in texts), ours, theirs, "; ".join(notes))


def run_throughput(name: str, shared: Path, repeat: int) -> List[ThroughputReport]:
    if name == "seeds":
        texts = seed_texts()
        return [compare("seeds", texts, repeat, f"{len(texts)} seed articles, whole files")]
    corpus = shared / "corpora" / "ecbplus"
    if not corpus.is_dir():
        return [ThroughputReport("ecbplus", 0, None, None, f"ECB+ corpus not found at {corpus}")]
    subset = ecbplus_texts(corpus, subset=True)
    everything = ecbplus_texts(corpus, subset=False)
    return [compare("ecbplus-subset", subset, repeat, f"{len(subset)} articles: {ECBPLUS_SUBSET}"),
            compare("ecbplus-all", everything, 1, f"{len(everything)} articles, factcheck only, one pass", peer=False)]


# ---------------------------------------------------------------- output
def shared_dir() -> Path:
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else (REPO.parent / "shared")


def meets_target(name: str, s: Score) -> Optional[bool]:
    target = SCORE_TARGETS.get(name)
    return None if target is None else (s.recall >= target and s.precision >= target)


def _fmt_score(label: str, s: Score, target: str = "") -> str:
    unit = "" if s.unit_accuracy is None else f"{s.unit_accuracy:.3f} ({s.unit_ok}/{s.unit_checked})"
    return (f"{label:<32}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.recall:>8.3f}{s.precision:>8.3f}"
            f"{s.f1:>8.3f}  {target:<12}{unit}").rstrip()


def _target_text(name: str, s: Score) -> str:
    met = meets_target(name, s)
    return "" if met is None else f">={SCORE_TARGETS[name]:.2f} {'ok' if met else 'NO'}"


def _cps(t: Optional[Timing]) -> str:
    return f"{t.best_cps:>16,.0f}{t.median_cps:>14,.0f}" if t else f"{'-':>16}{'-':>14}"


def render_table(suites: Sequence[SuiteReport], throughput: Sequence[ThroughputReport]) -> str:
    lines = []
    if suites:
        lines.append(f"{'suite':<32}{'gold':>6}{'pred':>6}{'tp':>6}{'recall':>8}{'prec':>8}{'F1':>8}"
                     f"  {'target R&P':<12}unit acc")
        for r in suites:
            lines.append(_fmt_score(r.name, r.score, _target_text(r.name, r.score)))
            if r.note:
                lines.append(f"    ! {r.note}")
            if r.peer:
                lines.append(_fmt_score("  quantulum3 (peer)", r.peer))
            if r.peer_note:
                lines.append(f"    ! {r.peer_note}")
            if r.errors:
                for kind in ("misses", "false_positives"):
                    for e in r.errors[kind]:
                        lines.append(f"    {'MISS' if kind == 'misses' else 'FP  '} {e['id']}: {e['text']}")
                        lines.append(f"         expected {e['expected']}  got {e['got']}")
    if throughput:
        if lines:
            lines.append("")
        lines.append(f"{'throughput (chars/s)':<22}{'chars':>10}{'factcheck best':>16}{'median':>14}"
                     f"{'quantulum3 best':>16}{'median':>14}{'ratio best':>12}{'median':>9}"
                     f"  target >={THROUGHPUT_TARGET:.0f}x")
        for t in throughput:
            row = f"{t.name:<22}{t.chars:>10}{_cps(t.factcheck)}{_cps(t.quantulum)}"
            if t.ratio is not None:
                row += f"{t.ratio:>11.1f}x{t.ratio_median:>8.1f}x  {'ok' if t.ratio >= THROUGHPUT_TARGET else 'NO'}"
            else:
                row += f"{'-':>12}{'-':>9}"
            lines.append(row)
            lines.append(f"{'':<22}({t.note})")
    return "\n".join(lines)


def suite_dict(r: SuiteReport) -> dict:
    out = r.score.as_dict()
    if r.name in SCORE_TARGETS:
        out["target"] = SCORE_TARGETS[r.name]
        out["meets_target"] = meets_target(r.name, r.score)
    if r.note:
        out["note"] = r.note
    if r.peer:
        out["quantulum3"] = dict(r.peer.as_dict(), **({"note": r.peer_note} if r.peer_note else {}))
    if r.errors:
        out["errors"] = r.errors
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.extract", description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["extract"])
    ap.add_argument("--suite", action="append", choices=ALL_SUITES, metavar="NAME",
                    help="run only these suites (repeatable): " + ", ".join(ALL_SUITES))
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="show up to N misses and N false positives per suite")
    ap.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, metavar="N", help="timed passes for throughput")
    args = ap.parse_args(argv)

    shared = shared_dir()
    if not (shared / "bench").is_dir() and (shared / "extraction").is_dir():
        shared = shared.parent                  # $FACTCHECK_SHARED named bench/ itself
    bench = shared / "bench"
    if not bench.is_dir():
        print(f"benchmarks.extract: shared benchmark data not found at {bench} "
              f"(set {SHARED_ENV} to the directory holding bench/ and corpora/)", file=sys.stderr)
        return 2
    selected = args.suite or list(ALL_SUITES)
    suites: List[SuiteReport] = []
    for name in selected:
        if name in EXTRACTION_SUITES:
            suites.append(run_extraction_suite(bench, name, args.errors))
        elif name in TEMPORAL_SUITES:
            suites.extend(run_temporal_suite(bench, name, args.errors))
    throughput: List[ThroughputReport] = []
    for name in selected:
        if name in THROUGHPUT_SUITES:
            throughput.extend(run_throughput(name, shared, args.repeat))

    if args.json:
        out = {"suites": {r.name: suite_dict(r) for r in suites},
               "throughput": {t.name: t.as_dict() for t in throughput},
               "shared": str(shared)}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(render_table(suites, throughput))
    return 0


if __name__ == "__main__":
    sys.exit(main())
