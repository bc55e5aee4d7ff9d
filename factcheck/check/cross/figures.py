"""Cross-source comparison: figures several articles report about the same thing, compared
without any declaration.

    cross_check(items, facts=(), settings=DEFAULT_CROSS_SETTINGS) -> List[Verdict]

``items`` pairs each article with its extracted mentions. Mentions that belong to
a declared fact are left out (the fact's own check judges them). The rest are
aligned across articles and one Verdict is returned per aligned figure group:
"fail" when the sources disagree (every article involved named with its value),
"pass" when they agree (only with ``settings.report_agreeing``).

How figures are aligned (precision first — quiet unless sure):
1. Each quantity gets a key (:mod:`factcheck.check.cross.align`): its unit, its counted noun's
   group, or the role word next to it ("killed" -> dead). A date's key is its
   role: the date of a statement ("said Friday") or of an event ("transported
   between October 8 and 13"); persons are not compared here. Figures without a
   key, in datelines/bylines, or split off a larger number are skipped.
2. For every pair of articles and every key, mentions are paired one-to-one,
   greedily by sentence similarity, with a bonus for pairs whose values agree:
   when an article reports both 1,500 and 10,000 soldiers, each figure pairs with
   its own counterpart elsewhere, not with the other one.
3. Agreeing pairs link mentions into value clusters (one figure, one value).
4. A pair disagrees when its values are incompatible (see :func:`quantity_relation`,
   :func:`date_relation`), its similarity clears the (higher) conflict threshold
   — or, for quantities, a lower one when a lonely value stands against a value
   several sources agree on — and no guard explains the difference away.
   Paraphrase keeps many true counterparts below the link threshold, so two
   more kinds of pair are formed outside the greedy pairing: a value no other
   article states against its most similar counterpart when several articles
   state that counterpart's value (dates: only days apart), and the same value
   with opposite bounds ("more than 400" vs "fewer than 400"). Guards:
   - some article states both values (the clusters share an article, the other
     value stands in the paired sentence, or under the same key in a comparably
     similar sentence): two different figures of that article;
   - another sentence of one article repeats more of the paired sentence's
     figures: that sentence is the counterpart, the paired one says something else;
   - the names near the figures differ ("Smith" vs "Jones");
   - the values are orders of magnitude apart, or the sentences are figure-dense
     lists and not similar enough;
   - dates: relative dates resolved against different datelines, each source's
     own publication day, or a past date in a sentence about the future.
5. Value clusters joined by disagreements form a failing group; clusters of
   several sources with no disagreement form a passing group.
"""
from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from factcheck.check.cross.align import (Token, change_key, counted_key, date_role, has_future_cue, idf_table, is_metadata, names_near,
                    proper_nouns, role_near, sentence_stems, tokens, weighted_jaccard, window_stems)
from factcheck.article import Article
from factcheck.claims.build import Claim, build_claims
from factcheck.claims.measures import is_age, moves as measure_moves
from factcheck.claims.time import order_key
from factcheck.check.cross.names import cross_check_names
from factcheck.check.cross.within import DEFAULT_WITHIN_SETTINGS, WithinSettings, within_articles
from factcheck.check.values import DEFAULT_VALUE_SETTINGS, Said, ValueSettings, compare_values
from factcheck.check.compare import as_quantity, describe_date, format_number, qualifier_class
from factcheck.periods import safe_period
from factcheck.facts import Fact
from factcheck.lang import lexicon
from factcheck.check.declared import binds
from factcheck.check.scope import in_scope, ratio_unit
from factcheck.mention import Mention
from factcheck.verdict import Finding, Verdict, mark

AGREE, DIFFER, DRIFT = "agree", "differ", "drift"


