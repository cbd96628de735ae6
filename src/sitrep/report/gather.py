"""Reading a report's events from a store: every page of a ``find_events`` query.

The only module of ``sitrep.report`` that talks to a store; it asks only what the
``Store`` protocol offers (``find_events``, ``get_event``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sitrep.store.base import ArticleRef, Store
from sitrep.store.query import MAX_PAGE, EventQuery, decode_cursor
from sitrep.types import Event

__all__ = ["event_articles", "fetch_events", "latest_event_date"]


def fetch_events(store: Store, *, country: str, since: date, until: date) -> list[Event]:
    """Every active (not rejected) event of ``country`` whose dates overlap the period.

    Background events (an article's retelling of earlier events) are left out: a
    situation report is about what happened in its period.
    """
    events: list[Event] = []
    query = EventQuery(
        country=country,
        since=since,
        until=until,
        status="active",
        background="exclude",
        limit=MAX_PAGE,
    )
    while True:
        page = store.find_events(query)
        events += [item.event for item in page.events]
        if page.next_cursor is None:
            return events
        query = replace(query, after=decode_cursor(page.next_cursor))


def latest_event_date(store: Store, *, country: str, since: date) -> date | None:
    """The last day of the newest active event of ``country`` ending on or after ``since``."""
    page = store.find_events(
        EventQuery(country=country, since=since, status="active", background="exclude", limit=1)
    )
    if not page.events:
        return None
    event = page.events[0].event
    days = [d for d in (event.date_start, event.date_end) if d is not None]
    return max(days) if days else None


def event_articles(store: Store, event_ids: Sequence[str]) -> dict[str, tuple[ArticleRef, ...]]:
    """The articles behind each event (for the top events' source column)."""
    found: dict[str, tuple[ArticleRef, ...]] = {}
    for event_id in event_ids:
        stored = store.get_event(event_id)
        if stored is not None:
            found[event_id] = stored.articles
    return found
