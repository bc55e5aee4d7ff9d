"""Draft a facts.yaml from a story folder: what two or more of its sources report.

``factcheck suggest PATH`` reads every article of a folder (as a facts file there would find
them), takes each article's outlet and publication moment from its front matter, its
``date`` header or dateline, or the folder's ``manifest.json`` (which, like ``sources:`` in a
facts file, wins over what an article says of itself), and proposes:

- ``sources:``: outlet and publication date-time per article;
- figures: claims of one measure (or counted noun, or unit) about the story's own event, in
  headline or body, that two or more sources give the same value;
- event dates: own-event dates (not the date of a statement), resolved against each
  article's publication date, that two or more sources give;
- people: persons two or more sources name, the most common spelling as ``name`` and the
  other accepted spellings as ``aliases``; near misses are left as comments.

Each candidate carries its supporting sentences as YAML comments (``# outlet, FILE:LINE:
sentence``); a source giving another value for the same measure is a comment to resolve,
never a silent pick (the majority value is declared, the dissent commented).

The draft is then checked exactly as pytest would check it (on a copy of the articles in a
temporary folder: nothing is written beside them). A fact that fails where no source was
seen to disagree gets context words from its supporting sentences; a failure that remains is
written out as a disagreement to resolve. So the draft loads, and under pytest it fails
only where a comment says the sources disagree.

Nothing here writes a file except :func:`write_new`, which never overwrites one.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
import json
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, TextIO, Tuple, Union

from .article import Article, ArticleError, read_article
from .claims.build import Claim, build_claims, story_day
from .claims.time import order_key
from .check.compare import as_number, format_number
from .check.cross.align import counted_key, stem
from .check.cross.names import DEFAULT_NAME_SETTINGS, conflict, consistent, spelling
from .facts import QUALIFIERS, FactsFile, discover_articles, load_facts
from .lang import lexicon
from .mention import Mention

Number = Union[int, float]

#: The file beside the articles that may name each article's outlet and date
#: (the format of the shared corpora: ``{"articles": [{"file", "outlet", "published", ...}]}``).
MANIFEST_NAME = "manifest.json"
#: The date values a facts file declares: YYYY, YYYY-MM, YYYY-MM-DD, or START/END of those.
DECLARABLE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
#: The finding kind of a relative date in an article with no publication date (factcheck.verdict.KINDS).
MISSING_DATE = "missing-date"


@dataclass(frozen=True)
class SuggestSettings:
    """Choices the drafter makes, each named.

    min_sources:   how many articles must report a value for it to become a candidate.
    figure_zones:  parts of the page figures and dates are read from (those facts bind by default).
    name_zones:    parts of the page names are read from.
    day_dates_only: only dates to the day are proposed (a month or a year named by several
                   sources is rarely the story's event).
    skip_units:    units whose figures are never facts ("13th floor" is a rank, not a count).
    skip_measures: measures whose figures are never facts ("six laps later" is an offset).
    dissent_ratio: a value one source gives within this factor of a candidate's is that
                   figure given differently (a dissent); further off it is another figure.
    quotes:        supporting sentences quoted per candidate (the rest are counted).
    quote_chars:   a quoted sentence is cut after this many characters.
    context_words: context words given to a fact that binds something it should not.
    failures_shown: failing mentions written out per fact after the check (the rest counted).
    verify:        check the draft as pytest would and tighten or comment what fails.
    lang:          the language of the articles (vocabulary from factcheck/lang/).
    """

    min_sources: int = 2
    figure_zones: Tuple[str, ...] = ("headline", "body")
    name_zones: Tuple[str, ...] = ("headline", "body", "caption")
    day_dates_only: bool = True
    skip_units: Tuple[str, ...] = ("ordinal",)
    skip_measures: Tuple[str, ...] = ("offset",)
    dissent_ratio: float = 2.0
    quotes: int = 3
    quote_chars: int = 160
    context_words: int = 3
    failures_shown: int = 5
    verify: bool = True
    lang: str = "en"


DEFAULT_SUGGEST_SETTINGS = SuggestSettings()


# --------------------------------------------------------------------------- model

@dataclass(frozen=True)
class SourceEntry:
    """One article as ``sources:`` will name it."""

    display: str                    # path relative to the folder (a ``sources:`` key)
    outlet: Optional[str] = None
    published: Optional[str] = None  # as written (manifest, front matter) or the dateline's day


@dataclass(frozen=True)
class Support:
    """One mention that supports (or dissents from) a candidate, placed and quoted."""

    article: str
    outlet: str
    line: int
    sentence: str
    said: str                       # the mention as written ("25", "Tuesday", "Linda T. Sanchez")
    value: str = ""                 # its value in words, for dissent ("27", "2017-12-27")


@dataclass(frozen=True)
class Candidate:
    """A proposed fact. ``kind`` is "quantity", "date" or "person" (the mention kinds)."""

    id: str
    kind: str
    value: object                   # number or (low, high); ISO date; name
    sources: int                    # how many articles support it
    support: Tuple[Support, ...] = ()
    dissent: Tuple[Support, ...] = ()   # same measure, another value; or a near-miss spelling
    qualifier: Optional[str] = None
    unit: Optional[str] = None
    of: Tuple[str, ...] = ()
    context: Tuple[str, ...] = ()
    aliases: Tuple[str, ...] = ()
    notes: Tuple[str, ...] = ()     # comments to resolve, written above the fact


@dataclass(frozen=True)
class Draft:
    folder: Path
    sources: Tuple[SourceEntry, ...]
    candidates: Tuple[Candidate, ...]
    notes: Tuple[str, ...] = ()     # file-level comments (cross-source findings to resolve)


@dataclass(frozen=True)
class _Read:
    """One article with its claims."""

    display: str
    article: Article
    claims: Tuple[Claim, ...]

    @property
    def outlet(self) -> str:
        return self.article.outlet or self.display


# --------------------------------------------------------------------------- reading the folder

def read_manifest(folder: Path) -> Dict[str, Dict[str, object]]:
    """file name -> {outlet, published, title, url} from the folder's manifest.json, if any.
    A manifest that is not the expected shape is ignored (it is someone else's file)."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    entries = data.get("articles") if isinstance(data, dict) else None
    out: Dict[str, Dict[str, object]] = {}
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            out[entry["file"]] = {k: entry[k] for k in ("outlet", "published", "title", "url")
                                  if isinstance(entry.get(k), str) and entry[k].strip()}
    return out


def article_paths(folder: Path) -> List[Tuple[str, Path]]:
    """The articles a facts file in ``folder`` would find by default, as (display, path)."""
    probe = FactsFile(path=(folder / "facts.yaml").resolve(), display="facts.yaml")
    return [(display, path) for display, path, _ in discover_articles(probe)]


def read_folder(folder: Path, settings: SuggestSettings = DEFAULT_SUGGEST_SETTINGS) -> List[_Read]:
    """Every readable article of the folder with its claims (an unreadable one is left out:
    the drafted file's own run reports it)."""
    from .extract import extract

    manifest = read_manifest(folder)
    articles: List[Tuple[str, Article]] = []
    for display, path in article_paths(folder):
        meta = manifest.get(display) or manifest.get(path.name) or {}
        try:
            articles.append((display, read_article(path, display, meta=meta)))
        except ArticleError:
            try:                # a manifest date nobody can read: the article's own metadata
                articles.append((display, read_article(path, display)))
            except ArticleError:
                continue
    day = story_day(a for _, a in articles)
    out = []
    for display, article in articles:
        mentions = extract(article.body, published=article.published, lang=settings.lang)
        out.append(_Read(display, article, build_claims(article, mentions, story_day=day)))
    return out


def source_entry(read: _Read) -> SourceEntry:
    article = read.article
    published = article.meta.get("published")
    if isinstance(published, (dt.date, dt.datetime)):
        published = published.isoformat()
    if not published and article.published:
        published = article.published.isoformat()
    return SourceEntry(read.display, article.outlet, str(published) if published else None)


# --------------------------------------------------------------------------- helpers

def _support(read: _Read, mention: Mention, settings: SuggestSettings, value: str = "") -> Support:
    article = read.article
    line, _ = article.position(mention.start)
    start, end = article.sentence_span(mention.start)
    if end <= start:                    # outside every sentence: quote its line
        start = mention.start - (article.position(mention.start)[1] - 1)
        end = start + len(article.line_text(line))
    sentence = _window(article.text, start, end, mention.start, mention.end, settings.quote_chars)
    return Support(read.display, read.outlet, line, sentence, " ".join(mention.text.split()), value)


def _window(text: str, start: int, end: int, at: int, until: int, width: int) -> str:
    """The sentence, or a stretch of it of ``width`` characters around the mention (cut
    with "..."), on one line."""
    if end - start > width:
        half = max(0, (width - (until - at)) // 2)
        lo = max(start, min(at - half, end - width))
        hi = min(end, lo + width)
        piece = text[lo:hi]
        piece = ("..." if lo > start else "") + piece + ("..." if hi < end else "")
    else:
        piece = text[start:end]
    return " ".join(piece.split())


def _one_per_source_first(supports: Sequence[Support]) -> Tuple[Support, ...]:
    """Each source's first mention, then the rest: the quoted lines show every source."""
    seen, first, rest = set(), [], []
    for s in supports:
        (rest if s.article in seen else first).append(s)
        seen.add(s.article)
    return tuple(first + rest)


def _stopwords(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("cross_stopwords") or ())


def _calendar(lang: str) -> frozenset:
    data = lexicon(lang)
    return frozenset(str(w).lower() for key in ("weekdays", "months") for w in (data.get(key) or {}))


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]")


def _content_words(text: str, lang: str) -> List[str]:
    stops, calendar = _stopwords(lang), _calendar(lang)
    out = []
    for word in _WORD.findall(text):
        low = word.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if len(low) >= 4 and low not in stops and low not in calendar:
            out.append(low)
    return out


def shared_words(supports: Sequence[Support], lang: str, exclude: Iterable[str] = ()) -> List[str]:
    """Content words of the supporting sentences, most sources first; only words two sources
    share (a word one outlet uses says nothing about what the sources have in common)."""
    excluded = {stem(w, lang) for e in exclude for w in _WORD.findall(e.lower())}
    by_stem: Dict[str, set] = defaultdict(set)
    written: Dict[str, Counter] = defaultdict(Counter)
    for s in supports:
        for word in _content_words(s.sentence, lang):
            key = stem(word, lang)
            if key in excluded:
                continue
            by_stem[key].add(s.article)
            written[key][word] += 1
    ranked = sorted((k for k, arts in by_stem.items() if len(arts) >= 2),
                    key=lambda k: (-len(by_stem[k]), -sum(written[k].values()), k))
    return [written[k].most_common(1)[0][0] for k in ranked]


def slug(*parts: str) -> str:
    text = "-".join(p for p in parts if p)
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return re.sub(r"-{2,}", "-", text) or "fact"


def event_words(reads: Sequence[_Read], lang: str) -> List[str]:
    """Words most headlines share (the story's event: "quake", "crash"): for readable ids."""
    supports = []
    for r in reads:
        title = r.article.title or next((r.article.line_text(r.article.position(c.mention.start)[0])
                                         for c in r.claims if c.zone == "headline"), None)
        if not title:
            first = r.article.body.strip().splitlines()
            title = first[0] if first else ""
        supports.append(Support(r.display, r.outlet, 1, title, ""))
    words = shared_words(supports, lang)
    # A word the articles also write in lower case names what happened ("crash"); one they
    # only capitalise names a place or a person ("Costa"): what happened comes first.
    bodies = [r.article.body for r in reads]
    common = [w for w in words if any(re.search(rf"\b{re.escape(w.lower())}\b", b) for b in bodies)]
    return common + [w for w in words if w not in common]


def _unique_ids(cands: Sequence[Candidate]) -> List[Candidate]:
    """Ids are readable; when two candidates would share one, the most reported keeps it (so
    it does not change when a lesser value of the same measure appears) and the value tells
    the others apart."""
    out, seen = [], set()
    for c in cands:
        cid = c.id
        if cid in seen:
            cid = slug(cid, _value_words(c))
        base, n = cid, 2
        while cid in seen:
            cid, n = f"{base}-{n}", n + 1
        seen.add(cid)
        out.append(replace(c, id=cid))
    return out


def _value_words(c: Candidate) -> str:
    if c.kind == "quantity":
        return format_number(c.value).replace(",", "")
    return str(c.value)


def _point(value) -> Optional[Tuple[float, ...]]:
    """A quantity's value as a comparable key: (n,) or (low, high)."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        low, high = as_number(value[0]), as_number(value[1])
        return None if low is None or high is None else (low, high)
    n = as_number(value)
    return None if n is None else (n,)


def _tidy(x: float) -> Number:
    return int(x) if float(x).is_integer() else x


# --------------------------------------------------------------------------- figures

def _figure_key(claim: Claim, lang: str) -> Optional[Tuple[str, ...]]:
    """What a figure measures, as a grouping key: whose age it is; its unit (with its
    measure, if any); its measure; else the noun it counts ("generic" marks a noun such as
    "people" that says little). None for a figure that says nothing."""
    m = claim.mention
    if claim.measure == "age":          # whose age it is, or nobody's we can tell
        holder = spelling(claim.holder, lang) if claim.holder else ()
        return ("age", holder[-1]) if holder else None
    if m.unit:
        return ("unit", m.unit, claim.measure or "")
    if claim.measure:
        return ("measure", claim.measure)
    group, generic = counted_key(m.counted, lang)
    return ("counted", group, GENERIC if generic else "") if group else None


#: Marks a figure key whose counted noun is generic ("people"): many figures of a story count
#: people, so values apart are other figures, not one figure in dispute.
GENERIC = "generic"


def _story_measure(key: Tuple[str, ...]) -> bool:
    """A key whose figures are one figure of the story (a toll, an age), so that sources giving
    it at different values disagree; a unit or a counted noun may count several things."""
    return key[0] in ("measure", "age")


def _figure_claim(claim: Claim, settings: SuggestSettings) -> bool:
    m = claim.mention
    return (m.kind == "quantity" and claim.zone in settings.figure_zones and not claim.background
            and not claim.part and not claim.conversion and not m.vague and _point(m.value) is not None
            and m.unit not in settings.skip_units and claim.measure not in settings.skip_measures)


def _near(a: Tuple[float, ...], b: Tuple[float, ...], ratio: float) -> bool:
    x, y = sum(a) / len(a), sum(b) / len(b)
    if x <= 0 or y <= 0:
        return x == y
    return max(x, y) / min(x, y) <= ratio


def figure_candidates(reads: Sequence[_Read], event: str, settings: SuggestSettings) -> List[Candidate]:
    """Per figure key: every value two sources give is a candidate. A value only one source
    gives is a dissent of the candidate it is near (within ``dissent_ratio``); values near
    none, given by two sources or more between them, are one figure in dispute for a story
    measure (the most reported declared, the others its dissent) and are left out otherwise."""
    lang = settings.lang
    groups: Dict[Tuple[str, ...], List[Tuple[_Read, Claim]]] = defaultdict(list)
    for r in reads:
        for c in r.claims:
            if _figure_claim(c, settings):
                key = _figure_key(c, lang)
                if key:
                    groups[key].append((r, c))
    out: List[Candidate] = []
    for key, items in groups.items():
        if len({r.display for r, _ in items}) < settings.min_sources:
            continue
        by_value: Dict[Tuple[float, ...], List[Tuple[_Read, Claim]]] = defaultdict(list)
        for r, c in items:
            by_value[_point(c.mention.value)].append((r, c))

        def sources_of(values) -> set:
            return {r.display for v in values for r, _ in by_value[v]}

        ranked = sorted(by_value, key=lambda v: (-len(sources_of([v])), -len(by_value[v]), v))
        chosen = [v for v in ranked if len(sources_of([v])) >= settings.min_sources]
        dissent: Dict[Tuple[float, ...], List[Tuple[float, ...]]] = {v: [] for v in chosen}
        apart = []
        for v in ranked:
            if v in chosen:
                continue
            near = [c for c in chosen if _near(v, c, settings.dissent_ratio)]
            if near:
                dissent[min(near, key=lambda c: abs(sum(c) / len(c) - sum(v) / len(v)))].append(v)
            else:
                apart.append(v)
        while _story_measure(key) and apart:
            # Several sources give this measure at near values no two share: the most
            # reported one (ties: the latest source's, as a figure that changed is declared
            # at its latest value) is declared and the others are disagreements to resolve.
            head = min(apart, key=lambda v: (-len(sources_of([v])), -len(by_value[v]),
                                             _latest_first(by_value[v]), v))
            near = [v for v in apart if _near(v, head, settings.dissent_ratio)]
            apart = [v for v in apart if v not in near]
            if len(sources_of(near)) >= settings.min_sources:
                dissent[head] = [v for v in near if v != head]
        for value, others in dissent.items():
            out.append(_figure_candidate(key, value, by_value, others, event, settings))
    return out


def _latest_first(items) -> Tuple:
    """Sort key putting the value of the most recently published source first."""
    latest = max((order_key(r.article.published_at) for r, _ in items if r.article.published_at), default=None)
    if latest is None:
        return (1,)
    return (0, dt.date.max.toordinal() - latest[1].toordinal(), -latest[2].timestamp())


def _figure_candidate(key, value, by_value, dissent_values, event: str, settings: SuggestSettings) -> Candidate:
    lang = settings.lang
    items = by_value[value]
    support = _one_per_source_first([_support(r, c.mention, settings) for r, c in items])
    dissent = [_support(r, c.mention, settings, _said_value(c.mention))
               for v in dissent_values for r, c in by_value[v]]
    qualifiers = {c.mention.qualifier for _, c in items}
    qualifier = qualifiers.pop() if len(qualifiers) == 1 else None
    notes = []
    if qualifier not in QUALIFIERS:
        qualifier = None
    if len({c.mention.qualifier for _, c in items}) > 1:
        said = sorted({c.mention.qualifier or "(none)" for _, c in items})
        notes.append(f"sources qualify it differently ({', '.join(said)}): add a qualifier if one is right")
    cues: Counter = Counter()
    for _, c in items + [x for v in dissent_values for x in by_value[v]]:
        word = c.measure_cue if key[0] in ("measure", "unit") and c.measure_cue else c.mention.counted
        if key[0] == "age":
            word = c.measure_cue
        if word:
            cues[" ".join(word.lower().split())] += 1
    of = tuple(w for w, _ in cues.most_common(4))
    unit = key[1] if key[0] == "unit" else None
    what = (key[2] or _unit_word(key[1], lang)) if key[0] == "unit" else key[1]
    if key[0] == "measure" and key[1] not in (lexicon(lang).get("measures") or {}) and of:
        what = of[0]        # a reading of position ("magnitude 6.1" is a label): its word reads better
    context: Tuple[str, ...] = ()
    if key[0] == "age":
        holders = Counter(c.holder.split()[-1] for _, c in items if c.holder)
        context = (holders.most_common(1)[0][0],) if holders else ()
        of = of or _age_words(lang)[:1]
    ident = slug(what, event) if key[0] != "age" else slug("age", key[1])
    number = value[0] if len(value) == 1 else sorted([value[0], value[1]])
    number = _tidy(number) if not isinstance(number, list) else [_tidy(x) for x in number]
    return Candidate(id=ident, kind="quantity", value=number, sources=len({r.display for r, _ in items}),
                     support=support, dissent=tuple(dissent), qualifier=qualifier, unit=unit, of=of,
                     context=context, notes=tuple(notes))


def _unit_word(unit: str, lang: str) -> str:
    """A unit as an id can spell it: itself ("km", "USD"), or a word the lexicon gives for it
    ("%" -> "percent")."""
    if re.search(r"[a-z0-9]", unit.lower()):
        return unit
    aliases = lexicon(lang).get("match_unit_aliases") or {}
    return next((str(w) for w, u in aliases.items() if u == unit and re.fullmatch(r"[^\W\d_]+", str(w))), "")


def _age_words(lang: str) -> Tuple[str, ...]:
    """The words that make a figure an age ("year-old"), from the measures lexicon."""
    entry = (lexicon(lang).get("measures") or {}).get("age") or {}
    return tuple(str(w) for w in entry.get("words") or ())


def _said_value(m: Mention) -> str:
    if m.kind == "quantity":
        text = format_number(m.value)
        return f"{m.qualifier} {text}" if m.qualifier else text
    return str(m.value)


# --------------------------------------------------------------------------- dates

def _event_date(claim: Claim, settings: SuggestSettings) -> bool:
    m = claim.mention
    if m.kind != "date" or m.value is None or claim.zone not in settings.figure_zones:
        return False
    if claim.background or claim.date_role == "report" or claim.conversion:
        return False
    if not DECLARABLE_DATE.match(str(m.value)):
        return False            # a week ("2007-W14") is no value a facts file can declare
    return not settings.day_dates_only or m.granularity == "day"


def date_candidates(reads: Sequence[_Read], event: str, settings: SuggestSettings) -> List[Candidate]:
    by_value: Dict[str, List[Tuple[_Read, Claim]]] = defaultdict(list)
    for r in reads:
        for c in r.claims:
            if _event_date(c, settings):
                by_value[str(c.mention.value)].append((r, c))
    out = []
    for value, items in sorted(by_value.items()):
        sources = {r.display for r, _ in items}
        if len(sources) < settings.min_sources:
            continue
        support = _one_per_source_first([_support(r, c.mention, settings) for r, c in items])
        words = shared_words(support, settings.lang)
        context = tuple(words[: settings.context_words])
        if not context:
            continue    # a date no two sources say in the same words: nothing tells what it dates
        named = event if event and event in words else (context[0] if context else event)
        ident = slug(named, "date")
        out.append(Candidate(id=ident, kind="date", value=value, sources=len(sources), support=support,
                             context=context))
    return out


# --------------------------------------------------------------------------- people

def name_candidates(reads: Sequence[_Read], settings: SuggestSettings) -> List[Candidate]:
    """Persons by spelling: full names that are one another with parts left out join one
    person; a bare surname joins the one person with that surname; a near miss of a person's
    name is a dissenting spelling to resolve."""
    lang = settings.lang
    written: Dict[Tuple[str, ...], List[Tuple[_Read, Mention]]] = defaultdict(list)
    for r in reads:
        for c in r.claims:
            m = c.mention
            if m.kind == "person" and c.zone in settings.name_zones and m.value:
                if r.article.text[max(0, m.start - 1):m.start] == "@":
                    continue        # a social-media handle is not a name as written
                sp = spelling(str(m.value), lang)
                if sp:
                    written[sp].append((r, m))
    full = sorted((sp for sp in written if len(sp) >= 2),
                  key=lambda sp: (-len({r.display for r, _ in written[sp]}), -len(written[sp]), sp))
    people: List[List[Tuple[str, ...]]] = []
    for sp in full:
        home = next((p for p in people if all(consistent(sp, q, DEFAULT_NAME_SETTINGS) for q in p)), None)
        if home is None:
            people.append([sp])
        else:
            home.append(sp)
    # A near miss of a more reported person's name ("Ilene Wolff" / "Ilene Wolfe") is that
    # person spelt another way: a dissent to resolve, not a second person.
    variants: Dict[int, List[Tuple[str, ...]]] = defaultdict(list)
    merged_into: Dict[int, int] = {}
    for j, other in enumerate(people):
        for i in range(j):
            if i not in merged_into and conflict(other[0], people[i][0], DEFAULT_NAME_SETTINGS):
                variants[i].extend(other)
                merged_into[j] = i
                break
    by_surname: Dict[str, set] = defaultdict(set)
    for i, p in enumerate(people):
        for q in p:
            by_surname[q[-1]].add(merged_into.get(i, i))
    bare_of: Dict[int, List[Tuple[str, ...]]] = defaultdict(list)
    for sp in written:
        if len(sp) == 1 and len(by_surname.get(sp[0], ())) == 1:
            bare_of[next(iter(by_surname[sp[0]]))].append(sp)
        elif len(sp) == 1 and sp[0] not in by_surname:
            # a bare name that is a near miss of one person's name ("Zinovyev")
            near = [i for i, p in enumerate(people) if i not in merged_into
                    and conflict(sp, p[0], DEFAULT_NAME_SETTINGS)]
            if len(near) == 1:
                variants[near[0]].append(sp)
    out = []
    for i, person in enumerate(people):
        if i in merged_into:
            continue
        accepted = [x for sp in person + bare_of[i] for x in written[sp]]
        other = [x for sp in variants[i] for x in written[sp]]
        sources = {r.display for r, _ in accepted + other}
        if len(sources) < settings.min_sources:
            continue
        head = person[0]
        forms: Counter = Counter()
        form_sources: Dict[str, set] = defaultdict(set)
        for sp in person:
            for r, m in written[sp]:
                text = " ".join(str(m.value).split())
                forms[text] += 1
                form_sources[text].add(r.display)
        ranked = sorted(forms, key=lambda f: (-len(form_sources[f]), -forms[f], f))
        name = next((f for f in ranked if spelling(f, lang) == head), ranked[0])
        aliases = tuple(f for f in ranked if f != name)
        dissent = [_support(r, m, settings, " ".join(str(m.value).split())) for r, m in other]
        support = _one_per_source_first([_support(r, m, settings) for r, m in accepted])
        notes = ()
        if dissent:
            spellings = sorted({d.value for d in dissent})
            notes = (f"spelt {', '.join(spellings)} elsewhere: one person? add the right spelling to "
                     f"aliases or fix the articles",)
        out.append(Candidate(id=slug(*head), kind="person", value=name, sources=len(sources),
                             support=support, dissent=tuple(dissent), aliases=aliases, notes=notes))
    return out


# --------------------------------------------------------------------------- drafting

def draft(folder: Path, settings: SuggestSettings = DEFAULT_SUGGEST_SETTINGS) -> Draft:
    """The candidates of a folder, before any check (see :func:`verified`)."""
    folder = Path(folder)
    reads = read_folder(folder, settings)
    words = event_words(reads, settings.lang)
    event = words[0] if words else ""
    cands = (sorted(figure_candidates(reads, event, settings), key=lambda c: (-c.sources, c.id))
             + date_candidates(reads, event, settings)
             + sorted(name_candidates(reads, settings), key=lambda c: (-c.sources, c.id)))
    return Draft(folder, tuple(source_entry(r) for r in reads), tuple(_unique_ids(cands)))


class SuggestError(Exception):
    """The folder cannot be drafted from (missing, or no readable article in it)."""


def suggest_facts(folder: Path, settings: SuggestSettings = DEFAULT_SUGGEST_SETTINGS) -> str:
    """A facts.yaml for the story in ``folder``, as YAML text (nothing is written).

    Raises :class:`SuggestError` when ``folder`` is no folder or holds no readable article
    (a facts file there would check nothing, which factcheck refuses to load)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SuggestError(f"{folder}: not a folder")
    drafted = draft(folder, settings)
    if not drafted.sources:
        raise SuggestError(f"{folder}: no readable article (*.txt / *.md) to draft facts from")
    if settings.verify:
        drafted = verified(drafted, settings)
    return render(drafted)


# --------------------------------------------------------------------------- checking the draft

@dataclass(frozen=True)
class Failure:
    fact: str
    article: str
    line: int
    said: str
    reason: str
    kind: str


def check_draft(d: Draft) -> Tuple[List[Failure], List[Tuple[str, str]]]:
    """Run the draft as pytest would, on a copy of the articles in a temporary folder:
    (failing (fact, article) findings, failing cross-source findings as (id, message))."""
    from .corpus import Corpus, cross_source_outcome

    with tempfile.TemporaryDirectory(prefix="factcheck-suggest-") as tmp:
        root = Path(tmp)
        for s in d.sources:
            target = root / s.display
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(d.folder / s.display, target)
        (root / "facts.yaml").write_text(render(d), encoding="utf-8")
        corpus = Corpus(load_facts(root / "facts.yaml", rootdir=root))
        failures = []
        for fact in corpus.facts:
            for display in corpus.readable():
                verdict = corpus.verdict(fact.id, display)
                if not verdict.failed:
                    continue
                if not verdict.findings:
                    failures.append(Failure(fact.id, display, 0, "", verdict.message, verdict.kind))
                for f in verdict.findings:
                    failures.append(Failure(fact.id, display, f.line, " ".join(f.mention.text.split()),
                                            f.reason or verdict.message, verdict.kind))
        cross = [(v.finding_id, v.message) for v in cross_source_outcome(corpus).failed]
    return failures, cross


def verified(d: Draft, settings: SuggestSettings = DEFAULT_SUGGEST_SETTINGS) -> Draft:
    """The draft after a check: a fact failing where no source was seen to disagree gets
    context words (what its supporting sentences share); what still fails is written out as a
    disagreement to resolve."""
    failures, cross = check_draft(d)
    unexpected = {f.fact for f in failures if not _foreseen(d, f)}
    if unexpected:
        tightened = []
        for c in d.candidates:
            if c.id in unexpected and c.kind == "quantity" and not c.context:
                words = shared_words(c.support, settings.lang, exclude=c.of)
                c = replace(c, context=tuple(words[: settings.context_words])) if words else c
            tightened.append(c)
        d = replace(d, candidates=tuple(tightened))
        failures, cross = check_draft(d)
    by_fact: Dict[str, List[Failure]] = defaultdict(list)
    undated: Dict[str, set] = defaultdict(set)
    for f in failures:
        if f.kind == MISSING_DATE:
            undated[f.article].add(f.fact)      # one note per article, not one per date
        elif not _foreseen(d, f):               # a DISSENT comment already says it
            by_fact[f.fact].append(f)
    out = []
    for c in d.candidates:
        notes = list(c.notes)
        found = by_fact.get(c.id, ())
        for f in found[: settings.failures_shown]:
            where = f"{f.article}:{f.line}" if f.line else f.article
            said = f" reads »{f.said}«" if f.said else ""
            notes.append(f"FAILS {where}{said} ({f.kind or 'failure'}: {f.reason}): "
                         f"sources disagree, or it is about something else; resolve")
        if len(found) > settings.failures_shown:
            notes.append(f"FAILS ... and {len(found) - settings.failures_shown} more")
        out.append(replace(c, notes=tuple(notes)))
    notes = [f"FAILS {article}: relative dates but no publication date, so {', '.join(sorted(facts))} "
             f"cannot be checked there: add published: to its sources: entry"
             for article, facts in sorted(undated.items())]
    notes += [f"cross-source finding {fid}: {msg} -- resolve, or accept it under accept:"
              for fid, msg in cross]
    return replace(d, candidates=tuple(out), notes=tuple(notes))


def _foreseen(d: Draft, failure: Failure) -> bool:
    """A failure at a mention the draft already comments as a disagreement *of that fact*
    (another fact's dissent on the same line says nothing about this one)."""
    return any(c.id == failure.fact and s.article == failure.article and s.line == failure.line
               for c in d.candidates for s in c.dissent)


# --------------------------------------------------------------------------- YAML

def _q(text: str) -> str:
    """A YAML scalar that stays text (JSON strings are YAML double-quoted strings)."""
    return json.dumps(str(text), ensure_ascii=False)


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def render(d: Draft, settings: SuggestSettings = DEFAULT_SUGGEST_SETTINGS) -> str:
    lines = [f"# Drafted by `factcheck suggest` from {len(d.sources)} articles in {d.folder.name}/.",
             "# Each fact is what two or more sources report; read the quoted sentences, fix or",
             "# delete what is wrong, and resolve every FAILS / DISSENT comment before relying on it.",
             "cross_source: true"]
    for note in d.notes:
        lines.append(f"# {_comment(note)}")
    if d.sources:
        lines.append("sources:")
        for s in d.sources:
            meta = []
            if s.outlet:
                meta.append(f"outlet: {_q(s.outlet)}")
            if s.published:
                meta.append(f"published: {_q(s.published)}")
            undated = "" if s.published else "   # no publication date found: add published:"
            lines.append(f"  {_q(s.display)}: {{{', '.join(meta)}}}{undated}")
    if not d.candidates:
        lines.append(f"facts: []   # no figure, date or name is reported by {settings.min_sources} sources")
        return "\n".join(lines) + "\n"
    lines.append("facts:")
    for c in d.candidates:
        lines.extend(_render_candidate(c, settings))
    return "\n".join(lines) + "\n"


def _yaml_number(x: Number) -> str:
    """A figure YAML reads as a number: never exponent notation ("1e+20" is text to YAML 1.1)."""
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    return format(Decimal(repr(float(x))), "f")


def _where(s: Support) -> str:
    """"outlet, FILE:LINE", or "FILE:LINE" when the outlet is unknown."""
    place = f"{s.article}:{s.line}"
    return place if s.outlet == s.article else f"{_comment(s.outlet)}, {place}"


def _render_candidate(c: Candidate, settings: SuggestSettings) -> List[str]:
    out = [""]
    for note in c.notes:
        out.append(f"  # {_comment(note)}")
    out.append(f"  - id: {c.id}")
    if c.kind == "quantity":
        value = c.value
        written = ("[" + ", ".join(_yaml_number(v) for v in value) + "]" if isinstance(value, list)
                   else _yaml_number(value))
        out.append(f"    number: {written}")
        if c.qualifier:
            out.append(f"    qualifier: {c.qualifier}")
        if c.unit:
            out.append(f"    unit: {_q(c.unit)}")
        if c.of:
            out.append(f"    of: {_flow(c.of)}")
    elif c.kind == "date":
        out.append(f"    date: {c.value}")
    else:
        out.append(f"    name: {_q(c.value)}")
        if c.aliases:
            out.append(f"    aliases: {_flow(c.aliases)}")
    if c.context:
        out.append(f"    context: {_flow(c.context)}")
    out.append(f"    # {c.sources} source{'s' if c.sources != 1 else ''}:")
    for s in c.support[: settings.quotes]:
        out.append(f"    # {_where(s)}: {_comment(s.sentence)}")
    if len(c.support) > settings.quotes:
        out.append(f"    # ... and {len(c.support) - settings.quotes} more mentions")
    for s in c.dissent[: settings.quotes * 2]:
        out.append(f"    # DISSENT {_where(s)} says {_comment(s.value)}: {_comment(s.sentence)}")
    if len(c.dissent) > settings.quotes * 2:
        out.append(f"    # DISSENT ... and {len(c.dissent) - settings.quotes * 2} more")
    return out


# --------------------------------------------------------------------------- writing

class OutputExists(Exception):
    """The output file exists: suggest never overwrites a file."""


def write_new(text: str, target: Path) -> None:
    """Write ``text`` to ``target`` only if no such file exists (atomically: exclusive create)."""
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise OutputExists(f"{target}: already exists; factcheck suggest never overwrites a file "
                           f"(choose another -o, or omit it to print the draft)") from None


def run_suggest(folder: Path, output: Optional[Path] = None, out: Optional[TextIO] = None,
                err: Optional[TextIO] = None, settings: SuggestSettings = DEFAULT_SUGGEST_SETTINGS) -> int:
    """What ``factcheck suggest PATH [-o FILE]`` does: draft, then print the draft to ``out``
    or write it to a new ``output`` (and say so on ``out``). Returns the exit status: 0; 2
    when the folder is missing or holds no article, or ``output`` exists (checked before
    drafting, and again, atomically, when writing)."""
    import sys

    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if output is not None and Path(output).exists():
        err.write(f"factcheck suggest: {output}: already exists; factcheck suggest never overwrites a file "
                  f"(choose another -o, or omit it to print the draft)\n")
        return 2
    try:
        text = suggest_facts(Path(folder), settings)
    except SuggestError as exc:
        err.write(f"factcheck suggest: {exc}\n")
        return 2
    if output is None:
        out.write(text)
        return 0
    try:
        write_new(text, Path(output))
    except OutputExists as exc:
        err.write(f"factcheck suggest: {exc}\n")
        return 2
    facts = len(re.findall(r"^  - id: ", text, re.M))
    out.write(f"{output}: {facts} candidate facts drafted from {folder}; read and resolve its comments\n")
    return 0
