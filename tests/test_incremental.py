"""The results cache as a user meets it: the same verdicts with it and without it, serial and
under pytest-xdist; an edit is seen at once; -p no:cacheprovider and --no-cache write nothing;
--cache-clear empties it; pytest and factcheck check share it."""
import pytest

from factcheck.cli import main

STORY = {
    "afp": "date 2024-10-21\nAbout 1,500 soldiers were sent to Russia on Monday, officials said.\n",
    "reuters": "date 2024-10-21\nSome 1,500 soldiers went to Russia on Monday, officials said.\n",
    "yonhap": "date 2024-10-21\nAbout 1,500 soldiers were deployed to Russia on Monday, officials said.\n",
}
FACTS = "facts:\n  - id: troops\n    number: 1500\n    qualifier: about\n    of: soldiers\n"
CACHE = (".pytest_cache", "d", "factcheck")


@pytest.fixture
def story(pytester):
    pytester.makefile(".txt", **STORY)
    pytester.makefile(".yaml", facts=FACTS)
    pytester.chdir()
    return pytester


def entries(pytester) -> int:
    folder = pytester.path.joinpath(*CACHE)
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def outcomes(pytester, *args) -> dict:
    return pytester.runpytest_subprocess(*args).parseoutcomes()


@pytest.mark.parametrize("workers", [(), ("-n", "2")])
def test_an_edit_is_seen_on_the_next_run(story, workers):
    assert outcomes(story, *workers) == {"passed": 4}
    assert entries(story) > 0
    story.makefile(".txt", afp=STORY["afp"].replace("1,500", "1,800"))
    assert outcomes(story, *workers) == {"passed": 3, "failed": 1}
    story.makefile(".txt", afp=STORY["afp"])
    assert outcomes(story, *workers) == {"passed": 4}


def test_the_same_verdicts_with_and_without_the_cache(story, capsys):
    story.makefile(".txt", reuters=STORY["reuters"].replace("1,500", "1,800"))
    cold = outcomes(story, "-p", "no:cacheprovider")
    warm = [outcomes(story), outcomes(story), outcomes(story, "-n", "2")]
    assert all(run == cold for run in warm) and cold == {"passed": 3, "failed": 1}
    capsys.readouterr()
    main(["check", ".", "--no-cache"])
    uncached = capsys.readouterr().out
    main(["check", "."])
    assert capsys.readouterr().out == uncached


def test_no_cacheprovider_and_no_cache_write_nothing(story):
    outcomes(story, "-p", "no:cacheprovider")
    assert not story.path.joinpath(".pytest_cache").exists()
    main(["check", ".", "--no-cache"])
    assert not story.path.joinpath(".pytest_cache").exists()


def test_pytest_and_the_cli_share_the_cache_and_cache_clear_empties_it(story):
    main(["check", "."])
    written = entries(story)
    assert written > 0
    outcomes(story)
    assert entries(story) == written          # pytest found everything the CLI stored
    outcomes(story, "--cache-clear", "-p", "no:randomly")
    assert entries(story) == written          # emptied, then the same entries written again
    assert story.path.joinpath(".pytest_cache", ".gitignore").exists()
