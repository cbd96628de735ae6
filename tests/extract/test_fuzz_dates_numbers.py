"""Property-based fuzzing (hypothesis) of the date and number readers.

Any text must come back as a well-formed answer or None, never an exception; a day
written out must resolve to itself; a figure written in digits or words must read back
as its value; digits of dates and phone numbers are never read as counts.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract.dates_rules import resolve_timex
from sitrep.extract.numbers_words import parse_number
from sitrep.pipeline import Pipeline
from sitrep.types import TimePrecision

FUZZ = settings(max_examples=300, deadline=None)
PUBLISHED = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
WORDY = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789 ,.-/'")), max_size=40
)
TIME_WORDS = st.lists(
    st.sampled_from(
        [
            "last",
            "next",
            "on",
            "the",
            "four",
            "days",
            "after",
            "before",
            "Dec.",
            "25",
            "Monday",
            "week",
            "month",
            "year",
            "ago",
            "earlier",
            "2017",
            "January",
            "early",
            "late",
            "mid-",
            "since",
            "between",
            "and",
            "of",
            "this",
            "weekend",
            "-",
            "31",
        ]
    ),
    max_size=8,
).map(" ".join)


@FUZZ
@given(WORDY | TIME_WORDS | st.text(max_size=40), PUBLISHED, st.booleans())
def test_resolve_timex_never_raises_and_answers_are_well_formed(
    text: str, published: date, future: bool
) -> None:
    result = resolve_timex(text, published, future=future)
    if result is None:
        return
    if result.start is not None and result.end is not None:
        assert result.start <= result.end
        if result.precision is TimePrecision.DAY:
            assert result.start == result.end
    assert isinstance(result.value, str) and result.value


@FUZZ
@given(PUBLISHED, st.integers(min_value=0, max_value=400))
def test_a_written_day_resolves_to_itself(published: date, back: int) -> None:
    day = published - timedelta(days=back)
    text = f"{calendar.month_name[day.month]} {day.day}, {day.year}"
    result = resolve_timex(text, published)
    assert result is not None
    assert (result.start, result.end, result.precision) == (day, day, TimePrecision.DAY)


@FUZZ
@given(PUBLISHED, st.integers(min_value=1, max_value=9))
def test_days_ago_counts_back_from_publication(published: date, days: int) -> None:
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    result = resolve_timex(f"{words[days - 1]} days ago", published)
    assert result is not None and result.start == published - timedelta(days=days)


_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        parts.append(_TENS[rest // 10] + (f"-{_UNITS[rest % 10]}" if rest % 10 else ""))
    elif rest >= 10:
        parts.append(_TEENS[rest - 10])
    elif rest:
        parts.append(_UNITS[rest])
    return " and ".join(parts) if hundreds and rest else " ".join(parts)


def _spelled(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    parts = [f"{_words_below_thousand(thousands)} thousand"] if thousands else []
    if rest:
        parts.append(_words_below_thousand(rest))
    return " ".join(parts)


@FUZZ
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_separators_read_back(value: int) -> None:
    assert parse_number(f"{value:,}") == value
    assert parse_number(str(value)) == value


@FUZZ
@given(st.integers(min_value=1, max_value=999_999))
def test_spelled_out_figures_read_back(value: int) -> None:
    assert parse_number(_spelled(value)) == value


@FUZZ
@given(st.text(max_size=30))
def test_parse_number_answers_a_non_negative_int_or_none(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@pytest.mark.model
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    killed=st.integers(min_value=2, max_value=400),
    phone=st.integers(min_value=2_000_000, max_value=9_999_999),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2025, 12, 1)),
)
def test_dates_and_phone_numbers_are_never_counts(
    pipeline: Pipeline, killed: int, phone: int, day: date
) -> None:
    text = (
        f"Gunmen killed {killed} people in Kano on {calendar.month_name[day.month]} "
        f"{day.day}, {day.year}, police said. Residents can call the hotline on "
        f"0803 {phone} for help. The attack was the worst since {day.year - 1}."
    )
    result = pipeline.process_text(text, published=day + timedelta(days=1))
    tolls = {e.fatalities_best for e in result.events} - {None, 0}
    assert tolls <= {killed}, (text, tolls)
    figures = {q.value for q in result.quantities}
    assert phone not in figures and day.year not in figures and day.year - 1 not in figures
