"""Refuse XML that declares entities: billion-laughs bombs and external entities (XXE).

    >>> refuse_xml_entities(b"<rss version='2.0'><channel/></rss>", origin="ok.rss")

Feeds are untrusted.  feedparser happens not to expand such entities today (expat's
amplification limit, external entities off by default), but a reader that silently
drops ``&xxe;`` or leaves ``&lol9;`` in a title is relying on a library's internals and
on luck.  Real RSS and Atom feeds never declare entities, so a feed that does is refused
outright, with an error that says why, before any parser expands anything.
defusedxml does the detection; a feed that is not well-formed past its prologue is left
to feedparser, which reads broken feeds leniently.
"""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from sitrep.errors import MalformedFeedError

__all__ = ["refuse_xml_entities"]


def refuse_xml_entities(data: bytes, *, origin: str) -> None:
    """Raise ``MalformedFeedError`` (E105) when ``data`` declares XML entities."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise MalformedFeedError(
            origin,
            f"declares XML entities ({type(error).__name__}); refused: an entity can be an"
            " XML bomb or read local files (XXE), and real feeds never declare them",
        ) from None
    except (ParseError, ValueError):
        return  # not well-formed: feedparser reads it leniently, without a DTD
