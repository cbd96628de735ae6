"""The role scorer's model file: written and read back, checked on load, thresholded."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from sitrep.classify.role_model import (
    NO_ROLE,
    feature_rows,
    load_role_model,
    read_role_model,
    save_role_model,
)
from sitrep.classify.softmax import fit
from sitrep.errors import ModelError
from sitrep.extract.roles import SLOTS

LABELS = (NO_ROLE, *SLOTS)


def _toy_model(tmp_path: Path, threshold: float = 0.5) -> Path:
    """Subjects of "murder" are perpetrators, its objects victims, the rest no role."""
    examples = [
        (("path=nsubj", "gov=murder"), "perpetrators"),
        (("path=dobj", "gov=murder"), "victims"),
        (("path=prep", "gov=say"), NO_ROLE),
    ] * 5
    index = {f: i for i, f in enumerate(sorted({f for fs, _ in examples for f in fs}))}
    rows = feature_rows([fs for fs, _ in examples], index)
    y = np.array([LABELS.index(label) for _, label in examples])
    model = fit(rows, y, n_classes=len(LABELS), epochs=200)
    path = tmp_path / "roles.npz"
    save_role_model(
        path, labels=LABELS, index=index, model=model, meta={"min_probability": threshold}
    )
    return path


def test_a_saved_model_reads_back_and_fills_the_slots_it_learned(tmp_path):
    model = read_role_model(_toy_model(tmp_path).read_bytes(), source="roles.npz")
    slots = model.slots([("path=nsubj", "gov=murder"), ("path=dobj", "gov=murder"), ("path=prep",)])
    assert slots == ["perpetrators", "victims", None]


def test_unknown_features_are_dropped_and_no_candidate_gives_no_rows(tmp_path):
    model = read_role_model(_toy_model(tmp_path).read_bytes(), source="roles.npz")
    assert model.probabilities([]).shape == (0, len(LABELS))
    assert model.slots([("never=seen",)]) == [None]


def test_a_slot_below_the_threshold_is_not_filled(tmp_path):
    strict = read_role_model(_toy_model(tmp_path, 0.99).read_bytes(), source="roles.npz")
    assert strict.slots([("gov=murder",)]) == [None]


def test_a_file_that_is_no_model_is_a_clear_error():
    with pytest.raises(ModelError, match=r"broken\.npz: not a sitrep role model file"):
        read_role_model(b"not a zip", source="broken.npz")


def test_a_threshold_outside_0_1_is_refused(tmp_path):
    path = _toy_model(tmp_path)
    with np.load(path) as archive:
        parts = {key: archive[key] for key in archive.files}
    parts["meta"] = np.array(json.dumps({"min_probability": 1.5}))
    buffer = io.BytesIO()
    np.savez(buffer, **parts)
    with pytest.raises(ModelError, match="min_probability"):
        read_role_model(buffer.getvalue(), source="bad.npz")


def test_the_shipped_model_has_the_slots_and_its_cross_validated_figures():
    model = load_role_model()
    assert model.labels == LABELS
    assert 0.0 < model.min_probability < 1.0
    assert model.meta["cv_f1"] > model.meta["rules_f1"]
    assert model.meta["trained_on"].startswith("MUC-4 train")
