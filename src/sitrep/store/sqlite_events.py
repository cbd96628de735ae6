"""The SQL behind ``SQLiteStore.find_events`` and the review tables, one job per function.

Every function takes an open connection and leaves transactions to the store.  Values
always travel as parameters; the only text formatted into SQL is this module's own
clauses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.countries import country_code
from sitrep.export import records
from sitrep.store.query import EventPage, EventQuery, SortKey, StatusedEvent, encode_cursor
from sitrep.store.review import AuditEntry
from sitrep.taxonomy import EVENT_TYPES

__all__ = [
    "audit_entries",
    "event_filters",
    "find_events",
    "insert_audit",
    "overrides_of",
]

_EVENT_TYPES = frozenset(t.casefold() for t in EVENT_TYPES)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_filters(query: EventQuery) -> tuple[list[str], list[Any]]:
    """WHERE clauses (ANDed) and their parameters for every filter ``query`` sets."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.country:
        code = country_code(query.country)
        if code is not None:
            clauses.append("country = ?")
            params.append(code)
        else:
            clauses.append("(country = ? OR country_name = ? COLLATE NOCASE)")
            params += [query.country.strip().upper(), query.country.strip()]
    if query.admin1:
        clauses.append("admin1 = ? COLLATE NOCASE")
        params.append(query.admin1.strip())
    if query.bbox is not None:
        box = query.bbox
        clauses.append("lat BETWEEN ? AND ?")
        params += [box.south, box.north]
        if box.west <= box.east:
            clauses.append("lon BETWEEN ? AND ?")
            params += [box.west, box.east]
        else:
            clauses.append("(lon >= ? OR lon <= ?)")
            params += [box.west, box.east]
    if query.since is not None:
        clauses.append("coalesce(date_end, date_start) >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        clauses.append("date_start <= ?")
        params.append(query.until.isoformat())
    if query.event_type:
        wanted = query.event_type.strip()
        column = "event_type" if wanted.casefold() in _EVENT_TYPES else "sub_event_type"
        clauses.append(f"{column} = ? COLLATE NOCASE")
        params.append(wanted)
    if query.sub_event_type:
        clauses.append("sub_event_type = ? COLLATE NOCASE")
        params.append(query.sub_event_type.strip())
    if query.actor and query.actor.strip():
        pattern = _like(query.actor.strip())
        clauses.append("(actor1 LIKE ? ESCAPE '\\' OR actor2 LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
    if query.fatalities_min is not None:
        clauses.append("fatalities_best >= ?")
        params.append(query.fatalities_min)
    if query.fatalities_max is not None:
        clauses.append("fatalities_best <= ?")
        params.append(query.fatalities_max)
    if query.background == "exclude":
        clauses.append("is_background = 0")
    elif query.background == "only":
        clauses.append("is_background = 1")
    if query.status == "active":
        clauses.append("review_status != 'rejected'")
    elif query.status != "all":
        clauses.append("review_status = ?")
        params.append(query.status)
    return clauses, params


def _text_clause(match: str) -> tuple[str, list[Any]]:
    return (
        "id IN (SELECT r.event_id FROM reports r JOIN articles a ON a.id = r.article_id "
        "WHERE r.event_id IS NOT NULL AND a.seq IN "
        "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))",
        [match],
    )


def _after_clause(key: SortKey) -> tuple[str, list[Any]]:
    """Rows after ``key`` in the order date_start DESC (NULLs last), id DESC."""
    if key.date_start is None:
        return "(date_start IS NULL AND id < ?)", [key.event_id]
    return (
        "(date_start < ? OR (date_start = ? AND id < ?) OR date_start IS NULL)",
        [key.date_start, key.date_start, key.event_id],
    )


def find_events(conn: sqlite3.Connection, query: EventQuery, fts_match: str | None) -> EventPage:
    """One page of events matching ``query``; ``fts_match`` is the FTS5 form of its text.

    A text that leaves no word to search for (only punctuation) matches nothing.
    """
    if query.text is not None and query.text.strip() and fts_match is None:
        return EventPage(events=())
    clauses, params = event_filters(query)
    if fts_match is not None:
        clause, values = _text_clause(fts_match)
        clauses.append(clause)
        params += values
    if query.after is not None:
        clause, values = _after_clause(query.after)
        clauses.append(clause)
        params += values
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    rows = conn.execute(
        f"SELECT json, review_status, date_start, id FROM events {where}"
        "ORDER BY date_start DESC, id DESC LIMIT ?",
        [*params, query.limit + 1],
    ).fetchall()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    events = tuple(
        StatusedEvent(records.event_from_dict(json.loads(r[0])), str(r[1])) for r in rows
    )
    cursor = encode_cursor(SortKey(rows[-1][2], rows[-1][3])) if more and rows else None
    return EventPage(events=events, next_cursor=cursor)


def overrides_of(conn: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The reviewed fields of each event that has any: {event_id: {field: value}}."""
    wanted = list(dict.fromkeys(event_ids))
    found: dict[str, dict[str, Any]] = {}
    # Chunks stay below SQLite's limit on parameters (999 in old builds).
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT event_id, field, value FROM event_overrides WHERE event_id IN ({marks})",
            chunk,
        ):
            found.setdefault(str(row[0]), {})[str(row[1])] = json.loads(row[2])
    return found


def insert_audit(
    conn: sqlite3.Connection,
    *,
    event_id: str,
    action: str,
    field: str | None,
    before: Any,
    after: Any,
    reviewer: str,
    note: str | None,
    at: str,
) -> None:
    conn.execute(
        "INSERT INTO audit (event_id, action, field, before, after, reviewer, note, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
        before=json.loads(row["before"]) if row["before"] is not None else None,
        after=json.loads(row["after"]) if row["after"] is not None else None,
        reviewer=str(row["reviewer"]),
        note=row["note"],
        at=str(row["at"]),
    )


def audit_entries(conn: sqlite3.Connection, event_id: str | None, limit: int) -> list[AuditEntry]:
    """The latest review actions, newest first; of one event when ``event_id`` is given."""
    if event_id is None:
        rows = conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
    else:
        rows = conn.execute(
            "SELECT * FROM audit WHERE event_id = ? ORDER BY id DESC LIMIT ?", (event_id, limit)
        )
    return [_entry(r) for r in rows]
