"""The report's figures from hand-built events (tests/report/samples.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from export.samples import span_of
from sitrep.report.errors import ReportPeriodError
from sitrep.report.figures import (
    NO_ACTOR,
    NOT_BROKEN_DOWN,
    Period,
    Tally,
    compute_figures,
    fatalities_by_category,
    rank_top_events,
)

from .samples import DECEMBER, NOVEMBER, sample_events

DEC = Period(date(2017, 12, 1), date(2017, 12, 31))


@pytest.fixture
def report():
    return compute_figures(
        sample_events(*DECEMBER), sample_events(*NOVEMBER), country="SY", period=DEC
    )


@pytest.mark.parametrize(
    ("period", "days", "previous"),
    [
        (DEC, 31, Period(date(2017, 10, 31), date(2017, 11, 30))),
        (
            Period(date(2018, 1, 1), date(2018, 1, 1)),
            1,
            Period(date(2017, 12, 31), date(2017, 12, 31)),
        ),
        (
            Period(date(2018, 3, 1), date(2018, 3, 14)),
            14,
            Period(date(2018, 2, 15), date(2018, 2, 28)),
        ),
    ],
)
def test_figures_period_length_and_previous(period, days, previous):
    assert period.days == days
    assert period.previous() == previous
    assert period.previous().days == days


def test_figures_period_rejects_since_after_until():
    with pytest.raises(ReportPeriodError, match="after"):
        Period(date(2018, 1, 2), date(2018, 1, 1))


def test_figures_totals_and_types(report):
    assert report.country_name == "Syria"
    assert (report.total.events, report.total.fatalities) == (5, 43)
    assert (report.previous_total.events, report.previous_total.fatalities) == (2, 14)
    assert report.event_types == (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    )


def test_figures_change_per_type(report):
    changes = {c.event_type: c for c in report.changes}
    assert set(changes) == {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    battles = changes["Battles"]
    assert (battles.events, battles.previous_events, battles.events_change) == (2, 1, 1)
    assert (battles.fatalities, battles.previous_fatalities, battles.fatalities_change) == (
        16,
        4,
        12,
    )
    vac = changes["Violence against civilians"]
    assert (vac.previous_events, vac.events_change, vac.fatalities_change) == (0, 1, 2)


def test_figures_type_only_in_previous_period_is_listed():
    current = sample_events("sy-air")
    before = sample_events("sy-nov1")
    report = compute_figures(current, before, country="SY", period=DEC)
    battles = next(c for c in report.changes if c.event_type == "Battles")
    assert (battles.events, battles.previous_events, battles.fatalities_change) == (0, 1, -4)
    assert report.event_types == ("Explosions/Remote violence",)


def test_figures_event_in_both_periods_counts_in_the_current_one():
    clash = sample_events("sy-clash")
    report = compute_figures(clash, clash, country="SY", period=DEC)
    assert report.total.events == 1
    assert report.previous_total.events == 0


def test_figures_daily_bins_for_a_month(report):
    assert report.granularity == "day"
    assert len(report.bins) == 31
    by_day = {b.start: dict(b.counts) for b in report.bins if b.total}
    assert by_day == {
        date(2017, 12, 2): {"Battles": 1},
        date(2017, 12, 10): {"Explosions/Remote violence": 2},
        date(2017, 12, 20): {"Violence against civilians": 1},
        date(2017, 12, 28): {"Battles": 1},
    }


def test_figures_weekly_bins_for_a_longer_period():
    period = Period(date(2017, 11, 1), date(2017, 12, 31))  # 61 days
    events = sample_events(*DECEMBER, *NOVEMBER)
    report = compute_figures(events, [], country="SY", period=period)
    assert report.granularity == "week"
    assert len(report.bins) == 9  # 8 full weeks and 5 days
    assert report.bins[0].start == date(2017, 11, 1) and report.bins[0].end == date(2017, 11, 7)
    assert report.bins[-1].start == date(2017, 12, 27) and report.bins[-1].end == date(2017, 12, 31)
    assert sum(b.total for b in report.bins) == 7
    # 15 and 20 November (days 14 and 19 of the period) share the week from 15 November.
    assert dict(report.bins[2].counts) == {"Battles": 1, "Explosions/Remote violence": 1}


def test_figures_event_begun_before_the_period_sits_in_the_first_bin():
    (clash,) = sample_events("sy-clash")
    early = replace(clash, date_start=date(2017, 11, 29), date_end=date(2017, 12, 3))
    report = compute_figures([early], [], country="SY", period=DEC)
    assert dict(report.bins[0].counts) == {"Battles": 1}


def test_figures_fatalities_by_category(report):
    assert report.fatalities_by_category == (
        Tally("civilians", 3, 27),
        Tally("militants", 1, 12),
        Tally("government forces", 1, 3),
        Tally("people", 1, 1),
    )
    assert report.unknown_size_figures == 0


def test_figures_categories_take_the_largest_report_not_the_sum():
    (clash,) = sample_events("sy-clash")
    first = clash.reports[0]
    # A second report of the same event repeats 12 militants and says 5 soldiers.
    text = first.sentence.text
    second = replace(
        first,
        killed=(
            replace(first.killed[0]),
            replace(first.killed[1], value=5, low=5, high=5),
            replace(first.killed[1], span=span_of(text, "12"), value=None, low=None, high=None),
        ),
    )
    event = replace(clash, reports=(first, second), fatalities_best=17)
    rows, unknown = fatalities_by_category([event])
    assert {r.label: r.fatalities for r in rows} == {"militants": 12, "government forces": 5}
    assert unknown == 1


def test_figures_categories_leave_out_breakdowns_and_keep_the_rest():
    (air,) = sample_events("sy-air")
    report = air.reports[0]
    children = replace(report.killed[0], value=7, category="children", part_of_previous=True)
    event = replace(
        air, reports=(replace(report, killed=(*report.killed, children)),), fatalities_best=26
    )
    rows, _ = fatalities_by_category([event])
    assert rows == (Tally("civilians", 1, 20), Tally(NOT_BROKEN_DOWN, 1, 6))


def test_figures_fatalities_by_actor_ranked_and_cut(report):
    assert report.fatalities_by_actor[:3] == (
        Tally("Military Forces of Syria", 2, 20),
        Tally("Military Forces of Russia", 1, 20),
        Tally("Islamic State", 1, 2),
    )
    short = compute_figures(sample_events(*DECEMBER), [], country="SY", period=DEC, top=2)
    assert len(short.fatalities_by_actor) == 2
    assert len(short.top_events) == 2
    assert len(short.top_places) == 2


def test_figures_event_without_actor1_is_grouped():
    (shell,) = sample_events("sy-shell")
    report = compute_figures([replace(shell, actor1=None)], [], country="SY", period=DEC)
    assert report.fatalities_by_actor == (Tally(NO_ACTOR, 1, 5),)


def test_figures_top_places(report):
    assert report.top_places[0] == Tally("Idlib", 2, 25)
    assert report.top_places[1] == Tally("Abu Dali (Hama)", 1, 15)


def test_figures_top_events_order_and_fields(report):
    ids = [e.event_id for e in report.top_events]
    assert ids == ["sy-air", "sy-clash", "sy-shell", "sy-is", "sy-xss"]
    air = report.top_events[0]
    assert air.evidence == (
        "An airstrike hit a market in Idlib, killing 20 civilians, the Syrian Observatory said."
    )
    assert (air.place, air.admin1, air.fatalities, air.sources) == (
        "Idlib",
        "Idlib",
        20,
        ("Syrian Observatory",),
    )
    clash = report.top_events[1]
    assert (clash.actor1, clash.actor2) == ("Military Forces of Syria", "Hayat Tahrir al-Sham")


def test_figures_top_events_tie_broken_by_reports_then_newest():
    (air,) = sample_events("sy-air")
    (shell,) = sample_events("sy-shell")
    twice = replace(shell, fatalities_best=20, reports=shell.reports * 2)
    newer = replace(air, id="sy-air-2", date_start=date(2017, 12, 11))
    unknown = replace(air, id="sy-unknown", fatalities_best=None)
    ranked = [e.id for e in rank_top_events([unknown, air, newer, twice])]
    assert ranked == ["sy-shell", "sy-air-2", "sy-air", "sy-unknown"]


def test_figures_map_points_and_unlocated(report):
    assert report.unlocated == 1  # sy-is has no place
    assert len(report.points) == 4
    idlib = [p for p in report.points if p.place == "Idlib"]
    assert sorted(p.fatalities for p in idlib) == [5, 20]
    assert all(p.lat == pytest.approx(35.93062) for p in idlib)


def test_figures_empty_period():
    report = compute_figures([], [], country="sy", period=DEC)
    assert report.country == "SY"
    assert report.total.events == 0
    assert report.changes == ()
    assert report.top_events == ()
    assert all(b.total == 0 for b in report.bins)
