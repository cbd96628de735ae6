from __future__ import annotations

import pytest

from sitrep.extract.triggers import ATTACK, CAPTURE, PROTEST, find_triggers


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Russian air strikes hit the town.", "Air/drone strike"),
        ("A sarin nerve gas attack killed 90 people.", "Chemical weapon"),
        ("A suicide bomber struck the market.", "Suicide bomb"),
        ("A roadside bomb exploded near the convoy.", "Remote explosive/landmine/IED"),
        ("Government forces shelled the village.", "Shelling/artillery/missile attack"),
        ("Troops captured the town of Abu Dali.", CAPTURE),
        ("Heavy clashes erupted near the airport.", "Armed clash"),
        ("Gunmen attacked a bus.", ATTACK),
        ("Thousands protested in the capital.", PROTEST),
        ("Police arrested 12 people.", "Arrests"),
        ("Both sides agreed a ceasefire.", "Agreement"),
        ("Gunmen kidnapped three aid workers.", "Abduction/forced disappearance"),
    ],
)
def test_triggers_first_match_type(text, sub_event_type):
    matches = find_triggers(text)
    assert matches, text
    assert matches[0].trigger.sub_event_type == sub_event_type


def test_triggers_specific_wins_over_overlapping_generic():
    matches = find_triggers("a chemical attack")
    assert [m.trigger.sub_event_type for m in matches] == ["Chemical weapon"]


@pytest.mark.parametrize("text", ["The minister attended a conference.", "Prices rose sharply."])
def test_triggers_none_in_plain_text(text):
    assert find_triggers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Two rockets, both Katyushas, were fired at Baghdad.",
        "Mortars and field guns have been indiscriminately fired against the sector.",
    ],
)
def test_triggers_projectiles_fired_in_the_passive_are_shelling(text):
    assert [m.trigger.sub_event_type for m in find_triggers(text)] == [
        "Shelling/artillery/missile attack"
    ]
