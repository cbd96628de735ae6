"""Values derived from an event that more than one output needs (store, CSV, GeoJSON).

Derived in one place so a place name, a pair of coordinates or an evidence sentence
reads the same in the database, the map and the table.
"""

from __future__ import annotations

import math

from sitrep.types import Event, PlaceMention, Span

__all__ = [
    "event_coordinates",
    "event_sources",
    "evidence_sentence",
    "place_country",
    "place_name",
]


def place_name(mention: PlaceMention | None) -> str | None:
    """The gazetteer name when resolved, else the words of the text."""
    if mention is None:
        return None
    return mention.place.name if mention.place is not None else mention.span.text


def place_country(mention: PlaceMention | None) -> str | None:
    """The ISO2 code (upper case) of a resolved place."""
    if mention is None or mention.place is None or not mention.place.country:
        return None
    return mention.place.country.upper()


def event_coordinates(event: Event) -> tuple[float, float] | None:
    """``(lat, lon)`` of the event's place, or None when absent or impossible.

    Out-of-range or non-finite values are treated as missing rather than written, since
    a map (or RFC 7946) cannot show them.
    """
    if event.place is None or event.place.place is None:
        return None
    lat, lon = event.place.place.lat, event.place.place.lon
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return lat, lon


def evidence_sentence(event: Event) -> Span | None:
    """The sentence of the event's first report: what an analyst reads to check it."""
    return event.reports[0].sentence if event.reports else None


def event_sources(event: Event) -> list[str]:
    """Distinct attributed sources of the event's reports, first-seen order."""
    seen: dict[str, None] = {}
    for report in event.reports:
        if report.source is not None and report.source.source:
            seen.setdefault(report.source.source, None)
    return list(seen)
