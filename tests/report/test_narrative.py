"""The narrative: templated sentences whose every number is one of the report's figures."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from sitrep.report.figures import Period, compute_figures
from sitrep.report.narrative import long_date, narrate, period_text

from .samples import DECEMBER, NOVEMBER, sample_events

DEC = Period(date(2017, 12, 1), date(2017, 12, 31))


def _figures_of(report) -> set[int]:
    """Every number the report's figures hold, and the differences the change gives."""
    numbers = {report.total.events, report.total.fatalities}
    numbers |= {report.previous_total.events, report.previous_total.fatalities}
    numbers |= {report.total.events - report.previous_total.events}
    numbers |= {report.total.fatalities - report.previous_total.fatalities}
    numbers |= {report.unlocated}
    for change in report.changes:
        numbers |= {change.events, change.fatalities}
    for rows in (report.fatalities_by_actor, report.top_places, report.fatalities_by_category):
        for row in rows:
            numbers |= {row.events, row.fatalities}
    numbers |= {e.fatalities for e in report.top_events if e.fatalities is not None}
    return numbers


def _numbers_outside_dates(text: str) -> list[int]:
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    without_dates = re.sub(rf"\b\d{{1,2}} (?:{months}) \d{{4}}\b", " ", text)
    return [int(n) for n in re.findall(r"[+-]?\d+", without_dates)]


@pytest.mark.parametrize(
    ("since", "until", "text"),
    [
        (date(2017, 12, 1), date(2017, 12, 31), "between 1 December 2017 and 31 December 2017"),
        (date(2018, 1, 4), date(2018, 1, 4), "on 4 January 2018"),
    ],
)
def test_narrative_period_text(since, until, text):
    assert period_text(since, until) == text
    assert long_date(since) in text


def test_narrative_full_period():
    report = compute_figures(
        sample_events(*DECEMBER), sample_events(*NOVEMBER), country="SY", period=DEC
    )
    assert narrate(report) == (
        "5 events were recorded in Syria between 1 December 2017 and 31 December 2017, "
        "with 43 reported fatalities.",
        "By event type: Explosions/Remote violence (2 events, 25 reported fatalities), "
        "Battles (2 events, 16 reported fatalities) and Violence against civilians "
        "(1 event, 2 reported fatalities).",
        "Idlib had the most events (2 events, 25 reported fatalities).",
        "Events with Military Forces of Syria (2 events) and Military Forces of Russia "
        "(1 event) as the first actor account for the most fatalities: 20 each.",
        "The deadliest event: Air/drone strike in Idlib on 10 December 2017, "
        "with 20 reported fatalities.",
        "Compared with the previous period of the same length (between 31 October 2017 and "
        "30 November 2017), events rose from 2 to 5 (+3) and fatalities rose from 14 to 43 "
        "(+29).",
        "1 event has no coordinates and is not on the map.",
    )


def test_narrative_every_number_is_a_figure():
    events = sample_events(*DECEMBER)
    # Change a few figures so no number is right by accident.
    events[0] = replace(events[0], fatalities_best=37)
    report = compute_figures(events, sample_events("sy-nov2"), country="SY", period=DEC)
    text = " ".join(narrate(report))
    numbers = _numbers_outside_dates(text)
    assert numbers  # the sentences do hold figures
    assert set(numbers) <= _figures_of(report), text
    assert "65 reported fatalities" in text  # 43 - 15 + 37


def test_narrative_empty_period_says_no_events():
    report = compute_figures([], [], country="SY", period=DEC)
    assert narrate(report) == (
        "There were no events in Syria between 1 December 2017 and 31 December 2017.",
        "The previous period of the same length (between 31 October 2017 and 30 November "
        "2017) had no events.",
    )


def test_narrative_empty_period_after_a_busy_one():
    report = compute_figures([], sample_events(*NOVEMBER), country="SY", period=DEC)
    first, change = narrate(report)
    assert first.startswith("There were no events in Syria")
    assert change.endswith("events fell from 2 to 0 (-2) and fatalities fell from 14 to 0 (-14).")


def test_narrative_single_event_grammar_and_unchanged_figures():
    (clash,) = sample_events("sy-clash")
    earlier = replace(
        clash, id="sy-clash-nov", date_start=date(2017, 11, 2), date_end=date(2017, 11, 2)
    )
    report = compute_figures([clash], [earlier], country="SY", period=DEC)
    sentences = narrate(report)
    assert sentences[0] == (
        "1 event was recorded in Syria between 1 December 2017 and 31 December 2017, "
        "with 15 reported fatalities."
    )
    assert "Abu Dali (Hama) had the most events (1 event, 15 reported fatalities)." in sentences
    assert sentences[-1].endswith("events were unchanged at 1 and fatalities were unchanged at 15.")


def test_narrative_country_with_article():
    report = compute_figures([], [], country="US", period=DEC)
    assert narrate(report)[0].startswith("There were no events in the United States ")


def test_narrative_ties_are_not_cut_or_crowned():
    # Three places with one event each: no "most events" sentence (a tie of ones says nothing).
    events = [e for e in sample_events(*DECEMBER) if e.id != "sy-shell"]
    report = compute_figures(events, [], country="SY", period=DEC)
    assert not any("had the most events" in s for s in narrate(report))
    # Two deadliest events with the same toll are named together.
    (air,) = sample_events("sy-air")
    (shell,) = sample_events("sy-shell")
    tied = compute_figures(
        [air, replace(shell, fatalities_best=20)],
        [sample_events("sy-is")[0]],
        country="SY",
        period=DEC,
    )
    deadliest = next(s for s in narrate(tied) if s.startswith("The deadliest"))
    assert deadliest == (
        "The deadliest events, with 20 reported fatalities each: Air/drone strike in Idlib on "
        "10 December 2017; Shelling/artillery/missile attack in Idlib on 10 December 2017."
    )


def test_narrative_tie_that_fills_a_cut_ranking_is_not_named():
    (air,) = sample_events("sy-air")
    (shell,) = sample_events("sy-shell")
    (clash,) = sample_events("sy-clash")
    events = [air, replace(shell, fatalities_best=20), replace(clash, fatalities_best=20)]
    # Cut to two, the ranking cannot tell whether a third event ties: say nothing.
    cut = compute_figures(events, [], country="SY", period=DEC, top=2)
    assert not any(s.startswith("The deadliest") for s in narrate(cut))
    whole = compute_figures(events, [], country="SY", period=DEC, top=3)
    assert any(s.startswith("The deadliest events, with 20") for s in narrate(whole))


def test_narrative_tells_a_dated_range_as_a_range_not_a_day():
    events = [
        replace(e, date_end=date(2017, 12, 16)) if e.id == "sy-air" else e
        for e in sample_events(*DECEMBER)
    ]
    report = compute_figures(events, [], country="SY", period=DEC)
    deadliest = next(s for s in narrate(report) if s.startswith("The deadliest"))
    assert "Air/drone strike in Idlib between 10 December 2017 and 16 December 2017" in deadliest
