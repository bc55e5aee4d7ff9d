"""Resolution of parsed dates against a dateline: the rules as unit tests, then properties."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from factcheck.extract.dates import find_dates
from factcheck.mention import TimeExpr
from factcheck.resolve import ResolveSettings, resolve

MONDAY = dt.date(2024, 10, 21)          # the seed dateline, ISO week 2024-W43


def read(text: str, reference=MONDAY, **kw):
    """The resolved value of the single date in ``text``."""
    mentions = find_dates(text)
    assert len(mentions) == 1, [m.text for m in mentions]
    return resolve(mentions[0].expr, reference, **kw)


# -- weekdays ---------------------------------------------------------------------------------

def test_bare_weekday_is_the_most_recent_on_or_before_the_dateline():
    assert read("said Monday") == ("2024-10-21", "day")        # the dateline itself
    assert read("said Friday") == ("2024-10-18", "day")
    assert read("said Tuesday") == ("2024-10-15", "day")


def test_bare_weekday_rule_is_a_setting():
    nearest = ResolveSettings(weekday_unmarked="nearest")
    assert read("on Tuesday", settings=nearest) == ("2024-10-22", "day")
    assert read("said Tuesday", settings=nearest) == ("2024-10-15", "day")   # a past cue still counts


def test_future_cue_points_weekday_ahead():
    assert read("is set to visit from Tuesday") == ("2024-10-22", "day")
    assert read("the summit will open on Friday") == ("2024-10-25", "day")
    assert read("markets stay closed until Friday") == ("2024-10-25", "day")


def test_past_cue_nearer_than_future_cue_wins():
    assert read("Putin will visit, the Kremlin said on Friday") == ("2024-10-18", "day")


def test_next_and_last_weekday():
    assert read("next Tuesday") == ("2024-10-22", "day")
    assert read("next Monday") == ("2024-10-28", "day")          # not the dateline itself
    assert read("last Monday") == ("2024-10-14", "day")
    assert read("last Sunday") == ("2024-10-13", "day")           # not yesterday: that is "Sunday"
    assert read("last Sunday", settings=ResolveSettings(weekday_last="most_recent")) == ("2024-10-20", "day")
    assert read("last Friday") == ("2024-10-18", "day")
    assert read("next Tuesday", settings=ResolveSettings(weekday_next="next_week")) == ("2024-10-29", "day")
    assert read("last Friday", reference=dt.date(2019, 1, 31),
                settings=ResolveSettings(weekday_last="previous_week")) == ("2019-01-25", "day")


def test_weekday_pinned_to_a_week():
    assert read("Tuesday this week") == ("2024-10-22", "day")
    assert read("Tuesday of last week") == ("2024-10-15", "day")
    assert read("next week on Friday") == ("2024-11-01", "day")


# -- months and days --------------------------------------------------------------------------

def test_bare_month_is_the_most_recent_on_or_before_the_dateline():
    assert read("signed a deal in June") == ("2024-06", "month")
    assert read("signed a deal in October") == ("2024-10", "month")
    assert read("signed a deal in December") == ("2023-12", "month")


def test_bare_month_with_future_cue_lies_ahead():
    assert read("the sale should be completed in March") == ("2025-03", "month")
    assert read("signed a deal in December", settings=ResolveSettings(month_unmarked="nearest")) == ("2024-12", "month")


def test_last_month_name_policies():
    assert read("since last August") == ("2023-08", "month")
    assert read("since last August", settings=ResolveSettings(last_month_name="most_recent")) == ("2024-08", "month")
    assert read("next March") == ("2025-03", "month")
    assert read("this August") == ("2024-08", "month")


def test_day_without_year_is_the_nearest():
    assert read("on Oct. 21") == ("2024-10-21", "day")
    assert read("on January 5") == ("2025-01-05", "day")
    assert read("on 11 December", reference=dt.date(2010, 1, 25)) == ("2009-12-11", "day")
    assert read("on February 29", reference=dt.date(2009, 1, 10)) == ("2008-02-29", "day")


def test_interval_end_follows_start():
    assert read("between October 8 and 13") == ("2024-10-08/2024-10-13", "interval")
    assert read("from Dec. 30 to Jan. 2", reference=dt.date(2024, 1, 5)) == ("2023-12-30/2024-01-02", "interval")


# -- relative periods -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, granularity", [
    ("yesterday", "2024-10-20", "day"),
    ("today", "2024-10-21", "day"),
    ("tomorrow", "2024-10-22", "day"),
    ("last week", "2024-W42", "week"),
    ("this week", "2024-W43", "week"),
    ("next week", "2024-W44", "week"),
    ("last month", "2024-09", "month"),
    ("earlier this month", "2024-10", "month"),
    ("later this year", "2024", "year"),
    ("last year", "2023", "year"),
    ("next year", "2025", "year"),
    ("two days ago", "2024-10-19", "day"),
    ("three weeks ago", "2024-09-30", "day"),
])
def test_relative_periods(text, value, granularity):
    assert read(text) == (value, granularity)


def test_iso_weeks_across_the_year_boundary():
    assert read("last week", reference=dt.date(2021, 1, 3)) == ("2020-W52", "week")
    assert read("this week", reference=dt.date(2024, 12, 30)) == ("2025-W01", "week")


def test_month_arithmetic_clamps_the_day():
    expr = TimeExpr(anchor="relative", granularity="day", unit="month", offset=-1)
    assert resolve(expr, dt.date(2024, 3, 31)) == ("2024-02-29", "day")


def test_impossible_day_is_unresolved_not_an_error():
    assert resolve(TimeExpr(anchor="absolute", granularity="day", year=2019, month=2, day=30), MONDAY) == (None, "day")


# -- properties -------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
RELATIVE_PHRASES = ["on Monday", "said Friday", "next Tuesday", "last week", "this month", "earlier this month",
                    "in June", "since last August", "yesterday", "tomorrow", "two days ago", "a year ago",
                    "Tuesday this week", "Oct. 21", "between October 8 and 13", "next year", "ended the day",
                    "from Dec. 30 to Jan. 2", "on February 29", "mid-June", "October of next year"]


@settings(max_examples=200, deadline=None)
@given(day=dates, form=st.sampled_from(["{M} {d}, {Y}", "{Y}-{m:02d}-{d:02d}", "{d} {M} {Y}"]))
def test_written_dates_read_back_to_themselves(day, form):
    text = "It happened on " + form.format(M=MONTHS[day.month - 1], d=day.day, m=day.month, Y=day.year) + "."
    mentions = find_dates(text)
    assert len(mentions) == 1, [m.text for m in mentions]
    assert resolve(mentions[0].expr, None) == (day.isoformat(), "day")


@settings(max_examples=200, deadline=None)
@given(phrase=st.sampled_from(RELATIVE_PHRASES))
def test_relative_dates_without_a_dateline_are_unresolved(phrase):
    mentions = find_dates(phrase)
    assert mentions, phrase
    for m in mentions:
        assert m.expr.is_relative
        assert resolve(m.expr, None) == (None, m.expr.granularity)


@settings(max_examples=200, deadline=None)
@given(reference=st.dates(), phrase=st.sampled_from(RELATIVE_PHRASES))
def test_resolving_never_raises(reference, phrase):
    for m in find_dates(phrase):
        value, granularity = resolve(m.expr, reference)
        assert value is None or isinstance(value, str)
        assert granularity == m.expr.granularity


date_words = st.sampled_from(MONTHS + ["Monday", "Friday", "last", "next", "this", "week", "month", "year",
                                       "ago", "two", "2022", "2,022", "Oct.", "21", "8", "13", "and", "between",
                                       "from", "to", "the", "day", "in", "May", "may", "(", ")", ",", "-", "/",
                                       "10/21/2024", "2024-10-21", "'82", "mid-", "early", "soldiers", "\n"])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(date_words, max_size=12))
def test_spans_index_the_text(words):
    text = " ".join(words)
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text
        assert m.kind == "date" and m.value is None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), reference=st.one_of(st.none(), st.dates()))
def test_arbitrary_text_never_raises(text, reference):
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text
        resolve(m.expr, reference)


# -- named days -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("Easter 2018", "2018-04-01"),
    ("Easter 2019", "2019-04-21"),
    ("Easter 2024", "2024-03-31"),
    ("Good Friday 2024", "2024-03-29"),
    ("Thanksgiving 2024", "2024-11-28"),
    ("Black Friday 2010", "2010-11-26"),
    ("Memorial Day 2024", "2024-05-27"),
    ("Labor Day 2024", "2024-09-02"),
    ("Christmas 2023", "2023-12-25"),
])
def test_named_days_of_a_given_year(text, value):
    assert read(text, reference=None) == (value, "day")


def test_named_days_without_a_year():
    assert read("last Easter", reference=dt.date(2019, 3, 12)) == ("2018-04-01", "day")
    assert read("next Easter", reference=dt.date(2019, 2, 12)) == ("2019-04-21", "day")
    assert read("on Christmas Eve", reference=dt.date(2023, 12, 27)) == ("2023-12-24", "day")
    assert read("on Christmas Eve", reference=None) == (None, "day")


def test_a_count_of_units_moves_a_named_day():
    assert read("three days after Christmas", reference=dt.date(2024, 1, 10)) == ("2023-12-28", "day")
    assert read("2 weeks before May 13 1999", reference=None) == ("1999-04-29", "day")
