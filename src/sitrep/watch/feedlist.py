"""The feeds to watch, from the command line: URLs, or files that list them.

    >>> read_feed_list(["https://example.org/world.rss"])
    ['https://example.org/world.rss']

A file lists one URL a line; blank lines and lines starting with ``#`` are skipped.
A URL given twice is watched once, in the order first given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.ingest.fetch import is_url

__all__ = ["FeedListError", "read_feed_list"]


class FeedListError(SitrepError, ValueError):
    """A FEEDS argument is neither an http(s) URL nor a readable list of them."""


def read_feed_list(arguments: Sequence[str]) -> list[str]:
    """Every feed URL the arguments give, once each, in order."""
    feeds: list[str] = []
    for argument in arguments:
        for url in _urls_in(argument):
            if url not in feeds:
                feeds.append(url)
    if not feeds:
        raise FeedListError("no feed to watch: give feed URLs or a file that lists them")
    return feeds


def _urls_in(argument: str) -> list[str]:
    if is_url(argument):
        return [argument]
    if "://" in argument:
        raise FeedListError(f"{argument}: not an http(s) URL")
    path = Path(argument)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FeedListError(f"{argument}: neither a feed URL nor a file listing them") from None
    except (OSError, UnicodeDecodeError) as err:
        raise FeedListError(f"{argument}: cannot read the feed list ({err})") from err
    urls: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise FeedListError(f"{argument}:{number}: not an http(s) URL: {line!r}")
        urls.append(line)
    return urls
