"""Typos in news copy, corrected only where no English word is meant."""

from __future__ import annotations

import pytest

from sitrep.extract.spelling import corrected, one_edit_apart


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("peole", "people", True),  # a letter left out
        ("soliders", "soldiers", True),  # two neighbours swapped
        ("civillian", "civilian", True),  # one too many
        ("pelple", "people", True),  # one wrong
        ("people", "people", False),
        ("poeple", "people", True),
        ("pepl", "people", False),  # two edits
        ("abcd", "dcba", False),
    ],
)
def test_spelling_one_edit_apart(a, b, apart):
    assert one_edit_apart(a, b) is apart
    assert one_edit_apart(b, a) is apart


def test_spelling_corrects_a_word_no_dictionary_knows():
    assert corrected("Peole", ["people", "soldier"]) == "people"


@pytest.mark.parametrize("word", ["policy", "framer", "fighter", "cat", "A-101"])
def test_spelling_leaves_english_words_short_words_and_codes(word):
    # "policy" is one edit from "police" but an English word: never corrected.
    assert corrected(word, ["police", "farmer", "fighters", "cats", "a-100"]) is None


def test_spelling_two_candidates_correct_nothing():
    assert corrected("qwertz", ["qwerty", "qwertx"]) is None
    assert corrected("qwertz", ["qwerty"]) == "qwerty"
