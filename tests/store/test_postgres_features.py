"""What only the PostgreSQL store has: migrations on a server, the PostGIS add-on and its
equivalence with the lat/lon path (and with SQLite), concurrent writer processes, and
URLs whose password never shows."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from export.samples import ABU_DALI, make_article, make_event, make_result, place_mention
from sitrep.errors import SchemaVersionError, StoreConnectionError, StoreError
from sitrep.store.base import Store
from sitrep.store.postgres import PostgresStore, load_pg_migrations
from sitrep.store.query import BBox, EventQuery, decode_cursor
from sitrep.store.sqlite import SQLiteStore, load_migrations
from sitrep.store.urls import is_postgres_url, redact, redact_url
from sitrep.types import ActorRole, ArticleResult

from .postgres_server import PASSWORD, TempPostgres, free_port

HERE = Path(__file__).resolve().parent

# -- migrations -------------------------------------------------------------------------


def _tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    return [str(r[0]) for r in rows]


def test_postgres_migrations_mirror_sqlite_and_apply_once(pg_empty_url: str) -> None:
    pg = [(m.version, m.name) for m in load_pg_migrations()]
    assert pg == [(m.version, m.name) for m in load_migrations()]
    for _ in range(2):
        with PostgresStore(pg_empty_url, postgis=False) as store:
            assert store.schema_version == pg[-1][0]
    with psycopg.connect(pg_empty_url) as conn:
        rows = conn.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    assert [(r[0], r[1]) for r in rows] == pg
    assert all(r[2] is not None for r in rows)


def test_postgres_schema_has_sqlite_tables_and_columns(pg_plain_url: str, tmp_path: Path) -> None:
    """The same logical schema: every SQLite table and column exists on PostgreSQL."""
    with SQLiteStore(tmp_path / "s.db") as lite:
        sqlite_columns = {
            table: {r[1] for r in lite._conn.execute(f"PRAGMA table_info({table})")}
            for (table,) in lite._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%'"
            ).fetchall()
        }
    with psycopg.connect(pg_plain_url) as conn:
        pg_columns: dict[str, set[str]] = {}
        for table, column in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public'"
        ):
            pg_columns.setdefault(table, set()).add(column)
    assert set(sqlite_columns) == set(pg_columns)
    for table, columns in sqlite_columns.items():
        extra = {"search"} if table == "articles" else set()
        assert pg_columns[table] == columns | extra, table


def test_postgres_newer_schema_is_refused_untouched(pg_empty_url: str) -> None:
    PostgresStore(pg_empty_url, postgis=False).close()
    with psycopg.connect(pg_empty_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', now())")
    before = _tables(pg_empty_url)
    known = load_pg_migrations()[-1].version
    with pytest.raises(SchemaVersionError) as info:
        PostgresStore(pg_empty_url)
    assert "99" in str(info.value) and f"version {known}" in str(info.value)
    assert _tables(pg_empty_url) == before


def test_postgres_other_programs_schema_is_refused_untouched(pg_empty_url: str) -> None:
    with psycopg.connect(pg_empty_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE contacts (name text)")
    with pytest.raises(StoreError, match=r"another program \(contacts\)"):
        PostgresStore(pg_empty_url)
    assert _tables(pg_empty_url) == ["contacts"]


def test_postgres_postgis_set_up_where_the_server_has_it(
    postgres: TempPostgres, pg_empty_url: str
) -> None:
    """Auto mode adds PostGIS exactly when the server has it; no silent skip either way."""
    available = postgres.has_postgis()
    with PostgresStore(pg_empty_url) as store:
        assert store.postgis is available
    with PostgresStore(pg_empty_url) as store:  # found again, not set up twice
        assert store.postgis is available
    with PostgresStore(pg_empty_url, postgis=False) as store:
        assert store.postgis is False
    if not available:
        with pytest.raises(StoreError, match="no PostGIS"):
            PostgresStore(pg_empty_url, postgis=True)


# -- the same answers everywhere ----------------------------------------------------------

# (id, name, lat, lon, country, admin1, day, fatalities, actor1)
_PLACES: list[tuple[str, str, float, float, str, str, date | None, int | None, str]] = [
    ("ev-suva", "Suva", -18.1416, 178.4415, "FJ", "Central", date(2021, 3, 1), 2, "Police"),
    ("ev-apia", "Apia", -13.8333, -171.7667, "WS", "Tuamasaga", date(2021, 3, 2), 0, "Rioters"),
    ("ev-date-line", "Taveuni", -16.8, 180.0, "FJ", "Northern", date(2021, 3, 3), None, "Navy"),
    ("ev-west-edge", "Edge", 10.0, -180.0, "KI", "Line", None, 7, "50%_Brigade"),
    ("ev-mosul", "Mosul", 36.335, 43.11889, "IQ", "Nineveh", date(2021, 3, 2), 12, "ISIS"),
    ("ev-idlib", "Idlib", 35.93062, 36.63393, "SY", "Idlib", date(2021, 2, 27), 5, "HTS"),
    ("ev-hama", "Hama", 35.13179, 36.75783, "SY", "Hama", date(2021, 3, 2), 40, "Syrian Army"),
    ("ev-box-corner", "Corner", 30.0, 40.0, "SY", "Deir ez-Zor", None, 1, "SDF"),
    ("ev-north", "Longyearbyen", 78.22, 15.65, "NO", "Svalbard", date(2021, 3, 2), 0, "Crowd"),
]
_QUERIES = [
    EventQuery(),
    EventQuery(bbox=BBox(30.0, 30.0, 45.0, 40.0)),  # corner point (40, 30) is inside
    EventQuery(bbox=BBox(40.0000001, 29.9999, 45.0, 40.0)),  # ... and just outside here
    EventQuery(bbox=BBox(170.0, -20.0, -170.0, -10.0)),  # across the antimeridian
    EventQuery(bbox=BBox(179.9, -17.0, -179.9, 11.0)),  # both edges of the date line
    EventQuery(bbox=BBox(-180.0, -90.0, 180.0, 90.0)),
    EventQuery(country="Syria", since=date(2021, 3, 1)),
    EventQuery(admin1="HAMA"),
    EventQuery(actor="%_b"),  # LIKE wildcards are literal
    EventQuery(actor="army"),
    EventQuery(fatalities_min=1, fatalities_max=12),
    EventQuery(until=date(2021, 3, 1)),
    EventQuery(text="Abu Dali Tuesday", bbox=BBox(-180.0, 0.0, 180.0, 90.0)),
    EventQuery(background="exclude", status="all"),
]


def _results() -> list[tuple[ArticleResult, str]]:
    out = []
    for number, (event_id, name, lat, lon, country, admin1, day, dead, actor) in enumerate(_PLACES):
        article = make_article(article_id=f"{number:02d}" * 20, external_id=f"x{number}")
        result = make_result(article, event_id=event_id)
        place = replace(ABU_DALI, name=name, lat=lat, lon=lon, country=country, admin1=admin1)
        event = make_event(
            event_id,
            (result.reports[0],),
            place=place_mention(article.text, "Abu Dali", place),
            date_start=day,
            date_end=day,
            fatalities_best=dead,
            actor1=ActorRole(name=actor, actor_type="Rebel group"),
        )
        out.append((replace(result, events=(event,)), event_id))
    return out


def _fill(store: Store) -> Store:
    for result, _ in _results():
        store.save_article(result, result.events)
    return store


def _walk(store: Store, query: EventQuery) -> list[tuple[str, str | None]]:
    """Every page of ``query`` two events at a time: (id, the cursor after it)."""
    seen: list[tuple[str, str | None]] = []
    page = store.find_events(replace(query, limit=2))
    while True:
        seen += [(e.event.id, page.next_cursor) for e in page.events]
        if page.next_cursor is None:
            return seen
        page = store.find_events(replace(query, limit=2, after=decode_cursor(page.next_cursor)))


def test_postgres_queries_equal_sqlite_with_and_without_postgis(
    pg_url: str, pg_plain_url: str, tmp_path: Path
) -> None:
    with (
        SQLiteStore(tmp_path / "s.db") as lite,
        PostgresStore(pg_url) as gis,
        PostgresStore(pg_plain_url, postgis=False) as plain,
    ):
        for store in (lite, gis, plain):
            _fill(store)
        for query in _QUERIES:
            expected = _walk(lite, query)
            assert _walk(gis, query) == expected, query
            assert _walk(plain, query) == expected, query
        assert [e.id for e in gis.query_events()] == [e.id for e in lite.query_events()]
        box = _walk(gis, _QUERIES[3])
        assert {i for i, _ in box} == {"ev-suva", "ev-apia", "ev-date-line"}


def test_postgres_bbox_uses_the_gist_index_when_postgis_is_on(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        if not store.postgis:
            pytest.fail("the server has no PostGIS: run `make postgres`", pytrace=False)
        conn = store._conn
        conn.execute("SET enable_seqscan = off")
        plan = conn.execute(
            "EXPLAIN SELECT id FROM events WHERE geom && ST_MakeEnvelope(30, 30, 45, 40, 4326)"
        ).fetchall()
    assert "events_geom" in " ".join(str(r["QUERY PLAN"]) for r in plan)


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@pytest.mark.parametrize(
    ("lat", "lon", "km"),
    [(35.5, 36.7, 100.0), (-17.0, 179.5, 300.0), (-17.0, -179.5, 1000.0), (0.0, 0.0, 10.0)],
)
def test_postgres_events_near_same_with_and_without_postgis(
    pg_url: str, pg_plain_url: str, lat: float, lon: float, km: float
) -> None:
    with PostgresStore(pg_url) as gis, PostgresStore(pg_plain_url, postgis=False) as plain:
        _fill(gis)
        _fill(plain)
        near = [(e.id, round(d, 6)) for e, d in gis.events_near(lat, lon, km)]
        assert near == [(e.id, round(d, 6)) for e, d in plain.events_near(lat, lon, km)]
    expected = sorted(
        (round(_haversine(lat, lon, p[2], p[3]), 6), p[0])
        for p in _PLACES
        if _haversine(lat, lon, p[2], p[3]) <= km
    )
    assert [(i, d) for d, i in expected] == near


def test_postgres_text_with_nul_fails_cleanly(pg_url: str) -> None:
    """PostgreSQL text cannot hold U+0000: the save fails whole, naming the article."""
    with PostgresStore(pg_url) as store:
        result = make_result()
        bad = replace(result, article=replace(result.article, boilerplate="a\x00b"))
        with pytest.raises(StoreError, match=result.article.id):
            store.save_article(bad, bad.events)
        assert store.counts()["articles"] == 0
        assert store.save_article(result, result.events).status == "saved"


# -- concurrent writers -------------------------------------------------------------------


def test_postgres_two_writer_processes_queue(pg_url: str) -> None:
    """Two processes save 6 shared and 4 own articles each at once: nothing is lost,
    nothing doubled, and each shared article is saved by exactly one of them."""
    start_at = time.time() + 2.0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent), *sys.path])}
    workers = [
        subprocess.Popen(
            [sys.executable, str(HERE / "postgres_writer.py"), pg_url, name, str(start_at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("w1", "w2")
    ]
    outcomes: dict[str, list[str]] = {}
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        for article_id, status in json.loads(out):
            outcomes.setdefault(article_id, []).append(status)
    shared = [a for a in outcomes if a.startswith("5")]
    assert len(shared) == 6 and len(outcomes) == 6 + 2 * 4
    assert all(sorted(outcomes[a]) == ["duplicate", "saved"] for a in shared)
    with PostgresStore(pg_url) as store:
        counts = store.counts()
        assert counts["articles"] == 14
        assert counts["events"] == 14 and counts["reports"] == 14
        for article_id in outcomes:
            stored = store.get_article(article_id, exact=True)
            assert stored is not None and len(stored.events) == 1


# -- URLs and their errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ana:s3cret@db/ev", "postgresql://ana:***@db/ev"),
        ("postgres://ana:p%40ss%3Aw@db:5433/ev", "postgres://ana:***@db:5433/ev"),
        ("postgresql://ana:a@b@db/ev", "postgresql://ana:***@db/ev"),
        ("postgresql://ana@db/ev?password=s3cret&sslmode=require", None),
        ("postgresql:///ev?host=/run/pg", "postgresql:///ev?host=/run/pg"),
        ("postgresql://[::1/ev", "postgresql://***"),
    ],
)
def test_postgres_url_redaction(url: str, shown: str | None) -> None:
    assert is_postgres_url(url)
    text = redact_url(url)
    if shown is not None:
        assert text == shown
    for secret in ("s3cret", "p@ss:w", "p%40ss%3Aw", "a@b"):
        if secret in url:
            assert secret not in text
            assert secret not in redact(f"error near {url} and {secret}", url)


def test_postgres_wrong_password_is_one_line_without_it(postgres: TempPostgres) -> None:
    wrong = "wrong-Pass-123"
    with pytest.raises(StoreConnectionError) as info:
        PostgresStore(postgres.tcp_url("postgres", wrong))
    message = str(info.value)
    assert "\n" not in message and wrong not in message and PASSWORD not in message
    assert "sitrep:***@127.0.0.1" in message and "password authentication failed" in message


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://sitrep:{PASSWORD}@127.0.0.1:{free_port()}/db",
        f"postgresql://sitrep:{PASSWORD}@127.0.0.1:notaport/db",
        f"postgresql://sitrep:{PASSWORD}@127.0.0.1/db?nonsense=1",
    ],
)
def test_postgres_bad_url_or_no_server_is_one_clear_line(url: str) -> None:
    with pytest.raises(StoreConnectionError, match="cannot connect") as info:
        PostgresStore(url, connect_timeout_s=3)
    message = str(info.value)
    assert "\n" not in message and PASSWORD not in message and "sitrep:***@" in message


def test_postgres_store_reconnects_after_the_server_dropped_it(
    postgres: TempPostgres, pg_url: str
) -> None:
    with PostgresStore(pg_url) as store:
        pid = store._conn.info.backend_pid
        with postgres.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError):
            store.counts()  # the call that finds the connection gone fails, cleanly
        assert store.counts()["articles"] == 0  # and the next one connects again
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def _open_settings(url: str) -> Any:
    from sitrep.config import load_settings

    return load_settings(overrides={"db_path": url}, environ={})


def test_postgres_open_store_picks_it_from_the_settings(pg_url: str) -> None:
    from sitrep.store.open import open_store

    with open_store(_open_settings(pg_url)) as store:
        assert isinstance(store, PostgresStore)
    with open_store(_open_settings(pg_url.replace("postgresql://", "postgres://", 1))) as store:
        assert isinstance(store, PostgresStore)


def test_postgres_api_serves_a_postgres_store(pg_url: str) -> None:
    from fastapi.testclient import TestClient

    from sitrep.serve import create_app

    with PostgresStore(pg_url) as store:
        _fill(store)
    with TestClient(create_app(_open_settings(pg_url))) as client:
        response = client.get("/events", params={"bbox": "170,-20,-170,-10"})
        assert response.status_code == 200, response.text
        ids = {item["id"] for item in response.json()["events"]}
    assert ids == {"ev-suva", "ev-apia", "ev-date-line"}
