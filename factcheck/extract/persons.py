"""Persons: names as written, with the title that stands before them.

No language model: a person is a run of 1-4 capitalised name tokens that a
*cue* marks as a person, because a false person raises a false alarm in the
fact checker (precision over recall). The cues, strongest first:

1. a title right before it: "NATO chief Mark Rutte", "Russian ambassador
   Zinovyev", "First Vice Foreign Minister Kim Hong-kyun", "The Kremlin's
   spokesman, Dmitry Peskov", "the Russian ambassador in Seoul, Georgiy Zinoviev";
   an honorific ("Mr Kim") counts as a title;
2. (two tokens or more) a verb of saying right after ("Kim Hong-kyun told"),
   an inverted speaker ("said Cheong Seong-chang, director ..."), an
   appositive right after (", a Chinese foreign ministry spokesperson",
   ", who", ", 45,"), a common given name first ("Lindsay Lohan"),
   coordination with a person just found ("Hyunsu Yim, Hyonhee Shin and ..."),
   or its surname used alone as a speaker elsewhere ("Horton said");
3. a name already found in the same text, anywhere (also in headlines and at
   sentence starts): the full name, its surname alone ("Rutte said" after
   "Mark Rutte"), or its first token alone when that is a given name or the
   name came with a title ("Kim said" after "Kim Hong-kyun").

Single words need a title (1) or a full name (3): a capitalised word alone
is too often a place, a firm or a sentence start ("Seoul said", "Intel said").

Runs holding an organisation or place word ("Security Council", "Storm Corps",
"Government Complex Seoul") are never persons; leading places, nationalities
and function words are stripped ("Russian Ambassador to South Korea Georgy
Zinoviev" -> "Georgy Zinoviev"); Title Case lines (headlines) only yield names
found elsewhere in the text.

Span choice: the mention's span and ``value`` cover the name only, as written
(with a quoted nickname, without a possessive "'s"); ``title`` holds the title
phrase as written, without its possessive owner or place complement
("Ukraine's President" -> "President", "Russian Ambassador to South Korea" ->
"Russian Ambassador"), so that comparing names never has to strip titles and
the marked span in a failure is exactly the name.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import regex

from ..lang import lexicon
from ..mention import Mention

MAX_NAME_TOKENS = 4             # longer capitalised runs are not taken whole
MAX_TITLE_TOKENS = 7            # how far back a title phrase may reach
MAX_TITLE_CAPITALISED = 2       # unknown capitalised words in a title ("NATO", "Apple CEO")
MAX_COMPLEMENT_TOKENS = 3       # "ambassador to South Korea", "envoy in Seoul,"
APPOSITIVE_WINDOW = 7           # tokens after ", a ..." searched for a title head
HEADLINE_MIN_WORDS = 3          # a line is Title Case with at least this many content words
HEADLINE_CAPITALISED_SHARE = 0.75
HEADLINE_MIN_WORDS_WITH_STOP = 5  # a Title Case line ending in a full stop is still a headline
HEADLINE_SHARE_WITH_STOP = 0.9

_UPPER_WORD = r"(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*(?:-\p{L}\p{Ll}*)*"
_ARABIC_ARTICLE = r"(?:al|el|ad|as|ash|at|az|ar)-\p{Lu}\p{Ll}+"
_INITIALS = r"\p{Lu}\.(?:\p{Lu}\.)*"
_TOKEN = rf"(?:{_INITIALS}|{_ARABIC_ARTICLE}|{_UPPER_WORD})(?![\p{{L}}\p{{N}}])"
# A quoted nickname inside a name: Vincent "The Chin" Gigante, Earvin 'Magic' Johnson.
_NICKNAME = r"(?:[ \u00a0][\"“‘'](?:[Tt]he )?\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?[\"”’'])"
_NICKNAME_RE = regex.compile(_NICKNAME)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.'’-]*|[,;:()\"“”‘’!?]")
_TOKEN_RE = regex.compile(_TOKEN)
_POSSESSIVE = regex.compile(r"^['’]s?(?![\p{L}])")


@dataclass(frozen=True)
class PersonLexicon:
    heads: FrozenSet[str]
    modifiers: FrozenSet[str]
    honorifics: FrozenSet[str]
    speech_verbs: FrozenSet[str]
    speaker_cues: Tuple[Tuple[str, ...], ...]
    particles: FrozenSet[str]
    not_name: FrozenSet[str]
    org: FrozenSet[str]
    places: FrozenSet[str]
    nationalities: FrozenSet[str]
    given: FrozenSet[str]
    directions: FrozenSet[str]
    suffixes: FrozenSet[str]
    trailing: FrozenSet[str]
    run: "regex.Pattern[str]"

    def is_blocker(self, word: str) -> bool:
        """A word that is never (part of the start of) a person's name."""
        w = word.lower()
        return w in self.not_name or w in self.places or w in self.nationalities


