"""Pick the metrics a gold file has keys for and compute them: one nested dict of figures.

    >>> score_all(gold, predictions)["toponym_recognition"]["f1"]

The gold decides what is measured: a key no gold line carries gives no section, so an
empty figure never looks like a bad one.  Label keys sitrep does not predict are listed
with the reason (``labels.NOT_PREDICTED``) under ``"applicable": false``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.evaluate import metrics
from sitrep.evaluate.labels import NOT_PREDICTED, derive_labels

__all__ = ["flatten", "score_all"]

Record = Mapping[str, Any]


def _has(gold: Sequence[Record], key: str) -> bool:
    return any(record.get(key) for record in gold)


def _has_coordinates(gold: Sequence[Record]) -> bool:
    return any(
        t.get("lat") is not None
        for record in gold
        for t in record.get("toponyms") or []
        if isinstance(t, Mapping) and t.get("kind", "literal") == "literal"
    )


def _label_keys(gold: Sequence[Record]) -> list[str]:
    keys: dict[str, None] = {}
    for record in gold:
        for key in record.get("labels") or {}:
            keys.setdefault(key, None)
    return list(keys)


def score_all(
    gold: Sequence[Record],
    predictions: Sequence[Record],
    gold_spans: Sequence[Record] | None = None,
) -> dict[str, Any]:
    """Every applicable figure; ``gold_spans`` are geocoded gold spans (resolution alone)."""
    scores: dict[str, Any] = {}
    if _has(gold, "toponyms"):
        scores["toponym_recognition"] = metrics.score_toponym_recognition(gold, predictions)
        if _has_coordinates(gold):
            scores["toponym_resolution"] = metrics.score_toponym_resolution(gold, predictions)
            if gold_spans is not None:
                scores["toponym_resolution_gold_spans"] = metrics.score_toponym_resolution(
                    gold, gold_spans
                )
    if _has(gold, "timexes"):
        scores["timexes"] = metrics.score_timexes(gold, predictions)
    if _has(gold, "events"):
        scores["events"] = metrics.score_events(gold, predictions)
    if _has(gold, "casualties"):
        scores["casualties"] = metrics.score_casualties(gold, predictions)
    if _has(gold, "displacement"):
        scores["displacement"] = metrics.score_displacement(gold, predictions)
    if _has(gold, "templates"):
        scores["templates"] = metrics.score_templates(gold, predictions)
    keys = _label_keys(gold)
    if keys:
        derived = [{"labels": derive_labels(p)} for p in predictions]
        labels: dict[str, Any] = {}
        for key in keys:
            if key in NOT_PREDICTED:
                labels[key] = {"applicable": False, "reason": NOT_PREDICTED[key]}
            else:
                labels[key] = metrics.score_labels(gold, derived, key)
        if "sub_event_type" in keys and "event_type" in keys:
            labels.update(metrics.score_acled_subset(gold, derived))
        scores["labels"] = labels
    return scores


def flatten(scores: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}``: the keys the floors file and the doc use."""
    flat: dict[str, Any] = {}
    for key, value in scores.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat
