"""Benchmark: quantities in real news sentences, factcheck beside quantulum3 (issue 10).

Run ``python3 -m benchmarks.quantities [--show] [--json] [--repeat N] [--no-suites]`` from the
repository root. Not a test: it measures, and exits 0 whatever the scores (2 when the data
file is missing). ``--show`` lists every miss and false prediction of factcheck (and, with
``--show-peer``, of quantulum3).

Data
----
``benchmarks/quantities/news.yaml``: sentences copied verbatim from real articles of
``../shared/corpora/{ecbplus,giveme5w1h,basil}``, labelled by hand (the labelling rules are
its header comment and ``benchmarks/quantities/README.md``). Every gold quantity has a
``surface`` (exact substring; ``nth`` picks its n-th occurrence), a ``value`` (number, or
``[low, high]``; null = *excluded*: vague or ambiguous items that are scored neither way),
a normalised ``unit`` (factcheck's names: "%", "USD", "km", "year"...; null for a bare
count), a ``change`` ("up" / "down" / null) and a ``counted`` head noun (bare counts only).

quantulum3's own suites, as shipped inside the installed package
(``quantulum3/_lang/en_US/tests/quantities.json`` and ``quantities.ambiguity.json``), are
scored for factcheck too, each file split by index parity: half A (even indices) is the
tuning half, half B (odd indices) the held-out half; both are printed apart.

Scoring rules
-------------
* Predictions: ``factcheck.extract(text, kinds=("quantity",))`` (no publication date:
  quantities need none), and ``quantulum3.parser.parse(text)`` converted exactly as
  ``benchmarks.extract.quantulum_quantities`` does (a value with uncertainty becomes the
  range (value - u, value + u); "dimensionless" becomes no unit).
* Match (``benchmarks.extract.score_case``): a prediction matches a counted gold item when
  the spans overlap and the values agree within ``VALUE_REL_TOL``; a gold range agrees only
  with a predicted range whose both ends agree, a scalar only with a scalar
  (``RANGE_MATCHES_SCALAR`` False: "20 and 30 percent" read as two figures is wrong); pairs
  are one-to-one (maximum matching). An unmatched prediction overlapping only an excluded
  gold item is ignored; any other unmatched prediction is a false positive.
* value P/R/F1 from those matches. value+unit: a match counts only when the units agree
  (``unit_agrees_news``: gold null needs no unit predicted; otherwise the predicted unit,
  case-folded, must be the gold unit or one of its spellings in ``UNIT_SPELLINGS``).
  value+change: a match counts only when the predicted change equals the gold one (null ==
  null). Both are scored as F1 over the same gold and predicted totals.
* Counted-noun accuracy: over matched quantities whose gold has a counted noun, the share
  whose predicted counted phrase contains a word with the same stem (``stem``: lower-cased,
  possessive and plural endings removed: "troops" ~ "troop", "Americans" ~ "american",
  "co-workers" ~ "co-worker"); reported with the share of matched quantities whose gold has
  no counted noun where one was predicted anyway (spurious). quantulum3 has no counted noun
  and no change: its counted accuracy is not computed and its change is always None.
* Predictions from factcheck: a Mention whose unit is in ``EXPANDED_UNITS`` ("score") and
  that has ``parts`` ("20-13": (20, 13)) claims each part: one prediction per part on its
  span. Units naming a kind (``KIND_UNITS``: "ratio", "score", "ordinal") compare as no unit.
  Ordinal-tagged predictions (unit ``ORDINAL_UNIT``) count like any other in the main line
  (ordinals are not quantities in the gold, so they are false positives); a second line
  gives the figures without them.
* Throughput: characters per second of each extractor on the same sentences, best of
  ``--repeat`` passes after one warm-up call (``benchmarks.extract.time_passes``); factcheck
  runs with ``kinds=("quantity",)``, as scored.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import yaml

from benchmarks.extract import (Case, CaseResult, Gold, Prediction, Score, is_currency_unit, overlaps,
                                quantulum_quantities, score_case, time_passes, total, _quantulum_parser)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "quantities" / "news.yaml"

# ---------------------------------------------------------------- settings (documented above)
VALUE_REL_TOL = 1e-4            # 2/3 ~ 0.6667, but 1,199 != 1,200
RANGE_MATCHES_SCALAR = False
DEFAULT_REPEAT = 3
SUITE_FILES = ("quantities.json", "quantities.ambiguity.json")
TUNING_HALF = 0                 # index parity of half A; half B is the other parity

# Issue 10's targets, printed beside the figures.
TARGETS = {"value_f1": 0.93, "value_change_f1": 0.90}
PUBLISHED = {"best CQE value F1": 0.92, "best CQE value+change F1": 0.88, "quantulum3 value F1 (published)": 0.69}

# Gold unit (factcheck's normalised names) -> other accepted spellings, compared case-folded.
# quantulum3 writes unit names in full; they are listed so the peer is judged on meaning.
UNIT_SPELLINGS: Dict[str, Tuple[str, ...]] = {
    "%": ("percentage", "percent", "per cent"),
    "USD": ("dollar", "united states dollar", "$"),
    "GBP": ("pound sterling", "british pound", "£"),
    "EUR": ("euro", "€"),
    "in": ("inch", "inches"),
    "ft": ("foot", "feet"),
    "yd": ("yard", "yards"),
    "mi": ("mile", "miles"),
    "m": ("metre", "meter"),
    "km": ("kilometre", "kilometer"),
    "mm": ("millimetre", "millimeter"),
    "lb": ("pound-mass", "pound", "pounds"),
    "t": ("tonne", "ton", "short ton", "long ton", "metric ton"),
    "GHz": ("gigahertz",),
    "GB": ("gigabyte",),
    "TB": ("terabyte",),
    "ly": ("light-year", "light year", "light years"),
    "year": ("years", "yr"),
    "month": ("months",),
    "week": ("weeks",),
    "day": ("days",),
    "hour": ("hours", "h", "hr"),
    "minute": ("minutes", "min"),
    "decade": ("decades",),
}

# Predicted "units" that name a kind of figure, not a unit ("two thirds" -> unit "ratio",
# "20-13" -> unit "score"): compared as no unit, as quantulum3's "dimensionless" is.
KIND_UNITS = frozenset({"ratio", "score", "ordinal"})
# A factcheck Mention with one of these units and ``parts`` ("20-13": parts (20, 13)) claims
# each part: it becomes one prediction per part, all on the Mention's span.
EXPANDED_UNITS = frozenset({"score"})
# Ordinals ("86th", "third") are not quantities in the gold; factcheck tags the ones it
# emits with this unit. They count as predictions (false positives) in the main figures;
# the alternative line "without ordinal-tagged" leaves them out.
ORDINAL_UNIT = "ordinal"

_POSSESSIVE = re.compile(r"['’]s?$")


# ---------------------------------------------------------------- data types
@dataclass(frozen=True)
class GoldQuantity:
    """One labelled quantity; ``value`` None = excluded (neither TP nor FP)."""

    start: int
    end: int
    surface: str
    value: Any
    unit: Optional[str] = None
    change: Optional[str] = None
    counted: Optional[str] = None
    kind: Optional[str] = None


@dataclass(frozen=True)
class Sentence:
    id: str
    source: str
    text: str
    gold: Tuple[GoldQuantity, ...]

    @property
    def cluster(self) -> str:
        parts = self.source.split("/")
        return "/".join(parts[:2])

    @property
    def has_quantity(self) -> bool:
        return any(g.value is not None for g in self.gold)


@dataclass(frozen=True)
class Predicted:
    """A scored prediction and what the scorer reads beyond its value and unit."""

    prediction: Prediction
    change: Optional[str] = None
    counted: Optional[str] = None


@dataclass(frozen=True)
class SystemScore:
    value: Score
    unit_tp: int
    change_tp: int
    counted_checked: int
    counted_ok: int
    counted_spurious: int
    counted_null_checked: int
    has_counted: bool = True

    @staticmethod
    def _f1(tp: int, gold: int, predicted: int) -> float:
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_unit_f1(self) -> float:
        return self._f1(self.unit_tp, self.value.gold, self.value.predicted)

    @property
    def value_change_f1(self) -> float:
        return self._f1(self.change_tp, self.value.gold, self.value.predicted)

    @property
    def counted_accuracy(self) -> Optional[float]:
        if not self.has_counted or not self.counted_checked:
            return None
        return self.counted_ok / self.counted_checked

    def as_dict(self) -> dict:
        acc = self.counted_accuracy
        return {"gold": self.value.gold, "predicted": self.value.predicted, "tp": self.value.tp,
                "value_precision": round(self.value.precision, 4), "value_recall": round(self.value.recall, 4),
                "value_f1": round(self.value.f1, 4), "value_unit_f1": round(self.value_unit_f1, 4),
                "value_change_f1": round(self.value_change_f1, 4),
                "counted_accuracy": None if acc is None else round(acc, 4),
                "counted_checked": self.counted_checked if self.has_counted else None,
                "counted_spurious": self.counted_spurious if self.has_counted else None}


# ---------------------------------------------------------------- loading
def nth_span(text: str, surface: str, nth: int = 1) -> Tuple[int, int]:
    """Span of the ``nth`` occurrence of ``surface`` in ``text``; ValueError when absent."""
    pos = -1
    for _ in range(max(1, nth)):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            raise ValueError(f"surface {surface!r} (occurrence {nth}) not in {text!r}")
    return pos, pos + len(surface)


def _gold_value(value: Any) -> Any:
    if isinstance(value, list):
        low, high = value
        return (float(low), float(high))
    return None if value is None else float(value)


def parse_sentences(items: Sequence[dict]) -> List[Sentence]:
    out = []
    for i, item in enumerate(items):
        text = item["text"]
        gold = []
        for q in item.get("quantities") or ():
            start, end = nth_span(text, q["surface"], int(q.get("nth", 1)))
            gold.append(GoldQuantity(start, end, q["surface"], _gold_value(q.get("value")), q.get("unit"),
                                     q.get("change"), q.get("counted"), q.get("kind")))
        out.append(Sentence(f"s{i:03d}", item.get("source", ""), text, tuple(gold)))
    return out


def load_sentences(path: Path = DATA) -> List[Sentence]:
    with open(path, encoding="utf-8") as fh:
        return parse_sentences(yaml.safe_load(fh) or [])


# ---------------------------------------------------------------- agreement
def values_agree(gold: Any, predicted: Any) -> bool:
    """Scalars within ``VALUE_REL_TOL``; ranges by both ends (see module doc)."""
    def close(a, b):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            math.isclose(a, b, rel_tol=VALUE_REL_TOL, abs_tol=1e-12)
    if isinstance(predicted, list):
        predicted = tuple(predicted)
    if isinstance(gold, tuple):
        return isinstance(predicted, tuple) and len(predicted) == 2 and \
            close(predicted[0], gold[0]) and close(predicted[1], gold[1])
    if isinstance(predicted, tuple):
        return RANGE_MATCHES_SCALAR and any(close(end, gold) for end in predicted)
    return close(predicted, gold)


def gold_agrees(gold: Gold, pred: Prediction) -> bool:
    return gold.value is not None and values_agree(gold.value, pred.value)


def unit_agrees_news(gold_unit: Optional[str], pred_unit: Optional[str]) -> bool:
    if pred_unit in KIND_UNITS:
        pred_unit = None
    if gold_unit is None or pred_unit is None:
        return gold_unit is None and pred_unit is None
    forms = (gold_unit,) + UNIT_SPELLINGS.get(gold_unit, ())
    p = pred_unit.strip().casefold()
    return any(p == f.casefold() for f in forms)


def stem(word: str) -> str:
    """Lower-cased, possessive and plural ending removed ("Americans" -> "american")."""
    w = _POSSESSIVE.sub("", word.strip().casefold())
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def counted_agrees(gold_head: str, predicted_phrase: Optional[str]) -> bool:
    """The gold head noun's stem equals the stem of one word of the predicted phrase."""
    if not predicted_phrase:
        return False
    return stem(gold_head) in {stem(w) for w in predicted_phrase.split()}


