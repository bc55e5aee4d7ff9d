"""The JSON Schema of facts.yaml (factcheck/schemas/facts.schema.json), shipped for editors'
YAML tooling: it accepts the repository's facts files, rejects what the loader rejects, and
names exactly the loader's keys and values, so the two cannot drift apart.

YAML is read the way editors' YAML tooling reads it (YAML 1.2: an unquoted 2024-10-21 is a
string, not a date), which is what the schema is checked against there."""
import importlib.util
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from factcheck import facts as F
from factcheck.claims.zones import ZONES
from factcheck.verdict import SEVERITIES

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads(resources.files("factcheck").joinpath("schemas/facts.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
FACT = SCHEMA["definitions"]["fact"]


class _EditorLoader(yaml.SafeLoader):
    """Timestamps stay text, as in YAML 1.2 (and in editors)."""


_EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def schema_errors(text: str):
    return [e.message for e in VALIDATOR.iter_errors(yaml.load(text, Loader=_EditorLoader))]  # noqa: S506


def loader_accepts(folder: Path, text: str) -> bool:
    (folder / "facts.yaml").write_text(text, encoding="utf-8")
    try:
        F.load_facts(folder / "facts.yaml", folder)
    except F.FactsError:
        return False
    return True


@pytest.fixture
def story(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nAbout 1,500 troops arrived on Monday.\n", encoding="utf-8")
    return tmp_path


def test_the_schema_is_a_valid_draft_07_schema_shipped_in_the_package():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"


def enums(schema):
    """Every enum list in a property's schema (its alternatives and list items)."""
    found = [schema["enum"]] if "enum" in schema else []
    for sub in schema.get("anyOf", []) + ([schema["items"]] if isinstance(schema.get("items"), dict) else []):
        found += enums(sub)
    return found


def test_the_schema_names_exactly_the_loaders_keys_and_values():
    assert tuple(SCHEMA["properties"]) == F.TOP_KEYS
    assert tuple(FACT["properties"]) == F.FACT_KEYS
    sources = SCHEMA["properties"]["sources"]["additionalProperties"]["properties"]
    assert tuple(sources) == F.SOURCE_KEYS
    props = FACT["properties"]
    assert enums(props["qualifier"]) == [list(F.QUALIFIERS)]
    assert enums(props["moves"]) == [list(F.MOVES)]
    assert enums(props["change"]) == [list(F.CHANGES)]
    assert enums(props["severity"]) == [list(SEVERITIES)]
    assert enums(props["zones"]) == [list(ZONES), list(ZONES)]     # one zone, or a list of them
    assert props["id"]["anyOf"][0]["pattern"] == F.FACT_ID.pattern
    assert props["id"]["anyOf"][0]["not"]["enum"] == list(F.RESERVED_IDS)
    assert SCHEMA["properties"]["accept"]["propertyNames"]["pattern"] == F.FINDING_ID.pattern
    assert [branch["required"] for branch in FACT["oneOf"]] == [[k] for k in F.VALUE_KEYS]
    for branch in FACT["oneOf"]:        # keys for one kind of fact are refused with another
        (value_key,) = branch["required"]
        refused = {k for k, v in branch["properties"].items() if v is False}
        assert {k for k, v in branch["properties"].items() if v == {"type": "null"}} == set(F.VALUE_KEYS) - {value_key}
        assert refused == {k for k, needs in F.KEYS_FOR_VALUE.items() if needs != value_key}


def test_the_shipped_schema_is_what_the_generator_writes():
    """facts.py's keys and values change; the schema follows by re-running the generator."""
    spec = importlib.util.spec_from_file_location("make_facts_schema", ROOT / "tests" / "data" / "make_facts_schema.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)       # its own asserts name a key facts.py added or dropped
    shipped = resources.files("factcheck").joinpath("schemas/facts.schema.json").read_text(encoding="utf-8")
    assert shipped == generator.text_of(generator.schema), "run: python3 tests/data/make_facts_schema.py"


def test_every_key_has_a_description_for_completion_hints():
    for properties in (SCHEMA["properties"], FACT["properties"],
                       SCHEMA["properties"]["sources"]["additionalProperties"]["properties"]):
        for key, sub in properties.items():
            assert sub.get("description", "").strip(), key


@pytest.mark.parametrize("path", [ROOT / "facts.yaml", *sorted((ROOT / "benchmarks" / "dev").glob("*/facts.yaml"))],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_repositorys_facts_files_validate(path):
    assert schema_errors(path.read_text(encoding="utf-8")) == []


VALID = {
    "an empty mapping": "{}\n",
    "an empty value key beside the value": "facts:\n  - id: n\n    number: 5\n    date:\n",
    "cross-source only": "cross_source: true\n",
    "number words and a unit": "facts:\n  - id: cost\n    number: $2.5bn\n",
    "a range": "facts:\n  - id: dead\n    number: [8, 13]\n    qualifier: about\n    moves: up\n",
    "a qualifier in capitals": "facts:\n  - id: n\n    number: 5\n    qualifier: More  than\n",
    "a date range": "facts:\n  - id: window\n    date: 2024-10-08/2024-10-13\n",
    "a year as a number": "facts:\n  - id: year\n    date: 2024\n",
    "zones as one text": "facts:\n  - id: boss\n    name: Mark Rutte\n    zones: caption\n    age: 57\n",
    "a date-time with a zone": "published: 2024-10-21T09:30:00+09:00\nfacts:\n  - id: n\n    number: 5\n"
                               "    as_of: 2024-10-21 10:00\n",
    "sources and accept": "sources:\n  a.txt: {outlet: AFP, published: 2024-10-21}\n"
                          "accept:\n  deaths-disagreement: still counting\n",
    "known": "facts:\n  - id: n\n    number: 1500\n    known:\n      a.txt: a typo\n",
    "a warning fact": "facts:\n  - id: n\n    date: 2024-10-21\n    severity: warning\n",
}

BROKEN = {
    "an empty file": "",
    "an unknown top key": "fact:\n  - id: n\n    number: 5\n",
    "an unknown fact key": "facts:\n  - id: n\n    number: 5\n    qualifer: about\n",
    "no id": "facts:\n  - number: 5\n",
    "an id with a space": "facts:\n  - id: special forces\n    number: 5\n",
    "a reserved id": "facts:\n  - id: cross-source\n    number: 5\n",
    "no value": "facts:\n  - id: n\n    context: [troops]\n",
    "two values": "facts:\n  - id: n\n    number: 5\n    name: Ann Lee\n",
    "a null value only": "facts:\n  - id: n\n    number:\n",
    "a qualifier on a name": "facts:\n  - id: n\n    name: Ann Lee\n    qualifier: about\n",
    "aliases on a number": "facts:\n  - id: n\n    number: 5\n    aliases: [five]\n",
    "an unknown qualifier": "facts:\n  - id: n\n    number: 5\n    qualifier: roughly\n",
    "an unknown move": "facts:\n  - id: n\n    number: 5\n    moves: sideways\n",
    "an unknown change": "facts:\n  - id: n\n    number: 5\n    change: either\n",
    "an unknown zone": "facts:\n  - id: n\n    number: 5\n    zones: [headline, sidebar]\n",
    "a month 13": "facts:\n  - id: d\n    date: 2024-13-01\n",
    "a date in words": "facts:\n  - id: d\n    date: October 21\n",
    "an age of 200": "facts:\n  - id: p\n    name: Ann Lee\n    age: 200\n",
    "an age in words": "facts:\n  - id: p\n    name: Ann Lee\n    age: sixty\n",
    "an unknown severity": "facts:\n  - id: n\n    number: 5\n    severity: fatal\n",
    "a range of three": "facts:\n  - id: n\n    number: [1, 2, 3]\n",
    "a boolean number": "facts:\n  - id: n\n    number: true\n",
    "facts as a mapping": "facts:\n  n: 5\n",
    "cross_source as text": "cross_source: yes please\n",
    "published in words": "published: last Monday\n",
    "a bad as_of": "facts:\n  - id: n\n    number: 5\n    as_of: soon\n",
    "an unknown source key": "sources:\n  a.txt: {outlet: AFP, author: Kim}\n",
    "a source that is text": "sources:\n  a.txt: AFP\n",
    "a known without reason": "facts:\n  - id: n\n    number: 5\n    known:\n      a.txt: ''\n",
    "an accept id in capitals": "accept:\n  Deaths-Disagreement: still counting\n",
    "an accept without reason": "accept:\n  deaths-disagreement: ''\n",
    "an empty context list": "facts:\n  - id: n\n    number: 5\n    context: []\n",
    "a list as the file": "- id: n\n  number: 5\n",
}


@pytest.mark.parametrize("text", VALID.values(), ids=VALID.keys())
def test_what_the_loader_accepts_the_schema_accepts(story, text):
    assert loader_accepts(story, text)
    assert schema_errors(text) == []


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_what_the_loader_rejects_the_schema_rejects(story, text):
    assert not loader_accepts(story, text)
    assert schema_errors(text)


# A fact built from the keys whose values the schema fully describes; the loader's and the
# schema's verdicts must agree on every one. (Outside this: number words, day-of-month
# lengths, START before END and article paths are only the loader's to check.)
_ids = st.one_of(st.sampled_from([*F.RESERVED_IDS, "n", "a.b_c-1"]),
                 st.text(alphabet="ab1-_.:[ /", min_size=0, max_size=6).filter(lambda s: s == s.strip()))
_dates = st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.integers(1000, 9999), st.integers(1, 14),
                   st.integers(1, 28))    # month 00: see the xfail below
_optional = {
    "qualifier": st.sampled_from([*F.QUALIFIERS, "ABOUT", "more  than", "roughly", "", "at-least"]),
    "moves": st.sampled_from([*F.MOVES, "sideways", "Up"]),
    "change": st.sampled_from([*F.CHANGES, "either"]),
    "severity": st.sampled_from([*SEVERITIES, "fatal", "Warning"]),
    "zones": st.one_of(st.sampled_from([*ZONES, "sidebar"]), st.lists(st.sampled_from([*ZONES, "sidebar"]), max_size=3)),
    "age": st.one_of(st.integers(-3, 133), st.booleans(), st.just("66")),
    "aliases": st.lists(st.sampled_from(["Ann", "A. Lee"]), max_size=2),
    "of": st.one_of(st.just("troops"), st.lists(st.just("soldiers"), max_size=2)),
}


@st.composite
def _facts(draw):
    fact = {"id": draw(_ids)}
    values = draw(st.lists(st.sampled_from(F.VALUE_KEYS), min_size=0, max_size=2, unique=True))
    for key in values:
        fact[key] = {"number": 1500, "date": draw(_dates), "name": "Ann Lee"}[key]
    for key in draw(st.lists(st.sampled_from(sorted(_optional)), max_size=3, unique=True)):
        fact[key] = draw(st.one_of(st.none(), _optional[key]))
    top = {"facts": [fact]}
    if draw(st.booleans()):
        top["cross_source"] = draw(st.sampled_from([True, False, None, "yes please"]))
    return top


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_facts())
def test_the_schema_and_the_loader_agree_on_generated_facts(story, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    assert loader_accepts(story, text) == (schema_errors(text) == []), text


def test_month_00_is_no_date(story):
    text = "facts:\n  - id: d\n    date: 2024-00-10\n"
    assert schema_errors(text)
    assert not loader_accepts(story, text)
