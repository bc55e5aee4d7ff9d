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

import re
from functools import lru_cache
from itertools import filterfalse, islice, product
from operator import itemgetter
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

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
WORDS_AFTER_WINDOW = 200        # characters searched for the words after a name
WORDS_BEFORE_WINDOW = 80        # ... before a name
TITLE_WINDOW = 160              # ... for the title phrase before a name

_UPPER_WORD = r"(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*(?:-\p{L}\p{Ll}*)*"
_ARABIC_ARTICLE = r"(?:al|el|ad|as|ash|at|az|ar)-\p{Lu}\p{Ll}+"
_INITIALS = r"\p{Lu}\.(?:\p{Lu}\.)*"
_TOKEN = rf"(?:{_INITIALS}|{_ARABIC_ARTICLE}|{_UPPER_WORD})(?![\p{{L}}\p{{N}}])"
# Speed: trying the lower-case article at every "a" and "e" of the text doubles the time of
# the run search, so texts without any "al-X" use a run pattern without that alternative
# (it could not match there anyway).
_TOKEN_WITHOUT_ARTICLE = rf"(?:{_INITIALS}|{_UPPER_WORD})(?![\p{{L}}\p{{N}}])"
_ARTICLE_HINT = regex.compile(r"-(?<=(?:al|el|ad|as|ash|at|az|ar)-)\p{Lu}")   # led by a literal: fast
# A quoted nickname inside a name: Vincent "The Chin" Gigante, Earvin 'Magic' Johnson.
_NICKNAME = r"(?:[ \u00a0][\"“‘'](?:[Tt]he )?\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?[\"”’'])"
_PUNCTUATION = ",;:()\"“”‘’!?"
_WORD = regex.compile(rf"[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.'’-]*|[{_PUNCTUATION}]")
# The same words, found from the end backwards (speed: the words right before a name are
# found without reading the whole window; the words are the same as _WORD's, in reverse).
_WORD_BACKWARDS = regex.compile("(?r)" + _WORD.pattern)
_POSSESSIVE = regex.compile(r"['’]s?(?![\p{L}])")     # matched right after a name


class PersonLexicon(NamedTuple):
    heads: FrozenSet[str]
    modifiers: FrozenSet[str]
    honorifics: FrozenSet[str]
    speech_verbs: FrozenSet[str]
    speaker_cues: Tuple[Tuple[str, ...], ...]
    speaker_cue_ends: FrozenSet[str]    # the last word of each speaker cue
    particles: FrozenSet[str]
    not_name: FrozenSet[str]
    org: FrozenSet[str]
    places: FrozenSet[str]
    nationalities: FrozenSet[str]
    given: FrozenSet[str]
    directions: FrozenSet[str]
    suffixes: FrozenSet[str]
    trailing: FrozenSet[str]
    blockers: FrozenSet[str]        # not_name | places | nationalities
    alone_not_name: FrozenSet[str]  # trailing | heads | modifiers: not a name as the run's only word
    title_ends: FrozenSet[str]      # heads | honorifics
    plural_heads: FrozenSet[str]    # "reporters", "lawyers"
    label_not_name: FrozenSet[str]  # words of a transcript label naming no one ("UNIDENTIFIED MAN:")
    run: "regex.Pattern[str]"      # a capitalised run; every name token is captured as "tok"
    run_without_article: "regex.Pattern[str]"   # the same, for texts without "al-X" tokens

    def is_blocker(self, word: str) -> bool:
        """A word that is never (part of the start of) a person's name."""
        return word.lower() in self.blockers


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
    heads, modifiers = frozenset(heads), frozenset(modifiers)
    particles = _words(lex["person_particles"])
    particle_alt = "|".join(regex.escape(p) for p in sorted(particles, key=len, reverse=True))
    sep = r"[ \u00a0]"
    # Speed: the tokens are captured while the run is matched (the regex module keeps every
    # repetition of a group), so a run is never scanned a second time for its tokens.
    def run(token: str) -> "regex.Pattern[str]":
        return regex.compile(rf"(?<![\p{{L}}\p{{N}}'’.-])(?P<tok>{token})"
                             rf"(?:{_NICKNAME}?{sep}(?:(?:{particle_alt}){sep})*(?P<tok>{token}))*")
    not_name, places = _words(lex["person_not_name_words"]), _words(lex["person_places"])
    nationalities = _words(lex["person_nationalities"])
    trailing = _words(lex["person_trailing_words"])
    honorifics = _words(lex["person_honorifics"])
    speaker_cues = tuple(tuple(c.split()) for c in _words(lex["person_speaker_cues"]))
    return PersonLexicon(
        heads=heads, modifiers=modifiers,
        honorifics=honorifics,
        speech_verbs=_words(lex["person_speech_verbs"]),
        speaker_cues=speaker_cues, speaker_cue_ends=frozenset(cue[-1] for cue in speaker_cues),
        particles=particles, not_name=not_name,
        org=_words(lex["person_org_words"]), places=places,
        nationalities=nationalities, given=_words(lex["person_given_names"]),
        directions=_words(lex["person_title_directions"]), suffixes=_words(lex["person_name_suffixes"]),
        trailing=trailing, blockers=not_name | places | nationalities,
        alone_not_name=trailing | heads | modifiers, title_ends=heads | honorifics,
        plural_heads=frozenset(h + "s" for h in heads),
        label_not_name=_words(lex["person_label_not_name_words"]),
        run=run(_TOKEN), run_without_article=run(_TOKEN_WITHOUT_ARTICLE),
    )


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str                        # lower case, without a final full stop
    is_initial: bool                # "J.", "J.R."


