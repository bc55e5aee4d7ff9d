"""Mention -> Claim, for one article."""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence, Tuple

import regex

from factcheck.article import Article
from factcheck.lang import lexicon
from factcheck.mention import Mention

from .events import DEFAULT_EVENT_SETTINGS, EventContext, EventSettings, QuotationScanner, date_role, read_event
from .measures import DEFAULT_MEASURE_SETTINGS, MeasureSettings, read_measure
from .time import Moment
from .zones import Zone, page_zones, zone_at


@dataclass(frozen=True)
class Claim:
    """A mention and what it is about.

    zone:        the part of the page it stands in ("headline", "body", "caption", ...).
    measure:     what a quantity measures ("deaths", "injuries", ...), None when no word says.
    measure_cue: the word that said so, as written ("killed").
    part:        the figure is a part of a total given elsewhere ("10 Americans among 12 dead").
    changed:     its phrase says the value changed ("the toll rose to 84").
    event:       "own" (the story's event) or "background" (another event or time).
    event_cue:   what made it background, as written ("since", "2004").
    event_reason: why: "old" (a date long before its source's publication: about the past,
                 but maybe still the story's, as a declared date or an aligned one says),
                 "cue" (a background word in its phrase), "dated" (an old date in its phrase).
    attribution: who gives it, as written ("police", "Soto"), when its sentence says.
    published:   its source's publication moment.
    date_role:   for dates, "report" ("police said Wednesday") or "event".
    quoted:      it stands inside a direct quotation (a relative date there is the speaker's).
    conversion:  an amount in parentheses right after another one ("€110bn ($158bn)", "230 km
                 (140 miles)"), or a day in another time zone ("9 a.m. Sunday (7:30 p.m. ET
                 Saturday)"): the outlet's conversion, not a figure of its own.
    """

    mention: Mention
    zone: str
    measure: Optional[str] = None
    measure_cue: Optional[str] = None
    part: bool = False
    changed: bool = False
    event: str = "own"
    event_cue: Optional[str] = None
    event_reason: Optional[str] = None
    attribution: Optional[str] = None
    published: Optional[Moment] = None
    date_role: Optional[str] = None   # dates: "report" (when something was said) or "event"
    holder: Optional[str] = None      # an age's person, as written
    quoted: bool = False              # inside a direct quotation
    conversion: bool = False          # another amount converted ("€110bn ($158bn)")

    @property
    def background(self) -> bool:
        return self.event == "background"


@dataclass(frozen=True)
class ClaimSettings:
    measures: MeasureSettings = DEFAULT_MEASURE_SETTINGS
    events: EventSettings = DEFAULT_EVENT_SETTINGS
    lang: str = "en"


DEFAULT_CLAIM_SETTINGS = ClaimSettings()

@lru_cache(maxsize=None)
def _attribution_patterns(lang: str):
    """"according to X", "X said", "said X" from the lexicon's ``attribution_before`` /
    ``attribution_after`` words; X a run of capitalised words or a generic authority."""
    data = lexicon(lang)
    before = sorted((str(w) for w in data.get("attribution_before") or ()), key=len, reverse=True)
    after = sorted((str(w) for w in data.get("attribution_after") or ()), key=len, reverse=True)
    generic = sorted((str(w) for w in data.get("attribution_generic") or ()), key=len, reverse=True)
    name = r"(?:\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3}|" + "|".join(map(regex.escape, generic)) + ")"
    alt = lambda words: "|".join(regex.escape(w) for w in words) or "(?!)"  # noqa: E731
    return (regex.compile(r"\b(?:" + alt(before) + r")\s+(?:the\s+)?(" + name + ")"),
            regex.compile(r"(" + name + r")\s+(?:" + alt(after) + r")\b"))


@lru_cache(maxsize=None)
def _calendar_words(lang: str) -> frozenset:
    data = lexicon(lang)
    return frozenset(str(w).lower() for key in ("weekdays", "months") for w in (data.get(key) or {}))


def attribution_of(text: str, sentence: Tuple[int, int], lang: str = "en") -> Optional[str]:
    """Who the sentence says gives its figures: "according to X", "X said", "said X"
    (a weekday or month after "said" dates the statement and names nobody)."""
    for pattern in _attribution_patterns(lang):
        for m in pattern.finditer(text, sentence[0], sentence[1]):
            who = " ".join(m.group(1).split()).rstrip(".")
            if who and who.split()[0].lower() not in _calendar_words(lang):
                return who
    return None


_OPEN_PAREN = regex.compile(r"\s*[(\[]\s*(?:about\s+|some\s+|around\s+|roughly\s+)?$", regex.I)