# ---------------------------------------------------------------- predictors
def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def factcheck_predict(text: str) -> List[Predicted]:
    from factcheck import extract
    out = []
    for m in extract(text, kinds=("quantity",)):
        if m.kind != "quantity":
            continue
        change = getattr(m, "change", None)     # Mention.change may not exist yet: read it if present
        parts = getattr(m, "parts", None)
        values = parts if (parts and m.unit in EXPANDED_UNITS) else (_plain(m.value),)
        for value in values:
            p = Prediction(m.start, m.end, m.text, value, m.unit, is_currency_unit(m.unit), m.qualifier)
            out.append(Predicted(p, change, m.counted))
    return out


def without_ordinals(predict: Callable[[str], List[Predicted]]) -> Callable[[str], List[Predicted]]:
    """``predict`` minus predictions whose unit is ``ORDINAL_UNIT`` (the alternative figure)."""
    return lambda text: [p for p in predict(text) if p.prediction.unit != ORDINAL_UNIT]


def quantulum_predict(text: str) -> List[Predicted]:
    return [Predicted(p) for p in quantulum_quantities(text)]


# ---------------------------------------------------------------- scoring
@dataclass(frozen=True)
class SentenceResult:
    sentence: Sentence
    result: CaseResult
    predicted: Tuple[Predicted, ...]


