"""Command line: ``factcheck extract`` (what the extractors read) and ``factcheck check``.

``factcheck check`` runs exactly the checks of the pytest plugin (same
:class:`~factcheck.corpus.Corpus`, same report) for people who just want the
verdicts. Exit codes: 0 all checks pass (known discrepancies included),
1 a check failed (or a known discrepancy is gone: a stale ``known`` entry),
2 a facts file or article cannot be used / bad command line.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, TextIO

from .article import Article, ArticleError, parse_date, read_article
from .corpus import CheckUnavailable, Corpus, cross_source_outcome
from .facts import (ARTICLE_SUFFIXES, CROSS_SOURCE_ID, UNREADABLE_ID, FactsError, is_facts_file,
                    load_facts)
from .mention import Mention
from .report import render_cross_source, render_summary, render_verdict

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2
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
    ck.set_defaults(run=run_check)
    return parser


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

def run_check(args, out: TextIO, err: TextIO) -> int:
    target = Path(args.path)
    if not target.exists():
        err.write(f"factcheck: {args.path}: no such file or folder\n")
        return EXIT_UNUSABLE
    files = [target] if target.is_file() else list(_facts_files(target))
    if not files:
        err.write(f"factcheck: no facts.yaml or *.facts.yaml under {args.path}\n")
        return EXIT_UNUSABLE
    counts = {"passed": 0, "failed": 0, "xfailed": 0, "errors": 0, "warnings": 0}
    for path in files:
        try:
            corpus = Corpus(load_facts(path, Path.cwd()))
        except FactsError as exc:
            err.write(f"ERROR {exc}\n")
            counts["errors"] += 1
            continue
        check_corpus(corpus, out, counts, verbose=args.verbose)
    out.write(f"\n{render_summary(counts)}\n")
    if counts["errors"]:
        return EXIT_UNUSABLE
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _facts_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_facts_file(Path(name)):
                yield Path(root) / name


def check_corpus(corpus: Corpus, out: TextIO, counts: dict, *, verbose: bool = False) -> None:
    """The plugin's items, in its order, reported like pytest would."""
    ff = corpus.facts_file
    node = lambda name: f"{ff.display}::{name}"  # noqa: E731
    unreadable = dict(corpus.unreadable())
    for display, error in unreadable.items():
        _report(out, counts, "failed", node(f"{UNREADABLE_ID}[{display}]"), str(error))
    articles = [s.display for s in corpus.sources if s.display not in unreadable]
    for fact in corpus.facts:
        for display in articles:
            name = node(f"{fact.id}[{display}]")
            try:
                verdict = corpus.verdict(fact.id, display)
            except CheckUnavailable as exc:
                _report(out, counts, "failed", name, str(exc))
                continue
            known = fact.known.get(display)
            if known and verdict.failed:
                _report(out, counts, "xfailed", name, f"known: {known}")
            elif known:
                _report(out, counts, "failed", name,
                        f"XPASS(strict): the known discrepancy is gone; remove the known entry at "
                        f"{ff.display}:{fact.known_lines[display]} ({known})\n")
            elif verdict.failed:
                _report(out, counts, "failed", name, render_verdict(verdict, note=fact.note))
            else:
                _report(out, counts, "passed", name, None, show=verbose)
                if verdict.warns:
                    _warning(out, counts, verdict)
        try:
            silent = bool(articles) and corpus.unmentioned(fact.id)
        except CheckUnavailable:
            silent = False
        if silent:
            counts["warnings"] += 1
            out.write(f"WARNING {fact.declared_at}: fact {fact.id!r} is mentioned by no article "
                      "(check its 'of', 'context' or spelling)\n")
    if not ff.cross_source:
        return
    outcome = cross_source_outcome(corpus)
    if outcome.ok:
        _report(out, counts, "passed", node(CROSS_SOURCE_ID), None, show=verbose)
    else:
        _report(out, counts, "failed", node(CROSS_SOURCE_ID), render_cross_source(outcome, ff.display))
    for verdict in outcome.warnings:
        _warning(out, counts, verdict)


def _warning(out: TextIO, counts: dict, verdict) -> None:
    """A finding of severity "warning", as the plugin's FindingWarning reads: at ARTICLE:LINE."""
    counts["warnings"] += 1
    first = verdict.findings[0] if verdict.findings else None
    where = f"{first.article}:{first.line}" if first else (verdict.article or "")
    out.write(f"WARNING {where}: {verdict.kind}: {verdict.message}\n")


_LABEL = {"passed": "PASSED", "failed": "FAILED", "xfailed": "XFAIL"}


def _report(out: TextIO, counts: dict, outcome: str, name: str, text: Optional[str], *,
            show: bool = True) -> None:
    counts[outcome] = counts.get(outcome, 0) + 1
    if not show:
        return
    if outcome == "xfailed" and text:
        out.write(f"XFAIL {name}  {text}\n")
        return
    out.write(f"{_LABEL[outcome]} {name}\n")
    if text:
        out.write(text.rstrip("\n") + "\n\n")


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
