"""The benchmark's scorer, on hand-made cases (no timing here)."""
import pytest

from benchmarks import extract as bench
from benchmarks.extract import (Case, Gold, Prediction, date_agrees, date_gold, first_day, is_calendar_value,
                             quantity_agrees, quantity_gold, score_case, total, unit_agrees, SUITE_RULES)

TEXT = "He paid $2.5bn for 1,500 soldiers and 3% of 20 to 30 ships."
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901234567


def span(word: str, text: str = TEXT):
    start = text.index(word)
    return start, start + len(word)


def gold(word, value, unit=None, counted=True, text=TEXT):
    return Gold(*span(word, text), word, value, unit, counted)


def pred(word, value, unit=None, qualifier=None, text=TEXT):
    return Prediction(*span(word, text), word, value, unit, bench.is_currency_unit(unit), qualifier)


CASE = Case("c1", TEXT, (gold("$2.5bn", 2.5e9, "Dollar"), gold("1,500", 1500.0), gold("3%", 3.0, "%")))


def test_perfect_predictions_give_recall_and_precision_one():
    preds = [pred("$2.5bn", 2_500_000_000, "USD"), pred("1,500", 1500), pred("3%", 3, "%")]
    score = total([score_case(CASE, preds, quantity_agrees, check_units=True)])
    assert (score.gold, score.predicted, score.tp) == (3, 3, 3)
    assert score.recall == score.precision == score.f1 == 1.0
    assert score.unit_accuracy == 1.0


def test_shifted_value_is_a_miss_and_a_false_positive():
    preds = [pred("$2.5bn", 2_500_000_000, "USD"), pred("1,500", 150), pred("3%", 3, "%")]
    result = score_case(CASE, preds, quantity_agrees)
    assert result.misses == (1,)
    assert [result.predictions[i].value for i in result.false_positives] == [150]
    score = total([result])
    assert (score.tp, score.fp) == (2, 1)
    assert score.recall == pytest.approx(2 / 3) and score.precision == pytest.approx(2 / 3)


def test_value_tolerance_is_relative():
    g = gold("1,500", 2 / 3)
    assert quantity_agrees(g, pred("1,500", 0.666666666666667))
    assert not quantity_agrees(g, pred("1,500", 0.6667))


def test_spans_must_overlap():
    case = Case("c", TEXT, (gold("1,500", 1500.0),))
    result = score_case(case, [pred("20", 1500)], quantity_agrees)
    assert (len(result.matches), result.misses, result.false_positives) == (0, (0,), (0,))


def test_each_gold_item_is_matched_at_most_once():
    case = Case("c", TEXT, (gold("1,500", 1500.0),))
    preds = [pred("1,500", 1500), pred("1,500", 1500)]
    score = total([score_case(case, preds, quantity_agrees)])
    assert (score.tp, score.fp) == (1, 1)


def test_matching_is_maximal_not_greedy():
    # the first gold item could take either prediction; greedy order would strand the second.
    text = "one two"
    case = Case("c", text, (Gold(0, 7, "one two", None), Gold(4, 7, "two", 2.0)))
    preds = [Prediction(4, 7, "two", 2), Prediction(0, 3, "one", 1)]
    assert total([score_case(case, preds, quantity_agrees)]).tp == 2


def test_percentage_suite_scores_only_percentages():
    case = Case("c", TEXT, (gold("3%", 3.0, "%"),))
    preds = [pred("1,500", 1500), pred("3%", 3, "%")]
    score = total([score_case(case, preds, quantity_agrees, SUITE_RULES["recognizers-percentage"])])
    assert (score.predicted, score.tp) == (1, 1)


def test_currency_suite_scores_only_currencies_and_checks_units_apart():
    case = Case("c", TEXT, (gold("$2.5bn", 2.5e9, "Dollar"),))
    preds = [pred("$2.5bn", 2.5e9, "EUR"), pred("1,500", 1500)]
    score = total([score_case(case, preds, quantity_agrees, SUITE_RULES["recognizers-currency"], True)])
    assert (score.predicted, score.tp) == (1, 1)          # the wrong unit does not fail the match
    assert score.unit_accuracy == 0.0