# Speed: a NamedTuple's own __new__ is a Python function; tuple.__new__ makes the same object in C.
_new = tuple.__new__


def _token(start: int, end: int, text: str) -> Token:
    return _new(Token, (start, end, text, text.lower().rstrip("."), text.endswith(".") and len(text) <= 4))


class Candidate(NamedTuple):
    tokens: Tuple[Token, ...]       # name tokens (particles excluded)
    start: int
    end: int
    title: Optional[str]
    blocked: bool                   # holds an organisation word: never a person, not even by propagation
    key: Tuple[str, ...]            # the lower-case name words, initials left out


def _candidate(tokens: Sequence[Token], title: Optional[str], blocked: bool) -> Candidate:
    return _new(Candidate, (tuple(tokens), tokens[0].start, tokens[-1].end, title, blocked,
                            tuple(t.low for t in tokens if not t.is_initial)))


def find_persons(text: str, lang: str = "en") -> List[Mention]:
    """Every person named in ``text``: value = the name as written, title = the title before it."""
    lex = person_lexicon(lang)
    candidates = _candidates(text, lex)
    if not candidates and not _LABEL_HINT.search(text):
        return []
    accepted: Dict[int, Candidate] = {c.start: c for c in _speaker_labels(text, lex)}
    headline = _HeadlineLines(text)
    speaking = _speaking_surnames(text, candidates, lex)
    previous_end = -10
    for cand in candidates:
        if cand.blocked or (cand.title is None and len(cand.key) < 2):
            continue                        # (speed: a lone word needs a title, see _has_cue)
        # Speed: whether the line is a headline is asked only of names with a cue.
        if ((_has_cue(text, cand, lex, previous_end) or (len(cand.key) >= 2 and _surname(cand.key, lex) in speaking))
                and not headline.at(cand.start)):
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
    # Speed: a run can hold a known name only if it holds one of its words.
    known_words = known_single.union(*known_full)
    for cand in candidates:
        if cand.start in accepted or known_words.isdisjoint(cand.key) or (cand.blocked and not headline.at(cand.start)):
            continue
        # In a headline every word is capitalised, so an organisation word there does not
        # make the run one name ("Lindsay Lohan Checks Into Rehab"); full names still count.
        singles = frozenset() if cand.blocked else known_single
        for sub in _known_parts(cand, known_full, singles):
            accepted.setdefault(sub.start, sub)
    return [_mention(text, c) for _, c in sorted(accepted.items())]


