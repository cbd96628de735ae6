"""The SQL behind ``PostgresStore``'s event queries and review tables, one job per function.

The PostgreSQL twin of ``sqlite_events.py``: the same filters with the same meaning, so
both backends return the same events in the same order for every ``EventQuery``.  Where
SQLite says ``COLLATE NOCASE`` this says ``lower(column) = lower(value)`` (the migrations
index those expressions); SQLite sorts NULL first, so ``DESC NULLS LAST`` keeps undated
events at the end as SQLite's ``DESC`` does; ids sort by bytes (their columns are
``COLLATE "C"``) as SQLite's do.

With PostGIS (``postgis=True``) a bounding box is first narrowed by the GiST index on
``events.geom`` and then checked by the very lat/lon predicates used without it: the
index's boxes are single-precision and may admit a point a hair outside, the predicates
never do, so both paths give identical results.

Every function takes an open connection and leaves transactions to the store.  Values
always travel as parameters; the only text formatted into SQL is this module's own
clauses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import psycopg

from sitrep.countries import country_code
from sitrep.export import records
from sitrep.store.query import BBox, EventPage, EventQuery, SortKey, StatusedEvent, encode_cursor
from sitrep.store.review import AuditEntry
from sitrep.taxonomy import EVENT_TYPES

__all__ = [
    "EARTH_RADIUS_KM",
    "audit_entries",
    "event_filters",
    "events_near",
    "find_events",
    "insert_audit",
    "overrides_of",
    "search_terms",
    "tsquery",
]

Conn = psycopg.Connection[dict[str, Any]]

_EVENT_TYPES = frozenset(t.casefold() for t in EVENT_TYPES)
# The IUGG mean radius, the sphere PostGIS measures on when told not to use the spheroid.
EARTH_RADIUS_KM = 6371.0088
_KM_PER_DEGREE = EARTH_RADIUS_KM * 3.141592653589793 / 180


def iso_moment(value: datetime) -> str:
    """A timestamptz as the store's strings are written: UTC, to the second."""
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _like(text: str) -> str:
    """An ILIKE pattern matching ``text`` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_terms(text: str) -> list[str]:
    """The words of user text that can match: those with a letter or digit.

    The same rule as ``sqlite.fts_query``, so both backends search for the same words.
    """
    return [word for word in text.split() if any(ch.isalnum() for ch in word)]


def tsquery(terms: Sequence[str]) -> tuple[str, list[Any]]:
    """A tsquery requiring every term, each term a phrase of its own tokens.

    ``phraseto_tsquery`` per word is the counterpart of FTS5's quoted strings: operators
    in user text (OR, ``-``, ``*``, ``:``, quotes, parentheses) are searched for as words,
    never obeyed, which ``websearch_to_tsquery`` would not do ("Idlib OR Mosul" would
    find Mosul).  'simple' neither stems nor drops stop words, like SQLite's tokenizer.
    """
    sql = " && ".join("phraseto_tsquery('simple'::regconfig, %s)" for _ in terms)
    return f"({sql})", list(terms)


def _bbox_clauses(box: BBox, *, postgis: bool) -> tuple[list[str], list[Any]]:
    """The exact lat/lon test of ``box``, preceded by the GiST test when PostGIS is on."""
    clauses: list[str] = []
    params: list[Any] = []
    if postgis:
        envelope = "geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
        if box.west <= box.east:
            clauses.append(envelope)
            params += [box.west, box.south, box.east, box.north]
        else:  # across the antimeridian: the boxes either side of it
            clauses.append(f"({envelope} OR {envelope})")
            params += [box.west, box.south, 180.0, box.north, -180.0, box.south, box.east]
            params.append(box.north)
    clauses.append("lat BETWEEN %s AND %s")
    params += [box.south, box.north]
    if box.west <= box.east:
        clauses.append("lon BETWEEN %s AND %s")
        params += [box.west, box.east]
    else:
        clauses.append("(lon >= %s OR lon <= %s)")
        params += [box.west, box.east]
    return clauses, params


def event_filters(query: EventQuery, *, postgis: bool = False) -> tuple[list[str], list[Any]]:
    """WHERE clauses (ANDed) and their parameters for every filter ``query`` sets."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.country:
        code = country_code(query.country)
        if code is not None:
            clauses.append("country = %s")
            params.append(code)
        else:
            clauses.append("(country = %s OR lower(country_name) = lower(%s))")
            params += [query.country.strip().upper(), query.country.strip()]
    if query.admin1:
        clauses.append("lower(admin1) = lower(%s)")
        params.append(query.admin1.strip())
    if query.bbox is not None:
        box_clauses, box_params = _bbox_clauses(query.bbox, postgis=postgis)
        clauses += box_clauses
        params += box_params
    if query.since is not None:
        clauses.append("coalesce(date_end, date_start) >= %s")
        params.append(query.since)
    if query.until is not None:
        clauses.append("date_start <= %s")
        params.append(query.until)
    if query.event_type:
        wanted = query.event_type.strip()
        column = "event_type" if wanted.casefold() in _EVENT_TYPES else "sub_event_type"
        clauses.append(f"lower({column}) = lower(%s)")
        params.append(wanted)
    if query.sub_event_type:
        clauses.append("lower(sub_event_type) = lower(%s)")
        params.append(query.sub_event_type.strip())
    if query.actor and query.actor.strip():
        pattern = _like(query.actor.strip())
        clauses.append("(actor1 ILIKE %s ESCAPE '\\' OR actor2 ILIKE %s ESCAPE '\\')")
        params += [pattern, pattern]
    if query.fatalities_min is not None:
        clauses.append("fatalities_best >= %s")
        params.append(query.fatalities_min)
    if query.fatalities_max is not None:
        clauses.append("fatalities_best <= %s")
        params.append(query.fatalities_max)
    if query.background == "exclude":
        clauses.append("NOT is_background")
    elif query.background == "only":
        clauses.append("is_background")
    if query.status == "active":
        clauses.append("review_status <> 'rejected'")
    elif query.status != "all":
        clauses.append("review_status = %s")
        params.append(query.status)
    return clauses, params


