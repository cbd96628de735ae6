"""The shipped event typer: its file loads, agrees with itself, and types clear cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.classify.train import LABELS, Hyperparameters, fit_typer
from sitrep.classify.typer import load_event_typer, read_event_typer, save_event_typer
from sitrep.errors import ModelError
from sitrep.taxonomy import NOT_AN_EVENT


@pytest.fixture(scope="module")
def typer():
    return load_event_typer()


def test_typer_labels_are_acled_sub_event_types_and_none(typer):
    assert set(typer.labels) == set(LABELS)
    assert NOT_AN_EVENT in typer.labels


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        (
            "Government warplanes bombed the market town of Maarat al-Numan on Sunday.",
            "Air/drone strike",
        ),
        (
            "Thousands of opposition supporters marched peacefully through Dhaka.",
            "Peaceful protest",
        ),
        ("Police arrested 14 opposition activists at their homes in Harare.", "Arrests"),
    ],
)
def test_typer_types_clear_sentences(typer, sentence, label):
    assert typer.guess([sentence])[0].label == label


def test_typer_distribution_sums_to_one(typer):
    guess = typer.guess(["Gunmen kidnapped 20 students from a school in Kaduna."])[0]
    assert sum(p for _, p in guess.distribution) == pytest.approx(1.0, abs=1e-4)
    assert guess.probability == guess.distribution[0][1]
    assert 0.0 <= guess.event_probability <= 1.0


def test_typer_file_round_trip(tmp_path: Path, examples_fixture):
    fitted = fit_typer(examples_fixture, Hyperparameters(epochs=50, min_df=1))
    path = tmp_path / "typer.npz"
    save_event_typer(
        path, labels=LABELS, vocabulary=fitted.vocabulary, model=fitted.model, meta={"embedder": ""}
    )
    typer = read_event_typer(path.read_bytes(), source=str(path))
    texts = ["Jets carried out air strikes on Homs.", "Teachers marched in Lagos."]
    assert [g.label for g in typer.guess(texts)] == fitted.predict(texts)


def test_typer_bad_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ModelError, match="not a sitrep event typer"):
        read_event_typer(b"not a model", source="bad.npz")
