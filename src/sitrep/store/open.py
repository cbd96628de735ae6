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
    """The store at ``settings.db_path`` (SQLite; created and migrated on first open)."""
    from sitrep.store.sqlite import SQLiteStore

    return SQLiteStore(settings.db_path, check_same_thread=check_same_thread)
