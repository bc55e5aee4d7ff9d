"""Cross-source comparison of person names: one person, several spellings.

    cross_check_names(items, facts=(), settings=DEFAULT_NAME_SETTINGS) -> List[Verdict]

``items`` pairs each article with its extracted mentions (``kind == "person"``
mentions are used; ``value`` is the name as written). Persons covered by a
declared name fact (an accepted spelling or a near miss of one) are left to that
fact's own check, as :mod:`factcheck.check.cross.figures` leaves declared figures. The rest
are compared across articles -- and within each article, since "Zinoviev" and
"Zinovyev" in one text is an inconsistency too.

How (precision first -- a name is flagged only when it is plainly one person
written two ways; every choice is a :class:`NameSettings` field):

1. Each mention's *spelling* is its name folded by :func:`factcheck.check.names.tokens`
   (case, accents, hyphens, apostrophes, quoted nicknames), without generational
   suffixes ("Jr") or titles the extractor left in. Identical spellings are one.
2. Two spellings are *consistent* when one is the other with parts left out --
   "Zinoviev" / "Georgy Zinoviev" (a part), "Regina Benjamin" / "Regina M.
   Benjamin" (a middle name), "Steve" / "Steven" (a given name shortened),
   "Mitchells" / "John Mitchell" (the family). Consistent spellings never disagree.
3. Two spellings *conflict* when they are not consistent but one is a near
   miss of the other (:func:`factcheck.check.names.resemblance`, both directions, on
   the full names and on given name + surname): a one-letter slip or a
   transliteration variant ("Zinovyev" / "Zinoviev", "Zelensky" / "Zelenskiy",
   "Georgiy" / "Georgy"). The names module keeps different people apart ("Kim
   Jong Un" / "Kim Hong-kyun", "David Lammy" / "David Cameron"); a bare name too
   short to judge ("Kim") or a bare common given name conflicts with nothing;
   two bare words conflict only when a full name or a title vouches for one.
4. The persons extractor reads a bare surname only after its full name or with a
   title, so a misspelt one ("Hillar said") is no mention at all: capitalised
   words no extractor read that conflict with a name known in the cluster are
   added as person mentions (:func:`unread_names`).
5. Conflicting spellings form one person (transitively); spellings that fit that
   person only join it, so every article naming it is listed. Each person with
   conflicting spellings is one failing Verdict naming every article with its
   spelling(s). When a slip in a surname ties together different people who share
   it ("Gigamte" beside Louis and Vincent Gigante) the ways are told per surname.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import regex

from factcheck.check import names
from factcheck.article import Article
from factcheck.facts import Fact
from factcheck.lang import lexicon
from factcheck.mention import Mention
from factcheck.verdict import Finding, Verdict, mark

Spelling = Tuple[str, ...]          # folded name tokens: ("georgy", "zinoviev")


@dataclass(frozen=True)
class NameSettings:
    """The choices that decide when two written names are one person spelt two ways.

    min_bare_letters: a bare name (one part) takes part only with at least this
        many letters: "Kim", "Su", "Yoon", "Gray" are too short to tell a slip
        from another name.
    min_surname_letters: the same for the last part of a full name ("Salva Kiir"
        / "Salva Kiiq": the given name anchors it; :mod:`factcheck.check.names` still
        wants every other part equal for a slip in a short part).
    middle_parts_optional: a spelling with parts left out of the middle is
        consistent with the full one ("George Bush" / "George W. Bush", "Mark
        Heller" / "Mark Jay Heller", "Omar Bashir" / "Omar al-Bashir").
    short_given_names: a given name that begins another one is its short form,
        not a misspelling ("Steve" / "Steven", "Chris" / "Christopher"), when it
        has at least ``short_given_min_letters`` letters.
    compare_given_names: two full names with the same surname and near-miss
        given names conflict ("Georgiy" / "Georgy Zinoviev"). Off: only
        surnames are compared.
    bare_needs_full_name: a conflict in which neither side has two parts
        ("Zinovyev" / "Zinoviev" written bare) is reported only when some full
        name in the articles supports one of them (is consistent with it): a
        bare capitalised word is too often not the same person or no person.
    within_article: also report a person an article spells two ways when no
        other article names them.
    distinct_in_sentence: two spellings written in one sentence are two people
        ("Marie Flynn, and her daughter Maria Flynn"), never a conflict.
    family_plurals: a bare word that is the surname of a full name plus a plural
        ending (lexicon ``name_family_plural_endings``) is the family ("the
        Mitchells" / "John Mitchell"). Between two bare words ("Nichol" /
        "Nichols") it is a slip only when a full name has the longer one.
    find_unread_names: the persons extractor takes a bare surname only with a
        title or after the full name, so a misspelt one ("Hillar said" after
        "Yvonne Hiller") is not a mention at all. With this on, capitalised words
        (or runs of up to ``unread_max_tokens``) that no extractor read, of at
        least ``unread_min_letters`` letters, that conflict with a full name
        found in ``unread_scope`` ("article": the same article; "cluster": any)
        and begin with the same letter as its surname, are compared as persons --
        unless the word is a known non-name word or, with
        ``unread_skip_lowercase_words``, written in lower case somewhere in the
        articles (a common word opening a sentence: "Charges" / "Charles"). Inside a
        longer capitalised run (a headline) windows of up to ``unread_max_tokens``
        words are tried, longest first.
    bare_given_names_apart: a bare name that is a common given name (lexicon
        ``person_given_names``) is someone's first name ("Kafoury's son, Charlie,
        said"), not a slip of a surname ("Charles"): it conflicts with nothing.
    title_supports: a bare name written with a title ("Dr. Benjamin", "analyst
        McCarron") counts as support like a full name does (for
        ``bare_needs_full_name`` and as a known name for unread words).
    same_person_evidence: a near-miss spelling is reported only with evidence that it is one
        person: two full names sharing a part ("Georgiy" / "Georgy Zinoviev"), the same
        title on both ("President Hollande" / "President Holland"), or the same surrounding
        claim (sentences sharing ``evidence_shared_words`` words of four letters or more).
        Different people with similar names (a president Hollande, a reporter Holland) stay
        apart.
    zones: the parts of the page whose names are compared (see
        :mod:`factcheck.claims.zones`): bylines and credits name reporters and
        photographers, not the story's people; a caption names the people in the photo.
    """

    min_bare_letters: int = 5
    min_surname_letters: int = 4
    middle_parts_optional: bool = True
    short_given_names: bool = True
    short_given_min_letters: int = 3
    compare_given_names: bool = True
    bare_needs_full_name: bool = True
    within_article: bool = True
    distinct_in_sentence: bool = True
    family_plurals: bool = True
    find_unread_names: bool = True
    unread_min_letters: int = 5
    unread_scope: str = "cluster"
    title_supports: bool = True
    unread_max_tokens: int = 3
    bare_given_names_apart: bool = True
    zones: Tuple[str, ...] = ("headline", "body", "caption")
    same_person_evidence: bool = True
    evidence_shared_words: int = 3
    unread_skip_lowercase_words: bool = True
    lang: str = "en"


DEFAULT_NAME_SETTINGS = NameSettings()


# --------------------------------------------------------------------------- spellings

@lru_cache(maxsize=None)
def _suffixes(lang: str) -> FrozenSet[str]:
    return frozenset(str(w).lower() for w in lexicon(lang).get("person_name_suffixes") or ())


def spelling(name: str, lang: str = "en") -> Spelling:
    """The folded tokens of a written name, generational suffixes ("Joseph Comeaux Jr.") and
    leading titles the extractor left in ("Police Chief Charles") dropped."""
    parts = list(names.tokens(name))
    suffixes = _suffixes(lang)
    while len(parts) > 1 and parts[-1] in suffixes:
        parts.pop()
    titles = _word_lists(lang)[0]
    while len(parts) > 1 and parts[0] in titles:
        parts.pop(0)
    return tuple(parts)


@lru_cache(maxsize=None)
def _plural_endings(lang: str) -> Tuple[str, ...]:
    return tuple(str(e).lower() for e in lexicon(lang).get("name_family_plural_endings") or ())


def family_plural(bare: Spelling, other: Spelling, lang: str = "en") -> bool:
    """Is the bare word the family plural of the full name ``other``'s surname ("Mitchells" /
    "John Mitchell")? Against another bare word it is undecided ("Nichol" / "Nichols" may
    be a slip): see :func:`conflicts`."""
    return len(bare) == 1 and len(other) >= 2 and _plural_of(bare[0], other[-1], lang)


def _plural_of(word: str, surname: str, lang: str) -> bool:
    return any(word == surname + e for e in _plural_endings(lang))


def _letters(token: str) -> int:
    return sum(c.isalpha() for c in token)


@lru_cache(maxsize=1 << 16)
def consistent(a: Spelling, b: Spelling, s: "NameSettings" = DEFAULT_NAME_SETTINGS) -> bool:
    """Is one spelling the other with parts left out (or a given name shortened)?"""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    if names.SHORT_PART_IS_ACCEPTED and n < len(long_) and short in (long_[:n], long_[-n:]):
        return True                       # a leading or trailing part (names.same_spelling): "Zinoviev", "Kim"
    if s.family_plurals and (family_plural(a, b, s.lang) or family_plural(b, a, s.lang)):
        return True
    if s.middle_parts_optional and len(short) >= 2 and _subsequence(short, long_, s) \
            and _given_agrees(short[0], long_[0], s) and short[-1] == long_[-1]:
        return True
    if s.short_given_names and len(short) == len(long_) >= 2 and short[1:] == long_[1:] \
            and _given_agrees(short[0], long_[0], s):
        return True
    return False


def _given_agrees(a: str, b: str, s: NameSettings) -> bool:
    if a == b:
        return True
    if not s.short_given_names:
        return False
    short, long_ = sorted((a, b), key=len)
    return _letters(short) >= s.short_given_min_letters and long_.startswith(short)


def _subsequence(short: Spelling, long_: Spelling, s: NameSettings) -> bool:
    """``short``'s parts appear in ``long_`` in order (its first part possibly shortened)."""
    it = iter(long_[1:])
    return all(any(part == other for other in it) for part in short[1:])


