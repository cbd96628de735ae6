"""The watch state file: feeds, seen items and signatures survive reopening; bounds hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from sitrep.config import load_settings
from sitrep.watch.minhash import MinHasher
from sitrep.watch.state import (
    SEEN_RETENTION_SECONDS,
    FeedState,
    SeenKind,
    WatchState,
    WatchStateError,
    default_state_path,
)

NOW = 1_700_000_000.0
FEED = "https://example.org/world.rss"


def test_state_round_trip_across_reopening(state_path: Path) -> None:
    signature = MinHasher().signature("Shelling killed seven people at the market")
    feed = FeedState(FEED, '"v3"', "Thu, 11 Apr 2019 08:00:00 GMT", NOW + 900, 2, "boom", NOW)
    with WatchState(state_path) as state:
        assert state.feed(FEED) == FeedState(FEED)  # never polled: due now
        state.record_poll(
            feed,
            seen=[(SeenKind.ITEM, f"{FEED} guid-1"), (SeenKind.URL, "https://example.org/1")],
            signatures=[("article-1", signature)],
            at=NOW,
        )
    with WatchState(state_path) as state:
        assert state.feed(FEED) == feed
        assert state.has_seen(SeenKind.ITEM, f"{FEED} guid-1")
        assert state.has_seen(SeenKind.URL, "https://example.org/1")
        assert not state.has_seen(SeenKind.TEXT, "https://example.org/1")  # kinds apart
        ((key, stored),) = list(state.signatures())
        assert key == "article-1"
        assert np.array_equal(stored, signature)
        assert state.counts() == {"feeds": 1, "seen": 2, "signatures": 1}


@pytest.mark.parametrize("window", [3])
def test_state_keeps_only_the_newest_signatures(window: int, state_path: Path) -> None:
    hasher = MinHasher()
    with WatchState(state_path, signature_window=window) as state:
        for number in range(5):
            state.record_poll(
                FeedState(FEED),
                seen=[],
                signatures=[(f"a{number}", hasher.signature(f"story number {number} told"))],
                at=NOW + number,
            )
        assert [key for key, _ in state.signatures()] == ["a2", "a3", "a4"]


def test_state_forgets_seen_items_after_the_retention(state_path: Path) -> None:
    with WatchState(state_path) as state:
        state.record_poll(FeedState(FEED), seen=[(SeenKind.URL, "old")], signatures=[], at=NOW)
        later = NOW + SEEN_RETENTION_SECONDS + 1
        state.record_poll(FeedState(FEED), seen=[(SeenKind.URL, "new")], signatures=[], at=later)
        assert not state.has_seen(SeenKind.URL, "old")
        assert state.has_seen(SeenKind.URL, "new")


def test_state_from_a_newer_sitrep_is_refused(state_path: Path) -> None:
    WatchState(state_path).close()
    with sqlite3.connect(state_path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(WatchStateError, match="newer sitrep"):
        WatchState(state_path)


@pytest.mark.parametrize("name", ["not-a-database.db"])
def test_state_unreadable_file_is_a_clear_error(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(WatchStateError, match=f"watch state {path}: cannot open it"):
        WatchState(path)


@pytest.mark.parametrize(
    ("db_path", "expected"),
    [
        ("/data/events.db", Path("/data/events.watch.db")),
        ("/data/archive.sqlite", Path("/data/archive.watch.db")),
    ],
)
def test_state_default_path_is_beside_the_database(db_path: str, expected: Path) -> None:
    settings = load_settings(overrides={"db_path": db_path}, environ={})
    assert default_state_path(settings) == expected


def test_state_default_path_for_postgres_is_in_the_user_data_dir() -> None:
    settings = load_settings(overrides={"db_path": "postgresql://u:p@db/sitrep"}, environ={})
    assert default_state_path(settings).name == "watch.db"
    assert "postgresql" not in str(default_state_path(settings))
