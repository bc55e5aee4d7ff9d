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
from typing import Dict, Optional

import pytest

from .article import ArticleError
from .cache import ArticleCache
from .config import ConfigError, Settings, load_settings
from .corpus import CheckUnavailable, Corpus
from .errors import InternalError
from .facts import CROSS_SOURCE_ID, Fact, FactsError, is_facts_file, load_facts
from .formats import FORMATS, record, render_records, reported_facts_error, reported_of_result, rootdir_path
from .plan import PlannedTest, TestResult, plan_tests, run_test
from .report import render_verdict
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
    facts_path, rootdir = item.parent.corpus.facts_file.path, item.config.rootpath
    places = [(rootdir_path(facts_path, f.article, rootdir), f.line) for f in verdict.findings] or [(str(item.path), 1)]
    for filename, lineno in dict.fromkeys(places):
        warning = FindingWarning(f"{verdict.kind}: {verdict.message}")
        warning.kind = verdict.kind
        warnings.warn_explicit(warning, FindingWarning, filename, lineno)
    _record_property(item, verdict, "warning")


def _record_property(item: pytest.Item, verdict: Verdict, severity: str) -> None:
    """The finding in the item's ``user_properties``: JUnit XML (whose default xunit2 drops file
    and line) and pytest-xdist carry kind, severity and ARTICLE:LINE (relative to the rootdir)."""
    first = verdict.findings[0] if verdict.findings else None
    where = rootdir_path(item.parent.corpus.facts_file.path, first.article, item.config.rootpath) if first else ""
    item.user_properties.append(("factcheck", {
        "kind": verdict.kind or "disagreement", "severity": severity, "id": verdict.finding_id or verdict.subject,
        "file": where, "line": first.line if first else 0, "message": verdict.message}))


class FactCheckFailed(Exception):
    """Raised by an item whose verdict is a failure; rendered by :func:`render_verdict`."""

    def __init__(self, verdict: Verdict, node: str):
        super().__init__(verdict.message or verdict.outcome)
        self.verdict, self.node = verdict, node


SETTINGS = pytest.StashKey[Settings]()
CACHE = pytest.StashKey[ArticleCache]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("factcheck", "fact-consistency checks of news corpora")
    group.addoption("--factcheck-strict", action="store_true", default=None,
                    help="warnings (updates, outdated articles...) fail too; "
                         "the same as -W error::factcheck.FindingWarning")
    group.addoption("--factcheck-format", choices=FORMATS, default=None,
                    help="also write the findings as json (JSON lines), sarif (SARIF 2.1.0) or github "
                         "(workflow commands); to --factcheck-output, else at the end of the run")
    group.addoption("--factcheck-output", metavar="FILE", default=None,
                    help="the file --factcheck-format writes (json when no format is given)")
    group.addoption("--factcheck-html", metavar="OUT", default=None,
                    help="write the ledger: one HTML page, a table of facts x sources per story")
    parser.addini("factcheck_cross_source", type="bool", default=None,
                  help="compare undeclared figures across sources (default true; a facts file's "
                       "cross_source: wins)")
    parser.addini("factcheck_strict", type="bool", default=None, help="warnings fail too")
    parser.addini("factcheck_severity", type="linelist", default=[],
                  help="finding kind = error | warning, one per line (e.g. update=error)")


def pytest_configure(config: pytest.Config) -> None:
    try:
        settings = load_settings(config.rootpath, strict=config.getoption("factcheck_strict"), ini={
            "cross_source": config.getini("factcheck_cross_source"),
            "strict": config.getini("factcheck_strict"),
            "severity": config.getini("factcheck_severity")})
    except ConfigError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[SETTINGS] = settings
    # pytest's cache directory (absent under -p no:cacheprovider; emptied by --cache-clear).
    cache = getattr(config, "cache", None)
    config.stash[CACHE] = ArticleCache(cache.mkdir("factcheck") if cache is not None else None)
    if settings.strict:
        config.addinivalue_line("filterwarnings", "error::factcheck.verdict.FindingWarning")
    fmt = _findings_format(config)
    if fmt and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_FindingsWriter(config, fmt), "factcheck-findings-writer")


def pytest_sessionstart(session: pytest.Session) -> None:
    # The terminal reporter is registered by its own pytest_configure: here it exists.
    _index_teardown_reports(session.config.pluginmanager.get_plugin("terminalreporter"))


