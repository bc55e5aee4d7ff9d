"""Whether a claim is about the story's own event or a background one.

A figure's own phrase (the stretch between commas, semicolons and dashes, plus a short
introductory phrase before it and the phrase a "when"/"where" clause hangs on) decides:
a date in it that lies well before the source's publication ("in 2015", "since 2004",
"last November", "Sept. 11, 2001"), or a background cue ("since", "previous", "the worst
since", ``lang/<code>/measures.yaml`` ``event_background_cues``), makes the claim background.
A date is background itself when it ends well before its source's publication.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

import regex

from factcheck.periods import safe_period
from factcheck.lang import lexicon
from factcheck.mention import Mention

from .measures import _WORD, stem

#: Where a figure's phrase ends. A full stop ends it only before a capital or the line end, so
#: "Nov. 13" and "U.S. citizens" stay inside one phrase.
_SEGMENT_END = regex.compile(r"[,;:!?()\[\]—–]|\.(?=\s+[\p{Lu}\"“]|\s*$)|\s-\s|\n")


@dataclass(frozen=True)
class EventSettings:
    """background_days: a date that ends more than this many days before its source's
    publication is about another time (a story's own event is reported within days; 30 leaves
    room for a follow-up weeks later while "in February" in an April story, "last November"
    or "in 2015" stay background).
    old_year_gap: a year written anywhere in a figure's sentence, at least this many years
        before publication ("the 2004 tsunami that killed 170,000" in a 2013 story), makes the
        figure background; 2 keeps "in 2016" in a January 2017 story the story's own.
    intro_words: a phrase before the figure's own of at most this many words ("In 2012, 12
    people were killed") is read with it."""

    background_days: int = 30
    intro_words: int = 4
    old_year_gap: int = 2
    lang: str = "en"


DEFAULT_EVENT_SETTINGS = EventSettings()


@dataclass(frozen=True)
class EventReading:
    event: str                 # "own" | "background"
    cue: Optional[str] = None  # what made it background, as written
    reason: Optional[str] = None  # "old" (a date long before publication), "cue" (a background
                                  # word), "dated" (an old date in the figure's phrase)


def _segments(text: str, offset: int) -> Tuple[int, int, int]:
    """(start of the previous segment, start, end) of the segment holding ``offset``."""
    lo = max(0, offset - 400)
    ends = [m.end() for m in _SEGMENT_END.finditer(text, lo, offset)]
    start = ends[-1] if ends else lo
    previous = ends[-2] if len(ends) > 1 else lo
    after = _SEGMENT_END.search(text, offset, min(len(text), offset + 400))
    return previous, start, after.start() if after else min(len(text), offset + 400)


@lru_cache(maxsize=None)
def _cues(lang: str, key: str = "event_background_cues") -> Tuple[Tuple[str, ...], ...]:
    return tuple(tuple(stem(w, lang) for w in _WORD.findall(str(c)))
                 for c in lexicon(lang).get(key) or ())


@lru_cache(maxsize=None)
def _hinge_words(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("event_relative_hinges") or ())


@lru_cache(maxsize=None)
def _cues_by_first(lang: str, key: str):
    index: dict = {}
    for cue in _cues(lang, key):
        if cue:
            index.setdefault(cue[0], []).append(cue)
    return index


def _cue_in(text: str, start: int, end: int, lang: str, key: str = "event_background_cues") -> Optional[str]:
    words = [(m.group(), stem(m.group(), lang)) for m in _WORD.finditer(text, start, end)]
    stems = [s for _, s in words]
    index = _cues_by_first(lang, key)
    for i, first in enumerate(stems):
        for cue in index.get(first, ()):
            if tuple(stems[i:i + len(cue)]) == cue:
                return " ".join(w for w, _ in words[i:i + len(cue)])
    return None


def _past_read_as_future(text: str, mention: Mention, published: Optional[dt.date],
                         sentence: Tuple[int, int], settings: EventSettings,
                         context: Optional["EventContext"] = None) -> bool:
    """A date without a year resolved weeks after publication in a sentence that does not
    speak of the future ("the Nov. 13 Paris attacks that killed 130" in July): a past event,
    of another year, not the story's."""
    if published is None or mention.value is None or mention.expr is None or mention.expr.year is not None:
        return False
    period = safe_period(mention.value)
    if period is None or (period.start - published).days <= settings.background_days:
        return False
    if context is not None:
        return not context.future_cue(sentence)
    return not _future_cue(text, sentence, settings.lang)


def _future_cue(text: str, sentence: Tuple[int, int], lang: str) -> bool:
    cues = _words_of(lang, "cross_future_cues")
    return any(w.lower() in cues for w in _WORD.findall(text[sentence[0]:sentence[1]]))


