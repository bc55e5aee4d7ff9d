"""Dates: find date expressions in text and parse them into TimeExpr.

Parsing only: what a phrase says ("last week" = the week before the dateline's),
never which day that is; :mod:`factcheck.resolve` does that against the
publication date (as facebook/duckling separates parsing and resolution).

One combined regular expression, built once per language from the lexicon
(``factcheck/lang/<lang>/dates.yaml``), is scanned over the text. Its
alternatives are listed longest-first, so at any position the fullest reading
wins ("between October 8 and 13" before "October 8", "Monday (Oct 21)" before
"Monday"). Each match is then checked in Python for what a pattern cannot
say (case of ambiguous month names, numbers that are counts rather than
years, cue words that point ahead) and turned into a TimeExpr.

Speed: the combined expression is not searched character by character; a
cheap scan finds where a reading can start and only the rules that can start
there are tried (see "where a reading can start" below). The readings are
the same as a search with the combined expression would find.
"""
from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import regex

from ..lang import LexiconError, lexicon
from ..mention import Mention, TimeExpr

# Numeric dates "10/21/2024" and "10-21-2024" are read month first (US news usage) unless
# day_first=True. Dotted dates "21.10.2024" are always day first (nobody writes them US-style).
DAY_FIRST = False

# Two-digit years ("7/8/07") are 20xx up to this value, 19xx above it.
TWO_DIGIT_YEAR_PIVOT = 49

# A bare four-digit number is a year in this range; written after a year cue ("in 1815",
# "since 1776") the range extends back to YEAR_WITH_CUE_MIN.
BARE_YEAR_RANGE = (1900, 2100)
YEAR_WITH_CUE_MIN = 1000


#: The connectives of the date rules, for a language whose ``dates.yaml`` has no ``date_grammar``
#: (or whose schema does not declare it yet): the English the rules were written with. Each names
#: the words that stand in one place of the rules; ``day_first`` is how "4/5/2016" is read.
DATE_GRAMMAR_DEFAULTS = {
    "of": ["of"],                     # "21st of October", "October of 2024"
    "the": ["the"],                   # "the 21st October"
    "between": ["between"],           # "between 8 and 13 May"
    "and": ["and"],
    "from": ["from"],                 # "from 8 to 13 May"
    "range": ["to", "until", "till", "through", "thru"],
    "ago_before": [],                 # words before "N units" that make it past ("hace tres días")
    "deictic_after_unit": False,      # "la semana pasada", "el lunes pasado": the deictic follows
    "deictic_before_unit": False,     # "la próxima semana", "el próximo lunes", with the language's deictics
    "day_first": DAY_FIRST,
}


def _date_grammar(lex) -> Dict[str, object]:
    """The language's connectives (``date_grammar`` in ``lang/<code>/dates.yaml``) over the defaults."""
    return {**DATE_GRAMMAR_DEFAULTS, **(lex.get("date_grammar") or {})}


def _words_re(words) -> str:
    """One word as written (the rules stay as they were), several as a group."""
    words = [words] if isinstance(words, str) else list(words)
    if len(words) == 1:
        return re.escape(words[0]).replace(r"\ ", r"\s+")
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"



@dataclass(frozen=True)
class _Grammar:
    pattern: "re.Pattern[str]"            # every rule: the reference reading at any position
    starts: "re.Pattern[str]"             # where a reading can start (after a non-word character)
    starts_at_0: "re.Pattern[str]"        # ... at the start of the text
    by_start: Dict[str, "re.Pattern[str]"]    # what starts there -> the rules that can start so
    after_space: Dict[str, Dict[str, Tuple["re.Pattern[str]", ...]]]   # see _rules_by_start
    builders: Dict[str, Callable[["_Match"], "Parsed"]]    # rule identifier -> its builder
    rules: Tuple["DateRule", ...]
    months: Dict[str, int]
    full_months: frozenset
    ambiguous_months: frozenset
    verb_months: frozenset
    capital_only_months: frozenset
    verb_month_weak_cues: frozenset
    weekdays: Dict[str, int]
    weekday_abbrev: Dict[str, int]
    ordinals: Dict[str, int]
    relative_days: Dict[str, int]
    day_first: bool                        # the language's reading of "4/5/2016"
    units: Dict[str, str]
    deictics: Dict[str, int]
    counts: Dict[str, Optional[int]]
    month_cues: frozenset
    future_cues: "re.Pattern[str]"
    past_cues: "re.Pattern[str]"
    future_preps: "re.Pattern[str]"
    cue_window: int
    clause_breaks: Optional["re.Pattern[str]"]    # None: the language lists none (the after-rule reads on)
    weekday_name_prefixes: frozenset
    holidays: Dict[str, str]
    shift_words: Dict[str, int]
    shift_lead: "re.Pattern[str]"
    year_nouns: frozenset
    year_blockers_before: "re.Pattern[str]"
    year_blockers_after: frozenset
    year_cues: frozenset
    not_plural: frozenset
    day_anaphor_verbs: frozenset
    day_anaphor_stops: frozenset


def _fold(name: str) -> str:
    """A holiday name as a lookup key: lower case, straight apostrophes, no apostrophe at all."""
    return re.sub(r"['’]", "", " ".join(name.lower().split()))


def _alternation(words) -> str:
    """Any of ``words``, the longest first where several match. Speed: written as a trie, so
    ``re`` (which tries an alternation branch by branch) tries a few branches, not every word;
    it matches the same words in the same order of preference as the flat list longest first."""
    return _trie(set(words))


