"""Values derived from an event that more than one output needs (store, CSV, GeoJSON).

Derived in one place so a place name, a pair of coordinates or an evidence sentence
reads the same in the database, the map and the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sitrep.types import Event, PlaceMention, Span

__all__ = [
    "FatalityClaim",
    "event_coordinates",
    "event_sources",
    "evidence_sentence",
    "fatality_claims",
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


@dataclass(frozen=True, slots=True)
class FatalityClaim:
    """One report's death toll and who claims it: the pieces of an event's low/best/high."""

    fatalities: int
    claimant: str | None  # the attributed source ("Syrian Observatory"), None if unstated
    article_id: str


def fatality_claims(event: Event) -> list[FatalityClaim]:
    """Every distinct (toll, claimant, article) among the event's reports, in report order.

    When articles disagree, the event's low/best/high say how far; these say who said
    what, so an analyst can weigh a monitor against a ministry.
    """
    seen: dict[tuple[int, str | None, str], None] = {}
    for report in event.reports:
        if report.fatalities is None:
            continue
        claimant = report.source.source if report.source is not None else None
        seen.setdefault((report.fatalities, claimant, report.article_id), None)
    return [FatalityClaim(n, who, article) for n, who, article in seen]
