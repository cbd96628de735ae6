"""TF-IDF features of the event typer."""

from __future__ import annotations

import numpy as np

from sitrep.classify.features import build_vocabulary, terms


def test_features_terms_fold_inflections_and_numbers():
    assert terms("Shelling shelled 43") == ["shell", "shell", "0", "shell shell", "shell 0"]


def test_features_vocabulary_keeps_terms_seen_often_enough():
    vocabulary = build_vocabulary(["air strikes hit", "air strikes killed", "protest"], min_df=2)
    assert set(vocabulary.index) == {"air", "strik", "air strik"}


def test_features_rows_are_unit_length_or_zero():
    vocabulary = build_vocabulary(["air strikes hit", "air strikes killed"], min_df=1)
    rows = vocabulary.vectorize(["air strikes", "nothing known here"])
    assert np.isclose(np.linalg.norm(rows[0]), 1.0)
    assert not rows[1].any()