def _converted(text: str, mention: Mention, unit_ends: Sequence[int]) -> bool:
    """Is the amount in parentheses right after another amount with a unit?"""
    if not mention.unit:
        return False
    head = text[max(0, mention.start - 30):mention.start]
    paren = _OPEN_PAREN.search(head)
    if not paren:
        return False
    opened = mention.start - len(head) + paren.start()
    return _any_between(unit_ends, opened - 3, opened)


def _any_between(ends: Sequence[int], lo: int, hi: int) -> bool:
    """Whether the sorted ``ends`` hold one in [lo, hi] (bisection: figures of a long
    article cost no more each than those of a short one)."""
    i = bisect.bisect_left(ends, lo)
    return i < len(ends) and ends[i] <= hi


@lru_cache(maxsize=None)
def _time_zones(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("not_figure_time_zones") or ())


def _zone_converted(text: str, mention: Mention, date_ends: Sequence[int], lang: str) -> bool:
    """"9 a.m. Sunday (7:30 p.m. ET Saturday)": the day in parentheses is the same moment in
    another time zone, not a second date."""
    opened = text.rfind("(", max(0, mention.start - 25), mention.start)
    if opened == -1 or ")" in text[opened:mention.start]:
        return False
    closed = text.find(")", mention.end, mention.end + 25)
    inside = text[opened:closed if closed != -1 else mention.end + 25].lower()
    if not any(regex.search(r"\b" + regex.escape(zone) + r"\b", inside) for zone in _time_zones(lang)):
        return False
    return _any_between(date_ends, opened - 40, opened)


def story_day(articles: Iterable[Article]) -> Optional[dt.date]:
    """The median publication day of the dated articles: what an undated article's claims
    are placed against when telling old dates from the story's own."""
    days = sorted(a.published for a in articles if a.published)
    return days[len(days) // 2] if days else None


#: How far around a figure :func:`read_measure` is given the text. It reads at most 300
#: characters either side, within the figure's line; the text handed to it is cut this far
#: from the figure (further than it reads), so a figure on a 2 MB line costs what it costs
#: on a short one and the reading is the same (unless a run of spaces or a single word
#: longer than the difference, 400 characters, sits at the cut).
MEASURE_CONTEXT_CHARS = 700


def _measure_window(text: str, mention: Mention, settings: MeasureSettings):
    lo = max(0, mention.start - MEASURE_CONTEXT_CHARS)
    hi = min(len(text), mention.end + MEASURE_CONTEXT_CHARS)
    if lo == 0 and hi == len(text):
        return read_measure(text, mention, settings)
    return read_measure(text[lo:hi], dataclasses.replace(mention, start=mention.start - lo, end=mention.end - lo),
                        settings)


def build_claims(article: Article, mentions: Sequence[Mention],
                 settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS,
                 zones: Optional[Sequence[Zone]] = None,
                 story_day: Optional[dt.date] = None) -> Tuple[Claim, ...]:
    """One claim per mention, in the mentions' order. ``story_day`` (the day the story's
    sources were published, when the article has none of its own) tells old dates from new.

    Linear in the article's length: what a sentence or a line says is read once (memoised
    per sentence, quotes counted once per line), nearby figures are found by bisection, and
    a figure's measure is read from a bounded window around it."""
    text = article.text
    if zones is None:
        zones = page_zones(text, article.body_start, article.title, settings.lang)
    zone_starts = [z.start for z in zones]
    dates = [m for m in mentions if m.kind == "date"]
    by_end = sorted(m.end for m in mentions if m.kind == "quantity" and m.unit)
    date_ends = sorted(m.end for m in mentions if m.kind == "date")
    published = article.published or story_day
    events = EventContext(text, dates, published, settings.events)
    quotes = QuotationScanner(text)
    attributions: dict = {}
    out = []
    for mention in mentions:
        zone = zone_at(zones, mention.start, zone_starts)
        reading = _measure_window(text, mention, settings.measures) if mention.kind == "quantity" else None
        sentence = article.sentence_span(mention.start)
        line_start = article.line_start(mention.start)
        event = read_event(text, mention, dates, published, settings.events, sentence, events)
        if sentence not in attributions:
            attributions[sentence] = attribution_of(text, sentence, settings.lang)
        out.append(Claim(
            mention=mention, zone=zone,
            measure=reading.measure if reading else None, measure_cue=reading.cue if reading else None,
            part=bool(reading and reading.part), changed=bool(reading and reading.changed),
            event=event.event, event_cue=event.cue, event_reason=event.reason, attribution=attributions[sentence],
            published=article.published_at,
            date_role=date_role(text, mention, settings.lang, line_start=line_start) if mention.kind == "date" else None,
            quoted=quotes.at(mention.start, line_start), holder=reading.holder if reading else None,
            conversion=(mention.kind == "quantity" and _converted(text, mention, by_end))
            or (mention.kind == "date" and _zone_converted(text, mention, date_ends, settings.lang))))
    return tuple(out)