# A transcript's speaker label: an all-capitals name (with its role after a comma) opening a
# line and ended by a colon, as broadcast transcripts print them ("RENEE MONTAGNE, HOST:",
# "INTERIOR MINISTER THOMAS DE MAIZIERE: (Speaking German)."). The capitalised-run search
# never sees these names (it wants Title Case), yet a misspelt label is a misspelt name.
_LABEL_WORD = r"\p{Lu}[\p{Lu}'’.-]*(?![\p{Ll}\p{N}])"
_SPEAKER_LABEL = regex.compile(
    rf"^[ \t]*(?P<label>{_LABEL_WORD}(?:[ ]{_LABEL_WORD}){{1,{MAX_NAME_TOKENS + 3}}})"
    rf"(?:,[ ]{_LABEL_WORD}(?:[ ]{_LABEL_WORD}){{0,3}})?:[ ]", regex.MULTILINE)
_LABEL_HINT = regex.compile(r"^[ \t]*\p{Lu}\p{Lu}", regex.MULTILINE)   # speed: most texts have none
MIN_LABEL_NAME_TOKENS = 2       # a one-word label ("NELSON:") is a surname: it needs a full name


def _speaker_labels(text: str, lex: PersonLexicon) -> List[Candidate]:
    """The names of a transcript's speaker labels; labels of unnamed or generic speakers
    ("UNIDENTIFIED MAN:", "GROUP OF PROTESTERS:") and one-word labels give none."""
    if not _LABEL_HINT.search(text):
        return []
    out = []
    for label in _SPEAKER_LABEL.finditer(text):
        words = [(w.start(), w.end(), w.group()) for w in regex.finditer(r"\S+", label.group("label"))]
        offset = label.start("label")
        lowered = [word.lower() for _, _, word in words]
        # Section headings are set in capitals too ("MOVE OF THE RACE:", "CHARGED WITH
        # MURDER:"): a function word or a generic speaker word means no name.
        if any(w in lex.label_not_name or (w in lex.not_name and w not in lex.particles) for w in lowered):
            continue
        tokens = [_token(offset + s, offset + e, word) for s, e, word in words
                  if word.lower() not in lex.particles]
        candidate = _split_run(text, tokens, lex) if len(tokens) >= MIN_LABEL_NAME_TOKENS else None
        if candidate is None or candidate.blocked or len(candidate.key) < MIN_LABEL_NAME_TOKENS:
            continue
        # Capitals hide which words are names: the label must start its name with a known
        # given name or carry a title ("INTERIOR MINISTER ..."), else it may be a heading.
        titled = any(_is_head(w, lex) for w in lowered[:lowered.index(candidate.key[0])])
        if candidate.key[0] in lex.given or titled:
            out.append(candidate)
    return out


def _surname(key: Tuple[str, ...], lex: PersonLexicon) -> str:
    """The last name token, skipping a generational suffix ("Comeaux Jr" -> "comeaux")."""
    if len(key) >= 2 and key[-1] in lex.suffixes:
        return key[-2]
    return key[-1]


def _speaking_surnames(text: str, candidates: Sequence[Candidate], lex: PersonLexicon) -> FrozenSet[str]:
    """Single words used alone as a speaker ("Horton said"): the surname of a full name
    written elsewhere in the text ("Zurana Horton, 34"), which makes that full name a person."""
    # Speed: only the surnames of full names can matter.
    surnames = {_surname(c.key, lex) for c in candidates if len(c.key) >= 2 and not c.blocked}
    out = set()
    for cand in candidates:
        if len(cand.key) == 1 and cand.key[0] in surnames and not cand.blocked and not lex.is_blocker(cand.key[0]):
            if _word_after(text, cand.end).lower() not in lex.speech_verbs:
                continue
            before = _word_before(text, cand.start)
            # "one woman in Qeshm told AFP": a place after a preposition is not the speaker.
            if before.islower() and before not in lex.speech_verbs:
                continue
            out.add(cand.key[0])
    return frozenset(out)


