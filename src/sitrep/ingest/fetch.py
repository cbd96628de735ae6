"""HTTP GET for URL inputs, feed item pages and ``sitrep watch``, with the standard library.

One GET per URL, redirects followed by hand (http(s) only, at most 10), a User-Agent
that names sitrep, ``settings.fetch_timeout`` seconds for the whole fetch, and at most
10 MB of body after decoding::

    page = fetch_url("https://example.org/news/1", settings=settings)
    page.content_type  # "text/html": files.kind_for_content_type routes it

    page = fetch_url(feed, settings=settings, etag=old.etag)   # conditional GET
    page.not_modified  # True on 304: nothing to read

Safety, since a feed chooses the URLs it links to (``docs/watch.md``):

- each hop's host is resolved once and every address checked (``addresses``): private,
  loopback, link-local, multicast, reserved and unspecified targets are refused unless
  ``allow_private_urls``; the socket connects to the checked address, never to the name
  again, so a second DNS answer cannot slip in (rebinding);
- ``fetch_timeout`` bounds the whole fetch, not each socket call: a server that trickles
  one byte a second is cut off at the deadline by a watchdog;
- gzip and deflate bodies are inflated incrementally and never past the size limit, so a
  compression bomb is refused after at most 10 MB; other encodings are refused.

Environment proxies are not used: a proxy would resolve names itself, past the check.

Every failure is a ``FetchError`` (E106): ``UnsafeURLError`` for a refused address,
``FetchStatusError`` for an HTTP error status (with its ``Retry-After``); a URL while
``allow_fetch`` is false is a ``FetchDisabledError`` (E108).
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import logging
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC

from sitrep import __version__
from sitrep.config import Settings
from sitrep.errors import FetchError
from sitrep.ingest.addresses import (
    Resolver,
    UnsafeURLError,
    checked_addresses,
    resolve_host,
)
from sitrep.ingest.rejections import FetchDisabledError

__all__ = [
    "FetchStatusError",
    "FetchedPage",
    "Transport",
    "UnsafeURLError",
    "fetch_url",
    "is_url",
    "parse_retry_after",
]

logger = logging.getLogger(__name__)

# The most bytes of one response body, after decoding (and before: raw bytes too).
MAX_FETCH_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
CHUNK_BYTES = 64 * 1024
USER_AGENT = f"sitrep/{__version__} (conflict news event coder; python http.client)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
ACCEPT_ENCODING = "gzip, deflate"
SCHEMES = frozenset(("http", "https"))
_REDIRECTS = frozenset((301, 302, 303, 307, 308))
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are when a URL's path and query are percent-encoded.
_URL_SAFE = "/%:@!$&'()*+,;=-._~?#[]"

# (address, port, timeout seconds) -> a connected TCP socket.
Connector = Callable[[str, int, float], socket.socket]


def open_connection(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to one address (a checked IP, never a name)."""
    return socket.create_connection((address, port), timeout=timeout)


@dataclass(frozen=True, slots=True)
class Transport:
    """How ``fetch_url`` reaches the network: name lookup and TCP connect.

    Tests replace either to simulate DNS or to route a "public" address to a local
    server; the address check between them stays the real one.
    """

    resolve: Resolver = resolve_host
    connect: Connector = open_connection


DEFAULT_TRANSPORT = Transport()


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One HTTP response body and what its headers say about it."""

    url: str  # the final URL, after redirects
    content: bytes
    content_type: str | None  # media type, lower case, no parameters; None if not sent
    charset: str | None
    status: int = 200
    etag: str | None = None  # validators for the next conditional GET
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """A 304 to a conditional GET: the caller's copy is current; content is empty."""
        return self.status == http.client.NOT_MODIFIED


class FetchStatusError(FetchError):
    """The server answered with an error status; ``retry_after`` in seconds, if it said."""

    def __init__(self, origin: str, message: str, *, status: int, retry_after: float | None):
        super().__init__(origin, message)
        self.status = status
        self.retry_after = retry_after


def is_url(value: str) -> bool:
    """Whether ``value`` is an http(s) URL."""
    parts = urllib.parse.urlsplit(value)
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date).

    >>> parse_retry_after("120", now=0.0)
    120.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def fetch_url(
    url: str,
    *,
    settings: Settings,
    etag: str | None = None,
    last_modified: str | None = None,
    transport: Transport | None = None,
) -> FetchedPage:
    """GET ``url`` (conditionally, given a validator); raise ``FetchError`` on any failure."""
    if not settings.allow_fetch:
        raise FetchDisabledError(
            url,
            "fetching is disabled (allow_fetch = false); save the page and give the file, "
            "or set SITREP_ALLOW_FETCH=true",
        )
    if not is_url(url):
        raise FetchError(url, "not an http(s) URL")
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = _Deadline(settings.fetch_timeout)
    logger.debug("fetching %s", url)
    try:
        return _follow(url, headers, settings, transport or DEFAULT_TRANSPORT, deadline)
    except FetchError:
        raise
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as err:
        if isinstance(err, TimeoutError) or deadline.expired():
            raise FetchError(url, deadline.message()) from err
        raise FetchError(url, f"cannot fetch it ({_reason(err)})") from err


