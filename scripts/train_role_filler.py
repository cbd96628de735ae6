"""Rebuild the role scorer's weights (``src/sitrep/data/role_filler.npz``).

    python scripts/train_role_filler.py                 # cross-validate, fit, save
    python scripts/train_role_filler.py --cv-only       # the k-fold figures only

Trains on the MUC-4 *training* split (``../shared/eval/muc4/train.jsonl``: 1,300 news
and radio reports with answer-key templates, DEV-MUC3-0001..1300); the dev split is for
``sitrep eval`` and the test split is held out.  The pipeline runs on every training
article as it runs in production; each noun phrase head of a sentence that yields an
event report is a candidate, labelled with the slot of a gold filler whose head noun
(last word) it is, else "none".

Prints 5-fold figures, cross-validated by document: each fold's model goes into the
whole pipeline on the held-out fold's articles, and their MUC-4 templates are scored as
``sitrep eval`` scores them (head-noun micro P/R/F1 over the five role slots).  Rows: the
parse rules alone; the scorer alone and the scorer beside the rules, at each probability
threshold.  Then it fits on every document and writes the model with the way and the
threshold of the best cross-validated F1.  Same data, same weights.

A parse takes most of the time (about 3 minutes for the 1,300 articles); ``--cache FILE``
keeps the parsed articles, so a change of features or settings costs no new parse.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.role_model import (
    NO_ROLE,
    ROLE_MODEL_RESOURCE,
    RoleModel,
    feature_rows,
    save_role_model,
)
from sitrep.classify.softmax import SoftmaxModel, fit
from sitrep.config import load_settings
from sitrep.evaluate.metrics import score_templates
from sitrep.export.jsonl import prediction_record
from sitrep.extract.context import build_children
from sitrep.extract.role_candidates import candidates
from sitrep.extract.roles import SLOTS, RoleReader, rule_fillers
from sitrep.ingest.jsonl import article_from_record
from sitrep.pipeline import Pipeline
from sitrep.types import ActorMention, Annotation

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = ROOT.parent / "shared" / "eval" / "muc4" / "train.jsonl"
LABELS = (NO_ROLE, *SLOTS)
# MUC-4's slot names -> sitrep's.
GOLD_SLOTS = {
    "perp_individual": "perpetrators",
    "perp_organization": "perpetrator_groups",
    "hum_target": "victims",
    "phys_target": "targets",
    "instrument": "weapons",
}
THRESHOLDS = tuple(round(0.1 + 0.05 * i, 2) for i in range(11))  # 0.10 .. 0.60
MIN_FEATURE_COUNT = 2
L2 = 1e-4
EPOCHS = 300
FOLDS = 5
SEED = 13


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    features: list[tuple[str, ...]]  # one per candidate
    heads: list[str]  # the candidate's head word, lower-cased
    rule_slots: list[str | None]
    gold: dict[str, list[frozenset[str]]]  # slot -> entities, each the head nouns of its mentions

    def labels(self) -> list[int]:
        out = []
        for head in self.heads:
            slot = next((s for s in SLOTS if any(head in e for e in self.gold[s])), NO_ROLE)
            out.append(LABELS.index(slot))
        return out


def _head_noun(mention: str) -> str:
    """The mention's last word as spaCy's tokens give it ("m-16" stays whole): candidate
    heads are tokens, so their labels compare with whitespace words, not with the
    metric's alphanumeric ones (``evaluate.metrics.head_noun``)."""
    words = mention.casefold().split()
    return words[-1] if words else ""


def _gold(record: dict[str, object]) -> dict[str, list[frozenset[str]]]:
    gold: dict[str, list[frozenset[str]]] = {slot: [] for slot in SLOTS}
    for template in record.get("templates") or []:  # type: ignore[attr-defined]
        for muc_slot, slot in GOLD_SLOTS.items():
            for entity in template.get(muc_slot) or []:
                heads = frozenset(_head_noun(m) for m in entity if _head_noun(m))
                if heads and heads not in gold[slot]:
                    gold[slot].append(heads)
    return gold