def _case(s: Sentence) -> Case:
    return Case(s.id, s.text, tuple(Gold(g.start, g.end, g.surface, g.value, g.unit, g.value is not None)
                                    for g in s.gold))


def score_sentence(s: Sentence, predicted: Sequence[Predicted]) -> SentenceResult:
    result = score_case(_case(s), [p.prediction for p in predicted], gold_agrees)
    return SentenceResult(s, result, tuple(predicted))


def score_system(results: Sequence[SentenceResult], has_counted: bool = True) -> SystemScore:
    unit_tp = change_tp = checked = ok = spurious = null_checked = 0
    for r in results:
        for gi, pi in r.result.matches:
            g, p = r.sentence.gold[gi], r.predicted[pi]
            unit_tp += unit_agrees_news(g.unit, p.prediction.unit)
            change_tp += (g.change or None) == (p.change or None)
            if g.counted:
                checked += 1
                ok += counted_agrees(g.counted, p.counted)
            else:
                null_checked += 1
                spurious += bool(p.counted)
    return SystemScore(total(r.result for r in results), unit_tp, change_tp, checked, ok, spurious,
                       null_checked, has_counted)


class Guarded:
    """A predictor that survives an extractor raising: no predictions, failure reported."""

    def __init__(self, predict: Callable[[str], List[Predicted]]):
        self.predict = predict
        self.crashes: List[str] = []

    def __call__(self, s: Sentence) -> List[Predicted]:
        try:
            return self.predict(s.text)
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            self.crashes.append(f"{s.id}: {type(exc).__name__}: {exc}")
            return []


