"""Analysts' reviews of events: what may be edited, how an edit is checked, how it wins.

A review is one of four actions on a stored event: confirm it, edit one field, reject it,
or merge another event into it.  Every action is a row of the audit table (who, when,
the value before and after).  An edit is also kept as an *override* of that field, which
the store re-applies whenever the event is written again (a later article merging into
it), so reviewed values win over re-extraction.

    >>> value = check_edit("fatalities_best", "12")
    >>> value
    12
    >>> check_edit("sub_event_type", "Shelling/artillery/missile attack")
    'Shelling/artillery/missile attack'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from sitrep.countries import country_code
from sitrep.errors import SitrepError
from sitrep.taxonomy import EVENT_TYPE_OF
from sitrep.types import ACTOR_TYPES, ActorRole, Event, GeoPrecision, Place, PlaceMention, Span

__all__ = [
    "EDITABLE_FIELDS",
    "REVIEW_ACTIONS",
    "AuditEntry",
    "ReviewError",
    "apply_overrides",
    "check_edit",
    "field_value",
]

ReviewAction = Literal["confirm", "edit", "reject", "merge"]
REVIEW_ACTIONS: tuple[str, ...] = ("confirm", "edit", "reject", "merge")
# The status an event has after each action (a merge keeps the keeper's status).
STATUS_AFTER: Mapping[str, str] = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}

EDITABLE_FIELDS: tuple[str, ...] = (
    "sub_event_type",  # sets event_type with it, from the taxonomy
    "actor1",
    "actor1_type",
    "actor2",
    "actor2_type",
    "place",  # {"name", "lat", "lon", "country"?}
    "date_start",
    "date_end",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "is_background",
)
_MAX_FATALITIES = 10_000_000
_MAX_NAME = 200


class ReviewError(SitrepError):
    """A review that cannot be applied: an unknown event or field, or a bad value."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One review action as the audit table holds it; before/after are JSON values."""

    id: int
    event_id: str
    action: str
    field: str | None
    before: Any
    after: Any
    reviewer: str
    note: str | None
    at: str  # ISO 8601 UTC


def _name(field: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReviewError(f"{field}: expected a name (text) or null")
    text = " ".join(value.split())
    if not text:
        return None
    if len(text) > _MAX_NAME:
        raise ReviewError(f"{field}: longer than {_MAX_NAME} characters")
    return text


def _count(field: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ReviewError(f"{field}: expected a whole number or null")
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise ReviewError(f"{field}: expected a whole number or null, got {value!r}") from None
    if isinstance(value, float) and value != number:
        raise ReviewError(f"{field}: expected a whole number, got {value!r}")
    if not 0 <= number <= _MAX_FATALITIES:
        raise ReviewError(f"{field}: {number} is not a plausible count (0..{_MAX_FATALITIES})")
    return number


def _iso_date(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ReviewError(f"{field}: expected a date YYYY-MM-DD, got {value!r}") from None


def _place(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ReviewError('place: expected {"name", "lat", "lon", "country"} or null')
    name = _name("place.name", value.get("name"))
    if name is None:
        raise ReviewError("place: a name is needed")
    try:
        lat, lon = float(value["lat"]), float(value["lon"])
    except (KeyError, TypeError, ValueError):
        raise ReviewError("place: lat and lon must be numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ReviewError("place: lat must be within -90..90 and lon within -180..180")
    country = value.get("country")
    code = country_code(str(country)) if country else None
    if country and code is None:
        raise ReviewError(f"place: unknown country {country!r}")
    return {"name": name, "lat": lat, "lon": lon, "country": code}


def check_edit(field: str, value: Any) -> Any:
    """The JSON value an edit of ``field`` stores, or ``ReviewError`` saying what is wrong."""
    if field == "event_type":
        raise ReviewError("event_type: edit sub_event_type; the event type follows from it")
    if field not in EDITABLE_FIELDS:
        raise ReviewError(f"{field!r} cannot be edited; editable: {', '.join(EDITABLE_FIELDS)}")
    if field == "sub_event_type":
        if value not in EVENT_TYPE_OF:
            raise ReviewError(f"sub_event_type: {value!r} is not one of ACLED's 25 sub-event types")
        return value
    if field in ("actor1", "actor2"):
        return _name(field, value)
    if field in ("actor1_type", "actor2_type"):
        if value is not None and value not in ACTOR_TYPES:
            raise ReviewError(f"{field}: {value!r} is not one of {', '.join(ACTOR_TYPES)}")
        return value
    if field == "place":
        return _place(value)
    if field in ("date_start", "date_end"):
        return _iso_date(field, value)
    if field == "is_background":
        if not isinstance(value, bool):
            raise ReviewError("is_background: expected true or false")
        return value
    return _count(field, value)


def field_value(event: Event, field: str) -> Any:
    """The JSON value ``field`` has in ``event`` now (the audit table's "before")."""
    if field in ("actor1", "actor2"):
        role = getattr(event, field)
        return role.name if role is not None else None
    if field in ("actor1_type", "actor2_type"):
        role = getattr(event, field.removesuffix("_type"))
        return role.actor_type if role is not None else None
    if field == "place":
        mention = event.place
        if mention is None or mention.place is None:
            return None
        p = mention.place
        return {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country}
    if field in ("date_start", "date_end"):
        value = getattr(event, field)
        return value.isoformat() if value is not None else None
    return getattr(event, field)


def _with_actor(
    role: ActorRole | None, *, name: Any = ..., actor_type: Any = ...
) -> ActorRole | None:
    if name is not ...:
        if name is None:
            return None
        return (
            ActorRole(name=name, actor_type=role.actor_type if role else None)
            if role is None or role.name != name
            else role
        )
    if role is None:
        return None
    return replace(role, actor_type=actor_type)


def _reviewed_place(value: Mapping[str, Any]) -> PlaceMention:
    place = Place(
        geonameid=None,
        name=str(value["name"]),
        lat=float(value["lat"]),
        lon=float(value["lon"]),
        country=value.get("country"),
        admin1=None,
        feature_class="P",
        feature_code="PPL",
        source="review",
    )
    return PlaceMention(
        span=Span(0, 0, ""),
        place=place,
        geo_precision=GeoPrecision(1),
        score=1.0,
        reason="set by a reviewer",
    )


def apply_overrides(event: Event, overrides: Mapping[str, Any]) -> Event:
    """``event`` with every reviewed field set to its reviewed value.

    Order matters only for actors: a name is applied before its type.
    """
    if not overrides:
        return event
    changes: dict[str, Any] = {}
    actor1, actor2 = event.actor1, event.actor2
    for field in EDITABLE_FIELDS:
        if field not in overrides:
            continue
        value = overrides[field]
        if field == "sub_event_type":
            changes["sub_event_type"] = value
            changes["event_type"] = EVENT_TYPE_OF[value]
        elif field == "actor1":
            actor1 = _with_actor(actor1, name=value)
        elif field == "actor2":
            actor2 = _with_actor(actor2, name=value)
        elif field == "actor1_type":
            actor1 = _with_actor(actor1, actor_type=value)
        elif field == "actor2_type":
            actor2 = _with_actor(actor2, actor_type=value)
        elif field == "place":
            changes["place"] = _reviewed_place(value) if value is not None else None
        elif field in ("date_start", "date_end"):
            changes[field] = date.fromisoformat(value) if value is not None else None
        else:
            changes[field] = value
    changes["actor1"], changes["actor2"] = actor1, actor2
    return replace(event, **changes)
