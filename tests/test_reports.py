"""The reports as front ends write them: ``factcheck report --html`` and ``pytest
--factcheck-html`` write the same ledger (also under pytest-xdist), never over the corpus."""
import pytest

from factcheck.cli import EXIT_OK, EXIT_UNUSABLE, main

QUIET = ("-p", "no:cacheprovider")
STORY = {
    "afp": "date 2024-10-21\nAbout 1,800 soldiers were sent to Russia on Monday, officials said.\n",
    "reuters": "date 2024-10-21\nSome 1,500 soldiers went to Russia on Monday, officials said.\n",
    "yonhap": "date 2024-10-21\nAbout 1,500 soldiers were deployed to Russia on Monday, officials said.\n",
}
FACTS = "facts:\n  - id: troops\n    number: 1500\n    qualifier: about\n    of: soldiers\n"


@pytest.fixture
def story(pytester):
    pytester.makefile(".txt", **STORY)
    pytester.makefile(".yaml", facts=FACTS)
    pytester.chdir()
    return pytester


def disagreeing_cells(page: str) -> int:
    return page.count('data-state="disagrees"')


def test_factcheck_report_writes_the_ledger(story, capsys):
    assert main(["report", ".", "--html", "ledger.html"]) == EXIT_OK
    page = (story.path / "ledger.html").read_text(encoding="utf-8")
    assert "afp.txt" in page and disagreeing_cells(page) >= 1
    assert "ledger.html: 1 stories" in capsys.readouterr().out


@pytest.mark.parametrize("target", ["afp.txt", "facts.yaml"])
def test_factcheck_report_never_writes_over_the_corpus(story, target, capsys):
    before = (story.path / target).read_bytes()
    assert main(["report", ".", "--html", target]) == EXIT_UNUSABLE
    assert (story.path / target).read_bytes() == before
    assert "will not write over" in capsys.readouterr().err


@pytest.mark.parametrize("workers", [(), ("-n", "2")])
def test_pytest_writes_the_same_ledger(story, workers):
    result = story.runpytest_subprocess("--factcheck-html=run.html", *workers, *QUIET)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*factcheck ledger: *run.html (1 stories)*"])
    assert main(["report", ".", "--html", "cli.html"]) == EXIT_OK
    assert (story.path / "run.html").read_text(encoding="utf-8") == (story.path / "cli.html").read_text(encoding="utf-8")


def findings_of(lines: str) -> list:
    import json
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in lines.splitlines() if line.strip())


@pytest.mark.parametrize("workers", [(), ("-n", "2")])
def test_pytest_and_the_cli_write_the_same_json_findings(story, workers, capsys):
    story.runpytest_subprocess("--factcheck-format=json", "--factcheck-output=run.jsonl", *workers, *QUIET)
    main(["check", ".", "--format", "json", "-o", "cli.jsonl"])
    run = findings_of((story.path / "run.jsonl").read_text(encoding="utf-8"))
    assert run == findings_of((story.path / "cli.jsonl").read_text(encoding="utf-8"))
    assert any('"article": "afp.txt"' in line and '"kind": "disagreement"' in line for line in run)


def test_github_annotations_from_the_cli_point_at_the_article(story, capsys):
    assert main(["check", ".", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=afp.txt,line=2,col=7,title=troops (disagreement)::")
    assert "1 failed" not in out    # the summary goes to stderr, the annotations alone to stdout


def test_stories_in_folders_are_placed_from_the_rootdir(pytester, capsys):
    for name, text in STORY.items():
        pytester.makefile(".txt", **{f"stories/nk/{name}": text})
    pytester.makefile(".yaml", **{"stories/nk/facts": FACTS})
    pytester.chdir()
    main(["check", ".", "--format", "github"])
    assert "::error file=stories/nk/afp.txt,line=2" in capsys.readouterr().out
    pytester.runpytest_inprocess("--junitxml=out.xml", *QUIET).assert_outcomes(passed=3, failed=1)
    import xml.etree.ElementTree as ET
    props = [p.get("value") for p in ET.parse(pytester.path / "out.xml").iter("property")]
    assert any("'file': 'stories/nk/afp.txt'" in v and "'severity': 'error'" in v for v in props), props
