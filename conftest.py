"""Repo-level fixtures shared by the test suite (the factcheck plugin itself is
loaded through its pytest11 entry point, exactly as in a user's repo)."""
import os
from pathlib import Path

import pytest

try:  # hypothesis is a test extra: checking the seed corpus alone does not need it
    from hypothesis import settings
except ImportError:  # pragma: no cover
    settings = None

# In CI (CI=true) hypothesis draws the same examples every run, so a gate never flips on a
# new random draw; locally it keeps exploring (and stores what it finds in .hypothesis/).
if settings is not None:
    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")

ROOT = Path(__file__).parent

# Story folders used as test data hold facts files of their own (some broken on purpose):
# the tests run them under pytester, the suite must not collect them itself.
collect_ignore = ["tests/bad_inputs", "tests/data"]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
