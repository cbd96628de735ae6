"""The numpy softmax regression: it learns separable data and is deterministic."""

from __future__ import annotations

import numpy as np

from sitrep.classify.softmax import Rows, fit, predict_proba


def _data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    centres = np.eye(3, dtype=np.float32) * 3
    y = np.repeat(np.arange(3), 40)
    x = (centres[y] + rng.normal(0, 0.5, (120, 3))).astype(np.float32)
    return x, y


def test_softmax_learns_separable_classes():
    x, y = _data()
    model = fit(Rows.from_dense(x), y, n_classes=3, epochs=200)
    assert (predict_proba(model, Rows.from_dense(x)).argmax(axis=1) == y).mean() > 0.95


def test_softmax_rows_are_distributions():
    x, y = _data()
    probs = predict_proba(fit(Rows.from_dense(x), y, n_classes=3, epochs=20), Rows.from_dense(x))
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert (probs >= 0).all()


def test_softmax_same_data_same_weights():
    x, y = _data()
    first = fit(Rows.from_dense(x), y, n_classes=3, epochs=50)
    second = fit(Rows.from_dense(x), y, n_classes=3, epochs=50)
    assert np.array_equal(first.weights, second.weights)
