"""The checker catches an error injected into one seed article, and stays quiet when the
rewrite keeps the meaning (issue 3, "Tests that prove it").

Each test copies the repo's ``facts.yaml`` and ``seeds/`` into a pytester folder,
applies ONE rewrite to ONE article and runs ``pytest facts.yaml`` in-process, twice
over: against the declared facts, and with a facts file that declares nothing, so
that only the cross-source comparison can notice.

- A meaning-changing rewrite must produce a failure that was not there before,
  whose report points at ``seeds/ARTICLE:LINE`` of the changed text (and, for
  declared facts, whose node id names the fact and the article).
- A meaning-preserving rewrite must produce no failure that was not there before.

Where the checker does not yet do what the issue asks, the case stays, marked
``xfail(strict=True, reason="known gap: ...")``: the examples are the spec.
"""
from pathlib import Path
from typing import Dict

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.testing.mutate import (VOWELS, Edit, Injection, Outcome, change_digit, digit_changes, drop_qualifier,
                                    flip_qualifier, judge, misspellings, move_month, move_weekday, times_ten)
from factcheck.testing.mutate import failures as bench_failures
from factcheck.corpus import Corpus
from factcheck.extract import extract
from factcheck.facts import load_facts
from factcheck.mention import Mention
from factcheck.verdict import Finding, Verdict
from mutations import MODES, Rewrite, equivalent_spellings, failures, occurrences, write_corpus

_BASELINES: Dict[str, Dict[str, str]] = {}


def baseline(pytester, mode: str) -> Dict[str, str]:
    """Failures of the unchanged copy (memoised: every run of it is the same)."""
    if mode not in _BASELINES:
        write_corpus(pytester.path, MODES[mode])
        _BASELINES[mode] = failures(pytester)
    return _BASELINES[mode]


def new_failures(pytester, mode: str, rewrite: Rewrite) -> Dict[str, str]:
    before = baseline(pytester, mode)
    write_corpus(pytester.path, MODES[mode], rewrite)
    return {node: text for node, text in failures(pytester).items() if node not in before}


def assert_caught(found: Dict[str, str], mode: str, rewrite: Rewrite, fact: str) -> None:
    where = f"{rewrite.display}:{rewrite.line}:"
    if mode == "declared":
        node = f"facts.yaml::{fact}[{rewrite.display}]"
        assert node in found, f"{rewrite}: no new failure {node}; new: {sorted(found)}"
        assert where in found[node], f"{rewrite}: the report does not point at {where}:\n{found[node]}"
    else:
        located = [n for n, text in found.items()
                   if (n.startswith("facts.yaml::cross-source") or n.startswith("warning[")) and where in text]
        assert located, f"{rewrite}: no new cross-source failure pointing at {where}; new: {found}"
    for node, text in found.items():
        assert "Traceback" not in text, text


def known_gap(reason: str):
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"known gap: {reason}")


# ---------------------------------------------------------------- the examples

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "seed_mutations.yaml").read_text(encoding="utf-8"))


def _params(section: str):
    """One pytest param per (mode, example); a listed gap makes it a strict xfail."""
    out = []
    for mode in MODES:
        for case in EXAMPLES[section]:
            rewrite = Rewrite(case["article"], str(case["old"]), str(case["new"]), case.get("occurrence", 0))
            gap = (case.get("gaps") or {}).get(mode)
            out.append(pytest.param(mode, rewrite, case.get("fact"), id=f"{mode}-{case['id']}",
                                    marks=[known_gap(gap)] if gap else []))
    return out


@pytest.mark.parametrize("mode, rewrite, fact", _params("changing"))
def test_a_meaning_changing_rewrite_fails_naming_the_article_and_line(pytester, mode, rewrite, fact):
    assert_caught(new_failures(pytester, mode, rewrite), mode, rewrite, fact)


@pytest.mark.parametrize("mode, rewrite, fact", _params("preserving"))
def test_a_meaning_preserving_rewrite_adds_no_failure(pytester, mode, rewrite, fact):
    found = new_failures(pytester, mode, rewrite)
    assert not found, f"{rewrite}: new failures {sorted(found)}:\n" + "\n".join(found.values())
    if mode == "declared" and fact:
        assert agreeing_lines(pytester, fact, rewrite) >= {rewrite.line}, \
            f"{rewrite}: {fact} no longer reads line {rewrite.line}: the rewrite hid the figure"


