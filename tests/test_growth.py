"""Extraction and claims are linear in the size of their input: a growth test, not a timed one.

For each pathological pattern the whole article stage (Article -> mentions -> claims, zones
included) is timed at sizes n and 4n in one process, best of three (interleaved; measured once more
before failing, so that a moment of load elsewhere does not fail it); 4x the text may take at
most ``MAX_GROWTH`` times as long (a linear stage takes about 4x, a quadratic one 16x). Each
n is chosen so that one run takes some 10-60 ms: long enough to measure, and past the sizes
where a figure's reading window (a few hundred characters either side) is still filling up.
Before the linear rewrite a line of 2 MB or 200,000 digits, or a 20 MB article, ran for
minutes; several of these patterns grew 10-17x.
"""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from factcheck.article import article_from_text
from factcheck.claims.build import build_claims
from factcheck.extract import extract
from factcheck.extract.text import LINE_CHARS

MAX_GROWTH = 8.0
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _news() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _news_article(n: int) -> str:
    return _repeat(_news() + "\n")(n)


def _news_line(n: int) -> str:
    return _repeat(" ".join(_news().split()) + " ")(n)


#: name -> (text of about n characters, n)
PATTERNS = {
    "digits": (_repeat("1"), 32000),
    "commas": (_repeat(","), 32000),
    "one-comma-one": (_repeat("1,"), 8000),
    "capitals": (_repeat("A "), 8000),
    "capitalised-words": (_repeat("Alpha "), 8000),
    "long-word": (_repeat("a"), 8000),
    "newlines": (_repeat("\n"), 32000),
    "more-than": (_repeat("more than "), 4000),
    "dates": (_repeat("October 21, 2024 "), 4000),
    "names": (_repeat("President Joe Biden said "), 4000),
    "figures-one-line": (_repeat("about 1,500 troops; "), 4000),
    "no-sentence-end": (_repeat("the 1,500 troops were sent by Kim Jong Un and "), 1600),
    "number-words": (_repeat("one hundred "), 1000),
    "number-words-long": (_repeat("one hundred "), 8000),      # past any denominator's reach
    "bare-figures": (_repeat("1 "), 4000),                     # every word a figure: measure cues
    "invisible": (_repeat("1\u200b500\u00a0troops Zelen\u00adsky\u202f"), 4000),
    "dots": (_repeat("."), 32000),
    "quotes": (_repeat('"“'), 16000),
    "parentheses": (_repeat("(["), 16000),
    "news-article": (_news_article, 8000),
    "news-one-line": (_news_line, 8000),
}


def _pipeline(text: str) -> int:
    article = article_from_text(text, "growth.txt")
    mentions = extract(article.body, published=article.published)
    return len(build_claims(article, mentions))


def _timed(text: str) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        _pipeline(text)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _growth(small: str, large: str) -> float:
    """Best of three of each size, the runs interleaved so that a busy machine slows both."""
    times = [(_timed(small), _timed(large)) for _ in range(3)]
    return min(t for _, t in times) / min(t for t, _ in times)


@pytest.fixture(scope="module", autouse=True)
def _warm():
    _pipeline(_news())      # lexicons and compiled patterns are built once, not timed


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(PATTERNS))
def test_four_times_the_text_takes_at_most_eight_times_as_long(name):
    make, n = PATTERNS[name]
    small, large = make(n), make(4 * n)
    assert len(large) >= 4 * len(small) - 4
    ratio = _growth(small, large)
    if ratio > MAX_GROWTH:
        ratio = min(ratio, _growth(small, large))   # once more: a quadratic cost fails both times
    assert ratio <= MAX_GROWTH, f"{name}: {n} -> {4 * n} characters took {ratio:.1f}x as long"


@pytest.mark.timeout(60)
def test_a_line_longer_than_the_cut_is_still_read_whole_where_it_matters():
    """An overlong line is read in pieces; figures and names away from the cuts are found, at
    their place in the text as written."""
    unit = "About 1,500 troops crossed on Oct. 21, 2024, Joe Biden said; "
    text = "Headline\n" + unit * (3 * LINE_CHARS // len(unit)) + "\nLast line: 2,000 soldiers.\n"
    mentions = extract(text)
    troops = [m for m in mentions if m.kind == "quantity" and m.value == 1500]
    assert len(troops) >= 3 * LINE_CHARS // len(unit) - 3
    assert any(m.value == 2000 for m in mentions)
    assert all(text[m.start:m.end] == m.text for m in mentions)
