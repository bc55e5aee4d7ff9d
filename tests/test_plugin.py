"""The pytest plugin, run with pytester on copies of the seed corpus.

Most tests install the test doubles of ``fake_checks`` (a conftest in the temporary
corpus) so they test the plugin -- collection, node ids, outcomes, xfail, rendering,
pytest options -- not the matcher. The last tests use the real checks.
"""
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fake_checks
import factcheck.corpus
from factcheck.article import article_from_text
from factcheck.mention import Mention
from factcheck.report import render_verdict, shorten_marked
from factcheck.verdict import Finding, Verdict

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
A000, A001, A002, A003, A004 = (s.name for s in SEEDS)
QUIET = ("-p", "no:cacheprovider")

FACTS = """\
published: 2024-10-21
facts:
  - id: special-forces
    number: 1500
    context: [North Korean special forces]
"""


@pytest.fixture
def corpus(pytester):
    """The seed articles beside a facts file, with the test doubles installed."""
    for seed in SEEDS:
        shutil.copy(seed, pytester.path / seed.name)
    pytester.makeconftest(fake_checks.conftest_text())
    pytester.makefile(".yaml", facts=FACTS)
    return pytester


def change(pytester, name: str, old: str, new: str, count: int = -1) -> tuple:
    """Rewrite an article; (line, column) of the first replacement."""
    path = pytester.path / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    if count < 0:
        offset = text.index(old)
        text = text.replace(old, new)
    else:
        offset = -1
        for _ in range(count):
            offset = text.index(old, offset + 1)
        text = text[:offset] + new + text[offset + len(old):]
    path.write_text(text, encoding="utf-8")
    return article_from_text(text).position(offset)


def test_one_item_per_fact_and_article_plus_cross_source(corpus):
    result = corpus.runpytest_inprocess("-v", *QUIET)
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines([f"facts.yaml::special-forces[[]{name}[]] PASSED*" for name in
                                 (A000, A001, A002, A003, A004)]
                                + ["facts.yaml::cross-source PASSED*"])
    assert result.ret == pytest.ExitCode.OK


def test_changed_figure_fails_that_article_with_a_readable_report(corpus):
    line, column = change(corpus, A001, "batch of 1,500", "batch of 1,600")
    column += len("batch of ")
    result = corpus.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=4, failed=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    out = result.stdout.str()
    result.stdout.fnmatch_lines([
        f"*_ special-forces in {A001} _*",
        "disagrees: 1,600 is not 1,500",
        "  declared: 1,500  (facts.yaml:3)",
        f"  at:       {A001}:{line}:{column}",
        '  says:     "1,600"',
        "  sentence: Seoul's spy agency released detailed satellite images showing the first batch "
        "of »1,600« North Korean special forces *",
        "  why:      1,600 is not 1,500",
        "  agrees:   *:3:*",
        f"FAILED facts.yaml::special-forces[[]{A001}[]] - disagrees: 1,6*",
    ])
    # The one cross-source test names each finding by its id, and every article with its figure.
    result.stdout.fnmatch_lines(["[[]special-forces-disagreement[]] sources disagree: 2 different figures",
                                 f"  details:  {A000}: 1,500", f"*{A001}: 1,600",
                                 "to accept one, add its id under 'accept:' in facts.yaml with the reason"])
    assert "Traceback" not in out and "plugin.py" not in out and "def runtest" not in out


def test_a_facts_note_is_shown_with_its_failure(corpus):
    change(corpus, A002, "1,500", "1,600")
    corpus.makefile(".yaml", facts=FACTS + "    note: the NIS figure of 18 October\n")
    result = corpus.runpytest_inprocess(*QUIET)
    result.stdout.fnmatch_lines(["  declared: 1,500  (facts.yaml:3)", "  note:     the NIS figure of 18 October"])


def test_known_discrepancy_is_strict_xfail(corpus):
    change(corpus, A001, "1,500", "1,600")
    corpus.makefile(".yaml", facts=FACTS + f"""\
    known:
      {A001}: the batch was larger
      {A000}: stale waiver
""")
    result = corpus.runpytest_inprocess("-rfxX", *QUIET)
    result.assert_outcomes(passed=3, xfailed=1, failed=2)   # 000 XPASS(strict), cross-source
    result.stdout.fnmatch_lines([
        "[[]XPASS(strict)[]] known at facts.yaml:8: stale waiver",
        f"FAILED facts.yaml::special-forces[[]{A000}[]]*",
        f"XFAIL facts.yaml::special-forces[[]{A001}[]] - known at facts.yaml:7: the batch was larger",
    ])


