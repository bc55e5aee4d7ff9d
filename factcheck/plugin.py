"""pytest plugin: collects facts.yaml files (loaded through the pytest11 entry point).

Items, one test each:
  ``facts.yaml::<fact-id>[<article>]``  a declared fact checked in one article
                                         (``<article>`` relative to the facts file);
  ``facts.yaml::cross-source``          everything several articles report, compared
                                         across them (no declaration needed): one test
                                         per facts file, its findings named by stable ids;
  ``facts.yaml::unreadable[<article>]`` an article that cannot be read: always fails.

Outcomes: a finding of severity "error" fails its test; one of severity "warning" (an
update, an outdated article, ...) passes it, is issued as a :class:`FindingWarning` at
``ARTICLE:LINE`` and is recorded in the item's ``user_properties`` (kind, severity, file,
line, message) so JUnit XML and pytest-xdist see it.

Choices (documented settings of the product):
  - An article that does not mention a fact *passes* that fact's test (a skip per
    silent article would drown the output). A fact that *no* article mentions emits
    a :class:`FactNotMentionedWarning` pointing at ``facts.yaml:LINE`` (its ``of`` or
    ``context`` is usually wrong); it is raised by the fact's first article's test,
    so it appears once, and ``-W error::factcheck.plugin.FactNotMentionedWarning``
    turns it into a failure.
  - ``known`` entries mark their test ``xfail(strict=True)``: once the article is
    fixed the test XPASSes, which fails, so stale waivers do not linger.
  - A cross-source finding is accepted by its id under ``accept:``; an accepted id that no
    finding carries any more fails the cross-source test (like a strict xfail).
  - Collection reads the facts file and lists articles, and does no extraction; checks
    run in ``runtest``, memoised per process and facts file.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

import pytest

from .article import ArticleError
from .corpus import CheckUnavailable, Corpus, CrossSourceOutcome, cross_source_outcome
from .facts import CROSS_SOURCE_ID, UNREADABLE_ID, Fact, FactsError, is_facts_file, load_facts
from .report import render_cross_source, render_verdict
from .verdict import FindingWarning, Verdict


class FactNotMentionedWarning(pytest.PytestWarning):
    """A declared fact that no article mentions: its ``of``/``context`` may be wrong.

    Issued at the fact's ``facts.yaml`` line; ``fact_id`` and ``declared_at``
    ("facts.yaml:LINE") are also attributes, for ``pytest.warns`` users."""

    fact_id: str = ""
    declared_at: str = ""

    @classmethod
    def about(cls, fact: Fact) -> "FactNotMentionedWarning":
        warning = cls(f"fact {fact.id!r} is mentioned by no article (check its 'of', 'context' or spelling)")
        warning.fact_id, warning.declared_at = fact.id, fact.declared_at
        return warning


def _warn(verdict: Verdict, item: pytest.Item) -> None:
    """Issue a warning verdict at each of its findings' places (ARTICLE:LINE: the summary then
    points at every source involved) and record it on the item."""
    places = [(f.article, f.line) for f in verdict.findings] or [(str(item.path), 1)]
    for filename, lineno in dict.fromkeys(places):
        warning = FindingWarning(f"{verdict.kind}: {verdict.message}")
        warning.kind = verdict.kind
        warnings.warn_explicit(warning, FindingWarning, filename, lineno)
    filename, lineno = places[0]
    item.user_properties.append(("factcheck", {"kind": verdict.kind, "severity": "warning",
                                               "file": filename, "line": lineno, "message": verdict.message,
                                               "id": verdict.finding_id or verdict.subject}))


class FactCheckFailed(Exception):
    """Raised by an item whose verdict is a failure; rendered by :func:`render_verdict`."""

    def __init__(self, verdict: Verdict, node: str):
        super().__init__(verdict.message or verdict.outcome)
        self.verdict, self.node = verdict, node


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Optional["FactsYamlFile"]:
    if is_facts_file(file_path):
        return FactsYamlFile.from_parent(parent, path=file_path)
    return None


class FactsYamlFile(pytest.File):
    """One facts file: its declared facts per article, and the cross-source comparison."""

    corpus: Corpus

    def collect(self):
        self.corpus = Corpus(load_facts(self.path, self.config.rootpath))
        unreadable = dict(self.corpus.unreadable())
        for display, error in unreadable.items():
            yield self._child(UnreadableArticleItem, f"{UNREADABLE_ID}[{display}]", error=error)
        articles = [s.display for s in self.corpus.sources if s.display not in unreadable]
        for fact in self.corpus.facts:
            for index, display in enumerate(articles):
                item = self._child(FactItem, f"{fact.id}[{display}]", fact=fact,
                                   article=display, first=index == 0)
                if display in fact.known:
                    # raises=: only a disagreement is the expected failure; a crash is not.
                    item.add_marker(pytest.mark.xfail(
                        strict=True, raises=FactCheckFailed,
                        reason=f"known at {self.corpus.facts_file.display}:{fact.known_lines[display]}: "
                               f"{fact.known[display]}"))
                yield item
        yield from self._cross_source_items()

    def _cross_source_items(self):
        if self.corpus.facts_file.cross_source:
            yield self._child(CrossSourceItem, CROSS_SOURCE_ID)

    def _child(self, cls, name: str, **kwargs):
        # The node id is given as a string so pytest parses "fact[article]" the way it parses
        # the ids it stores for --lf (pytest >= 9.2 splits the bracket into params); built from
        # the name alone, a stored failure would never match its item again.
        return cls.from_parent(self, name=name, nodeid=f"{self.nodeid}::{name}", **kwargs)

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(FactsError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)


class _FactsItem(pytest.Item):
    parent: FactsYamlFile

    @property
    def corpus(self) -> Corpus:
        return self.parent.corpus

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(FactCheckFailed):
            return render_verdict(excinfo.value.verdict, note=self.note)
        if excinfo.errisinstance((FindingWarning, FactNotMentionedWarning)):
            # "-W error::factcheck.FindingWarning": the warning is the report, not a traceback.
            return f"{type(excinfo.value).__name__}: {excinfo.value}"
        if excinfo.errisinstance((ArticleError, CheckUnavailable)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    note = ""

    def _judge(self, verdict: Verdict) -> None:
        if verdict.failed:
            raise FactCheckFailed(verdict, self.name)
        if verdict.warns:
            _warn(verdict, self)


class FactItem(_FactsItem):
    def __init__(self, *, fact: Fact, article: str, first: bool, **kwargs):
        super().__init__(**kwargs)
        self.fact, self.article, self.first = fact, article, first
        self.note = fact.note

    def runtest(self) -> None:
        if self.first and self.corpus.unmentioned(self.fact.id):
            # Attributed to the facts file's line, so the summary quotes the declaration.
            warnings.warn_explicit(FactNotMentionedWarning.about(self.fact), FactNotMentionedWarning,
                                   self.corpus.facts_file.display, self.fact.line)
        self._judge(self.corpus.verdict(self.fact.id, self.article))

    def reportinfo(self):
        return self.path, self.fact.line - 1, f"{self.fact.id} in {self.article}"


class CrossSourceFailed(Exception):
    def __init__(self, outcome: CrossSourceOutcome, facts_display: str):
        super().__init__(f"{len(outcome.failed)} cross-source findings")
        self.outcome, self.facts_display = outcome, facts_display


class CrossSourceItem(_FactsItem):
    """Everything compared across the articles of one facts file: one test, always present."""

    def runtest(self) -> None:
        outcome = cross_source_outcome(self.corpus)
        for verdict in outcome.warnings:
            _warn(verdict, self)
        for verdict in outcome.failed:
            first = verdict.findings[0] if verdict.findings else None
            self.user_properties.append(("factcheck", {
                "kind": verdict.kind or "disagreement", "severity": "error", "id": verdict.finding_id,
                "file": first.article if first else "", "line": first.line if first else 0,
                "message": verdict.message}))
        if not outcome.ok:
            raise CrossSourceFailed(outcome, self.corpus.facts_file.display)

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(CrossSourceFailed):
            return render_cross_source(excinfo.value.outcome, excinfo.value.facts_display)
        if excinfo.errisinstance(FindingWarning):
            return f"{type(excinfo.value).__name__}: {excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"{CROSS_SOURCE_ID}: figures, dates and names compared across sources"


class UnreadableArticleItem(_FactsItem):
    def __init__(self, *, error: ArticleError, **kwargs):
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise self.error

    def reportinfo(self):
        return self.path, None, str(self.error)