def agreeing_lines(pytester, fact: str, rewrite: Rewrite) -> set:
    """Lines of the rewritten article where the declared fact finds an agreeing mention
    (in a folder of its own: the copy pytest runs on may hold the undeclared facts file)."""
    folder = pytester.path / "agreeing"
    folder.mkdir(exist_ok=True)
    write_corpus(folder, MODES["declared"], rewrite)
    corpus = Corpus(load_facts(folder / "facts.yaml", folder))
    return {finding.line for finding in corpus.verdict(fact, rewrite.display).agreeing}


def test_the_examples_are_well_formed():
    ids = [case["id"] for section in ("changing", "preserving") for case in EXAMPLES[section]]
    assert len(ids) == len(set(ids)), "duplicate example ids"
    for case in EXAMPLES["changing"] + EXAMPLES["preserving"]:
        assert set(case) <= {"id", "article", "old", "new", "fact", "gaps", "occurrence"}, case
        assert set(case.get("gaps") or {}) <= set(MODES), case
        Rewrite(case["article"], str(case["old"]), str(case["new"]), case.get("occurrence", 0)).edit()
    assert all(case.get("fact") for case in EXAMPLES["changing"])


def test_space_as_thousands_separator_is_read_by_the_extractor():
    """The "13 000" example above is only meaningful while the extractor reads it."""
    found = [(m.text, m.value) for m in extract("more than 13 000 containers") if m.kind == "quantity"]
    assert found == [("13 000", 13000)]


#: Spellings in the seeds that differ for real (facts.yaml accepts them as aliases or as
#: known discrepancies): with nothing declared, a cross-source comparison of names may
#: rightly flag them, and nothing else.
GENUINE_SPELLING_DIFFERENCES = ("Zinovyev", "Georgiy", "Zelenskiy")


@pytest.mark.parametrize("mode", MODES)
def test_the_unchanged_copy_fails_only_on_genuine_discrepancies(pytester, mode):
    """The baseline the other tests subtract: the seed corpus passes against its facts file
    (known discrepancies are xfails), and with nothing declared is quiet but for the
    spellings that really differ."""
    found = baseline(pytester, mode)
    if mode == "declared":
        assert found == {}
    for node, text in found.items():
        assert any(spelling in text for spelling in GENUINE_SPELLING_DIFFERENCES), f"{node}:\n{text}"


# ---------------------------------------------------------------- Hypothesis-driven families

# Every declared count in the seeds, with the fact it belongs to.
COUNTS = {"1,500": "special-forces-in-russia", "13,000": "containers-of-weapons", "10,000": "zelensky-figure"}
COUNT_SITES = [(written, name, i) for written in COUNTS for name, i in occurrences(written)]
# Every declared name written in full in the seeds (as declared), with its fact.
NAMES = {"Dmitry Peskov": "kremlin-spokesman", "Kim Hong-kyun": "vice-foreign-minister", "Mark Rutte": "nato-chief",
         "Volodymyr Zelensky": "ukrainian-president", "Georgy Zinoviev": "russian-ambassador"}
