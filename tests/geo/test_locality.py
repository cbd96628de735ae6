from __future__ import annotations

import pytest

from sitrep.geo.locality import is_facility_name, is_street_name, locate_unresolved
from sitrep.types import GeoPrecision, Place, PlaceMention, Span, ToponymKind

MANSFIELD = Place(4710826, "Mansfield", 32.56, -97.14, "US", "Texas", "P", "PPL", 56_368)
ARLINGTON = Place(4671240, "Arlington", 32.74, -97.11, "US", "Texas", "P", "PPL", 365_438)
TEXAS = Place(4736286, "Texas", 31.25, -99.25, "US", "Texas", "A", "ADM1", 0)


def _mention(text: str, name: str, place: Place | None = None, *, after: int = 0) -> PlaceMention:
    start = text.index(name, after)
    return PlaceMention(
        span=Span(start, start + len(name), name),
        kind=ToponymKind.LITERAL,
        place=place,
        geo_precision=GeoPrecision.EXACT if place is not None else None,
        score=0.9 if place is not None else 0.0,
        reason="population prior" if place is not None else "not in gazetteer",
    )


@pytest.mark.parametrize(
    ("name", "street", "facility"),
    [
        ("Atlantic Avenue", True, True),
        ("N. Bedford Drive", True, True),
        ("2700 North Fourth Street", True, True),
        ("500 block of Jeffords", False, True),
        ("South Kilburn Estate", False, True),
        ("Woodman Point", False, True),
        ("Lake Chad", False, True),
        ("Aleppo", False, False),
        ("Street", False, False),
        ("St. Cloud", False, False),
    ],
)
def test_street_and_facility_names(name: str, street: bool, facility: bool) -> None:
    assert is_street_name(name) is street
    assert is_facility_name(name) is facility


def test_town_written_beside_wins() -> None:
    text = "A meeting at City Hall, 1200 E. Broad St., Mansfield. Arlington and Arlington agree."
    mentions = [
        _mention(text, "E. Broad St."),
        _mention(text, "Mansfield", MANSFIELD),
        _mention(text, "Arlington", ARLINGTON),
        _mention(text, "Arlington", ARLINGTON, after=text.index("and")),
    ]
    street = locate_unresolved(mentions, text)[0]
    assert street.place == MANSFIELD
    assert street.geo_precision is GeoPrecision.NEAR
    assert street.reason == "not in gazetteer; in or near Mansfield, written beside it"
    assert street.span == mentions[0].span


def test_same_sentence_before_story_town() -> None:
    text = "Mansfield and Mansfield again. A fire on Oak Lane was put out, Arlington police said."
    mentions = [
        _mention(text, "Mansfield", MANSFIELD),
        _mention(text, "Mansfield", MANSFIELD, after=5),
        _mention(text, "Oak Lane"),
        _mention(text, "Arlington", ARLINGTON),
    ]
    lane = locate_unresolved(mentions, text)[2]
    assert lane.place == ARLINGTON
    assert "named in the same sentence" in lane.reason


def test_story_town_only_for_streets_and_buildings() -> None:
    text = "Mansfield council met. Later Oak Lane flooded. Later Smallville flooded."
    mentions = [
        _mention(text, "Mansfield", MANSFIELD),
        _mention(text, "Oak Lane"),
        _mention(text, "Smallville"),
    ]
    out = locate_unresolved(mentions, text)
    assert out[1].place == MANSFIELD and "the town the story names most" in out[1].reason
    assert out[2].place is None and out[2].reason == "not in gazetteer"


def test_divisions_and_unplaced_towns_are_not_localities() -> None:
    text = "Texas officials inspected Oak Lane."
    mentions = [_mention(text, "Texas", TEXAS), _mention(text, "Oak Lane")]
    out = locate_unresolved(mentions, text)
    assert out[1].place is None


def test_resolved_and_problem_mentions_are_untouched() -> None:
    text = "Mansfield police closed Oak Lane."
    problem = PlaceMention(span=Span(0, 0, ""), kind=ToponymKind.LITERAL, reason="empty name")
    mentions = [_mention(text, "Mansfield", MANSFIELD), problem]
    assert locate_unresolved(mentions, text) == tuple(mentions)


def test_only_literal_names_are_placed() -> None:
    text = "Mansfield police said Oak Lane Board met."
    board = PlaceMention(
        span=Span(text.index("Oak Lane"), text.index("Oak Lane") + 8, "Oak Lane"),
        kind=ToponymKind.NON_TOPONYM,
        reason="not in gazetteer",
    )
    out = locate_unresolved([_mention(text, "Mansfield", MANSFIELD), board], text)
    assert out[1] == board


def test_village_named_with_a_town_in_its_sentence_is_region_precision() -> None:
    text = "Troops took Smallville, a link between Mansfield and Arlington."
    out = locate_unresolved(
        [
            _mention(text, "Smallville"),
            _mention(text, "Mansfield", MANSFIELD),
            _mention(text, "Arlington", ARLINGTON),
        ],
        text,
    )
    assert out[0].place == MANSFIELD
    assert out[0].geo_precision is GeoPrecision.REGION
    assert "named in the same sentence" in out[0].reason


def test_towns_outside_the_story_countries_are_not_taken() -> None:
    text = "Mansfield police said Oak Lane flooded."
    mentions = [_mention(text, "Mansfield", MANSFIELD), _mention(text, "Oak Lane")]
    assert locate_unresolved(mentions, text, countries={"SY"})[1].place is None
    assert locate_unresolved(mentions, text, countries={"US"})[1].place == MANSFIELD


def test_abbreviations_are_not_villages_of_the_town_beside_them() -> None:
    text = "The firm Dimond Kaplan & Rothstein, P.A. of Mansfield has offices in Arlington."
    mentions = [
        _mention(text, "P.A."),
        _mention(text, "Mansfield", MANSFIELD),
        _mention(text, "Arlington", ARLINGTON),
    ]
    firm = locate_unresolved(mentions, text)[0]
    assert firm.place is None and firm.reason == "not in gazetteer"
