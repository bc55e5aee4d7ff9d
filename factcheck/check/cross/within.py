"""Within one article: a figure or a day given two ways, reported even with one source.

- A day written with its weekday that the calendar contradicts ("Wednesday, Feb. 4" when
  4 February is a Thursday): the article contradicts itself, whatever other sources say.
- The same measure of the story's own event given two incompatible values in one article
  ("12 killed" in the body, "10 killed" further down), parts, background claims,
  conversions, vague amounts and sentences that say the figure changed ("rose to") left out.

Names spelt two ways in one article are reported by :mod:`.names` (``within_article``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

from factcheck.article import Article
from factcheck.check.compare import weekday_checked
from factcheck.check.values import DEFAULT_VALUE_SETTINGS, Said, ValueSettings, compare_values
from factcheck.claims.build import Claim
from factcheck.mention import Mention
from factcheck.verdict import Finding, Verdict, mark


@dataclass(frozen=True)
class WithinSettings:
    """weekdays: report a weekday that does not fit its own date.
    figures: report one measure given two values in one article (own event, not parts).
        Off by default: on the development clusters nearly every such pair is a total and
        a part the claims stage did not recognise ("12 dead" and "five of the dead were
        relatives"), so it would mostly raise false alarms.
    zones: where figures are compared (captions and furniture repeat or abbreviate).
    """

    weekdays: bool = True
    figures: bool = False
    zones: Tuple[str, ...] = ("headline", "body")
    values: ValueSettings = DEFAULT_VALUE_SETTINGS
    lang: str = "en"


DEFAULT_WITHIN_SETTINGS = WithinSettings()


def _finding(article: Article, mention: Mention, reason: str) -> Finding:
    line, column = article.position(mention.start)
    start, end = article.sentence_span(mention.start)
    sentence = article.text[start:end]
    return Finding(article.path, line, column, mention, sentence,
                   mark(sentence, mention.start - start, min(mention.end, end) - start), reason)


def weekday_clashes(article: Article, claims: Sequence[Claim], s: WithinSettings) -> List[Verdict]:
    out = []
    for claim in claims:
        m = claim.mention
        if m.kind != "date" or m.value is None or claim.zone not in s.zones + ("caption",):
            continue
        _, clash = weekday_checked(m, s.lang)
        if clash is not None:
            out.append(Verdict(subject=f"weekday: {m.text}", article=article.path, outcome="fail",
                               findings=(_finding(article, m, clash.reason),),
                               message=f"{article.path} {clash.reason}", kind="within-article"))
    return out


def _comparable(claim: Claim, s: WithinSettings) -> bool:
    m = claim.mention
    return (m.kind == "quantity" and claim.measure is not None and claim.measure not in ("age", "offset", "label")
            and claim.zone in s.zones and not claim.background and not claim.part and not claim.conversion
            and not claim.changed and not m.vague and m.value is not None)


def figure_clashes(article: Article, claims: Sequence[Claim], s: WithinSettings) -> List[Verdict]:
    """One verdict per measure given incompatible values in the article: every value that
    disagrees with another one, when no third value agrees with both (a toll given as "at
    least 10" and "12" agrees)."""
    by_measure: dict = {}
    for claim in claims:
        if _comparable(claim, s):
            by_measure.setdefault((claim.measure, claim.mention.unit), []).append(claim)
    out = []
    for (measure, unit), group in sorted(by_measure.items(), key=lambda kv: kv[0][0]):
        values = {}
        for claim in group:
            values.setdefault(repr(claim.mention.value) + str(claim.mention.qualifier), claim)
        distinct = list(values.values())
        clashes: List[Tuple[Claim, Claim, str]] = []
        for i, a in enumerate(distinct):
            for b in distinct[i + 1:]:
                verdict = compare_values(_said(a.mention), _said(b.mention), "cross", s.values)
                if verdict.outcome == "disagree":
                    clashes.append((a, b, verdict.reason))
        if not clashes:
            continue
        a, b, reason = clashes[0]
        findings = tuple(_finding(article, c.mention, f"{reason} (in this one article)") for c in (a, b))
        out.append(Verdict(subject=f"{measure}: within {article.path}", article=article.path, outcome="fail",
                           findings=findings, kind="within-article",
                           message=f"{article.path} gives {measure} two ways: '{a.mention.text}' "
                                   f"(line {findings[0].line}) and '{b.mention.text}' (line {findings[1].line})"))
    return out


def _said(m: Mention) -> Said:
    return Said(m.value, m.qualifier, m.vague, m.unit, m.text)


def within_articles(items: Sequence[Tuple[Article, Sequence[Mention]]], claims: Sequence[Sequence[Claim]],
                    settings: WithinSettings = DEFAULT_WITHIN_SETTINGS) -> List[Verdict]:
    out: List[Verdict] = []
    for (article, _), found in zip(items, claims):
        if settings.weekdays:
            out += weekday_clashes(article, found, settings)
        if settings.figures:
            out += figure_clashes(article, found, settings)
    return out
