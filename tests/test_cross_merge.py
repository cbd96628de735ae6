"""Cross-article merge: blocking by type family, dates, places and enemies; scoring."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.cross_merge import MERGE_AT, family_of, match_score, merge_into
from sitrep.merge import merge_reports
from sitrep.taxonomy import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC
from sitrep.types import ActorRole, Event, GeoPrecision, Place, PlaceMention, Report, Span

SARAQIB = Place(163270, "Saraqib", 35.86, 36.80, "SY", "Idlib", "P", "PPL", 33000)
SARAQIB_EAST = Place(None, "Saraqib east", 35.86, 36.90, "SY", "Idlib", "P", "PPL", 0)  # 9 km
MAARET = Place(169304, "Maarat al-Numan", 35.64, 36.67, "SY", "Idlib", "P", "PPL", 58000)
STRIKE = "Russian warplanes struck a market in Saraqib, killing 12 civilians, monitors said."
RETOLD = "Twelve civilians died when Russian jets hit the crowded Saraqib market on Tuesday."
UNRELATED = "Clashes broke out between rebels and government troops near the motorway."


def event(
    *,
    article: str = "a1",
    event_type: str = EXPLOSIONS,
    sub: str = "Air/drone strike",
    actor: str | None = "Military Forces of Russia",
    place: Place | None = SARAQIB,
    day: date = date(2019, 12, 24),
    killed: int | None = 12,
    sentence: str = STRIKE,
) -> Event:
    report = Report(
        article_id=article,
        event_type=event_type,
        sub_event_type=sub,
        trigger=Span(0, 6, "struck"),
        sentence=Span(0, len(sentence), sentence),
        actor1=ActorRole(actor, "state forces") if actor else None,
        place=PlaceMention(Span(0, 7, place.name), place=place, geo_precision=GeoPrecision.EXACT)
        if place
        else None,
        date_start=day,
        date_end=day,
        fatalities=killed,
    )
    return merge_reports([report])[0]


def test_families_block_violent_demonstration_and_strategic_types_apart():
    assert family_of(BATTLES) == family_of(VAC) == family_of(EXPLOSIONS)
    assert family_of(PROTESTS) == family_of(RIOTS) == {PROTESTS, RIOTS}
    assert family_of(STRATEGIC) == {STRATEGIC}
    assert family_of("Something new") == {"Something new"}


@pytest.mark.parametrize(
    ("other", "merges"),
    [
        # the rule before scoring: same sub-type, place and dates
        (event(article="a2", killed=None, sentence=UNRELATED), True),
        # another sub-type of the type: needs the toll or the words
        (event(article="a2", sub="Shelling/artillery/missile attack", sentence=RETOLD), True),
        (
            event(
                article="a2", sub="Shelling/artillery/missile attack", killed=3, sentence=UNRELATED
            ),
            False,
        ),
        # another type of the family, the same toll told in other words
        (event(article="a2", event_type=VAC, sub="Attack", sentence=RETOLD), True),
        (event(article="a2", event_type=VAC, sub="Attack", killed=None, sentence=UNRELATED), False),
        # allies named as actor1: corroborated by the toll
        (event(article="a2", actor="Military Forces of Syria", sentence=RETOLD), True),
        (
            event(article="a2", actor="Military Forces of Syria", killed=None, sentence=UNRELATED),
            False,
        ),
        # enemies, another family, far places, other days: blocked whatever the words
        (event(article="a2", actor="Hayat Tahrir al-Sham", sentence=STRIKE), False),
        (event(article="a2", event_type=PROTESTS, sub="Peaceful protest"), False),
        (event(article="a2", place=MAARET), False),
        (event(article="a2", day=date(2019, 12, 28)), False),
    ],
)
def test_merge_into_blocks_then_scores(other: Event, merges: bool):
    new = event()
    merged, absorbed = merge_into(new, [other])
    assert absorbed == ()
    assert (merged.id == other.id) is merges
    assert len(merged.reports) == (2 if merges else 1)


def test_a_nearby_place_scores_less_than_the_same_place():
    same = match_score(event(), event(article="a2"))
    near = match_score(event(), event(article="a2", place=SARAQIB_EAST))
    assert same is not None and near is not None
    assert near.total < same.total
    assert near.merges  # 9 km is within SAME_PLACE_KM


def test_scores_name_their_reasons():
    score = match_score(event(), event(article="a2", sentence=RETOLD))
    assert score is not None and score.total >= MERGE_AT
    joined = " ".join(score.reasons)
    for reason in ("same sub-event type", "same actor1", "same place", "same death toll"):
        assert reason in joined
    assert "sentences overlap" in joined


def test_conflicting_tolls_become_low_best_high_with_every_report():
    stored = event(article="a1", killed=12)
    second = event(article="a2", killed=15, sentence=RETOLD)
    merged, _ = merge_into(second, [stored])
    merged, _ = merge_into(event(article="a3", killed=9), [merged])
    assert (merged.fatalities_low, merged.fatalities_best, merged.fatalities_high) == (9, 12, 15)
    assert sorted(r.article_id for r in merged.reports) == ["a1", "a2", "a3"]
