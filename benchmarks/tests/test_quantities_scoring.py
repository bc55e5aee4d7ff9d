"""The news-quantities benchmark's scorer (benchmarks/quantities.py), on hand-made cases,
and the labelled set's own invariants (no timing here)."""
import os

import pytest
from hypothesis import given, strategies as st

from benchmarks import quantities as bq
from benchmarks.extract import Prediction, shared_dir
from benchmarks.quantities import (GoldQuantity, Predicted, Sentence, counted_agrees, halves, nth_span,
                                   parse_sentences, score_sentence, score_system, suite_sentences,
                                   unit_agrees_news, values_agree)

TEXT = "Troops rose by 300 to 1,500 soldiers, costing $2bn, 20 to 30 percent more."


def g(surface, value, unit=None, change=None, counted=None, nth=1, text=TEXT):
    start, end = nth_span(text, surface, nth)
    return GoldQuantity(start, end, surface, value, unit, change, counted)


def p(surface, value, unit=None, change=None, counted=None, nth=1, text=TEXT):
    start, end = nth_span(text, surface, nth)
    return Predicted(Prediction(start, end, surface, value, unit), change, counted)


GOLD = (g("300", 300.0, change="up", counted="troops"), g("1,500", 1500.0, counted="soldiers"),
        g("$2bn", 2e9, "USD"), g("20 to 30 percent", (20.0, 30.0), "%", "up"))
SENTENCE = Sentence("s1", "ecbplus/x/1.txt", TEXT, GOLD)
PERFECT = [p("300", 300, None, "up", "troops"), p("1,500", 1500, None, None, "soldiers"),
           p("$2bn", 2_000_000_000, "USD"), p("20 to 30 percent", (20, 30), "%", "up")]


def score(preds, sentence=SENTENCE):
    return score_system([score_sentence(sentence, preds)])


def test_perfect_predictions_score_one_everywhere():
    s = score(PERFECT)
    assert (s.value.gold, s.value.predicted, s.value.tp) == (4, 4, 4)
    assert s.value.f1 == s.value_unit_f1 == s.value_change_f1 == 1.0
    assert s.counted_accuracy == 1.0


def test_a_wrong_value_is_a_miss_and_a_false_positive():
    preds = PERFECT[:1] + [p("1,500", 150, None, None, "soldiers")] + PERFECT[2:]
    r = score_sentence(SENTENCE, preds)
    assert r.result.misses == (1,) and r.result.false_positives == (1,)
    assert score_system([r]).value.f1 == pytest.approx(0.75)


def test_wrong_unit_and_wrong_change_cost_only_their_own_figure():
    preds = [p("300", 300, None, None, "troops"), PERFECT[1], p("$2bn", 2e9, "EUR"), PERFECT[3]]
    s = score(preds)
    assert s.value.f1 == 1.0
    assert s.value_unit_f1 == pytest.approx(0.75)
    assert s.value_change_f1 == pytest.approx(0.75)


def test_a_range_matches_only_by_both_ends():
    assert values_agree((20.0, 30.0), (20, 30))
    assert not values_agree((20.0, 30.0), (20, 31))
    assert not values_agree((20.0, 30.0), 20)       # half a range is not the range
    assert not values_agree(20.0, (20, 30))         # nor is a range a scalar
    s = score([p("20 to 30 percent", 20, "%"), p("30 percent", 30, "%")],
              Sentence("s", "", TEXT, (GOLD[3],)))
    assert (s.value.tp, s.value.predicted) == (0, 2)


def test_value_tolerance_is_small_and_relative():
    assert values_agree(2 / 3, 0.6667)
    assert not values_agree(1199.0, 1200)
    assert values_agree(2e9, 2_000_000_000)


def test_spans_must_overlap():
    s = score([p("300", 1500)], Sentence("s", "", TEXT, (GOLD[1],)))
    assert (s.value.tp, s.value.predicted) == (0, 1)


def test_matching_is_one_to_one():
    s = score([PERFECT[1], PERFECT[1]], Sentence("s", "", TEXT, (GOLD[1],)))
    assert (s.value.tp, s.value.fp) == (1, 1)


def test_excluded_gold_ignores_a_prediction_on_it_but_counts_nothing():
    text = "One of the biggest stars, and 2 others."
    sentence = Sentence("s", "", text, (g("One of the", None, text=text), g("2", 2.0, text=text)))
    s = score([p("One", 1, text=text), p("2", 2, text=text)], sentence)
    assert (s.value.gold, s.value.predicted, s.value.tp) == (1, 1, 1)


def test_units_compare_by_spelling_and_kind_units_count_as_none():
    assert unit_agrees_news("USD", "dollar") and unit_agrees_news("%", "percentage")
    assert unit_agrees_news("in", "inch") and not unit_agrees_news("in", "ft")
    assert unit_agrees_news(None, None) and unit_agrees_news(None, "ratio")
    assert not unit_agrees_news(None, "year") and not unit_agrees_news("year", None)


@pytest.mark.parametrize("gold, phrase, ok", [
    ("troops", "troops", True), ("troops", "US troop", True), ("Americans", "american", True),
    ("co-workers", "co-worker", True), ("players", "women", False), ("victim", None, False),
    ("stories", "story", True), ("boxes", "box", True), ("bus", "bus", True),
])
def test_counted_nouns_compare_by_stem(gold, phrase, ok):
    assert counted_agrees(gold, phrase) is ok


