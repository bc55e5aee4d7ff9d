"""The labelled development set: declared facts and cross-source flags on real clusters.

    python3 -m benchmarks.claims [--dev benchmarks/dev] [--cluster ID] [--show]

For every cluster of ``benchmarks/dev/`` (see its README.md) the cluster's articles are
copied with its ``facts.yaml`` into a temporary folder (the shared corpus is never written
to) and checked exactly as ``pytest`` would, through :class:`factcheck.corpus.Corpus`.

Declared facts, per (fact, article), against the hand label:
  - a *failing* test is right when the label is ``wrong``; a failure on ``agrees`` or
    ``silent`` is a false alarm; a failure on ``outdated`` is counted apart (it should have
    been the ``outdated`` warning);
  - precision = right failures / failures; recall = right failures / ``wrong`` labels;
    outdated recall = ``outdated`` labels reported as outdated / ``outdated`` labels.

Cross-source, on the unmodified clusters: every finding (failing or warning) is matched with
the cluster's ``cross.yaml``: it is *real* (or an *update*) when two of its findings stand at
the lines of one listed discrepancy (same article, same line), else *unlisted*; ``--show``
prints each unlisted finding so a person can read it, and ``flags.yaml`` beside
``cross.yaml`` may hold those readings (``{finding id: {articles: [...], truth: real|update|false}}``).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence

import yaml

from factcheck.corpus import Corpus, cross_source_outcome
from factcheck.facts import load_facts

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "benchmarks" / "dev"


def shared_dir() -> Path:
    env = os.environ.get("FACTCHECK_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@dataclass
class DeclaredTally:
    pairs: int = 0
    wrong: int = 0               # labelled wrong
    caught: int = 0              # ... and failing
    failures: int = 0            # failing tests
    false_alarms: int = 0        # failing on agrees/silent
    outdated: int = 0            # labelled outdated
    outdated_reported: int = 0   # ... and reported outdated
    outdated_failed: int = 0     # ... but failing
    warned_wrongly: int = 0      # outdated warning on agrees/silent/wrong
    no_date: int = 0             # errors asking for a publication date (not judged)
    alarms: List[str] = field(default_factory=list)
    misses: List[str] = field(default_factory=list)

    def add(self, other: "DeclaredTally") -> None:
        for name in ("pairs", "wrong", "caught", "failures", "false_alarms", "outdated", "outdated_reported",
                     "outdated_failed", "warned_wrongly", "no_date"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.alarms += other.alarms
        self.misses += other.misses


@dataclass
class CrossTally:
    flags: int = 0
    real: int = 0
    update: int = 0
    false: int = 0
    unlisted: int = 0
    listed: int = 0              # discrepancies listed in cross.yaml
    found: int = 0               # ... that some flag matches
    shown: List[str] = field(default_factory=list)
    unfound: List[str] = field(default_factory=list)

    def add(self, other: "CrossTally") -> None:
        for name in ("flags", "real", "update", "false", "unlisted", "listed", "found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.shown += other.shown
        self.unfound += other.unfound


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def stage(cluster_dir: Path, corpus_dir: Path, into: Path) -> Path:
    """Copy the cluster's articles and the dev facts file into ``into``; the facts file path."""
    for article in sorted(corpus_dir.glob("*.txt")):
        shutil.copy(article, into / article.name)
    shutil.copy(cluster_dir / "facts.yaml", into / "facts.yaml")
    return into / "facts.yaml"


def score_declared(corpus: Corpus, labels: Dict[str, Dict[str, dict]], name: str) -> DeclaredTally:
    tally = DeclaredTally()
    readable = set(corpus.readable())
    for fact in corpus.facts:
        for article, label in (labels.get(fact.id) or {}).items():
            if article not in readable:
                continue
            truth = label.get("truth")
            verdict = corpus.verdict(fact.id, article)
            tally.pairs += 1
            if verdict.kind == "missing-date":
                tally.no_date += 1      # a setup error that asks for the date: counted apart
                continue
            failed = verdict.failed and fact.known.get(article) is None
            outdated = verdict.warns and verdict.kind == "outdated"
            where = f"{name}/{article} {fact.id}"
            if truth == "wrong":
                tally.wrong += 1
                if failed:
                    tally.caught += 1
                else:
                    tally.misses.append(f"{where}: labelled wrong ({label.get('says', '')!r}), got "
                                        f"{verdict.kind or verdict.outcome}: {verdict.message}")
            if truth == "outdated":
                tally.outdated += 1
                tally.outdated_reported += outdated
                tally.outdated_failed += failed
                if not outdated:
                    tally.misses.append(f"{where}: labelled outdated ({label.get('says', '')!r}), got "
                                        f"{verdict.kind or verdict.outcome}: {verdict.message}")
            if outdated and truth != "outdated":
                tally.warned_wrongly += 1
            if failed:
                tally.failures += 1
                if truth in ("agrees", "silent"):
                    tally.false_alarms += 1
                    first = verdict.findings[0] if verdict.findings else None
                    tally.alarms.append(f"{where}: labelled {truth}, failed: {verdict.message}"
                                        + (f"\n      {first.where}: {first.marked[:220]}" if first else ""))
    return tally