def _text_clause(terms: Sequence[str]) -> tuple[str, list[Any]]:
    match, params = tsquery(terms)
    return (
        "id IN (SELECT r.event_id FROM reports r JOIN articles a ON a.id = r.article_id "
        f"WHERE r.event_id IS NOT NULL AND a.search @@ {match})",
        params,
    )


def _after_clause(key: SortKey) -> tuple[str, list[Any]]:
    """Rows after ``key`` in the order date_start DESC (NULLs last), id DESC."""
    if key.date_start is None:
        return "(date_start IS NULL AND id < %s)", [key.event_id]
    day = date.fromisoformat(key.date_start)
    return (
        "(date_start < %s OR (date_start = %s AND id < %s) OR date_start IS NULL)",
        [day, day, key.event_id],
    )


def find_events(conn: Conn, query: EventQuery, *, postgis: bool) -> EventPage:
    """One page of events matching ``query``, newest first (see ``store.query``).

    A text that leaves no word to search for (only punctuation) matches nothing.
    """
    terms = search_terms(query.text) if query.text else []
    if query.text is not None and query.text.strip() and not terms:
        return EventPage(events=())
    clauses, params = event_filters(query, postgis=postgis)
    if terms:
        clause, values = _text_clause(terms)
        clauses.append(clause)
        params += values
    if query.after is not None:
        clause, values = _after_clause(query.after)
        clauses.append(clause)
        params += values
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    rows = conn.execute(
        f"SELECT json, review_status, date_start, id FROM events {where}"
        "ORDER BY date_start DESC NULLS LAST, id DESC LIMIT %s",
        [*params, query.limit + 1],
    ).fetchall()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    events = tuple(
        StatusedEvent(records.event_from_dict(r["json"]), str(r["review_status"])) for r in rows
    )
    cursor = None
    if more and rows:
        last = rows[-1]
        day = last["date_start"].isoformat() if last["date_start"] is not None else None
        cursor = encode_cursor(SortKey(day, str(last["id"])))
    return EventPage(events=events, next_cursor=cursor)


