"""Quantities: figures with their unit, what they count, and how they are hedged.

One pass of one combined pattern over the text finds the things that are not
figures (URLs, e-mails, phone numbers, times, numeric dates: matched so they
swallow their digits), vague amounts ("tens of thousands") and number cores
(digits or number words, with an optional currency before them). Each core is
then read outward with small anchored patterns: scale ("2.5 million", "bn"),
unit ("%", "km", "yen", "5 ft 2 in"), a range continuation ("8 to 13", "more than
100 and fewer than 300"), a ratio ("one in five"), the qualifier before or after it
("more than", "or more") and the noun it counts ("1,500 ... soldiers").

Ordinals ("21st", "the sixth round") are ranks, not amounts: they are read (their digits
are no other figure) but :func:`find_quantities` leaves them out; :func:`find_ordinals`
returns them as Mentions of kind "ordinal" (unit "ordinal").

Values: int/float, ``(low, high)`` for ranges (also a figure with its uncertainty:
"2.5 ± 0.1 kg"); units are canonical ("USD", "%",
"pp" for percentage points, "km", "°C", "ratio" for
shares: "one in three", "2 in 5", "two-thirds" = numerator / denominator, "score" for
tallies: "a 5-2 vote" has ``parts`` (5, 2), never a range);
``units.unit_kind(unit)`` says what a unit measures ("currency", "percent", ...).

Direction of change (``Mention.change``, vocabulary in numbers.yaml ``number_change_*``):
"rose 3%", "fell by $2bn", "up 3%", "an increase of 3%", "a 5% drop", "30,000 more
troops", "+3%" state a change ("up" / "down"); "rose to 5%" and "from 3%" are levels, and
after a change verb "to" starts another figure: "rose by $43.6 billion to $419.2 billion"
is a change and a level, "rose from 3% to 5%" two levels. Ages by decade ("in his 50s")
are the range of ages they allow.

Every language fact comes from ``factcheck/lang/<lang>/numbers.yaml`` and
``units.yaml``; the named settings below are the ambiguity choices.

Speed (each step documented where it is, each reads exactly what the plain
pattern reads; tests/test_quantities_speed.py): the combined pattern is tried
only at candidate positions found by one cheap pass, without the alternatives
a text cannot hold; literal alternations are tries; the unit pattern is gated by
the next three characters; groups are read by number.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import List, NamedTuple, Optional, Tuple

import re

import regex

from ..lang import lexicon
from ..mention import Mention
from .numbers import GROUP_SPACES, as_number, number_words, parse_digits, read_words
from .units import trie_alternation, unit_kind, unit_lexicon

# --- settings (each one an ambiguity choice) -------------------------------
#: Characters of context looked at before a figure for its qualifier.
QUALIFIER_WINDOW = 40
#: A range written with a dash ("3-1") whose ends go down is a score, not a range.
DASH_RANGE_MUST_RISE = True
#: (A lone "$" is USD, "¥" JPY: see units.yaml, currencies.)
#: A percent or percentage-point figure written with an explicit sign ("+3%", "-2.5 pp")
#: states a change in that direction (Mention.change); the value keeps its sign.
SIGNED_PERCENT_IS_CHANGE = True
#: After a change verb, "to" does not join two figures into a range: "rose by $43.6
#: billion to $419.2 billion" is a change and a level, "rose from 3% to 5%" two levels.
CHANGE_SPLITS_RANGES = True
#: A dash with white space on both sides before a figure, after a word that is not a
#: function word ("money held overseas - 15.5 percent"), is punctuation, not a minus sign;
#: after one ("of - 5", "to - 20 degrees": tokenised text) it stays a minus.
SPACED_DASH_IS_MINUS = False
#: ... except before a unit of these kinds (units.unit_kind), which news writes below zero.
SPACED_DASH_MINUS_KINDS = ("temperature",)
#: "from $7.4 million to $200,000", "leading 49 percent to 44 percent": a range written with
#: a word whose ends go down is two figures (one side's against the other's), not a range.
DESCENDING_RANGE_IS_TWO_FIGURES = True
#: A number word hyphened to a noun counts it ("a two-stage rocket", "a nine-page response",
#: "a seven-term congressman"), unless the word is a modifier (numbers.yaml,
#: number_hyphen_modifiers: "a four-time All-Star").
HYPHENED_WORD_NUMBERS_COUNT = True
#: A bound written after the counted noun belongs to the figure: "1,500 soldiers or more"
#: is at least 1,500 soldiers.
BOUND_AFTER_NOUN = True
#: "Seven of the violations": a figure followed by a partitive and a determiner counts the
#: noun after them (the figure is a part of that group; the checks' ``skip_partitives`` still
#: keeps it from contradicting the group's total).
PARTITIVE_COUNTS_ITS_NOUN = True
#: The value of a tally ("a 5-2 vote"): its first part; all of them are Mention.parts.
TALLY_VALUE_PART = 0
#: In a title-case line ("Teen Shot 11 Times By Police", "Police Say Four Robbers Fled")
#: capitals say nothing, so the rules that take a capitalised word next to a figure for a
#: name ("Ukraine 2", "Million Dollar Mermaid") are not applied: the line reads as the
#: lower-case body would (the lists of words, "Boeing 737", still apply). A line is in
#: title case when at least TITLE_CASE_MIN_WORDS of its words of TITLE_CASE_WORD_LETTERS
#: letters or more are there and a share TITLE_CASE_SHARE of them start with a capital.
TITLE_CASE_LINES_READ_LOWER = True
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_WORD_LETTERS = 4
TITLE_CASE_SHARE = 0.9
#: How far either side of a figure its line is looked at for title case.
TITLE_CASE_WINDOW = 200

_SP = "[" + GROUP_SPACES + "]"

# Small language-independent patterns, compiled once.
_NEXT_WORD = regex.compile(r"\s*([A-Za-z]+)")
_NEXT_NUMBER = regex.compile(r"[\s/\-–—]*\d[\d,.]*")
_CLAUSE_END = regex.compile(r"\s*(?:[.,;!?)]|$)")
_HYPHEN_WORD = regex.compile(r"-([A-Za-z]+)")
_OF = regex.compile(r"\s+of\b")
_SLASH = regex.compile(r" ?/ ?(?=\d)")
_SLASH_DENOMINATOR = regex.compile(r" ?/ ?(\d{1,3})(?![\d.])")
#: "km^2", "m^3": a power written after a unit belongs to it (never a figure of its own).
_POWER_AFTER_UNIT = regex.compile(r"\^([23])(?![\d.])")
_SPACED_FRACTION = regex.compile(r"\s+(\d{1,2})/(\d{1,3})(?![\d/])")
#: Words joining two days of a month ("October 8 and 13"): the 13 is a date.
_MONTH_RANGE_JOINTS = ("and", "to", "-", "–", "—", "through", "until", "or")
#: Top-level domains that make a dotted word a web address ("reuters.com").
_TLDS = "com|org|net|gov|edu|int|io|co|uk|de|fr|ru|kr|jp|cn|in|au|ca"


class _Core(NamedTuple):
    """A number as read, before its surroundings are looked at.

    (Speed: NamedTuples, immutable like frozen dataclasses, are built three
    times faster; thousands are built per article.)"""

    start: int
    end: int
    value: float
    currency: Optional[str]
    from_words: bool
    plain_digits: str  # the digits as written ("" for words)
    ordinal: bool = False
    dash: int = -1      # where a spaced dash read as punctuation stands ("overseas - 15.5"), else -1


@dataclass(frozen=True)
class _Grammar:
    """Everything compiled once per language."""

    scan: "regex.Pattern"
    scan_pieces: "_ScanPieces"       # Speed: for the variants of ``scan`` (_scan_variant)
    scan_groups: "_ScanGroups"
    unit_groups: "_UnitGroups"
    token_group: int                 # the "tok" group of counted_token
    scan_variants: dict
    candidates: "_Candidates"
    word_token: "regex.Pattern"
    scale_after: "regex.Pattern"
    glued_scale: "regex.Pattern"
    unit_after: "regex.Pattern"
    range_joint: "regex.Pattern"
    qualifier_before: "regex.Pattern"
    qualifier_before_ascii: "re.Pattern"  # the same, compiled by the stdlib engine (see _qualifier)
    qualifier_after: "regex.Pattern"
    counted_token: "regex.Pattern"
    subunit_joint: "regex.Pattern"
    ratio_joint: "regex.Pattern"
    qualifier_enders: frozenset  # last word (or symbol) of every qualifier phrase
    spaced_single_ok: frozenset
    compound: dict            # larger unit -> pattern of "<n> <smaller unit>"
    compound_factor: dict     # larger unit -> smaller units in one larger
    partitive: "regex.Pattern"
    gw: dict                  # number_grammar: the function words (numbers.yaml)
    fallback_units: dict
    verb_suffixes: tuple
    adverb_suffix: str
    plural_suffix: str
    not_plural_endings: tuple
    vague_need_of: frozenset
    bound_joint: "regex.Pattern"
    lower_bounds: frozenset
    upper_bounds: frozenset
    month_range_before: "regex.Pattern"
    part_joint: "regex.Pattern"
    digits_only: "regex.Pattern"
    ordinals_ignored: frozenset
    hyphen_noun: "regex.Pattern"
    percent_before: "regex.Pattern"
    and_fraction: "regex.Pattern"
    ratio_over: frozenset
    subunit_tail: "regex.Pattern"
    scales: dict
    shorthand: dict
    glued_only: frozenset
    unit_map: dict            # surface (lower-case for words) -> canonical unit
    unit_symbols: dict        # case-sensitive symbols -> unit
    qualifier_map: dict
    trailing_map: dict
    vague: dict
    not_after: frozenset
    months: frozenset
    capital_ok: frozenset
    one_not_after: frozenset
    one_not_before: frozenset
    year_range: Tuple[int, int]
    plural_nouns: frozenset
    fraction_dens: frozenset
    stop_words: frozenset
    not_nouns: frozenset
    counted_max: int
    half_needs_qualifier: bool
    ordinal_suffixes: frozenset
    ordinal_unit: str
    vague_qualifier: str
    currency_needs_scale: frozenset
    number_word_set: frozenset  # NumberWords.is_number_word, as a set
    qualifier_words_max: int    # most words in a qualifier phrase (0: no bound, see _qualifier)
    lang: str
    vulgar: dict              # vulgar fraction character -> value
    unit_gate: "_Gate"        # Speed: where unit_after cannot match
    glued_first: frozenset    # first characters of the glued shorthand scales
    change_before: "regex.Pattern"  # a change verb / noun (+ by|to|from, qualifier) ending where a figure starts
    change_role: dict         # lower-cased word between verb and figure -> "by" | "to" | "from"
    change_direction: dict    # lower-cased verb, adverb or noun -> "up" | "down"
    change_adverbs: frozenset
    change_adverb_nouns: frozenset
    change_after: "regex.Pattern"   # "a 3% rise": a change noun right after a figure with a unit
    change_gate: frozenset    # Speed: the words ``change_before`` can end on (see _change_before)
    change_heads: frozenset   # Speed: the words ``change_before`` must hold (each phrase's words)
    change_after_counts: "regex.Pattern"  # "30,000 more troops": a change word between a count and its noun
    change_count_first: frozenset  # Speed: first letters of those words
    trailing_first: frozenset      # Speed: first letters of the trailing qualifiers ("or more")
    change_motion: frozenset  # "fell 60 metres": motion verbs, which before a length tell a distance
    hyphen_modifiers: frozenset  # "a four-time All-Star": hyphened words that make a number word a modifier
    not_figures: frozenset        # "911"
    partitive_group: "regex.Pattern"  # " of the ", " of their ": before the group a part counts
    decade_age: "regex.Pattern"   # "in his 50s", "in her early 30s"
    decade_parts: dict
    ratio_unit: str
    score_unit: str
    tally_cues: frozenset


class _ScanGroups(NamedTuple):
    """Group numbers of ``scan`` (and of every variant of it).

    Speed: the regex module looks a group up by name five times slower than by number."""

    skip: int
    vague: int
    neg: int
    cur: int
    digits: int
    words: int


class _UnitGroups(NamedTuple):
    """Group numbers of ``unit_after``, in the order ``_unit_at`` reads them."""

    sep: int
    ord: int
    code: int
    mcode: int
    cursym: int
    sym: int
    word: int


@dataclass(frozen=True)
class _ScanPieces:
    skip_alternatives: tuple  # (what a text needs for it, can start with a digit, pattern)
    vague: str
    core: str
    digits_group: str


def _scan_variant(g: "_Grammar", present: frozenset, at_digit: bool) -> "regex.Pattern":
    """``g.scan`` without the alternatives that cannot match in this text or here.

    Speed: the scan tries its alternatives in order at every candidate; an
    e-mail address needs an "@" in the text, a web address a ".com", a URL
    "http" or "www.", an international phone number a "+" (``present`` says
    which the text holds), and at an ASCII digit no address, phone "+"/"(",
    vague amount, negator, currency prefix or number word can start. Dropping
    alternatives that cannot match, with the same groups, gives the same match."""
    key = (present, at_digit)
    pattern = g.scan_variants.get(key)
    if pattern is None:
        pieces = g.scan_pieces
        skip = "|".join(alt for needs, digit_ok, alt in pieces.skip_alternatives
                        if (not needs or needs in present) and (digit_ok or not at_digit)) or "(?!)"
        if at_digit:
            never = "(?!)"
            rest = (rf"(?P<vague>{never})|(?P<neg>{never})?(?P<cur>{never})?"
                    rf"(?:{pieces.digits_group}|(?P<words>{never}))")
        else:
            rest = pieces.vague + "|" + pieces.core
        pattern = regex.compile(r"(?<!\w)(?:(?P<skip>" + skip + ")|" + rest + ")")
        assert pattern.groupindex == g.scan.groupindex
        g.scan_variants[key] = pattern
    return pattern


@lru_cache(maxsize=None)
def _grammar(lang: str = "en") -> _Grammar:
    data = lexicon(lang)
    words = number_words(lang)
    units = unit_lexicon(lang)
    gw = data["number_grammar"]

    word_alt = trie_alternation(words.all_words, ignore_case=True)
    fraction_alt = trie_alternation(words.fractions, ignore_case=True)
    scale_alt = trie_alternation([*words.scales, *words.groups], ignore_case=True)
    point_alt = trie_alternation(data.get("number_decimal_point", []), ignore_case=True)
    art = trie_alternation(gw["articles"], ignore_case=True)
    conj = trie_alternation([gw["conjunction"]], ignore_case=True)
    conj_signs = gw.get("conjunction_signs") or []
    sign_joint = (rf"|\s*(?:{'|'.join(regex.escape(c) for c in conj_signs)})\s*(?:(?:{art})\s+)?"
                  if conj_signs else "")
    # "three million, two hundred": after a scale of a thousand or more, a comma goes on only
    # to a number of hundreds ("a thousand, one of them" stays a thousand; "two million,
    # three million" are two figures)
    big_scales = trie_alternation([w for w, v in words.scales.items() if v >= 1000], ignore_case=True)
    comma_joint = rf"|(?<=\b(?:{big_scales})),\s+(?=(?:{word_alt})\s+(?i:{gw['hundred']})\b)"
    word_run = (
        rf"(?:\b(?:{art})\s+(?=(?:{scale_alt}|{fraction_alt})\b))?"
        rf"\b(?:{word_alt})\b"
        rf"(?:(?:\s+(?:{conj})\s+(?:(?:{art})\s+)?{sign_joint}{comma_joint}|\s*-\s*|\s+(?:{art})\s+"
        rf"|\s+(?:{point_alt})\s+|\s+)"
        rf"\b(?:{word_alt})\b)*"
    )
    vulgar = "".join(data.get("number_vulgar_fractions", {}))
    digits = (
        (rf"\d*[{vulgar}]|" if vulgar else "")
        + rf"\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)?(?![\d,]*\d)"  # Indian grouping: 12,34,567
        rf"|\d{{1,3}}(?:, 0\d\d)+(?!\d)"  # tokenised text splits "2,000" into "2, 000"
        rf"|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,]*\d)"
        rf"|\d{{1,3}}(?:{_SP}\d{{3}})+(?:\.\d+)?(?!\d)"
        rf"|\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])"  # scientific: 1.3e6
        rf"|\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?\^[-+]{{0,2}}\d+"  # powers: 1.1^23, 1.3x10^6, 8x2^10
        rf"|\d+(?:\.\d+)?"
        rf"|\.\d+"
    )
    prefixes = trie_alternation(units.currency_prefixes, ignore_case=False)
    # (each alternative marked with what a text needs for it to match, see
    # _scan_variant, and whether it can start with a digit)
    skip_alternatives = [
        ("url", False, r"(?:https?://|www\.)\S+"),
        ("@", True, r"(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.-]+"),
        ("tld", True, rf"\b[\w-]++(?:\.[\w-]++)++(?<=\.(?:{_TLDS}))\b(?:/\S*)?"),
        ("+", False, r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)|\d{1,4})(?:[\s.-]?\d{2,4}){2,4}(?!\d)"),
        ("", False, r"\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b"),
        ("", True, r"\b\d{3}[.-]\d{3}[.-]\d{4}\b"),
        ("", True, r"\b\d{1,2}\s?:\s?\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?"),
        ("", True, r"\b\d{1,2}\s?(?:[ap]\.\s?m\.|[ap]m\b)"),
        ("", True, r"\b\d{1,2}[.:]\s?\d{2}\s?[ap]\.?\s?m\b\.?"),
        ("", True, rf"\b\d{{1,4}}\s?(?:{trie_alternation(data.get('not_figure_time_zones', []), ignore_case=False)})\b"),
        ("", True, r"\b\d{1,3}(?:\.\d{1,3}){3}\b"),  # IP addresses
        ("", True, r"\b\d{1,4}(?P<dsep>[/.-])\d{1,2}(?P=dsep)\d{2,4}\b"),
        ("", True, r"\b\d{1,2}\s/\s\d{1,2}\s/\s\d{2,4}\b"),
    ]
    skip = "(?P<skip>" + "|".join(alt for _, _, alt in skip_alternatives) + ")"
    vague_alt = trie_alternation(data.get("vague_amounts", {}), ignore_case=True)
    det_alt = trie_alternation(data.get("vague_determiners", []), ignore_case=True)
    vague = (
        rf"(?P<vague>(?i:\b(?:{vague_alt})\b)"
        rf"|(?i:\b(?:{det_alt})\s+(?:{scale_alt})\b))"
    )
    neg_words = trie_alternation(data.get("number_negators", []), ignore_case=True)
    digits_group = rf"(?P<digits>(?(cur)|(?<![\w.,]|\d[.,]))(?:{digits}))"
    core = (
        rf"(?P<neg>(?i:\b(?:{neg_words})\s+)|(?<![\w.,)\]-])[-−]\s?(?=\d))?"
        rf"(?P<cur>(?<![\w$£€¥])(?=[^\d\n]{{1,9}}[\d.])(?:{prefixes})\s?(?=[\d.]))?"  # cheap guard first
        rf"(?:{digits_group}|(?P<words>(?i:{word_run})))"
    )
    # Nothing starts inside a word: one cheap look-behind lets the engine skip
    # most positions without trying the alternatives.
    scan = regex.compile(r"(?<!\w)(?:" + skip + "|" + vague + "|" + core + ")")
    scan_pieces = _ScanPieces(tuple(skip_alternatives), vague, core, digits_group)

    shorthand = {str(k): v for k, v in data["number_shorthand_scales"].items()}
    glued_only = frozenset(str(x) for x in data.get("number_shorthand_glued_only", []))
    scale_words = {**dict(words.scales), **dict(words.groups),
                   **{k: v for k, v in shorthand.items() if k not in glued_only}}
    scale_after = regex.compile(rf"(?:\s*-\s*|\s+)(?P<scale>(?i:{trie_alternation(scale_words, ignore_case=True)}))\b")
    glued_scale = regex.compile(rf"(?P<scale>{trie_alternation(shorthand, ignore_case=False)})(?![\w])")

    unit_map = {}
    for surface, code in units.percent.items():
        unit_map[surface.lower()] = code
    for surface, code in units.currency_words.items():
        unit_map[surface.lower() if surface.islower() else surface] = code
    for surface, code in units.subunits.items():
        unit_map[surface] = code
    for surface, code in units.words.items():
        unit_map.setdefault(surface, code)
    word_units = [s for s in unit_map if not s.isupper() and s not in units.symbols]
    symbols = dict(units.symbols)
    for surface, code in units.percent.items():
        if not surface.isalpha():
            symbols.setdefault(surface, code)
    sym_alt = trie_alternation(symbols, ignore_case=False)
    unit_after = regex.compile(
        rf"(?P<sep>\s*-\s*|\s*)"
        rf"(?:(?P<word>(?i:{trie_alternation(word_units, ignore_case=True)}))(?![\w])"
        rf"|(?P<sym>{sym_alt})(?![\w])"
        rf"|(?P<code>{trie_alternation(units.currency_codes, ignore_case=False)})(?![\w])"
        rf"|M(?P<mcode>{trie_alternation(units.currency_codes, ignore_case=False)})(?![\w])"
        rf"|(?P<cursym>{trie_alternation([k for k in units.currency_prefixes if not any(c.isalpha() for c in k)], ignore_case=False)})(?!\s?[\d.])"
        rf"|(?P<ord>{trie_alternation(data.get('number_ordinal_suffixes', []), ignore_case=False)})\b)"
    )
    compound, compound_factor = {}, {}
    for larger, smaller_units in data.get("units_compound", {}).items():
        for smaller, factor in smaller_units.items():
            surfaces = [k for k, v in unit_map.items() if v == smaller] + [k for k, v in symbols.items() if v == smaller]
            compound[larger] = regex.compile(
                rf"(?:,|\s+{gw['conjunction']})?\s*(?P<n>\d{{1,2}}(?:\.\d+)?)\s*"
                rf"(?:(?i:{trie_alternation(surfaces, ignore_case=True)})|{regex.escape(smaller)})(?![\w])")
            compound_factor[larger] = float(factor)
    range_joint = regex.compile(
        rf"(?P<joint>-(?i:{trie_alternation(gw['range_joints'], ignore_case=True)})-(?=\d)"  # "0-to-60-mph"
        rf"|\s*[-–—~]\s*|\s+(?i:{trie_alternation([*gw['range_joints'], gw['conjunction']], ignore_case=True)})\s+)")
    qual_map = {}
    trailing = set(data.get("qualifier_trailing", []))
    for canonical, phrases in data.get("qualifiers", {}).items():
        for phrase in phrases:
            if phrase not in trailing:
                qual_map[str(phrase).lower()] = canonical
    trailing_map = {}
    for canonical, phrases in data.get("qualifiers", {}).items():
        for phrase in phrases:
            if phrase in trailing:
                trailing_map[str(phrase).lower()] = canonical
    for canonical, phrases in data.get("qualifier_trailing_extra", {}).items():
        for phrase in phrases:
            trailing_map[str(phrase).lower()] = canonical
    qualifier_before = regex.compile(
        rf"(?i:(?:(?<![\w'])(?=\w)|(?=[^\w\s]))(?P<q>{trie_alternation(qual_map, ignore_case=True)})\s*[(\[]?\s*$)")
    qualifier_after = regex.compile(rf"\s*(?i:(?P<q>{trie_alternation(trailing_map, ignore_case=True)}))\b")
    counted_token = regex.compile(r"\s*(?P<tok>[A-Za-z][A-Za-z\-]*(?:['’]s?)?)")

    lower = lambda xs: frozenset(str(x).lower() for x in xs)  # noqa: E731
    year_range = tuple(data.get("number_year_range", [1800, 2100]))
    return _Grammar(
        scan=scan, scan_pieces=scan_pieces, scan_variants={},
        scan_groups=_ScanGroups(*(scan.groupindex[name] for name in _ScanGroups._fields)),
        unit_groups=_UnitGroups(*(unit_after.groupindex[name] for name in _UnitGroups._fields)),
        token_group=counted_token.groupindex["tok"], candidates=_candidates(lang), word_token=regex.compile(r"[^\W\d_]+|" + "|".join(regex.escape(c) for c in gw.get("conjunction_signs") or ["(?!)"])), scale_after=scale_after,
        glued_scale=glued_scale, unit_after=unit_after, range_joint=range_joint,
        and_fraction=regex.compile(
            rf"\s+{gw['conjunction']}\s+(?:{trie_alternation([*gw['articles'], gw['one']], ignore_case=False)})\s+"
            rf"(?P<f>(?i:{trie_alternation(words.fractions, ignore_case=True)}))\b"),
        partitive=regex.compile(rf"\s+(?:{trie_alternation(gw['partitives'], ignore_case=False)})\s+"),
        gw=gw,
        fallback_units=dict(data.get("currency_words_fallback_unit", {})),
        percent_before=regex.compile(
            rf"(?<![\d%]\s?)(?<![\w-])(?P<p>(?i:{trie_alternation([s for s in units.percent if s[0].isalpha()], ignore_case=True)}))\s+of\s+$"),
        hyphen_noun=regex.compile(r"-([a-z]{3,})\b(?!-)"),
        ordinals_ignored=lower(data.get("number_ordinals_standalone_ignored", [])),
        part_joint=regex.compile(r"(?:\s+and)?\s+(?=\w)"),  # digits, or words (_word_part)
        digits_only=regex.compile(r"\d+(?![\d.,])"),
        month_range_before=regex.compile(
            rf"(?i:\b(?:{trie_alternation(data.get('not_figure_months', []), ignore_case=True)})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
            rf"\s*(?:{'|'.join(_MONTH_RANGE_JOINTS)})\s*)$"),
        vague_need_of=lower(data.get("vague_amounts_need_of", [])),
        bound_joint=regex.compile(
            rf"\s*(?:{trie_alternation(data.get('qualifier_bound_joints', []), ignore_case=False)})\s*(?P<q>(?i:{trie_alternation(qual_map, ignore_case=True)}))\s+"),
        lower_bounds=frozenset(data.get("qualifier_lower_bounds", [])),
        upper_bounds=frozenset(data.get("qualifier_upper_bounds", [])),
        verb_suffixes=tuple(data.get("counted_verb_suffixes", [])),
        adverb_suffix=str(data.get("counted_adverb_suffix", "")) or "\0",
        plural_suffix=str(data.get("counted_plural_suffix", "")) or "\0",
        not_plural_endings=tuple(data.get("counted_not_plural_endings", [])),
        spaced_single_ok=frozenset(data.get("units_spaced_single_ok", [])),
        compound=compound, compound_factor=compound_factor,
        qualifier_enders=frozenset(p.split()[-1] if p[-1].isalpha() or p[-1] == "." else p[-1] for p in qual_map),
        ratio_joint=regex.compile(rf"(?:\s+|-)(?P<joint>(?i:{trie_alternation([*data.get('number_ratio_words', []), *data.get('number_ratio_over_words', [])], ignore_case=True)}))(?:\s+|-)"),
        ratio_over=lower(data.get("number_ratio_over_words", [])),
        subunit_joint=regex.compile(r"(?:\s+and)?\s+(?=\w)"),
        subunit_tail=regex.compile(rf"\s*(?P<word>(?i:{trie_alternation(units.subunits, ignore_case=True)})\b)|(?=\s*(?:[.,;!?)]|$))"),
        qualifier_before=qualifier_before, qualifier_before_ascii=re.compile(qualifier_before.pattern),
        qualifier_after=qualifier_after, counted_token=counted_token,
        scales=scale_words, shorthand=shorthand, glued_only=glued_only, unit_map=unit_map,
        unit_symbols=symbols, qualifier_map=qual_map, trailing_map=trailing_map,
        vague={k.lower(): v for k, v in data.get("vague_amounts", {}).items()},
        not_after=lower(data.get("not_figure_after", [])), months=lower(data.get("not_figure_months", [])),
        capital_ok=frozenset(str(x) for x in data.get("not_figure_capitalised_ok", [])),
        one_not_after=lower(data.get("number_one_not_after", [])),
        one_not_before=lower(data.get("number_one_not_before", [])),
        year_range=(int(year_range[0]), int(year_range[1])),
        plural_nouns=lower(data.get("number_year_plural_nouns", [])),
        fraction_dens=frozenset(int(x) for x in data.get("number_digit_fraction_denominators", [])),
        stop_words=lower(data.get("counted_stop_words", [])), not_nouns=lower(data.get("counted_not_nouns", [])),
        counted_max=int(data.get("counted_max_words", 5)),
        half_needs_qualifier=bool(data.get("number_half_needs_qualifier", True)),
        ordinal_suffixes=lower(data.get("number_ordinal_suffixes", [])),
        ordinal_unit=str(data.get("number_ordinal_unit", "ordinal")),
        vague_qualifier=str(data.get("vague_qualifier", "vague")),
        currency_needs_scale=units.currency_words_needing_scale,
        qualifier_words_max=(0 if any(p[-1:] in " \t\u00a0([" for p in qual_map)
                             else max(len(p.split()) for p in qual_map)),
        number_word_set=frozenset([*words.units, *words.tens, *words.hundreds, *words.scales, *words.groups]),
        lang=lang, vulgar=dict(data.get("number_vulgar_fractions", {})),
        unit_gate=_gate([k for k in units.currency_prefixes if not any(c.isalpha() for c in k)],
                        whole_words=[*word_units, *symbols, *units.currency_codes,
                                     *("M" + c for c in units.currency_codes),
                                     *data.get("number_ordinal_suffixes", [])]),
        glued_first=frozenset(str(k)[:1] for k in shorthand),
        **_change_grammar(data, qual_map),
        **_decade_grammar(data),
        trailing_first=frozenset(k[:1] for k in trailing_map),
        not_figures=frozenset(str(x) for x in data.get("number_not_figures") or ()),
        partitive_group=regex.compile(
            rf"\s+(?:{trie_alternation(gw['partitives'], ignore_case=False)})\s+"
            rf"(?:{trie_alternation(data.get('counted_partitive_determiners') or ['(?!)'], ignore_case=True)})\s+"),
        ratio_unit=str(data.get("number_ratio_unit") or "ratio"),
        score_unit=str(data.get("number_score_unit") or "score"),
        tally_cues=lower(data.get("number_tally_cues", [])),
    )


def _decade_grammar(data) -> dict:
    """ "in his 50s": an age by decade (numbers.yaml, number_decade_*)."""
    openers = data.get("number_decade_openers") or []
    parts = {str(k).lower(): (int(v[0]), int(v[1])) for k, v in (data.get("number_decade_parts") or {}).items()}
    never = "(?!)"
    pattern = regex.compile(
        rf"(?i:(?<![\w])(?:{trie_alternation(openers, ignore_case=True) if openers else never})\s+)"
        rf"(?P<age>(?:(?P<part>(?i:{trie_alternation(parts, ignore_case=True) if parts else never}))[\s-]+)?"
        rf"(?P<n>[1-9]0)['’]?s)\b")
    return dict(decade_age=pattern, decade_parts=parts)


def _decade_ages(g: "_Grammar", text: str) -> List[Mention]:
    """ "in his 50s" (50 to 59), "in her early 30s" (30 to 33): a range of ages.

    Speed: the pattern is only searched when the text holds a decade ("0s")."""
    if "0s" not in text and "0's" not in text and "0’s" not in text:
        return []
    out = []
    for m in g.decade_age.finditer(text):
        n = int(m.group("n"))
        first, last = g.decade_parts.get((m.group("part") or "").lower(), (0, 9))
        out.append(Mention("quantity", m.start("age"), m.end("age"), m.group("age"), (n + first, n + last)))
    return out


def _change_grammar(data, qual_map) -> dict:
    """The patterns that read a figure's direction of change (numbers.yaml, number_change_*)."""
    direction: dict = {}
    for key in ("number_change_verbs", "number_change_adverbs", "number_change_nouns_of", "number_change_after",
                "number_change_after_counts"):
        for way, words in (data.get(key) or {}).items():
            for w in words or ():
                direction.setdefault(" ".join(str(w).lower().split()), str(way))
    endings = [str(e) for e in data.get("number_change_verb_endings") or ()]
    for way, words in (data.get("number_change_verbs") or {}).items():
        for w in words or ():
            if " " not in str(w):
                for ending in endings:
                    direction.setdefault(str(w).lower() + ending, str(way))
    verbs = [w for ws in (data.get("number_change_verbs") or {}).values() for w in ws or ()]
    verbs += [str(w) + e for w in verbs if " " not in str(w) for e in endings]
    adverbs = [w for ws in (data.get("number_change_adverbs") or {}).values() for w in ws or ()]
    nouns_of = [w for ws in (data.get("number_change_nouns_of") or {}).values() for w in ws or ()]
    after = [w for ws in (data.get("number_change_after") or {}).values() for w in ws or ()]
    role = {}
    for key in ("number_change_by", "number_change_to", "number_change_from"):
        for w in data.get(key) or ():
            role[str(w).lower()] = key.rsplit("_", 1)[1]   # the role is the key's last part
    never = "(?!)"
    verb_alt = trie_alternation([*verbs, *adverbs], ignore_case=True) if verbs or adverbs else never
    role_alt = trie_alternation(role, ignore_case=True) if role else never
    noun_alt = trie_alternation(nouns_of, ignore_case=True) if nouns_of else never
    partitive = trie_alternation(data["number_grammar"]["partitives"], ignore_case=True)
    qual_alt = trie_alternation(qual_map, ignore_case=True)
    by_alt = trie_alternation([w for w, r in role.items() if r == "by"], ignore_case=True) if role else never
    change_before = regex.compile(
        rf"(?i:(?<![\w'’-])(?:(?P<verb>{verb_alt})(?:\s+(?P<role>{role_alt})|(?:\s+[a-z][\w'’-]*){{1,3}}?\s+(?P<orole>{by_alt}))?"
        rf"|(?P<noun>{noun_alt})\s+(?:{partitive}))"
        rf"\s+(?:(?:{qual_alt})\s+)?$)")
    change_after = regex.compile(
        rf"(?i:[\s-]+(?P<after>{trie_alternation(after, ignore_case=True) if after else never}))(?![\w])")
    gate = {str(w).lower().split()[-1] for w in [*verbs, *adverbs, *role, *data["number_grammar"]["partitives"]]}
    gate |= {p.split()[-1] for p in qual_map if p.split()}
    counts_after = [w for ws in (data.get("number_change_after_counts") or {}).values() for w in ws or ()]
    # "5 more than last year" is a comparison: the second words of qualifier phrases that
    # start with one of these words ("more than", "fewer than") keep them from reading as a change
    comparison = sorted({p.split()[1] for p in qual_map if len(p.split()) > 1 and p.split()[0] in counts_after})
    heads = {part for w in [*verbs, *adverbs, *nouns_of] for part in str(w).lower().split()}
    return dict(change_before=change_before, change_role=role, change_direction=direction, change_gate=frozenset(gate),
                change_heads=frozenset(heads),
                change_after_counts=regex.compile(
                    rf"\s+(?P<after>(?i:{trie_alternation(counts_after, ignore_case=True) if counts_after else never}))"
                    rf"(?![\w])(?!\s+(?i:{trie_alternation(comparison, ignore_case=True) if comparison else never})\b)"),
                change_count_first=frozenset(str(w)[:1].lower() for w in counts_after),
                change_motion=frozenset(str(w).lower() + e for w in data.get("number_change_motion_verbs") or ()
                                        for e in ("", *endings)),
                hyphen_modifiers=frozenset(str(w).lower() for w in data.get("number_hyphen_modifiers") or ()),
                change_adverbs=frozenset(str(w).lower() for w in adverbs),
                change_adverb_nouns=frozenset(str(w).lower() for w in data.get("number_change_adverb_nouns") or ()),
                change_after=change_after)


