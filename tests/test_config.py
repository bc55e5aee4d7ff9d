"""Settings as a user writes them: [tool.factcheck] in pyproject.toml, pytest ini options,
--factcheck-strict, and a fact's own severity; pytest and factcheck check agree."""
import pytest

from factcheck.cli import main

QUIET = ("-p", "no:cacheprovider")
A = "date 2024-10-21\nAbout 1,500 soldiers were sent to Russia on Monday, officials said.\n"
B = "date 2024-10-21\nSome 1,800 soldiers went to Russia on Monday, officials said.\n"
FACT = "facts:\n  - id: troops\n    number: 1500\n    of: soldiers\n"
# A toll that grew overnight: an update (a warning by default), not an error.
EARLY = "Nice attack\n\nNICE, France — A truck ploughed into a crowd, killing at least 60 people, officials said.\n"
LATE = "Nice attack: 84 dead\n\nNICE, France — At least 84 people were killed when a truck drove into a crowd.\n"
NICE = """sources:
  early.txt: {outlet: npr.org, published: "2016-07-14T23:10:00"}
  late.txt: {outlet: cnn.com, published: "2016-07-15T09:00:00"}
"""


@pytest.fixture
def troops(pytester):
    pytester.makefile(".txt", a=A, b=B)
    return pytester


@pytest.fixture
def nice(pytester):
    pytester.makefile(".txt", early=EARLY, late=LATE)
    pytester.makefile(".yaml", facts=NICE)
    return pytester


def cli(pytester, *args) -> int:
    """``factcheck check .`` in the story folder (pytester's tests already run there)."""
    pytester.chdir()
    return main(["check", ".", *args])


def test_an_update_is_a_warning_by_default(nice):
    result = nice.runpytest_inprocess(*QUIET)
    result.assert_outcomes(passed=1, warnings=3)     # the update, at each place it is reported
    result.stdout.fnmatch_lines(["*early.txt:3: FindingWarning: update:*"])
    assert cli(nice) == 0


def test_pyproject_makes_a_kind_an_error(nice):
    nice.makefile(".toml", pyproject='[tool.factcheck.severity]\nupdate = "error"\n')
    result = nice.runpytest_inprocess(*QUIET)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*deaths*"])
    assert cli(nice) == 1


def test_pytest_ini_option_makes_a_kind_an_error(nice):
    nice.makeini("[pytest]\nfactcheck_severity =\n    update=error\n")
    nice.runpytest_inprocess(*QUIET).assert_outcomes(failed=1)


def test_strict_makes_warnings_fail_on_both_front_ends(nice):
    nice.runpytest_inprocess("--factcheck-strict", *QUIET).assert_outcomes(failed=1)
    assert cli(nice, "--strict") == 1
    nice.makefile(".toml", pyproject="[tool.factcheck]\nstrict = true\n")
    nice.runpytest_inprocess(*QUIET).assert_outcomes(failed=1)
    assert cli(nice) == 1


def test_a_fact_declared_warning_reports_but_passes(troops):
    troops.makefile(".yaml", facts=FACT + "    severity: warning\n")
    result = troops.runpytest_inprocess("-W", "always", *QUIET)
    result.assert_outcomes(passed=3, warnings=1)
    result.stdout.fnmatch_lines(["*b.txt:2: FindingWarning: disagreement:*1,800*"])
    assert cli(troops) == 0


def test_a_fact_severity_error_is_the_default(troops):
    troops.makefile(".yaml", facts=FACT)
    troops.runpytest_inprocess(*QUIET).assert_outcomes(passed=2, failed=1)
    assert cli(troops) == 1


def test_cross_source_off_for_the_project(troops):
    troops.makefile(".yaml", facts=FACT)
    troops.makefile(".toml", pyproject="[tool.factcheck]\ncross_source = false\n")
    troops.runpytest_inprocess(*QUIET).assert_outcomes(passed=1, failed=1)   # no cross-source test


def test_cross_source_off_with_nothing_declared_says_so(troops):
    troops.makefile(".yaml", facts="sources:\n  a.txt: {outlet: A}\n")
    troops.makefile(".toml", pyproject="[tool.factcheck]\ncross_source = false\n")
    result = troops.runpytest_inprocess(*QUIET)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["facts.yaml:1: checks nothing: no facts declared and cross-source comparison is off*"])
    assert cli(troops) == 2


@pytest.mark.parametrize("toml, message", [
    ('[tool.factcheck.severity]\nupdat = "error"\n', "pyproject.toml:2: unknown finding kind 'updat'; did you mean 'update'?"),
    ('[tool.factcheck.severity]\nupdate = "fatal"\n', "pyproject.toml:2: severity of 'update' is \"error\" or \"warning\", not 'fatal'"),
    ('[tool.factcheck]\nstrikt = true\n', "pyproject.toml:2: unknown setting 'strikt' in [tool.factcheck]; did you mean 'strict'?"),
    ('[tool.factcheck]\nstrict = "yes"\n', "pyproject.toml:2: strict is true or false, not 'yes'"),
])
def test_a_wrong_setting_is_one_line_at_its_place(troops, toml, message, capsys):
    troops.makefile(".yaml", facts=FACT)
    troops.makefile(".toml", pyproject=toml)
    result = troops.runpytest_inprocess(*QUIET)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()
    assert "Traceback" not in result.stderr.str() + result.stdout.str()
    capsys.readouterr()
    assert cli(troops) == 2
    assert message in capsys.readouterr().err
