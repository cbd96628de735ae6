"""A real server for the API and page tests: uvicorn on a free loopback port, over a real
SQLite file that the real pipeline filled from tests/fixtures/serve/articles.jsonl.

``live_server`` is shared by the session (the pipeline runs once); tests that review or
merge events work on events they pick for themselves, or use ``fresh_server`` for a
database of their own.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from sitrep.config import Settings
from sitrep.pipeline import Pipeline
from sitrep.serve import create_app
from sitrep.store.sqlite import SQLiteStore

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "serve" / "articles.jsonl"
TOKEN = "reviewer-token-0123456789"
REVIEWER = "alice"


@dataclasses.dataclass(frozen=True)
class LiveServer:
    url: str
    token: str
    reviewer: str
    db: Path

    def client(self, *, auth: bool = False) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def get(self, path: str, **params: Any) -> Any:
        with self.client() as client:
            response = client.get(path, params=params)
            response.raise_for_status()
            return response.json()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fill_database(db: Path, pipeline: Pipeline) -> None:
    with SQLiteStore(db) as store:
        summary = pipeline.run([str(ARTICLES)], store=store)
    assert summary.rejected_count == 0, summary.rejected


@dataclasses.dataclass
class _Running:
    server: uvicorn.Server
    thread: threading.Thread


def start_server(
    settings: Settings,
    db: Path,
    *,
    tokens: tuple[tuple[str, str], ...] = ((REVIEWER, TOKEN),),
    **app_options: Any,
) -> tuple[LiveServer, _Running]:
    settings = dataclasses.replace(settings, db_path=db, serve_tokens=tokens)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, **app_options),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    else:
        raise RuntimeError(f"the test server on {url} did not start")
    return LiveServer(url, TOKEN, REVIEWER, db), _Running(server, thread)


def stop_server(running: _Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=10)


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    db = tmp_path_factory.mktemp("serve") / "served.db"
    fill_database(db, pipeline)
    return db


@pytest.fixture(scope="session")
def live_server(settings: Settings, served_db: Path) -> Iterator[LiveServer]:
    live, running = start_server(settings, served_db)
    yield live
    stop_server(running)


@pytest.fixture
def fresh_server(settings: Settings, served_db: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A server over a copy of the served database, for tests that change it."""
    db = tmp_path / "copy.db"
    with sqlite3.connect(served_db) as source:
        source.execute("VACUUM INTO ?", (str(db),))
    live, running = start_server(settings, db)
    yield live
    stop_server(running)


def article_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