@pytest.mark.parametrize("text, expected", [
    ("facts:\n  - id: a\n    number: 1\n    contxt: [x]\n",
     "facts.yaml:4: unknown key 'contxt' in a fact; did you mean 'context'?"),
    ("facts:\n  - id: a\n    number: [1, 2\n  - id: b\n", "facts.yaml:4: not valid YAML: *"),
    ("facts:\n  - id: a\n    number: 1\n  - id: a\n    number: 2\n",
     "facts.yaml:4: duplicate fact id 'a' (first declared on line 2)"),
    ("facts:\n  - id: a\n    date: 2024-02-30\n", "facts.yaml:3: date: not a date: '2024-02-30' *"),
    ("facts:\n  - id: a\n    name: Kim\n    known: {nope.txt: typo}\n",
     "facts.yaml:4: known entry of 'a' 'nope.txt' names no article*"),
    ("articles: [none/*.txt]\n", "facts.yaml:1: articles: 'none/*.txt' matches no file *"),
])
def test_mistakes_in_facts_file_are_collection_errors_without_traceback(corpus, text, expected):
    (corpus.path / "facts.yaml").write_text(text, encoding="utf-8")
    result = corpus.runpytest_inprocess(*QUIET)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR collecting facts.yaml*", expected])
    assert "Traceback" not in result.stdout.str() and "facts.py" not in result.stdout.str()


def test_facts_file_that_checks_nothing_is_an_error(pytester):
    pytester.makefile(".yaml", facts="facts:\n  - id: a\n    number: 1\n")
    result = pytester.runpytest_inprocess(*QUIET)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["facts.yaml:1: checks nothing: no article found*"])


def test_fact_no_article_mentions_is_a_warning_at_its_line(corpus):
    corpus.makefile(".yaml", facts=FACTS + "  - id: marathon\n    number: 42\n    context: [marathon]\n")
    result = corpus.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=11, warnings=1)
    result.stdout.fnmatch_lines([f"facts.yaml::marathon[[]{A000}[]]",
                                 "  facts.yaml:6: FactNotMentionedWarning: fact 'marathon' is mentioned by no "
                                 "article*", "    - id: marathon"])
    strict = corpus.runpytest_inprocess("-W", "error::factcheck.plugin.FactNotMentionedWarning", *QUIET)
    strict.assert_outcomes(passed=10, failed=1)


def test_unreadable_article_is_a_failing_test_naming_it(corpus):
    (corpus.path / "latin1.txt").write_bytes("Caf\xe9 owners: 1,500.".encode("latin-1"))
    result = corpus.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=6, failed=1)
    result.stdout.fnmatch_lines(["FAILED facts.yaml::unreadable[[]latin1.txt[]] - latin1.txt:1: not UTF-8 text*"])


def test_k_and_x(corpus):
    change(corpus, A000, "1,500", "1,600")
    change(corpus, A001, "1,500", "1,700")
    result = corpus.runpytest_inprocess("-k", "special and 003", *QUIET)
    result.assert_outcomes(passed=1, deselected=5)
    result = corpus.runpytest_inprocess("-x", *QUIET)
    result.assert_outcomes(failed=1)


def test_a_node_id_copied_from_the_output_selects_that_test(corpus):
    result = corpus.runpytest_inprocess(f"facts.yaml::special-forces[{A003}]", "-v", *QUIET)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"facts.yaml::special-forces[[]{A003}[]] PASSED*"])


def test_last_failed_reruns_only_the_failing_article(corpus):
    change(corpus, A002, "1,500", "1,600")
    first = corpus.runpytest_inprocess()
    first.assert_outcomes(passed=4, failed=2)
    again = corpus.runpytest_inprocess("--lf", "-v")
    again.assert_outcomes(failed=2)
    again.stdout.fnmatch_lines(["run-last-failure: *", f"facts.yaml::special-forces[[]{A002}[]] FAILED*"])


def test_junitxml_carries_the_report(corpus):
    line, column = change(corpus, A003, "1,500", "1,600")
    corpus.makefile(".yaml", facts=FACTS.replace("North Korean special forces", "special forces troops"))
    result = corpus.runpytest_inprocess("--junitxml=report.xml", *QUIET)
    result.assert_outcomes(passed=5, failed=1)
    cases = {case.get("name"): case for case in ET.parse(corpus.path / "report.xml").iter("testcase")}
    assert set(cases) == {f"special-forces[{name}]" for name in (A000, A001, A002, A003, A004)} | {
        "cross-source"}
    assert {c.get("classname") for c in cases.values()} == {"facts.yaml"}
    failure = cases[f"special-forces[{A003}]"].find("failure")
    assert f"{A003}:{line}:{column}" in failure.text and "»1,600«" in failure.text


def test_xdist_collects_the_same_items(corpus):
    pytest.importorskip("xdist")
    change(corpus, A000, "1,500", "1,600")
    result = corpus.runpytest_subprocess("-n", "2", *QUIET)
    result.assert_outcomes(passed=4, failed=2)
    result.stdout.fnmatch_lines([f"FAILED facts.yaml::special-forces[[]{A000}[]]*"])


