"""The ledger: one HTML page an editor reads, a fact x source table per story.

Each row is a declared fact (then each figure, date or name compared across sources
without a declaration); each column is a source (outlet and publication time, in
publication order); each cell is what that source says, as written, with its sentence
and a link to ``ARTICLE:LINE``. Agreeing cells are quiet; disagreements, updates,
outdated reports and accepted (``known``) discrepancies are marked.

    ledger = build_ledger(corpora, page_dir=out.parent, rootdir=rootdir)
    out.write_text(render_ledger(ledger), encoding="utf-8")

:func:`build_ledger` only reads what the checks concluded (``Corpus.verdict`` and
``Corpus.cross_source``, with the ``accept:`` waivers); it never judges anything itself,
except which side of a cross-source disagreement is the odd one out (see
:class:`LedgerSettings`). :func:`render_ledger` is Jinja2 with autoescaping on, so
article text never becomes markup.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Literal, Mapping, Sequence, Tuple
from urllib.parse import quote

from .article import ArticleError
from .check.cross.figures import AGREE, describe, relation
from .check.cross.names import consistent, spelling
from .claims.time import order_key
from .corpus import CheckUnavailable, Corpus
from .facts import Fact
from .mention import Mention
from .verdict import Finding, Verdict

CellState = Literal["agrees", "disagrees", "update", "outdated", "warns", "known", "absent"]
RowState = Literal["agrees", "disagrees", "warns", "known", "absent"]
#: Where a row comes from: a declared fact, or a cross-source finding about figures and
#: dates, about a person's name, or about one article contradicting itself.
Section = Literal["declared", "figures", "names", "within"]

#: The marks :func:`factcheck.verdict.mark` puts around a mention in its sentence.
_OPEN, _CLOSE = "»", "«"


@dataclass(frozen=True)
class LedgerSettings:
    """Choices the ledger makes when drawing what the checks concluded.

    majority_agrees: in a cross-source disagreement nobody declared the truth; the cells
        whose value agrees with the value most sources give are drawn as agreeing and the
        others as disagreeing (one outlet's 1,800 against two outlets' 1,500). When no value
        has more sources than every value it conflicts with (a 1-1 split) every cell involved
        is marked. Off: every cell of a disagreement is marked.
    sentence_max / sentence_context: a sentence longer than ``sentence_max`` characters is
        shown cut to ``sentence_context`` characters either side of the figure (the full
        sentence stays in the cell's tooltip).
    open_sentences: cells shown with their sentence open (the others keep it folded in a
        ``<details>``): what an editor has to read, not what agrees.
    """

    majority_agrees: bool = True
    sentence_max: int = 220
    sentence_context: int = 90
    open_sentences: Tuple[str, ...] = ("disagrees", "update", "outdated", "warns", "known")


DEFAULT_LEDGER_SETTINGS = LedgerSettings()


@dataclass(frozen=True)
class Said:
    """One mention in a cell: the figure, date or name as written, where, and its sentence."""

    text: str            # as written in the article ("about 1,800")
    reading: str         # what it was read as ("about 1,800 soldiers", "2024-10-21 (Monday)")
    where: str           # ARTICLE:LINE, the article relative to the rootdir
    href: str            # a relative link to the article file from the page's folder
    line: int
    sentence: str        # the whole sentence, whitespace collapsed
    before: str          # the sentence as shown, cut around the mention: before it,
    marked: str          # the mention itself,
    after: str           # and after it
    off: bool = False    # this mention is the one the check flagged (not an agreeing one)

    @property
    def short_where(self) -> str:
        """FILE:LINE, the file name alone: what fits a column (``where`` is its tooltip)."""
        path, _, line = self.where.rpartition(":")
        return f"{path.rsplit('/', 1)[-1]}:{line}"


@dataclass(frozen=True)
class Cell:
    state: CellState
    said: Tuple[Said, ...] = ()
    note: str = ""       # why: the check's reason, the waiver's reason, the warning
    kind: str = ""       # the finding's kind (disagreement, outdated, update, dropped-bound...)
    open: bool = False   # show the sentence unfolded

    @property
    def values(self) -> Tuple[Said, ...]:
        """One mention per distinct text as written, flagged ones first (a headline and a body
        giving "1,500" are one value in the cell)."""
        seen: Dict[str, Said] = {}
        for said in sorted(self.said, key=lambda s: not s.off):
            seen.setdefault(" ".join(said.text.split()), said)
        return tuple(seen.values())

    @property
    def shown(self) -> Tuple[Said, ...]:
        """The mentions whose sentence is shown: the flagged ones of a marked cell, else all."""
        values = self.values
        if self.state not in ("agrees", "absent") and any(s.off for s in values):
            return tuple(s for s in values if s.off)
        return values

    @property
    def title(self) -> str:
        """The tooltip: every mention's place and sentence, then why."""
        parts = [f"{s.where}: {s.sentence}" for s in self.said]
        if self.note:
            parts.append(self.note)
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Column:
    """One source of a story."""

    display: str                 # as in node ids (relative to the facts file)
    name: str                    # the file name
    outlet: str                  # "" when unknown
    published: str               # "21 Oct 2024 09:30 UTC", "21 Oct 2024", or ""
    published_iso: str
    where: str                   # the article relative to the rootdir
    href: str
    title: str = ""              # the article's title, when known
    unreadable: str = ""         # why it could not be read


@dataclass(frozen=True)
class Row:
    key: str                     # fact id, or the cross-source finding's id
    label: str                   # what the row is about, for the reader
    section: Section
    state: RowState
    cells: Tuple[Cell, ...]      # one per column, in column order
    expected: str = ""           # what was declared ("about 1,500 soldiers|troops")
    declared_at: str = ""        # facts.yaml:LINE (relative to the rootdir)
    kind: str = ""               # the finding's kind, when the row is a finding
    message: str = ""            # the check's one-line summary, for rows that are not quiet
    accepted: str = ""           # the ``accept:`` reason, when the finding is accepted


@dataclass(frozen=True)
class Counts:
    rows: int = 0
    agrees: int = 0
    disagrees: int = 0
    warns: int = 0
    known: int = 0
    absent: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(self._tuple(), other._tuple())))

    def _tuple(self) -> Tuple[int, ...]:
        return (self.rows, self.agrees, self.disagrees, self.warns, self.known, self.absent)


