"""Properties of number reading: separators and words read back, spans index the text,
nothing raises."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st
from num2words import num2words

from factcheck.extract.numbers import parse_digits, read_words
from factcheck.extract.quantities import find_quantities

EXAMPLES = settings(max_examples=200, deadline=None)


@EXAMPLES
@given(st.integers(min_value=0, max_value=10**15))
def test_integer_with_separators_reads_back(n):
    text = f"{n:,}"
    mentions = find_quantities(f"They counted {text} ballots.")
    assert [m.value for m in mentions] == [n]
    assert parse_digits(text) == n


@EXAMPLES
@given(st.integers(min_value=0, max_value=10**12))
def test_integer_in_words_reads_back(n):
    words = num2words(n)   # "one hundred and twenty-three thousand, four hundred and fifty-six"
    tokens = words.replace(",", " ").replace("-", " ").split()
    assert [w.value for w in read_words(tokens)] == [n]
    mentions = find_quantities(f"They counted {words.replace(',', '')} ballots.")
    assert [m.value for m in mentions] == [n]


@EXAMPLES
@given(st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2)))
def test_decimals_read_back(x):
    text = f"{x:,.2f}"
    mentions = find_quantities(f"It cost {text} dollars.")
    assert len(mentions) == 1
    assert abs(mentions[0].value - x) <= 1e-6 * max(1.0, x)
    assert mentions[0].unit == "USD"


@EXAMPLES
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_spans_index_it(text):
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


_NEWSY = st.lists(st.sampled_from([
    "about", "1,500", "soldiers", "$", "2.5bn", "£3.6m", "between", "8", "and", "13", "-", "%",
    "per cent", "thousands", "of", "one", "and a half", "million", "10:30", "2024", "Oct.", "21",
    "km", "(", ")", ",", ".", " ", "more than", "up to", "twenty-one", "https://x.org/1", "3/4",
]), max_size=40).map(" ".join)


@EXAMPLES
@given(_NEWSY)
def test_newsy_text_spans_index_it(text):
    for m in find_quantities(text):
        assert text[m.start:m.end] == m.text
        assert m.kind == "quantity"
