"""The role scorer: for a candidate noun phrase of an event sentence, a distribution over
"no role" and the five role slots (perpetrators, perpetrator groups, victims, targets,
weapons), from binary features (:mod:`sitrep.extract.role_candidates`).

The weights ship in ``sitrep/data/role_filler.npz``, written by
``scripts/train_role_filler.py`` (``make roles``).  The file holds the labels, the
feature names, the softmax weights and, in ``meta``, the lowest probability at which a
slot is filled and whether the parse rules' fillers are kept beside the scorer's (both
chosen by that script's cross-validation), and the training figures.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.features import FloatArray
from sitrep.classify.model_file import read_model_file, write_model_file
from sitrep.classify.softmax import Rows, SoftmaxModel, predict_proba
from sitrep.errors import ModelError

__all__ = [
    "NO_ROLE",
    "ROLE_MODEL_RESOURCE",
    "RoleModel",
    "feature_rows",
    "load_role_model",
    "read_role_model",
    "save_role_model",
]

ROLE_MODEL_RESOURCE = "data/role_filler.npz"
NO_ROLE = "none"


def feature_rows(feature_lists: Sequence[Sequence[str]], index: Mapping[str, int]) -> Rows:
    """Binary rows over the columns of ``index``; features not in it are dropped."""
    rows: list[int] = []
    columns: list[int] = []
    for row, features in enumerate(feature_lists):
        seen = {index[f] for f in features if f in index}
        rows.extend([row] * len(seen))
        columns.extend(sorted(seen))
    return Rows(
        n=len(feature_lists),
        n_sparse=len(index),
        row=np.array(rows, dtype=np.int64),
        column=np.array(columns, dtype=np.int64),
        value=np.ones(len(columns), dtype=np.float32),
        dense=np.zeros((len(feature_lists), 0), dtype=np.float32),
    )


@dataclass(frozen=True, slots=True)
class RoleModel:
    labels: tuple[str, ...]  # NO_ROLE first, then the slots
    index: Mapping[str, int]  # feature name -> column
    model: SoftmaxModel
    meta: dict[str, Any]  # min_probability, with_rules and the training figures

    @property
    def min_probability(self) -> float:
        """A slot is filled when its probability reaches this."""
        return float(self.meta["min_probability"])

    @property
    def with_rules(self) -> bool:
        """Whether the parse rules' fillers are kept beside the scorer's."""
        return bool(self.meta.get("with_rules", False))

    def probabilities(self, feature_lists: Sequence[Sequence[str]]) -> FloatArray:
        if not feature_lists:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return predict_proba(self.model, feature_rows(feature_lists, self.index))

    def slots(self, feature_lists: Sequence[Sequence[str]]) -> list[str | None]:
        """The slot of each candidate, None for no role: the most likely slot when its
        probability reaches ``min_probability``."""
        out: list[str | None] = []
        for row in self.probabilities(feature_lists):
            best = int(np.argmax(row[1:])) + 1
            out.append(self.labels[best] if row[best] >= self.min_probability else None)
        return out


def save_role_model(
    path: Path,
    *,
    labels: Sequence[str],
    index: Mapping[str, int],
    model: SoftmaxModel,
    meta: dict[str, Any],
) -> None:
    """Write the model file (``classify/model_file.py``)."""
    names = sorted(index, key=index.__getitem__)
    write_model_file(path, labels=labels, model=model, meta=meta, features=np.array(names))


def read_role_model(data: bytes, *, source: str) -> RoleModel:
    """A ``RoleModel`` from the bytes of a model file; ``source`` names it in errors."""
    parts = read_model_file(data, source=source, kind="role", columns=("features",))
    labels, meta = parts.labels, parts.meta
    names = [str(x) for x in parts.columns["features"]]
    if not labels or labels[0] != NO_ROLE or parts.model.weights.shape != (len(names), len(labels)):
        raise ModelError(f"{source}: labels, features and weights of the role model disagree")
    threshold = meta.get("min_probability")
    if not isinstance(threshold, int | float) or not 0.0 < threshold < 1.0:
        raise ModelError(f"{source}: meta.min_probability must be a number between 0 and 1")
    index = {name: i for i, name in enumerate(names)}
    return RoleModel(labels, index, parts.model, meta)


@functools.cache
def load_role_model() -> RoleModel:
    """The role model shipped in the package (loaded once per process)."""
    try:
        data = resources.files("sitrep").joinpath(ROLE_MODEL_RESOURCE).read_bytes()
    except FileNotFoundError as exc:
        raise ModelError(
            f"sitrep/{ROLE_MODEL_RESOURCE} is missing: rebuild it with `make roles`"
        ) from exc
    return read_role_model(data, source=f"sitrep/{ROLE_MODEL_RESOURCE}")
