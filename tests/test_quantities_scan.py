"""The speed-ups of the quantity extractor read exactly what the plain patterns read:
the trie alternations, the candidate scan and the unit gate (factcheck/extract/quantities.py)."""
from __future__ import annotations

import importlib

import regex
from hypothesis import example, given, settings, strategies as st

from factcheck.extract.units import alternation, trie_alternation, unit_lexicon

quantities = importlib.import_module("factcheck.extract.quantities")  # the package shadows the name
GRAMMAR = quantities._grammar("en")
EXAMPLES = settings(max_examples=300, deadline=None)

# Surfaces share prefixes and differ in case, spaces and a Kelvin sign, as unit words do.
SURFACE = st.text(alphabet="abkKK \u017f", min_size=0, max_size=4)


@EXAMPLES
@given(st.lists(SURFACE, max_size=8), st.text(alphabet="abkKK \u017f.-", max_size=12), st.booleans())
@example(surfaces=[" ", "  K"], text="  K", ignore_case=False)   # runs of spaces meeting
def test_trie_alternation_matches_like_alternation(surfaces, text, ignore_case):
    flat, trie = alternation(surfaces), trie_alternation(surfaces, ignore_case=ignore_case)
    wrap = "(?i:{})" if ignore_case else "{}"
    for tail in ("", r"(?![a-z])", r"\.?$"):  # a continuation makes the engine backtrack into it
        want = regex.compile(wrap.format(f"(?:{flat})") + tail)
        got = regex.compile(wrap.format(f"(?:{trie})") + tail)
        for i in range(len(text) + 1):
            a, b = want.match(text, i), got.match(text, i)
            assert (a and a.span()) == (b and b.span()), (surfaces, text, i)


TOKENS = ["5", "1,500", "2.5", "2024", "10:30", "3-1", "½", "2½", "$", "US$", "usd", "£3.6m", "€", "-", "−", "+1",
          "(555)", "@", "x@y.com", "www.", "http://a", "reuters.com", "co.uk", "one", "Two", "a", "an", "hundred",
          "A few", "several", "tens of thousands", "minus", "first", "half", "dozen", "and", "of", "people", "é",
          "\u00a0", "\u2009", "ſeven", "KM", "٣", "_", "'", "’", "Rs.", "NT$", "GMT", "p.m."]
TEXT = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", "  ", "-", ".", ",", "\n", "/"])),
                max_size=16).map(lambda parts: "".join(token + sep for token, sep in parts))


@EXAMPLES
@given(TEXT)
def test_candidate_scan_finds_every_match(text):
    want = [(m.span(), m.groups()) for m in GRAMMAR.scan.finditer(text)]
    assert [(m.span(), m.groups()) for m in quantities._scan_matches(GRAMMAR, text)] == want


UNITS = sorted({*unit_lexicon().words, *unit_lexicon().symbols, *unit_lexicon().currency_prefixes,
                *GRAMMAR.unit_map, *("M" + code for code in unit_lexicon().currency_codes), "st", "th"})


@EXAMPLES
@given(st.sampled_from(UNITS), st.sampled_from([str, str.upper, str.title]),
       st.sampled_from(["", " ", "  ", "-", " - ", "\t", "\n", "\u00a0"]), st.sampled_from(["", " ", ".", "s", "5", "/"]))
def test_unit_gate_never_hides_a_unit(unit, case, separator, after):
    text = "5" + separator + case(unit) + after
    if GRAMMAR.unit_after.match(text, 1):
        assert quantities._gate_open(GRAMMAR.unit_gate, text, 1)
