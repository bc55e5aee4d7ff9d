"""Values as intervals (factcheck/check/values.py): the table in examples/values.yaml,
the settings, and properties."""
import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings as hsettings, strategies as st

from factcheck.check.values import (
    DEFAULT_VALUE_SETTINGS, Interval, Said, ValueSettings, ValueVerdict, compare_values, interval, reading,
)
from factcheck.lang import lexicon

TABLE = yaml.safe_load((Path(__file__).parent / "examples" / "values.yaml").read_text(encoding="utf-8"))


def _said(fields) -> Said:
    fields = dict(fields)
    if isinstance(fields.get("value"), list):
        fields["value"] = tuple(fields["value"])
    return Said(**fields)


def _id(row) -> str:
    return row.get("note") or repr(row)


# --------------------------------------------------------------------------- the table

def test_the_table_covers_the_spec():
    outcomes = {row["outcome"] for row in TABLE["pairs"]}
    assert len(TABLE["pairs"]) >= 40
    assert outcomes == {"agree", "disagree", "dropped-bound"}
    assert {row.get("mode", "declared") for row in TABLE["pairs"]} == {"declared", "cross"}


@pytest.mark.parametrize("row", TABLE["pairs"], ids=_id)
def test_pair(row):
    first, second, mode = _said(row["first"]), _said(row["second"]), row.get("mode", "declared")
    orders = [(first, second)] if mode == "declared" else [(first, second), (second, first)]
    for a, b in orders:
        verdict = compare_values(a, b, mode)
        assert verdict.outcome == row["outcome"], verdict.reason
        assert (verdict.reason == "") is (verdict.outcome == "agree"), verdict
        if "reason" in row:
            assert row["reason"] in verdict.reason


@pytest.mark.parametrize("row", TABLE["intervals"], ids=_id)
def test_interval(row):
    got = interval(_said(row["said"]))
    assert got.low == pytest.approx(row["low"]) and got.high == pytest.approx(row["high"])
    assert (got.low_open, got.high_open) == (row.get("low_open", False), row.get("high_open", False))


# --------------------------------------------------------------------------- settings and API

