"""Shared fixtures for the ingest tests: settings, the fixture folder, a local HTTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
# The fixture feeds link to this base; tests rewrite it to the local server's address.
FIXTURE_BASE = "http://sitrep.test"
PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Offline settings: fetching disabled."""
    return load_settings(overrides={"cache_dir": str(tmp_path), "allow_fetch": False}, environ={})


@pytest.fixture
def fetch_settings(tmp_path: Path) -> Settings:
    """Settings that allow fetching (from 127.0.0.1 too), with a short timeout."""
    return load_settings(
        overrides={
            "cache_dir": str(tmp_path),
            "allow_fetch": True,
            "fetch_timeout": 2.0,
            "allow_private_urls": True,  # the test server is on 127.0.0.1
        },
        environ={},
    )


@dataclass
class Route:
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    trickle: float = 0.0  # seconds between the body's bytes (a slow server)


@dataclass
class LocalServer:
    """A real HTTP server on 127.0.0.1; ``routes`` maps a path to its response."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, str]]  # (path, User-Agent)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    routes: dict[str, Route] = {}
    requests: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, self.headers.get("User-Agent", "")))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            time.sleep(route.delay)
            try:
                self.send_response(route.status)
                if route.content_type is not None:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.trickle:
                    for index in range(len(route.body)):
                        self.wfile.write(route.body[index : index + 1])
                        self.wfile.flush()
                        time.sleep(route.trickle)
                else:
                    self.wfile.write(route.body)
            except OSError:  # the client gave up (timeout tests)
                return

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_port}", routes, requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def copy_feed(name: str, tmp_path: Path, base: str) -> Path:
    """A copy of the fixture feed ``name`` whose links point at ``base``."""
    target = tmp_path / name
    text = (FIXTURES / name).read_text(encoding="utf-8").replace(FIXTURE_BASE, base)
    target.write_text(text, encoding="utf-8")
    return target