@dataclass(frozen=True)
class CrossSettings:
    """The alignment thresholds and value-compatibility choices, all in one place.

    Alignment (similarity is in [0, 1], see :mod:`factcheck.check.cross.align`):
    window_tokens: words either side of a figure that form its close context.
    role_window: how far (in words) a role word ("killed", "injured") may stand
        from a figure with no or a generic counted noun to key it.
    sentence_weight: share of whole-sentence overlap in the similarity; the rest
        is the overlap of the close context windows.
    link_threshold: below this two mentions are never aligned (not the same figure).
    conflict_threshold: a pair of quantities with incompatible values is reported
        only at or above this similarity.
    date_conflict_threshold: the same for dates, higher because news sentences
        carry many dates of different events ("struck on Tuesday", "said on
        Wednesday").
    drift_threshold: a qualifier drift ("more than 13,000" vs "13,000") is
        reported only at or above this similarity.
    agreement_bonus: added to the similarity of a pair whose values agree when
        pairing greedily, so a figure prefers its own counterpart.
    echo_margin: a disagreeing pair is dropped when either article also states
        the other's value under the same key in a sentence at most this much less
        similar than the pair's — then they are likely two figures of that article.
    min_shared_words: a pair must share at least this many content words in the
        sentences to be aligned at all.
    min_sentence_words: mentions in sentences with fewer content words (datelines,
        captions, bylines) are not aligned.
    names_must_overlap: when both figures have capitalised words (names) within
        ``names_width`` words and they share none, they are not the same figure
        ("Smith caught 29 passes" vs "Jones caught 5 passes").
    dense_figures / dense_conflict_threshold: in a sentence listing this many
        figures or more (box scores, spec sheets, results) a figure pairs with
        the wrong one easily, so a disagreement there needs this similarity.
    max_ratio: values further apart than this factor are different figures
        (a season's total and one game's), not conflicting reports of one.
    own_dateline_dates_conflict: when each article dates the figure to its own
        publication day ("announced today"), differing days are two reports, not
        a disagreement. Off: such pairs are not reported.
    consensus_threshold / consensus_sources: below ``conflict_threshold`` a pair
        of quantities still disagrees when one side's value is stated by no other
        article and the other side's value is agreed on by at least
        ``consensus_sources`` articles, and the pair's similarity reaches
        ``consensus_threshold`` (one outlet off the consensus: a typo, an
        outdated toll, an injected error). ``date_consensus_threshold`` is the
        same for dates (None: dates need ``date_conflict_threshold`` always).
    nearest_consensus / nearest_consensus_threshold / nearest_consensus_sources:
        outlets paraphrase, so two reports of one figure often share few words
        (similarity 0.15-0.25, below ``link_threshold``). Consensus makes up for
        it: a figure whose value no other article states under its key, whose
        most similar counterpart (similarity at least ``nearest_consensus_threshold``)
        states a value at least ``nearest_consensus_sources`` articles state,
        disagrees with that counterpart (the usual guards still apply).
        ``nearest_consensus_univocal``: only when the lone figure's article states
        no other value under the key (at most ``univocal_max_mentions`` mentions,
        all agreeing); off by default: measured, it cost recall and no precision.
        ``nearest_consensus_max_ratio``: values further apart are other figures
        (a depth and a distance in miles), not a slip; a slip is a digit or a x10.
        ``nearest_consensus_same_time``: a quantity pair is dropped when the two
        sentences carry different dates or either carries a date more than
        ``nearest_consensus_past_days`` before its article ("In February, ...
        killing three", "the 2004 tsunami ... 9.1-magnitude quake"): other events.
        ``nearest_consensus_date_threshold`` (None: off): the same rule for dates,
        only between single days at most ``nearest_consensus_max_days`` apart (a
        slipped weekday; dates years apart are other events), with the date guards.
    opposite_bounds_threshold: the same value with opposite bounds ("more than 400
        children" vs "fewer than 400 children") is strong evidence of one figure,
        so such a pair disagrees from this similarity on (None: off).
    counterpart_min_shared: a disagreeing pair is dropped when another sentence of
        one article repeats at least this many of the other sentence's figures
        (and more than the paired sentence does): that sentence is the real
        counterpart, the paired one reports something else.
    distrust_past_in_future: a relative date resolved before its article's
        publication date in a sentence about the future ("is due to appear on
        Tuesday") is a resolution slip: it is never reported as disagreeing.
        Not for the date of a statement ("said Monday that Moscow will ..."):
        the future cue belongs to what was said.
    skip_fragments: leave out figures that look like pieces of a larger number
        split by the text ("2. 7GHz" -> "7GHz", "4 1 / 2 hours" -> "2 hours").
    relative_dates_need_same_dateline: a relative date ("on Saturday", "this
        year") disagrees with another only when both articles carry the same
        publication date; across datelines a mismatch is mostly a resolution slip.

    Values:
    approximate_tolerance: relative slack when either side is approximate
        ("about 1,500" vs 1,520 agrees at 0.05).
    rounding_min: a round figure at least this large ("200", "1,500") agrees with
        a more precise one that rounds to it ("249", "1,523")...
    rounding_min_digits: ...when the precise one has at least this many
        significant digits (so "10,000" vs "12,000" is not a rounding).
    bound_admits_satisfying: a bound agrees with a plain figure that satisfies it
        ("more than 200 injured" vs "249 injured").
    differing_bounds_disagree: two bounds of the same direction with different
        figures disagree ("at least one dead" vs "at least five dead"): in news
        "at least N" reports the N confirmed, so different N are different reports.
    report_qualifier_drift: report a strict bound against the same plain figure
        ("more than 13,000" vs "13,000") when the pair clears ``drift_threshold``;
        an inclusive bound ("at least 24" vs "24", lexicon ``cross_inclusive_bounds``)
        agrees.
    vague_conflicts: let vague amounts ("thousands of") disagree with figures of
        another order of magnitude. Off: vague amounts never contradict here.
    vague_span: a vague amount V covers [V, V * vague_span) when compared.

    Output:
    report_agreeing: also return "pass" verdicts for groups whose sources agree.
    nearest_consensus_close_ratio: an article stating several values under a key may still
        have its lone value compared with a consensus when that value is within this ratio of
        the consensus value and the article does not state the consensus value itself.
    consensus_of_small_stories: in a story of n sources, the consensus rules need at most
        n - 1 agreeing sources (never fewer than two): a three-outlet story can never show
        three sources against a lone value. Measured on BASIL: weekday changes caught 3 -> 14
        of 222, no new failure on the clean stories.
    lede_dates / lede_sentences / lede_min_similarity: compare the day of the event as each
        source's lede gives it (the first single-day event date in its first
        ``lede_sentences`` body sentences), from a low similarity on (0.1: on ECB+ the lede
        pairs below it were another happening's day, such as "handed out blankets Monday").
    uncompared_keys: keys never compared on their own: a bare duration ("4 months", "20.5
        months") says how long something lasted, and different things last; ages have their
        own key.
    measure_pairs: a story measure that moves (deaths, injuries, arrests, ...) for which every
        source states one value only is compared source against source, however the
        sentences are phrased: they are the story's toll.
    one_value_all_keys: apply ``measure_pairs`` to every quantity key, not only the story's
        moving measures. Off: measured on Giveme5W1H it catches 42 % of injected changes
        instead of 39 % but raises 37 failures on the clean clusters instead of 11.
    attributed_is_warning: a disagreement whose every value is attributed, each to its own
        authority ("police said" / "according to the ministry"), is an ``attributed``
        warning naming them, not an error.
    values: how wide each figure's interval is (:class:`factcheck.check.values.ValueSettings`):
        two figures agree when their intervals meet, as in the declared check.
    zones: the parts of the page compared (:mod:`factcheck.claims.zones`); background claims
        and parts of a total ("10 Americans among 12 dead") are never compared.
    update_min_sources: a later, higher value of a measure that moves up (a toll) is an
        *update*, not a disagreement, when no value is lower than the one before it in
        publication order and the latest value is given by at least this many sources (the
        same wire sentence in several outlets counting once) or its sentence says it
        changed ("rose to"). Anything else stays a disagreement, so
        one later article with a changed figure still fails.
    compare_dates: align and compare dates (not only quantities).
    compare_ages: key a bare whole number set off by commas after a name
        ("Comeaux Jr., 49, escaped") or after an age word ("aged 91") as an age,
        so outlets' ages of one person are compared (names must still overlap).
        A figure in ``age_units`` followed by an age word ("23-year-old") is an
        age too, so both ways of writing one age meet under one key.
    compare_names: compare the spellings of persons (:mod:`factcheck.check.cross.names`).
    within_article / within: also report what one article gives two ways (a weekday its
        date contradicts, one measure with two values): :mod:`factcheck.check.cross.within`.
    """

    window_tokens: int = 6
    role_window: int = 4
    sentence_weight: float = 0.5
    link_threshold: float = 0.2
    conflict_threshold: float = 0.35
    date_conflict_threshold: float = 0.45
    drift_threshold: float = 0.6
    agreement_bonus: float = 0.15
    echo_margin: float = 0.25
    min_shared_words: int = 2
    min_sentence_words: int = 3
    names_must_overlap: bool = True
    names_width: int = 12
    dense_figures: int = 4
    dense_conflict_threshold: float = 0.6
    max_ratio: float = 50.0
    own_dateline_dates_conflict: bool = False
    skip_fragments: bool = True
    distrust_past_in_future: bool = True
    consensus_threshold: float = 0.25
    date_consensus_threshold: Optional[float] = 0.3
    counterpart_min_shared: int = 3
    consensus_sources: int = 3
    univocal_max_mentions: int = 2
    nearest_consensus: bool = True
    nearest_consensus_threshold: float = 0.2
    nearest_consensus_sources: int = 3
    nearest_consensus_univocal: bool = False
    nearest_consensus_same_time: bool = True
    nearest_consensus_date_threshold: Optional[float] = 0.2
    nearest_consensus_max_days: int = 7
    nearest_consensus_past_days: int = 60
    nearest_consensus_max_ratio: float = 11.0
    opposite_bounds_threshold: Optional[float] = 0.1
    relative_dates_need_same_dateline: bool = True
    approximate_tolerance: float = 0.05
    rounding_min: float = 100
    rounding_min_digits: int = 3
    bound_admits_satisfying: bool = True
    differing_bounds_disagree: bool = True
    report_qualifier_drift: bool = True
    vague_conflicts: bool = False
    vague_span: float = 10.0
    report_agreeing: bool = True
    zones: Tuple[str, ...] = ("headline", "body")
    update_min_sources: int = 2
    attributed_is_warning: bool = True
    measure_pairs: bool = True
    lede_dates: bool = True
    lede_sentences: int = 2
    lede_min_similarity: float = 0.1
    nearest_consensus_close_ratio: float = 1.5
    consensus_of_small_stories: bool = True
    uncompared_keys: Tuple[str, ...] = ("year", "month", "week", "day", "hour", "minute", "second")
    one_value_all_keys: bool = False
    values: ValueSettings = DEFAULT_VALUE_SETTINGS
    compare_dates: bool = True
    compare_ages: bool = True
    age_units: Tuple[str, ...] = ("year",)
    lang: str = "en"
    #: Also compare persons' spellings across sources (factcheck.check.cross.names).
    compare_names: bool = True
    within_article: bool = True
    within: WithinSettings = DEFAULT_WITHIN_SETTINGS