def _variants(sp: Spelling, s: NameSettings) -> List[Spelling]:
    """The spelling and, with middle parts optional, its given name + surname."""
    out = [sp]
    if s.middle_parts_optional and len(sp) >= 3:
        out.append((sp[0], sp[-1]))
    return out


def _long_enough(sp: Spelling, s: NameSettings) -> bool:
    return _letters(sp[-1]) >= (s.min_bare_letters if len(sp) == 1 else s.min_surname_letters)


@lru_cache(maxsize=1 << 16)
def conflict(a: Spelling, b: Spelling, s: NameSettings = DEFAULT_NAME_SETTINGS) -> bool:
    """Are ``a`` and ``b`` one name spelt two ways (a near miss, not a part of the other)?"""
    if consistent(a, b, s):
        return False
    if not (_long_enough(a, s) and _long_enough(b, s)):
        return False
    if not s.compare_given_names and len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1]:
        return False
    for x in _variants(a, s):
        for y in _variants(b, s):
            if consistent(x, y, s):
                continue
            if names.resemblance(" ".join(x), [" ".join(y)]) or names.resemblance(" ".join(y), [" ".join(x)]):
                return True
    return False


# --------------------------------------------------------------------------- facts

def declared(mention_name: str, facts: Sequence[Fact]) -> bool:
    """Is the mention one a declared person fact judges (an accepted spelling or a near miss)?"""
    for fact in facts:
        if fact.kind != "person":
            continue
        accepted = [n for n in (fact.name, *fact.aliases) if n]
        if accepted and (names.same_spelling(mention_name, accepted) or names.near_miss(mention_name, accepted)):
            return True
    return False


