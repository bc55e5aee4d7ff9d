"""The catalogue of bad inputs (tests/bad_inputs/<case>/, each with its expected.yaml): what a
user sees for every class of mistake, the same in pytest and in ``factcheck check``.

For every case: the outcome is the expected one (``error``: a collection error; ``failed``: a
failing test; ``passed``), each expected message appears, no Python traceback or pytest
INTERNALERROR is printed, nothing is written into the story folder, and both front ends
conclude the same."""
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from factcheck.cli import EXIT_FAILED, EXIT_OK, EXIT_UNUSABLE, main

CASES = Path(__file__).parent / "bad_inputs"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").is_file())
PYTEST_EXIT = {"passed": pytest.ExitCode.OK, "failed": pytest.ExitCode.TESTS_FAILED,
               "error": pytest.ExitCode.INTERRUPTED}
CLI_EXIT = {"passed": EXIT_OK, "failed": EXIT_FAILED, "error": EXIT_UNUSABLE}
NEVER = ("Traceback (most recent call last)", "INTERNALERROR")


def expected(name: str) -> dict:
    return yaml.safe_load((CASES / name / "expected.yaml").read_text(encoding="utf-8"))


def story(name: str, into: Path) -> Path:
    """The case's folder copied (symlinks kept as symlinks), without its expected.yaml."""
    folder = into / name
    shutil.copytree(CASES / name, folder, symlinks=True, ignore=shutil.ignore_patterns("expected.yaml"))
    return folder


def snapshot(folder: Path) -> dict:
    """Every file of the story (pytest's cache folder, which both front ends may write, aside)."""
    return {p.relative_to(folder).as_posix(): (p.is_symlink(), hashlib.sha256(
        p.read_bytes() if not p.is_symlink() else str(p.readlink()).encode()).hexdigest())
        for p in sorted(folder.rglob("*")) if (p.is_file() or p.is_symlink())
        and ".pytest_cache" not in p.relative_to(folder).parts}


def test_the_catalogue_covers_every_class_of_mistake():
    outcomes = {expected(n)["outcome"] for n in NAMES}
    assert outcomes == {"passed", "failed", "error"} and len(NAMES) >= 20


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", NAMES)
def test_pytest_says_what_is_wrong(name, pytester):
    case = expected(name)
    folder = story(name, pytester.path)
    before = snapshot(folder)
    pytester.chdir()
    result = pytester.runpytest_inprocess(str(folder), "-p", "no:cacheprovider", "--rootdir", str(folder))
    output = result.stdout.str() + result.stderr.str()
    assert result.ret == PYTEST_EXIT[case["outcome"]], output
    for message in case["messages"]:
        assert message in output, f"{message!r} not in:\n{output}"
    for never in NEVER:
        assert never not in output, output
    assert snapshot(folder) == before


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", NAMES)
def test_factcheck_check_says_the_same(name, tmp_path, monkeypatch, capsys):
    case = expected(name)
    folder = story(name, tmp_path)
    before = snapshot(folder)
    monkeypatch.chdir(folder)
    status = main(["check", "."])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert status == CLI_EXIT[case["outcome"]], output
    for message in case["messages"]:
        # The CLI names tests as pytest does; its errors carry the same FILE:LINE: message.
        assert message in output, f"{message!r} not in:\n{output}"
    for never in NEVER:
        assert never not in output, output
    assert snapshot(folder) == before
