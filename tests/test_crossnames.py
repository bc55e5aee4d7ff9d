"""Cross-source comparison of person names (factcheck/crossnames.py).

- name pairs: consistent / conflicting / different people (tests/examples/crossnames.yaml);
- hand-made multi-article stories read by the real extractors (same file);
- the seed articles with no facts declared (Zinoviev / Zinovyev, Zelensky / Zelenskiy)
  and with the repo's facts.yaml (every person declared: nothing left to compare);
- a property: a one-letter slip inside a surname of six letters or more, in one of two
  articles, is always flagged, naming that article.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import string
from pathlib import Path
from typing import List, Sequence, Tuple

import pytest
import yaml
from hypothesis import assume, given, settings as hsettings, strategies as st

from factcheck.check import names
from factcheck.article import Article, article_from_text, read_article
from factcheck.check.cross.names import (DEFAULT_NAME_SETTINGS, NameSettings, conflict, consistent, cross_check_names,
                                  spelling)
from factcheck.extract import extract
from factcheck.facts import Fact
from factcheck.mention import Mention
from factcheck.verdict import Verdict

EXAMPLES = yaml.safe_load((Path(__file__).parent / "examples" / "crossnames.yaml").read_text(encoding="utf-8"))
SEEDS_PUBLISHED = dt.date(2024, 10, 21)


def relation(a: str, b: str, s: NameSettings = DEFAULT_NAME_SETTINGS) -> str:
    x, y = spelling(a), spelling(b)
    if consistent(x, y, s):
        return "consistent"
    return "conflict" if conflict(x, y, s) else "different"


@pytest.mark.parametrize("a,b,expected", [tuple(p) for p in EXAMPLES["pairs"]],
                         ids=[f"{a}|{b}" for a, b, _ in EXAMPLES["pairs"]])
def test_name_pairs(a, b, expected):
    assert relation(a, b) == expected
    assert relation(b, a) == expected, "the relation must not depend on the order"


# --------------------------------------------------------------------------- stories

def read(articles: dict) -> List[Tuple[Article, List[Mention]]]:
    items = []
    for path, text in articles.items():
        article = article_from_text(text, path, published=SEEDS_PUBLISHED)
        items.append((article, extract(article.body, published=article.published)))
    return items


def person_facts(entries: Sequence[dict]) -> List[Fact]:
    return [Fact(id=f"person-{n}", kind="person", declared_at=f"facts.yaml:{n + 1}", line=n + 1,
                 name=e["name"], aliases=tuple(e.get("aliases", ()))) for n, e in enumerate(entries)]


def named(verdict: Verdict) -> set:
    return {line.split(":", 1)[0] for line in verdict.details}


@pytest.mark.parametrize("case", EXAMPLES["cases"], ids=[c["name"] for c in EXAMPLES["cases"]])
def test_stories(case):
    verdicts = cross_check_names(read(case["articles"]), person_facts(case.get("facts", [])))
    expected = case["flags"]
    assert len(verdicts) == len(expected), [v.message for v in verdicts]
    assert all(v.outcome == "fail" and v.article is None and v.subject.startswith("name: ") for v in verdicts)
    for flag in expected:
        matching = [v for v in verdicts if named(v) == set(flag["articles"])
                    and all(sp in v.message for sp in flag["spellings"])]
        assert matching, f"no verdict for {flag}: {[v.message for v in verdicts]}"
        verdict = matching[0]
        assert verdict.message.startswith("sources spell the name ")
        assert {f.article for f in verdict.findings} == set(flag["articles"])
        for f in verdict.findings:
            assert f"»{f.mention.text}«" in f.marked
        if "within" in flag:
            assert f"within {flag['within']}" in verdict.message
        else:
            assert "within" not in verdict.message


GUARDED = [(case, guard) for case in EXAMPLES["cases"] for guard in case.get("guarded_by", ())]


@pytest.mark.parametrize("case,guard", GUARDED, ids=[f"{c['name']}-{g}" for c, g in GUARDED])
def test_each_guard_matters(case, guard):
    assert getattr(DEFAULT_NAME_SETTINGS, guard) is True
    unguarded = dataclasses.replace(DEFAULT_NAME_SETTINGS, **{guard: False})
    verdicts = cross_check_names(read(case["articles"]), person_facts(case.get("facts", [])), unguarded)
    assert verdicts, f"{guard} off: the case should raise a flag"


def test_misspelt_article_is_named_at_its_line():
    items = read({
        "a.txt": "Foreign Minister Sergei Lavrov spoke on Monday.",
        "b.txt": "Talks resumed on Monday.\nForeign Minister Sergei Lavrob spoke to reporters.",
    })
    [verdict] = cross_check_names(items)
    [slip] = [f for f in verdict.findings if f.article == "b.txt"]
    assert (slip.line, slip.column) == (2, 18)
    assert slip.mention.value == "Sergei Lavrob"
    assert "Sergei Lavrov" in slip.reason and "a.txt" in slip.reason
    assert "a.txt: Sergei Lavrov" in verdict.details and "b.txt: Sergei Lavrob" in verdict.details


def test_within_article_can_be_switched_off():
    items = read({"afp.txt": "Russian ambassador Georgiy Zinoviev was summoned. "
                             "Russian ambassador Zinovyev said he would report to Moscow."})
    assert len(cross_check_names(items)) == 1
    assert cross_check_names(items, settings=NameSettings(within_article=False)) == []


# --------------------------------------------------------------------------- seeds

def seed_items(seeds_dir: Path):
    items = []
    for path in sorted(seeds_dir.glob("*.txt")):
        article = read_article(path, path.name, published=SEEDS_PUBLISHED)
        items.append((article, extract(article.body, published=article.published)))
    return items


def test_seeds_without_facts(seeds_dir):
    verdicts = {v.subject: v for v in cross_check_names(seed_items(seeds_dir))}
    assert set(verdicts) == {"name: Zinoviev", "name: Zelensky"}, [v.message for v in verdicts.values()]
    zinoviev = verdicts["name: Zinoviev"]
    slips = {f.article for f in zinoviev.findings if f.mention.value == "Zinovyev"}
    assert slips == {"000_116027c1a6d05336.txt", "001_4194254e3da8641d.txt"}
    assert "within 000_116027c1a6d05336.txt" in zinoviev.message
    assert named(zinoviev) == {p.name for p in seeds_dir.glob("*.txt")}
    zelensky = verdicts["name: Zelensky"]
    assert {(f.article, f.mention.value) for f in zelensky.findings} == {
        ("001_4194254e3da8641d.txt", "Volodymyr Zelensky"), ("003_55edb76f28711d65.txt", "Volodymyr Zelenskiy")}


def test_seeds_with_declared_persons(repo_root):
    from factcheck.corpus import Corpus
    from factcheck.facts import load_facts

    corpus = Corpus(load_facts(repo_root / "facts.yaml", repo_root))
    items = [(corpus.article(d), list(corpus.mentions(d))) for d in corpus.readable()]
    assert cross_check_names(items, corpus.facts) == []


# --------------------------------------------------------------------------- property

CONSONANTS = "bcdfghklmnprstvz"
VOWELS = "aeiou"


@st.composite
def surname_and_slip(draw):
    """A surname of 6-10 letters (pronounceable, or any letters) and a copy with one inner
    letter substituted."""
    size = draw(st.integers(6, 10))
    pronounceable = draw(st.booleans())
    letters = [draw(st.sampled_from((CONSONANTS if i % 2 == 0 else VOWELS) if pronounceable
                                    else string.ascii_lowercase)) for i in range(size)]
    surname = "".join(letters).capitalize()
    position = draw(st.integers(1, size - 1))
    old = surname[position]
    new = draw(st.sampled_from([c for c in string.ascii_lowercase if c != old]))
    return surname, surname[:position] + new + surname[position + 1:]


def _item(path: str, text: str, name: str) -> Tuple[Article, List[Mention]]:
    article = article_from_text(text, path, published=SEEDS_PUBLISHED)
    start = text.index(name)
    return article, [Mention("person", start, start + len(name), name, name, title="Foreign Minister")]


@hsettings(max_examples=150, deadline=None)
@given(surname_and_slip(), st.sampled_from(["Anna", "Pavel", "Ines"]), st.booleans())
def test_one_letter_slip_in_a_long_surname_is_always_flagged(names_, given_name, slip_first):
    surname, slip = names_
    right, wrong = f"{given_name} {surname}", f"{given_name} {slip}"
    texts = [("a.txt", right), ("b.txt", wrong)]
    if slip_first:
        texts.reverse()
    items = [_item(path, f"Foreign Minister {name} said on Monday that talks would resume.", name)
             for path, name in texts]
    verdicts = cross_check_names(items)
    assert len(verdicts) == 1, (right, wrong)
    assert {(f.article, f.mention.value) for f in verdicts[0].findings} == {("a.txt", right), ("b.txt", wrong)}


@hsettings(max_examples=150, deadline=None)
@given(st.text(alphabet=CONSONANTS + VOWELS, min_size=5, max_size=9),
       st.text(alphabet=CONSONANTS + VOWELS, min_size=5, max_size=9))
def test_unrelated_surnames_are_never_flagged(first, second):
    first, second = first.capitalize(), second.capitalize()
    assume(names.damerau_levenshtein(names.fold(first.lower()), names.fold(second.lower())) >= 3)
    items = [_item("a.txt", f"Foreign Minister Anna {first} said on Monday that talks would resume.",
                   f"Anna {first}"),
             _item("b.txt", f"Foreign Minister Anna {second} said on Monday that talks would resume.",
                   f"Anna {second}")]
    assert cross_check_names(items) == []


def test_nothing_to_compare():
    assert cross_check_names([]) == []
    assert cross_check_names(read({"a.txt": "NATO chief Mark Rutte spoke on Monday. Rutte said so."})) == []