def test_never_writes_into_the_corpus(corpus):
    change(corpus, A000, "1,500", "1,600")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.path.rglob("*") if p.is_file()}
    corpus.runpytest_inprocess(*QUIET).assert_outcomes(passed=4, failed=2)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.path.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert after == before


def test_items_report_their_declaration(corpus):
    items, _ = corpus.inline_genitems(*QUIET)
    fact_item = next(i for i in items if i.name == f"special-forces[{A003}]")
    assert fact_item.nodeid == f"facts.yaml::special-forces[{A003}]"
    path, line, description = fact_item.reportinfo()
    assert (Path(path).name, line + 1, description) == ("facts.yaml", 3, f"special-forces in {A003}")
    assert fact_item.location == ("facts.yaml", 2, f"special-forces in {A003}")


# --------------------------------------------------------------------------- the real checks



@pytest.fixture
def seed_copy(pytester):
    """The repo's facts.yaml and seeds, copied; no test doubles."""
    (pytester.path / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, pytester.path / "seeds" / seed.name)
    shutil.copy(ROOT / "facts.yaml", pytester.path / "facts.yaml")
    return pytester


def test_repo_facts_file_collects_with_strict_xfail_for_known(seed_copy):
    items, _ = seed_copy.inline_genitems(*QUIET)
    ids = [i.nodeid for i in items]
    assert f"facts.yaml::special-forces-in-russia[seeds/{A003}]" in ids
    known = {i.nodeid: i.get_closest_marker("xfail") for i in items if i.get_closest_marker("xfail")}
    assert f"facts.yaml::russian-ambassador[seeds/{A000}]" in known
    assert all(marker.kwargs["strict"] for marker in known.values())


def failed_ids(result) -> set:
    return {r.nodeid for r in result.getreports("pytest_runtest_logreport") if r.failed}


def test_the_seed_corpus_passes_apart_from_its_known_discrepancies(seed_copy):
    result = seed_copy.runpytest_inprocess("-rx", *QUIET)
    outcomes = result.parseoutcomes()
    assert "failed" not in outcomes and "error" not in outcomes and "errors" not in outcomes
    assert outcomes["xfailed"] == 2 and outcomes["passed"] >= 54
    result.stdout.fnmatch_lines([f"XFAIL facts.yaml::russian-ambassador[[]seeds/{A000}[]] - known at *",
                                 f"XFAIL facts.yaml::russian-ambassador[[]seeds/{A001}[]] - known at *"])


def test_with_nothing_declared_the_seeds_are_compared_across_sources_quietly(seed_copy):
    """Figures agree across the seeds; the names spelt two ways (Zinoviev/Zinovyev,
    Zelensky/Zelenskiy) are the only failures, as an editor would want."""
    (seed_copy.path / "facts.yaml").write_text("articles: [seeds/*.txt]\npublished: 2024-10-21\n", encoding="utf-8")
    result = seed_copy.runpytest_inprocess("-v", *QUIET)
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed") == 1 and set(outcomes) <= {"failed", "warnings"}
    reports = [r for r in result.reprec.getreports("pytest_runtest_logreport") if r.when == "call"]
    assert [r.nodeid for r in reports] == ["facts.yaml::cross-source"]
    assert reports[0].failed
    ids = re.findall(r"^\[([a-z0-9-]+)\] ", reports[0].longreprtext, re.M)
    assert ids == ["name-zelensky-disagreement", "name-zinoviev-disagreement"]


def test_real_checks_flag_a_changed_count_in_the_article_that_changed(seed_copy):
    baseline = failed_ids(seed_copy.inline_run(*QUIET))
    line, column = change(seed_copy, f"seeds/{A003}", "shipped 1,500", "shipped 1,600")
    changed = seed_copy.runpytest_inprocess(*QUIET)
    new = failed_ids(changed.reprec) - baseline
    assert f"facts.yaml::special-forces-in-russia[seeds/{A003}]" in new
    changed.stdout.fnmatch_lines([f"  at:       seeds/{A003}:{line}:*", "*»1,600*"])


# --------------------------------------------------------------------------- rendering


def test_error_verdict_says_it_cannot_be_checked():
    verdict = Verdict("summons", "a.txt", "error", expected="2024-10-21", declared_at="facts.yaml:4",
                      message="'on Monday' needs the article's publication date: add published: to facts.yaml")
    assert render_verdict(verdict).splitlines() == [
        "cannot be checked: 'on Monday' needs the article's publication date: add published: to facts.yaml",
        "  declared: 2024-10-21  (facts.yaml:4)"]