def _mention(text: str, cand: Candidate) -> Mention:
    name = text[cand.start:cand.end]
    return Mention(kind="person", start=cand.start, end=cand.end, text=name, value=name,
                   title=cand.title)


# --- candidates -------------------------------------------------------------------------------

def _candidates(text: str, lex: PersonLexicon) -> List[Candidate]:
    """The name part of every capitalised run, in text order."""
    run_pattern = lex.run if _ARTICLE_HINT.search(text) else lex.run_without_article
    out = []
    for run in run_pattern.finditer(text):
        spans = run.spans("tok")
        if len(spans) == 1:
            candidate = _lone_word_candidate(text, spans[0][0], spans[0][1], lex)
        elif all(text[s:e].lower() in lex.blockers for s, e in spans):
            continue                        # "South Korea", "The Kremlin" (speed: no tokens made)
        else:
            candidate = _split_run(text, [_token(s, e, text[s:e]) for s, e in spans], lex)
        if candidate is not None:
            out.append(candidate)
    return out


def _lone_word_candidate(text: str, start: int, end: int, lex: PersonLexicon) -> Optional[Candidate]:
    """What :func:`_split_run` makes of a run of one word, without making a token first
    (speed: most runs are one word, "The", "Seoul", "President", "Obama")."""
    word = text[start:end]
    lowered = word.lower()
    if lowered in lex.blockers or word.count(".") >= 2:
        return None                         # a place, a function word, an acronym
    low = lowered.rstrip(".")
    if (len(word) <= 4 and word.endswith(".")) or low in lex.alone_not_name:
        return None                         # an initial, a title word, a trailing word
    blocked = low in lex.org
    title = None if blocked else _title_before(text, start, lex)
    return _new(Candidate, ((_new(Token, (start, end, word, low, False)),), start, end, title, blocked, (low,)))


def _split_run(text: str, tokens: List[Token], lex: PersonLexicon) -> Optional[Candidate]:
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
        return None
    # "New Orleans Saints": one word left after stripping a place is the place's team/firm.
    blocked = any(t.low in lex.org for t in tokens) or (stripped_place and len(tokens) == 1)
    title = None if blocked else _title_before(text, tokens[0].start, lex)
    return _candidate(tokens, title, blocked)


