"""Reading numbers: digits ("1,500", "1 500", ".08") and words ("fifteen hundred",
"one and a half million", "a dozen", "two thirds").

Pure functions over strings; the words come from ``factcheck/lang/<lang>/numbers.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import FrozenSet, List, Mapping, Optional, Sequence, Tuple, Union


from ..lang import lexicon

Number = Union[int, float]

# Thin, narrow no-break and no-break spaces group thousands ("40 000", "1 234 567").
GROUP_SPACES = " \u00a0\u202f\u2009"


def as_number(value: float) -> Number:
    """An int when the value is whole (so 1500.0 reads as 1500), else the float."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


def parse_digits(text: str) -> Number:
    """ "1,500" -> 1500, "1 500" -> 1500, "1.5" -> 1.5, ".08" -> 0.08."""
    if text.isdecimal():
        return int(text)  # Speed: plain digits, the common case
    cleaned = text.replace(",", "")
    for space in GROUP_SPACES:
        cleaned = cleaned.replace(space, "")
    if "." in cleaned or "e" in cleaned or "E" in cleaned:
        return as_number(float(cleaned))
    return int(cleaned)


@dataclass(frozen=True)
class NumberWords:
    """The number vocabulary of one language."""

    units: Mapping[str, int]
    tens: Mapping[str, int]
    hundreds: Mapping[str, int]     # one-word hundreds ("doscientos" 200); empty in English
    scales: Mapping[str, int]
    groups: Mapping[str, int]
    fractions: Mapping[str, int]
    points: FrozenSet[str]          # "five point five"
    ordinals: Mapping[str, int]     # "eleventh" -> 11
    conjunction: str                # "one hundred and six"
    articles: Tuple[str, ...]       # "a dozen"
    one: str
    hundred: str
    halves: Tuple[str, ...]         # "half a million", "quarter million"
    plural_suffix: str              # "two thirds" (a fraction) vs "twenty-third" (an ordinal)

    def is_number_word(self, word: str) -> bool:
        return (word in self.units or word in self.tens or word in self.hundreds or word in self.scales
                or word in self.groups)

    @property
    def all_words(self) -> List[str]:
        return [*self.units, *self.tens, *self.hundreds, *self.scales, *self.groups, *self.fractions, *self.ordinals,
                *self.ordinal_plurals]

    @property
    def ordinal_plurals(self) -> List[str]:
        """Plural ordinals that end a compound denominator ("three twenty-firsts").
        Twos are left out: their fraction is "halves", and "seconds" is a duration."""
        return [o + self.plural_suffix for o, value in self.ordinals.items()
                if value != 2 and o + self.plural_suffix not in self.fractions]


@lru_cache(maxsize=None)
def number_words(lang: str = "en") -> NumberWords:
    data = lexicon(lang)
    grammar = data["number_grammar"]
    return NumberWords(
        units=dict(data["number_units"]), tens=dict(data["number_tens"]),
        hundreds=dict(data.get("number_hundreds") or {}),
        scales=dict(data["number_scales"]), groups=dict(data["number_groups"]),
        fractions=dict(data["number_fractions"]),
        points=frozenset(data.get("number_decimal_point", [])),
        ordinals=dict(data.get("number_ordinals", {})),
        conjunction=grammar["conjunction"], articles=tuple(grammar["articles"]), one=grammar["one"],
        hundred=grammar["hundred"], halves=(grammar["half"], grammar["quarter"]),
        plural_suffix=str(data.get("counted_plural_suffix", "s")))


@dataclass(frozen=True)
class WordNumber:
    """One number read from a run of words: token indices [first, last] and value."""

    first: int
    last: int
    value: Number
    ordinal: bool = False   # "twenty-first", "eleventh", "two hundredth"




