"""The column values of the per-article figure tables, the same for every backend.

A backend writes these tuples with its own parameter marker; ``day`` turns a date
into what its driver takes (an ISO string for SQLite, the ``date`` for PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sitrep.export import records
from sitrep.export.fields import place_country, place_name
from sitrep.types import CasualtyReport, DisplacementReport

CASUALTY_COLUMNS = (
    "article_id, position, total, qualifier, period_start, period_end, place_name, "
    "country, source, sentence_start, sentence_end, json"
)
DISPLACEMENT_COLUMNS = (
    "article_id, position, figure, unit, persons, term, origin_name, country, source, "
    "sentence_start, sentence_end, json"
)


def dumps(value: Any) -> str:
    """Compact JSON; NaN is refused because other JSON readers (and jsonb) reject it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def casualty_rows(
    article_id: str, reports: Sequence[CasualtyReport], day: Callable[[date | None], Any]
) -> list[tuple[Any, ...]]:
    """One ``CASUALTY_COLUMNS`` tuple per report, in the article's order."""
    return [
        (
            article_id,
            position,
            r.total,
            r.qualifier,
            day(r.period_start),
            day(r.period_end),
            place_name(r.place),
            place_country(r.place),
            r.source.source if r.source else None,
            r.sentence.start,
            r.sentence.end,
            dumps(records.casualty_report_to_dict(r)),
        )
        for position, r in enumerate(reports)
    ]


def displacement_rows(
    article_id: str, reports: Sequence[DisplacementReport]
) -> list[tuple[Any, ...]]:
    """One ``DISPLACEMENT_COLUMNS`` tuple per figure, in the article's order."""
    return [
        (
            article_id,
            position,
            r.figure,
            r.unit,
            r.persons,
            r.term,
            place_name(r.origin),
            place_country(r.origin),
            r.source.source if r.source else None,
            r.sentence.start,
            r.sentence.end,
            dumps(records.displacement_to_dict(r)),
        )
        for position, r in enumerate(reports)
    ]
