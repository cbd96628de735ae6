"""Reading training sentences, folds by document, scoring and cross-validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.classify.train import (
    Hyperparameters,
    cross_validate,
    fit_typer,
    folds,
    read_examples,
    score_predictions,
)
from sitrep.errors import InputError


def test_train_read_examples_names_the_bad_line(tmp_path: Path):
    good = {"text": "Jets bombed the town.", "label": "Air/drone strike", "style": "news"}
    (tmp_path / "a.jsonl").write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl:2"):
        read_examples(tmp_path)


def test_train_read_examples_rejects_unknown_labels(tmp_path: Path):
    bad = {"text": "Jets bombed the town.", "label": "Bombing"}
    (tmp_path / "a.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl:1"):
        read_examples(tmp_path)


def test_train_folds_partition_every_example_once_and_stratify(examples_fixture):
    examples = examples_fixture
    parts = folds(examples, 5)
    flat = sorted(i for part in parts for i in part)
    assert flat == list(range(len(examples)))
    for part in parts:
        assert {examples[i].label for i in part} == {e.label for e in examples}


def test_train_score_predictions():
    scores = score_predictions(
        ["Attack", "Attack", "None", "Armed clash"], ["Attack", "None", "None", "Attack"]
    )
    assert scores["accuracy"] == 0.5
    assert scores["event_type_accuracy"] == 0.5  # Attack and Armed clash: other families
    assert scores["event_vs_none_f1"] == pytest.approx(0.8)


def test_train_cross_validation_learns_unseen_sentences(examples_fixture):
    scores, _ = cross_validate(examples_fixture, Hyperparameters(epochs=150), k=5)
    assert scores["accuracy"] > 0.9


def test_train_fitted_model_types_new_wording(examples_fixture):
    fitted = fit_typer(examples_fixture, Hyperparameters(epochs=150, min_df=1))
    assert fitted.predict(["Warplanes carried out air strikes on Idlib."]) == ["Air/drone strike"]