class _Reader:
    """Reads numbers from a token list left to right; one instance per run of words."""

    def __init__(self, tokens: Sequence[str], vocab: NumberWords):
        self.tokens = [t.lower() for t in tokens]
        self.vocab = vocab

    def read_all(self) -> List[WordNumber]:
        out: List[WordNumber] = []
        i = 0
        while i < len(self.tokens):
            found = self.read_one(i)
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.last + 1
        return out

    def _tok(self, i: int) -> Optional[str]:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def read_one(self, start: int) -> Optional[WordNumber]:
        v = self.vocab
        i = start
        first = start
        tok = self._tok(i)
        if tok == v.conjunction:
            return None
        if tok in v.halves:
            # "half a dozen", "half a million", "half million", "quarter million"
            part = 1 / v.fractions[tok]
            nxt, nxt2 = self._tok(i + 1), self._tok(i + 2)
            if nxt in v.articles and nxt2 is not None and (nxt2 in v.scales or nxt2 in v.groups):
                mult = v.scales.get(nxt2) or v.groups.get(nxt2)
                return WordNumber(first, i + 2, as_number(part * mult))
            if nxt is not None and nxt in v.scales:
                return WordNumber(first, i + 1, as_number(part * v.scales[nxt]))
            if tok == v.halves[0]:
                return WordNumber(first, i, 0.5)  # a bare "half": quantities decides
            return None
        if tok in self.vocab.ordinals:
            return WordNumber(first, i, self.vocab.ordinals[tok], ordinal=True)  # "eleventh"
        if tok in self.vocab.fractions:
            return None
        article = tok in v.articles
        if article:
            i += 1
            tok = self._tok(i)
            if tok is None:
                return None
        total = 0.0          # completed groups above a thousand
        group = 0.0          # the part below the last scale >= 1000
        small = 0.0          # the part below the last "hundred" in this group
        last_scale = None    # last scale word >= 1000 applied
        prev = None          # kind of the previous number word
        last = None          # index of the last consumed token
        pending_and = None
        small_start = None   # token index where ``small`` began
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok == v.conjunction:
                if last is None or self.read_and_fraction(i) is not None:
                    break  # "one and a half": the fraction is merged by read_words
                pending_and = i
                i += 1
                continue
            if tok in v.units or tok in v.tens:
                kind = "unit" if tok in v.units else "ten"
                val = v.units.get(tok, v.tens.get(tok))
                if prev == "unit" or prev == "teen" or (prev == "ten" and kind == "ten"):
                    break
                if prev == "ten_unit":
                    break
                if kind == "unit":
                    new_prev = "teen" if val >= 10 else ("ten_unit" if prev == "ten" else "unit")
                else:
                    new_prev = "ten"
                if small == 0:
                    small_start = i
                small += val
                group += val
                prev = new_prev
            elif tok in v.hundreds:
                # "doscientos treinta": a hundreds word opens a number or follows a scale
                # ("dos mil doscientos"); tens and units may follow it, a scale multiplies it
                if prev not in (None, "scale"):
                    break
                small_start = i
                group += v.hundreds[tok]
                small = 0
                prev = "hundred"
            elif tok == v.hundred:
                if prev == "hundred" or (small == 0 and group >= 100):
                    break
                if small and group - small >= 100:
                    # "three hundred and two hundred": two numbers; end before "two"
                    end = small_start - 1
                    while end > first and self.tokens[end] == v.conjunction:
                        end -= 1
                    return WordNumber(first, end, as_number(total + group - small))
                base = small if small else 1
                group = group - small + base * 100
                small = 0
                prev = "hundred"
            elif tok in v.scales:
                scale = v.scales[tok]
                if last_scale is not None and scale >= last_scale and group == 0:
                    break
                base = group if group else 1
                if last_scale is not None and scale > last_scale:
                    total = (total + base) * scale
                else:
                    total += base * scale
                group = small = 0
                last_scale = scale
                prev = "scale"
            elif tok in v.groups:
                if not (total + group) and not article:
                    break  # a bare "dozen" is not a figure; "a dozen" and "three dozen" are
                if (small and small_start is not None and small < total + group
                        and self._tok(small_start - 1) == v.conjunction):
                    # "three hundred and two dozen": "and" binds the dozen to the two (324)
                    total, group, small = total + group - small + small * v.groups[tok], 0, 0
                else:
                    base = (total + group) if (total + group) else 1
                    total, group, small = base * v.groups[tok], 0, 0
                last = i
                pending_and = None
                break
            elif tok in v.fractions or tok in v.ordinals:
                if (prev == "ten" and small_start == i - 1 and total + group > small
                        and self._tok(i - 2) != v.conjunction
                        and tok.endswith(v.plural_suffix) and v.fractions.get(tok, 10) < 10):
                    # "one hundred thirty-fifths": the tens word joins the denominator (100/35);
                    # "one hundred and thirty fifths": "and" binds it to the numerator (130/5)
                    return WordNumber(first, i, as_number((total + group - small) / (small + v.fractions[tok])))
                value = self._fraction(i, total + group, pending_and is not None, last_scale) \
                    if tok in v.fractions else None
                if value is None:
                    ordinal = self._ordinal(tok, total, group, prev, article)
                    # "one hundred and fifth": an ordinal may follow "and" after a hundred or scale
                    if ordinal is not None and (pending_and is None or prev in ("hundred", "scale")):
                        return WordNumber(first, i, ordinal, ordinal=True)
                    break
                new_value, last_index = value
                return WordNumber(first, last_index, as_number(new_value))
            else:
                break
            last = i
            pending_and = None
            i += 1
        if last is None:
            return None
        if article and prev not in ("hundred", "scale") and self.tokens[last] not in v.groups:
            return None  # "a" only counts before a scale or a dozen ("a hundred", "a dozen")
        return WordNumber(first, last, as_number(total + group))

    def _fraction(self, i: int, whole: float, after_and: bool, last_scale) -> Optional[Tuple[float, int]]:
        """A fraction word at token i after ``whole``: "two thirds", "one and a half",
        "one and a half million", "a quarter"."""
        v = self.vocab
        tok = self.tokens[i]
        den = v.fractions[tok]
        if after_and:
            # "and a half" / "and three quarters" after an integer
            return None
        # plain "N fifths" or "one fifth" / "a fifth": numerator is the whole read so far
        numerator = whole if whole else 1
        plural = tok.endswith(v.plural_suffix)
        if not plural and numerator != 1:
            return None
        return numerator / den, i

    def _ordinal(self, tok: str, total: float, group: float, prev: Optional[str], article: bool) -> Optional[Number]:
        """ "twenty-first" (20 + 1), "one hundred twenty fifth", "two hundredth" (2 x 100)."""
        v = self.vocab
        if tok not in v.ordinals or tok.endswith(v.plural_suffix):
            return None
        value = v.ordinals[tok]
        if value >= 100:  # a scale ordinal multiplies: "two hundredth", "three trillionth"
            return as_number((total + (group or (0 if total else 1))) * value) if (group or total) else value
        if article:
            return None  # "a twentieth" is a fraction or nothing
        if value < 10 and prev not in ("ten", "hundred", "scale"):
            return None  # "three fifth" is not an ordinal
        if value >= 10 and prev not in ("hundred", "scale"):
            return None
        return as_number(total + group + value)

    def read_decimals(self, i: int) -> Optional[Tuple[str, int]]:
        """Digits after "point": single digit words ("zero three") or one number ("seventy-one")."""
        v = self.vocab
        digits = ""
        j = i
        while j < len(self.tokens) and self.tokens[j] in v.units and v.units[self.tokens[j]] < 10:
            digits += str(v.units[self.tokens[j]])
            j += 1
        if digits and (j >= len(self.tokens) or self.tokens[j] not in v.units and self.tokens[j] not in v.tens):
            return digits, j - 1
        found = self.read_one(i)
        if found is None or not isinstance(found.value, int) or found.value < 0:
            return None
        return str(found.value), found.last

    def read_and_fraction(self, i: int) -> Optional[Tuple[float, int]]:
        """"and a half", "and one quarter", "and two thirds", "and fifty-four
        hundredths" starting at token i ("and"): (fraction, last index).

        Without a numerator only "half"/"quarter" count ("one and half"): in "one
        hundred and fifth" the word is an ordinal, not a fifth."""
        v = self.vocab
        if self._tok(i) != v.conjunction:
            return None
        j = i + 1
        tok = self._tok(j)
        if tok is None:
            return None
        if tok in v.halves:
            return 1 / v.fractions[tok], j
        if tok in v.articles or tok == v.one:
            den = self._singular_denominator(self._tok(j + 1))
            return (1 / den, j + 1) if den else None
        found = self.read_one(j)
        if (found is None or found.ordinal or not 0 < found.value < 1
                or not self.tokens[found.last].endswith(v.plural_suffix)):
            return None  # a plural fraction read whole: "three quarters", "fifty-four hundredths"
        return found.value, found.last

    def _singular_denominator(self, word: Optional[str]) -> Optional[int]:
        """The denominator of "a half", "a fifth" (a singular fraction word). Ordinals
        are left out: "forty two and a third" has one, but "and a thirtieth" reads as
        an ordinal in the ordinal suites, and news has neither."""
        v = self.vocab
        if word is None or word.endswith(v.plural_suffix):
            return None
        return v.fractions.get(word)

    def read_denominator(self, i: int) -> Optional[Tuple[int, int, bool]]:
        """A compound ordinal denominator starting at token i ("twenty-firsts",
        "thirty fifths", "one hundred and fifth"): (value, last index, plural).
        Only compounds (a number word before the ordinal): a lone "fifth" after
        a number is already read as a fraction ("two fifths")."""
        v = self.vocab
        j = i
        # A compound denominator is a few words ("one hundred and twenty-first"): the scan stops
        # after MAX_DENOMINATOR_WORDS, so a long run of number words costs linear time, not square.
        while j < len(self.tokens) and j - i < MAX_DENOMINATOR_WORDS and (
                self.tokens[j] == v.conjunction or self.tokens[j] == v.hundred or v.is_number_word(self.tokens[j])):
            j += 1
        if j == i or j >= len(self.tokens) or self.tokens[i] == v.conjunction:
            return None
        tok = self.tokens[j]
        singular = tok[:-len(v.plural_suffix)] if tok.endswith(v.plural_suffix) else tok
        if singular not in v.ordinals:
            return None
        sub = _Reader([*self.tokens[i:j], singular], v).read_one(0)
        if sub is None or not sub.ordinal or sub.last != j - i:
            return None
        return int(sub.value), j, singular != tok


