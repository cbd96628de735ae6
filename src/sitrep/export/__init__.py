"""Export stage: events out of sitrep in the formats analysts and tools read.

    >>> import io
    >>> get_exporter("geojson")([], io.StringIO())
    0

Each format is one module; ``FORMATS`` maps a format name to its writer, all with the
signature ``(events, handle) -> number written``, so the CLI and the web API look a
format up here instead of branching on names.  ``BINARY_FORMATS`` (Parquet) write to a
binary handle instead of a text one.  Serialisation of every type lives in
``records`` so all formats and the store agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TextIO

from sitrep.errors import ConfigError
from sitrep.export import records
from sitrep.export.csv import write_acled_csv
from sitrep.export.geojson import write_geojson
from sitrep.export.jsonl import events_to_jsonl
from sitrep.export.parquet import write_parquet
from sitrep.export.plover import write_plover
from sitrep.types import Event

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "BinaryExporter",
    "Exporter",
    "UnknownFormatError",
    "get_binary_exporter",
    "get_exporter",
    "is_binary",
    "write_json",
]

Exporter = Callable[[Iterable[Event], TextIO], int]
BinaryExporter = Callable[[Iterable[Event], IO[bytes]], int]


class UnknownFormatError(ConfigError):
    """An export format name that is not in ``FORMATS``.

    A ``ConfigError`` because the format is a choice the user made (a flag or a setting),
    and front ends already turn those into a usage message.
    """


def write_json(events: Iterable[Event], handle: TextIO) -> int:
    """Write one JSON array of ``event_to_dict`` objects; returns the number of events."""
    items = [records.event_to_dict(e) for e in events]
    json.dump(items, handle, ensure_ascii=False, allow_nan=False, indent=2)
    handle.write("\n")
    return len(items)


FORMATS: Mapping[str, Exporter] = {
    "json": write_json,
    "jsonl": events_to_jsonl,
    "csv": write_acled_csv,
    "geojson": write_geojson,
    "plover": write_plover,
}
BINARY_FORMATS: Mapping[str, BinaryExporter] = {"parquet": write_parquet}


def _known() -> str:
    return ", ".join(sorted([*FORMATS, *BINARY_FORMATS]))


def is_binary(name: str) -> bool:
    """Whether the format writes bytes (Parquet) rather than text."""
    return name.strip().casefold() in BINARY_FORMATS


def get_binary_exporter(name: str) -> BinaryExporter:
    """The writer for a binary format name; ``UnknownFormatError`` lists every format."""
    try:
        return BINARY_FORMATS[name.strip().casefold()]
    except KeyError:
        raise UnknownFormatError(
            f"unknown binary export format {name!r}: choose one of {_known()}"
        ) from None


def get_exporter(name: str) -> Exporter:
    """The writer for a format name (any case); ``UnknownFormatError`` lists the known ones."""
    key = name.strip().casefold()
    try:
        return FORMATS[key]
    except KeyError:
        if is_binary(name):
            raise UnknownFormatError(
                f"{name!r} writes binary, not text: use get_binary_exporter (CLI: -o FILE)"
            ) from None
        raise UnknownFormatError(
            f"unknown export format {name!r}: choose one of {_known()}"
        ) from None
