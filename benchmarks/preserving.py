"""Meaning-preserving rewrites of an article: what a fact-check gate must *not* flag.

The counterpart of :mod:`factcheck.testing.mutate` (which changes meaning): each rewrite
here writes the same fact another way an outlet might -- a number with or without its
thousands separators, a small number in words or in digits, an approximation or bound
by a synonym ("about 1,500" -> "some 1,500"), a full date in another date format, a
person's name with the title the article gives that person elsewhere. A finding (failure
or warning) after such a rewrite that was not there before is a false alarm.

Pure functions of text (and of a mention for the mention-driven ones), returning
:class:`~factcheck.testing.mutate.Edit`\\ s; ``benchmarks/inject.py`` draws and applies them.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from factcheck.article import Article
from factcheck.lang import lexicon
from factcheck.mention import Mention
from factcheck.testing.mutate import Edit, Injection, number_in, quantity_identity, same_case, shared_values

#: Rewrite types, in the order the report shows them.
PRESERVING_KINDS = ("separators", "number-word", "qualifier-synonym", "date-format", "title")

#: Qualifier class (as ``Mention.qualifier`` gives it) -> surfaces that say exactly the
#: same. Narrower than the lexicon's classes on purpose: "nearly" and "just under" are
#: read as "about" but do not mean "about", so swapping them in would change the claim.
SYNONYMS: Mapping[str, Tuple[str, ...]] = {
    "about": ("about", "around", "some", "roughly", "approximately"),
    "more than": ("more than", "over"),
    "fewer than": ("fewer than", "less than"),
    "up to": ("up to", "as many as"),
}

#: Whole numbers written in words when rewritten ("12" -> "twelve"): news style spells
#: out small counts, so outlets differ exactly here. One is left out ("one of them").
SMALL_NUMBERS = range(2, 21)

_WORD = re.compile(r"[^\W\d_]+")
_DATE_CORE = {
    # "Nov. 17, 2016", "November 17", "Nov 17th, 2016"
    "mdy": re.compile(r"(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?$"),
    # "17 November 2016", "17th of November", "17 Nov."
    "dmy": re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[^\W\d_]+)\.?(?:,?\s+(?P<year>\d{4}))?$"),
    # "2016-11-17"
    "iso": re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
}


# --------------------------------------------------------------------------- small helpers


@lru_cache(maxsize=None)
def _month_names(lang: str) -> Tuple[Mapping[str, int], Mapping[int, str]]:
    """(month word -> number, number -> full name): the full name is the longest word."""
    months = {w: n for w, n in lexicon(lang)["months"].items()}
    names = {n: max((w for w, k in months.items() if k == n), key=len) for n in set(months.values())}
    return months, names


@lru_cache(maxsize=None)
def _number_words(lang: str) -> Tuple[Mapping[int, str], Mapping[str, int]]:
    """(value -> word, word -> value) for the single-word numbers of the lexicon."""
    lex = lexicon(lang)
    by_word = {**lex["number_units"], **lex["number_tens"]}
    by_value: Dict[int, str] = {}
    for word, value in by_word.items():
        by_value.setdefault(value, word)       # the first spelling ("zero", not "nought")
    return by_value, by_word


def _sentence_start(text: str, offset: int) -> bool:
    """Nothing but space since the end of the last sentence (or line, or the text)."""
    before = text[:offset].rstrip(" \t")
    return not before or before[-1] in ".!?\n\"“"


# --------------------------------------------------------------------------- numbers


def without_separators(number: str) -> Optional[str]:
    """"1,500" -> "1500": the same value without thousands separators; None if it has none."""
    return number.replace(",", "") if "," in number else None


def with_separators(number: str) -> Optional[str]:
    """"15000" -> "15,000"; None when there is nothing to separate."""
    if not number.isdigit() or len(number) < 4:
        return None
    return f"{int(number):,}"


def could_be_year(number: str, mention: Mention, lang: str = "en") -> bool:
    """A four-digit count with no unit in the years' range ("2,000 people"): written
    "2000" it reads as a year (and "1995" written "1,995" no longer does), so the two
    forms do not say the same to a reader."""
    digits = number.replace(",", "")
    low, high = lexicon(lang)["number_year_range"]
    return not mention.unit and len(digits) == 4 and digits.isdigit() and low <= int(digits) <= high


def separator_edit(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """The mention's digits with their thousands separators dropped or added."""
    span = number_in(mention)
    if not span:
        return None
    number = text[span[0]:span[1]]
    if could_be_year(number, mention, lang):
        return None
    new = without_separators(number) or with_separators(number)
    return Edit(span[0], span[1], new) if new else None