@dataclass(frozen=True, slots=True)
class Parsed:
    """One training article as the pipeline saw it: kept in the cache, so that a change
    of features needs no new parse."""

    doc_id: str
    annotation: Annotation
    event_sentences: tuple[int, ...]  # indices of the sentences that gave a report
    actors: tuple[ActorMention, ...]
    gold: dict[str, list[frozenset[str]]]


def parse_articles(path: Path, records: Sequence[dict[str, Any]]) -> list[Parsed]:
    """Run the pipeline over the training articles (with the parse rules for roles: the
    role fillers decide no report, and the model being trained may not exist yet)."""
    settings = load_settings(overrides={"role_filler": "rules"})
    pipeline = Pipeline(settings)
    parsed: list[Parsed] = []
    for number, record in enumerate(records, start=1):
        article = article_from_record(record, origin=f"{path}:{number}", settings=settings)
        annotation = pipeline.annotator.annotate(article.id, article.text)
        result = pipeline.extract(article, annotation)
        event_sentences = sorted(
            {s.index for r in result.reports if (s := annotation.sentence_at(r.sentence.start))}
        )
        parsed.append(
            Parsed(record["id"], annotation, tuple(event_sentences), result.actors, _gold(record))
        )
        if number % 100 == 0:
            print(f"  {number} articles read", file=sys.stderr)
    return parsed


def document_of(parsed: Parsed) -> Document:
    """The candidates of one article's event sentences, with their features."""
    annotation = parsed.annotation
    children = build_children(annotation.tokens)
    features: list[tuple[str, ...]] = []
    heads: list[str] = []
    rule_slots: list[str | None] = []
    for index in parsed.event_sentences:
        sentence = annotation.sentences[index]
        actors = [a for a in parsed.actors if sentence.start <= a.span.start < sentence.end]
        reader = RoleReader(annotation, children, actors)
        rules = rule_fillers(reader, annotation, sentence)
        for candidate in candidates(reader, annotation, sentence, rules):
            features.append(candidate.features)
            heads.append(candidate.head.text.casefold())
            rule_slots.append(candidate.rule_slot)
    return Document(parsed.doc_id, features, heads, rule_slots, parsed.gold)


def feature_index(documents: Sequence[Document]) -> dict[str, int]:
    counts: Counter[str] = Counter(f for d in documents for fs in d.features for f in set(fs))
    kept = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    return {f: i for i, f in enumerate(kept)}


def fit_documents(documents: Sequence[Document]) -> tuple[dict[str, int], SoftmaxModel]:
    index = feature_index(documents)
    rows = feature_rows([f for d in documents for f in d.features], index)
    y = np.array([label for d in documents for label in d.labels()], dtype=np.int64)
    return index, fit(rows, y, n_classes=len(LABELS), l2=L2, epochs=EPOCHS)


def _role_model(
    index: dict[str, int], model: SoftmaxModel, threshold: float, with_rules: bool
) -> RoleModel:
    return RoleModel(LABELS, index, model, {"min_probability": threshold, "with_rules": with_rules})


