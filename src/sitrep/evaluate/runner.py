"""Produce sitrep's predictions for gold documents, the way ``sitrep process`` would.

Each gold line becomes an ``Article`` through the JSONL ingest path (so ``title`` and
``published`` are used exactly as ``sitrep process`` uses them) and goes through
``Pipeline.process_article``; ``prediction_record`` writes the prediction shape.  When
the gold has toponyms with coordinates, the gold spans are also resolved on their own
(``geocode_record``, coordinates removed first): resolution alone, as geoparsers are
compared.

A document the pipeline fails on is scored as an empty prediction and counted in
``Predictions.failures``: the evaluation should report a crash, not stop on it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.errors import SitrepError
from sitrep.export.jsonl import prediction_record
from sitrep.geocode import geocode_record
from sitrep.ingest.jsonl import article_from_record
from sitrep.pipeline import Pipeline

__all__ = ["Predictions", "needs_gold_spans", "predict"]

logger = logging.getLogger(__name__)

Record = dict[str, Any]
_COORDINATE_KEYS = ("lat", "lon", "geonameid")


@dataclass(slots=True)
class Predictions:
    """What one run produced, aligned with the gold records."""

    records: list[Record]
    gold_spans: list[Record] | None  # geocoded gold spans, None when the gold has no coordinates
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    model: str | None = None


def needs_gold_spans(gold: Sequence[Record]) -> bool:
    """Whether any gold toponym carries coordinates (then resolution on gold spans applies)."""
    return any(
        t.get("lat") is not None
        for record in gold
        for t in record.get("toponyms") or []
        if isinstance(t, dict)
    )


def _without_coordinates(record: Record) -> Record:
    toponyms = [
        {k: v for k, v in t.items() if k not in _COORDINATE_KEYS}
        for t in record.get("toponyms") or []
    ]
    # The publisher (url, outlet) stays: it is the article's metadata, not the answer.
    kept = {key: record[key] for key in ("url", "outlet") if record.get(key)}
    return {"id": record["id"], "text": record["text"], **kept, "toponyms": toponyms}


def predict(
    gold: Sequence[Record],
    pipeline: Pipeline,
    *,
    origin: str = "<gold>",
    gold_spans: bool | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Predictions:
    """Run the pipeline (and, when the gold has coordinates, the geocoder) on ``gold``.

    ``gold_spans`` forces or skips the gold-span resolution; by default it runs when
    ``needs_gold_spans`` says so.
    """
    started = time.perf_counter()
    settings = pipeline.settings
    run_spans = needs_gold_spans(gold) if gold_spans is None else gold_spans
    records: list[Record] = []
    spans: list[Record] | None = [] if run_spans else None
    failures: list[str] = []
    for number, record in enumerate(gold, start=1):
        where = f"{origin}:{number}"
        try:
            article = article_from_record(record, origin=where, settings=settings)
            prediction = prediction_record(pipeline.process_article(article))
            prediction["id"] = record["id"]
            records.append(prediction)
        # Any failure of one document is reported and scored as an empty prediction; the
        # evaluation must finish to show the failure beside the figures.
        except Exception as err:
            logger.warning("%s: the pipeline failed: %s", where, err)
            failures.append(f"{where} ({record['id']}): {type(err).__name__}: {err}")
            records.append({"id": record["id"]})
        if spans is not None:
            try:
                geocoded, _ = geocode_record(
                    _without_coordinates(record), pipeline.gazetteer, settings, where
                )
                spans.append(geocoded)
            except (SitrepError, ValueError) as err:
                failures.append(f"{where} ({record['id']}): geocode: {err}")
                spans.append({"id": record["id"]})
        if on_progress is not None:
            on_progress(number)
    model = pipeline.annotator.model_id if records else None
    return Predictions(
        records=records,
        gold_spans=spans,
        failures=failures,
        seconds=time.perf_counter() - started,
        model=model,
    )
