"""Content negotiation for ``GET /events``: JSON, CSV, GeoJSON, JSONL, PLOVER or Parquet.

``format=`` wins over ``Accept`` (a link cannot set a header); otherwise the first media
type in ``Accept`` that sitrep writes, by its q-value, decides, and anything else gets
JSON.  The writers are the export stage's own, so a download from the API is the same
file ``sitrep events -f`` writes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from sitrep.export import get_binary_exporter, get_exporter, is_binary
from sitrep.types import Event

__all__ = ["FORMATS", "Format", "choose_format", "render_events"]


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # the export format (sitrep.export.FORMATS), or "json" for the API's page
    media_type: str


FORMATS: dict[str, Format] = {
    "json": Format("json", "application/json"),
    "csv": Format("csv", "text/csv; charset=utf-8"),
    "geojson": Format("geojson", "application/geo+json"),
    "jsonl": Format("jsonl", "application/x-ndjson"),
    # PLOVER is newline-delimited JSON too, so it is chosen by format= only.
    "plover": Format("plover", "application/x-ndjson"),
    "parquet": Format("parquet", "application/vnd.apache.parquet"),
}
_BY_MEDIA_TYPE = {
    "application/json": "json",
    "text/csv": "csv",
    "application/geo+json": "geojson",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "application/vnd.apache.parquet": "parquet",
}


class UnknownFormatError(ValueError):
    pass


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    ranked: list[tuple[float, int, str]] = []
    for order, item in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, order, media.lower()))
    return sorted(ranked)


def choose_format(format_param: str | None, accept: str | None) -> Format:
    """The format of the answer; ``UnknownFormatError`` for a ``format=`` not offered."""
    if format_param:
        key = format_param.strip().lower()
        if key not in FORMATS:
            raise UnknownFormatError(
                f"format {format_param!r}: choose one of {', '.join(sorted(FORMATS))}"
            )
        return FORMATS[key]
    for _, _, media in _accepted(accept or ""):
        if media in _BY_MEDIA_TYPE:
            return FORMATS[_BY_MEDIA_TYPE[media]]
    return FORMATS["json"]


def render_events(events: list[Event], fmt: Format) -> str | bytes:
    """The body of a non-JSON answer, written by the export stage's writer."""
    if is_binary(fmt.name):
        binary = io.BytesIO()
        get_binary_exporter(fmt.name)(events, binary)
        return binary.getvalue()
    buffer = io.StringIO(newline="")
    get_exporter(fmt.name)(events, buffer)
    return buffer.getvalue()
