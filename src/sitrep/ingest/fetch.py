"""HTTP GET for URL inputs and feed item pages, with the standard library only.

One request per URL, ``settings.fetch_timeout`` seconds, a User-Agent that names
sitrep, at most 10 MB, and http(s) only (redirects included)::

    page = fetch_url("https://example.org/news/1", settings=settings)
    page.content_type  # "text/html": files.kind_for_content_type routes it

Every failure is a ``FetchError`` (E106); a URL while ``allow_fetch`` is false is a
``FetchDisabledError`` (E108).
"""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO

from sitrep import __version__
from sitrep.config import Settings
from sitrep.errors import FetchError
from sitrep.ingest.rejections import FetchDisabledError

logger = logging.getLogger(__name__)

# The most bytes read from one response.
MAX_FETCH_BYTES = 10 * 1024 * 1024
USER_AGENT = f"sitrep/{__version__} (conflict news event coder; python-urllib)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
SCHEMES = frozenset(("http", "https"))


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One HTTP response body and what its headers say about it."""

    url: str  # the final URL, after redirects
    content: bytes
    content_type: str | None  # media type, lower case, no parameters; None if not sent
    charset: str | None


class _HTTPOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) URLs only (urllib would also follow ftp://)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise urllib.error.HTTPError(
                newurl, code, f"redirect to a non-HTTP URL {newurl}", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_url(value: str) -> bool:
    """Whether ``value`` is an http(s) URL."""
    parts = urllib.parse.urlsplit(value)
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def fetch_url(url: str, *, settings: Settings) -> FetchedPage:
    """GET ``url``; raise ``FetchError`` on any failure."""
    if not settings.allow_fetch:
        raise FetchDisabledError(
            url,
            "fetching is disabled (allow_fetch = false); save the page and give the file, "
            "or set SITREP_ALLOW_FETCH=true",
        )
    if not is_url(url):
        raise FetchError(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    opener = urllib.request.build_opener(_HTTPOnlyRedirects)
    logger.debug("fetching %s", url)
    try:
        with opener.open(request, timeout=settings.fetch_timeout) as response:
            final_url = response.geturl()
            headers = response.headers
            content = response.read(MAX_FETCH_BYTES + 1)
    except urllib.error.HTTPError as err:
        err.close()
        raise FetchError(url, f"HTTP error {err.code} ({err.reason})") from err
    except urllib.error.URLError as err:
        raise FetchError(url, f"cannot fetch it ({err.reason})") from err
    except TimeoutError as err:
        raise FetchError(
            url, f"no answer within fetch_timeout ({settings.fetch_timeout:g} s)"
        ) from err
    except (OSError, http.client.HTTPException, ValueError) as err:
        raise FetchError(url, f"cannot fetch it ({err})") from err
    if len(content) > MAX_FETCH_BYTES:
        raise FetchError(url, f"the response is larger than {MAX_FETCH_BYTES // 2**20} MB")
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    return FetchedPage(
        url=final_url,
        content=content,
        content_type=content_type,
        charset=headers.get_content_charset(),
    )
