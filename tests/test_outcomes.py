"""The claims-stage outcomes as a user sees them in pytest: outdated and update warnings,
accepted cross-source findings (and stale ones), background and caption figures that do
not bind, new facts.yaml keys and their mistakes."""
import re
import xml.etree.ElementTree as ET

import pytest

QUIET = ("-p", "no:cacheprovider")

EARLY = ("Tunisian man kills at least 60 in Nice truck attack\n\n"
         "NICE, France — A truck ploughed into a crowd celebrating Bastille Day, killing at least 60 people, "
         "officials said.\n")
LATE = ("Nice attack: 84 dead as truck hits crowd\n\n"
        "NICE, France — At least 84 people were killed when a truck drove into a crowd on the promenade, "
        "officials said.\n")
LATER = ("Nice truck attack toll rises to 84\n\n"
         "NICE, France — The death toll rose to 84 on Friday after a truck drove into a crowd on the promenade.\n")
SOURCES = """sources:
  early.txt: {outlet: npr.org, published: "2016-07-14T23:10:00"}
  late.txt: {outlet: cnn.com, published: "2016-07-15T09:00:00"}
  later.txt: {outlet: bbc.co.uk, published: "2016-07-15T11:30:00Z"}
"""


@pytest.fixture
def nice(pytester):
    for name, text in (("early", EARLY), ("late", LATE), ("later", LATER)):
        pytester.makefile(".txt", **{name: text})
    return pytester


def test_an_earlier_toll_is_outdated_a_warning_not_a_failure(nice):
    nice.makefile(".yaml", facts=SOURCES + "facts:\n  - id: nice-deaths\n    number: 84\n"
                                           "    qualifier: at least\n    of: [killed, dead]\n")
    result = nice.runpytest_inprocess("-W", "always", "--junitxml=out.xml", *QUIET)
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["*early.txt:3: FindingWarning: outdated: says at least 60, published "
                                 "14 Jul 2016 23:10 UTC, before the declared at least 84 killed|dead held "
                                 "(first given 15 Jul 2016 09:00 UTC)"])
    cases = {c.get("name"): c for c in ET.parse(nice.path / "out.xml").iter("testcase")}
    properties = {p.get("name"): p.get("value") for p in cases["nice-deaths[early.txt]"].iter("property")}
    assert "'kind': 'outdated'" in properties["factcheck"] and "'file': 'early.txt'" in properties["factcheck"]


def test_the_same_earlier_toll_in_a_later_article_fails(nice):
    """Only what was said before the declared value held is outdated."""
    nice.makefile(".txt", later="Nice attack\n\nNICE, France — A truck attack killed at least 60 people, officials said.\n")
    nice.makefile(".yaml", facts=SOURCES + "facts:\n  - id: nice-deaths\n    number: 84\n"
                                           "    qualifier: at least\n    of: [killed, dead]\n")
    result = nice.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["FAILED facts.yaml::nice-deaths[[]later.txt[]]*"])


def test_a_toll_that_grew_is_an_update_across_sources(nice):
    nice.makefile(".yaml", facts=SOURCES)
    result = nice.runpytest_inprocess("-W", "always", *QUIET)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*FindingWarning: update: deaths changed over time: at least 60 (npr.org, "
                                 "14 Jul 2016 23:10 UTC) -> *84* (cnn.com, 15 Jul 2016 09:00 UTC)*"])


def test_a_changed_toll_in_one_later_source_still_fails(nice):
    """Growth is an update only with two sources for the later value or a sentence that says
    it changed; one later article with another figure is a disagreement."""
    nice.makefile(".txt", later="Nice attack\n\nNICE, France — A truck attack on the promenade killed 62 people, "
                                "officials said.\n")
    nice.makefile(".txt", late="Nice\n\nNICE, France — Officials said a truck killed 91 people on the promenade.\n")
    nice.makefile(".yaml", facts=SOURCES)
    result = nice.runpytest_inprocess(*QUIET)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["[[]deaths-disagreement[]] sources disagree on deaths*"])


def test_a_cross_source_finding_is_accepted_by_its_id_and_a_stale_accept_fails(nice):
    nice.makefile(".txt", later="Nice attack\n\nNICE, France — A truck attack on the promenade killed 62 people, "
                                "officials said.\n")
    nice.makefile(".txt", late="Nice\n\nNICE, France — Officials said a truck killed 91 people on the promenade.\n")
    nice.makefile(".yaml", facts=SOURCES + "accept:\n  deaths-disagreement: the tolls were still being counted\n")
    nice.runpytest_inprocess(*QUIET).assert_outcomes(passed=1)
    nice.makefile(".yaml", facts=SOURCES + "accept:\n  deaths-disagreement: counted\n  injuries-disagreement: gone\n")
    result = nice.runpytest_inprocess(*QUIET)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["[[]injuries-disagreement[]] accepted at facts.yaml:7 (gone), but no such finding "
                                 "remains: remove the accept entry"])


