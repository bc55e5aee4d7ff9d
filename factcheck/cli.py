"""Command line: ``factcheck extract`` (what the extractors read) and ``factcheck check``.

``factcheck check`` runs exactly the checks of the pytest plugin (same
:class:`~factcheck.corpus.Corpus`, same report) for people who just want the
verdicts. Exit codes: 0 all checks pass (known discrepancies included),
1 a check failed (or a known discrepancy is gone: a stale ``known`` entry),
2 a facts file or article cannot be used / bad command line.
"""
from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, TextIO, Tuple

from .article import Article, ArticleError, parse_date, read_article
from .cache import ArticleCache
from .config import ConfigError, load_settings
from .corpus import CheckUnavailable, Corpus
from .errors import InternalError
from .facts import ARTICLE_SUFFIXES, FactsError, is_facts_file, load_facts
from .formats import FORMATS, render, reported_facts_error, reported_of
from .mention import Mention
from .plan import PlannedTest, TestResult, plan_tests, run_test
from .report import render_summary

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2
#: Where results are cached between runs: pytest's cache folder, relative to the rootdir.
CACHE_DIR = ".pytest_cache"
#: Columns of ``factcheck extract`` lines, two spaces apart; empty fields print as this.
EMPTY_FIELD = "-"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        return args.run(args, sys.stdout, sys.stderr)
    except BrokenPipeError:   # `factcheck extract ... | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description=(
        "Fact-consistency checks for news corpora. The same checks run under pytest: "
        "`python3 -m pytest facts.yaml -v`."))
    sub = parser.add_subparsers(dest="command")
    ex = sub.add_parser("extract", help="print every figure, date and person found in articles")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article files, or folders of .txt/.md")
    ex.add_argument("--published", metavar="YYYY-MM-DD",
                    help="publication date for articles that do not state their own "
                         "(anchors 'on Monday', 'last week')")
    ex.add_argument("--json", action="store_true", help="one JSON object per mention and line")
    ex.set_defaults(run=run_extract)
    ck = sub.add_parser("check", help="check articles against facts files and across sources")
    ck.add_argument("path", nargs="?", default=".", metavar="PATH",
                    help="a facts file, or a folder searched for facts.yaml / *.facts.yaml (default: .)")
    ck.add_argument("-v", "--verbose", action="store_true", help="also list the checks that pass")
    ck.add_argument("--strict", action="store_true", default=None,
                    help="warnings (updates, outdated articles...) fail too")
    ck.add_argument("--format", choices=FORMATS, default="text",
                    help="text (the report, default), json (JSON lines, every field of each finding), "
                         "sarif (SARIF 2.1.0) or github (workflow commands: annotations on pull requests)")
    ck.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE rather than stdout")
    ck.add_argument("--no-cache", action="store_true",
                    help="neither read nor write the results cache (.pytest_cache/d/factcheck, shared with pytest)")
    ck.set_defaults(run=run_check)
    rp = sub.add_parser("report", help="write the ledger: one HTML page, a table of facts x sources per story")
    rp.add_argument("path", nargs="?", default=".", metavar="PATH",
                    help="a facts file, or a folder searched for facts.yaml / *.facts.yaml (default: .)")
    rp.add_argument("--html", required=True, metavar="OUT", help="the page to write (a new or an .html file)")
    rp.set_defaults(run=run_report)
    sg = sub.add_parser("suggest", help="draft a facts.yaml from a story folder (never overwrites a file)")
    sg.add_argument("path", metavar="PATH", help="a folder of articles (.txt/.md, optional manifest.json)")
    sg.add_argument("-o", "--output", metavar="FILE",
                    help="write the draft to FILE, which must not exist (default: stdout)")
    sg.set_defaults(run=run_suggest)
    return parser


def run_suggest(args, out: TextIO, err: TextIO) -> int:
    from .suggest import run_suggest as draft   # late: only this command needs the drafter

    return draft(Path(args.path), Path(args.output) if args.output else None, out=out, err=err)


# --------------------------------------------------------------------------- extract

def run_extract(args, out: TextIO, err: TextIO) -> int:
    try:
        published = parse_date(args.published)
    except ValueError as exc:
        err.write(f"factcheck: --published: {exc}\n")
        return EXIT_UNUSABLE
    status = EXIT_OK
    from .extract import extract

    for display, path in _article_files(args.paths, err):
        try:
            article = read_article(path, display, published=published)
        except ArticleError as exc:
            err.write(f"factcheck: {exc}\n")
            status = EXIT_UNUSABLE
            continue
        for mention in extract(article.body, published=article.published):
            out.write(mention_line(article, mention, as_json=args.json) + "\n")
    return status


