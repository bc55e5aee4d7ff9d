"""Test doubles for the matcher and the cross-source comparison.

The plugin's and the CLI's tests are about collection, node ids, outcomes, xfail,
rendering and exit codes -- not about how figures are matched (tested elsewhere).
These doubles make those tests deterministic whatever the state of the real matcher:
a number fact is judged by the digit groups (``1,500``) of every sentence holding
one of its ``context`` words; other facts pass as "not mentioned". The cross-source
double compares the figure before "North Korean special forces" across articles.

Installed by patching ``factcheck.corpus.check_article`` and ``cross_check``; see :func:`install`.
"""
import re

from factcheck.verdict import Finding, Verdict, mark

FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
SPECIAL_FORCES = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+) North Korean special forces")


def _finding(article, start, end, reason=""):
    s_start, s_end = article.sentence_span(start)
    sentence = article.text[s_start:s_end]
    line, column = article.position(start)
    from factcheck.mention import Mention

    value = int(article.text[start:end].replace(",", ""))
    mention = Mention("quantity", start, end, article.text[start:end], value)
    return Finding(article.path, line, column, mention, sentence,
                   mark(sentence, start - s_start, end - s_start), reason)


def check_article(facts, article, mentions, settings=None, claims=None):
    out = {}
    for fact in facts:
        agreeing, findings = [], []
        if fact.kind == "quantity" and fact.context:
            for s_start, s_end in article.sentences:
                sentence = article.text[s_start:s_end]
                if not any(c.lower() in sentence.lower() for c in fact.context):
                    continue
                for m in FIGURE.finditer(sentence):
                    start, end = s_start + m.start(), s_start + m.end()
                    value = int(m.group().replace(",", ""))
                    if value == fact.number:
                        agreeing.append(_finding(article, start, end))
                    else:
                        findings.append(_finding(article, start, end,
                                                 f"{m.group()} is not {fact.number:,}"))
        expected = f"{fact.number:,}" if fact.number is not None else (fact.date or fact.name)
        if findings:
            out[fact.id] = Verdict(fact.id, article.path, "fail", expected=expected,
                                   declared_at=fact.declared_at, findings=tuple(findings),
                                   agreeing=tuple(agreeing), message=findings[0].reason)
        else:
            out[fact.id] = Verdict(fact.id, article.path, "pass", expected=expected,
                                   declared_at=fact.declared_at, agreeing=tuple(agreeing),
                                   message="" if agreeing else "not mentioned")
    return out


def cross_check(items, facts, claims=None):
    found = []
    for article, _mentions in items:
        for m in SPECIAL_FORCES.finditer(article.text):
            found.append(_finding(article, m.start(1), m.end(1)))
    values = {f.mention.value for f in found}
    if not found:
        return []
    if len(values) == 1:
        return [Verdict("special-forces", None, "pass", agreeing=tuple(found))]
    return [Verdict("special-forces", None, "fail", findings=tuple(found),
                    message=f"{len(values)} different figures",
                    details=tuple(f"{f.article}: {f.mention.text}" for f in found))]


def install(corpus_module):
    """Put the doubles in place of the real checks; returns what to restore."""
    saved = (corpus_module.check_article, corpus_module.cross_check)
    corpus_module.check_article, corpus_module.cross_check = check_article, cross_check
    return saved


# Text of a conftest.py that installs the doubles for one pytest run (in-process or not)
# and restores the real seam afterwards, so in-process runs do not leak into the caller.
CONFTEST = '''
import importlib.util, sys
import factcheck.corpus

_spec = importlib.util.spec_from_file_location("fake_checks", {path!r})
fake_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake_checks)
_saved = []

def pytest_configure(config):
    _saved.append(fake_checks.install(factcheck.corpus))

def pytest_unconfigure(config):
    factcheck.corpus.check_article, factcheck.corpus.cross_check = _saved.pop()
'''


def conftest_text() -> str:
    return CONFTEST.format(path=__file__)