def _is_head(word: str, lex: PersonLexicon) -> bool:
    """A title head, also hyphenated ("Attorney-General", "co-founder")."""
    if word in lex.heads:
        return True
    if "-" not in word:
        return False
    parts = word.split("-")
    return (parts[-1] in lex.heads
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
            yield _candidate(found, cand.title if found[0] is tokens[0] else None, False)
            i += len(found)
        else:
            i += 1


# --- cues -------------------------------------------------------------------------------------

def _has_cue(text: str, cand: Candidate, lex: PersonLexicon, previous_end: int) -> bool:
    size = len(cand.key)
    if size == 0 or size > MAX_NAME_TOKENS:
        return False
    if cand.title is not None:
        # "chief Intel rival AMD": a word followed by a title noun qualifies that title.
        if size == 1:
            after = _word_after(text, cand.end)
            if after.islower() and after in lex.heads:
                return False
            if _looks_like_team(text, cand, lex):
                return False
        return size > 1 or not lex.is_blocker(cand.key[0])
    if size < 2:
        return False
    # Speed: the cues are independent, so the cheap ones are tried first.
    if cand.key[0] in lex.given:
        return True
    if 0 <= previous_end <= cand.start and text[previous_end:cand.start] in (", ", " and ", ", and ", " & "):
        return True
    after = _word_after(text, cand.end)
    if after.lower() in lex.speech_verbs:
        return True
    # "said Cheong Seong-chang, director of ...": an inverted speaker ends its clause;
    # "Woodward says Deep Throat was ..." and "an effort by Mat Maid to ..." do not.
    if after in ("", ",", ".", ";", ":", "(") and _speaker_cue_before(text, cand.start, lex):
        return True
    # Speed: an appositive needs a comma first; only then are more words read.
    return after == "," and _appositive_after(_words_after(text, cand.end, APPOSITIVE_WINDOW + 2), lex)


def _looks_like_team(text: str, cand: Candidate, lex: PersonLexicon) -> bool:
    """"the defending champion Saints": a plural word after "the <title>" names a team."""
    if not cand.key[0].endswith("s") or not cand.title or cand.title[:1].isupper():
        return False
    title_start = text.rfind(cand.title, 0, cand.start)
    before = _words_before(text, title_start, 2) if title_start >= 0 else []
    # "the champion Saints", "The defending champion Saints"
    return any(w.lower() == "the" and all(x.islower() for x in before[i + 1:])
               for i, w in enumerate(before))


def _speaker_cue_before(text: str, start: int, lex: PersonLexicon) -> bool:
    """A verb of saying or "according to" right before ``start``."""
    # Speed: the last word alone rules out most places.
    if _word_before(text, start).lower() not in lex.speaker_cue_ends:
        return False
    low = [w.lower() for w in _words_before(text, start, max(map(len, lex.speaker_cues)))]
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
    window_start = _window_start(text, start, TITLE_WINDOW)
    # Speed: the words are read backwards from the name, one at a time and only as far as
    # needed: most names have no title, which the word right before them tells.
    last = _WORD_BACKWARDS.search(text, window_start, start)
    if last is not None and last.group() == ",":
        last = _WORD_BACKWARDS.search(text, window_start, last.start())
    if last is None:
        return None
    head = last if _is_title_head(last.group(), lex) else _complement_head(text, window_start, last, lex)
    if head is None:
        return None
    matches = list(islice(_WORD_BACKWARDS.finditer(text, window_start, head.start()), MAX_TITLE_TOKENS))
    matches.reverse()
    matches.append(head)
    words = [m.group() for m in matches]
    first = head_index = len(words) - 1
    capitalised = 0
    k = head_index - 1
    while k >= 0 and head_index - k < MAX_TITLE_TOKENS:
        word = words[k]
        low = word.lower().rstrip(".")
        if low in lex.heads or low in lex.modifiers or low in lex.nationalities:
            first = k
        elif low in ("and", "&") and k > 0 and words[k - 1].lower().rstrip(".") in lex.heads:
            first = k                                # "CEO and co-founder"

        elif low in lex.directions and words[k + 1].lower() in lex.nationalities:
            first = k
        elif word[:1].isupper() and low not in lex.not_name and not _POSSESSIVE.match(word[-2:]) \
                and not word.endswith(("'s", "’s")) and capitalised < MAX_TITLE_CAPITALISED:
            capitalised += 1
            first = k
        else:
            break
        k -= 1
    return text[matches[first].start():head.end()]


def _complement_head(text: str, window_start: int, last: "regex.Match[str]",
                     lex: PersonLexicon) -> Optional["regex.Match[str]"]:
    """The title head before a place complement ending with ``last``, or None:
    "ambassador to South Korea Georgy Zinoviev", "ambassador in Seoul, Georgiy Zinoviev"."""
    word, walked = last, 0
    while word is not None and walked < MAX_COMPLEMENT_TOKENS and word.group()[:1].isupper():
        word, walked = _WORD_BACKWARDS.search(text, window_start, word.start()), walked + 1
    if walked == 0 or word is None or word.group().lower() not in ("to", "in", "of", "at", "for"):
        return None
    head = _WORD_BACKWARDS.search(text, window_start, word.start())
    return head if head is not None and _is_title_head(head.group(), lex) else None


def _is_title_head(word: str, lex: PersonLexicon) -> bool:
    """A word that ends a title phrase: a title head or an honorific."""
    low = word.lower().rstrip(".")
    if low in lex.title_ends or ("-" in low and _is_head(low, lex)):
        return True
    # "reporters Bob Woodward and Carl Bernstein"
    return low in lex.plural_heads and word[:1].islower()


# --- text helpers -----------------------------------------------------------------------------

def _window_start(text: str, start: int, size: int) -> int:
    """Where a window of ``size`` characters ending at ``start`` starts, within start's line."""
    low = max(0, start - size)
    return max(low, text.rfind("\n", low, start) + 1)


def _words_after(text: str, end: int, count: int) -> List[str]:
    """The first ``count`` words after ``end`` on its line (after a possessive "'s")."""
    start, stop = _after_window(text, end)
    return [m.group() for m in islice(_WORD.finditer(text, start, stop), count)]


def _word_after(text: str, end: int) -> str:
    """The first word after ``end`` on its line, or ""."""
    word = _WORD.search(text, *_after_window(text, end))
    return word.group() if word else ""


def _after_window(text: str, end: int) -> Tuple[int, int]:
    stop = text.find("\n", end, end + WORDS_AFTER_WINDOW)
    stop = min(len(text), end + WORDS_AFTER_WINDOW) if stop < 0 else stop
    if text.startswith(("'", "’"), end):
        possessive = _POSSESSIVE.match(text, end, stop)
        if possessive:
            end = possessive.end()
    return end, stop


def _words_before(text: str, start: int, count: int) -> List[str]:
    """The last ``count`` words before ``start`` on its line."""
    backwards = _WORD_BACKWARDS.finditer(text, _window_start(text, start, WORDS_BEFORE_WINDOW), start)
    return [m.group() for m in islice(backwards, count)][::-1]


def _word_before(text: str, start: int) -> str:
    """The last word before ``start`` on its line, or ""."""
    word = _WORD_BACKWARDS.search(text, _window_start(text, start, WORDS_BEFORE_WINDOW), start)
    return word.group() if word else ""


_FUNCTION_WORDS_IN_TITLES = frozenset(
    "a an the of to in on at for and or but by with from as into vs via over under is are".split())


_LETTER_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
# Speed: the same words in an ASCII line; the re module finds them twice as fast.
_ASCII_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Every letter case of the function words: only these lower-case to one of them (the one
# non-ASCII letter that lower-cases to ASCII is the Kelvin sign, to "k", in none of them).
_FUNCTION_WORD_SPELLINGS = frozenset(
    "".join(letters) for word in _FUNCTION_WORDS_IN_TITLES
    for letters in product(*((c.lower(), c.upper()) for c in word)))
_SENTENCE_END = regex.compile(r"[.!?][\"'”’)]*\s*$")


def _is_headline(line: str) -> bool:
    """A line written in Title Case (a headline, page furniture)."""
    letter_word = _ASCII_LETTER_WORD if line.isascii() else _LETTER_WORD
    words = list(filterfalse(_FUNCTION_WORD_SPELLINGS.__contains__, letter_word.findall(line)))
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    upper = sum(map(str.isupper, map(itemgetter(0), words))) / len(words)
    if upper < min(HEADLINE_CAPITALISED_SHARE, HEADLINE_SHARE_WITH_STOP):
        return False
    # A line that ends like a sentence is prose unless nearly every word is capitalised
    # ("Swimmer And Actress Dies Aged 91."): names alone do not make a headline.
    if _SENTENCE_END.search(line):
        return len(words) >= HEADLINE_MIN_WORDS_WITH_STOP and upper >= HEADLINE_SHARE_WITH_STOP
    return upper >= HEADLINE_CAPITALISED_SHARE


class _HeadlineLines:
    """Whether an offset of ``text`` stands in a headline line; each line is judged once,
    and only when asked (speed: most lines never are)."""

    def __init__(self, text: str):
        self.text = text
        self.judged: Dict[int, bool] = {}

    def at(self, offset: int) -> bool:
        line_start = self.text.rfind("\n", 0, offset) + 1
        found = self.judged.get(line_start)
        if found is None:
            line_end = self.text.find("\n", offset)
            found = self.judged[line_start] = _is_headline(self.text[line_start:line_end if line_end >= 0 else None])
        return found
