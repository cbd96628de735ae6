"""What every store offers: a Protocol and the small values its methods return.

SQLite (``sqlite.py``) is the default; a PostgreSQL store is meant to be one more file
that satisfies the same ``Store`` protocol, and ``tests/store/base.py`` holds the tests
both must pass.  Callers depend on ``Store``, never on a backend class.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, Literal, Protocol, Self, runtime_checkable

from sitrep.store.query import EventPage, EventQuery
from sitrep.store.review import AuditEntry
from sitrep.types import (
    ActorMention,
    Article,
    ArticleResult,
    Attribution,
    CasualtyReport,
    DisplacementReport,
    Event,
    PlaceMention,
    Quantity,
    Rejection,
    Report,
    Span,
    TimeMention,
)

__all__ = [
    "ArticleHit",
    "ArticleRef",
    "CandidateLookup",
    "MergePlan",
    "SaveOutcome",
    "Store",
    "StoredArticle",
    "StoredEvent",
    "report_id",
]


def report_id(report: Report) -> str:
    """The stable id of a report: a hash of its article, trigger span and event type.

    Derived rather than assigned so that re-processing an article yields the same ids,
    and an event that absorbs a report from an earlier article can name its row.
    """
    key = "\x1f".join(
        (report.article_id, str(report.trigger.start), str(report.trigger.end), report.event_type)
    )
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()


CandidateLookup = Callable[[Collection[str], date | None, date | None], list[Event]]
"""Stored events of any of these event types whose dates overlap the range (with the
store's window): what a merge compares a new event with."""

MergePlan = Callable[[CandidateLookup], tuple[Sequence[Event], Sequence[str]]]
"""Given a lookup of stored candidates, the final events to save and the ids of the
stored events they absorbed.  ``Store.save_merged`` runs it inside the write
transaction, so two writers never merge against the same stale candidates."""


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What ``save_article`` did: "duplicate" means the article was already stored."""

    article_id: str
    status: Literal["saved", "duplicate"]
    events_written: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored, with everything sitrep found in it.

    ``events`` are the current (merged) events its reports belong to, so they may carry
    reports from other articles as well.
    """

    article: Article
    processed_at: str
    model: str | None
    reports: tuple[Report, ...]
    events: tuple[Event, ...]
    casualty_reports: tuple[CasualtyReport, ...]
    displacement: tuple[DisplacementReport, ...]
    places: tuple[PlaceMention, ...]
    times: tuple[TimeMention, ...]
    quantities: tuple[Quantity, ...]
    actors: tuple[ActorMention, ...]
    attributions: tuple[Attribution, ...]
    evidence: tuple[tuple[str, Span], ...]  # (field, span) of every report, for highlighting

    def to_result(self) -> ArticleResult:
        """The ``ArticleResult`` again, e.g. to re-export a stored article."""
        return ArticleResult(
            article=self.article,
            places=self.places,
            times=self.times,
            quantities=self.quantities,
            actors=self.actors,
            attributions=self.attributions,
            reports=self.reports,
            events=self.events,
            casualty_reports=self.casualty_reports,
            displacement=self.displacement,
        )


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """One full-text search result; ``snippet`` marks matches with [ and ]."""

    article_id: str
    title: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article named beside an event: enough to list and link it, not its text."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with what a reviewer needs beside it.

    ``status`` is "unreviewed", "confirmed", "edited" or "rejected"; ``overrides`` the
    fields reviewers set ({field: JSON value}), already applied to ``event``; ``audit``
    the event's review actions, newest first.
    """

    event: Event
    status: str
    articles: tuple[ArticleRef, ...]
    overrides: Mapping[str, Any]
    audit: tuple[AuditEntry, ...]


@runtime_checkable
class Store(Protocol):
    """The storage operations the pipeline, the CLI and the web API use."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def close(self) -> None: ...

    def has_article(self, article_id: str) -> bool: ...

    def save_article(
        self,
        result: ArticleResult,
        events: Sequence[Event],
        superseded: Sequence[str] = (),
        *,
        model: str | None = None,
        run_id: int | None = None,
    ) -> SaveOutcome: ...

    def save_merged(
        self,
        result: ArticleResult,
        plan: MergePlan,
        *,
        model: str | None = None,
        run_id: int | None = None,
    ) -> SaveOutcome: ...

    def candidate_events(
        self,
        event_type: str | Collection[str],
        date_start: date | None,
        date_end: date | None,
        window_days: int = 3,
        limit: int = 200,
    ) -> list[Event]: ...

    def save_rejection(self, rejection: Rejection) -> bool: ...

    def start_run(self, settings_json: Mapping[str, Any]) -> int: ...

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None: ...

    def query_events(
        self,
        *,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        include_background: bool = True,
        include_rejected: bool = False,
        limit: int | None = None,
    ) -> list[Event]: ...

    def find_events(self, query: EventQuery) -> EventPage: ...

    def get_event(self, event_id: str) -> StoredEvent | None: ...

    def review_event(
        self,
        event_id: str,
        action: str,
        *,
        reviewer: str,
        field: str | None = None,
        value: Any = None,
        note: str | None = None,
    ) -> StoredEvent: ...

    def merge_events(
        self, keep_id: str, other_id: str, *, reviewer: str, note: str | None = None
    ) -> StoredEvent: ...

    def audit_log(self, event_id: str | None = None, limit: int = 100) -> list[AuditEntry]: ...

    def get_article(
        self, article_id_or_prefix: str, *, exact: bool = False
    ) -> StoredArticle | None: ...

    def search_articles(self, query: str, limit: int = 20) -> list[ArticleHit]: ...

    def counts(self) -> dict[str, int]: ...
