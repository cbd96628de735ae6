"""The JSON shapes the API answers with, built from store objects.

List items are the flat GeoJSON properties (what a map popup and a table show) plus the
coordinates and review status; one event or article comes whole, from
``sitrep.export.records``, so the API, the exports and the store agree on every field.
"""

from __future__ import annotations

from typing import Any

from sitrep.export import records
from sitrep.export.fields import event_coordinates
from sitrep.export.geojson import event_properties
from sitrep.store.base import ArticleRef, StoredArticle, StoredEvent
from sitrep.store.query import StatusedEvent
from sitrep.store.review import AuditEntry
from sitrep.types import Event

__all__ = ["article_view", "audit_view", "event_item", "event_view"]


def _lat_lon(event: Event) -> dict[str, float | None]:
    coordinates = event_coordinates(event)
    return (
        {"lat": coordinates[0], "lon": coordinates[1]}
        if coordinates
        else {"lat": None, "lon": None}
    )


def event_item(item: StatusedEvent) -> dict[str, Any]:
    """One row of ``GET /events``."""
    return {**event_properties(item.event), **_lat_lon(item.event), "status": item.status}


def audit_view(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "event_id": entry.event_id,
        "action": entry.action,
        "field": entry.field,
        "before": entry.before,
        "after": entry.after,
        "reviewer": entry.reviewer,
        "note": entry.note,
        "at": entry.at,
    }


def _article_ref(ref: ArticleRef) -> dict[str, Any]:
    return {
        "id": ref.id,
        "title": ref.title,
        "url": ref.url,
        "outlet": ref.outlet,
        "published": ref.published.isoformat() if ref.published else None,
    }


def event_view(stored: StoredEvent) -> dict[str, Any]:
    """``GET /events/{id}``: the event with its reports, evidence, articles and reviews."""
    return {
        "event": {**records.event_to_dict(stored.event), **_lat_lon(stored.event)},
        "status": stored.status,
        "articles": [_article_ref(a) for a in stored.articles],
        "overrides": dict(stored.overrides),
        "audit": [audit_view(e) for e in stored.audit],
    }


def article_view(stored: StoredArticle) -> dict[str, Any]:
    """``GET /articles/{id}``: the text, and what was found in it with offsets into it."""
    article = records.article_to_dict(stored.article)
    return {
        "article": article,
        "processed_at": stored.processed_at,
        "reports": [records.report_to_dict(r) for r in stored.reports],
        "event_ids": [e.id for e in stored.events],
        "casualty_reports": [records.casualty_report_to_dict(c) for c in stored.casualty_reports],
        "displacement": [records.displacement_to_dict(d) for d in stored.displacement],
    }
