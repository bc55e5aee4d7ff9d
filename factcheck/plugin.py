"""pytest plugin: collects facts.yaml files (loaded through the pytest11 entry point).

Items, one test each:
  ``facts.yaml::<fact-id>[<article>]``  a declared fact checked in one article
                                         (``<article>`` relative to the facts file);
  ``facts.yaml::cross-source[<key>]``   a figure several articles report, compared
                                         across them (no declaration needed);
  ``facts.yaml::unreadable[<article>]`` an article that cannot be read: always fails.

Choices (documented settings of the product):
  - An article that does not mention a fact *passes* that fact's test (a skip per
    silent article would drown the output). A fact that *no* article mentions emits
    a :class:`FactNotMentionedWarning` pointing at ``facts.yaml:LINE`` (its ``of`` or
    ``context`` is usually wrong); it is raised by the fact's first article's test,
    so it appears once, and ``-W error::factcheck.plugin.FactNotMentionedWarning``
    turns it into a failure.
  - ``known`` entries mark their test ``xfail(strict=True)``: once the article is
    fixed the test XPASSes, which fails, so stale waivers do not linger.
  - A cross-source disagreement has no waiver of its own: declare that figure as a
    fact (the comparison leaves declared figures to their fact) and list the
    articles that differ under its ``known``.
  - Articles are read and cross-source keys computed during collection (both are
    deterministic, so pytest-xdist workers collect identical items); fact checks run
    in ``runtest``, memoised per process and facts file.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

import pytest

from .article import ArticleError
from .corpus import CheckUnavailable, Corpus, unique_keys
from .facts import CROSS_SOURCE_ID, UNREADABLE_ID, Fact, FactsError, is_facts_file, load_facts
from .report import render_verdict
from .verdict import Verdict


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
        try:
            verdicts = self.corpus.cross_source()
        except Exception as exc:  # noqa: BLE001 - a bug there must not hide the declared facts
            yield self._child(CrossSourceItem, CROSS_SOURCE_ID, verdict=None, error=exc)
            return
        for key, verdict in zip(unique_keys(verdicts), verdicts):
            yield self._child(CrossSourceItem, f"{CROSS_SOURCE_ID}[{key}]", verdict=verdict)

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
        if excinfo.errisinstance((ArticleError, CheckUnavailable)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    note = ""

    def _judge(self, verdict: Verdict) -> None:
        if verdict.failed:
            raise FactCheckFailed(verdict, self.name)


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


class CrossSourceItem(_FactsItem):
    def __init__(self, *, verdict: Optional[Verdict], error: Optional[BaseException] = None, **kwargs):
        super().__init__(**kwargs)
        self.verdict, self.error = verdict, error

    def runtest(self) -> None:
        if self.error is not None:
            raise self.error
        self._judge(self.verdict)

    def reportinfo(self):
        return self.path, None, f"{CROSS_SOURCE_ID}: {self.verdict.subject if self.verdict else 'error'}"


class UnreadableArticleItem(_FactsItem):
    def __init__(self, *, error: ArticleError, **kwargs):
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise self.error

    def reportinfo(self):
        return self.path, None, str(self.error)