def _words(items) -> FrozenSet[str]:
    return frozenset(str(i).lower() for i in items)


@lru_cache(maxsize=None)
def person_lexicon(lang: str = "en") -> PersonLexicon:
    lex = lexicon(lang)
    heads, modifiers = set(), set(_words(lex["person_title_modifiers"]))
    for title in _words(lex["titles"]):
        parts = title.split()
        heads.add(parts[-1])
        modifiers.update(parts[:-1])
    particles = _words(lex["person_particles"])
    particle_alt = "|".join(regex.escape(p) for p in sorted(particles, key=len, reverse=True))
    sep = r"[ \u00a0]"
    run = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’.-]){_TOKEN}(?:{_NICKNAME}?{sep}(?:(?:{particle_alt}){sep})*{_TOKEN})*")
    return PersonLexicon(
        heads=frozenset(heads), modifiers=frozenset(modifiers),
        honorifics=_words(lex["person_honorifics"]),
        speech_verbs=_words(lex["person_speech_verbs"]),
        speaker_cues=tuple(tuple(c.split()) for c in _words(lex["person_speaker_cues"])),
        particles=particles, not_name=_words(lex["person_not_name_words"]),
        org=_words(lex["person_org_words"]), places=_words(lex["person_places"]),
        nationalities=_words(lex["person_nationalities"]), given=_words(lex["person_given_names"]),
        directions=_words(lex["person_title_directions"]), suffixes=_words(lex["person_name_suffixes"]),
        trailing=_words(lex["person_trailing_words"]), run=run,
    )


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().rstrip(".")

    @property
    def is_initial(self) -> bool:
        return self.text.endswith(".") and len(self.text) <= 4


@dataclass(frozen=True)
class Candidate:
    tokens: Tuple[Token, ...]       # name tokens (particles excluded)
    start: int
    end: int
    title: Optional[str]
    headline: bool
    blocked: bool                   # holds an organisation word: never a person, not even by propagation

    @property
    def key(self) -> Tuple[str, ...]:
        return tuple(t.low for t in self.tokens if not t.is_initial)


def find_persons(text: str, lang: str = "en") -> List[Mention]:
    """Every person named in ``text``: value = the name as written, title = the title before it."""
    lex = person_lexicon(lang)
    headline_lines = _headline_lines(text, lex)
    candidates = list(_candidates(text, lex, headline_lines))
    accepted: Dict[int, Candidate] = {}
    speaking = _speaking_surnames(text, candidates, lex)
    previous_end = -10
    for cand in candidates:
        if cand.blocked or cand.headline:
            continue
        if _has_cue(text, cand, lex, previous_end) or (len(cand.key) >= 2 and _surname(cand.key, lex) in speaking):
            accepted[cand.start] = cand
            previous_end = cand.end
    known_full = {c.key for c in accepted.values() if len(c.key) >= 2}
    known_single = {c.key[0] for c in accepted.values() if len(c.key) == 1}
    for cand in accepted.values():
        if len(cand.key) >= 2:
            known_single.add(_surname(cand.key, lex))
            # A first token alone is a person when it is a given name ("Lindsay") or the
            # name came with a title (Korean family names first: "Kim" of "Kim Hong-kyun").
            if cand.key[0] in lex.given or cand.title is not None:
                known_single.add(cand.key[0])
    known_single = {w for w in known_single if not lex.is_blocker(w)}
    for cand in candidates:
        if cand.start in accepted or (cand.blocked and not cand.headline):
            continue
        # In a headline every word is capitalised, so an organisation word there does not
        # make the run one name ("Lindsay Lohan Checks Into Rehab"); full names still count.
        singles = frozenset() if cand.blocked else known_single
        for sub in _known_parts(cand, known_full, singles):
            accepted.setdefault(sub.start, sub)
    return [_mention(text, c) for _, c in sorted(accepted.items())]


