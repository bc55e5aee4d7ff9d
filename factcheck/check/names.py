"""Comparing person names: accepted spellings, near misses, different people.

Decisions (each a named setting below):

* ``normalise``: case, diacritics ("Gérard" = "Gerard"), apostrophes ("O'Brien" =
  "OBrien"), full stops of initials ("J.K." = "J K"), quoted nicknames
  ('Vincent "The Chin" Gigante' = "Vincent Gigante") and hyphens are folded; a
  hyphen counts as a space, so "Hong-kyun" = "Hong Kyun". A part written joined
  ("Hongkyun") is *not* the same spelling, but it is a near miss (same letters,
  other spacing), so the checker reports it unless declared as an alias.
* ``same_spelling``: the mention is an accepted spelling, or a contiguous leading
  or trailing part of one as written ("Zinoviev", "Georgy" for "Georgy Zinoviev";
  "Kim" for "Kim Hong-kyun"). A bare family name shared by several people ("Kim")
  is therefore accepted: it is ambiguous, never a misspelling, so it must not
  raise an alarm (SHORT_PART_IS_ACCEPTED).
* ``glued_particle``: with every other part identical, a surname with a name particle
  glued on or dropped ("Anthony Calamita" / "Anthony LaCalamita") is a near miss
  (GLUED_PARTICLE_IS_SLIP); a bare surname alone is not judged so.
* ``near_miss``: the mention is not an accepted spelling but aligns token by token
  with one (the whole of it, or its trailing part = the surname in Western order),
  every token being the same after transliteration folding or within a small edit
  distance; returns the declared spelling it resembles. Tokens shorter than
  MIN_FUZZY_TOKEN must match after folding exactly, so short given names and
  Korean/Chinese syllables ("Jong" vs "Hong", "Un" vs "Kyun") never pass as
  typos: "Kim Jong Un" is not "Kim Hong-kyun", "David Lammy" is not "David
  Cameron". A mention longer than the declared name is not judged (an extra given
  name may well be another person: "Grigory Zinoviev").
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Iterable, List, Optional, Sequence, Tuple

import regex

from factcheck.lang import lexicon

MIN_FUZZY_TOKEN = 5        # tokens shorter than this must be equal after folding
LONG_TOKEN = 9             # tokens at least this long may differ by LONG_TOKEN_EDITS
TOKEN_EDITS = 1            # edits allowed in a token of MIN_FUZZY_TOKEN..LONG_TOKEN-1 letters
LONG_TOKEN_EDITS = 2
MIN_PART_LETTERS = 5       # a surname-only mention must have this many letters to be judged
# A one-letter slip in a short token ("Kim Hona-kyun", "Mork Rutte") is a near miss when every
# other token is identical: the rest of the name anchors it. The odd token needs this many
# letters and the same first letter, so "Kim Jong Un" / "Kim Jong Il" stay different people.
MIN_ANCHORED_TOKEN = 4
SHORT_PART_IS_ACCEPTED = True
# "Anthony Calamita" for "Anthony LaCalamita": with every other part identical, a surname that
# is the declared one minus (or plus) a glued-on particle is that surname misspelt, not
# another family (the given name anchors it, as for MIN_ANCHORED_TOKEN).
GLUED_PARTICLE_IS_SLIP = True

_SPLIT = regex.compile(r"[\s\-‐‑–.]+")
_DROP = regex.compile(r"['’`ʼ\"“”‘]")
# A quoted nickname between name parts is not part of the name: Vincent "The Chin" Gigante.
_NICKNAME = regex.compile(r"(?<=\S)\s+[\"“‘'][^\"”’'\n]{1,30}[\"”’']\s+(?=\S)")


def normalise(name: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-folded name: tokens joined by one space."""
    return " ".join(tokens(name))


def tokens(name: str) -> Tuple[str, ...]:
    text = unicodedata.normalize("NFKD", _NICKNAME.sub(" ", str(name)))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROP.sub("", text.casefold())
    return tuple(t for t in _SPLIT.split(text) if t and any(c.isalnum() for c in t))


def same_spelling(mention_name: str, declared_names: Iterable[str]) -> bool:
    """True when the mention is an accepted spelling or a leading/trailing part of one."""
    mention = tokens(mention_name)
    if not mention:
        return False
    for declared in declared_names:
        full = tokens(declared)
        if mention == full:
            return True
        n = len(mention)
        if SHORT_PART_IS_ACCEPTED and n < len(full) and (full[:n] == mention or full[-n:] == mention):
            return True
    return False


@dataclass(frozen=True)
class Resemblance:
    declared: str          # the accepted spelling as declared
    part: str              # the part of it the mention stands for ("Zinoviev")
    edits: int             # letters changed after folding (0: a transliteration/spacing variant)


def near_miss(mention_name: str, declared_names: Iterable[str]) -> Optional[str]:
    """The accepted spelling the mention resembles without being one of them, else None."""
    found = resemblance(mention_name, declared_names)
    return found.declared if found else None