# --- candidates (speed) -----------------------------------------------------
# Speed: ``scan`` is a big alternation behind a look-behind, which the regex
# engine tries at every character of the text (it was 70% of the time of
# find_quantities). Every match of it starts at one of a few kinds of places,
# found by one cheap pass of the stdlib engine over the lower-cased text; the
# full pattern is then tried only there (``scan.match``), in order, which
# yields exactly the matches of ``scan.finditer``. The candidates are a
# superset (the full pattern decides); each is a position right after a
# character that is not an ASCII word character, followed by
#   - a digit, or "+", "(", "." or "-" before one, a vulgar fraction, a currency symbol;
#   - a trigger word: a number word, an article before a scale, a vague amount
#     or its determiner, a negator, the letters that start a currency prefix
#     ("US$", with the rest of the prefix and a figure after it), "http", "www"
#     (as a trie: the stdlib engine follows one branch per letter);
#   - or it is the start of an e-mail address (the run before "@") or of a web
#     address (the dotted run before ".com").
# The stdlib engine's digits and case rules differ from ``regex``'s for a few
# characters; a text holding one is scanned in full.

#: Characters that match an ASCII letter case-insensitively but do not lower-case
#: to it (Unicode simple case folding; the Kelvin sign lower-cases to "k").
_CASE_ODD = ("\u0130", "\u017f")
#: Non-ASCII decimal digits (``regex`` knows newer ones than the stdlib engine).
_OTHER_DIGIT = regex.compile(r"[^\x00-\x7f](?<=\d)")
_ASCII_DIGITS = frozenset("0123456789")
#: The ASCII characters ``\s`` matches for the stdlib engine but not for ``regex``.
_STDLIB_ONLY_SPACE = re.compile("[\x1c-\x1f]")
#: After a trigger word: no ASCII word character (a superset of the scan's ``\b``).
_WORD_END = "(?![a-z0-9_])"
_TLD = re.compile(rf"\.(?:{_TLDS}){_WORD_END}")


