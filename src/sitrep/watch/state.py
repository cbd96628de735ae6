"""What ``sitrep watch`` remembers between polls and restarts, in its own SQLite file.

    >>> with WatchState(Path("events.watch.db")) as state:     # doctest: +SKIP
    ...     state.feed("https://example.org/world.rss").etag

Per feed: the validators for a conditional GET (ETag, Last-Modified), when it is next
due, how many polls in a row failed and the last error.  Seen items, by feed item id,
by URL and by normalised-text hash, so an item is fetched and processed once.  The
MinHash signatures of the most recent ``SIGNATURE_WINDOW`` articles, from which the
near-duplicate index is rebuilt on start.

Not the event database: the store may be PostgreSQL, shared, or rebuilt from scratch,
while this file belongs to one watcher.  A poll is recorded in one transaction, after
its articles are stored, so a crash between the two means the next start processes
those items again, which the store's idempotent ingest absorbs.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType

import numpy as np
import platformdirs

from sitrep.config import APP_NAME, Settings
from sitrep.errors import SitrepError
from sitrep.watch.minhash import NUM_PERMUTATIONS, Signature

__all__ = [
    "SIGNATURE_WINDOW",
    "FeedState",
    "SeenKind",
    "WatchState",
    "WatchStateError",
    "default_state_path",
]

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# Signatures kept for near-duplicate checks: a copy usually follows its original within
# days, and 20,000 articles is weeks of a busy feed list (1 KB each, about 20 MB).
SIGNATURE_WINDOW = 20_000
# Seen item ids and URLs older than this are forgotten; feeds list items for days, so an
# id this old is not coming back (and if it does, its text hash is still in the store).
SEEN_RETENTION_SECONDS = 180 * 86_400

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    next_poll REAL NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_polled REAL
);
CREATE TABLE IF NOT EXISTS seen (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    seen_at REAL NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_by_time ON seen (seen_at);
CREATE TABLE IF NOT EXISTS signatures (
    article_id TEXT PRIMARY KEY,
    seen_at REAL NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS signatures_by_time ON signatures (seen_at);
"""


class WatchStateError(SitrepError, RuntimeError):
    """The watch state file cannot be opened, read or written."""


class SeenKind(StrEnum):
    ITEM = "item"  # "<feed URL> <item id>": ids are unique within a feed only
    URL = "url"  # the item's link
    TEXT = "text"  # the article id: a hash of the normalised text


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed's polling state; a feed never polled is due now (``next_poll`` 0)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll: float = 0.0  # Unix time
    failures: int = 0  # consecutive failed polls
    last_error: str | None = None
    last_polled: float | None = None


def default_state_path(settings: Settings) -> Path:
    """Beside the SQLite database (``events.db`` -> ``events.watch.db``); for a
    PostgreSQL store, ``watch.db`` in the user data directory."""
    if settings.db_url is not None:
        return Path(platformdirs.user_data_dir(APP_NAME)) / "watch.db"
    path = settings.db_path
    return path.with_name(f"{path.stem}.watch.db")


class WatchState:
    """The state file, opened (and created) on construction; close it, or use ``with``."""

    def __init__(self, path: Path, *, signature_window: int = SIGNATURE_WINDOW) -> None:
        self.path = path
        self.signature_window = signature_window
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._check_version()
        except (OSError, sqlite3.Error) as err:
            raise WatchStateError(f"watch state {path}: cannot open it ({err})") from err

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
            )
        elif int(row[0]) > SCHEMA_VERSION:
            raise WatchStateError(
                f"watch state {self.path}: written by a newer sitrep (schema {row[0]}); "
                "upgrade sitrep or give another --state file"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> WatchState:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- feeds ------------------------------------------------------------------------

    def feed(self, url: str) -> FeedState:
        row = self._db.execute(
            "SELECT etag, last_modified, next_poll, failures, last_error, last_polled "
            "FROM feeds WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return FeedState(url)
        return FeedState(url, row[0], row[1], row[2], row[3], row[4], row[5])

    def save_feed(self, feed: FeedState) -> None:
        with self._write():
            self._save_feed(feed)

    def _save_feed(self, feed: FeedState) -> None:
        self._db.execute(
            "INSERT INTO feeds (url, etag, last_modified, next_poll, failures, last_error, "
            "last_polled) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "etag = excluded.etag, last_modified = excluded.last_modified, "
            "next_poll = excluded.next_poll, failures = excluded.failures, "
            "last_error = excluded.last_error, last_polled = excluded.last_polled",
            (
                feed.url,
                feed.etag,
                feed.last_modified,
                feed.next_poll,
                feed.failures,
                feed.last_error,
                feed.last_polled,
            ),
        )

    # -- seen items and signatures ----------------------------------------------------

    def has_seen(self, kind: SeenKind, value: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM seen WHERE kind = ? AND value = ?", (kind.value, value)
        ).fetchone()
        return row is not None

    def record_poll(
        self,
        feed: FeedState,
        *,
        seen: Sequence[tuple[SeenKind, str]],
        signatures: Sequence[tuple[str, Signature]],
        at: float,
    ) -> None:
        """A poll's outcome in one transaction: the feed, what it showed, new signatures."""
        with self._write():
            self._save_feed(feed)
            self._db.executemany(
                "INSERT INTO seen (kind, value, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (kind, value) DO UPDATE SET seen_at = excluded.seen_at",
                [(kind.value, value, at) for kind, value in seen],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO signatures (article_id, seen_at, signature) "
                "VALUES (?, ?, ?)",
                [(key, at, signature.astype("<u4").tobytes()) for key, signature in signatures],
            )
            self._prune(at)

    def _prune(self, now: float) -> None:
        self._db.execute("DELETE FROM seen WHERE seen_at < ?", (now - SEEN_RETENTION_SECONDS,))
        self._db.execute(
            "DELETE FROM signatures WHERE article_id IN (SELECT article_id FROM signatures "
            "ORDER BY seen_at DESC, rowid DESC LIMIT -1 OFFSET ?)",
            (self.signature_window,),
        )

    def signatures(self) -> Iterator[tuple[str, Signature]]:
        """The kept signatures, oldest first (the order the index evicts in)."""
        rows = self._db.execute(
            "SELECT article_id, signature FROM signatures ORDER BY seen_at, rowid"
        )
        for key, blob in rows:
            signature = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
            if signature.size == NUM_PERMUTATIONS:
                yield key, signature
            else:  # written with other parameters: useless for comparison
                logger.debug(
                    "watch state: skipping signature of %s (%d values)", key, signature.size
                )

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("feeds", "seen", "signatures")
        }

    @contextmanager
    def _write(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; sqlite3's become ours."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            raise WatchStateError(f"watch state {self.path}: cannot write it ({err})") from err
