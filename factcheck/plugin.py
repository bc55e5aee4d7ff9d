"""pytest plugin: collects facts.yaml files (loaded through the pytest11 entry point)."""