@dataclass(frozen=True)
class _Candidates:
    starts: "re.Pattern"         # over " " + text.lower(): m.start() is a candidate offset in text
    email_run: "regex.Pattern"   # reverse: the characters of an address before "@"
    domain_run: "regex.Pattern"  # reverse: the dotted run before a top-level domain


def _trigger_entries(phrases, after: str = ""):
    """(leading ASCII letters, look-ahead for the rest) per phrase, for a trie
    over lower-cased text. The rest of the phrase, then ``after``, must follow;
    spaces match any whitespace. Phrases that do not start with an ASCII letter
    give ("", first character)."""
    for phrase in phrases:
        low = str(phrase).lower()
        lead = re.match("[a-z]*", low).group()
        if not lead:
            yield "", str(phrase)[:1]
            continue
        rest = low[len(lead):]
        ascii_rest = re.match("[\x00-\x7f]*", rest).group()
        tail = r"\s+".join(re.escape(part) for part in ascii_rest.split(" "))
        if ascii_rest != rest:
            yield lead, tail  # a non-ASCII character: the look-ahead stops before it
        elif not after and low[-1].isascii() and (low[-1].isalnum() or low[-1] == "_"):
            yield lead, tail + _WORD_END
        else:
            yield lead, tail + after


def _trie(entries) -> str:
    """A stdlib-regex trie of (word, look-ahead) entries: one branch per letter."""
    tree: dict = {}
    for word, tail in entries:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(tail)

    def emit(node) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            tails = node[""]
            alts.append("" if "" in tails else "(?=" + "|".join(sorted(tails)) + ")")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


