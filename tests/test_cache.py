"""The content-addressed result cache (factcheck/cache.py): what a user relies on is that a
re-run reads back exactly what was computed, that any change to an input is a miss, and that
a damaged or half-written cache is only ever a miss, never an error or a wrong value."""
import multiprocessing
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, strategies as st

from factcheck import cache as cache_mod
from factcheck.article import read_article
from factcheck.cache import ArticleCache, key, language_fingerprint
from factcheck.claims.build import build_claims
from factcheck.extract import extract

SEED = Path(__file__).resolve().parents[1] / "seeds" / "003_55edb76f28711d65.txt"


def _entry_files(root: Path):
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def seed_claims():
    article = read_article(SEED, SEED.name, published="2024-10-21")
    return build_claims(article, extract(article.body, published=article.published))


def test_round_trip_of_real_claims(tmp_path, seed_claims):
    """Claims (frozen dataclasses holding Mentions and TimeExprs) come back equal, with the
    fields that equality ignores (``Mention.expr``) intact too."""
    store = ArticleCache(tmp_path)
    k = key(SEED.read_bytes(), "meta", language_fingerprint())
    assert store.get(k) is None
    assert store.put(k, seed_claims)
    back = ArticleCache(tmp_path).get(k)            # another instance: read from disk
    assert back == seed_claims and back is not seed_claims
    assert [c.mention.expr for c in back] == [c.mention.expr for c in seed_claims]
    assert any(c.mention.expr is not None for c in back)


def test_a_put_overwrites_and_other_keys_are_untouched(tmp_path):
    store = ArticleCache(tmp_path)
    store.put(key("a"), 1)
    store.put(key("b"), 2)
    store.put(key("a"), 3)
    assert (store.get(key("a")), store.get(key("b"))) == (3, 2)


PARTS = (b"the article's bytes \x00\xff", "outlet=AFP published=2024-10-21", "lang:2ac403", "CrossSettings()", "0.1.0")


@pytest.mark.parametrize("index", range(len(PARTS)))
def test_a_changed_byte_in_any_key_part_misses(tmp_path, index):
    store = ArticleCache(tmp_path)
    store.put(key(*PARTS), "stored")
    part = PARTS[index]
    raw = part if isinstance(part, bytes) else part.encode()
    changed = raw[:-1] + bytes([raw[-1] ^ 1])
    parts = list(PARTS)
    parts[index] = changed if isinstance(part, bytes) else changed.decode()
    assert store.get(key(*parts)) is None
    assert store.get(key(*PARTS)) == "stored"


def test_key_parts_are_delimited_and_typed():
    assert key("ab", "c") != key("a", "bc")
    assert key("a") != key(b"a")
    assert key() != key("") != key("", "")
    with pytest.raises(TypeError):
        key(1)                                      # type: ignore[arg-type]


@given(st.lists(st.one_of(st.text(max_size=6), st.binary(max_size=6)), max_size=4),
       st.lists(st.one_of(st.text(max_size=6), st.binary(max_size=6)), max_size=4))
@example(["ab", "c"], ["a", "bc"])
@example(["a", ""], ["as"])           # the type tag alone is no delimiter: lengths are needed
@example([b"x", b""], [b"xb"])
@example(["a"], [b"a"])
def test_distinct_part_tuples_have_distinct_keys(a, b):
    same = len(a) == len(b) and all(type(x) is type(y) and x == y for x, y in zip(a, b))
    assert (key(*a) == key(*b)) == same


