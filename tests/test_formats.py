"""Machine-readable outputs of a real run: JSON lines, SARIF 2.1.0, GitHub workflow commands.

Each story is written to tmp_path (the rootdir) under ``stories/<name>/`` so that paths
relative to the rootdir differ from the paths relative to the facts file, as in a real
repository; the verdicts come from a real :class:`~factcheck.corpus.Corpus`."""
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, strategies as st

from factcheck.corpus import Corpus
from factcheck.facts import load_facts
from factcheck.facts import FactsError
from factcheck.plan import plan_tests, run_test
from factcheck.formats import (FORMATS, MACHINE_FORMATS, RULE_DESCRIPTIONS, RULE_IDS, Reported, by_node,
                               escape_data, escape_property, record, render, render_records, reported_facts_error,
                               reported_of, rootdir_path)
from factcheck.verdict import KINDS

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

SOURCES = """sources:
  early.txt: {outlet: npr.org, published: "2016-07-14T23:10:00"}
  late.txt: {outlet: cnn.com, published: "2016-07-15T09:00:00"}
  later.txt: {outlet: bbc.co.uk, published: "2016-07-15T11:30:00Z"}
"""
EARLY = ("Tunisian man kills at least 60 in Nice truck attack\n\n"
         "NICE, France — A truck ploughed into a crowd celebrating Bastille Day, killing at least 60 people, "
         "officials said.\n")
LATE = ("Nice attack: 84 dead as truck hits crowd\n\n"
        "NICE, France — At least 84 people were killed when a truck drove into a crowd on the promenade, "
        "officials said. More than 200 people were injured.\n")
LATER = ("Nice truck attack\n\n"
         "NICE, France — A truck attack on the promenade killed 62 people, officials said: 10% were children.\n"
         "Some 150 people were injured, officials said.\n")
DECLARED = SOURCES + """facts:
  - id: nice-deaths
    number: 84
    qualifier: at least
    of: [killed, dead]
  - id: nice-injured
    number: 200
    qualifier: more than
    of: [injured]
    known:
      later.txt: the BBC counted hospital admissions
"""
CROSS_LATE = "Nice attack\n\nNICE, France — Officials said a truck killed 91 people on the promenade.\n"
CROSS_LATER = "Nice attack\n\nNICE, France — A truck attack on the promenade killed 62 people, officials said.\n"


def write_story(root: Path, name: str, facts: str, articles: dict) -> Path:
    folder = root / "stories" / name
    folder.mkdir(parents=True)
    for file_name, text in articles.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    (folder / "facts.yaml").write_text(facts, encoding="utf-8")
    return folder / "facts.yaml"


def run(root: Path, facts_path: Path):
    return reported_of(Corpus(load_facts(facts_path, root)))


@pytest.fixture
def declared(tmp_path):
    """A declared toll: early.txt outdated (warning), later.txt disagrees (error), later.txt's
    injured figure disagrees but is known."""
    return run(tmp_path, write_story(tmp_path, "nice", DECLARED, {"early.txt": EARLY, "late.txt": LATE,
                                                                  "later.txt": LATER}))


@pytest.fixture
def cross(tmp_path):
    """No declared facts: the tolls 60 / 91 / 62 disagree across sources."""
    return run(tmp_path, write_story(tmp_path, "cross", SOURCES, {"early.txt": EARLY, "late.txt": CROSS_LATE,
                                                                  "later.txt": CROSS_LATER}))


def lines_of(text: str):
    return [json.loads(line) for line in text.splitlines()]


def row_of(rows, node_id):
    return next(r for r in rows if r["node_id"] == node_id)


# --------------------------------------------------------------------------- JSON lines

def test_json_lines_round_trip_every_field_of_a_finding(tmp_path, declared):
    rows = lines_of(render("json", declared, rootdir=tmp_path))
    reported = {r.node_id: r for r in declared if r.verdict.outcome != "pass"}
    assert [r["node_id"] for r in rows] == list(reported)            # finding-bearing verdicts, in order
    for row in rows:
        verdict = reported[row["node_id"]].verdict
        assert (row["fact_id"], row["finding_id"], row["kind"], row["severity"], row["outcome"],
                row["expected"], row["message"], row["known"]) == (
            verdict.subject, None, verdict.kind, verdict.severity, verdict.outcome, verdict.expected,
            verdict.message, verdict.known)
        assert row["facts_file"] == "stories/nice/facts.yaml"
        assert len(row["findings"]) == len(verdict.findings) > 0
        for got, finding in zip(row["findings"], verdict.findings):
            assert got["path"] == f"stories/nice/{finding.article}"
            assert (got["line"], got["column"], got["text"], got["sentence"], got["reason"], got["attribution"]) == (
                finding.line, finding.column, finding.mention.text, finding.sentence, finding.reason,
                finding.attribution)
            assert got["value"] == finding.mention.value


