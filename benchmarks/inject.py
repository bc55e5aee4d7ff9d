"""Injected errors: how often the checker catches one, and how often it cries wolf.

    python -m benchmarks.inject [--corpus NAME=DIR ...] [--cluster ID ...] [--seed N]
                                [--per-type N] [--budget SECONDS] [-v]

A measuring script, not a test. For the seed corpus -- against the repo's
facts.yaml (only figures some declared fact judges are changed) and across
sources -- and for every cluster of each real corpus (default: ECB+, Giveme5W1H
and BASIL under ``$FACTCHECK_SHARED/corpora`` or ``../shared/corpora``; no facts
declared, across sources):

1. The clean cluster is checked the way :class:`factcheck.corpus.Corpus` checks it
   (articles read with the manifest's outlet and publication date-time, claims built
   with the story's day, ``cross_check(items, facts, claims=...)``); its findings are
   the baseline (on the real corpora its failures are potential false alarms: nobody
   injected anything).
2. One error at a time is injected into one article -- a figure another article
   also reports has a significant digit changed, is multiplied by ten or has its
   bound reversed or dropped; a weekday or month another article also reports is
   moved on by one; a person's surname that another article also writes is
   misspelt by one letter -- and the cluster is checked again.
3. An injection is *detected* when a failure that was not in the baseline names
   the injected article, *located* when such a failure also points at the line
   that was changed. A dropped bound is also detected by a new *warning* naming
   the article (a "dropped-bound" or "update" finding): between sources that is
   what the check is designed to say. A new failure that does not name the
   injected article is a false alarm.
4. Meaning-preserving rewrites (:mod:`benchmarks.preserving`: "1,500" -> "1500",
   "12" -> "twelve", "about" -> "some", a date in another format, a name with its
   title) are applied one at a time the same way; any new failure or new warning
   after one is a false alarm.

The rewrites are pure functions of text (and of a mention for the mention-driven
ones); ``tests/mutations.py`` and ``tests/test_seed_mutations.py`` use the same
injections. Everything is drawn with a fixed random seed, at most ``--per-type``
per type and cluster. After ``--budget`` seconds (loading included) no further change
is tried: the rows (the seeds' two, then one per corpus) take turns so that each has
tried the same share of its changes, and within a row the changes are interleaved
across clusters and types, so a row cut short is still an even sample; the count of
those left untried is printed.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

from benchmarks.cross import cluster_folders, load_cluster
from benchmarks.preserving import PRESERVING_KINDS, draw_rewrites
from factcheck.article import Article
from factcheck.claims.build import Claim, build_claims, story_day
from factcheck.corpus import extract_cached
from factcheck.mention import Mention
from factcheck.testing.mutate import (
    Edit, Injection, KINDS, Outcome, SEED_SCALE, draw_injections, inject,
)
from factcheck.verdict import Verdict

ROOT = Path(__file__).resolve().parents[1]
SEED_FACTS = ROOT / "facts.yaml"
#: The real corpora measured by default, each a folder of clusters under ``<shared>/corpora``.
DEFAULT_CORPORA = ("ecbplus", "giveme5w1h", "basil")
#: Injection types a new *warning* detects: between sources a dropped bound is reported as a
#: warning ("dropped-bound", or "update" when the bare figure is read as a later one).
WARNING_DETECTS = frozenset({"qualifier-drop"})
#: Seconds for the whole run by default, loading included: under ~4 minutes in all on a
#: 2-core machine (the run uses one core).
DEFAULT_BUDGET = 210.0

Items = List[Tuple[Article, Sequence[Mention]]]
Claims = List[Tuple[Claim, ...]]
Checker = Callable[[Items, Claims], List[Verdict]]
#: A finding as compared before and after a change (see :func:`finding_key`).
Key = Tuple[str, str, Optional[str], object]


# --------------------------------------------------------------------------- corpora


def shared_dir() -> Path:
    """Where the development data lives: ``$FACTCHECK_SHARED``, else ``../shared``."""
    env = os.environ.get("FACTCHECK_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def default_corpora() -> List[Tuple[str, Path]]:
    """(name, folder) of each corpus measured when no ``--corpus`` is given."""
    return [(name, shared_dir() / "corpora" / name) for name in DEFAULT_CORPORA]


def corpus_option(spec: str) -> Tuple[str, Path]:
    """``NAME=DIR`` from the command line; a bare ``DIR`` is named after its folder."""
    name, sep, folder = spec.partition("=")
    if not sep:
        return Path(spec).name, Path(spec)
    if not name or not folder:
        raise argparse.ArgumentTypeError(f"expected NAME=DIR, got {spec!r}")
    return name, Path(folder)


def seed_items():
    """(facts, articles with mentions) of the repo's facts.yaml, read as the plugin reads them."""
    from factcheck.corpus import Corpus
    from factcheck.facts import load_facts

    corpus = Corpus(load_facts(SEED_FACTS, ROOT))
    return corpus.facts, [(corpus.article(d), list(corpus.mentions(d))) for d in corpus.readable()]


# --------------------------------------------------------------------------- checking


def cross_checker(facts=()) -> Checker:
    """The cross-source comparison as :meth:`Corpus.cross_source` runs it."""
    from factcheck.check.cross.figures import cross_check

    return lambda items, claims: cross_check(items, list(facts), claims=claims)


def declared_checker(facts) -> Checker:
    """Every declared fact checked in every article (what the plugin's fact items do);
    accepted discrepancies (``known``) are left out."""
    from factcheck.check.declared import check_article

    memo: Dict[Tuple[str, str], List[Verdict]] = {}   # an unchanged article is judged once

    def judged(article: Article, mentions: Sequence[Mention], claims: Sequence[Claim]) -> List[Verdict]:
        key = (article.path, article.text)
        if key not in memo:
            found = check_article(list(facts), article, list(mentions), claims=claims)
            memo[key] = [v for v in found.values()
                         if v.known is None and v.article not in _known_articles(facts, v.subject)]
        return memo[key]

    def check(items: Items, claims: Claims) -> List[Verdict]:
        return [v for (article, mentions), found in zip(items, claims) for v in judged(article, mentions, found)]

    return check


def _known_articles(facts, fact_id: str) -> FrozenSet[str]:
    return frozenset(next((f.known for f in facts if f.id == fact_id), {}))


def finding_key(verdict: Verdict) -> Key:
    """What makes a finding the same before and after a change: its severity (a warning
    that becomes a failure is new), its kind, and who says what, where. Not its subject:
    that may quote the text ("weekday: Saturday, Dec. 31, 2017"), which a rewrite changes
    while the finding stays; only a finding with no mention is told apart by it."""
    said = frozenset((f.article, f.line, repr(f.mention.value)) for f in verdict.findings)
    return verdict.severity, verdict.kind, verdict.article, said or verdict.subject


def findings(verdicts: Iterable[Verdict]) -> Dict[Key, Verdict]:
    """The failures and warnings among ``verdicts``, by :func:`finding_key`."""
    return {finding_key(v): v for v in verdicts if v.failed or v.warns}


class Cluster:
    """One cluster ready to be checked again and again: its articles with their mentions
    and claims (built once; a change rebuilds only the changed article's), and the
    findings of the clean cluster."""

    def __init__(self, name: str, items: Items, check: Checker):
        self.name = name
        self.items = list(items)
        self.check = check
        self.day = story_day(article for article, _ in self.items)
        self.claims: Claims = [build_claims(a, m, story_day=self.day) for a, m in self.items]
        self.index = {article.path: i for i, (article, _) in enumerate(self.items)}

    @cached_property
    def verdicts(self) -> List[Verdict]:
        """Every verdict of the clean cluster."""
        return self.check(self.items, self.claims)

    @cached_property
    def clean(self) -> Dict[Key, Verdict]:
        """The clean cluster's findings: what a change is compared against."""
        return findings(self.verdicts)

    def changed(self, change: Injection) -> Dict[Key, Verdict]:
        """The findings once ``change`` is applied to its article (extracted and given
        claims again, the rest of the cluster as it was)."""
        i = self.index[change.article]
        article = inject(self.items[i][0], change.edit)
        mentions = list(extract_cached(article.body, article.published))
        items, claims = list(self.items), list(self.claims)
        items[i] = (article, mentions)
        claims[i] = build_claims(article, mentions, story_day=self.day)
        return findings(self.check(items, claims))


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