def test_number_suite_forgives_unmatched_measurements_but_not_plain_numbers():
    text = "the 180ml liquid and 7 cups"
    case = Case("c", text, ())
    preds = [Prediction(4, 9, "180ml", 180, "ml"), Prediction(21, 22, "7", 7)]
    result = score_case(case, preds, quantity_agrees, SUITE_RULES["recognizers-number"])
    assert [result.predictions[i].text for i in result.false_positives] == ["7"]


def test_sub_unit_currency_agrees_in_either_unit():
    # "it cost 50 cents": the gold reads cents, the prediction dollars.
    g = Gold(8, 16, "50 cents", 50.0, "Cent")
    assert quantity_agrees(g, Prediction(8, 16, "50 cents", 0.5, "USD", True))
    assert quantity_agrees(g, Prediction(8, 16, "50 cents", 50, "cent"))
    assert not quantity_agrees(g, Prediction(8, 16, "50 cents", 5, "USD", True))


@pytest.mark.parametrize("gold_unit, pred_unit, ok", [
    ("Dollar", "USD", True), ("United States dollar", "usd", True), ("Dollar", "EUR", False),
    ("Kilometer", "km", True), ("C", "°C", True), ("F", "°C", False), ("Year", "years", True),
    ("Pound", "GBP", True), ("Mile", None, False),
])
def test_unit_table(gold_unit, pred_unit, ok):
    assert unit_agrees(gold_unit, pred_unit) is ok


def test_ranges_closed_open_and_point():
    g_closed = quantity_gold({"start": 0, "end": 9, "value": None, "unit": None, "kind": "range",
                              "range": {"low": 20.0, "high": 30.0}})
    assert g_closed.value == (20.0, 30.0)
    assert quantity_agrees(g_closed, Prediction(0, 9, "20 to 30", (20, 30)))
    assert not quantity_agrees(g_closed, Prediction(0, 9, "20 to 30", 25))
    g_scalar = Gold(0, 9, "30", 30.0)
    assert quantity_agrees(g_scalar, Prediction(0, 9, "20 to 30", (20, 30)))      # one end of a range
    assert not quantity_agrees(g_scalar, Prediction(0, 9, "20 to 40", (20, 40)))
    g_open = quantity_gold({"start": 0, "end": 9, "value": None, "unit": None, "kind": "range",
                            "range": {"low": 30.0, "high": None}})
    assert quantity_agrees(g_open, Prediction(0, 9, "more than 30", 30, qualifier="more than"))
    g_point = quantity_gold({"start": 0, "end": 9, "value": 20.0, "unit": None, "kind": "range",
                             "range": {"low": 20.0, "high": 20.0}})
    assert g_point.value == 20.0


def test_numberrange_suite_forgives_plain_numbers_away_from_ranges_only():
    text = "x is 5, between 20 and 30, over 7 or 8 to 9"
    case = Case("c", text, (Gold(*span("between 20 and 30", text), "between 20 and 30", (20.0, 30.0)),))
    preds = [pred("5", 5, text=text), pred("20", 20, text=text), pred("30", 30, text=text),
             pred("over 7", 7, qualifier="over", text=text), pred("8 to 9", (8, 9), text=text)]
    result = score_case(case, preds, quantity_agrees, SUITE_RULES["recognizers-numberrange"])
    assert [result.predictions[i].text for i in result.false_positives] == ["20", "30", "over 7", "8 to 9"]


def test_bare_unit_words_and_relative_ordinals_are_excluded():
    assert not quantity_gold({"start": 0, "end": 7, "value": None, "unit": "%", "kind": "percentage"}).counted
    assert not quantity_gold({"start": 0, "end": 4, "value": None, "unit": None,
                              "kind": "ordinal.relative"}).counted
    assert quantity_gold({"start": 0, "end": 4, "value": 11.0, "unit": None, "kind": "ordinal"}).counted