def test_json_findings_point_at_their_text_from_the_rootdir(tmp_path, declared):
    """path:line:column, read from the repository root, lands on the mention as written."""
    for row in lines_of(render("json", declared, rootdir=tmp_path, passing=True)):
        for finding in row["findings"] + row["agreeing"]:
            line = (tmp_path / finding["path"]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
            assert line[finding["column"] - 1:finding["end_column"] - 1] == finding["text"]


def test_json_shows_outcomes_severities_and_known_reasons(tmp_path, declared):
    rows = lines_of(render("json", declared, rootdir=tmp_path))
    outdated = row_of(rows, "stories/nice/facts.yaml::nice-deaths[early.txt]")
    assert (outdated["kind"], outdated["severity"], outdated["outcome"]) == ("outdated", "warning", "warn")
    wrong = row_of(rows, "stories/nice/facts.yaml::nice-deaths[later.txt]")
    assert (wrong["kind"], wrong["severity"], wrong["known"]) == ("disagreement", "error", None)
    assert wrong["findings"][0]["value"] == 62 and wrong["article"] == "stories/nice/later.txt"
    known = row_of(rows, "stories/nice/facts.yaml::nice-injured[later.txt]")
    assert known["known"] == "the BBC counted hospital admissions"


def test_json_lists_passing_verdicts_only_when_asked(tmp_path, declared):
    quiet = lines_of(render("json", declared, rootdir=tmp_path))
    full = lines_of(render("json", declared, rootdir=tmp_path, passing=True))
    assert len(full) == len(declared) > len(quiet)
    assert {r["outcome"] for r in full} - {r["outcome"] for r in quiet} == {"pass"}


def test_cross_source_findings_carry_their_stable_id(tmp_path, cross):
    rows = lines_of(render("json", cross, rootdir=tmp_path))
    (row,) = rows
    assert (row["node_id"], row["fact_id"], row["finding_id"], row["kind"]) == (
        "stories/cross/facts.yaml::cross-source", None, "deaths-disagreement", "disagreement")
    assert {f["path"] for f in row["findings"]} == {f"stories/cross/{n}" for n in ("early.txt", "late.txt",
                                                                                   "later.txt")}


def test_records_are_plain_json_so_xdist_workers_can_send_them(tmp_path, declared, cross):
    """What a worker puts on its report comes back unchanged at the controller, and renders
    the same output there."""
    records = [record(r, rootdir=tmp_path) for r in declared + cross]
    sent = json.loads(json.dumps(records))
    assert sent == records
    for fmt in MACHINE_FORMATS:
        assert render_records(fmt, sent, rootdir=tmp_path) == render(fmt, declared + cross, rootdir=tmp_path)


def test_text_is_the_report_not_a_machine_format(tmp_path, declared):
    assert "text" in FORMATS and "text" not in MACHINE_FORMATS
    with pytest.raises(ValueError, match="text report"):
        render("text", declared, rootdir=tmp_path)
    with pytest.raises(ValueError, match="json, sarif, github"):
        render("xml", declared, rootdir=tmp_path)


# --------------------------------------------------------------------------- SARIF

def sarif(results, root):
    return json.loads(render("sarif", results, rootdir=root))


def test_sarif_is_valid_against_the_oasis_schema(tmp_path, declared, cross):
    log = sarif(declared + cross, tmp_path)
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_sarif_rules_are_the_finding_kinds(tmp_path, declared):
    driver = sarif(declared, tmp_path)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(KINDS) <= set(rules) == set(RULE_IDS) == set(RULE_DESCRIPTIONS)
    assert all(rule["shortDescription"]["text"] for rule in rules.values())
    assert rules["update"]["defaultConfiguration"]["level"] == "warning"
    assert rules["disagreement"]["defaultConfiguration"]["level"] == "error"


def test_sarif_results_have_level_place_and_rule(tmp_path, declared):
    run_ = sarif(declared, tmp_path)["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    results = {r["properties"]["nodeId"]: r for r in run_["results"]}
    wrong = results["stories/nice/facts.yaml::nice-deaths[later.txt]"]
    assert (wrong["ruleId"], rules[wrong["ruleIndex"]], wrong["level"]) == ("disagreement", "disagreement", "error")
    (location,) = wrong["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "stories/nice/later.txt", "uriBaseId": "%SRCROOT%"}
    line = LATER.splitlines()[physical["region"]["startLine"] - 1]
    region = physical["region"]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "62"
    outdated = results["stories/nice/facts.yaml::nice-deaths[early.txt]"]
    assert (outdated["ruleId"], outdated["level"]) == ("outdated", "warning")
    assert "suppressions" not in wrong and "suppressions" not in outdated
    assert not any(r["properties"]["outcome"] == "pass" for r in run_["results"])


def test_sarif_suppresses_known_and_accepted_findings(tmp_path, declared):
    results = {r["properties"]["nodeId"]: r for r in sarif(declared, tmp_path)["runs"][0]["results"]}
    known = results["stories/nice/facts.yaml::nice-injured[later.txt]"]
    assert known["suppressions"] == [{"kind": "external", "status": "accepted",
                                      "justification": "the BBC counted hospital admissions"}]
    accepted_facts = SOURCES + "accept:\n  deaths-disagreement: the tolls were still being counted\n"
    path = write_story(tmp_path, "accepted", accepted_facts, {"early.txt": EARLY, "late.txt": CROSS_LATE,
                                                             "later.txt": CROSS_LATER})
    (result,) = sarif(run(tmp_path, path), tmp_path)["runs"][0]["results"]
    assert result["suppressions"][0]["justification"] == "the tolls were still being counted"


def test_sarif_fingerprints_are_stable_when_unrelated_facts_are_added(tmp_path, cross):
    before = sarif(cross, tmp_path)["runs"][0]["results"][0]["partialFingerprints"]
    facts = tmp_path / "stories" / "cross" / "facts.yaml"
    facts.write_text(SOURCES + "facts:\n  - id: promenade\n    name: Promenade des Anglais\n", encoding="utf-8")
    after = [r for r in sarif(run(tmp_path, facts), tmp_path)["runs"][0]["results"]
             if r["ruleId"] == "disagreement" and "cross-source" in r["properties"]["nodeId"]]
    assert [r["partialFingerprints"] for r in after] == [before]
    assert before == {"factcheckFinding/v1": "stories/cross/facts.yaml::cross-source::deaths-disagreement"}


def test_a_stale_waiver_is_a_result_at_its_facts_file_line(tmp_path):
    facts = SOURCES + ("facts:\n  - id: nice-deaths\n    number: 84\n    qualifier: at least\n"
                       "    of: [killed, dead]\n    known:\n      late.txt: it was wrong once\n")
    path = write_story(tmp_path, "stale", facts, {"early.txt": EARLY, "late.txt": LATE, "later.txt": LATER})
    log = sarif(run(tmp_path, path), tmp_path)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    (stale,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "stale-waiver"]
    physical = stale["locations"][0]["physicalLocation"]
    known_line = facts.splitlines().index("      late.txt: it was wrong once") + 1
    assert physical == {"artifactLocation": {"uri": "stories/stale/facts.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": known_line}}
    assert stale["level"] == "error" and "remove the known entry" in stale["message"]["text"]


# --------------------------------------------------------------------------- GitHub

def test_github_lines_have_the_exact_workflow_command_form(tmp_path, declared):
    lines = render("github", declared, rootdir=tmp_path).splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    (error,) = [line for line in lines if line.startswith("::error ")]
    assert error.startswith("::error file=stories/nice/later.txt,line=3,col=55,"
                            "title=nice-deaths (disagreement)::disagrees: says 62 where at least 84 was declared%0A")
    assert "killed »62« people, officials said: 10%25 were children.%0A" in error
    assert "\n" not in error and "10% " not in error
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert {w.split(",title=")[0] for w in warnings} == {"::warning file=stories/nice/early.txt,line=1,col=29",
                                                         "::warning file=stories/nice/early.txt,line=3,col=89"}
    assert not any("nice-injured" in line for line in lines)       # known: flags nothing on a pull request


def test_github_escapes_properties(tmp_path):
    """A story folder named with ':' ',' and '%' still gives one parseable file= property."""
    folder = tmp_path / "desk: 50%, nice"
    folder.mkdir()
    for name, text in (("early.txt", EARLY), ("late.txt", CROSS_LATE), ("later.txt", CROSS_LATER)):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "facts.yaml").write_text(SOURCES, encoding="utf-8")
    lines = render("github", run(tmp_path, folder / "facts.yaml"), rootdir=tmp_path).splitlines()
    assert lines
    assert all(line.startswith("::error file=desk%3A 50%25%2C nice/") for line in lines)
    assert all(",line=3,col=" in line or ",line=1,col=" in line for line in lines)
    log = sarif(run(tmp_path, folder / "facts.yaml"), tmp_path)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] for loc in r["locations"]}
    assert uris == {f"desk%3A%2050%25%2C%20nice/{n}" for n in ("early.txt", "late.txt", "later.txt")}


