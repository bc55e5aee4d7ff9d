"""Reading an article: its text, its metadata, and where each offset sits.

An article's text is kept byte-for-byte as on disk so that every offset maps
to the user's file; metadata lines (front matter, a ``date`` header) are
masked with spaces in :attr:`Article.body` rather than removed, so offsets in
the body are offsets in the file.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Mapping, Optional, Tuple

import yaml

from .claims.time import Moment, parse_moment
from .lang import lexicon


class ArticleError(Exception):
    """An article could not be read; the message says which and why."""


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
DATE_HEADER = re.compile(r"\A\s*date[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})\b", re.I)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
META_KEYS = ("published", "outlet", "title", "url")


def parse_date(value) -> Optional[dt.date]:
    """A publication date (the day of a date or date-time) from YAML or text; ``None`` passes."""
    moment = parse_moment(value)
    return None if moment is None else moment.day


@dataclass(frozen=True)
class Article:
    path: str                      # as the user names it (relative to the facts file or cwd)
    text: str                      # the file's text, unchanged
    published: Optional[dt.date] = None   # the day dates are resolved against
    outlet: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    body_start: int = 0            # text before this offset is metadata, not prose
    meta: Mapping[str, object] = field(default_factory=dict, compare=False)
    published_at: Optional[Moment] = None  # the publication moment, for ordering sources

    @cached_property
    def body(self) -> str:
        """The text with metadata masked by spaces: same length, same offsets."""
        head = re.sub(r"[^\n]", " ", self.text[: self.body_start])
        return head + self.text[self.body_start:]

    @cached_property
    def _line_starts(self) -> Tuple[int, ...]:
        starts = [0]
        for m in re.finditer("\n", self.text):
            starts.append(m.end())
        return tuple(starts)

    def position(self, offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        begin = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r")

    @cached_property
    def sentences(self) -> Tuple[Tuple[int, int], ...]:
        return tuple(split_sentences(self.body))

    def sentence_span(self, offset: int) -> Tuple[int, int]:
        spans = self.sentences
        starts = [s for s, _ in spans]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return (offset, offset)

    def sentence(self, offset: int) -> str:
        start, end = self.sentence_span(offset)
        return self.text[start:end]


@lru_cache(maxsize=None)
def _abbreviation_pattern() -> "re.Pattern[str]":
    words = sorted(lexicon("en")["abbreviations"], key=len, reverse=True)
    return re.compile(r"(?:\b(?:" + "|".join(re.escape(w) for w in words) + r")|\b[A-Z])\.$")


def split_sentences(text: str):
    """Sentence spans: a sentence ends at a blank/line break or at . ! ? before a capital.

    News text puts one paragraph per line, so line breaks are hard boundaries;
    a full stop after a known abbreviation ("Oct.", "U.N.") is not.
    """
    abbrev = _abbreviation_pattern()
    for line in re.finditer(r"[^\n]+", text):
        seg_start = line.start()
        body = line.group()
        cursor = 0
        for m in re.finditer(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])", body):
            if m.group().startswith(".") and abbrev.search(body[: m.start() + 1]):
                continue
            end = m.end()
            yield from _trimmed(text, seg_start + cursor, seg_start + end)
            cursor = end
        yield from _trimmed(text, seg_start + cursor, line.end())


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)


def read_article(path: Path, display: Optional[str] = None, *,
                 published=None, meta: Optional[Mapping[str, object]] = None) -> Article:
    """Read one article. ``published``/``meta`` come from facts.yaml and win over the file's own."""
    display = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ArticleError(f"{display}: cannot read article: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{display}: not UTF-8 text (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); "
            "re-save the article as UTF-8") from None
    return article_from_text(text, display, published=published, meta=meta)


def article_from_text(text: str, path: str = "<text>", *, published=None,
                      meta: Optional[Mapping[str, object]] = None) -> Article:
    found: dict = {}
    body_start = 0
    fm = FRONT_MATTER.match(text)
    if fm:
        try:
            data = yaml.safe_load(fm.group(1) or "") or {}
        except yaml.YAMLError as exc:
            raise ArticleError(f"{path}: front matter is not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise ArticleError(f"{path}: front matter must be a mapping of keys to values")
        found.update(data)
        body_start = fm.end()
    else:
        header = DATE_HEADER.match(text)
        if header:
            found["published"] = header.group(1)
            body_start = header.end()
    for key, value in (meta or {}).items():
        if value is not None:
            found[key] = value
    if published is not None and "published" not in (meta or {}):
        found.setdefault("published", published)
    try:
        moment = parse_moment(found.get("published"))
    except ValueError as exc:
        raise ArticleError(f"{path}: published: {exc}") from None
    pub = moment.day if moment else find_dateline(text[body_start:])
    if moment is None and pub is not None:
        moment = Moment(pub)
    return Article(
        path=path, text=text, published=pub, published_at=moment,
        outlet=_str(found.get("outlet")), title=_str(found.get("title")), url=_str(found.get("url")),
        body_start=body_start, meta=dict(found),
    )


def _str(value) -> Optional[str]:
    return None if value is None else str(value)


_MONTHS = ("january february march april may june july august september october november december").split()
DATELINE = re.compile(
    r"^\s*(?:[*_]*)(" + "|".join(m.capitalize() for m in _MONTHS) + r")\.?\s+(\d{1,2}),\s+(\d{4})(?:[*_]*)\s*$",
    re.M)


def find_dateline(text: str) -> Optional[dt.date]:
    """A line holding nothing but a full date near the top ("October 21, 2024") is the dateline."""
    head = "\n".join(text.splitlines()[:12])
    m = DATELINE.search(head)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)))
    except ValueError:
        return None
