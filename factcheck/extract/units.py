"""The unit and currency lexicon of the quantity extractor.

Physical units come from quantulum3's ``units.json`` (read directly, once, at
import: importing quantulum3 itself costs a second because of its inflection
library, and its parser is far too slow to run over articles). Which of its
surfaces and symbols are trusted in news, the aliases it lacks and every
currency live in ``factcheck/lang/<lang>/units.yaml``.
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

import regex

from ..lang import lexicon

# quantulum3's metric prefixes, needed to expand "metre" into "kilometre"/"km".
_METRIC_PREFIXES = {
    "T": "tera", "G": "giga", "M": "mega", "k": "kilo", "c": "centi",
    "m": "milli", "µ": "micro", "n": "nano",
}
# Plurals of unit words that a trailing "s" does not make.
_IRREGULAR_PLURALS = {"foot": "feet", "inch": "inches", "century": "centuries", "hertz": "hertz",
                      "celsius": "celsius", "fahrenheit": "fahrenheit", "kelvin": "kelvin",
                      "horsepower": "horsepower", "lux": "lux", "siemens": "siemens"}


@dataclass(frozen=True)
class UnitLexicon:
    """Surfaces (lower-cased words) and symbols (case-sensitive) -> canonical unit."""

    words: Mapping[str, str]                # "kilometres" -> "km"
    symbols: Mapping[str, str]              # "km" -> "km", "°C" -> "°C"
    currency_prefixes: Mapping[str, str]    # "US$" -> "USD", "£" -> "GBP"
    currency_words: Mapping[str, str]       # "dollars" -> "USD" (lower-case)
    currency_codes: FrozenSet[str]          # "USD", "EUR", ...
    currency_words_needing_scale: FrozenSet[str]
    subunits: Mapping[str, str]             # "cents" -> "cent"
    percent: Mapping[str, str]              # "per cent" -> "%", "percentage points" -> "pp"
    kinds: Mapping[str, str]                # canonical unit -> "currency" | "percent" | quantulum entity


def _quantulum_dir() -> Optional[Path]:
    spec = importlib.util.find_spec("quantulum3")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _quantulum_units() -> Dict[str, dict]:
    """quantulum3's general + English unit definitions, merged as it merges them."""
    top = _quantulum_dir()
    if top is None:
        return {}
    merged: Dict[str, dict] = {}
    for path in (top / "units.json", top / "_lang" / "en_US" / "units.json"):
        if path.is_file():
            for name, props in json.loads(path.read_text(encoding="utf-8")).items():
                merged.setdefault(name, {}).update(props)
    return merged


def _plural(word: str) -> str:
    last = word.split(" ")[-1]
    head = word[: len(word) - len(last)]
    if last in _IRREGULAR_PLURALS:
        return head + _IRREGULAR_PLURALS[last]
    if last.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _expanded(name: str, props: dict) -> Iterable[Tuple[str, List[str], List[str]]]:
    """(name, surfaces, symbols) of a unit and of its metric-prefixed forms."""
    surfaces = list(props.get("surfaces", []))
    symbols = list(props.get("symbols", []))
    yield name, surfaces, symbols
    for prefix in props.get("prefixes", []) or []:
        word = _METRIC_PREFIXES.get(prefix)
        if word is None:
            continue
        yield (word + name, [word + s for s in surfaces], [prefix + s for s in symbols])


def _canonical(name: str, symbols: List[str], data: Mapping) -> str:
    overrides = data.get("units_canonical", {})
    if name in overrides:
        return overrides[name]
    allowed = set(data.get("units_allowed_symbols", []))
    for symbol in symbols:
        if symbol in allowed:
            return symbol
    return symbols[0] if symbols else name


