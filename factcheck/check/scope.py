"""Which mention a fact is about: kind, ``unit``, ``of`` (the counted noun) and ``context``.

Shared by the declared check (:mod:`factcheck.check.declared`) and the cross-source
comparison (:mod:`factcheck.check.cross`), so both read "what a figure counts" the same way.
:class:`MatchSettings` holds every choice of matching, documented field by field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, List, Mapping, Optional, Sequence, Tuple

from factcheck.article import Article
from factcheck.check.compare import DEFAULT_DATE_RULES, DEFAULT_QUANTITY_RULES, DateRules, QuantityRules, as_quantity
from factcheck.check.values import DEFAULT_VALUE_SETTINGS, ValueSettings
from factcheck.facts import Fact
from factcheck.lang import lexicon
from factcheck.mention import Mention

@dataclass(frozen=True)
class MatchSettings:
    """The documented choices of matching. Defaults favour finding drift in news copy.

    values: how numbers are compared: each value an interval, two values agree when their
        intervals meet (:class:`factcheck.check.values.ValueSettings`).
    quantity / dates: older comparison rules (:class:`factcheck.check.compare.QuantityRules`
        still gives the distance that picks the closest fact) and date rules
        (:class:`factcheck.check.compare.DateRules`).
    context_match: how a ``context:`` entry is found in the mention's sentence,
        always case-insensitive.
        "stem" (default): word by word; a context word with one common suffix
        stripped ("summoned" -> "summon") matches a sentence word with the same
        stem, or one that starts with that stem and adds at most
        ``context_max_ending`` letters, so
        "summoned" finds "summons"/"summoning" and "Korea" finds "Korean", but
        "signed" does not find "significantly"; the added letters must be an ending of
        the lexicon's ``match_context_endings`` ("shot" does not find "shotgun"). Words shorter than
        ``context_min_stem`` must match whole.
        "phrase": the entry must occur verbatim (as a substring).
    context_min_stem: the shortest stem (shorter words match whole).
    context_max_ending: the most letters a sentence word may add to the stem.
    noun_phrase_words: how many words after the number are searched for the
        counted noun; the words between the number and that noun also satisfy
        ``of`` ("1,500 special forces troops" for ``of: [special forces]``).
    uncounted_window: when the extractor found no counted noun, the number of
        words after it searched for an ``of`` word, stopping at punctuation and at
        words that end a noun phrase (lexicon ``match_noun_phrase_breakers``: "to",
        "in", "said", ...). A figure joined by a hyphen to a word counts that word
        ("a five-boat attack" counts boats) unless the word only describes the
        figure (lexicon ``match_compound_passthrough``: "1,500-strong force").
        0 means a fact with ``of`` only claims mentions whose counted noun is known.
    skip_partitives: a figure that is a part of another figure's group ("two of
        the three victims", "21 of 25 fights", "1 out of 13 passes") does not
        belong to a quantity fact: it counts a part, the other figure the group.
    skip_other_groups: a figure about another group ("two other victims", "five
        more people", "another 500 troops"; lexicon ``match_other_group``) does not
        belong to a quantity fact, unless the fact's ``of`` or ``context`` itself
        says "other"/"additional"/"further"...
    unitless_fact_accepts_units: whether a quantity fact without ``unit`` claims
        mentions that have one. Default False: "$1,500" is not "1,500 soldiers".
    ambiguous_assignment: a mention that fits several facts and agrees with none
        belongs to the "closest" fact (nearest value: log ratio for quantities,
        days apart for dates; ties go to the first declared) or to the "first"
        declared.
    context_binds_nearest: a mention that disagrees with every fact it fits only
        counts for a fact when it is the figure one of the fact's context words is
        about: a figure (of the fact's kind, unit and counted noun) in the context
        word's own clause (clauses end at , ; : ( ) dashes and the lexicon's
        ``match_clause_breakers``: "and", "that", ...), or, when that clause holds
        none, the nearest such figure of the sentence. "24 people were killed and
        40 injured" with context [killed] does not fail on the 40; "the agency
        said on Friday that Seoul summoned him on Monday" does not fail on Friday.
        Mentions that agree are never dropped by this rule.
    weekday_must_match_date: a day written with its weekday ("Saturday, May 2,
        2013") disagrees when the two do not fit together, whatever was declared
        (the article contradicts itself); when the year was not written and the
        weekday fits the same day a year off, that day is compared instead.
    find_unread_names: a capitalised word standing alone that no extractor read
        but that ``names.near_miss`` calls a near-miss of a declared name is judged
        as a person mention ("Zinaviev told Kim": the extractor finds bare surnames
        by their title or an earlier full name, so a misspelt one slips through).
        See :func:`unread_names` for what "standing alone" means.
    missing_date_outcome: the outcome when relative dates that belong to a date
        fact cannot be resolved for want of a publication date ("error").
    date_drift_days: a date that disagrees with a declared date by more than this many days
        is about something else, not a wrong date (35: a day's month moved either way is
        still caught; "Nov. 13" or "last November" in a January story are not judged).
    never_counts: measures that are never a count a quantity fact can mean unless it names
        them: an age ("Kafoury, 63,"), an offset ("six laps later"), a label or grade
        ("magnitude 6.1", "Flight 370").
    report_dates_contradict: whether the date of a statement ("police said Wednesday") can
        contradict a declared event date. Off: news reports an event a day or more after it.
    date_context_same_clause: a date that disagrees with a declared date counts only when a
        ``context`` word stands in its own clause ("who was fired on Thursday" is not the
        shooting's day); an agreeing date needs only the sentence.
    outdated_when_order_unknown: an earlier value of a moving figure in an article published
        the same day as the first one giving the declared value, with no time to order them,
        is outdated (a warning) rather than wrong: a false alarm costs more than a warning.
    change_binds_levels: whether a figure that states a change ("rose by 3 %", "up 3 %",
        "a 5 % drop": ``Mention.change``) may count as a declared level. Off: "rose by 3 %"
        says nothing of the level 3 %, so only a fact that declares ``change:`` binds it.
    change_fact_binds_levels: whether a fact declaring ``change:`` binds figures that state
        no change. Off: in "the deficit rose by $43.6 billion to $419.2 billion" the level
        $419.2 billion is no wrong change; a change in the other direction ("fell") does
        bind, and disagrees.
    number_agreement: after a figure above one the counted noun is plural, so an ``of``
        entry declared in the plural that the phrase gives only in the singular, with more
        of the noun phrase after it, is a modifier of the counted noun, not the noun: "2
        American Families" counts families, not ``of: [Americans]``; "10 Americans" and
        "10 US citizens" still count Americans.
    lang: language of the lexicon used for qualifiers, units, plurals, suffixes.
    """

    quantity: QuantityRules = DEFAULT_QUANTITY_RULES
    values: ValueSettings = DEFAULT_VALUE_SETTINGS
    dates: DateRules = DEFAULT_DATE_RULES
    context_match: str = "stem"
    context_min_stem: int = 4
    context_max_ending: int = 3
    noun_phrase_words: int = 6
    uncounted_window: int = 6
    unitless_fact_accepts_units: bool = False
    skip_other_groups: bool = True
    skip_partitives: bool = True
    ambiguous_assignment: str = "closest"
    context_binds_nearest: bool = True
    weekday_must_match_date: bool = True
    find_unread_names: bool = True
    unread_name_min_letters: int = 5
    missing_date_outcome: str = "error"
    date_drift_days: int = 35
    never_counts: Tuple[str, ...] = ("age", "offset", "label")
    report_dates_contradict: bool = False
    date_context_same_clause: bool = True
    outdated_when_order_unknown: bool = True
    change_binds_levels: bool = False
    change_fact_binds_levels: bool = False
    number_agreement: bool = True
    lang: str = "en"

    def __post_init__(self):
        choices = {"context_match": ("stem", "phrase"), "ambiguous_assignment": ("closest", "first"),
                   "missing_date_outcome": ("error", "fail")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"MatchSettings.{name} must be one of {', '.join(allowed)}, "
                                 f"not {getattr(self, name)!r}")


DEFAULT_SETTINGS = MatchSettings()


# --------------------------------------------------------------------------- words

_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_PHRASE_BREAK = set(".,;:!?()[]{}\"“”«»—–")


def _tokens(text: str) -> List[str]:
    return _TOKEN.findall(text)


def _words(text: str) -> List[str]:
    return [t.lower() for t in _tokens(text) if t[0].isalnum() or t[0] == "_"]


@lru_cache(maxsize=None)
def _irregular_plurals(lang: str) -> Mapping[str, str]:
    return {str(k).lower(): str(v).lower() for k, v in (lexicon(lang).get("match_irregular_plurals") or {}).items()}


def noun_key(word: str, lang: str = "en") -> str:
    """A word lowercased, without possessive, irregular plurals made singular."""
    word = word.lower().strip("'’-")
    for possessive in ("'s", "’s"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
    return _irregular_plurals(lang).get(word, word)


def same_noun(a: str, b: str, lang: str = "en") -> bool:
    """Singular/plural-insensitive, case-insensitive: "troop" ~ "Troops", "army" ~ "armies"."""
    a, b = noun_key(a, lang), noun_key(b, lang)
    return a == b or b in _plural_forms(a) or a in _plural_forms(b)


def _plural_forms(word: str) -> Tuple[str, ...]:
    forms = [word + "s", word + "es"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ies")
    return tuple(forms)


def _contains_sequence(words: Sequence[str], wanted: Sequence[str], same: Callable[[str, str], bool]) -> bool:
    n = len(wanted)
    if n == 0:
        return False
    return any(all(same(words[i + k], wanted[k]) for k in range(n)) for i in range(len(words) - n + 1))


# --------------------------------------------------------------------------- scope: of / unit / context

def noun_phrase(mention: Mention, article: Article, settings: MatchSettings = DEFAULT_SETTINGS) -> List[str]:
    """The words that say what a quantity counts: the mention's own words, then the
    words after it up to its counted noun ("special forces troops"), or, when the
    counted noun is unknown, the next ``uncounted_window`` words before punctuation."""
    own, following = _phrase_parts(mention, article, settings)
    return own + following


def _phrase_parts(mention: Mention, article: Article, settings: MatchSettings) -> Tuple[List[str], List[str]]:
    own = [w for w in _words(mention.text) if not w[0].isdigit()]
    _, sentence_end = article.sentence_span(mention.start)
    after: List[str] = []
    for token in _tokens(article.text[mention.end: max(sentence_end, mention.end)]):
        if token in _PHRASE_BREAK or len(after) >= settings.noun_phrase_words:
            break
        if token[0].isalnum() or token[0] == "_":
            after.append(token.lower())
    lang = settings.lang
    if mention.counted:
        counted = _words(mention.counted)
        for i in range(len(after) - len(counted) + 1):
            if all(same_noun(after[i + k], counted[k], lang) for k in range(len(counted))):
                return own, after[: i + len(counted)]
        return own, counted
    compound = _COMPOUND.match(article.text, mention.end)
    if compound and compound.group(1).lower() not in _compound_passthrough(lang):
        return own, [compound.group(1).lower()]    # "a five-boat attack" counts boats
    breakers = _phrase_breakers(lang)
    # An amount names what it is the price of through a preposition: "$250,000 in campaign
    # funds", "€2 million worth of loot", "£88m of jewellery".
    linking = _amount_links(lang) if mention.unit else frozenset()
    phrase = []
    for word in after[: settings.uncounted_window]:
        if word in breakers and word not in linking:
            break
        phrase.append(word)
    return own, phrase


@lru_cache(maxsize=None)
def _amount_links(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("match_amount_links") or ())


_COMPOUND = re.compile(r"[-‐‑](\w+)")


@lru_cache(maxsize=None)
def _compound_passthrough(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("match_compound_passthrough") or ())


@lru_cache(maxsize=None)
def _other_group_words(lang: str) -> Tuple[frozenset, frozenset]:
    table = lexicon(lang).get("match_other_group") or {}
    return (frozenset(str(w).lower() for w in table.get("before") or ()),
            frozenset(str(w).lower() for w in table.get("after") or ()))


def _declares_other_group(fact: Fact, lang: str) -> bool:
    """The fact itself is about another/additional group (its ``of`` or ``context`` says so)."""
    before_words, after_words = _other_group_words(lang)
    return any(w in before_words | after_words for entry in (*fact.of, *fact.context) for w in _words(entry))


@lru_cache(maxsize=None)
def _number_words(lang: str) -> frozenset:
    data = lexicon(lang)
    words = set()
    for key in ("number_units", "number_tens"):
        table = data.get(key) or {}
        words.update(str(w).lower() for w in (table if isinstance(table, (dict, list)) else ()))
    return frozenset(words)


def _is_number_word(word: str, lang: str) -> bool:
    return word[:1].isdigit() or word in _number_words(lang)


def partitive(mention: Mention, article: Article, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """Is the figure a part of another figure's group ("two of the three victims",
    "21 of 25 fights", "1 out of 13 passes")? Then it does not count that group."""
    _, sentence_end = article.sentence_span(mention.start)
    words = _words(article.text[mention.end: min(max(sentence_end, mention.end), mention.end + 80)])
    if words[:2] == ["out", "of"]:
        words = words[1:]
    if not words or words[0] not in ("of", "among"):
        return False
    breakers = _phrase_breakers(settings.lang)
    for word in words[1:5]:
        if word in breakers:
            return False
        if _is_number_word(word, settings.lang):
            return True
    return False


_GROUP_OF_PART = re.compile(r"(?:\d[\d,.]*(?:st|nd|rd|th)?|\b[a-z]+(?:st|nd|rd|th))\s+(?:out\s+)?(?:of|among)\s+(?:the\s+|its\s+|their\s+)?$",
                            re.I)


def group_of_a_part(mention: Mention, article: Article) -> bool:
    """Is the figure the group a part is counted in ("20 of »71« laps", "the 48th of »71«",
    "5 among »12« killed")? It is the total of something else than the part."""
    head = article.text[max(0, mention.start - 40):mention.start]
    return bool(_GROUP_OF_PART.search(head))


def other_group(mention: Mention, article: Article, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """Does the figure count another group ("two other victims", "another 500 troops")?"""
    before_words, after_words = _other_group_words(settings.lang)
    # Only the words after the figure: its own text may hold a qualifier ("or more").
    _, following = _phrase_parts(mention, article, settings)
    if any(w in after_words for w in following):
        return True
    sentence_start, _ = article.sentence_span(mention.start)
    preceding = _words(article.text[max(sentence_start, mention.start - 40): mention.start])
    return bool(preceding) and preceding[-1] in before_words


@lru_cache(maxsize=None)
def _phrase_breakers(lang: str) -> frozenset:
    return frozenset(str(w).lower() for w in lexicon(lang).get("match_noun_phrase_breakers") or ())


def counts_one_of(fact: Fact, mention: Mention, article: Article, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """``of`` is satisfied: one entry (one or more words) occurs in the mention's noun phrase."""
    if not fact.of:
        return True
    phrase = noun_phrase(mention, article, settings)
    lang = settings.lang
    same = lambda a, b: same_noun(a, b, lang)  # noqa: E731
    if not settings.number_agreement or not _above_one(mention):
        return any(_contains_sequence(phrase, _words(entry), same) for entry in fact.of)
    return any(_counts_as_head(phrase, _words(entry), same, lang) for entry in fact.of)


def _above_one(mention: Mention) -> bool:
    value = mention.value
    low = value[0] if isinstance(value, (tuple, list)) and value else value
    return isinstance(low, (int, float)) and not isinstance(low, bool) and low > 1


def _counts_as_head(phrase: Sequence[str], wanted: Sequence[str], same: Callable[[str, str], bool],
                    lang: str) -> bool:
    """``wanted`` occurs in the phrase as what is counted, not as a singular modifier of a
    later noun: after "2", "American" in "2 American Families" describes the families
    (see ``MatchSettings.number_agreement``)."""
    n = len(wanted)
    for i in range(len(phrase) - n + 1):
        if not all(same(phrase[i + k], wanted[k]) for k in range(n)):
            continue
        last, declared = phrase[i + n - 1], wanted[-1]
        singular_for_plural = (noun_key(last, lang) == last and noun_key(declared, lang) != last
                               and last in (noun_key(declared, lang), declared[:-1], declared[:-2]))
        if singular_for_plural and i + n < len(phrase):
            continue
        return True
    return False


@lru_cache(maxsize=None)
def _unit_aliases(lang: str) -> Mapping[str, str]:
    return {" ".join(str(k).lower().split()): str(v) for k, v in (lexicon(lang).get("match_unit_aliases") or {}).items()}


def normalise_unit(unit: Optional[str], lang: str = "en") -> Optional[str]:
    """"$" -> "usd", "per cent" -> "%", "Km" -> "km"; None stays None."""
    if unit is None:
        return None
    key = " ".join(str(unit).lower().split())
    return _unit_aliases(lang).get(key, key).lower()


@lru_cache(maxsize=None)
def ratio_unit(lang: str = "en") -> str:
    """The extractor's unit of a share ("one in three", "two-thirds"; numbers.yaml)."""
    return str(lexicon(lang).get("number_ratio_unit") or "")


def has_unit(fact: Fact, mention: Mention, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    if fact.unit:
        return normalise_unit(fact.unit, settings.lang) == normalise_unit(mention.unit, settings.lang)
    if mention.unit and mention.unit == ratio_unit(settings.lang):
        # a share binds a fact without unit that declares a share ("number: 0.33")
        number = as_quantity(fact.number)
        return settings.unitless_fact_accepts_units or (number is not None and all(0 < v < 1 for v in number))
    return mention.unit is None or settings.unitless_fact_accepts_units


@lru_cache(maxsize=None)
def _context_suffixes(lang: str) -> Tuple[str, ...]:
    return tuple(sorted((str(s).lower() for s in lexicon(lang).get("match_context_suffixes") or ()), key=len, reverse=True))


@lru_cache(maxsize=None)
def _context_endings(lang: str) -> Optional[frozenset]:
    table = lexicon(lang).get("match_context_endings")
    return None if table is None else frozenset(str(e).lower() for e in table)


def _is_context_ending(added: str, lang: str) -> bool:
    """May a sentence word add ``added`` to a context stem and still be that word? An
    inflection or common derivation yes ("summon|ing"); other letters make another word
    ("shot|gun"). A language without the list accepts any ending."""
    endings = _context_endings(lang)
    return not added or endings is None or added in endings


def stem(word: str, min_stem: int = 4, lang: str = "en") -> str:
    """The word without one common suffix, when what remains is at least ``min_stem`` long."""
    word = word.lower()
    for suffix in _context_suffixes(lang):
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            return word[: -len(suffix)]
    return word


def context_spans(text: str, entry: str, settings: MatchSettings = DEFAULT_SETTINGS,
                  start: int = 0, end: Optional[int] = None) -> List[Tuple[int, int]]:
    """Where ``text[start:end]`` holds the context entry (see ``MatchSettings.context_match``),
    as offsets into ``text``."""
    end = len(text) if end is None else end
    wanted = [w.lower() for w in _WORD.findall(entry)]
    if not wanted:
        return []
    if settings.context_match == "phrase":
        pattern = r"\s+".join(re.escape(w) for w in entry.split())
        return [(start + m.start(), start + m.end()) for m in re.finditer(pattern, text[start:end], re.I)]
    min_stem = settings.context_min_stem
    roots = [w if len(w) < min_stem else stem(w, min_stem, settings.lang) for w in wanted]

    def matches(word: str, k: int) -> bool:
        if word == wanted[k]:
            return True
        if len(wanted[k]) < min_stem:
            return False
        root = roots[k]
        return (word.startswith(root) and len(word) - len(root) <= settings.context_max_ending
                and _is_context_ending(word[len(root):], settings.lang)) \
            or stem(word, min_stem, settings.lang) == root

    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    n = len(wanted)
    return [(words[i][1], words[i + n - 1][2]) for i in range(len(words) - n + 1)
            if all(matches(words[i + k][0], k) for k in range(n))]


_WORD = re.compile(r"[\w'’]+")     # hyphens split: "worst-hit" holds "worst"


def sentence_has(sentence: str, entry: str, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """Does the sentence contain the context entry (see ``MatchSettings.context_match``)?"""
    return bool(context_spans(sentence, entry, settings))


def _sentence_bounds(article: Article, offset: int) -> Tuple[int, int]:
    start, end = article.sentence_span(offset)
    if end <= start:                       # outside every sentence: use the line
        line, column = article.position(offset)
        start = offset - (column - 1)
        end = start + len(article.line_text(line))
    return start, end


def context_places(fact: Fact, mention: Mention, article: Article,
                   settings: MatchSettings = DEFAULT_SETTINGS) -> List[Tuple[int, int]]:
    """Article offsets of every ``context`` entry found in the mention's sentence."""
    start, end = _sentence_bounds(article, mention.start)
    return [span for entry in fact.context for span in context_spans(article.text, entry, settings, start, end)]


def in_context(fact: Fact, mention: Mention, article: Article, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    return not fact.context or bool(context_places(fact, mention, article, settings))


def change_fits(fact: Fact, mention: Mention, settings: MatchSettings = DEFAULT_SETTINGS) -> bool:
    """A change binds only a fact that declares one, a level only a fact that does not
    (``MatchSettings.change_binds_levels`` / ``change_fact_binds_levels``); the direction
    is judged afterwards, so "fell" still binds a ``change: up`` fact and disagrees."""
    said = getattr(mention, "change", None)
    declared = getattr(fact, "change", None)
    if said and not declared:
        return settings.change_binds_levels
    if declared and not said:
        return settings.change_fact_binds_levels
    return True


def in_scope(fact: Fact, mention: Mention, article: Article, settings: MatchSettings = DEFAULT_SETTINGS,
             counts: Optional[bool] = None) -> bool:
    """Kind, ``unit``, ``of`` and ``context`` (names are judged separately). ``counts``, when
    given, says whether the mention counts what ``of`` names (the claims stage may know it
    from the measure: "12 people were killed" counts the dead); else the counted noun decides."""
    if fact.kind != mention.kind:
        return False
    if fact.kind == "quantity":
        if not change_fits(fact, mention, settings):
            return False
        if counts is None:
            counts = counts_one_of(fact, mention, article, settings)
        if not has_unit(fact, mention, settings) or not counts:
            return False
        if settings.skip_other_groups and other_group(mention, article, settings) \
                and not _declares_other_group(fact, settings.lang):
            return False
        if settings.skip_partitives and partitive(mention, article, settings):
            return False
    return in_context(fact, mention, article, settings)
