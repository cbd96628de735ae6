"""A real PostgreSQL server for the store tests, started once per session.

``postgres`` starts a throwaway cluster (``postgres_server.TempPostgres``) and stops and
removes it at the end.  Without PostgreSQL binaries the tests that need it fail, naming
``make postgres``, unless ``SITREP_SKIP_POSTGRES=1`` (then they skip): a missing server
must not pass for a green run.

Two databases are migrated once per session (``pg_url``: with PostGIS where the server
has it; ``pg_plain_url``: never) and emptied before each test that uses them, with one
DELETE per table: a fresh database per test would cost ten times as long.  Tests of migrations
and of the PostGIS set-up take ``pg_empty_url``, a new database nothing was done to.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from .postgres_server import MISSING, SKIP_ENV, PostgresMissingError, TempPostgres

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres]:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL tests skipped")
    try:
        server = TempPostgres.start()
    except PostgresMissingError:
        pytest.fail(MISSING, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def _migrated(server: TempPostgres, name: str, *, postgis: bool | None) -> str:
    from sitrep.store.postgres import PostgresStore

    url = server.create_database(name)
    PostgresStore(url, postgis=postgis).close()
    return url


def _emptied(url: str) -> str:
    """``url`` after removing every row sitrep wrote (the schema and PostGIS stay)."""
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            str(row[0])
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename NOT IN ('schema_migrations', 'spatial_ref_sys')"
            )
        ]
        # DELETE, not TRUNCATE: on tables this small it is several times faster, and
        # every foreign key cascades, so the order does not matter.  Names come from the
        # catalogue, quoted as identifiers.
        with conn.transaction():
            for table in tables:
                conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
    return url


@pytest.fixture(scope="session")
def _pg_shared(postgres: TempPostgres) -> str:
    return _migrated(postgres, "sitrep_auto", postgis=None)


@pytest.fixture(scope="session")
def _pg_plain_shared(postgres: TempPostgres) -> str:
    return _migrated(postgres, "sitrep_plain", postgis=False)


@pytest.fixture
def pg_url(_pg_shared: str) -> str:
    """An empty, migrated database with PostGIS when the server has it (auto mode)."""
    return _emptied(_pg_shared)


@pytest.fixture
def pg_plain_url(_pg_plain_shared: str) -> str:
    """An empty, migrated database that never had PostGIS: the lat/lon fallback."""
    return _emptied(_pg_plain_shared)


@pytest.fixture
def pg_empty_url(postgres: TempPostgres) -> Iterator[str]:
    """A new database nothing was done to (for migration and PostGIS set-up tests)."""
    name = f"t{os.getpid()}_{next(_numbers)}"
    url = postgres.create_database(name)
    try:
        yield url
    finally:
        postgres.drop_database(name)