def _reason(err: BaseException) -> str:
    if isinstance(err, socket.gaierror):
        return f"cannot resolve the host: {err.strerror or err}"
    return str(err) or type(err).__name__


class _Deadline:
    """The time left to a whole fetch; not a dataclass: it starts a clock."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def socket_timeout(self) -> float:
        return max(0.001, min(self.seconds, self.remaining()))

    def message(self) -> str:
        return f"no complete answer within fetch_timeout ({self.seconds:g} s)"

    def check(self, url: str) -> None:
        if self.expired():
            raise FetchError(url, self.message())

    def watch(self, connection: _PinnedConnection) -> threading.Timer:
        """Shut the connection's socket at the deadline, waking a blocked read."""
        timer = threading.Timer(max(0.0, self.remaining()), _shut, args=(connection,))
        timer.daemon = True
        timer.start()
        return timer


def _shut(connection: _PinnedConnection) -> None:
    # Not connection.sock: http.client drops it once the response owns the socket.
    sock = connection.opened
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _follow(
    url: str,
    headers: dict[str, str],
    settings: Settings,
    transport: Transport,
    deadline: _Deadline,
) -> FetchedPage:
    """Fetch ``url``, following redirects; every hop is checked as the first was."""
    target = url
    for _hop in range(MAX_REDIRECTS + 1):
        deadline.check(url)
        outcome = _fetch_hop(url, target, headers, settings, transport, deadline)
        if isinstance(outcome, FetchedPage):
            return outcome
        logger.debug("%s: redirected to %s", url, outcome)
        target = outcome
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _fetch_hop(
    url: str,
    target: str,
    headers: dict[str, str],
    settings: Settings,
    transport: Transport,
    deadline: _Deadline,
) -> FetchedPage | str:
    """One request: the page, or the URL a redirect points to."""
    parts = urllib.parse.urlsplit(target)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").encode("idna").decode("ascii")
    port = parts.port or _DEFAULT_PORTS[scheme]
    try:
        addresses = checked_addresses(
            url, host, port, allow_private=settings.allow_private_urls, resolve=transport.resolve
        )
    except UnsafeURLError as err:
        if target == url:
            raise
        raise UnsafeURLError(url, f"redirected to {target}: {err.reason}") from err
    connection = _PinnedConnection(
        host,
        port,
        addresses=addresses,
        connect=transport.connect,
        tls=ssl.create_default_context() if scheme == "https" else None,
        timeout=deadline.socket_timeout(),
    )
    watchdog = deadline.watch(connection)
    response: http.client.HTTPResponse | None = None
    try:
        connection.request("GET", _request_path(parts), headers={**headers, "Connection": "close"})
        response = connection.getresponse()
        if response.status in _REDIRECTS:
            return _redirect_target(url, target, response)
        return _page(url, target, response, deadline)
    finally:
        watchdog.cancel()
        if response is not None:
            response.close()
        connection.close()


def _request_path(parts: urllib.parse.SplitResult) -> str:
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return urllib.parse.quote(path, safe=_URL_SAFE)


def _redirect_target(url: str, target: str, response: http.client.HTTPResponse) -> str:
    location = response.getheader("Location")
    if not location:
        raise FetchError(url, f"HTTP {response.status} redirect without a Location")
    following = urllib.parse.urljoin(target, location.strip())
    if urllib.parse.urlsplit(following).scheme.lower() not in SCHEMES:
        raise FetchError(url, f"redirect to a non-HTTP URL {following}")
    return following


def _page(
    url: str, target: str, response: http.client.HTTPResponse, deadline: _Deadline
) -> FetchedPage:
    headers = response.headers
    page = FetchedPage(
        url=target,
        content=b"",
        content_type=headers.get_content_type() if headers.get("Content-Type") else None,
        charset=headers.get_content_charset(),
        status=response.status,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
    )
    if response.status == http.client.NOT_MODIFIED:
        return page
    if response.status >= http.client.BAD_REQUEST or response.status < http.client.OK:
        raise FetchStatusError(
            url,
            f"HTTP error {response.status} ({response.reason})",
            status=response.status,
            retry_after=parse_retry_after(headers.get("Retry-After"), now=time.time()),
        )
    if response.status >= http.client.MULTIPLE_CHOICES:
        raise FetchError(url, f"HTTP status {response.status} ({response.reason}) not followed")
    return FetchedPage(
        url=page.url,
        content=_read_body(url, response, deadline),
        content_type=page.content_type,
        charset=page.charset,
        status=page.status,
        etag=page.etag,
        last_modified=page.last_modified,
    )


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to checked addresses; the Host header and TLS keep the name.

    Not a plain ``HTTPConnection(host)``: that would resolve the name again on connect.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        addresses: Sequence[str],
        connect: Connector,
        tls: ssl.SSLContext | None,
        timeout: float,
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = tuple(addresses)
        self._open = connect
        self._tls = tls
        self.opened: socket.socket | None = None  # kept for the deadline's watchdog
        if tls is not None:
            self.default_port = 443

    def connect(self) -> None:
        timeout = self.timeout if isinstance(self.timeout, float | int) else 20.0
        sock = _connect_any(self._addresses, self.port, float(timeout), self._open)
        if self._tls is not None:
            sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        self.sock = self.opened = sock


