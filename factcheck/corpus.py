"""A facts file with its articles: read, extracted and checked, memoised per process.

One place runs the checks so that the pytest plugin and ``factcheck check`` agree
exactly. Everything is computed lazily and deterministically (so pytest-xdist
workers, which each collect on their own, see the same items), and each article
is read and extracted once per process however many facts look at it.

The matcher (:mod:`factcheck.check.declared`) and the cross-source comparison
(:mod:`factcheck.check.cross.figures`) are looked up at call time: they are separate
modules, and a missing one is reported as such rather than breaking collection.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from .article import Article, ArticleError, read_article
from .facts import Fact, FactsFile, SourceMeta, discover_articles
from .mention import Mention
from .cache import ArticleCache, environment_parts, key
from .config import DEFAULT_SETTINGS, Settings, apply_settings
from .verdict import Verdict
from .claims.build import Claim, build_claims, story_day
from .check.declared import check_article, over_time
from .check.cross.figures import cross_check
from .check.findings import with_finding_ids


class CheckUnavailable(Exception):
    """The matcher gave no verdict for a declared fact: the fact cannot be checked."""


@dataclass(frozen=True)
class Source:
    """One article of a facts file, before it is read."""

    display: str          # relative to the facts file: node ids, ``known`` keys, ARTICLE:LINE:COL
    path: Path
    meta: SourceMeta


@lru_cache(maxsize=512)
def extract_cached(body: str, published: Optional[dt.date]) -> Tuple[Mention, ...]:
    """Mentions of an article body; keyed by the text itself, so edits invalidate it."""
    from .extract import extract

    return tuple(extract(body, published=published))


def read_source(source: Source, default_published: Optional[dt.date]) -> Article:
    """The article, or ``ArticleError`` naming it. (Reading is cheap; a :class:`Corpus`
    reads each article once, and extraction is memoised on the text itself.)"""
    return read_article(source.path, source.display, published=default_published,
                        meta=source.meta.as_meta())


class Corpus:
    """Checks of one facts file. Results are memoised on the instance."""

    def __init__(self, facts_file: FactsFile, settings: Settings = DEFAULT_SETTINGS,
                 cache: Optional[ArticleCache] = None):
        self.facts_file, self.settings = facts_file, settings
        self.cache = cache if cache is not None else ArticleCache(None)
        self.sources: Tuple[Source, ...] = tuple(
            Source(display, path, meta) for display, path, meta in discover_articles(facts_file))
        self._articles: Dict[str, Union[Article, ArticleError]] = {}
        self._mentions: Dict[str, Tuple[Mention, ...]] = {}
        self._article_keys: Dict[str, str] = {}
        self._checked = False
        self._verdicts: Dict[str, Dict[str, Verdict]] = {}
        self._claims: Dict[str, Tuple[Claim, ...]] = {}
        self._timed: Optional[Dict[str, Dict[str, Verdict]]] = None
        self._cross: Optional[Tuple[Verdict, ...]] = None

    @property
    def facts(self) -> Tuple[Fact, ...]:
        return self.facts_file.facts

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def article(self, display: str) -> Article:
        if display not in self._articles:
            source = next(s for s in self.sources if s.display == display)
            try:
                self._articles[display] = read_source(source, self.facts_file.published)
            except ArticleError as exc:
                self._articles[display] = exc
            except (ValueError, OSError, RecursionError) as exc:
                # What the file holds (front matter dated 2024-13-45, a name too long for the
                # file system) makes it unreadable: its own failing test, not a crash.
                self._articles[display] = ArticleError(f"{display}: cannot be read: {exc}")
        found = self._articles[display]
        if isinstance(found, ArticleError):
            raise found
        return found

    def unreadable(self) -> List[Tuple[str, ArticleError]]:
        out = []
        for source in self.sources:
            try:
                self.article(source.display)
            except ArticleError as exc:
                out.append((source.display, exc))
        return out

    def readable(self) -> List[str]:
        bad = {display for display, _ in self.unreadable()}
        return [s.display for s in self.sources if s.display not in bad]

    def article_key(self, display: str) -> str:
        """What the article's results are computed from: its text and metadata as read, the
        language data, the code (the cache's key, so an edit anywhere gives a new one)."""
        if display not in self._article_keys:   # hashed once: mentions, claims and the story use it
            a = self.article(display)
            self._article_keys[display] = key("article/1", a.path, a.text, repr(
                (a.published, a.outlet, a.title, a.url, a.body_start, a.published_at)), *environment_parts())
        return self._article_keys[display]

    def _cached(self, cache_key: str, compute):
        if not self.cache.enabled:
            return compute()
        found = self.cache.get(cache_key)
        if found is None:
            found = compute()
            self.cache.put(cache_key, found)
        return found

    def mentions(self, display: str) -> Tuple[Mention, ...]:
        if display not in self._mentions:
            article = self.article(display)
            self._mentions[display] = self._cached(
                key(self.article_key(display), "mentions") if self.cache.enabled else "",
                lambda: extract_cached(article.body, article.published))
        return self._mentions[display]

    @cached_property
    def story_day(self) -> Optional[dt.date]:
        """The median publication day of the articles that have one: what an undated article
        is taken to be about when telling old dates from the story's own."""
        return story_day(self.article(d) for d in self.readable())

    def claims(self, display: str) -> Tuple[Claim, ...]:
        """The article's mentions with what each is about (zone, measure, event, time)."""
        if display not in self._claims:
            # Claims depend on the other articles through the story's day (background dates).
            self._claims[display] = self._cached(
                key(self.article_key(display), "claims", repr(self.story_day)) if self.cache.enabled else "",
                lambda: build_claims(self.article(display), self.mentions(display), story_day=self.story_day))
        return self._claims[display]

    def _story_key(self) -> str:
        """What every verdict of the story is computed from: the facts file as read, the
        settings, every article's key (an edit to one article changes it)."""
        ff = self.facts_file
        return key("story/1", ff.display, ff.path.read_bytes(), repr(self.settings),
                   *(f"{s.display}={self._key_or_error(s.display)}" for s in self.sources), *environment_parts())

    def _key_or_error(self, display: str) -> str:
        try:
            return self.article_key(display)
        except ArticleError as exc:
            return f"unreadable: {exc}"

    def _check_story(self) -> None:
        """With a cache: every verdict of the story at once, read back when nothing changed
        (a re-run after one edit redoes only that story)."""
        if self._checked or not self.cache.enabled:
            return
        self._checked = True
        story_key = self._story_key()
        found = self.cache.get(story_key)
        if found is not None:
            self._verdicts, self._timed, self._cross = found
            return
        for display in self.readable():
            self.verdicts(display)
        self._time_pass()
        self.cross_source()
        self.cache.put(story_key, (self._verdicts, self._timed, self._cross))

    def verdicts(self, display: str) -> Dict[str, Verdict]:
        """fact id -> Verdict for one article (every declared fact has one), before the
        time pass (:meth:`verdict` gives the final one)."""
        if display not in self._verdicts:
            article = self.article(display)
            found = dict(check_article(list(self.facts), article, list(self.mentions(display)),
                                       claims=self.claims(display)))
            missing = [f.id for f in self.facts if f.id not in found]
            if missing:
                raise CheckUnavailable(f"the matcher returned no verdict for {', '.join(missing)}")
            self._verdicts[display] = found
        return self._verdicts[display]

    @property
    def compares_across_sources(self) -> bool:
        """The facts file's own ``cross_source:`` when it says, else the project setting."""
        if "cross_source" in self.facts_file.line_of:
            return self.facts_file.cross_source
        return self.settings.cross_source

    def verdict(self, fact_id: str, display: str) -> Verdict:
        """The final verdict, at its configured severity (the fact's ``severity:``, else the
        project's for its kind)."""
        return apply_settings(self._final_verdict(fact_id, display), self.settings, self.fact(fact_id).severity)

    def _final_verdict(self, fact_id: str, display: str) -> Verdict:
        """A moving figure at an earlier value, said before the declared value was known, is
        *outdated* (a warning), which needs every article's verdict."""
        self._check_story()
        self._time_pass()
        if display not in self._timed.get(fact_id, {}):
            return self.verdicts(display)[fact_id]
        return self._timed[fact_id][display]

    def _time_pass(self) -> None:
        if self._timed is None:
            readable = self.readable()
            articles = {d: self.article(d) for d in readable}
            self._timed = {}
            for fact in self.facts:
                self._timed[fact.id] = over_time(fact, {d: self.verdicts(d)[fact.id] for d in readable}, articles)

    def unmentioned(self, fact_id: str) -> bool:
        """No readable article mentions the fact at all (agreeing or not)."""
        for display in self.readable():
            verdict = self.verdict(fact_id, display)
            if verdict.outcome != "pass" or verdict.agreeing or verdict.findings:
                return False
        return True

    def cross_source(self) -> Tuple[Verdict, ...]:
        """Verdicts comparing undeclared figures across the readable articles."""
        self._check_story()
        if self._cross is None:
            if not self.compares_across_sources or not self.readable():
                self._cross = ()
            else:
                readable = self.readable()
                items = [(self.article(d), list(self.mentions(d))) for d in readable]
                verdicts = cross_check(items, list(self.facts), claims=[self.claims(d) for d in readable])
                self._cross = tuple(apply_settings(v, self.settings) for v in with_finding_ids(verdicts))
        return self._cross


@dataclass(frozen=True)
class CrossSourceOutcome:
    """What the one ``cross-source`` test of a facts file concludes.

    failed:   findings that fail it (errors not accepted);
    warnings: findings reported but passing (updates, dropped bounds between sources...);
    accepted: failing findings an ``accept:`` entry covers;
    stale:    ``accept:`` ids no finding carries any more: (id, facts.yaml line, reason).
    The test fails when ``failed`` or ``stale`` is not empty (a waiver that no longer
    applies fails, as a strict xfail does)."""

    failed: Tuple[Verdict, ...] = ()
    warnings: Tuple[Verdict, ...] = ()
    accepted: Tuple[Verdict, ...] = ()
    stale: Tuple[Tuple[str, int, str], ...] = ()
    compared: int = 0       # figure groups compared (agreeing ones included)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stale


def cross_source_outcome(corpus: "Corpus") -> CrossSourceOutcome:
    verdicts = corpus.cross_source()
    accept = corpus.facts_file.accept
    failed = tuple(v for v in verdicts if v.failed and v.finding_id not in accept)
    accepted = tuple(v for v in verdicts if v.failed and v.finding_id in accept)
    ids = {v.finding_id for v in verdicts if v.failed or v.warns}
    stale = tuple((fid, corpus.facts_file.accept_lines.get(fid, 0), reason)
                  for fid, reason in accept.items() if fid not in ids)
    return CrossSourceOutcome(failed, tuple(v for v in verdicts if v.warns), accepted, stale, len(verdicts))
