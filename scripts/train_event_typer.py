"""Rebuild the event typer's weights (``src/sitrep/data/event_typer.npz``).

    python scripts/train_event_typer.py            # cross-validate, then fit and save
    python scripts/train_event_typer.py --cv-only  # the k-fold figures only

Trains on ``training/event_types/*.jsonl`` (sentences written for this project, see its
CLASSES.md) and nothing else: the gold sets in ``../shared/eval`` are for measuring.
Prints the k-fold figures (by document, stratified, fixed seed) and the commonest
confusions, then fits on everything and writes the model file.  The same data and
settings give the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from sitrep.classify.embedder import load_embedder
from sitrep.classify.features import FloatArray
from sitrep.classify.train import (
    LABELS,
    Fitted,
    Hyperparameters,
    cross_validate,
    fit_typer,
    read_examples,
    score_predictions,
)
from sitrep.classify.typer import MODEL_RESOURCE, save_event_typer
from sitrep.taxonomy import NOT_AN_EVENT

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = Hyperparameters()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "training" / "event_types")
    parser.add_argument("--output", type=Path, default=ROOT / "src" / "sitrep" / MODEL_RESOURCE)
    parser.add_argument("--embedder", default="", help="sentence embedder to append (name)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=DEFAULTS.l2)
    parser.add_argument("--epochs", type=int, default=DEFAULTS.epochs)
    parser.add_argument("--min-df", type=int, default=DEFAULTS.min_df)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument(
        "--check",
        type=Path,
        action="append",
        default=[],
        help="a gold JSONL (labels.sub_event_type) to score the fitted model on, sentence "
        "by sentence: measuring only, never training",
    )
    args = parser.parse_args(argv)

    examples = read_examples(args.data)
    params = Hyperparameters(l2=args.l2, epochs=args.epochs, min_df=args.min_df)
    embed = _cached_embedder(args.embedder, [e.text for e in examples]) if args.embedder else None
    print(f"{len(examples)} training sentences, {len(LABELS)} labels, params {params}")
    started = time.perf_counter()
    scores, confusions = cross_validate(examples, params, k=args.folds, embed=embed)
    print(
        f"{args.folds}-fold cross-validation by document ({time.perf_counter() - started:.1f} s):"
    )
    for name, value in scores.items():
        print(f"  {name}: {value:.4f}" if name != "documents" else f"  {name}: {int(value)}")
    print("commonest confusions (gold -> predicted):")
    for (gold, predicted), n in confusions.most_common(12):
        print(f"  {n:3d}  {gold} -> {predicted}")
    if args.cv_only:
        return 0
    fitted = fit_typer(examples, params, embed)
    for gold_file in args.check:
        _check(fitted, gold_file)
    meta = {
        "embedder": args.embedder,
        "training_sentences": len(examples),
        "params": {"l2": params.l2, "epochs": params.epochs, "min_df": params.min_df},
        "cross_validation": {"folds": args.folds, **{k: round(v, 4) for k, v in scores.items()}},
    }
    save_event_typer(
        args.output, labels=LABELS, vocabulary=fitted.vocabulary, model=fitted.model, meta=meta
    )
    print(f"wrote {args.output} ({args.output.stat().st_size / 1024:.0f} KiB)")
    return 0


def _cached_embedder(name: str, texts: list[str]) -> Callable[[Sequence[str]], FloatArray]:
    """The embedder ``name``, run once over the training texts (cross-validation asks for
    the same sentences again and again); other texts are embedded when asked."""
    embedder = load_embedder(name)
    started = time.perf_counter()
    unique = sorted(set(texts))
    vectors = dict(zip(unique, embedder.embed(unique), strict=True))
    print(f"embedded {len(unique)} sentences with {name} in {time.perf_counter() - started:.1f} s")

    def embed(batch: Sequence[str]) -> FloatArray:
        missing = [t for t in dict.fromkeys(batch) if t not in vectors]
        if missing:
            vectors.update(zip(missing, embedder.embed(missing), strict=True))
        return np.stack([vectors[t] for t in batch]).astype(np.float32)

    return embed


def _check(fitted: Fitted, gold_file: Path) -> None:
    """Score the typer alone on a gold file's texts; labels outside ACLED's 25 count as
    "not an event"."""
    gold: list[str] = []
    texts: list[str] = []
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = (record.get("labels") or {}).get("sub_event_type")
        if label is None:
            continue
        gold.append(label if label in LABELS else NOT_AN_EVENT)
        texts.append(record["text"])
    predicted = fitted.predict(texts)
    acled = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != NOT_AN_EVENT]
    scores = score_predictions([g for g, _ in acled], [p for _, p in acled])
    print(f"{gold_file} ({len(acled)} ACLED-labelled texts of {len(gold)}):")
    for name, value in scores.items():
        print(f"  {name}: {value:.4f}")
    others = [p for g, p in zip(gold, predicted, strict=True) if g == NOT_AN_EVENT]
    if others:
        rejected = sum(1 for p in others if p == NOT_AN_EVENT) / len(others)
        print(f"  not-an-event on the {len(others)} other texts: {rejected:.4f}")


if __name__ == "__main__":
    sys.exit(main())