DEFAULT_CROSS_SETTINGS = CrossSettings()


# --------------------------------------------------------------------------- values

def _significant_digits(x: float) -> int:
    if x != int(x):
        return len(repr(x).replace(".", "").replace("-", "").strip("0"))
    digits = str(abs(int(x))).rstrip("0")
    return max(len(digits), 1)


def _rounds_to(round_value: float, precise: float, s: CrossSettings) -> bool:
    """Is ``round_value`` a rounding of ``precise`` ("1,500" of 1,523)?"""
    if round_value < s.rounding_min or round_value != int(round_value):
        return False
    if _significant_digits(precise) < max(s.rounding_min_digits, _significant_digits(round_value) + 1):
        return False
    zeros = len(str(int(round_value))) - len(str(int(round_value)).rstrip("0"))
    step = 10 ** zeros
    return math.floor(precise / step + 0.5) * step == round_value


def quantity_relation(a: Mention, b: Mention, s: CrossSettings = DEFAULT_CROSS_SETTINGS) -> Tuple[str, str]:
    """(AGREE | DIFFER | DRIFT, why) for two quantities already known to count the same thing:
    the one interval rule of :mod:`factcheck.check.values`, in its symmetric cross mode."""
    if (a.vague or b.vague) and not s.vague_conflicts:
        return AGREE, ""
    if as_quantity(a.value) is None or as_quantity(b.value) is None:
        return AGREE, ""                      # unreadable: say nothing rather than guess
    if a.parts is not None or b.parts is not None:
        # A tally is the same whichever side is named first ("won 3-1", "a 1-3 defeat").
        if a.parts is not None and b.parts is not None and sorted(a.parts) != sorted(b.parts):
            return DIFFER, "different tallies"
        return AGREE, ""
    # Aligned under one key, a figure written without its unit is in the other's ("a 32-year-old"
    # and "Smith, 32,"): compare the numbers.
    with_units = bool(a.unit) and bool(b.unit)
    verdict = compare_values(_said(a, with_units), _said(b, with_units), "cross", s.values)
    if verdict.outcome == "agree":
        return AGREE, ""
    classes = {qualifier_class(a.qualifier, s.lang), qualifier_class(b.qualifier, s.lang)}
    if not s.differing_bounds_disagree and len(classes) == 1 and classes <= {"lower", "upper"}:
        return AGREE, ""                      # "at least 1" and "at least 5" may both hold
    if verdict.outcome == "dropped-bound":
        return DRIFT, verdict.reason or "qualifier drift"
    return DIFFER, verdict.reason or "different figures"


def _said(m: Mention, unit: bool = True) -> Said:
    return Said(m.value, m.qualifier, m.vague, m.unit if unit else None, m.text, change=m.change)


@lru_cache(maxsize=None)
def _inclusive_bounds(lang: str) -> FrozenSet[str]:
    return frozenset(" ".join(str(w).lower().split()) for w in lexicon(lang).get("cross_inclusive_bounds") or ())


def _inclusive(qualifier: Optional[str], lang: str) -> bool:
    return " ".join((qualifier or "").lower().split()) in _inclusive_bounds(lang)


def _close(a, b, tol) -> bool:
    return all(math.isclose(p, q, rel_tol=max(tol, 1e-9), abs_tol=1e-9) for p, q in zip(a, b))


def _vague_relation(a: Mention, b: Mention, s: CrossSettings) -> Tuple[str, str]:
    if not s.vague_conflicts:
        return AGREE, ""
    qa, qb = as_quantity(a.value), as_quantity(b.value)
    if qa is None or qb is None:
        return AGREE, ""
    vague, other = (qa, qb) if a.vague else (qb, qa)
    low, high = vague[0], vague[0] * s.vague_span
    if other[1] >= low and other[0] < high:
        return AGREE, ""
    return DIFFER, "different orders of magnitude"


def date_relation(a: Mention, b: Mention, s: CrossSettings = DEFAULT_CROSS_SETTINGS) -> Tuple[str, str]:
    """Dates agree when equal, or when the coarser one contains the finer one
    ("last week" contains "Friday"). Two intervals must be equal."""
    pa, pb = safe_period(a.value), safe_period(b.value)
    if pa is None or pb is None:
        return AGREE, ""
    if (pa.start, pa.end) == (pb.start, pb.end):
        return AGREE, ""
    if pa.granularity == pb.granularity:
        return DIFFER, "different dates"
    if pa.contains(pb) or pb.contains(pa):
        return AGREE, ""
    return DIFFER, "dates do not overlap" if not (pa.overlaps(pb)) else "different periods"


def relation(a: Mention, b: Mention, s: CrossSettings = DEFAULT_CROSS_SETTINGS) -> Tuple[str, str]:
    return date_relation(a, b, s) if a.kind == "date" else quantity_relation(a, b, s)


# --------------------------------------------------------------------------- facts

def belongs_to_fact(mention: Mention, article: Article, fact: Fact, claim: Optional[Claim] = None) -> bool:
    """Is ``mention`` one the declared ``fact`` already checks? The declared check's own
    binding rule (zone, event, measure, ``of``, ``unit``, ``context``), so the two never
    disagree about it."""
    if claim is None:
        return bool(in_scope(fact, mention, article))
    return binds(fact, claim, article)


# --------------------------------------------------------------------------- alignment

@dataclass(frozen=True)
class Candidate:
    """A mention ready to be aligned: where it is, what it counts, what surrounds it."""

    source: int                         # index of the article in the input
    article: Article
    mention: Mention
    key: str                            # what is compared: "soldiers", "km", "dead", "date:report"
    sentence: Tuple[int, int]           # sentence span in the article
    sentence_words: FrozenSet[str]
    window_words: FrozenSet[str]
    names: FrozenSet[str] = frozenset() # capitalised words near the figure
    figures: int = 0                    # quantities in the same sentence (this one included)
    future: bool = False                # the sentence speaks of the future ("will", "is due to")


