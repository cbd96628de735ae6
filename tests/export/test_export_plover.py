"""PLOVER export: the manual's field names, the crosswalk, sides of the violence."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.export.plover import CROSSWALK, plover_record, write_plover
from sitrep.taxonomy import EVENT_TYPE_OF, SUB_EVENT_TYPES
from sitrep.types import ActorRole

from .samples import make_result

EVENT = make_result().events[0]  # Battles / Armed clash at Abu Dali, 12 killed
DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
PLOVER_EVENTS = {"AGREE", "RETREAT", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"}


def test_crosswalk_covers_every_acled_sub_type() -> None:
    assert set(CROSSWALK) == set(SUB_EVENT_TYPES)
    assert {c.event for c in CROSSWALK.values() if c is not None} <= PLOVER_EVENTS


def test_record_has_the_manual_fields() -> None:
    record = plover_record(EVENT)
    assert record is not None
    assert record["id"] == EVENT.id
    assert record["date"] == "2018-01-02"
    assert record["enddate"] is None  # one day: no end date
    assert record["event"] == ["ASSAULT"]
    assert record["quad_code"] == 4
    assert record["event_scale"] == pytest.approx(-9.3)
    assert record["dead"] == 12
    location = record["event_loc"]
    assert location["name"] == "Abu Dali"
    assert location["country code"] == "SY"
    assert location["cc3"] == "SYR"
    assert isinstance(location["latitude"], float)
    assert record["event_text"] and "clashed" in record["event_text"][0]
    assert record["cite_info"]["articles"] == [EVENT.reports[0].article_id]


def test_battles_put_both_sides_in_source() -> None:
    record = plover_record(EVENT)
    assert record is not None
    assert [a["identifier_text"] for a in record["source"]] == [
        "Military Forces of Syria",
        "Hayat Tahrir al-Sham",
    ]
    assert record["recipient"] == []
    assert [a["sector"] for a in record["source"]] == ["MIL", "REB"]
    assert record["source"][0]["code"] == "SYR"
    assert record["source"][0]["actor_text"] == "Syrian government forces"


def test_one_sided_violence_has_a_recipient() -> None:
    victims = ActorRole("Civilians (Syria)", "civilians", None, "SY")
    police = ActorRole("Police Forces of Syria", "state forces", None, "SY")
    event = replace(
        EVENT,
        event_type=EVENT_TYPE_OF["Attack"],
        sub_event_type="Attack",
        actor1=police,
        actor2=victims,
    )
    record = plover_record(event)
    assert record is not None
    assert [a["sector"] for a in record["source"]] == ["COP"]
    assert [a["sector"] for a in record["recipient"]] == ["CVL"]


@pytest.mark.parametrize(
    ("sub_type", "event", "mode"),
    [
        ("Suicide bomb", "ASSAULT", "suicide-attack"),
        ("Peaceful protest", "PROTEST", "demo"),
        ("Violent demonstration", "PROTEST", "riot"),
        ("Arrests", "COERCE", "arrest"),
        ("Abduction/forced disappearance", "ASSAULT", "abduct"),
    ],
)
def test_sub_types_map_to_category_and_mode(sub_type: str, event: str, mode: str) -> None:
    record = plover_record(
        replace(EVENT, event_type=EVENT_TYPE_OF[sub_type], sub_event_type=sub_type)
    )
    assert record is not None
    assert (record["event"], record["mode"]) == ([event], [mode])


def test_sub_types_without_a_category_are_left_out() -> None:
    other = replace(EVENT, id="other", event_type="Strategic developments", sub_event_type="Other")
    buffer = io.StringIO()
    assert write_plover([EVENT, other], buffer) == 1
    lines = buffer.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [EVENT.id]


def test_unicode_line_separators_stay_escaped() -> None:
    sentence = replace(EVENT.reports[0].sentence, text="killed\u2028in\u0085Idlib")
    event = replace(EVENT, reports=(replace(EVENT.reports[0], sentence=sentence),))
    buffer = io.StringIO()
    write_plover([event], buffer)
    body = buffer.getvalue()
    assert "\u2028" not in body and "\u0085" not in body
    assert len(body.splitlines()) == 1  # str.splitlines splits on both


def test_docs_table_matches_the_crosswalk() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for sub_type, category in CROSSWALK.items():
        if category is None:
            assert f"| {sub_type} | (left out) |" in text
        else:
            assert f"| {sub_type} | {category.event} | {category.mode or ''} |" in text
