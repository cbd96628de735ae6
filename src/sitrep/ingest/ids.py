"""Stable article ids: a hash of the normalised text.

Two copies of one story that differ only in case, Unicode form or whitespace get the
same id, so the pipeline can skip the second::

    >>> article_id("Seven  killed in\\nNorthtown") == article_id("seven killed in northtown ")
    True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")

# Hex characters of the sha256 digest kept in an id (64 bits).
ID_LENGTH = 16


def normalise_text(text: str) -> str:
    """NFKC-normalise, casefold, collapse whitespace runs to one space and strip."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def article_id(text: str) -> str:
    """The first 16 hex characters of the sha256 of ``normalise_text(text)``."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8"))
    return digest.hexdigest()[:ID_LENGTH]
