"""PostgresStore: the whole contract suite (with and without PostGIS), then what only a
server has: migrations, the PostGIS add-on, concurrent writers, URLs and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.store.base import Store
from sitrep.store.postgres import PostgresStore

from .base import StoreContract


class TestPostgresStore(StoreContract):
    """PostGIS on where the server has it (the default, auto mode)."""

    @pytest.fixture(autouse=True)
    def _database(self, pg_url: str) -> None:
        self.url = pg_url

    def open_store(self, tmp_path: Path) -> Store:
        return PostgresStore(self.url)


class TestPostgresStoreWithoutPostGIS(StoreContract):
    """A database that never had PostGIS: bounding boxes are lat/lon ranges."""

    @pytest.fixture(autouse=True)
    def _database(self, pg_plain_url: str) -> None:
        self.url = pg_plain_url

    def open_store(self, tmp_path: Path) -> Store:
        store = PostgresStore(self.url, postgis=False)
        assert store.postgis is False
        return store