@dataclass(frozen=True)
class StoryTable:
    facts_file: str              # relative to the rootdir
    facts_href: str
    columns: Tuple[Column, ...]
    rows: Tuple[Row, ...]
    notes: Tuple[str, ...] = ()  # stale waivers and other story-wide remarks

    @property
    def counts(self) -> Counts:
        states = Counter(r.state for r in self.rows)
        return Counts(len(self.rows), states["agrees"], states["disagrees"], states["warns"],
                      states["known"], states["absent"])

    def section(self, name: str) -> Tuple[Row, ...]:
        return tuple(r for r in self.rows if r.section == name)


@dataclass(frozen=True)
class Ledger:
    stories: Tuple[StoryTable, ...]
    title: str = "factcheck ledger"

    @property
    def counts(self) -> Counts:
        total = Counts()
        for story in self.stories:
            total = total + story.counts
        return total

    @property
    def sources(self) -> int:
        return sum(len(s.columns) for s in self.stories)


# --------------------------------------------------------------------------- building

def build_ledger(corpora: Sequence[Corpus], *, page_dir: Path, rootdir: Path,
                 settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS, title: str = "factcheck ledger") -> Ledger:
    """The ledger of every story, in the order given. ``page_dir`` is the folder the page will
    be written to (links are relative to it); ``rootdir`` is what shown paths are relative to."""
    return Ledger(tuple(story_table(c, page_dir=Path(page_dir), rootdir=Path(rootdir), settings=settings)
                        for c in corpora), title=title)