def test_escaping_is_the_documented_one():
    assert escape_data("50% said\r\nno: 3,000") == "50%25 said%0D%0Ano: 3,000"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def _unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


@given(st.text(alphabet=st.sampled_from("ab%:,\r\n 0AD3C2")))
def test_escaped_properties_hold_no_delimiter_and_read_back(text):
    escaped = escape_property(text)
    assert not set(escaped) & set(":,\r\n")
    assert _unescape(escaped) == text
    assert "\n" not in escape_data(text) and _unescape(escape_data(text)) == text


# --------------------------------------------------------------------------- paths

def test_article_paths_are_made_relative_to_the_rootdir(tmp_path):
    facts = tmp_path / "desk" / "story" / "facts.yaml"
    assert rootdir_path(facts, "seeds/a.txt", tmp_path) == "desk/story/seeds/a.txt"
    assert rootdir_path(facts, "../shared/b.txt", tmp_path) == "desk/shared/b.txt"
    assert rootdir_path(facts, "a.txt", tmp_path / "elsewhere") == (tmp_path / "desk/story/a.txt").as_posix()


def test_a_path_outside_the_rootdir_is_an_absolute_file_uri_in_sarif(tmp_path, declared):
    log = sarif(declared, tmp_path / "elsewhere")
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] for loc in r["locations"]}
    assert uris and all(uri.startswith("file:///") for uri in uris)