def old_date(mention: Mention, published: Optional[dt.date], settings: EventSettings) -> bool:
    """A resolved date ending more than ``background_days`` before publication."""
    if published is None or mention.kind != "date" or mention.value is None:
        return False
    period = safe_period(mention.value)
    if period is None:
        return False
    end = period.end
    part = mention.expr.part if mention.expr is not None else None
    if part and period.granularity in ("month", "year"):
        # "early March" ends well before the month does: a third of the period for each part.
        third = (period.end - period.start) / 3
        end = {"early": period.start + third, "beginning": period.start + third,
               "mid": period.start + 2 * third}.get(part, period.end)
    return (published - end).days > settings.background_days


_YEAR = regex.compile(r"(?<![\d,.$€£-])(1[89]\d\d|20\d\d)(?![\d,.]\d|\s*(?:%|percent|per cent))")


class EventContext:
    """What :func:`read_event` asks of an article's sentences, asked once per sentence.

    A sentence's answers (its opening phrase, its old years, its background cue, its dates
    read as a future that is past) do not depend on which figure of it is read; memoising
    them, and finding dates by bisection, keeps reading every figure of an article linear in
    its length (a 2 MB line without a full stop is one sentence holding every figure).
    The answers are the same as without it.
    """

    def __init__(self, text: str, dates: Sequence[Mention], published: Optional[dt.date],
                 settings: EventSettings = DEFAULT_EVENT_SETTINGS):
        self.text, self.published, self.settings = text, published, settings
        self.dates = list(dates)
        self.starts = [d.start for d in self.dates]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self._memo: dict = {}      # (question, its arguments) -> answer

    def dates_from(self, lo: int, hi: int) -> Sequence[Mention]:
        """The dates starting in [lo, hi), in the order given."""
        if not self.ordered:
            return [d for d in self.dates if lo <= d.start < hi]
        return self.dates[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def _once(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def future_cue(self, sentence: Tuple[int, int]) -> bool:
        return self._once((self.future_cue, sentence), lambda: _future_cue(self.text, sentence, self.settings.lang))

    def past_dates(self, sentence: Tuple[int, int]) -> Sequence[Mention]:
        """The sentence's dates without a year that read as weeks after publication."""
        return self._once((self.past_dates, sentence), lambda: [
            d for d in self.dates_from(*sentence)
            if _past_read_as_future(self.text, d, self.published, sentence, self.settings, self)])

    def opening(self, sentence: Tuple[int, int]):
        """(end of the sentence's opening phrase, its word count), or None."""
        def compute():
            end = _SEGMENT_END.search(self.text, sentence[0], sentence[1])
            if end is None:
                return None
            return end.start(), len(_WORD.findall(self.text[sentence[0]:end.start()]))
        return self._once((self.opening, sentence), compute)

    def cue(self, start: int, end: int) -> Optional[str]:
        return self._once((self.cue, start, end), lambda: _cue_in(self.text, start, end, self.settings.lang))

    def old_years(self, sentence: Tuple[int, int]):
        """Every year in the sentence old enough to make a figure background: (start, year)."""
        def compute():
            if self.published is None:
                return ()
            limit = self.published.year - self.settings.old_year_gap + 1
            return tuple((m.start(), m.group(1)) for m in _YEAR.finditer(self.text, *sentence)
                         if int(m.group(1)) < limit)
        return self._once((self.old_years, sentence), compute)


def read_event(text: str, mention: Mention, dates: Sequence[Mention], published: Optional[dt.date],
               settings: EventSettings = DEFAULT_EVENT_SETTINGS,
               sentence: Optional[Tuple[int, int]] = None,
               context: Optional[EventContext] = None) -> EventReading:
    """Own or background, for one mention; ``dates`` are the article's date mentions,
    ``published`` the day its source was published (or the story's, when unknown);
    ``context`` (built once per article from the same text, dates, published day and
    settings) makes reading all of an article's mentions linear; the answer is the same.

    Read, in order: a date long before publication is old; the figure's own phrase (with a
    short introductory phrase, or the phrase a "when" clause hangs on) holding a background
    cue or an old date; the sentence opening with one ("In 2010, ...", "Meanwhile, ..."); a
    sentence naming a year at least ``old_year_gap`` before publication.
    """
    ctx = context if context is not None else EventContext(text, dates, published, settings)
    if mention.kind == "date" and old_date(mention, published, settings):
        return EventReading("background", mention.text, "old")
    if mention.kind == "date" and sentence is not None and _past_read_as_future(text, mention, published,
                                                                               sentence, settings, ctx):
        return EventReading("background", mention.text, "dated")
    if mention.kind == "date":
        other = _cue_in(text, max(0, mention.start - 40), mention.start, settings.lang, "event_other_cues")
        if other:
            return EventReading("background", other, "cue")     # "another robbery on Sunday"
    previous, start, end = _segments(text, mention.start)
    head = text[start:mention.start].strip().lower()
    first_word = head.split()[0] if head.split() else ""
    prev_words = len(_WORD.findall(text[previous:start]))
    if first_word in _hinge_words(settings.lang) or (0 < prev_words <= settings.intro_words):
        start = previous
    cue = _cue_in(text, start, end, settings.lang)
    if cue:
        return EventReading("background", cue, "cue")
    for date in ctx.dates_from(start, end):
        if date is not mention and old_date(date, published, settings):
            return EventReading("background", date.text, "dated")
    if sentence is not None:
        for date in ctx.past_dates(sentence):
            if date is not mention:
                return EventReading("background", date.text, "dated")
        opening_end = ctx.opening(sentence)
        if opening_end is not None and opening_end[0] < mention.start \
                and opening_end[1] <= settings.intro_words:
            opening = (sentence[0], opening_end[0])
            cue = ctx.cue(*opening)
            if cue:
                return EventReading("background", cue, "cue")
            for date in ctx.dates_from(*opening):
                if date is not mention and old_date(date, published, settings):
                    return EventReading("background", date.text, "dated")
        year = next((y for at, y in ctx.old_years(sentence) if not mention.start <= at < mention.end), None)
        if year:
            return EventReading("background", year, "dated")
        cue = ctx.cue(*sentence) if mention.kind == "quantity" else None
        if cue:
            return EventReading("background", cue, "cue")
    return EventReading("own")


# --------------------------------------------------------------------------- dates

@lru_cache(maxsize=None)
def _words_of(lang: str, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get(key) or ())


def date_role(text: str, mention: Mention, lang: str = "en", reach: int = 8,
              line_start: Optional[int] = None) -> str:
    """"report" when the date dates a statement ("police said Wednesday", "told a news
    conference Tuesday", "Friday said"), else "event". A reporting verb counts within
    ``reach`` words before the date (no comma between) or as the word right after it.
    ``line_start`` (where the date's line starts, when the caller knows) saves a search."""
    verbs = _words_of(lang, "cross_reporting_verbs")
    links = _words_of(lang, "cross_report_date_links") | _words_of(lang, "event_report_nouns")
    nouns = _words_of(lang, "event_report_nouns")
    if line_start is None:
        line_start = text.rfind("\n", 0, mention.start) + 1
    before = _last_words(text, line_start, mention.start, reach)
    # Walk back from the date over link words, communication nouns ("in a statement") and
    # names ("told German ARD television"); a reporting verb reached that way dates a statement.
    for word in reversed(before):
        low = word.lower()
        if low in verbs:
            return "report"
        if low in nouns and before[-3:].count(word):
            return "report"        # "in an interview Tuesday", "in a statement Monday"
        if low in links or low in ("a", "an", "the", "his", "her", "its", "their") or word[:1].isupper():
            continue
        break
    after = mention.end
    while after < len(text) and text[after].isspace():
        after += 1
    following = _WORD.match(text, after)
    if following and following.group().lower() in verbs:
        return "report"
    return "event"


def _last_words(text: str, line_start: int, offset: int, reach: int) -> List[str]:
    """The last ``reach`` words between the line's last comma before ``offset`` (or the line
    start) and ``offset``, reading back only as far as they need (a long line costs nothing)."""
    size = 256
    while True:
        lo = max(line_start, offset - size)
        comma = text.rfind(",", lo, offset)
        if comma != -1:
            return _WORD.findall(text, comma + 1, offset)[-reach:]
        words = _WORD.findall(text, lo, offset)
        if lo == line_start or len(words) > reach:   # (the first word may be cut: not among the last)
            return words[-reach:]
        size *= 4


_QUOTES_OPEN, _QUOTES_CLOSE = "“«", "”»"
_CURLY_QUOTE = regex.compile("[" + _QUOTES_OPEN + _QUOTES_CLOSE + "]")


class QuotationScanner:
    """:func:`in_quotation` for many offsets of one text, in increasing order: each line's
    quotes are counted once, carrying on from the previous offset on the same line."""

    def __init__(self, text: str):
        self.text = text
        self._state = (-1, 0, 0, 0)      # line start, counted up to, curly depth, straight quotes

    def at(self, offset: int, line_start: Optional[int] = None) -> bool:
        text = self.text
        if line_start is None:
            line_start = text.rfind("\n", 0, offset) + 1
        line, pos, depth, straight = self._state
        if line != line_start or offset < pos:
            pos, depth, straight = line_start, 0, 0
        for m in _CURLY_QUOTE.finditer(text, pos, offset):
            depth = depth + 1 if m.group() in _QUOTES_OPEN else max(0, depth - 1)
        straight += text.count('"', pos, offset)
        self._state = (line_start, offset, depth, straight)
        return depth > 0 or straight % 2 == 1


def in_quotation(text: str, offset: int) -> bool:
    """Is ``offset`` inside a direct quotation on its line (curly or straight quotes)?
    A relative date there ("today it was incredible") is the speaker's, not the dateline's."""
    line_start = text.rfind("\n", 0, offset) + 1
    head = text[line_start:offset]
    depth = 0
    for ch in head:
        if ch in _QUOTES_OPEN:
            depth += 1
        elif ch in _QUOTES_CLOSE:
            depth = max(0, depth - 1)
    straight = head.count('"') % 2 == 1
    return depth > 0 or straight
