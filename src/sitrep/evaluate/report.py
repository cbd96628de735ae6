"""Show an evaluation: a Rich table for people, one JSON object for machines.

The JSON object (``report_json``) is what ``sitrep eval --json`` prints as its last line
and what ``accuracy_doc`` reads back; the table (``report_table``) shows the same figures,
one row per figure, grouped by task.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

__all__ = ["TASK_TITLES", "format_value", "report_json", "report_table"]

TASK_TITLES: Mapping[str, str] = {
    "toponym_recognition": "Toponym recognition (overlap, gold literal)",
    "toponym_resolution": "Toponym resolution, end to end",
    "toponym_resolution_gold_spans": "Toponym resolution on gold spans",
    "timexes": "Time expressions",
    "events": "Events",
    "casualties": "Casualties by category",
    "displacement": "Displacement",
    "labels": "Document labels",
    "templates": "MUC-4 templates",
}

# Figures that are counts or kilometres, not shares.
_COUNTS = frozenset(
    {"gold", "predicted", "matched", "documents", "resolved", "classes", "median_km"}
)


def format_value(name: str, value: Any) -> str:
    """A share as a percentage with one decimal, a count as an integer, None as "n/a"."""
    if value is None:
        return "n/a"
    if isinstance(value, bool | str):
        return str(value)
    leaf = name.rsplit(".", 1)[-1]
    if leaf == "median_km":
        return f"{value:,.0f} km"
    if leaf == "auc":
        return f"{value:.3f}"
    if leaf in _COUNTS or isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float) and math.isfinite(value):
        return f"{100 * value:.1f} %"
    return str(value)


def _rows(section: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in section.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            if value.get("applicable") is False:
                rows.append((name, f"not applicable: {value.get('reason', '')}"))
                continue
            rows.extend(_rows(value, f"{name}."))
        else:
            rows.append((name, format_value(name, value)))
    return rows


def report_table(report: Mapping[str, Any]) -> Table:
    """One table: task, figure, value; the title names the gold file and the run."""
    model = report.get("model") or "predictions from file"
    title = (
        f"{report.get('gold')}: {report.get('documents')} documents, {model}, "
        f"{report.get('seconds', 0.0):.1f} s"
    )
    table = Table(title=Text(title), show_lines=False)
    table.add_column("task")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for task, section in (report.get("metrics") or {}).items():
        first = True
        for name, value in _rows(section):
            table.add_row(
                Text(TASK_TITLES.get(task, task) if first else ""), Text(name), Text(value)
            )
            first = False
    return table


def report_json(report: Mapping[str, Any]) -> str:
    """The report as one line of JSON (no NaN: a missing figure is null)."""
    return json.dumps(report, ensure_ascii=False, allow_nan=False, sort_keys=False)
