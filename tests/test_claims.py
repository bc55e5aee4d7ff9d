"""The claims stage: what each figure is about, with real phrases as the spec
(factcheck/lang/en/corpus/claims.yaml), and publication moments."""
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from factcheck import extract
from factcheck.article import article_from_text
from factcheck.claims.build import build_claims
from factcheck.claims.time import Moment, order_key, parse_moment

CORPUS = yaml.safe_load((Path(__file__).parent.parent / "factcheck" / "lang" / "en" / "corpus" / "claims.yaml")
                        .read_text(encoding="utf-8"))
FIELDS = ("measure", "part", "event", "changed", "date_role", "conversion")


def _claim(case):
    published = str(case.get("published", "2016-07-15"))
    article = article_from_text(case["text"], "a.txt", published=published)
    claims = build_claims(article, extract(article.body, published=article.published))
    found = [c for c in claims if c.mention.text == case["figure"]]
    assert found, f"{case['figure']!r} not extracted from {case['text']!r}: {[c.mention.text for c in claims]}"
    return found[case.get("occurrence", 0)]


CASES = [pytest.param(case, id=f"{section}: {case['figure']} in {case['text'][:40]}")
         for section in ("measures", "events", "dates", "conversions") for case in CORPUS[section]]


@pytest.mark.parametrize("case", CASES)
def test_the_claims_stage_reads_each_example(case):
    claim = _claim(case)
    for name in FIELDS:
        if name in case:
            expected = case[name]
            got = getattr(claim, name)
            if name == "part" and expected is None:
                continue
            assert got == expected, f"{name}: {got!r}, expected {expected!r} ({case['text']!r})"
    if "part" not in case and "measure" in case:
        assert claim.part is False


def test_a_caption_is_a_caption_and_its_date_binds_nothing():
    text = ("Costa Rica seeks cause of plane crash that killed 10 from US\n\n"
            "This photo released by Costa Rica's Public Safety Ministry shows smoke rising from the site of a "
            "plane crash in Punta Islita, Guanacaste, Costa Rica, Sunday, Dec. 31, 2017. (Costa Rica's Public "
            "Safety Ministry via AP)\n"
            "SAN JOSE, Costa Rica — Costa Rican investigators said Monday that strong winds caused the crash.\n")
    article = article_from_text(text, "a.txt", published="2018-01-01")
    zones = {c.mention.text: c.zone for c in build_claims(article, extract(article.body, published=article.published))}
    assert zones["Sunday, Dec. 31, 2017"] == "caption"
    assert zones["Monday"] == "body"


@pytest.mark.parametrize("written, day, at", [
    ("2017-12-31", dt.date(2017, 12, 31), None),
    ("2017-12-31T00:00:00", dt.date(2017, 12, 31), None),                  # the crawlers' "date only"
    ("2017-12-31T20:31:59", dt.date(2017, 12, 31), dt.datetime(2017, 12, 31, 20, 31, 59, tzinfo=dt.timezone.utc)),
    ("2017-12-31T20:31:59+02:00", dt.date(2017, 12, 31), dt.datetime(2017, 12, 31, 18, 31, 59, tzinfo=dt.timezone.utc)),
    ("2017-12-31T20:31:59Z", dt.date(2017, 12, 31), dt.datetime(2017, 12, 31, 20, 31, 59, tzinfo=dt.timezone.utc)),
    (dt.date(2017, 12, 31), dt.date(2017, 12, 31), None),
])
def test_publication_moments_are_read_as_written(written, day, at):
    assert parse_moment(written) == Moment(day, at)


def test_a_bad_publication_moment_says_what_is_expected():
    with pytest.raises(ValueError, match="expected YYYY-MM-DD"):
        parse_moment("yesterday")


def test_a_day_is_ordered_only_against_other_days():
    morning = parse_moment("2017-12-31T08:00:00")
    day = parse_moment("2017-12-31")
    assert day.before(morning) is None and morning.before(day) is None
    assert parse_moment("2017-12-30").before(morning) is True
    assert morning.before(parse_moment("2017-12-31T09:00:00")) is True


@given(st.lists(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1)), min_size=2))
def test_order_keys_sort_like_the_moments(stamps):
    moments = [parse_moment(s.replace(microsecond=0).isoformat()) for s in stamps]
    ordered = sorted(moments, key=order_key)
    for a, b in zip(ordered, ordered[1:]):
        assert b.before(a) is not True
