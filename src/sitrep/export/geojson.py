"""Events as a GeoJSON FeatureCollection (RFC 7946), one Point per located event.

    >>> events_to_geojson([])["sitrep"]
    {'events_without_coordinates': 0}

Coordinates are ``[lon, lat]`` (RFC 7946 section 3.1.1), rounded to 5 decimals (about a
metre: finer would claim a precision no gazetteer has).  Events without coordinates
cannot be drawn; they are left out and counted in the top-level ``sitrep`` member (a
"foreign member", RFC 7946 section 6.1), so a map never hides a loss silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.export.fields import (
    event_coordinates,
    event_sources,
    evidence_sentence,
    place_country,
    place_name,
)
from sitrep.types import Event

__all__ = ["event_properties", "events_to_geojson", "write_geojson"]

_DECIMALS = 5


def event_properties(event: Event) -> dict[str, Any]:
    """The flat properties a map popup shows for one event."""
    place = event.place.place if event.place is not None else None
    sentence = evidence_sentence(event)
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "actor1_type": event.actor1.actor_type if event.actor1 else None,
        "actor2_type": event.actor2.actor_type if event.actor2 else None,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "time_precision": int(event.time_precision) if event.time_precision is not None else None,
        "geo_precision": (
            int(event.place.geo_precision)
            if event.place is not None and event.place.geo_precision is not None
            else None
        ),
        "place_name": place_name(event.place),
        "country": place_country(event.place),
        "admin1": place.admin1 if place is not None else None,
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "n_reports": len(event.reports),
        "sources": event_sources(event),
        "is_background": event.is_background,
        "confidence": event.confidence,
        "evidence": sentence.text if sentence is not None else None,
    }


def events_to_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """A FeatureCollection of the located events, plus the count of unlocated ones."""
    features: list[dict[str, Any]] = []
    without = 0
    for event in events:
        coordinates = event_coordinates(event)
        if coordinates is None:
            without += 1
            continue
        lat, lon = coordinates
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(lon, _DECIMALS), round(lat, _DECIMALS)],
                },
                "properties": event_properties(event),
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "sitrep": {"events_without_coordinates": without},
    }


def write_geojson(events: Iterable[Event], handle: TextIO) -> int:
    """Write the FeatureCollection to ``handle``; returns the number of features."""
    collection = events_to_geojson(events)
    json.dump(collection, handle, ensure_ascii=False, allow_nan=False)
    handle.write("\n")
    return len(collection["features"])
