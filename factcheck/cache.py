"""A content-addressed store for per-article (and per-story) results, shared between runs.

A result is stored under a key that is a hash of everything it was computed from: the
article's bytes, its metadata, the language data, the settings, the package version. An
edit to any of them gives another key, so an entry is never invalidated, only left behind:
nothing has to decide whether it is still valid. Under pytest the directory is
``config.cache.mkdir("factcheck")`` (inside ``.pytest_cache``), so ``--cache-clear`` empties
it and ``-p no:cacheprovider`` turns it off (``ArticleCache(None)``: every ``get`` misses,
``put`` writes nothing).

Robustness is part of the contract, because two pytest-xdist workers write into the same
directory and a run may be killed at any moment:

- an entry is written to a temporary file in the same directory and moved into place with
  ``os.replace`` (atomic on POSIX and Windows), so a reader sees the whole entry or none;
  two writers of one key each replace the file with a whole copy of the same value;
- an entry carries a format tag and a digest of its payload: a truncated, corrupt or
  foreign file, or one that no longer unpickles (a class renamed), is a miss, never an
  error; a directory that cannot be written is a cache that does not store, never a failure.

Entries are pickles: the cache directory is the user's own working data (as
``.pytest_cache`` is), never a file received from elsewhere.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

Part = Union[bytes, str]

#: Bumped when the entry layout changes: older entries are then misses.
FORMAT = b"factcheck-cache/1\n"
_DIGEST_SIZE = 32          # sha256 of the payload, right after FORMAT
_PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL
_TEMP_PREFIX = ".tmp-"     # in-flight writes; never read as entries

PACKAGE_DIR = Path(__file__).resolve().parent
LANG_DIR = PACKAGE_DIR / "lang"


def key(*parts: Part) -> str:
    """The hex sha256 of ``parts``, each tagged with its type and prefixed with its length,
    so that no two distinct tuples of parts share a key (``("ab", "c")`` is not
    ``("a", "bc")``, ``"a"`` is not ``b"a"``)."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            tag, data = b"s", part.encode("utf-8", "surrogatepass")
        elif isinstance(part, (bytes, bytearray, memoryview)):
            tag, data = b"b", bytes(part)
        else:
            raise TypeError(f"a key part is bytes or str, not {type(part).__name__}")
        h.update(tag)
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _tree_fingerprint(root: Path, pattern: str) -> str:
    """Hash of every file matching ``pattern`` below ``root``: relative paths and bytes."""
    h = hashlib.sha256()
    for path in sorted(root.rglob(pattern)):
        if path.is_file():
            rel = path.relative_to(root).as_posix().encode("utf-8")
            data = path.read_bytes()
            h.update(len(rel).to_bytes(8, "big") + rel + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


@lru_cache(maxsize=None)
def language_fingerprint() -> str:
    """Hash of the language data (every YAML file under ``factcheck/lang/``, the schema
    and the example corpora included), computed once per process."""
    return _tree_fingerprint(LANG_DIR, "*.yaml")


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Hash of the package's Python sources, computed once per process. The package
    version alone does not change while someone edits an installed checkout (``pip
    install -e``): keying on the sources too keeps a changed extractor from reading
    results its previous version cached."""
    return _tree_fingerprint(PACKAGE_DIR, "*.py")


def environment_parts() -> tuple:
    """The key parts every entry shares: package version, language data, code."""
    from . import __version__  # at call time: the package's __init__ may still be importing

    return (__version__, language_fingerprint(), code_fingerprint())


class ArticleCache:
    """Pickled values by key in ``directory`` (None: disabled, nothing is read or written).

    ``hits``/``misses``/``writes`` count this instance's traffic (for reports and tests)."""

    def __init__(self, directory: Optional[Path]):
        self.directory = Path(directory) if directory is not None else None
        self.hits = 0
        self.misses = 0
        self.writes = 0

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def path(self, key_: str) -> Path:
        """Where ``key_``'s entry lives: one sub-folder per first two hex digits, so that no
        folder holds more than a few hundred entries at 10,000s of articles."""
        if self.directory is None:
            raise ValueError("a disabled cache has no paths")
        if len(key_) < 3 or not all(c in "0123456789abcdef" for c in key_):
            raise ValueError(f"not a cache key: {key_!r}")
        return self.directory / key_[:2] / key_[2:]

    def get(self, key_: str) -> Optional[object]:
        """The value stored under ``key_``, or None (missing, disabled, unreadable, corrupt)."""
        if self.directory is None:
            self.misses += 1
            return None
        try:
            raw = self.path(key_).read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = _decoded(raw)
        if value is _MISS:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key_: str, value: object) -> bool:
        """Store ``value`` under ``key_``; whether it was written. Never raises for a
        directory that cannot be written (the cache then just does not store)."""
        if self.directory is None:
            return False
        payload = pickle.dumps(value, protocol=_PICKLE_PROTOCOL)
        target = self.path(key_)
        tmp_name = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(FORMAT)
                out.write(hashlib.sha256(payload).digest())
                out.write(payload)
            os.replace(tmp_name, target)
            tmp_name = None
        except OSError:
            return False
        finally:
            if tmp_name is not None:
                try:
                    os.unlink(tmp_name)
                except OSError:
                    pass
        self.writes += 1
        return True


_MISS = object()


def _decoded(raw: bytes) -> object:
    """The value of an entry's bytes, or ``_MISS`` when they are not a whole, intact entry."""
    head = len(FORMAT) + _DIGEST_SIZE
    if len(raw) < head or not raw.startswith(FORMAT):
        return _MISS
    payload = raw[head:]
    if hashlib.sha256(payload).digest() != raw[len(FORMAT):head]:
        return _MISS
    try:
        return pickle.loads(payload)
    except Exception:  # a class renamed or moved since it was stored: recompute it
        return _MISS