def cross_validate(
    parsed: Sequence[Parsed], documents: Sequence[Document], records: Sequence[dict[str, Any]]
) -> dict[tuple[str, float], dict[str, float]]:
    """Out-of-fold MUC-4 template figures (``sitrep eval``'s metric, all five role
    slots) of the whole pipeline, per way of combining and threshold; folds by document.
    ("rules", 0.0) is the parse rules alone."""
    settings = load_settings(overrides={"role_filler": "rules"})
    pipeline = Pipeline(settings)
    order = list(range(len(documents)))
    random.Random(SEED).shuffle(order)
    fold_of = {doc: i % FOLDS for i, doc in enumerate(order)}
    configs = [("rules", 0.0)] + [(m, t) for m in ("scorer", "scorer+rules") for t in THRESHOLDS]
    predictions: dict[tuple[str, float], list[dict[str, Any]]] = {
        c: [{}] * len(parsed) for c in configs
    }
    for fold in range(FOLDS):
        index, model = fit_documents([d for i, d in enumerate(documents) if fold_of[i] != fold])
        for mode, threshold in configs:
            role_model = (
                None
                if mode == "rules"
                else _role_model(index, model, threshold, mode == "scorer+rules")
            )
            pipeline.__dict__["role_model"] = role_model  # the fold's model, not the shipped one
            for i, item in enumerate(parsed):
                if fold_of[i] != fold:
                    continue
                article = article_from_record(records[i], origin=item.doc_id, settings=settings)
                predictions[mode, threshold][i] = prediction_record(
                    pipeline.extract(article, item.annotation)
                )
        print(f"  fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    gold = list(records[: len(parsed)])
    return {c: score_templates(gold, predictions[c])["all"] for c in configs}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="MUC-4 train JSONL")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "src" / "sitrep" / ROLE_MODEL_RESOURCE
    )
    parser.add_argument("--cv-only", action="store_true", help="print the k-fold figures only")
    parser.add_argument("--limit", type=int, help="only the first N training articles")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep the parsed articles in this pickle file (read it if present)",
    )
    args = parser.parse_args(argv)
    if not args.train.is_file():
        print(
            f"{args.train}: no such file (the MUC-4 train split of ../shared/eval)", file=sys.stderr
        )
        return 2
    started = time.perf_counter()
    with args.train.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()][: args.limit]
    if args.cache is not None and args.cache.is_file():
        parsed = pickle.loads(args.cache.read_bytes())[: args.limit]
    else:
        parsed = parse_articles(args.train, records)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(parsed))
    documents = [document_of(p) for p in parsed]
    n_candidates = sum(len(d.heads) for d in documents)
    seconds = time.perf_counter() - started
    print(f"{len(documents)} articles, {n_candidates} candidates ({seconds:.0f} s)")
    figures = cross_validate(parsed, documents, records[: len(parsed)])
    rules = figures.pop(("rules", 0.0))
    print(
        f"parse rules alone: P {rules['precision']:.3f} R {rules['recall']:.3f} "
        f"F1 {rules['f1']:.3f}"
    )
    print(f"{FOLDS}-fold by document, the scorer alone and with the rules, at each threshold:")
    print("| fillers | threshold | precision | recall | F1 |\n|---|---:|---:|---:|---:|")
    for (mode, threshold), row in figures.items():
        print(
            f"| {mode} | {threshold:.2f} | {row['precision']:.3f} | {row['recall']:.3f} "
            f"| {row['f1']:.3f} |"
        )
    best = max(figures, key=lambda key: (round(figures[key]["f1"], 4), -abs(key[1] - 0.5)))
    mode, threshold = best
    print(f"chosen: {mode} at {threshold:.2f}, cross-validated F1 {figures[best]['f1']:.3f}")
    if args.cv_only:
        return 0
    index, model = fit_documents(documents)
    meta = {
        "trained_on": "MUC-4 train (DEV-MUC3-0001..1300)",
        "articles": len(documents),
        "candidates": n_candidates,
        "min_probability": threshold,
        "with_rules": mode == "scorer+rules",
        "cv_f1": round(figures[best]["f1"], 4),
        "cv_metric": "MUC-4 templates, all role slots, sitrep eval's head-noun F1",
        "cv_precision": round(figures[best]["precision"], 4),
        "cv_recall": round(figures[best]["recall"], 4),
        "rules_f1": round(rules["f1"], 4),
        "l2": L2,
        "epochs": EPOCHS,
        "min_feature_count": MIN_FEATURE_COUNT,
    }
    save_role_model(args.output, labels=LABELS, index=index, model=model, meta=meta)
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KiB, {len(index)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