def _trie(words) -> str:
    """A regular expression for exactly ``words``, sharing common prefixes (a longer word is
    tried before a word that is its prefix, as in a list sorted longest first)."""
    by_first: Dict[str, List[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            branches.append(re.escape(first))
        elif len(longer) == len(rests) and len({rest[0] for rest in longer}) == 1:
            branches.append(re.escape(first) + _trie(longer))      # one way on: no group needed
        else:
            optional = "?" if len(longer) < len(rests) else ""
            branches.append(re.escape(first) + "(?:" + _trie(longer) + ")" + optional)
    return "|".join(branches)


def _phrase_pattern(phrases) -> "re.Pattern[str]":
    return re.compile(r"(?<![\w'’])(?:" + _alternation(p.lower() for p in phrases) + r")(?![\w'’])")


@dataclass(frozen=True)
class DateRule:
    """One rule of the date grammar, as ``lang/<code>/date_rules.yaml`` writes it."""

    rule: str                  # identifier: the regular-expression group that names it
    name: str                  # the rule in prose, as duckling names its rules ("<month> <day>")
    doc: str                   # what it reads, one line
    examples: Tuple[str, ...]  # texts in which it reads a date
    reads: str                 # the builder (a key of BUILDERS)
    pattern: str               # the regular expression, with {slot} and {slot:group} slots
    numeric: bool = False      # starts with a digit or an apostrophe: no word boundary before it


_RULE_FIELDS = {"rule", "name", "doc", "examples", "reads", "pattern", "numeric"}
_RULE_REQUIRED = _RULE_FIELDS - {"numeric"}


def _rule_table(lex) -> Tuple[DateRule, ...]:
    """The language's date rules, checked: a mistake in one is an error naming the file and rule."""
    where = lex.source("date_rules")
    rules: List[DateRule] = []
    for i, entry in enumerate(lex["date_rules"]):
        if not isinstance(entry, dict) or set(entry) - _RULE_FIELDS or _RULE_REQUIRED - set(entry):
            raise LexiconError(f"{where}: date_rules[{i}] must be a mapping of {sorted(_RULE_REQUIRED)} "
                               f"(and optionally numeric), not {entry!r:.120}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(entry["rule"])):
            raise LexiconError(f"{where}: date_rules[{i}]: the rule's identifier {entry['rule']!r} must be snake_case")
        if entry["reads"] not in BUILDERS:
            raise LexiconError(f"{where}: rule {entry['rule']!r} reads {entry['reads']!r}, which is no builder "
                               f"(dates.BUILDERS: {', '.join(sorted(BUILDERS))})")
        if any(r.rule == entry["rule"] for r in rules):
            raise LexiconError(f"{where}: rule {entry['rule']!r} is defined twice")
        rules.append(DateRule(rule=entry["rule"], name=entry["name"], doc=entry["doc"],
                              examples=tuple(entry["examples"]), reads=entry["reads"],
                              pattern=entry["pattern"], numeric=bool(entry.get("numeric", False))))
    return tuple(rules)


@dataclass(frozen=True)
class _Vocabulary:
    """The calendar words of one language (``lang/<code>/dates.yaml``), as lookup tables."""

    months: Dict[str, int]
    full_months: frozenset           # the longest name of each month; the others are abbreviations
    abbreviated_months: Tuple[str, ...]
    weekdays: Dict[str, int]
    weekday_abbrev: Dict[str, int]
    ordinals: Dict[str, int]
    counts: Dict[str, Optional[int]]
    units: Dict[str, str]
    parts: Tuple[str, ...]
    holidays: Dict[str, str]         # folded name -> rule
    holiday_names: Tuple[str, ...]   # as written, spaces normalised
    relative_days: Dict[str, int]
    deictics: Dict[str, int]


def _read_vocabulary(lex) -> _Vocabulary:
    months = {k.lower(): int(v) for k, v in lex["months"].items()}
    longest: Dict[int, str] = {}
    for name, number in months.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    full = frozenset(longest.values())
    return _Vocabulary(
        months=months,
        full_months=full,
        abbreviated_months=tuple(n for n in months if n not in full),
        weekdays={k.lower(): int(v) for k, v in lex["weekdays"].items()},
        weekday_abbrev={k.lower(): int(v) for k, v in lex["date_weekday_abbreviations"].items()},
        ordinals={k.lower(): int(v) for k, v in lex["date_ordinal_days"].items()},
        counts={k.lower(): v for k, v in lex["date_counts"].items()},
        units={k.lower(): v for k, v in lex["date_units"].items()},
        parts=tuple(lex["date_period_parts"]),
        holidays={_fold(k): str(v) for k, v in lex["date_holidays"].items()},
        holiday_names=tuple(" ".join(k.lower().split()) for k in lex["date_holidays"]),
        relative_days={" ".join(k.lower().split()): int(v) for k, v in lex["date_relative_days"].items()},
        deictics={k.lower(): int(v) for k, v in lex["date_deictics"].items()},
    )


@dataclass(frozen=True)
class _Slot:
    """What a rule's ``{slot}`` stands for: ``body``, captured as ``(?P<group>body)`` with
    ``{slot:group}``; ``after`` follows the group (a day's ordinal ending stays outside it)."""

    body: str
    after: str = ""

    def plain(self) -> str:
        return self.body + self.after

    def captured(self, group: str) -> str:
        return f"(?P<{group}>{self.body}){self.after}"


# A day number, not the start of a bigger number ("13,000"), a decimal or a time.
_DAY_NUMBER = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])"
_DAY_END = r"(?:st|nd|rd|th)?\b(?![.,:/]\d|%|\s*:\s*\d)"
# A year, not a decade ("the 1990s", "the mid-1980's").
_YEAR = r"(?:1\d{3}|20\d{2}|2100)"
_YEAR_END = r"(?![\d%]|['’]?s\b)"


def _vocabulary_slots(v: _Vocabulary) -> Dict[str, _Slot]:
    """The slots the calendar words make: {month}, {weekday}, {count}, ..."""
    holiday = "|".join(re.escape(h).replace("'", "['’]?").replace(r"\ ", r"\s+")
                       for h in sorted(v.holiday_names, key=len, reverse=True))  # "New Years Day" too
    weekdays = _alternation(v.weekdays)
    # Keyword names: the slots' names are identifiers (the {slot} of a rule), no words of a language.
    return dict(
        # A month name may touch its day in tokenised text ("Dec31").
        month=_Slot(rf"(?:(?:{_alternation(v.full_months)})(?:\b|(?=\d))|"
                 rf"(?:{_alternation(v.abbreviated_months)})(?:\.|\b|(?=\d)))"),
        day=_Slot(_DAY_NUMBER, _DAY_END),
        day_number=_Slot(_DAY_NUMBER),
        year=_Slot(_YEAR, _YEAR_END),
        weekday=_Slot(rf"(?:{weekdays})\b"),
        weekday_any=_Slot(rf"(?:(?:{weekdays})\b|(?:{_alternation(v.weekday_abbrev)})(?:\.|\b))"),
        part=_Slot(_alternation(v.parts)),
        ordinal=_Slot(_alternation(v.ordinals)),
        count=_Slot(_alternation(list(v.counts) + [str(i) for i in range(1, 10)])),
        unit=_Slot(_alternation(v.units)),
        relative_day=_Slot(_alternation(v.relative_days).replace(r"\ ", r"\s+")),
        deictic=_Slot(_alternation(" ".join(k.split()) for k in v.deictics)),
        holiday=_Slot(holiday),
    )


def _connective_slots(conn: Dict[str, object]) -> Dict[str, _Slot]:
    """The slots the connectives make (``date_grammar``): {of}, {the}, {range}, {year_sep}, ..."""
    slots = {key: _Slot(_words_re(conn[key])) for key in ("of", "the", "between", "and", "from")}
    # Between a day and its year: "October 21, 2024", "Dec. 31 , 1994", "4th of July of 1995".
    slots["year_sep"] = _Slot(rf"(?:\s*,\s*|\s+)(?:{slots['of'].body}\s+)?")
    slots["range"] = _Slot(r"\s*(?:-|–|—|" + "|".join(re.escape(w) for w in conn["range"]) + r")\s*")
    if conn["ago_before"]:
        slots["ago_before"] = _Slot(_words_re(conn["ago_before"]))
    return slots


def _part_slots(lex) -> Dict[str, _Slot]:
    """The word sets the rules share (``date_rule_parts``), each a group of its own."""
    return {name: _Slot(f"(?:{body})") for name, body in (lex.get("date_rule_parts") or {}).items()}


_SLOT = re.compile(r"\{([a-z_]+)(?::([a-z0-9_]+))?\}")
_OWN_GROUP = re.compile(r"\(\?P([<=])([A-Za-z_]\w*)")


def _rule_expression(rule: DateRule, slots: Dict[str, _Slot]) -> str:
    """The rule as one named alternative of the combined expression: its own groups and its
    slots' captures are prefixed with its identifier; a date never runs across a line break."""
    body = _OWN_GROUP.sub(lambda m: f"(?P{m.group(1)}{rule.rule}_{m.group(2)}", rule.pattern)

    def fill(m: "re.Match[str]") -> str:
        slot = slots.get(m.group(1))
        if slot is None:
            raise LexiconError(f"date rule {rule.rule!r}: no slot {{{m.group(1)}}} (known: {', '.join(sorted(slots))})")
        return slot.captured(f"{rule.rule}_{m.group(2)}") if m.group(2) else slot.plain()

    body = _SLOT.sub(fill, body).replace(r"\s", r"[^\S\n]")
    return f"(?P<{rule.rule}>{body})" if rule.numeric else f"(?P<{rule.rule}>\\b{body})"


def _first_words(lex, v: _Vocabulary, conn: Dict[str, object]) -> List[str]:
    """The words a reading can start with (besides a digit or an apostrophe), lower case."""
    words = (list(v.months) + list(v.weekdays) + list(v.weekday_abbrev) + list(v.ordinals) + list(v.counts)
             + list(v.parts) + list(lex.get("date_rule_first_words") or ())
             + [re.split(r"['’ ]", h)[0] for h in v.holiday_names]
             + list(v.relative_days)                       # the relative_day rule reads them all
             # Where the language's own connectives start a reading ("el 22 de abril", "hace tres días").
             + [w for k in ("the", "from", "between", "ago_before") for w in conn[k]]
             + (list(v.units) + list(v.weekdays) if conn["deictic_after_unit"] else [])
             + (list(lex["date_deictics"]) if conn["deictic_before_unit"] else []))
    return sorted({w.split()[0].lower() for w in words}, key=len, reverse=True)


@dataclass(frozen=True)
class _Scanner:
    pattern: "re.Pattern[str]"
    starts: "re.Pattern[str]"
    starts_at_0: "re.Pattern[str]"
    by_start: Dict[str, "re.Pattern[str]"]
    after_space: Dict[str, Dict[str, Tuple["re.Pattern[str]", ...]]]


def _scanner(heads: List[str], alternatives: List[Tuple[str, str]]) -> _Scanner:
    """The combined expression and the tables that let the scan try only the rules that can
    start where it stands (see "where a reading can start" below)."""
    # Speed: every reading starts with a digit, an apostrophe or one of a few known words;
    # this lookahead lets the scan skip all other positions without trying each rule.
    words = "|".join(re.escape(w) for w in heads)
    prefilter = rf"(?=[\d'’]|(?:{words})\b|(?:{words})[.\d-])"
    body = "|".join(alternative for _, alternative in alternatives)
    pattern = re.compile(rf"(?:(?<![\w])|(?<=\d{{4}}[-–])){prefilter}(?:{body})", re.I)
    starts, after_space = _rules_by_start(heads, alternatives)
    combined = {chosen: re.compile("|".join(chosen) or "(?!)", re.I) for chosen in set(starts.values())}
    single = {alternative: re.compile(alternative, re.I) for _, alternative in alternatives}
    return _Scanner(
        pattern=pattern,
        starts=re.compile(r"\W" + _start(heads), re.I),
        starts_at_0=re.compile(_start(heads), re.I),
        by_start={written: combined[chosen] for key, chosen in starts.items() for written in _written(key)},
        after_space={written: {c: tuple(single[a] for a in chosen) for c, chosen in table.items()}
                     for key, table in after_space.items() for written in _written(key)},
    )


def _lower_set(words) -> frozenset:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar:
    """The language's date grammar: its rules (``date_rules.yaml``) filled with its words
    (``dates.yaml``), the scan over them, and the word tables the builders consult."""
    lex = lexicon(lang)
    vocabulary = _read_vocabulary(lex)
    conn = _date_grammar(lex)
    rules = _rule_table(lex)
    slots = {**_vocabulary_slots(vocabulary), **_connective_slots(conn), **_part_slots(lex)}
    alternatives = [(rule.rule, _rule_expression(rule, slots)) for rule in rules]
    scanner = _scanner(_first_words(lex, vocabulary, conn), alternatives)
    part_re = _alternation(vocabulary.parts)
    return _Grammar(
        **scanner.__dict__,
        builders={rule.rule: BUILDERS[rule.reads] for rule in rules},
        rules=rules,
        months=vocabulary.months,
        full_months=vocabulary.full_months,
        ambiguous_months=_lower_set(lex["date_ambiguous_months"]),
        verb_months=_lower_set(lex["date_verb_months"]),
        capital_only_months=_lower_set(lex["date_capital_only_months"]),
        verb_month_weak_cues=_lower_set(lex["date_verb_month_weak_cues"]),
        weekdays=vocabulary.weekdays,
        weekday_abbrev=vocabulary.weekday_abbrev,
        ordinals=vocabulary.ordinals,
        relative_days=vocabulary.relative_days,
        day_first=bool(conn["day_first"]),
        units=vocabulary.units,
        deictics=vocabulary.deictics,
        counts=vocabulary.counts,
        month_cues=_lower_set(lex["date_month_cues"]),
        future_cues=_phrase_pattern(lex["date_future_cues"]),
        past_cues=_phrase_pattern(lex["date_past_cues"]),
        future_preps=re.compile(r"(?<![\w'’])(?:" + _alternation(p.lower() for p in lex["date_future_prepositions"])
                                + r")(?:\s+(?:" + part_re + r"))?$"),
        cue_window=int(lex["date_cue_window"]),
        clause_breaks=_phrase_pattern(lex["date_clause_breaks"]) if lex.get("date_clause_breaks") else None,
        weekday_name_prefixes=_lower_set(lex["date_weekday_name_prefixes"]),
        holidays=vocabulary.holidays,
        shift_words={k.lower(): int(v) for k, v in lex["date_shift_words"].items()},
        shift_lead=_shift_lead_pattern(vocabulary.counts, vocabulary.units, lex["date_shift_words"]),
        year_nouns=_lower_set(lex["date_year_nouns"]),
        year_blockers_before=re.compile(r"(?:^|(?<=[\s(]))(?:" + _alternation(p.lower() for p in lex["date_year_blockers_before"])
                                        + r")\s*$"),
        year_blockers_after=_lower_set(lex["date_year_blockers_after"]),
        year_cues=_lower_set(lex["date_year_cues"]),
        not_plural=_lower_set(lex["date_not_plural"]),
        day_anaphor_verbs=_lower_set(lex["date_day_anaphor_verbs"]),
        day_anaphor_stops=_lower_set(lex["date_day_anaphor_stops"]),
    )


# -- speed: where a reading can start, and which rules can start there ------------------------
#
# The combined pattern starts with a lookbehind and a lookahead over every word a reading can
# start with; Python's ``re`` cannot skip ahead on such a pattern, so ``pattern.search`` tries that
# big case-insensitive alternation (and then every rule) at every character of the text. Instead,
# one cheap scan finds the positions where the lookbehind and lookahead hold, and at each of them
# only the rules that can start with what stands there are tried, in their original order (the
# first that matches wins, as in the alternation): the reading found is the same.

def _start(heads) -> str:
    """The combined pattern's lookahead, naming what starts there (``key``): a digit, an
    apostrophe or a head word. The head words are written as a trie (one branch per first
    letter), since ``re`` tries an alternation branch by branch. The scan puts the lookbehind's
    non-word character in front: a pattern that starts with a character class lets ``re`` skip
    the other characters without trying the rest; the text's start is looked at on its own."""
    return r"(?=(?P<key>[\d'’]|(?:" + _trie(heads) + r")(?=\b|[.\d-])))"


def _rules_by_start(heads, alternatives):
    """Which rules can start where the scan stops, read off the rules themselves (``regex``'s
    partial matching), so that there is no second list to keep in step with them:

    - ``starts``: for each key (each digit, each apostrophe, each head word in lower case), the
      rules that can start with it, in their order. A word's letters are all that tell two head
      words apart at a position ("twenty-first", "twenty-second" both stand where "twenty"
      does), so the words sharing their letters share their rules.
    - ``after_space``: for a head word that is never a reading by itself ("the", "in", "last";
      not "May", "today"), followed by a space, for each ASCII character after the space: the
      rules that can go on so. Most words after "the" start no reading ("the 8th", "the end
      of" do), so one look at the next character rules most of them out.
    """
    rules = [(alternative, regex.compile(alternative, regex.I)) for _, alternative in alternatives]
    # What can stand right after a head word where the scan finds it: the end of the text, or a
    # character that is no letter (the scan asks for a word boundary, a digit, "." or "-").
    # The rules tell such characters apart only by the classes below and the literal characters
    # they name, so one of each kind stands for all.
    followers = sorted(set(string.whitespace + string.punctuation + string.digits)
                       | set("\xa0\u2028\u3000\u0663\u2022")
                       | {c for _, alternative in alternatives for c in alternative if not c.isascii()},
                       key=lambda c: not c.isspace())       # the usual one first
    by_letters: Dict[str, List[str]] = {}
    for head in heads:
        by_letters.setdefault(re.match(r"[a-z]*", head).group(), []).append(head)
    starts: Dict[str, Tuple[str, ...]] = {c: tuple(a for a, rule in rules if rule.match(c, partial=True))
                                          for c in "0123456789'’"}     # what follows is left open
    for words in by_letters.values():
        chosen = tuple(a for a, rule in rules if any(_can_start(rule, word, followers) for word in words))
        starts.update((word, chosen) for word in words)
    after_space: Dict[str, Dict[str, Tuple[str, ...]]] = {}
    compiled = dict(rules)
    for head in heads:
        going_on = [compiled[a] for a in starts[head]]
        if any(rule.match(head + " ") for rule in going_on):
            continue                      # "May", "today": mostly a date, nothing to rule out
        going_on = [rule for rule in going_on if rule.match(head + " ", partial=True)]
        table = {c: tuple(rule.pattern for rule in going_on if rule.match(head + " " + c, partial=True))
                 for c in map(chr, range(128)) if not c.isupper()}
        table.update((c.upper(), table[c]) for c in string.ascii_lowercase)     # case is ignored
        after_space[head] = table
    return starts, after_space


def _can_start(rule: "regex.Pattern[str]", word: str, followers) -> bool:
    """Whether ``rule`` can match text that starts with ``word`` followed by no letter."""
    if not rule.match(word, partial=True):
        return False                      # not even with any continuation
    if not word[-1].isalpha():
        return True                       # "st.": a letter may follow
    return bool(rule.match(word)) or any(rule.match(word + c, partial=True) for c in followers)


def _written(word: str):
    """The ways a word is usually written, so that one look-up finds it ("the", "The", "THE")."""
    return {word, word.title(), word.upper()}


# -- entry point ------------------------------------------------------------------------------

def find_dates(text: str, lang: str = "en", *, day_first: Optional[bool] = None) -> List[Mention]:
    """Every date expression in ``text``, parsed but unresolved (``value=None``).

    ``day_first`` (how "4/5/2016" is read) defaults to the language's (``date_grammar``), else
    ``DAY_FIRST``. The steps: the rules' readings, left to right (``rule_readings``); a reading
    that refers back ("the next day") takes the date named before it; then counts that move a
    day ("three days after Christmas"), years after "in", and ranges joined into intervals."""
    grammar = _grammar(lang)
    found: List[Mention] = []
    last_day: Optional[TimeExpr] = None   # antecedent for "the day", "the same day"
    last_named: Optional[TimeExpr] = None  # antecedent for "the following week / month / year"
    for _, start, end, parsed in _readings(text, grammar, grammar.day_first if day_first is None else day_first):
        expr = _with_antecedent(parsed, last_day, last_named)
        if expr is None:
            continue                      # refers back to a date it cannot follow
        if parsed.anchor == "anaphor" and parsed.weekday is None and parsed.granularity == "day":
            last_day = expr
        elif parsed.anchor != "anaphor" and expr.granularity == "day" and (expr.anchor != "relative" or expr.unit == "day"):
            last_day = expr               # a named day, not "three weeks ago"
        if expr.granularity in _PERIOD_ORDER:
            last_named = expr
        found.append(Mention(kind="date", start=start, end=end, text=text[start:end], value=None,
                             granularity=expr.granularity, expr=expr))
    found = _attach_years(text, _shifted(text, found, grammar))
    return _attach_years(text, _join_intervals(text, found, grammar))


def rule_readings(text: str, lang: str = "en", *, day_first: Optional[bool] = None) -> List[Tuple[str, int, int, TimeExpr]]:
    """What each rule reads in ``text``: (rule identifier, start, end, TimeExpr), left to right,
    before references back are followed and readings are joined (a tool for rule authors)."""
    grammar = _grammar(lang)
    return list(_readings(text, grammar, grammar.day_first if day_first is None else day_first))


def date_rules(lang: str = "en") -> Tuple["DateRule", ...]:
    """The language's date rules, in order of preference (``lang/<code>/date_rules.yaml``)."""
    return _grammar(lang).rules


def _readings(text: str, grammar: _Grammar, day_first: bool) -> Iterator[Tuple[str, int, int, TimeExpr]]:
    """The scan: at each position where a reading can start, the first rule that matches and
    whose builder accepts the match; the scan goes on after it (or just after a rejected one)."""
    pos = 0
    at_0 = grammar.starts_at_0.match(text)
    for candidate in chain((at_0,) if at_0 else (), grammar.starts.finditer(text)):
        start = candidate.end()
        if start < pos:
            continue                      # inside the last reading (or where one was rejected)
        match = _match_at(text, start, candidate.group("key"), grammar)
        if match is None:
            continue
        rule = match.lastgroup
        try:
            parsed = grammar.builders[rule](_Match(match, rule, text, grammar, day_first))
        except KeyError:
            # A word the builder looks up that the language's tables lack: no reading, rather
            # than a crash on that language's text.
            parsed = None
        if parsed is None:
            pos = match.start() + 1       # rejected: a shorter reading may start just after
            continue
        yield (rule, *parsed)
        pos = max(parsed[1], match.start() + 1)


_DATELINE = TimeExpr(anchor="relative", granularity="day", unit="day", offset=0)


def _with_antecedent(expr: TimeExpr, last_day: Optional[TimeExpr], last_named: Optional[TimeExpr]) -> Optional[TimeExpr]:
    """A reading that refers back, resolved against the last day or date named (else the
    dateline); None when it cannot follow that date. Other readings are returned as they are."""
    if expr.anchor != "anaphor":
        return expr
    if expr.weekday is not None:
        # "Monday of the following week": in the week after the last date named, when that
        # date is written out; after the dateline when none was named; else not followed.
        return _weekday_after(last_named, expr)
    if expr.granularity != "day":
        # "the following year": the period after the last date named (else the dateline's),
        # when that date is no coarser than the period ("In 1967 ... the following year").
        base = last_named or _DATELINE
        if (expr.shift == 0 and last_named is not None) or (_PERIOD_ORDER.index(base.granularity) > _PERIOD_ORDER.index(expr.granularity)
                or (base.shift_unit and base.shift_unit != expr.shift_unit)):
            return None
        total = expr.shift + (base.shift if base.shift_unit else 0)
        return TimeExpr(**{**base.__dict__, "granularity": expr.granularity, "shift_unit": expr.shift_unit,
                           "shift": total})
    # Refers back to the last day named (else the dateline), moved by its own shift.
    base = last_day or _DATELINE
    if expr.shift_unit:
        if base.shift_unit and base.shift_unit != expr.shift_unit:
            return None                   # "a week later" after "the next day": too far to follow
        total = expr.shift + (base.shift if base.shift_unit else 0)
        base = TimeExpr(**{**base.__dict__, "shift_unit": expr.shift_unit, "shift": total})
    return base


# "28 june in 2020", "from April to June in 2017": a year after "in" names the year of the
# month or day (or range of them) just before it; the two become one mention.
_YEAR_AFTER = re.compile(r"[^\S\n]+in[^\S\n]+\Z", re.I)


def _attach_years(text: str, found: List[Mention]) -> List[Mention]:
    out: List[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if (prev is not None and m.expr.anchor == "absolute" and m.expr.granularity == "year"
                and m.expr.part is None and _YEAR_AFTER.match(text, prev.end, m.start)):
            expr = _with_year(prev.expr, m.expr.year)
            if expr is not None:
                out[-1] = Mention(kind="date", start=prev.start, end=m.end, text=text[prev.start:m.end],
                                  value=None, granularity=expr.granularity, expr=expr)
                continue
        out.append(m)
    return out


def _yearless(expr: TimeExpr) -> bool:
    return (expr.anchor == "month_day" and expr.deictic is None and expr.year_offset is None
            and not expr.shift_unit)


def _with_year(expr: TimeExpr, year: int) -> Optional[TimeExpr]:
    """``expr`` (a month or day without a year, or a range of them) in ``year``; None when it
    has a year of its own."""
    if expr.granularity == "interval":
        if not (expr.start and expr.end and _yearless(expr.start) and _yearless(expr.end)):
            return None
        start_year = year - ((expr.start.month, expr.start.day or 1) > (expr.end.month, expr.end.day or 31))
        start, end = _with_year(expr.start, start_year), _with_year(expr.end, year)
        return TimeExpr(anchor="absolute", granularity="interval", start=start, end=end)
    if not _yearless(expr):
        return None
    return TimeExpr(anchor="absolute", granularity=expr.granularity, year=year, month=expr.month,
                    day=expr.day, part=expr.part)


def _weekday_after(base: Optional[TimeExpr], expr: TimeExpr) -> Optional[TimeExpr]:
    """The weekday of ``expr`` in the week ``expr.offset`` weeks after ``base``'s week."""
    if base is None:
        return TimeExpr(**{**expr.__dict__, "anchor": "weekday"})
    if base.anchor != "absolute" or base.granularity not in ("day", "week") or base.shift_unit:
        return None
    day = dt.date(base.year, base.month, base.day)
    day += dt.timedelta(days=7 * expr.offset + expr.weekday - day.weekday())
    return TimeExpr(anchor="absolute", granularity="day", year=day.year, month=day.month, day=day.day)


# Periods from the finest to the coarsest.
_PERIOD_ORDER = ("day", "week", "month", "year")


def _match_at(text: str, start: int, key: str, grammar: _Grammar) -> "Optional[re.Match[str]]":
    """The reading at ``start``, where ``key`` stands, tried with only the rules that can start so."""
    after = start + len(key)
    if text[after:after + 1] == " " and key in grammar.after_space:
        rules = grammar.after_space[key].get(text[after + 1:after + 2])
        if rules is not None:             # else not ASCII, or the end of the text
            for rule in rules:            # in order: the first that matches, as in an alternation
                match = rule.match(text, start)
                if match:
                    return match
            return None
    return (grammar.by_start.get(key) or _pattern_for(key, grammar)).match(text, start)


def _pattern_for(key: str, grammar: _Grammar) -> "re.Pattern[str]":
    """The rules to try where ``key`` starts a reading, whatever its case ("tHe"); the whole
    pattern where the key is not plain ASCII (``re`` matches "ſ" for "s" ignoring case)."""
    return grammar.by_start.get(key.lower(), grammar.pattern) if key.isascii() else grammar.pattern


def _shifted(text: str, found: List[Mention], grammar: _Grammar) -> List[Mention]:
    """'three days after Christmas', '2 weeks before May 13 1999', '3 days from today':
    the named day moved by a count of units (the mention grows to cover the count)."""
    out: List[Mention] = []
    for m in found:
        lead = grammar.shift_lead.search(text, max(0, m.start - 40), m.start)
        expr = m.expr
        if lead and expr.granularity == "day" and not expr.shift_unit and (not out or out[-1].end <= lead.start()):
            word = lead.group("n").lower()
            count = int(word) if word.isdigit() else grammar.counts.get(word)
            if count:
                unit = grammar.units[lead.group("u").casefold()]
                sign = grammar.shift_words[" ".join(lead.group("w").lower().split())]
                shifted = TimeExpr(**{**expr.__dict__, "shift_unit": unit, "shift": sign * count})
                start = lead.start()
                m = Mention(kind="date", start=start, end=m.end, text=text[start:m.end], value=None,
                            granularity="day", expr=shifted)
        out.append(m)
    return out


def _shift_lead_pattern(counts, units, shift_words) -> "re.Pattern[str]":
    counts = _alternation(list(counts) + [str(i) for i in range(1, 10)])
    units = _alternation(units)
    words = _alternation(shift_words)
    return re.compile(rf"(?<![\w-])(?P<n>\d{{1,3}}|{counts})[^\S\n]+(?P<u>{units})[^\S\n]+"
                      rf"(?P<w>{words})[^\S\n]+\Z", re.I)


# "between 2014 and 2016", "from May to Oct 2020", "January 12, 2016 - 01/22/2016": two
# dates joined by a range word become one interval mention spanning the whole expression.
_RANGE_AFTER_FROM = re.compile(r"[^\S\n]*(?:-|–|—|~|to|until|till|through|thru)[^\S\n]*\Z", re.I)
_RANGE_AFTER_BETWEEN = re.compile(r"[^\S\n]+(?:and|through|thru)[^\S\n]+\Z|[^\S\n]*(?:-|–|—|~)[^\S\n]*\Z", re.I)
_RANGE_TO = re.compile(r"[^\S\n]+to[^\S\n]+\Z", re.I)
_RANGE_BARE = re.compile(r"[^\S\n]*(?:-|–|—|~)[^\S\n]*\Z|[^\S\n]+(?:through|thru)[^\S\n]+\Z", re.I)
_RANGE_LEAD = re.compile(r"\b(from|between)[^\S\n]+\Z", re.I)


def _join_intervals(text: str, found: List[Mention], grammar: _Grammar) -> List[Mention]:
    out: List[Mention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        joined = _interval_of(text, a, b) if b is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(_until_now(text, a) or a)
            i += 1
    return out


# "between Jan 2019 and now", "from March to date": a range that ends on the dateline.
_RANGE_TO_NOW = {"from": re.compile(r"[^\S\n]*(?:-|–|—|to|until|till)[^\S\n]*(?:date|now|the[^\S\n]+present(?:[^\S\n]+day)?)\b", re.I),
                 "between": re.compile(r"[^\S\n]+and[^\S\n]+now\b", re.I)}


def _until_now(text: str, a: Mention) -> Optional[Mention]:
    lead = _RANGE_LEAD.search(text[max(0, a.start - 12):a.start])
    if lead is None or not _endpoint(a.expr) or a.expr.anchor == "relative":
        return None
    tail = _RANGE_TO_NOW[lead.group(1).lower()].match(text, a.end)
    if tail is None:
        return None
    start = a.start - len(lead.group(0))
    now = TimeExpr(anchor="relative", granularity="day", unit="day", offset=0)
    expr = TimeExpr(anchor=a.expr.anchor, granularity="interval", start=a.expr, end=now)
    return Mention(kind="date", start=start, end=tail.end(), text=text[start:tail.end()], value=None,
                   granularity="interval", expr=expr)


def _endpoint(expr: TimeExpr) -> bool:
    return expr.granularity in ("day", "month", "year") and expr.anchor != "anaphor"


def _interval_of(text: str, a: Mention, b: Mention) -> Optional[Mention]:
    if not (_endpoint(a.expr) and _endpoint(b.expr)):
        return None
    gap = text[a.end:b.start]
    lead = _RANGE_LEAD.search(text[max(0, a.start - 12):a.start])
    word = lead.group(1).lower() if lead else None
    if word == "from" and _RANGE_AFTER_FROM.match(gap):
        pass
    elif word == "between" and _RANGE_AFTER_BETWEEN.match(gap):
        pass
    elif word is None and _RANGE_BARE.match(gap) and not (a.expr.is_relative or b.expr.is_relative):
        lead = None                       # "2014-2018", "Oct. 8 – Oct. 13, 2024"
    elif (word is None and _RANGE_TO.match(gap) and a.expr.anchor == b.expr.anchor == "absolute"
          and a.expr.granularity == b.expr.granularity and a.expr.part is None and b.expr.part is None):
        lead = None                       # "2014 to 2018", "26 june in 2019 to 28 june in 2020"
    else:
        return None
    start_expr = _borrow_year(a.expr, b.expr)
    if start_expr is None:
        return None
    start = a.start - len(lead.group(0)) if lead else a.start
    expr = TimeExpr(anchor=start_expr.anchor, granularity="interval", start=start_expr, end=b.expr)
    return Mention(kind="date", start=start, end=b.end, text=text[start:b.end], value=None,
                   granularity="interval", expr=expr)


def _borrow_year(first: TimeExpr, last: TimeExpr) -> Optional[TimeExpr]:
    """The start of "from May to Oct 2020" takes its year from the end (the year before when
    its month comes later: "Nov. 2023 - Feb 2024" is written "Nov-Feb 2024")."""
    if first.anchor != "month_day" or first.deictic is not None or first.year_offset is not None:
        return first
    if last.anchor != "absolute" or last.year is None:
        return first
    year = last.year
    if (first.month, first.day or 1) > (last.month or 12, last.day or 31):
        year -= 1
    return TimeExpr(anchor="absolute", granularity=first.granularity, year=year, month=first.month,
                    day=first.day, part=first.part)


@dataclass(frozen=True)
class _Match:
    m: "re.Match[str]"
    rule: str
    text: str
    grammar: _Grammar
    day_first: bool

    def get(self, name: str) -> Optional[str]:
        key = f"{self.rule}_{name}"
        return self.m.group(key) if key in self.m.re.groupindex else None

    @property
    def span(self) -> Tuple[int, int]:
        return self.m.span()

    def month(self, name: str, attached: bool) -> Optional[int]:
        """The month a matched word names, or None when the word is not a month here."""
        word = self.get(name)
        if word is None:
            return None
        key = word.rstrip(".").lower()
        if key not in self.grammar.months:
            return None
        capital = word[0].isupper()
        if key in self.grammar.capital_only_months and not capital:
            return None                    # "may" the modal verb
        if not attached and key in self.grammar.ambiguous_months and not capital:
            return None
        return self.grammar.months[key]

    def words_before(self, n: int) -> List[str]:
        head = self.text[max(0, self.m.start() - 16 * n): self.m.start()]
        if re.search(r"[.!?;:\n]\s*$", head):
            return []                     # the date starts a sentence or clause
        return re.findall(r"[\w'’]+", head.lower())[-n:]

    def clause_before(self) -> str:
        """The words before the match, within its sentence and the cue window."""
        head = self.text[max(0, self.m.start() - 160): self.m.start()]
        cut = [m.end() for m in re.finditer(r"[!?;\n]|\.\s+(?=[A-Z\"“])", head)]
        if cut:
            head = head[cut[-1]:]
        words = head.split()[-self.grammar.cue_window:]
        return " ".join(words).lower()

    def clause_after(self) -> str:
        """The words after the match, within its sentence and twice the cue window (a main
        clause after a fronted date: "On Sunday night, a team ... will be standing by")."""
        tail = self.text[self.m.end(): self.m.end() + 240]
        cut = re.search(r"[!?;\n]|\.\s+(?=[A-Z\"“])", tail)
        if cut:
            tail = tail[:cut.start()]
        words = " ".join(tail.split()[: 2 * self.grammar.cue_window]).lower()
        # A subordinate clause speaks of its own time ("on Monday, amid worries that the
        # government will ..."): only the words up to its first connective count.
        sub = self.grammar.clause_breaks.search(words) if self.grammar.clause_breaks is not None else None
        return words[: sub.start()] if sub else words

    def past_verb_before(self) -> bool:
        """The word before the date (skipping 'on') is a past-tense verb ("issued Jan. 14")."""
        words = [w for w in self.words_before(2)]
        if words and words[-1] == "on":
            words = words[:-1]
        if not words:
            return False
        word = words[-1]
        return bool(self.grammar.past_cues.fullmatch(word)) or (len(word) > 4 and word.endswith("ed"))

    def direction(self, prepositions: bool = True) -> str:
        """'future' when the words before point ahead, 'past' when a past cue is nearer, else 'nearest'.

        ``prepositions``: whether "until"/"by" right before the date count as pointing ahead
        (they do for weekdays and months, "closed until Friday"; a full day is read as written,
        "at large until Dec. 7").
        """
        clause = self.clause_before()
        future = [m.end() for m in self.grammar.future_cues.finditer(clause)]
        past = [m.end() for m in self.grammar.past_cues.finditer(clause)]
        if prepositions and self.grammar.future_preps.search(clause) and not past:
            return "future"               # "closed until Friday", but not "was restored by Saturday"
        if future and (not past or future[-1] > past[-1]):
            return "future"
        if past:
            return "past"
        # Nothing before the date says when: the first tense cue after it, in its sentence,
        # does ("On Monday, police said ..." is past; "... on Sunday night, a team will ..." ahead).
        after = self.clause_after()
        first_future = self.grammar.future_cues.search(after)
        first_past = self.grammar.past_cues.search(after)
        if first_future and (not first_past or first_future.start() < first_past.start()):
            return "future"
        if first_past:
            return "past"
        return "nearest"


Parsed = Optional[Tuple[int, int, TimeExpr]]


def _year(value: Optional[str]) -> Optional[int]:
    return None if value is None else int(value)


def _md(month: int, day: Optional[int], year: Optional[int], **extra) -> TimeExpr:
    granularity = "day" if day is not None else "month"
    if year is not None:
        return TimeExpr(anchor="absolute", granularity=granularity, year=year, month=month, day=day, **extra)
    return TimeExpr(anchor="month_day", granularity=granularity, month=month, day=day, **extra)


def _interval(x: _Match, m1: Optional[int], d1: str, y1: Optional[str],
              m2: Optional[int], d2: str, y: Optional[str]) -> Parsed:
    if m1 is None or m2 is None:
        return None
    day1, day2 = int(d1), int(d2)
    year_end = _year(y)
    year_start = _year(y1) if y1 else year_end
    if year_start is not None and y1 is None and (m1, day1) > (m2, day2):
        year_start -= 1                   # "Dec. 30 to Jan. 2, 2024"
    if m1 == m2 and day1 >= day2 and (year_start == year_end or y is None):
        return None                       # "Oct. 13-8", "April 10, 2007-7": no range
    start = _md(m1, day1, year_start)
    end = _md(m2, day2, year_end)
    return (*x.span, TimeExpr(anchor=start.anchor, granularity="interval", start=start, end=end))


def _build_interval_month_first(x: _Match) -> Parsed:
    m1 = x.month("m1", attached=True)
    m2 = x.month("m2", attached=True) if x.get("m2") else m1
    return _interval(x, m1, x.get("d1"), x.get("y1"), m2, x.get("d2"), x.get("y"))




def _build_interval_day_first(x: _Match) -> Parsed:
    return _interval(x, x.month("m1", True), x.get("d1"), x.get("y1"), x.month("m2", True), x.get("d2"), x.get("y"))


def _build_interval_days_of_month(x: _Match) -> Parsed:
    m = x.month("m", True)
    if int(x.get("d1")) >= int(x.get("d2")):
        return None
    return _interval(x, m, x.get("d1"), None, m, x.get("d2"), x.get("y"))


def _with_direction(x: _Match, expr: TimeExpr, full_day: bool = False) -> TimeExpr:
    """The expression with the direction its context gives (see _Match.direction).

    ``full_day``: a day with no year ("Oct. 21") is read nearest the dateline unless a future
    cue says otherwise; a past cue somewhere in the clause is too weak ("said ... on June 17"
    about a coming day), only a past verb right before it counts ("issued Jan. 14").
    """
    if expr.anchor not in ("month_day", "weekday"):
        return expr
    direction = x.direction(prepositions=not full_day)
    if direction != "future" and full_day:
        direction = "past" if x.past_verb_before() else "nearest"
    if direction == "nearest":
        return expr
    return TimeExpr(**{**expr.__dict__, "direction": direction})


def _build_full_day(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    if x.get("y") is None and _verb_month_before_count(x):
        return None
    expr = _md(month, int(x.get("d")), _year(x.get("y")))
    return (*x.span, _with_direction(x, expr, full_day=True))


def _verb_month_before_count(x: _Match) -> bool:
    """'May 2 people share...': a verb-month starting a sentence, then a number and a noun."""
    word = (x.get("m") or "").rstrip(".").lower()
    if word not in x.grammar.verb_months or x.words_before(1):
        return False
    following = re.match(r"[^\S\n]*([A-Za-z]+)", x.text[x.m.end():x.m.end() + 30])
    return bool(following and following.group(1)[:1].islower())




def _build_iso_date(x: _Match) -> Parsed:
    return _numeric(x, int(x.get("y")), int(x.get("m")), int(x.get("d")))


def _build_numeric_date(x: _Match) -> Parsed:
    a, b = int(x.get("a")), int(x.get("b"))
    month, day = (b, a) if x.day_first else (a, b)
    return _numeric(x, _expand_year(x.get("y")), month, day)




def _build_dotted_date(x: _Match) -> Parsed:
    return _numeric(x, int(x.get("y")), int(x.get("m")), int(x.get("d")))


def _expand_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def _numeric(x: _Match, year: int, month: int, day: int) -> Parsed:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (*x.span, TimeExpr(anchor="absolute", granularity="day", year=year, month=month, day=day))


def _build_ordinal_day(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    day = x.grammar.ordinals[x.get("o").casefold()]
    return (*x.span, _md(month, day, _year(x.get("y"))))


def _build_month_range(x: _Match) -> Parsed:
    m1, m2 = x.month("m1", attached=True), x.month("m2", attached=True)
    if m1 is None or m2 is None or m1 == m2:
        return None
    year = int(x.get("y"))
    start = TimeExpr(anchor="absolute", granularity="month", year=year - (m1 > m2), month=m1)
    end = TimeExpr(anchor="absolute", granularity="month", year=year, month=m2)
    return (*x.span, TimeExpr(anchor="absolute", granularity="interval", start=start, end=end))


def _build_holiday(x: _Match) -> Parsed:
    rule = x.grammar.holidays.get(_fold(x.get("h")))
    if rule is None:
        return None
    if x.get("m"):
        # "Easter Sunday, April 8, 2012": the written date says which one.
        month = x.month("m", attached=True)
        if month is None:
            return None
        return (*x.span, _with_direction(x, _md(month, int(x.get("md")), _year(x.get("my"))), full_day=True))
    year = _year(x.get("y")) or _year(x.get("y0"))
    year_offset = x.grammar.deictics[x.get("r").casefold()] if x.get("r") else None
    deictic_word = x.get("d")
    deictic = None
    if deictic_word:
        word = deictic_word.lower().split()[0]
        deictic = 1 if word == "following" else _deictic(deictic_word, x.grammar)
    expr = TimeExpr(anchor="holiday", granularity="day", holiday=rule, year=year,
                    year_offset=year_offset, deictic=deictic)
    if year is None and year_offset is None and deictic is None:
        expr = TimeExpr(**{**expr.__dict__, "direction": x.direction()})
    return (*x.span, expr)


def _build_week_of_year(x: _Match) -> Parsed:
    year = int(x.get("y"))
    word = x.get("n").lower()
    if word in ("last", "final"):
        day = dt.date(year, 12, 28)       # always in the year's last ISO week
    else:
        n = x.grammar.ordinals.get(word) or int(word[:-2])
        day = dt.date(year, 1, 4) + dt.timedelta(weeks=n - 1)   # Jan 4 is always in week 1
    if day.isocalendar()[0] != year:
        return None
    return (*x.span, TimeExpr(anchor="absolute", granularity="week", year=day.year, month=day.month, day=day.day))


def _build_weekday_day_of_month(x: _Match) -> Parsed:
    word = x.get("w").rstrip(".").casefold()
    weekday = x.grammar.weekdays.get(word, x.grammar.weekday_abbrev.get(word))
    day = int(x.get("n")) if x.get("n") else x.grammar.ordinals[x.get("o").casefold()]
    return (*x.span, TimeExpr(anchor="weekday", granularity="day", weekday=weekday, day=day))


def _build_week_of_month(x: _Match) -> Parsed:
    # The n-th week of a month is the ISO week holding its (7n - 3)th day, the last week the one
    # holding its fourth-last day: the weeks with at least four of the month's days.
    month = x.month("m", attached=True)
    if month is None:
        return None
    word = x.get("n").lower()
    year = _year(x.get("y"))
    if word in ("last", "final"):
        length = _MONTH_DAYS[month - 1] if month != 2 or year is None else (dt.date(year, 3, 1) - dt.timedelta(days=1)).day
        day = length - 3
    else:
        day = 7 * (x.grammar.ordinals.get(word) or int(word[:-2])) - 3
    expr = _md(month, day, year)
    return (*x.span, TimeExpr(**{**expr.__dict__, "granularity": "week"}))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _build_numbered_week(x: _Match) -> Parsed:
    n = int(x.get("n"))
    if x.get("r"):
        # "week 27 of last year": January 4 of that year (always in week 1), n - 1 weeks on.
        if n > 52:
            return None
        return (*x.span, TimeExpr(anchor="month_day", granularity="week", month=1, day=4,
                                  year_offset=x.grammar.deictics[x.get("r").casefold()],
                                  shift_unit="week", shift=n - 1))
    year = int(x.get("y"))
    day = dt.date(year, 1, 4) + dt.timedelta(weeks=n - 1)       # Jan 4 is always in week 1
    if day.isocalendar()[0] != year:
        return None                       # "week 53" of a 52-week year
    return (*x.span, TimeExpr(anchor="absolute", granularity="week", year=day.year, month=day.month, day=day.day))


def _build_weekday_in_week(x: _Match) -> Parsed:
    word = x.get("w").rstrip(".").casefold()
    weekday = x.grammar.weekdays.get(word, x.grammar.weekday_abbrev.get(word))
    offset = x.grammar.deictics[x.get("d").casefold()]
    # "Monday of the following week" follows the last date named (see find_dates).
    anchor = "anaphor" if x.get("d").lower() == "following" else "weekday"
    return (*x.span, TimeExpr(anchor=anchor, granularity="day", weekday=weekday, unit="week", offset=offset))




def _build_cycle_after_next(x: _Match) -> Parsed:
    unit = x.get("u").lower()
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=2))


def _build_day_of_relative_month(x: _Match) -> Parsed:
    day = int(x.get("n")) if x.get("n") else x.grammar.ordinals[x.get("o").casefold()]
    offset = x.grammar.deictics[x.get("d").casefold()]
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit="month", offset=offset, day=day))


def _build_year_then_month(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    return (*x.span, TimeExpr(anchor="absolute", granularity="month", year=int(x.get("y")), month=month))


def _build_month_of_year(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    part = x.get("p")
    return (*x.span, TimeExpr(anchor="absolute", granularity="month", year=int(x.get("y")), month=month,
                              part=part.lower() if part else None))


def _build_month_of_relative_year(x: _Match) -> Parsed:
    month = x.month("m", attached=False)
    if month is None:
        return None
    part = x.get("p")
    return (*x.span, TimeExpr(anchor="month_day", granularity="month", month=month,
                              year_offset=x.grammar.deictics[x.get("d").casefold()],
                              part=part.lower() if part else None))


def _build_part_of_year(x: _Match) -> Parsed:
    # "mid-2023", "early 2009", "the end of 2024": the year, at year granularity.
    return (*x.span, TimeExpr(anchor="absolute", granularity="year", year=int(x.get("y")),
                              part=x.get("p").casefold()))


def _deictic(word: str, grammar: _Grammar) -> int:
    words = word.lower().split()
    if words[:2] == ["this", "past"]:
        return -1
    if words[:2] == ["this", "coming"]:
        return 1
    return grammar.deictics[words[0]]


def _build_deictic_month(x: _Match) -> Parsed:
    if not _full_month_word(x, "m"):
        return None
    month = x.month("m", attached=False)
    if month is None or _after_the(x):
        return None
    return (*x.span, TimeExpr(anchor="month_day", granularity="month", month=month,
                              deictic=_deictic(x.get("d"), x.grammar)))


def _build_part_of_month(x: _Match) -> Parsed:
    if not _full_month_word(x, "m"):
        return None
    month = x.month("m", attached=False)
    if month is None:
        return None
    expr = TimeExpr(anchor="month_day", granularity="month", month=month, part=x.get("p").casefold())
    return (*x.span, _with_direction(x, expr))


def _build_deictic_weekday(x: _Match) -> Parsed:
    if _after_the(x):
        return None
    # "this past Tuesday" is the latest Tuesday before the dateline (direction "past"; see
    # ResolveSettings.weekday_last for plain "last Tuesday").
    past = x.get("d").lower().split()[:2] == ["this", "past"]
    return (*x.span, TimeExpr(anchor="weekday", granularity="day", weekday=x.grammar.weekdays[x.get("w").casefold()],
                              deictic=_deictic(x.get("d"), x.grammar), direction="past" if past else "nearest"))


def _after_the(x: _Match) -> bool:
    """'the last year', 'the next Tuesday' read as spans of time, not as named dates."""
    return x.words_before(1) == ["the"]


def _build_part_of_relative_cycle(x: _Match) -> Parsed:
    word = x.get("d").lower()
    offset = 0 if word == "the" else x.grammar.deictics[word]
    unit = x.get("u").lower()
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=offset,
                              part=x.get("p").casefold()))


def _build_relative_cycle(x: _Match) -> Parsed:
    word = x.get("d").lower()
    unit = x.get("u").lower()
    if word == "following" and x.get("w") is None:
        # "the following week" follows the last day named (the dateline when none was).
        return (*x.span, TimeExpr(anchor="anaphor", granularity=unit, shift_unit=unit, shift=1))
    if x.get("w") is None and _after_the(x) and word != "previous":
        return None
    offset = x.grammar.deictics[x.get("d").casefold()]
    # "earlier this month" keeps the month's granularity; "later this week" the week's.
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=offset,
                              part=x.get("w").lower() if x.get("w") else None))