def _proportion(m: Mention) -> bool:
    number = as_quantity(m.value)
    return (not m.unit or m.unit == ratio_unit()) and number is not None and all(0 < v < 1 for v in number)


def compared_claim(claim: Optional[Claim], s: "CrossSettings") -> bool:
    """Only claims about the story's own event, in the zones compared, are compared: a
    caption, a byline, a related-links list or a background event says nothing about what
    the other sources report."""
    if claim is None:
        return True
    background = claim.background and not (claim.mention.kind == "date" and claim.event_reason == "old")
    return claim.zone in s.zones and not background and not claim.part and not claim.conversion


def candidates(source: int, article: Article, mentions: Sequence[Mention], facts: Sequence[Fact],
               s: CrossSettings, claims: Optional[Mapping[int, Claim]] = None) -> List[Candidate]:
    out = []
    token_cache: Dict[Tuple[int, int], List[Token]] = {}
    figures: Counter = Counter(article.sentence_span(m.start) for m in mentions if m.kind == "quantity")
    proper = proper_nouns((tokens(article.text[a:b], a, s.lang) for a, b in article.sentences), article.text) \
        if s.names_must_overlap else frozenset()
    for m in mentions:
        if m.kind == "person" or (m.kind == "date" and not s.compare_dates) or m.value is None:
            continue
        claim = (claims or {}).get(id(m))
        if not compared_claim(claim, s):
            continue
        span = article.sentence_span(m.start)
        if span[0] == span[1]:
            continue
        sentence = article.text[span[0]:span[1]]
        if any(belongs_to_fact(m, article, f, claim) for f in facts):
            continue
        if span not in token_cache:
            token_cache[span] = tokens(sentence, span[0], s.lang)
        toks = token_cache[span]
        words = sentence_stems(toks, m.start, m.end)
        if len(words) < s.min_sentence_words:
            continue                    # a dateline, a caption, a table cell: no context to align by
        if m.kind == "date" and is_metadata(toks, article.text, s.lang):
            continue
        if s.skip_fragments and m.kind == "quantity" and _fragment(article.text, m.start):
            continue
        if m.kind == "quantity" and _proportion(m):
            continue                    # "one in three", "two-thirds": a share, not a count
        key = _key(m, toks, article.text, s)
        if key in s.uncompared_keys:
            continue                    # "4 months" vs "20 months": durations of different things
        if claim is not None and claim.measure and m.kind == "quantity" and not m.unit and key != "age" \
                and counted_key(m.counted, s.lang)[1]:
            # A generic or missing counted noun ("12 people", "killing 12"): the measure says
            # what is counted ("killed", "dead", "death toll": one key). A specific noun
            # ("9 miners") keys by itself, however each outlet phrases what happened to it.
            key = claim.measure
        key = change_key(key, m.change if m.kind == "quantity" else None)
        if key is None:
            continue
        out.append(Candidate(source, article, m, key, span, words,
                             window_stems(toks, m.start, m.end, s.window_tokens),
                             names_near(toks, m.start, m.end, s.names_width, article.text, proper, s.lang),
                             figures.get(span, 0), has_future_cue(toks, article.text, s.lang)))
    return out


def _fragment(text: str, start: int) -> bool:
    """Is the figure at ``start`` the tail of a number the text split ("2. 7GHz", "4 1 / 2")?"""
    gap = text[max(0, start - 4):start]
    before = gap.rstrip()
    if not before:
        return False
    return before.endswith("/") or (before[-1].isdigit() and gap != before) \
        or (len(before) >= 2 and before[-1] == "." and before[-2].isdigit())


def _key(m: Mention, toks: Sequence[Token], text: str, s: CrossSettings) -> Optional[str]:
    if m.kind == "date":
        return "date:" + date_role(toks, m.start, m.end, text, s.lang)
    if m.unit in s.age_units and s.compare_ages and is_age(text, m.start, m.end, m.value, s.lang):
        return "age"                    # "23-year-old" is compared with "Jenkin, 23,"
    if m.unit:
        return m.unit
    group, generic = counted_key(m.counted, s.lang)
    if group and not generic:
        return group
    # Keyed by a role word ("killing at least one"): only whole counts, and not a
    # number glued to a compound ("6.1-magnitude quake ... killed").
    number = as_quantity(m.value)
    glued = m.end < len(text) and text[m.end] in "-‐–"
    if number is None or glued or any(v != int(v) for v in number):
        return None
    role = role_near(toks, m.start, m.end, s.role_window, s.lang, text)
    if role is None and group is None and s.compare_ages and is_age(text, m.start, m.end, m.value, s.lang):
        return "age"
    return role or group


@dataclass(frozen=True)
class Pair:
    a: Candidate
    b: Candidate
    similarity: float
    relation: str
    reason: str


def similarity(a: Candidate, b: Candidate, idf, s: CrossSettings) -> float:
    shared = (a.sentence_words & b.sentence_words)
    if len(shared) < s.min_shared_words:
        return 0.0
    if s.names_must_overlap and a.names and b.names and not (a.names & b.names):
        return 0.0                      # "Smith caught 29 passes" vs "Jones caught 5 passes"
    sentence = weighted_jaccard(a.sentence_words, b.sentence_words, idf)
    window = weighted_jaccard(a.window_words, b.window_words, idf)
    return s.sentence_weight * sentence + (1 - s.sentence_weight) * window


