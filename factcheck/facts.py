"""facts.yaml: what the user declares. Loading keeps the YAML line of every entry.

The dataclasses below are the contract between the
loader (:func:`load_facts`, :func:`discover_articles`) and the matcher. Fields may
be added with defaults; existing ones keep their meaning.

Every mistake in a facts file is a :class:`FactsError` whose text is
``facts.yaml:LINE: message`` -- a plain sentence the user can act on, never a
traceback. Paths of articles are always shown relative to the facts file (as in
node ids and in ``known``/``sources`` keys).

The format (every key optional except a fact's ``id`` and one of number/date/name)::

    articles: [seeds/*.txt]     # globs relative to this file; default: every .txt/.md
                                # below it (hidden folders and folders with their own
                                # facts file excluded)
    published: 2024-10-21       # default publication date (an article's own date wins)
    cross_source: true          # compare undeclared figures across the articles
    sources:                    # per article: outlet, published, title, url. A key is the
      seeds/003.txt: {outlet: Reuters}   # path relative to this file, or its unambiguous tail
    facts:
      - id: special-forces      # letters, digits, - _ . : it names the test
        number: 1500            # or "1,500", "1.5 thousand", "$2.5bn" (sets unit), [8, 13]
        qualifier: about        # about | more than | at least | fewer than | up to | exactly
        of: [soldiers, troops]  # a text or a list; so are context and aliases
        unit: km
        context: [North Korea]
        note: free text shown with a failure
        known: {seeds/000.txt: reason}   # that test becomes xfail(strict=True)
      - id: summoned
        date: 2024-10-21        # YYYY-MM-DD | YYYY-MM | YYYY | START/END
      - id: ambassador
        name: Georgy Zinoviev
        aliases: [Georgiy Zinoviev]
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union

import yaml

from .claims.time import parse_moment
from .verdict import SEVERITIES

FactKind = Literal["quantity", "date", "person"]
Number = Union[int, float]

#: Files collected as facts files.
FACTS_FILE_NAME = "facts.yaml"
FACTS_FILE_SUFFIX = ".facts.yaml"
#: Default discovery (no ``articles:`` key): these suffixes, in the facts file's folder and below.
ARTICLE_SUFFIXES = (".txt", ".md")
#: Qualifiers a number fact may declare (the matcher compares them for compatibility).
QUALIFIERS = ("about", "more than", "at least", "fewer than", "up to", "exactly")
#: Item names the plugin uses besides fact ids: cross-source comparisons, unreadable articles.
CROSS_SOURCE_ID = "cross-source"
UNREADABLE_ID = "unreadable"
RESERVED_IDS = (CROSS_SOURCE_ID, UNREADABLE_ID)

TOP_KEYS = ("articles", "published", "sources", "facts", "cross_source", "accept")
FACT_KEYS = ("id", "number", "qualifier", "of", "unit", "change", "context", "not", "zones", "moves", "as_of",
             "date", "name", "aliases", "age", "known", "note", "severity")
#: ``moves:``: how a figure may evolve over time ("up" for tolls and totals).
MOVES = ("up", "down", "either")
#: ``change:``: the declared figure is a change in that direction ("rose 3 %" is ``change: up``),
#: not a level; a mention stating the other direction disagrees.
CHANGES = ("up", "down")
#: Zones a declared fact binds to unless it says ``zones:`` (see factcheck/claims/zones.py):
#: figures and dates in captions repeat or date a photo; a name in a caption is the name.
DEFAULT_FACT_ZONES = ("headline", "body")
DEFAULT_NAME_ZONES = ("headline", "body", "caption")
SOURCE_KEYS = ("published", "outlet", "title", "url")
VALUE_KEYS = ("number", "date", "name")
KIND_OF_VALUE_KEY: Mapping[str, FactKind] = {"number": "quantity", "date": "date", "name": "person"}
#: Keys that only make sense for one kind of fact.
KEYS_FOR_VALUE = {"qualifier": "number", "of": "number", "unit": "number", "moves": "number", "change": "number",
                  "aliases": "name", "age": "name"}
FACT_ID = re.compile(r"^[\w.-]+$")
#: The largest figure a fact may declare: far above any amount news reports (world GDP is
#: about 10^14 USD), and small enough that every comparison stays exact in floating point.
MAX_DECLARED_NUMBER = 1e18
#: How deeply YAML lists and mappings may nest: a facts file needs four levels; a file nested
#: thousands deep is a mistake (or an attack) and would exhaust the parser's recursion.
MAX_YAML_DEPTH = 64


class FactsError(Exception):
    """A facts file is wrong; ``str()`` is "facts.yaml:LINE: message"."""

    def __init__(self, path: str, line: Optional[int], message: str):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")

    @property
    def errors(self) -> Tuple["FactsError", ...]:
        return (self,)


class FactsErrors(FactsError):
    """Several mistakes in one facts file, all found in one read, in line order;
    ``str()`` is one "facts.yaml:LINE: message" line per mistake."""

    def __init__(self, errors: Sequence[FactsError]):
        found = tuple(sorted(errors, key=lambda e: e.line or 0))
        first = found[0]
        super().__init__(first.path, first.line, first.message)
        self._errors = found
        self.args = ("\n".join(str(Exception.__str__(e)) for e in found),)

    @property
    def errors(self) -> Tuple[FactsError, ...]:
        return self._errors

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Fact:
    id: str
    kind: FactKind
    declared_at: str                         # "stories/nk/facts.yaml:12"
    line: int
    number: Optional[Union[Number, Tuple[Number, Number]]] = None
    qualifier: Optional[str] = None          # about | more than | at least | fewer than | up to | exactly
    of: Tuple[str, ...] = ()                 # counted nouns accepted
    unit: Optional[str] = None
    context: Tuple[str, ...] = ()            # the sentence must contain one (case-insensitive)
    date: Optional[str] = None               # ISO as declared: YYYY-MM-DD | YYYY-MM | YYYY | START/END
    name: Optional[str] = None
    aliases: Tuple[str, ...] = ()
    age: Optional[int] = None                # ``age:`` beside ``name:``: that person's age
    known: Mapping[str, str] = field(default_factory=dict)   # article path (as in node ids) -> reason
    known_lines: Mapping[str, int] = field(default_factory=dict)
    note: str = ""                           # free text shown with a failure
    excludes: Tuple[str, ...] = ()           # ``not:``: words whose sentence is not about the fact
    zones: Tuple[str, ...] = DEFAULT_FACT_ZONES  # parts of the page the fact binds to
    moves: Optional[str] = None              # "up" | "down" | "either": the figure may change over time
    change: Optional[str] = None             # "up" | "down": the figure is a change in that direction
    severity: Optional[str] = None           # "error" | "warning": what a finding about this fact is
    as_of: Optional[str] = None              # the moment the declared value holds (ISO date or date-time)


@dataclass(frozen=True)
class SourceMeta:
    published: Optional[Union[dt.date, dt.datetime, str]] = None   # a date, or a date-time as written
    outlet: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None

    def as_meta(self) -> Dict[str, object]:
        """The fields that are set, as ``read_article(meta=...)`` takes them."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}