def _article_files(paths: Iterable[str], err: TextIO) -> Iterator:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    p = Path(root) / name
                    if p.suffix.lower() in ARTICLE_SUFFIXES and not is_facts_file(p):
                        yield str(p), p
        else:
            yield given, path   # a missing file is reported by read_article, naming it


def mention_line(article: Article, mention: Mention, *, as_json: bool = False) -> str:
    """``FILE:LINE:COL  kind  value  unit  counted  qualifier  "text as written"`` (or one JSON object).

    The surface text comes last, quoted, so the fixed columns stay easy to cut."""
    line, column = article.position(mention.start)
    if as_json:
        return json.dumps({"file": article.path, "line": line, "column": column, **mention.as_dict()},
                          ensure_ascii=False, default=str)
    fields = [f"{article.path}:{line}:{column}", mention.kind, _value(mention.value),
              mention.unit, mention.counted, mention.qualifier]
    columns = "  ".join(EMPTY_FIELD if f in (None, "") else str(f) for f in fields)
    return f"{columns}  {json.dumps(mention.text, ensure_ascii=False)}"


def _value(value) -> Optional[str]:
    if isinstance(value, tuple):
        return "..".join(str(v) for v in value)     # a range: "8..13" ("-" could be a sign)
    return None if value is None else str(value)


# --------------------------------------------------------------------------- check

class _Unusable(Exception):
    """The command cannot run at all (no such path, no facts file, bad settings)."""


def _stories(args, err: TextIO, on_error=None, progress: Optional["Progress"] = None
             ) -> Iterator[Tuple[Path, Optional[Corpus], Tuple[PlannedTest, ...]]]:
    """(facts file, its corpus and tests) per facts file under ``args.path``; a facts file
    that cannot be used is reported on ``err`` as pytest would (ERROR FILE:LINE: message)
    and comes with no corpus. Read as under pytest with the current folder as rootdir."""
    target = Path(args.path)
    if not target.exists():
        raise _Unusable(f"factcheck: {args.path}: no such file or folder")
    files = [target] if target.is_file() else list(_facts_files(target))
    if not files:
        raise _Unusable(f"factcheck: no facts.yaml or *.facts.yaml under {args.path}")
    rootdir = Path.cwd()
    try:
        settings = load_settings(rootdir, strict=getattr(args, "strict", None))
    except ConfigError as exc:
        raise _Unusable(f"ERROR {exc}") from None
    cache = ArticleCache(None if getattr(args, "no_cache", False) else _cache_dir(rootdir))
    progress = progress or Progress(err)
    progress.total = len(files)
    for index, path in enumerate(files, 1):
        progress.show(index, path)
        try:
            corpus = Corpus(load_facts(path, rootdir), settings, cache)
            yield path, corpus, plan_tests(corpus)
        except FactsError as exc:
            progress.clear()
            err.write("".join(f"ERROR {line}\n" for line in str(exc).splitlines()))
            if on_error is not None:
                on_error(path, exc)
            yield path, None, ()
        except Exception as exc:   # a bug of factcheck's: one line naming the file, as under pytest
            progress.clear()
            err.write(f"ERROR {InternalError(str(path), 'reading', exc)}\n")
            yield path, None, ()
    progress.clear()


def _cache_dir(rootdir: Path) -> Optional[Path]:
    """pytest's own cache directory for factcheck (``config.cache.mkdir("factcheck")``), so a
    ``pytest`` run and ``factcheck check`` share results; marked as pytest marks it."""
    top = rootdir / CACHE_DIR
    try:
        folder = top / "d" / "factcheck"
        folder.mkdir(parents=True, exist_ok=True)
        if not (top / ".gitignore").exists():
            (top / ".gitignore").write_text("# Created by factcheck (pytest's cache folder).\n*\n", encoding="utf-8")
        return folder
    except OSError:   # a read-only checkout: run without a cache
        return None


class Progress:
    """``[3/50] stories/nk/facts.yaml`` on one line of a terminal's stderr, rewritten in place;
    nothing in CI logs or when stderr is not a terminal (what pytest users expect)."""

    def __init__(self, err: TextIO):
        self.err, self.total = err, 0
        self.live = not os.environ.get("CI") and bool(getattr(err, "isatty", lambda: False)())
        self.shown = False

    def show(self, index: int, path: Path) -> None:
        if self.live and self.total > 1:
            self.err.write(f"\r\033[K[{index}/{self.total}] {path}")
            self.err.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.err.write("\r\033[K")
            self.err.flush()
            self.shown = False