def align(cands: Sequence[Candidate], s: CrossSettings = DEFAULT_CROSS_SETTINGS) -> List[Pair]:
    """One-to-one pairs per (article pair, key), greedy by similarity + agreement bonus."""
    idf = _idf(cands)
    by_key: Dict[str, Dict[int, List[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for c in cands:
        by_key[c.key][c.source].append(c)
    pairs: List[Pair] = []
    for groups in by_key.values():
        sources = sorted(groups)
        for i, x in enumerate(sources):
            for y in sources[i + 1:]:
                pairs += _pair_up(groups[x], groups[y], idf, s)
    return pairs


def _idf(cands: Sequence[Candidate]):
    return idf_table({(c.source, c.sentence): c.sentence_words for c in cands}.values())


def _pair_up(left: Sequence[Candidate], right: Sequence[Candidate], idf, s: CrossSettings) -> List[Pair]:
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            sim = similarity(a, b, idf, s)
            if sim < s.link_threshold:
                continue
            rel, why = relation(a.mention, b.mention, s)
            bonus = s.agreement_bonus if rel == AGREE else 0.0
            scored.append((-(sim + bonus), -sim, i, j, Pair(a, b, sim, rel, why)))
    scored.sort(key=lambda t: t[:4])
    used_a, used_b, out = set(), set(), []
    for _, _, i, j, pair in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(pair)
    return out


def _same_value(a: Mention, b: Mention) -> bool:
    if a.kind == "date":
        pa, pb = safe_period(a.value), safe_period(b.value)
        return pa is not None and pb is not None and (pa.start, pa.end) == (pb.start, pb.end)
    qa, qb = as_quantity(a.value), as_quantity(b.value)
    return qa is not None and qb is not None and _close(qa, qb, 0.0)


def _echoed(mine: Candidate, other: Candidate, sim: float, by_source, idf, s: CrossSettings,
            mentions: Sequence[Sequence[Mention]] = ()) -> bool:
    """Does ``other``'s article also state ``mine``'s value — in the very sentence of ``other``
    (counting the same or nothing known: "five of Creighton's first eight points"), or under the same key in
    a comparably similar sentence? Then the two values are two different figures of that
    article, not a contradiction."""
    if mentions:
        start, end = other.sentence
        keyed = {id(c.mention): c.key for (source, _), cs in by_source.items() if source == other.source
                 for c in cs}
        for m in mentions[other.source]:
            if m is not other.mention and m.kind == mine.mention.kind and start <= m.start < end \
                    and keyed.get(id(m), other.key) == other.key and _same_value(mine.mention, m):
                return True             # ...unless it plainly counts something else ("12 arrested")
    floor = max(s.link_threshold, sim - s.echo_margin)
    for c in by_source.get((other.source, other.key), ()):
        if c is not other and _same_value(mine.mention, c.mention) and similarity(mine, c, idf, s) >= floor:
            return True
    return False


def _figures_by_sentence(article: Article, mentions: Sequence[Mention]) -> Dict[Tuple[int, int], FrozenSet]:
    out: Dict[Tuple[int, int], set] = defaultdict(set)
    for m in mentions:
        if m.kind == "quantity":
            q = as_quantity(m.value)
            if q is not None:
                out[article.sentence_span(m.start)].add(q)
    return {span: frozenset(values) for span, values in out.items()}


def _counterpart_elsewhere(mine: Candidate, other: Candidate, figures_by_sentence, s: CrossSettings) -> bool:
    """Does another sentence of ``other``'s article repeat more of the figures of ``mine``'s
    sentence than ``other``'s sentence does? Then that sentence is the counterpart of
    ``mine``'s ("269 yards ... 29 passes for 201 yards" is the season line that also
    says 269, 29 and 201), and ``other`` reports a different figure."""
    own = figures_by_sentence[mine.source].get(mine.sentence, frozenset())
    if len(own) < 2:
        return False
    theirs = figures_by_sentence[other.source]
    paired = len(own & theirs.get(other.sentence, frozenset()))
    return any(span != other.sentence and len(own & values) >= max(s.counterpart_min_shared, paired + 1)
               for span, values in theirs.items())


def _strong_enough(pair: Pair, s: CrossSettings) -> bool:
    if pair.relation == DRIFT:
        return s.report_qualifier_drift and pair.similarity >= s.drift_threshold
    if pair.a.mention.kind == "date":
        return _date_checks_pass(pair, s) and pair.similarity >= s.date_conflict_threshold
    if _ratio(pair.a.mention, pair.b.mention) > s.max_ratio:
        return False
    if max(pair.a.figures, pair.b.figures) >= s.dense_figures:
        return pair.similarity >= max(s.conflict_threshold, s.dense_conflict_threshold)
    return pair.similarity >= s.conflict_threshold


def _date_checks_pass(pair: Pair, s: CrossSettings) -> bool:
    if not s.own_dateline_dates_conflict and _own_dateline(pair.a) and _own_dateline(pair.b):
        return False
    if s.distrust_past_in_future and (_past_in_future(pair.a) or _past_in_future(pair.b)):
        return False
    if s.relative_dates_need_same_dateline and (pair.a.mention.relative or pair.b.mention.relative) \
            and pair.a.article.published != pair.b.article.published:
        return False                    # resolved against different days: likely a resolution slip
    return True


def _past_in_future(c: Candidate) -> bool:
    if c.key == "date:report":
        return False                    # "said Monday that Moscow will ...": a statement's date is past
    period = safe_period(c.mention.value)
    published = c.article.published
    return bool(c.future and c.mention.relative and period and published and period.end < published)


def _own_dateline(c: Candidate) -> bool:
    return c.article.published is not None and c.mention.value == c.article.published.isoformat()


def _ratio(a: Mention, b: Mention) -> float:
    qa, qb = as_quantity(a.value), as_quantity(b.value)
    if qa is None or qb is None:
        return 1.0
    x, y = abs(sum(qa) / 2), abs(sum(qb) / 2)
    if min(x, y) == 0:
        return math.inf if max(x, y) > 0 else 1.0
    return max(x, y) / min(x, y)


def _nearest_consensus(cands: Sequence[Candidate], idf, s: CrossSettings,
                       mentions: Sequence[Sequence[Mention]] = ()) -> List[Pair]:
    """Pairs (lone value, its nearest counterpart) where the nearest counterpart's value
    is stated by several other articles (see ``CrossSettings.nearest_consensus``)."""
    by_key: Dict[str, List[Candidate]] = defaultdict(list)
    for c in cands:
        if c.mention.kind == "quantity" or s.nearest_consensus_date_threshold is not None:
            by_key[c.key].append(c)
    out: List[Pair] = []
    for group in by_key.values():
        for c in group:
            own = [o for o in group if o.source == c.source]
            dated = c.mention.kind == "date"
            several = s.nearest_consensus_univocal and not dated and not _univocal(own, s)
            others = [o for o in group if o.source != c.source]
            if any(_same_value(c.mention, o.mention) for o in others):
                continue                # someone else states this value too: not alone
            scored = [(similarity(c, o, idf, s), n, o) for n, o in enumerate(others)]
            if not scored:
                continue
            sim, _, nearest = max(scored, key=lambda t: (t[0], -t[1]))
            if several and (any(_same_value(nearest.mention, o.mention) for o in own)
                            or _ratio(c.mention, nearest.mention) > s.nearest_consensus_close_ratio):
                # Its article states several values here: only a value close to the consensus,
                # in an article that does not also state the consensus value, is "the" figure
                # changed ("1,900" where four sources say 1,500 and its article says it nowhere).
                continue
            if dated:
                if sim < s.nearest_consensus_date_threshold:
                    continue
            elif sim < s.nearest_consensus_threshold or max(c.figures, nearest.figures) >= s.dense_figures \
                    or _ratio(c.mention, nearest.mention) > min(s.max_ratio, s.nearest_consensus_max_ratio):
                continue
            backers = {o.source for o in others if _same_value(nearest.mention, o.mention)}
            if len(backers) < s.nearest_consensus_sources:
                continue
            if dated and (not _date_checks_pass(Pair(c, nearest, sim, DIFFER, ""), s)
                          or not _days_apart_within(c.mention, nearest.mention, s.nearest_consensus_max_days)):
                continue
            if s.nearest_consensus_same_time and mentions and not dated and (
                    _dated_apart(_sentence_dates(c, mentions), _sentence_dates(nearest, mentions))
                    or _about_the_past(c, mentions, s) or _about_the_past(nearest, mentions, s)):
                continue                # "In 2007, the gang drove two cars": another event
            rel, why = relation(c.mention, nearest.mention, s)
            if rel == DIFFER:
                out.append(Pair(c, nearest, sim, rel, why))
    return out


def _opposite_bounds(cands: Sequence[Candidate], idf, s: CrossSettings) -> List[Pair]:
    """Pairs stating the same value under one key with opposite bounds ("more than 400
    children" vs "fewer than 400 children"): the shared value is strong evidence of one
    figure, so they need only ``opposite_bounds_threshold`` similarity."""
    bounded = [c for c in cands if c.mention.kind == "quantity" and not c.mention.vague
               and qualifier_class(c.mention.qualifier, s.lang) in ("lower", "upper")]
    out: List[Pair] = []
    for i, a in enumerate(bounded):
        for b in bounded[i + 1:]:
            if a.source == b.source or a.key != b.key or not _same_value(a.mention, b.mention):
                continue
            rel, why = quantity_relation(a.mention, b.mention, s)
            if rel != DIFFER:
                continue
            sim = similarity(a, b, idf, s)
            if sim >= s.opposite_bounds_threshold:
                out.append(Pair(a, b, sim, rel, why))
    return out


def _one_value_per_source(by_source: Mapping[Tuple[int, str], Sequence[Candidate]], idf,
                          s: CrossSettings) -> List[Pair]:
    """A story measure (deaths, injuries, arrests: a predicate of the lexicon's, not a noun)
    for which every source states one value only: the sources' values are the same figure
    however differently they phrase it ("50 killed in Vegas rampage" / "59 dead in Las Vegas
    shooting"), so they are paired without the similarity threshold."""
    measures = _story_measures(s.lang)
    keys = {key for (_, key) in by_source
            if key in measures or (s.one_value_all_keys and not key.startswith("date") and key != "age")}
    out: List[Pair] = []
    for key in sorted(keys):
        singles = []
        for (source, k), cs in sorted(by_source.items()):
            if k != key or not cs:
                continue
            if not _univocal(cs, s):
                break                   # a source gives several values: leave it to alignment
            singles.append(cs[0])
        else:
            for i, a in enumerate(singles):
                for b in singles[i + 1:]:
                    rel, why = relation(a.mention, b.mention, s)
                    if rel in (DIFFER, DRIFT):
                        out.append(Pair(a, b, similarity(a, b, idf, s), rel, why))
    return out


@lru_cache(maxsize=None)
def _story_measures(lang: str) -> FrozenSet[str]:
    return frozenset(name for name, entry in (lexicon(lang).get("measures") or {}).items()
                     if not (entry or {}).get("noun") and (entry or {}).get("moves"))


def _lede_dates(cands: Sequence[Candidate], idf, s: CrossSettings) -> List[Pair]:
    """The day of the story's event as each source's lede gives it: the first event date of a
    single day in the first ``lede_sentences`` sentences of its body. News ledes say when the
    event happened ("A tourist ship struck a bridge on Tuesday evening"), so two sources'
    lede days that differ, a few days apart at most, disagree however the ledes are worded."""
    firsts: Dict[int, Candidate] = {}
    sentences: Dict[int, List[Tuple[int, int]]] = defaultdict(list)
    for c in sorted(cands, key=lambda c: (c.source, c.mention.start)):
        if c.sentence not in sentences[c.source]:
            sentences[c.source].append(c.sentence)
        if c.source in firsts or c.mention.kind != "date" or c.key != "date:event" or c.mention.relative \
                and c.mention.expr is not None and c.mention.expr.shift_unit:
            continue
        period = safe_period(c.mention.value)
        if period is None or period.granularity != "day":
            continue
        if len(_body_sentences_before(c)) < s.lede_sentences:
            firsts[c.source] = c
    out: List[Pair] = []
    ledes = list(firsts.values())
    for i, a in enumerate(ledes):
        for b in ledes[i + 1:]:
            rel, why = relation(a.mention, b.mention, s)
            pair = Pair(a, b, similarity(a, b, idf, s), rel, why)
            if rel == DIFFER and pair.similarity >= s.lede_min_similarity and _date_checks_pass(pair, s) \
                    and _days_apart_within(a.mention, b.mention, s.nearest_consensus_max_days):
                out.append(pair)
    return out


def _body_sentences_before(c: Candidate) -> List[Tuple[int, int]]:
    """The article's sentences that start before the candidate's, the first line (its title)
    left out."""
    first_break = c.article.text.find("\n", c.article.body_start)
    start = first_break + 1 if first_break != -1 else 0
    return [span for span in c.article.sentences if start <= span[0] < c.sentence[0]]


def _days_apart_within(a: Mention, b: Mention, days: int) -> bool:
    """Are both dates single days at most ``days`` apart (a slipped weekday, not another event)?"""
    pa, pb = safe_period(a.value), safe_period(b.value)
    if pa is None or pb is None or pa.granularity != "day" or pb.granularity != "day":
        return False
    return abs((pa.start - pb.start).days) <= days


def _about_the_past(c: Candidate, mentions: Sequence[Sequence[Mention]], s: CrossSettings) -> bool:
    """Does the sentence carry a date ending long before its article was published ("the 2004
    tsunami ... 9.1-magnitude quake")? Then its figures may describe that earlier event."""
    published = c.article.published
    if published is None:
        return False
    start, end = c.sentence
    for m in mentions[c.source]:
        if m.kind == "date" and start <= m.start < end:
            period = safe_period(m.value)
            if period is not None and (published - period.end).days > s.nearest_consensus_past_days:
                return True
    return False


def _sentence_dates(c: Candidate, mentions: Sequence[Sequence[Mention]]) -> FrozenSet[str]:
    start, end = c.sentence
    # An unresolved date ("In February" without a dateline) still dates the sentence.
    return frozenset(str(m.value) if m.value is not None else " ".join(m.text.lower().split())
                     for m in mentions[c.source] if m.kind == "date" and start <= m.start < end)


def _dated_apart(a: FrozenSet[str], b: FrozenSet[str]) -> bool:
    """Does one sentence date its figure to a time the other sentence does not mention? Two
    sentences dated by overlapping periods ("last week" / "earlier this month, last week")
    speak of the same time."""
    if a == b:
        return False
    if not a or not b:
        return True
    periods_a = [p for p in (safe_period(v) for v in a) if p is not None]
    periods_b = [p for p in (safe_period(v) for v in b) if p is not None]
    return not any(x.overlaps(y) for x in periods_a for y in periods_b)


def _univocal(cs: Sequence[Candidate], s: CrossSettings) -> bool:
    """Does an article state one value only under a key (a few mentions, all agreeing)?"""
    if len(cs) > s.univocal_max_mentions:
        return False
    return all(relation(a.mention, b.mention, s)[0] == AGREE for i, a in enumerate(cs) for b in cs[i + 1:])


class _UnionFind:
    def __init__(self) -> None:
        self.parent: Dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        self.parent[self.find(x)] = self.find(y)


# --------------------------------------------------------------------------- verdicts

def cross_check(items: Sequence[Tuple[Article, Sequence[Mention]]], facts: Sequence[Fact] = (),
                settings: CrossSettings = DEFAULT_CROSS_SETTINGS,
                claims: Optional[Sequence[Sequence[Claim]]] = None) -> List[Verdict]:
    """Everything compared across sources: figure groups (quantities and dates, see the module
    docstring), then persons whose names are spelt more than one way (:mod:`factcheck.check.cross.names`).
    ``claims`` (one sequence per item) say what each mention is about; built when not given."""
    if claims is None:
        claims = [build_claims(article, mentions) for article, mentions in items]
    verdicts = compare_figures(items, facts, settings, claims) if len(items) > 1 else []
    if settings.compare_names:
        verdicts += cross_check_names(items, facts, claims=claims)
    if settings.within_article:
        verdicts += within_articles(items, claims, settings.within)
    return verdicts


def compare_figures(items: Sequence[Tuple[Article, Sequence[Mention]]], facts: Sequence[Fact] = (),
                    settings: CrossSettings = DEFAULT_CROSS_SETTINGS,
                    claims: Optional[Sequence[Sequence[Claim]]] = None) -> List[Verdict]:
    """One Verdict per aligned figure group across the articles (see the module docstring)."""
    s = settings
    if s.consensus_of_small_stories and len(items) >= 3:
        # A three-source story can never show three sources against one: there, two suffice.
        reachable = max(2, len(items) - 1)
        s = dataclasses.replace(s, consensus_sources=min(s.consensus_sources, reachable),
                                nearest_consensus_sources=min(s.nearest_consensus_sources, reachable))
    cands: List[Candidate] = []
    claim_maps = [{id(c.mention): c for c in found} for found in (claims or [()] * len(items))]
    for source, (article, mentions) in enumerate(items):
        cands += candidates(source, article, mentions, facts, s, claim_maps[source])
    if len({c.source for c in cands}) < 2:
        return []
    index = {id(c): n for n, c in enumerate(cands)}
    mentions = [list(found) for _, found in items]
    figures_by_sentence = [_figures_by_sentence(article, found) for article, found in items]
    pairs = align(cands, s)
    idf = _idf(cands)
    by_source: Dict[Tuple[int, str], List[Candidate]] = defaultdict(list)
    for c in cands:
        by_source[(c.source, c.key)].append(c)

    # Value clusters: mentions linked by agreeing pairs (the same figure, the same value).
    values = _UnionFind()
    for p in pairs:
        if p.relation == AGREE:
            values.union(index[id(p.a)], index[id(p.b)])
    cluster_sources: Dict[int, set] = defaultdict(set)
    for n, c in enumerate(cands):
        cluster_sources[values.find(n)].add(c.source)

    def lonely(c: Candidate) -> bool:
        """No other article states this value under this key."""
        return not any(o.source != c.source and _same_value(c.mention, o.mention)
                       for (_, key), cs in by_source.items() if key == c.key for o in cs)

    def outvoted(p: Pair) -> bool:
        """One lonely value against a value several other sources agree on."""
        if p.relation != DIFFER:
            return False
        if p.a.mention.kind == "date":
            if s.date_consensus_threshold is None or p.similarity < s.date_consensus_threshold \
                    or not _date_checks_pass(p, s):
                return False
        elif p.similarity < s.consensus_threshold or _ratio(p.a.mention, p.b.mention) > s.max_ratio \
                or max(p.a.figures, p.b.figures) >= s.dense_figures:
            return False
        for odd, agreed in ((p.a, p.b), (p.b, p.a)):
            if lonely(odd) and len(cluster_sources[values.find(index[id(agreed)])]) >= s.consensus_sources:
                return True
        return False

    outliers: List[Pair] = []
    if s.nearest_consensus:
        outliers += _nearest_consensus(cands, idf, s, mentions)
    if s.opposite_bounds_threshold is not None:
        outliers += _opposite_bounds(cands, idf, s)
    if s.measure_pairs:
        outliers += _one_value_per_source(by_source, idf, s)
    if s.lede_dates:
        outliers += _lede_dates(cands, idf, s)
    forced = {(id(p.a), id(p.b)) for p in outliers}
    conflicts = []
    seen = set()
    for p in [*pairs, *outliers]:
        if p.relation == AGREE or not ((id(p.a), id(p.b)) in forced or _strong_enough(p, s) or outvoted(p)):
            continue
        if (id(p.a), id(p.b)) in seen or (id(p.b), id(p.a)) in seen:
            continue
        seen.add((id(p.a), id(p.b)))
        ca, cb = values.find(index[id(p.a)]), values.find(index[id(p.b)])
        if ca == cb or cluster_sources[ca] & cluster_sources[cb]:
            continue                    # some article states both values: two different figures
        if _echoed(p.a, p.b, p.similarity, by_source, idf, s, mentions) \
                or _echoed(p.b, p.a, p.similarity, by_source, idf, s, mentions):
            continue
        if _counterpart_elsewhere(p.a, p.b, figures_by_sentence, s) \
                or _counterpart_elsewhere(p.b, p.a, figures_by_sentence, s):
            continue
        conflicts.append(p)

    # Verdict groups: value clusters joined by conflicts; agreeing clusters on their own.
    groups = _UnionFind()
    for p in conflicts:
        groups.union(values.find(index[id(p.a)]), values.find(index[id(p.b)]))
    members: Dict[int, List[Candidate]] = defaultdict(list)
    for n, c in enumerate(cands):
        members[groups.find(values.find(n))].append(c)
    group_conflicts: Dict[int, List[Pair]] = defaultdict(list)
    for p in conflicts:
        group_conflicts[groups.find(values.find(index[id(p.a)]))].append(p)

    verdicts: List[Verdict] = []
    subjects: Counter = Counter()
    order = sorted(members, key=lambda g: min((c.source, c.mention.start) for c in members[g]))
    for g in order:
        group = sorted(members[g], key=lambda c: (c.source, c.mention.start))
        failing = group_conflicts.get(g, [])
        if not failing and (not s.report_agreeing or len({c.source for c in group}) < 2):
            continue
        subject = _subject(group, s)
        subjects[subject] += 1
        if subjects[subject] > 1:
            subject = f"{subject} #{subjects[subject]}"
        verdicts.append(attributed(over_time(_verdict(subject, group, failing), group, claim_maps, s),
                                   group, claim_maps, s))
    return verdicts


def attributed(verdict: Verdict, group: Sequence[Candidate], claim_maps: Sequence[Mapping[int, Claim]],
               s: CrossSettings) -> Verdict:
    """A disagreement where each value comes from its own named authority ("10, police
    said" / "12, the ministry said") is reported as *attributed*, a warning naming both:
    the sources quote different people rather than contradict each other."""
    if not s.attributed_is_warning or verdict.outcome != "fail" or verdict.kind != "disagreement" \
            or not group or group[0].mention.kind != "quantity":
        return verdict
    by_value: Dict[str, set] = defaultdict(set)
    for c in group:
        claim = claim_maps[c.source].get(id(c.mention))
        who = claim.attribution if claim is not None else None
        if not who:
            return verdict
        by_value[describe(c.mention)].add(who.lower())
    authorities = list(by_value.values())
    if len(authorities) < 2 or any(a & b for i, a in enumerate(authorities) for b in authorities[i + 1:]):
        return verdict
    named = " vs ".join(f"{value} ({', '.join(sorted(who))})" for value, who in by_value.items())
    return dataclasses.replace(verdict, outcome="warn", kind="attributed",
                               message=f"{verdict.subject}, attributed: {named}")


def over_time(verdict: Verdict, group: Sequence[Candidate], claim_maps: Sequence[Mapping[int, Claim]],
              s: CrossSettings) -> Verdict:
    """A failing group of a moving measure whose values only grew with time: an update."""
    if not verdict.failed or not group or group[0].mention.kind != "quantity":
        return verdict
    claims = [claim_maps[c.source].get(id(c.mention)) for c in group]
    if any(cl is None for cl in claims) or not measure_moves(claims[0].measure, s.lang) == "up":
        return verdict
    values = []
    for c, claim in zip(group, claims):
        number = as_quantity(c.mention.value)
        if number is None or claim.published is None:
            return verdict
        values.append((order_key(claim.published), min(number), c, claim))   # a vague amount: its floor
    values.sort(key=lambda v: (v[0], v[1]))
    for (key_a, low_a, *_), (key_b, low_b, *_) in zip(values, values[1:]):
        if low_b < low_a:
            return verdict                          # a value went down: that is no update
        if low_b > low_a and key_b[:2] == key_a[:2] and values[0][3].published.at is None:
            return verdict                          # same day, times unknown: order unknown
    latest = values[-1][1]
    # Syndicated copy (one wire sentence carried by several outlets) is one voice.
    givers = {_voice(v[2]) for v in values if v[1] == latest}
    if len(givers) < s.update_min_sources and not any(v[3].changed for v in values if v[1] == latest):
        return verdict
    steps, last = [], None
    for _, low, c, claim in values:
        if low != last:
            outlet = c.article.outlet or c.article.path
            steps.append(f"{describe(c.mention)} ({outlet}, {claim.published.describe()})")
            last = low
    return dataclasses.replace(verdict, outcome="warn", kind="update",
                               message=f"{verdict.subject} changed over time: " + " -> ".join(steps))


def _voice(c: Candidate) -> str:
    """Who says it, for counting sources: the sentence as written, so that outlets carrying
    the same wire copy count once."""
    start, end = c.sentence
    return " ".join(c.article.text[start:end].lower().split())


def describe(m: Mention) -> str:
    """A mention's value in words: "about 1,500 soldiers", "2024-10-18 (Friday)"."""
    if m.kind == "date":
        return describe_date(m.value)
    number = format_number(m.value)
    if m.vague:
        number = f"{m.text.strip()} (vague)"
    elif m.qualifier:
        number = f"{m.qualifier} {number}"
    if m.parts is not None:
        number = "-".join(format_number(p) for p in m.parts)      # a tally: "3-1"
    what = m.unit if m.unit and m.unit != "%" else (m.counted or "")
    text = f"{number}%" if m.unit == "%" else f"{number} {what}".strip()
    return f"{text} ({m.change})" if m.change else text     # "3% (up)": a change says its direction


def _subject(group: Sequence[Candidate], s: CrossSettings) -> str:
    key = group[0].key
    if group[0].mention.kind != "date":
        return key
    # Name a date group by the content word its members share most around the date.
    counts: Counter = Counter()
    for c in group:
        counts.update(c.window_words)
    shared = [w for w, n in sorted(counts.items(), key=lambda wn: (-wn[1], wn[0])) if n > 1]
    # A name ("Korea's") says less about what happened than a common word ("summoned").
    words = [_surface(w, group, s) for w in shared]
    common = [w for w in words if not w[:1].isupper()] or words
    return f"date: {common[0].lower()}" if common else "date"


def _surface(stem_: str, group: Sequence[Candidate], s: CrossSettings) -> str:
    """The word as written for a stem ("announc" -> "announced"), for readable subjects."""
    for c in group:
        start, end = c.sentence
        for tok in tokens(c.article.text[start:end], start, s.lang):
            if tok.stem == stem_:
                return c.article.text[tok.start:tok.end]
    return stem_


def _finding(c: Candidate, reason: str) -> Finding:
    article, m = c.article, c.mention
    line, column = article.position(m.start)
    start, end = c.sentence
    sentence = article.text[start:end]
    return Finding(article=article.path, line=line, column=column, mention=m, sentence=sentence,
                   marked=mark(sentence, m.start - start, m.end - start), reason=reason)


def _verdict(subject: str, group: Sequence[Candidate], conflicts: Sequence[Pair]) -> Verdict:
    details = tuple(f"{c.article.path}: {describe(c.mention)}  (\"{c.mention.text}\", "
                    f"line {c.article.position(c.mention.start)[0]})" for c in group)
    if not conflicts:
        return Verdict(subject=subject, article=None, outcome="pass",
                       agreeing=tuple(_finding(c, "") for c in group),
                       message=f"{len({c.source for c in group})} sources agree on {subject}",
                       details=details)
    against: Dict[int, List[Tuple[Candidate, str]]] = defaultdict(list)
    for p in conflicts:
        against[id(p.a)].append((p.b, p.reason))
        against[id(p.b)].append((p.a, p.reason))
    findings = []
    for c in group:
        others = against.get(id(c), [])
        if others:
            reason = f"says {describe(c.mention)}; " + "; ".join(
                f"{o.article.path} says {describe(o.mention)} ({why})" for o, why in others)
        else:
            reason = f"says {describe(c.mention)}"
        findings.append(_finding(c, reason))
    values: Dict[str, List[str]] = defaultdict(list)
    for c in group:
        values[describe(c.mention)].append(c.article.path)
    message = f"sources disagree on {subject}: " + " vs ".join(
        f"{value} ({', '.join(paths)})" for value, paths in values.items())
    if all(p.relation == DRIFT for p in conflicts):
        # "more than 13,000" in one source, "13,000" in another: nobody knows which is right.
        return Verdict(subject=subject, article=None, outcome="warn", findings=tuple(findings),
                       message=message.replace("sources disagree on", "a bound is dropped on", 1),
                       details=details, kind="dropped-bound")
    return Verdict(subject=subject, article=None, outcome="fail", findings=tuple(findings),
                   message=message, details=details, kind="disagreement")