@dataclass(frozen=True)
class FactsFile:
    path: Path                               # absolute
    display: str                             # as shown to the user (relative to rootdir)
    articles: Tuple[str, ...] = ()           # globs relative to the file; () = default discovery
    published: Optional[Union[dt.date, dt.datetime, str]] = None   # a date, or a date-time as written
    sources: Mapping[str, SourceMeta] = field(default_factory=dict)
    facts: Tuple[Fact, ...] = ()
    cross_source: bool = True                # compare undeclared figures across articles
    accept: Mapping[str, str] = field(default_factory=dict)  # cross-source finding id -> reason
    accept_lines: Mapping[str, int] = field(default_factory=dict)
    line_of: Mapping[str, int] = field(default_factory=dict)  # top-level key -> its line
    article_paths: Mapping[str, Path] = field(default_factory=dict)  # as found at load, inside the rootdir

    @property
    def folder(self) -> Path:
        return self.path.parent

    def where(self, key: str) -> str:
        line = self.line_of.get(key)
        return f"{self.display}:{line}" if line else self.display


def is_facts_file(path: Path) -> bool:
    return path.name == FACTS_FILE_NAME or path.name.endswith(FACTS_FILE_SUFFIX)


# --------------------------------------------------------------------------- YAML with lines

class LineMap(dict):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: Dict[Any, int]


