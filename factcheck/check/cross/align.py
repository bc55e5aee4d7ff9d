"""Which figures in different articles talk about the same thing: keys and sentence similarity.

Pure text functions, no verdicts. :mod:`factcheck.check.cross.figures` decides with them.

- A quantity's *key* is what it counts: its unit ("km", "USD", "%"), else its
  counted noun folded to a group ("troops" -> soldiers), else — for generic or
  missing nouns ("24 people", "killing at least one") — the role word next to it
  ("killed" -> dead), else "age" for a bare number set off by commas after a
  name ("Comeaux Jr., 49, escaped") or after "aged". Figures with different keys
  are never compared. A figure that states a change ("rose 3 %") is keyed apart from
  levels (:func:`change_key`): a change is never aligned with a level, while "rose 3 %"
  and "fell 3 %" share a key and meet.
- Two mentions' *similarity* is an IDF-weighted Jaccard overlap of the content
  words of their sentences, mixed with the same overlap restricted to a window of
  words around each figure. IDF is computed over the sentences being compared, so
  words every article shares ("quake", "Aceh") count little and distinctive ones
  ("Zelensky", "acclimatising") count much.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

from factcheck.lang import lexicon

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Token:
    stem: str          # folded form used for comparison ("" for a stop-word)
    start: int         # offset in the text the token was read from
    end: int


@lru_cache(maxsize=None)
def _lex(lang: str) -> Mapping:
    return lexicon(lang)


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> FrozenSet[str]:
    return frozenset(str(w).lower() for w in _lex(lang).get("cross_stopwords") or ())


@lru_cache(maxsize=None)
def _suffixes(lang: str) -> Tuple[str, ...]:
    return tuple(sorted((str(s) for s in _lex(lang).get("cross_suffixes") or ()), key=len, reverse=True))


def stem(word: str, lang: str = "en") -> str:
    """A crude, deterministic stem: lower case, possessive and one suffix removed."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    for suffix in _suffixes(lang):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:_stem_length(lang)]


@lru_cache(maxsize=None)
def _stem_length(lang: str) -> int:
    # Truncation folds what suffix stripping misses ("Korea"/"Korean", "Zelensky"/"Zelenskiy").
    return int(_lex(lang).get("cross_stem_length") or 1000)


@lru_cache(maxsize=None)
def _roles(lang: str) -> Mapping[str, str]:
    """stem -> role name ("killed" -> "dead")."""
    table: Dict[str, str] = {}
    for role, words in (_lex(lang).get("cross_roles") or {}).items():
        for word in words or ():
            table[stem(str(word), lang)] = str(role)
    return table


@lru_cache(maxsize=None)
def _noun_groups(lang: str) -> Mapping[str, str]:
    """stem -> group name ("troops" -> "soldiers")."""
    table: Dict[str, str] = {}
    for group in _lex(lang).get("cross_noun_groups") or ():
        words = [str(w) for w in group]
        for word in words:
            table.setdefault(stem(word, lang), words[0])
    return table


@lru_cache(maxsize=None)
def _generic(lang: str) -> FrozenSet[str]:
    return frozenset(stem(str(w), lang) for w in _lex(lang).get("cross_generic_counted") or ())


def tokens(text: str, offset: int = 0, lang: str = "en") -> List[Token]:
    """Word tokens of ``text`` (hyphenated words split); stop-words get an empty stem."""
    stops = _stopwords(lang)
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        folded = word.lower().replace("’", "'")
        bare = folded[:-2] if folded.endswith("'s") else folded
        is_stop = bare in stops or len(bare) < 2
        out.append(Token("" if is_stop else stem(word, lang), offset + m.start(), offset + m.end()))
    return out


def role_near(toks: Sequence[Token], start: int, end: int, window: int, lang: str = "en",
              text: str = "") -> Optional[str]:
    """The role ("dead", "injured", ...) of the nearest role word within ``window`` tokens.

    The search stops at a clause break ("killing one person and injuring dozens"
    keys "one" as dead). Ties go to the word after the figure ("seven were injured").
    """
    roles = _roles(lang)
    breaks = _word_set(lang, "cross_clause_breaks")
    before = [t for t in toks if t.end <= start]
    after = [t for t in toks if t.start >= end]
    best: Optional[Tuple[int, int, str]] = None
    for distance, tok in enumerate(reversed(before[-window:]), 1):
        if text and text[tok.start:tok.end].lower() in breaks:
            break
        role = roles.get(_raw_stem(tok, text, lang))
        if role:
            best = (distance, 1, role)
            break
    for distance, tok in enumerate(after[:window], 1):
        if text and text[tok.start:tok.end].lower() in breaks:
            break
        role = roles.get(_raw_stem(tok, text, lang))
        if role:
            if best is None or (distance, 0) < best[:2]:
                best = (distance, 0, role)
            break
    return best[2] if best else None


def _raw_stem(tok: Token, text: str, lang: str) -> str:
    # Role words may be stop-words elsewhere ("dead" is not, but be safe): read from the text.
    if tok.stem or not text:
        return tok.stem
    return stem(text[tok.start:tok.end], lang)


def counted_key(counted: Optional[str], lang: str = "en") -> Tuple[Optional[str], bool]:
    """(group of the counted noun's head word, whether it is a generic noun like "people")."""
    if not counted:
        return None, True
    words = _WORD.findall(counted)
    if not words:
        return None, True
    if words[-1].lower() in _stopwords(lang):
        return None, True               # an extraction slip ("killed 230,000 people around")
    head = stem(words[-1], lang)
    if head in _generic(lang):
        return _noun_groups(lang).get(head, words[-1].lower()), True
    return _noun_groups(lang).get(head, words[-1].lower()), False


