"""Language knowledge, kept as data: one folder per language, one YAML file per topic.

Every ``*.yaml`` file in ``factcheck/lang/<code>/`` is merged into one mapping;
top-level keys must not repeat across files. Adding a language means adding a
folder, not code.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

LANG_DIR = Path(__file__).parent


class LexiconError(ValueError):
    pass


@lru_cache(maxsize=None)
def lexicon(lang: str = "en") -> Mapping[str, Any]:
    folder = LANG_DIR / lang
    if not folder.is_dir():
        raise LexiconError(f"no language data for {lang!r} (looked in {folder})")
    merged: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key in merged:
                raise LexiconError(f"{path.name}: key {key!r} is already defined by another file")
            merged[key] = value
    return merged