def _surname(key: Tuple[str, ...], lex: PersonLexicon) -> str:
    """The last name token, skipping a generational suffix ("Comeaux Jr" -> "comeaux")."""
    if len(key) >= 2 and key[-1] in lex.suffixes:
        return key[-2]
    return key[-1]


def _speaking_surnames(text: str, candidates: Sequence[Candidate], lex: PersonLexicon) -> FrozenSet[str]:
    """Single words used alone as a speaker ("Horton said"): the surname of a full name
    written elsewhere in the text ("Zurana Horton, 34"), which makes that full name a person."""
    out = set()
    for cand in candidates:
        if len(cand.key) == 1 and not cand.blocked and not lex.is_blocker(cand.key[0]):
            after = _words_after(text, cand.end, 1)
            before = _words_before(text, cand.start, 1)
            # "one woman in Qeshm told AFP": a place after a preposition is not the speaker.
            if before and before[0].islower() and before[0] not in lex.speech_verbs:
                continue
            if after and after[0].lower() in lex.speech_verbs:
                out.add(cand.key[0])
    return frozenset(out)


def _mention(text: str, cand: Candidate) -> Mention:
    name = text[cand.start:cand.end]
    return Mention(kind="person", start=cand.start, end=cand.end, text=name, value=name,
                   title=cand.title)


# --- candidates -------------------------------------------------------------------------------

def _candidates(text: str, lex: PersonLexicon, headline_lines):
    for run in lex.run.finditer(text):
        nicknames = [(m.start(), m.end()) for m in _NICKNAME_RE.finditer(run.group())]
        tokens = [Token(m.start() + run.start(), m.end() + run.start(), m.group())
                  for m in _TOKEN_RE.finditer(run.group())
                  if not any(a <= m.start() < b for a, b in nicknames)]
        tokens = [t for t in tokens if t.low not in lex.particles or t.text[0].isupper()]
        yield from _split_run(text, tokens, lex, _line_of(run.start(), headline_lines))


def _split_run(text: str, tokens: List[Token], lex: PersonLexicon, headline: bool):
    """The name part of a capitalised run: after its last title word, minus leading blockers."""
    heads = [i for i, t in enumerate(tokens[:-1]) if _is_head(t.low, lex)]
    if heads:
        tokens = tokens[heads[-1] + 1:]
    stripped_place = False
    while tokens and (lex.is_blocker(tokens[0].text) or _is_acronym_initials(tokens[0])):
        stripped_place = stripped_place or tokens[0].low in lex.places
        tokens = tokens[1:]
    # A given name inside a run that does not start with one starts the name
    # ("former All-Star Chris Webber").
    if not heads and tokens and tokens[0].low not in lex.given:
        later = [i for i, t in enumerate(tokens[1:-1], 1) if t.low in lex.given]
        if later:
            tokens = tokens[later[0]:]
    while tokens and tokens[-1].low in lex.trailing:
        tokens = tokens[:-1]
    if not tokens or all(t.is_initial or t.low in lex.heads or t.low in lex.modifiers for t in tokens):
        return
    # "New Orleans Saints": one word left after stripping a place is the place's team/firm.
    blocked = any(t.low in lex.org for t in tokens) or (stripped_place and len(tokens) == 1)
    start, end = tokens[0].start, tokens[-1].end
    title = None if blocked else _title_before(text, start, lex)
    yield Candidate(tuple(tokens), start, end, title, headline, blocked)


def _is_head(word: str, lex: PersonLexicon) -> bool:
    """A title head, also hyphenated ("Attorney-General", "co-founder")."""
    if word in lex.heads:
        return True
    parts = word.split("-")
    return (len(parts) > 1 and parts[-1] in lex.heads
            and all(p in lex.heads or p in lex.modifiers for p in parts[:-1]))


def _is_acronym_initials(token: Token) -> bool:
    return token.text.count(".") >= 2          # "U.S.", "U.N." before a name


def _known_parts(cand: Candidate, known_full, known_single):
    """Names found elsewhere that stand inside this run (longest first, left to right)."""
    tokens = cand.tokens
    i = 0
    while i < len(tokens):
        found = None
        for j in range(min(len(tokens), i + MAX_NAME_TOKENS), i, -1):
            part = tokens[i:j]
            key = tuple(t.low for t in part if not t.is_initial)
            if (len(key) >= 2 and key in known_full) or (len(part) == 1 and key and key[0] in known_single):
                found = part
                break
        if found:
            start, end = found[0].start, found[-1].end
            yield Candidate(tuple(found), start, end, cand.title if found[0] is tokens[0] else None,
                            cand.headline, False)
            i += len(found)
        else:
            i += 1


