"""The one place an input error becomes a Rejection.

Readers raise the ``InputError`` subclasses of :mod:`sitrep.errors` and never build a
``Rejection`` by hand: :func:`rejection_from_error` does it, so every rejection has the
same shape::

    >>> from sitrep.errors import EmptyInputError
    >>> err = EmptyInputError("notes.txt", "the file is empty")
    >>> rejection_from_error(err).code
    'E102-empty'
"""

from __future__ import annotations

from sitrep.errors import ArticleTooLongError, FetchDisabledError, InputError
from sitrep.types import Rejection

__all__ = ["MAX_RAW_CHARS", "ArticleTooLongError", "FetchDisabledError", "rejection_from_error"]

# Raw input kept with a rejection is cut to this many characters.
MAX_RAW_CHARS = 10_000


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
