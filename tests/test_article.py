import datetime as dt

import pytest

from factcheck.article import ArticleError, article_from_text, read_article


def test_date_header_sets_publication_and_is_masked(seeds_dir):
    article = read_article(seeds_dir / "000_116027c1a6d05336.txt")
    assert article.published == dt.date(2024, 10, 21)
    assert article.body.startswith(" " * 5)
    assert len(article.body) == len(article.text)


def test_dateline_line_in_markdown_sets_publication(seeds_dir):
    assert read_article(seeds_dir / "002_a69834a9abde83b1.txt").published == dt.date(2024, 10, 21)


def test_front_matter_is_read_and_offsets_kept():
    text = "---\npublished: 2024-10-21\noutlet: AFP\n---\nAbout 1,500 troops.\n"
    article = article_from_text(text, "a.md")
    assert (article.published, article.outlet) == (dt.date(2024, 10, 21), "AFP")
    offset = text.index("1,500")
    assert article.position(offset) == (5, 7)
    assert article.body[offset:offset + 5] == "1,500"


def test_metadata_from_facts_file_wins():
    article = article_from_text("date 2024-10-20 Text.", "a.txt", meta={"published": "2024-10-21"})
    assert article.published == dt.date(2024, 10, 21)


def test_sentences_do_not_break_after_abbreviations():
    article = article_from_text("Between Oct. 8 and Oct. 13, troops moved. U.N. resolutions apply. Kim said.")
    assert [article.text[s:e] for s, e in article.sentences] == [
        "Between Oct. 8 and Oct. 13, troops moved.", "U.N. resolutions apply.", "Kim said."]


def test_unreadable_article_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ArticleError, match="latin1.txt: not UTF-8"):
        read_article(bad)
    with pytest.raises(ArticleError, match="missing.txt: cannot read"):
        read_article(tmp_path / "missing.txt")


def test_bad_front_matter_is_an_error():
    with pytest.raises(ArticleError, match="front matter"):
        article_from_text("---\npublished: [\n---\ntext", "a.md")
