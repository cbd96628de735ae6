"""Open the store the settings name: the one place that picks a backend.

    >>> with open_store(settings) as store:          # doctest: +SKIP
    ...     store.counts()

Callers (the CLI, the web API, the engines, ``sitrep watch``) go through here and depend
on the ``Store`` protocol only.
"""

from __future__ import annotations

from sitrep.config import Settings
from sitrep.store.base import Store

__all__ = ["open_store"]


def open_store(settings: Settings, *, check_same_thread: bool = True) -> Store:
    """The store the settings name, created or migrated on first open.

    PostgreSQL when ``settings.db_url`` is set (the db_path setting was a
    ``postgresql://`` or ``postgres://`` URL), else the SQLite file ``settings.db_path``.
    ``check_same_thread`` is SQLite's (a pool closing stores from another thread);
    a PostgreSQL connection may be closed from any thread anyway.
    """
    if settings.db_url is not None:
        from sitrep.store.postgres import PostgresStore

        return PostgresStore(settings.db_url)
    from sitrep.store.sqlite import SQLiteStore

    return SQLiteStore(settings.db_path, check_same_thread=check_same_thread)
