"""Fuzzing facts files: whatever YAML (or text) a user saves as facts.yaml, factcheck answers
with verdicts or with errors at lines, never with a traceback, and writes nothing."""
import contextlib
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from factcheck.cli import main
from factcheck.facts import FACT_KEYS, SOURCE_KEYS, TOP_KEYS

ARTICLES = {
    "a.txt": "date 2024-10-21\nAbout 1,500 soldiers were sent to Russia on Monday, officials said.\n",
    "b.txt": "date 2024-10-22\nSome 1,800 troops went to Russia on Monday, Kim Jong Un said.\n",
}

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 20, max_value=10 ** 400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["1,500", "a.txt", "about", "up", "body", "2024-10-21",
                                                           "2024-10-21T09:00:00+09:00", "x" * 300, "[8, 13]"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=12)
fact_entries = st.dictionaries(st.sampled_from(FACT_KEYS + ("bogus",)), values, max_size=6)
source_entries = st.dictionaries(st.sampled_from(sorted(ARTICLES) + ["c.txt", "../a.txt"]),
                                 st.dictionaries(st.sampled_from(SOURCE_KEYS + ("x",)), values, max_size=3)
                                 | values, max_size=3)
documents = st.fixed_dictionaries({}, optional={
    "facts": st.lists(fact_entries, max_size=4) | values,
    "sources": source_entries | values,
    "articles": st.lists(st.sampled_from(["*.txt", "../*", "/etc/hostname", "a.txt", "nope/*.md"]), max_size=2)
    | values,
    "published": values, "cross_source": values, "accept": values,
    **{key: values for key in TOP_KEYS if key not in ("facts", "sources", "articles")},
})
yaml_texts = documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
raw_texts = st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1"))


def check(facts_text: str):
    """``factcheck check`` on a story folder holding this facts file: (status, output, unchanged)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in ARTICLES.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "facts.yaml").write_text(facts_text, encoding="utf-8", errors="surrogatepass")
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(["check", ".", "--no-cache"])
        finally:
            os.chdir(cwd)
        after = {p.name: p.read_bytes() for p in folder.iterdir()}
        return status, out.getvalue() + err.getvalue(), before == after


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_answered(text: str) -> None:
    """Verdicts (exit 0 or 1) or errors at facts.yaml lines (exit 2); never a traceback, an
    internal error or a file written."""
    status, output, unchanged = check(text)
    assert status in (0, 1, 2), output
    assert "Traceback" not in output and "internal error" not in output, output
    assert unchanged
    if status == 2:
        assert "ERROR facts.yaml" in output, output


@pytest.mark.timeout(120)
@FUZZ
@given(yaml_texts)
def test_any_yaml_document_gives_verdicts_or_errors_at_lines(text):
    assert_answered(text)


@pytest.mark.timeout(120)
@FUZZ
@given(raw_texts)
def test_any_text_saved_as_facts_yaml_gives_verdicts_or_errors(text):
    assert_answered(text)
