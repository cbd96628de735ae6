"""Helpers for the engine tests, and a real local Ray cluster: one per session, offline.

The environment variables keep Ray off the network (no usage statistics, no dashboard)
and are set before Ray is imported, for this process and the subprocesses it starts.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

OFFLINE = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_DISABLE_DOCKER_CPU_WARNING": "1"}
os.environ.update(OFFLINE)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[None]:
    """Two CPUs, no dashboard; the engine uses it as it is and leaves it running."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    try:
        yield
    finally:
        ray.shutdown()


def distinct_articles(path: Path, count: int) -> Path:
    """``count`` JSONL articles: the examples in turn, each opening with a dispatch
    number so that every text (and so every article id) differs.  At the start, not the
    end: a closing line would be cut as boilerplate and the copies would be duplicates."""
    records = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            record = dict(records[n % len(records)])
            record["id"] = f"{record.get('id', 'example')}-{n}"
            record["text"] = f"Dispatch {n + 1}. {record['text']}"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def table_rows(
    db: Path, table: str, order: str, drop: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Every row of ``table`` without its timestamps (``*_at``), run ids and ``drop``."""
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    return [
        {k: row[k] for k in row.keys() if not k.endswith("_at") and k not in ("run_id", *drop)}  # noqa: SIM118 - sqlite3.Row iterates values
        for row in rows
    ]


def stored(db: Path) -> dict[str, list[dict[str, Any]]]:
    """What a run leaves in the store: articles in write order, events, reports, rejections."""
    return {
        "articles": table_rows(db, "articles", "seq"),
        "events": table_rows(db, "events", "id"),
        "reports": table_rows(db, "reports", "id"),
        "rejections": table_rows(db, "rejections", "origin, code, message", drop=("id",)),
    }


def stored_articles(db: Path, *, writer_alive: bool = True) -> int:
    """Articles in ``db``: read-only while the run writes; read-write once it is dead,
    so that SQLite recovers the WAL the killed writer left (a read-only reader may see
    a stale snapshot of it)."""
    if not db.exists():
        return 0
    uri = f"file:{db}?mode=ro" if writer_alive else f"file:{db}"
    try:
        with sqlite3.connect(uri, uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created or migrated yet
        return 0