@lru_cache(maxsize=None)
def _candidates(lang: str = "en") -> _Candidates:
    data = lexicon(lang)
    words = number_words(lang)
    units = unit_lexicon(lang)
    gw = data["number_grammar"]
    after_article = [*words.scales, *words.groups, *words.fractions]
    entries = [
        *_trigger_entries(words.all_words),
        *_trigger_entries(gw["articles"], after=r"\s+(?:" + "|".join(
            re.escape(w.lower()) + _WORD_END for w in after_article) + ")"),
        *_trigger_entries(data.get("vague_amounts", {})),
        *_trigger_entries(data.get("vague_determiners", []), after=r"\s"),
        *_trigger_entries(data.get("number_negators", [])),
        *_trigger_entries(units.currency_prefixes, after=r"\s?[^a-z_\s]"),
        *_trigger_entries(["http", "https", "www"]),
    ]
    symbols = {tail for lead, tail in entries if not lead}
    symbols |= {c.lower() for c in symbols} | set(data.get("number_vulgar_fractions", {}))
    symbol_class = "".join(re.escape(c) for c in sorted(symbols))
    starts = re.compile(
        "[^a-z0-9_](?=" + _trie((lead, tail) for lead, tail in entries if lead)
        + r"|\d|[+(.]\d|[-−]\s?\d" + (f"|[{symbol_class}]" if symbol_class else "") + ")")
    return _Candidates(starts=starts, email_run=regex.compile(r"(?r)[\w.+-]++"),
                       domain_run=regex.compile(r"(?r)[\w.-]++"))


def _scan_matches(g: "_Grammar", text: str):
    """The matches of ``g.scan.finditer(text)``, found by trying the scan only at candidates."""
    low = text.lower()
    if (len(low) != len(text)
            or (not text.isascii() and (any(c in text for c in _CASE_ODD) or _OTHER_DIGIT.search(text)))):
        yield from g.scan.finditer(text)
        return
    c = g.candidates
    starts = [m.start() for m in c.starts.finditer(" " + low)]
    n_ordered = len(starts)
    has_tld = False
    for tld in _TLD.finditer(low):  # web addresses: every word start in the dotted run before ".com"
        has_tld = True
        run = c.domain_run.match(text, 0, tld.start())
        if run is not None:
            starts.append(run.start())
            starts.extend(q for q in range(run.start() + 1, tld.start()) if text[q - 1] in ".-")
    at = at_start = text.find("@")
    while at >= 0:  # e-mail addresses: the run before "@"
        run = c.email_run.match(text, 0, at)
        if run is not None:
            starts.append(run.start())
        at = text.find("@", at + 1)
    present = frozenset(need for need, found in (("url", "http" in text or "www." in text), ("@", at_start >= 0),
                                                  ("tld", has_tld), ("+", "+" in text)) if found)
    match, match_at_digit = _scan_variant(g, present, False).match, _scan_variant(g, present, True).match
    resume = 0
    for p in (sorted(set(starts)) if len(starts) > n_ordered else starts):  # the pass gives them in order
        if p < resume:
            continue
        m = match_at_digit(text, p) if text[p] in _ASCII_DIGITS else match(text, p)
        if m is not None:
            resume = m.end()
            yield m


# --- gates (speed) ------------------------------------------------------------
# Speed: most figures are followed by an ordinary word; the unit pattern (tries
# of a thousand surfaces, ~1.7 µs a try, five times a small pattern) is only
# run where the next three characters can start one of its surfaces.

#: ASCII white space (all of it ``\s`` for the regex engine): skipped before looking.
_ASCII_SPACE = " \t\n\r\x0b\x0c"


@dataclass(frozen=True)
class _Gate:
    """The lower-cased first three (``three``), two (``two``) or one (``one``)
    characters of every surface of a pattern (as many as are plain ASCII). A
    short surface that must end a word ("p" for pence, "t") is kept with "|"
    after it: it is only looked for before a character that is not a word character."""

    one: frozenset
    two: frozenset
    three: frozenset
    hyphen: bool  # some surface starts with "-" (or is empty)


def _ascii_letters_matched(char: str) -> List[str]:
    """The (lower-case) ASCII letters ``char`` matches case-insensitively."""
    return [a for a in "abcdefghijklmnopqrstuvwxyz" if regex.fullmatch("(?i)" + regex.escape(char), a)]


def _gate(surfaces, whole_words=()) -> _Gate:
    """The gate of ``surfaces``, and of ``whole_words`` (surfaces followed by ``(?![\\w])``)."""
    one, two, three = set(), set(), set()
    hyphen = False
    for surface, whole in [*((str(s), False) for s in surfaces), *((str(s), True) for s in whole_words)]:
        first = surface[:1]
        hyphen = hyphen or first == "-"
        if first and not first.isascii():
            one.add(first)
            one.update(_ascii_letters_matched(first))  # the Kelvin sign matches "k"
            continue
        head = re.match(r"[\x21-\x7e]{0,3}", surface).group()  # printable ASCII, no space
        if not head:  # empty, or starting with white space or a control character: always open
            one.update(_ASCII_SPACE + "-")
            hyphen = True
            continue
        cut = surface[len(head):len(head) + 1]  # within the three characters looked at
        if len(head) < 3 and cut and not cut.isascii() and not _ascii_letters_matched(cut):
            continue  # "m²": the text holds a character beyond ASCII there, which opens the gate
        bound = "|" if whole and head == surface and len(head) < 3 else ""
        (one, two, three)[len(head) - 1].add(head.lower() + bound)
    return _Gate(frozenset(one), frozenset(two), frozenset(three), hyphen)


def _gate_open(gate: _Gate, text: str, pos: int) -> bool:
    """Whether a surface of ``gate`` may start after the separator at ``pos``
    (white space, or a hyphen with white space around it). False: it cannot."""
    window = text[pos:pos + 12].lstrip(_ASCII_SPACE)
    if window[:1] == "-":
        if gate.hyphen:
            return True
        window = window[1:].lstrip(_ASCII_SPACE)
    if len(window) < 3 and pos + 12 < len(text):
        return True  # a long run of white space: let the pattern decide
    head = window[:3]
    if not head.isascii():
        return True  # case folding and white space beyond ASCII: let the pattern decide
    low = head.lower()
    if low in gate.three or low[:2] in gate.two or low[:1] in gate.one:
        return True
    # a short whole-word surface: the next character must not be a word character
    return ((low[:2] + "|" in gate.two and not (low[2:3].isalnum() or low[2:3] == "_"))
            or (low[:1] + "|" in gate.one and not (low[1:2].isalnum() or low[1:2] == "_")))