# --- cues -------------------------------------------------------------------------------------

def _has_cue(text: str, cand: Candidate, lex: PersonLexicon, previous_end: int) -> bool:
    size = len(cand.key)
    if size == 0 or size > MAX_NAME_TOKENS:
        return False
    after = _words_after(text, cand.end, APPOSITIVE_WINDOW + 2)
    if cand.title is not None:
        # "chief Intel rival AMD": a word followed by a title noun qualifies that title.
        if size == 1 and after and after[0].islower() and after[0] in lex.heads:
            return False
        if size == 1 and _looks_like_team(text, cand, lex):
            return False
        return size > 1 or not lex.is_blocker(cand.key[0])
    if size < 2:
        return False
    before = _words_before(text, cand.start, 3)
    if after and after[0].lower() in lex.speech_verbs:
        return True
    # "said Cheong Seong-chang, director of ...": an inverted speaker ends its clause;
    # "Woodward says Deep Throat was ..." and "an effort by Mat Maid to ..." do not.
    if _speaker_cue_before(before, lex) and (not after or after[0] in (",", ".", ";", ":", "(")):
        return True
    if _appositive_after(after, lex):
        return True
    if cand.key[0] in lex.given:
        return True
    gap = text[previous_end:cand.start] if 0 <= previous_end <= cand.start else None
    return gap in (", ", " and ", ", and ", " & ")


def _looks_like_team(text: str, cand: Candidate, lex: PersonLexicon) -> bool:
    """"the defending champion Saints": a plural word after "the <title>" names a team."""
    if not cand.key[0].endswith("s") or not cand.title or cand.title[:1].isupper():
        return False
    title_start = text.rfind(cand.title, 0, cand.start)
    before = _words_before(text, title_start, 2) if title_start >= 0 else []
    # "the champion Saints", "The defending champion Saints"
    return any(w.lower() == "the" and all(x.islower() for x in before[i + 1:])
               for i, w in enumerate(before))


def _speaker_cue_before(before: Sequence[str], lex: PersonLexicon) -> bool:
    low = [w.lower() for w in before]
    return any(tuple(low[-len(cue):]) == cue for cue in lex.speaker_cues if len(low) >= len(cue))


def _appositive_after(after: Sequence[str], lex: PersonLexicon) -> bool:
    """", a Chinese foreign ministry spokesperson", ", who ...", ", 45," right after the name."""
    if len(after) < 2 or after[0] != ",":
        return False
    nxt = after[1].lower()
    if nxt in ("who", "whose"):
        return True
    if nxt.isdigit() and len(after) > 2 and after[2] == ",":
        return True
    if nxt in ("a", "an", "the"):
        words = after[2:]
    elif nxt in lex.heads or nxt in lex.modifiers or nxt in lex.nationalities or after[1][:1].isupper():
        words = after[1:]                   # ", director of ...", ", U.S. Ambassador ..."
    else:
        return False                        # ", is the fourth head coach": a clause, not an appositive
    words = words[:APPOSITIVE_WINDOW]
    for i, w in enumerate(words):
        if w in (",", ";", ":", "(", ")"):
            break
        if w.lower() in lex.heads:
            # "Intel Atom, SeaMicro CEO and co-founder Andrew Feldman said": the title
            # belongs to the name that follows it.
            # ("resident of Bukit Sama village" is fine: a preposition ends the title.)
            return not _name_follows_title(words[i + 1:], lex)
    return False


def _name_follows_title(words: Sequence[str], lex: PersonLexicon) -> bool:
    for w in words:
        low = w.lower()
        if low in ("and", "&") or _is_head(low, lex) or low in lex.modifiers:
            continue
        return _is_name_word(w, lex)
    return False


def _is_name_word(word: str, lex: PersonLexicon) -> bool:
    low = word.lower()
    return (word[:1].isupper() and low not in lex.heads and low not in lex.modifiers
            and low not in lex.nationalities and low not in lex.not_name)


# --- titles -----------------------------------------------------------------------------------