@pytest.mark.parametrize("value, counted", [
    ("2024", True), ("2024-10", True), ("2024-10-21", True), ("2024-W42", True),
    ("2005-10-04TMO", True), ("(2014-01-01,2018-01-01,P4Y)", True), ("2024-10-08/2024-10-13", True),
    ("PAST_REF", False), ("P1D", False), ("XXXX-10-21", False), ("XXXX-WXX-5", False),
    ("2006-Q4", False), ("2009-SU", False), ("2008-W45-WE", False), ("FY2008", False), ("199", False),
    ("(XXXX-03-01,XXXX-05-01,P2M)", False), ("(2016-11-07,PRESENT_REF,P1D)", False), (None, False),
])
def test_calendar_values(value, counted):
    assert is_calendar_value(value) is counted


def test_excluded_gold_is_ignored_and_stray_predictions_are_false_positives():
    text = "Shares fell recently and rose on Monday and later"
    items = [{"surface": "recently", "start": 12, "type": "DATE", "value": "PAST_REF"},
             {"surface": "Monday", "start": 33, "type": "DATE", "value": "2024-10-21"}]
    case = Case("c", text, tuple(date_gold(i) for i in items), "2024-10-21")
    preds = [Prediction(12, 20, "recently", "2024-10"), Prediction(33, 39, "Monday", "2024-10-21"),
             Prediction(44, 49, "later", "2024-10-22")]
    result = score_case(case, preds, date_agrees)
    score = total([result])
    assert (score.gold, score.tp, score.fp) == (1, 1, 1)
    assert result.predictions[result.false_positives[0]].text == "later"


def test_dateline_is_excluded_only_in_body_only_mode():
    item = {"surface": "October 04, 2005", "start": 0, "type": "DATE", "value": "2005-10-04",
            "functionInDocument": "CREATION_TIME"}
    assert date_gold(item, with_datelines=True).counted
    assert not date_gold(item, with_datelines=False).counted


@pytest.mark.parametrize("gold_value, pred_value, ok", [
    ("2024-10-21", "2024-10-21", True),
    ("2024-10-21", "2024-10", False),               # granularity matters
    ("2024-W42", "2024-w42", True),
    ("2005-10-04TMO", "2005-10-04", True),          # gold with a time part agrees with its date
    ("(2014-01-01,2018-01-01,P4Y)", "2014/2018", True),
    ("(2020-06-26,2020-06-28,P2D)", "2020-06-26/2020-06-28", True),
    ("(2017-01-01,2017-02-01,P1M)", "2017-01/2017-02", True),
    ("(2014-01-01,2018-01-01,P4Y)", "2014", False),
    ("2024-10-08", "2024-10-08/2024-10-13", False),
    ("2024-10-21", None, False),
])
def test_date_agreement(gold_value, pred_value, ok):
    g = Gold(0, 5, "x", gold_value)
    assert date_agrees(g, Prediction(0, 5, "x", pred_value)) is ok


def test_first_day_of_points():
    assert first_day("2014") == "2014-01-01"
    assert first_day("2018-06") == "2018-06-01"
    assert first_day("2018-W03") == "2018-01-15"
    assert first_day("2018-06-05T10:00") == "2018-06-05"


def test_missing_shared_data_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(bench.SHARED_ENV, str(tmp_path / "nowhere"))
    assert bench.main(["extract", "--suite", "recognizers-number"]) == 2
    assert "not found" in capsys.readouterr().err


def test_quantulum_adapter_reads_percent_and_ranges():
    preds = bench.quantulum_quantities("it rose 3% and 20 to 30 people came")
    assert any(p.unit == "%" and p.value == 3 for p in preds)
    assert any(p.value == (20, 30) for p in preds)


