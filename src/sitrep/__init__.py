"""sitrep: conflict news in, evidence-linked event data out.

    >>> import sitrep
    >>> result = sitrep.process(text, published=datetime.date(2018, 1, 4))
    >>> [(e.sub_event_type, e.place.place.name) for e in result.events]

``process`` runs one text through a process-wide default ``Pipeline``; build your own
``Pipeline(settings)`` for batches and stores (``Pipeline.run``).
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from typing import TYPE_CHECKING

from sitrep.types import (
    Article,
    ArticleResult,
    CasualtyReport,
    DisplacementReport,
    Event,
    PlaceMention,
    Rejection,
    Report,
    TimeMention,
)

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleResult",
    "CasualtyReport",
    "DisplacementReport",
    "Event",
    "PlaceMention",
    "Rejection",
    "Report",
    "TimeMention",
    "__version__",
    "default_pipeline",
    "process",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


@functools.cache
def default_pipeline() -> Pipeline:
    """The pipeline ``process`` uses, built from the default settings on first call."""
    from sitrep.pipeline import Pipeline

    return Pipeline()


def process(text: str, *, title: str | None = None, published: date | None = None) -> ArticleResult:
    """Extract places, dates, figures, actors, reports and events from one article.

    ``published`` anchors relative dates ("last week", "four days after"); without it
    those stay unresolved.  Nothing is stored.
    """
    return default_pipeline().process_text(text, title=title, published=published)
