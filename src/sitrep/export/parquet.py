"""Events as one Apache Parquet file: the ACLED columns, typed, plus sitrep's own.

    >>> import io
    >>> write_parquet([], io.BytesIO())
    0

Parquet is for analysts who load millions of rows into pandas, DuckDB, R or Spark: the
schema is fixed (``SCHEMA``), so an empty export and a full one read back alike, dates are
dates, counts are integers and a missing value is null (never ""; the CSV's empty cells
are a CSV limitation).  Besides ACLED's columns the file keeps what the CSV cannot:
the event id, the date range, fatalities low/best/high with each claim behind them
(``fatality_claims``: a list of {fatalities, claimant, article_id}), confidence, the
background flag and the number of reports.  Needs pyarrow (``pip install
'sitrep-events[parquet]'``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.export.csv import ACLED_COLUMNS, acled_row
from sitrep.export.fields import fatality_claims
from sitrep.types import Event

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["parquet_schema", "write_parquet"]

ROWS_PER_GROUP = 50_000  # rows buffered before a row group is written: bounded memory

_INTEGER_COLUMNS = frozenset(
    ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision")
)
_FLOAT_COLUMNS = frozenset(("latitude", "longitude"))


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:  # pragma: no cover - the dev install has pyarrow
        raise ConfigError(
            "the parquet format needs pyarrow: pip install 'sitrep-events[parquet]'"
        ) from error
    return pa, pq


def parquet_schema() -> pa.Schema:
    """The file's columns and types, the same for every export."""
    pa, _ = _pyarrow()
    fields = [pa.field("id", pa.string(), nullable=False)]
    for column in ACLED_COLUMNS:
        if column == "event_date":
            kind = pa.date32()
        elif column in _INTEGER_COLUMNS:
            kind = pa.int32()
        elif column in _FLOAT_COLUMNS:
            kind = pa.float64()
        elif column in ("fatalities", "timestamp"):
            kind = pa.int64()
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    claim = pa.struct(
        [
            pa.field("fatalities", pa.int64()),
            pa.field("claimant", pa.string()),
            pa.field("article_id", pa.string()),
        ]
    )
    fields += [
        pa.field("date_end", pa.date32()),
        pa.field("fatalities_low", pa.int64()),
        pa.field("fatalities_best", pa.int64()),
        pa.field("fatalities_high", pa.int64()),
        pa.field("fatality_claims", pa.list_(claim)),
        pa.field("confidence", pa.float64()),
        pa.field("is_background", pa.bool_()),
        pa.field("n_reports", pa.int32()),
    ]
    return pa.schema(fields)


def _row(event: Event, timestamp: int) -> dict[str, Any]:
    acled = acled_row(event, timestamp)
    row: dict[str, Any] = {"id": event.id}
    for column in ACLED_COLUMNS:
        value = acled[column]
        row[column] = None if value == "" else value
    row["event_date"] = event.date_start
    row["date_end"] = event.date_end
    row["fatalities_low"] = event.fatalities_low
    row["fatalities_best"] = event.fatalities_best
    row["fatalities_high"] = event.fatalities_high
    row["fatality_claims"] = [
        {"fatalities": c.fatalities, "claimant": c.claimant, "article_id": c.article_id}
        for c in fatality_claims(event)
    ]
    row["confidence"] = event.confidence
    row["is_background"] = event.is_background
    row["n_reports"] = len(event.reports)
    return row


def write_parquet(
    events: Iterable[Event], handle: IO[bytes], *, timestamp: int | None = None
) -> int:
    """Write the events to ``handle`` (a binary file); returns the number of rows.

    Rows go out in row groups of ``ROWS_PER_GROUP``, so an export of millions of events
    never holds them all in memory.  ``timestamp`` as in ``write_acled_csv``.
    """
    import time

    pa, pq = _pyarrow()
    schema = parquet_schema()
    stamp = int(time.time()) if timestamp is None else timestamp
    written = 0
    buffer: list[dict[str, Any]] = []
    with pq.ParquetWriter(handle, schema, compression="zstd") as writer:
        for event in events:
            buffer.append(_row(event, stamp))
            if len(buffer) >= ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                written += len(buffer)
                buffer = []
        if buffer or written == 0:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
            written += len(buffer)
    return written
