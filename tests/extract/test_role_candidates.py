"""Role candidates and their features from the real spaCy parse, and the shipped scorer
on clear sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.annotate import load_annotator, resolve_model_name
from sitrep.classify.role_model import load_role_model
from sitrep.extract.context import build_children
from sitrep.extract.role_candidates import candidates as _candidates_with
from sitrep.extract.role_candidates import features_of_example
from sitrep.extract.role_candidates import scored_fillers as _scored_with
from sitrep.extract.roles import RoleReader, roles_from, rule_fillers


@pytest.fixture(scope="module")
def annotator():
    return load_annotator(resolve_model_name("auto"))


def candidates(reader, annotation, sentence):
    return _candidates_with(
        reader, annotation, sentence, rule_fillers(reader, annotation, sentence)
    )


def scored_fillers(reader, annotation, sentence, model):
    rules = rule_fillers(reader, annotation, sentence)
    return _scored_with(reader, annotation, sentence, model, rules)


def _reader_of(annotator, text):
    annotation = annotator.annotate("t", text)
    reader = RoleReader(annotation, build_children(annotation.tokens), ())
    return reader, annotation, annotation.sentences[0]


def test_candidates_are_phrase_heads_not_their_modifiers(annotator):
    reader, annotation, sentence = _reader_of(
        annotator, "Guerrillas attacked an electric power substation with rockets."
    )
    heads = [c.head.text for c in candidates(reader, annotation, sentence)]
    assert heads == ["Guerrillas", "substation", "rockets"]


def test_a_candidate_carries_the_rules_slot_and_its_path_to_the_predicate(annotator):
    reader, annotation, sentence = _reader_of(
        annotator, "Two priests were murdered by gunmen in the capital."
    )
    found = {c.head.text: c for c in candidates(reader, annotation, sentence)}
    assert found["priests"].rule_slot == "victims"
    assert "path=nsubjpass" in found["priests"].features
    assert found["gunmen"].rule_slot == "perpetrators"
    assert "path=pobj<agent:by" in found["gunmen"].features
    assert found["capital"].rule_slot is None


def test_features_are_case_free(annotator):
    upper = _reader_of(annotator, "Rebels burned the town hall.")
    lower = _reader_of(annotator, "rebels burned the town hall.")
    first = [c.features for c in candidates(*upper)]
    second = [c.features for c in candidates(*lower)]
    assert [f for f in first[0] if f.startswith("w=")] == ["w=rebel"]
    assert [f for f in second[0] if f.startswith("w=")] == ["w=rebel"]


def test_the_doctest_example_is_a_passive_victim():
    assert "rule=victims" in features_of_example()


@pytest.mark.parametrize(
    ("text", "slot", "filler"),
    [
        # "claimed responsibility for the attack": no violent verb governs the FMLN.
        (
            "The FMLN claimed responsibility for the attack on the bridge.",
            "perpetrator_groups",
            "FMLN",
        ),
        # "threw a bomb at": the rules know "bomb" only as a weapon.
        (
            "Urban guerrillas threw a bomb at the home of a judge in San Salvador.",
            "perpetrators",
            "Urban guerrillas",
        ),
        (
            "The bombing, blamed on the Medellin cartel, destroyed the offices of El Espectador.",
            "perpetrator_groups",
            "Medellin cartel",
        ),
    ],
)
def test_the_shipped_scorer_finds_roles_the_parse_rules_miss(annotator, text, slot, filler):
    reader, annotation, sentence = _reader_of(annotator, text)
    assert filler not in getattr(
        roles_from(reader, rule_fillers(reader, annotation, sentence)), slot
    )
    roles = roles_from(reader, scored_fillers(reader, annotation, sentence, load_role_model()))
    assert filler in getattr(roles, slot)


def test_the_shipped_scorer_leaves_places_and_times_unfilled(annotator):
    reader, annotation, sentence = _reader_of(
        annotator, "Two priests were murdered by gunmen in the capital on Sunday."
    )
    roles = roles_from(reader, scored_fillers(reader, annotation, sentence, load_role_model()))
    filled = {f for slot in roles.__slots__ for f in getattr(roles, slot)}
    assert "gunmen" in filled
    assert "capital" not in filled and "Sunday" not in filled


def test_events_keep_the_rules_fillers_beside_the_scorers(pipeline):
    """The shipped model was chosen with the rules beside it (cross-validated on MUC-4
    train), so a victim only the rules find stays."""
    assert load_role_model().with_rules
    result = pipeline.process_text(
        "Two priests were murdered by gunmen in San Salvador on Sunday.",
        published=date(1989, 11, 20),
    )
    (report,) = result.reports
    assert "Two priests" in report.victims
    assert "gunmen" in report.perpetrators
