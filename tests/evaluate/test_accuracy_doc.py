"""docs/accuracy.md from hand-made reports: tables per task, anchors, run metadata."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sitrep.evaluate.accuracy_doc import main, render

REPORTS = [
    {
        "gold": "../shared/eval/lgl/dev.jsonl",
        "documents": 2,
        "sitrep_version": "0.1.0",
        "model": "en_core_web_md-3.8.0",
        "seconds": 1.5,
        "failures": [],
        "metrics": {
            "toponym_recognition": {"precision": 0.5, "recall": 0.25, "f1": 1 / 3, "gold": 4},
            "toponym_resolution_gold_spans": {
                "acc161": 0.75,
                "median_km": 12.0,
                "auc": 0.2,
                "gold": 4,
                "same_place_far": 1,
            },
        },
    },
    {
        "gold": "../shared/eval/fakes/dev.jsonl",
        "documents": 1,
        "sitrep_version": "0.1.0",
        "model": "en_core_web_md-3.8.0",
        "seconds": 0.5,
        "failures": ["x:1 (a): ValueError: boom"],
        "metrics": {
            "labels": {
                "governorate": {"accuracy": 1.0, "macro_f1": 1.0, "documents": 1},
                "credible": {"applicable": False, "reason": "not judged"},
            },
            "casualties": {"all": {"exact": 0.5, "within10": 1.0, "documents": 2}},
        },
    },
]


def test_accuracy_doc_tables_and_anchors():
    page = render(REPORTS, command="make eval", today="2026-11-24")
    assert "- date: 2026-11-24" in page
    assert "- model: en_core_web_md-3.8.0" in page
    assert "| lgl dev | 75.0 % | 12 km | 0.200 | 4 | 1 | 82.7 % |" in page
    assert "| fakes dev | credible | not applicable: not judged | | |" in page
    assert "Zhong et al. 2023" in page
    assert "## Time expressions" not in page  # no report has timexes
    assert "`x:1 (a): ValueError: boom`" in page


def test_accuracy_doc_main_reads_last_json_line(tmp_path):
    paths = []
    for index, report in enumerate(REPORTS):
        path = tmp_path / f"{index}.json"
        path.write_text("table line\n" + json.dumps(report) + "\n", encoding="utf-8")
        paths.append(str(path))
    output = tmp_path / "accuracy.md"
    clock = lambda: datetime(2026, 1, 2, tzinfo=UTC)  # noqa: E731
    assert main([*paths, "--output", str(output)], clock=clock) == 0
    assert "- date: 2026-01-02" in output.read_text(encoding="utf-8")