def story_table(corpus: Corpus, *, page_dir: Path, rootdir: Path,
                settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS) -> StoryTable:
    ff = corpus.facts_file
    columns = _columns(corpus, page_dir, rootdir)
    paths = {s.display: s.path for s in corpus.sources}
    to_said = lambda f, off: _said(f, paths, page_dir, rootdir, settings, off)  # noqa: E731
    rows = [_fact_row(corpus, fact, columns, to_said, rootdir, settings) for fact in corpus.facts]
    accept = ff.accept
    verdicts = corpus.cross_source()
    for verdict in verdicts:
        rows.append(_cross_row(verdict, columns, to_said, accept.get(verdict.finding_id, ""), settings))
    rows.sort(key=lambda r: _SECTION_ORDER.index(r.section))          # stable: fact order kept
    found = {v.finding_id for v in verdicts if v.failed or v.warns}
    notes = tuple(f"accept: {fid} ({ff.display}:{ff.accept_lines.get(fid, 0)}) matches no finding any more: "
                  f"{reason}" for fid, reason in accept.items() if fid not in found)
    return StoryTable(facts_file=_rel(ff.path, rootdir), facts_href=_href(ff.path, page_dir),
                      columns=columns, rows=tuple(rows), notes=notes)


_SECTION_ORDER: Tuple[Section, ...] = ("declared", "figures", "names", "within")


def _columns(corpus: Corpus, page_dir: Path, rootdir: Path) -> Tuple[Column, ...]:
    out = []
    for source in corpus.sources:
        try:
            article = corpus.article(source.display)
        except ArticleError as exc:
            out.append((order_key(None), Column(source.display, source.path.name, source.meta.outlet or "", "", "",
                                                _rel(source.path, rootdir), _href(source.path, page_dir),
                                                unreadable=str(exc))))
            continue
        moment = article.published_at
        out.append((order_key(moment), Column(
            source.display, source.path.name, article.outlet or "", moment.describe() if moment else "",
            moment.iso() if moment else "", _rel(source.path, rootdir), _href(source.path, page_dir),
            title=article.title or "")))
    # Publication order; same moment: the facts file's order (sorted paths).
    return tuple(col for _, col in sorted(out, key=lambda kc: kc[0]))


def _fact_row(corpus: Corpus, fact: Fact, columns: Sequence[Column], to_said, rootdir: Path,
              settings: LedgerSettings) -> Row:
    cells: List[Cell] = []
    expected, problem = "", ""
    for col in columns:
        if col.unreadable:
            cells.append(Cell("absent", note=col.unreadable))
            continue
        try:
            verdict = corpus.verdict(fact.id, col.display)
        except CheckUnavailable as exc:
            problem = str(exc)
            cells.append(Cell("absent", note=problem))
            continue
        expected = expected or verdict.expected
        cells.append(_fact_cell(verdict, to_said, settings))
    declared_at = _declared_at(corpus, fact, rootdir)
    if problem:
        return Row(fact.id, fact.id, "declared", "disagrees", tuple(cells), expected, declared_at,
                   message=f"cannot be checked: {problem}")
    state = _row_state(cells)
    if state == "absent":
        message = "no article mentions it: its 'of' or 'context' may be wrong"
    else:
        message = "; ".join(dict.fromkeys(c.note for c in cells if c.note and c.state not in ("agrees",)))
    kind = next((c.kind for c in cells if c.kind and c.state not in ("agrees", "absent")), "")
    return Row(fact.id, fact.id, "declared", state, tuple(cells), expected, declared_at, kind=kind,
               message=message)


def _declared_at(corpus: Corpus, fact: Fact, rootdir: Path) -> str:
    return f"{_rel(corpus.facts_file.path, rootdir)}:{fact.line}" if fact.line else _rel(corpus.facts_file.path, rootdir)


def _fact_cell(verdict: Verdict, to_said, settings: LedgerSettings) -> Cell:
    said = tuple(to_said(f, True) for f in verdict.findings) + tuple(to_said(f, False) for f in verdict.agreeing)
    if verdict.outcome == "pass":
        state: CellState = "agrees" if said else "absent"
        note = ""
    elif verdict.known and verdict.failed:
        state, note = "known", f"known: {verdict.known}"
    elif verdict.failed:
        state, note = "disagrees", verdict.message
    elif verdict.kind == "outdated":
        state, note = "outdated", verdict.message
    else:
        state, note = "warns", verdict.message
    return Cell(state, said, note, verdict.kind, state in settings.open_sentences)


