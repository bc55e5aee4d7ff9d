"""facts.yaml loading: the issue's format accepted as written, lines kept, every mistake a
``facts.yaml:LINE: message`` error, and article discovery."""
import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.facts import FactsError, SourceMeta, discover_articles, load_facts

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

# The example of the issue, verbatim (only the "#" comments trimmed).
ISSUE_EXAMPLE = """\
articles: [seeds/*.txt]
published: 2024-10-21
sources:
  003_55edb76f28711d65.txt: {outlet: Reuters, published: 2024-10-21}
facts:
  - id: special-forces-in-russia
    number: 1500
    qualifier: about
    of: [soldiers, troops]
    unit: km
    context: [North Korea]
  - id: ambassador-summoned
    date: 2024-10-21
    context: [summoned]
  - id: russian-ambassador
    name: Georgy Zinoviev
    aliases: [Georgiy Zinoviev]
    known:
      000_116027c1a6d05336.txt: AFP quotes the embassy statement as "Zinovyev"
"""


@pytest.fixture
def story(tmp_path):
    """A folder with copies of the seed articles under seeds/."""
    (tmp_path / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    return tmp_path


def write(folder: Path, text: str, name: str = "facts.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_issue_example_is_accepted_as_written(story):
    ff = load_facts(write(story, ISSUE_EXAMPLE), story)
    assert ff.display == "facts.yaml"
    assert ff.published == dt.date(2024, 10, 21)
    assert ff.articles == ("seeds/*.txt",)
    forces, summoned, ambassador = ff.facts
    assert (forces.kind, forces.number, forces.qualifier, forces.of, forces.unit, forces.context) == (
        "quantity", 1500, "about", ("soldiers", "troops"), "km", ("North Korea",))
    assert (summoned.kind, summoned.date, summoned.context) == ("date", "2024-10-21", ("summoned",))
    assert (ambassador.kind, ambassador.name, ambassador.aliases) == (
        "person", "Georgy Zinoviev", ("Georgiy Zinoviev",))
    # Keys naming an article by its file name resolve to the path used in node ids.
    assert ambassador.known == {"seeds/000_116027c1a6d05336.txt":
                                'AFP quotes the embassy statement as "Zinovyev"'}
    assert ambassador.known_lines == {"seeds/000_116027c1a6d05336.txt": 19}
    assert ff.sources == {"seeds/003_55edb76f28711d65.txt":
                          SourceMeta(published=dt.date(2024, 10, 21), outlet="Reuters")}


def test_every_fact_keeps_its_line(story):
    ff = load_facts(write(story, ISSUE_EXAMPLE), story)
    assert [(f.line, f.declared_at) for f in ff.facts] == [
        (6, "facts.yaml:6"), (12, "facts.yaml:12"), (15, "facts.yaml:15")]


def test_display_path_is_relative_to_rootdir(story):
    (story / "stories" / "nk").mkdir(parents=True)
    shutil.copy(SEEDS[0], story / "stories" / "nk" / SEEDS[0].name)
    path = write(story / "stories" / "nk", "facts:\n  - id: a\n    number: 1500\n")
    ff = load_facts(path, story)
    assert ff.display == "stories/nk/facts.yaml"
    assert ff.facts[0].declared_at == "stories/nk/facts.yaml:2"


@pytest.mark.parametrize("written, value", [
    ("1500", 1500),
    ('"1,500"', 1500),
    ("'1,500.5'", 1500.5),
    ("2.5", 2.5),
    ("[8, 13]", (8, 13)),
    ('["1,000", "2,000"]', (1000, 2000)),
    ('"1.5 thousand"', 1500),
])
def test_number_forms(story, written, value):
    ff = load_facts(write(story, f"facts:\n  - id: n\n    number: {written}\n"), story)
    assert ff.facts[0].number == value
    assert type(ff.facts[0].number) is type(value)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_read_back(tmp_path_factory, n):
    folder = tmp_path_factory.mktemp("n")
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    ff = load_facts(write(folder, f'facts:\n  - id: n\n    number: "{n:,}"\n'), folder)
    assert ff.facts[0].number == n


@pytest.mark.parametrize("written, value", [
    ("2024-10-21", "2024-10-21"), ("2024-10", "2024-10"), ("2024", "2024"),
    ("2024-10-08/2024-10-13", "2024-10-08/2024-10-13"), ("'2024-06'", "2024-06"),
])
def test_date_forms(story, written, value):
    ff = load_facts(write(story, f"facts:\n  - id: d\n    date: {written}\n"), story)
    assert ff.facts[0].date == value


def test_single_strings_are_lists_of_one(story):
    ff = load_facts(write(story, "facts:\n  - id: a\n    number: 1\n    of: troops\n    context: Seoul\n"), story)
    assert (ff.facts[0].of, ff.facts[0].context) == (("troops",), ("Seoul",))


# (facts.yaml text, line of the error, words the message must contain)
ERRORS = {
    "bad YAML": ("facts:\n  - id: a\n    number: [1, 2\n  - id: b\n", 4, "not valid YAML"),
    "unknown key with a hint": ("facts:\n  - id: a\n    number: 1\n    contxt: [x]\n", 4,
                                "unknown key 'contxt' in a fact; did you mean 'context'?"),
    "unknown top-level key": ("artcles: [seeds/*.txt]\n", 1, "did you mean 'articles'?"),
    "duplicate id": ("facts:\n  - id: a\n    number: 1\n  - id: a\n    number: 2\n", 4,
                     "duplicate fact id 'a' (first declared on line 2)"),
    "duplicate key": ("facts:\n  - id: a\n    number: 1\n    number: 2\n", 4, "appears twice"),
    "no value": ("facts:\n  - id: a\n    context: [x]\n", 2, "give exactly one of number, date or name"),
    "two values": ("facts:\n  - id: a\n    number: 1\n    date: 2024-10-21\n", 4,
                   "declares number and date"),
    "bad date": ("facts:\n  - id: a\n    date: 2024-13-01\n", 3, "not a date: '2024-13-01'"),
    "bad interval": ("facts:\n  - id: a\n    date: 2024-10-13/2024-10-08\n", 3, "ends before it starts"),
    "bad published": ("published: 21 Oct\nfacts:\n  - id: a\n    number: 1\n", 1, "not a date"),
    "bad qualifier": ("facts:\n  - id: a\n    number: 1\n    qualifier: more then\n", 4,
                      "did you mean 'more than'?"),
    "qualifier on a name": ("facts:\n  - id: a\n    name: Kim\n    qualifier: about\n", 4,
                            "qualifier applies to facts with a number"),
    "unreadable number": ("facts:\n  - id: a\n    number: lots\n", 3, "cannot read 'lots'"),
    "qualifier in the number": ("facts:\n  - id: a\n    number: about 1,500\n", 3,
                                "add 'qualifier: about'"),
    "bad range": ("facts:\n  - id: a\n    number: [13, 8]\n", 3, "low is above high"),
    "known names no article": ("facts:\n  - id: a\n    name: Kim\n    known:\n      nope.txt: typo\n", 5,
                               "known entry of 'a' 'nope.txt' names no article"),
    "known without reason": ("facts:\n  - id: a\n    name: Kim\n    known:\n"
                             "      000_116027c1a6d05336.txt:\n", 5, "give the reason"),
    "sources names no article": ("sources:\n  seeds/003_55edb76f28711d65.tx: {outlet: R}\n", 2,
                                 "did you mean 'seeds/003_55edb76f28711d65.txt'?"),
    "unknown source key": ("sources:\n  003_55edb76f28711d65.txt: {outlt: R}\n", 2, "did you mean 'outlet'?"),
    "glob matches nothing": ("articles: [texts/*.txt]\nfacts:\n  - id: a\n    number: 1\n", 1,
                             "'texts/*.txt' matches no file"),
    "reserved id": ("facts:\n  - id: cross-source\n    number: 1\n", 2, "reserved"),
    "id with spaces": ("facts:\n  - id: special forces\n    number: 1\n", 2, "may hold only"),
    "facts not a list": ("facts:\n  id: a\n", 1, "facts is a list"),
    "not a mapping": ("- id: a\n  number: 1\n", 1, "a facts file is a mapping"),
    "cross_source not bool": ("cross_source: maybe\n", 1, "true or false"),
}


@pytest.mark.parametrize("text, line, words", ERRORS.values(), ids=ERRORS.keys())
def test_mistakes_are_errors_at_their_line(story, text, line, words):
    with pytest.raises(FactsError) as caught:
        load_facts(write(story, text), story)
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"facts.yaml:{line}: ")


def test_a_file_that_checks_nothing_is_an_error(tmp_path):
    with pytest.raises(FactsError, match="checks nothing: no article found"):
        load_facts(write(tmp_path, "facts:\n  - id: a\n    number: 1\n"), tmp_path)
    (tmp_path / "a.txt").write_text("About 1,500 troops.", encoding="utf-8")
    with pytest.raises(FactsError, match="checks nothing: no facts declared and cross_source is false"):
        load_facts(write(tmp_path, "cross_source: false\n"), tmp_path)


@pytest.mark.parametrize("text", ["", "\n\n", "# a story folder\n# nothing declared yet\n"])
def test_an_empty_facts_file_is_an_error_that_says_what_to_declare(story, text):
    # An empty file checks nothing by accident (a save gone wrong, a stub): say so at line 1.
    with pytest.raises(FactsError, match=r"facts.yaml:1: the facts file is empty"):
        load_facts(write(story, text), story)


def test_a_facts_file_listing_only_sources_compares_across_sources(story):
    ff = load_facts(write(story, "sources:\n  000_116027c1a6d05336.txt: {outlet: AFP}\n"), story)
    assert ff.facts == () and ff.cross_source
    assert len(discover_articles(ff)) == len(SEEDS)


def test_default_discovery(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\noutlet: AFP\n---\nB.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    (tmp_path / "other.facts.yaml").write_text("", encoding="utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "c.txt").write_text("C.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("D.", encoding="utf-8")
    (tmp_path / "story2").mkdir()   # a folder with its own facts file is its own story
    (tmp_path / "story2" / "facts.yaml").write_text("", encoding="utf-8")
    (tmp_path / "story2" / "e.txt").write_text("E.", encoding="utf-8")
    ff = load_facts(write(tmp_path, "sources:\n  b.md: {published: 2024-10-21}\n"), tmp_path)
    found = discover_articles(ff)
    assert [display for display, _, _ in found] == ["a.txt", "b.md", "deep/er/c.txt"]
    assert found[1][1] == tmp_path / "b.md"
    assert found[1][2] == SourceMeta(published=dt.date(2024, 10, 21))


def test_globs_are_relative_to_the_facts_file(story):
    ff = load_facts(write(story, "articles: ['seeds/00[01]_*.txt']\n"), story)
    assert [d for d, _, _ in discover_articles(ff)] == [
        "seeds/000_116027c1a6d05336.txt", "seeds/001_4194254e3da8641d.txt"]


def test_an_ambiguous_article_name_is_an_error(story):
    (story / "more").mkdir()
    shutil.copy(SEEDS[0], story / "more" / SEEDS[0].name)
    text = f"articles: ['**/*.txt']\nsources:\n  {SEEDS[0].name}: {{outlet: AFP}}\n"
    with pytest.raises(FactsError, match="could be any of more/000_116027c1a6d05336.txt, seeds/"):
        load_facts(write(story, text), story)


def test_repo_facts_file_loads(repo_root):
    ff = load_facts(repo_root / "facts.yaml", repo_root)
    ids = {f.id for f in ff.facts}
    assert {"special-forces-in-russia", "zelensky-figure", "containers-of-weapons", "ambassador-summoned",
            "transport-window", "pact-signed", "russian-ambassador"} <= ids
    assert len(discover_articles(ff)) == 5
    assert {m.outlet for m in ff.sources.values()} == {"AFP", "Reuters", "Yonhap"}


# Any well-formed list of facts, written by a YAML library, loads back as written and
# with each fact's line pointing at its "- id:" line.
fact_ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
fact_values = st.one_of(
    st.builds(lambda n: {"number": n}, st.integers(min_value=0, max_value=10**9)),
    st.builds(lambda d: {"date": d.isoformat()}, st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
    st.builds(lambda n: {"name": n}, st.from_regex(r"[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}", fullmatch=True)),
)


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(st.tuples(fact_ids, fact_values, st.lists(fact_ids, max_size=2)),
                        min_size=1, max_size=6, unique_by=lambda e: e[0]))
def test_written_facts_load_back_at_their_lines(tmp_path_factory, entries):
    import yaml

    folder = tmp_path_factory.mktemp("f")
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    facts = [{"id": i, **value, **({"context": ctx} if ctx else {})} for i, value, ctx in entries]
    text = yaml.safe_dump({"published": dt.date(2024, 10, 21), "facts": facts}, sort_keys=False)
    ff = load_facts(write(folder, text), folder)
    lines = text.splitlines()
    for declared, loaded in zip(facts, ff.facts):
        assert loaded.id == declared["id"]
        line = lines[loaded.line - 1].lstrip()
        assert line.startswith("- id: ") and declared["id"] in line      # 'no' is written quoted
        assert (loaded.number, loaded.date, loaded.name) == (
            declared.get("number"), declared.get("date"), declared.get("name"))
        assert loaded.context == tuple(declared.get("context", ()))
