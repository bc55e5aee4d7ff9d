"""Benchmark: a second language read from data alone (issue 8), scored on Recognizers-Text specs.

Run ``python -m benchmarks.second_language [--language spanish] [--errors N] [--json] [--no-english]``
Not a test: it measures, and exits 0 whatever the scores (2 when the shared data is missing).

The specs are the raw Recognizers-Text files copied to
``<shared>/bench/second-language/<language>/*.json`` (JSON with a UTF-8 byte-order mark, one list
of cases with ``Input``, ``Results`` and, for the parsers, ``Context.ReferenceDateTime``); the
shared directory is found as ``benchmarks.extract`` finds it (``$FACTCHECK_SHARED`` or
``<repo>/../shared``). Predictions are ``factcheck.extract.extract(text, published=reference,
lang=<code>)``; pairing, overlap and "excluded" are ``benchmarks.extract``'s scoring rules
(``score_case``), so the figures read like the English ones printed beside them.

Gold items per file (spans: ``Start`` .. ``End`` inclusive, or ``Start`` + ``Length``)
* ``number-NumberModel``: every result, value ``Resolution.value``; predictions: every quantity
  (a number with a measurement unit overlapping no gold item is forgiven, as in English).
* ``number-PercentModel``: value ``Resolution.value`` without its "%"; predictions: unit "%".
* ``number-NumberRangeModel``: ``(20,35]`` -> the range (20, 35), ``[20,)`` -> the open bound 20
  (our open ranges are a value with a qualifier), ``[20,20]`` -> 20; predictions as the English
  numberrange suite (tuples and qualified figures; a plain number only where it overlaps a range).
* ``datetime-DateExtractor``: spans only (the file has no values): any date overlapping agrees.
* ``datetime-DateParser``: ``Value.Timex`` when it is a calendar value, else the future or the
  past resolution (either agrees: Recognizers gives both for "el 15", we pick one by cues).
* ``datetime-DateTimeModel``: results of type ``datetimeV2.date`` and ``datetimeV2.daterange``
  are counted, with any of their ``Resolution.values`` (``value``, or ``timex`` when calendar-shaped,
  or the interval ``start``..``end``) agreeing; the other types (time, datetime, duration, set,
  ranges of times) are *excluded*: a date overlapping them is neither right nor wrong.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from benchmarks import extract as bench

#: Spec folder name -> language code of factcheck/lang/<code>/.
LANGUAGES = {"spanish": "es", "german": "de"}
NUMBER_FILES = ("number-NumberModel", "number-PercentModel", "number-NumberRangeModel")
DATE_FILES = ("datetime-DateExtractor", "datetime-DateParser", "datetime-DateTimeModel")
#: English suites (benchmarks.extract) printed beside the Spanish files for contrast.
ENGLISH_CONTRAST = {"number-NumberModel": "recognizers-number", "number-PercentModel": "recognizers-percentage",
                    "number-NumberRangeModel": "recognizers-numberrange", "datetime-DateTimeModel": "recognizers-en"}
#: DateTimeModel result types that are dates (counted); every other type is excluded.
COUNTED_DATE_TYPES = ("datetimeV2.date", "datetimeV2.daterange")

_RANGE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^,]*)\s*([\])])$")
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$|^\d{4}-W\d{2}$")


# ---------------------------------------------------------------- reading the specs
def read_spec(path: Path) -> List[dict]:
    """One raw Recognizers-Text spec file (UTF-8 with a byte-order mark)."""
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _span(text: str, result: dict) -> Tuple[int, int]:
    start = int(result["Start"])
    if "End" in result:
        return start, int(result["End"]) + 1          # Recognizers' End is inclusive
    if "Length" in result:
        return start, start + int(result["Length"])
    return start, start + len(result.get("Text", ""))


def _number(text: str) -> Optional[float]:
    """A spec's resolved value: "2000000000", "-1,1234567%" (Spanish writes the decimal comma
    there too: with a comma, dots group thousands)."""
    if not isinstance(text, str):
        return None
    text = text.replace("%", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def range_value(written: str) -> Any:
    """``(20,35]`` -> (20.0, 35.0); ``[20,)`` -> (20.0, None); ``[20,20]`` -> 20.0; else None."""
    m = _RANGE.match((written or "").strip())
    if not m:
        return _number(written)
    low, high = _number(m.group(2)) if m.group(2) else None, _number(m.group(3)) if m.group(3) else None
    if low is not None and low == high:
        return low
    return (low, high)


def number_case(name: str, i: int, item: dict) -> bench.Case:
    text = item["Input"]
    golds = []
    for r in item.get("Results") or []:
        start, end = _span(text, r)
        written = (r.get("Resolution") or {}).get("value")
        value = range_value(written) if name == "number-NumberRangeModel" else _number(written)
        golds.append(bench.Gold(start, end, r.get("Text", ""), value))
    return bench.Case(f"{name}#{i}", text, tuple(golds))


def _reference(item: dict) -> Optional[str]:
    ref = (item.get("Context") or {}).get("ReferenceDateTime")
    return ref[:10] if ref else None


def _date_values(result: dict) -> Tuple[str, ...]:
    """Every value a date result may be read as (empty: span only)."""
    out: List[str] = []
    value = result.get("Value") or {}
    timex = value.get("Timex")
    if timex and _CALENDAR.match(timex):
        out.append(timex)
    for key in ("FutureResolution", "PastResolution"):
        resolved = (value.get(key) or {}).get("date")
        if resolved:
            out.append(resolved[:10])
    for v in (result.get("Resolution") or {}).get("values") or []:
        if v.get("value"):
            out.append(v["value"][:10])
        elif v.get("timex") and _CALENDAR.match(v["timex"]):
            out.append(v["timex"])
        if v.get("start") and v.get("end"):
            out.append(f"({v['start'][:10]},{v['end'][:10]},P)")
    return tuple(dict.fromkeys(out))


def date_case(name: str, i: int, item: dict) -> bench.Case:
    text = item["Input"]
    golds = []
    for r in item.get("Results") or []:
        start, end = _span(text, r)
        kind = r.get("TypeName") or r.get("Type") or ""
        counted = kind in ("date", "daterange") or kind in COUNTED_DATE_TYPES
        values = _date_values(r)
        golds.append(bench.Gold(start, end, r.get("Text", ""), values or None, None, counted))
    return bench.Case(f"{name}#{i}", text, tuple(golds), _reference(item))


def date_agrees(gold: bench.Gold, pred: bench.Prediction) -> bool:
    """Any of the gold's readings agrees (``benchmarks.extract.date_agrees`` for each)."""
    if gold.value is None:
        return True
    return any(bench.date_agrees(bench.Gold(gold.start, gold.end, gold.surface, v), pred) for v in gold.value)


