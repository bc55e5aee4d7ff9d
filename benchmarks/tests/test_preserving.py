"""Meaning-preserving rewrites: each keeps the value, date or person and only the writing changes."""
import pytest

from benchmarks.preserving import (
    candidate_rewrites, could_be_year, date_format_edit, in_digits, mid_sentence_title, reformat_date,
    separator_edit, spelled_out, synonym_edits, title_edits, with_separators, without_separators,
)
from factcheck.article import article_from_text
from factcheck.extract import extract
from factcheck.testing.mutate import find_edit, shared_values

TEXT = ("About 1,500 soldiers and 12 officers arrived on Nov. 17, 2016, and twelve more followed. "
        "Rep. Tim Ryan said 2,000 people and more than 400 vehicles came. Later Ryan left.")


def mentions(text=TEXT):
    return extract(text, published="2016-11-20")


def mention(text_, kind=None, text=TEXT):
    return next(m for m in mentions(text) if m.text == text_ and (kind is None or m.kind == kind))


def applied(edit, text=TEXT):
    return edit.apply(text) if edit else None


@pytest.mark.parametrize("number, dropped, added", [
    ("1,500", "1500", None), ("15000", None, "15,000"), ("2.5", None, None), ("120,000", "120000", None)])
def test_separators(number, dropped, added):
    assert without_separators(number) == dropped
    assert with_separators(number) == added


def test_separator_edit_leaves_year_like_counts_alone():
    assert applied(separator_edit(TEXT, mention("1,500"))) == find_edit(TEXT, "1,500", "1500").apply(TEXT)
    assert could_be_year("2,000", mention("2,000"))
    assert separator_edit(TEXT, mention("2,000")) is None


def test_small_numbers_between_digits_and_words():
    assert spelled_out(TEXT, mention("12")) == find_edit(TEXT, "12", "twelve")
    assert in_digits(TEXT, mention("twelve")) == find_edit(TEXT, "twelve", "12")
    assert spelled_out(TEXT, mention("1,500")) is None
    compound = "There is a two-in-three chance that we win."
    ratio = mention("two-in-three", text=compound)                          # one ratio, not two counts
    assert applied(in_digits(compound, ratio), compound) in (None, compound)  # never "two-in-3"


def test_spelled_out_capitalises_at_a_sentence_start():
    text = "They came. 12 officers arrived."
    assert applied(spelled_out(text, mention("12", text=text)), text) == "They came. Twelve officers arrived."


def test_qualifier_synonyms_keep_the_class_and_the_case():
    found = {applied(e)[:13] for e in synonym_edits(TEXT, mention("1,500"))}
    assert found == {"Around 1,500 ", "Some 1,500 so", "Roughly 1,500", "Approximately"}
    assert [applied(e).count("over 400") for e in synonym_edits(TEXT, mention("400"))] == [1]
    assert synonym_edits(TEXT, mention("12")) == []


@pytest.mark.parametrize("before, after", [
    ("Nov. 17, 2016", "17 November 2016"), ("17 November 2016", "November 17, 2016"),
    ("2016-11-17", "November 17, 2016"), ("Thursday, Nov. 17, 2016", "Thursday, 17 November 2016"),
    ("May 2", "2 May"), ("2 May", "May 2"), ("last week", None), ("November 2016", None)])
def test_reformat_date(before, after):
    assert reformat_date(before) == after


def test_date_format_edit_rewrites_the_mention():
    assert "on 17 November 2016," in applied(date_format_edit(TEXT, mention("Nov. 17, 2016", "date")))


def test_a_name_gets_the_title_its_article_gives_it():
    assert [applied(e)[-21:] for e in title_edits(TEXT, mention("Ryan"), mentions())] == ["Later Rep. Ryan left."]
    assert title_edits(TEXT, mention("Tim Ryan"), mentions()) == []       # titled already
    lohan = "Actress Lindsay Lohan checked in. The actress' lawyer and President Obama spoke."
    assert mid_sentence_title("Actress", True, lohan) == "actress"        # as the text writes it mid-sentence
    assert mid_sentence_title("President", True, lohan) == "President"
    assert mid_sentence_title("Singer", False, lohan) == "Singer"         # written mid-sentence: the writer's case


def test_candidates_are_only_what_another_article_reports():
    article = article_from_text(TEXT, "a.txt")
    other = mentions("Some 1,500 soldiers came. Tim Ryan spoke.")
    found = candidate_rewrites(article, mentions(), shared_values([other]))
    assert {k for k, v in found.items() if v} == {"separators", "qualifier-synonym", "title"}
