"""Dates, speed: the scan and the per-start rule subsets find exactly what the combined pattern finds."""
from __future__ import annotations

from itertools import chain

from hypothesis import given, settings, strategies as st

from factcheck.extract import dates

GRAMMAR = dates._grammar("en")
WORDS = ["the", "The", "THE", "a", "in", "from", "between", "last", "next", "this", "May", "march", "Oct.",
         "Monday", "Tue", "first", "twenty-first", "St.", "Patrick's", "Day", "day", "days", "same", "end",
         "of", "week", "year", "ago", "later", "earlier", "two", "Christmas", "New", "Year's", "mid", "early",
         "8", "13", "21st", "2024", "1990s", "'82", "’11", "10/21/2024", "2024-10-21", "ſunday", "ıN", "٣",
         "K", "the_", "may²", "said", "will", "until",
         # whole phrases, so that the rules' later parts are reached too
         "the end of", "the same day", "The 8th of", "the first week of 2015", "the day before yesterday",
         "in two weeks", "a year ago", "Oct 8 to 13", "between 2014 and", "from May"]
SEPARATORS = [" ", " ", "  ", "\n", ", ", "-", "–", ".", "/", " (", ") ", "\t", "\xa0", ""]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS) | st.text(max_size=4), st.sampled_from(SEPARATORS)),
                 max_size=12).map(lambda parts: "".join(w + s for w, s in parts))


def _summary(match):
    """What the builders read: the span, the rule and its groups (a rule's pattern alone lacks
    the other rules' groups, which are None in the combined one)."""
    return match and (match.span(), match.lastgroup,
                      {name: value for name, value in match.groupdict().items() if value is not None})


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_dispatch_finds_what_the_combined_pattern_finds(text):
    at_0 = GRAMMAR.starts_at_0.match(text)
    keys = {m.end(): m.group("key") for m in chain((at_0,) if at_0 else (), GRAMMAR.starts.finditer(text))}
    for start in range(len(text) + 1):
        expected = GRAMMAR.pattern.match(text, start)
        got = dates._match_at(text, start, keys[start], GRAMMAR) if start in keys else None
        assert _summary(got) == _summary(expected), (start, text)