# --------------------------------------------------------------------------- grouping

@dataclass(frozen=True)
class Written:
    """One person mention ready to compare: where, and how it is spelt."""

    source: int
    article: Article
    mention: Mention
    spelling: Spelling
    sentence: Tuple[int, int]

    @property
    def name(self) -> str:
        return str(self.mention.value if self.mention.value is not None else self.mention.text)


def _compared_zone(mention: Mention, zone_of: Dict[int, str], s: NameSettings) -> bool:
    return mention.kind != "person" or zone_of.get(id(mention), "body") in s.zones


def written_names(items: Sequence[Tuple[Article, Sequence[Mention]]], facts: Sequence[Fact],
                  s: NameSettings) -> List[Written]:
    out = _written(items, facts, s)
    if not s.find_unread_names:
        return out
    lower = _lower_words(items)
    full: Dict[int, set] = defaultdict(set)
    for w in out:
        if _supported(w, s):
            full[w.source].add(w.spelling)
    everywhere = sorted(set().union(*full.values())) if full else []
    extra = []
    for source, (article, mentions) in enumerate(items):
        known = sorted(full[source]) if s.unread_scope == "article" else everywhere
        if not known:
            continue
        found = unread_names(article, mentions, known, lower, s)
        extra += _written([(article, found)], facts, s, source)
    return sorted(out + extra, key=lambda w: (w.source, w.mention.start))


