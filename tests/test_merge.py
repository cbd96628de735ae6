from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.cross_merge import merge_into
from sitrep.merge import haversine_km, merge_reports, same_event
from sitrep.types import ActorRole, GeoPrecision, Place, PlaceMention, Report, Span

IDLIB = Place(169389, "Idlib", 35.93, 36.63, "SY", "Idlib", "P", "PPLA", 128840)
SARAQIB = Place(163270, "Saraqib", 35.86, 36.80, "SY", "Idlib", "P", "PPL", 33000)
ALEPPO = Place(170063, "Aleppo", 36.20, 37.16, "SY", "Aleppo", "P", "PPLA", 1_602_264)


def report(
    *,
    article="a1",
    start=0,
    place=IDLIB,
    day=date(2018, 1, 2),
    sub="Air/drone strike",
    actor="Military Forces of Russia",
    killed=None,
):
    return Report(
        article_id=article,
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        trigger=Span(start, start + 10, "air strike"),
        sentence=Span(start, start + 40, "x" * 40),
        actor1=ActorRole(actor, "external/other forces") if actor else None,
        place=PlaceMention(
            Span(start + 20, start + 25, place.name), place=place, geo_precision=GeoPrecision.EXACT
        )
        if place
        else None,
        date_start=day,
        date_end=day,
        fatalities=killed,
    )


def test_merge_haversine_known_distance():
    assert haversine_km(IDLIB.lat, IDLIB.lon, ALEPPO.lat, ALEPPO.lon) == pytest.approx(58, abs=3)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (report(article="a2", start=5), True),
        (report(article="a2", place=SARAQIB), True),  # 17 km apart
        (report(article="a2", place=ALEPPO), False),
        (report(article="a2", day=date(2018, 1, 3)), True),  # one day of slack
        (report(article="a2", day=date(2018, 1, 5)), False),
        (report(article="a2", sub="Shelling/artillery/missile attack"), False),
        (report(article="a2", actor="Military Forces of Syria"), False),
        (report(article="a2", actor=None), True),
        (report(article="a2", place=None), True),
    ],
)
def test_merge_same_event_rules(other, same):
    assert same_event(report(), other) is same


def test_merge_reports_fatalities_low_best_high():
    events = merge_reports(
        [report(start=0, killed=10), report(start=50, killed=14), report(start=90, killed=12)]
    )
    assert len(events) == 1
    event = events[0]
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (10, 12, 14)
    assert len(event.reports) == 3


def test_merge_reports_keeps_distinct_events_apart():
    events = merge_reports([report(), report(start=50, place=ALEPPO)])
    assert len(events) == 2


def test_merge_into_keeps_stored_id_and_absorbs_others():
    stored_a = merge_reports([report(article="old1")])[0]
    stored_b = merge_reports([report(article="old2", start=7)])[0]
    new = merge_reports([report(article="new", killed=3)])[0]
    merged, absorbed = merge_into(new, [stored_a, stored_b])
    assert merged.id == stored_a.id
    assert absorbed == (stored_b.id,)
    assert {r.article_id for r in merged.reports} == {"old1", "old2", "new"}


def test_merge_into_no_match_returns_event_unchanged():
    new = merge_reports([report(article="new")])[0]
    other = merge_reports([report(article="old", place=ALEPPO)])[0]
    assert merge_into(new, [other]) == (new, ())


def test_merge_event_id_is_stable():
    assert merge_reports([report()])[0].id == merge_reports([report()])[0].id


SYRIA = Place(163843, "Syria", 35.0, 38.0, "SY", None, "A", "PCLI", 22_198_110)
IDLIB_PROVINCE = Place(169388, "Idlib", 35.83, 36.63, "SY", "Idlib", "A", "ADM1", 1_500_000)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("outer", "inner", "same_article", "same"),
    [
        (SYRIA, ALEPPO, True, True),  # a headline's "in Syria", the story's "in Aleppo"
        (IDLIB_PROVINCE, SARAQIB, True, True),
        (IDLIB_PROVINCE, ALEPPO, True, False),  # another province
        (SYRIA, ALEPPO, False, False),  # across articles: two events of one country
    ],
)
def test_merge_country_or_province_holds_the_place_within_one_article(
    outer, inner, same_article, same
):
    a, b = report(place=outer), report(start=60, place=inner)
    assert same_event(a, b, same_article=same_article) is same


@pytest.mark.issue(11)
def test_merge_zero_is_silence_beside_a_figure():
    events = merge_reports([report(start=0, killed=0), report(start=50, killed=16)])
    assert (events[0].fatalities_low, events[0].fatalities_best) == (16, 16)
    only_zero = merge_reports([report(start=0, killed=0)])
    assert only_zero[0].fatalities_best == 0


def test_merge_one_article_giving_one_toll_twice_tells_one_event():
    lede = report(sub="Shelling/artillery/missile attack", killed=2)
    body = report(start=100, sub="Air/drone strike", killed=2)
    assert len(merge_reports([lede, body])) == 1
    # Across articles the types must still agree, and a different toll is another event.
    assert not same_event(lede, replace(body, article_id="a2"))
    assert len(merge_reports([lede, replace(body, fatalities=5)])) == 2
    # No death said is no toll to repeat.
    assert len(merge_reports([replace(lede, fatalities=0), replace(body, fatalities=0)])) == 2


