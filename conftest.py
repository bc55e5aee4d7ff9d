"""Repo-level fixtures shared by the test suite (the factcheck plugin itself is
loaded through its pytest11 entry point, exactly as in a user's repo)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