def _connect_any(
    addresses: Sequence[str], port: int, timeout: float, connect: Connector
) -> socket.socket:
    """A connection to the first of ``addresses`` that answers (all were checked)."""
    failure: OSError | None = None
    for address in addresses:
        try:
            return connect(address, port, timeout)
        except TimeoutError:
            raise
        except OSError as err:
            failure = err
    raise failure or OSError("no address to connect to")


def _read_body(url: str, response: http.client.HTTPResponse, deadline: _Deadline) -> bytes:
    """The decoded body, refused past ``MAX_FETCH_BYTES`` (raw or decoded) or the deadline."""
    limit = MAX_FETCH_BYTES
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise FetchError(url, _too_large(limit))
    decoder = BodyDecoder(url, response.getheader("Content-Encoding"), limit=limit)
    raw = 0
    while chunk := response.read(CHUNK_BYTES):
        deadline.check(url)
        raw += len(chunk)
        if raw > limit:
            raise FetchError(url, _too_large(limit))
        decoder.feed(chunk)
    deadline.check(url)
    return decoder.finish()


def _too_large(limit: int) -> str:
    return f"the response is larger than {_megabytes(limit)}"


def _megabytes(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit:,} bytes"


class BodyDecoder:
    """Undoes a ``Content-Encoding`` chunk by chunk, never holding more than ``limit``.

    ``zlib``'s ``max_length`` stops inflation one byte past the room left, so a gzip
    bomb costs at most ``limit`` bytes of memory before it is refused.  Deflate is read
    as zlib-wrapped or raw, whichever the first bytes say (servers send both).
    """

    IDENTITY = frozenset(("", "identity"))
    GZIP = frozenset(("gzip", "x-gzip"))

    def __init__(self, url: str, encoding: str | None, *, limit: int) -> None:
        self.url = url
        self.encoding = (encoding or "").strip().lower()
        self.limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        self._pending = b""
        self._fed = False  # an empty body is empty whatever its encoding says
        self._inflater: zlib._Decompress | None = None
        if self.encoding in self.GZIP:
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding not in self.IDENTITY and self.encoding != "deflate":
            raise FetchError(
                url, f"unsupported Content-Encoding {self.encoding!r} (sitrep reads gzip, deflate)"
            )

    def feed(self, chunk: bytes) -> None:
        self._fed = self._fed or bool(chunk)
        if self.encoding in self.IDENTITY:
            self._keep(chunk)
            return
        if self._inflater is None:  # deflate: wait for the two header bytes
            self._pending += chunk
            if len(self._pending) < 2:
                return
            chunk, self._pending = self._pending, b""
            self._inflater = zlib.decompressobj(
                zlib.MAX_WBITS if _zlib_header(chunk) else -zlib.MAX_WBITS
            )
        if self._inflater.eof:
            return  # trailing bytes after the stream's end are ignored
        room = self.limit - self._size
        try:
            out = self._inflater.decompress(chunk, room + 1)
        except zlib.error as err:
            raise FetchError(self.url, f"the {self.encoding} body is corrupt ({err})") from err
        if len(out) > room:
            raise FetchError(
                self.url,
                f"the {self.encoding} response inflates to more than {_megabytes(self.limit)}: "
                "refused (a compression bomb?)",
            )
        self._keep(out)

    def finish(self) -> bytes:
        if self.encoding not in self.IDENTITY and self._fed:
            if self._pending:
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                pending, self._pending = self._pending, b""
                self.feed(pending)
            if self._inflater is not None and not self._inflater.eof:
                raise FetchError(self.url, f"the {self.encoding} body is truncated")
        return b"".join(self._parts)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.limit:
            raise FetchError(self.url, _too_large(self.limit))
        if data:
            self._parts.append(data)


def _zlib_header(data: bytes) -> bool:
    """Whether ``data`` opens with a zlib header (RFC 1950: CM 8, FCHECK)."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
