"""A feed server on 127.0.0.1 whose feeds and pages the tests change between polls.

The server honours If-None-Match and If-Modified-Since like a real one: a feed that has
not changed since the validator the client sent is a 304.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings
from sitrep.store.base import Store
from sitrep.store.open import open_store
from sitrep.watch.state import WatchState

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY")


@dataclass
class Resource:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: float | None = None  # Unix time


@dataclass
class Request:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int


@dataclass
class FeedServer:
    base: str
    resources: dict[str, Resource]
    requests: list[Request]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    resources: dict[str, Resource] = {}
    requests: list[Request] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                resource = resources.get(self.path)
            status = self._answer(resource)
            requests.append(
                Request(
                    self.path,
                    self.headers.get("If-None-Match"),
                    self.headers.get("If-Modified-Since"),
                    status,
                )
            )

        def _answer(self, resource: Resource | None) -> int:
            if resource is None:
                self.send_error(404, "Not Found")
                return 404
            if resource.status == 200 and self._not_modified(resource):
                self.send_response(304)
                if resource.etag:
                    self.send_header("ETag", resource.etag)
                self.end_headers()
                return 304
            self.send_response(resource.status)
            self.send_header("Content-Type", resource.content_type)
            if resource.etag:
                self.send_header("ETag", resource.etag)
            if resource.last_modified is not None:
                self.send_header("Last-Modified", formatdate(resource.last_modified, usegmt=True))
            for name, value in resource.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(resource.body)))
            self.end_headers()
            self.wfile.write(resource.body)
            return resource.status

        def _not_modified(self, resource: Resource) -> bool:
            sent_etag = self.headers.get("If-None-Match")
            if sent_etag is not None and resource.etag is not None:
                return sent_etag == resource.etag
            return (
                self.headers.get("If-Modified-Since") is not None
                and resource.last_modified is not None
                and self.headers["If-Modified-Since"]
                == formatdate(resource.last_modified, usegmt=True)
            )

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield FeedServer(f"http://127.0.0.1:{server.server_port}", resources, requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    link: str
    text: str  # the item's content, or its summary
    published: str = "Thu, 11 Apr 2019 08:00:00 GMT"


def rss(title: str, items: list[Item]) -> bytes:
    """An RSS 2.0 feed of ``items``, each text in a <description>."""
    entries = "".join(
        f"<item><guid>{escape(i.guid)}</guid><title>{escape(i.title)}</title>"
        f"<link>{escape(i.link)}</link><pubDate>{i.published}</pubDate>"
        f"<description>{escape(i.text)}</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://sitrep.test/</link>"
        f"<description>test feed</description>{entries}</channel></rss>"
    ).encode()


def atom(title: str, items: list[Item]) -> bytes:
    """An Atom feed of ``items``, each text as <content type="text">."""
    entries = "".join(
        f"<entry><id>{escape(i.guid)}</id><title>{escape(i.title)}</title>"
        f'<link href="{escape(i.link)}"/><updated>2019-04-11T08:00:00Z</updated>'
        f'<content type="text">{escape(i.text)}</content></entry>'
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:feed</id>"
        f"<updated>2019-04-11T08:00:00Z</updated>{entries}</feed>"
    ).encode()


def page(title: str, text: str) -> bytes:
    """An article page: the story in an <article>, published on 11 April 2019."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split(". "))
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="2019-04-11T08:00:00Z">'
        f"</head><body><nav>Home | World</nav><article><h1>{escape(title)}</h1>"
        f"{paragraphs}</article><footer>Copyright</footer></body></html>"
    ).encode()


@pytest.fixture
def watch_settings(tmp_path: Path, session_cache_dir: Path) -> Settings:
    """Fetching on, from 127.0.0.1 too; a fresh database; the session's gazetteer."""
    return load_settings(
        overrides={
            "cache_dir": str(session_cache_dir),
            "db_path": str(tmp_path / "events.db"),
            "allow_fetch": True,
            "allow_private_urls": True,
            "fetch_timeout": 5.0,
        },
        environ={},
    )


@pytest.fixture
def store(watch_settings: Settings) -> Iterator[Store]:
    with open_store(watch_settings) as opened:
        yield opened


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "events.watch.db"


@pytest.fixture
def state(state_path: Path) -> Iterator[WatchState]:
    with WatchState(state_path) as opened:
        yield opened


class FakeClock:
    """Time that moves only when told (or when the watcher sleeps)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
