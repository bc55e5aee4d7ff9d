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


# A context word finds its inflections and common derivations, never a compound that starts
# with it: "purchased the shotgun on Friday" is no date of the shooting ("shot").
@pytest.mark.parametrize("sentence, entry, found", [
    ("LaCalamita purchased the shotgun around 3:45 p. m. on Friday.", "shot", False),
    ("A gunman shot and wounded three people.", "shot", True),
    ("The shooter fled the building.", "shooting", True),
    ("Police said the shootings began at 10 a.m.", "shot", False),
    ("He was indicted on Tuesday.", "indicted", True),
    ("The quake hit the island on Sunday.", "hit", True),
    ("The hitch delayed the launch.", "hit", False),
    ("Seoul summoned the Russian ambassador.", "summon", True),
    ("The Korean envoy was summoned.", "Korea", True),
    ("The earthquakes were felt in Dubai.", "earthquake", True),
])
def test_context_words_find_endings_not_compounds(sentence, entry, found):
    from factcheck.check.scope import sentence_has
    assert sentence_has(sentence, entry) is found


# Number agreement: after a figure above one the counted noun is plural, so a plural `of`
# found only as a singular modifier of a later noun is not what the figure counts.
@pytest.mark.parametrize("text, figure, of, counts", [
    ("2 American Families Are Mourned After Plane Crash in Costa Rica", "2", ("Americans",), False),
    ("The crash killed 10 Americans and two Costa Rican pilots.", "10", ("Americans",), True),
    ("The plane carried 10 American tourists and two pilots.", "10", ("American tourists",), True),
    ("Police say 27 people are injured.", "27", ("people",), True),
    ("Three police officers were injured in the clashes.", "Three", ("police",), True),
    ("About 1,500 special forces troops were sent.", "1,500", ("special forces",), True),
    ("One American passenger was still missing.", "One", ("Americans",), True),
])
def test_a_singular_modifier_is_not_the_counted_noun(text, figure, of, counts):
    from factcheck.check.scope import counts_one_of
    from factcheck.facts import Fact
    article = article_from_text(text, "a.txt", published="2018-01-01")
    found = [m for m in extract(article.body, published=article.published) if m.text == figure]
    assert found, [m.text for m in extract(article.body)]
    fact = Fact(id="f", kind="quantity", declared_at="facts.yaml:1", line=1, of=of)
    assert counts_one_of(fact, found[0], article) is counts


# A date whose clause names the event only as the complement of something else ("survivors
# of the earthquake", "after the quake") dates that other thing: it never fails the event's day.
@pytest.mark.parametrize("text, outcome", [
    ("Iranian rescue workers handed out blankets, food and water Monday to survivors of a powerful "
     "earthquake on a Gulf island that killed 10 people.", "pass"),
    ("Rescuers pulled two more bodies from the rubble on Tuesday after the quake.", "pass"),
    ("A powerful earthquake struck the Gulf island of Qeshm on Monday, killing 10 people.", "fail"),
    ("The quake hit on Monday.", "fail"),
])
def test_a_date_of_the_events_aftermath_is_not_the_events_day(text, outcome):
    from factcheck.check.declared import check_article
    from factcheck.facts import Fact
    article = article_from_text(text, "a.txt", published="2005-11-29")
    fact = Fact(id="quake-date", kind="date", declared_at="facts.yaml:1", line=1, date="2005-11-27",
                context=("quake", "earthquake", "struck", "hit"))
    verdict = check_article([fact], article, extract(article.body, published=article.published))["quake-date"]
    assert verdict.outcome == outcome, verdict