@lru_cache(maxsize=None)
def unit_lexicon(lang: str = "en") -> UnitLexicon:
    data = lexicon(lang)
    ignored_words = {w.lower() for w in data.get("units_ignored_surfaces", [])}
    ignored_symbols = set(data.get("units_ignored_symbols", []))
    allowed_symbols = set(data.get("units_allowed_symbols", []))
    entities = set(data.get("units_entities", []))
    words: Dict[str, str] = {}
    symbols: Dict[str, str] = {}
    kinds: Dict[str, str] = {}

    for name, props in _quantulum_units().items():
        entity = props.get("entity")
        if entity not in entities:
            continue
        for unit_name, surfaces, unit_symbols in _expanded(name, props):
            canonical = _canonical(unit_name, unit_symbols, data)
            kinds.setdefault(canonical, entity)
            for surface in surfaces:
                for form in (surface.lower(), _plural(surface.lower())):
                    if form not in ignored_words and len(form) > 2:
                        words.setdefault(form, canonical)
            for symbol in unit_symbols:
                if symbol in allowed_symbols or (len(symbol) >= 2 and symbol not in ignored_symbols
                                                 and not symbol.isalpha()):
                    symbols.setdefault(symbol, canonical)

    # Aliases from YAML win over quantulum3: they are what news means.
    for canonical, surfaces in data.get("units_aliases", {}).items():
        if canonical.startswith("°"):
            kinds[canonical] = "temperature"  # in news a bare "degrees" is weather far more than angles
        else:
            kinds.setdefault(canonical, "unit")
        for surface in surfaces:
            if surface.lower() == surface and surface.isascii() and any(c.isalpha() for c in surface) and len(surface) > 2:
                words[surface] = canonical
            else:
                symbols[surface] = canonical
    for canonical in ("year", "month", "week", "day", "hour", "minute", "second", "decade", "century"):
        kinds[canonical] = "time"

    prefixes: Dict[str, str] = {}
    currency_words: Dict[str, str] = {}
    codes = set()
    case_sensitive = set(data.get("currency_codes_case_sensitive", []))
    for code, spec in data.get("currencies", {}).items():
        codes.add(code)
        kinds[code] = "currency"
        for symbol in spec.get("symbols", []):
            prefixes.setdefault(symbol, code)
        for word in spec.get("words", []):
            currency_words.setdefault(word.lower(), code)
    for props in _quantulum_units().values():
        code = props.get("currency_code")
        if props.get("entity") == "currency" and code and code in codes:
            for symbol in props.get("symbols", []):
                if symbol == code or (len(symbol) > 1 and not symbol.isalpha()):
                    prefixes.setdefault(symbol, code)
    # ISO codes are also read after the figure ("115USD", "20 usd").
    for code in codes:
        currency_words.setdefault(code, code)
        if code not in case_sensitive:
            currency_words.setdefault(code.lower(), code)
            prefixes.setdefault(code.lower(), code)
        prefixes.setdefault(code, code)

    subunits: Dict[str, str] = {}
    for canonical, surfaces in data.get("currency_subunits", {}).items():
        kinds[canonical] = "currency"
        for surface in surfaces:
            subunits[surface] = canonical

    percent: Dict[str, str] = {}
    for surface in data.get("percent_surfaces", []):
        percent[surface] = data.get("percent_unit", "%")
    for surface in data.get("percent_point_surfaces", []):
        percent[surface] = data.get("percent_point_unit", "pp")
    kinds[data.get("percent_unit", "%")] = "percent"
    kinds[data.get("percent_point_unit", "pp")] = "percent"
    kinds[data.get("number_ordinal_unit", "ordinal")] = "ordinal"

    return UnitLexicon(
        words=words, symbols=symbols, currency_prefixes=prefixes, currency_words=currency_words,
        currency_codes=frozenset(codes),
        currency_words_needing_scale=frozenset(w.lower() for w in data.get("currency_words_needing_scale", [])),
        subunits=subunits, percent=percent, kinds=kinds)


def unit_kind(unit: Optional[str], lang: str = "en") -> Optional[str]:
    """What a canonical unit measures: "currency", "percent", "ordinal", "time",
    "temperature", "length", ... (quantulum3's entity names), or None."""
    if unit is None:
        return None
    return unit_lexicon(lang).kinds.get(unit, "unit")


def alternation(surfaces: Iterable[str]) -> str:
    """A regex alternation of literal surfaces, longest first so the longest wins;
    internal spaces match any run of spaces."""
    parts = sorted(set(surfaces), key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(regex.escape(p) for p in s.split(" ")) for s in parts if s)


def trie_alternation(surfaces: Iterable[str], ignore_case: bool = False) -> str:
    """The language of :func:`alternation`, written as a trie.

    Speed: the engine follows one branch per character instead of trying every
    surface in turn (an alternation of a thousand unit words cost ~13 µs per
    position). It matches the same: at any position the surfaces that can
    match lie on one path of the trie, tried deepest (longest) first, as in
    :func:`alternation`. ``ignore_case`` must be set when the result is used
    inside ``(?i:...)``: surfaces differing only in ASCII case then share one
    branch. Where branches could not be kept apart the plain alternation is used.
    """
    surfaces = list(surfaces)
    if any(s != " ".join(s.split(" ")).strip(" ") or "  " in s for s in surfaces if s):
        # A leading, trailing or doubled space makes "\s+" runs meet: a greedy run would
        # stop the trie short of a longer surface, so keep the plain alternation.
        return alternation(surfaces)
    tree: dict = {}
    for surface in set(surfaces):
        if not surface:
            continue
        node = tree
        for i, part in enumerate(surface.split(" ")):
            if i:
                node = node.setdefault(" ", {})
            for ch in part:
                node = node.setdefault(ch.lower() if ignore_case and ch.isascii() else ch, {})
        node[""] = {}

    def distinct(keys) -> bool:
        if any(k != " " and regex.match(r"\s", k) for k in keys):
            return False  # a whitespace surface character overlaps the "\s+" branch
        if ignore_case:
            odd = [k for k in keys if k and not k.isascii()]
            for a in odd:
                if any(b != a and regex.fullmatch("(?i)" + regex.escape(a), b) for b in keys if b):
                    return False  # two branches for one letter ("K" and the Kelvin sign)
        return True

    def emit(node) -> Optional[str]:
        if not distinct(node):
            return None
        alts = []
        for key in sorted(k for k in node if k):
            rest = emit(node[key])
            if rest is None:
                return None
            alts.append((r"\s+" if key == " " else regex.escape(key)) + rest)
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    pattern = emit(tree) if tree else None
    return pattern if pattern is not None else alternation(surfaces)
