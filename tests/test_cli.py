"""The command line: ``factcheck extract`` prints what the extractors read, ``factcheck
check`` runs the plugin's checks and prints the same report."""
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import fake_checks
import factcheck.corpus
from factcheck import extract, read_article
from factcheck import cli
from factcheck.cli import main

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
A000, A001 = SEEDS[0].name, SEEDS[1].name
FACTS = """\
published: 2024-10-21
facts:
  - id: special-forces
    number: 1500
    context: [North Korean special forces]
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- extract

def test_extract_prints_every_mention_where_it_stands(capsys):
    seed = str(SEEDS[1])
    code, out, _ = run(capsys, "extract", seed, "--published", "2024-10-21")
    assert code == 0
    article = read_article(Path(seed), seed, published="2024-10-21")
    mentions = extract(article.body, published=article.published)
    lines = out.splitlines()
    assert len(lines) == len(mentions) > 0
    for line, mention in zip(lines, mentions):
        fields = line.split("  ")
        row, column = article.position(mention.start)
        assert fields[0] == f"{seed}:{row}:{column}"
        assert fields[1] == mention.kind
        assert len(fields) == 7          # FILE:LINE:COL kind value unit counted qualifier "text"
        assert fields[6] == json.dumps(mention.text, ensure_ascii=False)
    assert any(f.split("  ")[1:3] == ["quantity", "1500"] for f in lines)


def test_extract_json_lines(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\nAbout 1,500 troops arrived on Monday.\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", "--json", "--published", "2024-10-21", str(path))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    quantity = next(r for r in rows if r["kind"] == "quantity")
    assert (quantity["file"], quantity["line"], quantity["value"]) == (str(path), 2, 1500)
    assert {"start", "end", "text", "column", "unit", "counted", "qualifier"} <= set(quantity)
    date = next(r for r in rows if r["kind"] == "date")
    assert date["value"] == "2024-10-21"


def test_extract_without_publication_date_leaves_relative_dates_unresolved(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Troops arrived on Monday.\n", encoding="utf-8")
    _, out, _ = run(capsys, "extract", "--json", str(path))
    assert [json.loads(line)["value"] for line in out.splitlines()
            if json.loads(line)["kind"] == "date"] == [None]


def test_extract_walks_folders_and_reports_unreadable_files(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("About 1,500 troops.\n", encoding="utf-8")
    (tmp_path / "facts.yaml").write_text("facts: []\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes("Caf\xe9 1,500".encode("latin-1"))
    code, out, err = run(capsys, "extract", str(tmp_path))
    assert code == 2
    assert {line.split(":")[0] for line in out.splitlines()} == {str(tmp_path / "a.txt")}
    assert f"{tmp_path / 'bad.md'}:1: not UTF-8 text" in err


def test_extract_rejects_a_bad_date(capsys, tmp_path):
    code, _, err = run(capsys, "extract", "--published", "21/10/2024", str(SEEDS[0]))
    assert code == 2 and "--published" in err


# --------------------------------------------------------------------------- check

@pytest.fixture
def story(tmp_path, monkeypatch):
    """Seed copies beside a facts file; the test doubles replace matcher and cross-check."""
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    monkeypatch.setattr(factcheck.corpus, "check_article", fake_checks.check_article)
    monkeypatch.setattr(factcheck.corpus, "cross_check", fake_checks.cross_check)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rewrite(path: Path, old: str, new: str):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_check_passes_a_consistent_corpus(capsys, story):
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert out.strip().splitlines()[-1] == "6 passed"
    code, out, _ = run(capsys, "check", "facts.yaml", "-v")
    assert f"PASSED facts.yaml::special-forces[{A000}]" in out


def test_check_fails_with_the_plugins_report(capsys, pytester, story, monkeypatch):
    rewrite(story / A001, "batch of 1,500", "batch of 1,600")
    code, out, _ = run(capsys, "check", "facts.yaml")
    assert code == 1
    assert f"FAILED facts.yaml::special-forces[{A001}]\ndisagrees: 1,600 is not 1,500\n" in out
    assert out.strip().splitlines()[-1] == "2 failed, 4 passed"
    # The very text pytest shows for that failure.
    for path in story.iterdir():
        if path.is_file():   # the story, not the cache folder the CLI keeps beside it
            shutil.copy(path, pytester.path / path.name)
    pytester.makeconftest(fake_checks.conftest_text())
    monkeypatch.chdir(pytester.path)
    pytester.runpytest_inprocess("-p", "no:cacheprovider", "--junitxml=report.xml")
    case = next(c for c in ET.parse(pytester.path / "report.xml").iter("testcase")
                if c.get("name") == f"special-forces[{A001}]")
    assert case.find("failure").text in out


def test_check_known_discrepancies(capsys, story):
    rewrite(story / A001, "1,500", "1,600")
    facts = FACTS + f"    known:\n      {A001}: the batch was larger\n"
    (story / "facts.yaml").write_text(facts.replace("published", "cross_source: false\npublished"), encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert f"XFAIL facts.yaml::special-forces[{A001}]  known: the batch was larger" in out
    rewrite(story / A001, "1,600", "1,500")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "XPASS(strict): the known discrepancy is gone; remove the known entry at facts.yaml:8" in out


def test_check_reports_a_bad_facts_file_and_exits_2(capsys, story):
    (story / "facts.yaml").write_text("facts:\n  - id: a\n    number: 1\n    contxt: [x]\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert "facts.yaml:4: unknown key 'contxt' in a fact; did you mean 'context'?" in err


def test_check_warns_about_a_fact_no_article_mentions(capsys, story):
    (story / "facts.yaml").write_text(FACTS + "  - id: marathon\n    number: 42\n    context: [marathon]\n",
                                      encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "WARNING facts.yaml:6: fact 'marathon' is mentioned by no article" in out


def test_check_without_facts_files(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "no facts.yaml" in err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("ci, shown", [(None, True), ("true", False)])
def test_check_shows_progress_on_a_terminal_and_stays_quiet_in_ci(tmp_path, monkeypatch, ci, shown):
    for story in ("nk", "nice"):
        folder = tmp_path / story
        folder.mkdir()
        (folder / "a.txt").write_text("date 2024-10-21\nAbout 1,500 soldiers were sent.\n", encoding="utf-8")
        (folder / "facts.yaml").write_text("facts:\n  - id: troops\n    number: 1500\n    of: soldiers\n",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    if ci:
        monkeypatch.setenv("CI", ci)
    out, err = io.StringIO(), _Terminal()
    args = cli._parser().parse_args(["check", ".", "--no-cache"])
    assert args.run(args, out, err) == 0
    assert ("[2/2] nk/facts.yaml" in err.getvalue()) == shown
    assert "[1/2]" not in out.getvalue()
