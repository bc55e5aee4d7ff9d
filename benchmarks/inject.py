"""Injected errors: how often the checker catches one, and how often it cries wolf.

    python -m benchmarks.inject [CORPUS_DIR] [--seed N] [--per-type N] [--budget SECONDS]

A measuring script, not a test. For the seed corpus -- against the repo's
facts.yaml (only figures some declared fact judges are changed) and across
sources -- and for every ECB+ cluster (no facts declared, across sources):

1. The clean cluster is checked; its failures are the baseline (on ECB+ they
   are potential false alarms: nobody injected anything).
2. One error at a time is injected into one article -- a figure another article
   also reports has a significant digit changed, is multiplied by ten or has its
   bound reversed or dropped; a weekday or month another article also reports is
   moved on by one; a person's surname that another article also writes is
   misspelt by one letter -- and the cluster is checked again.
3. An injection is *detected* when a failure that was not in the baseline names
   the injected article, *located* when such a failure also points at the line
   that was changed. A new failure that does not name the injected article is a
   false alarm.

The rewrites are pure functions of text (and of a mention for the mention-driven
ones); ``tests/mutations.py`` and ``tests/test_seed_mutations.py`` use the same
ones. Injections are drawn with a fixed random seed, at most ``--per-type`` per
type and cluster; after ``--budget`` seconds no further injection is tried (the
count of those left untried is printed).
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

from factcheck.article import Article
from benchmarks.cross import cluster_folders, load_cluster
from factcheck.lang import lexicon
from factcheck.mention import Mention
from factcheck.verdict import Verdict
from factcheck.testing.mutate import (
    Edit, Injection, KINDS, Outcome, SEED_SCALE, draw_injections, failures, inject, judge,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus"
SEED_FACTS = ROOT / "facts.yaml"


Checker = Callable[[Sequence[Tuple[Article, Sequence[Mention]]]], List[Verdict]]


def run_cluster(items: List[Tuple[Article, Sequence[Mention]]], check: Checker, injections: Sequence[Injection],
                extract: Callable[[Article], Sequence[Mention]], deadline: float) -> Tuple[int, List[Outcome]]:
    """(failures of the clean cluster, one outcome per injection checked before ``deadline``)."""
    clean = failures(check(items))
    index = {article.path: i for i, (article, _) in enumerate(items)}
    outcomes = []
    for injection in injections:
        if time.perf_counter() > deadline:
            break
        i = index[injection.article]
        changed = inject(items[i][0], injection.edit)
        trial = list(items)
        trial[i] = (changed, extract(changed))
        outcomes.append(judge(injection, clean, failures(check(trial))))
    return len(clean), outcomes


def _extract(article: Article) -> Sequence[Mention]:
    from factcheck.extract import extract

    return extract(article.body, published=article.published)


def cross_checker(facts=()) -> Checker:
    from factcheck.check.cross.figures import cross_check

    return lambda items: cross_check(items, list(facts))


def declared_checker(facts) -> Checker:
    """Every declared fact checked in every article (what the plugin's fact items do)."""
    from factcheck.check.declared import check_article

    memo: Dict[Tuple[str, str], List[Verdict]] = {}   # an unchanged article is judged once

    def judged(article: Article, mentions: Sequence[Mention]) -> List[Verdict]:
        key = (article.path, article.text)
        if key not in memo:
            memo[key] = [v for v in dict(check_article(list(facts), article, list(mentions))).values()
                         if v.known is None and v.article not in _known_articles(facts, v.subject)]
        return memo[key]

    def check(items):
        return [verdict for article, mentions in items for verdict in judged(article, mentions)]

    return check


def touches_declared(verdicts: Iterable[Verdict]) -> Callable[[Article, Edit], bool]:
    """Whether an edit touches (or stands right next to, as a qualifier does) a mention
    that a declared fact judged in the clean run: only those can fail a declared fact."""
    spans: Dict[str, List[Tuple[int, int]]] = defaultdict(list)
    for verdict in verdicts:
        for finding in verdict.findings + verdict.agreeing:
            spans[finding.article].append((finding.mention.start, finding.mention.end))

    def keep(article: Article, edit: Edit) -> bool:
        return any(edit.start <= end and edit.end >= start - 1 for start, end in spans.get(article.path, ()))

    return keep


def _known_articles(facts, fact_id: str) -> FrozenSet[str]:
    return frozenset(next((f.known for f in facts if f.id == fact_id), {}))


def seed_items():
    """(facts, articles with mentions) of the repo's facts.yaml."""
    from factcheck.corpus import Corpus
    from factcheck.facts import load_facts

    corpus = Corpus(load_facts(SEED_FACTS, ROOT))
    return corpus.facts, [(corpus.article(d), list(corpus.mentions(d))) for d in corpus.readable()]


@dataclass
class Tally:
    clusters: int = 0
    flagged_clusters: int = 0
    clean_flags: int = 0
    articles: int = 0
    skipped: int = 0      # injections drawn but not tried: the time budget ran out
    outcomes: List[Outcome] = dataclasses.field(default_factory=list)

    def add(self, items: Sequence, injections: Sequence[Injection], result: Tuple[int, List[Outcome]]) -> None:
        clean_flags, outcomes = result
        self.clusters += 1
        self.articles += len(items)
        self.skipped += len(injections) - len(outcomes)
        self.clean_flags += clean_flags
        self.flagged_clusters += bool(clean_flags)
        self.outcomes += outcomes


def table(rows: Mapping[str, Tally]) -> str:
    """Per corpus/check and injection type: injected, detected (rate), located, false alarms
    (new failures not naming the injected article, and their rate per injection)."""
    head = (f"{'corpus / check':<24}{'type':<16}{'injected':>9}{'detected':>10}{'rate':>6}"
            f"{'located':>9}{'false alarms':>14}{'per inj.':>9}")
    lines = [head, "-" * len(head)]
    for name, tally in rows.items():
        by_kind: Dict[str, List[Outcome]] = defaultdict(list)
        for o in tally.outcomes:
            by_kind[o.injection.kind].append(o)
        for kind in KINDS + ("all",):
            found = tally.outcomes if kind == "all" else by_kind.get(kind, [])
            if not found:
                lines.append(f"{name:<24}{kind:<16}{0:>9}{'-':>10}{'-':>6}{'-':>9}{'-':>14}{'-':>9}")
                continue
            detected = sum(o.detected for o in found)
            located = sum(o.located for o in found)
            alarms = sum(o.false_alarms for o in found)
            lines.append(f"{name:<24}{kind:<16}{len(found):>9}{detected:>10}{detected / len(found):>6.0%}"
                         f"{located:>9}{alarms:>14}{alarms / len(found):>9.2f}")
        lines.append(f"{name:<24}clean clusters: {tally.clean_flags} failure(s) in "
                     f"{tally.flagged_clusters} of {tally.clusters} cluster(s) ({tally.articles} articles)")
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inject", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--seed", type=int, default=20241021, help="random seed (fixed: runs are repeatable)")
    parser.add_argument("--per-type", type=int, default=5, help="injections per type and cluster")
    parser.add_argument("--budget", type=float, default=110.0, help="seconds after which no new injection is tried")
    parser.add_argument("--cluster", action="append", default=[], help="only this ECB+ cluster (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every missed injection")
    args = parser.parse_args(list(argv) or None)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    deadline = started + args.budget
    rows: Dict[str, Tally] = {}

    facts, seeds = seed_items()
    # The seeds get more injections (one cluster only). Against the declared facts only
    # figures some fact judges are changed; the cross-source row takes any shared figure.
    declared = declared_checker(facts)
    seed_rows = (("seeds: declared facts", declared,
                  draw_injections(seeds, rng, SEED_SCALE * args.per_type, keep=touches_declared(declared(seeds)))),
                 ("seeds: cross-source", cross_checker(), draw_injections(seeds, rng, SEED_SCALE * args.per_type)))
    for name, check, injections in seed_rows:
        rows[name] = Tally()
        rows[name].add(seeds, injections, run_cluster(seeds, check, injections, _extract, deadline))

    corpus = Path(args.corpus)
    folders = cluster_folders(corpus, args.cluster)
    ecb = rows["ecbplus: cross-source"] = Tally()
    for folder in folders:
        _, items = load_cluster(folder)
        injections = draw_injections(items, rng, args.per_type)
        ecb.add(items, injections, run_cluster(items, cross_checker(), injections, _extract, deadline))
    elapsed = time.perf_counter() - started

    print(table(rows))
    skipped = sum(t.skipped for t in rows.values())
    print(f"{len(folders)} ECB+ clusters; seed {args.seed}; up to {args.per_type} injection(s) per type and cluster "
          f"({SEED_SCALE * args.per_type} on the seeds); {elapsed:.1f}s"
          f"{f'; budget reached: {skipped} injection(s) not tried' if skipped else ''}")
    if args.verbose:
        for name, tally in rows.items():
            for o in tally.outcomes:
                if not o.detected or o.false_alarms:
                    state = "missed" if not o.detected else f"{o.false_alarms} false alarm(s)"
                    print(f"  [{name}] {state}: {o.injection.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
