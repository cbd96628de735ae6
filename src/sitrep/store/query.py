"""Asking a store for events: the filters, the page that comes back, and its cursor.

``EventQuery`` holds every filter the CLI, the web API and the page offer; a backend
turns it into its own SQL.  Pages are keyed on the sort order (newest first: date_start
descending, undated last, then id descending), so a cursor stays right while events are
added or reviewed between two requests, which an OFFSET would not.

    >>> cursor = encode_cursor(SortKey("2017-12-29", "ab12"))
    >>> decode_cursor(cursor)
    SortKey(date_start='2017-12-29', event_id='ab12')
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sitrep.errors import SitrepError
from sitrep.types import Event

__all__ = [
    "MAX_PAGE",
    "BBox",
    "EventPage",
    "EventQuery",
    "QueryError",
    "SortKey",
    "StatusedEvent",
    "decode_cursor",
    "encode_cursor",
]

MAX_PAGE = 1000
Background = Literal["include", "exclude", "only"]
Status = Literal["active", "all", "unreviewed", "confirmed", "edited", "rejected"]
STATUSES: tuple[str, ...] = ("active", "all", "unreviewed", "confirmed", "edited", "rejected")


class QueryError(SitrepError):
    """A filter value that cannot be used (a bad bbox, range or cursor)."""


@dataclass(frozen=True, slots=True)
class BBox:
    """A longitude/latitude box; ``west > east`` crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """``"west,south,east,north"`` in degrees, as GeoJSON and OGC APIs write a bbox."""
        parts = text.split(",")
        if len(parts) != 4:
            raise QueryError(f"bbox {text!r}: expected west,south,east,north (four numbers)")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise QueryError(f"bbox {text!r}: expected four numbers") from None
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise QueryError(f"bbox {text!r}: longitudes must be within -180..180")
        if not (-90 <= south <= north <= 90):
            raise QueryError(f"bbox {text!r}: latitudes must be within -90..90, south <= north")
        return cls(west, south, east, north)


@dataclass(frozen=True, slots=True)
class SortKey:
    """Where a page ended: the last event's date_start (None if undated) and id."""

    date_start: str | None
    event_id: str


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Every filter is optional; all given ones must hold.

    ``country`` is an ISO2 code or a name; ``event_type`` matches the event type or the
    sub-event type; ``actor`` is a case-free substring of actor1 or actor2; ``text`` must
    occur (every word) in an article behind the event; ``since``/``until`` keep events
    whose date range overlaps them; fatalities bounds apply to fatalities_best.
    ``status`` "active" is everything but rejected events.
    """

    country: str | None = None
    admin1: str | None = None
    bbox: BBox | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    text: str | None = None
    background: Background = "include"
    status: Status = "active"
    limit: int = 100
    after: SortKey | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE:
            raise QueryError(f"limit {self.limit}: must be between 1 and {MAX_PAGE}")
        for name in ("fatalities_min", "fatalities_max"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise QueryError(f"{name} {value}: must not be negative")
        if (
            self.fatalities_min is not None
            and self.fatalities_max is not None
            and self.fatalities_min > self.fatalities_max
        ):
            raise QueryError("fatalities_min is above fatalities_max")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise QueryError(f"since {self.since} is after until {self.until}")
        if self.background not in ("include", "exclude", "only"):
            raise QueryError(f"background {self.background!r}: use include, exclude or only")
        if self.status not in STATUSES:
            raise QueryError(f"status {self.status!r}: use one of {', '.join(STATUSES)}")


@dataclass(frozen=True, slots=True)
class StatusedEvent:
    """An event with its review status ("unreviewed", "confirmed", "edited", "rejected")."""

    event: Event
    status: str


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of events, newest first; ``next_cursor`` is None on the last page."""

    events: tuple[StatusedEvent, ...]
    next_cursor: str | None = None


def encode_cursor(key: SortKey) -> str:
    """An opaque, URL-safe cursor for the page after ``key``."""
    raw = json.dumps([key.date_start, key.event_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> SortKey:
    """The ``SortKey`` in a cursor; ``QueryError`` for anything this module did not write."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise QueryError("cursor: not a cursor this server gave out") from None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not (value[0] is None or isinstance(value[0], str))
        or not isinstance(value[1], str)
    ):
        raise QueryError("cursor: not a cursor this server gave out")
    if value[0] is not None:
        try:
            date.fromisoformat(value[0])
        except ValueError:
            raise QueryError("cursor: not a cursor this server gave out") from None
    return SortKey(value[0], value[1])
