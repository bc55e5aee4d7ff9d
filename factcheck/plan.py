"""The tests a facts file makes, and what each concludes: one plan for every front end.

The pytest plugin turns each :class:`PlannedTest` into an item, ``factcheck check`` runs
them in the same order, and machine-readable outputs are built from the same
:class:`TestResult` records, so the front ends cannot disagree about a folder.

Tests, in order (their names are the pytest node names after ``facts.yaml::``):
  ``unreadable[<article>]``  an article that cannot be read: always fails;
  ``<fact-id>[<article>]``   a declared fact checked in one article (``known`` entries
                             make it a strict xfail);
  ``cross-source``           everything the articles report, compared across them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional, Tuple

from .article import ArticleError
from .corpus import Corpus, cross_source_outcome
from .facts import CROSS_SOURCE_ID, UNREADABLE_ID, Fact, FactsError
from .report import render_cross_source, render_verdict
from .verdict import Verdict

TestKind = Literal["fact", "cross-source", "unreadable"]
#: pytest's words for what a test concluded ("xpassed": a ``known`` discrepancy that is gone,
#: which fails, as a strict xfail does).
Conclusion = Literal["passed", "failed", "xfailed", "xpassed"]


@dataclass(frozen=True)
class PlannedTest:
    name: str
    kind: TestKind
    fact: Optional[Fact] = None
    article: Optional[str] = None       # the article (relative to the facts file) a fact test checks
    first: bool = False                 # the fact's first article: it reports a fact nobody mentions
    error: Optional[ArticleError] = None

    @property
    def known(self) -> Optional[str]:
        """The reason this discrepancy is accepted (``known:``), when it is."""
        return self.fact.known.get(self.article) if self.fact and self.article else None


@dataclass(frozen=True)
class TestResult:
    test: PlannedTest
    conclusion: Conclusion
    failures: Tuple[Verdict, ...] = ()   # the verdicts that fail the test (or its known xfail)
    warnings: Tuple[Verdict, ...] = ()   # findings of severity "warning": reported, never failing
    accepted: Tuple[Verdict, ...] = ()   # cross-source findings an ``accept:`` entry covers
    unmentioned: bool = False            # a fact test: no article mentions the fact at all
    report: str = ""                     # the failure as the user reads it ("" when passed)

    @property
    def failed(self) -> bool:
        return self.conclusion in ("failed", "xpassed")


def plan_tests(corpus: Corpus) -> Tuple[PlannedTest, ...]:
    """Every test of the facts file, in collection order. Reads the articles (to find the
    unreadable ones) but extracts nothing."""
    unreadable = dict(corpus.unreadable())
    tests = [PlannedTest(f"{UNREADABLE_ID}[{display}]", "unreadable", article=display, error=error)
             for display, error in unreadable.items()]
    articles = [s.display for s in corpus.sources if s.display not in unreadable]
    for fact in corpus.facts:
        tests.extend(PlannedTest(f"{fact.id}[{display}]", "fact", fact=fact, article=display, first=index == 0)
                     for index, display in enumerate(articles))
    if corpus.compares_across_sources:
        tests.append(PlannedTest(CROSS_SOURCE_ID, "cross-source"))
    if not tests:
        # Only possible when the project turns cross-source comparison off: a facts file must
        # never collect nothing silently (pytest would exit 5 with no word).
        raise FactsError(corpus.facts_file.display, 1, "checks nothing: no facts declared and cross-source "
                                                       "comparison is off ([tool.factcheck] cross_source)")
    return tuple(tests)


def run_test(corpus: Corpus, test: PlannedTest) -> TestResult:
    """What one planned test concludes. Raises ``CheckUnavailable`` when the matcher gives no
    verdict (the front ends report it as the test's failure)."""
    if test.kind == "unreadable":
        return TestResult(test, "failed", report=str(test.error))
    if test.kind == "cross-source":
        outcome = cross_source_outcome(corpus)
        report = "" if outcome.ok else render_cross_source(outcome, corpus.facts_file.display)
        return TestResult(test, "passed" if outcome.ok else "failed", failures=outcome.failed,
                          warnings=outcome.warnings, accepted=outcome.accepted, report=report)
    fact, display = test.fact, test.article
    verdict = corpus.verdict(fact.id, display)
    unmentioned = test.first and corpus.unmentioned(fact.id)
    warnings = (verdict,) if verdict.warns else ()
    known = test.known
    if verdict.failed:
        conclusion: Conclusion = "xfailed" if known else "failed"
        return TestResult(test, conclusion, failures=(verdict,), unmentioned=unmentioned,
                          report=render_verdict(verdict, note=fact.note))
    if known:
        line = fact.known_lines[display]
        return TestResult(test, "xpassed", warnings=warnings, unmentioned=unmentioned,
                          report=f"XPASS(strict): the known discrepancy is gone; remove the known entry at "
                                 f"{corpus.facts_file.display}:{line} ({known})")
    return TestResult(test, "passed", warnings=warnings, unmentioned=unmentioned)
