"""What a figure measures: its counted noun and the predicate around it, through a lexicon.

"12 people were killed", "killing 12", "12 dead", "the death toll rose to 12" and "12
fatalities" all give the measure ``deaths`` (``lang/<code>/measures.yaml``), whatever noun
is counted. A figure with no measure word near it keeps no measure (its counted noun still
says what it counts). A figure that is only a part of the total ("two crewmembers and 10
U.S. citizens", "10 Americans among 12 dead", "including five children") is marked a part.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

import re

import regex

from factcheck.lang import lexicon
from factcheck.mention import Mention

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
#: Punctuation that closes a figure's phrase: the measure word must stand in the same phrase.
#: A full stop closes it only before a capital or the line end ("U.S. citizens" stays one).
_PHRASE_END = regex.compile(r"[;:!?()\[\]—–]|\.(?=\s+[\p{Lu}\"“]|\s*$)|\s-\s|[\"“”]")


@dataclass(frozen=True)
class MeasureSettings:
    """words_after / words_before: how far (in words) from the figure a measure word is looked
    for, after it ("12 people were killed": 3) and before it ("killing at least 12": 3).
    After wins at equal distance: English puts the predicate after its subject."""

    words_after: int = 6
    words_before: int = 4
    lang: str = "en"


DEFAULT_MEASURE_SETTINGS = MeasureSettings()


@dataclass(frozen=True)
class MeasureReading:
    measure: Optional[str]     # "deaths", "injuries", ... or None
    cue: Optional[str]         # the word that said it, as written
    part: bool = False         # the figure is a part of a total given elsewhere
    changed: bool = False      # its phrase says the value changed ("rose to", "revised")
    holder: Optional[str] = None  # an age's person, as written ("Kafoury" in "Kafoury, 63,")


@lru_cache(maxsize=None)
def _suffixes(lang: str) -> Tuple[str, ...]:
    return tuple(sorted((str(s) for s in lexicon(lang).get("match_context_suffixes") or ()), key=len, reverse=True))


@lru_cache(maxsize=65536)
def stem(word: str, lang: str = "en") -> str:
    word = word.lower().replace("’", "'")
    for suffix in _suffixes(lang):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=None)
def _table(lang: str) -> Tuple[Dict[Tuple[str, ...], str], int]:
    """Stemmed word sequence -> measure; and the longest sequence."""
    table: Dict[Tuple[str, ...], str] = {}
    for measure, entry in (lexicon(lang).get("measures") or {}).items():
        for phrase in entry.get("words") or ():
            table[tuple(stem(w, lang) for w in _WORD.findall(str(phrase)))] = str(measure)
    return table, max((len(k) for k in table), default=1)


@lru_cache(maxsize=None)
def _phrases(lang: str, key: str) -> Tuple[Tuple[str, ...], ...]:
    return tuple(tuple(stem(w, lang) for w in _WORD.findall(str(p)))
                 for p in lexicon(lang).get(key) or ())


@lru_cache(maxsize=None)
def moves(measure: Optional[str], lang: str = "en") -> Optional[str]:
    """How a measure may evolve over time: "up", "down", "either" or None (it does not)."""
    entry = (lexicon(lang).get("measures") or {}).get(measure) or {}
    return entry.get("moves")


@lru_cache(maxsize=None)
def _is_noun_measure(measure: str, lang: str) -> bool:
    return bool(((lexicon(lang).get("measures") or {}).get(measure) or {}).get("noun"))


def measure_of_words(words: Sequence[str], lang: str = "en") -> Optional[str]:
    """The measure named by a declared ``of`` entry ("killed", "dead", "death toll"), if any."""
    table, _ = _table(lang)
    return table.get(tuple(stem(w, lang) for w in words))


def _words(text: str, start: int, end: int) -> List[Tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def _phrase_span(text: str, mention: Mention) -> Tuple[int, int]:
    """The stretch around the figure no phrase-ending punctuation interrupts."""
    before = [m.end() for m in _PHRASE_END.finditer(text, max(0, mention.start - 300), mention.start)]
    after = _PHRASE_END.search(text, mention.end, min(len(text), mention.end + 300))
    start = before[-1] if before else max(0, mention.start - 300)
    end = after.start() if after else min(len(text), mention.end + 300)
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    return max(start, line_start), min(end, line_end if line_end != -1 else len(text))


def _find(stems: Sequence[str], phrases: Tuple[Tuple[str, ...], ...]) -> Optional[int]:
    """Where the first of ``phrases`` starts in ``stems``: each word is looked up by its stem
    (phrases indexed by their first word), so the cost is the words', not words x phrases."""
    index = _by_first_stem(phrases)
    for i, word in enumerate(stems):
        for phrase in index.get(word, ()):
            if tuple(stems[i:i + len(phrase)]) == phrase:
                return i
    return None


