"""Aids for testing a fact-check gate: rewrites that must be caught (:mod:`.mutate`)."""
