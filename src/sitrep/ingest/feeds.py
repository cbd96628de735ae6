"""RSS and Atom feeds: one ``Article`` per item, parsed with feedparser.

Each item gives the title, its link as the URL, the feed's title as the outlet and the
item's date (from feedparser's ``*_parsed`` structs).  When an item carries only a short
summary and ``settings.allow_fetch`` is true, its page is fetched and extracted like any
HTML page; if that fails, the summary is used and the failure logged::

    for result in read_feed(data, origin="world.rss", settings=settings):
        ...  # Article, or Rejection for an item with no text

Items are named ``origin#N`` (counting from 1).  A feed that does not parse is a
``MalformedFeedError``; one that parses but has no items is an ``EmptyInputError``.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from sitrep.config import Settings
from sitrep.errors import EmptyInputError, InputError, MalformedFeedError
from sitrep.ingest.articles import build_article, join_title
from sitrep.ingest.fetch import fetch_url, is_url
from sitrep.ingest.html import extract_page, html_to_text
from sitrep.ingest.rejections import rejection_from_error
from sitrep.ingest.text import decode_bytes
from sitrep.ingest.xml_guard import refuse_xml_entities
from sitrep.types import Article, Rejection

logger = logging.getLogger(__name__)

# An item whose text is shorter than this is a summary: its page is fetched if allowed.
SUMMARY_MAX_CHARS = 400
_DATE_KEYS = ("published_parsed", "updated_parsed", "created_parsed")


def parse_feed(data: bytes, *, origin: str) -> Any:
    """The feedparser result for ``data``; ``MalformedFeedError`` when there are no items.

    The bytes go in as a stream, so feedparser never treats them as a URL or a path; a
    feed that declares XML entities is refused first (``xml_guard``).
    """
    refuse_xml_entities(data, origin=origin)
    parsed: Any = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception") or "not well-formed"
            raise MalformedFeedError(origin, f"not a valid RSS/Atom feed ({reason})")
        if not parsed.get("version"):
            raise MalformedFeedError(origin, "not an RSS or Atom feed")
        raise EmptyInputError(origin, "the feed has no items")
    if parsed.get("bozo"):
        logger.warning(
            "%s: feed is not well-formed (%s); read it anyway", origin, parsed.get("bozo_exception")
        )
    return parsed


def read_feed(data: bytes, *, origin: str, settings: Settings) -> Iterator[Article | Rejection]:
    """One ``Article`` (or ``Rejection``) per feed item."""
    parsed = parse_feed(data, origin=origin)
    outlet = _clean(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(parsed["entries"], start=1):
        item_origin = f"{origin}#{number}"
        try:
            yield _read_entry(entry, origin=item_origin, outlet=outlet, settings=settings)
        except InputError as err:
            yield rejection_from_error(err, _clean(entry.get("summary")))


def read_feed_entry(
    parsed: Any, entry: Any, *, origin: str, settings: Settings
) -> Article | Rejection:
    """One item of a ``parse_feed`` result, as ``read_feed`` reads it.

    For ``sitrep watch``, which picks the items it has not seen before any item page
    is fetched.
    """
    outlet = _clean(parsed.get("feed", {}).get("title"))
    try:
        return _read_entry(entry, origin=origin, outlet=outlet, settings=settings)
    except InputError as err:
        return rejection_from_error(err, _clean(entry.get("summary")))


def _read_entry(entry: Any, *, origin: str, outlet: str | None, settings: Settings) -> Article:
    title = _clean(entry.get("title"))
    link = _clean(entry.get("link"))
    published = _entry_date(entry)
    body = _entry_text(entry)
    if len(body) < SUMMARY_MAX_CHARS and link and is_url(link) and settings.allow_fetch:
        page_body = _fetch_item_page(link, origin=origin, settings=settings)
        if page_body is not None:
            body, published = page_body[0], published or page_body[1]
    if not body and not title:
        raise EmptyInputError(origin, "the item has neither title nor text")
    return build_article(
        join_title(title, body),
        origin=origin,
        settings=settings,
        title=title,
        url=link,
        outlet=outlet,
        published=published,
    )


def _fetch_item_page(
    link: str, *, origin: str, settings: Settings
) -> tuple[str, date | None] | None:
    """The body and date of the item's page, or None (logged) when it cannot be had."""
    try:
        page = fetch_url(link, settings=settings)
        markup = decode_bytes(page.content, origin=link, charset=page.charset)
        extracted = extract_page(markup, origin=link, url=page.url)
    except InputError as err:
        logger.warning("%s: using the feed summary: %s", origin, err)
        return None
    return extracted.body, extracted.published


def _entry_text(entry: Any) -> str:
    """The longest of the item's content blocks and its summary, as plain text."""
    details = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        details.append(entry["summary_detail"])
    elif entry.get("summary"):
        details.append({"value": entry["summary"], "type": "text/html"})
    texts = [_detail_text(detail) for detail in details]
    return max(texts, key=len, default="")


def _detail_text(detail: Any) -> str:
    value = detail.get("value")
    if not isinstance(value, str):
        return ""
    if detail.get("type") == "text/plain":
        return value.strip()
    return html_to_text(value)


def _entry_date(entry: Any) -> date | None:
    for key in _DATE_KEYS:
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _clean(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
