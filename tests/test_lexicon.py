"""The typed language loader (factcheck/lang): the schema, the checks at load, and two scans of
the engine's code -- every lexicon key it reads is declared, and it holds no English words."""
from __future__ import annotations

import ast
import re
import shutil
import typing
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest
import yaml

from factcheck.lang import LANG_DIR, Lexicon, LexiconError, lexicon, load_lexicon, load_schema
from factcheck.lang import _Loader as _YAML  # the loader's own YAML reading (on/off stay words)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "factcheck"
EN = LANG_DIR / "en"


# --------------------------------------------------------------------------- the English data

def test_english_loads_and_every_key_is_declared():
    lex = lexicon("en")
    schema = load_schema()
    assert isinstance(lex, Lexicon) and lex is lexicon("en")          # cached
    on_disk = {key: path.stem for path in EN.glob("*.yaml")
               for key in (yaml.safe_load(path.read_text(encoding="utf-8")) or {})}
    assert set(on_disk) == set(lex), "every key of lang/en/*.yaml is in the lexicon"
    assert {k: schema[k].topic for k in on_disk} == on_disk, "every key sits in its topic's file"
    assert all(k in lex for k, spec in schema.items() if not spec.optional)


def test_schema_entries_are_complete():
    schema = load_schema()
    topics = {spec.topic for spec in schema.values()}
    assert topics == {p.stem for p in EN.glob("*.yaml")}, "one schema topic per English file"
    for key, spec in schema.items():
        assert spec.doc and "\n" not in spec.doc, key
        assert len(spec.doc) <= 200, f"{key}: the doc is one line"


def test_yaml_1_1_booleans_are_words():
    """A bare on/off/yes/no is the word, not a boolean (YAML 1.1 would read True/False)."""
    lex = lexicon("en")
    assert "on" in lex["match_noun_phrase_breakers"]
    assert {"on", "off", "no", "yes"} <= {w.lower() for w in lex["person_not_name_words"]}
    assert lex["number_half_needs_qualifier"] is True


def test_the_lexicon_is_read_only_and_rejects_undeclared_keys():
    lex = lexicon("en")
    with pytest.raises(TypeError):
        lex["months"] = {}                              # type: ignore[index]
    with pytest.raises(LexiconError, match=r"'date_mnths' is no key of the schema.*did you mean 'date_units'"):
        lex.get("date_mnths")
    with pytest.raises(LexiconError, match="did you mean 'cross_stopwords'"):
        lex["cross_stopword"]
    with pytest.raises(LexiconError):
        "cross_stopword" in lex                         # noqa: B015
    assert lex.source("months") == "lang/en/dates.yaml"


# --------------------------------------------------------------------------- mistakes in a language folder

def _copy_en(tmp_path: Path, code: str = "xx") -> Path:
    folder = tmp_path / code
    folder.mkdir()
    for path in EN.glob("*.yaml"):              # not corpus/: examples, not lexicon data
        shutil.copy(path, folder / path.name)
    return folder


def _rewrite(folder: Path, topic: str, change=None, *, drop=(), append: str = "") -> Path:
    """Rewrite lang/<folder>/<topic>.yaml: ``change(data)`` edits its data in place, ``drop``
    removes keys, ``append`` is raw YAML added at the end (where a mistake is easiest to write)."""
    path = folder / f"{topic}.yaml"
    loader = _YAML(path.read_text(encoding="utf-8"))
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    for key in drop:
        del data[key]
    if change is not None:
        change(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text + append, encoding="utf-8")
    return path


def _problems(folder: Path) -> List[str]:
    with pytest.raises(LexiconError) as info:
        load_lexicon(folder)
    assert str(info.value).startswith(f"language data {folder.name!r}")
    return info.value.problems