def _build_cycle_with_deictic(x: _Match) -> Parsed:
    """ "la semana pasada" (the unit, then its deictic), "la próxima semana" (rdu)."""
    unit = x.grammar.units[x.get("u").casefold()]
    offset = x.grammar.deictics[" ".join(x.get("d").casefold().split())]
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=offset))




def _build_weekday_with_deictic(x: _Match) -> Parsed:
    """ "el lunes pasado" (the weekday, then its deictic), "el próximo lunes" (wddb)."""
    return (*x.span, TimeExpr(anchor="weekday", granularity="day", weekday=x.grammar.weekdays[x.get("w").casefold()],
                              deictic=x.grammar.deictics[" ".join(x.get("d").casefold().split())], direction="nearest"))




def _build_in_the_cycle(x: _Match) -> Parsed:
    # After a named date this may be that date's period ("In 1967 ... later in the year") or the
    # dateline's ("a release date of 22 November 2013, with production starting later in the
    # year"): read only with no date named before (see find_dates), as the dateline's period.
    unit = x.get("u").lower()
    return (*x.span, TimeExpr(anchor="anaphor", granularity=unit, shift_unit=unit, shift=0,
                              part=x.get("w").lower()))


def _build_count_ago(x: _Match) -> Parsed:
    word = x.get("n").lower()
    count = int(word) if word.isdigit() else x.grammar.counts.get(word)
    if count is None:
        return None                       # "a few days ago": vague
    unit = x.grammar.units[x.get("u").casefold()]
    # "three weeks ago" = the dateline minus 21 days, "a year ago" = the dateline's day a year
    # before: day granularity, as TIMEX3 annotators (MEANTIME, Recognizers-Text) read them.
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit=unit, offset=-count))




