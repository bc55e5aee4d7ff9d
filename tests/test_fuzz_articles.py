"""Fuzzing the article pipeline: bytes on disk -> Article -> mentions -> claims.

Whatever a file holds, reading it gives an Article or an ArticleError (never another
exception), every mention's ``text[start:end]`` is its surface as written, nothing is
written into the folder the article sits in, and no example hangs (a hard timeout per test,
pytest-timeout). Invisible characters inside a figure, a date or a name are read through.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factcheck.article import ArticleError, read_article
from factcheck.claims.build import build_claims
from factcheck.extract import extract
from factcheck.extract.text import INVISIBLE, LINE_CHARS, SPACES

#: A figure costs about a millisecond to read (its phrase, up to 300 characters either side, is
#: read for its measure and its event): a run of 1,500 figures takes some 2 s, hence the deadline.
FUZZ = settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
#: Pieces pathological text is made of: runs of digits, commas, capitals, invisible
#: characters, number words, qualifiers, dates and names, and line ends of every kind.
TOKENS = ["1", "0", "9", ",", ".", " ", "A", "K", "Kim", "Jong", "Un", "President", "said",
          "more than", "about", "one", "hundred", "thousand", "$", "%", "km", "-", "to", "and",
          "October", "Oct.", "21", "2024", "Monday", "last", "week", "\n", "\r\n", "\r", '"', "“",
          "”", "(", ")", "[", "]", "—", "troops", "killed", "\t", "\x00", "é", "ß", "İ", "😀",
          *INVISIBLE, *SPACES]


def _snapshot(folder: Path):
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


def _run(raw: bytes, name: str = "article.txt"):
    """The pipeline on ``raw`` as a file; asserts the invariants; the claims (or None)."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / name
        path.write_bytes(raw)
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
        before = _snapshot(folder)
        try:
            article = read_article(path, name)
        except ArticleError as exc:
            assert str(exc).startswith(name), exc      # the message names the file
            assert _snapshot(folder) == before
            return None
        mentions = extract(article.body, published=article.published)
        claims = build_claims(article, mentions)
        assert _snapshot(folder) == before
    text = article.text
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert text[m.start] not in INVISIBLE and text[m.end - 1] not in INVISIBLE
        line, column = article.position(m.start)
        assert article.line_text(line)[column - 1:].startswith(m.text.split("\n")[0].rstrip("\r"))
    assert [c.mention for c in claims] == mentions
    return mentions


_pathological = st.lists(st.sampled_from(TOKENS), max_size=400).map("".join)
_runs = st.tuples(st.sampled_from(["1", ",", "1,", "A ", "Kim ", "more than ", "\u200b", "1\u00a0", "\n"]),
                  st.integers(1, 1500)).map(lambda t: t[0] * t[1])


@pytest.mark.timeout(60)
@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(raw):
    _run(raw)


@pytest.mark.timeout(60)
@FUZZ
@given(st.text(max_size=2000))
def test_any_text_as_utf8(text):
    _run(text.encode("utf-8", "surrogatepass"))


@pytest.mark.timeout(60)
@FUZZ
@given(st.lists(st.one_of(_pathological, _runs), min_size=1, max_size=6).map("".join),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_pathological_text_in_any_announced_encoding(text, encoding):
    raw = text.encode(encoding, "surrogatepass")
    mentions = _run(raw)
    if "\x00" not in text:
        assert mentions is not None, "text with a BOM (or plain UTF-8) without NUL is read"


@pytest.mark.timeout(60)
@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["1", "1,", "A", "A ", ",", "\u200b", "more than ", "Oct. 21, 2024 ", "a" * 20 + " 1 "]),
       st.integers(LINE_CHARS + 1, 3 * LINE_CHARS))
def test_lines_longer_than_the_cut(unit, size):
    """(Not a line of bare figures "1 1 1 ...": at a millisecond a figure, 8,000 of them take
    10 s; tests/test_growth.py shows that they cost what their number says.)"""
    line = (unit * (size // len(unit) + 1))[:size]
    _run(("About 1,500 troops.\n" + line + "\nKim Jong Un said on Monday.\n").encode("utf-8"))


# --------------------------------------------------------------------------- invisible characters

def _values(text):
    return [(m.kind, m.value, m.unit, m.qualifier) for m in extract(text, published="2024-10-21")]


@pytest.mark.timeout(60)
@FUZZ
@given(st.lists(st.sampled_from(TOKENS[:-len(INVISIBLE) - len(SPACES)]), max_size=60).map("".join),
       st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(INVISIBLE)), max_size=8))
def test_invisible_characters_change_nothing_but_offsets(text, inserts):
    """Zero-width characters, soft hyphens and BOMs are read through anywhere: the same
    mentions with the same values, each one's text still the text as written."""
    written = text
    for at, char in sorted(inserts, reverse=True):
        at %= len(written) + 1
        written = written[:at] + char + written[at:]
    assert _values(written) == _values(text)
    for m in extract(written, published="2024-10-21"):
        assert written[m.start:m.end] == m.text


@pytest.mark.timeout(60)
@FUZZ
@given(st.lists(st.sampled_from(TOKENS[:-len(INVISIBLE) - len(SPACES)]), max_size=60).map("".join),
       st.sampled_from(SPACES))
def test_fixed_width_spaces_read_as_spaces(text, space):
    assert _values(text.replace(" ", space)) == _values(text)


@pytest.mark.parametrize("text, value", [
    ("1\u200b500 troops were sent", 1500),
    ("1,\u200b500 troops were sent", 1500),
    ("1\u00a0500 troops were sent", 1500),
    ("1\u202f500 troops were sent", 1500),
    ("1\u2007500 troops were sent", 1500),
    ("1\u2009500 troops were sent", 1500),
    ("1\u00ad500 troops were sent", 1500),
    ("1\u2060500 troops were sent", 1500),
    ("1\ufeff500 troops were sent", 1500),
    ("about 13\u200c000 containers", 13000),
    ("$2.5\u200bbn in aid", 2.5e9),
    ("15\u200d%", 15),
])
def test_invisible_characters_inside_a_figure(text, value):
    [m] = [m for m in extract(text) if m.kind == "quantity"]
    assert m.value == pytest.approx(value)
    assert text[m.start:m.end] == m.text
    assert m.text[0].isdigit() or m.text[0] == "$"


# --------------------------------------------------------------------------- linear rewrites, same answers

_QUOTY = st.lists(st.sampled_from(['"', "“", "”", "«", "»", "a", " ", "\n", "1"]), max_size=80).map("".join)


@pytest.mark.timeout(60)
@FUZZ
@given(_QUOTY, st.lists(st.integers(0, 80), max_size=12))
def test_quotes_counted_once_per_line_answer_as_counting_each_time(text, offsets):
    from factcheck.claims.events import QuotationScanner, in_quotation

    scanner = QuotationScanner(text)
    for offset in sorted(o % (len(text) + 1) for o in offsets):
        assert scanner.at(offset) == in_quotation(text, offset)


@pytest.mark.timeout(60)
@FUZZ
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "a", " ", "](", "[x](y)"]), max_size=40).map("".join))
def test_markdown_links_removed_in_one_pass_as_by_the_pattern(text):
    from factcheck.claims.zones import _MARKDOWN_LINK, _unlinked

    assert _unlinked(text) == _MARKDOWN_LINK.sub(r"\1", text)
