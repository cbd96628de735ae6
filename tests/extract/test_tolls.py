from __future__ import annotations

import pytest

from sitrep.extract.tolls import displacement_term, is_aggregate_sentence


@pytest.mark.parametrize(
    ("sentence", "aggregate"),
    [
        ("Some 43 civilians have been killed since the offensive began.", True),
        ("The death toll has risen to 90.", True),
        ("So far 300 people have died in the fighting.", True),
        ("An air strike killed five people in the market on Monday.", False),
        ("Air strikes on towns across the country killed at least 44 people on Monday.", True),
        ("Air strikes across several towns killed 30 civilians on Monday.", True),
        ("Air strikes on the country's north killed 12 people on Monday.", False),
    ],
)
def test_tolls_aggregate_sentence(sentence, aggregate):
    assert is_aggregate_sentence(sentence) is aggregate


@pytest.mark.parametrize(
    ("sentence", "offset", "term"),
    [
        ("More than 5,000 families have fled the violence.", 0, "fled"),
        ("About 200 people were evacuated from the area.", 0, "evacuated"),
        ("The floods left 3,000 people homeless.", 16, "homeless"),
        ("Some 40,000 people have been displaced.", 0, "displaced"),
        ("Some 800 people were forced into temporary shelters.", 0, "sheltered"),
        ("About 180 people were accommodated at evacuation centres.", 0, "sheltered"),
        ("Some 2,000 people lost their homes in the fire.", 0, "homeless"),
        ("29,739 People lost\ntheir homes\n(ONEMI)", 0, "homeless"),  # a table's line breaks
        ("As many as 35,326 Brus took shelter in six camps.", 0, "in relief camp"),  # IDMC's term
        ("Some 2,000 people took shelter in schools.", 0, "sheltered"),
        # the verb before the figure is nearer than the camps after it
        ("Floods have displaced around 2,000 people who moved to relief camps.", 29, "displaced"),
        ("Floods displaced 5,000 people and 2,000 fled.", 34, "fled"),
    ],
)
def test_tolls_displacement_term(sentence, offset, term):
    assert displacement_term(sentence, offset) == term


@pytest.mark.issue(11)
def test_tolls_destroyed_homes_are_displaced_households(pipeline):
    result = pipeline.process_text(
        "Militiamen burned 40 homes in the village of Kuma in Ituri province on Sunday."
    )
    (record,) = result.displacement
    assert (record.figure, record.unit, record.term) == (40, "households", "destroyed housing")
    assert record.persons is not None and record.persons > 40


@pytest.mark.issue(11)
def test_tolls_evacuated_homes_are_evacuated_households(pipeline):
    result = pipeline.process_text("A wildfire forced the evacuation of about 50 homes on Sunday.")
    (record,) = result.displacement
    assert (record.figure, record.unit, record.term) == (50, "households", "evacuated")
