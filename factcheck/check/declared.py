"""Match an article's mentions to declared facts and judge them.

    check_article(facts, article, mentions, settings=DEFAULT_SETTINGS) -> {fact id: Verdict}

Two steps, each a small pure function:

1. **Belonging.** A mention belongs to a fact when it is of the fact's kind and
   satisfies the fact's scope: ``of`` (what is counted), ``unit`` and ``context``
   (a word or phrase of the mention's sentence). Person mentions belong to a
   person fact when they are an accepted spelling of it or a near-miss of it
   (``factcheck.check.names``); other persons are unrelated. A mention that fits
   several facts belongs to every fact whose value it agrees with; if it agrees
   with none, to the closest one (``MatchSettings.ambiguous_assignment``), so that
   "1,500 soldiers" is checked against the 1,500 fact and not the 10,000 one.
   A disagreeing mention must moreover be the figure a context word is about
   (``MatchSettings.context_binds_nearest``): "24 killed and 40 injured" is no
   wrong death toll. Figures about another group ("two other victims") or a
   part of one ("two of the three victims") belong to no group's fact.
   Capitalised words no extractor read as a person but that are near-misses of
   a declared name are judged too (``MatchSettings.find_unread_names``).

2. **Judging.** Each mention is compared with its fact (``factcheck.check.compare``).
   The verdict for (fact, article) is "pass" when every mention that belongs
   agrees (or none belongs: message "not mentioned"), "fail" when any disagrees
   (even if others agree; a day written with a weekday that does not fit it
   disagrees too), and "error" when the article uses relative dates that
   would belong to a date fact but has no publication date to resolve them —
   factcheck asks for the date instead of guessing.

Every choice where the issue leaves room is a field of :class:`MatchSettings`.
"""
from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from factcheck.article import Article
from factcheck.check.values import Said, compare_values
from factcheck.claims.build import Claim, build_claims
from factcheck.claims.measures import measure_of_words, moves as measure_moves
from factcheck.claims.time import order_key
from factcheck.check.cross.align import counted_key
from factcheck.check.compare import (
    weekday_checked, AGREES, Comparison,
    as_quantity, compare_date, date_distance, describe_quantity,
    quantity_distance, safe_period,
)
from factcheck.facts import Fact
from factcheck.check.scope import (
    group_of_a_part, ratio_unit, sentence_has, DEFAULT_SETTINGS, MatchSettings, _sentence_bounds, context_places, counts_one_of, has_unit, in_scope, normalise_unit,
)
from factcheck.lang import lexicon
from factcheck.mention import Mention
from factcheck.check import names as names_module
from factcheck.verdict import Finding, Verdict, mark


# --------------------------------------------------------------------------- names

NameFunctions = Tuple[Callable[[str, Sequence[str]], bool], Callable[[str, Sequence[str]], Optional[str]]]


def name_functions() -> NameFunctions:
    """``(same_spelling, near_miss)`` from :mod:`factcheck.check.names` (a seam tests can replace)."""
    return names_module.same_spelling, names_module.near_miss


# --------------------------------------------------------------------------- judging one mention

def declared_names(fact: Fact) -> List[str]:
    return [n for n in (fact.name, *fact.aliases) if n]


def judge(fact: Fact, mention: Mention, settings: MatchSettings = DEFAULT_SETTINGS,
          names: Optional[NameFunctions] = None) -> Optional[Comparison]:
    """Compare a mention with a fact of its kind; None when a person is unrelated to it."""
    if fact.kind == "quantity":
        verdict = compare_values(Said(fact.number, fact.qualifier, unit=normalise_unit(fact.unit, settings.lang),
                                      change=fact.change),
                                 Said(mention.value, mention.qualifier, mention.vague,
                                      # a fact without a unit that claims amounts with one
                                      # (unitless_fact_accepts_units) compares the numbers
                                      normalise_unit(mention.unit, settings.lang) if fact.unit else None,
                                      mention.text, change=mention.change),
                                 "declared", settings.values)
        if verdict.outcome == "agree" or (verdict.outcome == "dropped-bound"
                                          and not settings.quantity.flag_dropped_bound):
            return AGREES
        return Comparison(False, verdict.reason, kind="dropped-bound" if verdict.outcome == "dropped-bound"
                          else "disagreement")
    if fact.kind == "date":
        value = mention.value
        if settings.weekday_must_match_date:
            value, inconsistent = weekday_checked(mention, settings.lang)
            if inconsistent is not None:
                return inconsistent
        return compare_date(fact.date, value, settings.dates)
    if mention.kind == "quantity":          # the declared person's age
        said = as_quantity(mention.value)
        if said is not None and min(said) <= fact.age <= max(said):
            return AGREES
        return Comparison(False, f"says {mention.text} for {fact.name}, declared {fact.age}")
    same_spelling, near_miss = names or name_functions()
    accepted = declared_names(fact)
    written = str(mention.value if mention.value is not None else mention.text)
    if same_spelling(written, accepted):
        return AGREES
    if near_miss(written, accepted):
        return Comparison(False, f"spells the name '{written}' (accepted: {', '.join(accepted)})")
    return None