def _supported(w: "Written", s: NameSettings) -> bool:
    """Is the mention surely a person's name: a full name, or a bare one with a title?"""
    if len(w.spelling) >= 2:
        return True
    titled = bool(w.mention.title) or names.tokens(w.name)[:1] != w.spelling[:1]
    return s.title_supports and titled


def _written(items: Sequence[Tuple[Article, Sequence[Mention]]], facts: Sequence[Fact], s: NameSettings,
             first_source: int = 0) -> List[Written]:
    out = []
    for source, (article, mentions) in enumerate(items, first_source):
        for m in mentions:
            if m.kind != "person":
                continue
            name = str(m.value if m.value is not None else m.text)
            sp = spelling(name, s.lang)
            if not sp or declared(name, facts) or _a_place(name, s.lang):
                continue
            out.append(Written(source, article, m, sp, article.sentence_span(m.start)))
    return out


@lru_cache(maxsize=None)
def _place_openers(lang: str) -> FrozenSet[str]:
    return frozenset(str(w).lower() for w in lexicon(lang).get("name_place_openers") or ())


def _a_place(name: str, lang: str) -> bool:
    """"Sao Paulo", "San Jose": a place the persons extractor took for a name."""
    first = name.split()[0].rstrip(".").lower() if name.split() else ""
    return len(name.split()) > 1 and first in _place_openers(lang)


# --------------------------------------------------------------------------- unread names

_CAPITALISED = r"\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}'’-]){_CAPITALISED}(?: {_CAPITALISED})*(?![\p{{L}}\p{{N}}-])")
_POSSESSIVE = regex.compile(r"['’]s?$")
_LOWER_WORD = regex.compile(r"(?<![\p{L}'’-])\p{Ll}[\p{Ll}'’]*(?:-\p{Ll}+)*")


