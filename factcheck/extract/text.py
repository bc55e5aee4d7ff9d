"""The text the extractors read: invisible characters read through, overlong lines cut.

Two views of an article's text, each with a way back to the offsets as written:

* :class:`TextView` drops characters that render as nothing (a zero-width space inside
  "1\u200b500", a soft hyphen inside "Zelen\u00adsky", a BOM pasted mid-text) and reads the
  fixed-width spaces (NBSP, narrow NBSP, figure and thin spaces) as plain spaces, so every
  extractor sees "1500" / "1 500" / "Zelensky" without knowing about them; offsets found in
  the view map back so that ``text[start:end]`` is still the text as written.
* :func:`split_long_lines` cuts lines longer than :data:`LINE_CHARS` into pieces read one
  by one, so no extractor ever works on an unbounded stretch of text: whatever an
  extractor's cost on one line, the cost of an article stays proportional to its length.

These are Unicode facts, not English: they stay here rather than in ``lang/``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import List, Sequence, Tuple

#: Characters that render as nothing: zero-width space, non-joiner, joiner, word joiner,
#: soft hyphen, BOM / zero-width no-break space. Read through (removed from the view).
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
#: Fixed-width spaces: no-break, narrow no-break, figure and thin space. Read as " " (so
#: "1\u00a0500" reads as the space-grouped "1 500" does).
SPACES = "\u00a0\u202f\u2007\u2009"

#: The longest line the extractors read in one go. A longer line (no real article line comes
#: near it: the longest in the shared corpora is about 12,600 characters, page furniture
#: glued together; the body of a news line is rarely over 3,000) is cut into pieces of at most this many characters, at a
#: sentence end if one lies in the piece's second half, else at a space, else anywhere; each
#: piece is read on its own (a figure or name across a cut may be missed or split).
LINE_CHARS = 16384

_INVISIBLE_RUN = re.compile("[" + INVISIBLE + "]+")
_SPACE_MAP = str.maketrans({c: " " for c in SPACES})
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


@dataclass(frozen=True)
class TextView:
    """``text`` as the extractors read it, and the way back to ``original``'s offsets.

    ``keys[i]`` is a view offset before which ``shifts[i]`` characters in all have been
    dropped: a view offset ``p`` sits at ``p + shifts[bisect_right(keys, p) - 1]``.
    """

    original: str
    text: str
    keys: Tuple[int, ...] = ()
    shifts: Tuple[int, ...] = ()

    @classmethod
    def of(cls, original: str) -> "TextView":
        """The extractors' view: invisible characters dropped, fixed-width spaces made plain."""
        view = cls.dropping(original, [(m.start(), m.end()) for m in _INVISIBLE_RUN.finditer(original)])
        if any(c in view.text for c in SPACES):
            view = cls(original, view.text.translate(_SPACE_MAP), view.keys, view.shifts)
        return view

    @classmethod
    def dropping(cls, original: str, runs: Sequence[Tuple[int, int]]) -> "TextView":
        """``original`` without the (start, end) ``runs`` (in order, not overlapping)."""
        if not runs:
            return cls(original, original)
        keys: List[int] = []
        shifts: List[int] = []
        parts: List[str] = []
        dropped, cursor = 0, 0
        for start, end in runs:
            parts.append(original[cursor:start])
            keys.append(start - dropped)
            dropped += end - start
            shifts.append(dropped)
            cursor = end
        parts.append(original[cursor:])
        return cls(original, "".join(parts), tuple(keys), tuple(shifts))

    @property
    def identity(self) -> bool:
        return self.text is self.original

    def start(self, offset: int) -> int:
        """The original offset of the character at view ``offset`` (invisible ones before it skipped)."""
        i = bisect.bisect_right(self.keys, offset)
        return offset + (self.shifts[i - 1] if i else 0)

    def end(self, offset: int) -> int:
        """The original end of a span ending at view ``offset`` (invisible ones after it left out)."""
        return self.start(offset - 1) + 1 if offset > 0 else 0


@dataclass(frozen=True)
class Piece:
    """A stretch of an overlong line, read on its own. ``cut_before``/``cut_after``: it was
    cut from its neighbour inside a word (no space to cut at), so what touches that edge is
    only part of something longer (a run of 200,000 digits is not a 16,384-digit figure)."""

    offset: int
    text: str
    cut_before: bool = False
    cut_after: bool = False

    def whole(self, start: int, end: int) -> bool:
        """Whether a span of the piece is not cut off by one of its edges."""
        return not ((self.cut_before and start == 0) or (self.cut_after and end == len(self.text)))


def split_long_lines(text: str, limit: int = LINE_CHARS) -> Tuple[TextView, Sequence[Piece]]:
    """``text`` without its lines longer than ``limit`` (a view whose offsets map back; each
    such line leaves its line break), and those lines' pieces, each at most ``limit`` long."""
    if len(text) <= limit:
        return TextView(text, text), ()
    runs: List[Tuple[int, int]] = []
    pieces: List[Piece] = []
    line_start = 0
    while True:
        newline = text.find("\n", line_start)
        line_end = len(text) if newline == -1 else newline
        if line_end - line_start > limit:
            runs.append((line_start, line_end))
            pieces.extend(_pieces(text, line_start, line_end, limit))
        if newline == -1:
            break
        line_start = newline + 1
    return TextView.dropping(text, runs), pieces


def _pieces(text: str, start: int, end: int, limit: int):
    hard_before = False
    while end - start > limit:
        cut = _cut(text, start, start + limit)
        hard = not (text[cut - 1].isspace() or text[cut].isspace())
        yield Piece(start, text[start:cut], hard_before, hard)
        start, hard_before = cut, hard
    if end > start:
        yield Piece(start, text[start:end], hard_before, False)


def _cut(text: str, start: int, hard: int) -> int:
    """Where a piece starting at ``start`` ends: after the last sentence end in its second
    half, else after its last space there, else at ``hard``."""
    half = start + (hard - start) // 2
    last = None
    for m in _SENTENCE_END.finditer(text, half, hard):
        last = m.end()
    if last is not None:
        return last
    space = max(text.rfind(" ", half, hard), text.rfind("\t", half, hard))
    return space + 1 if space != -1 else hard