def _cross_row(verdict: Verdict, columns: Sequence[Column], to_said, accepted: str,
               settings: LedgerSettings) -> Row:
    findings = verdict.findings or verdict.agreeing
    by_article: Dict[str, List[Finding]] = {}
    for f in findings:
        by_article.setdefault(f.article, []).append(f)
    states = _cross_states(verdict, by_article, [c.display for c in columns], settings)
    cells = []
    for col in columns:
        found = by_article.get(col.display, [])
        state = states.get(col.display, "absent")
        if state == "disagrees" and accepted:
            state = "known"
        # An update's story is the row's (values in time order); a cell says what it says.
        note = "; ".join(f.reason for f in found if f.reason) if state in ("disagrees", "warns", "known") else ""
        if state == "known":
            note = f"accepted: {accepted}" + (f" ({note})" if note else "")
        cells.append(Cell(state, tuple(to_said(f, state != "agrees") for f in found), note,
                          verdict.kind if state not in ("agrees", "absent") else "",
                          state in settings.open_sentences))
    row_state = _row_state(cells)
    section = _cross_section(verdict)
    return Row(verdict.finding_id or verdict.subject, verdict.subject, section, row_state, tuple(cells),
               kind=verdict.kind or ("disagreement" if verdict.failed else ""),
               message=verdict.message if row_state != "agrees" else "", accepted=accepted)


def _cross_section(verdict: Verdict) -> Section:
    if verdict.article is not None:
        return "within"
    sample = (verdict.findings or verdict.agreeing or (None,))[0]
    return "names" if sample is not None and sample.mention.kind == "person" else "figures"


def _cross_states(verdict: Verdict, by_article: Mapping[str, Sequence[Finding]], order: Sequence[str],
                  settings: LedgerSettings) -> Dict[str, CellState]:
    """Each article's state in one cross-source verdict."""
    if verdict.outcome == "pass":
        return {a: "agrees" for a in by_article}
    if verdict.article is not None:                 # one article contradicts itself
        return {a: "disagrees" for a in by_article}
    if verdict.kind == "update":
        return _update_states(by_article, order)
    flagged: CellState = "disagrees" if verdict.failed else "warns"
    if not settings.majority_agrees:
        return {a: flagged for a in by_article}
    odd = _odd_ones_out(by_article)
    return {a: flagged if a in odd else "agrees" for a in by_article}


def _update_states(by_article: Mapping[str, Sequence[Finding]], order: Sequence[str]) -> Dict[str, CellState]:
    """The latest source's value agrees; earlier values are marked as updated since."""
    present = [a for a in order if a in by_article]
    if not present:
        return {}
    latest = by_article[present[-1]]
    return {a: "agrees" if all(any(_same(f, g) for g in latest) for f in by_article[a]) else "update"
            for a in present}


def _odd_ones_out(by_article: Mapping[str, Sequence[Finding]]) -> set:
    """Articles whose value conflicts with the value most articles give (see
    :attr:`LedgerSettings.majority_agrees`); every article involved when there is no such value."""
    everything = [(a, f) for a, fs in by_article.items() for f in fs]
    support = {id(f): len({b for b, g in everything if _same(f, g)}) for _, f in everything}
    best = max(support.values(), default=0)
    leaders = [f for _, f in everything if support[id(f)] == best]
    if all(_same(f, g) for f in leaders for g in leaders):
        return {a for a, fs in by_article.items() if any(not _same(f, g) for f in fs for g in leaders)}
    return {a for a, fs in by_article.items()
            if any(not _same(f, g) for f in fs for b, g in everything if b != a)}


def _same(a: Finding, b: Finding) -> bool:
    """Do two mentions give one value (figures and dates by the cross-source check's own
    relation, names by spelling)?"""
    ma, mb = a.mention, b.mention
    if ma.kind != mb.kind:
        return False
    if ma.kind == "person":
        return consistent(spelling(ma.text), spelling(mb.text))
    return relation(ma, mb)[0] == AGREE


