"""Write ``docs/accuracy.md`` from the JSON reports of ``sitrep eval --json`` (``make eval``).

    python -m sitrep.evaluate.accuracy_doc .sitrep/eval/*.json --output docs/accuracy.md

Each input file holds one report (the last line ``sitrep eval --json`` prints).  The page
gets one table per task, sitrep's figure beside the published anchors, and the date,
command, model and sitrep version, so a reader can tell which run made which figure.
Generated, never edited by hand: change this module and re-run ``make eval``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.evaluate.report import format_value

__all__ = ["Column", "main", "render"]

Report = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading and the dotted figure it shows from a task section."""

    heading: str
    figure: str


def _dig(section: Mapping[str, Any], dotted: str) -> Any:
    value: Any = section
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _set_name(report: Report) -> str:
    """``../shared/eval/lgl/dev.jsonl`` -> ``lgl dev``."""
    path = Path(str(report.get("gold", "?")))
    return f"{path.parent.name} {path.stem}"


# Published anchors, by task and set folder; each names its source.
RESOLUTION_ANCHORS: Mapping[str, str] = {
    "lgl": "82.7 %",
    "geowebnews": "94.1 %",
    "trnews": "87.3 %",
}

TASKS: Sequence[tuple[str, str, str, Sequence[Column]]] = (
    (
        "toponym_recognition",
        "Toponym recognition",
        "Predicted toponym spans against the gold toponyms of kind `literal`; a prediction "
        "is right when it overlaps a gold span.",
        (
            Column("precision", "precision"),
            Column("recall", "recall"),
            Column("F1", "f1"),
            Column("gold spans", "gold"),
        ),
    ),
    (
        "toponym_resolution_gold_spans",
        "Toponym resolution on gold spans",
        "The gold spans given, coordinates removed (`sitrep geocode`): resolution alone, as "
        "geoparsers are compared. acc@161 = share within 161 km (unresolved = wrong); AUC "
        '= mean ln(1+km)/ln(20039), unresolved at 20,039 km, lower is better. "Same '
        "place, other point\" counts the misses that name the gold's own GeoNames place "
        "(same geonameid) more than 161 km from the gold's point: a point convention "
        "(a province's label point against GeoNames' own point), not a wrong place.",
        (
            Column("acc@161", "acc161"),
            Column("median error", "median_km"),
            Column("AUC", "auc"),
            Column("gold toponyms", "gold"),
            Column("same place, other point", "same_place_far"),
        ),
    ),
    (
        "toponym_resolution",
        "Toponym resolution end to end",
        "Recognition and resolution together: a gold toponym sitrep did not find counts as "
        "wrong (and at 20,039 km in the AUC).",
        (
            Column("acc@161", "acc161"),
            Column("median error", "median_km"),
            Column("AUC", "auc"),
            Column("gold toponyms", "gold"),
        ),
    ),
    (
        "timexes",
        "Time expressions",
        "Span-overlap precision/recall/F1; value accuracy = share of found gold timexes "
        "whose TIMEX3 value is exactly the gold value.",
        (
            Column("precision", "precision"),
            Column("recall", "recall"),
            Column("F1", "f1"),
            Column("value accuracy", "value_accuracy"),
            Column("gold timexes", "gold"),
        ),
    ),
    (
        "events",
        "Events",
        "Greedy one-to-one matching within a document: same event type, date ranges "
        "overlapping with one day of slack, place within 50 km (or same admin1, or same "
        "country at geo_precision 3); then agreement over matched pairs.",
        (
            Column("precision", "precision"),
            Column("recall", "recall"),
            Column("F1", "f1"),
            Column("sub-event type", "sub_event_type"),
            Column("fatalities", "fatalities"),
            Column("actor types", "actor_types"),
            Column("gold events", "gold"),
        ),
    ),
    (
        "casualties",
        "Casualties by category",
        "Over documents whose gold count is known: the share where sitrep's count equals "
        "the gold count (exact), and where it is within 10 % of it.",
        (
            Column("civilians exact", "civilians.exact"),
            Column("non-civilians exact", "non_civilians.exact"),
            Column("children exact", "children.exact"),
            Column("women exact", "women.exact"),
            Column("all exact", "all.exact"),
            Column("all within 10 %", "all.within10"),
            Column("counts", "all.documents"),
        ),
    ),
    (
        "displacement",
        "Displacement",
        "The share of gold figures found with the right number, unit and term (and, to "
        "show which part fails, number and unit, number alone).",
        (
            Column("number, unit, term", "found"),
            Column("number and unit", "number_and_unit"),
            Column("number", "number"),
            Column("gold figures", "gold"),
            Column("predicted", "predicted"),
        ),
    ),
    (
        "templates",
        "MUC-4 templates",
        "Per slot, a predicted filler matches a gold filler when one contains the other's "
        "head noun (last word), case-insensitive; fillers pooled per document; micro "
        "P/R/F1. `all` = the five role slots together.",
        (
            Column("all P", "all.precision"),
            Column("all R", "all.recall"),
            Column("all F1", "all.f1"),
            Column("incident type F1", "incident_type.f1"),
            Column("perp ind. F1", "perp_individual.f1"),
            Column("perp org. F1", "perp_organization.f1"),
            Column("target F1", "phys_target.f1"),
            Column("victim F1", "hum_target.f1"),
            Column("weapon F1", "instrument.f1"),
        ),
    ),
)