def _build_count_ahead(x: _Match) -> Parsed:
    # "in two weeks" is a date only in a clause about the future ("will meet in two weeks");
    # otherwise it is a duration ("rose 5% in two weeks").
    if x.direction() != "future":
        return None
    if re.match(r"[^\S\n]+(?:from|after|before)\b", x.text[x.m.end():x.m.end() + 8], re.I):
        return None                       # "in two days from today": the count shifts the day named
    word = x.get("n").lower()
    count = int(word) if word.isdigit() else x.grammar.counts.get(word)
    if count is None:
        return None
    unit = x.grammar.units[x.get("u").casefold()]
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit=unit, offset=count))


def _build_apostrophe_year(x: _Match) -> Parsed:
    # "since '82": a two-digit year only after a year cue ("iLife '11" is a product).
    before = x.words_before(1)
    if not before or before[0] not in x.grammar.year_cues:
        return None
    return (*x.span, TimeExpr(anchor="absolute", granularity="year", year=_expand_year(x.get("y"))))


def _build_the_day(x: _Match) -> Parsed:
    # The word right after (no punctuation between): "the day he died", "the next day or two".
    following = re.findall(r"^[^\S\n]+([\w']+)", x.text[x.m.end():x.m.end() + 20].lower())
    if x.get("b") and not (x.get("n") or x.get("s") or x.get("p") or x.get("q")):
        shift = -1 if x.get("b").lower() == "before" else 1
        return (*x.span, TimeExpr(anchor="anaphor", granularity="day", shift_unit="day", shift=shift))
    if x.get("n"):
        # "the previous day", "the next day": the day before / after the last day named.
        if following and following[0] in x.grammar.day_anaphor_stops:
            return None                   # "over the next day or two"
        shift = -1 if x.get("n").lower() == "previous" else 1
        return (*x.span, TimeExpr(anchor="anaphor", granularity="day", shift_unit="day", shift=shift))
    if not (x.get("s") or x.get("p") or x.get("q")):
        if following and following[0] in x.grammar.day_anaphor_stops:
            return None                   # "the day of the vote", "the day before", "the day he died"
        before = x.words_before(1)
        if not (before and before[0] in x.grammar.day_anaphor_verbs):
            return None
    return (*x.span, TimeExpr(anchor="anaphor", granularity="day"))