def run_system(sentences: Sequence[Sentence], predict: Callable[[str], List[Predicted]],
               has_counted: bool = True) -> Tuple[SystemScore, List[SentenceResult], List[str]]:
    guarded = Guarded(predict)
    results = [score_sentence(s, guarded(s)) for s in sentences]
    return score_system(results, has_counted), results, guarded.crashes


# ---------------------------------------------------------------- quantulum3's own suites
def quantulum_suite_dir() -> Optional[Path]:
    try:
        import quantulum3
    except ImportError:
        return None
    path = Path(quantulum3.__file__).resolve().parent / "_lang" / "en_US" / "tests"
    return path if path.is_dir() else None


def suite_sentences(items: Sequence[dict]) -> List[Sentence]:
    """quantulum3's ``{"req", "res": [{"surface", "value", "uncertainty"?}]}`` -> Sentences.
    Each surface is looked up from where the previous one started (they come in order)."""
    out = []
    for i, item in enumerate(items):
        text, pos, gold = item["req"], 0, []
        for r in item.get("res") or ():
            start = text.find(r["surface"], pos)
            if start < 0:
                start = text.find(r["surface"])
            if start < 0:
                continue
            value, u = r.get("value"), r.get("uncertainty")
            value = (value - u, value + u) if u else float(value)
            gold.append(GoldQuantity(start, start + len(r["surface"]), r["surface"], value, r.get("unit")))
            pos = start
        out.append(Sentence(f"q{i:03d}", "", text, tuple(gold)))
    return out


def halves(items: Sequence[Any]) -> Tuple[List[Any], List[Any]]:
    """(half A, half B) by index parity; half A holds indices of parity ``TUNING_HALF``."""
    a = [x for i, x in enumerate(items) if i % 2 == TUNING_HALF]
    b = [x for i, x in enumerate(items) if i % 2 != TUNING_HALF]
    return a, b


def run_quantulum_suites(directory: Optional[Path], peer: bool = True) -> Dict[str, dict]:
    out: Dict[str, dict] = {}
    if directory is None:
        return out
    for name in SUITE_FILES:
        path = directory / name
        if not path.exists():
            continue
        cases = suite_sentences(json.loads(path.read_text(encoding="utf-8")))
        for label, half in zip(("A (tuning)", "B (held out)"), halves(cases)):
            row = {"cases": len(half), "factcheck": run_system(half, factcheck_predict)[0].as_dict()}
            if peer:
                row["quantulum3"] = run_system(half, quantulum_predict, False)[0].as_dict()
            out[f"{name} half {label}"] = row
    return out