def _row_state(cells: Sequence[Cell]) -> RowState:
    states = {c.state for c in cells}
    if "disagrees" in states:
        return "disagrees"
    if states & {"update", "outdated", "warns"}:
        return "warns"
    if "known" in states:
        return "known"
    if "agrees" in states:
        return "agrees"
    return "absent"


def _said(finding: Finding, paths: Mapping[str, Path], page_dir: Path, rootdir: Path,
          settings: LedgerSettings, off: bool) -> Said:
    path = paths.get(finding.article)
    where_file = _rel(path, rootdir) if path is not None else finding.article
    before, marked, after = _cut(finding, settings)
    return Said(text=finding.mention.text, reading=_reading(finding.mention),
                where=f"{where_file}:{finding.line}", href=_href(path, page_dir) if path is not None else "",
                line=finding.line, sentence=" ".join(finding.sentence.split()),
                before=before, marked=marked, after=after, off=off)


def _reading(m: Mention) -> str:
    if m.kind == "person" or m.value is None:
        return " ".join(m.text.split())
    return describe(m)


def _cut(finding: Finding, settings: LedgerSettings) -> Tuple[str, str, str]:
    """The sentence split around the mention (before, the mention, after), cut at word
    boundaries when long. Whitespace runs become one space."""
    text, marked = finding.mention.text, finding.marked or ""
    at = marked.find(f"{_OPEN}{text}{_CLOSE}")
    if at < 0:
        at = marked.find(_OPEN)
    end = marked.find(_CLOSE, at + 1) if at >= 0 else -1
    if at < 0 or end < 0:
        return " ".join(finding.sentence.split()), "", ""
    before = _SPACES.sub(" ", marked[:at]).lstrip()
    mid = _SPACES.sub(" ", marked[at + 1:end])
    after = _SPACES.sub(" ", marked[end + 1:]).rstrip()
    if len(before) + len(mid) + len(after) > settings.sentence_max:
        n = settings.sentence_context
        if len(before) > n:
            cut = before[-n:]
            before = "… " + (cut.split(" ", 1)[1] if " " in cut[:-1] else cut)
        if len(after) > n:
            cut = after[:n]
            after = (cut.rsplit(" ", 1)[0] if " " in cut[1:] else cut) + " …"
    return before, mid, after


_SPACES = re.compile(r"\s+")


def _rel(path: Path, base: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), Path(base).resolve())).as_posix()


def _href(path: Path, page_dir: Path) -> str:
    return quote(_rel(path, page_dir))


# --------------------------------------------------------------------------- rendering

#: What each cell state says on the page (its mark) and in the legend.
STATE_LABELS: Mapping[str, str] = {
    "agrees": "agrees",
    "disagrees": "disagrees",
    "update": "updated since",
    "outdated": "outdated",
    "warns": "warning",
    "known": "accepted",
    "absent": "not mentioned",
}
SECTION_TITLES: Mapping[str, str] = {
    "declared": "Declared facts",
    "figures": "Figures and dates compared across sources",
    "names": "Names compared across sources",
    "within": "Within one article",
}


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("factcheck", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(STATE_LABELS=STATE_LABELS, SECTION_TITLES=SECTION_TITLES, SECTIONS=_SECTION_ORDER)
    return env


def render_ledger(ledger: Ledger) -> str:
    """The self-contained HTML page (inline CSS, no script, no network)."""
    return _environment().get_template("ledger.html.j2").render(ledger=ledger)


def write_ledger(corpora: Sequence[Corpus], out: Path, *, rootdir: Path,
                 settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS) -> Ledger:
    """Build and write the page to ``out`` (links relative to its folder); returns the ledger."""
    out = Path(out)
    ledger = build_ledger(corpora, page_dir=out.resolve().parent, rootdir=rootdir, settings=settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_ledger(ledger), encoding="utf-8")
    return ledger