def _build_count_from_last_day(x: _Match) -> Parsed:
    word = x.get("n").lower()
    count = int(word) if word.isdigit() else x.grammar.counts.get(word)
    if not count:
        return None
    unit = x.grammar.units[x.get("u").casefold()]
    sign = 1 if x.get("w").lower() == "later" else -1
    return (*x.span, TimeExpr(anchor="anaphor", granularity="day", shift_unit=unit, shift=sign * count))


def _build_relative_day(x: _Match) -> Parsed:
    words = x.get("w").split()
    if len(words) > 1 and all(w[:1].isupper() for w in words) and x.words_before(1):
        prev = x.text[max(0, x.m.start() - 20):x.m.start()].split()
        if prev and prev[-1][:1].isupper():
            return None                   # "CBS This Morning": a name
    offset = x.grammar.relative_days[" ".join(x.get("w").casefold().split())]
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit="day", offset=offset))


def _build_weekday(x: _Match) -> Parsed:
    prev = x.text[max(0, x.m.start() - 20):x.m.start()].split()
    prev_word = prev[-1].strip("'’\"“‘(") if prev else ""
    if prev_word.lower() in x.grammar.weekday_name_prefixes and prev_word[:1].isupper():
        return None                       # "Black Monday", "Good Friday"
    expr = TimeExpr(anchor="weekday", granularity="day", weekday=x.grammar.weekdays[x.get("w").casefold()])
    return (*x.span, _with_direction(x, expr))