@lru_cache(maxsize=None)
def _word_lists(lang: str) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(words that may lead a name as a title, words that mark a run as no person)."""
    lex = lexicon(lang)

    def words(*keys: str) -> FrozenSet[str]:
        out = set()
        for key in keys:
            for entry in lex.get(key) or ():
                out.update(str(entry).lower().replace("-", " ").split())
        return frozenset(out)

    titles = words("titles", "person_honorifics", "person_title_modifiers")
    never = words("person_not_name_words", "person_org_words", "person_places", "person_nationalities")
    return titles, never - titles


def unread_names(article: Article, mentions: Sequence[Mention], known: Sequence[Spelling],
                 lower_words: FrozenSet[str], s: NameSettings) -> List[Mention]:
    """Capitalised words no extractor read that conflict with a known name (see NameSettings)."""
    titles, never = _word_lists(s.lang)
    body = article.body
    found: List[Mention] = []
    for run in _RUN.finditer(body):
        words = [(run.start() + w.start(), run.start() + w.end()) for w in regex.finditer(r"\S+", run.group())]
        while words and body[words[0][0]:words[0][1]].lower().rstrip(".") in titles:
            words.pop(0)            # "Judge Hickock", "Rep. Hillar": the title is no part of the name
        used = [False] * len(words)
        # The longest window first: "Lindsay Lohag" inside a headline before "Lohag" alone.
        for size in range(min(len(words), s.unread_max_tokens), 0, -1):
            for i in range(len(words) - size + 1):
                if any(used[i:i + size]):
                    continue
                following = words[i + size] if i + size < len(words) else None
                mention = _unread_window(body, words[i][0], words[i + size - 1][1], following, mentions,
                                         known, lower_words, never, s)
                if mention is not None:
                    found.append(mention)
                    used[i:i + size] = [True] * size
    return sorted(found, key=lambda m: m.start)


def _unread_window(body: str, start: int, end: int, following: Optional[Tuple[int, int]],
                   mentions: Sequence[Mention], known: Sequence[Spelling], lower_words: FrozenSet[str],
                   never: FrozenSet[str], s: NameSettings) -> Optional[Mention]:
    text = _POSSESSIVE.sub("", body[start:end])
    end = start + len(text)
    for m in mentions:
        if m.start < end and start < m.end:
            # A person mention inside the window ("Regina" of "Regina Benjarin") is superseded;
            # one that covers it, or any other figure, means the words are read already.
            if m.kind != "person" or (m.start <= start and m.end >= end):
                return None
    sp = spelling(text, s.lang)
    if not sp or _letters(sp[-1]) < s.unread_min_letters:
        return None
    if s.unread_skip_lowercase_words and sp[-1] in lower_words:
        return None                 # "Charges were dropped": a common word opening a sentence
    if any(t in never for t in sp):
        return None
    if _bare_given_name(sp, s):
        return None                 # "Kafoury's son, Charlie, said": someone's first name
    if following is not None and body[following[0]:following[1]].lower().strip(".,") in never:
        return None                 # "Williams Street", "Ford Center": part of another name
    if not any(sp[-1][:1] == k[-1][:1] and conflict(sp, k, s) for k in known):
        return None
    if any(consistent(sp, k, s) for k in known):
        return None                 # a shorter form of another known name
    return Mention("person", start, end, text, text)


@lru_cache(maxsize=None)
def _given_names(lang: str) -> FrozenSet[str]:
    return frozenset(str(w).lower() for w in lexicon(lang).get("person_given_names") or ())


def _bare_given_name(sp: Spelling, s: NameSettings) -> bool:
    return s.bare_given_names_apart and len(sp) == 1 and sp[0] in _given_names(s.lang)


def _lower_words(items: Sequence[Tuple[Article, Sequence[Mention]]]) -> FrozenSet[str]:
    out = set()
    for article, _ in items:
        out.update(w.group() for w in _LOWER_WORD.finditer(article.body))
    return frozenset(out)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: Dict[Spelling, Spelling] = {}

    def find(self, x: Spelling) -> Spelling:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: Spelling, y: Spelling) -> None:
        self.parent[self.find(x)] = self.find(y)


def _together(a: Sequence[Written], b: Sequence[Written]) -> bool:
    """Are the two spellings written in one sentence somewhere (then they are two people)?"""
    spans = {(w.source, w.sentence) for w in a}
    return any((w.source, w.sentence) in spans for w in b)


def conflicts(by_spelling: Dict[Spelling, List[Written]], s: NameSettings) -> List[Tuple[Spelling, Spelling]]:
    """Every pair of spellings that is one name spelt two ways."""
    spellings = sorted(by_spelling)
    full = [sp for sp in spellings if any(_supported(w, s) for w in by_spelling[sp])]
    out = []
    for i, a in enumerate(spellings):
        for b in spellings[i + 1:]:
            if not conflict(a, b, s) or _bare_given_name(a, s) or _bare_given_name(b, s):
                continue
            if s.distinct_in_sentence and _together(by_spelling[a], by_spelling[b]):
                continue
            if len(a) == 1 and len(b) == 1:
                if s.bare_needs_full_name and not any(consistent(x, f, s) for x in (a, b) for f in full):
                    continue
                if s.family_plurals and _family_of_known(a[0], b[0], spellings, s):
                    continue
            if s.same_person_evidence and not _same_person(a, b, by_spelling[a], by_spelling[b], s):
                continue
            out.append((a, b))
    return out


def _same_person(a: Spelling, b: Spelling, wa: Sequence["Written"], wb: Sequence["Written"],
                 s: NameSettings) -> bool:
    """Evidence that two near-miss spellings are one person, not two people with similar
    names (a president Hollande and a reporter Holland): two full names sharing a part
    (the slip is in the other one), a bare name after the full one in the same article, the
    same title on both, or the same surrounding claim (their sentences share
    ``evidence_shared_words`` content words)."""
    if len(a) >= 2 and len(b) >= 2 and (a[0] == b[0] or a[-1] == b[-1]):
        return True
    for bare, full, bare_written, full_written in ((a, b, wa, wb), (b, a, wb, wa)):
        if len(bare) == 1 and len(full) >= 2:
            # News names a person in full, then by surname: a bare name after the full one
            # in the same article refers back to it ("Yvonne Hiller ... Hillar had worked").
            if any(f.source == w.source and f.mention.start < w.mention.start
                   for w in bare_written for f in full_written):
                return True
    titles_a = {(w.mention.title or "").lower() for w in wa} - {""}
    titles_b = {(w.mention.title or "").lower() for w in wb} - {""}
    if titles_a & titles_b:
        return True
    words_a = [_content_words(w) for w in wa]
    words_b = [_content_words(w) for w in wb]
    return any(len(x & y) >= s.evidence_shared_words for x in words_a for y in words_b)


_CONTENT = regex.compile(r"\p{L}{4,}")


def _content_words(w: "Written") -> FrozenSet[str]:
    """The sentence's longer words, the name itself left out."""
    text = w.article.text[w.sentence[0]:w.sentence[1]]
    text = text[:w.mention.start - w.sentence[0]] + " " + text[w.mention.end - w.sentence[0]:]
    return frozenset(m.group().lower() for m in _CONTENT.finditer(text))