def _unresolved(r: Report, name: str) -> Report:
    assert r.place is not None
    return replace(
        r, place=PlaceMention(Span(r.place.span.start, r.place.span.start + len(name), name))
    )


def test_merge_same_toll_same_day_one_place_unknown_to_the_gazetteer():
    # "A motorcycle bomber killed 16 civilians in Hasakeh" / "the attack ... in the
    # neighbourhood of Salihiah" (a name the gazetteer lacks), 16 dead in both.
    lede = report(sub="Suicide bomb", killed=16)
    body = _unresolved(report(start=100, sub="Attack", killed=16), "Salihiah")
    assert len(merge_reports([lede, body])) == 1
    # Without the same toll an unknown name is another place.
    assert len(merge_reports([lede, replace(body, fatalities=3)])) == 2


def test_merge_unresolved_run_on_name_agrees_with_the_name_it_holds():
    # "in the city of Qamishli Hasaka" (two names run together, unresolved) and "Qamishli".
    run_on = _unresolved(report(), "Qamishli Hasaka")
    named = _unresolved(report(start=100), "Qamishli")
    assert same_event(run_on, named, same_article=True)
    assert not same_event(run_on, _unresolved(report(start=100), "Raqqa"), same_article=True)


def test_merge_a_repeated_toll_joins_across_a_role_swap():
    # "Turkish air strikes kill 9 IS fighters" / "Turkish aircraft carried out strikes on
    # IS positions ... killing nine", parsed with IS as the attacker.
    turkey = ActorRole("Military Forces of Turkey", "external/other forces")
    isis = ActorRole("Islamic State", "rebel group")
    lede = replace(report(killed=9), actor1=turkey, actor2=isis)
    body = replace(report(start=100, killed=9), actor1=isis, actor2=None)
    assert len(merge_reports([lede, body])) == 1
    # No participant in common: two events that happen to have one toll.
    other = replace(body, actor1=ActorRole("Military Forces of Syria", "state forces"))
    assert len(merge_reports([lede, other])) == 2
    # Without a repeated toll, different attackers stay two events.
    assert len(merge_reports([lede, replace(body, fatalities=4)])) == 2


def test_merge_a_repeated_toll_dated_days_apart_is_one_event():
    # The lede dates the toll by the day it was given (Sunday), the body by the day the
    # assault began (Friday).
    lede = report(killed=38, day=date(2016, 10, 30))
    body = report(
        start=100, killed=38, day=date(2016, 10, 28), sub="Shelling/artillery/missile attack"
    )
    assert len(merge_reports([lede, body])) == 1
    # A week apart is another event; so is a different toll two days apart.
    assert (
        len(
            merge_reports(
                [lede, replace(body, date_start=date(2016, 10, 23), date_end=date(2016, 10, 23))]
            )
        )
        == 2
    )
    assert len(merge_reports([lede, replace(body, fatalities=12)])) == 2


def test_merge_one_towns_capture_is_no_retelling_of_many_captured():
    # "captured more than 80 towns and villages in Idlib" and "captured the town of
    # Saraqib": the town lies in the province, but a summary of many captures does not
    # retell one.
    many = replace(
        report(sub="Government regains territory", actor="Military Forces of Syria"),
        event_type="Battles",
        targets=("towns", "villages"),
    )
    one = replace(
        many,
        trigger=Span(60, 70, "captured"),
        targets=("town",),
        place=replace(many.place, place=SARAQIB) if many.place else None,
    )
    assert not same_event(many, one, same_article=True)
    assert same_event(one, replace(one, trigger=Span(90, 99, "captured")), same_article=True)


def test_merge_a_demonstration_told_in_steps_takes_its_gravest_type():
    marched = replace(
        report(sub="Peaceful protest", actor="Protesters (Syria)"), event_type="Protests"
    )
    marched = replace(marched, actor1=ActorRole("Protesters (Syria)", "protesters"))
    dispersed = replace(
        report(start=50, sub="Protest with intervention", actor=None),
        event_type="Protests",
        actor1=ActorRole("Police Forces of Syria", "state forces"),
    )
    (event,) = merge_reports([marched, dispersed])
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor1 is not None and event.actor1.name == "Protesters (Syria)"
    assert event.actor2 is not None and event.actor2.name == "Police Forces of Syria"
    # across articles two steps stay two records, and a mob is no demonstration
    assert not same_event(replace(dispersed, article_id="a2"), marched)
    mob = replace(dispersed, sub_event_type="Mob violence", event_type="Riots")
    assert len(merge_reports([marched, mob])) == 2
    # protesters who turned rioters are one side of one demonstration
    rioted = replace(
        report(start=90, sub="Violent demonstration", actor=None),
        event_type="Riots",
        actor1=ActorRole("Rioters (Syria)", "rioters"),
    )
    (riot,) = merge_reports([marched, dispersed, rioted])
    assert riot.sub_event_type == "Violent demonstration"
