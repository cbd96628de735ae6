"""The team store: PostgreSQL (with PostGIS where the server has it), one ``Store`` more.

    >>> with PostgresStore("postgresql://sitrep@db.example/events") as store:  # doctest: +SKIP
    ...     store.counts()["articles"]
    0

The same logical schema as SQLite's (``migrations_pg/`` mirrors ``migrations/``), the
same semantics for every ``Store`` method, tested by the same contract suite.  Every
write is one transaction that first takes a database-wide advisory lock, so writers
queue one behind the other as they do on SQLite's ``BEGIN IMMEDIATE`` (two processes
saving the same article: one saves it, the other finds it stored) while readers never
wait.  Reads that take several statements run in one REPEATABLE READ, READ ONLY
transaction, so an article never comes back half re-linked by a concurrent save.

The connection is in autocommit mode between transactions (nothing holds a snapshot
while the store sits idle) and is re-opened after the server dropped it.  Errors name
the database by its URL with the password replaced by ``***``.  All SQL takes its
values as parameters; the only text formatted into SQL is this module's constants.

DOCS: docs/postgres.md
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from types import TracebackType
from typing import Any, Self

from sitrep.countries import country_code, country_name
from sitrep.errors import SchemaVersionError, StoreConnectionError, StoreError
from sitrep.export import records
from sitrep.export.fields import place_country, place_name
from sitrep.store import article_rows, row_values
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
from sitrep.store.sqlite import Migration, load_migrations
from sitrep.store.urls import redact, redact_url
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

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError as _missing:  # pragma: no cover - depends on the installed extras
    raise StoreError(
        "a postgresql:// database needs psycopg: pip install 'sitrep-events[postgres]'"
    ) from _missing

from sitrep.store import postgres_events as pg_events

__all__ = ["PostgresStore", "load_pg_migrations"]

logger = logging.getLogger(__name__)

Conn = psycopg.Connection[dict[str, Any]]

# Every write takes this transaction-scoped advisory lock first (any constant would do;
# this one spells "sitrep" in ASCII), so writers queue instead of racing.
_WRITE_LOCK = 0x736974726570
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
_HEADLINE = (
    'StartSel="[", StopSel="]", MaxFragments=1, MaxWords=12, MinWords=4, ShortWord=0, '
    'FragmentDelimiter=" … "'
)
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


def load_pg_migrations() -> tuple[Migration, ...]:
    """The packaged ``migrations_pg/NNNN_name.sql`` files, in order, without gaps."""
    return load_migrations("migrations_pg")


def _postgis_sql() -> str:
    folder = resources.files("sitrep.store").joinpath("migrations_pg")
    return folder.joinpath("postgis.sql").read_text(encoding="utf-8")


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


_dumps = row_values.dumps


def _one_line(text: str) -> str:
    """libpq's messages span lines (a hint on the second); an error line is one line."""
    return " ".join(text.split())


def _date_range(start: date | None, end: date | None) -> tuple[date, date] | None:
    """A range with both ends, taking a missing end from the other; None if both miss."""
    if start is None:
        return None if end is None else (end, end)
    return (start, end if end is not None else start)


