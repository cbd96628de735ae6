"""Killed figures given to the side they belong to."""

from __future__ import annotations

from sitrep.extract.casualty_sides import CIVILIANS, SideToll, killed_by_side
from sitrep.types import ActorRole, Quantity, Report, Span

SYRIA = ActorRole("Military Forces of Syria", "state forces")
HTS = ActorRole("Hayat Tahrir al-Sham", "rebel group")
RUSSIA = ActorRole("Military Forces of Russia", "state forces")


def _killed(category: str, value: int | None, *, part: bool = False) -> Quantity:
    return Quantity(
        Span(0, 1, "x"), value, value, value, "people", category, "killed", part_of_previous=part
    )


def _report(actor1, actor2, *killed: Quantity) -> Report:
    return Report(
        article_id="a",
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=Span(0, 1, "x"),
        sentence=Span(0, 1, "x"),
        actor1=actor1,
        actor2=actor2,
        killed=killed,
    )


def test_each_category_goes_to_the_actor_it_describes():
    report = _report(
        SYRIA,
        HTS,
        _killed("government forces", 46),
        _killed("militants", 57),
        _killed("civilians", 43),
    )
    assert killed_by_side(report) == (
        SideToll("Military Forces of Syria", "government forces", 46),
        SideToll("Hayat Tahrir al-Sham", "militants", 57),
        SideToll(CIVILIANS, "civilians", 43),
    )


def test_a_figure_no_side_fits_has_no_side():
    # "people" says no side; militants when neither actor is a non-state armed group;
    # soldiers when both actors are state forces.
    assert killed_by_side(_report(SYRIA, HTS, _killed("people", 12))) == ()
    assert killed_by_side(_report(SYRIA, RUSSIA, _killed("militants", 3))) == ()
    assert killed_by_side(_report(SYRIA, RUSSIA, _killed("government forces", 3))) == ()


def test_a_breakdown_is_not_a_toll_of_its_own():
    report = _report(SYRIA, HTS, _killed("civilians", 56), _killed("children", 19, part=True))
    assert killed_by_side(report) == (SideToll(CIVILIANS, "civilians", 56),)


def test_through_the_pipeline(pipeline):
    result = pipeline.process_text(
        "Syrian troops clashed with Hayat Tahrir al-Sham near Abu Dali on Monday, killing "
        "12 militants; four soldiers were also killed."
    )
    (report,) = result.reports
    sides = {t.side: t.killed for t in killed_by_side(report)}
    assert sides["Military Forces of Syria"] == 4
    assert report.actor2 is not None and sides[report.actor2.name] == 12
