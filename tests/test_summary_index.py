"""The failure summary's teardown sections, looked up through factcheck's index (pytest#13360)."""
import pytest

from factcheck.plugin import _index_teardown_reports

pytest_plugins = ["pytester"]


def test_teardown_output_of_a_failing_test_is_still_shown(pytester):
    pytester.makepyfile("""
        import pytest

        @pytest.fixture
        def noisy():
            yield
            print("said while tearing down")

        def test_fails(noisy):
            assert 1 == 2

        def test_passes(noisy):
            pass
    """)
    result = pytester.runpytest()    # factcheck is loaded by its entry point
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*Captured stdout teardown*", "said while tearing down"])
    assert result.stdout.str().count("said while tearing down") == 1   # the failing test's only


class _Report:
    def __init__(self, nodeid, when):
        self.nodeid, self.when = nodeid, when


class _Reporter:
    """pytest's lookup, as TerminalReporter has it: a scan of every report."""

    def __init__(self):
        self.stats = {"": []}

    def getreports(self, name):
        return [r for r in self.stats.get(name, []) if not hasattr(r, "_pdbshown")]

    def _get_teardown_reports(self, nodeid):
        return [r for r in self.getreports("") if r.when == "teardown" and r.nodeid == nodeid]


def test_the_index_gives_what_the_scan_gives_as_reports_arrive():
    scanning, indexed = _Reporter(), _Reporter()
    _index_teardown_reports(indexed)
    for i in range(60):
        for when in ("setup", "teardown"):
            report = _Report(f"t{i % 7}", when)
            scanning.stats[""].append(report)
            indexed.stats[""].append(report)
        for nodeid in ("t0", "t3", "t6", "absent"):
            assert indexed._get_teardown_reports(nodeid) == scanning._get_teardown_reports(nodeid)


def test_a_reporter_without_the_method_is_left_alone():
    class Other:
        stats = {}
    other = Other()
    _index_teardown_reports(other)
    _index_teardown_reports(None)
    assert not hasattr(other, "_get_teardown_reports")
