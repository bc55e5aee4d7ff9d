"""Dates: the phrase table in tests/examples/dates.yaml, run through the public API."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck import extract
from factcheck.extract.dates import find_dates

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "dates.yaml").read_text(encoding="utf-8"))


def _dates(text, published):
    return [m for m in extract(text, published=published) if m.kind == "date"]


def _id(case):
    return f"{case.get('surface', '')}|{case['text'][:50]}"


@pytest.mark.parametrize("case", EXAMPLES["must"], ids=_id)
def test_must_read(case):
    found = _dates(case["text"], case["published"])
    hits = [m for m in found if m.text == case["surface"]]
    assert hits, f"no date {case['surface']!r} in {[m.text for m in found]}"
    got = hits[0]
    assert (got.value, got.granularity) == (case["value"], case["granularity"]), got
    assert case["text"][got.start:got.end] == got.text


@pytest.mark.parametrize("case", EXAMPLES["must_not"], ids=_id)
def test_must_not_read(case):
    found = _dates(case["text"], case["published"])
    surface = case.get("surface")
    if surface is None:
        assert found == [], [(m.text, m.value) for m in found]
    else:
        at = case["text"].index(surface)
        overlapping = [m for m in found if m.start < at + len(surface) and at < m.end]
        assert overlapping == [], [(m.text, m.value) for m in overlapping]


def test_find_dates_parses_without_resolving():
    mentions = find_dates("Talks ended on Friday, October 18, 2024, and resume next week.")
    assert [m.text for m in mentions] == ["Friday, October 18, 2024", "next week"]
    assert all(m.kind == "date" and m.value is None and m.expr is not None for m in mentions)
    assert [m.granularity for m in mentions] == ["day", "week"]


def test_day_first_is_a_setting():
    us = find_dates("Filed 03/04/2024.")[0].expr
    eu = find_dates("Filed 03/04/2024.", day_first=True)[0].expr
    assert (us.month, us.day) == (3, 4)
    assert (eu.month, eu.day) == (4, 3)


def test_seed_articles_key_dates(seeds_dir):
    """The seed corpus (published 2024-10-21): the dates every outlet reports."""
    from factcheck.article import read_article

    values = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        article = read_article(path)
        values |= {m.value for m in extract(article.body, published="2024-10-21") if m.kind == "date"}
    assert {"2024-10-21", "2024-10-18", "2024-10-08/2024-10-13", "2024-06", "2023-08",
            "2024-W42", "2024-10", "2022", "2024-10-22"} <= values


def test_date_lexicon_words_are_strings():
    """YAML reads a bare yes/no/on/off as a boolean: every word list must hold strings."""
    from factcheck.lang import lexicon

    from factcheck.lang import load_schema

    lex, schema = lexicon("en"), load_schema()
    for key in [k for k in lex if schema[k].topic == "dates"]:          # date_rules: the rules, not words
        value = lex[key]
        words = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
        assert all(isinstance(w, str) for w in words), (key, [w for w in words if not isinstance(w, str)])


@pytest.mark.parametrize("text", ["On ſunday we met", "yeſterday", "two weekſ ago", "last Kune",
                                  "the ſixth of March", "mid-Kuly"])
def test_letters_that_case_fold_to_ascii_never_crash(text):
    # re's ignore-case matches "ſ" for "s" and the Kelvin sign for "k"; lookups must fold alike.
    from factcheck import extract
    extract(text, published="2024-10-21")


def _rule_examples():
    from factcheck.extract.dates import date_rules

    for lang in ("en", "es"):
        for rule in date_rules(lang):
            for example in rule.examples:
                yield pytest.param(lang, rule.rule, example, id=f"{lang}-{rule.rule}-{example}")


@pytest.mark.parametrize("lang, rule, example", list(_rule_examples()))
def test_date_rule_reads_its_own_examples(lang, rule, example):
    """Each rule of ``lang/<code>/date_rules.yaml`` reads its ``examples``, itself (not a rule
    before it in the list), as the one reading that ends the example: the examples are the
    rule's spec. An example may open with the cue the rule needs ("in 1815", "el lunes")."""
    from factcheck.extract.dates import rule_readings

    readings = [(r, e) for r, _, e, _ in rule_readings(example, lang)]
    assert readings == [(rule, len(example))], readings