def run_check(args, out: TextIO, err: TextIO) -> int:
    """Machine formats go to ``--output`` or stdout, alone: the summary then goes to stderr."""
    counts = {"passed": 0, "failed": 0, "xfailed": 0, "xpassed": 0, "errors": 0, "warnings": 0}
    text = args.format == "text"
    report_out = out if text and not args.output else io.StringIO()
    reported = []
    progress = Progress(err)
    try:
        for path, corpus, tests in _stories(args, err, progress=progress, on_error=lambda p, e: reported.extend(
                reported_facts_error(p, one) for one in e.errors)):
            if corpus is None:
                counts["errors"] += 1
                continue
            results = list(check_corpus(corpus, tests, strict=corpus.settings.strict))
            progress.clear()
            for result in results:
                _print_result(report_out, counts, corpus, result, verbose=args.verbose)
            reported.extend(reported_of(corpus, results))
    except _Unusable as exc:
        err.write(f"{exc}\n")
        return EXIT_UNUSABLE
    summary = f"\n{render_summary(counts)}\n"
    rendered = report_out.getvalue() + summary if text and args.output else (
        None if text else render(args.format, reported, rootdir=Path.cwd()))
    if rendered is None:
        out.write(summary)
    elif args.output:
        Path(args.output).write_text(rendered, encoding="utf-8")
        err.write(summary.lstrip("\n"))
    else:
        out.write(rendered)
        err.write(summary.lstrip("\n"))
    if counts["errors"]:
        return EXIT_UNUSABLE
    return EXIT_FAILED if counts["failed"] or counts["xpassed"] else EXIT_OK


def run_report(args, out: TextIO, err: TextIO) -> int:
    """The ledger of every usable facts file under PATH, written to ``--html``. Never over an
    article or a facts file: factcheck does not write into a corpus."""
    from .ledger import write_ledger   # late: Jinja2 is only needed for the page

    target = Path(args.html)
    try:
        stories = list(_stories(args, err))
    except _Unusable as exc:
        err.write(f"{exc}\n")
        return EXIT_UNUSABLE
    corpora = [corpus for _, corpus, _ in stories if corpus is not None]
    inputs = {p.resolve() for c in corpora for p in [c.facts_file.path, *(s.path for s in c.sources)]}
    if target.resolve() in inputs or (target.exists() and target.suffix.lower() not in (".html", ".htm")):
        err.write(f"factcheck: {args.html}: will not write over a file that is not an HTML page\n")
        return EXIT_UNUSABLE
    if not corpora:
        return EXIT_UNUSABLE
    ledger = write_ledger(corpora, target, rootdir=Path.cwd())
    out.write(f"{args.html}: {len(ledger.stories)} stories\n")
    return EXIT_UNUSABLE if len(corpora) < len(stories) else EXIT_OK


def _facts_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_facts_file(Path(name)):
                yield Path(root) / name


def check_corpus(corpus: Corpus, tests: Sequence[PlannedTest], *, strict: bool = False) -> Iterator[TestResult]:
    """The plugin's tests, in its order, each concluded as pytest would (``strict``: as under
    ``-W error::factcheck.FindingWarning``, a warning fails its test)."""
    for test in tests:
        try:
            result = run_test(corpus, test)
            if strict and result.warnings and result.conclusion == "passed":
                result = dataclasses.replace(result, conclusion="failed", report="\n".join(
                    f"FindingWarning: {v.kind}: {v.message}" for v in result.warnings))
            yield result
        except (ArticleError, CheckUnavailable) as exc:
            yield TestResult(test, "failed", report=str(exc))
        except Exception as exc:   # a bug of factcheck's, shown as the test's one-line failure
            where = test.article or corpus.facts_file.display
            yield TestResult(test, "failed", report=str(InternalError(where, "checking", exc)))


def _print_result(out: TextIO, counts: dict, corpus: Corpus, result: TestResult, *, verbose: bool) -> None:
    """One test as pytest -rA would list it, then its warnings."""
    ff, test = corpus.facts_file, result.test
    name = f"{ff.display}::{test.name}"
    counts[result.conclusion] += 1
    if result.conclusion == "xfailed":
        out.write(f"XFAIL {name}  known: {test.known}\n")
    elif result.failed:
        out.write(f"FAILED {name}\n" + result.report.rstrip("\n") + "\n\n")
    elif verbose:
        out.write(f"PASSED {name}\n")
    for verdict in result.warnings:
        _warning(out, counts, verdict)
    if result.unmentioned:
        counts["warnings"] += 1
        out.write(f"WARNING {test.fact.declared_at}: fact {test.fact.id!r} is mentioned by no article "
                  "(check its 'of', 'context' or spelling)\n")


def _warning(out: TextIO, counts: dict, verdict) -> None:
    """A finding of severity "warning", as the plugin's FindingWarning reads: at ARTICLE:LINE."""
    counts["warnings"] += 1
    first = verdict.findings[0] if verdict.findings else None
    where = f"{first.article}:{first.line}" if first else (verdict.article or "")
    out.write(f"WARNING {where}: {verdict.kind}: {verdict.message}\n")


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
