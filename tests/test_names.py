"""Name comparison: accepted spellings, near misses, different people (tests/examples/persons.yaml)."""
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings, strategies as st

from factcheck.check.names import damerau_levenshtein, fold, near_miss, normalise, same_spelling

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "persons.yaml").read_text(encoding="utf-8"))
NAMES = EXAMPLES["names"]


@pytest.mark.parametrize("mention,declared", NAMES["same"], ids=lambda v: str(v))
def test_accepted_spellings(mention, declared):
    assert same_spelling(mention, declared)
    assert near_miss(mention, declared) is None


@pytest.mark.parametrize("mention,declared,resembles", NAMES["near"], ids=lambda v: str(v))
def test_near_misses(mention, declared, resembles):
    assert not same_spelling(mention, declared)
    assert near_miss(mention, declared) == resembles


@pytest.mark.parametrize("mention,declared", NAMES["different"], ids=lambda v: str(v))
def test_different_people(mention, declared):
    assert near_miss(mention, declared) is None


def test_normalise_folds_case_accents_hyphens():
    assert normalise("Kim Hong-kyun") == normalise("kim hong kyun") == "kim hong kyun"
    assert normalise("Kim Hongkyun") != normalise("Kim Hong-kyun")
    assert normalise("Zoë Ball") == "zoe ball"


def test_fold_and_distance():
    assert fold("Zinovyev") == fold("Zinoviev")
    assert fold("Dmitry") == fold("Dmitri") == fold("Dmitriy")
    assert damerau_levenshtein("zinoviev", "zinoveiv") == 1
    assert damerau_levenshtein("abc", "abc") == 0


NAME = st.from_regex(r"[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,2}", fullmatch=True)


@given(NAME)
def test_a_name_is_its_own_spelling(name):
    assert same_spelling(name, [name])
    assert near_miss(name, [name]) is None


@settings(max_examples=300)
@given(st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True), st.from_regex(r"[A-Z][a-z]{5,11}", fullmatch=True),
       st.data())
def test_one_letter_substitution_in_surname_is_a_near_miss(first, surname, data):
    index = data.draw(st.integers(0, len(surname) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    assume(letter != surname[index].lower())
    typo = surname[:index] + (letter.upper() if index == 0 else letter) + surname[index + 1:]
    assume(typo.lower() != first.lower())      # else it is the given name, an accepted part
    declared = f"{first} {surname}"
    assert near_miss(f"{first} {typo}", [declared]) == declared
    assert near_miss(typo, [declared]) == declared


@given(st.text(), st.lists(st.text(), max_size=3))
def test_never_raises(mention, declared):
    same_spelling(mention, declared)
    near_miss(mention, declared)
    normalise(mention)