def spelled_out(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """"12 people" -> "twelve people" for a small whole count written in digits, with no
    unit or currency glued to it ("$12", "12%" would not read the same in words)."""
    span = number_in(mention)
    if not span or mention.unit or mention.value not in SMALL_NUMBERS:
        return None
    start, end = span
    if text[start:end] != str(mention.value) or (start and text[start - 1] in "$£€.,-/") \
            or (end < len(text) and text[end] in "%.,/0123456789"):
        return None
    word = _number_words(lang)[0].get(mention.value)
    if word is None:
        return None
    return Edit(start, end, word.capitalize() if _sentence_start(text, start) else word)


def in_digits(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """"twelve people" -> "12 people": a count written as one number word, in digits
    (not at the end of a hyphenated compound)."""
    if mention.kind != "quantity" or mention.unit:
        return None
    found = _WORD.match(mention.text)
    if not found or text[:mention.start + found.start()].endswith("-"):
        return None             # the tail of a compound: "one-in-three" is no "one-in-3"
    value = _number_words(lang)[1].get(found.group().lower())
    if value is None or value != mention.value or value not in SMALL_NUMBERS:
        return None
    return Edit(mention.start + found.start(), mention.start + found.end(), str(value))


def number_word_edit(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """A small count switched between digits and words, whichever way it is written."""
    return spelled_out(text, mention, lang) or in_digits(text, mention, lang)


def synonym_edits(text: str, mention: Mention) -> List[Edit]:
    """"about 1,500" -> "some 1,500", "around 1,500"...; "more than 400" -> "over 400":
    the qualifier before the figure swapped for each of its synonyms (:data:`SYNONYMS`)."""
    group = SYNONYMS.get(mention.qualifier or "")
    if not group:
        return []
    head = text[:mention.start].rstrip()
    for surface in sorted(group, key=len, reverse=True):
        start = len(head) - len(surface)
        if head.lower().endswith(surface) and (start == 0 or not head[start - 1].isalnum()):
            written = head[start:]
            return [Edit(start, len(head), same_case(other, written)) for other in group if other != surface]
    return []


# --------------------------------------------------------------------------- dates


def reformat_date(date_text: str, lang: str = "en") -> Optional[str]:
    """The same calendar day in another format: "Nov. 17, 2016" -> "17 November 2016",
    "17 November 2016" -> "November 17, 2016", "2016-11-17" -> "November 17, 2016";
    without a year "May 2" <-> "2 May". Only the trailing date is rewritten (a weekday
    before it stays). None when ``date_text`` does not end in a date of these forms."""
    months, names = _month_names(lang)
    for form, pattern in _DATE_CORE.items():
        found = pattern.search(date_text)
        if not found or (found.start() and date_text[found.start() - 1].isalnum()):
            continue
        month = int(found["month"]) if form == "iso" else months.get(found["month"].lower())
        if not month or month not in names:
            continue
        name, day, year = names[month].capitalize(), int(found["day"]), found["year"]
        if form == "mdy":
            new = f"{day} {name}" + (f" {year}" if year else "")
        else:
            new = f"{name} {day}" + (f", {year}" if year else "")
        return date_text[:found.start()] + new
    return None


def date_format_edit(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """A date mention of one day rewritten in another format (see :func:`reformat_date`)."""
    if mention.kind != "date" or mention.value is None or mention.granularity not in (None, "day"):
        return None
    if mention.expr is not None and mention.expr.anchor not in ("absolute", "month_day"):
        return None
    new = reformat_date(mention.text, lang)
    return Edit(mention.start, mention.end, new) if new and new != mention.text else None


# --------------------------------------------------------------------------- names


def surname(name: str) -> str:
    """The last word of a name, lower-cased: what tells two mentions of one person apart."""
    words = _WORD.findall(name)
    return words[-1].lower() if words else ""


def same_person(a: Mention, b: Mention) -> bool:
    """Two person mentions of one article name the same person: the same surname, and the
    same full name or one of them the surname alone ("Nancy Pelosi" ... "Pelosi").
    "Donald Trump" and "Melania Trump" are not."""
    if surname(str(a.value)) != surname(str(b.value)):
        return False
    words_a, words_b = _WORD.findall(str(a.value)), _WORD.findall(str(b.value))
    return words_a == words_b or len(words_a) == 1 or len(words_b) == 1


def own_titles(text: str, mention: Mention, mentions: Sequence[Mention]) -> List[str]:
    """The titles that the article gives elsewhere to the person ``mention`` names ("Rep."
    of "Rep. Tim Ryan" for a later bare "Ryan"): the title is that person's, so adding it
    changes nothing. Cased for the middle of a sentence (see :func:`mid_sentence_title`)."""
    out: List[str] = []
    for other in mentions:
        if other.kind == "person" and other.title and other is not mention and same_person(mention, other):
            title = mid_sentence_title(other.title, _sentence_start(text, _title_start(text, other)), text)
            if title not in out:
                out.append(title)
    return out


def _title_start(text: str, mention: Mention) -> int:
    """Where the title written before a titled person mention begins."""
    found = text.rfind(mention.title or "", 0, mention.start)
    return found if found >= 0 else mention.start


def mid_sentence_title(title: str, written_first: bool, text: str) -> str:
    """The title as it reads mid-sentence. Written mid-sentence, its case is the writer's.
    Written first in a sentence (or in a headline) its capital says nothing, so the case is
    taken from where ``text`` uses the word mid-sentence: "Actress Lindsay Lohan ..." and
    later "the actress' whereabouts" give "actress"; "President" stays "President"."""
    first = _WORD.match(title)
    if not written_first or not first:
        return title
    for found in re.finditer(rf"(?<!\w){re.escape(first.group())}(?!\w)", text, re.IGNORECASE):
        if not _sentence_start(text, found.start()):
            return found.group() + title[first.end():]
    return title


def title_edits(text: str, mention: Mention, mentions: Sequence[Mention]) -> List[Edit]:
    """"Pelosi" -> "Rep. Pelosi", with each title the article itself gives that person;
    none for a name already titled."""
    if mention.kind != "person" or mention.title:
        return []
    opening = _sentence_start(text, mention.start)
    return [Edit(mention.start, mention.start, (title[:1].upper() + title[1:] if opening else title) + " ")
            for title in own_titles(text, mention, mentions)]


# --------------------------------------------------------------------------- drawing


def candidate_rewrites(article: Article, mentions: Sequence[Mention], reported: Mapping[str, FrozenSet],
                       lang: str = "en") -> Dict[str, List[Edit]]:
    """Every meaning-preserving rewrite of each kind in the body of ``article``, of figures,
    dates and surnames another article also reports: only those are compared across
    sources, so only those can raise a cross-source alarm."""
    text = article.text
    out: Dict[str, List[Edit]] = defaultdict(list)
    for m in mentions:
        if m.start < article.body_start:
            continue
        if m.kind == "quantity" and quantity_identity(m) in reported.get("quantity", ()):
            for kind, rewrite in (("separators", separator_edit), ("number-word", number_word_edit)):
                edit = rewrite(text, m, lang)
                if edit:
                    out[kind].append(edit)
            out["qualifier-synonym"] += synonym_edits(text, m)
        elif m.kind == "date" and m.value in reported.get("date", ()):
            edit = date_format_edit(text, m, lang)
            if edit:
                out["date-format"].append(edit)
        elif m.kind == "person" and surname(str(m.value)) in reported.get("person", ()):
            out["title"] += title_edits(text, m, mentions)
    return out


def draw_rewrites(items: Sequence[Tuple[Article, Sequence[Mention]]], rng: random.Random, per_type: int,
                  lang: str = "en", keep: Optional[Callable[[Article, Edit], bool]] = None) -> List[Injection]:
    """At most ``per_type`` rewrites of each kind into the cluster, drawn at random, one per
    article first (as :func:`factcheck.testing.mutate.draw_injections` draws injections);
    each is an :class:`Injection` whose kind is one of :data:`PRESERVING_KINDS`."""
    pool: Dict[str, List[Tuple[int, Edit]]] = defaultdict(list)
    for index, (article, mentions) in enumerate(items):
        others = [found for j, (_, found) in enumerate(items) if j != index]
        for kind, edits in candidate_rewrites(article, mentions, shared_values(others), lang).items():
            pool[kind] += [(index, e) for e in edits if keep is None or keep(article, e)]
    chosen: List[Injection] = []
    for kind in PRESERVING_KINDS:
        options = pool.get(kind, [])
        rng.shuffle(options)
        for index, edit in _spread(options, per_type):
            article = items[index][0]
            chosen.append(Injection(kind, article.path, edit, article.text[edit.start:edit.end],
                                    article.position(edit.start)[0]))
    return chosen


def _spread(options: Sequence[Tuple[int, Edit]], limit: int) -> List[Tuple[int, Edit]]:
    """Up to ``limit`` of ``options``, a different article each first, then the rest."""
    taken: List[Tuple[int, Edit]] = []
    for index, edit in options:
        if len(taken) < limit and index not in {i for i, _ in taken}:
            taken.append((index, edit))
    for option in options:
        if len(taken) < limit and option not in taken:
            taken.append(option)
    return taken
