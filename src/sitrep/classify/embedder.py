"""Sentence embedders the event typer may append to its TF-IDF features.

An embedder is named in the model file; ``load_embedder`` maps the name to the code
that loads it from an installed package (never from the network).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from sitrep.classify.features import FloatArray
from sitrep.errors import ModelError

__all__ = ["EMBEDDERS", "Embedder", "load_embedder"]


class Embedder(Protocol):
    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> FloatArray: ...


def _minilm() -> Embedder:
    from sitrep.classify.minilm import load_minilm

    return load_minilm()


EMBEDDERS: Mapping[str, Callable[[], Embedder]] = {"minilm-l6-int8": _minilm}


def load_embedder(name: str) -> Embedder:
    factory = EMBEDDERS.get(name)
    if factory is None:
        known = ", ".join(sorted(EMBEDDERS)) or "none"
        raise ModelError(f"unknown sentence embedder {name!r} (known: {known})")
    return factory()
