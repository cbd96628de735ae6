"""Measure sitrep against gold data (``sitrep eval``; metrics of ``shared/eval/README.md``).

    >>> report = evaluate_file(Path("../shared/eval/lgl/dev.jsonl"), pipeline=Pipeline(s))
    >>> report["metrics"]["toponym_resolution_gold_spans"]["acc161"]

Modules, one job each: ``gold`` reads the files, ``runner`` produces predictions,
``labels`` derives the document labels a gold set asks for, ``metrics`` computes each
figure (pure functions), ``scoring`` picks the metrics the gold has keys for, ``report``
prints them, ``accuracy_doc`` writes ``docs/accuracy.md``.  See ``docs/accuracy.md``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep import __version__
from sitrep.evaluate.gold import GoldFileError, align_predictions, read_records
from sitrep.evaluate.scoring import flatten, score_all

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline

__all__ = ["GoldFileError", "evaluate_file", "evaluate_records", "flatten", "score_all"]


def evaluate_records(
    gold: list[dict[str, Any]],
    *,
    pipeline: Pipeline,
    origin: str = "<gold>",
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Run the pipeline on ``gold`` and score it; the report of ``evaluate_file``."""
    from sitrep.evaluate.runner import predict

    predictions = predict(gold, pipeline, origin=origin, on_progress=on_progress)
    return {
        "gold": origin,
        "documents": len(gold),
        "predictions": "pipeline",
        "sitrep_version": __version__,
        "model": predictions.model,
        "seconds": round(predictions.seconds, 2),
        "failures": predictions.failures,
        "metrics": score_all(gold, predictions.records, predictions.gold_spans),
    }


def evaluate_file(
    gold_path: Path,
    *,
    pipeline: Pipeline | None = None,
    pred_path: Path | None = None,
    limit: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Score ``pred_path`` (or, without it, the pipeline's output) against ``gold_path``.

    With ``pred_path`` no pipeline is needed and no gold-span resolution is run (the
    file holds only end-to-end predictions).  ``limit`` takes the first N gold lines.
    """
    gold = read_records(gold_path, limit=limit)
    if pred_path is None:
        if pipeline is None:
            raise ValueError("evaluate_file needs a pipeline when no prediction file is given")
        return evaluate_records(
            gold, pipeline=pipeline, origin=str(gold_path), on_progress=on_progress
        )
    started = time.perf_counter()
    predictions = align_predictions(
        gold, read_records(pred_path, gold=False), source=str(pred_path)
    )
    return {
        "gold": str(gold_path),
        "documents": len(gold),
        "predictions": str(pred_path),
        "sitrep_version": __version__,
        "model": None,
        "seconds": round(time.perf_counter() - started, 2),
        "failures": [],
        "metrics": score_all(gold, predictions),
    }