# --------------------------------------------------------------------------- judging


def names_article(verdict: Verdict, article: str) -> bool:
    return verdict.article == article or any(f.article == article for f in verdict.findings)


def judge_injection(injection: Injection, clean: Mapping[Key, Verdict], after: Mapping[Key, Verdict]) -> Outcome:
    """Detected: a new failure (or, for :data:`WARNING_DETECTS`, a new warning) names the
    injected article; located: one of those points at the changed line; false alarms: new
    failures that do not name it."""
    new = [v for k, v in after.items() if k not in clean]
    telling = [v for v in new if v.failed or (v.warns and injection.kind in WARNING_DETECTS)]
    naming = [v for v in telling if names_article(v, injection.article)]
    located = any(f.article == injection.article and f.line == injection.line for v in naming for f in v.findings)
    alarms = [v for v in new if v.failed and not names_article(v, injection.article)]
    return Outcome(injection, bool(naming), located, len(alarms))


@dataclass(frozen=True)
class RewriteOutcome:
    """A meaning-preserving rewrite and the findings it raised (each one a false alarm)."""

    rewrite: Injection
    alarms: Tuple[Verdict, ...]


def judge_rewrite(rewrite: Injection, clean: Mapping[Key, Verdict], after: Mapping[Key, Verdict]) -> RewriteOutcome:
    """Every finding after the rewrite that was not there before, failure or warning: the
    text says the same, so the check has nothing new to say."""
    return RewriteOutcome(rewrite, tuple(v for k, v in after.items() if k not in clean))


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Trial:
    """One change to try: an injection, or a meaning-preserving rewrite."""

    cluster: Cluster
    change: Injection

    @property
    def preserving(self) -> bool:
        return self.change.kind in PRESERVING_KINDS


def interleave(trials: Sequence[Trial], rng: random.Random) -> List[Trial]:
    """The trials in an order that samples evenly when cut short: every cluster's first
    change of each type, then every second one, ... (in random order within a round)."""
    rank: Dict[Tuple[str, str], int] = defaultdict(int)
    ranked = []
    for trial in trials:
        group = (trial.cluster.name, trial.change.kind)
        ranked.append((rank[group], trial))
        rank[group] += 1
    rng.shuffle(ranked)
    return [trial for _, trial in sorted(ranked, key=lambda pair: pair[0])]


@dataclass
class Tally:
    clusters: int = 0
    flagged_clusters: int = 0
    clean_flags: int = 0
    articles: int = 0
    skipped: int = 0      # changes drawn but not tried: the time budget ran out
    outcomes: List[Outcome] = dataclasses.field(default_factory=list)
    rewrites: List[RewriteOutcome] = dataclasses.field(default_factory=list)

    def add_cluster(self, cluster: Cluster) -> None:
        failing = sum(v.failed for v in cluster.clean.values())
        self.clusters += 1
        self.articles += len(cluster.items)
        self.clean_flags += failing
        self.flagged_clusters += bool(failing)

    def record(self, trial: Trial) -> None:
        """Try one change and keep its outcome."""
        cluster, change = trial.cluster, trial.change
        after = cluster.changed(change)
        if trial.preserving:
            self.rewrites.append(judge_rewrite(change, cluster.clean, after))
        else:
            self.outcomes.append(judge_injection(change, cluster.clean, after))


@dataclass(frozen=True)
class Row:
    """One table row before it runs: its clusters and the changes drawn for them."""

    name: str
    clusters: Tuple[Cluster, ...]
    trials: Tuple[Trial, ...]


def plan_row(name: str, clusters: Sequence[Cluster], draws: Callable[[Cluster], Sequence[Injection]],
             rng: random.Random) -> Row:
    """The row's changes, drawn cluster by cluster, in :func:`interleave`'s order."""
    trials = [Trial(cluster, change) for cluster in clusters for change in draws(cluster)]
    return Row(name, tuple(clusters), tuple(interleave(trials, rng)))