# --- reading one figure -----------------------------------------------------

class _Figure(NamedTuple):
    start: int
    end: int
    value: object
    unit: Optional[str]
    scaled: bool


_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _letters_back(text: str, end: int, also: str) -> int:
    """The start of the run of letters (``str.isalpha``) and ``also`` characters ending at ``end``.

    Speed: ``str.rstrip`` skips the ASCII ones in C; a non-ASCII letter is stepped over here."""
    chars = _ASCII_LETTERS + also
    k = end
    while k > 0:
        lo = max(0, k - 32)
        k = lo + len(text[lo:k].rstrip(chars))
        if k > lo:
            if text[k - 1].isalpha():
                k -= 1
                continue
            break
    return k


_PREV_WORD_ASCII = _ASCII_LETTERS + ".'’-"
_LETTERS_DOT = _ASCII_LETTERS + "."


def _prev_word(text: str, pos: int) -> Tuple[str, int]:
    """The word (letters, dots, apostrophes) right before ``pos`` and its start."""
    j = pos
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    lo = max(0, j - 32)
    k = lo + len(text[lo:j].rstrip(_PREV_WORD_ASCII))
    if (k > lo and not text[k - 1].isalpha()) or k == 0:
        return text[k:j], k
    k = _letters_back(text, j, ".'’-")  # a long word, or a letter beyond ASCII
    return text[k:j], k


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 40)
    return m.group(1) if m else ""


def _is_sentence_start(text: str, pos: int) -> bool:
    j = pos
    while j > 0 and text[j - 1] in " \t\u00a0\"'“‘(":
        j -= 1
    return j == 0 or text[j - 1] in ".!?\n:;"


def _unit_at(g: _Grammar, text: str, pos: int, core_value, scaled: bool, currency: Optional[str],
             glued_ok: bool) -> Optional[Tuple[str, int]]:
    """The unit right after a figure ending at ``pos``: (canonical unit, end) or None."""
    m = g.unit_after.match(text, pos) if _gate_open(g.unit_gate, text, pos) else None
    if not m:
        return None
    sep, ordinal, code, mcode, cursym, sym, word = m.group(*g.unit_groups)
    glued = sep == ""
    if ordinal is not None:
        if glued and glued_ok and not scaled and isinstance(core_value, int) and currency is None:
            return g.ordinal_unit, m.end()
        return None
    if code is not None:
        return code, m.end()
    if mcode is not None:
        return "M" + mcode, m.end()
    if cursym is not None:
        if "-" in sep:
            return None
        return unit_lexicon().currency_prefixes[cursym], m.end()
    if sym is not None:
        if len(sym) == 1 and sym not in "%°" and ((not glued and sym not in g.spaced_single_ok)
                                                 or text[m.end():m.end() + 1] == "/"):
            return None  # "5 C" or "14.7C/": a letter, not a unit
        return g.unit_symbols[sym], m.end()
    key = " ".join(word.lower().split())
    unit = g.unit_map.get(key) or g.unit_map.get(word)
    if unit is None:
        return None
    if key in g.currency_needs_scale and not scaled and currency is None:
        fallback = g.fallback_units.get(key)
        return (fallback, m.end()) if fallback else None
    return unit, m.end()


def _read_figure(g: _Grammar, text: str, core: _Core, glued_ok: bool) -> Optional[_Figure]:
    """Scale, unit and currency after a number core."""
    if core.ordinal:
        return _Figure(core.start, core.end, core.value, g.ordinal_unit, False)
    value = core.value
    pos = core.end
    scaled = False
    currency = core.currency
    # glued shorthand: "10k", "$2.5bn", "£3.6m"
    if not core.from_words:
        m = g.glued_scale.match(text, pos) if text[pos:pos + 1] in g.glued_first else None
        if m:
            s = m.group("scale")
            if s in g.gw["shorthand_needs_currency"] and currency is None:
                m = None  # "1.8m" is metres unless money ("£3.6m")
            if m:
                value = value * g.shorthand[s]
                pos = m.end()
                scaled = True
    if not scaled and core.from_words and isinstance(value, float) and 0 < abs(value) < 1:
        # "two thirds of a million": a fraction of a scale word is that share of it
        of = _of_article(g.lang).match(text, pos)
        m = g.scale_after.match(text, of.end()) if of else None
        if m and m.group("scale").lower() in g.gw["chained_scales"] and text[m.end():m.end() + 1] != "-":
            value, pos, scaled = value * g.scales[m.group("scale").lower()], m.end(), True
    if not scaled:
        m = g.scale_after.match(text, pos)
        if m:
            s = m.group("scale")
            key = s if s in g.scales else s.lower()
            if key in g.scales and not (core.from_words and key in g.gw["words_not_scaled_by"]):
                value = value * g.scales[key]
                pos = m.end()
                scaled = True
                half = g.and_fraction.match(text, pos)
                if half:
                    value = value + g.scales[key] / number_words().fractions[half.group("f").lower()]
                    pos = half.end()
                # "two hundred million": a scale word after a scale word multiplies again
                m2 = g.scale_after.match(text, pos)
                if m2 and m2.group("scale").lower() in g.gw["chained_scales"]:
                    value = value * g.scales[m2.group("scale").lower()]
                    pos = m2.end()
                elif not core.from_words and key in number_words().scales:
                    value, pos = _smaller_parts(g, text, pos, value, number_words().scales[key])
    unit = currency
    found = _unit_at(g, text, pos, value, scaled, currency, glued_ok)
    if found is not None and found[0] in g.compound and not scaled:
        smaller = g.compound[found[0]].match(text, found[1])
        if smaller is not None:
            # "5 ft 2 in", "6 feet 2 inches": the smaller unit adds on in the larger one
            part = float(smaller.group("n")) / g.compound_factor[found[0]]
            value = value + (part if value >= 0 else -part)
            found = (found[0], smaller.end())
    if found is not None:
        u, end = found
        if u.startswith("M") and u[1:] in unit_lexicon().currency_codes and u not in unit_lexicon().currency_codes:
            u, value, scaled = u[1:], value * 1_000_000, True  # "30 MUSD": millions of dollars
        if currency is None or u == currency:
            unit, pos = u, end
            power = _POWER_AFTER_UNIT.match(text, pos)
            if power is not None and not unit[-1:].isdigit() and unit not in unit_lexicon().currency_codes:
                unit, pos = unit + power.group(1), power.end()   # "4km^2": square kilometres
            if not scaled and u in unit_lexicon().currency_codes:
                m3 = g.scale_after.match(text, pos)
                if m3 and m3.group("scale").lower() in g.gw["chained_scales"]:
                    value = value * g.scales[m3.group("scale").lower()]
                    pos, scaled = m3.end(), True
    elif not core.from_words and pos < len(text) and (text[pos].isalpha() or text[pos] == "_"):
        return None  # "3D", "737MAX", "24703L202": a code, not a figure
    if unit is not None and not scaled and unit in unit_lexicon().currency_codes and isinstance(value, (int, float)):
        cents = _subunit_after(g, text, pos)
        if cents is not None:
            value, pos = value + (cents[0] / 100 if value >= 0 else -cents[0] / 100), cents[1]
    return _Figure(core.start, pos, as_number(value) if isinstance(value, float) else value, unit, scaled)


@lru_cache(maxsize=None)
def _of_article(lang: str) -> "regex.Pattern":
    """ " of a" between a fraction and its scale word ("two thirds of a million")."""
    gw = lexicon(lang)["number_grammar"]
    partitives = trie_alternation(gw["partitives"], ignore_case=True)
    articles = trie_alternation(gw["articles"], ignore_case=True)
    return regex.compile(rf"\s+(?:{partitives})\s+(?:{articles})(?=\s)")


def _smaller_parts(g: _Grammar, text: str, pos: int, value, scale: int):
    """ "4 thousand [3 hundred and 21]": digit parts below the last scale word
    are added on, as in words ("four thousand three hundred and twenty-one")."""
    while True:
        j = g.part_joint.match(text, pos)
        if j is None:
            return value, pos
        m = g.digits_only.match(text, j.end())
        if m is None:
            # words only after "and": in "3 million two years ago" the words are another number
            return _word_part(g, text, j.end(), value, pos, scale) if j.group().strip() else (value, pos)
        part = parse_digits(m.group())
        end = m.end()
        sm = g.scale_after.match(text, end)
        part_scale = number_words().scales.get(sm.group("scale").lower()) if sm else None
        if part_scale is not None and part_scale < scale and part < 1000:
            part, end = part * part_scale, sm.end()
        elif part_scale is not None or part >= min(scale, 1000):
            return value, pos  # "3 hundred and 2 hundred" are two numbers
        if part >= scale or part == 0:
            return value, pos  # "4 thousand 3 hundred and 0": nobody adds a zero, so two numbers
        value, pos = value + part, end
        if part_scale is None:
            return value, pos
        scale = part_scale


def _word_part(g: _Grammar, text: str, start: int, value, pos: int, scale: int):
    """ "3 hundred [and one]", "6 crore [and two hundred]": a number in words below
    the digits' scale word adds on; returns (value, end), unchanged when there is none."""
    m = g.scan.match(text, start)
    groups = g.scan_groups
    if m is None or m.group(groups.words) is None or m.group(groups.cur) or m.group(groups.neg):
        return value, pos
    cores = _cores(g, text, m)
    if not cores or cores[0].start != start:
        return value, pos
    c = cores[0]
    if c.ordinal or not isinstance(c.value, int) or not 0 < c.value < scale:
        return value, pos
    low = text[c.start:c.end].lower()
    if (low == g.gw["one"] or low in g.gw["articles"]) and _next_word(text, c.end).lower() in g.one_not_before:
        return value, pos  # "3 million and one of them": a pronoun
    return value + c.value, c.end


def _skip_past_number(text: str, pos: int) -> int:
    """The end of the number right after ``pos`` ("9/[11]", "3-[1]"), so it is not read alone."""
    m = _NEXT_NUMBER.match(text[pos:pos + 20])
    return pos + m.end() if m else pos


def _bound_after(g: _Grammar, text: str, pos: int, value, unit, qualifier: str):
    """The other bound of a closed range after a qualified figure: ((low, high), end, unit)."""
    j = g.bound_joint.match(text, pos)
    if j is None:
        return None
    other = g.qualifier_map.get(" ".join(j.group("q").lower().split()))
    if not ((qualifier in g.lower_bounds and other in g.upper_bounds)
            or (qualifier in g.upper_bounds and other in g.lower_bounds)):
        return None
    m = g.scan.match(text, j.end())
    if m is None or (m.group(g.scan_groups.digits) is None and m.group(g.scan_groups.words) is None):
        return None
    cores = _cores(g, text, m)
    if not cores or cores[0].start != m.start():
        return None
    fig = _read_figure(g, text, cores[0], glued_ok=True)
    if fig is None or not isinstance(fig.value, (int, float)) or (fig.unit or unit) != (unit or fig.unit):
        return None
    low, high = (value, fig.value) if qualifier in g.lower_bounds else (fig.value, value)
    if low >= high:
        return None  # "more than 40 and less than 10" are two conditions, not a range
    return (low, high), fig.end, unit or fig.unit


