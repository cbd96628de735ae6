from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from sitrep.countries import acled_region, country_code, country_name
from sitrep.export.csv import (
    ACLED_COLUMNS,
    disorder_type,
    interaction_code,
    write_acled_csv,
)
from sitrep.types import ActorRole, Event, Span

from .samples import make_result

EVENT = make_result().events[0]


def read_rows(events: list[Event]) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_acled_csv(events, out, timestamp=1700000000)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_csv_header_is_acled_columns() -> None:
    out = io.StringIO(newline="")
    assert write_acled_csv([EVENT], out, timestamp=1) == 1
    header = out.getvalue().splitlines()[0].split(",")
    assert tuple(header) == ACLED_COLUMNS
    assert len(ACLED_COLUMNS) == 31


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("event_id_cnty", "SYRev-abu-dali"),
        ("event_date", "2018-01-02"),
        ("year", "2018"),
        ("time_precision", "1"),
        ("disorder_type", "Political violence"),
        ("event_type", "Battles"),
        ("sub_event_type", "Armed clash"),
        ("actor1", "Military Forces of Syria"),
        ("inter1", "1"),
        ("actor2", "Hayat Tahrir al-Sham"),
        ("inter2", "2"),
        ("interaction", "12"),
        ("civilian_targeting", ""),
        ("iso", "760"),
        ("region", "Middle East"),
        ("country", "Syria"),
        ("admin1", "Hama"),
        ("location", "Abu Dali"),
        ("latitude", "35.27112"),
        ("longitude", "36.94568"),
        ("geo_precision", "1"),
        ("source", "Syrian Observatory"),
        ("fatalities", "12"),
        ("timestamp", "1700000000"),
    ],
)
def test_csv_row_values(column: str, expected: str) -> None:
    assert read_rows([EVENT])[0][column] == expected


def test_csv_notes_hold_the_evidence_sentence() -> None:
    notes = read_rows([EVENT])[0]["notes"]
    assert notes.startswith("Syrian government forces clashed")


@pytest.mark.parametrize("fatalities", [None])
def test_csv_missing_fatalities_are_zero(fatalities: int | None) -> None:
    assert read_rows([replace(EVENT, fatalities_best=fatalities)])[0]["fatalities"] == "0"


@pytest.mark.parametrize("payload", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rx"])
def test_csv_guards_formula_injection(payload: str) -> None:
    actor = ActorRole(payload, "rebel group")
    report = replace(EVENT.reports[0], sentence=Span(0, len(payload), payload), actor1=actor)
    row = read_rows([replace(EVENT, actor1=actor, reports=(report,))])[0]
    assert row["actor1"] == "'" + payload
    # notes have their whitespace collapsed, so a leading tab may simply be gone
    assert row["notes"][0] == "'" or row["notes"][0] not in "=+-@\t\r"


def test_csv_negative_coordinates_stay_numbers() -> None:
    assert EVENT.place is not None and EVENT.place.place is not None
    place = EVENT.place.place
    west = replace(EVENT, place=replace(EVENT.place, place=replace(place, lon=-12.5)))
    assert read_rows([west])[0]["longitude"] == "-12.5"


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(1, 2, 12), (2, 1, 12), (7, 1, 17), (6, 0, 60), (0, 5, 50), (3, 3, 33), (0, 0, 0)],
)
def test_csv_interaction_code(inter1: int, inter2: int, expected: int) -> None:
    assert interaction_code(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Arrests", "Strategic developments"),
        ("Unknown", "", ""),
    ],
)
def test_csv_disorder_type(event_type: str, sub_event_type: str, expected: str) -> None:
    assert disorder_type(event_type, sub_event_type) == expected


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("SY", "Syria", "Middle East"),
        ("NG", "Nigeria", "Western Africa"),
        ("AM", "Armenia", "Caucasus and Central Asia"),
        ("ZZ", None, None),
    ],
)
def test_countries_name_and_region(code: str, name: str | None, region: str | None) -> None:
    assert country_name(code) == name
    assert acled_region(code) == region


@pytest.mark.parametrize(("text", "code"), [("sy", "SY"), ("SYRIA", "SY"), ("Atlantis", None)])
def test_countries_code_from_name_or_code(text: str, code: str | None) -> None:
    assert country_code(text) == code
