"""HTML pages: the article body and metadata, extracted with trafilatura.

The article text is ``title + "\\n\\n" + body``; title, date, outlet (og:site_name) and
canonical URL come from the page's metadata, and a page that gives a date is
``PublishedSource.METADATA``::

    page = extract_page(markup, origin="page.html")
    page.title, page.outlet, page.published
    # ('Shelling hits market in Northtown', 'The Daily Lantern', datetime.date(2019, 4, 12))

Dates come from the page's metadata only (no guessing from the text or the URL).

``html_to_text`` turns the small HTML fragments of feed summaries into text without
trafilatura (which needs a whole page).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

import trafilatura

from sitrep.config import Settings
from sitrep.errors import MalformedHTMLError
from sitrep.ingest.articles import build_article, join_title, parse_iso_date
from sitrep.types import Article

logger = logging.getLogger(__name__)

# Where a <meta charset> declaration is looked for.
CHARSET_SNIFF_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Only the page's own metadata gives the date: no guessing from the text or the URL.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What trafilatura found in one page."""

    title: str | None
    body: str
    url: str | None
    outlet: str | None
    published: date | None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its top, if any."""
    match = _META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None


def extract_page(markup: str, *, origin: str, url: str | None = None) -> ExtractedPage:
    """Extract body and metadata; ``MalformedHTMLError`` when there is no article text."""
    try:
        document: Any = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, SyntaxError) as err:
        raise MalformedHTMLError(origin, f"cannot parse the HTML ({err})") from err
    body = _text_or_none(getattr(document, "text", None)) if document is not None else None
    if document is None or body is None:
        raise MalformedHTMLError(
            origin, "no article text could be extracted from the HTML (empty or not a page)"
        )
    title = _text_or_none(document.title)
    return ExtractedPage(
        title=title,
        body=body,
        url=_text_or_none(document.url) or url,
        outlet=_text_or_none(document.sitename) or _text_or_none(document.hostname),
        published=_page_date(document.date, origin),
    )


def read_html(markup: str, *, origin: str, settings: Settings, url: str | None = None) -> Article:
    """An ``Article`` from an HTML page: ``title + "\\n\\n" + body`` with metadata."""
    page = extract_page(markup, origin=origin, url=url)
    return build_article(
        join_title(page.title, page.body),
        origin=origin,
        settings=settings,
        title=page.title,
        url=page.url,
        outlet=page.outlet,
        published=page.published,
    )


def _text_or_none(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _page_date(value: object, origin: str) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        logger.warning("%s: ignoring the page date %r: not an ISO date", origin, value)
        return None


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, one line per block element."""

    # fmt: off
    _BLOCKS = frozenset((
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    ))
    # fmt: on
    _SKIPPED = frozenset(("script", "style", "template", "noscript"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - HTMLParser's signature
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, one paragraph per line."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
