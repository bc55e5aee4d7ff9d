"""Direction of change as a user sees it in pytest: a declared ``change:`` fact, a level that a
change figure must not contradict, and cross-source "rose" against "fell"."""
import pytest

from factcheck.corpus import Corpus
from factcheck.facts import load_facts

from factcheck.check.values import Said, compare_values
from factcheck.extract.quantities import find_quantities

QUIET = ("-p", "no:cacheprovider")

ROSE = ("Acme shares rise after results\n\n"
        "NEW YORK — Shares of Acme rose 1.5 percent on Monday after the company reported results, "
        "traders said.\n")
FELL = ("Acme shares fall after results\n\n"
        "NEW YORK — Shares of Acme fell 1.5 percent on Monday after the company reported results, "
        "traders said.\n")
DEFICIT = ("Deficit widens\n\n"
           "WASHINGTON — The deficit rose by $43.6 billion to $419.2 billion in the first half, "
           "the Treasury said.\n")
SOURCES = """sources:
  rose.txt: {outlet: reuters.com, published: "2024-05-06"}
  fell.txt: {outlet: apnews.com, published: "2024-05-06"}
"""


def _write(pytester, **articles):
    for name, text in articles.items():
        pytester.makefile(".txt", **{name: text})


def test_a_declared_rise_fails_on_an_article_saying_fell(pytester):
    _write(pytester, rose=ROSE, fell=FELL)
    pytester.makefile(".yaml", facts=SOURCES + "cross_source: false\nfacts:\n  - id: acme-shares\n"
                                               "    number: 1.5\n    unit: '%'\n    change: up\n"
                                               "    context: [shares]\n")
    result = pytester.runpytest_inprocess("-rA", *QUIET)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED facts.yaml::acme-shares[[]fell.txt[]]*"])
    result.stdout.fnmatch_lines(["*1.5 percent (down)*1.5% (up) was declared*opposite direction*"])


def test_a_declared_fall_passes_on_the_same_fall(pytester):
    _write(pytester, fell=FELL)
    pytester.makefile(".yaml", facts="cross_source: false\npublished: 2024-05-06\nfacts:\n  - id: acme-shares\n"
                                     "    number: 1.5\n    unit: '%'\n    change: down\n    context: [shares]\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=1)


def test_a_change_does_not_contradict_a_declared_level_nor_a_level_a_declared_change(pytester):
    """'rose by $43.6 billion to $419.2 billion': the level is 419.2bn, the change 43.6bn up."""
    _write(pytester, deficit=DEFICIT)
    pytester.makefile(".yaml", facts="cross_source: false\npublished: 2024-05-06\nfacts:\n"
                                     "  - id: deficit-level\n    number: $419.2bn\n    context: [deficit]\n"
                                     "  - id: deficit-change\n    number: $43.6bn\n    change: up\n"
                                     "    context: [deficit]\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=2)
    corpus = Corpus(load_facts(pytester.path / "facts.yaml", pytester.path))
    for fact_id in ("deficit-level", "deficit-change"):
        verdict = corpus.verdict(fact_id, "deficit.txt")
        assert verdict.message == "agrees (1 mention)", verdict.message     # bound, not "not mentioned"


def test_a_wrong_level_after_a_change_still_fails(pytester):
    _write(pytester, deficit=DEFICIT.replace("$419.2 billion", "$491.2 billion"))
    pytester.makefile(".yaml", facts="cross_source: false\npublished: 2024-05-06\nfacts:\n"
                                     "  - id: deficit-level\n    number: $419.2bn\n    context: [deficit]\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*says $491.2 billion where 419,200,000,000 usd was declared*"])


def test_cross_source_rose_against_fell_is_a_disagreement(pytester):
    _write(pytester, rose=ROSE, fell=FELL)
    pytester.makefile(".yaml", facts=SOURCES + "cross_source: true\n")
    result = pytester.runpytest_inprocess("-rA", *QUIET)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*opposite directions of change*"])


def test_cross_source_a_change_is_never_aligned_with_a_level(pytester):
    level = ROSE.replace("rose 1.5 percent", "closed at 4.5 percent of the index")
    _write(pytester, rose=ROSE, fell=level)
    pytester.makefile(".yaml", facts=SOURCES + "cross_source: true\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("first, second, agrees", [
    (Said(3, unit="%", change="up"), Said(3, unit="%", change="up"), True),
    (Said(3, unit="%", change="up"), Said(3, unit="%", change="down"), False),
    (Said(3, unit="%", change="down"), Said(-3, unit="%", change="down", text="-3%"), True),   # "-3%" is a fall of 3 %
    (Said(3, unit="%", change="down"), Said(4, unit="%", change="down"), False),
])
def test_changes_compare_by_direction_then_magnitude(first, second, agrees):
    for mode in ("declared", "cross"):
        verdict = compare_values(first, second, mode)
        assert verdict.agrees is agrees, verdict.reason
        if first.change != second.change:
            assert "opposite" in verdict.reason


def test_opposite_directions_read_the_same_in_both_orders():
    up, down = Said(3, unit="%", change="up", text="3%"), Said(3, unit="%", change="down", text="3%")
    assert compare_values(up, down, "cross").reason == compare_values(down, up, "cross").reason


@pytest.mark.parametrize("text, changes", [
    ("the deficit rose by $43.6 billion to $419.2 billion", ["up", None]),
    ("unemployment rose from 3% to 5%", [None, None]),
    ("shares fell 2% while bonds gained 1%", ["down", "up"]),
    ("sales were up 4% and costs down 1%", ["up", "down"]),
])
def test_each_figure_gets_its_own_direction(text, changes):
    assert [m.change for m in find_quantities(text)] == changes


# --------------------------------------------------------------------------- properties

from hypothesis import given, settings as hsettings, strategies as st

from factcheck.lang import lexicon

_VERBS = lexicon("en")["number_change_verbs"]
_amounts = st.integers(min_value=1, max_value=999_999).map(lambda n: f"{n:,}")


@hsettings(max_examples=150, deadline=None)
@given(way=st.sampled_from(["up", "down"]), data=st.data(), change=_amounts, level=_amounts,
       unit=st.sampled_from(["%", " percent", " points", " km"]))
def test_verb_by_change_to_level_is_always_a_change_and_a_level(way, data, change, level, unit):
    verb = data.draw(st.sampled_from([v for v in _VERBS[way] if " " not in v]))
    text = f"The index {verb} by {change}{unit} to {level}{unit} on Monday."
    found = find_quantities(text)
    assert [m.change for m in found] == [way, None], [(m.text, m.change) for m in found]
    assert all(not isinstance(m.value, tuple) for m in found)     # never a range


@hsettings(max_examples=100, deadline=None)
@given(a=st.integers(min_value=0, max_value=30), b=st.integers(min_value=0, max_value=30))
def test_a_tally_is_parts_never_a_range(a, b):
    """Majority first ("a 5-2 vote") is a tally; a rising one only after a tally word ("lost 1-3")."""
    high, low = max(a, b), min(a, b)
    (m,) = find_quantities(f"The court decided it in a {high}-{low} vote on Monday.")
    assert m.parts == (high, low) and m.unit == "score" and not isinstance(m.value, tuple)
    (m,) = find_quantities(f"The visitors lost {low}-{high} on Monday.")
    assert m.parts == (low, high) and m.unit == "score"