def _line_of(path: Path, start: str) -> int:
    return max(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def _doc(key: str) -> str:
    return load_schema()[key].doc


def test_a_copy_of_english_loads(tmp_path):
    folder = _copy_en(tmp_path)
    for path in folder.glob("*.yaml"):           # also once written out again by a YAML writer
        _rewrite(folder, path.stem)
    lex = load_lexicon(folder)
    assert lex.lang == "xx" and dict(lex) == dict(lexicon("en"))


def test_an_unknown_key_says_what_was_meant(tmp_path):
    folder = _copy_en(tmp_path)
    path = _rewrite(folder, "cross", drop=["cross_stem_length"], append="cross_stem_lenght: 5\n")
    assert _problems(folder) == [
        f"lang/xx/cross.yaml:{_line_of(path, 'cross_stem_lenght')}: unknown key 'cross_stem_lenght' "
        f"(did you mean 'cross_stem_length'?)",
        f"lang/xx/cross.yaml: missing required key 'cross_stem_length' ({_doc('cross_stem_length')})",
    ]


def test_a_key_in_the_wrong_file(tmp_path):
    folder = _copy_en(tmp_path)
    _rewrite(folder, "cross", drop=["cross_max_age"])
    path = _rewrite(folder, "dates", append="cross_max_age: 125\n")
    assert _problems(folder) == [f"lang/xx/dates.yaml:{_line_of(path, 'cross_max_age')}: key 'cross_max_age' "
                                 f"belongs in lang/xx/cross.yaml, not dates.yaml"]


def _set(key, value):
    return lambda data: data.__setitem__(key, value)


@pytest.mark.parametrize("topic, change, expected", [
    ("cross", _set("cross_stem_length", "five"), "'cross_stem_length' must be an integer, not the text 'five'"),
    ("cross", _set("cross_stem_length", 5.5), "'cross_stem_length' must be an integer, not the number 5.5"),
    ("cross", _set("cross_age_words", ["aged", 7]), "'cross_age_words'[1] must be a text, not the number 7"),
    ("cross", _set("cross_age_words", "aged"), "'cross_age_words' must be a list of texts, not the text 'aged'"),
    ("cross", _set("cross_age_words", ["aged", True]), "'cross_age_words'[1] must be a text, not the boolean true"),
    ("cross", _set("cross_age_words", {"aged": 1}), "'cross_age_words' must be a list of texts, not a dict"),
    ("cross", _set("cross_noun_groups", [["troops"], "vehicles"]),
     "'cross_noun_groups'[1] must be a list of texts, not the text 'vehicles'"),
    ("dates", lambda d: d["months"].__setitem__("january", "first"),
     "'months'['january'] must be an integer, not the text 'first'"),
    ("dates", lambda d: d["months"].__setitem__(13, 1), "'months'[13] (a key) must be a text, not the number 13"),
    ("dates", lambda d: d["date_counts"].__setitem__("several", "lots"),
     "'date_counts'['several'] must be an integer or nothing (null), not the text 'lots'"),
    ("numbers", _set("number_half_needs_qualifier", "yes"),
     "'number_half_needs_qualifier' must be true or false, not the text 'yes'"),
], ids=lambda v: v if isinstance(v, str) and " " not in v else None)
def test_a_value_of_the_wrong_type(tmp_path, topic, change, expected):
    folder = _copy_en(tmp_path)
    _rewrite(folder, topic, change)
    (problem,) = _problems(folder)
    assert re.match(rf"lang/xx/{topic}\.yaml:\d+: ", problem) and problem.endswith(expected), problem


def test_a_missing_required_key(tmp_path):
    folder = _copy_en(tmp_path)
    _rewrite(folder, "dates", drop=["date_cue_window"])
    assert _problems(folder) == [f"lang/xx/dates.yaml: missing required key 'date_cue_window' ({_doc('date_cue_window')})"]


def test_a_missing_optional_key_reads_as_none(tmp_path):
    folder = _copy_en(tmp_path)
    assert load_schema()["cross_age_after_words"].optional
    _rewrite(folder, "cross", drop=["cross_age_after_words"])
    lex = load_lexicon(folder)
    assert lex.get("cross_age_after_words") is None and lex.get("cross_age_after_words", ()) == ()
    assert "cross_age_after_words" not in lex
    with pytest.raises(KeyError, match="lang/xx/cross.yaml does not define it"):
        lex["cross_age_after_words"]


def test_a_key_defined_twice(tmp_path):
    folder = _copy_en(tmp_path)
    path = _rewrite(folder, "cross", append="cross_max_age: 120\n")
    assert _problems(folder) == [f"lang/xx/cross.yaml:{_line_of(path, 'cross_max_age')}: key 'cross_max_age' "
                                 f"is defined twice"]
    _rewrite(folder, "zones", append="cross_max_age: 125\n")
    assert _problems(folder)[-1].endswith("key 'cross_max_age' belongs in lang/xx/cross.yaml, not zones.yaml")
    folder = _copy_en(tmp_path, "yy")
    path = _rewrite(folder, "dates", drop=["weekdays"], append="weekdays:\n  monday: 0\n  monday: 1\n")
    assert _problems(folder) == [f"lang/yy/dates.yaml:{_line_of(path, '  monday')}: key 'monday' is defined twice"]


def test_broken_yaml_names_the_file_and_line(tmp_path):
    folder = _copy_en(tmp_path)
    path = _rewrite(folder, "cross", drop=["cross_max_age"], append="cross_max_age: [125\n")
    (problem,) = _problems(folder)          # and no "missing" key of the file that did not parse
    assert re.fullmatch(r"lang/xx/cross\.yaml:(\d+): not valid YAML: .+", problem), problem
    assert int(problem.split(":")[1]) >= _line_of(path, "cross_max_age")


def test_a_file_that_is_no_topic(tmp_path):
    folder = _copy_en(tmp_path)
    (folder / "date.yaml").write_text("# nothing\n", encoding="utf-8")
    assert _problems(folder) == ["lang/xx/date.yaml: 'date' is no topic of the schema (did you mean 'dates'?); "
                                 "topics: " + ", ".join(sorted({s.topic for s in load_schema().values()}))]


def test_every_problem_is_reported_at_once(tmp_path):
    folder = _copy_en(tmp_path)
    _rewrite(folder, "cross", _set("cross_max_age", "old"))
    _rewrite(folder, "zones", drop=["zone_follow_words"], append="zone_folow_words: [follow]\n")
    problems = _problems(folder)
    assert [p.split(":")[0] for p in problems] == ["lang/xx/cross.yaml", "lang/xx/zones.yaml", "lang/xx/zones.yaml"]
    assert "did you mean 'zone_follow_words'?" in problems[1] and "missing required key 'zone_follow_words'" in problems[2]


def test_no_folder(tmp_path):
    with pytest.raises(LexiconError, match="no language data for 'zz'"):
        load_lexicon(tmp_path / "zz")
    with pytest.raises(LexiconError, match="no language data for 'zz'"):
        lexicon("zz")


def test_a_malformed_schema(tmp_path):
    path = tmp_path / "schema.yaml"
    path.write_text("topics:\n  cross:\n    cross_max_age: {type: integer, doc: x}\n"
                    "    cross_stem_length: {type: int}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_schema(path)
    assert len(info.value.problems) == 2
    assert "cross.cross_max_age: type 'integer' is none of" in info.value.problems[0]
    assert "cross.cross_stem_length: needs a one-line 'doc'" in info.value.problems[1]


# --------------------------------------------------------------------------- keys the code reads

class _KeyScan:
    """The lexicon keys one module reads, found in its AST.

    A key is read when a string constant reaches ``L[key]`` or ``L.get(key)`` where ``L`` is a
    lexicon: a call of ``lexicon(...)`` (or of a function that returns one, as ``_lex``), or a
    name bound to one in the scope or an enclosing scope. Keys also reach the read through
    helpers: a function or lambda whose parameter (or ``*keys``, or a parameter's default)
    is used as the key, or whose parameter is the lexicon itself (``_words(data, key)``), and
    ``for key in ("a", "b")`` loops. Anything else used as a key is reported as dynamic.
    """

    def __init__(self, tree: ast.Module):
        self.tree = tree
        self.functions: Dict[str, ast.AST] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, node)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.functions.setdefault(target.id, node.value)
        self.names = {id(fn): name for name, fn in self.functions.items()}
        self.lexicon_functions: Set[str] = {"lexicon", "load_lexicon"}
        # helper -> {(lexicon parameter index or None for its own lexicon, key parameter index,
        #             -(n + 1) for *keys from position n, or a constant key)}
        self.helpers: Dict[str, Set[Tuple[Optional[int], object]]] = defaultdict(set)
        self.reads: List[Tuple[str, int]] = []
        self.dynamic: List[int] = []

    def run(self) -> "_KeyScan":
        for _ in range(8):                      # helpers of helpers: to a fixpoint
            state = (set(self.lexicon_functions), {k: set(v) for k, v in self.helpers.items()})
            self.reads, self.dynamic = [], []
            self._scope(self.tree.body, None, frozenset(), {})
            if state == (self.lexicon_functions, {k: set(v) for k, v in self.helpers.items()}):
                break
        return self

    @staticmethod
    def _nodes(body):
        """The nodes of one scope: nested functions are yielded, not entered."""
        stack = list(body)
        while stack:
            node = stack.pop()
            yield node
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                stack.extend(ast.iter_child_nodes(node))

    @staticmethod
    def _params(fn) -> List[str]:
        return [a.arg for a in fn.args.posonlyargs + fn.args.args] if fn is not None else []

    def _param(self, node, fn) -> Optional[int]:
        params = self._params(fn)
        return params.index(node.id) if isinstance(node, ast.Name) and node.id in params else None

    def _is_lexicon(self, node, lex, fn):
        if isinstance(node, ast.Call):
            f = node.func
            return (f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)) in self.lexicon_functions
        if isinstance(node, ast.Name):
            if node.id in lex:
                return True
            if self._param(node, fn) is not None:
                return ("param", self._param(node, fn))
        return False

    def _scope(self, body, fn, outer_lex, outer_loops):
        shadowed = set(self._params(fn)) | ({fn.args.vararg.arg} if fn is not None and fn.args.vararg else set())
        lex = set(outer_lex) - shadowed
        loops = {k: v for k, v in outer_loops.items() if k not in shadowed}
        nodes = list(self._nodes(body))
        for node in nodes:
            if isinstance(node, ast.Assign) and self._is_lexicon(node.value, lex, fn) is True:
                lex.update(t.id for t in node.targets if isinstance(t, ast.Name))
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name):
                it = node.iter
                if isinstance(it, (ast.Tuple, ast.List, ast.Set)) and all(
                        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in it.elts):
                    loops[node.target.id] = [e.value for e in it.elts]
                elif isinstance(it, ast.Name) and fn is not None and fn.args.vararg and it.id == fn.args.vararg.arg:
                    loops[node.target.id] = ("*", len(self._params(fn)))
        name = self.names.get(id(fn))
        if name and (any(isinstance(n, ast.Return) and n.value is not None and self._is_lexicon(n.value, lex, fn) is True
                         for n in nodes) or (isinstance(fn, ast.Lambda) and self._is_lexicon(fn.body, lex, fn) is True)):
            self.lexicon_functions.add(name)
        for node in nodes:
            if isinstance(node, ast.Subscript):
                self._read(node.value, node.slice, node.lineno, lex, loops, fn)
            elif isinstance(node, ast.Call):
                if isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
                    self._read(node.func.value, node.args[0], node.lineno, lex, loops, fn)
                if isinstance(node.func, ast.Name) and node.func.id in self.helpers:
                    self._call(node, lex, loops, fn)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._scope(node.body, node, lex, loops)
            elif isinstance(node, ast.Lambda):
                self._scope([node.body], node, lex, loops)

    def _call(self, call, lex, loops, fn):
        helper = self.functions[call.func.id]
        args = list(call.args)
        params = self._params(helper)
        for kw in call.keywords:
            if kw.arg in params:
                i = params.index(kw.arg)
                args += [None] * (i + 1 - len(args))
                args[i] = kw.value
        for recv, key in self.helpers[call.func.id]:
            if isinstance(key, str):
                keys = [ast.Constant(key)]
            elif key < 0:
                keys = args[-key - 1:]
            else:
                keys = [args[key]] if key < len(args) and args[key] is not None else []
            for k in keys:
                if recv is None:
                    self._key(k, call.lineno, loops, fn)
                elif recv < len(args) and args[recv] is not None:
                    self._read(args[recv], k, call.lineno, lex, loops, fn)

    def _read(self, receiver, key, line, lex, loops, fn):
        kind = self._is_lexicon(receiver, lex, fn)
        if kind is True:
            self._key(key, line, loops, fn)
        elif kind and self.names.get(id(fn)):         # a parameter that may be a lexicon
            name = self.names[id(fn)]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self.helpers[name].add((kind[1], key.value))
            elif self._param(key, fn) is not None:
                self.helpers[name].add((kind[1], self._param(key, fn)))
            elif isinstance(key, ast.Name) and key.id in loops:
                for k in ([] if loops[key.id][0] == "*" else loops[key.id]):
                    self.helpers[name].add((kind[1], k))

    def _key(self, key, line, loops, fn):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            self.reads.append((key.value, line))
            return
        if isinstance(key, ast.Name) and key.id in loops:
            found = loops[key.id]
            if found[0] == "*":
                self.helpers[self.names[id(fn)]].add((None, -found[1] - 1))
            else:
                self.reads.extend((k, line) for k in found)
            return
        name = self.names.get(id(fn))
        i = self._param(key, fn)
        if name and i is not None:
            self.helpers[name].add((None, i))
            defaults = fn.args.defaults
            first_default = len(self._params(fn)) - len(defaults)
            if i >= first_default:
                default = defaults[i - first_default]
                if isinstance(default, ast.Constant) and isinstance(default.value, str):
                    self.reads.append((default.value, line))
            return
        if name and isinstance(key, ast.Name) and fn.args.vararg and key.id == fn.args.vararg.arg:
            self.helpers[name].add((None, -len(self._params(fn)) - 1))
            return
        self.dynamic.append(line)


