"""Write factcheck/schemas/facts.schema.json from factcheck.facts' keys and values and the
descriptions below: ``python3 tests/data/make_facts_schema.py`` after changing what facts.yaml
accepts (tests/test_facts_schema.py fails until the shipped schema is this script's output).
"""
import json
import sys
from pathlib import Path

from factcheck import facts as F
from factcheck.claims.zones import ZONES
from factcheck.verdict import SEVERITIES

DAY = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
PERIOD = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
MOMENT = rf"^\s*{DAY}(?:[T ]\d{{2}}(?::\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?(?:[Zz]|[+-]\d{{2}}(?::?\d{{2}})?)?)?\s*$"

def any_case(word):
    return "".join(r"\s+" if c == " " else f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)
QUALIFIER_ANY_CASE = r"^\s*(?:" + "|".join(any_case(q) for q in F.QUALIFIERS) + r")\s*$"
text = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]}
def texts(desc):
    return {"description": desc, "anyOf": [text, {"type": "array", "minItems": 1, "items": text}]}
def moment(desc):
    return {"description": desc, "type": "string", "pattern": MOMENT}

fact_props = {
    "id": {"description": "Names the fact and its tests (facts.yaml::<id>[<article>]): letters, digits, '-', '_' and '.'.",
           "anyOf": [{"type": "string", "pattern": F.FACT_ID.pattern, "not": {"enum": list(F.RESERVED_IDS)}},
                     {"type": "integer", "minimum": 0}]},
    "number": {"description": "The declared figure: 1500, \"1,500\", \"fifteen hundred\", \"1.5 thousand\", \"$2.5bn\" (sets the unit), or a range [8, 13].",
               "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"\S"},
                         {"type": "array", "minItems": 2, "maxItems": 2,
                          "items": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"\S"}]}}]},
    "qualifier": {"description": "How the figure is bounded (number facts only).",
                  # the enum completes; the pattern accepts what the loader also takes ("More than")
                  "anyOf": [{"enum": list(F.QUALIFIERS)}, {"type": "string", "pattern": QUALIFIER_ANY_CASE}]},
    "of": texts("What is counted, or the measure (\"killed\", \"injured\"): a text or a list (number facts only)."),
    "unit": {"description": "The unit or currency of an amount: km, USD, % (number facts only).", **text},
    "change": {"description": "The figure is a change in this direction (\"rose 3 %\" is up), not a level (number facts only).",
               "enum": list(F.CHANGES)},
    "context": texts("The mention's sentence must contain one of these words (case-insensitive, stems)."),
    "not": texts("Words whose sentence is about something else: a mention there does not bind the fact."),
    "zones": {"description": "Parts of the page the fact binds to (default headline and body; names also caption).",
              "anyOf": [{"enum": list(ZONES)}, {"type": "array", "minItems": 1, "items": {"enum": list(ZONES)}}]},
    "moves": {"description": "The figure may change while the story runs (up for tolls and totals); number facts only.",
              "enum": list(F.MOVES)},
    "as_of": moment("When the declared value held: YYYY-MM-DD or an ISO 8601 date-time."),
    "date": {"description": "The declared date: YYYY-MM-DD, YYYY-MM, YYYY or START/END.",
             "anyOf": [{"type": "string", "pattern": rf"^\s*{PERIOD}\s*(?:/\s*{PERIOD}\s*)?$"},
                       {"type": "integer", "minimum": 1000, "maximum": 9999}]},
    "name": {"description": "The person's name as declared: Georgy Zinoviev.", **text},
    "aliases": texts("Other accepted spellings of the name (the surname alone is always accepted); name facts only."),
    "age": {"description": "That person's age in years (\"Zinoviev, 66,\"); name facts only.",
            "type": "integer", "minimum": 0, "maximum": 130},
    "known": {"description": "Accepted discrepancies: article path (relative to this file) -> the reason. The test becomes a strict xfail.",
              "type": ["object", "null"], "additionalProperties": {"type": "string", "pattern": r"\S"}},
    "note": {"description": "Free text shown with a failure.", **text},
    "severity": {"description": "What a finding about this fact is: error fails its test, warning only reports it.",
                 "enum": list(SEVERITIES)},
}
assert tuple(fact_props) == F.FACT_KEYS, (tuple(fact_props), F.FACT_KEYS)


def nullable(schema):
    """A key left empty ("context:") reads as absent in the loader."""
    schema = dict(schema)
    description = schema.pop("description")
    if list(schema) == ["anyOf"]:
        return {"description": description, "anyOf": [{"type": "null"}, *schema["anyOf"]]}
    return {"description": description, "anyOf": [{"type": "null"}, schema]}


fact_props = {k: v if k in ("id", "known") else nullable(v) for k, v in fact_props.items()}
not_null = {"not": {"type": "null"}}
def branch(key):
    forbidden = {k: False for k, needs in F.KEYS_FOR_VALUE.items() if needs != key}
    others = {k: {"type": "null"} for k in F.VALUE_KEYS if k != key}   # "date:" left empty is no date
    return {"required": [key], "properties": {key: not_null, **others, **forbidden}}

source_props = {
    "published": moment("Publication date or date-time of the article (a naive time is read as UTC)."),
    "outlet": {"description": "Who published the article: AFP, Reuters.", **text},
    "title": {"description": "The article's headline.", **text},
    "url": {"description": "Where the article was published.", **text},
}
assert tuple(source_props) == F.SOURCE_KEYS
source_props = {k: nullable(v) for k, v in source_props.items()}
nullable_texts = lambda d: nullable(texts(d))  # noqa: E731
nullable_moment = lambda d: nullable(moment(d))  # noqa: E731
top = {
    "articles": nullable_texts("Globs of the articles, relative to this file (default: every .txt and .md file below it)."),
    "published": nullable_moment("Default publication date of every article: YYYY-MM-DD or an ISO 8601 date-time."),
    "sources": {"description": "Per-article metadata: article path (relative to this file, or its unambiguous tail) -> outlet, published, title, url.",
                "type": ["object", "null"],
                "additionalProperties": {"type": ["object", "null"], "additionalProperties": False,
                                         "properties": source_props}},
    "facts": {"description": "The declared facts: each an id and exactly one of number, date or name.",
              "type": ["array", "null"], "items": {"$ref": "#/definitions/fact"}},
    "cross_source": {"description": "Compare undeclared figures, dates and names across the articles (default true).",
                     "type": "boolean"},
    "accept": {"description": "Accepted cross-source findings: finding id (as the report prints it) -> the reason.",
               "type": ["object", "null"], "propertyNames": {"pattern": F.FINDING_ID.pattern},
               "additionalProperties": {"type": "string", "pattern": r"\S"}},
}
assert tuple(top) == F.TOP_KEYS
schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "factcheck facts.yaml",
    "description": "Facts declared about a story, checked against its articles by factcheck (pytest-factcheck).",
    "type": "object",
    "additionalProperties": False,
    "properties": top,
    "definitions": {"fact": {
        "description": "One declared fact: an id and exactly one of number, date or name.",
        "type": "object", "additionalProperties": False, "required": ["id"],
        "properties": fact_props,
        "oneOf": [branch(k) for k in F.VALUE_KEYS],
    }},
}
SHIPPED = Path(__file__).resolve().parents[2] / "factcheck" / "schemas" / "facts.schema.json"


def text_of(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED
    out.write_text(text_of(schema), encoding="utf-8")
