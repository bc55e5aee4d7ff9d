"""A do-nothing pytest plugin with factcheck's items: the floor a re-run is measured against.

Issue 11 asks that a re-run after one edit cost at most 1.5 times "a do-nothing plugin with
the same items": pytest's own cost per item (collection, reports, the terminal summary of
each failure) is a floor no plugin goes below. This module gives that floor in two modes,
chosen by environment variables (it is loaded with ``-p benchmarks.floor_plugin``):

- ``FACTCHECK_FLOOR_RECORD=FILE`` beside the real plugin: each test's node id, outcome and
  failure text is written to FILE (JSON) at the end of the run.
- ``FACTCHECK_FLOOR_REPLAY=FILE`` with ``-p no:factcheck``: every facts file is read as YAML
  (any plugin reads its spec) and yields the recorded items, which pass or fail with the
  recorded text and nothing else: no article is read, nothing is checked.

A measuring tool for ``benchmarks.scale``; not part of the package, not a test.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

RECORD = "FACTCHECK_FLOOR_RECORD"
REPLAY = "FACTCHECK_FLOOR_REPLAY"
FACTS_FILE_NAMES = ("facts.yaml", "facts.yml")


class _Recorder:
    def __init__(self, out: Path):
        self.out = out
        self.tests: Dict[str, dict] = {}

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.tests[report.nodeid] = {"outcome": report.outcome,
                                         "text": report.longreprtext if report.failed else ""}

    def pytest_sessionfinish(self) -> None:
        self.out.write_text(json.dumps(self.tests), encoding="utf-8")


class FloorFailure(Exception):
    """A recorded failure, replayed with its text."""


class FloorItem(pytest.Item):
    def __init__(self, *, outcome: str, text: str, **kwargs):
        super().__init__(**kwargs)
        self.outcome, self.text = outcome, text

    def runtest(self) -> None:
        if self.outcome == "failed":
            raise FloorFailure(self.text)
        if self.outcome == "skipped":
            pytest.skip("recorded as skipped")

    def repr_failure(self, excinfo, style=None):
        return self.text if isinstance(excinfo.value, FloorFailure) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name


class FloorFile(pytest.File):
    def collect(self):
        yaml.safe_load(self.path.read_text(encoding="utf-8"))   # read the spec, as any plugin must
        for name, test in self.config.stash[_RECORDED].get(self.nodeid, []):
            yield FloorItem.from_parent(self, name=name, outcome=test["outcome"], text=test["text"])


_RECORDED = pytest.StashKey[Dict[str, List[tuple]]]()


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(RECORD):
        config.pluginmanager.register(_Recorder(Path(os.environ[RECORD])), "factcheck-floor-recorder")
    if os.environ.get(REPLAY):
        by_file: Dict[str, List[tuple]] = {}
        for nodeid, test in json.loads(Path(os.environ[REPLAY]).read_text(encoding="utf-8")).items():
            file_id, _, name = nodeid.partition("::")
            by_file.setdefault(file_id, []).append((name, test))
        config.stash[_RECORDED] = by_file


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if os.environ.get(REPLAY) and file_path.name in FACTS_FILE_NAMES:
        return FloorFile.from_parent(parent, path=file_path)
    return None
