"""Which network addresses sitrep may fetch from: public ones, unless a setting says so.

    >>> refusal_reason(ipaddress.ip_address("169.254.169.254"))
    'link-local'
    >>> refusal_reason(ipaddress.ip_address("::ffff:10.0.0.1"))
    'private (IPv4 10.0.0.1 inside an IPv6 address)'
    >>> refusal_reason(ipaddress.ip_address("93.184.216.34")) is None
    True

A URL in a feed is chosen by whoever writes the feed.  Fetching it from inside a network
can reach what that network hides: a cloud metadata service (169.254.169.254), a database
console on localhost, a router's admin page.  So every hop of a fetch (redirects
included) is resolved once, every address it resolves to is checked here, and the
connection goes to an address that was checked, never to the name again (a second
lookup could answer differently: DNS rebinding).  ``allow_private_urls = true`` turns
the address check off for a trusted network, such as a local feed server.

Hosts written as numbers in a non-standard form (``2130706433``, ``0x7f.1``,
``0177.0.0.1``, ``127.1``) are refused even then: resolvers read them as addresses, URL
filters often do not, and no real feed needs them.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence

from sitrep.errors import FetchError

__all__ = [
    "Resolver",
    "UnsafeURLError",
    "checked_addresses",
    "is_obfuscated_ip",
    "refusal_reason",
    "resolve_host",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> the addresses it resolves to, as strings ("93.184.216.34", "2001:db8::1").
Resolver = Callable[[str, int], Sequence[str]]

_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)\Z", re.IGNORECASE)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_ALLOW_HINT = "set allow_private_urls = true to fetch from a trusted private network"


class UnsafeURLError(FetchError):
    """A URL (or a redirect) points at an address sitrep refuses to fetch from (E106)."""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to for TCP, in the resolver's order, once each."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def refusal_reason(address: IPAddress) -> str | None:
    """Why ``address`` is not a public one (e.g. ``"loopback"``), or None when it is."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = refusal_reason(embedded)
        return f"{reason} (IPv4 {embedded} inside an IPv6 address)" if reason else None
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_obfuscated_ip(host: str) -> bool:
    """Whether ``host`` is a number that is not a canonical IP address (``127.1``)."""
    labels = host.rstrip(".").split(".")
    if not all(_NUMERIC_LABEL.match(label) for label in labels):
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return True
    return False


def checked_addresses(
    url: str, host: str, port: int, *, allow_private: bool, resolve: Resolver
) -> list[str]:
    """The addresses to connect to for ``host``, each one checked; ``UnsafeURLError`` else.

    A name that resolves to any refused address is refused whole: trying the public
    addresses first and falling back to a private one is what an attacker's DNS hopes for.
    ``url`` names the request in the error (the first URL, when this is a redirect).
    """
    if is_obfuscated_ip(host):
        raise UnsafeURLError(
            url, f"the host {host!r} is a number in a non-standard form; write it as a name"
        )
    literal = _ip_literal(host)
    addresses = [host] if literal is not None else list(resolve(host, port))
    if not addresses:
        raise FetchError(url, f"cannot fetch it (the host {host} resolves to no address)")
    if allow_private:
        return addresses
    for text in addresses:
        reason = refusal_reason(ipaddress.ip_address(text.partition("%")[0]))
        if reason is not None:
            where = f"{host} is" if literal is not None else f"{host} resolves to {text},"
            raise UnsafeURLError(url, f"{where} a {reason} address: refused ({_ALLOW_HINT})")
    return addresses


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return None
