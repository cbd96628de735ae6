"""Reading one stored article back, the same for every backend.

SQLite and PostgreSQL hold the same tables; they differ in the parameter marker
(``?`` against ``%s``), in how a JSON column comes back (text against a decoded
value) and in how a timestamp is written.  This module holds the queries and the
assembly of a ``StoredArticle`` once; each backend passes a ``fetch`` that runs one
query and a ``decode`` for its JSON columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sitrep.errors import StoreError
from sitrep.export import records
from sitrep.store.base import StoredArticle
from sitrep.types import Span

MIN_PREFIX = 6
"""The shortest article id prefix that ``get_article`` looks up."""

Fetch = Callable[[str, tuple[Any, ...]], Sequence[Any]]
"""Runs one query (written with ``{p}`` for each parameter) and returns its rows, each
indexable by column name."""

_REPORTS = "SELECT json FROM reports WHERE article_id = {p} ORDER BY position"
_EVENTS = (
    "SELECT e.json FROM events e JOIN (SELECT event_id, min(position) AS first "
    "FROM reports WHERE article_id = {p} AND event_id IS NOT NULL "
    "GROUP BY event_id) r ON r.event_id = e.id ORDER BY r.first"
)
_CASUALTIES = "SELECT json FROM casualty_reports WHERE article_id = {p} ORDER BY position"
_DISPLACEMENT = "SELECT json FROM displacement WHERE article_id = {p} ORDER BY position"
_MENTIONS = "SELECT value FROM mentions WHERE article_id = {p} AND kind = {p} ORDER BY position"
_EVIDENCE = (
    "SELECT e.field, e.start_char, e.end_char, e.text "
    "FROM evidence e JOIN reports r ON r.id = e.report_id "
    "WHERE r.article_id = {p} ORDER BY r.position, e.id"
)


def prefix_bounds(prefix: str) -> tuple[str, str] | None:
    """The id range ``[prefix, upper)`` that holds every id starting with ``prefix``.

    Raises ``StoreError`` when the prefix is shorter than ``MIN_PREFIX``; None when
    its last character has no successor (no id can then sort inside the range).

    >>> prefix_bounds("abcdef")
    ('abcdef', 'abcdeg')
    """
    if len(prefix) < MIN_PREFIX:
        raise StoreError(
            f"article id prefix {prefix!r} is too short: give at least {MIN_PREFIX} characters"
        )
    if ord(prefix[-1]) >= 0x10FFFF:
        return None
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def only_match(prefix: str, rows: Sequence[Any]) -> Any:
    """The one row a prefix matched, None for none; ``StoreError`` when several match."""
    if len(rows) > 1:
        shown = ", ".join(str(r["id"]) for r in rows[:5])
        raise StoreError(
            f"article id prefix {prefix!r} is ambiguous: it matches {shown}"
            f"{' and more' if len(rows) > 5 else ''}; give more characters"
        )
    return rows[0] if rows else None


def load_stored_article(
    row: Any,
    *,
    processed_at: str,
    fetch: Fetch,
    decode: Callable[[Any], Any],
) -> StoredArticle:
    """The article of ``row`` (its ``id``, ``json`` and ``model``) with all it produced."""
    article_id = str(row["id"])

    def jsons(sql: str, *extra: Any, column: str = "json") -> list[Any]:
        return [decode(r[column]) for r in fetch(sql, (article_id, *extra))]

    def mentions(kind: str) -> list[Any]:
        return jsons(_MENTIONS, kind, column="value")

    evidence = tuple(
        (str(r["field"]), Span(r["start_char"], r["end_char"], r["text"]))
        for r in fetch(_EVIDENCE, (article_id,))
    )
    return StoredArticle(
        article=records.article_from_dict(decode(row["json"])),
        processed_at=processed_at,
        model=row["model"],
        reports=tuple(records.report_from_dict(d) for d in jsons(_REPORTS)),
        events=tuple(records.event_from_dict(d) for d in jsons(_EVENTS)),
        casualty_reports=tuple(records.casualty_report_from_dict(d) for d in jsons(_CASUALTIES)),
        displacement=tuple(records.displacement_from_dict(d) for d in jsons(_DISPLACEMENT)),
        places=tuple(records.place_mention_from_dict(d) for d in mentions("place")),
        times=tuple(records.time_mention_from_dict(d) for d in mentions("time")),
        quantities=tuple(records.quantity_from_dict(d) for d in mentions("quantity")),
        actors=tuple(records.actor_mention_from_dict(d) for d in mentions("actor")),
        attributions=tuple(records.attribution_from_dict(d) for d in mentions("attribution")),
        evidence=evidence,
    )