ANCHOR_NOTES: Mapping[str, str] = {
    "toponym_resolution_gold_spans": (
        "Published anchor: Mordecai3's acc@161 on gold spans, LGL 82.7, GeoWebNews 94.1, "
        "TR-News 87.3 (Halterman 2023, *Mordecai 3: A Neural Geoparser and Event "
        "Geocoder*), measured on that paper's own evaluation data, not on this development "
        "split; sitrep resolves against its offline gazetteer (GeoNames cities with 500+ "
        "people and administrative areas, Natural Earth province points, airports and air "
        "bases, curated conflict regions; see the README and docs/geoparsing.md)."
    ),
    "events": (
        "Context, not a like-for-like anchor: GDELT's checked accuracy (the share of its "
        "records a human check found right, as quoted in issue 3): event code 81 %, "
        "geography 75 %, actors 79 %. The seed is one hand-annotated article, so these "
        "figures are anecdotal; its gold gives no publication date, so relative dates in "
        "its text cannot be anchored and an undated event cannot match."
    ),
    "casualties": (
        "Published anchor: victim counts exact match 0.44-0.81 (Zhong et al. 2023). "
        "FA-KES caveat: most documents report no women or children killed, so those "
        "columns are high when sitrep reports 0; the civilians column is the telling one."
    ),
}


def _table(task: str, columns: Sequence[Column], reports: Sequence[Report]) -> list[str]:
    rows = [r for r in reports if isinstance((r.get("metrics") or {}).get(task), Mapping)]
    if not rows:
        return []
    anchored = task == "toponym_resolution_gold_spans"
    headings = ["set", *(c.heading for c in columns)]
    if anchored:
        headings.append("Mordecai3 acc@161 (published)")
    lines = ["| " + " | ".join(headings) + " |", "|---" + "|---:" * (len(headings) - 1) + "|"]
    for report in rows:
        section = report["metrics"][task]
        cells = [_set_name(report)]
        cells += [format_value(c.figure, _dig(section, c.figure)) for c in columns]
        if anchored:
            folder = Path(str(report.get("gold"))).parent.name
            cells.append(RESOLUTION_ANCHORS.get(folder, "n/a"))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _labels_table(reports: Sequence[Report]) -> list[str]:
    lines = ["| set | label | accuracy | macro F1 | documents |", "|---|---|---:|---:|---:|"]
    for report in reports:
        labels = (report.get("metrics") or {}).get("labels")
        if not isinstance(labels, Mapping):
            continue
        for key, scores in labels.items():
            if scores.get("applicable") is False:
                lines.append(
                    f"| {_set_name(report)} | {key} | not applicable: {scores.get('reason')} | | |"
                )
                continue
            lines.append(
                f"| {_set_name(report)} | {key} | {format_value('accuracy', scores['accuracy'])}"
                f" | {format_value('macro_f1', scores['macro_f1'])}"
                f" | {format_value('documents', scores['documents'])} |"
            )
    return lines if len(lines) > 2 else []


def _runs_table(reports: Sequence[Report]) -> list[str]:
    lines = ["| set | documents | seconds | failures |", "|---|---:|---:|---:|"]
    for report in reports:
        lines.append(
            f"| {_set_name(report)} | {report.get('documents')} | {report.get('seconds')} "
            f"| {len(report.get('failures') or [])} |"
        )
    return lines