def _family_of_known(a: str, b: str, spellings: Sequence[Spelling], s: NameSettings) -> bool:
    """Two bare words, one the other plus a plural ending: a slip ("Nichol" for "Nichols")
    only when a full name has the longer one as its surname; else the family ("the
    Mitchells" beside "Mitchell") or a word that is no name ("Seahawk" / "Seahawks")."""
    for plural, base in ((a, b), (b, a)):
        if _plural_of(plural, base, s.lang):
            return not any(len(sp) >= 2 and sp[-1] == plural for sp in spellings)
    return False


def persons(by_spelling: Dict[Spelling, List[Written]], pairs: Sequence[Tuple[Spelling, Spelling]],
            s: NameSettings) -> List[List[Spelling]]:
    """Spellings grouped into persons: conflicting ones joined, consistent ones attached."""
    groups = _UnionFind()
    for a, b in pairs:
        groups.union(a, b)
    members: Dict[Spelling, List[Spelling]] = defaultdict(list)
    for sp in list(groups.parent):
        members[groups.find(sp)].append(sp)
    core = {root: frozenset(group) for root, group in members.items()}
    taken = set(groups.parent)
    for sp in sorted(by_spelling):
        if sp in taken or not _long_enough(sp, s):
            continue
        # Attached to a person whose surname it shares, only when every other spelling it
        # fits belongs to that person too ("Brown" stays out when a Dorothy Brown is around).
        fits = [other for other in by_spelling if other != sp and other[-1] == sp[-1] and consistent(sp, other, s)]
        homes = [root for root, group in core.items() if any(other in group for other in fits)]
        if len(homes) != 1:
            continue
        home = core[homes[0]]
        if all(other in home or any(consistent(other, member, s) for member in home) for other in fits):
            members[homes[0]].append(sp)
    return [sorted(group) for group in members.values()]