# ---------------------------------------------------------------- throughput
def _time(sentences: Sequence[Sentence], predict: Callable[[str], Any], repeat: int):
    texts = [(s.text, None) for s in sentences]
    return time_passes(texts, lambda text, _published: predict(text), repeat)


def _factcheck_raw(text: str):
    from factcheck import extract
    return extract(text, kinds=("quantity",))


def _quantulum_raw(text: str):
    parser = _quantulum_parser()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parser.parse(text)


# ---------------------------------------------------------------- the whole run
def dataset_summary(sentences: Sequence[Sentence]) -> dict:
    clusters = {s.cluster for s in sentences}
    return {"sentences": len(sentences),
            "quantities": sum(1 for s in sentences for g in s.gold if g.value is not None),
            "excluded": sum(1 for s in sentences for g in s.gold if g.value is None),
            "sentences_without_quantity": sum(1 for s in sentences if not s.has_quantity),
            "clusters": len(clusters),
            "corpora": sorted({s.source.split("/")[0] for s in sentences})}


def run(sentences: Optional[Sequence[Sentence]] = None, repeat: int = DEFAULT_REPEAT,
        suites: bool = True, timing: bool = True) -> dict:
    """All figures as a dict (``main`` prints them). ``sentences`` default: ``news.yaml``.
    Key ``_results`` holds the per-sentence results of both systems (for ``--show``)."""
    sentences = list(load_sentences() if sentences is None else sentences)
    ours, our_results, our_crashes = run_system(sentences, factcheck_predict)
    peer, peer_results, peer_crashes = run_system(sentences, quantulum_predict, has_counted=False)
    no_ordinals = run_system(sentences, without_ordinals(factcheck_predict))[0]
    out: Dict[str, Any] = {
        "dataset": dataset_summary(sentences),
        "factcheck": dict(ours.as_dict(), crashes=our_crashes),
        "quantulum3": dict(peer.as_dict(), crashes=peer_crashes),
        "factcheck_without_ordinal_tagged": no_ordinals.as_dict(),
        "targets": dict(TARGETS), "published": dict(PUBLISHED),
        "_results": {"factcheck": our_results, "quantulum3": peer_results},
    }
    if suites:
        out["quantulum3_suites"] = run_quantulum_suites(quantulum_suite_dir())
    if timing:
        ft, qt = _time(sentences, _factcheck_raw, repeat), _time(sentences, _quantulum_raw, repeat)
        out["throughput"] = {"chars": ft.chars, "factcheck_cps": round(ft.best_cps),
                             "quantulum3_cps": round(qt.best_cps),
                             "ratio": round(ft.best_cps / qt.best_cps, 2) if qt.best_cps else None,
                             "repeat": repeat}
    return out


# ---------------------------------------------------------------- output
def _describe(p: Predicted) -> str:
    q = p.prediction
    bits = [f"{q.text!r}={q.value!r}", q.unit, p.change and f"change={p.change}",
            p.counted and f"counted={p.counted!r}"]
    return " ".join(b for b in bits if b)


def _describe_gold(g: GoldQuantity) -> str:
    bits = [f"{g.surface!r}={g.value!r}", g.unit, g.change and f"change={g.change}",
            g.counted and f"counted={g.counted!r}"]
    return " ".join(b for b in bits if b)


def error_lines(results: Sequence[SentenceResult]) -> List[str]:
    """Misses, false predictions, and matches whose unit, change or counted noun is wrong."""
    lines = []
    for r in results:
        s, res = r.sentence, r.result
        for gi in res.misses:
            g = s.gold[gi]
            near = [_describe(p) for p in r.predicted if overlaps(g, p.prediction)]
            lines.append(f"MISS {s.id} {s.source}\n     {s.text}\n     gold {_describe_gold(g)}  got {near or '-'}")
        for pi in res.false_positives:
            p = r.predicted[pi]
            lines.append(f"FP   {s.id} {s.source}\n     {s.text}\n     got {_describe(p)}")
        for gi, pi in res.matches:
            g, p = s.gold[gi], r.predicted[pi]
            wrong = []
            if not unit_agrees_news(g.unit, p.prediction.unit):
                wrong.append("unit")
            if (g.change or None) != (p.change or None):
                wrong.append("change")
            if g.counted and not counted_agrees(g.counted, p.counted):
                wrong.append("counted")
            if wrong:
                lines.append(f"{'/'.join(wrong).upper():<5}{s.id} {s.source}\n     {s.text}\n"
                             f"     gold {_describe_gold(g)}  got {_describe(p)}")
    return lines