def resemblance(mention_name: str, declared_names: Iterable[str]) -> Optional[Resemblance]:
    declared_names = [d for d in declared_names if isinstance(d, str)]
    if same_spelling(mention_name, declared_names):
        return None
    mention = tokens(mention_name)
    if not mention:
        return None
    best: Optional[Resemblance] = None
    for declared in declared_names:
        full = tokens(declared)
        if not full:
            continue
        for part in _parts(full, len(mention)):
            edits = _aligned_edits(mention, part)
            if edits is None:
                continue
            if len(part) < len(full) and sum(len(t) for t in mention) < MIN_PART_LETTERS:
                continue
            if best is None or edits < best.edits:
                best = Resemblance(declared, " ".join(part), edits)
    return best


def _parts(full: Tuple[str, ...], size: int) -> List[Tuple[str, ...]]:
    """Declared token sequences a mention of ``size`` tokens may stand for."""
    out = []
    if size == len(full):
        out.append(full)
    elif size < len(full):
        out.append(full[-size:])                      # the surname (Western order)
        out.extend(_merged(full, size))               # "Kim Hongkyun" for "Kim Hong-kyun"
    else:
        out.extend(_split_variants(full, size))
    return out


def _merged(full: Tuple[str, ...], size: int) -> List[Tuple[str, ...]]:
    """``full`` with adjacent tokens joined until it has ``size`` tokens."""
    cuts = range(1, len(full))
    out = []
    for kept in combinations(cuts, size - 1):
        bounds = (0,) + kept + (len(full),)
        out.append(tuple("".join(full[a:b]) for a, b in zip(bounds, bounds[1:])))
    return out


def _split_variants(full: Tuple[str, ...], size: int) -> List[Tuple[str, ...]]:
    # A mention with more tokens than the declared name only matches when its extra
    # tokens come from splitting a declared token ("Hong Kyun" vs declared "Hongkyun"):
    # handled by comparing the joined forms.
    return [] if size - len(full) > 2 else [(("".join(full)),)]


def _aligned_edits(mention: Sequence[str], part: Sequence[str]) -> Optional[int]:
    if len(part) == 1 and len(mention) > 1:
        mention = ("".join(mention),)
    if len(mention) != len(part):
        return None
    total = 0
    odd = []
    for a, b in zip(mention, part):
        edits = token_edits(a, b)
        if edits is None:
            odd.append((a, b))
            continue
        total += edits
    if not odd:
        return total
    if len(odd) == 1 and len(part) > 1 and total == 0:
        a, b = odd[0]
        if min(len(a), len(b)) >= MIN_ANCHORED_TOKEN and a[0] == b[0] and damerau_levenshtein(a, b, 1) <= 1:
            return 1
        if GLUED_PARTICLE_IS_SLIP and glued_particle(a, b):
            return 1
    return None


def glued_particle(a: str, b: str, lang: str = "en") -> bool:
    """One surname is the other with a name particle glued on ("LaCalamita" / "Calamita",
    "DeMarco" / "Marco"): the same family name with its particle dropped or added, when
    what is left has at least MIN_FUZZY_TOKEN letters."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < MIN_FUZZY_TOKEN or not long_.endswith(short):
        return False
    return long_[: len(long_) - len(short)] in _glued_particles(lang)


@lru_cache(maxsize=None)
def _glued_particles(lang: str = "en") -> frozenset:
    return frozenset(str(p).casefold().rstrip(".") for p in lexicon(lang)["person_particles"])


def token_edits(a: str, b: str) -> Optional[int]:
    """0 when two name tokens are the same after folding, the edits when close enough, else None."""
    if a == b:
        return 0
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 0
    shortest = min(len(a), len(b))
    if shortest < MIN_FUZZY_TOKEN:
        return None
    allowed = LONG_TOKEN_EDITS if shortest >= LONG_TOKEN else TOKEN_EDITS
    if a[0] != b[0] and fa[:1] != fb[:1]:
        allowed = min(allowed, 1)
    edits = min(damerau_levenshtein(a, b, allowed), damerau_levenshtein(fa, fb, allowed))
    return edits if edits <= allowed else None


@lru_cache(maxsize=None)
def _folds(lang: str = "en") -> Tuple[Tuple["regex.Pattern[str]", str], ...]:
    return tuple((regex.compile(src), dst) for src, dst in lexicon(lang)["person_name_folds"])


_DOUBLE = regex.compile(r"(\p{L})\1+")


@lru_cache(maxsize=4096)
def fold(token: str, lang: str = "en") -> str:
    """A token with romanisation differences folded away (Zinovyev -> zinovev, Dmitry -> dmitri)."""
    out = _DOUBLE.sub(r"\1", token.lower())
    for pattern, replacement in _folds(lang):
        out = pattern.sub(replacement, out)
    return _DOUBLE.sub(r"\1", out)


def damerau_levenshtein(a: str, b: str, cap: int = 10**6) -> int:
    """Optimal-string-alignment distance; stops early (returns > cap) once above ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous2: List[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > cap:
            return cap + 1
        previous2, previous = previous, current
    return previous[-1]
