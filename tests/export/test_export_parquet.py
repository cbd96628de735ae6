"""Parquet export: fixed typed schema, nulls not empty strings, claims kept."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pyarrow.parquet as pq

from sitrep.export.parquet import parquet_schema, write_parquet
from sitrep.types import Attribution

from .samples import make_event, make_result

RESULT = make_result()
EVENT = RESULT.events[0]


def _read(events: list) -> list[dict]:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    written = write_parquet(events, buffer, timestamp=1_700_000_000)
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.num_rows == written
    assert table.schema.equals(parquet_schema())
    return table.to_pylist()


def test_empty_export_keeps_the_schema() -> None:
    assert _read([]) == []


def test_values_are_typed() -> None:
    (row,) = _read([EVENT])
    assert row["id"] == EVENT.id
    assert row["event_date"] == date(2018, 1, 2)
    assert row["year"] == 2018
    assert row["fatalities"] == 12
    assert row["country"] == "Syria"
    assert isinstance(row["latitude"], float)
    assert row["admin2"] is None  # a missing value is null, never ""
    assert row["timestamp"] == 1_700_000_000
    assert row["n_reports"] == 1
    assert row["is_background"] is False


def test_conflicting_tolls_keep_each_claimant() -> None:
    first = EVENT.reports[0]
    ministry = replace(
        first,
        article_id="other-article",
        fatalities=20,
        source=Attribution(first.source.span, "Ministry of Defence", "government")
        if first.source
        else None,
    )
    event = make_event("ev-two", (first, ministry), fatalities_low=12, fatalities_high=20)
    (row,) = _read([event])
    assert (row["fatalities_low"], row["fatalities_high"]) == (12, 20)
    assert row["fatality_claims"] == [
        {"fatalities": 12, "claimant": "Syrian Observatory", "article_id": first.article_id},
        {"fatalities": 20, "claimant": "Ministry of Defence", "article_id": "other-article"},
    ]


def test_many_rows_span_row_groups(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sitrep.export.parquet as module

    monkeypatch.setattr(module, "ROWS_PER_GROUP", 3)
    events = [replace(EVENT, id=f"ev-{i}") for i in range(7)]
    buffer = io.BytesIO()
    assert write_parquet(events, buffer) == 7
    parquet = pq.ParquetFile(io.BytesIO(buffer.getvalue()))
    assert parquet.metadata.num_row_groups == 3
    assert [r["id"] for r in parquet.read().to_pylist()] == [e.id for e in events]
