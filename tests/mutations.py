"""Rewrites of the seed corpus for tests/test_seed_mutations.py, and running pytest on them.

The rewrite functions themselves are pure and live in :mod:`factcheck.testing.mutate`
(the injection benchmark uses the same ones); this module adds what the pytester
tests need: a copy of the seed corpus with one rewrite applied, one in-process
pytest run of it, and its failures by node id with their report text.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from num2words import num2words

from factcheck.article import article_from_text
from factcheck.testing.mutate import Edit, find_edit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_NAMES = tuple(seed.name for seed in SEEDS)
A000, A001, A002, A003, A004 = SEED_NAMES
#: The repo's facts file (declared facts) ...
DECLARED = (ROOT / "facts.yaml").read_text(encoding="utf-8")
#: ... and one that declares no fact: only the cross-source comparison runs.
UNDECLARED = "articles: [seeds/*.txt]\npublished: 2024-10-21\n"
MODES = {"declared": DECLARED, "cross-source": UNDECLARED}
#: How every run is started: the facts file only, no cache written into the copy.
PYTEST_ARGS = ("facts.yaml", "-p", "no:cacheprovider", "-rA")


@dataclass(frozen=True)
class Rewrite:
    """Replace the ``occurrence``-th ``old`` in seed ``article`` with ``new``."""

    article: str           # file name in seeds/
    old: str
    new: str
    occurrence: int = 0

    @property
    def display(self) -> str:
        """The article as node ids and reports name it."""
        return f"seeds/{self.article}"

    def edit(self) -> Edit:
        return find_edit(seed_text(self.article), self.old, self.new, self.occurrence)

    @property
    def line(self) -> int:
        """The line the changed text stands on (1-based)."""
        return article_from_text(seed_text(self.article)).position(self.edit().start)[0]

    def __str__(self) -> str:
        return f"{self.article}: {self.old!r} -> {self.new!r}"


def seed_text(name: str) -> str:
    return (ROOT / "seeds" / name).read_text(encoding="utf-8")


def occurrences(old: str) -> List[Tuple[str, int]]:
    """(seed, occurrence) of every ``old`` in the seed corpus."""
    return [(name, i) for name in SEED_NAMES for i in range(seed_text(name).count(old))]


def write_corpus(folder: Path, facts: str, rewrite: Optional[Rewrite] = None) -> None:
    """The seed corpus in ``folder`` (overwriting a previous copy) with ``rewrite`` applied."""
    (folder / "seeds").mkdir(exist_ok=True)
    for seed in SEEDS:
        shutil.copyfile(seed, folder / "seeds" / seed.name)
    (folder / "facts.yaml").write_text(facts, encoding="utf-8")
    if rewrite is not None:
        target = folder / "seeds" / rewrite.article
        target.write_text(rewrite.edit().apply(seed_text(rewrite.article)), encoding="utf-8")


def failures(pytester) -> Dict[str, str]:
    """Run pytest in-process on the copy: failing node id -> its report text (collection
    errors included, keyed by the collector's node id). The one cross-source test is split
    into its findings, keyed ``facts.yaml::cross-source[<finding id>]``, so a new finding in
    an already failing cross-source test counts as new."""
    result = pytester.runpytest_inprocess(*PYTEST_ARGS)
    out = {}
    for report in result.reprec.getreports("pytest_collectreport") + \
            result.reprec.getreports("pytest_runtest_logreport"):
        if not report.failed:
            continue
        if report.nodeid.endswith("::cross-source"):
            for block in re.split(r"\n(?=\[[a-z0-9-]+\] )", "\n" + report.longreprtext):
                found = re.match(r"\[([a-z0-9-]+)\] ", block)
                if found:
                    out[f"{report.nodeid}[{found.group(1)}]"] = block
            continue
        out[report.nodeid] = report.longreprtext
    # Warnings of severity "warning" (a dropped bound between sources, an update) are
    # findings too: keyed by kind and place so that a new one counts as new.
    for call in result.reprec.getcalls("pytest_warning_recorded"):
        warning = call.warning_message
        if warning.category.__name__ == "FindingWarning":
            key = f"warning[{warning.filename}:{warning.lineno}: {warning.message}]"
            out[key] = f"{warning.filename}:{warning.lineno}: {warning.message}"
    return out


def equivalent_spellings(number: int) -> List[str]:
    """The same count written as news writes it: digits without separators or with spaces,
    in words (num2words; its British comma after "thousand" removed, since "one thousand,
    five hundred" reads as a list), as a year is read ("fifteen hundred"), with a scale word."""
    spellings = [str(number), num2words(number).replace(",", "")]
    as_year = num2words(number, to="year")
    if "hundred" in as_year and number % 100 == 0:
        spellings.append(as_year)
    if number >= 10000:   # a space as thousands separator (SI style); rare below five digits
        spellings.append(f"{number:,}".replace(",", " "))
    if number % 1000 == 0:
        spellings.append(f"{number // 1000} thousand")
    elif number > 1000 and number % 100 == 0:
        spellings.append(f"{number / 1000:g} thousand")
    return list(dict.fromkeys(spellings))
