"""Choose the thresholds where the typer and the trigger rules meet (extract/learned.py).

    .venv/bin/python scripts/tune_typer_thresholds.py [--gold ../shared/eval/case2021/dev.jsonl]

The thresholds were first set by hand.  This script measures every point of a small grid
on CASE 2021 dev with the whole pipeline (spaCy runs once per snippet; only the stages
after it are re-run per point) and reports a 5-fold cross-validated figure by document:
for each fold, the point best on the other four folds is scored on the held-out fold.
The objective counts both kinds of error: a snippet of ACLED's 25 types is right when
sitrep's main event has the gold sub-event type, and one of CASE's other types (a
disaster, a diplomatic note) is right when sitrep codes no event, so a point cannot win
by coding an event in every sentence.  The point printed last, best on all the
documents, is the one to write into ``extract/learned.py``; the cross-validated figure
is the one to report.  Ties go to the point nearest the values already in learned.py.
Nothing is trained: the snippets only measure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from sitrep.config import load_settings
from sitrep.export.jsonl import prediction_record
from sitrep.extract import learned
from sitrep.ingest.jsonl import article_from_record
from sitrep.pipeline import Pipeline
from sitrep.taxonomy import EVENT_TYPE_OF

GRID = {
    "NONE_MIN": (0.5, 0.6, 0.7, 0.8, 0.9),
    "TYPER_ONLY_MIN": (0.05, 0.1, 0.15, 0.2),
    "RETYPE_MIN": (0.1, 0.2, 0.3),
    "RETYPE_RATIO": (1.0, 2.0),
}
FOLDS = 5
SEED = 13


def _right(record: dict[str, object], gold: dict[str, object]) -> bool:
    wanted = gold["labels"]["sub_event_type"]  # type: ignore[index]
    labels = record.get("labels") or {}
    got = labels.get("sub_event_type") if isinstance(labels, dict) else None
    if wanted in EVENT_TYPE_OF:
        return bool(got == wanted)
    return got is None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_gold = Path(__file__).resolve().parents[2] / "shared/eval/case2021/dev.jsonl"
    parser.add_argument("--gold", type=Path, default=default_gold)
    args = parser.parse_args(argv)
    settings = load_settings(overrides={"allow_fetch": False, "event_typer": "tfidf"})
    pipeline = Pipeline(settings)
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    gold = [g for g in gold if (g.get("labels") or {}).get("sub_event_type")]
    articles = [article_from_record(g, origin=str(args.gold), settings=settings) for g in gold]
    annotations = [pipeline.annotator.annotate(a.id, a.text) for a in articles]
    names = list(GRID)
    points = list(itertools.product(*(GRID[n] for n in names)))
    prior = tuple(float(getattr(learned, n)) for n in names)

    def change(point: tuple[float, ...]) -> float:
        """Ties go to the point nearest the values in learned.py: the least change."""
        return sum(abs(a - b) for a, b in zip(point, prior, strict=True))

    right: dict[tuple[float, ...], list[bool]] = {}
    for point in points:
        for name, value in zip(names, point, strict=True):
            setattr(learned, name, value)
        right[point] = [
            _right(prediction_record(pipeline.extract(a, ann)), g)
            for g, a, ann in zip(gold, articles, annotations, strict=True)
        ]
        share = sum(right[point]) / len(gold)
        print(" ".join(f"{n}={v}" for n, v in zip(names, point, strict=True)), f"{share:.4f}")
    order = list(range(len(gold)))
    random.Random(SEED).shuffle(order)
    folds = [order[k::FOLDS] for k in range(FOLDS)]
    held_right = 0
    for k, held in enumerate(folds):
        held_set = set(held)
        train = [i for i in order if i not in held_set]
        best = max(points, key=lambda p: (sum(right[p][i] for i in train), -change(p)))
        fold_right = sum(right[best][i] for i in held)
        held_right += fold_right
        print(f"fold {k}: best on the rest {best}, held-out {fold_right / len(held):.4f}")
    documents = len(gold)
    print(f"5-fold cross-validated share right: {held_right / documents:.4f} ({documents} docs)")
    best = max(points, key=lambda p: (sum(right[p]), -change(p)))
    share = sum(right[best]) / documents
    print("best on all:", dict(zip(names, best, strict=True)), f"{share:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