def _full_month_word(x: _Match, name: str) -> bool:
    return x.get(name).rstrip(".").lower() in x.grammar.full_months


def _build_month(x: _Match) -> Parsed:
    if not _full_month_word(x, "m"):
        return None                       # a lone abbreviation ("Jan", "Mar") is rarely a month
    month = x.month("m", attached=False)
    if month is None:
        return None
    word = x.get("m")
    key = word.lower()
    before = x.words_before(1)
    cued = bool(before) and before[0] in x.grammar.month_cues
    if cued and key in x.grammar.verb_months and before[0] in x.grammar.verb_month_weak_cues:
        cued = False                      # "plan to March on Washington"
    if not cued:
        if key in x.grammar.ambiguous_months:
            return None                   # "May", "March", "June" the name: only after a cue word
        following = x.text[x.m.end():x.m.end() + 30].lstrip()
        if following[:1].isupper():
            return None                   # part of a name ("August Rush")
    expr = TimeExpr(anchor="month_day", granularity="month", month=month)
    return (*x.span, _with_direction(x, expr))


def _build_year(x: _Match) -> Parsed:
    year = int(x.get("y"))
    g = x.grammar
    before = x.words_before(1)
    cued = bool(before) and before[0] in g.year_cues
    low = YEAR_WITH_CUE_MIN if cued else BARE_YEAR_RANGE[0]
    if not (low <= year <= BARE_YEAR_RANGE[1]):
        return None
    head = x.text[max(0, x.m.start() - 20):x.m.start()].lower()
    if g.year_blockers_before.search(head):
        return None                       # "about 2000", "No. 1990", "$2022"
    following = re.match(r"[^\S\n]*([\w%]+)", x.text[x.m.end():x.m.end() + 40])
    preceding = re.search(r"(\w+)[^\S\n]+$", x.text[max(0, x.m.start() - 30):x.m.start()])
    if (preceding and following and preceding.group(1)[:1].isupper() and following.group(1)[:1].isupper()
            and x.words_before(1) and preceding.group(1).lower() not in g.year_cues):
        return None                       # inside a name ("the Russell 2000 Index", "Windows 2000 Server")
    if following:
        word = following.group(1)
        if word.lower() in g.year_blockers_after:
            return None                   # "2000 GMT", "1900 km"
        if (word[:1].islower() and len(word) > 3 and word.endswith("s") and not word.endswith("ss")
                and word not in g.not_plural and word not in g.year_nouns):
            return None                   # "2022 soldiers": a count
    return (*x.span, TimeExpr(anchor="absolute", granularity="year", year=year))