def _index_teardown_reports(reporter) -> None:
    """Make pytest's failure summary linear in the number of tests.

    pytest's terminal reporter looks up each failure's teardown reports by scanning every
    report of the session (``_get_teardown_reports``, pytest-dev/pytest#13360): with the
    thousands of failing tests a large corpus gives (6,500 of 59,000 at 10,000 articles) the
    summary alone takes minutes. The same reports, in the same order, are indexed by node id
    once per summary instead. Only the reporter instance of this run is changed, and only
    when it has that method (a pytest that no longer does is left alone).
    """
    if reporter is None or not callable(getattr(reporter, "_get_teardown_reports", None)) \
            or not callable(getattr(reporter, "getreports", None)):
        return
    index: Dict[str, list] = {}
    indexed = [-1]                       # how many reports the index was built from

    def teardown_reports(nodeid: str) -> list:
        reports = reporter.stats.get("", [])
        if len(reports) != indexed[0]:
            index.clear()
            for report in reporter.getreports(""):
                if getattr(report, "when", None) == "teardown":
                    index.setdefault(report.nodeid, []).append(report)
            indexed[0] = len(reports)
        return list(index.get(nodeid, ()))

    reporter._get_teardown_reports = teardown_reports


def _findings_format(config: pytest.Config) -> Optional[str]:
    """The machine format asked for (``--factcheck-output`` alone means json), or None."""
    fmt = config.getoption("factcheck_format") or ("json" if config.getoption("factcheck_output") else None)
    return fmt if fmt != "text" else None


class _FindingsWriter:
    """Gathers every test's records (from the reports, so xdist workers' arrive too) and writes
    them in the chosen format once the run is over."""

    def __init__(self, config: pytest.Config, fmt: str):
        self.config, self.fmt, self.records = config, fmt, []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.records.extend(getattr(report, "factcheck_records", ()))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self.records.extend(getattr(report, "factcheck_records", ()))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        text = render_records(self.fmt, self.records, rootdir=self.config.rootpath)
        out = self.config.getoption("factcheck_output")
        if out:
            (Path(self.config.invocation_params.dir) / out).write_text(text, encoding="utf-8")
        else:
            self.text = text

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if getattr(self, "text", None):
            terminalreporter.section(f"factcheck {self.fmt}")
            terminalreporter.write(self.text if self.text.endswith("\n") else self.text + "\n")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """A factcheck test's records ride on its report (pytest-xdist serialises them to the controller)."""
    report = yield
    records = getattr(item, "factcheck_records", None)
    if call.when == "call" and records:
        report.factcheck_records = records
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """A facts file that cannot be used is a record too (an error at its line)."""
    report = yield
    if isinstance(collector, FactsYamlFile) and report.failed and report.longrepr is not None:
        error = getattr(collector, "facts_error", None)
        if error is not None:
            report.factcheck_records = [record(reported_facts_error(collector.path, one),
                                               rootdir=collector.config.rootpath) for one in error.errors]
    return report


def _facts_files_run(session: pytest.Session) -> list:
    """The facts files this run collected, in order (under pytest-xdist, as the workers report)."""
    paths = {str(item.parent.path): None for item in session.items if isinstance(item.parent, FactsYamlFile)}
    paths.update(dict.fromkeys(session.config.stash.get(_WORKER_FACTS, [])))
    return list(paths)


_WORKER_FACTS = pytest.StashKey[list]()


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if hasattr(config, "workerinput"):   # an xdist worker: the controller writes the reports
        config.workeroutput["factcheck_facts"] = _facts_files_run(session)
        return
    out = config.getoption("factcheck_html")
    if out:
        _write_ledger(config, session, Path(config.invocation_params.dir) / out)


@pytest.hookimpl(optionalhook=True)   # a pytest-xdist hook: present only when xdist is installed
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under ``-n`` (``--dist load``), a facts file's tests go to one worker: they share one
    story's extraction and checks, which a split would make both workers compute. Other
    tests are scheduled one by one, as ``--dist load`` does."""
    if config.getoption("dist", "load") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FactsFileScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if is_facts_file(Path(path)) else nodeid

    return FactsFileScheduling(config, log)


@pytest.hookimpl(optionalhook=True)   # a pytest-xdist hook: present only when xdist is installed
def pytest_testnodedown(node, error) -> None:   # xdist controller: a worker's facts files
    facts = getattr(node, "workeroutput", {}).get("factcheck_facts", [])
    node.config.stash.setdefault(_WORKER_FACTS, []).extend(facts)


def _write_ledger(config: pytest.Config, session: pytest.Session, out: Path) -> None:
    from .ledger import write_ledger   # late: Jinja2 is only needed for the page

    corpora = {}
    for item in session.items:
        if isinstance(item.parent, FactsYamlFile):
            corpora.setdefault(str(item.parent.path), item.parent.corpus)
    for path in _facts_files_run(session):
        if path not in corpora:   # collected by an xdist worker: read again here (deterministic)
            try:
                corpora[path] = Corpus(load_facts(path, config.rootpath), config.stash[SETTINGS],
                                       config.stash[CACHE])
            except FactsError:
                continue
    ledger = write_ledger(list(corpora.values()), out, rootdir=config.rootpath)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"factcheck ledger: {out} ({len(ledger.stories)} stories)")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Optional["FactsYamlFile"]:
    if is_facts_file(file_path):
        return FactsYamlFile.from_parent(parent, path=file_path)
    return None


_ITEM_CLASS = {}   # PlannedTest.kind -> item class (filled below)


def _wants_traceback(config: pytest.Config) -> bool:
    """A bug of factcheck's is one line, unless the user asks pytest for tracebacks."""
    return config.getoption("tbstyle", "auto") in ("long", "native") or bool(config.getoption("fulltrace", False))


