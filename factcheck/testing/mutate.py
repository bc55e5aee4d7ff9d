"""Meaning-changing rewrites of an article: the errors a fact-check gate must catch.

Pure functions of text (and of a mention for the mention-driven ones): change a
significant digit, multiply by ten, reverse or drop a bound, move a weekday or month
by one, misspell a surname by one letter. The test suite (``tests/test_seed_mutations.py``)
and the injected-error benchmark (``benchmarks/inject.py``) use the same ones; a user can
use them to test their own corpus's gate. Vocabulary comes from ``lang/<code>/inject.yaml``.
"""
from __future__ import annotations
import dataclasses
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple
from factcheck.article import Article
from factcheck.lang import lexicon
from factcheck.mention import Mention
from factcheck.verdict import Verdict

#: Injection types, in the order the table shows them.
KINDS = ("digit", "x10", "qualifier-flip", "qualifier-drop", "weekday", "month", "name")
#: Qualifier classes (factcheck/lang/en/numbers.yaml ``qualifiers``) that are bounds:
#: only a bound can be reversed or dropped with a change of meaning.
BOUND_QUALIFIERS = ("more than", "at least", "fewer than", "up to")
#: Lower-case vowels: a misspelling swaps a vowel for a vowel or a consonant for a
#: consonant, the way one-letter slips and transliteration variants look.
VOWELS = "aeiou"
#: The seed corpus is one cluster: it gets this many times ``--per-type`` injections.
SEED_SCALE = 4
#: A number written with digits inside a mention's text ("1,500", "2.5" in "$2.5bn").
DIGITS = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")


# --------------------------------------------------------------------------- pure rewrites


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str

    def apply(self, text: str) -> str:
        return text[:self.start] + self.new + text[self.end:]


def find_edit(text: str, old: str, new: str, occurrence: int = 0) -> Edit:
    """The edit replacing the ``occurrence``-th (0-based) ``old`` in ``text``; ValueError if absent."""
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.find(old, offset + 1)
        if offset < 0:
            raise ValueError(f"{old!r} occurs fewer than {occurrence + 1} times")
    return Edit(offset, offset + len(old), new)


def significant_digit_positions(number: str) -> List[int]:
    """Indexes of the digits up to the last non-zero one ("1,500" -> [0, 2]): changing a
    trailing zero of a round figure would make it look precise rather than wrong."""
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    while len(digits) > 1 and number[digits[-1]] == "0":
        digits.pop()
    return digits


def change_digit(number: str, position: int, digit: str) -> str:
    """``number`` with the digit at ``position`` replaced ("1,500", 2, "8" -> "1,800")."""
    if not number[position].isdigit() or not digit.isdigit() or number[position] == digit:
        raise ValueError(f"cannot put {digit!r} at {position} of {number!r}")
    if digit == "0" and position == next(i for i, ch in enumerate(number) if ch.isdigit()):
        raise ValueError("a leading zero changes how the number reads")
    return number[:position] + digit + number[position + 1:]


def digit_changes(number: str) -> List[str]:
    """Every variant of ``number`` with one significant digit changed."""
    out = []
    for position in significant_digit_positions(number):
        for digit in "0123456789":
            try:
                out.append(change_digit(number, position, digit))
            except ValueError:
                pass
    return out


def times_ten(number: str) -> Optional[str]:
    """``number`` ten times larger, written the same way ("1,500" -> "15,000", "2.5" -> "25")."""
    try:
        value = Decimal(number.replace(",", "")) * 10
    except InvalidOperation:
        return None
    if value == value.to_integral_value():
        whole = int(value)
        return f"{whole:,}" if "," in number else str(whole)
    return format(value.normalize(), "f")


