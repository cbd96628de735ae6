"""Which country a story was published in, from its web address.

A Canadian paper's "London" is London, Ontario more often than not, and its readers
need no "Canada" to know it.  The country-code domain of the article's address
(``cbc.ca``, ``thesun.co.uk``, ``smh.com.au``) says where the publisher is;
``publisher_focus`` turns it into a small country weight that ``resolve`` adds to the
countries the story names, so it tips a bare, ambiguous name and nothing more.  Generic
domains (``.com``, ``.org``, ``.net``) and country codes sold as vanity names (``.tv``,
``.io``, ``.co``, ``.me``, ``.fm``, ``.ly``, ``.ai``) say nothing.

    >>> publisher_focus("https://www.cbc.ca/news/canada/london/story-1.123")
    {'CA': 0.4}
    >>> publisher_focus("www.thesun.co.uk"), publisher_focus("https://www.reuters.com/x")
    ({'GB': 0.4}, {})
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["PUBLISHER_WEIGHT", "host_of", "publisher_country", "publisher_focus"]

# Under half a mention of the country by name: a tie-breaker, not a verdict.
PUBLISHER_WEIGHT = 0.4
# Country codes whose domains are bought for their letters, not their country.
_VANITY = frozenset(
    ["tv", "io", "co", "me", "fm", "ly", "ai", "am", "cc", "ws", "to", "nu", "gg", "la"]
)
# Domain codes that are not the ISO 3166 code of their country.
_ISO_OF_DOMAIN = {"uk": "GB"}
_HOST = re.compile(r"^[a-z0-9.-]+$")


def host_of(address: str | None) -> str | None:
    """The lower-case host name of a URL or of a bare host ("www.cbc.ca"); None when the
    text is not a web address."""
    if not address or not isinstance(address, str):
        return None
    text = address.strip().lower()
    if "//" not in text:
        text = "//" + text
    try:
        host = (urlsplit(text).hostname or "").rstrip(".")
    except ValueError:
        return None
    if "." not in host or not _HOST.match(host) or not all(host.split(".")):
        return None
    return host


def publisher_country(address: str | None) -> str | None:
    """ISO2 of the country-code domain of a URL or bare host name; None for generic
    domains, vanity codes and anything that is not a web address."""
    host = host_of(address)
    if host is None:
        return None
    code = host.rsplit(".", 1)[1]
    if len(code) != 2 or not code.isalpha() or code in _VANITY:
        return None
    return _ISO_OF_DOMAIN.get(code, code.upper())


def publisher_focus(address: str | None) -> dict[str, float]:
    """Country weight (ISO2 -> ``PUBLISHER_WEIGHT``) of the publisher's domain, or {}."""
    country = publisher_country(address)
    return {country: PUBLISHER_WEIGHT} if country else {}