def _places(entry: dict) -> set:
    return {(v.get("article"), int(v.get("line", 0))) for v in entry.get("values") or ()}


def score_cross(corpus: Corpus, cross: dict, flags: dict, name: str) -> CrossTally:
    tally = CrossTally()
    outcome = cross_source_outcome(corpus)
    listed = list(cross.get("discrepancies") or ())
    tally.listed = len(listed)
    matched = set()
    for verdict in (*outcome.failed, *outcome.accepted, *outcome.warnings):
        tally.flags += 1
        places = {(f.article, f.line) for f in verdict.findings}
        hit = None
        for i, entry in enumerate(listed):
            shared = places & _places(entry)
            if len(shared) >= 2 or (shared and (len(_places(entry)) == 1 or len(places) == 1)):
                hit = i
                break
        if hit is not None:
            matched.add(hit)
            kind = listed[hit].get("kind", "real")
            if kind == "update":
                tally.update += 1
            else:
                tally.real += 1
            continue
        reading = (flags or {}).get(verdict.finding_id) or {}
        truth = reading.get("truth")
        truth = "false" if truth is False else truth        # YAML reads a bare false as a boolean
        if truth in ("real", "update", "false"):
            setattr(tally, truth, getattr(tally, truth) + 1)
            continue
        tally.unlisted += 1
        lines = [f"{name} [{verdict.finding_id}] {verdict.kind or verdict.outcome}: {verdict.message}"]
        lines += [f"      {f.where}: {f.marked[:200]}" for f in verdict.findings[:4]]
        tally.shown.append("\n".join(lines))
    tally.found = len(matched)
    for i, entry in enumerate(listed):
        if i not in matched:
            values = "; ".join(f"{v.get('article')}:{v.get('line')} {v.get('says', '')!r}" for v in entry.get("values") or ())
            tally.unfound.append(f"{name} ({entry.get('kind', 'real')}) {entry.get('what', '')}: {values}")
    return tally


_PLAIN_SCAN = re.compile(r"\d[\d,.]*|\b(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                         r"Sunday)\b")


def speed(clusters: Sequence[Path], shared: Path) -> str:
    """Seconds per stage over every article of the clusters, against one plain regex scan of
    the same text (ratios: the machines are shared and noisy)."""
    from factcheck.article import read_article
    from factcheck.claims.build import build_claims
    from factcheck.extract import extract

    articles = []
    for cluster in clusters:
        labels = yaml.safe_load((cluster / "labels.yaml").read_text(encoding="utf-8"))
        folder = shared / "corpora" / labels["corpus"] / labels.get("cluster", cluster.name)
        articles += [read_article(path, path.name) for path in sorted(folder.glob("*.txt"))]
    chars = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    for a in articles:
        sum(1 for _ in _PLAIN_SCAN.finditer(a.text))
    scan = time.perf_counter() - started
    started = time.perf_counter()
    mentions = [extract(a.body, published=a.published) for a in articles]
    extracting = time.perf_counter() - started
    started = time.perf_counter()
    for a, found in zip(articles, mentions):
        build_claims(a, found)
    claiming = time.perf_counter() - started
    return (f"speed over {len(articles)} articles ({chars:,} chars): regex scan {scan:.3f}s, "
            f"extraction {extracting:.2f}s ({extracting / scan:.0f}x the scan), "
            f"claims {claiming:.2f}s ({claiming / max(extracting, 1e-9):.2f}x extraction)")