@lru_cache(maxsize=None)
def _keys_read() -> Tuple[Dict[str, List[str]], List[str]]:
    """{key: ["factcheck/x.py:LINE", ...]} over the package, and the dynamic reads."""
    found: Dict[str, List[str]] = defaultdict(list)
    dynamic: List[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        scan = _KeyScan(ast.parse(path.read_text(encoding="utf-8"))).run()
        where = path.relative_to(ROOT).as_posix()
        for key, line in scan.reads:
            found[key].append(f"{where}:{line}")
        dynamic += [f"{where}:{line}" for line in scan.dynamic]
    return dict(found), dynamic


def test_every_key_the_code_reads_is_declared():
    found, _ = _keys_read()
    schema = load_schema()
    undeclared = {key: places for key, places in found.items() if key not in schema}
    assert not undeclared, "keys read in code but not declared in factcheck/lang/schema.yaml: " + "; ".join(
        f"{key!r} at {', '.join(places)}" for key, places in sorted(undeclared.items()))
    # The scan itself works: it sees nearly every declared key being read.
    assert len(set(found) & set(schema)) >= 0.9 * len(schema), sorted(set(schema) - set(found))


def test_lexicon_keys_are_literal_in_code():
    """A key computed at run time cannot be checked against the schema: write it out."""
    _, dynamic = _keys_read()
    assert not dynamic, f"lexicon read with a computed key at {', '.join(dynamic)}"


def test_the_key_scan_follows_helpers():
    source = '''
from factcheck.lang import lexicon
def _lex(lang):
    return lexicon(lang)
def words(lang, key="default_key"):
    return lexicon(lang).get(key) or ()
def pick(data, key):
    return data[key]
def many(lang, *keys):
    lex = _lex(lang)
    for key in keys:
        lex.get(key)
def use(lang):
    data = lexicon(lang)
    w = lambda key: pick(data, key)
    for key in ("looped_a", "looped_b"):
        data.get(key)
    return (data["direct_sub"], _lex(lang).get("via_lex"), words(lang, "via_helper"), w("via_lambda"),
            many(lang, "var_a", "var_b"), words(lang, key="by_keyword"), other.get("not_a_lexicon"))
'''
    scan = _KeyScan(ast.parse(source)).run()
    assert {k for k, _ in scan.reads} == {"default_key", "looped_a", "looped_b", "direct_sub", "via_lex",
                                          "via_helper", "via_lambda", "var_a", "var_b", "by_keyword"}
    assert not scan.dynamic


# --------------------------------------------------------------------------- no English in the engine

ENGINE = sorted({*PACKAGE.glob("extract/*.py"), *PACKAGE.glob("claims/*.py"), *PACKAGE.glob("check/**/*.py")})
_WORD = re.compile(r"[^\W\d_]+")
_REGEX_NAMES = re.compile(r"\(\?P?<[A-Za-z_]\w*>|\(\?P=[A-Za-z_]\w*\)|\\[A-Za-z]")


def _leaves(value):
    """The texts of a value that are list items or mapping values, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, dict)):
        for v in (value.values() if isinstance(value, dict) else value):
            yield from _leaves(v)


def _mapping_keys(value):
    """The keys of every mapping in a value, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _mapping_keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _mapping_keys(v)


@lru_cache(maxsize=None)
def _vocabulary() -> Tuple[Dict[str, str], frozenset]:
    """(English word of three or more letters -> a key that lists it, the data's identifiers).

    Words come from what the schema calls vocabulary. Identifiers are the schema's keys and the
    strings the data uses as names (the classes of match_qualifier_classes, the fields of
    measures, the canonical units of date_units, zone_limits' names, ...): a constant in code
    that is exactly one of them refers to the data, it is no English in the code.
    """
    schema, lex = load_schema(), lexicon("en")
    words: Dict[str, str] = {}
    identifiers: Set[str] = set(schema)
    for key, value in lex.items():
        vocabulary = schema[key].vocabulary
        top = list(value) if isinstance(value, dict) else []
        if vocabulary == "all":
            texts = [*_leaves(value), *_mapping_keys(value)]
        elif vocabulary == "keys":
            texts = top
            identifiers.update(_leaves(value), set(_mapping_keys(value)) - set(top))
        elif vocabulary == "values":
            texts = list(_leaves(value))
            identifiers.update(_mapping_keys(value))
        else:
            texts = []
            identifiers.update(_leaves(value), _mapping_keys(value))
        for text in texts:
            for word in _WORD.findall(str(text)):
                if len(word) >= 3:
                    words.setdefault(word.casefold(), key)
    return words, frozenset(i for i in identifiers if isinstance(i, str))


def _program_names() -> frozenset:
    """Names of the pipeline's own things, which code must spell: mention kinds and zones."""
    from factcheck.claims.zones import ZONES
    from factcheck.mention import Kind
    return frozenset({*typing.get_args(Kind), *ZONES})


_GROUP_METHODS = {"group", "start", "end", "span", "groups"}


def _skipped(tree: ast.Module) -> Set[int]:
    """Docstrings; messages of raised exceptions and warnings (for developers, not text); the
    names of regular-expression groups (``m.group("left")``: identifiers)."""
    out: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in _GROUP_METHODS:
            out.update(id(a) for a in node.args if isinstance(a, ast.Constant))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
        if isinstance(node, ast.Raise) and node.exc is not None:
            out.update(id(n) for n in ast.walk(node.exc))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "warn":
            out.update(id(n) for n in ast.walk(node))
    return out


def _english_in(source: str) -> Dict[str, List[int]]:
    """{English word: [lines]}: the lexicon's words in one module's string constants."""
    words, identifiers = _vocabulary()
    exempt = identifiers | _program_names()
    tree = ast.parse(source)
    skipped = _skipped(tree)
    hits: Dict[str, List[int]] = defaultdict(list)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skipped:
            continue
        if node.value in exempt:
            continue
        text = _REGEX_NAMES.sub(" ", node.value)               # \s, \b, (?P<name> are no words
        for token in re.findall(r"\w+", text):                 # snake_case names are one token
            if token.isalpha() and len(token) >= 3 and token.casefold() in words:
                hits[token.casefold()].append(node.lineno)
    return dict(hits)


@lru_cache(maxsize=None)
def _english_in_engine() -> Dict[str, Dict[str, List[int]]]:
    """{module: {English word: [lines]}} over the engine modules."""
    found = {path.relative_to(ROOT).as_posix(): _english_in(path.read_text(encoding="utf-8")) for path in ENGINE}
    return {module: hits for module, hits in found.items() if hits}


# English words the engine modules still hold (to move into lang/en/*.yaml, issue 8). The list
# may only shrink: a word found that is not listed fails test_no_new_english_in_the_engine; a
# listed word no longer found fails it too (take it off the list); a module whose words are
# all gone XPASSes its strict xfail below (take the module off the list).
KNOWN_ENGLISH = {
    "factcheck/check/compare.py": "adds but date declared drops magnitude not number order says the was where which",
    "factcheck/check/cross/align.py": "report",
    "factcheck/check/cross/figures.py": (
        "agree date different figures line magnitude not old over report says sources time update"
    ),
    "factcheck/check/cross/names.py": "article line more one sources than the way within writes written",
    "factcheck/check/cross/within.py": "and article line one this two within",
    "factcheck/check/declared.py": (
        "agree and article before date declared either expected first for has held its "
        "missing not old one published relative report says sources the this under with"
    ),
    "factcheck/check/findings.py": "agreement",
    "factcheck/check/scope.py": "among error first ies its out the their",
    "factcheck/check/values.py": (
        "adds agree another declared different does drops first magnitude not one order says "
        "source that the was where with"
    ),
    "factcheck/claims/build.py": "about around own roughly some the",
    "factcheck/claims/events.py": "beginning cent early her his its mid old own per percent report the their",
    "factcheck/claims/measures.py": "from the them those whom",
    "factcheck/claims/time.py": "gmt utc",
    "factcheck/claims/zones.py": "agency",
    "factcheck/extract/dates.py": "after anchor and before between coming date day following from last later now past previous relative the this through till until",
    "factcheck/extract/numbers.py": "ten unit",
    "factcheck/extract/persons.py": "and are ash but for from into over the under via who whose with",
    "factcheck/extract/quantities.py": "and com edu gov http https net org through until url www",
    "factcheck/extract/units.py": "celsius centuries fahrenheit feet foot ies inch inches kilo percent unit",
}


def _report(found: Dict[str, Dict[str, List[int]]]) -> str:
    return "\n".join(f"  {module}: " + ", ".join(f"{w} ({':'.join(map(str, sorted(set(lines))[:4]))})"
                                                  for w, lines in sorted(hits.items()))
                     for module, hits in sorted(found.items()))


def test_no_new_english_in_the_engine():
    found = _english_in_engine()
    known = {module: set(words.split()) for module, words in KNOWN_ENGLISH.items()}
    new = {m: {w: lines for w, lines in hits.items() if w not in known.get(m, ())} for m, hits in found.items()}
    new = {m: hits for m, hits in new.items() if hits}
    gone = {m: sorted(words - set(found.get(m, {}))) for m, words in known.items()}
    gone = {m: words for m, words in gone.items() if words}
    assert not new, ("English words in engine modules (string constants, docstrings aside): move them to "
                     "factcheck/lang/en/*.yaml and read them through lexicon():\n" + _report(new))
    assert not gone, f"no longer found, take them off KNOWN_ENGLISH: {gone}"


@pytest.mark.parametrize("module", [
    pytest.param(module, marks=pytest.mark.xfail(strict=True, reason=f"known English words: {words}"))
    for module, words in sorted(KNOWN_ENGLISH.items())])
def test_engine_module_holds_no_english(module):
    found = _english_in_engine().get(module)
    assert not found, "English words in string constants:\n" + _report({module: found})


def test_the_english_scan():
    words, identifiers = _vocabulary()
    assert {"the", "said", "last", "next", "according"} <= set(words)
    assert {"months", "lower", "words", "conjunction", "headline_words", "day"} <= identifiers
    source = '''"""The module: the docstring may say anything."""
import re
DEICTIC = re.compile(r"\\b(?P<which>this|last)\\s+week\\b")    # English grammar in code
STOP = "according to"
def f(m, lex):
    """Said, last, next."""
    if m.kind == "date" and m.zone == "caption":       # program names
        return lex.get("months"), m.group("left"), "zone_caption_verbs", "headline_words"
    raise ValueError("the lexicon has no such key")
'''
    assert _english_in(source) == {"this": [3], "last": [3], "week": [3], "according": [4]}
