"""The injected-error benchmark runs and prints its table (run: python3 -m pytest benchmarks).

One small real cluster and a small budget: what is checked is that every row and line is
printed and that the options are read, not the figures (those are the benchmark's job)."""
import random
from pathlib import Path

from benchmarks.inject import (
    Cluster, KINDS, Trial, corpus_option, default_corpora, findings, interleave, judge_injection, judge_rewrite, main,
)
from factcheck.mention import Mention
from factcheck.testing.mutate import Edit, Injection
from factcheck.verdict import Finding, Verdict

BASIL = default_corpora()[2][1]
SMALL = "basil-2012-john-boehner-discusses-chance-gop-wi-f11c25"     # three short articles


def row_lines(out: str, row: str):
    return [line[len(row):].split() for line in out.splitlines() if line.startswith(row)]


def test_bench_inject_prints_every_row_for_a_named_corpus(capsys):
    assert main(["--corpus", f"small={BASIL}", "--cluster", SMALL, "--per-type", "1", "--budget", "30"]) == 0
    out = capsys.readouterr().out
    for row in ("seeds: declared facts", "seeds: cross-source", "small: cross-source"):
        cells = row_lines(out, row)
        for kind in KINDS + ("all",):
            assert any(c and c[0] == kind for c in cells), (row, kind, out)
        assert any(c[:2] == ["clean", "clusters:"] for c in cells), (row, out)
        assert any(c[:3] == ["preserving", "rewrites:", c[2]] and c[3] == "tried," for c in cells), (row, out)
    assert "ecbplus" not in out                        # --corpus replaces the default corpora
    seeds = next(c for c in row_lines(out, "seeds: cross-source") if c[0] == "preserving")
    assert int(seeds[2]) > 0, out


def test_a_spent_budget_tries_nothing_and_says_so(capsys):
    assert main(["--corpus", f"small={BASIL}", "--cluster", SMALL, "--budget", "0"]) == 0
    out = capsys.readouterr().out
    assert "budget reached" in out
    assert all(c[1] == "0" for c in row_lines(out, "seeds: cross-source") if c[0] in KINDS)


def test_corpus_option_and_defaults(monkeypatch, tmp_path):
    assert corpus_option("ecb=/data/ecb") == ("ecb", Path("/data/ecb"))
    assert corpus_option("/data/basil") == ("basil", Path("/data/basil"))
    monkeypatch.setenv("FACTCHECK_SHARED", str(tmp_path))
    assert default_corpora() == [(n, tmp_path / "corpora" / n) for n in ("ecbplus", "giveme5w1h", "basil")]


def _verdict(outcome: str, article: str = "a.txt", line: int = 3, value=13000) -> Verdict:
    mention = Mention("quantity", 0, 6, "13,000", value)
    finding = Finding(article, line, 1, mention, "13,000 fled.", "»13,000« fled.")
    return Verdict("refugees", None, outcome, findings=(finding,), kind="dropped-bound")


def _change(kind: str) -> Injection:
    return Injection(kind, "a.txt", Edit(0, 10, ""), "more than ", 3)


def test_a_new_warning_detects_a_dropped_bound_only():
    after = findings([_verdict("warn")])
    assert judge_injection(_change("qualifier-drop"), {}, after).located
    assert not judge_injection(_change("digit"), {}, after).detected
    assert judge_injection(_change("digit"), {}, findings([_verdict("fail")])).detected


def test_a_rewrite_alarms_on_new_findings_warnings_included():
    warned = findings([_verdict("warn")])
    assert len(judge_rewrite(_change("separators"), {}, warned).alarms) == 1
    assert judge_rewrite(_change("separators"), warned, warned).alarms == ()
    # the same finding turned from a warning into a failure is new
    assert len(judge_rewrite(_change("separators"), warned, findings([_verdict("fail")])).alarms) == 1


def test_interleave_takes_every_cluster_and_type_once_before_any_twice():
    clusters = [Cluster(name, [], lambda items, claims: []) for name in ("c1", "c2")]
    trials = [Trial(c, _change(k)) for c in clusters for k in ("digit", "name") for _ in range(3)]
    ordered = interleave(trials, random.Random(1))
    assert sorted(map(id, ordered)) == sorted(map(id, trials))
    first = {(t.cluster.name, t.change.kind) for t in ordered[:4]}
    assert first == {(c, k) for c in ("c1", "c2") for k in ("digit", "name")}


def test_a_finding_reworded_by_a_rewrite_is_the_same_finding():
    before = _verdict("fail")
    after = Verdict("weekday: Saturday, 31 December 2017", None, "fail", findings=before.findings, kind=before.kind)
    assert findings([after]).keys() == findings([before]).keys()
    assert judge_rewrite(_change("date-format"), findings([before]), findings([after])).alarms == ()
