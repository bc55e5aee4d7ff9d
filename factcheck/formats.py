"""A run's verdicts as machine-readable output: JSON lines, SARIF 2.1.0, GitHub workflow commands.

``factcheck check --format ...`` and pytest's ``--factcheck-format`` both render through
:func:`render`. The input is one :class:`Reported` per test (node id, facts file, verdict);
each becomes a *record*, a plain JSON-able dict (:func:`record`), and every format is
rendered from records (:func:`render_records`). Records are what a pytest-xdist worker
hands to the controller: they hold only str/int/None/list/dict, so they cross process
boundaries as they are, and the controller renders without re-running any check.

Paths in every format are relative to the *rootdir* (the repository root, pytest's
rootdir): clickable from there, and what GitHub annotations and SARIF viewers resolve.
A finding's article is stored relative to its facts file (as in node ids and ``known:``
keys); :func:`rootdir_path` joins the two.

Choices (documented settings of the output):
  - ``text`` is in :data:`FORMATS` because the commands accept it, but it is the existing
    human report (:mod:`factcheck.report`); :func:`render` raises ``ValueError`` for it,
    so a caller cannot silently get machine output where the report was meant.
  - A passing verdict carries no finding: JSON lists it only with ``passing=True``;
    SARIF and GitHub never list it (they are lists of problems).
  - A discrepancy accepted in facts.yaml (``known:`` or ``accept:``) is a SARIF result
    with a ``suppressions`` entry (viewers hide it, the reason is kept) and is *not*
    a GitHub annotation: it fails nothing, and a pull request should not flag it.
  - One SARIF result per verdict: every offending mention is one of its ``locations``
    (fixing the verdict means changing each), the agreeing ones are ``relatedLocations``.
    GitHub gets one annotation per offending mention, so each place is flagged.
  - A verdict with no mention to point at (an unreadable article, a stale waiver) is
    placed at its facts file, at the fact's line when it has one.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence
from urllib.parse import quote

from . import __version__
from .article import ArticleError
from .corpus import CheckUnavailable, Corpus
from .facts import CROSS_SOURCE_ID, UNREADABLE_ID, FactsError
from .plan import PlannedTest, TestResult, plan_tests, run_test
from .report import finding_lines, headline
from .verdict import KINDS, Finding, Verdict

FORMATS = ("text", "json", "sarif", "github")
MACHINE_FORMATS = ("json", "sarif", "github")

#: One line per kind of finding: SARIF rule descriptions (``tool.driver.rules``).
RULE_DESCRIPTIONS = {
    "disagreement": "A source contradicts the declared fact, or other sources.",
    "dropped-bound": "A source drops the declared qualifier (\"13,000\" for \"more than 13,000\").",
    "update": "A moving figure grew with time: earlier sources are not wrong.",
    "outdated": "A moving figure at an earlier value, said before the declared one was known.",
    "attributed": "Sources quote different authorities for different figures.",
    "within-article": "One article gives a figure or name two ways.",
    "missing-date": "Relative dates but no publication date to resolve them.",
    "unchecked": "A check could not run: an unreadable article, or no verdict for a fact.",
    "stale-waiver": "A known: or accept: entry whose discrepancy is gone: remove it.",
}
#: Kinds of failure that are no finding of the checks but fail their test all the same.
UNCHECKED, STALE_WAIVER = "unchecked", "stale-waiver"
RULE_IDS = (*KINDS, UNCHECKED, STALE_WAIVER)
#: The kind given to a failing verdict that names none (the plugin reads it so too).
DEFAULT_FAILURE_KIND = "disagreement"
#: SARIF ``level`` of a severity; anything else (a future "info" severity) is a note.
SARIF_LEVELS = {"error": "error", "warning": "warning"}
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: The SARIF ``uriBaseId`` every artifact location is relative to: the rootdir.
SRCROOT = "%SRCROOT%"
#: Key of the stable fingerprint in ``partialFingerprints`` (bump /v2 if ids change meaning).
FINGERPRINT_KEY = "factcheckFinding/v1"
INFORMATION_URI = "https://pypi.org/project/pytest-factcheck/"
#: GitHub workflow command of a severity (annotations of other severities are not emitted).
GITHUB_COMMANDS = {"error": "error", "warning": "warning"}


@dataclass(frozen=True)
class Reported:
    """One test's verdict as the run reports it.

    node_id:    the test's id, ``facts.yaml::fact-id[article]`` or ``facts.yaml::cross-source``
                (the facts file relative to the rootdir, as pytest shows it);
    facts_file: the facts file (absolute, or relative to the working directory): a finding's
                article path is relative to its folder;
    accepted:   the reason of an ``accept:`` entry covering a cross-source finding (a declared
                fact's ``known:`` reason is already ``verdict.known``)."""

    node_id: str
    facts_file: Path
    verdict: Verdict
    accepted: Optional[str] = None

    @property
    def known(self) -> Optional[str]:
        return self.accepted or self.verdict.known


def reported_of(corpus: Corpus, results: Optional[Sequence[TestResult]] = None) -> List[Reported]:
    """Every test of a facts file with its verdicts, in the plan's order (:mod:`factcheck.plan`):
    what ``factcheck check`` reports. ``results`` are the tests' results when the caller has
    run them already (else they are run here, memoised by the corpus)."""
    if results is None:
        results = [_run(corpus, test) for test in plan_tests(corpus)]
    return [reported for result in results for reported in reported_of_result(corpus, result)]


def _run(corpus: Corpus, test: PlannedTest) -> TestResult:
    """As ``factcheck check`` runs a test: a check that cannot run fails it, with its reason."""
    try:
        return run_test(corpus, test)
    except (ArticleError, CheckUnavailable) as exc:
        return TestResult(test, "failed", report=str(exc))


def reported_of_result(corpus: Corpus, result: TestResult) -> List[Reported]:
    """One test's verdicts: its failures (a ``known:`` one with its reason), its warnings, and
    for a test that passes clean its passing verdict (JSON lists it with ``passing=True``).
    A failure that is no finding gets a verdict too, so the output fails what the run fails:
    an unreadable article or a check that could not run (kind "unchecked"), and a
    ``known:``/``accept:`` entry whose discrepancy is gone (kind "stale-waiver", placed at
    that entry's line)."""
    ff, test = corpus.facts_file, result.test
    node = f"{ff.display}::{test.name}"
    make = lambda verdict, accepted=None: Reported(node, ff.path, verdict, accepted)  # noqa: E731
    if test.kind == "cross-source":
        return _cross_source_reported(corpus, result, make)
    fact = test.fact
    if test.kind == "unreadable" or (result.conclusion == "failed" and not result.failures and not result.warnings):
        return [make(Verdict(subject=fact.id if fact else UNREADABLE_ID, article=test.article, outcome="error",
                             kind=UNCHECKED, message=result.report,
                             declared_at=fact.declared_at if fact else None))]
    out = [make(v, test.known if result.conclusion == "xfailed" else None) for v in result.failures]
    if result.conclusion == "xpassed":
        where = f"{ff.display}:{fact.known_lines[test.article]}"
        out.append(make(Verdict(subject=fact.id, article=test.article, outcome="fail", kind=STALE_WAIVER,
                                declared_at=where, message=f"the known discrepancy is gone; remove the known "
                                                           f"entry at {where} ({test.known})")))
    out.extend(make(v) for v in result.warnings)
    return out or [make(corpus.verdict(fact.id, test.article))]


def _cross_source_reported(corpus: Corpus, result: TestResult, make) -> List[Reported]:
    accept = corpus.facts_file.accept
    out = [make(v) for v in result.failures]
    out.extend(make(v, accept.get(v.finding_id)) for v in result.accepted)
    out.extend(make(v) for v in result.warnings)
    carried = {r.verdict.finding_id for r in out}
    for finding_id, reason in accept.items():
        if finding_id not in carried:
            where = f"{corpus.facts_file.display}:{corpus.facts_file.accept_lines.get(finding_id, 0)}"
            out.append(make(Verdict(subject=CROSS_SOURCE_ID, article=None, outcome="fail", kind=STALE_WAIVER,
                                    finding_id=finding_id, declared_at=where,
                                    message=f"{finding_id} is accepted at {where} ({reason}), but no such "
                                            "finding remains: remove the accept entry")))
    out.extend(make(v) for v in corpus.cross_source() if v.outcome == "pass")
    return out


def reported_facts_error(path: Path, error: FactsError) -> Reported:
    """A facts file that cannot be used (kind "unchecked"), placed at the line it names."""
    where = f"{error.path}:{error.line}" if error.line else error.path
    return Reported(error.path, Path(path), Verdict(subject=Path(path).name, article=None, outcome="error",
                                                    kind=UNCHECKED, declared_at=where, message=str(error)))


def by_node(results: Iterable[Reported]) -> Dict[str, List[Reported]]:
    """node id -> its records, in order (an item looks its own up; cross-source has several)."""
    out: Dict[str, List[Reported]] = {}
    for reported in results:
        out.setdefault(reported.node_id, []).append(reported)
    return out


# --------------------------------------------------------------------------- records

def rootdir_path(facts_file: Path, article: str, rootdir: Path) -> str:
    """An article path as written in a finding (relative to the facts file's folder) as a
    posix path relative to the rootdir; an absolute path when it lies outside the rootdir."""
    path = Path(article)
    if not path.is_absolute():
        path = Path(facts_file).resolve().parent / path
    path = Path(os.path.normpath(path))
    try:
        return path.relative_to(Path(rootdir).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def finding_kind(verdict: Verdict) -> str:
    """The rule a verdict falls under: its kind, or "" for a pass."""
    if verdict.kind:
        return verdict.kind
    return DEFAULT_FAILURE_KIND if verdict.failed or verdict.warns else ""


def record(reported: Reported, *, rootdir: Path) -> Dict[str, Any]:
    """The JSON-able dict of one reported verdict: a JSON line, and what every format reads."""
    verdict = reported.verdict
    facts_path = rootdir_path(reported.facts_file, Path(reported.facts_file).name, rootdir)
    place = lambda finding: _finding_record(finding, reported.facts_file, rootdir)  # noqa: E731
    return {
        "node_id": reported.node_id,
        "facts_file": facts_path,
        "subject": verdict.subject,
        "fact_id": None if verdict.finding_id else verdict.subject,
        "finding_id": verdict.finding_id or None,
        "article": rootdir_path(reported.facts_file, verdict.article, rootdir) if verdict.article else None,
        "kind": finding_kind(verdict),
        "severity": verdict.severity,
        "outcome": verdict.outcome,
        "expected": verdict.expected,
        "declared_line": _declared_line(verdict.declared_at),
        "message": verdict.message,
        # The text report's first line; a failure that is no finding is its own message.
        "headline": verdict.message if verdict.kind in (UNCHECKED, STALE_WAIVER) else headline(verdict),
        "known": reported.known,
        "details": list(verdict.details),
        "findings": [place(f) for f in verdict.findings],
        "agreeing": [place(f) for f in verdict.agreeing],
    }


def _finding_record(finding: Finding, facts_file: Path, rootdir: Path) -> Dict[str, Any]:
    mention = finding.mention
    end_line, end_column = _end(finding.line, finding.column, mention.text)
    return {
        "path": rootdir_path(facts_file, finding.article, rootdir),
        "line": finding.line,
        "column": finding.column,
        "end_line": end_line,
        "end_column": end_column,
        "text": mention.text,
        "value": _plain(mention.value),
        "mention_kind": mention.kind,
        "unit": mention.unit,
        "counted": mention.counted,
        "qualifier": mention.qualifier,
        "sentence": finding.sentence,
        "marked": finding.marked,
        "reason": finding.reason,
        "attribution": finding.attribution,
        # The text report's lines for it, "at: FILE:LINE:COL" aside (that path is the facts file's)
        "report_lines": [line.strip() for line in finding_lines(finding)[1:]],
    }


def _end(line: int, column: int, text: str):
    """(line, column) just after the mention's text: SARIF's exclusive ``endColumn``."""
    parts = text.split("\n")
    if len(parts) == 1:
        return line, column + len(text)
    return line + len(parts) - 1, len(parts[-1]) + 1


def _plain(value: Any) -> Any:
    """A mention's value as JSON holds it: a range is a list, a number stays a number."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


_LINE_SUFFIX = re.compile(r":(\d+)$")


def _declared_line(declared_at: Optional[str]) -> Optional[int]:
    match = _LINE_SUFFIX.search(declared_at or "")
    return int(match.group(1)) if match else None


# --------------------------------------------------------------------------- render

def render(fmt: str, results: Sequence[Reported], *, rootdir: Path, passing: bool = False) -> str:
    """The results in one of :data:`MACHINE_FORMATS` (``ValueError`` for others, "text"
    included: the text report is :mod:`factcheck.report`'s). ``passing`` adds passing
    verdicts to JSON."""
    _check_format(fmt)
    return render_records(fmt, [record(r, rootdir=rootdir) for r in results], passing=passing, rootdir=rootdir)


def render_records(fmt: str, records: Iterable[Mapping[str, Any]], *, passing: bool = False,
                   rootdir: Optional[Path] = None) -> str:
    """As :func:`render`, from records (:func:`record`), e.g. collected from xdist workers.
    ``rootdir`` only names SARIF's ``%SRCROOT%`` (the records' paths are already relative)."""
    _check_format(fmt)
    records = list(records)
    if fmt == "json":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records
                       if passing or r["outcome"] != "pass")
    problems = [r for r in records if r["outcome"] != "pass"]
    if fmt == "sarif":
        return json.dumps(sarif_log(problems, rootdir=rootdir), ensure_ascii=False, indent=2) + "\n"
    return "".join(line + "\n" for r in problems for line in github_lines(r))


def _check_format(fmt: str) -> None:
    if fmt not in MACHINE_FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(MACHINE_FORMATS)}"
                         + (" (the text report is factcheck.report's)" if fmt == "text" else ""))


# -- SARIF

def sarif_log(records: Sequence[Mapping[str, Any]], *, rootdir: Optional[Path] = None) -> Dict[str, Any]:
    """One SARIF 2.1.0 log with one run. ``rootdir`` (optional) is recorded as the
    absolute base of ``%SRCROOT%``; without it viewers resolve paths from the checkout."""
    run: Dict[str, Any] = {
        "tool": {"driver": {"name": "factcheck", "version": __version__, "informationUri": INFORMATION_URI,
                            "rules": [_rule(kind) for kind in RULE_IDS]}},
        "columnKind": "unicodeCodePoints",     # Finding.column counts characters, not UTF-16 units
        "results": [_result(r) for r in records],
    }
    if rootdir is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(rootdir).resolve().as_uri() + "/"}}
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(kind: str) -> Dict[str, Any]:
    return {"id": kind, "name": "".join(part.title() for part in kind.split("-")),
            "shortDescription": {"text": RULE_DESCRIPTIONS.get(kind, kind)},   # a new kind: its name, until described
            "defaultConfiguration": {"level": SARIF_LEVELS.get(KINDS.get(kind, "error"), "note")}}


def _result(r: Mapping[str, Any]) -> Dict[str, Any]:
    kind = r["kind"] if r["kind"] in RULE_IDS else DEFAULT_FAILURE_KIND
    result: Dict[str, Any] = {
        "ruleId": kind,
        "ruleIndex": RULE_IDS.index(kind),
        "level": SARIF_LEVELS.get(r["severity"], "note"),
        "message": {"text": r["headline"]},
        "locations": [_location(f, f["reason"] or f["sentence"]) for f in r["findings"]] or [_fallback(r)],
        "partialFingerprints": {FINGERPRINT_KEY: stable_id(r)},
        "properties": {"nodeId": r["node_id"], "factsFile": r["facts_file"], "outcome": r["outcome"],
                       "expected": r["expected"]},
    }
    if r["agreeing"]:
        result["relatedLocations"] = [dict(_location(f, "agrees"), id=i) for i, f in enumerate(r["agreeing"])]
    if r["known"]:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": r["known"]}]
    return result


def _location(f: Mapping[str, Any], message: str) -> Dict[str, Any]:
    region = {"startLine": f["line"], "startColumn": f["column"], "endLine": f["end_line"],
              "endColumn": f["end_column"], "snippet": {"text": f["text"]}}
    return {"physicalLocation": {"artifactLocation": _artifact(f["path"]), "region": region},
            "message": {"text": message}}


def _fallback(r: Mapping[str, Any]) -> Dict[str, Any]:
    """Where a verdict without mentions is shown: the facts file (at the fact), else the article."""
    path, line = (r["facts_file"], r["declared_line"]) if r["declared_line"] or not r["article"] else (r["article"], None)
    location: Dict[str, Any] = {"artifactLocation": _artifact(path)}
    if line:
        location["region"] = {"startLine": line}
    return {"physicalLocation": location}


def _artifact(path: str) -> Dict[str, Any]:
    if path.startswith("/"):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}   # a URI: "a b%.txt" -> "a%20b%25.txt"


def stable_id(r: Mapping[str, Any]) -> str:
    """What names a finding across runs: the test, and the cross-source finding's id."""
    return f"{r['node_id']}::{r['finding_id']}" if r["finding_id"] else r["node_id"]


# -- GitHub workflow commands

def github_lines(r: Mapping[str, Any]) -> List[str]:
    """``::error file=PATH,line=N,col=M,title=TITLE::MESSAGE``, one per offending mention;
    none for an accepted discrepancy or a severity GitHub has no command for."""
    command = GITHUB_COMMANDS.get(r["severity"])
    if command is None or r["known"]:
        return []
    title = f"{r['finding_id'] or r['subject']} ({r['kind']})"
    if not r["findings"]:
        place = _fallback(r)["physicalLocation"]
        props = [("file", place["artifactLocation"]["uri"])]
        if "region" in place:
            props.append(("line", place["region"]["startLine"]))
        return [_workflow_command(command, props + [("title", title)], r["headline"])]
    out = []
    for f in r["findings"]:
        message = "\n".join([r["headline"], *f["report_lines"]])
        props = [("file", f["path"]), ("line", f["line"]), ("col", f["column"]), ("title", title)]
        out.append(_workflow_command(command, props, message))
    return out


def _workflow_command(command: str, properties: Sequence, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{command} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as @actions/core does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