def measure(rows: Sequence[Row], deadline: float) -> Dict[str, Tally]:
    """Every row's clean findings, then their trials until ``deadline``, the rows taking
    turns so that each has tried the same share of its trials when time runs out: every
    row is then an even sample of its own, and the budget is spent wherever it is needed."""
    tallies = {row.name: Tally() for row in rows}
    for row in rows:
        for cluster in row.clusters:
            tallies[row.name].add_cluster(cluster)
    done = [0] * len(rows)
    while time.perf_counter() <= deadline:
        waiting = [i for i, row in enumerate(rows) if done[i] < len(row.trials)]
        if not waiting:
            break
        i = min(waiting, key=lambda n: done[n] / len(rows[n].trials))
        tallies[rows[i].name].record(rows[i].trials[done[i]])
        done[i] += 1
    for i, row in enumerate(rows):
        tallies[row.name].skipped = len(row.trials) - done[i]
    return tallies


def load_corpus(folder: Path, only: Sequence[str], check: Checker) -> List[Cluster]:
    """Every cluster of a corpus folder (a folder per cluster with ``manifest.json``)."""
    return [Cluster(f.name, load_cluster(f)[1], check) for f in cluster_folders(folder, only)]


# --------------------------------------------------------------------------- report


def table(rows: Mapping[str, Tally]) -> str:
    """Per corpus/check and injection type: injected, detected (rate), located, false alarms
    (new failures not naming the injected article, and their rate per injection); then the
    clean clusters' failures and the meaning-preserving rewrites' false alarms."""
    width = max([len("corpus / check"), *map(len, rows)]) + 2
    head = (f"{'corpus / check':<{width}}{'type':<16}{'injected':>9}{'detected':>10}{'rate':>6}"
            f"{'located':>9}{'false alarms':>14}{'per inj.':>9}")
    lines = [head, "-" * len(head)]
    for name, tally in rows.items():
        label = f"{name:<{width}}"
        by_kind: Dict[str, List[Outcome]] = defaultdict(list)
        for o in tally.outcomes:
            by_kind[o.injection.kind].append(o)
        for kind in KINDS + ("all",):
            lines.append(label + _kind_cells(kind, tally.outcomes if kind == "all" else by_kind.get(kind, [])))
        lines.append(f"{label}clean clusters: {tally.clean_flags} failure(s) in "
                     f"{tally.flagged_clusters} of {tally.clusters} cluster(s) ({tally.articles} articles)")
        lines.append(label + preserving_line(tally.rewrites))
        lines.append("")
    return "\n".join(lines)


def _kind_cells(kind: str, found: Sequence[Outcome]) -> str:
    """The cells of one injection type's line (after the row's name)."""
    if not found:
        return f"{kind:<16}{0:>9}{'-':>10}{'-':>6}{'-':>9}{'-':>14}{'-':>9}"
    detected = sum(o.detected for o in found)
    located = sum(o.located for o in found)
    alarms = sum(o.false_alarms for o in found)
    return (f"{kind:<16}{len(found):>9}{detected:>10}{detected / len(found):>6.0%}"
            f"{located:>9}{alarms:>14}{alarms / len(found):>9.2f}")


def preserving_line(rewrites: Sequence[RewriteOutcome]) -> str:
    """"preserving rewrites: N tried, M false alarms (per type: tried/alarms)"."""
    alarms = sum(len(r.alarms) for r in rewrites)
    per_kind = []
    for kind in PRESERVING_KINDS:
        found = [r for r in rewrites if r.rewrite.kind == kind]
        if found:
            per_kind.append(f"{kind} {len(found)}/{sum(len(r.alarms) for r in found)}")
    detail = f" ({', '.join(per_kind)})" if per_kind else ""
    return f"preserving rewrites: {len(rewrites)} tried, {alarms} false alarm(s){detail}"


