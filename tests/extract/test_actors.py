from __future__ import annotations

import pytest

from sitrep.extract.actors import find_actors, load_actor_dictionary, parse_actor_rows


@pytest.fixture(scope="module")
def dictionary():
    return load_actor_dictionary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daesh fighters attacked the town.", ["Islamic State"]),
        ("ISIS and ISIL are one group, as is the Islamic State.", ["Islamic State"] * 3),
        ("THIS IS A HEADLINE IN CAPITALS", []),
        ("The Levant Liberation Committee holds Idlib.", ["Hayat Tahrir al-Sham"]),
        ("Al Qaida-linked militants", ["Al Qaeda"]),
    ],
)
def test_actors_named_aliases(dictionary, text, expected):
    assert [m.actor.name for m in find_actors(text, dictionary)] == expected


@pytest.mark.parametrize(
    ("text", "focus", "expected"),
    [
        ("Syrian regime forces advanced.", (), "Military Forces of Syria"),
        ("Russia's air force struck.", (), "Military Forces of Russia"),
        ("Troops entered the town.", ("SY",), "Military Forces of Syria"),
        (
            "The US launched a strike, and US troops landed.",
            (),
            "Military Forces of the United States",
        ),
        ("Police dispersed the crowd.", ("KE",), "Police Forces of Kenya"),
        ("Rebels shelled the base.", ("SY",), "Rebel groups (Syria)"),
    ],
)
def test_actors_generic_take_country(dictionary, text, focus, expected):
    names = [m.actor.name for m in find_actors(text, dictionary, focus=focus)]
    assert expected in names


@pytest.mark.parametrize(
    "text",
    ["Air strikes hit the market.", "Warplanes flew over the city."],
)
def test_actors_country_only_aliases_need_a_country(dictionary, text):
    assert find_actors(text, dictionary, focus=("SY",)) == ()


def test_actors_russian_air_strikes(dictionary):
    found = find_actors("Russian air strikes hit the market.", dictionary)
    assert [m.actor.name for m in found] == ["Military Forces of Russia"]
    assert found[0].span.text == "air strikes"


def test_actors_unknown_modifier_is_not_guessed(dictionary):
    names = [
        m.actor.name
        for m in find_actors("Later, Kurdish forces withdrew.", dictionary, focus=("SY",))
    ]
    assert "Military Forces of Syria" not in names


def test_actors_generic_without_country_keeps_its_kind(dictionary):
    # A text that names no country still has police and rebels: their kind is known,
    # their country is not, and the name claims none.
    mentions = find_actors("Troops entered the town; the police seized rifles.", dictionary)
    assert [(m.span.text, m.actor.name, m.actor.actor_type, m.actor.country) for m in mentions] == [
        ("Troops", "Military Forces", "state forces", None),
        ("police", "Police Forces", "state forces", None),
    ]


def test_actors_named_group_members_are_the_group(dictionary):
    # "Daesh fighters" is one actor, Islamic State, not IS and an unnamed rebel group.
    names = [
        (m.span.text, m.actor.name)
        for m in find_actors(
            "Daesh fighters and Houthi rebels attacked.", dictionary, focus=("SY",)
        )
    ]
    assert names[0] == ("Daesh fighters", "Islamic State")
    assert all(not name.startswith("Rebel groups") for _, name in names)


def test_actors_named_group_protesters_stay_protesters(dictionary):
    names = [
        m.actor.name for m in find_actors("Hamas protesters marched.", dictionary, focus=("PS",))
    ]
    assert any(name.startswith("Protesters") for name in names)


def test_actors_spans_point_into_text(dictionary):
    text = "Yesterday Daesh struck; the Houthis replied."
    for mention in find_actors(text, dictionary):
        assert text[mention.span.start : mention.span.end] == mention.span.text


def test_actors_parse_rows_custom_dictionary():
    rows = [
        {
            "name": "Example Front",
            "actor_type": "rebel group",
            "country": "",
            "parent": "",
            "aliases": "EF|the Front",
        }
    ]
    dictionary = parse_actor_rows(rows)
    assert [m.actor.name for m in find_actors("EF and the Front", dictionary)] == [
        "Example Front"
    ] * 2


@pytest.mark.issue(11)
def test_actors_prefix_tree_pattern_takes_the_longest_alias():
    rows = [
        {
            "name": "Islamic State",
            "actor_type": "rebel group",
            "aliases": "IS|ISIS|Islamic State group",
        },
        {
            "name": "Islamic State Khorasan Province",
            "actor_type": "rebel group",
            "aliases": "ISKP|Islamic State Khorasan",
        },
        {"name": "Hay'at Tahrir al-Sham", "actor_type": "rebel group", "aliases": "Tahrir al Sham"},
    ]
    dictionary = parse_actor_rows(rows)
    text = (
        "ISIS and the Islamic State group fought the Islamic State Khorasan; "
        "Tahrir al-Sham and Hay’at Tahrir al-Sham; this IS it"
    )
    found = [(m.span.text, m.actor.name) for m in find_actors(text, dictionary)]
    assert found == [
        ("ISIS", "Islamic State"),
        ("Islamic State group", "Islamic State"),
        ("Islamic State Khorasan", "Islamic State Khorasan Province"),
        ("Tahrir al-Sham", "Hay'at Tahrir al-Sham"),
        ("Hay’at Tahrir al-Sham", "Hay'at Tahrir al-Sham"),
        ("IS", "Islamic State"),
    ]


def test_actors_a_peoples_adjective_opening_a_sentence_is_no_state_force():
    dictionary = load_actor_dictionary()
    for text in ("Kurdish forces attacked the town.", "He left. Tigrayan forces attacked."):
        names = [m.actor.name for m in find_actors(text, dictionary, focus=("SY",))]
        assert not any(n.startswith("Military Forces of") for n in names)
