"""One store connection per worker thread, opened on first use and closed together.

SQLite connections belong to the thread that opened them, and FastAPI runs plain
``def`` routes on a pool of threads; one connection per thread avoids opening the file
(and checking its schema) on every request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sitrep.store.base import Store

__all__ = ["ThreadStores"]


class ThreadStores:
    """Hands each thread its own store from ``open_store``; ``close`` closes them all.

    ``close`` runs on another thread than the ones that opened the stores, so
    ``open_store`` must allow that (``SQLiteStore(path, check_same_thread=False)``); each
    store is still only ever used by its own thread.
    """

    def __init__(self, open_store: Callable[[], Store]) -> None:
        self._open = open_store
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._open()
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
        self._local = threading.local()
