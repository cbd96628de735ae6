"""Training the event typer: read the labelled sentences, cross-validate, fit, save.

The training sentences live in ``training/event_types/*.jsonl`` (one object a line:
``text``, ``label``, ``style``; see that folder's CLASSES.md).  ``cross_validate`` splits
them into ``k`` folds by document (each line is one document), stratified by label, with
a fixed seed, fits on ``k - 1`` folds and scores the one left out, so every figure it
gives is on sentences the model did not see.
"""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.features import FloatArray, Vocabulary, build_vocabulary
from sitrep.classify.softmax import Rows, SoftmaxModel, fit, predict_proba
from sitrep.errors import InputError
from sitrep.taxonomy import EVENT_TYPE_OF, NOT_AN_EVENT, SUB_EVENT_TYPES

__all__ = [
    "LABELS",
    "Example",
    "Fitted",
    "Hyperparameters",
    "cross_validate",
    "fit_typer",
    "read_examples",
    "score_predictions",
]

LABELS: tuple[str, ...] = (*SUB_EVENT_TYPES, NOT_AN_EVENT)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    style: str
    source: str  # file:line


@dataclass(frozen=True, slots=True)
class Hyperparameters:
    l2: float = 1e-4
    epochs: int = 300
    learning_rate: float = 0.05
    min_df: int = 2


@dataclass(slots=True)
class Fitted:
    vocabulary: Vocabulary
    model: SoftmaxModel
    embed: Callable[[Sequence[str]], FloatArray] | None = None
    history: dict[str, Any] = field(default_factory=dict)

    def features(self, texts: Sequence[str]) -> Rows:
        dense = self.embed(texts) if self.embed is not None else None
        return self.vocabulary.rows(texts, dense)

    def predict(self, texts: Sequence[str]) -> list[str]:
        probs = predict_proba(self.model, self.features(texts))
        return [LABELS[int(i)] for i in probs.argmax(axis=1)]


def read_examples(folder: Path) -> list[Example]:
    """Every labelled sentence of ``folder/*.jsonl``; a bad line is an error naming it."""
    examples: list[Example] = []
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise InputError(str(folder), "no *.jsonl training files")
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(where, f"not JSON ({exc.msg})") from exc
            label = record.get("label")
            text = record.get("text")
            if label not in LABELS or not isinstance(text, str) or not text.strip():
                raise InputError(where, f"needs a text and one of the {len(LABELS)} labels")
            examples.append(Example(text, label, str(record.get("style") or ""), where))
    return examples


def fit_typer(
    examples: Sequence[Example],
    params: Hyperparameters,
    embed: Callable[[Sequence[str]], FloatArray] | None = None,
) -> Fitted:
    texts = [e.text for e in examples]
    vocabulary = build_vocabulary(texts, min_df=params.min_df)
    fitted = Fitted(vocabulary, SoftmaxModel(np.zeros(0, np.float32), np.zeros(0, np.float32)))
    fitted.embed = embed
    x = fitted.features(texts)
    y = np.array([LABELS.index(e.label) for e in examples], dtype=np.int64)
    counts = np.bincount(y, minlength=len(LABELS)).astype(np.float32)
    class_weight = np.where(counts > 0, counts.sum() / np.maximum(counts, 1) / len(LABELS), 0.0)
    fitted.model = fit(
        x,
        y,
        n_classes=len(LABELS),
        l2=params.l2,
        epochs=params.epochs,
        learning_rate=params.learning_rate,
        class_weight=class_weight.astype(np.float32),
    )
    return fitted


def folds(examples: Sequence[Example], k: int, seed: int = 13) -> list[list[int]]:
    """``k`` folds of example indices, stratified by label, shuffled with ``seed``."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, example in enumerate(examples):
        by_label[example.label].append(i)
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for label in sorted(by_label):
        indices = by_label[label]
        rng.shuffle(indices)
        for j, index in enumerate(indices):
            out[(j + offset) % k].append(index)
        offset += len(indices)
    return out


def score_predictions(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy and macro F1 over sub-event labels, event-type accuracy, and the F1 of
    telling an event from none."""
    pairs = list(zip(gold, predicted, strict=True))
    f1s: list[float] = []
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in pairs if g == p == label)
        fp = sum(1 for g, p in pairs if p == label and g != label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)

    def family(label: str) -> str:
        return EVENT_TYPE_OF.get(label, NOT_AN_EVENT)

    tp = sum(1 for g, p in pairs if NOT_AN_EVENT not in (g, p))
    fp = sum(1 for g, p in pairs if g == NOT_AN_EVENT and p != NOT_AN_EVENT)
    fn = sum(1 for g, p in pairs if g != NOT_AN_EVENT and p == NOT_AN_EVENT)
    return {
        "accuracy": sum(1 for g, p in pairs if g == p) / len(pairs),
        "macro_f1": statistics.fmean(f1s),
        "event_type_accuracy": sum(1 for g, p in pairs if family(g) == family(p)) / len(pairs),
        "event_vs_none_f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
        "documents": float(len(pairs)),
    }


def cross_validate(
    examples: Sequence[Example],
    params: Hyperparameters,
    *,
    k: int = 5,
    embed: Callable[[Sequence[str]], FloatArray] | None = None,
) -> tuple[dict[str, float], Counter[tuple[str, str]]]:
    """Scores of ``k``-fold cross-validation, and the confusions (gold, predicted)."""
    gold: list[str] = []
    predicted: list[str] = []
    for held_out in folds(examples, k):
        held = set(held_out)
        train = [e for i, e in enumerate(examples) if i not in held]
        test = [examples[i] for i in held_out]
        fitted = fit_typer(train, params, embed)
        gold.extend(e.label for e in test)
        predicted.extend(fitted.predict([e.text for e in test]))
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return score_predictions(gold, predicted), confusions