def same_case(word: str, like: str) -> str:
    """``word`` capitalised as ``like`` is, so a rewrite at a sentence start stays capitalised."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=None)
def _calendar_words(lang: str) -> Tuple[Mapping[str, int], Mapping[int, str], Mapping[str, int], Mapping[int, str]]:
    """(month word -> n, n -> full name, weekday word -> n, n -> full name) from the lexicon."""
    lex = lexicon(lang)
    months: Dict[str, int] = dict(lex["months"])
    weekdays: Dict[str, int] = dict(lex["weekdays"])
    # The longest word of a number is its full name ("september", not "sept").
    month_names = {n: max((w for w, k in months.items() if k == n), key=len) for n in set(months.values())}
    weekday_names = {n: max((w for w, k in weekdays.items() if k == n), key=len) for n in set(weekdays.values())}
    return months, month_names, weekdays, weekday_names


def _moved_word(text: str, words: Mapping[str, int], names: Mapping[int, str], size: int,
                step: int) -> Optional[Edit]:
    """The first calendar word of ``text`` moved on by ``step`` (abbreviations become
    full names: "Oct." -> "November.") ; None if ``text`` holds none."""
    for m in re.finditer(r"[^\W\d_]+", text):
        n = words.get(m.group().lower())
        if n is None:
            continue
        first = min(names)
        moved = names[(n - first + step) % size + first]
        return Edit(m.start(), m.end(), same_case(moved, m.group()))
    return None


def move_weekday(text: str, step: int = 1, lang: str = "en") -> Optional[Edit]:
    """Edit of ``text`` moving its first weekday name on by ``step`` days ("Monday" -> "Tuesday")."""
    _, _, weekdays, names = _calendar_words(lang)
    return _moved_word(text, weekdays, names, 7, step)


def move_month(text: str, step: int = 1, lang: str = "en") -> Optional[Edit]:
    """Edit of ``text`` moving its first month name on by ``step`` months ("June" -> "July")."""
    months, names, _, _ = _calendar_words(lang)
    edit = _moved_word(text, {w: n for w, n in months.items() if len(w) > 2}, names, 12, step)
    if edit and text[edit.end:edit.end + 1] == ".":   # "Oct." became "November."
        edit = Edit(edit.start, edit.end + 1, edit.new)
    return edit


def misspellings(word: str) -> List[str]:
    """Every one-letter slip of ``word``: an interior or final letter swapped for another
    of the same sort (vowel for vowel, consonant for consonant). The first letter of the
    word and of each hyphenated part stays, as in most real slips ("Peskov" -> "Peskow",
    "Hong-kyun" -> "Hong-kyan")."""
    out = []
    for i, ch in enumerate(word):
        if i == 0 or not word[i - 1].isalpha() or not ch.isalpha() or not ch.isascii():
            continue
        lower = ch.lower()
        pool = VOWELS if lower in VOWELS else "bcdfghjklmnpqrstvwxyz"
        for other in pool:
            if other != lower:
                out.append(word[:i] + same_case(other, ch) + word[i + 1:])
    return out


@lru_cache(maxsize=None)
def _reversals(lang: str) -> Tuple[Mapping[str, str], Mapping[str, str]]:
    lex = lexicon(lang)
    return dict(lex["inject_qualifier_reversals"]), dict(lex["inject_trailing_reversals"])


def qualifier_span(text: str, mention: Mention, lang: str = "en") -> Optional[Tuple[Edit, str]]:
    """Where the bound of a quantity mention is written, as an edit that would keep it,
    and its reversal: the longest known bound right before (or after) the figure."""
    if mention.kind != "quantity" or mention.qualifier not in BOUND_QUALIFIERS:
        return None
    before, after = _reversals(lang)
    head = text[:mention.start]
    stripped = head.rstrip()
    for surface in sorted(before, key=len, reverse=True):
        if stripped.lower().endswith(surface):
            start = len(stripped) - len(surface)
            if start == 0 or not stripped[start - 1].isalnum():
                written = stripped[start:]
                return Edit(start, len(stripped), written), same_case(before[surface], written)
    tail = text[mention.end:]
    lead = len(tail) - len(tail.lstrip())
    for surface in sorted(after, key=len, reverse=True):
        if tail[lead:lead + len(surface)].lower() == surface:
            stop = mention.end + lead + len(surface)
            if stop == len(text) or not text[stop].isalnum():
                return Edit(mention.end + lead, stop, text[mention.end + lead:stop]), after[surface]
    return None


def flip_qualifier(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """"more than 13,000" -> "fewer than 13,000"."""
    found = qualifier_span(text, mention, lang)
    if not found:
        return None
    span, reversed_ = found
    return Edit(span.start, span.end, reversed_)


def drop_qualifier(text: str, mention: Mention, lang: str = "en") -> Optional[Edit]:
    """"more than 13,000" -> "13,000" (the space next to the bound goes with it)."""
    found = qualifier_span(text, mention, lang)
    if not found:
        return None
    span = found[0]
    if span.end <= mention.start:
        return Edit(span.start, mention.start, "")
    return Edit(mention.end, span.end, "")


def number_in(mention: Mention) -> Optional[Tuple[int, int]]:
    """Offsets (in the article) of the digits of a quantity mention ("2.5" in "$2.5bn")."""
    m = DIGITS.search(mention.text)
    if not m:
        return None
    return mention.start + m.start(), mention.start + m.end()


# --------------------------------------------------------------------------- injections


@dataclass(frozen=True)
class Injection:
    kind: str          # one of KINDS
    article: str       # the article's path as displayed
    edit: Edit
    old: str           # the text the edit replaces
    line: int          # where the edit starts, 1-based

    def describe(self) -> str:
        return f"{self.kind}: {self.article}:{self.line} {self.old!r} -> {self.edit.new!r}"


def _scalar(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def quantity_identity(mention: Mention) -> Tuple:
    """What makes two quantities the same figure for "another article also reports it":
    value, unit and the group of the counted noun ("troops" = "soldiers")."""
    from factcheck.check.cross.align import counted_key

    return mention.value, mention.unit, counted_key(mention.counted)[0]


def shared_values(others: Iterable[Sequence[Mention]]) -> Dict[str, FrozenSet]:
    """What other articles report, per kind: quantity values, date values, surnames."""
    found: Dict[str, set] = defaultdict(set)
    for mentions in others:
        for m in mentions:
            if m.kind == "person":
                found["person"].update(w.lower() for w in str(m.value).split())
            elif m.kind == "quantity":
                found["quantity"].add(quantity_identity(m))
            elif m.value is not None:
                found[m.kind].add(m.value)
    return {k: frozenset(v) for k, v in found.items()}


def candidate_edits(article: Article, mentions: Sequence[Mention], reported: Mapping[str, FrozenSet],
                    lang: str = "en") -> Dict[str, List[Edit]]:
    """Every injection of each kind into ``article`` that another article could contradict:
    only figures, dates and surnames that another article also reports are changed."""
    text = article.text
    out: Dict[str, List[Edit]] = defaultdict(list)
    for m in mentions:
        if m.start < article.body_start:
            continue
        if m.kind == "quantity" and not m.vague and _scalar(m.value) \
                and quantity_identity(m) in reported.get("quantity", ()):
            span = number_in(m)
            if span:
                number = text[span[0]:span[1]]
                out["digit"] += [Edit(span[0], span[1], n) for n in digit_changes(number)]
                bigger = times_ten(number)
                if bigger:
                    out["x10"].append(Edit(span[0], span[1], bigger))
            for kind, rewrite in (("qualifier-flip", flip_qualifier), ("qualifier-drop", drop_qualifier)):
                edit = rewrite(text, m, lang)
                if edit:
                    out[kind].append(edit)
        elif m.kind == "date" and m.value is not None and m.value in reported.get("date", ()):
            for kind, move in (("weekday", move_weekday), ("month", move_month)):
                if kind == "weekday" and not weekday_only(m):
                    continue
                edit = move(m.text, 1, lang)
                if edit:
                    out[kind].append(Edit(m.start + edit.start, m.start + edit.end, edit.new))
        elif m.kind == "person":
            words = list(re.finditer(r"[^\W\d_][\w'’-]*", m.text))
            if words and words[-1].group().lower() in reported.get("person", ()):
                surname = words[-1]
                start = m.start + surname.start()
                out["name"] += [Edit(start, start + len(surname.group()), w)
                                for w in misspellings(surname.group())]
    return out


def weekday_only(mention: Mention) -> bool:
    """A date given by its weekday alone ("on Monday", "last Friday"): moving the weekday
    of "Thursday, May 2" changes nothing the date is read as, so it is no injection."""
    if mention.expr is not None:
        return mention.expr.anchor == "weekday"
    return not any(ch.isdigit() for ch in mention.text)


def inject(article: Article, edit: Edit) -> Article:
    """The article with the edit applied (metadata kept: the edit is in the body)."""
    return dataclasses.replace(article, text=edit.apply(article.text))


def draw_injections(items: Sequence[Tuple[Article, Sequence[Mention]]], rng: random.Random,
                    per_type: int, lang: str = "en",
                    keep: Optional[Callable[[Article, Edit], bool]] = None) -> List[Injection]:
    """At most ``per_type`` injections of each kind into the cluster, drawn at random
    (one article and one edit each; different articles preferred); ``keep`` filters
    the candidates."""
    pool: Dict[str, List[Tuple[int, Edit]]] = defaultdict(list)
    for index, (article, mentions) in enumerate(items):
        others = [found for j, (_, found) in enumerate(items) if j != index]
        for kind, edits in candidate_edits(article, mentions, shared_values(others), lang).items():
            pool[kind] += [(index, e) for e in edits if keep is None or keep(article, e)]
    chosen: List[Injection] = []
    for kind in KINDS:
        options = pool.get(kind, [])
        rng.shuffle(options)
        taken: List[Tuple[int, Edit]] = []
        for index, edit in options:     # one per article first, then the rest
            if len(taken) < per_type and index not in {i for i, _ in taken}:
                taken.append((index, edit))
        for index, edit in options:
            if len(taken) < per_type and (index, edit) not in taken:
                taken.append((index, edit))
        for index, edit in taken:
            article = items[index][0]
            chosen.append(Injection(kind, article.path, edit, article.text[edit.start:edit.end],
                                    article.position(edit.start)[0]))
    return chosen


# --------------------------------------------------------------------------- measuring

Signature = Tuple[str, FrozenSet[Tuple[str, int, str]]]


def signature(verdict: Verdict) -> Signature:
    """What makes a failure the same failure: its subject and who says what, where."""
    return verdict.subject, frozenset((f.article, f.line, repr(f.mention.value)) for f in verdict.findings)


def failures(verdicts: Iterable[Verdict]) -> Dict[Signature, Verdict]:
    return {signature(v): v for v in verdicts if v.failed}


@dataclass(frozen=True)
class Outcome:
    injection: Injection
    detected: bool        # a new failure names the injected article
    located: bool         # ... at the changed line
    false_alarms: int     # new failures not naming the injected article


def judge(injection: Injection, clean: Mapping[Signature, Verdict], after: Mapping[Signature, Verdict]) -> Outcome:
    new = [v for s, v in after.items() if s not in clean]
    naming = [v for v in new if any(f.article == injection.article for f in v.findings)
              or v.article == injection.article]
    located = any(f.article == injection.article and f.line == injection.line for v in naming for f in v.findings)
    return Outcome(injection, bool(naming), located, len(new) - len(naming))
