from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings
from sitrep.ingest import fetch, read_inputs
from sitrep.ingest.fetch import fetch_url, is_url
from sitrep.types import Article, PublishedSource, Rejection

from .conftest import LocalServer, Route

PLAIN = b"Seven killed in Northtown\n\nShells hit the market in Northtown on Thursday.\n"


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", None])
def test_fetch_html_page_from_url(
    content_type: str | None,
    fixtures_dir: Path,
    fetch_settings: Settings,
    http_server: LocalServer,
) -> None:
    http_server.routes["/news/1"] = Route((fixtures_dir / "page.html").read_bytes(), content_type)
    url = http_server.url("/news/1")
    (article,) = read_inputs([url], settings=fetch_settings)
    assert isinstance(article, Article)
    assert article.origin == url
    assert article.title == "Shelling hits market in Northtown"
    assert article.url == "https://lantern.example/news/northtown-shelling"  # canonical
    assert article.published == date(2019, 4, 12)
    assert http_server.requests[0][1].startswith("sitrep/")


@pytest.mark.parametrize(
    ("body", "content_type", "title"),
    [
        (PLAIN, "text/plain; charset=utf-8", "Seven killed in Northtown"),
        (b'{"id": "u1", "text": "Troops entered Westmoor."}', "application/json", None),
        (b'{"id": "u1", "text": "Troops entered Westmoor."}\n', "application/x-ndjson", None),
    ],
    ids=["text", "json", "ndjson"],
)
def test_fetch_routes_by_content_type(
    body: bytes,
    content_type: str,
    title: str | None,
    fetch_settings: Settings,
    http_server: LocalServer,
) -> None:
    http_server.routes["/doc"] = Route(body, content_type)
    (article,) = read_inputs([http_server.url("/doc")], settings=fetch_settings)
    assert isinstance(article, Article)
    assert article.title == title


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (None, "HTTP error 404"),
        (Route(b"oops", status=503), "HTTP error 503"),
        (Route(b"", status=302, headers={"Location": "ftp://127.0.0.1/x"}), "non-HTTP"),
        (Route(PLAIN, "text/plain", delay=1.0), "fetch_timeout"),
    ],
    ids=["404", "503", "redirect-to-ftp", "timeout"],
)
def test_fetch_failures_become_rejections(
    route: Route | None, reason: str, tmp_path: Path, http_server: LocalServer
) -> None:
    settings = load_settings(
        overrides={"cache_dir": str(tmp_path), "allow_fetch": True, "fetch_timeout": 0.2},
        environ={},
    )
    if route is not None:
        http_server.routes["/x"] = route
    url = http_server.url("/x")
    (rejection,) = read_inputs([url], settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E106-fetch-failed"
    assert rejection.origin == url
    assert url in rejection.message
    assert reason in rejection.message


@pytest.mark.parametrize("limit", [64])
def test_fetch_size_cap(
    limit: int,
    fetch_settings: Settings,
    http_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch, "MAX_FETCH_BYTES", limit)
    http_server.routes["/big"] = Route(b"x" * (limit + 1), "text/plain")
    (rejection,) = read_inputs([http_server.url("/big")], settings=fetch_settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E106-fetch-failed"
    assert "larger than" in rejection.message


@pytest.mark.parametrize("port_state", ["closed"])
def test_fetch_connection_refused(port_state: str, fetch_settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (rejection,) = read_inputs([f"http://127.0.0.1:{port}/"], settings=fetch_settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E106-fetch-failed"
    assert "cannot fetch" in rejection.message


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/news", "https://example.org/a"])
def test_fetch_disabled_url_is_rejected(url: str, settings: Settings) -> None:
    (rejection,) = read_inputs([url], settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E108-fetch-disabled"
    assert rejection.message.startswith(f"{url}: fetching is disabled")


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd"])
def test_fetch_unsupported_scheme_is_rejected(url: str, fetch_settings: Settings) -> None:
    (rejection,) = read_inputs([url], settings=fetch_settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E101-unreadable"
    assert "unsupported URL scheme" in rejection.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://a.example/x", True),
        ("HTTPS://a.example", True),
        ("http:///nohost", False),
        ("news/story.txt", False),
        ("C:\\news\\story.txt", False),
    ],
)
def test_fetch_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


@pytest.mark.parametrize("charset", ["utf-8", "iso-8859-1"])
def test_fetch_returns_headers(
    charset: str, fetch_settings: Settings, http_server: LocalServer
) -> None:
    http_server.routes["/p"] = Route(PLAIN, f"text/plain; charset={charset}")
    page = fetch_url(http_server.url("/p"), settings=fetch_settings)
    assert page.content == PLAIN
    assert page.content_type == "text/plain"
    assert page.charset == charset
    assert page.url == http_server.url("/p")


@pytest.mark.parametrize("published", [date(2020, 1, 2)])
def test_fetch_published_override_applies_to_urls(
    published: date, fetch_settings: Settings, http_server: LocalServer
) -> None:
    http_server.routes["/t"] = Route(PLAIN, "text/plain")
    (article,) = read_inputs([http_server.url("/t")], settings=fetch_settings, published=published)
    assert isinstance(article, Article)
    assert article.published == published
    assert article.published_source is PublishedSource.GIVEN
