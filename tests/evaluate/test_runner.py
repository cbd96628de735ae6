"""Predictions for gold documents through the real pipeline (hand-made gold, no shared data)."""

from __future__ import annotations

import pytest

from sitrep.evaluate import evaluate_records
from sitrep.evaluate.runner import needs_gold_spans, predict

TEXT = "Syrian government forces shelled the city of Idlib on Monday, killing 12 civilians."
GOLD = [
    {
        "id": "hand-1",
        "text": TEXT,
        "published": "2018-01-03",
        "toponyms": [
            {"start": 45, "end": 50, "text": "Idlib", "kind": "literal", "lat": 35.93, "lon": 36.63}
        ],
        "casualties": {"civilians": 12, "non_civilians": 0, "children": None, "women": None},
    }
]


def test_runner_needs_gold_spans_only_with_coordinates():
    assert needs_gold_spans(GOLD)
    assert not needs_gold_spans([{"id": "a", "text": "x", "toponyms": [{"lat": None}]}])


@pytest.mark.model
def test_runner_predicts_in_gold_order_with_gold_ids(pipeline):
    assert TEXT[45:50] == "Idlib"
    predictions = predict(GOLD, pipeline)
    assert [p["id"] for p in predictions.records] == ["hand-1"]
    assert predictions.gold_spans is not None
    assert predictions.gold_spans[0]["toponyms"][0]["lat"] == pytest.approx(35.93, abs=0.1)
    assert predictions.failures == []
    assert predictions.model


@pytest.mark.model
def test_runner_report_has_the_gold_keys_only(pipeline):
    report = evaluate_records(GOLD, pipeline=pipeline)
    assert set(report["metrics"]) == {
        "toponym_recognition",
        "toponym_resolution",
        "toponym_resolution_gold_spans",
        "casualties",
    }
    assert report["metrics"]["toponym_resolution_gold_spans"]["acc161"] == 1.0
    assert report["metrics"]["toponym_recognition"]["recall"] == 1.0


@pytest.mark.model
def test_runner_a_bad_document_is_counted_not_fatal(pipeline):
    gold = [{"id": "bad", "text": ""}, *GOLD]
    predictions = predict(gold, pipeline, gold_spans=False)
    assert [p["id"] for p in predictions.records] == ["bad", "hand-1"]
    assert len(predictions.failures) == 1
    assert "bad" in predictions.failures[0]


@pytest.mark.model
def test_runner_gold_spans_know_the_publisher(pipeline):
    # The article's address is metadata, not the answer: the resolver of gold spans gets
    # it as `sitrep geocode` does, so a local paper's bare "Alexandria" is its own town.
    text = "Alexandria woman charged in connection with a house fire."
    gold = [
        {
            "id": "towntalk-1",
            "text": text,
            "url": "http://www.thetowntalk.com/article/20090320/NEWS01/1",
            "toponyms": [
                {
                    "start": 0,
                    "end": 10,
                    "text": "Alexandria",
                    "kind": "literal",
                    "lat": 31.3113,
                    "lon": -92.4451,
                }
            ],
        }
    ]
    predictions = predict(gold, pipeline)
    assert predictions.gold_spans is not None
    placed = predictions.gold_spans[0]["toponyms"][0]
    assert (placed["country"], placed["admin1"]) == ("US", "Louisiana")