NAME_SITES = [(written, name, i) for written in NAMES for name, i in occurrences(written)]
FAMILY = settings(max_examples=6, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FAMILY
@given(site=st.sampled_from(COUNT_SITES), data=st.data())
def test_any_declared_count_written_another_way_adds_no_failure(pytester, site, data):
    written, name, occurrence = site
    spelling = data.draw(st.sampled_from(equivalent_spellings(int(written.replace(",", "")))), label="spelling")
    rewrite = Rewrite(name, written, spelling, occurrence)
    for mode in MODES:
        found = new_failures(pytester, mode, rewrite)
        assert not found, f"{mode}: {rewrite}: new failures {sorted(found)}:\n" + "\n".join(found.values())
    assert rewrite.line in agreeing_lines(pytester, COUNTS[written], rewrite), f"{rewrite}: not read"


@FAMILY
@given(site=st.sampled_from(COUNT_SITES), data=st.data())
def test_any_declared_count_changed_by_a_digit_fails_there(pytester, site, data):
    written, name, occurrence = site
    changed = data.draw(st.sampled_from(digit_changes(written)), label="changed")
    rewrite = Rewrite(name, written, changed, occurrence)
    assert_caught(new_failures(pytester, "declared", rewrite), "declared", rewrite, COUNTS[written])


@FAMILY
@given(site=st.sampled_from(NAME_SITES), data=st.data())
def test_any_declared_name_misspelt_by_one_letter_fails_there(pytester, site, data):
    written, name, occurrence = site
    given_names, last = written.rsplit(" ", 1)
    slip = data.draw(st.sampled_from(misspellings(last)), label="misspelt")
    rewrite = Rewrite(name, written, f"{given_names} {slip}", occurrence)
    assert_caught(new_failures(pytester, "declared", rewrite), "declared", rewrite, NAMES[written])


# ---------------------------------------------------------------- the rewrites themselves

@pytest.mark.parametrize("number, position, digit, expected", [
    ("1,500", 2, "8", "1,800"), ("13,000", 1, "4", "14,000"), ("2.5", 2, "7", "2.7")])
def test_change_digit(number, position, digit, expected):
    assert change_digit(number, position, digit) == expected


@pytest.mark.parametrize("number, expected", [
    ("1,500", ["1,500"[:0] + d + ",500" for d in "23456789"] + [f"1,{d}00" for d in "012346789"]),
    ("10,000", [f"{d}0,000" for d in "23456789"])])
def test_digit_changes_touch_one_significant_digit(number, expected):
    assert sorted(digit_changes(number)) == sorted(expected)


@pytest.mark.parametrize("number, expected", [("1,500", "15,000"), ("1500", "15000"), ("2.5", "25"),
                                              ("0.25", "2.5"), ("abc", None)])
def test_times_ten(number, expected):
    assert times_ten(number) == expected


@pytest.mark.parametrize("text, expected", [("on Monday", "on Tuesday"), ("SUNDAY", "MONDAY"),
                                            ("in June", "in June")])
def test_move_weekday(text, expected):
    edit = move_weekday(text)
    assert (edit.apply(text) if edit else text) == expected


@pytest.mark.parametrize("text, expected", [("in June", "in July"), ("Oct. 8", "November 8"),
                                            ("December 31", "January 31"), ("on Monday", "on Monday")])
def test_move_month(text, expected):
    edit = move_month(text)
    assert (edit.apply(text) if edit else text) == expected


@pytest.mark.parametrize("text, flipped, dropped", [
    ("more than 13,000 containers", "fewer than 13,000 containers", "13,000 containers"),
    ("At least 20 people", "At most 20 people", "20 people"),
    ("1,500 or more soldiers", "1,500 or fewer soldiers", "1,500 soldiers"),
    ("about 1,500 soldiers", None, None)])
def test_qualifier_rewrites(text, flipped, dropped):
    mention = next(m for m in extract(text) if m.kind == "quantity")
    flip, drop = flip_qualifier(text, mention), drop_qualifier(text, mention)
    assert (flip.apply(text) if flip else None) == flipped
    assert (drop.apply(text) if drop else None) == dropped


@given(word=st.text(alphabet=st.characters(whitelist_categories=["Lu", "Ll"], max_codepoint=127),
                    min_size=2, max_size=12))
def test_a_misspelling_differs_by_one_letter_of_the_same_sort_and_keeps_the_first(word):
    for slip in misspellings(word):
        changed = [(a, b) for a, b in zip(word, slip) if a != b]
        assert len(slip) == len(word) and len(changed) == 1 and slip[0] == word[0]
        (a, b), = changed
        assert (a.lower() in VOWELS) == (b.lower() in VOWELS) and a.isupper() == b.isupper()


@given(number=st.integers(min_value=1, max_value=10**9))
def test_digit_changes_and_times_ten_change_the_value(number):
    written = f"{number:,}"
    assert int(times_ten(written).replace(",", "")) == number * 10
    for changed in digit_changes(written):
        assert len(changed) == len(written) and changed[0] != "0"
        assert int(changed.replace(",", "")) != number


# ---------------------------------------------------------------- the injection benchmark's bookkeeping

def _failure(subject: str, *where: tuple) -> Verdict:
    findings = tuple(Finding(article, line, 1, Mention("quantity", 0, 1, "1", value), "s", "s")
                     for article, line, value in where)
    return Verdict(subject, None, "fail", findings=findings)


def test_judge_counts_detection_location_and_false_alarms():
    injection = Injection("digit", "b.txt", Edit(0, 1, "2"), "1", 3)
    old = _failure("soldiers", ("a.txt", 1, 5), ("c.txt", 2, 6))           # there before: not new
    clean = bench_failures([old])
    assert judge(injection, clean, bench_failures([old])) == Outcome(injection, False, False, 0)
    named = _failure("soldiers #2", ("a.txt", 1, 1), ("b.txt", 3, 2))
    elsewhere = _failure("dead", ("b.txt", 9, 2))                           # names b, not the line
    unrelated = _failure("injured", ("a.txt", 4, 7), ("c.txt", 4, 8))
    assert judge(injection, clean, bench_failures([old, named])) == Outcome(injection, True, True, 0)
    assert judge(injection, clean, bench_failures([old, elsewhere])) == Outcome(injection, True, False, 0)
    assert judge(injection, clean, bench_failures([unrelated])) == Outcome(injection, False, False, 1)
