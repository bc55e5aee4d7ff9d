"""Person extraction: the phrase table in tests/examples/persons.yaml, the seed persons, properties."""
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from factcheck.extract import extract
from factcheck.extract.persons import find_persons
from factcheck.extract.text import TextView

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "persons.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", EXAMPLES["extract"], ids=lambda c: c["text"][:50])
def test_phrase_table(case):
    """Through :func:`extract`, which reads invisible characters through: the value is the
    name, the text the name as written (the same, unless it holds a soft hyphen or the like)."""
    text = case["text"]
    found = extract(text, kinds=("person",))
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.value == TextView.of(m.text).text
        assert m.kind == "person"
    assert [m.value for m in found] == [w["value"] for w in case["find"]]
    for m, want in zip(found, case["find"]):
        if "title" in want:
            assert m.title == want["title"], m.value
    for bad in case.get("not") or []:
        assert bad not in [m.value for m in found]


SEED_PERSONS = {
    "Georgiy Zinoviev", "Georgy Zinoviev", "Zinovyev", "Zinoviev", "Kim Hong-kyun", "Dmitry Peskov",
    "Mark Rutte", "Volodymyr Zelensky", "Volodymyr Zelenskiy", "Kim Jong Un", "Vladimir Putin",
    "Yoon Suk Yeol", "David Lammy", "Cheong Seong-chang", "Andrzej Duda", "Lin Jian",
}
NOT_PERSONS = {"Storm Corps", "Security Council", "Far East", "Government Complex", "Top 10 Stories",
               "Government Complex Seoul", "National Intelligence Service", "Sejong Institute",
               "South Korea", "North Korea", "Seoul", "Moscow", "Ministry of Foreign Affairs"}


def test_seed_persons(seeds_dir):
    found = set()
    titles = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        for m in find_persons(path.read_text(encoding="utf-8")):
            found.add(m.value)
            titles.setdefault(m.value, set()).add(m.title)
    assert SEED_PERSONS <= found
    assert not (found & NOT_PERSONS)
    assert {"Kim", "Rutte", "Yoon"} <= found            # surnames of names found in the same text
    # Everything else found in the seeds is a real person (reporters' bylines, etc.).
    assert found - SEED_PERSONS - {"Kim", "Rutte", "Yoon"} <= {"Jack Kim", "Hyunsu Yim", "Hyonhee Shin",
                                                            "Joe Cash", "Ed Davies", "Alex Richardson",
                                                            "Angus MacSwan"}
    assert "First Vice Foreign Minister" in titles["Kim Hong-kyun"]
    assert "NATO chief" in titles["Mark Rutte"]
    assert "Russian ambassador" in titles["Zinovyev"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_spans_index_text(text):
    for m in find_persons(text):
        assert text[m.start:m.end] == m.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Kim", "Hong-kyun", "said", "President", "Mark", "Rutte", ",", ".",
                                 "the", "NATO", "chief", "O'Brien", "van", "J.", "\n", "told", "Seoul"]),
                max_size=30))
def test_spans_on_name_like_text(words):
    text = " ".join(words)
    for m in find_persons(text):
        assert text[m.start:m.end] == m.text
        assert m.text[:1].isupper()