#: What each rule's ``reads:`` names (``lang/<code>/date_rules.yaml``): the builder that turns its
#: match into a TimeExpr. Builders are named for what they read; several rules share one.
BUILDERS: Dict[str, Callable[[_Match], Parsed]] = {
    "interval_month_first": _build_interval_month_first,
    "interval_day_first": _build_interval_day_first,
    "interval_days_of_month": _build_interval_days_of_month,
    "month_range": _build_month_range,
    "full_day": _build_full_day,
    "iso_date": _build_iso_date,
    "numeric_date": _build_numeric_date,
    "dotted_date": _build_dotted_date,
    "ordinal_day": _build_ordinal_day,
    "weekday_day_of_month": _build_weekday_day_of_month,
    "holiday": _build_holiday,
    "week_of_year": _build_week_of_year,
    "week_of_month": _build_week_of_month,
    "numbered_week": _build_numbered_week,
    "weekday_in_week": _build_weekday_in_week,
    "cycle_after_next": _build_cycle_after_next,
    "day_of_relative_month": _build_day_of_relative_month,
    "month_of_year": _build_month_of_year,
    "month_of_relative_year": _build_month_of_relative_year,
    "part_of_year": _build_part_of_year,
    "deictic_month": _build_deictic_month,
    "part_of_month": _build_part_of_month,
    "deictic_weekday": _build_deictic_weekday,
    "part_of_relative_cycle": _build_part_of_relative_cycle,
    "relative_cycle": _build_relative_cycle,
    "cycle_with_deictic": _build_cycle_with_deictic,
    "weekday_with_deictic": _build_weekday_with_deictic,
    "in_the_cycle": _build_in_the_cycle,
    "count_ago": _build_count_ago,
    "count_ahead": _build_count_ahead,
    "relative_day": _build_relative_day,
    "the_day": _build_the_day,
    "count_from_last_day": _build_count_from_last_day,
    "year_then_month": _build_year_then_month,
    "weekday": _build_weekday,
    "month": _build_month,
    "apostrophe_year": _build_apostrophe_year,
    "year": _build_year,
}
