"""Verdicts as text a person reads at a glance (pytest failures and ``factcheck check``).

A failure reads top-down: a headline saying what disagrees with what, then titled
lines -- what was declared and where, then for every offending mention where it
stands (``ARTICLE:LINE:COL``), what the article says, the sentence with the figure
marked »like this«, and why it disagrees. No Python traceback: the user's files are
the subject, not our code.
"""
from __future__ import annotations

from typing import List, Optional

from .mention import Mention
from .verdict import Finding, Verdict

#: Width of the titles column ("declared:", "sentence:").
TITLE_WIDTH = 10
#: A quoted sentence longer than this is cut around the marked figure.
SENTENCE_MAX = 280
#: Characters kept on each side of the mark when a sentence is cut.
SENTENCE_CONTEXT = 110
#: Agreeing mentions listed under a failure (the rest are counted).
AGREEING_SHOWN = 3


def render_verdict(verdict: Verdict, *, node: Optional[str] = None, note: str = "") -> str:
    """The full report of one verdict. ``node`` names it when no pytest header does (CLI);
    ``note`` is the fact's note from facts.yaml."""
    lines = [headline(verdict, node=node)]
    if verdict.expected or verdict.declared_at:
        where = f"  ({verdict.declared_at})" if verdict.declared_at else ""
        lines.append(_titled("declared", f"{verdict.expected or '?'}{where}"))
    if note:
        lines.append(_titled("note", note))
    if verdict.known:
        lines.append(_titled("known", verdict.known))
    for finding in verdict.findings:
        lines.append("")
        lines.extend(finding_lines(finding))
    if verdict.agreeing and verdict.findings:
        lines.append("")
        shown = verdict.agreeing[:AGREEING_SHOWN]
        for finding in shown:
            lines.append(_titled("agrees", f"{finding.where}  {_says(finding.mention)}"))
        if len(verdict.agreeing) > len(shown):
            lines.append(_titled("", f"... and {len(verdict.agreeing) - len(shown)} more agreeing"))
    if verdict.details:
        lines.append("")
        lines.extend(_titled("" if i else "details", d) for i, d in enumerate(verdict.details))
    return "\n".join(lines).rstrip() + "\n"


def headline(verdict: Verdict, *, node: Optional[str] = None) -> str:
    """"disagrees: <message>"; prefixed by the test's name when shown outside pytest."""
    if verdict.outcome == "error":
        state = "cannot be checked"
    elif verdict.outcome == "fail":
        state = "disagrees" if verdict.article else "sources disagree"
    elif verdict.outcome == "warn":
        state = verdict.kind or "warning"
    else:
        state = "agrees"
    if verdict.message.lower().startswith(state):     # "sources disagree on ..." says it already
        line = verdict.message
    else:
        line = f"{state}: {verdict.message}" if verdict.message else state
    return f"{node}: {line}" if node else line


def finding_lines(finding: Finding) -> List[str]:
    lines = [_titled("at", finding.where), _titled("says", _says(finding.mention))]
    if finding.marked or finding.sentence:
        lines.append(_titled("sentence", shorten_marked(finding.marked or finding.sentence)))
    if finding.attribution:
        lines.append(_titled("source", finding.attribution))
    if finding.reason:
        lines.append(_titled("why", finding.reason))
    return lines


def _says(mention: Mention) -> str:
    """The figure as written, and what it was read as when that is not obvious."""
    written = f'"{mention.text}"'
    value = mention.value
    if value is None:
        read = "unresolved" if mention.kind == "date" else None
    elif isinstance(value, tuple):
        read = "-".join(_number(v) for v in value)
    elif isinstance(value, (int, float)):
        read = _number(value)
    else:
        read = str(value)
    extras = [x for x in (mention.qualifier, read, mention.unit, mention.counted) if x]
    reading = " ".join(extras)
    if not reading or reading.replace(",", "") == mention.text.replace(",", ""):
        return written
    return f"{written} = {reading}"


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def shorten_marked(sentence: str) -> str:
    """Cut a long sentence around the »marked« figure, at word boundaries."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= SENTENCE_MAX:
        return sentence
    start, end = sentence.find("»"), sentence.find("«")
    if start < 0 or end < start:
        start = end = 0
    left = max(0, start - SENTENCE_CONTEXT)
    right = min(len(sentence), max(end + 1 + SENTENCE_CONTEXT, left + SENTENCE_MAX - SENTENCE_CONTEXT))
    if left:
        space = sentence.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(sentence):
        space = sentence.rfind(" ", end + 1, right)
        right = space if space >= 0 else right
    return ("… " if left else "") + sentence[left:right].strip() + (" …" if right < len(sentence) else "")


def _titled(title: str, text: str) -> str:
    label = f"{title}:" if title else ""
    return f"  {label:<{TITLE_WIDTH}}{text}"


def render_summary(counts: dict) -> str:
    """"12 passed, 2 failed, 3 known (xfail)" in pytest's order of things."""
    order = ("failed", "passed", "xfailed", "xpassed", "errors", "warnings")
    parts = [f"{counts[k]} {k}" for k in order if counts.get(k)]
    return ", ".join(parts) if parts else "nothing checked"


def render_cross_source(outcome, facts_display: str) -> str:
    """The cross-source test's failure: each failing finding with its id, then stale waivers."""
    parts = []
    for verdict in outcome.failed:
        parts.append(f"[{verdict.finding_id}] " + render_verdict(verdict).rstrip())
    for finding_id, line, reason in outcome.stale:
        parts.append(f"[{finding_id}] accepted at {facts_display}:{line} ({reason}), but no such finding "
                     f"remains: remove the accept entry")
    if outcome.failed:
        parts.append(f"to accept one, add its id under 'accept:' in {facts_display} with the reason")
    return "\n\n".join(parts) + "\n"
