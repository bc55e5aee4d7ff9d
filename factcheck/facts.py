"""facts.yaml: what the user declares. Loading keeps the YAML line of every entry.

INTERFACE DRAFT (the lead's): the dataclasses below are the contract between the
loader (plugin engineer) and the matcher (matching engineer). Fields may be added
with defaults; existing ones keep their meaning.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Mapping, Optional, Tuple, Union

FactKind = Literal["quantity", "date", "person"]
Number = Union[int, float]


class FactsError(Exception):
    """A facts file is wrong; ``str()`` is "facts.yaml:LINE: message"."""

    def __init__(self, path: str, line: Optional[int], message: str):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Fact:
    id: str
    kind: FactKind
    declared_at: str                         # "stories/nk/facts.yaml:12"
    line: int
    number: Optional[Union[Number, Tuple[Number, Number]]] = None
    qualifier: Optional[str] = None          # about | more than | at least | fewer than | up to | exactly
    of: Tuple[str, ...] = ()                 # counted nouns accepted
    unit: Optional[str] = None
    context: Tuple[str, ...] = ()            # the sentence must contain one (case-insensitive)
    date: Optional[str] = None               # ISO as declared: YYYY-MM-DD | YYYY-MM | YYYY | START/END
    name: Optional[str] = None
    aliases: Tuple[str, ...] = ()
    known: Mapping[str, str] = field(default_factory=dict)   # article path (as in node ids) -> reason
    known_lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceMeta:
    published: Optional[dt.date] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None


@dataclass(frozen=True)
class FactsFile:
    path: Path                               # absolute
    display: str                             # as shown to the user (relative to rootdir)
    articles: Tuple[str, ...] = ()           # globs relative to the file; () = default discovery
    published: Optional[dt.date] = None
    sources: Mapping[str, SourceMeta] = field(default_factory=dict)
    facts: Tuple[Fact, ...] = ()
    cross_source: bool = True                # compare undeclared figures across articles