# ---------------------------------------------------------------- predicting and scoring
def quantities(text: str, lang: str) -> List[bench.Prediction]:
    from factcheck import extract
    return [bench.Prediction(m.start, m.end, m.text, bench._plain(m.value), m.unit, bench.is_currency_unit(m.unit),
                             m.qualifier)
            for m in extract(text, kinds=("quantity",), lang=lang) if m.kind == "quantity"]


def dates(text: str, published: Optional[str], lang: str) -> List[bench.Prediction]:
    from factcheck import extract
    return [bench.Prediction(m.start, m.end, m.text, m.value)
            for m in extract(text, published=published, kinds=("date",), lang=lang) if m.kind == "date"]


#: Which predictions each file scores: the English suite's rule for the same model.
RULES: Dict[str, bench.SuiteRule] = {
    "number-NumberModel": bench.SUITE_RULES["recognizers-number"],
    "number-PercentModel": bench.SUITE_RULES["recognizers-percentage"],
    "number-NumberRangeModel": bench.SUITE_RULES["recognizers-numberrange"],
}


@dataclass(frozen=True)
class FileReport:
    name: str
    cases: int
    score: bench.Score
    errors: Optional[dict] = None
    note: str = ""


def run_file(folder: Path, name: str, lang: str, error_limit: int) -> FileReport:
    items = read_spec(folder / f"{name}.json")
    if name in NUMBER_FILES:
        cases = [number_case(name, i, item) for i, item in enumerate(items)]
        predict = bench.Guarded(lambda c: quantities(c.text, lang))
        results = bench.run_cases(cases, predict, bench.quantity_agrees, RULES[name])
    else:
        cases = [date_case(name, i, item) for i, item in enumerate(items)]
        predict = bench.Guarded(lambda c: dates(c.text, c.published, lang))
        results = bench.run_cases(cases, predict, date_agrees)
    return FileReport(name, len(cases), bench.total(results),
                      bench.errors(results, error_limit) if error_limit else None, predict.note)


def english_contrast(shared: Path) -> Dict[str, bench.Score]:
    """The English suites of the same models, as ``benchmarks.extract`` scores them."""
    out: Dict[str, bench.Score] = {}
    b = shared / "bench"
    for spanish, suite in ENGLISH_CONTRAST.items():
        if suite in bench.TEMPORAL_SUITES:
            out[spanish] = bench.run_temporal_suite(b, suite, 0)[0].score
        else:
            out[spanish] = bench.run_extraction_suite(b, suite, 0).score
    return out


# ---------------------------------------------------------------- output
def _line(label: str, s: bench.Score) -> str:
    return f"{label:<34}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.recall:>8.3f}{s.precision:>8.3f}{s.f1:>8.3f}"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.second_language", description=__doc__.split("\n")[0])
    parser.add_argument("--language", default="spanish", choices=sorted(LANGUAGES))
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show up to N misses and false positives per file")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-english", action="store_true", help="skip the English contrast")
    args = parser.parse_args(argv)
    shared = bench.shared_dir()
    shared = shared.parent if shared.name == "bench" else shared
    folder = shared / "bench" / "second-language" / args.language
    if not folder.is_dir():
        print(f"no specs for {args.language!r} in {folder}", file=sys.stderr)
        return 2
    lang = LANGUAGES[args.language]
    names = [name for name in NUMBER_FILES + DATE_FILES if (folder / f"{name}.json").is_file()]
    reports = [run_file(folder, name, lang, args.errors) for name in names]
    english = {} if args.no_english else english_contrast(shared)
    if args.json:
        print(json.dumps({"language": args.language, "lang": lang,
                          "files": {r.name: {"cases": r.cases, **r.score.as_dict(), "note": r.note,
                                             **({"errors": r.errors} if r.errors else {})} for r in reports},
                          "english": {k: v.as_dict() for k, v in english.items()}},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{args.language} (lang/{lang}/), Recognizers-Text specs in {folder}")
    print(f"{'file':<34}{'gold':>6}{'pred':>6}{'tp':>6}{'recall':>8}{'prec':>8}{'F1':>8}")
    for r in reports:
        print(_line(r.name, r.score))
        if r.name in english:
            print(_line(f"  english: {ENGLISH_CONTRAST[r.name]}", english[r.name]))
        if r.note:
            print(f"  note: {r.note}")
        if r.note:
            print(f"  note: {r.note}")
    for r in reports:
        if r.errors:
            print(f"\n{r.name}:")
            for kind in ("misses", "false_positives"):
                for e in r.errors[kind]:
                    print(f"  {kind[:-2] if kind == 'misses' else 'false positive'}: {e['text']}  expected {e['expected']}  got {e['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