class _LineError(Exception):
    """A mistake found while constructing the YAML, at its line (duplicate keys, unreadable ints)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


# libyaml's parser (C) where PyYAML was built with it: the same documents, events and marks
# as the pure-Python one at about a tenth of its cost, which counts with hundreds of facts
# files read by every pytest-xdist worker. The constructors below are Python either way.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_LOADER):
    """SafeLoader whose mappings are :class:`LineMap` and whose duplicate keys are errors
    (plain PyYAML silently keeps the last one, hiding a user's mistake)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> LineMap:
    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise _LineError(line, "a key must be a plain word, not a list or mapping") from None
        if key in mapping:
            raise _LineError(line, f"key {key!r} appears twice in this mapping "
                                      f"(first on line {mapping.key_lines[key]})")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    """An impossible date (2024-13-01) stays text, so validation can say so at its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode):
    """A figure with thousands of digits is a mistake at its line, not a crash in int()."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        raise _LineError(node.start_mark.line + 1,
                         f"a number of {len(node.value)} characters is not a figure") from None


def _nesting_depth(text: str) -> Tuple[int, int]:
    """(deepest nesting of flow brackets and block indentation, line where it is reached);
    cheap and approximate, to refuse pathological files before the recursive parser sees them."""
    deepest, line_of_deepest, depth = 0, 1, 0
    for number, line in enumerate(text.splitlines(), 1):
        indent = (len(line) - len(line.lstrip(" "))) // 2
        for char in line:
            if char in "[{":
                depth += 1
                if depth + indent > deepest:
                    deepest, line_of_deepest = depth + indent, number
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "#":
                break
        if indent > deepest:
            deepest, line_of_deepest = indent, number
    return deepest, line_of_deepest


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml_with_lines(text: str, display: str) -> Any:
    depth, line = _nesting_depth(text)
    if depth > MAX_YAML_DEPTH:
        raise FactsError(display, line, f"nested more than {MAX_YAML_DEPTH} levels deep: "
                                        "a facts file needs four")
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except RecursionError:
        raise FactsError(display, None, "nested too deeply to read") from None
    except _LineError as exc:
        raise FactsError(display, exc.line, str(exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"not valid YAML: {problem}" + (f" ({context})" if context else "")
        raise FactsError(display, mark.line + 1 if mark else None, message) from None


# --------------------------------------------------------------------------- loading

def load_facts(path: Union[str, Path], rootdir: Union[str, Path, None] = None) -> FactsFile:
    """Read and validate a facts file; every problem is a :class:`FactsError` at its line
    (several mistakes: a :class:`FactsErrors` listing each).

    ``rootdir`` decides how the file's own path is shown (relative to it when inside), and
    is the boundary articles must stay below (symlinks resolved): a glob or path that leaves
    it is an error, and nothing outside is read. A facts file outside ``rootdir`` (or given
    without one) keeps its articles below its own folder.
    Article globs, ``sources`` and ``known`` keys are checked against the articles found,
    so a typo in a path is an error here rather than a check that silently never runs.
    """
    path = Path(path).resolve()
    root = Path(rootdir).resolve() if rootdir else None
    display = _display_path(path, root or Path.cwd())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FactsError(display, None, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise FactsError(display, None, f"not UTF-8 text (byte {exc.start}); re-save it as UTF-8") from None
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise FactsError(display, 1, "the facts file is empty: declare 'facts:' to check, or list "
                                     "'sources:' to compare the articles across sources")
    data = load_yaml_with_lines(text, display)
    boundary = root if root is not None and _is_below(path, root) else path.parent
    return _facts_file(data, path, display, boundary)


def _is_below(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _display_path(path: Path, rootdir: Path) -> str:
    try:
        return path.relative_to(rootdir).as_posix()
    except ValueError:
        return str(path)


def _facts_file(data: Any, path: Path, display: str, boundary: Path) -> FactsFile:
    if not isinstance(data, LineMap):
        raise FactsError(display, 1, "a facts file is a mapping with keys such as 'articles:' and "
                                     f"'facts:', not a {_type_name(data)}")
    err = _Errors(display)
    err.attempt(err.unknown_keys, data, TOP_KEYS, "facts file")
    globs = err.attempt(err.strings, data, "articles") or ()
    published = err.attempt(err.date_value, data, "published")
    cross_source = data.get("cross_source", True)
    if not isinstance(cross_source, bool):
        err.attempt(err.fail, data, "cross_source", "cross_source is true or false")
        cross_source = True
    facts = err.attempt(_facts, data, err) or ()
    accept, accept_lines = err.attempt(_accept, data, err) or ({}, {})
    ff = FactsFile(path=path, display=display, articles=globs, published=published,
                   sources={}, facts=facts, cross_source=cross_source, accept=accept, accept_lines=accept_lines,
                   line_of=dict(data.key_lines))
    found = err.attempt(_article_paths, ff, boundary)
    if found is None:
        err.raise_found()
    if not found:
        where = ", ".join(globs) if globs else f"*{' / *'.join(ARTICLE_SUFFIXES)} under {path.parent}"
        err.attempt(err.fail, data, "articles" if globs else None, f"checks nothing: no article found ({where})")
        err.raise_found()   # sources and known entries would only repeat that no article is there
    if not facts and not cross_source and not err.found:
        err.attempt(err.fail, data, "cross_source", "checks nothing: no facts declared and cross_source is false")
    sources = err.attempt(_sources, data, err, found) or {}
    facts = tuple(filter(None, (err.attempt(_with_known_resolved, f, found, display) for f in facts)))
    err.raise_found()
    return dataclasses.replace(ff, sources=sources, facts=facts, article_paths=found)


def _type_name(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "true/false"}.get(
        type(value), type(value).__name__)


class _Errors:
    """Validation helpers that raise FactsError at the offending key's line, and gather them:
    each top-level key, fact and source is validated on its own (:meth:`attempt`), so one read
    reports every mistake, each at its line."""

    def __init__(self, display: str):
        self.display = display
        self.found: List[FactsError] = []

    def attempt(self, validate, *args):
        """``validate(*args)``, or ``None`` after recording the mistake it raised."""
        try:
            return validate(*args)
        except FactsErrors as exc:
            self.found.extend(exc.errors)
        except FactsError as exc:
            self.found.append(exc)
        return None

    def raise_found(self) -> None:
        unique = list({str(e): e for e in self.found}.values())
        if len(unique) == 1:
            raise unique[0]
        if unique:
            raise FactsErrors(unique)

    def fail(self, mapping: LineMap, key: Optional[str], message: str):
        line = mapping.key_lines.get(key, mapping.line) if key is not None else mapping.line
        raise FactsError(self.display, line, message)

    def unknown_keys(self, mapping: LineMap, allowed: Sequence[str], what: str):
        """Every unknown key of the mapping, each at its line (raised together)."""
        mistakes = []
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(allowed)})"
                mistakes.append(FactsError(self.display, mapping.key_lines.get(key, mapping.line),
                                           f"unknown key {key!r} in {what}{hint}"))
        if len(mistakes) == 1:
            raise mistakes[0]
        if mistakes:
            raise FactsErrors(mistakes)

    def strings(self, mapping: LineMap, key: str) -> Tuple[str, ...]:
        """A string or a list of strings (both spellings are natural in YAML)."""
        value = mapping.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value
        if not isinstance(items, list) or not all(
                isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in items):
            self.fail(mapping, key, f"{key} is a text or a list of texts")
        out = tuple(str(v).strip() for v in items)
        if not out or not all(out):
            self.fail(mapping, key, f"{key} must not be empty")
        return out

    def text(self, mapping: LineMap, key: str) -> Optional[str]:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, (list, dict, bool)) or str(value).strip() == "":
            self.fail(mapping, key, f"{key} is a non-empty text")
        return str(value).strip()

    def date_value(self, mapping: LineMap, key: str):
        """A date, or a date-time kept as written (an ISO string): ``published`` orders sources."""
        value = mapping.get(key)
        if value is None:
            return None
        try:
            moment = parse_moment(value)
        except ValueError as exc:
            self.fail(mapping, key, f"{key}: {exc}")
        if isinstance(value, dt.datetime) or (isinstance(value, str) and len(value.strip()) > 10):
            return value if isinstance(value, dt.datetime) else value.strip()
        return moment.day


def _facts(data: LineMap, err: _Errors) -> Tuple[Fact, ...]:
    entries = data.get("facts")
    if entries is None:
        return ()
    if not isinstance(entries, list):
        err.fail(data, "facts", "facts is a list of entries, each starting with '- id: ...'")
    seen: Dict[str, int] = {}
    out = []
    for entry in entries:
        if not isinstance(entry, LineMap):
            err.attempt(err.fail, data, "facts", f"each fact is a mapping with an 'id:', not "
                                                 f"{_type_name(entry)} {_shown(entry)}")
            continue
        fact = err.attempt(_fact, entry, err)
        if fact is None:
            continue
        if fact.id in seen:
            err.attempt(err.fail, entry, "id",
                        f"duplicate fact id {fact.id!r} (first declared on line {seen[fact.id]})")
            continue
        seen[fact.id] = fact.line
        out.append(fact)
    return tuple(out)


def _shown(value: Any, limit: int = 60) -> str:
    """A user's value quoted in a message, cut short (a message is one line)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _fact(entry: LineMap, err: _Errors) -> Fact:
    err.unknown_keys(entry, FACT_KEYS, "a fact")
    if entry.get("id") is None:
        err.fail(entry, "id" if "id" in entry else None, "a fact needs an 'id:' (it names the test)")
    fact_id = err.text(entry, "id")
    if not FACT_ID.match(fact_id):
        err.fail(entry, "id", f"fact id {fact_id!r} may hold only letters, digits, '-', '_' and '.'")
    if fact_id in RESERVED_IDS:
        err.fail(entry, "id", f"fact id {fact_id!r} is reserved for factcheck's own tests; choose another")
    given = [k for k in VALUE_KEYS if entry.get(k) is not None]
    if len(given) != 1:
        what = "none" if not given else " and ".join(given)
        err.fail(entry, given[1] if len(given) > 1 else "id",
                 f"fact {fact_id!r} declares {what}: give exactly one of number, date or name")
    value_key = given[0]
    for key, needs in KEYS_FOR_VALUE.items():
        if key in entry and needs != value_key:
            err.fail(entry, key, f"{key} applies to facts with a {needs}, not a {value_key}")
    display, line = err.display, entry.line
    fields: Dict[str, Any] = dict(
        id=fact_id, kind=KIND_OF_VALUE_KEY[value_key], declared_at=f"{display}:{line}", line=line,
        context=err.strings(entry, "context"), note=err.text(entry, "note") or "",
        excludes=err.strings(entry, "not"), zones=_zones(entry, err), as_of=_as_of(entry, err),
        severity=_severity(entry, err))
    if value_key == "number":
        number, unit = _number(entry, err)
        fields.update(number=number, of=err.strings(entry, "of"), qualifier=_qualifier(entry, err),
                      unit=err.text(entry, "unit") or unit, moves=_moves(entry, err),
                      change=_change(entry, err))
    elif value_key == "date":
        fields.update(date=_declared_date(entry, err))
    else:
        fields.update(name=err.text(entry, "name"), aliases=err.strings(entry, "aliases"), age=_age(entry, err))
    known, known_lines = _known(entry, err)
    return Fact(known=known, known_lines=known_lines, **fields)


def _zones(entry: LineMap, err: _Errors) -> Tuple[str, ...]:
    from .claims.zones import ZONES   # late: only a fact that names zones needs the zone names

    zones = err.strings(entry, "zones")
    for zone in zones:
        if zone not in ZONES:
            close = difflib.get_close_matches(zone, ZONES, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f" (zones: {', '.join(ZONES)})"
            err.fail(entry, "zones", f"zones: unknown zone {zone!r}{hint}")
    if zones:
        return zones
    return DEFAULT_NAME_ZONES if entry.get("name") is not None else DEFAULT_FACT_ZONES


def _age(entry: LineMap, err: _Errors) -> Optional[int]:
    value = entry.get("age")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 130:
        err.fail(entry, "age", f"age: {value!r} is not an age in years (a whole number, 0 to 130)")
    return value


def _choice(entry: LineMap, err: _Errors, key: str, allowed: Sequence[str]) -> Optional[str]:
    """A key whose value is one of a few words (``moves:``, ``change:``, ``severity:``)."""
    value = err.text(entry, key)
    if value is not None and value not in allowed:
        err.fail(entry, key, f"{key}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _moves(entry: LineMap, err: _Errors) -> Optional[str]:
    return _choice(entry, err, "moves", MOVES)


def _severity(entry: LineMap, err: _Errors) -> Optional[str]:
    return _choice(entry, err, "severity", SEVERITIES)


def _change(entry: LineMap, err: _Errors) -> Optional[str]:
    return _choice(entry, err, "change", CHANGES)


def _as_of(entry: LineMap, err: _Errors) -> Optional[str]:
    value = entry.get("as_of")
    if value is None:
        return None
    try:
        moment = parse_moment(value)
    except ValueError as exc:
        err.fail(entry, "as_of", f"as_of: {exc}")
    return moment.iso()


# -- numbers

_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def _number(entry: LineMap, err: _Errors):
    """(value or (low, high), unit read from the text or None)."""
    value = entry["number"]
    if isinstance(value, list):
        if len(value) != 2:
            err.fail(entry, "number", "a range is written [low, high]")
        low, _ = _one_number(value[0], entry, err)
        high, _ = _one_number(value[1], entry, err)
        if low > high:
            err.fail(entry, "number", f"range [{low}, {high}]: low is above high")
        return (low, high), None
    return _one_number(value, entry, err)


def _one_number(value: Any, entry: LineMap, err: _Errors):
    if isinstance(value, bool) or isinstance(value, (dict, list)) or value is None:
        err.fail(entry, "number", f"number: not a number: {_shown(value)}")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            err.fail(entry, "number", f"number: {value!r} is not a figure (write the amount the "
                                      "articles should report)")
        if abs(value) > MAX_DECLARED_NUMBER:
            err.fail(entry, "number", f"number: {_shown(value)} is larger than any figure news "
                                      f"reports (the limit is {MAX_DECLARED_NUMBER:.0e})")
        return value, None
    text = str(value).strip()
    if _PLAIN_NUMBER.match(text):
        return _one_number(_tidy(float(text.replace(",", ""))), entry, err)
    return _number_from_words(text, entry, err)


def _number_from_words(text: str, entry: LineMap, err: _Errors):
    """"1.5 thousand", "fifteen hundred", "$2.5bn": read by the quantity extractor, which
    knows the language's number words; the whole text must be one figure."""
    from .extract import extract  # late: the extractor is heavy and only needed here

    found = [m for m in extract(text, kinds=("quantity",)) if m.kind == "quantity"]
    if len(found) == 1 and found[0].qualifier:
        err.fail(entry, "number", f"number: {text!r} holds a qualifier; write the figure alone and "
                                  f"add 'qualifier: {found[0].qualifier}'")
    if len(found) == 1 and not found[0].vague and _covers(found[0], text):
        value = found[0].value
        if isinstance(value, tuple):
            return tuple(_tidy(v) for v in value), found[0].unit
        return _tidy(value), found[0].unit
    err.fail(entry, "number", f"number: cannot read {text!r} as one figure "
                              "(write it as 1500, \"1,500\", \"1.5 thousand\" or a range [8, 13])")


def _covers(mention, text: str) -> bool:
    """The mention spans the whole text, leading and trailing blanks aside."""
    return mention.start <= len(text) - len(text.lstrip()) and mention.end >= len(text.rstrip())


def _tidy(value):
    """1500.0 -> 1500, so that a declared figure prints as written."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _qualifier(entry: LineMap, err: _Errors) -> Optional[str]:
    value = err.text(entry, "qualifier")
    if value is None:
        return None
    canonical = " ".join(value.lower().split())
    if canonical not in QUALIFIERS:
        close = difflib.get_close_matches(canonical, QUALIFIERS, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        err.fail(entry, "qualifier", f"qualifier {value!r} is not one of: {', '.join(QUALIFIERS)}{hint}")
    return canonical


# -- dates

_ISO_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _declared_date(entry: LineMap, err: _Errors) -> str:
    value = entry["date"]
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    parts = text.split("/")
    if len(parts) > 2 or not all(_valid_iso_part(p.strip()) for p in parts):
        err.fail(entry, "date", f"date: not a date: {text!r} "
                                "(expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)")
    parts = [p.strip() for p in parts]
    if len(parts) == 2 and _period_start(parts[0]) > _period_start(parts[1]):
        err.fail(entry, "date", f"date: {text!r} ends before it starts")
    return "/".join(parts)


def _valid_iso_part(text: str) -> bool:
    m = _ISO_PART.match(text)
    if not m:
        return False
    year, month, day = (int(g) if g else None for g in m.groups())
    try:   # "2024-00-10" is no date: only an absent month or day stands for the first
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return False
    return True


def _period_start(text: str) -> dt.date:
    year, month, day = (int(g) if g else None for g in _ISO_PART.match(text).groups())
    return dt.date(year, month or 1, day or 1)


# -- known

def _known(entry: LineMap, err: _Errors):
    value = entry.get("known")
    if value is None:
        return {}, {}
    if not isinstance(value, LineMap):
        err.fail(entry, "known", "known maps an article path to the reason its discrepancy is accepted")
    known, lines = {}, {}
    for path, reason in value.items():
        if not isinstance(reason, str) or not reason.strip():
            err.fail(value, path, f"known: give the reason {path!r} is accepted as it is")
        known[str(path)] = reason.strip()
        lines[str(path)] = value.key_lines[path]
    return known, lines


FINDING_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _accept(data: LineMap, err: _Errors):
    """``accept:``: cross-source finding ids (as a failure report prints them) -> reason."""
    value = data.get("accept")
    if value is None:
        return {}, {}
    if not isinstance(value, LineMap):
        err.fail(data, "accept", "accept maps a cross-source finding id to the reason it is accepted")
    accept, lines = {}, {}
    for key, reason in value.items():
        if not FINDING_ID.match(str(key)):
            err.fail(value, key, f"accept: {key!r} is not a finding id (lower-case letters, digits and '-', "
                                 "as the cross-source report prints it)")
        if not isinstance(reason, str) or not reason.strip():
            err.fail(value, key, f"accept: give the reason {key!r} is accepted")
        accept[str(key)], lines[str(key)] = reason.strip(), value.key_lines[key]
    return accept, lines


def _with_known_resolved(fact: Fact, found: Mapping[str, Path], display: str) -> Fact:
    """Rewrite ``known`` keys to the article paths used in node ids."""
    if not fact.known:
        return fact
    known, lines = {}, {}
    for key, reason in fact.known.items():
        line = fact.known_lines[key]
        path = _resolve_article_key(key, found, display, line, f"known entry of {fact.id!r}")
        known[path], lines[path] = reason, line
    return dataclasses.replace(fact, known=known, known_lines=lines)


# -- sources

def _sources(data: LineMap, err: _Errors, found: Mapping[str, Path]) -> Dict[str, SourceMeta]:
    value = data.get("sources")
    if value is None:
        return {}
    if not isinstance(value, LineMap):
        err.fail(data, "sources", "sources maps an article path to its metadata "
                                  "({outlet: ..., published: YYYY-MM-DD})")
    out: Dict[str, SourceMeta] = {}
    for key, meta in value.items():
        entry = err.attempt(_source, key, meta, value.key_lines[key], err, found)
        if entry is None:
            continue
        path, source = entry
        if path in out:
            err.attempt(err.fail, value, key, f"sources: {path!r} is described twice")
            continue
        out[path] = source
    return out


def _source(key: Any, meta: Any, line: int, err: _Errors, found: Mapping[str, Path]) -> Tuple[str, SourceMeta]:
    path = _resolve_article_key(str(key), found, err.display, line, "sources key")
    if meta is None:
        meta = LineMap()
        meta.line, meta.key_lines = line, {}
    if not isinstance(meta, LineMap):
        raise FactsError(err.display, line, f"sources: {key!r} maps to metadata such as "
                                            "{outlet: AFP, published: 2024-10-21}")
    err.unknown_keys(meta, SOURCE_KEYS, f"sources entry {key!r}")
    return path, SourceMeta(published=err.date_value(meta, "published"), outlet=err.text(meta, "outlet"),
                            title=err.text(meta, "title"), url=err.text(meta, "url"))


def _resolve_article_key(key: str, found: Mapping[str, Path], display: str, line: int, what: str) -> str:
    """An article named in ``known``/``sources``: its path relative to the facts file, or --
    when unambiguous -- its trailing path components (``003.txt`` for ``seeds/003.txt``)."""
    wanted = Path(key).as_posix()
    if wanted in found:
        return wanted
    tail = tuple(Path(wanted).parts)
    matches = [p for p in found if tuple(Path(p).parts[-len(tail):]) == tail]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise FactsError(display, line, f"{what} {key!r} could be any of {', '.join(matches)}: "
                                        "write the path relative to the facts file")
    close = difflib.get_close_matches(wanted, list(found), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise FactsError(display, line, f"{what} {key!r} names no article of this facts file{hint}")


# --------------------------------------------------------------------------- articles

def _article_paths(ff: FactsFile, boundary: Optional[Path] = None) -> Dict[str, Path]:
    """display path (relative to the facts file, posix) -> absolute path, sorted by display.

    Every article resolves (symlinks followed) below ``boundary`` (pytest's rootdir; by
    default the facts file's folder): a glob that starts outside it is refused before any
    folder is listed, and a match or symlink that leads outside is an error, never read."""
    folder = ff.folder
    boundary = boundary or folder
    line = ff.line_of.get("articles")
    found: Dict[str, Path] = {}
    outside: List[str] = []
    if ff.articles:
        for pattern in ff.articles:
            try:
                base = _glob_base(folder, pattern)
            except (OSError, ValueError) as exc:
                raise FactsError(ff.display, line, f"articles: cannot list {_shown(pattern)}: "
                                                   f"{getattr(exc, 'strerror', None) or exc}") from None
            if not _is_below(base, boundary):
                raise FactsError(ff.display, line, f"articles: {pattern!r} reaches outside {boundary}: "
                                                   "factcheck reads only articles below the rootdir")
            try:
                matched = [p for p in _glob(folder, pattern) if p.is_file() and not is_facts_file(p)]
            except (OSError, ValueError) as exc:   # a name too long for the file system, a bad pattern
                raise FactsError(ff.display, line, f"articles: cannot list {_shown(pattern)}: "
                                                   f"{getattr(exc, 'strerror', None) or exc}") from None
            if not matched:
                raise FactsError(ff.display, line, f"articles: {pattern!r} matches no file under {folder}")
            for p in matched:
                found.setdefault(_relative(p, folder), p)
    else:
        for p in _default_articles(folder):
            found.setdefault(_relative(p, folder), p)
    for display, p in found.items():
        if not _is_below(p.resolve(), boundary):
            outside.append(display)
    if outside:
        raise FactsError(ff.display, line, f"article {outside[0]!r} leads outside {boundary} (a symlink "
                                           "or '..'): factcheck reads only articles below the rootdir"
                                           + (f" ({len(outside) - 1} more)" if len(outside) > 1 else ""))
    return dict(sorted(found.items()))


_GLOB_MAGIC = re.compile(r"[*?\[]")


def _glob_base(folder: Path, pattern: str) -> Path:
    """The folder a glob starts listing from: its path up to the first wildcard, resolved."""
    parts = Path(pattern).parts
    literal = []
    for part in parts:
        if _GLOB_MAGIC.search(part):
            break
        literal.append(part)
    base = Path(*literal) if literal else Path(".")
    return (base if base.is_absolute() else folder / base).resolve()


def _glob(folder: Path, pattern: str) -> List[Path]:
    if os.path.isabs(pattern):
        base = Path(pattern).anchor
        return sorted(Path(base).glob(str(Path(pattern).relative_to(base))))
    return sorted(folder.glob(pattern))


def _default_articles(folder: Path) -> List[Path]:
    """Every .txt/.md file under ``folder``, skipping hidden folders and sub-folders that
    hold their own facts file (a repo with one folder per story checks each story once)."""
    out = []
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__"
                         and not _holds_facts_file(root_path / d))
        for name in sorted(files):
            p = root_path / name
            if p.suffix.lower() in ARTICLE_SUFFIXES and not name.startswith(".") and not is_facts_file(p):
                out.append(p)
    return out


def _holds_facts_file(folder: Path) -> bool:
    try:
        return any(is_facts_file(p) for p in folder.iterdir() if p.is_file())
    except OSError:
        return False


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()


def discover_articles(facts_file: FactsFile) -> List[Tuple[str, Path, SourceMeta]]:
    """(path as shown in node ids, absolute path, metadata from ``sources``) per article, sorted."""
    return [(display, path, facts_file.sources.get(display, SourceMeta()))
            for display, path in (facts_file.article_paths or _article_paths(facts_file)).items()]