def render(figures: dict) -> str:
    d = figures["dataset"]
    lines = [f"news quantities: {d['sentences']} sentences ({d['sentences_without_quantity']} without a quantity), "
             f"{d['quantities']} quantities (+{d['excluded']} excluded), {d['clusters']} clusters of "
             f"{', '.join(d['corpora'])}",
             "",
             f"{'system':<12}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}{'F1 +unit':>10}"
             f"{'F1 +change':>12}{'counted acc':>13}"]
    for name in ("factcheck", "quantulum3"):
        f = figures[name]
        counted = "-" if f["counted_accuracy"] is None else f"{f['counted_accuracy']:.3f} ({f['counted_checked']})"
        lines.append(f"{name:<12}{f['gold']:>6}{f['predicted']:>6}{f['tp']:>6}{f['value_precision']:>8.3f}"
                     f"{f['value_recall']:>8.3f}{f['value_f1']:>8.3f}{f['value_unit_f1']:>10.3f}"
                     f"{f['value_change_f1']:>12.3f}{counted:>13}")
        if f.get("crashes"):
            lines.append(f"    ! {name} raised on {len(f['crashes'])} sentence(s); first: {f['crashes'][0]}")
    alt = figures.get("factcheck_without_ordinal_tagged")
    if alt:
        lines.append(f"  factcheck without ordinal-tagged predictions:  P {alt['value_precision']:.3f}  "
                     f"F1 {alt['value_f1']:.3f}  F1 +unit {alt['value_unit_f1']:.3f}  "
                     f"F1 +change {alt['value_change_f1']:.3f}")
    t = figures["targets"]
    fc = figures["factcheck"]
    lines.append(f"{'target':<12}{'':>42}{t['value_f1']:>8.2f}{'':>10}{t['value_change_f1']:>12.2f}"
                 f"   value F1 {'ok' if fc['value_f1'] >= t['value_f1'] else 'NO'}, "
                 f"+change {'ok' if fc['value_change_f1'] >= t['value_change_f1'] else 'NO'}")
    lines.append("published: " + ", ".join(f"{k} {v:.2f}" for k, v in figures["published"].items()))
    if fc.get("counted_spurious") is not None:
        lines.append(f"factcheck counted noun where gold has none: {fc['counted_spurious']} of the matched "
                     f"quantities without one")
    if figures.get("quantulum3_suites") is not None:
        lines.append("")
        suites = figures["quantulum3_suites"]
        if not suites:
            lines.append("quantulum3's own suites: not found in the installed package")
        else:
            lines.append(f"{'quantulum3 suite (factcheck | quantulum3)':<46}{'cases':>6}{'gold':>6}"
                         f"{'R':>8}{'P':>8}{'|':>3}{'R':>8}{'P':>8}")
            for name, row in suites.items():
                f, q = row["factcheck"], row.get("quantulum3")
                peer = f"{q['value_recall']:>8.3f}{q['value_precision']:>8.3f}" if q else ""
                lines.append(f"{name:<46}{row['cases']:>6}{f['gold']:>6}{f['value_recall']:>8.3f}"
                             f"{f['value_precision']:>8.3f}{'|':>3}{peer}")
    if figures.get("throughput"):
        t = figures["throughput"]
        lines.append("")
        lines.append(f"speed on these sentences ({t['chars']} chars, best of {t['repeat']}): factcheck "
                     f"{t['factcheck_cps']:,} chars/s, quantulum3 {t['quantulum3_cps']:,} chars/s, "
                     f"ratio {t['ratio']}x")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m benchmarks.quantities", description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="list factcheck's misses, false predictions and wrong attributes")
    ap.add_argument("--show-peer", action="store_true", help="the same for quantulum3")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, metavar="N", help="timed passes")
    ap.add_argument("--no-suites", action="store_true", help="skip quantulum3's own suites")
    ap.add_argument("--data", type=Path, default=DATA, help="the labelled sentences (YAML)")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"benchmarks.quantities: {args.data} not found", file=sys.stderr)
        return 2
    figures = run(load_sentences(args.data), repeat=args.repeat, suites=not args.no_suites)
    results = figures.pop("_results")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print(render(figures))
    for name, flag in (("factcheck", args.show), ("quantulum3", args.show_peer)):
        if flag:
            print(f"\n--- {name}: errors")
            print("\n".join(error_lines(results[name])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