# --------------------------------------------------------------------------- verdicts

def cross_check_names(items: Sequence[Tuple[Article, Sequence[Mention]]], facts: Sequence[Fact] = (),
                      settings: NameSettings = DEFAULT_NAME_SETTINGS, claims=None) -> List[Verdict]:
    """One failing Verdict per person whose name the articles spell in several ways.

    With ``claims`` (one sequence per item), names outside ``settings.zones`` -- bylines,
    photo credits, captions, related links -- are not compared: a byline's "Associated
    Press" or a credit's photographer is no person of the story."""
    s = settings
    if claims is not None:
        items = [(article, [m for m in mentions if _compared_zone(m, zone_of, s)])
                 for (article, mentions), zone_of in
                 zip(items, ({id(c.mention): c.zone for c in found} for found in claims))]
    by_spelling: Dict[Spelling, List[Written]] = defaultdict(list)
    for w in written_names(items, facts, s):
        by_spelling[w.spelling].append(w)
    pairs = conflicts(by_spelling, s)
    verdicts: List[Verdict] = []
    subjects: Counter = Counter()
    groups = [sorted((w for sp in group for w in by_spelling[sp]), key=lambda w: (w.source, w.mention.start))
              for group in persons(by_spelling, pairs, s)]
    for written in sorted(groups, key=lambda ws: (ws[0].source, ws[0].mention.start)):
        group = sorted({w.spelling for w in written})
        group_pairs = [(a, b) for a, b in pairs if a in group]
        if not s.within_article and len({w.source for w in written}) < 2:
            continue
        subject = f"name: {_surname(written, s.lang)}"
        subjects[subject] += 1
        if subjects[subject] > 1:
            subject = f"{subject} #{subjects[subject]}"
        verdicts.append(_verdict(subject, group, group_pairs, written, s))
    verdicts.sort(key=lambda v: v.subject)
    return verdicts


def _surname(written: Sequence[Written], lang: str = "en") -> str:
    """The surname as most articles write it, with its particles ("Del Giudice"; ties: first written)."""
    counts: Counter = Counter()
    first: Dict[str, int] = {}
    particles = _particles(lang)
    suffixes = _suffixes(lang)
    for n, w in enumerate(written):
        words = w.name.split()
        while len(words) > 1 and names.tokens(words[-1])[-1:] and names.tokens(words[-1])[-1] in suffixes:
            words.pop()
        if not words:
            continue
        cut = len(words) - 1
        while cut > 0 and words[cut - 1].lower().strip(".") in particles:
            cut -= 1
        last = " ".join(words[cut:])
        counts[last] += 1
        first.setdefault(last, n)
    return min(counts, key=lambda k: (-counts[k], first[k])) if counts else "?"


@lru_cache(maxsize=None)
def _particles(lang: str) -> FrozenSet[str]:
    return frozenset(str(w).lower().strip(".") for w in lexicon(lang).get("person_particles") or ())


def _ways(group: Sequence[Spelling], s: NameSettings) -> List[Spelling]:
    """The spellings that are not a shorter form of another one in the group."""
    return [sp for sp in group
            if not any(other != sp and len(other) > len(sp) and consistent(sp, other, s) for other in group)]


@dataclass(frozen=True)
class Way:
    """One way the name is written, and the spellings that stand for it."""

    label: str                      # as written: "Georgy Zinoviev", or a surname "Gigante"
    spellings: FrozenSet[Spelling]  # the way itself and its shorter forms that fit no other way


