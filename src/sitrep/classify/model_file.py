"""The file a softmax model ships in: labels, weights (float16, so it stays small), bias,
a JSON ``meta`` and the arrays that name its feature columns, in one compressed ``.npz``.

Both the event typer and the role scorer are stored this way; each checks its own
columns on reading.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sitrep.classify.softmax import SoftmaxModel
from sitrep.errors import ModelError

__all__ = ["ModelFile", "read_model_file", "write_model_file"]


@dataclass(frozen=True, slots=True)
class ModelFile:
    labels: tuple[str, ...]
    model: SoftmaxModel
    meta: dict[str, Any]
    columns: dict[str, npt.NDArray[Any]]  # the named arrays beside the model


def write_model_file(
    path: Path,
    *,
    labels: Sequence[str],
    model: SoftmaxModel,
    meta: dict[str, Any],
    **columns: npt.NDArray[Any],
) -> None:
    arrays: dict[str, Any] = {
        "labels": np.array(labels),
        "weights": model.weights.astype(np.float16),
        "bias": model.bias.astype(np.float32),
        "meta": np.array(json.dumps(meta, sort_keys=True)),
        **columns,
    }
    np.savez_compressed(path, **arrays)


def read_model_file(data: bytes, *, source: str, kind: str, columns: Sequence[str]) -> ModelFile:
    """The parts of a model file; ``source`` names it and ``kind`` says what it should
    be ("event typer") in the error when it is not one."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            labels = tuple(str(x) for x in archive["labels"])
            weights = archive["weights"].astype(np.float32)
            bias = archive["bias"].astype(np.float32)
            meta = json.loads(str(archive["meta"]))
            named = {name: archive[name] for name in columns}
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"{source}: not a sitrep {kind} model file ({exc})") from exc
    return ModelFile(labels, SoftmaxModel(weights, bias), meta, named)
