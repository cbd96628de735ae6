from __future__ import annotations

from datetime import date

import pytest

from export.samples import make_event, make_result
from sitrep.store.review import (
    EDITABLE_FIELDS,
    ReviewError,
    apply_overrides,
    check_edit,
    field_value,
)


def sample_event():
    result = make_result()
    return make_event("ev-1", result.reports)


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("fatalities_best", "12", 12),
        ("fatalities_best", 12.0, 12),
        ("fatalities_low", None, None),
        ("date_start", "2018-01-05", "2018-01-05"),
        ("actor1", "  Islamic   State ", "Islamic State"),
        ("actor1", "", None),
        ("actor2_type", "civilians", "civilians"),
        ("is_background", True, True),
        (
            "place",
            {"name": "Saraqeb", "lat": 35.86, "lon": 36.8, "country": "Syria"},
            {"name": "Saraqeb", "lat": 35.86, "lon": 36.8, "country": "SY"},
        ),
    ],
)
def test_review_check_edit_normalises(field, value, stored):
    assert check_edit(field, value) == stored


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fatalities_best", 12.5, "whole number"),
        ("fatalities_best", True, "whole number"),
        ("fatalities_best", float("inf"), "whole number"),
        ("fatalities_high", 10**9, "plausible"),
        ("date_end", "2018-13-01", "YYYY-MM-DD"),
        ("actor1", 5, "name"),
        ("actor1", "x" * 201, "200"),
        ("actor1_type", "aliens", "not one of"),
        ("is_background", "yes", "true or false"),
        ("place", {"name": "X", "lat": "north", "lon": 0}, "numbers"),
        ("place", {"lat": 1, "lon": 1}, "name"),
        ("place", {"name": "X", "lat": 1, "lon": 1, "country": "Atlantis"}, "country"),
        ("event_type", "Battles", "sub_event_type"),
        ("notes", "x", "cannot be edited"),
    ],
)
def test_review_check_edit_refuses_bad_values(field, value, message):
    with pytest.raises(ReviewError, match=message):
        check_edit(field, value)


def test_review_apply_overrides_sets_each_field():
    event = sample_event()
    reviewed = apply_overrides(
        event,
        {
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Military Forces of Syria (2000-)",
            "actor1_type": "state forces",
            "date_start": "2018-01-05",
            "fatalities_best": 40,
            "place": {"name": "Saraqeb", "lat": 35.86, "lon": 36.8, "country": "SY"},
        },
    )
    assert reviewed.event_type == "Explosions/Remote violence"
    assert reviewed.actor1 is not None and reviewed.actor1.name.startswith("Military Forces")
    assert reviewed.actor1.actor_type == "state forces"
    assert reviewed.date_start == date(2018, 1, 5)
    assert reviewed.fatalities_best == 40
    assert reviewed.place is not None and reviewed.place.place is not None
    assert (reviewed.place.place.lat, reviewed.place.place.source) == (35.86, "review")
    assert reviewed.reports == event.reports  # the evidence is untouched
    assert apply_overrides(event, {}) is event


def test_review_field_value_reads_every_editable_field():
    event = sample_event()
    for field in EDITABLE_FIELDS:
        value = field_value(event, field)
        # What field_value reads back is a value check_edit accepts unchanged.
        if value is not None:
            assert check_edit(field, value) == value, field