def _ratio_after(g: _Grammar, text: str, pos: int, numerator) -> Optional[Tuple[float, int]]:
    """ "in five" / "out of five hundred" / "over 3" after a number: (ratio, end).

    "in" and "out of" need a numerator smaller than the denominator ("12 in six boxes"
    are two counts); "over" needs the denominator to end the clause ("$2000 over 3 years")."""
    j = g.ratio_joint.match(text, pos)
    if j is None or not isinstance(numerator, int) or numerator < 0:
        return None
    m = g.scan.match(text, j.end())
    groups = g.scan_groups
    if (m is None or (m.group(groups.digits) is None and m.group(groups.words) is None)
            or m.group(groups.cur) or m.group(groups.neg)):
        return None
    cores = _cores(g, text, m)
    if not cores or cores[0].start != j.end():
        return None
    c = cores[0]
    fig = _read_figure(g, text, c, glued_ok=False)
    if fig is None or fig.unit is not None or not isinstance(fig.value, int) or fig.value <= 0:
        return None
    if c.plain_digits.isdigit() and len(c.plain_digits) == 4 and g.year_range[0] <= fig.value <= g.year_range[1]:
        return None  # "1 in 2008": a year
    joint = " ".join(j.group("joint").lower().split())
    if joint in g.ratio_over:
        if not _CLAUSE_END.match(text[fig.end:fig.end + 3]):
            return None
    elif numerator >= fig.value:
        return None
    return as_number(numerator / fig.value), fig.end


def _subunit_after(g: _Grammar, text: str, pos: int) -> Optional[Tuple[int, int]]:
    """ "50 cents" / "and forty-five cents" / "and 50." after a whole currency amount:
    (cents, end). Without the word "cents" the number must end the clause."""
    j = g.subunit_joint.match(text, pos)
    if j is None:
        return None
    m = g.scan.match(text, j.end())
    groups = g.scan_groups
    if m is None or (m.group(groups.digits) is None and m.group(groups.words) is None) or m.group(groups.cur):
        return None
    cores = _cores(g, text, m)
    if not cores or cores[0].start != j.end():
        return None
    c = cores[0]
    if not (isinstance(c.value, int) and 0 < c.value < 100):
        return None
    tail = g.subunit_tail.match(text, c.end)
    if tail is None:
        return None
    return c.value, (tail.end() if tail.group("word") else c.end)


def _power(raw: str) -> float:
    """ "1.1^23" -> 1.1**23, "1.3x10^6" -> 1.3e6, "8x2^10" -> 8 * 2**10, "2.5^--1": signs multiply."""
    base, exponent = raw.split("^")
    sign = -1 if exponent.count("-") % 2 else 1
    exp = sign * int(exponent.lstrip("+-"))
    factor, _, base = base.rpartition("x")
    try:
        return as_number((float(factor) if factor else 1.0) * float(base) ** exp)
    except (OverflowError, ZeroDivisionError):
        raise ValueError(raw)


def _cores(g: _Grammar, text: str, m) -> List[_Core]:
    """Number cores of one scan match (a run of words may hold several numbers)."""
    groups = g.scan_groups
    neg, cur, raw = m.group(groups.neg, groups.cur, groups.digits)
    start = m.start()
    dash = -1
    if (neg and not SPACED_DASH_IS_MINUS and raw is not None and neg[0] in "-−" and neg[1:].isspace()
            and start > 0 and text[start - 1].isspace()):
        before = _prev_word(text, start)[0].lower()
        if before and before not in g.stop_words:
            neg, dash, start = None, start, m.start(groups.cur) if cur else m.start(groups.digits)  # a dash
    neg = -1 if neg else 1
    currency = None
    if cur:
        currency = unit_lexicon().currency_prefixes.get(" ".join(cur.split()))
        if currency is None:
            currency = unit_lexicon().currency_prefixes.get(cur.strip())
    if raw is not None:
        vulgar = g.vulgar
        try:
            if "^" in raw:
                value = _power(raw)
            elif raw and raw[-1] in vulgar:
                value = as_number((int(raw[:-1]) if raw[:-1] else 0) + vulgar[raw[-1]])
            else:
                value = parse_digits(raw)
        except ValueError:
            return []
        return [_Core(start, m.end(groups.digits), neg * value, currency, False, raw, False, dash)]
    wstart = m.start(groups.words)
    out = []
    for first, rel_start, rel_end, value, ordinal in _word_run(g.lang, m.group(groups.words)):
        leading = first == 0  # only the first number of a run has the sign and currency
        out.append(_Core(start if leading else wstart + rel_start, wstart + rel_end,
                         (neg if leading else 1) * value, currency if leading else None,
                         True, "", ordinal))
    return out


@lru_cache(maxsize=4096)
def _word_run(lang: str, run: str) -> Tuple[Tuple[int, int, int, object, bool], ...]:
    """The numbers in a run of number words: (first token index, start, end
    relative to the run, value, ordinal). Speed: runs repeat ("one", "two
    thousand"), so each distinct one is read once."""
    g = _grammar(lang)
    signs = g.gw.get("conjunction_signs") or ()
    tokens = [(t.group(), t.start(), t.end()) for t in g.word_token.finditer(run)]
    # "two hundred & forty": a sign standing for the conjunction reads as the word
    words = [g.gw["conjunction"] if t[0] in signs else t[0] for t in tokens]
    return tuple((wn.first, tokens[wn.first][1], tokens[wn.last][2], wn.value, wn.ordinal)
                 for wn in read_words(words, lang))


_LAST_WORD = re.compile(r"[a-z]+$")
#: A figure right after (at most one word on): "and more than 40" binds the 40, not the noun before.
_FIGURE_NEXT = regex.compile(r"\s+(?:[A-Za-z]+\s+)?[$£€¥]?\d")
#: "65-53" after a name: a tally whose first part is the larger one.
_TALLY_AFTER = regex.compile(r"[-–]\d{1,3}(?![\d.,\-])")
_WORDS = re.compile(r"[a-z]+")


def _rejected(g: _Grammar, text: str, core: _Core, fig: _Figure, qualifier: Optional[str]) -> bool:
    """Context rules for numbers that are names, codes, dates or pronouns."""
    before = text[max(0, core.start - 2):core.start]
    word, wstart = _prev_word(text, core.start)
    lw = word.lower().rstrip(".")
    if not core.from_words:
        digits = core.plain_digits
        if digits in g.not_figures and core.currency is None and fig.unit is None:
            return True  # "called 911", "a 911 caller"
        if before[-1:] in ("'", "’") and len(digits) == 2:
            return True  # "'86": a year
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            return True  # "007", "0085", the "000" of a split "2, 000": codes and fragments
        if before.endswith("-") and before[:1].isalnum() and core.value >= 0:
            return True  # "COVID-19", "F-16", "SCP-173"
        if core.currency is None:
            if lw in g.months or lw + "." in g.months:
                return True  # "Oct. 21", "May 4th"
            if (text[max(0, core.start - 30):core.start].rstrip().lower().endswith(_MONTH_RANGE_JOINTS)
                    and g.month_range_before.search(text, max(0, core.start - 30), core.start)):
                return True  # the 13 of "between October 8 and 13"
            next_word = _next_word(text, fig.end)
            if next_word.lower() in g.months and fig.unit in (None, g.ordinal_unit):
                return True  # "21 October"
            if lw in g.not_after and fig.unit in (None, g.ordinal_unit):
                return True  # "Article 5", "Boeing 737"
            if (word and word[0].isupper() and word not in g.capital_ok and fig.unit is None
                    and qualifier is None and not _is_sentence_start(text, wstart)
                    and "," not in core.plain_digits and "." not in core.plain_digits
                    and not word.endswith(("'", "’", "'s", "’s"))        # "the Bluejays' 11 assists"
                    and not _TALLY_AFTER.match(text, fig.end)            # "defeated Drake 65-53"
                    and not _title_case_line(text, core.start)):         # "Teen Shot 11 Times By Police"
                return True  # "Ukraine 2", "ISO 9001"
            if word.isupper() and len(word) > 1 and fig.unit is None and word not in g.capital_ok:
                return True
            if (lw == g.gw["clock_preposition"] and fig.unit is None and len(digits) == 4 and digits.isdigit()
                    and int(digits[2:]) < 60 and int(digits[:2]) < 24):
                return True  # "struck at 1353": a 24-hour clock time
            if (fig.unit is None and not fig.scaled and qualifier is None and core.plain_digits.isdigit()
                    and len(core.plain_digits) == 4 and g.year_range[0] <= core.value <= g.year_range[1]):
                nxt = next_word
                if not (nxt.islower() and text[fig.end:fig.end + 1] == " "
                        and ((nxt.endswith("s") and len(nxt) > 3) or nxt in g.plural_nouns)):
                    return True  # "in 2007", "the 2012 crash": a year
    else:
        low = text[core.start:core.end].lower()
        if core.ordinal and low in g.ordinals_ignored:
            return True  # "the first time", "a second look"
        if low == g.gw["one"] or low in g.gw["articles"]:
            # the word right after "one" ("one of them": a pronoun; "one pound of coal": its unit,
            # so what follows the unit says nothing about a pronoun)
            nxt = _next_word(text, core.end).lower()
            # "only one mile", "the one dollar coin": with a unit, "one" after such a
            # word is a measure, not a pronoun ("the one", "only one")
            pronoun_before = lw in g.one_not_after and (low != g.gw["one"] or fig.unit in (None, g.ordinal_unit))
            if pronoun_before or nxt in g.one_not_before or text[fig.end:fig.end + 2] in ("'s", "’s"):
                return True
        if low == g.gw["half"] and g.half_needs_qualifier and qualifier is None:
            return True
        if (len(low.split()) <= 2 and (low.split()[0] in g.gw["articles"] or low.split()[0] == g.gw["one"])
                and fig.unit is None and low.endswith(tuple(g.gw["singular_fractions_need_partitive"]))):
            # "a third term", "the second half": a singular fraction must be "of" something or stand alone
            nxt = _next_word(text, fig.end).lower()
            after = text[fig.end:fig.end + 3].strip()
            if after[:1] == "-" and after[1:2].isalpha():
                return True  # "a third-party run": a modifier
            if nxt and nxt not in g.gw["partitives"] and not (after[:1] and not after[:1].isalpha()):
                return True
        last_word = _LAST_WORD.search(low)
        if (last_word is not None and last_word.group() in number_words().ordinals
                and isinstance(core.value, float) and 0 < abs(core.value) < 1
                and len(_WORDS.findall(low)) > 2):
            # over a compound ordinal, "one twenty-fifth [of]" is a fraction; "one
            # twenty-first century" is not (plain "one third interest" stays a fraction)
            nxt = _next_word(text, core.end).lower()
            after = text[core.end:core.end + 3].strip()
            if nxt and nxt not in g.gw["partitives"] and not (after[:1] and not after[:1].isalpha()):
                return True
        if lw in g.not_after and fig.unit is None:
            return True  # "World War Two", "Apollo Eleven"
        hyphened = _HYPHEN_WORD.match(text[fig.end:fig.end + 20]) if text[fig.end:fig.end + 1] == "-" else None
        if (fig.unit is None and hyphened and not number_words().is_number_word(hyphened.group(1).lower())
                and not g.ratio_joint.match(text, fig.end)
                and (hyphened.group(1).lower() in g.hyphen_modifiers or not hyphened.group(1).islower()
                     or not HYPHENED_WORD_NUMBERS_COUNT)):
            return True  # "a four-time All-Star", "one-Korea policy": a modifier, not a figure
        if (text[core.start:core.start + 1].isupper() and not _is_sentence_start(text, core.start)
                and _next_word(text, fig.end)[:1].isupper()
                and (fig.unit is None or fig.unit in unit_lexicon().currency_codes)
                and not _title_case_line(text, core.start)):
            return True  # "Million Dollar Mermaid", "Ocean's Eleven": a title
    return False


