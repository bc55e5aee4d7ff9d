"""How much of the hand-written facts.yaml ``factcheck suggest`` recovers.

    python3 -m benchmarks.suggest [--dev benchmarks/dev] [--cluster ID] [--show]

For every labelled dev cluster (``benchmarks/dev/<cluster>/``, see its README.md) the facts
are drafted from the cluster's articles in ``../shared/corpora/<corpus>/<cluster>/`` (read in
place: the drafter writes nothing there) and compared with the hand-written ``facts.yaml``:

- a hand-written figure is *recovered* when a suggested number fact has an overlapping value
  (their intervals meet, as the checker reads them) and a compatible measure: the measures
  their ``of``/``context`` name meet, or their ``of`` words share a stem, or both are amounts
  in the same unit and one names no measure; units must agree;
- a date when a suggested date equals it or contains it (a month contains its days);
- a name when a suggested person has the same surname (folded: "Sánchez" = "Sanchez").

Precision is reported two ways: the share of suggested facts that match a hand-written one,
and the share that are *consistent* with the articles (the drafted file, run as pytest runs
it, fails on no article for that fact): a proxy for "true by the articles" that a person
would still have to read. The drafted file must load: a load error is a failure of the run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence

import yaml

from factcheck.check.cross.align import stem
from factcheck.check.cross.names import spelling
from factcheck.check.declared import fact_measures
from factcheck.check.values import Said, interval
from factcheck.corpus import Corpus
from factcheck.facts import Fact, load_facts
from factcheck.suggest import suggest_facts

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "benchmarks" / "dev"


def shared_dir() -> Path:
    env = os.environ.get("FACTCHECK_SHARED")
    return Path(env) if env else REPO.parent / "shared"


# --------------------------------------------------------------------------- matching

def _said(fact: Fact) -> Said:
    value = fact.number
    value = tuple(float(v) for v in value) if isinstance(value, (tuple, list)) else float(value)
    return Said(value=value, qualifier=fact.qualifier, unit=fact.unit)


def _stems(words: Sequence[str]) -> set:
    return {stem(w) for entry in words for w in entry.split() if len(w) >= 3}


def figure_matches(hand: Fact, sugg: Fact) -> bool:
    if hand.kind != "quantity" or sugg.kind != "quantity" or hand.number is None or sugg.number is None:
        return False
    if (hand.unit or None) != (sugg.unit or None):
        return False
    try:
        if not interval(_said(hand)).meets(interval(_said(sugg))):
            return False
    except ValueError:
        return False
    hm, sm = fact_measures(hand.of + hand.context), fact_measures(sugg.of + sugg.context)
    if hm & sm or _stems(hand.of) & _stems(sugg.of):
        return True
    return bool(hand.unit) and (not hm or not sm)


def date_matches(hand: Fact, sugg: Fact) -> bool:
    if hand.kind != "date" or sugg.kind != "date":
        return False
    h, s = str(hand.date), str(sugg.date)
    if "/" in s:
        start, end = s.split("/", 1)
        return start <= h.split("/")[0] and h.split("/")[-1] <= end
    return h == s or (h.startswith(s) and len(s) < len(h))


def name_matches(hand: Fact, sugg: Fact) -> bool:
    if hand.kind != "person" or sugg.kind != "person":
        return False
    a, b = spelling(hand.name or ""), spelling(sugg.name or "")
    return bool(a and b) and a[-1] == b[-1]


def matches(hand: Fact, sugg: Fact) -> bool:
    return figure_matches(hand, sugg) or date_matches(hand, sugg) or name_matches(hand, sugg)


# --------------------------------------------------------------------------- scoring

@dataclass
class ClusterScore:
    name: str
    hand: int = 0
    recovered: int = 0
    suggested: int = 0
    matching: int = 0
    consistent: int = 0
    by_kind: dict = field(default_factory=dict)        # kind -> [recovered, hand]
    missed: List[str] = field(default_factory=list)
    seconds: float = 0.0


def stage(corpus_dir: Path, into: Path, facts_text: str) -> Path:
    for article in sorted(corpus_dir.glob("*.txt")):
        shutil.copy(article, into / article.name)
    (into / "facts.yaml").write_text(facts_text, encoding="utf-8")
    return into / "facts.yaml"


def score_cluster(cluster: Path, shared: Path) -> Optional[ClusterScore]:
    labels = yaml.safe_load((cluster / "labels.yaml").read_text(encoding="utf-8")) or {}
    corpus_dir = shared / "corpora" / labels["corpus"] / labels.get("cluster", cluster.name)
    if not corpus_dir.is_dir():
        return None
    started = time.perf_counter()
    text = suggest_facts(corpus_dir)
    seconds = time.perf_counter() - started
    score = ClusterScore(cluster.name, seconds=seconds)
    with tempfile.TemporaryDirectory() as tmp_hand, tempfile.TemporaryDirectory() as tmp_sugg:
        hand = load_facts(stage(corpus_dir, Path(tmp_hand), (cluster / "facts.yaml").read_text(encoding="utf-8")),
                          rootdir=tmp_hand)
        drafted = load_facts(stage(corpus_dir, Path(tmp_sugg), text), rootdir=tmp_sugg)
        corpus = Corpus(drafted)
        readable = corpus.readable()
        for fact in drafted.facts:
            if not any(corpus.verdict(fact.id, d).failed for d in readable):
                score.consistent += 1
    score.hand, score.suggested = len(hand.facts), len(drafted.facts)
    for h in hand.facts:
        ok = any(matches(h, s) for s in drafted.facts)
        tally = score.by_kind.setdefault(h.kind, [0, 0])
        tally[0] += ok
        tally[1] += 1
        score.recovered += ok
        if not ok:
            score.missed.append(f"{cluster.name}: {h.id} ({h.kind}: {h.number if h.number is not None else h.date or h.name})")
    score.matching = sum(any(matches(h, s) for h in hand.facts) for s in drafted.facts)
    return score


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    - "


def run(dev: Path, only: Sequence[str], show: bool) -> int:
    shared = shared_dir()
    clusters = [c for c in sorted(dev.iterdir()) if (c / "facts.yaml").is_file() and (not only or c.name in only)]
    scores = []
    print(f"{'cluster':52} {'hand':>4} {'found':>5} {'recall':>7}  {'sugg':>4} {'match':>5} {'consist':>7}")
    for cluster in clusters:
        s = score_cluster(cluster, shared)
        if s is None:
            print(f"{cluster.name:52} (articles not found under {shared}/corpora)")
            continue
        scores.append(s)
        print(f"{s.name[:52]:52} {s.hand:4} {s.recovered:5} {_pct(s.recovered, s.hand):>7}  {s.suggested:4} "
              f"{s.matching:5} {s.consistent:7}   {s.seconds:4.1f}s")
    if not scores:
        print("no cluster scored: is ../shared present (or FACTCHECK_SHARED set)?")
        return 1
    hand = sum(s.hand for s in scores)
    rec = sum(s.recovered for s in scores)
    sugg = sum(s.suggested for s in scores)
    match = sum(s.matching for s in scores)
    cons = sum(s.consistent for s in scores)
    print(f"{'overall':52} {hand:4} {rec:5} {_pct(rec, hand):>7}  {sugg:4} {match:5} {cons:7}")
    kinds = {}
    for s in scores:
        for kind, (r, h) in s.by_kind.items():
            kinds.setdefault(kind, [0, 0])
            kinds[kind][0] += r
            kinds[kind][1] += h
    print("recovered by kind: " + ", ".join(f"{k} {r}/{h} ({_pct(r, h).strip()})" for k, (r, h) in sorted(kinds.items())))
    print(f"precision: {_pct(match, sugg).strip()} of suggested facts match a hand-written one; "
          f"{_pct(cons, sugg).strip()} are consistent with every article (fail nowhere)")
    if show:
        for s in scores:
            for line in s.missed:
                print("  missed", line)
    target = 0.70
    print(f"target recovery {target:.0%}: {'met' if rec >= target * hand else 'NOT met'}")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--cluster", action="append", default=[])
    parser.add_argument("--show", action="store_true", help="list the hand-written facts not recovered")
    args = parser.parse_args(argv)
    return run(args.dev, args.cluster, args.show)


if __name__ == "__main__":
    sys.exit(main())
