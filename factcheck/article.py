"""Reading an article: its text, its metadata, and where each offset sits.

An article's text is kept byte-for-byte as on disk so that every offset maps
to the user's file; metadata lines (front matter, a ``date`` header) are
masked with spaces in :attr:`Article.body` rather than removed, so offsets in
the body are offsets in the file.
"""
from __future__ import annotations

import bisect
import codecs
import datetime as dt
import os
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

    def line_start(self, offset: int) -> int:
        """Where the line holding ``offset`` starts."""
        return self._line_starts[bisect.bisect_right(self._line_starts, offset) - 1]

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

    @cached_property
    def _sentence_starts(self) -> Tuple[int, ...]:
        return tuple(s for s, _ in self.sentences)

    def sentence_span(self, offset: int) -> Tuple[int, int]:
        spans = self.sentences
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return (offset, offset)

    def sentence(self, offset: int) -> str:
        start, end = self.sentence_span(offset)
        return self.text[start:end]


@lru_cache(maxsize=None)
def _abbreviation_pattern() -> Tuple["re.Pattern[str]", int]:
    """The pattern of a known abbreviation (or an initial) ending at a full stop, and how far
    back it can reach (the longest abbreviation, and a character for the word boundary)."""
    words = sorted(lexicon("en")["abbreviations"], key=len, reverse=True)
    reach = max((len(w) for w in words), default=1) + 2
    return re.compile(r"(?:\b(?:" + "|".join(re.escape(w) for w in words) + r")|\b[A-Z])\.$"), reach


def split_sentences(text: str):
    """Sentence spans: a sentence ends at a blank/line break or at . ! ? before a capital.

    News text puts one paragraph per line, so line breaks are hard boundaries;
    a full stop after a known abbreviation ("Oct.", "U.N.") is not.
    """
    abbrev, reach = _abbreviation_pattern()
    for line in re.finditer(r"[^\n]+", text):
        seg_start = line.start()
        body = line.group()
        cursor = 0
        for m in re.finditer(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])", body):
            # (Only the characters an abbreviation can span are searched: a long line costs
            # no more per full stop than a short one. The search sees the characters before
            # ``pos`` for ``\b``, so the answer is that of searching the whole head.)
            if m.group().startswith(".") and abbrev.search(body, max(0, m.start() + 1 - reach), m.start() + 1):
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


#: Byte-order marks and the encodings they announce, longest first (UTF-32's starts like
#: UTF-16's). Without one an article must be UTF-8.
BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                    (codecs.BOM_UTF16_BE, "utf-16"))
#: A carriage return not followed by a line feed: an old Mac line end, read as a line break
#: (same length, so offsets, lines and columns are those an editor shows).
_LONE_CR = re.compile(r"\r(?!\n)")


#: The largest article file read. News articles are under 100 KB and crawled pages with their
#: furniture under 1 MB; reading is linear (about 4 s a MB on a busy 2-core machine), so a file
#: far above this is a dump of many articles that would hold a CI run for minutes.
MAX_ARTICLE_BYTES = 4 * 2 ** 20


def read_article(path: Path, display: Optional[str] = None, *,
                 published=None, meta: Optional[Mapping[str, object]] = None) -> Article:
    """Read one article. ``published``/``meta`` come from facts.yaml and win over the file's own.

    Whatever the file holds, the answer is an :class:`Article` or an :class:`ArticleError`
    whose message names the file and says what to do: UTF-8 (with or without a BOM) and
    UTF-16/32 with a BOM are read; CRLF and lone CR line ends are line breaks; an empty file
    is an article with nothing in it; other bytes, NUL bytes (a binary file), a folder and a
    broken symbolic link are errors."""
    display = display or str(path)
    raw = _read_bytes(Path(path), display)
    text = decode_article(raw, display)
    return article_from_text(text, display, published=published, meta=meta)


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        if path.is_symlink() and not path.exists():
            raise ArticleError(f"{display}: broken symbolic link (it points to {os.readlink(path)}, "
                               "which does not exist)")
        if path.is_dir():
            raise ArticleError(f"{display}: is a folder, not an article file")
        if path.exists() and not path.is_file():     # a pipe or a device would never end
            raise ArticleError(f"{display}: is not a regular file (a pipe, socket or device), not an article")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{display}: {size / 2 ** 20:.1f} MB is more than one article "
                               f"(the limit is {MAX_ARTICLE_BYTES // 2 ** 20} MB): split it into its articles")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{display}: cannot read article: {exc.strerror or exc}") from None


def decode_article(raw: bytes, display: str = "<bytes>") -> str:
    """An article file's text: UTF-8, or the encoding its byte-order mark names; lone CRs
    read as line breaks. ``ArticleError`` (saying where and what to do) otherwise."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            break
    else:
        mark, encoding = b"", "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        name = "UTF-8" if encoding == "utf-8" else encoding.upper().replace("-SIG", "")
        raise ArticleError(
            f"{display}:{line}: not {name} text (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); "
            "re-save the article as UTF-8") from None
    if encoding == "utf-16" or encoding == "utf-32":
        text = text.lstrip("\ufeff")
    nul = text.find("\x00")
    if nul != -1:
        line = text.count("\n", 0, nul) + 1
        raise ArticleError(
            f"{display}:{line}: holds NUL characters: a binary file, or UTF-16 text without a "
            "byte-order mark; an article must be text (re-save it as UTF-8)")
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def article_from_text(text: str, path: str = "<text>", *, published=None,
                      meta: Optional[Mapping[str, object]] = None) -> Article:
    found: dict = {}
    body_start = 0
    fm = FRONT_MATTER.match(text)
    if fm:
        try:
            data = yaml.safe_load(fm.group(1) or "") or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 2}" if mark is not None else path   # (line 1 is "---")
            raise ArticleError(f"{where}: front matter is not valid YAML: {exc}") from None
        except (ValueError, TypeError, OverflowError) as exc:   # "2024-13-45": a date YAML cannot build
            raise ArticleError(f"{path}: front matter holds a value YAML cannot read ({exc}); "
                               "quote it or correct it") from None
        except RecursionError:
            raise ArticleError(f"{path}: front matter is nested too deeply to read") from None
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
    except (ValueError, TypeError, OverflowError) as exc:
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