@lru_cache(maxsize=None)
def _by_first_stem(phrases: Tuple[Tuple[str, ...], ...]) -> Dict[str, Tuple[Tuple[str, ...], ...]]:
    index: Dict[str, List[Tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in index.items()}


@lru_cache(maxsize=None)
def _number_words(lang: str) -> frozenset:
    data = lexicon(lang)
    words = set()
    for key in ("number_units", "number_tens", "number_scales"):
        words.update(str(w).lower() for w in (data.get(key) or {}))
    return frozenset(words)


def _is_number(word: str, lang: str) -> bool:
    return word[:1].isdigit() or word.lower() in _number_words(lang)


@lru_cache(maxsize=None)
def _scan_stops(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("measure_scan_stops") or ())


def _until_stop(words: Sequence[Tuple[int, int, str]], text: str, lang: str, backwards: bool,
                anchor: Optional[int] = None):
    """The words up to the first comma, conjunction or other figure (walking away from the
    figure), and the word that stopped the walk: a measure word beyond another figure or
    clause is not this figure's ("5.9 hit Iran, killing 10"; "25 were killed and 40 injured")."""
    out = []
    sequence = list(reversed(words)) if backwards else list(words)
    previous_end = anchor               # the figure's own edge: "Dead, 2 Injured" stops at the comma
    for start, end, word in sequence:
        gap = text[end:previous_end] if backwards and previous_end is not None else \
            text[previous_end:start] if previous_end is not None else ""
        if "," in gap or _is_number(word, lang) or word.lower() in _scan_stops(lang):
            return (list(reversed(out)) if backwards else out), (start, end, word)
        out.append((start, end, word))
        previous_end = start if backwards else end
    return (list(reversed(out)) if backwards else out), None


def _scan(words: Sequence[Tuple[int, int, str]], lang: str, side: int):
    table, longest = _table(lang)
    stems = [stem(w, lang) for _, _, w in words]
    found = []
    for i in range(len(words)):
        for size in range(min(longest, len(words) - i), 0, -1):
            measure = table.get(tuple(stems[i:i + size]))
            if measure:
                distance = i if side == 0 else len(words) - i - size
                found.append((distance, side, measure, " ".join(w for _, _, w in words[i:i + size]), i))
                break
    return found


def read_measure(text: str, mention: Mention, settings: MeasureSettings = DEFAULT_MEASURE_SETTINGS) -> MeasureReading:
    """The measure a quantity gives, the word that says so, and whether it is a part.

    The measure word is looked for after the figure ("12 people were killed") and before it
    ("killing 12"), never beyond a comma, a conjunction or another figure; at equal distance
    the word before wins, as a verb governs the figure after it ("kills 1, injures 2"). A
    figure glued to a noun by a hyphen ("6.1-magnitude") describes that noun and measures
    nothing here. Each figure of a list ("killing two crewmembers and 10 U.S. citizens",
    "killed two women and a man", "two pilots and 10 passengers died") takes the list's
    measure and is a part of its total.
    """
    lang = settings.lang
    start, end = _phrase_span(text, mention)
    changed = _changed(text, start, end, lang)
    if is_age(text, mention.start, mention.end, mention.value, lang):
        return MeasureReading("age", None, changed=changed, holder=age_holder(text, mention, lang))
    if _offset(text, mention, end, lang):
        return MeasureReading("offset", None, changed=changed)
    if _label(text, mention, lang):
        return MeasureReading("label", None, changed=changed)
    if mention.end < len(text) and text[mention.end] in "-‐–" and mention.end + 1 < len(text) \
            and text[mention.end + 1].isalpha():
        return MeasureReading(None, None, changed=changed)
    after, after_stop = _until_stop(_words(text, mention.end, end), text, lang, backwards=False, anchor=mention.end)
    before, before_stop = _until_stop(_words(text, start, mention.start), text, lang, backwards=True,
                                      anchor=mention.start)
    after, before = after[: settings.words_after], before[-settings.words_before:]
    found = _scan(after, lang, 0) + _scan(before, lang, 1)
    listed = False
    if not found:
        # A list: the measure is read before its first figure or after its last one.
        first = _list_neighbour(text, start, mention.start, lang, backwards=True)
        last = _list_neighbour(text, mention.end, end, lang, backwards=False)
        if first is not None:
            earlier, _ = _until_stop(_words(text, start, first[0]), text, lang, backwards=True)
            found = _scan(earlier[-settings.words_before:], lang, 1)
        if not found and last is not None:
            later, _ = _until_stop(_words(text, last[1], end), text, lang, backwards=False)
            found = _scan(later[: settings.words_after], lang, 0)
        listed = bool(found)
    if not found:
        return MeasureReading(None, None, part=_origin_part(text, mention, lang), changed=changed)
    # A predicate ("died") says more than a noun ("passengers"): "10 passengers died" gives deaths.
    distance, side, measure, cue, index = min(found, key=lambda f: (_is_noun_measure(f[2], lang), f[0], -f[1]))
    between = after[:index] if side == 0 and not listed else before[index + 1:] if not listed else ()
    part = listed or _find([stem(w, lang) for _, _, w in between], _phrases(lang, "measure_part_cues")) is not None
    if not part and side == 1 and _list_neighbour(text, mention.end, end, lang, backwards=False, people=True):
        part = True     # "killing two crewmembers and 10 ...", "killed two women and a man"
    if not part and _list_neighbour(text, start, mention.start, lang, backwards=True, people=True):
        part = True     # "two pilots and 10 passengers died": the list's last part
    if not part and _origin_part(text, mention, lang):
        part = True     # "killed 10 from US": the ones from somewhere, a group within the toll
    return MeasureReading(measure, cue, part, changed)


_ORIGIN = regex.compile(r"\s+(?:[\p{Ll}-]+\s+){0,2}(?:from\s+(?:the\s+)?\p{Lu}|of\s+(?:them|whom)\b|of\s+(?:the|those)\s+(\S+))")


def _origin_part(text: str, mention: Mention, lang: str) -> bool:
    """"10 from US", "five of them", "nine of the dead": a group within a total. "Two of the
    three victims" is a partitive of a counted group, left to the checks' own setting."""
    m = _ORIGIN.match(text, mention.end)
    return bool(m) and not (m.group(1) and _is_number(m.group(1), lang))


@lru_cache(maxsize=None)
def _patterns(lang: str):
    """The list and label patterns, built from the lexicon once per language."""
    data = lexicon(lang)
    alt = lambda key: "|".join(regex.escape(str(w)) for w in sorted(data.get(key) or (), key=len, reverse=True)) \
        or "(?!)"  # noqa: E731
    joiners, singles, fillers = alt("measure_list_joiners"), alt("measure_list_singletons"), alt("measure_label_fillers")
    return {
        "label_before": regex.compile(r"(\p{L}+)\.?\s*(?:(?:" + fillers + r")\s+){0,3}$", regex.I),
        "label_after": regex.compile(r"[\s-]*(\p{L}+)"),
        "single_before": regex.compile(r"\b(?:" + singles + r")\s+\p{L}+\s+(?:" + joiners + r")\s*$", regex.I),
        "number_before": regex.compile(r"(\d[\d,.]*|\b\p{L}+)\s+((?:[\p{L}.'’-]+\s+){0,3})(?:" + joiners + r")\s*$"),
        "after": regex.compile(r"\s*(?:[\p{L}.'’-]+\s+){0,3}?(?:" + joiners + r")\s+(\d[\d,.]*|\p{L}+)\b"),
        "singles": frozenset(str(w).lower() for w in data.get("measure_list_singletons") or ()),
        "label_before_words": frozenset(str(w).lower() for w in data.get("measure_label_before") or ()),
        "label_after_words": frozenset(str(w).lower() for w in data.get("measure_label_after") or ()),
        "offsets": frozenset(str(w).lower() for w in data.get("measure_offset_words") or ()),
    }


def _label(text: str, mention: Mention, lang: str) -> bool:
    """"Magnitude 6.1", "6.1 magnitude", "Flight 370", "lap 13": a figure that names or
    grades something, never a count of it."""
    p = _patterns(lang)
    previous = p["label_before"].search(text, max(0, mention.start - 40), mention.start)
    following = p["label_after"].match(text, mention.end, min(len(text), mention.end + 30))
    return bool((previous and previous.group(1).lower() in p["label_before_words"])
                or (following and following.group(1).lower() in p["label_after_words"]))


def _offset(text: str, mention: Mention, end: int, lang: str) -> bool:
    """"six laps later", "three days earlier": a distance from something, not a count."""
    words = [w.lower() for _, _, w in _words(text, mention.end, end)[:3]]
    return any(w in _patterns(lang)["offsets"] for w in words)


def _list_neighbour(text: str, lo: int, hi: int, lang: str, backwards: bool, people: bool = False):
    """The span of a figure joined to this one by "and" within its phrase ("two crewmembers
    and 10"), walking backwards from ``hi`` or forwards from ``lo``; ``people`` also accepts
    "and a/an/one <noun>" ahead ("two women and a man")."""
    p = _patterns(lang)
    window = text[lo:hi]
    if backwards:
        if people and p["single_before"].search(window):
            return hi - 1, hi       # "a man and two women"
        for m in p["number_before"].finditer(window, overlapped=True):
            if _is_number(m.group(1), lang) and not _scan(_words(m.group(2), 0, len(m.group(2))), lang, 0):
                return lo + m.start(1), lo + m.end(1)   # (not "25 people were killed and 40 ...")
        return None
    m = p["after"].match(window)
    if not m:
        return None
    if _is_number(m.group(1), lang) or (people and m.group(1).lower() in p["singles"]):
        return lo + m.start(1), lo + m.end(1)
    return None


def _changed(text: str, start: int, end: int, lang: str) -> bool:
    stems = [stem(w, lang) for _, _, w in _words(text, start, end)]
    return _find(stems, _phrases(lang, "measure_change_cues")) is not None


# --------------------------------------------------------------------------- ages

_AGE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_APPOSITION_BEFORE = re.compile(r"[^\W\d_][\w'’.-]*,\s*$")
_APPOSITION_AFTER = re.compile(r"^\s*[,;.)]")


def is_age(text: str, start: int, end: int, value, lang: str = "en") -> bool:
    """Is the whole number at [start, end) an age: "aged 49", "age 49", "23-year-old"
    (the mention "23-year" followed by "old"), or set off by commas right after a
    capitalised word ("Arcade Joseph Comeaux Jr., 49, took ...")?"""
    if isinstance(value, tuple) and len(value) == 2:
        # "in his 50s": a decade of age after its opener (numbers.yaml, number_decade_openers)
        before = " ".join(text[max(0, start - 24):start].lower().split())
        parts = _lex_words(lang, "number_decade_parts")
        words = before.split()
        if words and words[-1] in parts:
            before = " ".join(words[:-1])
        return any(before.endswith(opener) for opener in _lex_words(lang, "number_decade_openers"))
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        return False
    following = _AGE_WORD.match(text[end:end + 12].lstrip(" -‐–"))
    if following and following.group().lower() in _lex_words(lang, "cross_age_after_words"):
        return True                     # "23-year-old", "23 years old" (even a slipped "230-year-old")
    if value >= _max_age(lang):
        return False
    before = text[max(0, start - 40):start]
    words = _AGE_WORD.findall(before)
    if words and words[-1].lower() in _lex_words(lang, "cross_age_words") and before.rstrip().endswith(words[-1]):
        return True                     # "aged 91"
    if not _APPOSITION_AFTER.match(text[end:end + 3]):
        return False
    found = _APPOSITION_BEFORE.search(before)
    return bool(found) and found.group()[:1].isupper()


@lru_cache(maxsize=None)
def _max_age(lang: str) -> int:
    return int(lexicon(lang).get("cross_max_age") or 130)


@lru_cache(maxsize=None)
def _lex_words(lang: str, key: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get(key) or ())




_HOLDER = regex.compile(r"(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}),\s*$")
_NAME_AFTER = regex.compile(r"\s+((?:\p{Lu}[\p{L}'’.-]*)(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})")
_WORD_BEFORE = regex.compile(r"([\p{L}]+)\s*$")


def age_holder(text: str, mention: Mention, lang: str = "en") -> Optional[str]:
    """Whose age it is: the name right before it ("Madeline Kafoury, 63,", "Cesar Sayoc, aged
    56", "Sayoc, the 56-year-old") or, after "N-year-old", right after it ("16-year-old
    Kimani Gray"). Words between the comma and the figure may be an age word or an article."""
    before = text[max(0, mention.start - 80):mention.start]
    if isinstance(mention.value, tuple):
        before = _before_decade(before, lang)   # "Cesar Sayoc, a man in his 50s"
    skippable = _lex_words(lang, "cross_age_words") | _lex_words(lang, "age_holder_skipped_words")
    for _ in range(2):
        word = _WORD_BEFORE.search(before)
        if word is None or word.group(1).lower() not in skippable:
            break
        before = before[:word.start()]
    m = _HOLDER.search(before)
    if m:
        return m.group(1)
    old = _OLD_AFTER.match(text, mention.end)
    if old and old.group(1).lower() in _lex_words(lang, "cross_age_after_words"):
        m = _NAME_AFTER.match(text, old.end())
        if m:
            return m.group(1)
    return None


def _before_decade(before: str, lang: str) -> str:
    """The text before "in his 50s" without its opener and up to three lower-case words
    ("Cesar Sayoc, a man in his" -> "Cesar Sayoc,"), so the name before the comma is found."""
    squashed = before.rstrip()
    for opener in sorted(_lex_words(lang, "number_decade_openers"), key=len, reverse=True):
        pattern = r"\s+".join(map(regex.escape, opener.split()))
        m = regex.search(rf"(?i:(?<!\w){pattern})$", squashed)
        if m:
            squashed = squashed[:m.start()]
            break
    else:
        return before
    lowered = regex.sub(r"(?:\s+\p{Ll}[\p{L}'’-]*){0,3}\s*$", "", squashed)
    return lowered + " "


#: The word after an "N-year" figure ("-old"), which a name may follow.
_OLD_AFTER = regex.compile(r"[\s-]*([\p{L}]+)")
