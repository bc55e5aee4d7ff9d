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
from typing import Callable, Dict, List, Optional, Tuple

import regex

from ..lang import lexicon
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


# Rules whose first token is a number or an apostrophe: no word boundary in front of them.
_NUMERIC_RULES = frozenset({"iso", "num", "numd", "dot", "yr", "ayr", "ym", "ymd"})


@dataclass(frozen=True)
class _Grammar:
    pattern: "re.Pattern[str]"            # every rule: the reference reading at any position
    starts: "re.Pattern[str]"             # where a reading can start (after a non-word character)
    starts_at_0: "re.Pattern[str]"        # ... at the start of the text
    by_start: Dict[str, "re.Pattern[str]"]    # what starts there -> the rules that can start so
    after_space: Dict[str, Dict[str, Tuple["re.Pattern[str]", ...]]]   # see _rules_by_start
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


@lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar:
    lex = lexicon(lang)
    months = {k.lower(): int(v) for k, v in lex["months"].items()}
    # The longest name of each month is its full name; the others are abbreviations.
    longest: Dict[int, str] = {}
    for name, number in months.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    full = frozenset(longest.values())
    abbrev = [n for n in months if n not in full]
    weekdays = {k.lower(): int(v) for k, v in lex["weekdays"].items()}
    wd_abbrev = {k.lower(): int(v) for k, v in lex["date_weekday_abbreviations"].items()}
    ordinals = {k.lower(): int(v) for k, v in lex["date_ordinal_days"].items()}
    counts = {k.lower(): v for k, v in lex["date_counts"].items()}
    units = {k.lower(): v for k, v in lex["date_units"].items()}
    parts = lex["date_period_parts"]
    holidays = {_fold(k): str(v) for k, v in lex["date_holidays"].items()}
    # "New Year's Day" is also written "New Years Day" / "New Year’s Day".
    names = [" ".join(k.lower().split()) for k in lex["date_holidays"]]
    holiday_re = "|".join(re.escape(h).replace("'", "['’]?").replace(r"\ ", r"\s+")
                          for h in sorted(names, key=len, reverse=True))

    # A month name may touch its day in tokenised text ("Dec31").
    month_re = rf"(?:(?:{_alternation(full)})(?:\b|(?=\d))|(?:{_alternation(abbrev)})(?:\.|\b|(?=\d)))"
    weekday_re = rf"(?:{_alternation(weekdays)})\b"
    weekday_any_re = rf"(?:(?:{_alternation(weekdays)})\b|(?:{_alternation(wd_abbrev)})(?:\.|\b))"
    part_re = _alternation(parts)
    ordinal_re = _alternation(ordinals)
    count_re = _alternation(list(counts) + [str(i) for i in range(1, 10)])
    unit_re = _alternation(units)
    relative_days = {" ".join(k.lower().split()): int(v) for k, v in lex["date_relative_days"].items()}
    relative_day_re = _alternation(relative_days).replace(r"\ ", r"\s+")

    conn = _date_grammar(lex)
    deictic_re = _alternation(" ".join(k.lower().split()) for k in lex["date_deictics"])
    OF, THE, BETWEEN, AND, FROM = (_words_re(conn[k]) for k in ("of", "the", "between", "and", "from"))

    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})"

    def M(n):
        return g(n, month_re)

    def D(n):
        # A day number, not the start of a bigger number ("13,000"), a decimal or a time.
        return g(n, r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])") + r"(?:st|nd|rd|th)?\b(?![.,:/]\d|%|\s*:\s*\d)"

    def Y(n):
        # Not a decade ("the 1990s", "the mid-1980's").
        return g(n, r"(?:1\d{3}|20\d{2}|2100)") + r"(?![\d%]|['’]?s\b)"

    def WD(n):
        return g(n, weekday_any_re)

    # Between a day and its year: "October 21, 2024", "Dec. 31 , 1994", "4th of July of 1995".
    YSEP = rf"(?:\s*,\s*|\s+)(?:{OF}\s+)?"

    RANGE = r"\s*(?:-|–|—|" + "|".join(re.escape(w) for w in conn["range"]) + r")\s*"
    DEICTIC_NAME = r"this\s+past|this\s+coming|this|last|next"
    WEEK_DEICTIC = "this|next|last|following|previous"
    # "June the 28th": "the" between a month and its day only before an ordinal ending.
    THE_ORDINAL = r"(?:the\s+(?=\d{1,2}(?:st|nd|rd|th)\b))?"
    DAY_NUMBER = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])"
    rules: List[Tuple[str, str]] = [
        # Intervals (one mention for the whole expression).
        ("ivbm", rf"between\s+{M('ivbm_m1')}\s*{D('ivbm_d1')}(?:,?\s+{Y('ivbm_y1')})?\s+and\s+"
                 rf"(?:{M('ivbm_m2')}\s*)?{D('ivbm_d2')}(?:,?\s+{Y('ivbm_y')})?"),
        ("ivfm", rf"(?:from\s+)?{M('ivfm_m1')}\s*{D('ivfm_d1')}(?:,?\s+{Y('ivfm_y1')})?{RANGE}"
                 rf"(?:{M('ivfm_m2')}\s*)?{D('ivfm_d2')}(?:,?\s+{Y('ivfm_y')})?"),
        ("ivdm2", rf"(?:(?:{FROM}|{BETWEEN})\s+)?(?:{THE}\s+)?{D('ivdm2_d1')}\s+(?:{OF}\s+)?{M('ivdm2_m1')}"
                  rf"(?:,?\s+{Y('ivdm2_y1')})?(?:{RANGE}|\s+{AND}\s+)(?:{THE}\s+)?{D('ivdm2_d2')}\s+"
                  rf"(?:{OF}\s+)?{M('ivdm2_m2')}(?:,?\s+{Y('ivdm2_y')})?"),
        ("ivdm", rf"(?:(?:{FROM}|{BETWEEN})\s+)?(?:{THE}\s+)?{D('ivdm_d1')}(?:{RANGE}|\s+{AND}\s+)(?:{THE}\s+)?"
                 rf"{D('ivdm_d2')}\s+(?:{OF}\s+)?{M('ivdm_m')}(?:,?\s+{Y('ivdm_y')})?"),
        # Month ranges inside one year ("Jan-Feb 2017", "June–August 1992").
        ("mmy", rf"{M('mmy_m1')}\s*(?:-|–|—)\s*{M('mmy_m2')},?\s+{Y('mmy_y')}"),
        # Full days with a year.
        ("mdy", rf"(?:{WD('mdy_w')},?\s+)?{M('mdy_m')}\s*{THE_ORDINAL}{D('mdy_d')}{YSEP}{Y('mdy_y')}"),
        ("dmy", rf"(?:{WD('dmy_w')},?\s+)?(?:{THE}\s+)?{D('dmy_d')}\s+(?:{OF}\s+)?{M('dmy_m')}{YSEP}{Y('dmy_y')}"),
        ("dmyh", rf"{D('dmyh_d')}(?P<dmyh_s>[-/]){M('dmyh_m')}(?P=dmyh_s){Y('dmyh_y')}"),
        # Year, month name, day ("2019-aug-01", "2020/Sep/23").
        ("ymd", r"(?<![\w/.-])" + Y("ymd_y") + rf"(?P<ymd_s>[-/]){M('ymd_m')}(?P=ymd_s){D('ymd_d')}"),
        ("iso", r"(?<![\w/.])(?<!\d-)(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?![\d/]|-\d|\.\d)"),
        ("num", r"(?<![\w/.,-])(?P<num_a>\d{1,2})/(?P<num_b>\d{1,2})/(?P<num_y>\d{4}|\d{2})(?![\w/-]|[.,]\d)"),
        # Tokenised text writes "8 / 2 / 2013" (four-digit year only).
        ("nums", r"(?<![\w/.,-])(?P<nums_a>\d{1,2}) / (?P<nums_b>\d{1,2}) / (?P<nums_y>\d{4})(?![\w/-]|[.,]\d| /)"),
        ("numd", r"(?<![\w/.,-])(?P<numd_a>\d{1,2})-(?P<numd_b>\d{1,2})-(?P<numd_y>\d{4})(?![\w/-]|[.,]\d)"),
        ("dot", r"(?<![\w/.,-])(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4})(?![\w/-]|[.,]\d)"),
        ("ordy", rf"(?:{THE}\s+)?{g('ordy_o', ordinal_re)}\s+{OF}\s+{M('ordy_m')}(?:{YSEP}{Y('ordy_y')})?"),
        # Weekday with its date ("Monday (Oct 21)", "Tue May 9", "Friday, 18 October").
        ("wdmd", rf"{WD('wdmd_w')},?\s+\(?{M('wdmd_m')}\s*{D('wdmd_d')}(?:{YSEP}{Y('wdmd_y')})?\)?"),
        ("wddm", rf"{WD('wddm_w')},?\s+\(?(?:{THE}\s+)?{D('wddm_d')}\s+(?:{OF}\s+)?{M('wddm_m')}(?:{YSEP}{Y('wddm_y')})?\)?"),
        # Weekday with a day of the month ("Tuesday the 11th", "wednesday the thirty first").
        # A word ordinal only ending its clause: "Tuesday the first generation of" is no day.
        ("wdo", rf"{WD('wdo_w')},?\s+the\s+(?:{g('wdo_n', DAY_NUMBER)}(?:st|nd|rd|th)\b|"
                rf"{g('wdo_o', ordinal_re)}\b(?=\s*(?:[.,;:!?)]|$)))"),
        # Named days ("Christmas", "Easter 2018", "last Easter", "Independence Day of this year").
        ("hol", rf"(?:{g('hol_d', DEICTIC_NAME + '|coming|previous|following')}\s+|{Y('hol_y0')}\s+)?"
                rf"{g('hol_h', holiday_re)}\b"
                rf"(?:,?\s+\(?{M('hol_m')}\s*{D('hol_md')}(?:{YSEP}{Y('hol_my')})?\)?"
                rf"|(?:\s*,\s*|\s+)(?:(?:of|in)\s+)?(?:{Y('hol_y')}|{g('hol_r', 'this|last|next')}\s+year\b))?"),
        # A week of a year ("the first week of 2015", "the last week of 2016").
        ("ywk", rf"(?:the\s+)?{g('ywk_n', 'first|second|third|fourth|fifth|last|final|[1-9](?:st|nd|rd|th)')}\s+"
                rf"week\s+of\s+{Y('ywk_y')}"),
        # A week of a month ("the last week of March", "the first week of May 2009").
        ("mwk", rf"(?:the\s+)?{g('mwk_n', 'first|second|third|fourth|last|final|[1-4](?:st|nd|rd|th)')}\s+"
                rf"week\s+of\s+{M('mwk_m')}(?:{YSEP}{Y('mwk_y')})?"),
        # A numbered week of a year ("week 3 of 2027").
        ("wky", rf"week\s+{g('wky_n', '5[0-3]|[1-4][0-9]|0?[1-9]')}\s+of\s+"
                rf"(?:{Y('wky_y')}|{g('wky_r', 'this|last|next')}\s+year\b)"),
        # Weekday pinned to a week ("Tuesday this week", "next week on Tuesday").
        ("wdwk", rf"{g('wdwk_w', weekday_re)}\s+(?:of\s+)?(?:the\s+)?{g('wdwk_d', WEEK_DEICTIC)}\s+week\b"),
        ("wkwd", rf"{g('wkwd_d', WEEK_DEICTIC)}\s+week(?:,?\s+on)?\s+{g('wkwd_w', weekday_any_re)}"),
        # "the week after next": two of the unit on from the dateline's.
        ("uan", rf"the\s+{g('uan_u', 'week|month|year')}\s+after\s+next\b"),
        # A day of a month named relative to the dateline's ("the 21st this month", "the 15th day
        # of next month", "the first of next month"); the day needs its ordinal ending.
        ("odrm", rf"(?:the\s+)?(?:{g('odrm_n', DAY_NUMBER)}(?:st|nd|rd|th)|"
                 rf"{g('odrm_o', ordinal_re)})(?:\s+day)?\s+(?:of\s+)?{g('odrm_d', 'this|next|last')}\s+month\b"),
        # Days without a year.
        ("md", rf"{M('md_m')}\s*{THE_ORDINAL}{D('md_d')}"),
        ("dm", rf"(?:{THE}\s+)?{D('dm_d')}\s+(?:{OF}\s+)?{M('dm_m')}"),
        # Months and years.
        ("my", rf"(?:{g('my_p', part_re)}(?:\s|-)+)?{M('my_m')}(?:,?\s+(?:{OF}\s+)?|[-/](?=\d{{4}}))?{Y('my_y')}"),
        ("mry", rf"(?:{g('mry_p', part_re)}(?:\s|-)+)?{M('mry_m')}\s+(?:of\s+)?{g('mry_d', 'this|last|next')}\s+year\b"),
        ("py", rf"{g('py_p', part_re)}(?:\s|-)+{Y('py_y')}"),
        ("dmo", rf"{g('dmo_d', DEICTIC_NAME)}\s+{M('dmo_m')}"),
        ("pm", rf"{g('pm_p', part_re)}(?:\s|-)+{M('pm_m')}"),
        # Weekdays with a deictic ("next Tuesday", "this past Wednesday").
        ("dwd", rf"{g('dwd_d', DEICTIC_NAME + '|coming|previous')}\s+{g('dwd_w', weekday_re)}"),
        # Periods relative to the dateline.
        ("pru", rf"(?:the\s+)?{g('pru_p', 'end|start|beginning|middle')}\s+of\s+"
                rf"{g('pru_d', 'this|last|next|the')}\s+{g('pru_u', 'week|month|year')}\b"),
        ("ru", rf"(?:{g('ru_w', 'earlier|later|early|late|mid')}(?:\s|-)+)?{g('ru_d', 'this|last|next|previous|following')}\s+"
               rf"{g('ru_u', 'week|month|year')}\b"),
        # "earlier in the week", "later in the year": within the period of the last date named.
        # The deictic after its unit ("la semana pasada", "el mes próximo"), in a language that writes it so.
        *([("rua", rf"(?:{THE}\s+)?{g('rua_u', unit_re)}\s+{g('rua_d', deictic_re)}\b"),
           ("wdda", rf"(?:{THE}\s+)?{g('wdda_w', weekday_re)}\s+{g('wdda_d', deictic_re)}\b")]
          if conn["deictic_after_unit"] else []),
        *([("rdu", rf"(?:{THE}\s+)?{g('rdu_d', deictic_re)}\s+{g('rdu_u', unit_re)}\b"),
           ("wddb", rf"(?:{THE}\s+)?{g('wddb_d', deictic_re)}\s+{g('wddb_w', weekday_re)}")]
          if conn["deictic_before_unit"] else []),
        ("inthe", rf"{g('inthe_w', 'earlier|later')}\s+in\s+the\s+{g('inthe_u', 'week|month|year')}\b"),
        ("ago", rf"{g('ago_n', count_re)}\s+{g('ago_u', unit_re)}\s+ago\b"),
        # The same with the word before ("hace tres días"), in a language that writes it so.
        *([("agob", rf"{_words_re(conn['ago_before'])}\s+{g('agob_n', count_re)}\s+{g('agob_u', unit_re)}\b")]
          if conn["ago_before"] else []),
        ("inn", rf"in\s+{g('inn_n', count_re)}\s+{g('inn_u', unit_re)}\b"),
        ("rday", g("rday_w", relative_day_re) + r"\b"),
        # "the day" in market and event reports refers back to the last day named ("ended the day
        # at 8,017", "later in the day", "the same day"); only these fixed uses are read.
        ("anday", r"(?:(?P<anday_p>(?:early|late|later|earlier)\s+in)\s+|"
                  r"(?P<anday_q>(?:the\s+)?(?:start|end|close|beginning|rest)\s+of)\s+)?"
                  r"the\s+(?:(?:(?P<anday_s>same)|(?P<anday_n>previous|next|following))\s+day\b|day\b"
                  # "the day before." / "the day after,": ending the clause, not "the day before the vote"
                  r"(?:\s+(?P<anday_b>before|after)(?=\s*(?:[.,;:!?)\"”]|$)))?)"),
        # "two days later", "a week earlier": counted from the last day named.
        ("anshift", rf"{g('anshift_n', count_re)}\s+{g('anshift_u', 'days?|weeks?')}\s+"
                    rf"{g('anshift_w', 'later|earlier')}\b(?!\s+than)"),
        # A year written before its month ("2017 april"), not before a day ("2017 April 5").
        ("ym", r"(?<![\w$£€#.,/:'’–-])" + Y("ym_y") + rf"\s+{M('ym_m')}(?!\s*\d)"),
        # Bare names and numbers.
        ("wd", g("wd_w", weekday_re)),
        ("mo", g("mo_m", month_re)),
        ("ayr", r"(?<![\w'’])['’]" + g("ayr_y", r"\d{2}") + r"\b(?!['’]?s\b|[.,:/-]\d)"),
        # A year; "2014-2018" is two years (joined into an interval below), "2022-23" is neither.
        ("yr", r"(?:(?<=\d{4}[-–])|(?<![\w$£€#.,/:'’–-]))" + g("yr_y", r"\d{4}")
               + r"(?![\w%]|[.,:/]\d|[-–](?!\d{4}(?![-–]?\d))\d|['’]s\b)"),
    ]
    # A date never runs across a line break (headline / dateline / paragraph).
    rules = [(name, body.replace(r"\s", r"[^\S\n]")) for name, body in rules]
    # Speed: every reading starts with a digit, an apostrophe or one of a few known words;
    # this lookahead lets the scan skip all other positions without trying each rule.
    first_words = (list(months) + list(weekdays) + list(wd_abbrev) + list(ordinals) + list(counts)
                   + list(parts) + ["between", "from", "the", "this", "last", "next", "previous", "coming",
                                    "earlier", "later", "early", "late", "mid", "in", "today", "tonight",
                                    "yesterday", "tomorrow", "end", "start", "beginning", "middle", "close",
                                    "rest", "same", "following", "week"]
                   + [re.split(r"['’ ]", h)[0] for h in names]
                   # The language's own day words ("ayer", "hoy"): the rday rule reads them all.
                   + list(relative_days)
                   # Where the language's own connectives start a reading ("el 22 de abril", "hace tres días").
                   + [w for k in ("the", "from", "between", "ago_before") for w in conn[k]]
                   + (list(units) + list(weekdays) if conn["deictic_after_unit"] else [])
                   + (list(lex["date_deictics"]) if conn["deictic_before_unit"] else []))
    heads = sorted({w.split()[0].lower() for w in first_words}, key=len, reverse=True)
    prefilter = r"(?=[\d'’]|(?:" + "|".join(re.escape(w) for w in heads) + r")\b|(?:" + \
        "|".join(re.escape(w) for w in heads) + r")[.\d-])"
    alternatives = [(name, f"(?P<{name}>{body})" if name in _NUMERIC_RULES else f"(?P<{name}>\\b{body})")
                    for name, body in rules]
    body = "|".join(alternative for _, alternative in alternatives)
    pattern = re.compile(rf"(?:(?<![\w])|(?<=\d{{4}}[-–])){prefilter}(?:{body})", re.I)
    starts, after_space = _rules_by_start(heads, alternatives)
    combined = {chosen: re.compile("|".join(chosen) or "(?!)", re.I) for chosen in set(starts.values())}
    single = {alternative: re.compile(alternative, re.I) for _, alternative in alternatives}
    return _Grammar(
        pattern=pattern,
        starts=re.compile(r"\W" + _start(heads), re.I),
        starts_at_0=re.compile(_start(heads), re.I),
        by_start={written: combined[chosen] for key, chosen in starts.items() for written in _written(key)},
        after_space={written: {c: tuple(single[a] for a in chosen) for c, chosen in table.items()}
                     for key, table in after_space.items() for written in _written(key)},
        months=months,
        full_months=full,
        ambiguous_months=frozenset(w.lower() for w in lex["date_ambiguous_months"]),
        verb_months=frozenset(w.lower() for w in lex["date_verb_months"]),
        capital_only_months=frozenset(w.lower() for w in lex["date_capital_only_months"]),
        verb_month_weak_cues=frozenset(w.lower() for w in lex["date_verb_month_weak_cues"]),
        weekdays=weekdays,
        weekday_abbrev=wd_abbrev,
        ordinals=ordinals,
        relative_days=relative_days,
        day_first=bool(conn["day_first"]),
        units=units,
        deictics={k.lower(): int(v) for k, v in lex["date_deictics"].items()},
        counts=counts,
        month_cues=frozenset(w.lower() for w in lex["date_month_cues"]),
        future_cues=_phrase_pattern(lex["date_future_cues"]),
        past_cues=_phrase_pattern(lex["date_past_cues"]),
        future_preps=re.compile(r"(?<![\w'’])(?:" + _alternation(p.lower() for p in lex["date_future_prepositions"])
                                + r")(?:\s+(?:" + part_re + r"))?$"),
        cue_window=int(lex["date_cue_window"]),
        clause_breaks=_phrase_pattern(lex["date_clause_breaks"]) if lex.get("date_clause_breaks") else None,
        weekday_name_prefixes=frozenset(w.lower() for w in lex["date_weekday_name_prefixes"]),
        holidays=holidays,
        shift_words={k.lower(): int(v) for k, v in lex["date_shift_words"].items()},
        shift_lead=_shift_lead_pattern(counts, units, lex["date_shift_words"]),
        year_nouns=frozenset(w.lower() for w in lex["date_year_nouns"]),
        year_blockers_before=re.compile(r"(?:^|(?<=[\s(]))(?:" + _alternation(p.lower() for p in lex["date_year_blockers_before"])
                                        + r")\s*$"),
        year_blockers_after=frozenset(w.lower() for w in lex["date_year_blockers_after"]),
        year_cues=frozenset(w.lower() for w in lex["date_year_cues"]),
        not_plural=frozenset(w.lower() for w in lex["date_not_plural"]),
        day_anaphor_verbs=frozenset(w.lower() for w in lex["date_day_anaphor_verbs"]),
        day_anaphor_stops=frozenset(w.lower() for w in lex["date_day_anaphor_stops"]),
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
    ``DAY_FIRST``."""
    grammar = _grammar(lang)
    if day_first is None:
        day_first = grammar.day_first
    found: List[Mention] = []
    last_day: Optional[TimeExpr] = None   # antecedent for "the day", "the same day"
    last_named: Optional[TimeExpr] = None  # antecedent for "the following week / month / year"
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
            parsed = _BUILDERS[rule](_Match(match, rule, text, grammar, day_first))
        except KeyError:
            # A rule still spelt with English words ("last week") matched in a language whose
            # tables lack them: no reading, rather than a crash on that language's text.
            parsed = None
        if parsed is None:
            pos = match.start() + 1       # rejected: a shorter reading may start just after
            continue
        start, end, expr = parsed
        if expr.anchor == "anaphor" and expr.weekday is not None:
            # "Monday of the following week": in the week after the last date named, when that
            # date is written out; after the dateline when none was named; else not followed.
            expr = _weekday_after(last_named, expr)
            if expr is None:
                pos = max(end, match.start() + 1)
                continue
        elif expr.anchor == "anaphor" and expr.granularity != "day":
            # "the following year": the period after the last date named (else the dateline's),
            # when that date is no coarser than the period ("In 1967 ... the following year").
            base = last_named or TimeExpr(anchor="relative", granularity="day", unit="day", offset=0)
            if (expr.shift == 0 and last_named is not None) or (_PERIOD_ORDER.index(base.granularity) > _PERIOD_ORDER.index(expr.granularity)
                    or (base.shift_unit and base.shift_unit != expr.shift_unit)):
                pos = max(end, match.start() + 1)
                continue
            total = expr.shift + (base.shift if base.shift_unit else 0)
            expr = TimeExpr(**{**base.__dict__, "granularity": expr.granularity, "shift_unit": expr.shift_unit,
                               "shift": total})
        elif expr.anchor == "anaphor":
            # Refers back to the last day named (else the dateline), moved by its own shift.
            base = last_day or TimeExpr(anchor="relative", granularity="day", unit="day", offset=0)
            if expr.shift_unit:
                if base.shift_unit and base.shift_unit != expr.shift_unit:
                    pos = max(end, match.start() + 1)
                    continue              # "a week later" after "the next day": too far to follow
                total = expr.shift + (base.shift if base.shift_unit else 0)
                base = TimeExpr(**{**base.__dict__, "shift_unit": expr.shift_unit, "shift": total})
            expr = last_day = base
        elif expr.granularity == "day" and (expr.anchor != "relative" or expr.unit == "day"):
            last_day = expr               # a named day, not "three weeks ago"
        if expr.granularity in _PERIOD_ORDER:
            last_named = expr
        found.append(Mention(kind="date", start=start, end=end, text=text[start:end], value=None,
                             granularity=expr.granularity, expr=expr))
        pos = max(end, match.start() + 1)
    found = _attach_years(text, _shifted(text, found, grammar))
    return _attach_years(text, _join_intervals(text, found, grammar))


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


def _b_ivbm(x: _Match) -> Parsed:
    m1 = x.month("m1", attached=True)
    m2 = x.month("m2", attached=True) if x.get("m2") else m1
    return _interval(x, m1, x.get("d1"), x.get("y1"), m2, x.get("d2"), x.get("y"))


_b_ivfm = _b_ivbm


def _b_ivdm2(x: _Match) -> Parsed:
    return _interval(x, x.month("m1", True), x.get("d1"), x.get("y1"), x.month("m2", True), x.get("d2"), x.get("y"))


def _b_ivdm(x: _Match) -> Parsed:
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


def _full_day(x: _Match) -> Parsed:
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


_b_mdy = _b_dmy = _b_dmyh = _b_ymd = _b_md = _b_dm = _b_wdmd = _b_wddm = _full_day


def _b_iso(x: _Match) -> Parsed:
    return _numeric(x, int(x.get("y")), int(x.get("m")), int(x.get("d")))


def _b_num(x: _Match) -> Parsed:
    a, b = int(x.get("a")), int(x.get("b"))
    month, day = (b, a) if x.day_first else (a, b)
    return _numeric(x, _expand_year(x.get("y")), month, day)


def _b_numd(x: _Match) -> Parsed:
    return _b_num(x)


_b_nums = _b_numd


def _b_dot(x: _Match) -> Parsed:
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


def _b_ordy(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    day = x.grammar.ordinals[x.get("o").casefold()]
    return (*x.span, _md(month, day, _year(x.get("y"))))


def _b_mmy(x: _Match) -> Parsed:
    m1, m2 = x.month("m1", attached=True), x.month("m2", attached=True)
    if m1 is None or m2 is None or m1 == m2:
        return None
    year = int(x.get("y"))
    start = TimeExpr(anchor="absolute", granularity="month", year=year - (m1 > m2), month=m1)
    end = TimeExpr(anchor="absolute", granularity="month", year=year, month=m2)
    return (*x.span, TimeExpr(anchor="absolute", granularity="interval", start=start, end=end))


def _b_hol(x: _Match) -> Parsed:
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


def _b_ywk(x: _Match) -> Parsed:
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


def _b_wdo(x: _Match) -> Parsed:
    word = x.get("w").rstrip(".").casefold()
    weekday = x.grammar.weekdays.get(word, x.grammar.weekday_abbrev.get(word))
    day = int(x.get("n")) if x.get("n") else x.grammar.ordinals[x.get("o").casefold()]
    return (*x.span, TimeExpr(anchor="weekday", granularity="day", weekday=weekday, day=day))


def _b_mwk(x: _Match) -> Parsed:
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


def _b_wky(x: _Match) -> Parsed:
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


def _b_wdwk(x: _Match) -> Parsed:
    word = x.get("w").rstrip(".").casefold()
    weekday = x.grammar.weekdays.get(word, x.grammar.weekday_abbrev.get(word))
    offset = x.grammar.deictics[x.get("d").casefold()]
    # "Monday of the following week" follows the last date named (see find_dates).
    anchor = "anaphor" if x.get("d").lower() == "following" else "weekday"
    return (*x.span, TimeExpr(anchor=anchor, granularity="day", weekday=weekday, unit="week", offset=offset))


_b_wkwd = _b_wdwk


def _b_uan(x: _Match) -> Parsed:
    unit = x.get("u").lower()
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=2))


def _b_odrm(x: _Match) -> Parsed:
    day = int(x.get("n")) if x.get("n") else x.grammar.ordinals[x.get("o").casefold()]
    offset = x.grammar.deictics[x.get("d").casefold()]
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit="month", offset=offset, day=day))


def _b_ym(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    return (*x.span, TimeExpr(anchor="absolute", granularity="month", year=int(x.get("y")), month=month))


def _b_my(x: _Match) -> Parsed:
    month = x.month("m", attached=True)
    if month is None:
        return None
    part = x.get("p")
    return (*x.span, TimeExpr(anchor="absolute", granularity="month", year=int(x.get("y")), month=month,
                              part=part.lower() if part else None))


def _b_mry(x: _Match) -> Parsed:
    month = x.month("m", attached=False)
    if month is None:
        return None
    part = x.get("p")
    return (*x.span, TimeExpr(anchor="month_day", granularity="month", month=month,
                              year_offset=x.grammar.deictics[x.get("d").casefold()],
                              part=part.lower() if part else None))


def _b_py(x: _Match) -> Parsed:
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


def _b_dmo(x: _Match) -> Parsed:
    if not _full_month_word(x, "m"):
        return None
    month = x.month("m", attached=False)
    if month is None or _after_the(x):
        return None
    return (*x.span, TimeExpr(anchor="month_day", granularity="month", month=month,
                              deictic=_deictic(x.get("d"), x.grammar)))


def _b_pm(x: _Match) -> Parsed:
    if not _full_month_word(x, "m"):
        return None
    month = x.month("m", attached=False)
    if month is None:
        return None
    expr = TimeExpr(anchor="month_day", granularity="month", month=month, part=x.get("p").casefold())
    return (*x.span, _with_direction(x, expr))


def _b_dwd(x: _Match) -> Parsed:
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


def _b_pru(x: _Match) -> Parsed:
    word = x.get("d").lower()
    offset = 0 if word == "the" else x.grammar.deictics[word]
    unit = x.get("u").lower()
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=offset,
                              part=x.get("p").casefold()))


def _b_ru(x: _Match) -> Parsed:
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


def _b_rua(x: _Match) -> Parsed:
    """ "la semana pasada" (the unit, then its deictic), "la próxima semana" (rdu)."""
    unit = x.grammar.units[x.get("u").casefold()]
    offset = x.grammar.deictics[" ".join(x.get("d").casefold().split())]
    return (*x.span, TimeExpr(anchor="relative", granularity=unit, unit=unit, offset=offset))


_b_rdu = _b_rua


def _b_wdda(x: _Match) -> Parsed:
    """ "el lunes pasado" (the weekday, then its deictic), "el próximo lunes" (wddb)."""
    return (*x.span, TimeExpr(anchor="weekday", granularity="day", weekday=x.grammar.weekdays[x.get("w").casefold()],
                              deictic=x.grammar.deictics[" ".join(x.get("d").casefold().split())], direction="nearest"))


_b_wddb = _b_wdda


def _b_inthe(x: _Match) -> Parsed:
    # After a named date this may be that date's period ("In 1967 ... later in the year") or the
    # dateline's ("a release date of 22 November 2013, with production starting later in the
    # year"): read only with no date named before (see find_dates), as the dateline's period.
    unit = x.get("u").lower()
    return (*x.span, TimeExpr(anchor="anaphor", granularity=unit, shift_unit=unit, shift=0,
                              part=x.get("w").lower()))


def _b_ago(x: _Match) -> Parsed:
    word = x.get("n").lower()
    count = int(word) if word.isdigit() else x.grammar.counts.get(word)
    if count is None:
        return None                       # "a few days ago": vague
    unit = x.grammar.units[x.get("u").casefold()]
    # "three weeks ago" = the dateline minus 21 days, "a year ago" = the dateline's day a year
    # before: day granularity, as TIMEX3 annotators (MEANTIME, Recognizers-Text) read them.
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit=unit, offset=-count))


#: "hace tres días": the reading of "three days ago", with the word in front.
_b_agob = _b_ago


def _b_inn(x: _Match) -> Parsed:
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


def _b_ayr(x: _Match) -> Parsed:
    # "since '82": a two-digit year only after a year cue ("iLife '11" is a product).
    before = x.words_before(1)
    if not before or before[0] not in x.grammar.year_cues:
        return None
    return (*x.span, TimeExpr(anchor="absolute", granularity="year", year=_expand_year(x.get("y"))))


def _b_anday(x: _Match) -> Parsed:
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


def _b_anshift(x: _Match) -> Parsed:
    word = x.get("n").lower()
    count = int(word) if word.isdigit() else x.grammar.counts.get(word)
    if not count:
        return None
    unit = x.grammar.units[x.get("u").casefold()]
    sign = 1 if x.get("w").lower() == "later" else -1
    return (*x.span, TimeExpr(anchor="anaphor", granularity="day", shift_unit=unit, shift=sign * count))


def _b_rday(x: _Match) -> Parsed:
    words = x.get("w").split()
    if len(words) > 1 and all(w[:1].isupper() for w in words) and x.words_before(1):
        prev = x.text[max(0, x.m.start() - 20):x.m.start()].split()
        if prev and prev[-1][:1].isupper():
            return None                   # "CBS This Morning": a name
    offset = x.grammar.relative_days[" ".join(x.get("w").casefold().split())]
    return (*x.span, TimeExpr(anchor="relative", granularity="day", unit="day", offset=offset))


def _b_wd(x: _Match) -> Parsed:
    prev = x.text[max(0, x.m.start() - 20):x.m.start()].split()
    prev_word = prev[-1].strip("'’\"“‘(") if prev else ""
    if prev_word.lower() in x.grammar.weekday_name_prefixes and prev_word[:1].isupper():
        return None                       # "Black Monday", "Good Friday"
    expr = TimeExpr(anchor="weekday", granularity="day", weekday=x.grammar.weekdays[x.get("w").casefold()])
    return (*x.span, _with_direction(x, expr))


def _full_month_word(x: _Match, name: str) -> bool:
    return x.get(name).rstrip(".").lower() in x.grammar.full_months


def _b_mo(x: _Match) -> Parsed:
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


def _b_yr(x: _Match) -> Parsed:
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


_BUILDERS: Dict[str, Callable[[_Match], Parsed]] = {
    name[3:]: fn for name, fn in globals().items() if name.startswith("_b_")
}