def _corruptions(raw: bytes):
    yield "empty", b""
    yield "truncated header", raw[:10]
    yield "truncated payload", raw[:-1]
    yield "half", raw[: len(raw) // 2]
    at = raw.index(b"1,500 troops")
    yield "a figure changed inside the pickle", raw[:at] + b"1,800" + raw[at + 5:]
    flipped = bytearray(raw)
    flipped[-5] ^= 0x40                           # a byte of the pickle's structure
    yield "flipped payload byte", bytes(flipped)
    yield "foreign file", b"not a cache entry at all, just text\n" * 4
    yield "older format", raw.replace(cache_mod.FORMAT, b"factcheck-cache/0\n", 1)


def test_a_corrupt_or_truncated_entry_is_a_miss(tmp_path):
    store = ArticleCache(tmp_path)
    k = key("article")
    value = {"figures": list(range(100)), "sentence": "about 1,500 troops"}
    store.put(k, value)
    raw = store.path(k).read_bytes()
    for name, damaged in _corruptions(raw):
        store.path(k).write_bytes(damaged)
        assert store.get(k) is None, name
    store.path(k).write_bytes(raw)
    assert store.get(k) == value


class _Gone:
    """A value whose class no longer exists when the entry is read back."""


def test_an_entry_that_no_longer_unpickles_is_a_miss(tmp_path, monkeypatch):
    store = ArticleCache(tmp_path)
    store.put(key("x"), _Gone())
    monkeypatch.delattr(sys.modules[__name__], "_Gone")
    assert store.get(key("x")) is None


class _Interrupted(BaseException):
    pass


def _interrupt(*args, **kwargs):
    raise _Interrupted()


def test_a_put_interrupted_before_replace_leaves_no_entry(tmp_path, monkeypatch):
    store = ArticleCache(tmp_path)
    monkeypatch.setattr(cache_mod.os, "replace", _interrupt)
    with pytest.raises(_Interrupted):
        store.put(key("new"), "value")
    assert store.get(key("new")) is None
    assert _entry_files(tmp_path) == [], "the temporary file is removed too"


def test_an_interrupted_overwrite_keeps_the_previous_entry(tmp_path, monkeypatch):
    store = ArticleCache(tmp_path)
    store.put(key("k"), "old")
    monkeypatch.setattr(cache_mod.os, "replace", _interrupt)
    with pytest.raises(_Interrupted):
        store.put(key("k"), "new")
    assert store.get(key("k")) == "old"


def test_a_leftover_temporary_file_is_never_read_as_an_entry(tmp_path):
    """A writer killed between writing and replacing leaves a temp file, not an entry."""
    store = ArticleCache(tmp_path)
    k = key("k")
    store.path(k).parent.mkdir(parents=True)
    (store.path(k).parent / (cache_mod._TEMP_PREFIX + "abc")).write_bytes(b"half writ")
    assert store.get(k) is None


def test_an_unwritable_directory_stores_nothing_and_raises_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    store = ArticleCache(blocker / "cache")
    assert store.put(key("k"), 1) is False
    assert store.get(key("k")) is None


BIG = {"claims": [("figure %d" % i, i, i * 1.5) for i in range(20000)]}   # ~0.5 MB pickled


def _writer(directory, rounds, started):
    store = ArticleCache(Path(directory))
    started.wait()
    for _ in range(rounds):
        store.put(key("shared"), BIG)


def test_two_processes_writing_the_same_key_leave_a_readable_entry(tmp_path):
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    started = ctx.Event()
    writers = [ctx.Process(target=_writer, args=(str(tmp_path), 15, started)) for _ in range(2)]
    for w in writers:
        w.start()
    started.set()
    store = ArticleCache(tmp_path)
    seen = torn = 0
    while any(w.is_alive() for w in writers):
        got = store.get(key("shared"))
        if got is not None:                          # a reader sees all of it...
            assert got == BIG
            seen += 1
        elif seen:                                   # ...and, once it is there, never loses it
            torn += 1
    assert torn == 0, f"{torn} reads found a half-written entry"
    for w in writers:
        w.join(30)
        assert w.exitcode == 0
    assert store.get(key("shared")) == BIG
    leftovers = [p for p in _entry_files(tmp_path) if p.name.startswith(cache_mod._TEMP_PREFIX)]
    assert leftovers == []


def test_a_disabled_cache_never_writes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = ArticleCache(None)
    assert not store.enabled
    assert store.put(key("k"), "value") is False
    assert store.get(key("k")) is None
    assert list(tmp_path.iterdir()) == []
    assert (store.hits, store.writes) == (0, 0)


def test_the_language_fingerprint_follows_the_yaml(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "numbers.yaml").write_text("a: [one]\n")
    (tmp_path / "notes.txt").write_text("not language data")
    before = cache_mod._tree_fingerprint(tmp_path, "*.yaml")
    (tmp_path / "notes.txt").write_text("still not language data")
    assert cache_mod._tree_fingerprint(tmp_path, "*.yaml") == before
    (tmp_path / "en" / "numbers.yaml").write_text("a: [two]\n")
    assert cache_mod._tree_fingerprint(tmp_path, "*.yaml") != before
    (tmp_path / "en" / "numbers.yaml").rename(tmp_path / "en" / "units.yaml")
    renamed = cache_mod._tree_fingerprint(tmp_path, "*.yaml")
    (tmp_path / "en" / "units.yaml").rename(tmp_path / "en" / "numbers.yaml")
    assert renamed != cache_mod._tree_fingerprint(tmp_path, "*.yaml")


def test_the_language_fingerprint_is_computed_once_per_process(monkeypatch):
    calls = []
    real = cache_mod._tree_fingerprint
    monkeypatch.setattr(cache_mod, "_tree_fingerprint", lambda *a: calls.append(a) or real(*a))
    language_fingerprint.cache_clear()
    try:
        first = language_fingerprint()
        assert language_fingerprint() == first and len(calls) == 1
        assert calls[0][0] == cache_mod.LANG_DIR
    finally:
        language_fingerprint.cache_clear()