def run(dev: Path, only: Sequence[str], show: bool) -> int:
    shared = shared_dir()
    clusters = sorted(p for p in dev.iterdir() if (p / "labels.yaml").is_file()) if dev.is_dir() else []
    if only:
        clusters = [c for c in clusters if c.name in only]
    if not clusters:
        print(f"benchmarks.claims: no labelled clusters in {dev}", file=sys.stderr)
        return 2
    per_corpus_declared: Dict[str, DeclaredTally] = defaultdict(DeclaredTally)
    per_corpus_cross: Dict[str, CrossTally] = defaultdict(CrossTally)
    started = time.perf_counter()
    for cluster in clusters:
        labels = yaml.safe_load((cluster / "labels.yaml").read_text(encoding="utf-8"))
        corpus_name = labels["corpus"]
        corpus_dir = shared / "corpora" / corpus_name / labels.get("cluster", cluster.name)
        if not corpus_dir.is_dir():
            print(f"benchmarks.claims: {corpus_dir} not found; skipped", file=sys.stderr)
            continue
        cross_path, flags_path = cluster / "cross.yaml", cluster / "flags.yaml"
        cross = yaml.safe_load(cross_path.read_text(encoding="utf-8")) if cross_path.is_file() else {}
        flags = yaml.safe_load(flags_path.read_text(encoding="utf-8")) if flags_path.is_file() else {}
        with tempfile.TemporaryDirectory(prefix="factcheck-dev-") as tmp:
            facts_path = stage(cluster, corpus_dir, Path(tmp))
            corpus = Corpus(load_facts(facts_path, Path(tmp)))
            declared = score_declared(corpus, labels.get("labels") or {}, cluster.name)
            crossed = score_cross(corpus, cross or {}, flags or {}, cluster.name)
        per_corpus_declared[corpus_name].add(declared)
        per_corpus_cross[corpus_name].add(crossed)
    elapsed = time.perf_counter() - started

    total_d, total_c = DeclaredTally(), CrossTally()
    print("declared facts (per fact x article, against hand labels)")
    print(f"{'corpus':<12} {'pairs':>5} {'wrong':>5} {'caught':>6} {'fails':>5} {'false':>5} "
          f"{'prec':>5} {'recall':>6} {'outdated':>8} {'as-outd':>7} {'as-fail':>7} {'outd-rec':>8}")
    for name, t in sorted(per_corpus_declared.items()) + [("ALL", None)]:
        if t is None:
            for other in per_corpus_declared.values():
                total_d.add(other)
            t = total_d
        print(f"{name:<12} {t.pairs:>5} {t.wrong:>5} {t.caught:>6} {t.failures:>5} {t.false_alarms:>5} "
              f"{_ratio(t.failures - t.false_alarms - t.outdated_failed, t.failures):>5} "
              f"{_ratio(t.caught, t.wrong):>6} {t.outdated:>8} {t.outdated_reported:>7} {t.outdated_failed:>7} "
              f"{_ratio(t.outdated_reported, t.outdated):>8} {t.no_date:>7}")
    print()
    print("cross-source on the unmodified clusters (flags: failing findings and warnings)")
    print(f"{'corpus':<12} {'flags':>5} {'real':>5} {'update':>6} {'false':>5} {'unlisted':>8} "
          f"{'real+upd':>8} {'listed':>6} {'found':>5}")
    for name, t in sorted(per_corpus_cross.items()) + [("ALL", None)]:
        if t is None:
            for other in per_corpus_cross.values():
                total_c.add(other)
            t = total_c
        print(f"{name:<12} {t.flags:>5} {t.real:>5} {t.update:>6} {t.false:>5} {t.unlisted:>8} "
              f"{_ratio(t.real + t.update, t.flags):>8} {t.listed:>6} {t.found:>5}")
    print(f"\n{len(clusters)} clusters checked in {elapsed:.1f}s (real+upd counts unlisted flags as not real)")
    print(speed(clusters, shared))
    if show:
        print("\n-- declared false alarms")
        print("\n".join(total_d.alarms) or "  none")
        print("\n-- declared misses")
        print("\n".join(total_d.misses) or "  none")
        print("\n-- cross-source flags not in cross.yaml nor flags.yaml")
        print("\n".join(total_c.shown) or "  none")
        print("\n-- listed discrepancies no flag found")
        print("\n".join(total_c.unfound) or "  none")
    return 0


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m benchmarks.claims", description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(DEV), help="folder of labelled clusters")
    parser.add_argument("--cluster", action="append", default=[], help="only this cluster (repeatable)")
    parser.add_argument("--show", action="store_true", help="print every false alarm, miss and unlisted flag")
    args = parser.parse_args(list(argv) or None)
    return run(Path(args.dev), args.cluster, args.show)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
