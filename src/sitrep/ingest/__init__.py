"""Ingest: files, folders, URLs and stdin in; ``Article`` or ``Rejection`` out.

::

    >>> import io
    >>> from sitrep.config import load_settings
    >>> settings = load_settings(overrides={"allow_fetch": False})
    >>> [type(r).__name__ for r in read_inputs(["-"], settings=settings, stdin=io.StringIO(
    ...     "Seven killed in Northtown\\n\\nShells hit the market on Thursday."))]
    ['Article']

Each input is a file, a folder (walked recursively), an http(s) URL or ``-`` for stdin.
Bad input never raises: it becomes a ``Rejection`` with a stable code (E101 to E108,
see ``docs/rejections.md``) and the batch goes on.  Modules, one job each:

- ``files``: dispatch by suffix, Content-Type and content sniffing; folder walking
- ``text``, ``html``, ``feeds``, ``jsonl``: one reader per format
- ``fetch``: HTTP GET; ``boilerplate``: trailing boilerplate; ``ids``: article ids
- ``articles``: the checks every article passes; ``rejections``: errors to rejections
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import urllib.parse
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from sitrep.config import Settings
from sitrep.errors import EmptyInputError, InputError, UnreadableInputError
from sitrep.ingest.boilerplate import split_boilerplate
from sitrep.ingest.fetch import fetch_url, is_url
from sitrep.ingest.files import InputKind, kind_for_content_type, read_document, read_path
from sitrep.ingest.ids import article_id, normalise_text
from sitrep.ingest.rejections import (
    ArticleTooLongError,
    FetchDisabledError,
    rejection_from_error,
)
from sitrep.types import Article, PublishedSource, Rejection

__all__ = [
    "ArticleTooLongError",
    "FetchDisabledError",
    "InputKind",
    "article_id",
    "normalise_text",
    "read_inputs",
    "read_url",
    "split_boilerplate",
]

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_ORIGIN = "<stdin>"


def read_inputs(
    inputs: Sequence[str],
    *,
    settings: Settings,
    published: date | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article | Rejection]:
    """Every article in ``inputs``, in order, and a ``Rejection`` for each bad one.

    ``published``, when given, overrides every article's date (``PublishedSource.GIVEN``).
    ``stdin`` is read for the input ``-`` (``sys.stdin`` when None).
    """
    for item in inputs:
        for result in _read_input(item, settings=settings, stdin=stdin):
            if isinstance(result, Article) and published is not None:
                yield dataclasses.replace(
                    result, published=published, published_source=PublishedSource.GIVEN
                )
            else:
                yield result


def read_url(url: str, *, settings: Settings) -> Iterator[Article | Rejection]:
    """Fetch ``url`` and read it as the Content-Type (or the content) says."""
    try:
        page = fetch_url(url, settings=settings)
    except InputError as err:
        yield rejection_from_error(err)
        return
    kind = kind_for_content_type(page.content_type)
    if kind is InputKind.TEXT:
        kind = None  # text/plain is often a mislabelled page or feed: sniff it
    yield from read_document(
        page.content,
        kind=kind,
        origin=url,
        settings=settings,
        url=page.url,
        charset=page.charset,
    )


def _read_input(
    item: str, *, settings: Settings, stdin: TextIO | None
) -> Iterator[Article | Rejection]:
    if item == STDIN:
        yield from _read_stdin(stdin if stdin is not None else sys.stdin, settings=settings)
    elif is_url(item):
        yield from read_url(item, settings=settings)
    elif "://" in item:
        scheme = urllib.parse.urlsplit(item).scheme
        yield rejection_from_error(
            UnreadableInputError(item, f"unsupported URL scheme {scheme!r}; give an http(s) URL")
        )
    else:
        yield from read_path(Path(item), settings=settings)


def _read_stdin(stream: TextIO, *, settings: Settings) -> Iterator[Article | Rejection]:
    try:
        text = stream.read()
    except (OSError, UnicodeDecodeError) as err:
        yield rejection_from_error(UnreadableInputError(STDIN_ORIGIN, f"cannot read stdin ({err})"))
        return
    if not text:
        yield rejection_from_error(EmptyInputError(STDIN_ORIGIN, "stdin is empty"))
        return
    yield from read_document(text, kind=None, origin=STDIN_ORIGIN, settings=settings)
