"""Role fillers (perpetrators, victims, targets, weapons) from the real spaCy parse."""

from __future__ import annotations

import pytest

from sitrep.annotate import load_annotator, resolve_model_name
from sitrep.extract.context import build_children
from sitrep.extract.roles import Roles, noun_kinds, sentence_roles


@pytest.fixture(scope="module")
def roles_of():
    annotator = load_annotator(resolve_model_name("auto"))

    def read(text: str) -> Roles:
        annotation = annotator.annotate("t", text)
        children = build_children(annotation.tokens)
        return sentence_roles(annotation, children, annotation.sentences[0])

    return read


def test_active_verb_gives_people_their_organisation_the_target_and_the_weapon(roles_of):
    roles = roles_of(
        "Members of the Farabundo Marti National Liberation Front attacked an electric "
        "power substation with rockets."
    )
    assert roles.perpetrators == ("Members",)
    assert roles.perpetrator_groups == ("Farabundo Marti National Liberation Front",)
    assert roles.targets == ("electric power substation",)
    assert roles.weapons == ("rockets",)


def test_passive_verb_gives_the_victim_and_the_by_phrase_the_perpetrator(roles_of):
    roles = roles_of("Two priests were murdered by gunmen in the capital.")
    assert roles.victims == ("Two priests",)
    assert roles.perpetrators == ("gunmen",)


def test_coordinated_perpetrators_are_each_a_filler(roles_of):
    roles = roles_of("A man and a woman bombed the bank.")
    assert roles.perpetrators == ("man", "woman")
    assert roles.targets == ("bank",)


def test_noun_predicate_of_phrase_is_the_victim(roles_of):
    roles = roles_of("The army condemned the murder of Colonel Waldemar Quintero in Medellin.")
    assert roles.victims == ("Colonel Waldemar Quintero",)
    assert roles.perpetrators == ()


def test_the_subject_of_an_explosion_is_a_weapon_not_a_perpetrator(roles_of):
    roles = roles_of("A car bomb exploded outside the police station, destroying three buses.")
    assert "car bomb" in roles.weapons
    assert roles.perpetrators == () and roles.perpetrator_groups == ()
    assert "three buses" in roles.targets


def test_a_sentence_without_a_violent_predicate_has_no_roles(roles_of):
    assert roles_of("The minister met the ambassador and discussed rifles and trade.") == Roles()


def test_the_lexicon_holds_each_noun_once_with_a_known_kind():
    kinds = noun_kinds()
    assert kinds["guerrillas"] == "person"
    assert kinds["army"] == "group"
    assert kinds["substation"] == "object"
    assert kinds["dynamite"] == "weapon"
    assert set(kinds.values()) == {"person", "group", "object", "weapon"}