def test_records_are_found_by_the_node_id_of_their_test(tmp_path, declared, cross):
    nodes = by_node(declared + cross)
    assert list(nodes)[:2] == ["stories/nice/facts.yaml::nice-deaths[early.txt]",
                               "stories/nice/facts.yaml::nice-deaths[late.txt]"]
    assert all(isinstance(r, Reported) for group in nodes.values() for r in group)
    assert len(nodes) == len(declared) + 1              # one test per (fact, article), one cross-source
    (finding,) = [r for r in nodes["stories/cross/facts.yaml::cross-source"] if r.verdict.failed]
    assert finding.verdict.finding_id == "deaths-disagreement"


def test_an_unusable_facts_file_is_annotated_at_its_line(tmp_path):
    path = write_story(tmp_path, "broken", "facts:\n  - id: n\n    number: 5\n    qualifer: about\n",
                       {"a.txt": EARLY})
    with pytest.raises(FactsError) as caught:
        load_facts(path, tmp_path)
    reported = reported_facts_error(path, caught.value)
    (line,) = render("github", [reported], rootdir=tmp_path).splitlines()
    assert line.startswith("::error file=stories/broken/facts.yaml,line=4,title=facts.yaml (unchecked)::"
                           "stories/broken/facts.yaml:4: unknown key 'qualifer' in a fact; did you mean 'qualifier'?")
    log = sarif([reported], tmp_path)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    assert log["runs"][0]["results"][0]["ruleId"] == "unchecked"


def test_the_output_fails_exactly_the_tests_that_fail(tmp_path):
    """Unsuppressed errors in the output name the failing tests, no more, no fewer: stale
    waivers (a known entry on an article that agrees, an accept that matches nothing) included."""
    stale_known = DECLARED.replace("later.txt: the BBC", "late.txt: the BBC")
    stale_accept = SOURCES + "accept:\n  injuries-disagreement: no longer reported\n"
    stories = [write_story(tmp_path, "known", stale_known, {"early.txt": EARLY, "late.txt": LATE, "later.txt": LATER}),
               write_story(tmp_path, "accept", stale_accept, {"early.txt": EARLY, "late.txt": CROSS_LATE,
                                                             "later.txt": CROSS_LATER})]
    failing, flagged = set(), set()
    for path in stories:
        corpus = Corpus(load_facts(path, tmp_path))
        results = [run_test(corpus, test) for test in plan_tests(corpus)]
        failing |= {f"{corpus.facts_file.display}::{r.test.name}" for r in results if r.failed}
        rows = lines_of(render("json", reported_of(corpus, results), rootdir=tmp_path))
        flagged |= {r["node_id"] for r in rows if r["severity"] == "error" and not r["known"]}
    assert failing == flagged == {"stories/known/facts.yaml::nice-deaths[later.txt]",
                                  "stories/known/facts.yaml::nice-injured[late.txt]",
                                  "stories/known/facts.yaml::nice-injured[later.txt]",
                                  "stories/accept/facts.yaml::cross-source"}
    errors = [line for line in render("github", reported_of(Corpus(load_facts(stories[1], tmp_path))),
                                      rootdir=tmp_path).splitlines()]
    assert errors[-1] == ("::error file=stories/accept/facts.yaml,line=6,title=injuries-disagreement (stale-waiver)::"
                          "injuries-disagreement is accepted at stories/accept/facts.yaml:6 (no longer reported), "
                          "but no such finding remains: remove the accept entry")