#: The most words a compound ordinal denominator spans ("one hundred and twenty-first" is 5).
MAX_DENOMINATOR_WORDS = 8


def read_words(tokens: Sequence[str], lang: str = "en") -> List[WordNumber]:
    """Every number in a run of number-word tokens ("and" and articles included).

    Handles fractions after "and" ("one and a half million", "five and a quarter",
    "one million and a half") by merging them into the preceding number.
    """
    vocab = number_words(lang)
    reader = _Reader(tokens, vocab)
    out: List[WordNumber] = []
    i = 0
    n = len(reader.tokens)
    while i < n:
        found = reader.read_one(i)
        if found is None:
            i += 1
            continue
        value, last = found.value, found.last
        extra = reader.read_and_fraction(last + 1)
        if extra is not None:
            fraction, frac_last = extra
            prev_tok = reader.tokens[last]
            nxt = reader._tok(frac_last + 1)
            if (prev_tok in vocab.scales and nxt in vocab.scales
                    and vocab.scales[nxt] < vocab.scales[prev_tok]):
                # "one billion and a half million" -> 1,000,500,000: the fraction is of the smaller scale
                value = as_number(value + fraction * vocab.scales[nxt])
                last = frac_last + 1
            elif prev_tok in vocab.scales and vocab.scales[prev_tok] >= 1000:
                # "one million and a half" -> 1.5 million
                value = as_number(value + fraction * vocab.scales[prev_tok])
                last = frac_last
            else:
                value = value + fraction
                last = frac_last
                nxt = reader._tok(last + 1)
                if nxt is not None and nxt in vocab.scales:
                    # "one and a half million"
                    value = value * vocab.scales[nxt]
                    last += 1
            value = as_number(value)
        elif reader._tok(last + 1) in vocab.points and isinstance(value, int):
            # "five point five", "two hundred point zero three", "nought point eleven"
            decimals = reader.read_decimals(last + 2)
            if decimals is not None:
                digits, last = decimals
                value = as_number(float(f"{value}.{digits}"))
        else:
            # "a quarter million", "three quarters billion": a fraction of a scale
            nxt = reader._tok(last + 1)
            if (reader.tokens[last] in vocab.fractions and nxt is not None
                    and nxt in vocab.scales and vocab.scales[nxt] >= 1000):
                value = as_number(value * vocab.scales[nxt])
                last += 1
            elif reader.tokens[last] in vocab.fractions and nxt is not None and nxt in vocab.groups:
                # "a half-dozen", "half a dozen" without its article: that share of the group
                value = as_number(value * vocab.groups[nxt])
                last += 1
            elif not found.ordinal and isinstance(value, int) and value >= 1:
                # "three twenty-firsts", "one twenty-fifth", "one one hundredth": a number
                # over a compound ordinal (plural, or singular after "one") is a fraction
                den = reader.read_denominator(last + 1)
                if den is not None and (den[2] or value == 1) and den[0] > 1:
                    value, last = as_number(value / den[0]), den[1]
        out.append(WordNumber(found.first, last, value, ordinal=found.ordinal and last == found.last))
        i = last + 1
    return out
