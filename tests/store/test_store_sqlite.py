from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from export.samples import make_article, make_result
from sitrep.errors import SchemaVersionError, StoreError
from sitrep.store.base import Store
from sitrep.store.sqlite import SQLiteStore, load_migrations, split_statements

from .base import StoreContract


class TestSQLiteStore(StoreContract):
    def open_store(self, tmp_path: Path) -> Store:
        return SQLiteStore(tmp_path / "nested" / "folder" / "sitrep.db")


def test_sqlite_creates_parent_folders_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "sitrep.db"
    with SQLiteStore(path) as store:
        assert path.is_file()
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_sqlite_migrations_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.db"
    known = [m.version for m in load_migrations()]
    for _ in range(2):
        with SQLiteStore(path) as store:
            assert store.schema_version == known[-1]
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
    conn.close()
    assert [r[0] for r in rows] == known
    assert all(r[1] for r in rows)


def test_sqlite_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'x', 'now')"
        )
    conn.close()
    before = path.read_bytes()
    known = load_migrations()[-1].version
    with pytest.raises(SchemaVersionError) as info:
        SQLiteStore(path)
    message = str(info.value)
    assert str(path) in message
    assert "99" in message
    assert f"version {known}" in message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b"id,text\n1,hello\n",
        b'{"id": "gwn-1", "text": "x"}\n',
        bytes(range(256)) * 8,
        b"SQLite format 2\x00" + b"\x00" * 100,
    ],
)
def test_sqlite_non_database_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database") as info:
        SQLiteStore(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_sqlite_other_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_sqlite_directory_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a file"):
        SQLiteStore(tmp_path)


def test_sqlite_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with SQLiteStore(path) as store:
        assert store.counts()["articles"] == 0


def test_sqlite_rollback_mid_save_keeps_earlier_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SQLiteStore(tmp_path / "sitrep.db") as store:
        earlier = make_result(make_article(article_id="e" * 40))
        store.save_article(earlier, earlier.events)
        before = store.counts()

        def explode(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk on fire")

        # the last step of a save: article, mentions, events and reports are written by now
        monkeypatch.setattr(SQLiteStore, "_insert_displacement", explode)
        result = make_result()
        with pytest.raises(StoreError, match=f"article {result.article.id}.*disk on fire"):
            store.save_article(result, result.events)
        assert store.counts() == before
        assert store.search_articles("Abu Dali")[0].article_id == earlier.article.id
        monkeypatch.undo()
        assert store.save_article(result, result.events).status == "saved"


def test_sqlite_fts_follows_deleted_articles(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "sitrep.db") as store:
        result = make_result()
        store.save_article(result, result.events)
        store._conn.execute("DELETE FROM articles WHERE id = ?", (result.article.id,))
        assert store.search_articles("Abu Dali") == []
        assert store.counts()["reports"] == 0  # cascaded


def test_sqlite_in_memory_store(tmp_path: Path) -> None:
    with SQLiteStore(Path(":memory:")) as store:
        result = make_result()
        assert store.save_article(result, result.events).status == "saved"


def test_sqlite_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "sitrep.db")
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.counts()


@pytest.mark.parametrize(
    ("script", "count"),
    [
        ("CREATE TABLE a (x); CREATE TABLE b (y);", 2),
        ("-- a comment; with a semicolon\nCREATE TABLE a (x);\n-- trailing\n", 1),
        (
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); "
            "INSERT INTO b VALUES (';'); END;",
            1,
        ),
    ],
)
def test_sqlite_split_statements(script: str, count: int) -> None:
    assert len(split_statements(script)) == count


def test_sqlite_split_statements_refuses_incomplete_script() -> None:
    with pytest.raises(StoreError, match="incomplete"):
        split_statements("CREATE TABLE a (x); CREATE TABLE b (")


def _open_store(path: str) -> str:
    try:
        SQLiteStore(Path(path)).close()
    except StoreError as err:
        return str(err)
    return ""


def test_sqlite_writers_opening_one_fresh_store_at_once_all_open(tmp_path: Path) -> None:
    # SQLite answers "database is locked" to a journal-mode change without waiting when
    # another process opens the same fresh file: each opener must wait it out. Before the
    # fix about one round in ten failed.
    with multiprocessing.get_context("fork").Pool(4) as pool:
        for round_ in range(40):
            path = str(tmp_path / f"fresh{round_}.db")
            errors = [e for e in pool.map(_open_store, [path] * 4) if e]
            assert errors == [], errors[0]