def test_counted_accuracy_is_over_matched_quantities_with_a_gold_noun():
    preds = [p("300", 300, None, "up", "gains"), PERFECT[1], p("$2bn", 2e9, "USD", None, "costs")]
    s = score(preds)
    assert (s.counted_checked, s.counted_ok) == (2, 1)
    assert s.counted_accuracy == 0.5
    assert s.counted_spurious == 1                  # "$2bn" has no counted noun in the gold


def test_peer_without_counted_nouns_has_no_counted_accuracy():
    s = score_system([score_sentence(SENTENCE, PERFECT)], has_counted=False)
    assert s.counted_accuracy is None and s.as_dict()["counted_checked"] is None


def test_nth_occurrence_and_missing_surface():
    assert nth_span("ages 16 and 6", "6", 2) == (12, 13)
    with pytest.raises(ValueError):
        nth_span("ages 16 and 6", "6", 3)
    with pytest.raises(ValueError):
        parse_sentences([{"text": "two cats", "quantities": [{"surface": "three", "value": 3}]}])


def test_parse_reads_ranges_and_exclusions():
    [s] = parse_sentences([{"source": "basil/c/1.txt", "text": "40-60 hour, decades",
                            "quantities": [{"surface": "40-60 hour", "value": [40, 60], "unit": "hour"},
                                           {"surface": "decades", "value": None}]}])
    assert s.gold[0].value == (40.0, 60.0) and s.gold[1].value is None
    assert s.has_quantity and s.cluster == "basil/c"


def test_score_parts_expand_to_one_prediction_each(monkeypatch):
    from factcheck.mention import Mention
    text = "won 20-13 at home"
    m = Mention("quantity", 4, 9, "20-13", 20, unit="score")
    object.__setattr__(m, "parts", (20, 13))
    monkeypatch.setattr("factcheck.extract", lambda t, kinds=None: [m])
    preds = bq.factcheck_predict(text)
    assert [x.prediction.value for x in preds] == [20, 13]
    sentence = Sentence("s", "", text, (g("20", 20.0, text=text), g("13", 13.0, text=text)))
    assert score(preds, sentence).value.f1 == 1.0


def test_ordinal_tagged_predictions_can_be_left_out():
    def predict(text):
        return [p("300", 300), Predicted(Prediction(0, 6, "Troops", 3, "ordinal"))]
    assert [x.prediction.unit for x in bq.without_ordinals(predict)(TEXT)] == [None]


@given(st.lists(st.integers(), max_size=40))
def test_halves_split_by_parity_and_lose_nothing(items):
    a, b = halves(items)
    assert a == items[bq.TUNING_HALF::2] and b == items[1 - bq.TUNING_HALF::2]
    assert sorted(a + b) == sorted(items)


def test_quantulum_suite_cases_read_uncertainty_as_a_range():
    [s] = suite_sentences([{"req": "3 to 4 L of wine and 3 L", "res": [
        {"surface": "3 to 4 L", "value": 3.5, "uncertainty": 0.5}, {"surface": "3 L", "value": 3}]}])
    assert s.gold[0].value == (3.0, 4.0)
    assert (s.gold[1].start, s.gold[1].value) == (len("3 to 4 L of wine and "), 3.0)


def test_run_returns_figures_for_both_systems():
    sentences = [Sentence("s1", "x/c/1.txt", "It cost $500 and 3 days.",
                          (g("$500", 500.0, "USD", text="It cost $500 and 3 days."),
                           g("3 days", 3.0, "day", text="It cost $500 and 3 days.")))]
    figures = bq.run(sentences, suites=False, timing=False)
    for name in ("factcheck", "quantulum3"):
        assert {"value_f1", "value_unit_f1", "value_change_f1", "counted_accuracy"} <= set(figures[name])
        assert figures[name]["gold"] == 2
    assert figures["dataset"]["quantities"] == 2 and figures["dataset"]["clusters"] == 1


# ---------------------------------------------------------------- the labelled set itself
def test_labelled_set_meets_the_issue_sizes_and_avoids_the_claims_dev_clusters():
    sentences = bq.load_sentences()                 # raises if a surface is not in its sentence
    summary = bq.dataset_summary(sentences)
    assert summary["quantities"] >= 300
    assert summary["sentences_without_quantity"] >= 40
    assert summary["clusters"] >= 30
    assert set(summary["corpora"]) == {"ecbplus", "giveme5w1h", "basil"}
    dev = set(os.listdir(bq.REPO / "benchmarks" / "dev"))
    assert not {s.cluster.split("/")[1] for s in sentences} & dev
    for s in sentences:
        for q in s.gold:
            assert q.change in (None, "up", "down"), (s.id, q)
            assert q.value is None or q.unit is None or not q.counted, (s.id, q)


def test_labelled_sentences_are_verbatim_from_the_corpora():
    corpora = shared_dir() / "corpora"
    if not corpora.is_dir():
        pytest.skip("shared corpora not available")
    texts = {}
    for s in bq.load_sentences():
        if s.source not in texts:
            texts[s.source] = (corpora / s.source).read_text(encoding="utf-8")
        assert s.text in texts[s.source], s.id
