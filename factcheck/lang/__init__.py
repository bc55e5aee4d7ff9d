"""Language knowledge, kept as data: one folder per language, one YAML file per topic.

Every ``*.yaml`` file in ``factcheck/lang/<code>/`` (sub-folders such as ``corpus/`` hold
examples, not lexicon data, and are not read) is one *topic*; together they make the
language's lexicon. ``schema.yaml`` beside this module declares every key a topic file may
hold: the file it belongs in, the type of its value and what it is for. A language folder is
validated when it is loaded, so a mistake in it is an error that names the file and the key,
never a feature that silently stops working:

- a key the schema does not declare (``date_mnths``: "did you mean 'date_months'?"),
- a key in another topic's file than the schema's,
- a value of the wrong type (a bare ``on`` that YAML 1.1 would read as ``true`` is read as
  the word "on": only ``true``/``false`` are booleans here),
- a key defined twice (in one file or in two),
- a required key the language lacks.

``lexicon(lang)`` returns a read-only mapping. Reading a key the schema does not declare (a
typo in code) raises ``LexiconError``; ``.get()`` of a declared optional key that the
language lacks gives ``None`` (or the default passed). Adding a language means adding a
folder, not code: ``load_lexicon(folder)`` validates any folder.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import yaml

LANG_DIR = Path(__file__).parent
SCHEMA_PATH = LANG_DIR / "schema.yaml"

#: The value types a schema entry may name (``a|b`` is either; ``null`` only inside a union).
TYPES = {
    "text": "a text",
    "texts": "a list of texts",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "mapping": "a mapping",
    "list": "a list",
    "any": "any value",
    "null": "nothing (null)",
}
#: Which strings of a value are words of the language (for tools and for the test that keeps
#: English out of the engine): ``all`` (default: keys and texts at every depth), ``keys`` (the
#: top-level keys of a mapping), ``values`` (the texts under the values, not the keys of any
#: mapping), ``none`` (identifiers, numbers, patterns).
VOCABULARY = ("all", "keys", "values", "none")
_ENTRY_FIELDS = {"type", "doc", "optional", "items", "keys", "values", "vocabulary"}


class LexiconError(ValueError):
    """A language folder, or the schema, is broken; or code asked for an undeclared key.

    ``problems`` lists every problem found (one line each), ``str()`` joins them.
    """

    def __init__(self, message: str, problems: Optional[List[str]] = None):
        super().__init__(message)
        self.problems = list(problems) if problems is not None else [message]


# --------------------------------------------------------------------------- YAML reading

class _Loader(yaml.SafeLoader):
    """Safe YAML with YAML 1.2 booleans (``true``/``false`` only) that notes duplicate keys.

    YAML 1.1 reads a bare ``on``, ``off``, ``yes``, ``no`` (and ``y``/``n`` in some readers)
    as booleans: in a word list that silently replaces the word by ``True``.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _construct_mapping(loader: "_Loader", node: yaml.MappingNode, deep: bool = False) -> Dict[Any, Any]:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            if key in seen:
                loader.duplicates.append((key, key_node.start_mark.line + 1))
            seen.add(key)
        except TypeError:       # an unhashable key: the constructor reports it
            pass
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _read_yaml(path: Path, where: str) -> Tuple[Any, Dict[Any, int], List[str]]:
    """The document in ``path``, the line of each top-level key, and its keys defined twice.

    Unreadable or invalid YAML is a ``LexiconError`` naming ``where`` and the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{where}: cannot read: {exc}") from None
    loader = _Loader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{where}{line}: not valid YAML: {problem}") from None
    finally:
        loader.dispose()
    lines: Dict[Any, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines.setdefault(key_node.value, key_node.start_mark.line + 1)
    twice = [f"{where}:{line}: key {key!r} is defined twice" for key, line in loader.duplicates]
    return data, lines, twice


# --------------------------------------------------------------------------- the schema

@dataclass(frozen=True)
class KeySpec:
    """What the schema says of one key."""

    key: str
    topic: str                      # the file it belongs in: lang/<code>/<topic>.yaml
    type: str                       # one of TYPES, or a union "a|b"
    doc: str                        # what it is for, one line
    optional: bool = False          # a language may leave it out
    items: Optional[str] = None     # lists: the type of each item
    keys: str = "text"              # mappings: the type of each key
    values: Optional[str] = None    # mappings: the type of each value
    vocabulary: str = "all"         # which of its strings are words of the language


def _describe(type_expr: str) -> str:
    return " or ".join(TYPES.get(t, t) for t in type_expr.split("|"))


def _valid_type(expr: Any, *, allow_null: bool = True) -> bool:
    if not isinstance(expr, str) or not expr:
        return False
    names = expr.split("|")
    return all(n in TYPES for n in names) and (allow_null or "null" not in names) and names != ["null"]


@lru_cache(maxsize=None)
def load_schema(path: Path = SCHEMA_PATH) -> Mapping[str, KeySpec]:
    """The declared keys, ``{key: KeySpec}``; a malformed schema is a ``LexiconError``."""
    where = "factcheck/lang/schema.yaml" if Path(path) == SCHEMA_PATH else str(path)
    data, _, twice = _read_yaml(Path(path), where)
    if twice:
        raise LexiconError("\n".join(twice), twice)
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, dict) or not topics:
        raise LexiconError(f"{where}: expected a 'topics:' mapping of topic -> keys")
    problems: List[str] = []
    specs: Dict[str, KeySpec] = {}
    for topic, entries in topics.items():
        if not isinstance(entries, dict):
            problems.append(f"{where}: topic {topic!r} must map keys to their entries")
            continue
        for key, entry in entries.items():
            name = f"{where}: {topic}.{key}"
            if not isinstance(entry, dict):
                problems.append(f"{name}: expected a mapping with 'type' and 'doc'")
                continue
            if key in specs:
                problems.append(f"{name}: already declared under topic {specs[key].topic!r}")
                continue
            extra = set(entry) - _ENTRY_FIELDS
            if extra:
                problems.append(f"{name}: unknown field(s) {sorted(extra)} (known: {sorted(_ENTRY_FIELDS)})")
            if not _valid_type(entry.get("type"), allow_null=False):
                problems.append(f"{name}: type {entry.get('type')!r} is none of {sorted(TYPES)}")
            for field in ("items", "keys", "values"):
                if field in entry and not _valid_type(entry[field]):
                    problems.append(f"{name}: {field} {entry[field]!r} is none of {sorted(TYPES)}")
            if not isinstance(entry.get("doc"), str) or not entry["doc"].strip():
                problems.append(f"{name}: needs a one-line 'doc'")
            if entry.get("vocabulary", "all") not in VOCABULARY:
                problems.append(f"{name}: vocabulary {entry.get('vocabulary')!r} is none of {list(VOCABULARY)}")
            if not isinstance(entry.get("optional", False), bool):
                problems.append(f"{name}: optional must be true or false")
            specs[key] = KeySpec(key=str(key), topic=str(topic), type=str(entry.get("type")),
                                 doc=str(entry.get("doc") or "").strip(), optional=bool(entry.get("optional", False)),
                                 items=entry.get("items"), keys=entry.get("keys", "text"),
                                 values=entry.get("values"), vocabulary=entry.get("vocabulary", "all"))
    if problems:
        raise LexiconError("\n".join(problems), problems)
    return _Frozen(specs)


class _Frozen(Mapping):
    """A read-only dict."""

    def __init__(self, data: Mapping):
        self._data = dict(data)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def __repr__(self):
        return f"{type(self).__name__}({len(self._data)} keys)"


# --------------------------------------------------------------------------- type checks

def _is(value: Any, name: str) -> bool:
    if name == "any":
        return True
    if name == "null":
        return value is None
    if name == "text":
        return isinstance(value, str)
    if name == "texts":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "bool":
        return isinstance(value, bool)
    if name == "mapping":
        return isinstance(value, dict)
    if name == "list":
        return isinstance(value, list)
    return False


def _what(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"


def _type_problems(value: Any, expr: str, path: str) -> List[str]:
    """Why ``value`` (found at ``path``) is not of the type ``expr`` (empty when it is)."""
    names = expr.split("|")
    if any(_is(value, n) for n in names):
        return []
    if "texts" in names and isinstance(value, list):      # point at the offending items
        return [f"{path}[{i}] must be a text, not {_what(v)}" for i, v in enumerate(value) if not isinstance(v, str)]
    return [f"{path} must be {_describe(expr)}, not {_what(value)}"]


def _value_problems(spec: KeySpec, value: Any) -> List[str]:
    path = repr(spec.key)
    problems = _type_problems(value, spec.type, path)
    if problems:
        return problems
    if spec.type == "list" and spec.items:
        for i, item in enumerate(value):
            problems += _type_problems(item, spec.items, f"{path}[{i}]")
    if spec.type == "mapping":
        for k, v in value.items():
            problems += [p.replace(" must be ", " (a key) must be ", 1)
                         for p in _type_problems(k, spec.keys, f"{path}[{k!r}]")]
            if spec.values:
                problems += _type_problems(v, spec.values, f"{path}[{k!r}]")
    return problems


# --------------------------------------------------------------------------- the lexicon

def _display(path: Path) -> str:
    """``lang/<code>/<file>.yaml``: how messages name a language file."""
    path = Path(path)
    return f"lang/{path.parent.name}/{path.name}"


class Lexicon(Mapping):
    """One language's lexicon: a read-only mapping of the keys its files define.

    ``lex[key]`` and ``lex.get(key)`` of a key the schema does not declare raise
    ``LexiconError``; ``lex.get(key)`` of a declared key the language lacks (only optional
    keys can be missing) gives ``None`` or the default. The values are the YAML's own lists
    and dicts, shared by every caller: read them, never change them.
    """

    def __init__(self, lang: str, folder: Path, data: Dict[str, Any], sources: Dict[str, str],
                 schema: Mapping[str, KeySpec]):
        self.lang = lang
        self.folder = folder
        self.schema = schema
        self._data = data
        self._sources = sources

    def _declared(self, key: Any) -> KeySpec:
        spec = self.schema.get(key) if isinstance(key, str) else None
        if spec is None:
            raise LexiconError(f"lexicon {self.lang!r}: {key!r} is no key of the schema"
                               f"{_did_you_mean(key, self.schema)} (keys are declared in factcheck/lang/schema.yaml)")
        return spec

    def __getitem__(self, key: str) -> Any:
        spec = self._declared(key)
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(f"{key!r}: optional, and lang/{self.folder.name}/{spec.topic}.yaml does not define it") from None

    def get(self, key: str, default: Any = None) -> Any:
        self._declared(key)
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._declared(key)
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    # Identity, not value, comparison: a lexicon is loaded once per language and cached.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def source(self, key: str) -> str:
        """The file that defines ``key``: ``lang/en/dates.yaml``."""
        spec = self._declared(key)
        return self._sources.get(key, f"lang/{self.folder.name}/{spec.topic}.yaml")

    def __repr__(self) -> str:
        return f"<Lexicon {self.lang!r}: {len(self._data)} keys from {self.folder}>"


def _did_you_mean(key: Any, schema: Mapping[str, KeySpec]) -> str:
    close = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load_lexicon(folder: Path, schema: Optional[Mapping[str, KeySpec]] = None) -> Lexicon:
    """Read and validate every ``*.yaml`` file of a language folder (not cached).

    Every problem of the folder is collected; if there is any, one ``LexiconError`` lists
    them all, each naming ``lang/<code>/<file>.yaml`` (with its line) and the key.
    """
    folder = Path(folder)
    schema = load_schema() if schema is None else schema
    if not folder.is_dir():
        raise LexiconError(f"no language data for {folder.name!r} (looked in {folder})")
    code = folder.name
    data: Dict[str, Any] = {}
    sources: Dict[str, str] = {}
    problems: List[str] = []
    seen = set()                    # every declared key met, in its file or not
    unread = set()                  # topics whose file is no valid YAML
    topics = {spec.topic for spec in schema.values()}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise LexiconError(f"lang/{code}/: no *.yaml topic files in {folder}")
    for path in files:
        where = _display(path)
        try:
            content, lines, twice = _read_yaml(path, where)
        except LexiconError as exc:
            problems += exc.problems
            unread.add(path.stem)        # what it holds is unknown: no "missing key" for its topic
            continue
        problems += twice
        if content is None:
            content = {}
        if not isinstance(content, dict):
            problems.append(f"{where}: must be a mapping of keys to values, not {_what(content)}")
            continue
        if path.stem not in topics:
            problems.append(f"{where}: {path.stem!r} is no topic of the schema"
                            f"{_did_you_mean(path.stem, {t: None for t in topics})}; topics: {', '.join(sorted(topics))}")
        for key, value in content.items():
            at = f"{where}:{lines[key]}" if key in lines else where
            spec = schema.get(key) if isinstance(key, str) else None
            if spec is None:
                problems.append(f"{at}: unknown key {key!r}{_did_you_mean(key, schema)}")
                continue
            seen.add(key)
            if spec.topic != path.stem:
                problems.append(f"{at}: key {key!r} belongs in lang/{code}/{spec.topic}.yaml, not {path.name}")
                continue
            if key in data:
                problems.append(f"{at}: key {key!r} is already defined by {sources[key]}")
                continue
            problems += [f"{at}: {p}" for p in _value_problems(spec, value)]
            data[key] = value
            sources[key] = where
    for key, spec in schema.items():
        if not spec.optional and key not in seen and spec.topic not in unread:
            problems.append(f"lang/{code}/{spec.topic}.yaml: missing required key {key!r} ({spec.doc})")
    if problems:
        head = f"language data {code!r} ({folder}) has {len(problems)} problem{'s' if len(problems) > 1 else ''}:"
        raise LexiconError("\n".join([head] + [f"  {p}" for p in problems]), problems)
    return Lexicon(code, folder, data, sources, schema)


@lru_cache(maxsize=None)
def lexicon(lang: str = "en") -> Lexicon:
    """The validated lexicon of ``factcheck/lang/<lang>/`` (cached: loaded once per process)."""
    return load_lexicon(LANG_DIR / lang)
