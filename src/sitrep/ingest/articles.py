"""Build an ``Article`` from text and metadata: cut boilerplate, check size, hash.

Every reader ends here, so the rules that hold for all inputs live in one place::

    >>> from sitrep.config import load_settings
    >>> settings = load_settings()
    >>> article = build_article("Seven killed in Northtown.", origin="a.txt", settings=settings)
    >>> article.published_source
    <PublishedSource.MISSING: 'missing'>
"""

from __future__ import annotations

from datetime import date

from sitrep.config import Settings
from sitrep.errors import EmptyInputError, UnreadableInputError
from sitrep.ingest.boilerplate import split_boilerplate
from sitrep.ingest.dateline import find_dateline, later_header_date
from sitrep.ingest.ids import article_id
from sitrep.ingest.rejections import ArticleTooLongError
from sitrep.types import Article, PublishedSource

# "2018-03-02T10:00:00Z" -> "2018-03-02"
ISO_DATE_CHARS = 10


def build_article(
    text: str,
    *,
    origin: str,
    settings: Settings,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    external_id: str | None = None,
) -> Article:
    """An ``Article`` whose ``text`` is ``text`` minus trailing boilerplate.

    Raises ``EmptyInputError`` when there is no text, ``UnreadableInputError`` when a
    field holds NUL characters and ``ArticleTooLongError`` when the story is longer
    than ``settings.max_article_chars``.
    """
    if not text.strip():
        raise EmptyInputError(origin, "no article text (empty or only whitespace)")
    fields = {"text": text, "title": title, "url": url, "outlet": outlet, "id": external_id}
    with_nul = [name for name, value in fields.items() if value is not None and "\x00" in value]
    if with_nul:
        # No news text holds U+0000; PostgreSQL cannot store it, so every backend refuses
        # it here rather than one of them failing at write time.
        raise UnreadableInputError(
            origin, f"the {', '.join(with_nul)} holds NUL characters (U+0000): not article text"
        )
    story, cut = split_boilerplate(text)
    if len(story) > settings.max_article_chars:
        raise ArticleTooLongError(
            origin,
            f"the text is {len(story):,} characters, more than max_article_chars "
            f"({settings.max_article_chars:,}); split it or raise the setting",
        )
    source = PublishedSource.METADATA
    corrected = later_header_date(story, published) if published is not None else None
    if corrected is not None:
        published, source = corrected, PublishedSource.TEXT
    if published is None:
        published = find_dateline(story)
        source = PublishedSource.MISSING if published is None else PublishedSource.TEXT
    return Article(
        id=article_id(story),
        text=story,
        title=title or None,
        url=url or None,
        outlet=outlet or None,
        published=published,
        published_source=source,
        origin=origin,
        external_id=external_id,
        boilerplate=cut,
    )


def parse_iso_date(value: str) -> date:
    """The date of an ISO date or datetime string ("2018-03-02", "2018-03-02T10:00Z").

    Raises ``ValueError`` when the first 10 characters are not an ISO date.
    """
    return date.fromisoformat(value.strip()[:ISO_DATE_CHARS])


def join_title(title: str | None, body: str) -> str:
    """``title + "\\n\\n" + body``, dropping a first body line that repeats the title."""
    body = body.strip()
    if not title:
        return body
    title = title.strip()
    first, _, rest = body.partition("\n")
    if first.strip().casefold() == title.casefold():
        body = rest.lstrip()
    return f"{title}\n\n{body}" if body else title