_LONG_WORD = re.compile(rf"[A-Za-z][A-Za-z'’-]{{{TITLE_CASE_WORD_LETTERS - 1},}}")


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is written in title case (TITLE_CASE_* settings)."""
    if not TITLE_CASE_LINES_READ_LOWER:
        return False
    lo = text.rfind("\n", max(0, pos - TITLE_CASE_WINDOW), pos) + 1 or max(0, pos - TITLE_CASE_WINDOW)
    hi = text.find("\n", pos, pos + TITLE_CASE_WINDOW)
    words = _LONG_WORD.findall(text, lo, hi if hi >= 0 else min(len(text), pos + TITLE_CASE_WINDOW))
    if len(words) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _qualifier(g: _Grammar, text: str, start: int) -> Optional[str]:
    """Canonical qualifier right before ``start`` ("more than", "about", ...)."""
    window = text[max(0, start - QUALIFIER_WINDOW):start]
    tail = window.rstrip(" \t\u00a0([")
    if not tail:
        return None
    k = len(tail.rstrip(_LETTERS_DOT))
    if k and tail[k - 1].isalpha():
        k = _letters_back(tail, len(tail), ".")  # a letter beyond ASCII
    if tail[k:].lower() not in g.qualifier_enders and tail[-1] not in g.qualifier_enders:
        return None  # cheap test first: no qualifier phrase ends here
    lo = 0
    if g.qualifier_words_max:
        # Speed: a phrase found here ends where ``tail`` ends and spans at most
        # qualifier_words_max of its whitespace-separated chunks: search only those.
        chunks = tail.rsplit(None, g.qualifier_words_max)
        if len(chunks) > g.qualifier_words_max:
            lo = len(chunks[0])
    # Speed: on plain ASCII the stdlib engine runs this pattern the same, 2.5 times faster
    # (the engines differ only beyond ASCII and on \x1c-\x1f, white space to the stdlib one).
    plain = window.isascii() and not _STDLIB_ONLY_SPACE.search(window)
    m = (g.qualifier_before_ascii if plain else g.qualifier_before).search(window, lo)
    if m:
        return g.qualifier_map.get(" ".join(m.group("q").lower().split()))
    return None


def _plural(g: _Grammar, word: str) -> bool:
    return (len(word) > 3 and word.endswith(g.plural_suffix)
            and not word.endswith(g.not_plural_endings))


def _continues(g: _Grammar, text: str, pos: int) -> bool:
    """Whether a lower-case content word follows ``pos`` (not punctuation, not a stop word)."""
    m = g.counted_token.match(text, pos)
    if not m or "\n" in text[pos:m.start(g.token_group)]:  # the gap is white space: of the stops only "\n" can be in it
        return False
    tok = m.group(g.token_group)
    return tok[0].islower() and tok.lower() not in g.stop_words


def _counted(g: _Grammar, text: str, pos: int) -> Optional[str]:
    """Head noun of the phrase after a figure: its last word before a stop."""
    head = None
    taken = 0
    for _ in range(g.counted_max):
        m = g.counted_token.match(text, pos)
        if not m:
            break
        tok = m.group(g.token_group)
        if "\n" in text[pos:m.start(g.token_group)]:  # the gap is white space: of the stops only "\n" can be in it
            break
        low = tok.lower()
        possessive = tok.endswith(("'", "’", "'s", "’s"))
        core = tok[:-2] if tok.endswith(("'s", "’s")) else tok.rstrip("'’")
        if low in g.stop_words or core.lower() in g.stop_words or low in g.number_word_set:
            break
        if head is not None and low.endswith(g.verb_suffixes) and not tok[0].isupper():
            break
        if head is not None and low.endswith(g.adverb_suffix) and len(low) > 4:
            break  # "five boats speedily approaching": an adverb ends the phrase
        if head is not None and tok[0].isupper() and head[0].islower():
            break  # "two countries ... Security Council": a name starts a new phrase
        if head is not None and _plural(g, head) and _plural(g, low) and _continues(g, text, m.end()):
            break  # "two countries violates multiple ...": a verb after a plural subject
        if (head is not None and _plural(g, head) and tok[0].islower() and "-" not in tok
                and not _plural(g, low) and low not in g.plural_nouns and not low.endswith(g.plural_suffix)):
            break  # "four robbers make off", "2 in 3 adults smoke": a verb after a plural subject
        head = core
        taken += 1
        pos = m.end()
        if possessive:
            break
    if taken == 1 and head is not None and head.endswith(g.verb_suffixes) and head[0].islower():
        return None  # "Two managed to ...": a verb, not a noun
    if head is None or head.lower() in g.not_nouns:
        return None
    return head


def find_quantities(text: str, lang: str = "en") -> List[Mention]:
    """Every amount in ``text`` as a quantity Mention, in order of position.

    Ordinals ("86th", "the sixth round") are ranks, not amounts: they are read (so
    their digits are no other figure) but left out; :func:`find_ordinals` returns them.
    Fractions ("two fifths", "a third of") are amounts and stay."""
    g = _grammar(lang)
    return [m for m in _figures(text, lang) if m.unit != g.ordinal_unit]


def find_ordinals(text: str, lang: str = "en") -> List[Mention]:
    """Every ordinal in ``text`` ("21st", "the sixth round", "twenty-first"), as Mentions of
    kind "ordinal" (unit the ordinal unit, ``counted`` the ranked noun when read)."""
    g = _grammar(lang)
    return [dataclasses.replace(m, kind="ordinal") for m in _figures(text, lang) if m.unit == g.ordinal_unit]


def _figures(text: str, lang: str) -> List[Mention]:
    """Every figure in ``text``, amounts and ordinals (unit ``ordinal_unit``), in order."""
    if not text:
        return []
    g = _grammar(lang)
    out: List[Mention] = []
    consumed = 0
    groups = g.scan_groups
    for m in _scan_matches(g, text):
        skip, vague, digits = m.group(groups.skip, groups.vague, groups.digits)
        if m.end() <= consumed or (m.start() < consumed and digits is None):
            continue
        if skip is not None:
            consumed = m.end()
            continue
        if vague is not None:
            if (m.group().lower() in g.vague_need_of
                    and not _OF.match(text[m.end():m.end() + 4])):
                continue  # "he scores": a verb
            out.append(_vague(g, text, m))
            consumed = m.end()
            continue
        for core in _cores(g, text, m):
            if core.start < consumed and digits is not None and m.start(groups.digits) >= consumed:
                # "10 rmb 20 usd": the currency before 20 already belongs to 10
                core = _Core(m.start(groups.digits), core.end, abs(core.value), None, False, core.plain_digits)
            if core.start < consumed:
                continue
            mention, end = _mention(g, text, core)
            consumed = max(consumed, end)
            if mention is not None:
                out.append(mention)
    decades = _decade_ages(g, text)
    if decades:
        # the decade wins over a figure read inside it ("in their late 70's": not 70)
        out = sorted([*(o for o in out if not any(o.start < d.end and d.start < o.end for d in decades)), *decades],
                     key=lambda m: m.start)
    return out


def _vague(g: _Grammar, text: str, m) -> Mention:
    phrase = " ".join(m.group().lower().split())
    value = g.vague.get(phrase)
    if value is None:
        # "several hundred", "a few thousand"
        last = phrase.split(" ")[-1]
        value = g.scales.get(last, number_words().groups.get(last, 1))
    end = m.end()
    unit = None
    counted = None
    of = g.partitive.match(text, end)
    rest = of.end() if of else end
    u = _unit_at(g, text, rest, value, True, None, False) if of else None
    if u is not None and u[0] in unit_lexicon().currency_codes:
        unit = u[0]
    else:
        counted = _counted(g, text, rest)
    return Mention("quantity", m.start(), end, text[m.start():end], value, unit=unit, counted=counted,
                   qualifier=g.vague_qualifier, vague=True)


_REJECT = object()  # a reading that proves the core is not a figure ("9/11", a score)


@lru_cache(maxsize=None)
def _plus_minus(lang: str) -> Optional["regex.Pattern"]:
    """A plus-minus sign and the uncertainty's digits after a figure (numbers.yaml,
    ``number_plus_minus``); None when the language lists none."""
    signs = lexicon(lang).get("number_plus_minus") or []
    if not signs:
        return None
    alternation = "|".join(regex.escape(s) for s in sorted(signs, key=len, reverse=True))
    return regex.compile(rf"[ \t]*(?:{alternation})[ \t]*(?P<u>\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)(?![\d/])")


def _uncertainty_after(g: _Grammar, text: str, core: _Core, fig: _Figure):
    """ "9.83e-3 +/- 1e-5 km/s2", "2,000.45±0.01 pounds", "12 cm ± 2 cm": (range, end, unit)
    for a digit figure followed by its uncertainty, else None. The unit is the figure's, or
    the uncertainty's when written only after it."""
    if core.from_words or core.ordinal or not isinstance(fig.value, (int, float)):
        return None
    pattern = _plus_minus(g.lang)
    if pattern is None:
        return None
    m = pattern.match(text, fig.end)
    if m is None:
        return None
    u = parse_digits(m.group("u"))
    after = _read_figure(g, text, _Core(m.start("u"), m.end(), u, None, False, m.group("u")), True)
    if after is None or (fig.unit is not None and after.unit not in (None, fig.unit)):
        return None
    end = after.end if after.unit is not None else m.end()
    return (as_number(fig.value - after.value), as_number(fig.value + after.value)), end, fig.unit or after.unit


def _digit_fraction(g: _Grammar, text: str, core: _Core, fig: _Figure, value, end: int, unit):
    """ "3/4", "1 / 4 point", "10 1/2 miles": (value, end, unit), None, or _REJECT ("9/11")."""
    if core.from_words or fig.unit is not None:
        return None
    if "/" in text[core.end:core.end + 2] and _SLASH.match(text[core.end:core.end + 4]):
        fm = _SLASH_DENOMINATOR.match(text[core.end:core.end + 7])
        if not (fm and int(fm.group(1)) in g.fraction_dens):
            return _REJECT
        value = as_number(core.value / int(fm.group(1)))
    elif not fig.scaled:
        window = text[core.end:core.end + 12]
        fm = _SPACED_FRACTION.match(window) if "/" in window else None
        if not (fm and int(fm.group(2)) in g.fraction_dens and int(fm.group(1)) < int(fm.group(2))):
            return None
        sign = -1 if core.value < 0 else 1
        value = as_number(core.value + sign * int(fm.group(1)) / int(fm.group(2)))
    else:
        return None
    end = core.end + fm.end()
    whole = _read_figure(g, text, _Core(core.start, end, value, core.currency, False, core.plain_digits), True)
    return (value, whole.end, whole.unit) if whole else (value, end, None)