def test_settings_are_frozen_and_named():
    assert DEFAULT_VALUE_SETTINGS == ValueSettings(bare_relative_cap=0.05, approx_relative=0.1, bound_slack=1.25)
    for frozen in (DEFAULT_VALUE_SETTINGS, Interval(1, 2), Said(1), ValueVerdict("agree", "")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(frozen, dataclasses.fields(frozen)[0].name, 0)


def test_bare_relative_cap_decides_how_far_trailing_zeros_round():
    a, b = Said(2000, text="2,000"), Said(2200, text="2,200")
    assert compare_values(a, b).outcome == "disagree"
    assert compare_values(a, b, settings=ValueSettings(bare_relative_cap=0.2)).agrees
    # digits actually written are never capped: "12" is 11.5 to 12.5 whatever the cap
    assert interval(Said(12, text="12"), ValueSettings(bare_relative_cap=0.0)) == Interval(11.5, 12.5, high_open=True)


def test_approx_relative_decides_how_far_about_reaches():
    a, b = Said(1500, "about"), Said(1800, "about")
    assert compare_values(a, b).outcome == "disagree"
    # Two approximations: the tolerance counts once, so it must reach from 1,500 to 1,800.
    assert compare_values(a, b, settings=ValueSettings(approx_relative=0.5)).agrees


def test_two_approximations_count_the_tolerance_once():
    """"about 1,400" against "about 1,500" is a drift (the seeds' digit change), while
    "about 2.4 million" still agrees with a bare 2.5 million."""
    assert compare_values(Said(1500, "about"), Said(1400, "about", text="1,400")).outcome == "disagree"
    assert compare_values(Said(1500, "about"), Said(1480, "about", text="1,480")).agrees
    assert compare_values(Said(2.5e6), Said(2.4e6, "about", text="2.4 million")).agrees


def test_bound_slack_decides_how_far_a_bound_reaches():
    a, b = Said(1300, "more than"), Said(2000, "more than")
    assert compare_values(a, b).outcome == "disagree"
    assert compare_values(a, b, settings=ValueSettings(bound_slack=2.0)).agrees


def test_vague_span_is_an_order_of_magnitude():
    thousands = Said(1000, vague=True, text="thousands")
    assert interval(thousands) == Interval(1000, 10000, high_open=True)
    assert interval(thousands, ValueSettings(vague_span=5)) == Interval(1000, 5000, high_open=True)


def test_every_lexicon_qualifier_reads_as_its_canonical_class():
    lex = lexicon("en")
    lower, upper = set(lex["qualifier_lower_bounds"]), set(lex["qualifier_upper_bounds"])
    for canonical, surfaces in lex["qualifiers"].items():
        want = "lower" if canonical in lower else "upper" if canonical in upper else reading(Said(1, canonical)).kind
        for surface in surfaces:
            assert reading(Said(1, surface)).kind == want, (surface, canonical)
    assert reading(Said(1, "about")).kind == "approximate"
    assert reading(Said(1, "exactly")).kind == "exact"
    assert reading(Said(1, "more than")).strict and not reading(Said(1, "at least")).strict
    assert reading(Said(1, "fewer than")).strict and not reading(Said(1, "up to")).strict


def test_meets_respects_open_ends():
    assert Interval(1, 2).meets(Interval(2, 3))
    assert not Interval(1, 2, high_open=True).meets(Interval(2, 3))
    assert not Interval(1, 2).meets(Interval(2, 3, low_open=True))
    assert not Interval(1, 1, low_open=True).meets(Interval(0, 5))          # empty
    assert Interval(0, float("inf"), low_open=True).meets(Interval(5, 5))


def test_unreadable_values_disagree_without_raising():
    for bad in ("many", float("nan"), True, (1, 2, 3)):
        verdict = compare_values(Said(1500), Said(bad))
        assert verdict.outcome == "disagree" and "not a number" in verdict.reason


def test_unknown_mode_is_a_programming_error():
    with pytest.raises(ValueError, match="mode"):
        compare_values(Said(1), Said(1), mode="loose")


def test_a_bare_figure_is_its_point_against_a_bound_only():
    assert interval(Said(84, text="84"), as_point=True) == Interval(84, 84)
    # 12.4 rounds to 12, but against a bound it is 12.4 itself
    assert compare_values(Said(12, text="12"), Said(12.4, text="12.4")).agrees
    assert compare_values(Said(12.4, "up to"), Said(12.45, text="12.45")).outcome == "disagree"


# --------------------------------------------------------------------------- properties

QUALIFIERS = [None, "about", "some", "nearly", "exactly", "more than", "over", "at least", "no fewer than",
              "fewer than", "under", "up to", "as many as"]
UNITS = [None, "km", "mi", "USD", "%"]
VAGUE = [12, 100, 1000, 10000, 1000000]


def _number(mantissa: int, exponent: int) -> float:
    """mantissa * 10**exponent as the float a text would give (1.2, not 1.2000000000000002)."""
    return float(Decimal(mantissa).scaleb(exponent))


def _text(value: float):
    return f"{int(value):,}" if value == int(value) else repr(value)


numbers = st.builds(_number, st.integers(-99999, 99999), st.integers(-3, 6))
positive = st.builds(_number, st.integers(1, 99999), st.integers(-3, 6))


@st.composite
def saids(draw):
    unit = draw(st.sampled_from(UNITS))
    if draw(st.integers(0, 9)) == 0:
        return Said(draw(st.sampled_from(VAGUE)), vague=True, unit=unit)
    if draw(st.integers(0, 9)) == 0:
        return Said((draw(positive), draw(positive)), unit=unit)
    value = draw(positive)
    text = _text(value) if draw(st.booleans()) else None
    return Said(value, draw(st.sampled_from(QUALIFIERS)), unit=unit, text=text)


@given(numbers, st.sampled_from([None, "exactly", "at least", "no fewer than", "up to", "as many as"]),
       st.booleans(), st.booleans())
def test_an_interval_contains_its_own_point(value, qualifier, with_text, as_point):
    said = Said(value, qualifier, text=_text(value) if with_text else None)
    assert interval(said, as_point=as_point).contains(value)


@given(saids(), saids())
def test_cross_mode_is_symmetric(a, b):
    assert compare_values(a, b, "cross") == compare_values(b, a, "cross")


@given(saids(), st.sampled_from(["declared", "cross"]))
def test_a_value_agrees_with_itself(said, mode):
    assert compare_values(said, said, mode).agrees


@st.composite
def scaled_pairs(draw, qualifiers):
    """Two values and the same two scaled by 10**k, built from their digits."""
    (m1, e1), (m2, e2) = draw(st.tuples(st.integers(1, 9999), st.integers(-2, 4))), \
        draw(st.tuples(st.integers(1, 9999), st.integers(-2, 4)))
    if draw(st.booleans()):                 # near each other, where the outcome is decided
        m2, e2 = m1 + draw(st.integers(-3, 3)) or 1, e1
    k = draw(st.integers(-3, 3))
    q1, q2 = draw(st.sampled_from(qualifiers)), draw(st.sampled_from(qualifiers))
    pair = (Said(_number(m1, e1), q1), Said(_number(m2, e2), q2))
    scaled = (Said(_number(m1, e1 + k), q1), Said(_number(m2, e2 + k), q2))
    return pair, scaled


@hsettings(max_examples=300)
@given(scaled_pairs([None]), st.sampled_from(["declared", "cross"]))
def test_scaling_bare_values_keeps_the_outcome(pairs, mode):
    (a, b), (sa, sb) = pairs
    assert compare_values(a, b, mode).outcome == compare_values(sa, sb, mode).outcome


@given(scaled_pairs(QUALIFIERS), st.sampled_from(["declared", "cross"]))
def test_scaling_qualified_values_keeps_the_outcome(pairs, mode):
    (a, b), (sa, sb) = pairs
    assert compare_values(a, b, mode).outcome == compare_values(sa, sb, mode).outcome
