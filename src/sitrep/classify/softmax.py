"""Multinomial logistic regression in numpy: fit (full-batch Adam, L2) and apply.

Deterministic: weights start at zero and the data order is fixed, so the same training
data gives the same weights on every machine (up to float rounding).

    >>> x = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    >>> model = fit(x, np.array([0, 1]), n_classes=2, l2=1e-4, epochs=200)
    >>> predict_proba(model, x).argmax(axis=1).tolist()
    [0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["SoftmaxModel", "fit", "predict_proba"]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SoftmaxModel:
    weights: FloatArray  # (features, classes)
    bias: FloatArray  # (classes,)


def predict_proba(model: SoftmaxModel, x: FloatArray) -> FloatArray:
    logits = x @ model.weights + model.bias
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


def fit(
    x: FloatArray,
    y: IntArray,
    *,
    n_classes: int,
    l2: float = 1e-4,
    epochs: int = 300,
    learning_rate: float = 0.05,
    class_weight: FloatArray | None = None,
) -> SoftmaxModel:
    """Minimise mean weighted cross-entropy + ``l2``/2 * |W|^2 with Adam on the full batch.

    ``class_weight`` (one weight per class) rebalances classes of unequal size.
    """
    n, d = x.shape
    weights = np.zeros((d, n_classes), dtype=np.float32)
    bias = np.zeros(n_classes, dtype=np.float32)
    onehot = np.zeros((n, n_classes), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    sample_weight = (
        class_weight[y].astype(np.float32) if class_weight is not None else np.ones(n, np.float32)
    )
    sample_weight /= sample_weight.sum()
    adam_w = _Adam(weights)
    adam_b = _Adam(bias)
    for _ in range(epochs):
        probs = predict_proba(SoftmaxModel(weights, bias), x)
        error = (probs - onehot) * sample_weight[:, None]
        adam_w.step(x.T @ error + l2 * weights, learning_rate)
        adam_b.step(error.sum(axis=0), learning_rate)
    return SoftmaxModel(weights, bias)


class _Adam:
    """Adam's update, in place on ``param``."""

    beta1, beta2, eps = 0.9, 0.999, 1e-8

    def __init__(self, param: FloatArray) -> None:
        self.param = param
        self.m = np.zeros_like(param)
        self.v = np.zeros_like(param)
        self.t = 0

    def step(self, grad: FloatArray, learning_rate: float) -> None:
        self.t += 1
        self.m *= self.beta1
        self.m += (1 - self.beta1) * grad
        self.v *= self.beta2
        self.v += (1 - self.beta2) * grad * grad
        m_hat = self.m / (1 - self.beta1**self.t)
        v_hat = self.v / (1 - self.beta2**self.t)
        self.param -= learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)