def _range_after(g: _Grammar, text: str, core: _Core, fig: _Figure, value, end: int, unit,
                 words_ok: bool = True):
    """ "8 to 13", "8-13", "between 8 and 13", "$2-3 billion": ((low, high), end, unit),
    None, or a _Tally for a score ("won 3-1", "a 5-2 vote"). ``words_ok`` False: only a
    dash joins a range (after a change verb "to" and "and" start another figure)."""
    rng = g.range_joint.match(text, end)
    if rng is None or not isinstance(value, (int, float)):
        return None
    joint = rng.group("joint").strip().lower()
    if len(joint) > 2 and joint[0] == "-" == joint[-1]:
        joint = joint[1:-1]     # "0-to-60": the word joint, hyphened
    word_before = _prev_word(text, core.start)[0].lower()
    dash = joint in ("-", "–", "—", "~")
    if not dash and not words_ok:
        return None
    if not ((dash and not core.from_words) or joint in g.gw["range_joints"]
            or (joint == g.gw["conjunction"] and word_before == g.gw["range_and_opener"])):
        return None
    m2 = g.scan.match(text, rng.end())
    if m2 is None or m2.group(g.scan_groups.skip) is not None or m2.group(g.scan_groups.vague) is not None:
        return None
    cores2 = _cores(g, text, m2)
    if not cores2 or cores2[0].start != m2.start():
        return None
    c2 = cores2[0]
    f2 = _read_figure(g, text, c2, glued_ok=True)
    if f2 is None or not isinstance(f2.value, (int, float)):
        return None
    low, high = value, f2.value
    if f2.scaled and not fig.scaled and c2.value and abs(low) <= abs(c2.value):
        low = as_number(low * (f2.value / c2.value))  # "$2-3 billion": the scale is shared
    high_unit = f2.unit or unit
    whole = not fig.scaled and not f2.scaled and high_unit is None and isinstance(low, int) and isinstance(high, int)
    if dash and whole and low >= 0 and high >= 0 and text[rng.end():rng.end() + 1].isdigit() \
            and (low >= high and DASH_RANGE_MUST_RISE or _tally_cue(g, text, core.start, f2.end)):
        return _Tally((low, high), f2.end)  # "won 3-1", "a 7-0 lead", "a 2-2 draw": a score, not a range
    if (unit or high_unit) != high_unit or low == high:
        return None
    if dash and DASH_RANGE_MUST_RISE and low >= high:
        return None
    if not dash and low > high >= 0 and DESCENDING_RANGE_IS_TWO_FIGURES:
        return None  # "$7.4 million to $200,000", "49 percent to 44 percent": two figures, not a range
    return (low, high), f2.end, high_unit


class _Tally(NamedTuple):
    """A tally read where a range was looked for: its parts and where it ends."""

    parts: Tuple[int, ...]
    end: int


def _tally_cue(g: _Grammar, text: str, start: int, end: int) -> bool:
    """A tally word right before a rising "N-M" ("lost 1-3", "a 2-5 defeat" is not read:
    after the figure "20-30 votes" is as likely a range)."""
    before = _prev_word(text, start)[0].lower()
    if before in g.gw["articles"]:
        before = _prev_word(text, _prev_word(text, start)[1])[0].lower()
    return before in g.tally_cues


def _mention(g: _Grammar, text: str, core: _Core) -> Tuple[Optional[Mention], int]:
    """The Mention for one number core (or None) and where reading stopped."""
    fig = _read_figure(g, text, core, glued_ok=True)
    if fig is None:
        return None, core.end
    if core.dash >= 0 and unit_kind(fig.unit) in SPACED_DASH_MINUS_KINDS:
        # "convert - 20 degrees": before a temperature a spaced dash is still a minus sign
        core = core._replace(start=core.dash, value=-core.value, dash=-1)
        fig = _read_figure(g, text, core, glued_ok=True)
    qualifier = _qualifier(g, text, core.start)
    if _rejected(g, text, core, fig, qualifier):
        # "post-9/11": the rest of a rejected "9/11" is no figure either
        return None, (_skip_past_number(text, fig.end) if text[fig.end:fig.end + 1] == "/" else fig.end)
    value, end, unit = fig.value, fig.end, fig.unit
    low_start = core.start
    spread = _uncertainty_after(g, text, core, fig)
    if spread is not None:   # "2,000.45±0.01 pounds": the range the figure allows
        value, end, unit = spread
        return (Mention("quantity", core.start, end, text[core.start:end], value, unit=unit,
                        counted=_counted(g, text, end) if unit is None else None, qualifier=qualifier), end)
    way, role = _change_before(g, text, core.start)
    found = _digit_fraction(g, text, core, fig, value, end, unit)
    if found is _REJECT:
        return None, max(end, _skip_past_number(text, end))
    share = found is not None and found[2] is None and 0 < found[0] < 1  # "3/4 of the vote"
    if found is not None:
        value, end, unit = found
    found = _range_after(g, text, core, fig, value, end, unit, words_ok=not (CHANGE_SPLITS_RANGES and way))
    if isinstance(found, _Tally):
        return (Mention("quantity", core.start, found.end, text[core.start:found.end],
                        found.parts[TALLY_VALUE_PART], unit=g.score_unit, qualifier=qualifier,
                        parts=found.parts), found.end)
    if found is not None:
        value, end, unit = found
    # "per cent of 210": the percentage word first, when the figure ends the clause
    if unit is None and isinstance(value, (int, float)) and _CLAUSE_END.match(text[end:end + 3]):
        pm = g.percent_before.search(text, max(0, low_start - 40), low_start)
        if pm is not None:
            low_start, unit = pm.start(), g.unit_map.get(" ".join(pm.group("p").lower().split()), "%")
    # ratios: "one in five", "two out of five hundred", "1 over 3"
    if isinstance(value, (int, float)) and unit is None:
        ratio = _ratio_after(g, text, end, value)
        if ratio is not None:
            value, end = ratio
            share = True
    # two bounds: "more than 100 and fewer than 300", "at most 100 and at least 20"
    if qualifier is not None and isinstance(value, (int, float)):
        bounded = _bound_after(g, text, end, value, unit, qualifier)
        if bounded is not None:
            value, end, unit = bounded
            qualifier = None
    # trailing qualifier "500 or more"
    noun_from = end
    if qualifier is None:
        tq = g.qualifier_after.match(text, end)
        if tq and not _FIGURE_NEXT.match(text, tq.end()) \
                and not number_words().is_number_word(_next_word(text, tq.end()).lower()):
            qualifier = g.trailing_map.get(" ".join(tq.group("q").lower().split()))
            noun_from = tq.end()        # "500 or more people": the noun comes after the bound
    counted = None
    count_change = None
    if unit is None and way is None and text[end + 1:end + 2].lower() in g.change_count_first:
        between = g.change_after_counts.match(text, end)
        if between is not None:
            counted = _counted(g, text, between.end())
            if counted is not None:
                count_change = g.change_direction.get(between.group("after").lower())  # "30,000 more troops"
    if counted is None and (unit is None or unit == g.ordinal_unit):
        counted = _counted(g, text, end) or (_counted(g, text, noun_from) if noun_from > end else None)
        if counted is None and unit is None and PARTITIVE_COUNTS_ITS_NOUN:
            of = g.partitive_group.match(text, end)
            if of is not None:
                counted = _counted(g, text, of.end())   # "Seven of the violations": violations
        if counted is None and unit is None:
            hyphened = g.hyphen_noun.match(text, end) if text[end:end + 1] == "-" else None
            if hyphened:
                counted = hyphened.group(1)  # "a 6.1-magnitude quake", "a 6,000-member academy"
    if qualifier is None and counted is not None and BOUND_AFTER_NOUN:
        at = text.find(counted, end, end + 80)
        after = at + len(counted)
        tq = (g.qualifier_after.match(text, after)
              if at >= 0 and text[after + 1:after + 2].lower() in g.trailing_first else None)
        if tq and not _FIGURE_NEXT.match(text, tq.end()) \
                and not number_words().is_number_word(_next_word(text, tq.end()).lower()):
            qualifier = g.trailing_map.get(" ".join(tq.group("q").lower().split()))  # "1,500 soldiers or more"
    if (core.from_words and value == 1 and text[core.start:end].lower() == "one" and counted is None
            and unit is None and qualifier is None):
        return None, end  # "to be one", "one from a salesman": a pronoun, not a figure
    if isinstance(value, float):
        value = as_number(value)
    if unit is None and (share or (core.from_words and not fig.scaled and isinstance(value, float)
                                   and 0 < value < 1)):
        unit = g.ratio_unit  # "one in three", "2 in 5", "two-thirds": a share, numerator / denominator
    change = count_change or _change(g, text, core, way, role, value, unit, counted, end)
    span_text = text[low_start:end]
    return Mention("quantity", low_start, end, span_text, value, unit=unit, counted=counted,
                   qualifier=qualifier, change=change), end


def _change_before(g: _Grammar, text: str, start: int) -> Tuple[Optional[str], Optional[str]]:
    """(direction, role) of a change verb or noun ending right before a figure at ``start``:
    direction "up" / "down" or None; role "by" / "to" / "from" for the word between them,
    "of" after a noun ("an increase of"), "" when the figure follows the verb directly."""
    # Speed: the pattern ends where the figure starts, so it is searched only when the word
    # there can end it (a change verb, adverb, role word, partitive, or a qualifier's last word).
    word = _prev_word(text, start)[0].lower()
    if word not in g.change_gate and word.rstrip(".") not in g.change_gate:
        return None, None
    if not any(w.strip(_PUNCTUATION).lower() in g.change_heads for w in text[max(0, start - 50):start].split()[-6:]):
        return None, None   # no change verb, adverb or noun among the last words
    m = g.change_before.search(text, max(0, start - 60), start)
    if m is None:
        return None, None
    verb, role, noun, object_role = m.group("verb", "role", "noun", "orole")
    word = " ".join((verb or noun).lower().split())
    if object_role is not None:
        if word in g.change_adverbs:
            return None, None   # "up the ante by 3": an adverb takes no object
        role = object_role      # "cut deficits by $416 billion": the figure is the change
    if verb and word in g.change_adverbs and role is not None and g.change_role.get(role.lower()) == "by":
        return None, None   # "up by", "down by": not how news writes it; leave the phrase alone
    return g.change_direction.get(word), ("of" if noun else g.change_role.get((role or "").lower(), ""))


_PUNCTUATION = ".,;:!?\"'’“”()[]"

#: The kind of unit (units.unit_kind) a motion verb travels: "fell 60 metres" is no change.
_LENGTH_KIND = "length"


def _change_verb(g: _Grammar, text: str, start: int) -> str:
    """The first word of the run of words before a figure that holds its change verb: the
    word before the figure, or before the word between ("fell about 60", "fell by 60")."""
    word, at = _prev_word(text, start)
    for _ in range(3):
        if word.lower() in g.change_motion:
            return word
        word, at = _prev_word(text, at)
    return word


def _change(g: _Grammar, text: str, core: _Core, way: Optional[str], role: Optional[str], value, unit,
            counted: Optional[str], end: int) -> Optional[str]:
    """The direction of change the figure states (Mention.change), or None for a level."""
    if way is not None and role in ("", "by", "of"):
        if role == "" and unit is not None and unit_kind(unit) == _LENGTH_KIND \
                and _change_verb(g, text, core.start).lower() in g.change_motion:
            return None     # "fell about 60 metres from a ridge": a distance ("fell by 60 metres" is a change)
        adverb = _prev_word(text, core.start)[0].lower() in g.change_adverbs
        if adverb and unit is None and (counted or "").lower() not in g.change_adverb_nouns:
            return None     # "shot down 2 drones", "picked up 3 votes": no change of a figure
        return way
    if way is None and unit is not None:
        after = g.change_after.match(text, end)
        if after is not None and text[end:after.start("after")].strip(" -") == "":
            return g.change_direction.get(after.group("after").lower())
    if SIGNED_PERCENT_IS_CHANGE and unit in ("%", "pp") and isinstance(value, (int, float)):
        sign = text[core.start - 1:core.start] if core.start else ""
        if sign == "+" and value > 0:
            return "up"
        if value < 0 and text[core.start:core.start + 1] in "-−":
            return "down"
    return None
