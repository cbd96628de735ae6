from __future__ import annotations

import gzip
import re
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings
from sitrep.errors import FetchError
from sitrep.ingest import fetch, read_inputs
from sitrep.ingest.fetch import (
    FetchStatusError,
    Transport,
    UnsafeURLError,
    fetch_url,
    is_url,
    parse_retry_after,
)
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
        overrides={
            "cache_dir": str(tmp_path),
            "allow_fetch": True,
            "fetch_timeout": 0.2,
            "allow_private_urls": True,
        },
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


# -- safe fetching: addresses, redirects, deadlines, encodings ----------------------------

PUBLIC = "93.184.216.34"  # an address outside every reserved range


@pytest.fixture
def public_settings(tmp_path: Path) -> Settings:
    """Fetching on, private addresses refused (the default), a short deadline."""
    return load_settings(
        overrides={"cache_dir": str(tmp_path), "allow_fetch": True, "fetch_timeout": 2.0},
        environ={},
    )


@dataclass
class FakeNetwork:
    """DNS answers by name; every connection goes to the local server, and is recorded."""

    server_port: int
    names: dict[str, list[str]]
    lookups: list[str] = field(default_factory=list)
    connects: list[tuple[str, int]] = field(default_factory=list)

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.names[host]

    def connect(self, address: str, port: int, timeout: float) -> socket.socket:
        self.connects.append((address, port))
        return socket.create_connection(("127.0.0.1", self.server_port), timeout=timeout)

    @property
    def transport(self) -> Transport:
        return Transport(resolve=self.resolve, connect=self.connect)


@pytest.fixture
def network(http_server: LocalServer) -> FakeNetwork:
    port = int(http_server.base.rsplit(":", 1)[1])
    return FakeNetwork(
        port,
        {
            "news.test": [PUBLIC],
            "intranet.test": ["10.1.2.3"],
            "metadata.test": ["169.254.169.254"],
            "mixed.test": [PUBLIC, "192.168.1.20"],
            "v6.test": ["fd12:3456::1"],
        },
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/admin", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://224.0.0.251/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "non-public"),
        ("http://[fd00::1]/", "private"),
        ("http://[::ffff:127.0.0.1]/", "loopback (IPv4 127.0.0.1 inside"),
        ("http://[::ffff:169.254.169.254]/", "link-local (IPv4 169.254.169.254"),
        ("http://[2002:7f00:1::]/", "loopback (IPv4 127.0.0.1 inside"),
        ("http://[64:ff9b::a00:1]/", "private (IPv4 10.0.0.1 inside"),
        ("http://2130706433/", "non-standard form"),
        ("http://0x7f.1/", "non-standard form"),
        ("http://0177.0.0.1/", "non-standard form"),
        ("http://127.1/", "non-standard form"),
        ("http://0/", "non-standard form"),
    ],
)
def test_fetch_refuses_non_public_addresses(
    url: str, reason: str, public_settings: Settings, network: FakeNetwork
) -> None:
    with pytest.raises(UnsafeURLError) as caught:
        fetch_url(url, settings=public_settings, transport=network.transport)
    assert caught.value.code == "E106-fetch-failed"
    assert str(caught.value).startswith(f"{url}: ")
    assert reason in str(caught.value)
    assert network.connects == []  # refused before any connection


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("intranet.test", "resolves to 10.1.2.3, a private address"),
        ("metadata.test", "resolves to 169.254.169.254, a link-local address"),
        ("mixed.test", "resolves to 192.168.1.20, a private address"),
        ("v6.test", "resolves to fd12:3456::1, a private address"),
    ],
)
def test_fetch_refuses_names_that_resolve_to_private_addresses(
    host: str, reason: str, public_settings: Settings, network: FakeNetwork
) -> None:
    url = f"http://{host}/feed.rss"
    with pytest.raises(UnsafeURLError, match=reason) as caught:
        fetch_url(url, settings=public_settings, transport=network.transport)
    assert "allow_private_urls = true" in str(caught.value)
    assert network.connects == []


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.1:{port}/secret", "127.0.0.1 is a loopback address"),
        ("http://metadata.test/latest/meta-data/", "169.254.169.254, a link-local"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://2130706433/", "non-standard form"),
        ("http://intranet.test/", "10.1.2.3, a private address"),
    ],
)
def test_fetch_refuses_redirects_to_private_addresses(
    location: str,
    reason: str,
    public_settings: Settings,
    network: FakeNetwork,
    http_server: LocalServer,
) -> None:
    target = location.format(port=network.server_port)
    http_server.routes["/go"] = Route(b"", status=302, headers={"Location": target})
    http_server.routes["/secret"] = Route(PLAIN, "text/plain")
    url = "http://news.test/go"
    with pytest.raises(UnsafeURLError) as caught:
        fetch_url(url, settings=public_settings, transport=network.transport)
    message = str(caught.value)
    assert message.startswith(f"{url}: redirected to {target}: ")
    assert reason in message
    assert network.connects == [(PUBLIC, 80)]  # the allowed first hop only
    assert [path for path, _ in http_server.requests] == ["/go"]


