"""The event typer: for each sentence, a distribution over ACLED's 25 sub-event types and
"not an event", from the weights shipped in ``sitrep/data/event_typer.npz``.

The model file holds the label order, the vocabulary with its IDF weights, the softmax
weights and the name of the sentence embedder whose vectors were appended to the TF-IDF
ones at training time ("" when none).  ``scripts/train_event_typer.py`` writes it.

    >>> typer = load_event_typer()
    >>> typer.guess(["Warplanes bombed the village, killing five."])[0].label
    'Air/drone strike'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.embedder import Embedder, load_embedder
from sitrep.classify.features import FloatArray, Vocabulary
from sitrep.classify.model_file import read_model_file, write_model_file
from sitrep.classify.softmax import Rows, SoftmaxModel, predict_proba
from sitrep.errors import ModelError
from sitrep.taxonomy import EVENT_TYPE_OF, NOT_AN_EVENT

__all__ = ["MODEL_RESOURCE", "MODEL_RESOURCES", "EventTyper", "TypeGuess", "load_event_typer"]

MODEL_RESOURCE = "data/event_typer.npz"  # the tfidf typer
MODEL_RESOURCES = {"tfidf": MODEL_RESOURCE, "minilm": "data/event_typer_minilm.npz"}


@dataclass(frozen=True, slots=True)
class TypeGuess:
    """The typer's answer for one sentence."""

    label: str  # an ACLED sub-event type, or NOT_AN_EVENT
    probability: float
    event_probability: float  # 1 - P(not an event)
    distribution: tuple[tuple[str, float], ...]  # every label, most likely first

    @property
    def event_type(self) -> str | None:
        return EVENT_TYPE_OF.get(self.label)

    def probability_of(self, label: str) -> float:
        return next((p for name, p in self.distribution if name == label), 0.0)


@dataclass(frozen=True, slots=True)
class EventTyper:
    labels: tuple[str, ...]
    vocabulary: Vocabulary
    model: SoftmaxModel
    embedder: Embedder | None
    meta: dict[str, Any]

    def features(self, texts: Sequence[str]) -> Rows:
        dense = self.embedder.embed(texts) if self.embedder is not None else None
        return self.vocabulary.rows(texts, dense)

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return predict_proba(self.model, self.features(texts))

    def guess(self, texts: Sequence[str]) -> list[TypeGuess]:
        none_index = self.labels.index(NOT_AN_EVENT)
        out: list[TypeGuess] = []
        for row in self.probabilities(texts):
            order = np.argsort(-row)
            out.append(
                TypeGuess(
                    label=self.labels[int(order[0])],
                    probability=float(row[order[0]]),
                    event_probability=1.0 - float(row[none_index]),
                    distribution=tuple((self.labels[int(i)], float(row[i])) for i in order),
                )
            )
        return out


def save_event_typer(
    path: Path,
    *,
    labels: Sequence[str],
    vocabulary: Vocabulary,
    model: SoftmaxModel,
    meta: dict[str, Any],
) -> None:
    """Write the model file (``classify/model_file.py``)."""
    ordered_terms = sorted(vocabulary.index, key=vocabulary.index.__getitem__)
    write_model_file(
        path,
        labels=labels,
        model=model,
        meta=meta,
        terms=np.array(ordered_terms),
        idf=vocabulary.idf.astype(np.float16),
    )


def read_event_typer(data: bytes, *, source: str) -> EventTyper:
    """An ``EventTyper`` from the bytes of a model file; ``source`` names it in errors."""
    parts = read_model_file(data, source=source, kind="event typer", columns=("terms", "idf"))
    labels, meta, weights = parts.labels, parts.meta, parts.model.weights
    ordered_terms = [str(x) for x in parts.columns["terms"]]
    idf = parts.columns["idf"].astype(np.float32)
    if NOT_AN_EVENT not in labels or weights.shape[1] != len(labels):
        raise ModelError(f"{source}: labels and weights of the event typer do not agree")
    embedder_name = str(meta.get("embedder") or "")
    embedder = load_embedder(embedder_name) if embedder_name else None
    expected = len(ordered_terms) + (embedder.dimension if embedder is not None else 0)
    if weights.shape[0] != expected:
        raise ModelError(
            f"{source}: {weights.shape[0]} weight rows, but the features have {expected}"
        )
    vocabulary = Vocabulary({t: i for i, t in enumerate(ordered_terms)}, idf)
    return EventTyper(labels, vocabulary, parts.model, embedder, meta)


@functools.cache
def load_event_typer(kind: str = "tfidf") -> EventTyper:
    """A typer shipped in the package, ``tfidf`` or ``minilm`` (loaded once per process)."""
    if kind not in MODEL_RESOURCES:
        raise ModelError(f"no event typer {kind!r} (known: {', '.join(MODEL_RESOURCES)})")
    name = MODEL_RESOURCES[kind]
    try:
        data = resources.files("sitrep").joinpath(name).read_bytes()
    except FileNotFoundError as exc:
        raise ModelError(f"sitrep/{name} is missing: rebuild it with `make typer`") from exc
    return read_event_typer(data, source=f"sitrep/{name}")
