"""Events as a CSV table with ACLED's column names, so ACLED tooling can read it.

    >>> import io
    >>> out = io.StringIO()
    >>> write_acled_csv([], out)
    0
    >>> out.getvalue().split(",")[:3]
    ['event_id_cnty', 'event_date', 'year']

Differences from ACLED's own files, by necessity: ``event_id_cnty`` is the country's
ISO3 code plus the first 12 characters of sitrep's event hash (ACLED numbers events
itself); ``event_date`` is the first day of the event's range; ``assoc_actor_1`` holds
actor1's allies named beside it (``extract/sides.py``); ``assoc_actor_2``, ``admin2``,
``admin3``, ``source_scale`` and ``tags`` are empty because sitrep does not code them.

Article text reaches ``notes`` and actor names, so every text cell that a spreadsheet
would read as a formula (starting with = + - @ tab or carriage return) gets a leading
apostrophe (OWASP "CSV injection").  Numbers are written as numbers and left alone.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from sitrep.countries import (
    acled_region,
    country_iso3,
    country_name,
    country_numeric,
)
from sitrep.export.fields import (
    event_coordinates,
    event_sources,
    evidence_sentence,
    place_country,
    place_name,
)
from sitrep.types import ACTOR_TYPES, ActorRole, Event

__all__ = [
    "ACLED_COLUMNS",
    "acled_row",
    "disorder_type",
    "inter_code",
    "interaction_code",
    "write_acled_csv",
]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DECIMALS = 5

# ACLED codebook: which disorder type each event type (or sub-event type) belongs to.
_DISORDER_BY_SUB_EVENT: Mapping[str, str] = {
    "excessive force against protesters": "Political violence; Demonstrations",
    "violent demonstration": "Demonstrations",
    "mob violence": "Political violence",
}
_DISORDER_BY_EVENT: Mapping[str, str] = {
    "battles": "Political violence",
    "explosions/remote violence": "Political violence",
    "violence against civilians": "Political violence",
    "riots": "Political violence",
    "protests": "Demonstrations",
    "strategic developments": "Strategic developments",
}


def disorder_type(event_type: str, sub_event_type: str = "") -> str:
    """ACLED's disorder type; "" for an event type outside ACLED's six."""
    by_sub = _DISORDER_BY_SUB_EVENT.get(sub_event_type.strip().casefold())
    if by_sub is not None:
        return by_sub
    return _DISORDER_BY_EVENT.get(event_type.strip().casefold(), "")


def inter_code(actor: ActorRole | None) -> int:
    """ACLED's numeric actor type: 1 state forces ... 8 external/other forces; 0 none."""
    if actor is None or actor.actor_type is None:
        return 0
    kind = actor.actor_type.strip().casefold()
    return ACTOR_TYPES.index(kind) + 1 if kind in ACTOR_TYPES else 0


def interaction_code(inter1: int, inter2: int) -> int:
    """The two codes, smaller first (12, 17, 37); a sole actor gives its code then 0 (60)."""
    low, high = sorted((inter1, inter2))
    if low == 0:
        return high * 10
    return low * 10 + high


def _guard(value: object) -> object:
    """Defuse spreadsheet formulas in text cells; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def acled_row(event: Event, timestamp: int) -> dict[str, Any]:
    """One event as a row keyed by ``ACLED_COLUMNS`` (values not yet guarded)."""
    iso2 = place_country(event.place)
    place = event.place.place if event.place is not None else None
    coordinates = event_coordinates(event)
    inter1, inter2 = inter_code(event.actor1), inter_code(event.actor2)
    sentence = evidence_sentence(event)
    civilian_target = event.actor2 is not None and inter2 == ACTOR_TYPES.index("civilians") + 1
    return {
        "event_id_cnty": f"{country_iso3(iso2) or 'XXX'}{event.id[:12]}",
        "event_date": event.date_start.isoformat() if event.date_start else "",
        "year": event.date_start.year if event.date_start else "",
        "time_precision": int(event.time_precision) if event.time_precision is not None else "",
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1.name if event.actor1 else "",
        "assoc_actor_1": "; ".join(
            dict.fromkeys(a.name for r in event.reports for a in r.associated)
        ),
        "inter1": inter1,
        "actor2": event.actor2.name if event.actor2 else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian_target else "",
        "iso": country_numeric(iso2) or "",
        "region": acled_region(iso2) or "",
        "country": country_name(iso2) or "",
        "admin1": (place.admin1 or "") if place is not None else "",
        "admin2": "",
        "admin3": "",
        "location": place_name(event.place) or "",
        "latitude": round(coordinates[0], _DECIMALS) if coordinates else "",
        "longitude": round(coordinates[1], _DECIMALS) if coordinates else "",
        "geo_precision": (
            int(event.place.geo_precision)
            if event.place is not None and event.place.geo_precision is not None
            else ""
        ),
        "source": "; ".join(event_sources(event)),
        "source_scale": "",
        "notes": " ".join(sentence.text.split()) if sentence is not None else "",
        "fatalities": event.fatalities_best or 0,
        "tags": "",
        "timestamp": timestamp,
    }


def write_acled_csv(
    events: Iterable[Event], handle: TextIO, *, timestamp: int | None = None
) -> int:
    """Write a header and one row per event; returns the number of rows.

    ``timestamp`` (ACLED: when the row was last changed, Unix seconds) defaults to now;
    pass one to make the output reproducible.  Open ``handle`` with ``newline=""``.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows = 0
    for event in events:
        row = acled_row(event, stamp)
        writer.writerow({key: _guard(value) for key, value in row.items()})
        rows += 1
    return rows