def test_background_and_caption_figures_do_not_bind_a_declared_toll(pytester):
    pytester.makefile(".txt", a=(
        "Truck attack in Nice kills 84\n\n"
        "A police officer stands guard on the promenade on Friday. (AP Photo/Claude Paris)\n"
        "At least 84 people were killed when a truck drove into a crowd, officials said.\n"
        "It was the deadliest attack in France since the Nov. 13 Paris attacks that killed 130 people.\n"
        "Since 2004, when seven people were killed in a rail crash, the city had not seen such a toll.\n"))
    pytester.makefile(".yaml", facts="published: 2016-07-15\nfacts:\n  - id: deaths\n    number: 84\n"
                                     "    qualifier: at least\n    of: [killed, dead]\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=2)


@pytest.mark.parametrize("entry, message", [
    ("    zones: [bodyy]\n", "facts.yaml:4: zones: unknown zone 'bodyy'; did you mean 'body'?"),
    ("    moves: sideways\n", "facts.yaml:4: moves: 'sideways' is not one of up, down, either"),
    ("    as_of: tomorrow\n", "facts.yaml:4: as_of: not a date or date-time: 'tomorrow'*"),
])
def test_new_fact_keys_are_checked_at_their_line(pytester, entry, message):
    pytester.makefile(".txt", a="Nice\n\nAt least 84 people were killed.\n")
    pytester.makefile(".yaml", facts="facts:\n  - id: deaths\n    number: 84\n" + entry)
    result = pytester.runpytest_inprocess(*QUIET)
    result.stdout.fnmatch_lines([f"*{message}"])
    assert "Traceback" not in result.stdout.str()


def test_warnings_made_errors_fail_with_one_plain_line(nice):
    nice.makefile(".yaml", facts=SOURCES + "facts:\n  - id: nice-deaths\n    number: 84\n"
                                           "    qualifier: at least\n    of: [killed, dead]\n"
                                           "  - id: marathon\n    number: 42\n    context: [marathon]\n")
    result = nice.runpytest_inprocess("-W", "error::factcheck.FindingWarning",
                                      "-W", "error::factcheck.plugin.FactNotMentionedWarning", *QUIET)
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["FindingWarning: outdated: says at least 60*",
                                 "FactNotMentionedWarning: fact 'marathon' is mentioned by no article*"])
    assert "Traceback" not in out and "pluggy/_" not in out and len(out.splitlines()) < 80


def test_a_declared_age_binds_that_persons_age_only(pytester):
    pytester.makefile(".txt", a="Suspect arrested\n\nCesar Sayoc, 56, was arrested in Florida, officials said.\n",
                      b="Suspect arrested\n\nCesar Sayoc, 57, of Aventura, was charged. His lawyer, Ann Lee, 56, spoke.\n")
    pytester.makefile(".yaml", facts="published: 2018-10-26\ncross_source: false\nfacts:\n"
                                     "  - id: suspect\n    name: Cesar Sayoc\n    age: 56\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*says 57 for Cesar Sayoc, declared 56*",
                                 "  declared: Cesar Sayoc (56)  (facts.yaml:4)"])


def test_cross_source_finding_ids_are_readable_and_stay_when_unrelated_facts_are_added(tmp_path, repo_root):
    import shutil

    from factcheck.corpus import Corpus
    from factcheck.facts import load_facts

    for seed in (repo_root / "seeds").glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    story = tmp_path / "001_4194254e3da8641d.txt"
    story.write_text(story.read_text(encoding="utf-8").replace("1,500", "1,800"), encoding="utf-8")
    # Zelenskiy for Zelensky in one source: a name finding beside the figure finding.
    other = tmp_path / "003_55edb76f28711d65.txt"
    other.write_text(other.read_text(encoding="utf-8").replace("Zelensky", "Zelenskiy"), encoding="utf-8")

    def ids(facts: str):
        (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
        return [v.finding_id for v in Corpus(load_facts(tmp_path / "facts.yaml", tmp_path)).cross_source()
                if v.failed or v.warns]

    before = ids("published: 2024-10-21\n")
    assert before and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in before), before
    after = ids("published: 2024-10-21\nfacts:\n  - id: marathon\n    number: 42\n    context: [marathon]\n"
                "  - id: pact\n    date: 2024-06\n    context: [pact]\n")
    assert after == before