class FactsYamlFile(pytest.File):
    """One facts file: its declared facts per article, and the cross-source comparison."""

    corpus: Corpus

    def collect(self):
        try:
            self.corpus = Corpus(load_facts(self.path, self.config.rootpath), self.config.stash[SETTINGS],
                                 self.config.stash[CACHE])
            tests = plan_tests(self.corpus)
        except FactsError as exc:
            self.facts_error = exc
            raise
        except Exception as exc:   # a bug of factcheck's: one line naming the file, not INTERNALERROR
            raise InternalError(self.nodeid, "reading", exc) from exc
        for test in tests:
            item = self._child(_ITEM_CLASS[test.kind], test)
            if test.known:
                # raises=: only a disagreement is the expected failure; a crash is not.
                item.add_marker(pytest.mark.xfail(
                    strict=True, raises=FactCheckFailed,
                    reason=f"known at {self.corpus.facts_file.display}:{test.fact.known_lines[test.article]}: "
                           f"{test.known}"))
            yield item

    def _child(self, cls, test: PlannedTest):
        # The node id is given as a string so pytest parses "fact[article]" the way it parses
        # the ids it stores for --lf (pytest >= 9.2 splits the bracket into params); built from
        # the name alone, a stored failure would never match its item again.
        return cls.from_parent(self, name=test.name, nodeid=f"{self.nodeid}::{test.name}", test=test)

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(FactsError):
            return str(excinfo.value)
        if excinfo.errisinstance(InternalError) and not _wants_traceback(self.config):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class _FactsItem(pytest.Item):
    parent: FactsYamlFile

    def __init__(self, *, test: PlannedTest, **kwargs):
        super().__init__(**kwargs)
        self.test = test

    @property
    def corpus(self) -> Corpus:
        return self.parent.corpus

    def runtest(self) -> None:
        try:
            result = run_test(self.corpus, self.test)
        except (ArticleError, CheckUnavailable) as exc:
            self._records(TestResult(self.test, "failed", report=str(exc)))
            raise
        except Exception as exc:   # a bug of factcheck's: one line naming the article or file
            raise InternalError(self.test.article or self.corpus.facts_file.display, "checking", exc) from exc
        self._records(result)
        self.conclude(result)

    def _records(self, result: TestResult) -> None:
        if _findings_format(self.config):
            self.factcheck_records = [record(r, rootdir=self.config.rootpath)
                                      for r in reported_of_result(self.corpus, result)]

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(FactCheckFailed):
            return render_verdict(excinfo.value.verdict, note=self.note)
        if excinfo.errisinstance((FindingWarning, FactNotMentionedWarning)):
            # "-W error::factcheck.FindingWarning": the warning is the report, not a traceback.
            return f"{type(excinfo.value).__name__}: {excinfo.value}"
        if excinfo.errisinstance((ArticleError, CheckUnavailable)):
            return str(excinfo.value)
        if excinfo.errisinstance(InternalError) and not _wants_traceback(self.config):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    note = ""


class FactItem(_FactsItem):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fact, self.article = self.test.fact, self.test.article
        self.note = self.fact.note

    def conclude(self, result) -> None:
        if result.unmentioned:
            # Attributed to the facts file's line, so the summary quotes the declaration.
            warnings.warn_explicit(FactNotMentionedWarning.about(self.fact), FactNotMentionedWarning,
                                   self.corpus.facts_file.display, self.fact.line)
        for verdict in result.failures:
            _record_property(self, verdict, "error")
            raise FactCheckFailed(verdict, self.name)
        for verdict in result.warnings:
            _warn(verdict, self)

    def reportinfo(self):
        return self.path, self.fact.line - 1, f"{self.fact.id} in {self.article}"


class CrossSourceFailed(Exception):
    def __init__(self, report: str, count: int):
        super().__init__(f"{count} cross-source findings")
        self.report = report


class CrossSourceItem(_FactsItem):
    """Everything compared across the articles of one facts file: one test, always present."""

    def conclude(self, result) -> None:
        for verdict in result.warnings:
            _warn(verdict, self)
        for verdict in result.failures:
            _record_property(self, verdict, "error")
        if result.failed:
            raise CrossSourceFailed(result.report, len(result.failures))

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(CrossSourceFailed):
            return excinfo.value.report
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"{CROSS_SOURCE_ID}: figures, dates and names compared across sources"


class UnreadableArticleItem(_FactsItem):
    def conclude(self, result) -> None:
        raise self.test.error

    def reportinfo(self):
        return self.path, None, str(self.test.error)


_ITEM_CLASS.update({"fact": FactItem, "cross-source": CrossSourceItem, "unreadable": UnreadableArticleItem})
