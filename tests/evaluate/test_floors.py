"""Regression floors: sitrep's figures on small slices of the development gold sets.

The slices and their minimum (or, for AUC, maximum) figures are pinned in
``floors.json`` beside this file; its ``_about`` says how to update it (lowering a floor
is a deliberate change in its own commit).  The gold data is read at run time from
``../shared/eval`` and never copied into the repository; without it these tests skip.

To print today's figures for every pinned slice::

    .venv/bin/python tests/evaluate/test_floors.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate import evaluate_records, flatten
from sitrep.evaluate.gold import read_records

HERE = Path(__file__).resolve().parent
EVAL_DIR = HERE.parents[2] / "shared" / "eval"
FLOORS = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))["sets"]


def _slice(name: str) -> list[dict[str, Any]]:
    spec = FLOORS[name]
    path = EVAL_DIR / spec["file"]
    if not path.exists():
        pytest.skip(f"{path} is absent: the floors need ../shared/eval beside the repository")
    return read_records(path, limit=spec["limit"])


@pytest.mark.model
@pytest.mark.issue(3)
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floors_hold_on_development_slices(name, pipeline):
    gold = _slice(name)
    report = evaluate_records(gold, pipeline=pipeline, origin=FLOORS[name]["file"])
    figures = flatten(report["metrics"])
    assert report["failures"] == []
    below = {
        figure: (figures.get(figure), floor)
        for figure, floor in FLOORS[name].get("min", {}).items()
        if figures.get(figure) is None or figures[figure] < floor
    }
    above = {
        figure: (figures.get(figure), ceiling)
        for figure, ceiling in FLOORS[name].get("max", {}).items()
        if figures.get(figure) is None or figures[figure] > ceiling
    }
    assert not below, f"{name}: figures below their floor (measured, floor): {below}"
    assert not above, f"{name}: figures above their ceiling (measured, ceiling): {above}"


def _measure() -> None:
    """Print the measured value of every pinned figure (to set or raise a floor)."""
    from sitrep.config import load_settings
    from sitrep.pipeline import Pipeline

    pipeline = Pipeline(load_settings())
    for name, spec in sorted(FLOORS.items()):
        path = EVAL_DIR / spec["file"]
        if not path.exists():
            print(f"{name}: {path} absent")
            continue
        report = evaluate_records(read_records(path, limit=spec["limit"]), pipeline=pipeline)
        figures = flatten(report["metrics"])
        for bound in ("min", "max"):
            for figure, pinned in spec.get(bound, {}).items():
                value = figures.get(figure)
                shown = "n/a" if value is None else f"{value:.3f}"
                print(f"{name:12} {figure:45} {shown:>7}  ({bound} {pinned})")


if __name__ == "__main__":
    sys.exit(_measure())
