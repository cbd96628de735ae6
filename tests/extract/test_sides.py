"""Who fights beside whom: the sides table and the report builder's use of it."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import ModelError
from sitrep.extract.sides import load_sides, parse_side_rows

PUBLISHED = date(2018, 1, 4)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("a", "b", "on", "country", "allied"),
    [
        ("Military Forces of Russia", "Military Forces of Syria", date(2018, 1, 2), "SY", True),
        ("Military Forces of Russia", "Hayat Tahrir al-Sham", date(2018, 1, 2), "SY", False),
        # before Russia's intervention (30 September 2015) they were not one side there
        ("Military Forces of Russia", "Military Forces of Syria", date(2014, 1, 2), "SY", False),
        # Sudan's army and the RSF: allies until April 2023, enemies since
        ("Military Forces of Sudan", "Rapid Support Forces", date(2020, 1, 1), "SD", True),
        ("Military Forces of Sudan", "Rapid Support Forces", date(2024, 1, 1), "SD", False),
        # one state's army and police are one side everywhere
        ("Military Forces of Kenya", "Police Forces of Kenya", None, None, True),
        ("Military Forces of Kenya", "Military Forces of Somalia", date(2024, 1, 1), "ZZ", True),
        # a report placed where neither fights (a soldier's home town): any country
        (
            "Coalition Forces",
            "Military Forces of the United States",
            date(2016, 11, 24),
            "US",
            True,
        ),
        ("Islamic State", "Military Forces of the United States", date(2016, 11, 24), "US", False),
    ],
)
def test_sides_allied(a, b, on, country, allied):
    assert load_sides().allied(a, b, on=on, country=country) is allied
    assert load_sides().allied(b, a, on=on, country=country) is allied


def test_sides_every_row_names_a_known_actor():
    from sitrep.extract.actors import load_actor_dictionary

    names = {a.name for a in load_actor_dictionary().actors}
    unknown = {
        actor
        for actor in load_sides().by_actor
        if actor not in names and not actor.startswith(("Military Forces of ", "Police Forces of "))
    }
    assert not unknown


def test_sides_bad_date_names_the_row():
    rows = [{"conflict": "c", "country": "SY", "side": "a", "actor": "X", "from": "2018-13-01"}]
    with pytest.raises(ModelError, match="row 2"):
        parse_side_rows(rows, source="sides.csv")


@pytest.mark.issue(11)
def test_sides_allies_are_never_coded_as_enemies(pipeline):
    text = (
        "Over the past two months, Syrian troops backed by Russian air strikes have captured "
        "more than 80 towns and villages from rebels in Hama province."
    )
    result = pipeline.process_text(text, published=PUBLISHED)
    assert result.reports
    for report in result.reports:
        pair = {
            report.actor1.name if report.actor1 else None,
            report.actor2.name if report.actor2 else None,
        }
        assert pair != {"Military Forces of Syria", "Military Forces of Russia"}
    capture = next(r for r in result.reports if r.sub_event_type == "Government regains territory")
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Syria"
    assert capture.actor2 is not None and capture.actor2.name == "Rebel groups (Syria)"
    assert [a.name for a in capture.associated] == ["Military Forces of Russia"]