def ways(group: Sequence[Spelling], written: Sequence[Written], s: NameSettings) -> List[Way]:
    """How the group writes the name. Per person ("Georgiy Zinoviev" / "Georgy Zinoviev" /
    "Zinovyev"), or per surname when the group holds different people sharing one, joined
    by a slip in their surname ("Gigamte" beside Louis and Vincent Gigante)."""
    shown: Dict[Spelling, str] = {}
    for w in written:
        shown.setdefault(w.spelling, w.name)
    full = [sp for sp in group if len(sp) >= 2]
    different = any(a[-1] == b[-1] and not consistent(a, b, s) and not conflict(a, b, s)
                    for i, a in enumerate(full) for b in full[i + 1:])
    if different:
        by_surname: Dict[str, List[Spelling]] = defaultdict(list)
        for sp in group:
            by_surname[sp[-1]].append(sp)
        out = []
        for surname, sps in by_surname.items():
            written_as = Counter(w.name.split()[-1] for w in written if w.spelling in sps and w.name.split()
                                 and spelling(w.name.split()[-1], s.lang)[-1:] == (surname,))
            label = written_as.most_common(1)[0][0] if written_as else shown[sps[0]]
            out.append(Way(label, frozenset(sps)))
        return out
    heads = _ways(group, s)
    out = []
    for head in heads:
        covered = {head} | {sp for sp in group if sp not in heads and consistent(sp, head, s)
                            and not any(consistent(sp, other, s) for other in heads if other != head)}
        out.append(Way(shown[head], frozenset(covered)))
    return out


def _finding(w: Written, reason: str) -> Finding:
    article, m = w.article, w.mention
    line, column = article.position(m.start)
    start, end = w.sentence
    sentence = article.text[start:end]
    return Finding(article=article.path, line=line, column=column, mention=m, sentence=sentence,
                   marked=mark(sentence, m.start - start, m.end - start), reason=reason)


def _verdict(subject: str, group: Sequence[Spelling], pairs: Sequence[Tuple[Spelling, Spelling]],
             written: Sequence[Written], s: NameSettings = DEFAULT_NAME_SETTINGS) -> Verdict:
    shown: Dict[Spelling, str] = {}
    articles_of: Dict[Spelling, List[str]] = defaultdict(list)
    for w in written:
        shown.setdefault(w.spelling, w.name)
        if w.article.path not in articles_of[w.spelling]:
            articles_of[w.spelling].append(w.article.path)
    against: Dict[Spelling, List[Spelling]] = defaultdict(list)
    for a, b in pairs:
        against[a].append(b)
        against[b].append(a)

    # One finding per article and spelling (its first occurrence; the lines of the others in the reason).
    occurrences: Dict[Tuple[int, Spelling], List[Written]] = defaultdict(list)
    for w in written:
        occurrences[(w.source, w.spelling)].append(w)
    findings = []
    for (source, sp), ws in sorted(occurrences.items(), key=lambda kv: (kv[0][0], kv[1][0].mention.start)):
        lines = sorted({w.article.position(w.mention.start)[0] for w in ws})
        where = f"line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
        others = against.get(sp, [])
        if others:
            reason = f"writes '{shown[sp]}' ({where}); " + "; ".join(
                f"'{shown[o]}' in {', '.join(articles_of[o])}" for o in others)
        else:
            reason = f"writes '{shown[sp]}' ({where})"
        findings.append(_finding(ws[0], reason))

    per_article: Dict[str, List[str]] = defaultdict(list)
    for w in written:
        if w.name not in per_article[w.article.path]:
            per_article[w.article.path].append(w.name)
    details = tuple(f"{path}: {', '.join(spelt)}" for path, spelt in per_article.items())
    first_seen = {}
    for n, w in enumerate(written):
        first_seen.setdefault(w.spelling, n)
    found = sorted(ways(group, written, s), key=lambda way: min(first_seen.get(sp, len(written))
                                                                for sp in way.spellings))
    paths: List[List[str]] = []
    for way in found:
        paths.append([p for p in per_article if any(p in articles_of[sp] for sp in way.spellings)])
    message = f"sources spell the name {len(found)} ways: " + " vs ".join(
        f"{way.label} ({', '.join(ps)})" for way, ps in zip(found, paths))
    inconsistent = [p for p in per_article if sum(p in ps for ps in paths) > 1]
    if inconsistent:
        message += f"; spelt more than one way within {', '.join(inconsistent)}"
    return Verdict(subject=subject, article=None, outcome="fail", findings=tuple(findings),
                   message=message, details=details)