def change_key(key: Optional[str], change: Optional[str]) -> Optional[str]:
    """The key of a figure stating a change: its level key marked as a change, the same for
    both directions (so "rose 3 %" and "fell 3 %" are compared, and disagree)."""
    return f"change:{key}" if key and change else key


def window_stems(toks: Sequence[Token], start: int, end: int, width: int) -> FrozenSet[str]:
    """Content stems within ``width`` tokens either side of [start, end), excluding the figure."""
    before = [t for t in toks if t.end <= start][-width:]
    after = [t for t in toks if t.start >= end][:width]
    return frozenset(t.stem for t in (*before, *after) if t.stem)


def sentence_stems(toks: Sequence[Token], start: int, end: int) -> FrozenSet[str]:
    """Content stems of the sentence, excluding those inside the figure itself."""
    return frozenset(t.stem for t in toks if t.stem and (t.end <= start or t.start >= end))


def idf_table(bags: Iterable[FrozenSet[str]]) -> Dict[str, float]:
    """Smoothed inverse document frequency over bags of words (one bag per sentence)."""
    bags = list(bags)
    counts: Dict[str, int] = {}
    for bag in bags:
        for word in bag:
            counts[word] = counts.get(word, 0) + 1
    n = len(bags)
    return {word: math.log((n + 1) / (c + 1)) + 1.0 for word, c in counts.items()}


def weighted_jaccard(a: FrozenSet[str], b: FrozenSet[str], idf: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    union = a | b
    total = sum(idf.get(w, 1.0) for w in union)
    shared = sum(idf.get(w, 1.0) for w in a & b)
    return shared / total if total else 0.0


@lru_cache(maxsize=None)
def _word_set(lang: str, key: str) -> FrozenSet[str]:
    return frozenset(str(w).lower() for w in _lex(lang).get(key) or ())


def date_role(toks: Sequence[Token], start: int, end: int, text: str, lang: str = "en") -> str:
    """"report" when the date dates a statement ("said Friday", "said on Friday",
    "Friday said"), else "event" ("transported ... between October 8 and 13")."""
    verbs = _word_set(lang, "cross_reporting_verbs")
    links = _word_set(lang, "cross_report_date_links")
    before = [t for t in toks if t.end <= start]
    for tok in reversed(before):
        word = text[tok.start:tok.end].lower()
        if word in verbs:
            return "report"
        if word not in links:
            break
    after = [t for t in toks if t.start >= end]
    if after and text[after[0].start:after[0].end].lower() in verbs:
        return "report"
    return "event"


def is_metadata(toks: Sequence[Token], text: str, lang: str = "en") -> bool:
    """A sentence that is page furniture ("Published: May 3, 2013 2:00pm EDT")."""
    words = _word_set(lang, "cross_metadata_words")
    return any(text[t.start:t.end].lower() in words for t in toks)


def proper_nouns(sentences: Iterable[Sequence[Token]], text: str) -> FrozenSet[str]:
    """Stems written capitalised inside a sentence somewhere in the article (not at its start,
    not in Title Case lines such as headlines): the article's names."""
    found = set()
    for toks in sentences:
        content = [t for t in toks if t.stem]
        capitals = [t for t in content if text[t.start:t.start + 1].isupper()]
        if not content or len(capitals) * 2 > len(content):
            continue                     # a headline in Title Case says nothing about names
        found.update(t.stem for t in capitals if t is not toks[0])
    return frozenset(found)


def _speakers(toks: Sequence[Token], text: str, lang: str) -> FrozenSet[int]:
    """Indexes of capitalised tokens naming who speaks ("Bower said", "said Sutopo Nugroho")."""
    verbs = _word_set(lang, "cross_reporting_verbs")
    out = set()
    for i, tok in enumerate(toks):
        if text[tok.start:tok.end].lower() not in verbs:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(toks) and text[toks[j].start:toks[j].start + 1].isupper():
                out.add(j)
                j += step
    return frozenset(out)


def names_near(toks: Sequence[Token], start: int, end: int, width: int, text: str,
               proper: FrozenSet[str] = frozenset(), lang: str = "en") -> FrozenSet[str]:
    """Names within ``width`` tokens of the figure, leaving out who is quoted.

    A capitalised word counts inside a sentence; at its start only when the
    article writes it capitalised elsewhere too (``proper``): "Dorsey's been ..."
    counts, "Voters in 2009 ..." does not.
    """
    speakers = _speakers(toks, text, lang)
    indexed = list(enumerate(toks))
    before = [(i, t) for i, t in indexed if t.end <= start][-width:]
    after = [(i, t) for i, t in indexed if t.start >= end][:width]
    names = set()
    for i, tok in (*before, *after):
        if not tok.stem or i in speakers or not text[tok.start:tok.start + 1].isupper():
            continue
        if i == 0 and tok.stem not in proper:
            continue
        names.add(tok.stem)
    return frozenset(names)


def has_future_cue(toks: Sequence[Token], text: str, lang: str = "en") -> bool:
    cues = _word_set(lang, "cross_future_cues")
    return any(text[t.start:t.end].lower().replace("’", "'") in cues for t in toks)
