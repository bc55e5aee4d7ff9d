"""Mention -> Claim, for one article."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

import regex

from factcheck.article import Article
from factcheck.mention import Mention

from .events import DEFAULT_EVENT_SETTINGS, EventSettings, date_role, in_quotation, read_event
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
                 (140 miles)"): the outlet's conversion, not a figure of its own.
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

_ATTRIBUTION = regex.compile(
    r"\baccording\s+to\s+(?:the\s+)?((?:[\p{Lu}][\p{L}.’'-]*\s*){1,4}|police|officials|authorities)"
    r"|((?:[\p{Lu}][\p{L}.’'-]*\s+){0,3}[\p{Lu}][\p{L}.’'-]*|police|officials|authorities)\s+(?:said|says|told)\b"
    r"|\b(?:said|says)\s+((?:[\p{Lu}][\p{L}.’'-]*\s*){1,4})")


def attribution_of(text: str, sentence: Tuple[int, int]) -> Optional[str]:
    """Who the sentence says gives its figures: "according to X", "X said", "said X"."""
    m = _ATTRIBUTION.search(text, sentence[0], sentence[1])
    if not m:
        return None
    who = next(g for g in m.groups() if g)
    return " ".join(who.split()) or None


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
    return any(opened - 3 <= end <= opened for end in unit_ends)


def build_claims(article: Article, mentions: Sequence[Mention],
                 settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS,
                 zones: Optional[Sequence[Zone]] = None,
                 story_day: Optional[dt.date] = None) -> Tuple[Claim, ...]:
    """One claim per mention, in the mentions' order. ``story_day`` (the day the story's
    sources were published, when the article has none of its own) tells old dates from new."""
    text = article.text
    if zones is None:
        zones = page_zones(text, article.body_start, article.title, settings.lang)
    dates = [m for m in mentions if m.kind == "date"]
    by_end = sorted(m.end for m in mentions if m.kind == "quantity" and m.unit)
    out = []
    for mention in mentions:
        zone = zone_at(zones, mention.start)
        reading = read_measure(text, mention, settings.measures) if mention.kind == "quantity" else None
        sentence = article.sentence_span(mention.start)
        event = read_event(text, mention, dates, article.published or story_day, settings.events, sentence)
        out.append(Claim(
            mention=mention, zone=zone,
            measure=reading.measure if reading else None, measure_cue=reading.cue if reading else None,
            part=bool(reading and reading.part), changed=bool(reading and reading.changed),
            event=event.event, event_cue=event.cue, event_reason=event.reason, attribution=attribution_of(text, sentence),
            published=article.published_at,
            date_role=date_role(text, mention, settings.lang) if mention.kind == "date" else None,
            quoted=in_quotation(text, mention.start), holder=reading.holder if reading else None,
            conversion=mention.kind == "quantity" and _converted(text, mention, by_end)))
    return tuple(out)