def _title_before(text: str, start: int, lex: PersonLexicon) -> Optional[str]:
    """The title phrase right before a name, as written, or None.

    Accepts "HEAD NAME", "HEAD, NAME" and "HEAD to/in/of PLACE[,] NAME"; walks back from
    the head over modifiers, nationalities, other heads, acronyms and up to
    MAX_TITLE_CAPITALISED unknown capitalised words; stops at a possessive, a
    function word or punctuation.
    """
    line_start = text.rfind("\n", 0, start) + 1
    window_start = max(line_start, start - 160)
    spans = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, window_start, start)]
    i = len(spans) - 1
    if i >= 0 and spans[i][2] == ",":
        i -= 1
    head = _head_at(spans, i, lex)
    if head is None:
        # "ambassador to South Korea Georgy Zinoviev", "ambassador in Seoul, Georgiy Zinoviev"
        j = i
        while j >= 0 and i - j < MAX_COMPLEMENT_TOKENS and spans[j][2][:1].isupper():
            j -= 1
        if j < i and j >= 1 and spans[j][2].lower() in ("to", "in", "of", "at", "for"):
            head = _head_at(spans, j - 1, lex)
        if head is None:
            return None
    first = head
    capitalised = 0
    k = head - 1
    while k >= 0 and head - k < MAX_TITLE_TOKENS:
        word = spans[k][2]
        low = word.lower().rstrip(".")
        if low in lex.heads or low in lex.modifiers or low in lex.nationalities:
            first = k
        elif low in ("and", "&") and k > 0 and spans[k - 1][2].lower().rstrip(".") in lex.heads:
            first = k                                # "CEO and co-founder"

        elif low in lex.directions and spans[k + 1][2].lower() in lex.nationalities:
            first = k
        elif word[:1].isupper() and low not in lex.not_name and not _POSSESSIVE.search(word[-2:]) \
                and not word.endswith(("'s", "’s")) and capitalised < MAX_TITLE_CAPITALISED:
            capitalised += 1
            first = k
        else:
            break
        k -= 1
    return text[spans[first][0]:spans[head][1]]


def _head_at(spans, i: int, lex: PersonLexicon) -> Optional[int]:
    if i < 0:
        return None
    word = spans[i][2]
    low = word.lower().rstrip(".")
    if _is_head(low, lex) or low in lex.honorifics:
        return i
    if low.endswith("s") and low[:-1] in lex.heads and word[:1].islower():
        return i                                   # "reporters Bob Woodward and Carl Bernstein"
    return None


# --- text helpers -----------------------------------------------------------------------------

def _words_after(text: str, end: int, count: int) -> List[str]:
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    tail = text[end:min(stop, end + 200)]
    tail = _POSSESSIVE.sub("", tail, count=1) if tail[:1] in "'’" else tail
    return [m.group() for m in _WORD.finditer(tail)][:count]


def _words_before(text: str, start: int, count: int) -> List[str]:
    line_start = text.rfind("\n", 0, start) + 1
    head = text[max(line_start, start - 80):start]
    return [m.group() for m in _WORD.finditer(head)][-count:]


_FUNCTION_WORDS_IN_TITLES = frozenset(
    "a an the of to in on at for and or but by with from as into vs via over under is are".split())


_LETTER_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
_SENTENCE_END = regex.compile(r"[.!?][\"'”’)]*\s*$")


def _headline_lines(text: str, lex: PersonLexicon) -> List[Tuple[int, int]]:
    """Spans of lines written in Title Case (headlines, page furniture)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = [w for w in _LETTER_WORD.findall(line) if w.lower() not in _FUNCTION_WORDS_IN_TITLES]
        # A line that ends like a sentence is prose unless nearly every word is capitalised
        # ("Swimmer And Actress Dies Aged 91."): names alone do not make a headline.
        if len(words) >= HEADLINE_MIN_WORDS:
            upper = sum(1 for w in words if w[0].isupper()) / len(words)
            if _SENTENCE_END.search(line):
                headline = len(words) >= HEADLINE_MIN_WORDS_WITH_STOP and upper >= HEADLINE_SHARE_WITH_STOP
            else:
                headline = upper >= HEADLINE_CAPITALISED_SHARE
            if headline:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _line_of(offset: int, lines: Sequence[Tuple[int, int]]) -> bool:
    i = bisect.bisect_right(lines, (offset, float("inf"))) - 1
    return i >= 0 and lines[i][0] <= offset < lines[i][1]
