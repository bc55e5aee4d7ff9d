"""The quantity extractor against the example table in tests/examples/quantities.yaml."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from factcheck.extract.quantities import find_ordinals, find_quantities
from factcheck.extract.units import unit_kind

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "quantities.yaml").read_text(encoding="utf-8"))
FIELDS = ("unit", "counted", "qualifier", "vague", "change")


def _cases(key):
    """The table's cases; one with ``xfail: reason`` is a known gap, a strict xfail."""
    return [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["xfail"])) if isinstance(c, dict)
            and c.get("xfail") else c for c in EXAMPLES[key]]


def _case_id(c):
    return (c["text"] if isinstance(c, dict) else c)[:60]


def _same_value(found, expected) -> bool:
    if isinstance(expected, list):
        return isinstance(found, tuple) and len(found) == len(expected) and all(
            _same_value(f, e) for f, e in zip(found, expected))
    if isinstance(found, tuple):
        return False
    return math.isclose(float(found), float(expected), rel_tol=1e-9)


def _pick(mentions, case):
    surface = case.get("surface")
    if surface is not None:
        chosen = [m for m in mentions if m.text == surface]
        assert chosen, f"no mention reads {surface!r}: {[m.text for m in mentions]}"
        return chosen[0]
    assert len(mentions) == 1, f"expected one quantity, got {[m.text for m in mentions]}"
    return mentions[0]


@pytest.mark.parametrize("case", _cases("must"), ids=_case_id)
def test_reads(case):
    mentions = find_quantities(case["text"])
    m = _pick(mentions, case)
    assert case["text"][m.start:m.end] == m.text
    assert m.kind == "quantity"
    assert _same_value(m.value, case["value"]), f"{m.text!r}: value {m.value!r} != {case['value']!r}"
    for field in FIELDS:
        if field in case:
            assert getattr(m, field) == case[field], f"{m.text!r}: {field} {getattr(m, field)!r} != {case[field]!r}"
    if "parts" in case:
        assert m.parts is not None and list(m.parts) == case["parts"], f"{m.text!r}: parts {m.parts!r}"
    if "count" in case:       # how many quantities the text holds ("$7.4 million to $200,000": two)
        assert len(mentions) == case["count"], [m.text for m in mentions]


@pytest.mark.parametrize("text", _cases("must_not"), ids=_case_id)
def test_does_not_read(text):
    if isinstance(text, dict):
        text = text["text"]
    assert [m.text for m in find_quantities(text)] == []


@pytest.mark.parametrize("case", _cases("ordinals"), ids=_case_id)
def test_ordinals_are_ranks_not_quantities(case):
    """ "the sixth round" is a rank: no quantity there, one ordinal Mention (kind "ordinal")."""
    text = case["text"]
    surface = case.get("surface")
    ordinals = find_ordinals(text)
    m = _pick(ordinals, case)
    assert m.kind == "ordinal" and text[m.start:m.end] == m.text
    assert _same_value(m.value, case["value"]), f"{m.text!r}: value {m.value!r} != {case['value']!r}"
    if "counted" in case:
        assert m.counted == case["counted"]
    quantities = find_quantities(text)
    assert not any(q.start < m.end and m.start < q.end for q in quantities), [q.text for q in quantities]
    if surface is None:
        assert quantities == [], [q.text for q in quantities]


def test_extract_returns_no_ordinal_as_a_quantity():
    from factcheck import extract
    text = "Woods, in his 86th start, finished fifth, two shots ahead of the 2 other players."
    found = extract(text, kinds=("quantity",))
    assert [m.text for m in found if m.kind == "quantity"] == ["two", "2"]
    assert all(m.unit != "ordinal" for m in found)


def test_seed_article_key_figures(seeds_dir):
    """The seed corpus' figures as the five outlets wrote them."""
    found = {}
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in find_quantities(text):
            assert text[m.start:m.end] == m.text
            found.setdefault((m.value, m.counted, m.qualifier, m.vague), m.text)
    assert (1500, "soldiers", "about", False) in found
    assert any(k[0] == 13000 and k[1] == "containers" and k[2] == "more than" for k in found)
    assert any(k[0] == 10000 and k[1] == "soldiers" for k in found)
    assert any(k[0] == 1000 and k[1] == "soldiers" and k[3] for k in found)


def test_unit_kinds():
    assert unit_kind("USD") == "currency"
    assert unit_kind("%") == "percent"
    assert unit_kind("km") == "length"
    assert unit_kind("°C") == "temperature"
    assert unit_kind(None) is None