class PostgresStore:
    """A ``Store`` in a PostgreSQL database, given as a libpq URL.

    Opening connects, checks the schema version read-only, applies pending migrations
    (all in one transaction), and sets up PostGIS: ``postgis=None`` uses it when the
    server has it (creating the extension and ``events.geom`` if the user may),
    ``False`` never does, ``True`` requires it.  ``StoreConnectionError`` for a bad URL,
    an unreachable server or a refused login; ``SchemaVersionError`` for a database
    newer than this code; ``StoreError`` for a schema of another program.
    ``lock_timeout_s`` bounds how long a write waits for another writer.
    """

    def __init__(
        self,
        url: str,
        *,
        postgis: bool | None = None,
        lock_timeout_s: float = 30.0,
        connect_timeout_s: int = 10,
    ) -> None:
        self.url = url
        self.target = redact_url(url)
        self._lock_timeout = f"{int(lock_timeout_s * 1000)}ms"
        self._connect_timeout = connect_timeout_s
        self._migrations = load_pg_migrations()
        self._closed = False
        self._conn = self._connect()
        try:
            with self._errors("opening the schema"):
                self._open_schema()
                self.postgis = self._setup_postgis(postgis)
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
        """Close the connection; safe to call twice, and from another thread."""
        if not self._closed:
            self._closed = True
            self._conn.close()

    def _connect(self) -> Conn:
        try:
            return psycopg.connect(
                self.url,
                autocommit=True,
                row_factory=dict_row,
                connect_timeout=self._connect_timeout,
                application_name="sitrep",
            )
        except psycopg.Error as err:
            raise StoreConnectionError(
                f"database {self.target}: cannot connect ({self._reason(err)}); "
                "check the URL, that the server is running, and the user and password"
            ) from None

    def _reason(self, err: BaseException) -> str:
        return redact(_one_line(str(err)), self.url) or type(err).__name__

    def _live(self) -> Conn:
        """The connection, opened again if the server dropped it since the last call."""
        if self._closed:
            raise StoreError(f"database {self.target}: the store is closed")
        if self._conn.broken:
            logger.warning("%s: the connection was lost; connecting again", self.target)
            self._conn = self._connect()
        return self._conn

    # -- schema -------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        with self._errors("reading the schema version"):
            return self._read_version(self._live())

    def _read_version(self, conn: Conn) -> int:
        exists = conn.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = 'schema_migrations'"
        ).fetchone()
        if exists is None:
            return 0
        row = conn.execute("SELECT max(version) AS v FROM schema_migrations").fetchone()
        return int(row["v"] or 0) if row else 0

    def _open_schema(self) -> None:
        """Check the version read-only first, so a refused database is never written to."""
        conn = self._live()
        schema = conn.execute("SELECT current_schema() AS s").fetchone()
        if schema is None or schema["s"] is None:
            raise StoreError(
                f"database {self.target}: no schema of the search_path exists to create "
                "sitrep's tables in; create it or fix options=-csearch_path in the URL"
            )
        known = self._migrations[-1].version if self._migrations else 0
        current = self._read_version(conn)
        if current > known:
            raise SchemaVersionError(
                f"database {self.target}: schema version {current} is newer than this "
                f"sitrep knows (version {known}); upgrade sitrep or give another database"
            )
        if current == 0:
            self._refuse_foreign_tables(conn, str(schema["s"]))
        if current < known:
            self._migrate()

    def _refuse_foreign_tables(self, conn: Conn, schema: str) -> None:
        """A schema holding another program's tables (extensions' own aside) is refused."""
        others = [
            str(r["relname"])
            for r in conn.execute(
                "SELECT c.relname FROM pg_class c "
                "WHERE c.relnamespace = current_schema()::regnamespace "
                "AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT EXISTS "
                "(SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') "
                "ORDER BY c.relname"
            )
        ]
        if others:
            raise StoreError(
                f"database {self.target}: schema {schema} holds tables of another program "
                f"({', '.join(others[:5])}); give another database, or a schema of sitrep's "
                "own (?options=-csearch_path%3Dsitrep)"
            )

    def _migrate(self) -> None:
        """Apply every pending migration in one transaction: all of them or none."""
        with self._writing() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                "name text NOT NULL, applied_at timestamptz NOT NULL)"
            )
            # Another process may have migrated while this one waited for the lock.
            current = self._read_version(conn)
            for migration in self._migrations:
                if migration.version <= current:
                    continue
                logger.info(
                    "%s: applying migration %04d_%s", self.target, migration.version, migration.name
                )
                conn.execute(migration.sql.encode("utf-8"))  # no parameters: one script
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                    (migration.version, migration.name, _now()),
                )

    def _has_geom(self, conn: Conn) -> bool:
        return (
            conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'events' AND column_name = 'geom'"
            ).fetchone()
            is not None
        )

    def _setup_postgis(self, wanted: bool | None) -> bool:
        """Whether bbox and distance queries use PostGIS; adds it to the database if able.

        In auto mode (``wanted`` None) a server without PostGIS, or a user who may not
        create the extension, is not an error: the queries use lat/lon ranges instead.
        """
        if wanted is False:
            return False
        conn = self._live()
        if self._has_geom(conn):
            return True
        available = conn.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
        ).fetchone()
        if available is None:
            if wanted:
                raise StoreError(f"database {self.target}: the server has no PostGIS extension")
            return False
        try:
            with self._writing() as locked:
                if not self._has_geom(locked):
                    locked.execute(_postgis_sql().encode("utf-8"))
        except psycopg.Error as err:
            if wanted:
                raise StoreError(
                    f"database {self.target}: cannot set up PostGIS ({self._reason(err)})"
                ) from err
            logger.warning(
                "%s: PostGIS is on the server but could not be set up (%s); "
                "bounding boxes use lat/lon ranges",
                self.target,
                self._reason(err),
            )
            return False
        return True

    # -- plumbing -----------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Conn]:
        """One write transaction, holding the writers' lock (waits up to lock_timeout)."""
        conn = self._live()
        with conn.transaction():
            conn.execute("SELECT set_config('lock_timeout', %s, true)", (self._lock_timeout,))
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Conn]:
        """One consistent snapshot for a read of several statements."""
        conn = self._live()
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield conn

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Translate psycopg's errors into ``StoreError`` naming the database and task."""
        try:
            yield
        except pg_errors.LockNotAvailable as err:
            raise StoreError(
                f"database {self.target}: {doing} failed: another writer held the database "
                f"for longer than {self._lock_timeout}"
            ) from err
        except psycopg.Error as err:
            raise StoreError(
                f"database {self.target}: {doing} failed ({self._reason(err)})"
            ) from err

    # -- articles -----------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._errors("looking up an article"):
            return self._has_article(self._live(), article_id)

    @staticmethod
    def _has_article(conn: Conn, article_id: str) -> bool:
        row = conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone()
        return row is not None

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

        The semantics of ``SQLiteStore.save_article``: ``events`` are the final events
        after merging, ``superseded`` the ids the merge absorbed (deleted here); an
        article already stored changes nothing and comes back as "duplicate".  On any
        failure the transaction is rolled back and ``StoreError`` names the article.
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
        reads its candidates while this writer holds the advisory lock, so a second
        writer cannot store a matching event between the read and the write."""
        article = result.article
        try:
            with self._writing() as conn:
                if self._has_article(conn, article.id):
                    return SaveOutcome(article.id, "duplicate", 0)
                events, superseded = plan(
                    lambda types, start, end: self._candidates(conn, types, start, end)
                )
                self._insert_article(conn, article, model, run_id)
                self._insert_mentions(conn, result)
                event_of = {report_id(r): e.id for e in events for r in e.reports}
                self._inherit_reviews(conn, superseded, event_of)
                self._upsert_events(conn, events)
                self._insert_reports(conn, result.reports, event_of)
                self._link_reports(conn, events)
                kept = {e.id for e in events}
                gone = [event_id for event_id in dict.fromkeys(superseded) if event_id not in kept]
                if gone:
                    conn.execute("DELETE FROM events WHERE id = ANY(%s)", (gone,))
                self._insert_casualty_reports(conn, article.id, result.casualty_reports)
                self._insert_displacement(conn, article.id, result.displacement)
        except Exception as err:
            where = f" from {article.origin}" if article.origin else ""
            reason = self._reason(err) if isinstance(err, psycopg.Error) else str(err)
            raise StoreError(
                f"database {self.target}: article {article.id}{where} could not be saved, "
                f"nothing of it was written ({type(err).__name__}: {reason})"
            ) from err
        return SaveOutcome(article.id, "saved", len(events))

    @staticmethod
    def _insert_article(
        conn: Conn, article: Article, model: str | None, run_id: int | None
    ) -> None:
        conn.execute(
            "INSERT INTO articles (id, external_id, url, outlet, title, language, published, "
            "published_source, origin, text, boilerplate, processed_at, model, run_id, json) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)",
            (
                article.id,
                article.external_id,
                article.url,
                article.outlet,
                article.title,
                article.language,
                article.published,
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

    @staticmethod
    def _insert_mentions(conn: Conn, result: ArticleResult) -> None:
        rows: list[tuple[Any, ...]] = []

        def add(kind: str, items: Iterable[tuple[Span, dict[str, Any]]]) -> None:
            for position, (span, value) in enumerate(items):
                row = (result.article.id, kind, position, span.start, span.end, span.text)
                rows.append((*row, _dumps(value)))

        add("place", ((m.span, records.place_mention_to_dict(m)) for m in result.places))
        add("time", ((m.span, records.time_mention_to_dict(m)) for m in result.times))
        add("quantity", ((q.span, records.quantity_to_dict(q)) for q in result.quantities))
        add("actor", ((m.span, records.actor_mention_to_dict(m)) for m in result.actors))
        add(
            "attribution",
            ((a.span, records.attribution_to_dict(a)) for a in result.attributions),
        )
        if rows:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO mentions (article_id, kind, position, start_char, end_char, "
                    "text, value) VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb)",
                    rows,
                )

    def _inherit_reviews(
        self, conn: Conn, superseded: Sequence[str], event_of: Mapping[str, str]
    ) -> None:
        """Give the reviews of events a merge absorbs to the event that absorbed them.

        A field both events had reviewed keeps the absorbing event's value; a rejection
        is not inherited (the absorbing event holds other reports too).
        """
        for old in dict.fromkeys(superseded):
            keepers = {
                event_of[str(r["id"])]
                for r in conn.execute("SELECT id FROM reports WHERE event_id = %s", (old,))
                if str(r["id"]) in event_of
            }
            keepers.discard(old)
            if len(keepers) != 1:
                continue
            keeper = keepers.pop()
            moved = self._move_overrides(conn, old, keeper)
            if moved:
                pg_events.insert_audit(
                    conn,
                    event_id=keeper,
                    action="merge",
                    field=None,
                    before={"merged": old},
                    after={"inherited_fields": moved},
                    reviewer="sitrep",
                    note="merged by the pipeline with a report of a new article",
                    at=_now(),
                )

    @staticmethod
    def _move_overrides(conn: Conn, old: str, keeper: str) -> int:
        """Move ``old``'s overrides to ``keeper`` for fields it has none of; how many."""
        moved = conn.execute(
            "INSERT INTO event_overrides (event_id, field, value, reviewer, at) "
            "SELECT %s, field, value, reviewer, at FROM event_overrides WHERE event_id = %s "
            "ON CONFLICT (event_id, field) DO NOTHING",
            (keeper, old),
        ).rowcount
        conn.execute("DELETE FROM event_overrides WHERE event_id = %s", (old,))
        return max(moved, 0)

    @staticmethod
    def _event_row(event: Event, now: datetime) -> tuple[Any, ...]:
        place = event.place.place if event.place is not None else None
        country = place_country(event.place)
        geo_precision = event.place.geo_precision if event.place is not None else None
        return (
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
            int(geo_precision) if geo_precision is not None else None,
            event.date_start,
            event.date_end,
            int(event.time_precision) if event.time_precision is not None else None,
            event.fatalities_low,
            event.fatalities_best,
            event.fatalities_high,
            event.is_background,
            event.confidence,
            len(event.reports),
            _dumps(records.event_to_dict(event)),
            now,
            now,
        )

    def _upsert_events(self, conn: Conn, events: Sequence[Event]) -> None:
        """Insert or update events; reviewed fields (overrides) are applied first."""
        if not events:
            return
        now = _now()
        overrides = pg_events.overrides_of(conn, (e.id for e in events))
        rows = [self._event_row(apply_overrides(e, overrides.get(e.id, {})), now) for e in events]
        fields = (
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "actor1_type",
            "actor2_type",
            "place_name",
            "country",
            "country_name",
            "admin1",
            "lat",
            "lon",
            "geo_precision",
            "date_start",
            "date_end",
            "time_precision",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
            "is_background",
            "confidence",
            "n_reports",
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*fields, "json", "updated_at"))
        marks = ", ".join(["%s"] * (1 + len(fields))) + ", %s::jsonb, %s, %s"
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO events (id, {', '.join(fields)}, json, created_at, updated_at) "
                f"VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}",
                rows,
            )

    @staticmethod
    def _insert_reports(conn: Conn, reports: Sequence[Report], event_of: Mapping[str, str]) -> None:
        """Insert this article's reports and their evidence spans.

        Two reports with the same trigger and event type are the same claim (the id says
        so); the first is kept rather than failing the whole article.
        """
        for position, report in enumerate(reports):
            rid = report_id(report)
            inserted = conn.execute(
                "INSERT INTO reports (id, article_id, event_id, position, event_type, "
                "sub_event_type, date_start, date_end, time_precision, actor1, actor2, "
                "place_name, country, fatalities, injured, is_background, source, confidence, "
                "trigger_start, trigger_end, sentence_start, sentence_end, json) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s, %s, %s, %s, %s::jsonb) ON CONFLICT (id) DO NOTHING",
                (
                    rid,
                    report.article_id,
                    event_of.get(rid),
                    position,
                    report.event_type,
                    report.sub_event_type,
                    report.date_start,
                    report.date_end,
                    int(report.time_precision) if report.time_precision is not None else None,
                    report.actor1.name if report.actor1 else None,
                    report.actor2.name if report.actor2 else None,
                    place_name(report.place),
                    place_country(report.place),
                    report.fatalities,
                    report.injured,
                    report.is_background,
                    report.source.source if report.source else None,
                    report.confidence,
                    report.trigger.start,
                    report.trigger.end,
                    report.sentence.start,
                    report.sentence.end,
                    _dumps(records.report_to_dict(report)),
                ),
            ).rowcount
            if inserted == 0:
                logger.warning(
                    "report %s of article %s repeats another; kept the first",
                    rid,
                    report.article_id,
                )
                continue
            if report.evidence:
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO evidence (report_id, field, start_char, end_char, text) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        [
                            (rid, e.field, e.span.start, e.span.end, e.span.text)
                            for e in report.evidence
                        ],
                    )

    @staticmethod
    def _link_reports(conn: Conn, events: Sequence[Event]) -> None:
        """Point every stored report of each event at it (reports of earlier articles)."""
        pairs = [(event.id, report_id(r), event.id) for event in events for r in event.reports]
        if pairs:
            with conn.cursor() as cur:
                cur.executemany(
                    "UPDATE reports SET event_id = %s WHERE id = %s "
                    "AND event_id IS DISTINCT FROM %s",
                    pairs,
                )

    @staticmethod
    def _insert_casualty_reports(
        conn: Conn, article_id: str, reports: Sequence[CasualtyReport]
    ) -> None:
        if not reports:
            return
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO casualty_reports ({row_values.CASUALTY_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)",
                row_values.casualty_rows(article_id, reports, lambda day: day),
            )

    @staticmethod
    def _insert_displacement(
        conn: Conn, article_id: str, reports: Sequence[DisplacementReport]
    ) -> None:
        if not reports:
            return
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO displacement ({row_values.DISPLACEMENT_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)",
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
        with self._errors(f"reading article {key}"), self._reading() as conn:
            row = conn.execute(
                "SELECT id, json, processed_at, model FROM articles WHERE id = %s", (key,)
            ).fetchone()
            if row is None and not exact:
                row = self._find_by_prefix(conn, key)
            if row is None:
                return None
            return self._load_article(conn, row)

    @staticmethod
    def _find_by_prefix(conn: Conn, prefix: str) -> dict[str, Any] | None:
        bounds = article_rows.prefix_bounds(prefix)
        if bounds is None:
            return None
        rows = conn.execute(
            "SELECT id, json, processed_at, model FROM articles WHERE id >= %s AND id < %s "
            "ORDER BY id LIMIT 6",
            bounds,
        ).fetchall()
        found: dict[str, Any] | None = article_rows.only_match(prefix, rows)
        return found

    @staticmethod
    def _load_article(conn: Conn, row: Mapping[str, Any]) -> StoredArticle:
        def fetch(sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
            return conn.execute(sql.format(p="%s"), params).fetchall()

        return article_rows.load_stored_article(
            row,
            processed_at=pg_events.iso_moment(row["processed_at"]),
            fetch=fetch,
            decode=lambda value: value,
        )

    def search_articles(self, query: str, limit: int = 20) -> list[ArticleHit]:
        """Full-text search over titles and texts; every word of ``query`` must occur.

        Each word is its own phrase query (``postgres_events.tsquery``), so operators in
        user input are searched for as text, never interpreted.  ``rank`` is minus
        ``ts_rank_cd``, so that, as with SQLite's bm25, lower is better; the snippet is
        ``ts_headline``'s best fragment of the text (of the title when only it matches),
        matches in [ and ], with … where the fragment cuts the text.
        """
        terms = pg_events.search_terms(query)
        if not terms:
            return []
        match, params = pg_events.tsquery(terms)
        with self._errors("searching articles"):
            rows = (
                self._live()
                .execute(
                    # Innermost: the page of hits; then which column to quote (only
                    # for the page's rows: it tokenizes the text again); then quote it.
                    "SELECT id, title, score, source, "
                    "ts_headline('simple'::regconfig, source, q, %s) AS snip FROM ("
                    "SELECT hit.*, CASE WHEN to_tsvector('simple'::regconfig, hit.text) @@ hit.q "
                    "THEN hit.text ELSE coalesce(hit.title, '') END AS source FROM ("
                    "SELECT a.id, a.title, a.text, a.seq, q.q, ts_rank_cd(a.search, q.q) AS score "
                    f"FROM articles a, (SELECT {match} AS q) q WHERE a.search @@ q.q "
                    "ORDER BY score DESC, a.seq LIMIT %s) hit) page ORDER BY score DESC, seq",
                    [_HEADLINE, *params, limit],
                )
                .fetchall()
            )
        return [
            ArticleHit(
                str(r["id"]), r["title"], _ellipsised(r["snip"], r["source"]), -float(r["score"])
            )
            for r in rows
        ]

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
            return self._candidates(
                self._live(), event_type, date_start, date_end, window_days, limit
            )

    @staticmethod
    def _candidates(
        conn: Conn,
        event_type: str | Collection[str],
        date_start: date | None,
        date_end: date | None,
        window_days: int = 3,
        limit: int = 200,
    ) -> list[Event]:
        types = sorted({event_type} if isinstance(event_type, str) else set(event_type))
        lowered = [t.lower() for t in types]
        span = _date_range(date_start, date_end)
        if span is None:
            rows = conn.execute(
                "SELECT json FROM events WHERE lower(event_type) = ANY(%s) "
                "AND date_start IS NULL AND date_end IS NULL ORDER BY id LIMIT %s",
                (lowered, limit),
            )
        else:
            low = span[0] - timedelta(days=window_days)
            high = span[1] + timedelta(days=window_days)
            rows = conn.execute(
                "SELECT json FROM events WHERE lower(event_type) = ANY(%s) "
                "AND date_start IS NOT NULL AND date_start <= %s "
                "AND coalesce(date_end, date_start) >= %s ORDER BY date_start, id LIMIT %s",
                (lowered, high, low, limit),
            )
        return [records.event_from_dict(r["json"]) for r in rows]

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

        The semantics of ``SQLiteStore.query_events``; rejected events are left out
        unless ``include_rejected``.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if country:
            code = country_code(country)
            if code is not None:
                clauses.append("country = %s")
                params.append(code)
            else:
                clauses.append("(country = %s OR lower(country_name) = lower(%s))")
                params += [country.strip().upper(), country.strip()]
        if since is not None:
            clauses.append("coalesce(date_end, date_start) >= %s")
            params.append(since)
        if until is not None:
            clauses.append("date_start <= %s")
            params.append(until)
        if event_type:
            wanted = event_type.strip()
            column = "event_type" if wanted.casefold() in _EVENT_TYPES else "sub_event_type"
            clauses.append(f"lower({column}) = lower(%s)")
            params.append(wanted)
        if not include_background:
            clauses.append("NOT is_background")
        if not include_rejected:
            clauses.append("review_status <> 'rejected'")
        where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
        params.append(limit)  # LIMIT NULL: no limit
        with self._errors("querying events"):
            rows = self._live().execute(
                f"SELECT json FROM events {where}"  # clauses are this method's constants
                "ORDER BY date_start ASC NULLS LAST, id LIMIT %s",
                params,
            )
            return [records.event_from_dict(r["json"]) for r in rows]

    def find_events(self, query: EventQuery) -> EventPage:
        """One page of events matching ``query``, newest first (see ``store.query``)."""
        with self._errors("finding events"):
            return pg_events.find_events(self._live(), query, postgis=self.postgis)

    def events_near(
        self, lat: float, lon: float, km: float, *, limit: int = 100
    ) -> list[tuple[Event, float]]:
        """Events (rejected ones aside) within ``km`` of a point, nearest first, with km.

        PostgreSQL only (not part of ``Store``): PostGIS's geography index narrows the
        search where the database has it, a latitude band where not; the distance is
        the same great-circle formula either way, so both give the same answer.
        """
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or km < 0:
            raise StoreError("events_near: lat within -90..90, lon within -180..180, km >= 0")
        with self._errors("finding events near a point"):
            rows = pg_events.events_near(
                self._live(), lat, lon, km, limit=max(1, limit), postgis=self.postgis
            )
        return [(records.event_from_dict(data), distance) for data, distance in rows]

    # -- one event and its reviews ------------------------------------------------

    def get_event(self, event_id: str) -> StoredEvent | None:
        """An event with its status, articles, overrides and audit trail; None if unknown."""
        with self._errors(f"reading event {event_id}"), self._reading() as conn:
            return self._stored_event(conn, event_id)

    @staticmethod
    def _stored_event(conn: Conn, event_id: str) -> StoredEvent | None:
        row = conn.execute(
            "SELECT json, review_status FROM events WHERE id = %s", (event_id,)
        ).fetchone()
        if row is None:
            return None
        articles = tuple(
            ArticleRef(
                id=str(r["id"]),
                title=r["title"],
                url=r["url"],
                outlet=r["outlet"],
                published=r["published"],
            )
            for r in conn.execute(
                "SELECT a.id, a.title, a.url, a.outlet, a.published FROM articles a "
                "WHERE a.id IN (SELECT article_id FROM reports WHERE event_id = %s) "
                "ORDER BY a.published ASC NULLS FIRST, a.id",
                (event_id,),
            )
        )
        return StoredEvent(
            event=records.event_from_dict(row["json"]),
            status=str(row["review_status"]),
            articles=articles,
            overrides=pg_events.overrides_of(conn, [event_id]).get(event_id, {}),
            audit=tuple(pg_events.audit_entries(conn, event_id, 1000)),
        )

    def _require_event(self, conn: Conn, event_id: str) -> StoredEvent:
        stored = self._stored_event(conn, event_id)
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
        with self._errors(f"reviewing event {event_id}"), self._writing() as conn:
            stored = self._require_event(conn, event_id)
            now = _now()
            if action == "edit" and field is not None:
                before: Any = field_value(stored.event, field)
                conn.execute(
                    "INSERT INTO event_overrides (event_id, field, value, reviewer, at) "
                    "VALUES (%s, %s, %s::jsonb, %s, %s) ON CONFLICT (event_id, field) DO UPDATE "
                    "SET value = excluded.value, reviewer = excluded.reviewer, at = excluded.at",
                    (event_id, field, json.dumps(checked, ensure_ascii=False), reviewer, now),
                )
                self._upsert_events(conn, [stored.event])
                after: Any = checked
                status = stored.status if stored.status == "rejected" else STATUS_AFTER[action]
            else:
                before, after = stored.status, STATUS_AFTER[action]
                status = after
            conn.execute(
                "UPDATE events SET review_status = %s, updated_at = %s WHERE id = %s",
                (status, now, event_id),
            )
            pg_events.insert_audit(
                conn,
                event_id=event_id,
                action=action,
                field=field if action == "edit" else None,
                before=before,
                after=after,
                reviewer=reviewer,
                note=note,
                at=now,
            )
            return self._require_event(conn, event_id)

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
        with self._errors(f"merging event {other_id} into {keep_id}"), self._writing() as conn:
            keep = self._require_event(conn, keep_id)
            other = self._require_event(conn, other_id)
            reports: list[Report] = []
            seen: set[str] = set()
            for report in (*keep.event.reports, *other.event.reports):
                rid = report_id(report)
                if rid not in seen:
                    seen.add(rid)
                    reports.append(report)
            merged = build_event(reports, event_id_=keep_id)
            self._move_overrides(conn, other_id, keep_id)
            self._upsert_events(conn, [merged])
            conn.execute(
                "UPDATE reports SET event_id = %s WHERE event_id = %s", (keep_id, other_id)
            )
            conn.execute("DELETE FROM events WHERE id = %s", (other_id,))
            now = _now()
            for event_id in (keep_id, other_id):
                pg_events.insert_audit(
                    conn,
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
            conn.execute("UPDATE events SET updated_at = %s WHERE id = %s", (now, keep_id))
            return self._require_event(conn, keep_id)

    def audit_log(self, event_id: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """The latest review actions, newest first; of one event when ``event_id`` is given."""
        with self._errors("reading the audit log"):
            return pg_events.audit_entries(self._live(), event_id, max(1, min(limit, 10_000)))

    # -- rejections, runs, counts -------------------------------------------------

    def save_rejection(self, rejection: Rejection) -> bool:
        """Record a rejection; False when the same one (origin, code, message) is known."""
        with self._errors(f"saving the rejection of {rejection.origin}"), self._writing() as conn:
            inserted = conn.execute(
                "INSERT INTO rejections (origin, stage, code, message, article_id, raw, "
                "created_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
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
            ).rowcount
            return inserted == 1

    def start_run(self, settings_json: Mapping[str, Any]) -> int:
        """Open a run record holding the resolved settings; returns its id.

        Values JSON cannot hold (paths) are written as strings.
        """
        text = json.dumps(dict(settings_json), ensure_ascii=False, default=str, sort_keys=True)
        with self._errors("starting a run"), self._writing() as conn:
            row = conn.execute(
                "INSERT INTO runs (started_at, settings) VALUES (%s, %s::jsonb) RETURNING id",
                (_now(), text),
            ).fetchone()
            if row is None:
                raise StoreError(f"database {self.target}: the run record got no id")
            return int(row["id"])

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None:
        text = json.dumps(dict(counts), ensure_ascii=False, default=str, sort_keys=True)
        with self._errors(f"finishing run {run_id}"), self._writing() as conn:
            updated = conn.execute(
                "UPDATE runs SET finished_at = %s, counts = %s::jsonb WHERE id = %s",
                (_now(), text, run_id),
            ).rowcount
            if updated == 0:
                raise StoreError(f"database {self.target}: there is no run {run_id}")

    def counts(self) -> dict[str, int]:
        """Rows per table, e.g. for the tally at the end of a batch (one round trip)."""
        columns = ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in _COUNTED_TABLES)
        with self._errors("counting rows"):
            row = self._live().execute(f"SELECT {columns}").fetchone()
        if row is None:  # a SELECT without FROM always returns its one row
            raise StoreError(f"database {self.target}: counting rows returned nothing")
        return {table: int(row[table]) for table in _COUNTED_TABLES}


def _ellipsised(snippet: str, source: str) -> str:
    """``snippet`` with … where it cuts ``source`` short, as SQLite's snippet() writes it."""
    plain = snippet.replace("[", "").replace("]", "").strip()
    whole = source.strip()
    if not plain:
        return snippet
    start = "" if whole.startswith(plain) else "…"
    end = "" if whole.endswith(plain) else "…"
    return f"{start}{snippet.strip()}{end}"