def print_details(rows: Mapping[str, Tally]) -> None:
    """Every missed injection, every injection with false alarms, every rewrite that raised
    a finding (with what it said)."""
    for name, tally in rows.items():
        for o in tally.outcomes:
            if not o.detected or o.false_alarms:
                state = "missed" if not o.detected else f"{o.false_alarms} false alarm(s)"
                print(f"  [{name}] {state}: {o.injection.describe()}")
        for r in tally.rewrites:
            for v in r.alarms:
                print(f"  [{name}] false alarm after {r.rewrite.describe()}: [{v.subject}] {v.kind} {v.message}")


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inject", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=corpus_option, default=[], metavar="NAME=DIR",
                        help="a corpus of clusters (repeatable; default: "
                             + ", ".join(DEFAULT_CORPORA) + " under $FACTCHECK_SHARED/corpora)")
    parser.add_argument("--cluster", action="append", default=[], help="only this cluster id (repeatable)")
    parser.add_argument("--seed", type=int, default=20241021, help="random seed (fixed: runs are repeatable)")
    parser.add_argument("--per-type", type=int, default=5, help="changes per type and cluster")
    parser.add_argument("--budget", type=float, default=DEFAULT_BUDGET,
                        help="seconds after which no new change is tried (loading included)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every missed injection and every false alarm")
    return parser.parse_args(list(argv))


def seed_rows(args: argparse.Namespace, rng: random.Random, order: random.Random) -> List[Row]:
    """The seeds against their declared facts and across sources. They get more changes
    (one cluster only); against the declared facts only figures some fact judges are
    changed, the cross-source row takes any shared figure."""
    facts, seeds = seed_items()
    declared = Cluster("seeds", seeds, declared_checker(facts))
    keep = touches_declared(declared.verdicts)
    scale = SEED_SCALE * args.per_type
    rows = []
    for name, cluster, kept in (("seeds: declared facts", declared, keep),
                                ("seeds: cross-source", Cluster("seeds", seeds, cross_checker()), None)):
        draws = lambda c, kept=kept: (draw_injections(c.items, rng, scale, keep=kept)
                                      + draw_rewrites(c.items, order, scale, keep=kept))
        rows.append(plan_row(name, [cluster], draws, order))
    return rows


def corpus_rows(args: argparse.Namespace, rng: random.Random, order: random.Random) -> List[Row]:
    """One row per corpus, across sources, nothing declared."""
    rows = []
    for name, folder in args.corpus or default_corpora():
        draws = lambda c: draw_injections(c.items, rng, args.per_type) + draw_rewrites(c.items, order, args.per_type)
        rows.append(plan_row(f"{name}: cross-source", load_corpus(folder, args.cluster, cross_checker()), draws, order))
    return rows


def footer(args: argparse.Namespace, corpora: Sequence[Row], results: Mapping[str, Tally], elapsed: float) -> str:
    """What was measured: clusters per corpus, the seed, the draw sizes, the time taken,
    and what the budget left untried (or which corpus folder was not found)."""
    sizes = ", ".join(f"{row.name.split(':')[0]} {len(row.clusters)}" for row in corpora)
    line = (f"clusters: {sizes}; seed {args.seed}; up to {args.per_type} change(s) per type and cluster "
            f"({SEED_SCALE * args.per_type} on the seeds); {elapsed:.1f}s")
    skipped = sum(t.skipped for t in results.values())
    if skipped:
        line += f"; budget reached: {skipped} change(s) not tried"
    missing = [str(folder) for _, folder in args.corpus or default_corpora() if not folder.is_dir()]
    if missing:
        line += f"; not found: {', '.join(missing)}"
    return line


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    deadline = started + args.budget
    # Injections are drawn from one generator in a fixed order (the seed rows first, as
    # they always were); rewrites and the trial order from another, so adding rewrites
    # does not change which injections are drawn. The seed rows are small and run first,
    # whole (unless the budget is tiny), so they stay comparable from run to run.
    rng, order = random.Random(args.seed), random.Random(f"{args.seed}:rewrites")
    seeds = seed_rows(args, rng, order)
    results = measure(seeds, deadline)
    corpora = corpus_rows(args, rng, order)
    results.update(measure(corpora, deadline))
    elapsed = time.perf_counter() - started

    print(table(results))
    print(footer(args, corpora, results, elapsed))
    if args.verbose:
        print_details(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
