"""Which part of the page each line is: headline, dateline, caption, credit, byline, ... or body.

Crawled news pages carry more than the story: photo captions and credits, bylines, update
stamps, editor's notes, lists of related links, share buttons and newsletter prompts. A figure
in a caption or a related-link headline is not a claim of the story, and a figure read off a
stamp is not an event date. :func:`page_zones` cuts an article's text into zones so the claims
stage can tell them apart.

How: each line is read on its own cues first (a cue is a phrase, an opening or an ending that
prose does not use in that position), then against its neighbours (a caption is followed by
its credit; a related heading is followed by its link lines; slideshow captions repeat one
prefix). Finally the dateline prefix of an early paragraph ("BERLIN (AP) -") and a few
in-line spans ("UPDATE:", "(Reporting by ...)") are cut out of their lines.

Precision on body text matters most: a body sentence read as furniture would hide a real error,
so every rule asks for a clear cue and anything unsure stays body. All vocabulary is data
(``factcheck/lang/<lang>/zones.yaml``); the examples that specify the behaviour are in
``factcheck/lang/en/corpus/zones.yaml``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import FrozenSet, List, Mapping, Optional, Sequence, Tuple

import regex as re

from ..lang import LexiconError, lexicon

ZONES = ("headline", "dateline", "body", "caption", "credit", "byline", "stamp", "note",
         "related", "furniture", "meta")

# Internal verdict for a lone agency name: a byline, unless it follows a caption (then credit).
_AGENCY = "agency"
# Internal verdict for a related-list heading: related, and it may open a run of link lines.
_HEADING = "heading"


@dataclass(frozen=True)
class Zone:
    name: str     # one of ZONES
    start: int    # offsets into the article text
    end: int


# --- vocabulary ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ZoneLimits:
    """Sizes from ``zone_limits``: how long page chrome may be (see zones.yaml)."""
    headline_words: int
    short_words: int
    link_words: int
    byline_words: int
    stamp_chars: int
    top_lines: int
    dateline_lines: int
    dateline_place_words: int
    gallery_prefix_words: int
    gallery_lines: int
    run_lines: int
    caption_words: int
    tabloid_captions: int


@dataclass(frozen=True)
class ZoneVocabulary:
    """The zone cues of one language, compiled once (see zones.yaml for what each is for)."""
    limits: ZoneLimits
    sentence_endings: Tuple[str, ...]
    headline_endings: Tuple[str, ...]
    closers: str
    stamp_token: "re.Pattern[str]"
    stamp_anchor: "re.Pattern[str]"
    stamp_label: "re.Pattern[str]"
    byline_opener: "re.Pattern[str]"
    byline_credit_opener: "re.Pattern[str]"
    byline_credit_tail: "re.Pattern[str]"
    byline_closer: "re.Pattern[str]"
    name_joiners: FrozenSet[str]
    staff_words: "re.Pattern[str]"
    agencies: "re.Pattern[str]"
    agency_prefix: "re.Pattern[str]"
    outlet_words: FrozenSet[str]
    photo_agencies: "re.Pattern[str]"
    photo_agency_end: "re.Pattern[str]"
    credit_label: "re.Pattern[str]"
    credit_label_words: "re.Pattern[str]"
    credit_marks: Tuple[str, ...]
    caption_phrase: "re.Pattern[str]"
    caption_opener: "re.Pattern[str]"
    caption_sentence: "re.Pattern[str]"
    caption_weak: "re.Pattern[str]"
    caption_placeholders: FrozenSet[str]
    note_label: "re.Pattern[str]"
    update_label: "re.Pattern[str]"
    note_phrase: "re.Pattern[str]"
    related_label: "re.Pattern[str]"
    related_heading: "re.Pattern[str]"
    related_closer: "re.Pattern[str]"
    related_opener: "re.Pattern[str]"
    furniture_word: "re.Pattern[str]"
    furniture_opener: "re.Pattern[str]"
    furniture_phrase: "re.Pattern[str]"
    furniture_short_word: "re.Pattern[str]"
    furniture_count: "re.Pattern[str]"
    follow: "re.Pattern[str]"
    meta_label: "re.Pattern[str]"
    url_only: "re.Pattern[str]"
    web_word: "re.Pattern[str]"
    email: "re.Pattern[str]"
    dateline: "re.Pattern[str]"
    dateline_agency_only: "re.Pattern[str]"
    not_places: FrozenSet[str]
    places: FrozenSet[str]
    calendar_words: FrozenSet[str]
    particles: FrozenSet[str]


def _words(data: Mapping, key: str) -> List[str]:
    """A list of phrases from the lexicon; a missing key is a broken language folder."""
    try:
        value = data[key]
    except KeyError:
        raise LexiconError(f"zones: the lexicon has no {key!r} (see factcheck/lang/en/zones.yaml)") from None
    if not isinstance(value, (list, dict)):
        raise LexiconError(f"zones: {key!r} must be a list of phrases, not {type(value).__name__}")
    return [str(v) for v in value]


def _phrase(p: str) -> str:
    """One phrase as a pattern: whitespace-tolerant, and whole words at its word ends."""
    body = r"\s+".join(re.escape(w) for w in p.split())
    head = r"(?<!\w)" if p[:1].isalnum() else ""
    tail = r"(?!\w)" if p[-1:].isalnum() else ""
    return head + body + tail


def _alternation(phrases) -> str:
    """Phrases as one alternation, longest first so "read more" wins over "read"."""
    unique = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(_phrase(p) for p in unique) + ")" if unique else "(?!)"


def _glued(words) -> str:
    """Words written straight after a number ("3rd", "16PM"): an alternation without word boundaries."""
    unique = sorted({x.strip() for x in words if x and x.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(x) for x in unique) + ")"


def _compile(pattern: str, case_sensitive: bool = False) -> "re.Pattern[str]":
    return re.compile(pattern, 0 if case_sensitive else re.I)


def _limits(data: Mapping) -> ZoneLimits:
    raw = data.get("zone_limits")
    if not isinstance(raw, dict):
        raise LexiconError("zones: the lexicon has no 'zone_limits' mapping")
    try:
        return ZoneLimits(**{k: int(v) for k, v in raw.items()})
    except TypeError as exc:
        raise LexiconError(f"zones: zone_limits: {exc}") from None


@lru_cache(maxsize=None)
def zone_vocabulary(lang: str = "en") -> ZoneVocabulary:
    """Compile the zone cues of ``lang`` (cached: one compile per process and language)."""
    data = lexicon(lang)
    w = lambda key: _words(data, key)  # noqa: E731 - a local shorthand, read as "words of"
    calendar = w("months") + w("weekdays") + w("date_weekday_abbreviations")
    month_names = _alternation(w("months"))
    stamp_words = (w("zone_stamp_labels") + w("zone_stamp_fillers") + w("zone_stamp_time_words")
                   + w("zone_stamp_ages") + calendar)
    agencies = w("zone_agencies")
    photo = w("zone_photo_agencies")
    dashes = _dash_pattern(w("zone_dateline_dashes"))
    credit_labels = _alternation(w("zone_credit_labels"))
    return ZoneVocabulary(
        limits=_limits(data),
        sentence_endings=tuple(w("zone_sentence_endings")),
        headline_endings=tuple(w("zone_headline_endings")),
        closers="".join(w("zone_closers")),
        stamp_token=_compile(r"\d+" + _glued(w("zone_stamp_ordinals") + w("zone_stamp_time_words"))
                             + r"?(?!\w)|" + _alternation(stamp_words) + r"|[^\w\s]+"),
        stamp_anchor=_compile(r"\d{1,2}\s?:\s?\d\d|\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}|"
                              + _alternation(calendar + w("zone_stamp_labels") + w("zone_stamp_ages"))),
        stamp_label=_compile(_alternation(w("zone_stamp_labels"))),
        byline_opener=_compile(r"^" + _alternation(w("zone_byline_openers")) + r"\s*:?\s+(?P<rest>.+)$"),
        byline_credit_opener=_compile(r"^[(\[]?\s*" + _alternation(w("zone_byline_credit_openers"))),
        byline_credit_tail=_compile(r"\(\s*" + _alternation(w("zone_byline_credit_openers"))
                                    + r"[^()]*\)?\s*$"),
        byline_closer=_compile(_alternation(w("zone_byline_closers")) + r"\W*$"),
        name_joiners=frozenset(x.casefold() for x in w("zone_byline_name_joiners")),
        staff_words=_compile(_alternation(w("zone_byline_staff_words"))),
        agencies=_compile(r"^(?:" + _alternation(agencies) + r")$"),
        agency_prefix=_compile(r"^(?-i:(?:[\p{Lu}][\p{Lu}\s.&'’-]*[•/|]\s*)?)" + _alternation(agencies + photo)
                               + r"(?:\s*[:•/-])?\s+(?-i:(?=[\p{Lu}\d\"“‘']))"),
        outlet_words=frozenset(x.casefold() for x in w("zone_outlet_words")),
        photo_agencies=_compile(r"^(?:" + _alternation(photo + agencies) + r")$"),
        photo_agency_end=_compile(_alternation(photo) + r"\W*$"),
        credit_label=_compile(r"^[(\[]?\s*" + credit_labels + r"\s*[:\-–—]?\s*(?P<rest>.*?)[)\]]?\s*$"),
        credit_label_words=_compile(credit_labels),
        credit_marks=tuple(w("zone_credit_marks")),
        caption_phrase=_compile(_alternation(w("zone_caption_phrases"))),
        caption_opener=_compile(r"^" + _alternation(w("zone_caption_openers")) + r"\s*(?::|[-–—]|$)"),
        caption_sentence=_caption_sentence(w("zone_caption_sentence_openers"),
                                           w("zone_caption_photo_words"), w("zone_caption_verbs")),
        caption_weak=_compile(_alternation(w("zone_caption_weak_phrases"))),
        caption_placeholders=frozenset(x.casefold() for x in w("zone_caption_placeholders")),
        note_label=_compile(r"^" + _alternation(w("zone_note_labels")) + r"\s*[:\-–—]"),
        update_label=_compile(r"^(?:" + _alternation(w("zone_update_labels"))
                              + r")\s*(?::|[-–—][^:]{0,40}?:|[-–—]\s*$|$)\s*"),
        note_phrase=_compile(_alternation(w("zone_note_phrases"))),
        related_label=_compile(r"^" + _alternation(w("zone_related_labels"))
                               + r"\s*(?::|\||»|[-–—]\s)\s*(?P<rest>.*)$"),
        related_heading=_compile(r"^(?:" + _alternation(w("zone_related_labels"))
                                 + r")(?:\s+(?P<rest>[^:]{0,60}?))?\s*[:»]?$"),
        related_closer=_compile(r"(?<=[^\s.]\s)" + _alternation(w("zone_related_closers")) + r"\s*$",
                                case_sensitive=True),
        related_opener=_compile(r"^" + _alternation(w("zone_related_openers"))),
        furniture_word=_compile(_alternation(w("zone_furniture_words"))),
        furniture_opener=_compile(r"^" + _alternation(w("zone_furniture_openers"))),
        furniture_phrase=_compile(_alternation(w("zone_furniture_phrases"))),
        furniture_short_word=_compile(_alternation(w("zone_furniture_short_words"))),
        furniture_count=_compile(r"^(?:[\d.,]+[km]?\s*" + _alternation(w("zone_furniture_counted"))
                                 + r"|" + _alternation(w("zone_furniture_counted")) + r"\s*\(?\s*[\d.,]+[km]?\s*\)?)$"),
        follow=_compile(r"^" + _alternation(w("zone_follow_words")) + r"\s+(?P<who>.+?)\s+\S*\s*"
                        + _alternation(w("zone_social_networks")) + r"\b"),
        meta_label=_compile(r"^" + _alternation(w("zone_meta_labels")) + r"\s*:"),
        url_only=_compile(r"^<?\s*" + _alternation(w("zone_url_starts")) + r"\S+\s*>?$"),
        web_word=_compile(r"^[\w-]+(?:\.[\w-]+)*\." + _alternation(w("zone_web_domains")) + r"$"),
        email=_compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        dateline=_dateline_pattern(month_names, agencies, dashes),
        dateline_agency_only=_compile(r"^\(\s*" + _alternation(agencies) + r"\s*\)\s*(?-i:(?=[\p{Lu}\"“‘]))"),
        not_places=frozenset(x.casefold() for x in w("zone_dateline_not_places")),
        places=frozenset(x.casefold() for x in w("person_places")),
        calendar_words=frozenset(x.casefold() for x in calendar),
        particles=frozenset(x.casefold() for x in w("person_particles")),
    )


def _dash_pattern(dashes: Sequence[str]) -> str:
    """Dashes ending a dateline; an ASCII hyphen counts only with spaces on both sides."""
    wide = [d for d in dashes if d.strip("-")]
    ascii_ = sorted((d for d in dashes if not d.strip("-")), key=len, reverse=True)
    parts = []
    if wide:
        parts.append(r"\s*(?:" + "|".join(re.escape(d) for d in wide) + r")\s*")
    if ascii_:
        parts.append(r"\s+(?:" + "|".join(r"\s*".join(re.escape(c) for c in d.replace(" ", "")) for d in ascii_)
                     + r")\s+")
    return "(?:" + "|".join(parts) + ")"


def _caption_sentence(openers, photo_words, verbs) -> "re.Pattern[str]":
    """AP caption sentences: "This photo released by ...", "In this Dec. 31, 2016 file photo, ..."."""
    return _compile(r"^" + _alternation(openers) + r"(?:\W+[\w.'’]+){0,8}?\W+" + _alternation(photo_words)
                    + r"(?:\s*,|\s+" + _alternation(verbs) + r")")


def _dateline_pattern(month_names: str, agencies: Sequence[str], dashes: str) -> "re.Pattern[str]":
    """'BERLIN —', 'SAN JOSE, Costa Rica —', 'LONDON, July 15 (Reuters) -', 'Dec 31 (Reuters) -'.

    The place is in capitals, or capitalised words followed by a region or an agency (a lone
    capitalised word is checked against the known places later). The sentence after the dash
    must start with a capital, a digit or a quote: "South Sudan - or Sudan - can ill afford" is prose.
    """
    caps_word = r"[\p{Lu}][\p{Lu}.'’&/-]*"
    cap_word = r"[\p{Lu}][\p{L}.'’-]*"
    place = (r"(?P<caps>" + caps_word + r"(?:\s+" + caps_word + r"){0,4})"
             r"|(?P<mixed>" + cap_word + r"(?:\s+" + cap_word + r"){0,3})")
    region = r"(?P<region>,\s*" + cap_word + r"(?:\s+" + cap_word + r"){0,3})"
    date = r"(?i:" + month_names + r")\.?\s+\d{1,2}"
    agency = r"(?P<agency>\(\s*[\p{Lu}][\p{L}\s.&'’-]{0,40}\))"
    head = (r"(?:(?:" + place + r")" + region + r"??(?:,\s*(?P<date1>" + date + r"))?\s*" + agency + r"?"
            r"|(?P<date2>" + date + r")\s*" + agency + r")")
    return re.compile(r"^(?P<span>" + head + dashes + r")(?=[\p{Lu}\d\"“‘'(])")


# --- lines ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
    """One non-blank line of the body: its trimmed extent and the text cues are read from."""
    start: int     # offset of the first non-space character
    end: int       # offset after the last non-space character
    text: str      # the line as written, trimmed
    plain: str     # markdown marks and link targets removed, for matching


_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_BULLETS = re.compile(r"^(?:[•●▪■◦·]\s*|[-*+]\s+(?=\S))")


def _plain(text: str) -> str:
    """Markdown and list bullets removed: "**Related article: [X](#)**" reads as "Related article: X"."""
    text = _unlinked(text)
    text = _MARKDOWN_MARKS.sub("", text)
    return _BULLETS.sub("", text).strip()


def _unlinked(text: str) -> str:
    """``_MARKDOWN_LINK.sub(r"\1", text)``, in one pass: the pattern itself retries from every
    "[" of a line with no "](...)" after it ("([([..."), which is quadratic in the line."""
    if "](" not in text:
        return text
    out, pos = [], 0
    i = text.find("[")
    while i != -1:
        close = text.find("]", i + 1)
        if close == -1:
            break                           # no "]" after: no link from here on
        if not text.startswith("(", close + 1):
            i = text.find("[", close + 1)   # every "[" before ``close`` meets the same "]"
            continue
        end = text.find(")", close + 2)
        if end == -1:
            break                           # no ")" after: no link from here on
        out += [text[pos:i], text[i + 1:close]]
        pos = end + 1
        i = text.find("[", pos)
    out.append(text[pos:])
    return "".join(out)


def _body_lines(text: str, body_start: int) -> List[_Line]:
    """The non-blank lines after ``body_start``, trimmed, with their offsets in ``text``."""
    lines = []
    for m in re.finditer(r"[^\n]+", text[body_start:]):
        raw = m.group()
        left = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if not stripped:
            continue
        start = body_start + m.start() + left
        lines.append(_Line(start, start + len(stripped), stripped, _plain(stripped)))
    return lines


def _word_count(text: str) -> int:
    return len(text.split())


def _last_char(text: str, vocab: ZoneVocabulary) -> str:
    """The last character that is not a closing quote or bracket."""
    stripped = text.rstrip().rstrip(vocab.closers + " ")
    return stripped[-1:] if stripped else ""


def _terminated(text: str, vocab: ZoneVocabulary) -> bool:
    """Does the line end as a sentence does? Tabloid captions and link headlines do not."""
    return _last_char(text, vocab) in vocab.sentence_endings


def _headline_shaped(text: str, vocab: ZoneVocabulary) -> bool:
    """Short, with letters, and not ending in a full stop: the shape of a title."""
    if not any(c.isalpha() for c in text) or _word_count(text) > vocab.limits.headline_words:
        return False
    if any(text.rstrip().endswith(e) for e in vocab.headline_endings):
        return True
    return not _terminated(text, vocab)


# --- names and outlets -------------------------------------------------------------------------------

def _is_name_token(token: str, vocab: ZoneVocabulary) -> bool:
    """A capitalised word that is not a month or weekday, an initial, or a name particle."""
    token = token.strip(",;")
    if not token:
        return False
    if token.casefold() in vocab.particles:
        return True
    if token.casefold().strip(".") in vocab.calendar_words:
        return False
    return token[0].isupper() and any(c.isalpha() for c in token)


def _is_person(words: Sequence[str], vocab: ZoneVocabulary) -> bool:
    """Two to five name tokens ("Emma Batha", "Enrique Andres Pretel", "J. R. Smith")."""
    return 2 <= len(words) <= 5 and all(_is_name_token(t, vocab) for t in words) \
        and _is_name_token(words[0], vocab) and words[0].casefold() not in vocab.particles


def _is_outlet(text: str, vocab: ZoneVocabulary) -> bool:
    """An agency, an acronym (CNN), a web address (CTVNews.ca) or "... Times" style name."""
    text = text.strip(" .")
    if not text:
        return False
    if vocab.agencies.match(text) or vocab.web_word.match(text):
        return True
    words = text.split()
    if len(words) == 1 and 2 <= len(text) <= 6 and text.isalpha() and text.isupper():
        return True
    return len(words) <= 4 and all(_is_name_token(t, vocab) for t in words) \
        and words[-1].casefold() in vocab.outlet_words


def _is_staff(text: str, vocab: ZoneVocabulary) -> bool:
    """Nothing but staff words ("Staff Writer", "Science Writer") -- or nothing at all."""
    return not vocab.staff_words.sub("", text).strip(" ,.-|/")


# --- the line's own cues -------------------------------------------------------------------------------

def _own_zone(line: _Line, vocab: ZoneVocabulary) -> Optional[str]:
    """The zone a line's own cues give, or None when it reads as body. First cue wins, strongest first."""
    text = line.plain
    if not any(c.isalnum() for c in text):
        return "furniture"                       # rules: "-----", "___", "* * *"
    for rule in (_meta, _furniture_phrase, _note, _related, _stamp, _byline, _credit, _caption, _furniture):
        zone = rule(text, vocab)
        if zone:
            return zone
    return None


