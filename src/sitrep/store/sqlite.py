"""The default store: one SQLite file, WAL, foreign keys, FTS5 over article text.

    >>> from pathlib import Path
    >>> with SQLiteStore(Path(":memory:")) as store:
    ...     store.counts()["articles"]
    0

Every write is one transaction (``BEGIN IMMEDIATE``, so two processes writing the same
file queue on ``busy_timeout`` instead of failing half-way).  Objects are stored twice:
key columns for filtering, and their full serialisation from ``sitrep.export.records``
for reading back, so what the store returns is exactly what was saved.  All SQL takes its
values as parameters; the only text formatted into SQL is this module's own constants.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sitrep.countries import country_code, country_name
from sitrep.errors import SchemaVersionError, StoreError
from sitrep.export import records
from sitrep.export.fields import place_country, place_name
from sitrep.store import article_rows, row_values, sqlite_events
from sitrep.store.base import (
    ArticleHit,
    ArticleRef,
    MergePlan,
    SaveOutcome,
    StoredArticle,
    StoredEvent,
    report_id,
)
from sitrep.store.query import EventPage, EventQuery
from sitrep.store.review import (
    REVIEW_ACTIONS,
    STATUS_AFTER,
    AuditEntry,
    ReviewError,
    apply_overrides,
    check_edit,
    field_value,
)
from sitrep.types import (
    Article,
    ArticleResult,
    CasualtyReport,
    DisplacementReport,
    Event,
    Rejection,
    Report,
    Span,
)

__all__ = ["Migration", "SQLiteStore", "load_migrations"]

logger = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# The tables ``counts`` reports on (constants: the only names formatted into SQL).
_COUNTED_TABLES = (
    "articles",
    "mentions",
    "reports",
    "evidence",
    "events",
    "casualty_reports",
    "displacement",
    "rejections",
    "runs",
    "audit",
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


# ACLED's six event types; any other --type value is taken as a sub-event type.
_EVENT_TYPES = frozenset(
    t.casefold()
    for t in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    )
)


def load_migrations(folder_name: str = "migrations") -> tuple[Migration, ...]:
    """The packaged ``<folder_name>/NNNN_name.sql`` files, in order.

    Versions must run 1, 2, 3... without gaps: a gap means a file went missing from the
    package, and migrating past it would build a schema nobody designed.  PostgreSQL's
    files live in ``migrations_pg`` and follow the same rule.
    """
    folder = resources.files("sitrep.store").joinpath(folder_name)
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(
                f"store migrations: expected version {expected}, found {migration.version}"
                f" ({migration.name}); the package is incomplete, reinstall sitrep"
            )
    return tuple(found)


def split_statements(script: str) -> list[str]:
    """Cut a migration script into single statements (``execute`` takes one at a time).

    ``sqlite3.complete_statement`` decides where a statement ends, so semicolons inside
    trigger bodies, strings and comments do not cut it.  ``executescript`` is not used
    because it commits on its own, which would break the one-transaction migration.
    """
    statements: list[str] = []
    buffer = ""
    *parts, tail = script.split(";")
    for part in parts:
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if _has_code(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if _has_code(buffer + tail):
        raise StoreError("store migration ends with an incomplete SQL statement")
    return statements


def _has_code(text: str) -> bool:
    lines = (line.split("--", 1)[0].strip() for line in text.splitlines())
    return any(line and line != ";" for line in lines)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_dumps = row_values.dumps


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_range(start: date | None, end: date | None) -> tuple[date, date] | None:
    """A range with both ends, taking a missing end from the other; None if both miss."""
    if start is None:
        return None if end is None else (end, end)
    return (start, end if end is not None else start)


class SQLiteStore:
    """A ``Store`` in one SQLite file (``Path(":memory:")`` for a throwaway one).

    Opening creates the parent folders and applies pending migrations.  A file that is
    not a SQLite database, or a SQLite database of another program, raises ``StoreError``
    and is left untouched; a database newer than this code raises ``SchemaVersionError``.
    One instance is meant for one thread (sqlite3's check is on unless
    ``check_same_thread=False``, for a pool that closes its stores from another thread).
    """

    def __init__(
        self, path: Path, *, busy_timeout_ms: int = 5000, check_same_thread: bool = True
    ) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = int(busy_timeout_ms)
        self._migrations = load_migrations()
        in_memory = str(path) == ":memory:"
        if not in_memory:
            _check_sqlite_file(self.path)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(
                    f"database {self.path}: cannot create its folder ({err.strerror})"
                ) from err
        try:
            self._conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=check_same_thread
            )
        except sqlite3.Error as err:
            raise StoreError(f"database {self.path}: cannot open it ({err})") from err
        self._closed = False
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
            self._open_schema()
        except sqlite3.DatabaseError as err:
            self.close()
            raise StoreError(
                f"database {self.path}: not a usable SQLite database ({err}); "
                "give another database path"
            ) from err
        except BaseException:
            self.close()
            raise

    # -- lifecycle ----------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        if not self._closed:
            self._closed = True
            self._conn.close()

    # -- schema -------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        with self._errors("reading the schema version"):
            return self._read_version()

    def _read_version(self) -> int:
        exists = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        if exists is None:
            return 0
        row = self._conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _open_schema(self) -> None:
        """Check the version read-only first, so a refused file is never written to."""
        known = self._migrations[-1].version if self._migrations else 0
        current = self._read_version()
        if current > known:
            raise SchemaVersionError(
                f"database {self.path}: schema version {current} is newer than this sitrep "
                f"knows (version {known}); upgrade sitrep or give another database path"
            )
        if current == 0:
            others = [
                row[0]
                for row in self._conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            if others:
                raise StoreError(
                    f"database {self.path}: a SQLite database of another program (tables "
                    f"{', '.join(others[:5])}); give another database path"
                )
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._set_wal()
        # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last
        # commits, which re-running the (idempotent) batch restores.  FULL would fsync
        # on every article.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        if current < known:
            self._migrate(current)

    def _set_wal(self) -> None:
        """Switch to WAL, waiting out another process that holds the file: SQLite answers
        "database is locked" to a journal-mode change at once, without its busy handler,
        when a second writer opens a fresh store at the same moment."""
        deadline = time.monotonic() + self._busy_timeout_ms / 1000
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self, current: int) -> None:
        """Apply every pending migration in one transaction: all of them or none."""
        with self._transaction():
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            # Another process may have migrated while this one waited for the lock.
            current = max(current, self._read_version())
            for migration in self._migrations:
                if migration.version <= current:
                    continue
                logger.info(
                    "%s: applying migration %04d_%s", self.path, migration.version, migration.name
                )
                for statement in split_statements(migration.sql):
                    self._conn.execute(statement)
                self._conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )

    # -- plumbing -----------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Translate sqlite3's errors into ``StoreError`` naming the file and the task."""
        try:
            yield
        except sqlite3.Error as err:
            raise StoreError(f"database {self.path}: {doing} failed ({err})") from err

    # -- articles -----------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._errors("looking up an article"):
            return self._has_article(article_id)

    def _has_article(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    def save_article(
        self,
        result: ArticleResult,
        events: Sequence[Event],
        superseded: Sequence[str] = (),
        *,
        model: str | None = None,
        run_id: int | None = None,
    ) -> SaveOutcome:
        """Store one processed article and the merged events it touches, atomically.

        ``events`` are the final events after merging (they may hold reports of earlier
        articles, whose rows are re-linked to them); ``superseded`` are ids of events the
        merge absorbed, deleted here.  An article already stored changes nothing and
        comes back as "duplicate", so re-running a batch is safe.  On any failure the
        transaction is rolled back and ``StoreError`` names the article.
        """
        return self.save_merged(
            result, lambda _lookup: (events, superseded), model=model, run_id=run_id
        )

    def save_merged(
        self,
        result: ArticleResult,
        plan: MergePlan,
        *,
        model: str | None = None,
        run_id: int | None = None,
    ) -> SaveOutcome:
        """``save_article`` with the merge decided inside the write transaction: ``plan``
        reads its candidates under the writers' lock (``BEGIN IMMEDIATE``), so a second
        process cannot store a matching event between the read and the write."""
        article = result.article
        try:
            with self._transaction():
                if self._has_article(article.id):
                    return SaveOutcome(article.id, "duplicate", 0)
                events, superseded = plan(self._candidates)
                self._insert_article(article, model, run_id)
                self._insert_mentions(result)
                event_of = {report_id(r): e.id for e in events for r in e.reports}
                self._inherit_reviews(superseded, event_of)
                self._upsert_events(events)
                self._insert_reports(result.reports, event_of)
                self._link_reports(events)
                kept = {e.id for e in events}
                self._conn.executemany(
                    "DELETE FROM events WHERE id = ?",
                    [(event_id,) for event_id in dict.fromkeys(superseded) if event_id not in kept],
                )
                self._insert_casualty_reports(article.id, result.casualty_reports)
                self._insert_displacement(article.id, result.displacement)
        except Exception as err:
            where = f" from {article.origin}" if article.origin else ""
            raise StoreError(
                f"database {self.path}: article {article.id}{where} could not be saved, "
                f"nothing of it was written ({type(err).__name__}: {err})"
            ) from err
        return SaveOutcome(article.id, "saved", len(events))

    def _insert_article(self, article: Article, model: str | None, run_id: int | None) -> None:
        self._conn.execute(
            "INSERT INTO articles (id, external_id, url, outlet, title, language, published, "
            "published_source, origin, text, boilerplate, processed_at, model, run_id, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.external_id,
                article.url,
                article.outlet,
                article.title,
                article.language,
                _iso(article.published),
                article.published_source.value,
                article.origin,
                article.text,
                article.boilerplate,
                _now(),
                model,
                run_id,
                _dumps(records.article_to_dict(article)),
            ),
        )

    def _insert_mentions(self, result: ArticleResult) -> None:
        rows: list[tuple[Any, ...]] = []

        def add(kind: str, items: Iterable[tuple[Span, dict[str, Any]]]) -> None:
            for position, (span, value) in enumerate(items):
                rows.append(
                    (
                        result.article.id,
                        kind,
                        position,
                        span.start,
                        span.end,
                        span.text,
                        _dumps(value),
                    )
                )

        add("place", ((m.span, records.place_mention_to_dict(m)) for m in result.places))
        add("time", ((m.span, records.time_mention_to_dict(m)) for m in result.times))
        add("quantity", ((q.span, records.quantity_to_dict(q)) for q in result.quantities))
        add("actor", ((m.span, records.actor_mention_to_dict(m)) for m in result.actors))
        add(
            "attribution",
            ((a.span, records.attribution_to_dict(a)) for a in result.attributions),
        )
        self._conn.executemany(
            "INSERT INTO mentions (article_id, kind, position, start_char, end_char, text, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _inherit_reviews(self, superseded: Sequence[str], event_of: Mapping[str, str]) -> None:
        """Give the reviews of events a merge absorbs to the event that absorbed them.

        A field both events had reviewed keeps the absorbing event's value; a rejection
        is not inherited (the absorbing event holds other reports too).
        """
        for old in dict.fromkeys(superseded):
            keepers = {
                event_of[r[0]]
                for r in self._conn.execute("SELECT id FROM reports WHERE event_id = ?", (old,))
                if r[0] in event_of
            }
            keepers.discard(old)
            if len(keepers) != 1:
                continue
            keeper = keepers.pop()
            moved = self._conn.execute(
                "INSERT OR IGNORE INTO event_overrides (event_id, field, value, reviewer, at) "
                "SELECT ?, field, value, reviewer, at FROM event_overrides WHERE event_id = ?",
                (keeper, old),
            ).rowcount
            self._conn.execute("DELETE FROM event_overrides WHERE event_id = ?", (old,))
            if moved:
                sqlite_events.insert_audit(
                    self._conn,
                    event_id=keeper,
                    action="merge",
                    field=None,
                    before={"merged": old},
                    after={"inherited_fields": moved},
                    reviewer="sitrep",
                    note="merged by the pipeline with a report of a new article",
                    at=_now(),
                )

    def _upsert_events(self, events: Sequence[Event]) -> None:
        """Insert or update events; reviewed fields (overrides) are applied first."""
        now = _now()
        rows = []
        overrides = sqlite_events.overrides_of(self._conn, (e.id for e in events))
        for stored in events:
            event = apply_overrides(stored, overrides.get(stored.id, {}))
            place = event.place.place if event.place is not None else None
            country = place_country(event.place)
            rows.append(
                (
                    event.id,
                    event.event_type,
                    event.sub_event_type,
                    event.actor1.name if event.actor1 else None,
                    event.actor2.name if event.actor2 else None,
                    event.actor1.actor_type if event.actor1 else None,
                    event.actor2.actor_type if event.actor2 else None,
                    place_name(event.place),
                    country,
                    country_name(country),
                    place.admin1 if place else None,
                    place.lat if place else None,
                    place.lon if place else None,
                    int(event.place.geo_precision)
                    if event.place is not None and event.place.geo_precision is not None
                    else None,
                    _iso(event.date_start),
                    _iso(event.date_end),
                    int(event.time_precision) if event.time_precision is not None else None,
                    event.fatalities_low,
                    event.fatalities_best,
                    event.fatalities_high,
                    int(event.is_background),
                    event.confidence,
                    len(event.reports),
                    _dumps(records.event_to_dict(event)),
                    now,
                    now,
                )
            )
        self._conn.executemany(
            "INSERT INTO events (id, event_type, sub_event_type, actor1, actor2, actor1_type, "
            "actor2_type, place_name, country, country_name, admin1, lat, lon, geo_precision, "
            "date_start, date_end, time_precision, fatalities_low, fatalities_best, "
            "fatalities_high, is_background, confidence, n_reports, json, created_at, "
            "updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET event_type = excluded.event_type, "
            "sub_event_type = excluded.sub_event_type, actor1 = excluded.actor1, "
            "actor2 = excluded.actor2, actor1_type = excluded.actor1_type, "
            "actor2_type = excluded.actor2_type, place_name = excluded.place_name, "
            "country = excluded.country, country_name = excluded.country_name, "
            "admin1 = excluded.admin1, lat = excluded.lat, lon = excluded.lon, "
            "geo_precision = excluded.geo_precision, date_start = excluded.date_start, "
            "date_end = excluded.date_end, time_precision = excluded.time_precision, "
            "fatalities_low = excluded.fatalities_low, "
            "fatalities_best = excluded.fatalities_best, "
            "fatalities_high = excluded.fatalities_high, "
            "is_background = excluded.is_background, confidence = excluded.confidence, "
            "n_reports = excluded.n_reports, json = excluded.json, "
            "updated_at = excluded.updated_at",
            rows,
        )

    def _insert_reports(self, reports: Sequence[Report], event_of: Mapping[str, str]) -> None:
        """Insert this article's reports and their evidence spans.

        Two reports with the same trigger and event type are the same claim (the id says
        so); the first is kept rather than failing the whole article.
        """
        for position, report in enumerate(reports):
            rid = report_id(report)
            cursor = self._conn.execute(
                "INSERT INTO reports (id, article_id, event_id, position, event_type, "
                "sub_event_type, date_start, date_end, time_precision, actor1, actor2, "
                "place_name, country, fatalities, injured, is_background, source, confidence, "
                "trigger_start, trigger_end, sentence_start, sentence_end, json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (
                    rid,
                    report.article_id,
                    event_of.get(rid),
                    position,
                    report.event_type,
                    report.sub_event_type,
                    _iso(report.date_start),
                    _iso(report.date_end),
                    int(report.time_precision) if report.time_precision is not None else None,
                    report.actor1.name if report.actor1 else None,
                    report.actor2.name if report.actor2 else None,
                    place_name(report.place),
                    place_country(report.place),
                    report.fatalities,
                    report.injured,
                    int(report.is_background),
                    report.source.source if report.source else None,
                    report.confidence,
                    report.trigger.start,
                    report.trigger.end,
                    report.sentence.start,
                    report.sentence.end,
                    _dumps(records.report_to_dict(report)),
                ),
            )
            if cursor.rowcount == 0:
                logger.warning(
                    "report %s of article %s repeats another; kept the first",
                    rid,
                    report.article_id,
                )
                continue
            self._conn.executemany(
                "INSERT INTO evidence (report_id, field, start_char, end_char, text) "
                "VALUES (?, ?, ?, ?, ?)",
                [(rid, e.field, e.span.start, e.span.end, e.span.text) for e in report.evidence],
            )

    def _link_reports(self, events: Sequence[Event]) -> None:
        """Point every stored report of each event at it (reports of earlier articles)."""
        self._conn.executemany(
            "UPDATE reports SET event_id = ? WHERE id = ? AND event_id IS NOT ?",
            [(event.id, report_id(r), event.id) for event in events for r in event.reports],
        )

    def _insert_casualty_reports(self, article_id: str, reports: Sequence[CasualtyReport]) -> None:
        self._conn.executemany(
            f"INSERT INTO casualty_reports ({row_values.CASUALTY_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row_values.casualty_rows(article_id, reports, _iso),
        )

    def _insert_displacement(self, article_id: str, reports: Sequence[DisplacementReport]) -> None:
        self._conn.executemany(
            f"INSERT INTO displacement ({row_values.DISPLACEMENT_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row_values.displacement_rows(article_id, reports),
        )

    def get_article(
        self, article_id_or_prefix: str, *, exact: bool = False
    ) -> StoredArticle | None:
        """An article by its id or (unless ``exact``) a unique prefix of at least 6 characters.

        Returns None when nothing matches; raises ``StoreError`` when a prefix is too
        short or matches several articles, since guessing one would show the wrong story.
        """
        key = article_id_or_prefix.strip()
        if not key:
            return None
        with self._errors(f"reading article {key}"):
            row = self._conn.execute(
                "SELECT id, json, processed_at, model FROM articles WHERE id = ?", (key,)
            ).fetchone()
            if row is None and not exact:
                row = self._find_by_prefix(key)
            if row is None:
                return None
            return self._load_article(row)

    def _find_by_prefix(self, prefix: str) -> sqlite3.Row | None:
        bounds = article_rows.prefix_bounds(prefix)
        if bounds is None:
            return None
        rows = self._conn.execute(
            "SELECT id, json, processed_at, model FROM articles WHERE id >= ? AND id < ? "
            "ORDER BY id LIMIT 6",
            bounds,
        ).fetchall()
        found: sqlite3.Row | None = article_rows.only_match(prefix, rows)
        return found

    def _load_article(self, row: sqlite3.Row) -> StoredArticle:
        con = self._conn

        def fetch(sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
            return con.execute(sql.format(p="?"), params).fetchall()

        return article_rows.load_stored_article(
            row, processed_at=str(row["processed_at"]), fetch=fetch, decode=json.loads
        )

    def search_articles(self, query: str, limit: int = 20) -> list[ArticleHit]:
        """Full-text search over titles and texts; every word of ``query`` must occur.

        Each word is quoted as an FTS5 string, so operators (AND, NEAR, ``*``, ``:``,
        parentheses, quotes) in user input are searched for as text, never interpreted.
        """
        match = fts_query(query)
        if match is None:
            return []
        with self._errors("searching articles"):
            rows = self._conn.execute(
                "SELECT a.id, a.title, snippet(articles_fts, -1, '[', ']', '…', 12) AS snip, "
                "bm25(articles_fts) AS score FROM articles_fts "
                "JOIN articles a ON a.seq = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
                (match, limit),
            ).fetchall()
        return [ArticleHit(r["id"], r["title"], r["snip"], float(r["score"])) for r in rows]

    # -- events -------------------------------------------------------------------

    def candidate_events(
        self,
        event_type: str | Collection[str],
        date_start: date | None,
        date_end: date | None,
        window_days: int = 3,
        limit: int = 200,
    ) -> list[Event]:
        """Stored events of ``event_type`` (one type, or the types of a family) whose
        dates overlap the range +- the window.

        For cross-article merging by the caller.  An undated range can only be compared
        with undated events, so that is what it gets.
        """
        with self._errors("finding candidate events"):
            return self._candidates(event_type, date_start, date_end, window_days, limit)

    def _candidates(
        self,
        event_type: str | Collection[str],
        date_start: date | None,
        date_end: date | None,
        window_days: int = 3,
        limit: int = 200,
    ) -> list[Event]:
        types = sorted({event_type} if isinstance(event_type, str) else set(event_type))
        if not types:
            return []
        in_types = f"event_type COLLATE NOCASE IN ({', '.join('?' * len(types))})"
        span = _date_range(date_start, date_end)
        if span is None:
            rows = self._conn.execute(
                f"SELECT json FROM events WHERE {in_types} "
                "AND date_start IS NULL AND date_end IS NULL ORDER BY id LIMIT ?",
                (*types, limit),
            )
        else:
            low = span[0] - timedelta(days=window_days)
            high = span[1] + timedelta(days=window_days)
            rows = self._conn.execute(
                f"SELECT json FROM events WHERE {in_types} "
                "AND date_start IS NOT NULL AND date_start <= ? "
                "AND coalesce(date_end, date_start) >= ? ORDER BY date_start, id LIMIT ?",
                (*types, high.isoformat(), low.isoformat(), limit),
            )
        return [records.event_from_dict(json.loads(r[0])) for r in rows]

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
    ) -> list[Event]:
        """Events matching every filter given, by date (undated last) then id.

        Events a reviewer rejected are left out unless ``include_rejected``.

        ``country`` is an ISO2 code or a country name (any case); ``event_type`` matches
        the event type or the sub-event type (any case); ``since``/``until`` keep events
        whose date range overlaps them.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if country:
            # Resolve the name here so that SQLite reads one index, not an OR of two.
            code = country_code(country)
            if code is not None:
                clauses.append("country = ?")
                params.append(code)
            else:
                clauses.append("(country = ? OR country_name = ? COLLATE NOCASE)")
                params += [country.strip().upper(), country.strip()]
        if since is not None:
            clauses.append("coalesce(date_end, date_start) >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("date_start <= ?")
            params.append(until.isoformat())
        if event_type:
            wanted = event_type.strip()
            if wanted.casefold() in _EVENT_TYPES:
                clauses.append("event_type = ? COLLATE NOCASE")
            else:
                clauses.append("sub_event_type = ? COLLATE NOCASE")
            params.append(wanted)
        if not include_background:
            clauses.append("is_background = 0")
        if not include_rejected:
            clauses.append("review_status != 'rejected'")
        where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
        params.append(-1 if limit is None else limit)
        with self._errors("querying events"):
            rows = self._conn.execute(
                f"SELECT json FROM events {where}"  # clauses are this method's constants
                "ORDER BY date_start IS NULL, date_start, id LIMIT ?",
                params,
            )
            return [records.event_from_dict(json.loads(r[0])) for r in rows]

    def find_events(self, query: EventQuery) -> EventPage:
        """One page of events matching ``query``, newest first (see ``store.query``)."""
        match = fts_query(query.text) if query.text else None
        with self._errors("finding events"):
            return sqlite_events.find_events(self._conn, query, match)

    # -- one event and its reviews ------------------------------------------------

    def get_event(self, event_id: str) -> StoredEvent | None:
        """An event with its status, articles, overrides and audit trail; None if unknown."""
        with self._errors(f"reading event {event_id}"):
            return self._stored_event(event_id)

    def _stored_event(self, event_id: str) -> StoredEvent | None:
        row = self._conn.execute(
            "SELECT json, review_status FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        if row is None:
            return None
        articles = tuple(
            ArticleRef(
                id=str(r["id"]),
                title=r["title"],
                url=r["url"],
                outlet=r["outlet"],
                published=date.fromisoformat(r["published"]) if r["published"] else None,
            )
            for r in self._conn.execute(
                "SELECT a.id, a.title, a.url, a.outlet, a.published FROM articles a "
                "WHERE a.id IN (SELECT article_id FROM reports WHERE event_id = ?) "
                "ORDER BY a.published, a.id",
                (event_id,),
            )
        )
        return StoredEvent(
            event=records.event_from_dict(json.loads(row["json"])),
            status=str(row["review_status"]),
            articles=articles,
            overrides=sqlite_events.overrides_of(self._conn, [event_id]).get(event_id, {}),
            audit=tuple(sqlite_events.audit_entries(self._conn, event_id, 1000)),
        )

    def _require_event(self, event_id: str) -> StoredEvent:
        stored = self._stored_event(event_id)
        if stored is None:
            raise ReviewError(f"there is no event {event_id!r}")
        return stored

    def review_event(
        self,
        event_id: str,
        action: str,
        *,
        reviewer: str,
        field: str | None = None,
        value: Any = None,
        note: str | None = None,
    ) -> StoredEvent:
        """Confirm, reject or edit one field of an event; every action is audited.

        An edit is kept as an override that wins whenever the event is written again.
        ``ReviewError`` (nothing written) for an unknown event, action, field or value.
        """
        if action not in REVIEW_ACTIONS or action == "merge":
            raise ReviewError(f"action {action!r}: use confirm, reject or edit (or merge_events)")
        if not reviewer.strip():
            raise ReviewError("a review needs the reviewer's name")
        checked: Any = None
        if action == "edit":
            if field is None:
                raise ReviewError("an edit needs a field")
            checked = check_edit(field, value)
        with self._errors(f"reviewing event {event_id}"), self._transaction():
            stored = self._require_event(event_id)
            now = _now()
            if action == "edit" and field is not None:
                before: Any = field_value(stored.event, field)
                self._conn.execute(
                    "INSERT INTO event_overrides (event_id, field, value, reviewer, at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, field) DO UPDATE SET "
                    "value = excluded.value, reviewer = excluded.reviewer, at = excluded.at",
                    (event_id, field, json.dumps(checked, ensure_ascii=False), reviewer, now),
                )
                self._upsert_events([stored.event])
                after: Any = checked
                status = stored.status if stored.status == "rejected" else STATUS_AFTER[action]
            else:
                before, after = stored.status, STATUS_AFTER[action]
                status = after
            self._conn.execute(
                "UPDATE events SET review_status = ?, updated_at = ? WHERE id = ?",
                (status, now, event_id),
            )
            sqlite_events.insert_audit(
                self._conn,
                event_id=event_id,
                action=action,
                field=field if action == "edit" else None,
                before=before,
                after=after,
                reviewer=reviewer,
                note=note,
                at=now,
            )
            return self._require_event(event_id)

    def merge_events(
        self, keep_id: str, other_id: str, *, reviewer: str, note: str | None = None
    ) -> StoredEvent:
        """Merge event ``other_id`` into ``keep_id``: one event from both events' reports.

        The kept event keeps its id, status and overrides, and takes the other's
        overrides for fields it has none of; the other event is deleted, its reports
        re-linked, and the merge audited on both ids.
        """
        from sitrep.merge import build_event

        if keep_id == other_id:
            raise ReviewError("an event cannot be merged with itself")
        if not reviewer.strip():
            raise ReviewError("a review needs the reviewer's name")
        with self._errors(f"merging event {other_id} into {keep_id}"), self._transaction():
            keep = self._require_event(keep_id)
            other = self._require_event(other_id)
            reports: list[Report] = []
            seen: set[str] = set()
            for report in (*keep.event.reports, *other.event.reports):
                rid = report_id(report)
                if rid not in seen:
                    seen.add(rid)
                    reports.append(report)
            merged = build_event(reports, event_id_=keep_id)
            self._conn.execute(
                "INSERT OR IGNORE INTO event_overrides (event_id, field, value, reviewer, at) "
                "SELECT ?, field, value, reviewer, at FROM event_overrides WHERE event_id = ?",
                (keep_id, other_id),
            )
            self._conn.execute("DELETE FROM event_overrides WHERE event_id = ?", (other_id,))
            self._upsert_events([merged])
            self._conn.execute(
                "UPDATE reports SET event_id = ? WHERE event_id = ?", (keep_id, other_id)
            )
            self._conn.execute("DELETE FROM events WHERE id = ?", (other_id,))
            now = _now()
            for event_id in (keep_id, other_id):
                sqlite_events.insert_audit(
                    self._conn,
                    event_id=event_id,
                    action="merge",
                    field=None,
                    before={
                        "kept": keep_id,
                        "merged": other_id,
                        "reports": len(other.event.reports),
                    },
                    after={"kept": keep_id, "reports": len(reports)},
                    reviewer=reviewer,
                    note=note,
                    at=now,
                )
            self._conn.execute("UPDATE events SET updated_at = ? WHERE id = ?", (now, keep_id))
            return self._require_event(keep_id)

    def audit_log(self, event_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """The latest review actions, newest first; of one event when ``event_id`` is given."""
        with self._errors("reading the audit log"):
            return sqlite_events.audit_entries(self._conn, event_id, max(1, min(limit, 10_000)))

    # -- rejections, runs, counts -------------------------------------------------

    def save_rejection(self, rejection: Rejection) -> bool:
        """Record a rejection; False when the same one (origin, code, message) is known."""
        with self._errors(f"saving the rejection of {rejection.origin}"), self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO rejections (origin, stage, code, message, article_id, raw, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (origin, code, message) DO NOTHING",
                (
                    rejection.origin,
                    rejection.stage,
                    rejection.code,
                    rejection.message,
                    rejection.article_id,
                    rejection.raw,
                    _now(),
                ),
            )
            return cursor.rowcount == 1

    def start_run(self, settings_json: Mapping[str, Any]) -> int:
        """Open a run record holding the resolved settings; returns its id.

        Values JSON cannot hold (paths) are written as strings.
        """
        text = json.dumps(dict(settings_json), ensure_ascii=False, default=str, sort_keys=True)
        with self._errors("starting a run"), self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO runs (started_at, settings) VALUES (?, ?)", (_now(), text)
            )
            if cursor.lastrowid is None:
                raise StoreError(f"database {self.path}: the run record got no id")
            return int(cursor.lastrowid)

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None:
        text = json.dumps(dict(counts), ensure_ascii=False, default=str, sort_keys=True)
        with self._errors(f"finishing run {run_id}"), self._transaction():
            cursor = self._conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (_now(), text, run_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(f"database {self.path}: there is no run {run_id}")

    def counts(self) -> dict[str, int]:
        """Rows per table, e.g. for the tally at the end of a batch."""
        with self._errors("counting rows"):
            return {
                table: int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in _COUNTED_TABLES
            }


def fts_query(query: str) -> str | None:
    """User text -> a safe FTS5 query: each word a quoted string, all required.

    Words without a letter or digit are dropped (the tokenizer would drop them anyway);
    None when nothing is left to search for.
    """
    terms = [
        '"' + word.replace('"', '""') + '"'
        for word in query.split()
        if any(ch.isalnum() for ch in word)
    ]
    return " ".join(terms) if terms else None


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing, a path that exists and is not a SQLite database.

    sqlite3 would only notice on the first query, after the WAL pragma had been tried.
    An empty file is a valid empty database (sqlite3 treats it so).
    """
    if not path.exists():
        return
    if not path.is_file():
        raise StoreError(f"database {path}: not a file; give a database file path")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as err:
        raise StoreError(f"database {path}: cannot read it ({err.strerror})") from err
    if header and header != _SQLITE_MAGIC:
        raise StoreError(
            f"database {path}: not a SQLite database (it does not start with the SQLite "
            "header); give another database path"
        )
