"""Multinomial logistic regression in numpy: fit (full-batch Adam, L2) and apply.

Features come as ``Rows``: a sparse block (TF-IDF, stored by rows as index and value
arrays) beside an optional dense block (sentence embeddings).  Deterministic: weights
start at zero and the data order is fixed, so the same training data gives the same
weights on every machine (up to float rounding).

    >>> rows = Rows.from_dense(np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    >>> model = fit(rows, np.array([0, 1]), n_classes=2, l2=1e-4, epochs=200)
    >>> predict_proba(model, rows).argmax(axis=1).tolist()
    [0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Rows", "SoftmaxModel", "fit", "predict_proba"]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Rows:
    """``n`` feature rows: sparse entries (``row``, ``column``, ``value``) over
    ``n_sparse`` columns, then ``dense`` columns (shape (n, d), d may be 0)."""

    n: int
    n_sparse: int
    row: IntArray
    column: IntArray
    value: FloatArray
    dense: FloatArray

    @property
    def width(self) -> int:
        return self.n_sparse + int(self.dense.shape[1])

    @staticmethod
    def from_dense(x: FloatArray) -> Rows:
        empty_i = np.zeros(0, dtype=np.int64)
        return Rows(x.shape[0], 0, empty_i, empty_i, np.zeros(0, np.float32), x)


@dataclass(frozen=True, slots=True)
class SoftmaxModel:
    weights: FloatArray  # (sparse columns + dense columns, classes)
    bias: FloatArray  # (classes,)


@dataclass(frozen=True, slots=True)
class _Grouping:
    """How to sum value rows by a key: computed once, applied every epoch."""

    order: IntArray
    starts: IntArray
    targets: IntArray
    size: int

    @staticmethod
    def of(keys: IntArray, size: int) -> _Grouping:
        order = np.argsort(keys, kind="stable")
        if not order.size:
            return _Grouping(order, order, order, size)
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        return _Grouping(order, starts, sorted_keys[starts], size)

    def sum(self, values: FloatArray) -> FloatArray:
        """Rows of ``values`` summed by key into ``size`` rows (a fast ``np.add.at``)."""
        out = np.zeros((self.size, values.shape[1]), dtype=np.float32)
        if self.order.size:
            out[self.targets] = np.add.reduceat(values[self.order], self.starts, axis=0)
        return out


def _logits(
    weights: FloatArray, bias: FloatArray, rows: Rows, by_row: _Grouping | None = None
) -> FloatArray:
    out = np.tile(bias, (rows.n, 1)).astype(np.float32)
    if rows.value.size:
        grouping = by_row or _Grouping.of(rows.row, rows.n)
        out += grouping.sum(weights[rows.column] * rows.value[:, None])
    if rows.dense.shape[1]:
        out += rows.dense @ weights[rows.n_sparse :]
    return out


def _softmax(logits: FloatArray) -> FloatArray:
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


def predict_proba(model: SoftmaxModel, rows: Rows) -> FloatArray:
    return _softmax(_logits(model.weights, model.bias, rows))


def fit(
    rows: Rows,
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
    n = rows.n
    weights = np.zeros((rows.width, n_classes), dtype=np.float32)
    bias = np.zeros(n_classes, dtype=np.float32)
    onehot = np.zeros((n, n_classes), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    sample_weight = (
        class_weight[y].astype(np.float32) if class_weight is not None else np.ones(n, np.float32)
    )
    sample_weight /= sample_weight.sum()
    adam_w = _Adam(weights)
    adam_b = _Adam(bias)
    by_row = _Grouping.of(rows.row, rows.n)
    by_column = _Grouping.of(rows.column, rows.n_sparse)
    for _ in range(epochs):
        probs = _softmax(_logits(weights, bias, rows, by_row))
        error = (probs - onehot) * sample_weight[:, None]
        grad_w = l2 * weights
        if rows.value.size:
            grad_w[: rows.n_sparse] += by_column.sum(error[rows.row] * rows.value[:, None])
        if rows.dense.shape[1]:
            grad_w[rows.n_sparse :] += rows.dense.T @ error
        adam_w.step(grad_w, learning_rate)
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