def readable(mention: Mention) -> bool:
    """Whether the mention's value can be compared at all (quantities: a number or
    range; dates: an ISO period). Unreadable values are skipped, not failed: they
    are an extraction problem, not something the article says."""
    if mention.kind == "quantity":
        return as_quantity(mention.value) is not None
    if mention.kind == "date":
        return safe_period(mention.value) is not None
    return True


def _distance(fact: Fact, mention: Mention) -> float:
    if fact.kind == "quantity":
        return quantity_distance(fact.number, mention.value)
    if fact.kind == "date":
        return date_distance(fact.date, mention.value)
    return 0.0


# --------------------------------------------------------------------------- assignment

def _gap(a: Tuple[int, int], b: Tuple[int, int]) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def nearest_to_context(fact: Fact, mention: Mention, article: Article, mentions: Sequence[Mention],
                       settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """Is this mention the figure a context word of its sentence is about?

    True when the fact has no context (or is about a person). Otherwise, for some
    place where the context occurs: when figures of the fact's kind (unit, counted
    noun) stand in the context word's own clause, the mention is one of them;
    when none does, no such figure of the sentence is closer to it. So "24 people
    were killed and 40 injured" with context "killed" is about the 24, and "said
    on Friday that Seoul summoned him on Monday" with "summoned" about Monday.
    """
    if not fact.context or fact.kind == "person":
        return True
    places = context_places(fact, mention, article, settings)
    sentence = _sentence_bounds(article, mention.start)
    figures = [m for m in mentions
               if m.kind == fact.kind and readable(m) and sentence[0] <= m.start < sentence[1]
               and (fact.kind != "quantity" or (has_unit(fact, m, settings)
                                                and counts_one_of(fact, m, article, settings)))]
    if not any(m is mention for m in figures):
        figures.append(mention)
    bounds = clause_bounds(article.text, sentence, settings.lang)
    own = (mention.start, mention.end)
    for place in places:
        clause = _clause_of(bounds, place[0], sentence)
        inside = [m for m in figures if clause[0] <= m.start < clause[1]]
        if inside:
            if any(m is mention for m in inside):
                return True
        elif all(_gap(own, place) <= _gap((m.start, m.end), place) for m in figures):
            return True
    return False


@lru_cache(maxsize=None)
def _clause_pattern(lang: str) -> "re.Pattern[str]":
    words = sorted((str(w).lower() for w in lexicon(lang).get("match_clause_breakers") or ()), key=len, reverse=True)
    alternatives = [r"[,;:](?!\d)", r"[()\[\]—–]", r"\s-{1,2}\s"] + ([r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"]
                                                     if words else [])
    return re.compile("|".join(alternatives), re.I)


def clause_bounds(text: str, sentence: Tuple[int, int], lang: str = "en") -> List[int]:
    """Offsets inside the sentence where a new clause starts (sorted)."""
    return [m.start() for m in _clause_pattern(lang).finditer(text, sentence[0], sentence[1])]


def _clause_of(bounds: Sequence[int], offset: int, sentence: Tuple[int, int]) -> Tuple[int, int]:
    start = max((b for b in bounds if b <= offset), default=sentence[0])
    end = min((b for b in bounds if b > offset), default=sentence[1])
    return start, end


@dataclass
class _Claims:
    judged: List[Tuple[Mention, Comparison]] = field(default_factory=list)
    unresolved: List[Mention] = field(default_factory=list)
    attribution: Dict[int, str] = field(default_factory=dict)   # id(mention) -> who says it


@lru_cache(maxsize=None)
def fact_measures(of: Tuple[str, ...], lang: str = "en") -> frozenset:
    """The measures a fact's ``of`` names ("killed", "dead" -> deaths); empty when none does."""
    return frozenset(filter(None, (measure_of_words(entry.split(), lang) for entry in of)))


def _excluded(fact: Fact, mention: Mention, article: Article, settings: MatchSettings) -> bool:
    """``not:``: a word of the mention's sentence says it is about something else."""
    if not fact.excludes:
        return False
    start, end = _sentence_bounds(article, mention.start)
    sentence = article.text[start:end]
    return any(sentence_has(sentence, word, settings) for word in fact.excludes)


def binds(fact: Fact, claim: Claim, article: Article, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """Is this claim about this fact? Kind, zone, event, measure (or ``of``/``unit``), ``context``.

    A claim in a zone the fact does not list (default: headline and body), or about a
    background event, never binds a number or date fact. A quantity whose measure is one the
    fact's ``of`` names binds whatever noun it counts ("12 people were killed" for
    ``of: [dead]``); one whose measure is another ("200 people were injured") never does.
    """
    mention = claim.mention
    ages = fact.kind == "person" and fact.age is not None and mention.kind == "quantity"
    if (fact.kind != mention.kind and not ages) or claim.zone not in fact.zones:
        return False
    if fact.kind != "person" and claim.background and not (fact.kind == "date" and claim.event_reason == "old"):
        return False            # (a declared date says which past day matters: drift decides)
    if _excluded(fact, mention, article, settings):
        return False
    counts = None
    if fact.kind == "quantity":
        wanted = fact_measures(fact.of + fact.context, settings.lang)
        if claim.measure is not None and claim.measure not in wanted \
                and (wanted or claim.measure in settings.never_counts):
            return False        # "200 people were injured" is no death toll; an age is no count
        if claim.measure is not None and claim.measure in wanted:
            counts = True
        if claim.measure == "age" and claim.holder and fact.context \
                and not any(sentence_has(claim.holder, word, settings) for word in fact.context):
            return False        # "Kafoury, 63," is not the suspect's age
        elif wanted and claim.measure is None and mention.counted and counted_key(mention.counted, settings.lang)[1]:
            counts = False      # "20 people had been inside": a bare "people" says no toll
        if _proportion(mention) and not fact.unit and not _proportion_value(fact.number):
            return False        # "two-thirds of the vote" is no count of votes
    if fact.kind == "person" and article.text[max(0, mention.start - 1):mention.start] == "@":
        return False            # a social-media handle ("@AnoosheMushtaq"), not a name as written
    if fact.kind == "person" and mention.kind == "quantity":
        return _age_of_declared_person(fact, claim)
    return in_scope(fact, mention, article, settings, counts)


def _age_of_declared_person(fact: Fact, claim: Claim) -> bool:
    """``age:`` beside ``name:`` binds the ages the claims stage ties to that person
    ("Cesar Sayoc, 56,"): the holder's name must end with an accepted spelling's surname."""
    if fact.age is None or claim.measure != "age" or not claim.holder:
        return False
    surnames = {n.split()[-1].lower() for n in declared_names(fact) if n.split()}
    return claim.holder.split()[-1].lower() in surnames


def _proportion(mention: Mention) -> bool:
    return _proportion_value(mention.value) and (not mention.unit or mention.unit == ratio_unit())


def _proportion_value(value) -> bool:
    number = as_quantity(value)
    return number is not None and all(0 < v < 1 for v in number)


def assign(facts: Sequence[Fact], article: Article, mentions: Sequence[Mention],
           settings: MatchSettings = DEFAULT_SETTINGS,
           claims_of: Optional[Mapping[int, Claim]] = None) -> Dict[str, _Claims]:
    """Which mentions belong to which fact, each with its comparison."""
    claims: Dict[str, _Claims] = {fact.id: _Claims() for fact in facts}
    names = name_functions() if any(f.kind == "person" for f in facts) else None
    for mention in mentions:
        claim = (claims_of or {}).get(id(mention)) or Claim(mention, "body")
        candidates = [f for f in facts if binds(f, claim, article, settings)]
        if not candidates:
            continue
        if mention.kind == "date" and mention.value is None:
            # A relative date with nothing to resolve it against: ask, never guess.
            # (An absolute date the resolver could not read is skipped.)
            if mention.relative and article.published is None:
                for fact in candidates:
                    claims[fact.id].unresolved.append(mention)
            continue
        if not readable(mention):
            continue        # an extractor value nobody can compare is not the article's claim
        judged = [(f, judge(f, mention, settings, names)) for f in candidates]
        judged = [(f, c) for f, c in judged if c is not None]
        if not judged:
            continue
        agreeing = [(f, c) for f, c in judged if c.agrees]
        if not agreeing and (claim.part or (mention.kind == "quantity" and group_of_a_part(mention, article))):
            continue        # "10 Americans among 12 dead": a part never contradicts the total
        if not agreeing and mention.kind == "date":
            if not _may_contradict_date(claim, settings):
                continue
            judged = [(f, c) for f, c in judged if _near_declared_date(f, mention, settings)
                      and _not_coarser(f, mention) and not _what_comes_next(f, claim, article, settings.lang)
                      and _context_in_clause(f, mention, article, settings)]
            if not judged:
                continue
        if not agreeing and mention.kind == "quantity" and any(_subgroup(f, claim, article, settings)
                                                                 for f, _ in judged):
            continue        # "two Costa Rican pilots also died": a group within the toll
        if not agreeing and settings.context_binds_nearest:
            judged = [(f, c) for f, c in judged if nearest_to_context(f, mention, article, mentions, settings)]
            if not judged:
                continue
        if agreeing:
            chosen = agreeing
        elif settings.ambiguous_assignment == "first":
            chosen = judged[:1]
        else:
            chosen = [min(judged, key=lambda fc: _distance(fc[0], mention))]  # min keeps the first on ties
        for fact, comparison in chosen:
            claims[fact.id].judged.append((mention, comparison))
            if claim.attribution:
                claims[fact.id].attribution[id(mention)] = claim.attribution
    return claims


# --------------------------------------------------------------------------- verdicts

def finding(article: Article, mention: Mention, reason: str = "", attribution: Optional[str] = None) -> Finding:
    """A mention placed (line, column) and quoted with its sentence, the figure marked."""
    line, column = article.position(mention.start)
    start, end = _sentence_bounds(article, mention.start)
    sentence = article.text[start:end]
    marked = mark(sentence, mention.start - start, min(mention.end, end) - start)
    return Finding(article=article.path, line=line, column=column, mention=mention,
                   sentence=sentence, marked=marked, reason=reason, attribution=attribution)


def expected_text(fact: Fact) -> str:
    """What was declared, in words: "about 1,500 soldiers|troops", "2024-10-21", "A (or B)"."""
    if fact.kind == "quantity":
        text = describe_quantity(fact.number, fact.qualifier)
        if fact.unit:
            text = f"{text}%" if normalise_unit(fact.unit) == "%" else f"{text} {fact.unit}"
        if fact.of:
            text = f"{text} {'|'.join(fact.of)}"
        return text
    if fact.kind == "date":
        return str(fact.date)
    names = declared_names(fact)
    text = names[0] + (f" (or {', '.join(names[1:])})" if len(names) > 1 else "")
    return text + (f" ({fact.age})" if fact.age is not None else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def verdict_for(fact: Fact, article: Article, claims: _Claims,
                settings: MatchSettings = DEFAULT_SETTINGS) -> Verdict:
    common = dict(subject=fact.id, article=article.path, expected=expected_text(fact),
                  declared_at=fact.declared_at, known=fact.known.get(article.path))
    ordered = sorted(claims.judged, key=lambda mc: (mc[0].start, mc[0].end))
    said_by = claims.attribution
    agreeing = tuple(finding(article, m, attribution=said_by.get(id(m))) for m, c in ordered if c.agrees)
    disagreeing = tuple(finding(article, m, c.reason, said_by.get(id(m))) for m, c in ordered if not c.agrees)
    if claims.unresolved:
        unresolved = tuple(finding(article, m, f"'{m.text}' is relative and needs the article's publication date")
                           for m in sorted(claims.unresolved, key=lambda m: m.start))
        quoted = ", ".join(f"'{m.text}'" for m in sorted(claims.unresolved, key=lambda m: m.start))
        return Verdict(outcome=settings.missing_date_outcome, findings=unresolved + disagreeing, kind="missing-date",
                       agreeing=agreeing,
                       message=(f"{article.path} has no publication date, so {quoted} cannot be resolved: "
                                f"give it one (`published: YYYY-MM-DD` for this article under `sources:` "
                                f"in facts.yaml, or `published:` in its front matter)"),
                       **common)
    if disagreeing:
        if len(disagreeing) == 1:
            message = disagreeing[0].reason
        else:
            message = (f"{_plural(len(disagreeing), 'mention')} disagree with the declared "
                       f"{common['expected']}" + (f" ({len(agreeing)} agree)" if agreeing else ""))
        kinds = {c.kind for m, c in ordered if not c.agrees}
        kind = "dropped-bound" if kinds == {"dropped-bound"} else "disagreement"
        return Verdict(outcome="fail", findings=disagreeing, agreeing=agreeing, message=message,
                       kind=kind, **common)
    if agreeing:
        return Verdict(outcome="pass", agreeing=agreeing,
                       message=f"agrees ({_plural(len(agreeing), 'mention')})", **common)
    return Verdict(outcome="pass", message="not mentioned", **common)


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’]*(?:[-‐][A-Za-z][\w'’]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")


def unread_names(facts: Sequence[Fact], article: Article, mentions: Sequence[Mention],
                 settings: MatchSettings = DEFAULT_SETTINGS) -> List[Mention]:
    """Capitalised words no extractor read that are near-misses of a declared name.

    The persons extractor finds a bare surname mostly by its title or an earlier
    full name, so a misspelt one ("Zinaviev told Kim") can slip through; the
    declared names say what to look for. Tried are only words that stand alone
    as a name would: at least ``unread_name_min_letters`` letters, outside every
    mention, starting with the letter of a declared name part, not followed by
    another capitalised word ("Dwayne Allen", "Crown Heights") nor preceded by
    one that is not a title, and not the family plural of an accepted spelling
    ("the Mitchells"). ``names.near_miss`` decides the rest.
    """
    person_facts = [f for f in facts if f.kind == "person"]
    if not person_facts:
        return []
    same_spelling, near_miss = name_functions()
    titles = _title_words(settings.lang)
    taken = [(m.start, m.end) for m in mentions]
    body = article.body
    found = []
    for word in _CAPITALISED.finditer(body):
        text, start = _POSSESSIVE.sub("", word.group()), word.start()
        end = start + len(text)
        if len(text) < settings.unread_name_min_letters:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        following = _NEXT_WORD.match(body, word.end())
        if following and following.group(1)[0].isupper():
            continue
        previous = _PREVIOUS_WORD.search(body, 0, start)
        if previous and previous.group(1)[0].isupper() and previous.group(1).lower() not in titles:
            continue
        for fact in person_facts:
            accepted = declared_names(fact)
            initials = {part[0].lower() for name in accepted for part in name.split() if part}
            if text[0].lower() not in initials or same_spelling(text, accepted) \
                    or any(same_spelling(text[: -len(plural)], accepted) for plural in ("s", "es")
                           if text.endswith(plural)):
                continue
            if near_miss(text, accepted):
                found.append(Mention("person", start, end, text, text))
                break
    return found


_NEXT_WORD = re.compile(r"[ \t]+([\w][\w'’.-]*)")
_PREVIOUS_WORD = re.compile(r"([\w][\w'’-]*)\.?[ \t]+$")


@lru_cache(maxsize=None)
def _title_words(lang: str) -> frozenset:
    data = lexicon(lang)
    words = set()
    for key in ("titles", "person_honorifics"):
        for entry in data.get(key) or ():
            if isinstance(entry, str) and entry.split():
                words.add(entry.split()[-1].lower())
    return frozenset(words)


def _may_contradict_date(claim: Claim, settings: MatchSettings) -> bool:
    """Which dates can contradict a declared date at all. Not: the date of a statement
    ("police said Wednesday"), a date counted from another date rather than the dateline
    ("the next day", "four days earlier"), nor a relative date inside a quotation ("today it
    was incredible": the speaker's today). They still agree when they fit."""
    mention = claim.mention
    if claim.date_role == "report" and settings.report_dates_contradict is False:
        return False
    if mention.expr is not None and mention.expr.shift_unit and mention.relative:
        return False
    if claim.quoted and mention.relative:
        return False
    if claim.conversion:
        return False            # "(7:30 p.m. ET Saturday)": the same moment in another zone
    return True


def _context_in_clause(fact: Fact, mention: Mention, article: Article, settings: MatchSettings) -> bool:
    """A date that contradicts the declared one must share a clause with a context word
    ("was fired from the firm on Thursday" says nothing of the shooting's day), when
    ``MatchSettings.date_context_same_clause``; without ``context`` any date may."""
    if not fact.context or not settings.date_context_same_clause:
        return True
    sentence = _sentence_bounds(article, mention.start)
    bounds = [b for b in clause_bounds(article.text, sentence, settings.lang)
              if not mention.start < b < mention.end]       # "between October 8 and 13" is one date
    clause = _clause_of(bounds, mention.start, sentence)
    rest = article.text[clause[0]:mention.start] + article.text[mention.end:clause[1]]
    if len(re.findall(r"\w+", rest)) <= 3 and clause[1] < sentence[1]:
        # a fronted date ("said that between October 8 and 13, North Korea transported ..."):
        # its clause is the date alone and it dates the clause that follows.
        clause = (clause[0], _clause_of(bounds, clause[1], sentence)[1])
    return any(clause[0] <= place[0] < clause[1] and not _complement_after(article.text, place[0], mention, settings)
               for place in context_places(fact, mention, article, settings))


COMPLEMENT_GAP_WORDS = 3    # "of a powerful earthquake": words between the link and the context word


@lru_cache(maxsize=None)
def _complement_links(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("match_event_complement_links") or ())


def _complement_after(text: str, place: int, mention: Mention, settings: MatchSettings) -> bool:
    """Is the context word, after the date, only the complement of something else ("handed
    out blankets Monday to survivors of a powerful earthquake", "on Monday after the
    quake")? Then the date dates that other thing, not the event."""
    if place < mention.end:
        return False
    before = re.findall(r"[\w'’]+", text[mention.end:place])[-(COMPLEMENT_GAP_WORDS + 1):]
    links = _complement_links(settings.lang)
    return any(w.lower() in links for w in before)


def _not_coarser(fact: Fact, mention: Mention) -> bool:
    """A date coarser than the declared one ("last week", "the end of July" against a
    declared day) that does not contain it is about something else."""
    declared, said = safe_period(fact.date), safe_period(mention.value)
    if declared is None or said is None:
        return True
    ranks = {"day": 0, "week": 1, "month": 2, "year": 3}
    if said.granularity in ranks and declared.granularity in ranks:
        return ranks[said.granularity] <= ranks[declared.granularity]
    return (said.end - said.start).days <= (declared.end - declared.start).days + 3


def _what_comes_next(fact: Fact, claim: Claim, article: Article, lang: str = "en") -> bool:
    """A later date in a sentence about the future ("would begin first thing Monday") is
    what comes next, not the event's date."""
    declared, said = safe_period(fact.date), safe_period(claim.mention.value)
    if declared is None or said is None or said.start <= declared.end:
        return False
    start, end = _sentence_bounds(article, claim.mention.start)
    cues = frozenset(str(w).lower() for w in lexicon(lang).get("cross_future_cues") or ())
    return any(w.lower().replace("’", "'") in cues for w in re.findall(r"[\w'’]+", article.text[start:end]))


def _subgroup(fact: Fact, claim: Claim, article: Article, settings: MatchSettings) -> bool:
    """A figure whose measure is the fact's but whose counted noun names a group within it
    ("10 Americans", "two Costa Rican pilots", "two children") that ``of`` does not list:
    it counts part of the toll, so it never contradicts it."""
    mention = claim.mention
    if not mention.counted or fact.kind != "quantity":
        return False
    if claim.measure is None or claim.measure not in fact_measures(fact.of + fact.context, settings.lang):
        return False
    if counts_one_of(fact, mention, article, settings):
        return False
    return not counted_key(mention.counted, settings.lang)[1]


def _near_declared_date(fact: Fact, mention: Mention, settings: MatchSettings) -> bool:
    """A date further than ``date_drift_days`` from the declared one is about something else
    (a background date the event cues missed), not a wrong date: a moved weekday or month
    stays within it."""
    declared, said = safe_period(fact.date), safe_period(mention.value)
    if declared is None or said is None:
        return True
    gap = max(0, (said.start - declared.end).days, (declared.start - said.end).days)
    return gap <= settings.date_drift_days


def check_article(facts: Sequence[Fact], article: Article, mentions: Sequence[Mention],
                  settings: MatchSettings = DEFAULT_SETTINGS,
                  claims: Optional[Sequence[Claim]] = None) -> Dict[str, Verdict]:
    """One Verdict per fact id for this article (see the module docstring)."""
    if claims is None:
        claims = build_claims(article, mentions)
    if settings.find_unread_names:
        unread = unread_names(facts, article, mentions, settings)
        claims = [*claims, *(Claim(m, "body") for m in unread)]
        mentions = sorted([*mentions, *unread], key=lambda m: (m.start, -m.end))
    by_mention = {id(c.mention): c for c in claims}
    claims = assign(facts, article, mentions, settings, by_mention)
    return {fact.id: verdict_for(fact, article, claims[fact.id], settings) for fact in facts}


# --------------------------------------------------------------------------- time

def fact_moves(fact: Fact, lang: str = "en") -> Optional[str]:
    """How the declared figure may change over time: ``moves:``, else its measure's."""
    if fact.kind != "quantity":
        return None
    if fact.moves:
        return fact.moves
    found = {measure_moves(m, lang) for m in fact_measures(fact.of, lang)}
    return found.pop() if len(found) == 1 else None


def _earlier_value(fact: Fact, verdict: Verdict, direction: str, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """Every disagreeing figure is on the side the measure came from (lower for "up")."""
    declared = as_quantity(fact.number)
    if declared is None or not verdict.findings:
        return False
    for finding in verdict.findings:
        said = as_quantity(finding.mention.value)
        if said is None:
            return False
        top = max(said) * settings.values.vague_span if finding.mention.vague else max(said)
        lower, higher = top < min(declared), min(said) > max(declared)
        if not ((direction in ("up", "either") and lower) or (direction in ("down", "either") and higher)):
            return False
    return True


def over_time(fact: Fact, verdicts: Mapping[str, Verdict], articles: Mapping[str, Article],
              settings: MatchSettings = DEFAULT_SETTINGS) -> Dict[str, Verdict]:
    """Failing verdicts of a moving figure that give an earlier value become *outdated*.

    Outdated: the figure moves (``moves:`` or its measure's, e.g. tolls go up), every
    disagreeing mention lies on the side it came from, and the article was published before
    the declared value held: before ``as_of:`` when the fact says it, else before the first
    article that gives the declared value. When the order cannot be told (both on the same
    day, a time unknown) ``MatchSettings.outdated_when_order_unknown`` decides.
    """
    direction = fact_moves(fact, settings.lang)
    if direction is None:
        return dict(verdicts)
    if fact.as_of:
        from factcheck.claims.time import parse_moment
        held_from = parse_moment(fact.as_of)
    else:
        givers = [articles[d].published_at for d, v in verdicts.items()
                  if v.outcome == "pass" and v.agreeing and articles[d].published_at is not None]
        held_from = min(givers, key=order_key) if givers else None
    out = {}
    for display, verdict in verdicts.items():
        published = articles[display].published_at
        if verdict.outcome == "fail" and held_from is not None and published is not None \
                and _earlier_value(fact, verdict, direction, settings):
            before = published.before(held_from)
            if before is None:
                before = settings.outdated_when_order_unknown and published.day <= held_from.day
            if before:
                given = f"as of {held_from.describe()}" if fact.as_of else f"first given {held_from.describe()}"
                said = ", ".join(dict.fromkeys(describe_quantity(f.mention.value, f.mention.qualifier)
                                               for f in verdict.findings))
                verdict = dataclasses.replace(
                    verdict, outcome="warn", kind="outdated",
                    message=f"says {said}, published {published.describe()}, before the declared "
                            f"{verdict.expected} held ({given})")
        out[display] = verdict
    return out
