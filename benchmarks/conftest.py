"""pytest under benchmarks/: the benchmark tests only.

``benchmarks/dev/<cluster>/facts.yaml`` are the labelled development set: their articles
live in ``../shared/corpora`` and ``benchmarks/claims.py`` copies them beside the facts
file in a temporary folder before checking. Collected in place (``pytest benchmarks``)
the factcheck plugin would find no article beside them and report a collection error.
"""
collect_ignore = ["dev"]