def _haversine_km() -> str:
    """Great-circle km from (%s lat, %s lon) to each event, on PostGIS's mean sphere."""
    return (
        f"(2 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt("
        "power(sin(radians(lat - %(lat)s) / 2), 2) + cos(radians(%(lat)s)) * cos(radians(lat))"
        " * power(sin(radians(lon - %(lon)s) / 2), 2)))))"
    )


def events_near(
    conn: Conn, lat: float, lon: float, km: float, *, limit: int, postgis: bool
) -> list[tuple[dict[str, Any], float]]:
    """Rows (json, distance in km) of active events within ``km`` of a point, nearest first.

    The distance is always the SQL haversine below; PostGIS only narrows the rows first
    (``ST_DWithin`` on the geography index, with a margin), and without it a latitude
    band does, so both paths give the same events and the same distances.
    """
    params: dict[str, Any] = {"lat": lat, "lon": lon, "km": km, "limit": limit}
    if postgis:
        params["metres"] = km * 1000 * 1.01 + 100
        narrow = (
            "ST_DWithin(geom::geography, "
            "ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography, %(metres)s, false)"
        )
    else:
        band = km / _KM_PER_DEGREE * 1.01 + 0.01
        params["south"], params["north"] = lat - band, lat + band
        narrow = "lat BETWEEN %(south)s AND %(north)s"
    rows = conn.execute(
        f"SELECT json, distance FROM (SELECT json, id, {_haversine_km()} AS distance "
        f"FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND {narrow} "
        "AND review_status <> 'rejected') near "
        "WHERE distance <= %(km)s ORDER BY distance, id LIMIT %(limit)s",
        params,
    ).fetchall()
    return [(r["json"], float(r["distance"])) for r in rows]


def overrides_of(conn: Conn, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The reviewed fields of each event that has any: {event_id: {field: value}}."""
    wanted = list(dict.fromkeys(event_ids))
    found: dict[str, dict[str, Any]] = {}
    if not wanted:
        return found
    for row in conn.execute(
        "SELECT event_id, field, value FROM event_overrides WHERE event_id = ANY(%s)", (wanted,)
    ):
        found.setdefault(str(row["event_id"]), {})[str(row["field"])] = row["value"]
    return found


def insert_audit(
    conn: Conn,
    *,
    event_id: str,
    action: str,
    field: str | None,
    before: Any,
    after: Any,
    reviewer: str,
    note: str | None,
    at: datetime,
) -> None:
    conn.execute(
        "INSERT INTO audit (event_id, action, field, before, after, reviewer, note, at) "
        "VALUES (%s, %s, %s, %s::jsonb, %s::jsonb, %s, %s, %s)",
        (
            event_id,
            action,
            field,
            json.dumps(before, ensure_ascii=False, sort_keys=True),
            json.dumps(after, ensure_ascii=False, sort_keys=True),
            reviewer,
            note,
            at,
        ),
    )


def _entry(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=int(row["id"]),
        event_id=str(row["event_id"]),
        action=str(row["action"]),
        field=row["field"],
        before=row["before"],
        after=row["after"],
        reviewer=str(row["reviewer"]),
        note=row["note"],
        at=iso_moment(row["at"]),
    )


def audit_entries(conn: Conn, event_id: str | None, limit: int) -> list[AuditEntry]:
    """The latest review actions, newest first; of one event when ``event_id`` is given."""
    columns = "id, event_id, action, field, before, after, reviewer, note, at"
    if event_id is None:
        rows = conn.execute(f"SELECT {columns} FROM audit ORDER BY id DESC LIMIT %s", (limit,))
    else:
        rows = conn.execute(
            f"SELECT {columns} FROM audit WHERE event_id = %s ORDER BY id DESC LIMIT %s",
            (event_id, limit),
        )
    return [_entry(r) for r in rows]
