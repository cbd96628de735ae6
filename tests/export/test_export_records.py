from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from sitrep.export import records
from sitrep.types import Article, Event, Rejection, TimePrecision

from .samples import make_article, make_event, make_report, make_result

RESULT = make_result()
REPORT = RESULT.reports[0]
EVENT = RESULT.events[0]
BARE_ARTICLE = make_article(
    title=None, url=None, outlet=None, published=None, origin=None, external_id=None
)
BARE_REPORT = make_report(
    BARE_ARTICLE,
    actor1=None,
    actor2=None,
    place=None,
    day=None,
    source=None,
    evidence=(),
    victims=("peasant",),
    targets=("tank truck",),
    weapons=("rifles",),
    injured=3,
)
MERGED_EVENT = make_event(
    "ev-merged",
    (REPORT, BARE_REPORT),
    date_end=date(2018, 1, 4),
    time_precision=TimePrecision.WEEK,
    fatalities_low=10,
    fatalities_high=14,
)

Case = tuple[object, Callable[[Any], dict[str, Any]], Callable[[dict[str, Any]], object]]

CASES: dict[str, Case] = {
    "article": (RESULT.article, records.article_to_dict, records.article_from_dict),
    "article-bare": (BARE_ARTICLE, records.article_to_dict, records.article_from_dict),
    "place-resolved": (
        RESULT.places[0],
        records.place_mention_to_dict,
        records.place_mention_from_dict,
    ),
    "place-unresolved": (
        RESULT.places[2],
        records.place_mention_to_dict,
        records.place_mention_from_dict,
    ),
    "time": (RESULT.times[0], records.time_mention_to_dict, records.time_mention_from_dict),
    "quantity": (RESULT.quantities[-1], records.quantity_to_dict, records.quantity_from_dict),
    "actor-mention": (
        RESULT.actors[0],
        records.actor_mention_to_dict,
        records.actor_mention_from_dict,
    ),
    "report": (REPORT, records.report_to_dict, records.report_from_dict),
    "report-bare": (BARE_REPORT, records.report_to_dict, records.report_from_dict),
    "event": (EVENT, records.event_to_dict, records.event_from_dict),
    "event-merged": (MERGED_EVENT, records.event_to_dict, records.event_from_dict),
    "casualty-report": (
        RESULT.casualty_reports[0],
        records.casualty_report_to_dict,
        records.casualty_report_from_dict,
    ),
    "displacement": (
        RESULT.displacement[0],
        records.displacement_to_dict,
        records.displacement_from_dict,
    ),
    "rejection": (
        Rejection("in.jsonl:3", "ingest", "E103-bad-jsonl", "not JSON", None, "{oops"),
        records.rejection_to_dict,
        records.rejection_from_dict,
    ),
    "article-result": (RESULT, records.article_result_to_dict, records.article_result_from_dict),
    "article-result-empty": (
        replace(RESULT, places=(), reports=(), events=(), casualty_reports=(), displacement=()),
        records.article_result_to_dict,
        records.article_result_from_dict,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_records_round_trip_through_json_text(name: str) -> None:
    value, to_dict, from_dict = CASES[name]
    text = json.dumps(to_dict(value), allow_nan=False)
    assert from_dict(json.loads(text)) == value


@pytest.mark.parametrize(
    ("value", "key", "expected"),
    [
        (EVENT, "date_start", "2018-01-02"),
        (EVENT, "time_precision", 1),
        (RESULT.article, "published_source", "metadata"),
        (RESULT.article, "published", "2018-01-03"),
    ],
)
def test_records_write_dates_and_enums_as_plain_values(
    value: Event | Article, key: str, expected: object
) -> None:
    out = (
        records.event_to_dict(value) if isinstance(value, Event) else records.article_to_dict(value)
    )
    assert out[key] == expected


@pytest.mark.parametrize("index", [0, 1, 2])
def test_records_field_evidence_is_flat(index: int) -> None:
    out = records.report_to_dict(REPORT)["evidence"][index]
    assert set(out) == {"field", "start", "end", "text"}
    assert out["text"] == REPORT.evidence[index].span.text


@pytest.mark.parametrize("missing", ["fatalities_qualifier", "killed", "evidence", "victims"])
def test_records_read_old_records_without_optional_keys(missing: str) -> None:
    data = records.report_to_dict(REPORT)
    del data[missing]
    assert records.report_from_dict(data).article_id == REPORT.article_id
