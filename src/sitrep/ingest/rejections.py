"""The ingest stage's extra error codes, and the one place an error becomes a Rejection.

Readers raise the ``InputError`` subclasses of :mod:`sitrep.errors` (plus the two
below) and never build a ``Rejection`` by hand: :func:`rejection_from_error` does it,
so every rejection has the same shape::

    >>> from sitrep.errors import EmptyInputError
    >>> err = EmptyInputError("notes.txt", "the file is empty")
    >>> rejection_from_error(err).code
    'E102-empty'
"""

from __future__ import annotations

from sitrep.errors import FetchError, InputError
from sitrep.types import Rejection

# Raw input kept with a rejection is cut to this many characters.
MAX_RAW_CHARS = 10_000


class ArticleTooLongError(InputError):
    """The text is longer than ``settings.max_article_chars``."""

    code = "E107-too-long"


class FetchDisabledError(FetchError):
    """A URL was given but ``settings.allow_fetch`` is false."""

    code = "E108-fetch-disabled"


def rejection_from_error(err: InputError, raw: str | bytes | None = None) -> Rejection:
    """Turn an ``InputError`` into the ingest stage's ``Rejection`` (message on one line)."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    message = " ".join(str(err).split())
    return Rejection(
        origin=err.origin,
        stage="ingest",
        code=err.code,
        message=message,
        raw=raw[:MAX_RAW_CHARS] if raw else None,
    )