def test_dates_show_what_they_were_read_as():
    mention = Mention("date", 10, 19, "last week", "2024-W42", granularity="week")
    finding = Finding("a.txt", 3, 11, mention, "It said last week.", "It said »last week«.", "week 42 is not ...")
    text = render_verdict(Verdict("d", "a.txt", "fail", findings=(finding,), message="m"))
    assert '  says:     "last week" = 2024-W42' in text
    assert "  at:       a.txt:3:11" in text


@pytest.mark.parametrize("words_before, words_after", [(0, 100), (100, 0), (100, 100), (5, 5)])
def test_long_sentences_are_cut_around_the_mark_at_word_boundaries(words_before, words_after):
    sentence = " ".join(["before"] * words_before + ["»1,500«"] + ["after"] * words_after)
    short = shorten_marked(sentence)
    assert "»1,500«" in short
    assert len(short) <= 290
    assert all(word in ("before", "after", "»1,500«", "…") for word in short.split())
    assert (short == sentence) == (len(sentence) <= 280)


def test_relative_dates_without_publication_date_fail_asking_for_it(pytester):
    shutil.copy(SEEDS[3], pytester.path / A003)      # Reuters: no dateline, no date header
    pytester.makefile(".yaml", facts="facts:\n  - id: summoned\n    date: 2024-10-21\n    context: [summon]\n")
    result = pytester.runpytest_inprocess(*QUIET)
    result.assert_outcomes(failed=1, passed=1)      # and the (lone-source) cross-source test
    result.stdout.fnmatch_lines(["cannot be checked: *publication date*", "  declared: 2024-10-21  (facts.yaml:2)",
                                 f"  at:       {A003}:2:*"])


def test_the_warning_carries_the_declaration(corpus, monkeypatch):
    from factcheck.plugin import FactNotMentionedWarning

    corpus.makefile(".yaml", facts=FACTS + "  - id: marathon\n    number: 42\n    context: [marathon]\n")
    items, _ = corpus.inline_genitems(*QUIET)
    item = next(i for i in items if i.name == f"marathon[{A000}]")
    monkeypatch.setattr(factcheck.corpus, "check_article", fake_checks.check_article)
    monkeypatch.setattr(factcheck.corpus, "cross_check", fake_checks.cross_check)
    with pytest.warns(FactNotMentionedWarning) as caught:
        item.runtest()
    warning = caught[0]
    assert (warning.filename, warning.lineno) == ("facts.yaml", 6)
    assert (warning.message.fact_id, warning.message.declared_at) == ("marathon", "facts.yaml:6")


# The whole chain the plugin runs (facts.yaml -> articles -> extract -> match), driven by
# Hypothesis: any other count written in place of one "1,500" fails that article's test
# at that line; the same count written differently does not.
FORCES = "special-forces-in-russia"
OCCURRENCES = [(seed.name, i) for seed in SEEDS
               for i in range(seed.read_text(encoding="utf-8").count("1,500"))]


def _seed_corpus_with(tmp_path, name: str, occurrence: int, written: str):
    from factcheck.corpus import Corpus
    from factcheck.facts import load_facts

    (tmp_path / "seeds").mkdir(exist_ok=True)
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    shutil.copy(ROOT / "facts.yaml", tmp_path / "facts.yaml")
    path = tmp_path / "seeds" / name
    text = path.read_text(encoding="utf-8")
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index("1,500", offset + 1)
    path.write_text(text[:offset] + written + text[offset + len("1,500"):], encoding="utf-8")
    line = article_from_text(text).position(offset)[0]
    return Corpus(load_facts(tmp_path / "facts.yaml", tmp_path)), f"seeds/{name}", line


@settings(max_examples=25, deadline=None)
@given(where=st.sampled_from(OCCURRENCES),
       # (1,350 to 1,650 is within the declared "about 1,500": those agree.)
       count=st.integers(min_value=2, max_value=10**6).filter(lambda n: not 1350 <= n <= 1650))
def test_any_other_count_fails_that_article_at_that_line(tmp_path_factory, where, count):
    corpus, display, line = _seed_corpus_with(tmp_path_factory.mktemp("s"), *where, f"{count:,}")
    verdict = corpus.verdict(FORCES, display)
    assert verdict.failed, verdict
    assert line in {f.line for f in verdict.findings}
    others = [s.display for s in corpus.sources if s.display != display]
    assert not any(corpus.verdict(FORCES, d).failed for d in others)


@pytest.mark.parametrize("written", ["1500", "fifteen hundred", "1.5 thousand", "one thousand five hundred"])
@pytest.mark.parametrize("where", OCCURRENCES[::2])
def test_the_same_count_written_differently_passes(tmp_path, where, written):
    corpus, display, _ = _seed_corpus_with(tmp_path, *where, written)
    assert not corpus.verdict(FORCES, display).failed, corpus.verdict(FORCES, display)
