"""The injected-error benchmark runs and prints its table (run: python3 -m pytest benchmarks)."""


def test_bench_inject_prints_a_row_per_corpus_and_type(capsys):
    from benchmarks.inject import DEFAULT_CORPUS, KINDS, main

    clusters = sorted(p.parent.name for p in DEFAULT_CORPUS.glob("*/manifest.json"))
    assert main(["--per-type", "1", "--budget", "20", "--cluster", (clusters or ["none"])[0]]) == 0
    out = capsys.readouterr().out
    for corpus in ("seeds: declared facts", "seeds: cross-source", "ecbplus: cross-source"):
        for kind in KINDS + ("all",):
            assert any(line.startswith(corpus) and line.split()[len(corpus.split())] == kind
                       for line in out.splitlines()), (corpus, kind, out)
    assert "clean clusters:" in out
