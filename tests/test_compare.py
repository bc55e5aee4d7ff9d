"""Value comparison: the table in examples/compare.yaml, rules, and properties."""
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from factcheck.check.compare import (
    DateRules, QuantityRules, compare_date, compare_quantity, date_distance, describe_date,
    format_number, qualifier_class, quantity_distance,
)
from factcheck.periods import period

TABLE = yaml.safe_load((Path(__file__).parent / "examples" / "compare.yaml").read_text(encoding="utf-8"))


def _id(row):
    return row.get("note") or " ".join(f"{k}={row[k]}" for k in row if k not in ("agree", "reason"))


def _value(v):
    return tuple(v) if isinstance(v, list) else v


@pytest.mark.parametrize("row", TABLE["quantities"], ids=_id)
def test_quantity_table(row):
    result = compare_quantity(_value(row["declared"]), row.get("dq"), _value(row["value"]), row.get("q"),
                              row.get("vague", False), text=row.get("text", ""))
    assert result.agrees is row["agree"], result.reason
    assert result.reason == "" if row["agree"] else result.reason
    if "reason" in row:
        assert row["reason"] in result.reason


@pytest.mark.parametrize("row", TABLE["dates"], ids=_id)
def test_date_table(row):
    result = compare_date(row["declared"], row["value"])
    assert result.agrees is row["agree"], result.reason
    if "reason" in row:
        assert row["reason"] in result.reason


# --------------------------------------------------------------------------- rules (settings)

def test_approximate_tolerance_applies_only_to_approximate_figures():
    rules = QuantityRules(approximate_tolerance=0.05)
    assert compare_quantity(1500, "about", 1550, None, rules=rules)
    assert compare_quantity(1500, None, 1550, "around", rules=rules)
    assert not compare_quantity(1500, None, 1550, None, rules=rules)
    assert not compare_quantity(1500, "about", 1700, None, rules=rules)


def test_dropped_and_added_bounds_can_be_allowed():
    lenient = QuantityRules(flag_dropped_bound=False, flag_added_bound=False)
    assert compare_quantity(13000, "more than", 13000, None, rules=lenient)
    assert compare_quantity(1500, None, 1500, "more than", rules=lenient)
    assert not compare_quantity(13000, "more than", 13000, "fewer than", rules=lenient)


def test_bound_strictness_setting():
    strict = QuantityRules(bound_strictness_matters=True)
    assert not compare_quantity(13000, "more than", 13000, "at least", rules=strict)
    assert compare_quantity(13000, "more than", 13000, "More  than", rules=strict)


def test_range_containing_value_setting():
    rules = QuantityRules(range_agrees_with_inner_value=True)
    assert compare_quantity(1500, None, (1000, 2000), rules=rules)
    assert not compare_quantity(1500, None, (2000, 3000), rules=rules)


def test_interval_rules():
    assert compare_date("2024-10-08/2024-10-13", "2024-10-09/2024-10-12",
                        DateRules(intervals_must_be_equal=False))
    assert compare_date("2024-10", "2024-W40", DateRules(partial_overlap_agrees=True))


def test_qualifier_classes_come_from_the_lexicon():
    assert [qualifier_class(q) for q in (None, "about", "some", "more than", "at least", "up to", "weird")] == [
        "exact", "approximate", "approximate", "lower", "lower", "upper", "exact"]


def test_period_and_descriptions():
    assert period("2024-W42").start == dt.date(2024, 10, 14)
    assert period("2024-02").end == dt.date(2024, 2, 29)
    assert period("2024-10-08/13").end == dt.date(2024, 10, 13)
    assert describe_date("2024-10-22") == "2024-10-22 (Tuesday)"
    assert format_number(1500) == "1,500" and format_number(2.5) == "2.5" and format_number((8, 13)) == "8 to 13"
    with pytest.raises(ValueError):
        period("2024-10-13/2024-10-08")


def test_distances_rank_the_closer_fact_first():
    assert quantity_distance(1500, 1800) < quantity_distance(10000, 1800)
    assert date_distance("2024-10-21", "2024-10-22") < date_distance("2024-06", "2024-10-22")
    assert date_distance("2024-10", "2024-10-22") == 0


# --------------------------------------------------------------------------- properties

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def periods_containing(day: dt.date):
    year, week, _ = day.isocalendar()
    return [f"{year:04d}-W{week:02d}", f"{day.year:04d}-{day.month:02d}", f"{day.year:04d}"]


@given(days, st.integers(0, 40), st.integers(0, 40))
def test_a_date_agrees_with_itself_at_every_granularity(day, before, after):
    window = f"{(day - dt.timedelta(days=before)).isoformat()}/{(day + dt.timedelta(days=after)).isoformat()}"
    for iso in [day.isoformat(), window, *periods_containing(day)]:
        assert compare_date(iso, iso), iso


@given(days, st.integers(0, 40), st.integers(0, 40))
def test_a_date_agrees_with_any_coarser_period_containing_it(day, before, after):
    window = f"{(day - dt.timedelta(days=before)).isoformat()}/{(day + dt.timedelta(days=after)).isoformat()}"
    for coarser in [window, *periods_containing(day)]:
        assert compare_date(day.isoformat(), coarser), ("mention coarser", coarser)
        assert compare_date(coarser, day.isoformat()), ("declaration coarser", coarser)


@given(days, st.integers(1, 400))
def test_a_different_day_never_agrees(day, shift):
    other = day + dt.timedelta(days=shift)
    result = compare_date(day.isoformat(), other.isoformat())
    assert not result and other.isoformat() in result.reason


QUALIFIERS = st.sampled_from([None, "about", "some", "around", "more than", "at least", "fewer than",
                              "up to", "exactly", "nearly", "over"])
VALUES = st.one_of(st.integers(0, 10**12), st.floats(0, 1e12, allow_nan=False),
                   st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)))


@given(VALUES, QUALIFIERS)
def test_a_figure_agrees_with_itself(value, qualifier):
    assert compare_quantity(value, qualifier, value, qualifier)


@given(st.integers(1, 10**9), QUALIFIERS, st.integers(1, 10**9), QUALIFIERS)
def test_different_figures_never_agree_by_default(declared, dq, value, q):
    if declared != value:
        assert not compare_quantity(declared, dq, value, q)


ANYTHING = st.one_of(st.none(), st.booleans(), st.text(max_size=30), st.integers(), st.floats(),
                     st.sampled_from([1.7976931347315157e308, 5e-324, -1.0, 0, "1,500", "2024-W53", "2024-Q4"]),
                     st.lists(st.integers(), max_size=3), st.tuples(st.text(max_size=5), st.floats()), days)


@given(ANYTHING, st.one_of(st.none(), st.text(max_size=12)), ANYTHING, st.one_of(st.none(), st.text(max_size=12)),
       st.booleans())
def test_quantity_comparison_never_raises(declared, dq, value, q, vague):
    result = compare_quantity(declared, dq, value, q, vague)
    assert result.agrees or result.reason
    assert quantity_distance(declared, value) >= 0


@given(ANYTHING, ANYTHING)
def test_date_comparison_never_raises(declared, value):
    result = compare_date(declared, value)
    assert result.agrees or result.reason
    date_distance(declared, value)