@pytest.mark.parametrize("hops", [1])
def test_fetch_connects_to_the_checked_address_not_a_second_lookup(
    hops: int, public_settings: Settings, network: FakeNetwork, http_server: LocalServer
) -> None:
    """DNS rebinding: a second answer (127.0.0.1) is never asked for on the same hop."""
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    network.names = {}
    transport = Transport(
        resolve=lambda host, port: (network.lookups.append(host), next(answers))[1],
        connect=network.connect,
    )
    http_server.routes["/page"] = Route(PLAIN, "text/plain")
    page = fetch_url("http://news.test/page", settings=public_settings, transport=transport)
    assert page.content == PLAIN
    assert network.lookups == ["news.test"] * hops
    assert network.connects == [(PUBLIC, 80)]
    # The next hop of a redirect is looked up (and checked) again: now refused.
    http_server.routes["/hop"] = Route(b"", status=301, headers={"Location": "/page"})
    with pytest.raises(UnsafeURLError, match=re.escape("127.0.0.1, a loopback address")):
        fetch_url("http://news.test/hop", settings=public_settings, transport=transport)


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-zlib.MAX_WBITS)),
        ("identity", lambda data: data),
    ],
    ids=["gzip", "x-gzip", "deflate-zlib", "deflate-raw", "identity"],
)
def test_fetch_decodes_content_encoding(
    encoding: str,
    encode: Callable[[bytes], bytes],
    fetch_settings: Settings,
    http_server: LocalServer,
) -> None:
    body = PLAIN * 50
    http_server.routes["/z"] = Route(
        encode(body), "text/plain", headers={"Content-Encoding": encoding}
    )
    assert fetch_url(http_server.url("/z"), settings=fetch_settings).content == body


def _gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes, built without holding them (a bomb)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(2**20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, packer.flush()])


@pytest.mark.parametrize("inflated_mb", [200])
def test_fetch_gzip_bomb_is_refused_without_inflating_it(
    inflated_mb: int,
    fetch_settings: Settings,
    http_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch, "MAX_FETCH_BYTES", 2 * 2**20)
    bomb = _gzip_of_zeros(inflated_mb * 2**20)
    assert len(bomb) < 2**20  # small on the wire
    http_server.routes["/bomb"] = Route(bomb, "text/html", headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="inflates to more than 2 MB") as caught:
            fetch_url(http_server.url("/bomb"), settings=fetch_settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value).startswith(http_server.url("/bomb"))
    assert peak < 12 * 2**20  # the cap and a chunk or two, never the 200 MB


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"abc", headers={"Content-Encoding": "br"}), "unsupported Content-Encoding 'br'"),
        (
            Route(b"abc", headers={"Content-Encoding": "gzip, gzip"}),
            "unsupported Content-Encoding",
        ),
        (Route(b"not gzip at all", headers={"Content-Encoding": "gzip"}), "body is corrupt"),
        (
            Route(gzip.compress(b"a short body")[:-6], headers={"Content-Encoding": "gzip"}),
            "body is truncated",
        ),
        (Route(b"x" * 65), "larger than 64 bytes"),
        (Route(gzip.compress(b"x" * 65), headers={"Content-Encoding": "gzip"}), "inflates"),
    ],
    ids=["br", "double-gzip", "corrupt", "truncated", "oversize", "oversize-decoded"],
)
def test_fetch_bad_bodies_are_refused(
    route: Route,
    reason: str,
    fetch_settings: Settings,
    http_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch, "MAX_FETCH_BYTES", 64)
    http_server.routes["/b"] = route
    with pytest.raises(FetchError, match=re.escape(reason)) as caught:
        fetch_url(http_server.url("/b"), settings=fetch_settings)
    assert str(caught.value).startswith(http_server.url("/b"))


@pytest.mark.parametrize("trickle", [0.05])
def test_fetch_slow_server_hits_the_total_time_limit(
    trickle: float, tmp_path: Path, http_server: LocalServer
) -> None:
    """Each byte arrives well within a socket timeout; the whole body never does."""
    settings = load_settings(
        overrides={
            "cache_dir": str(tmp_path),
            "allow_fetch": True,
            "fetch_timeout": 0.5,
            "allow_private_urls": True,
        },
        environ={},
    )
    http_server.routes["/slow"] = Route(PLAIN * 4, "text/plain", trickle=trickle)
    started = time.monotonic()
    with pytest.raises(FetchError, match=re.escape("within fetch_timeout (0.5 s)")):
        fetch_url(http_server.url("/slow"), settings=settings)
    assert time.monotonic() - started < 1.5  # the body would take 14 s


@pytest.mark.parametrize(
    ("headers", "retry_after"),
    [({"Retry-After": "120"}, 120.0), ({}, None), ({"Retry-After": "soon"}, None)],
)
def test_fetch_error_status_carries_retry_after(
    headers: dict[str, str],
    retry_after: float | None,
    fetch_settings: Settings,
    http_server: LocalServer,
) -> None:
    http_server.routes["/busy"] = Route(b"busy", status=503, headers=headers)
    with pytest.raises(FetchStatusError) as caught:
        fetch_url(http_server.url("/busy"), settings=fetch_settings)
    assert caught.value.status == 503
    assert caught.value.retry_after == retry_after


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 60.0),
        ("Wed, 21 Oct 2015 07:20:00 GMT", 0.0),  # in the past: now
        ("", None),
        ("-5", None),
    ],
)
def test_fetch_parse_retry_after(value: str, seconds: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 27, tzinfo=UTC).timestamp()
    assert parse_retry_after(value, now=now) == seconds


@pytest.mark.parametrize("etag", ['"v1"'])
def test_fetch_conditional_get_not_modified(
    etag: str, fetch_settings: Settings, http_server: LocalServer
) -> None:
    http_server.routes["/feed"] = Route(b"", None, status=304, headers={"ETag": etag})
    page = fetch_url(http_server.url("/feed"), settings=fetch_settings, etag=etag)
    assert page.not_modified
    assert page.content == b""
    assert page.etag == etag