def _meta(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """'Original url:' and a bare address: where the text came from, not what it says."""
    if vocab.meta_label.match(text) and _word_count(text) <= vocab.limits.short_words:
        return "meta"
    if vocab.url_only.match(text):
        return "meta"
    return None


def _furniture_phrase(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """Boilerplate no reporter writes ("All rights reserved", "Continue reading the main story")."""
    return "furniture" if vocab.furniture_phrase.search(text) else None


def _note(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """Corrections and editor's notes: they quote wrong figures on purpose."""
    if vocab.note_label.match(text) or vocab.note_phrase.search(text):
        return "note"
    if vocab.update_label.fullmatch(text):
        return "note"                            # "UPDATE:" alone, above the updated paragraph
    return None


def _related(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """Links to other stories: "Related: ...", "Read more", "[How a wife's suspicions ...]"."""
    limits = vocab.limits
    m = vocab.related_label.match(text)
    if m and _word_count(text) <= limits.link_words + 4:
        return _HEADING if not m.group("rest").strip() else "related"
    heading = vocab.related_heading.match(text)
    if heading and _word_count(text) <= limits.short_words \
            and (not heading.group("rest") or _capitalised(heading.group("rest").split(), vocab)):
        return _HEADING                          # "Read more:", "More from The New York Times:"
    if vocab.related_closer.search(text) and _word_count(text) <= limits.link_words + 4:
        return "related"
    if vocab.related_opener.match(text):
        return "related"                         # "MOST READ IN NEWS IT'S OFFICIAL Irn-Bru ..."
    if text.startswith("[") and text.endswith("]") and 3 <= _word_count(text) <= limits.link_words + 4:
        return "related"                         # inline links set in brackets
    return None


def _stamp(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """A publication or update time and nothing else ("Updated: May 16, 2005, 6:03 PM ET")."""
    return "stamp" if _is_stamp(text, vocab) else None


def _is_stamp(text: str, vocab: ZoneVocabulary) -> bool:
    """A time and nothing else: a number, a clock, a date or a stamp word, and only stamp tokens."""
    if len(text) > vocab.limits.stamp_chars or not any(c.isdigit() for c in text):
        return False
    return bool(vocab.stamp_anchor.search(text)) and _stamp_tokens_only(text, vocab)


def _stamp_tokens_only(text: str, vocab: ZoneVocabulary) -> bool:
    """Nothing but stamp words, numbers and punctuation -- once a bracketed source ("(CNA)") and a
    leading place or agency ("Reuters Sep 18, 2013", "Washington D. C., Jul 13, 2009") are set aside."""
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
    first_digit = next(i for i, c in enumerate(text + "0") if c.isdigit())
    lead = re.match(r"(?:[\p{Lu}][\p{L}.'’-]*[\s,]+){1,4}", text[:first_digit])
    if lead and not vocab.stamp_token.sub("", lead.group()).strip(" ,") == "":
        head = lead.group()
        if _capitalised([w for w in head.replace(",", " ").split() if not vocab.stamp_token.fullmatch(w)], vocab):
            text = text[len(head):]
    return not vocab.stamp_token.sub(" ", text).strip()


def _byline(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """Who wrote or filed it: "By Emma Batha", "Daksha Rangan, CTVNews.ca", "(Reporting by ...)"."""
    limits = vocab.limits
    words = _word_count(text)
    if vocab.byline_credit_opener.match(text.lstrip("—–- ")):
        return "byline"
    if vocab.byline_closer.search(text) and words <= 2 * limits.byline_words + 6:
        return "byline"
    if re.fullmatch(r"[a-z]{1,4}(?:/[a-z]{1,4})+(?:\s*\([^)]*\))?", text):
        return "byline"                          # editors' initials: "kjk/ceb/dhc/dhw", "jm/dm (AFP, dpa)"
    if words <= limits.byline_words:
        if _agency_only(text, vocab):
            return _AGENCY
        if _by_names(text, vocab) or _name_and_outlet(text, vocab):
            return "byline"
        follow = vocab.follow.match(text)
        if follow and _is_person(follow.group("who").split()[:3], vocab):
            return "byline"
    if vocab.email.search(text) and words <= 2 * limits.byline_words and not _terminated_prose(text, vocab):
        return "byline"                          # "Email: ebaig@usatoday.com; Follow ... @edbaig"
    return None


def _terminated_prose(text: str, vocab: ZoneVocabulary) -> bool:
    """A line with a verb-like run of lowercase words before a full stop: a sentence, not a contact line."""
    lowercase = sum(1 for t in text.split() if t[:1].islower())
    return lowercase >= 8 and _terminated(text, vocab)


def _agency_only(text: str, vocab: ZoneVocabulary) -> bool:
    """One or more agencies and staff words, nothing else ("Reuters Staff", "Reuters - Ap - Afp")."""
    parts = [p for p in re.split(r"\s*(?:[,/|;]|\s-\s|\s–\s|\s—\s)\s*", text.strip("() ")) if p]
    if not parts:
        return False
    for part in parts:
        core = vocab.staff_words.sub(" ", part).strip(" .")
        core = " ".join(core.split())
        if not core or not vocab.agencies.match(core):
            return False
    return True


def _by_names(text: str, vocab: ZoneVocabulary) -> bool:
    """'By' and names or outlets only: "By Emma Batha", "By John Smith and Jane Doe, AP"."""
    m = vocab.byline_opener.match(text)
    if not m:
        return False
    return _names_and_outlets(m.group("rest"), vocab)


def _names_and_outlets(rest: str, vocab: ZoneVocabulary) -> bool:
    parts = [p.strip() for p in re.split(r"\s*[,|/;]\s*|\s+[-–—]\s+", rest) if p.strip()]
    if not parts:
        return False
    seen_person = False
    for part in parts:
        tokens = [t for t in part.split() if t.casefold() not in vocab.name_joiners]
        if _is_person(tokens, vocab) or _is_people(part, vocab):
            seen_person = True
        elif not (_is_outlet(part, vocab) or _is_staff(part, vocab)):
            return False
    return seen_person or _is_outlet(parts[0], vocab)


def _is_people(part: str, vocab: ZoneVocabulary) -> bool:
    """Names joined by "and": "John Smith and Jane Doe"."""
    names, current = [], []
    for token in part.split():
        if token.casefold() in vocab.name_joiners:
            names.append(current)
            current = []
        else:
            current.append(token)
    names.append(current)
    return len(names) > 1 and all(_is_person(n, vocab) for n in names)


def _name_and_outlet(text: str, vocab: ZoneVocabulary) -> bool:
    """'Daksha Rangan, CTVNews.ca' / 'John Smith | CNN': a person, a separator, an outlet."""
    m = re.fullmatch(r"(?P<who>[^,|]+?)\s*[,|]\s*(?P<outlet>[^,|]+)", text)
    if not m:
        return False
    return _is_person(m.group("who").split(), vocab) and _is_outlet(m.group("outlet"), vocab)


def _credit(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """A photo credit alone: "Getty Images", "(Photo: Reuters)", "Anthony Wallace / AFP"."""
    if _word_count(text) > vocab.limits.short_words or _terminated(text, vocab):
        return None
    core = text.strip("()[] ")
    if not core:
        return None
    if vocab.photo_agencies.match(core) and not vocab.agencies.match(core):
        return "credit"
    if _labelled_credit(text, vocab) and _word_count(vocab.credit_label.match(text).group("rest")) <= 8:
        return "credit"                          # "Photo: Reuters", "Image copyright Getty Images"
    if vocab.caption_phrase.search(text):
        return None                              # "... toggle caption Michael Sohn/AP": the caption rule's
    if _slash_credit(core, vocab):
        return "credit"
    if any(core.startswith(mark) for mark in vocab.credit_marks):
        return "credit"
    agency = vocab.photo_agency_end.search(core)
    before = core[: agency.start()].split() if agency else []
    if agency and (not before or _capitalised(before, vocab) or vocab.credit_label_words.fullmatch(before[-1])):
        return "credit"                          # "WLWT YouTube", "Chart on phone image via Shutterstock"
    return None


def _capitalised(tokens: Sequence[str], vocab: ZoneVocabulary) -> bool:
    return bool(tokens) and all(_is_name_token(t, vocab) for t in tokens)


_SLASH_CREDIT = re.compile(r"(?P<left>[\p{Lu}][\p{L}\d.'’&-]*(?:\s+[\p{L}\d.'’&-]+){0,5})\s*/\s*"
                           r"(?P<right>[\p{Lu}][\p{L}\d.'’&/-]*(?:\s+[\p{Lu}][\p{L}\d.'’&-]*){0,4})")


def _slash_credit(text: str, vocab: ZoneVocabulary) -> bool:
    """'Name/Agency': the photographer and the agency ("Michael Sohn/AP", "LAUREN HURLEY/PA")."""
    m = _SLASH_CREDIT.fullmatch(text)
    return bool(m) and _capitalised(m.group("left").split()[:1], vocab)


def _caption(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """Photo and video captions, by the marks only captions carry."""
    if vocab.caption_phrase.search(text) or vocab.caption_opener.match(text):
        return "caption"
    if text.casefold().strip(" .:") in vocab.caption_placeholders:
        return "caption"                         # "Photo" left where the picture was
    if vocab.caption_sentence.match(text):
        return "caption"
    if _credit_suffix(text, vocab):
        return "caption"
    if vocab.agency_prefix.match(text) and _word_count(text) > 3 and _headline_shaped(text, vocab):
        return "caption"                         # "Getty Images A supermoon ...", "GETTY Is bitcoin debt 'toxic'?"
    if _terminated(text, vocab):
        return None
    if any(mark in text for mark in vocab.credit_marks) or vocab.caption_weak.search(text):
        return "caption"
    return None


_CREDIT_TAIL = re.compile(r"(?:^|(?<=[.!?”\"’')]))\s*(?P<credit>[^.!?]{2,80})$")
_PAREN_TAIL = re.compile(r"[(\[](?P<inner>[^()\[\]]{2,80})[)\]]\s*$")


def _credit_suffix(text: str, vocab: ZoneVocabulary) -> bool:
    """A caption ends with its credit: "... with her cousin Tavon. Dimitrios Kambouris/Getty Images",
    "... during the halftime show. (Patrick Smith/Getty Images)", "... Courtesy of Ministry of Foreign
    Affairs". A bare agency in brackets after a full stop ("... the situation. (Yonhap)") is the
    wire's sign-off on a paragraph, not a credit."""
    words = text.split()
    if len(words) < 4:
        return False
    paren = _PAREN_TAIL.search(text)
    if paren:
        inner, before = paren.group("inner").strip(), text[: paren.start()].rstrip()
        if _slash_credit(inner, vocab) or _labelled_credit(inner, vocab):
            return True
        return bool(vocab.photo_agencies.match(inner)) and not _terminated(before, vocab)
    if _terminated(text, vocab):
        return False
    for n in range(2, min(8, len(words) - 1) + 1):
        tail = " ".join(words[-n:])
        if _slash_credit(tail, vocab) and not _slash_credit(" ".join(words[-n - 1:]), vocab):
            return True
    m = _CREDIT_TAIL.search(text)
    tail = m.group("credit").strip() if m else ""
    return bool(tail) and tail != text.strip() and _labelled_credit(tail, vocab)


def _labelled_credit(text: str, vocab: ZoneVocabulary) -> bool:
    """'Photo: Reuters', 'Courtesy of Brian Buonassissi', 'Credit Omer Messinger/European Pressphoto Agency'."""
    m = vocab.credit_label.match(text)
    return bool(m) and m.group("rest")[:1].isupper()


def _furniture(text: str, vocab: ZoneVocabulary) -> Optional[str]:
    """Buttons, prompts and counters: nothing but chrome words, or a chrome opening."""
    limits = vocab.limits
    words = _word_count(text)
    if vocab.furniture_opener.match(text):
        return "furniture"
    letters = re.sub(r"[\d\W_]+", " ", text)
    if vocab.furniture_word.search(letters) and not re.search(r"\w", vocab.furniture_word.sub(" ", letters)):
        return "furniture"                       # "LETTER", "Share Tweet Email", "Advertisement"
    if words <= limits.short_words and vocab.furniture_short_word.search(text):
        return "furniture"                       # "Get the Mach newsletter. SUBSCRIBE"
    if vocab.furniture_count.match(text.strip(" .")):
        return "furniture"                       # "12 Comments"
    follow = vocab.follow.match(text)
    if follow and words <= limits.short_words:
        return "furniture"                       # "Follow us on Twitter" (a named author is a byline)
    return None


# --- neighbours ---------------------------------------------------------------------------------------

def _with_headline(lines: Sequence[_Line], names: List[Optional[str]], title: Optional[str],
                   vocab: ZoneVocabulary) -> None:
    """Mark the title line: the one equal to ``title``, else the first short unpunctuated line.

    Stamps, bylines and other chrome above the title are skipped; the first body-looking line
    ends the search, so a lede is never taken for a title.
    """
    top = range(min(vocab.limits.top_lines, len(lines)))
    if title and title.strip():
        for i in top:
            if _same_title(lines[i].plain, title):
                names[i] = "headline"
                return
    for i in top:
        if names[i] is None:
            if _headline_shaped(lines[i].plain, vocab):
                names[i] = "headline"
            return


def _title_stamps(lines: Sequence[_Line], names: List[Optional[str]], title: Optional[str],
                  vocab: ZoneVocabulary) -> None:
    """A repeat of the title with the stamp glued on ("... sparks outrage Updated: 2016-05-30 09:53
    (Agencies)") is the stamp line of a page whose title line came first."""
    titles = [title] if title else []
    titles += [line.plain for line, name in zip(lines, names) if name == "headline"]
    for i in range(min(vocab.limits.top_lines, len(lines))):
        if names[i] == "headline" or not titles:
            continue
        text = lines[i].plain
        for label in vocab.stamp_label.finditer(text):
            left, right = text[: label.start()].strip(), text[label.start():]
            right = _PAREN_TAIL.sub("", right).strip()
            if left and _is_stamp(right, vocab) and any(_same_title(left, t) for t in titles):
                names[i] = "stamp"
                break


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _same_title(line: str, title: str) -> bool:
    """The line is the title, maybe cut short by the crawler ("... calls an end to gun...")."""
    a, b = _fold(line), _fold(title)
    if not a or not b:
        return False
    if a == b:
        return True
    truncated = line.rstrip().endswith(("...", "…"))
    return truncated and len(a) >= 12 and b.startswith(a)


def _with_neighbours(lines: Sequence[_Line], names: List[Optional[str]], vocab: ZoneVocabulary) -> None:
    """Zones a line gets from the lines around it (in place)."""
    _resolve_agencies(names)
    _caption_before_credit(lines, names, vocab)
    _galleries(lines, names, vocab)
    _duplicate_captions(lines, names, vocab)
    _related_runs(lines, names, vocab)
    _tabloid_captions(lines, names, vocab)
    for i, name in enumerate(names):
        if name == _HEADING:
            names[i] = "related"


def _resolve_agencies(names: List[Optional[str]]) -> None:
    """A lone agency name is the photo credit right after a caption, else the byline."""
    for i, name in enumerate(names):
        if name == _AGENCY:
            names[i] = "credit" if i > 0 and names[i - 1] == "caption" else "byline"


def _caption_before_credit(lines: Sequence[_Line], names: List[Optional[str]], vocab: ZoneVocabulary) -> None:
    """An unpunctuated line right above a lone credit is that photo's caption."""
    for i in range(1, len(lines)):
        if names[i] == "credit" and names[i - 1] is None and not _terminated(lines[i - 1].plain, vocab):
            names[i - 1] = "caption"


def _galleries(lines: Sequence[_Line], names: List[Optional[str]], vocab: ZoneVocabulary) -> None:
    """Slideshow captions repeat one prefix line after line ("Port of Duisburg turns 300 ...")."""
    n = vocab.limits.gallery_prefix_words
    prefixes = [tuple(line.plain.split()[:n]) if _word_count(line.plain) > n else None for line in lines]
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and prefixes[i] is not None and prefixes[j + 1] == prefixes[i]:
            j += 1
        if prefixes[i] is not None and j - i + 1 >= vocab.limits.gallery_lines:
            for k in range(i, j + 1):
                if names[k] in (None, "caption"):
                    names[k] = "caption"
        i = j + 1


def _first_paragraph(lines: Sequence[_Line], names: Sequence[Optional[str]], vocab: ZoneVocabulary) -> int:
    """Index of the first prose paragraph. Unpunctuated lines above it are the story's highlights
    (tabloid bullet points), not captions: pictures come after the story has begun."""
    for i, (line, name) in enumerate(zip(lines, names)):
        if name is None and _terminated(line.plain, vocab) and _word_count(line.plain) >= vocab.limits.caption_words:
            return i
    return len(lines)


def _duplicate_captions(lines: Sequence[_Line], names: List[Optional[str]], vocab: ZoneVocabulary) -> None:
    """An unpunctuated copy of a body sentence is the caption repeating it (tabloid layout)."""
    sentences = {_fold(line.plain) for line, name in zip(lines, names)
                 if name is None and _terminated(line.plain, vocab)}
    for i in range(_first_paragraph(lines, names, vocab) + 1, len(lines)):
        line = lines[i]
        if names[i] is None and not _terminated(line.plain, vocab) and _word_count(line.plain) >= 6 \
                and _fold(line.plain) in sentences:
            names[i] = "caption"


def _tabloid_captions(lines: Sequence[_Line], names: List[Optional[str]], vocab: ZoneVocabulary) -> None:
    """On a page whose captions carry no full stop (tabloid layout, proven by at least
    ``tabloid_captions`` such captions found on their cues), the other long unpunctuated
    sentences between paragraphs are captions too.

    Only such pages: elsewhere an unpunctuated paragraph is more often prose whose full stop
    the crawler lost, and prose must stay body.
    """
    bare = sum(1 for line, name in zip(lines, names) if name == "caption" and _bare_sentence(line, vocab))
    if bare < vocab.limits.tabloid_captions:
        return
    for i in range(_first_paragraph(lines, names, vocab) + 1, len(lines)):
        if names[i] is None and _bare_sentence(lines[i], vocab):
            names[i] = "caption"


def _bare_sentence(line: _Line, vocab: ZoneVocabulary) -> bool:
    """A long sentence-case line with no full stop and no credit of its own: the tabloid caption
    shape. Captions that carry a credit ("Getty Images ...", "... (Name/AP)") say nothing of the
    page's layout, so they do not count."""
    text = line.plain
    return not _terminated(text, vocab) and _sentence_like(line, vocab) and not _boxed(text) \
        and not _credit_suffix(text, vocab) and not vocab.agency_prefix.match(text) \
        and not any(mark in text for mark in vocab.credit_marks)


_BOX_TITLE = re.compile(r"^(?:[\p{Lu}\d][\p{Lu}\d'’.,&-]*\s+){2,}")


def _boxed(text: str) -> bool:
    """A fact box opens with a title in capitals ("WHO IS MAX VERSTAPPEN? - ..."): explanatory
    prose set apart, not a caption."""
    return bool(_BOX_TITLE.match(text))


def _sentence_like(line: _Line, vocab: ZoneVocabulary) -> bool:
    """Long enough and in sentence case: a caption sentence, not a subheading or a list item."""
    words = line.plain.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= vocab.limits.caption_words and lower * 2 >= len(words)


def _link_like(line: _Line, vocab: ZoneVocabulary) -> bool:
    return _word_count(line.plain) <= vocab.limits.link_words and any(c.isalpha() for c in line.plain)


def _related_runs(lines: Sequence[_Line], names: List[Optional[str]], vocab: ZoneVocabulary) -> None:
    """The short lines under a related heading (or a player/share block) are links.

    A run that ends the article or meets other chrome is taken whole; otherwise only the
    headline-shaped lines right under the heading are, so a short sentence after a lone
    "Read more" button stays body. Under chrome that is not a heading, the run must be all
    headlines and at least ``run_lines`` long.
    """
    i = 0
    while i < len(lines):
        opener = names[i]
        if opener not in (_HEADING, "furniture", "related"):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and names[j] is None and _link_like(lines[j], vocab):
            j += 1
        run = range(i + 1, j)
        bounded = j == len(lines) or names[j] not in (None, "headline")
        titles = [k for k in run if _headline_shaped(lines[k].plain, vocab)]
        if opener == _HEADING:
            chosen = list(run) if bounded else _leading(titles, i + 1)
        else:
            chosen = list(run) if bounded and len(titles) >= vocab.limits.run_lines \
                and len(titles) == len(run) else []
        for k in chosen:
            names[k] = "related"
        i = max(j, i + 1)


def _leading(indices: Sequence[int], first: int) -> List[int]:
    """The indices that follow on from ``first`` without a gap."""
    out = []
    for k in indices:
        if k != first + len(out):
            break
        out.append(k)
    return out


# --- spans inside lines --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    name: str


def _segments(lines: Sequence[_Line], names: Sequence[Optional[str]], vocab: ZoneVocabulary) -> List[_Segment]:
    """Each line as one segment, with the dateline and in-line note/byline spans cut out."""
    dateline_line = _dateline_line(lines, names, vocab)
    out: List[_Segment] = []
    for i, (line, name) in enumerate(zip(lines, names)):
        if name is not None:
            out.append(_Segment(line.start, line.end, name))
            continue
        head = _dateline_span(line, vocab) if i == dateline_line else 0
        head_name = "dateline"
        if not head:
            head, head_name = _update_span(line, vocab), "note"
        tail = _byline_tail(line, vocab)
        cut = line.start + head
        stop = line.end - tail
        if head:
            out.append(_Segment(line.start, cut, head_name))
        if stop > cut:
            out.append(_Segment(cut, stop, "body"))
        if tail:
            out.append(_Segment(max(cut, stop), line.end, "byline"))
    return out


def _dateline_line(lines: Sequence[_Line], names: Sequence[Optional[str]], vocab: ZoneVocabulary) -> int:
    """Index of the first early body paragraph that opens with a dateline, or -1."""
    seen = 0
    for i, (line, name) in enumerate(zip(lines, names)):
        if i >= vocab.limits.top_lines + vocab.limits.dateline_lines:
            break
        if name is not None:
            continue
        if _dateline_span(line, vocab):
            return i
        seen += 1
        if seen >= vocab.limits.dateline_lines:
            break
    return -1


def _dateline_span(line: _Line, vocab: ZoneVocabulary) -> int:
    """Length of the dateline at the start of ``line`` (0 if none)."""
    text = line.text
    if not _terminated(text, vocab):
        return 0                                 # a dateline opens a paragraph, and paragraphs end
    m = vocab.dateline.match(text)
    if m and _dateline_place_ok(m, vocab):
        return m.end("span")
    m = vocab.dateline_agency_only.match(text)
    return m.end() if m else 0


def _dateline_place_ok(m: "re.Match[str]", vocab: ZoneVocabulary) -> bool:
    """The place of a dateline: capitals, a place with a region, or a known place name."""
    if m.group("date2"):
        return True
    place = m.group("caps") or m.group("mixed") or ""
    words = place.split()
    if not words or len(words) > vocab.limits.dateline_place_words:
        return False
    if words[0].casefold().strip(".") in vocab.not_places or words[0].casefold() in vocab.calendar_words:
        return False
    if m.group("caps"):
        return len(place) >= 2
    if m.group("region") or m.group("agency") or m.group("date1"):
        return True
    return place.casefold() in vocab.places


def _update_span(line: _Line, vocab: ZoneVocabulary) -> int:
    """Length of an update label opening a paragraph ("UPDATE - May 30, 10 p.m.: "), or 0."""
    m = vocab.update_label.match(line.text)
    if not m or m.end() >= len(line.text):
        return 0
    label = line.text[: m.end()]
    if label.rstrip()[-1:] not in ":-–—":
        return 0
    when = re.sub(r"^\W*\w+\W*", "", label, count=1).strip(" :-–—")
    if when and not _stamp_tokens_only(when, vocab):
        return 0                                 # "UPDATE - May 30, 10 p.m.:" -- a time, nothing else
    return m.end()


def _byline_tail(line: _Line, vocab: ZoneVocabulary) -> int:
    """Length of a closing "(Reporting by ...; Editing by ...)" parenthesis, or 0."""
    m = vocab.byline_credit_tail.search(line.text)
    if not m or m.start() == 0:
        return 0
    return len(line.text) - m.start()


# --- cover ------------------------------------------------------------------------------------------------

def _cover(text: str, body_start: int, segments: Sequence[_Segment]) -> Tuple[Zone, ...]:
    """Zones covering [0, len(text)) in order: segments, with the whitespace between them.

    Whitespace between two segments of one zone joins that zone (a related list stays one
    zone); other whitespace is body.
    """
    pieces: List[_Segment] = []
    if body_start > 0:
        pieces.append(_Segment(0, body_start, "meta"))
    pos = body_start
    previous: Optional[str] = None
    for seg in segments:
        if seg.start > pos:
            pieces.append(_Segment(pos, seg.start, seg.name if previous == seg.name else "body"))
        pieces.append(seg)
        pos, previous = seg.end, seg.name
    if pos < len(text):
        pieces.append(_Segment(pos, len(text), "body"))
    return _merged(pieces)


def _merged(pieces: Sequence[_Segment]) -> Tuple[Zone, ...]:
    zones: List[Zone] = []
    for piece in pieces:
        if piece.end <= piece.start:
            continue
        if zones and zones[-1].name == piece.name and zones[-1].end == piece.start:
            zones[-1] = Zone(piece.name, zones[-1].start, piece.end)
        else:
            zones.append(Zone(piece.name, piece.start, piece.end))
    return tuple(zones)


# --- public -----------------------------------------------------------------------------------------------

def page_zones(text: str, body_start: int = 0, title: Optional[str] = None,
               lang: str = "en") -> Tuple[Zone, ...]:
    """The zones of an article's text: a contiguous, ordered cover of ``[0, len(text))``.

    ``text[:body_start]`` (front matter, a ``date`` header) is "meta". ``title`` (from front
    matter or facts.yaml) lets the headline be found even when it is punctuated.
    """
    vocab = zone_vocabulary(lang)
    body_start = max(0, min(body_start, len(text)))
    lines = _body_lines(text, body_start)
    names = [_own_zone(line, vocab) for line in lines]
    _with_headline(lines, names, title, vocab)
    _title_stamps(lines, names, title, vocab)
    _with_neighbours(lines, names, vocab)
    return _cover(text, body_start, _segments(lines, names, vocab))


def zone_at(zones: Sequence[Zone], offset: int, starts: Optional[Sequence[int]] = None) -> str:
    """The zone name at a character offset (bisect). Offsets past either end take the nearest zone;
    an empty cover (empty text) is all body. ``starts`` (the zones' starts, listed once by a
    caller asking for many offsets) keeps each answer logarithmic."""
    if not zones:
        return "body"
    if starts is None:
        starts = [z.start for z in zones]
    i = bisect.bisect_right(starts, offset) - 1
    return zones[max(0, min(i, len(zones) - 1))].name
