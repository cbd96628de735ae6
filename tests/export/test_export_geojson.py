from __future__ import annotations

import io
import json
import math
from dataclasses import replace

import pytest

from sitrep.export.geojson import events_to_geojson, write_geojson
from sitrep.types import Event

from .samples import MOSUL, make_event, make_result, place_mention

RESULT = make_result()
LOCATED = RESULT.events[0]
UNLOCATED = replace(LOCATED, id="ev-nowhere", place=None)
UNRESOLVED = replace(LOCATED, id="ev-unresolved", place=RESULT.places[2])
assert LOCATED.place is not None
BAD_COORDINATES = replace(
    LOCATED,
    id="ev-bad",
    place=replace(LOCATED.place, place=replace(MOSUL, lat=math.nan)),
)


@pytest.mark.parametrize(
    ("events", "features", "without"),
    [
        ([], 0, 0),
        ([LOCATED], 1, 0),
        ([LOCATED, UNLOCATED, UNRESOLVED, BAD_COORDINATES], 1, 3),
    ],
)
def test_geojson_feature_collection_counts_events_without_coordinates(
    events: list[Event], features: int, without: int
) -> None:
    collection = events_to_geojson(events)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == features
    assert collection["sitrep"] == {"events_without_coordinates": without}
    json.dumps(collection, allow_nan=False)  # valid JSON, no NaN


@pytest.mark.parametrize("event", [LOCATED])
def test_geojson_point_is_lon_lat_rounded_to_five_decimals(event: Event) -> None:
    feature = events_to_geojson([event])["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.94568, 35.27112]}
    lon, lat = feature["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("id", "ev-abu-dali"),
        ("event_type", "Battles"),
        ("sub_event_type", "Armed clash"),
        ("actor1", "Military Forces of Syria"),
        ("actor2_type", "rebel group"),
        ("date_start", "2018-01-02"),
        ("time_precision", 1),
        ("geo_precision", 1),
        ("place_name", "Abu Dali"),
        ("country", "SY"),
        ("admin1", "Hama"),
        ("fatalities_best", 12),
        ("n_reports", 1),
        ("sources", ["Syrian Observatory"]),
        ("is_background", False),
    ],
)
def test_geojson_properties(key: str, expected: object) -> None:
    properties = events_to_geojson([LOCATED])["features"][0]["properties"]
    assert properties[key] == expected


def test_geojson_evidence_is_first_report_sentence() -> None:
    properties = events_to_geojson([LOCATED])["features"][0]["properties"]
    assert properties["evidence"].startswith("Syrian government forces clashed")


@pytest.mark.parametrize("count", [2])
def test_geojson_write_returns_feature_count(count: int) -> None:
    mosul = make_event(
        "ev-mosul",
        (replace(LOCATED.reports[0], place=place_mention(RESULT.article.text, "Idlib", MOSUL)),),
    )
    out = io.StringIO()
    assert write_geojson([LOCATED, mosul, UNLOCATED], out) == count
    assert json.loads(out.getvalue())["sitrep"]["events_without_coordinates"] == 1
