"""Whether a claim is about the story's own event or a background one.

A figure's own phrase (the stretch between commas, semicolons and dashes, plus a short
introductory phrase before it and the phrase a "when"/"where" clause hangs on) decides:
a date in it that lies well before the source's publication ("in 2015", "since 2004",
"last November", "Sept. 11, 2001"), or a background cue ("since", "previous", "the worst
since", ``lang/<code>/measures.yaml`` ``event_background_cues``), makes the claim background.
A date is background itself when it ends well before its source's publication.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence, Tuple

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
                         sentence: Tuple[int, int], settings: EventSettings) -> bool:
    """A date without a year resolved weeks after publication in a sentence that does not
    speak of the future ("the Nov. 13 Paris attacks that killed 130" in July): a past event,
    of another year, not the story's."""
    if published is None or mention.value is None or mention.expr is None or mention.expr.year is not None:
        return False
    period = safe_period(mention.value)
    if period is None or (period.start - published).days <= settings.background_days:
        return False
    cues = _words_of(settings.lang, "cross_future_cues")
    return not any(w.lower() in cues for w in _WORD.findall(text[sentence[0]:sentence[1]]))


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


def _old_years(text: str, start: int, end: int, published: Optional[dt.date], mention: Mention,
               settings: EventSettings) -> Optional[str]:
    """A year written in [start, end) before the publication year ("the 2004 tsunami", "in
    2010"), other than the mention itself: the extractors do not read every year as a date."""
    if published is None:
        return None
    for m in _YEAR.finditer(text, start, end):
        if mention.start <= m.start() < mention.end:
            continue
        if int(m.group(1)) < published.year - settings.old_year_gap + 1:
            return m.group(1)
    return None


def read_event(text: str, mention: Mention, dates: Sequence[Mention], published: Optional[dt.date],
               settings: EventSettings = DEFAULT_EVENT_SETTINGS,
               sentence: Optional[Tuple[int, int]] = None) -> EventReading:
    """Own or background, for one mention; ``dates`` are the article's date mentions,
    ``published`` the day its source was published (or the story's, when unknown).

    Read, in order: a date long before publication is old; the figure's own phrase (with a
    short introductory phrase, or the phrase a "when" clause hangs on) holding a background
    cue or an old date; the sentence opening with one ("In 2010, ...", "Meanwhile, ..."); a
    sentence naming a year at least ``old_year_gap`` before publication.
    """
    if mention.kind == "date" and old_date(mention, published, settings):
        return EventReading("background", mention.text, "old")
    if mention.kind == "date" and sentence is not None and _past_read_as_future(text, mention, published,
                                                                               sentence, settings):
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
    for date in dates:
        if date is not mention and start <= date.start < end and old_date(date, published, settings):
            return EventReading("background", date.text, "dated")
    if sentence is not None:
        for date in dates:
            if date is not mention and sentence[0] <= date.start < sentence[1] \
                    and _past_read_as_future(text, date, published, sentence, settings):
                return EventReading("background", date.text, "dated")
        opening_end = _SEGMENT_END.search(text, sentence[0], sentence[1])
        if opening_end is not None and opening_end.start() < mention.start \
                and len(_WORD.findall(text[sentence[0]:opening_end.start()])) <= settings.intro_words:
            opening = (sentence[0], opening_end.start())
            cue = _cue_in(text, *opening, settings.lang)
            if cue:
                return EventReading("background", cue, "cue")
            for date in dates:
                if date is not mention and opening[0] <= date.start < opening[1] \
                        and old_date(date, published, settings):
                    return EventReading("background", date.text, "dated")
        year = _old_years(text, sentence[0], sentence[1], published, mention, settings)
        if year:
            return EventReading("background", year, "dated")
        cue = _cue_in(text, sentence[0], sentence[1], settings.lang) if mention.kind == "quantity" else None
        if cue:
            return EventReading("background", cue, "cue")
    return EventReading("own")


# --------------------------------------------------------------------------- dates

@lru_cache(maxsize=None)
def _words_of(lang: str, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get(key) or ())


def date_role(text: str, mention: Mention, lang: str = "en", reach: int = 8) -> str:
    """"report" when the date dates a statement ("police said Wednesday", "told a news
    conference Tuesday", "Friday said"), else "event". A reporting verb counts within
    ``reach`` words before the date (no comma between) or as the word right after it."""
    verbs = _words_of(lang, "cross_reporting_verbs")
    links = _words_of(lang, "cross_report_date_links") | _words_of(lang, "event_report_nouns")
    nouns = _words_of(lang, "event_report_nouns")
    line_start = text.rfind("\n", 0, mention.start) + 1
    head = text[line_start:mention.start]
    head = head[head.rfind(",") + 1:]
    before = _WORD.findall(head)[-reach:]
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
    following = _WORD.match(text, mention.end + (len(text[mention.end:]) - len(text[mention.end:].lstrip())))
    if following and following.group().lower() in verbs:
        return "report"
    return "event"


_QUOTES_OPEN, _QUOTES_CLOSE = "“«", "”»"


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