def test_ordinal_suite_scores_ordinals_only():
    rule = SUITE_RULES["recognizers-ordinal"]
    assert rule.scored(Prediction(0, 4, "11th", 11)) and rule.scored(Prediction(0, 5, "third", 3))
    assert not rule.scored(Prediction(0, 1, "3", 3))


def _oracle(g: Gold, suite: str) -> Prediction:
    """What a perfect extractor would predict for a counted gold item, in our conventions."""
    value, qualifier = g.value, None
    if isinstance(value, tuple) and None in value:
        value, qualifier = next(v for v in value if v is not None), "more than"
    if isinstance(value, str):
        parts = bench.interval_parts(value)
        value = "/".join(parts) if parts else value
    unit = bench.UNIT_FORMS.get(g.unit, (None,))[0] if g.unit else None
    return Prediction(g.start, g.end, g.surface, value, unit, suite.endswith("currency"), qualifier)


@pytest.mark.parametrize("suite", bench.EXTRACTION_SUITES + bench.TEMPORAL_SUITES)
def test_oracle_predictions_score_perfectly_on_the_real_suites(suite):
    data = bench.shared_dir() / "bench"
    if not data.is_dir():
        pytest.skip("shared benchmark data not available")
    if suite in bench.TEMPORAL_SUITES:
        cases, agrees, rule = bench.temporal_cases(data / "temporal" / f"{suite}.jsonl"), date_agrees, None
    else:
        cases = bench.extraction_cases(data / "extraction" / f"{suite}.jsonl")
        agrees, rule = quantity_agrees, SUITE_RULES[suite]
    results = [score_case(c, [_oracle(g, suite) for g in c.gold if g.counted], agrees, rule, True) for c in cases]
    score = total(results)
    assert score.gold > 0
    assert (score.recall, score.precision) == (1.0, 1.0)
    assert score.unit_accuracy in (None, 1.0)


@pytest.mark.parametrize("unit, is_currency", [
    ("USD", True), ("GBP", True), ("cent", True), ("pence", True), ("km", False), ("%", False), (None, False),
])
def test_currency_units(unit, is_currency):
    assert bench.is_currency_unit(unit) is is_currency


def test_errors_show_what_was_expected_and_what_came_instead():
    case = Case("c", TEXT, (gold("1,500", 1500.0),))
    result = score_case(case, [pred("1,500", 150)], quantity_agrees, SUITE_RULES["recognizers-number"])
    shown = bench.errors([result], 5)
    assert shown["misses"][0]["expected"] == "'1,500'=1500.0"
    assert shown["misses"][0]["got"] == ["'1,500'=150"]
    assert "[[1,500]]" in shown["false_positives"][0]["text"]


def test_unit_suites_forgive_other_families_away_from_gold():
    text = "a 10 km walk took 20 minutes and $5 at 30 °C"
    case = Case("c", text, (Gold(*span("10 km", text), "10 km", 10.0, "Kilometer"),))
    preds = [Prediction(*span("10 km", text), "10 km", 10, "km"),
             Prediction(*span("20 minutes", text), "20 minutes", 20, "minute"),
             Prediction(*span("$5", text), "$5", 5, "USD", True),
             Prediction(*span("30 °C", text), "30 °C", 30, "°C")]
    dim = score_case(case, preds, quantity_agrees, SUITE_RULES["recognizers-dimension"])
    assert [dim.predictions[i].text for i in dim.false_positives] == ["30 °C"]
    temp = score_case(Case("c", text, ()), preds, quantity_agrees, SUITE_RULES["recognizers-temperature"])
    assert [temp.predictions[i].text for i in temp.false_positives] == ["30 °C"]
    age = score_case(Case("c", text, ()), preds, quantity_agrees, SUITE_RULES["recognizers-age"])
    assert [age.predictions[i].text for i in age.false_positives] == ["20 minutes"]