def render(reports: Sequence[Report], *, command: str, today: str, limit_note: str = "") -> str:
    """The Markdown page for ``reports`` (one per gold file)."""
    reports = sorted(reports, key=_set_name)
    models = sorted({str(r.get("model")) for r in reports if r.get("model")})
    versions = sorted({str(r.get("sitrep_version")) for r in reports})
    out = [
        "# Accuracy: sitrep on the development gold sets",
        "",
        "Generated by `make eval` (`src/sitrep/evaluate/accuracy_doc.py`); do not edit by "
        "hand. The gold data (`../shared/eval/`, see its INDEX.md and each SOURCE.md) is "
        "read at run time and never copied into this repository. The metrics follow "
        '`../shared/eval/README.md` ("How each figure is computed"); the choices it leaves '
        "open are written in the docstring of `src/sitrep/evaluate/metrics.py`.",
        "",
        f"- date: {today}",
        f"- command: `{command}`",
        f"- sitrep version: {', '.join(versions)}",
        f"- model: {', '.join(models) or 'n/a'}",
        "- held-out test sets (`heldout/`) are not used here.",
    ]
    if limit_note:
        out.append(f"- {limit_note}")
    out += [
        "",
        "Reproduce one set: `sitrep eval ../shared/eval/lgl/dev.jsonl --json` (add "
        "`--pred PRED.jsonl` to score a file written by `sitrep process --output`). The "
        "default test suite checks small slices of these sets against the floors pinned in "
        "`tests/evaluate/floors.json`.",
        "",
    ]
    for task, title, how, columns in TASKS:
        table = _table(task, columns, reports)
        if not table:
            continue
        out += [f"## {title}", "", how, "", *table, ""]
        if task in ANCHOR_NOTES:
            out += [ANCHOR_NOTES[task], ""]
    labels = _labels_table(reports)
    if labels:
        out += [
            "## Document labels",
            "",
            "Accuracy and macro F1 (over the classes in the gold) of each label key, over "
            "documents whose gold value is known. sitrep predicts `event_type` and "
            "`sub_event_type` (its main event's); the FA-KES keys `governorate`, "
            "`cause_of_death`, `actor` and the IndiaPoliceEvents booleans are derived from "
            "its events (`src/sitrep/evaluate/labels.py`); keys it neither predicts nor "
            "derives are marked not applicable. CASE 2021's five non-ACLED types "
            "(`NATURAL_DISASTER`, `DIPLO`, ...) cannot be produced, so they count as wrong "
            "in `sub_event_type`; `sub_event_type_acled` scores the documents whose gold is "
            "one of ACLED's 25 types (the shared task's subtask 1) and "
            "`no_event_on_non_acled` is the share of the others for which sitrep codes no "
            "event, the right answer for a disaster or a diplomatic note. Published anchor "
            "for CASE 2021 subtask 1: best supervised system, weighted F1 83.9 (trained on "
            "ACLED's own event notes; Haneczok et al. 2021).",
            "",
            *labels,
            "",
        ]
    out += [
        "## Runs",
        "",
        "Wall time of each `sitrep eval` run (pipeline and scoring; model loading excluded).",
        "",
        *_runs_table(reports),
        "",
    ]
    failures = [f for r in reports for f in r.get("failures") or []]
    if failures:
        out += ["Documents the pipeline failed on (scored as empty predictions):", ""]
        out += [f"- `{f}`" for f in failures[:50]]
        out.append("")
    return "\n".join(out)


def _read_report(path: Path) -> Report:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise SystemExit(f"{path}: empty; did `sitrep eval --json` fail?")
    try:
        report = json.loads(lines[-1])
    except json.JSONDecodeError as err:
        raise SystemExit(f"{path}: the last line is not JSON ({err.msg})") from err
    if not isinstance(report, dict) or "metrics" not in report:
        raise SystemExit(f"{path}: not a `sitrep eval --json` report")
    return report


def main(argv: Sequence[str] | None = None, *, clock: Callable[[], datetime] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("reports", nargs="+", type=Path, help="files from sitrep eval --json")
    parser.add_argument("--output", type=Path, required=True, help="the Markdown file to write")
    parser.add_argument("--command", default="make eval", help="the command to name on the page")
    parser.add_argument("--limit-note", default="", help="a line saying which sets were cut")
    args = parser.parse_args(argv)
    now = (clock or (lambda: datetime.now(UTC)))()
    page = render(
        [_read_report(p) for p in args.reports],
        command=args.command,
        today=now.strftime("%Y-%m-%d"),
        limit_note=args.limit_note,
    )
    args.output.write_text(page, encoding="utf-8")
    print(f"wrote {args.output} from {len(args.reports)} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
