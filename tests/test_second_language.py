"""A second language is a folder (issue 8): Spanish, read from factcheck/lang/es/ alone.

The examples are factcheck/lang/es/corpus/*.yaml (taken from the Recognizers-Text specs; the
specs themselves are not needed here). One generic runner reads every example of every corpus
file: a positive must be read where written (a mention overlapping the surface, as the benchmark
pairs them) with its value, unit and qualifier, a negative must not
be read at all, a known gap is a strict xfail (it fails the suite the day it starts passing, so
its mark comes off).

The date connectives of Spanish ("22 de abril", "el 12 de enero", day-first "21/04/2016") are
data too: ``date_grammar`` in lang/es/dates.yaml, over the English defaults of the date rules.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

import pytest
import yaml

from factcheck.extract import extract
from factcheck.lang import LANG_DIR, lexicon

ES = LANG_DIR / "es"
CORPUS = sorted((ES / "corpus").glob("*.yaml"))



def _examples() -> List[Any]:
    params = []
    for path in CORPUS:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, ex in enumerate(doc["examples"]):
            marks = [pytest.mark.xfail(strict=True, reason=ex["gap"])] if ex.get("gap") else []
            params.append(pytest.param(doc["kind"], ex, marks=marks, id=f"{path.stem}-{i}-{ex['text'][:40]}"))
    return params


def _read(kind: str, ex: Dict[str, Any]):
    published = ex.get("published")
    return [m for m in extract(ex["text"], published=published, kinds=(kind,), lang="es") if m.kind == kind]


def _close(got: Any, want: float) -> bool:
    return isinstance(got, (int, float)) and abs(got - want) <= 1e-9 * max(1.0, abs(want))


def _agrees(mention, ex: Dict[str, Any]) -> bool:
    want, got = ex["value"], mention.value
    if isinstance(want, list):
        same = isinstance(got, (tuple, list)) and len(got) == len(want) and all(map(_close, got, want))
    else:
        same = _close(got, want) if isinstance(want, (int, float)) else str(got) == str(want)
    start = ex["text"].index(ex["surface"])
    overlaps = mention.start < start + len(ex["surface"]) and start < mention.end
    return (same and overlaps
            and ("unit" not in ex or mention.unit == ex["unit"])
            and ("qualifier" not in ex or mention.qualifier == ex["qualifier"]))


def _check(kind: str, ex: Dict[str, Any]) -> None:
    found = _read(kind, ex)
    shown = [(m.text, m.value, m.unit, m.qualifier) for m in found]
    if ex.get("none"):
        assert not found, f"{ex['text']!r}: nothing should be read, got {shown}"
        return
    assert any(_agrees(m, ex) for m in found), (
        f"{ex['text']!r}: expected {ex['surface']!r} = {ex['value']!r}"
        f"{' ' + ex['unit'] if ex.get('unit') else ''}{' [' + ex['qualifier'] + ']' if ex.get('qualifier') else ''},"
        f" got {shown}")


def test_the_spanish_folder_loads_and_is_spanish():
    lex = lexicon("es")
    assert lex.lang == "es"
    assert lex["months"]["abril"] == 4 and lex["weekdays"]["sábado"] == 5
    assert lex["date_relative_days"]["ayer"] == -1
    assert lex["number_scales"]["millones"] == 1_000_000
    assert "por ciento" in lex["percent_surfaces"]
    # English is untouched by the second folder: its own words, not Spanish ones.
    assert "abril" not in lexicon("en")["months"] and lexicon("en")["months"]["april"] == 4


def test_the_corpus_has_positives_negatives_and_gaps():
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["kind"] for p in CORPUS}
    examples = [ex for p in CORPUS for ex in yaml.safe_load(p.read_text(encoding="utf-8"))["examples"]]
    assert kinds == {"quantity", "date"}
    assert sum(1 for ex in examples if ex.get("none")) >= 5
    assert sum(1 for ex in examples if not ex.get("none") and not ex.get("gap")) >= 30
    assert all(ex["surface"] in ex["text"] for ex in examples if not ex.get("none"))


@pytest.mark.parametrize("kind, ex", _examples())
def test_spanish_example(kind, ex):
    _check(kind, ex)


def test_english_words_are_not_spanish_figures():
    """The Spanish folder reads Spanish: English number words and relative days are not read."""
    found = extract("Twenty people came yesterday, about three hundred left.", published="2016-11-07", lang="es")
    assert [m.text for m in found] == []


def test_the_same_text_in_english_is_read_by_the_english_folder():
    found = extract("More than 300 people came yesterday.", published=dt.date(2016, 11, 7))
    assert [(m.text, m.value, m.qualifier) for m in found if m.kind == "quantity"] == [("300", 300, "more than")]
    assert [m.value for m in found if m.kind == "date"] == ["2016-11-06"]


def test_english_dates_keep_their_own_grammar():
    """Spanish's connectives and day-first order stay in its folder: English reads month first."""
    assert [m.value for m in extract("volveré el 21/04/2016", kinds=("date",), lang="es")] == ["2016-04-21"]
    assert [m.value for m in extract("on 4/5/2016", kinds=("date",))] == ["2016-04-05"]
    assert [m.value for m in extract("on 21 of April 2016", kinds=("date",))] == ["2016-04-21"]
