import datetime as dt
import os

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
    with pytest.raises(ArticleError, match="latin1.txt:1: not UTF-8"):
        read_article(bad)
    with pytest.raises(ArticleError, match="missing.txt: cannot read"):
        read_article(tmp_path / "missing.txt")


def test_bad_front_matter_is_an_error():
    with pytest.raises(ArticleError, match="front matter"):
        article_from_text("---\npublished: [\n---\ntext", "a.md")


# --------------------------------------------------------------------------- odd files

from factcheck import extract  # noqa: E402

TEXT = "Seoul, Oct. 21\nAbout 1,500 troops were sent.\nKim said.\n"


def _figure_position(article):
    offset = article.text.index("1,500")
    [mention] = [m for m in extract(article.body) if m.kind == "quantity"]
    assert article.text[mention.start:mention.end] == "1,500"
    return article.position(offset)


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),          # UTF-8 with a BOM
    TEXT.encode("utf-16"),                              # UTF-16 with its BOM (little-endian here)
    b"\xfe\xff" + TEXT.encode("utf-16-be"),             # UTF-16 big-endian with a BOM
    TEXT.encode("utf-32"),
], ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be", "utf-32"])
def test_encodings_with_a_byte_order_mark_are_read(tmp_path, encoded):
    path = tmp_path / "a.txt"
    path.write_bytes(encoded)
    article = read_article(path)
    assert article.text == TEXT
    assert _figure_position(article) == (2, 7)


@pytest.mark.parametrize("ends", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_are_line_breaks(tmp_path, ends):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.replace("\n", ends).encode("utf-8"))
    article = read_article(path)
    assert _figure_position(article) == (2, 7)
    assert article.line_text(2) == "About 1,500 troops were sent."
    assert [article.text[s:e] for s, e in article.sentences][-1] == "Kim said."


def test_an_empty_file_is_an_article_with_nothing_in_it(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    article = read_article(tmp_path / "empty.txt")
    assert article.text == "" and extract(article.body) == []


@pytest.mark.parametrize("content, message", [
    ("caf\xe9\n1,500".encode("latin-1"), r"bad.txt:1: not UTF-8 text \(byte 3: b'\\xe9'\); re-save"),
    (b"line one\nline two \xff\xfe", r"bad.txt:2: not UTF-8"),
    (b"GIF89a\x00\x01\x02binary", r"bad.txt:1: holds NUL characters: a binary file"),
    (TEXT.encode("utf-16-le"), r"bad.txt:1: holds NUL characters: .*UTF-16 text without a byte-order mark"),
    (bytes(range(256)) * 4, r"bad.txt:\d+: not UTF-8"),
    (b"\xff\xfe\x00\xd8", r"bad.txt:1: not UTF-16 text"),      # a BOM, then a lone surrogate
], ids=["latin-1", "bad-byte-line-2", "nul", "utf-16-no-bom", "binary", "broken-utf-16"])
def test_bytes_that_are_not_text_are_a_clear_error(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(tmp_path / "bad.txt", "bad.txt")


def test_a_folder_named_like_an_article_is_an_error(tmp_path):
    (tmp_path / "story.txt").mkdir()
    with pytest.raises(ArticleError, match="story.txt: is a folder, not an article file"):
        read_article(tmp_path / "story.txt", "story.txt")


def test_a_broken_symlink_is_an_error_naming_its_target(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ArticleError, match=r"gone.txt: broken symbolic link \(it points to .*nowhere.txt"):
        read_article(link, "gone.txt")


@pytest.mark.parametrize("front, message", [
    ("published: 2024-13-45", r"a.md: front matter holds a value YAML cannot read \(month must be in 1..12\)"),
    ("title: x\npublished: [", r"a.md:4: front matter is not valid YAML"),
    ("a: " + "[" * 3000 + "]" * 3000, r"a.md.*front matter"),
    ("published: [1, 2]", r"a.md: published: not a date"),
    ("- just\n- a list", r"a.md: front matter must be a mapping"),
], ids=["bad-date", "broken-yaml", "deep", "published-list", "not-a-mapping"])
def test_bad_front_matter_is_an_error_not_a_traceback(front, message):
    with pytest.raises(ArticleError, match=message):
        article_from_text(f"---\n{front}\n---\nAbout 1,500 troops.\n", "a.md")


def test_long_lines_split_into_sentences_in_linear_time():
    """A 400,000-character line of abbreviations and full stops (each full stop used to search
    the whole line before it for an abbreviation)."""
    line = "Gen. Kim and Lt. Park met U.S. envoys. " * 10_000
    article = article_from_text(line)
    assert len(article.sentences) == 10_000
    assert article.sentence(len(line) - 5) == "Gen. Kim and Lt. Park met U.S. envoys."


def test_a_pipe_named_like_an_article_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="pipe.txt: is not a regular file"):
        read_article(fifo, "pipe.txt")


def test_an_article_over_the_size_limit_is_a_clear_error_not_a_long_wait(tmp_path):
    from factcheck.article import MAX_ARTICLE_BYTES, ArticleError, read_article

    path = tmp_path / "dump.txt"
    line = "About 1,500 soldiers were sent to Russia on Monday, officials said.\n"
    path.write_text(line * (MAX_ARTICLE_BYTES // len(line) + 1), encoding="utf-8")
    with pytest.raises(ArticleError, match=r"dump.txt: 4.0 MB is more than one article \(the limit is 4 MB\)"):
        read_article(path, "dump.txt")
    path.write_text(line * (MAX_ARTICLE_BYTES // len(line) - 1), encoding="utf-8")
    assert read_article(path, "dump.txt").text.startswith("About 1,500")
