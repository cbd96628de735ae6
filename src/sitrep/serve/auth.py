"""Bearer tokens for every write: who may write, and the name the audit table records.

Tokens come from the ``serve_tokens`` setting.  They are compared in constant time
(``hmac.compare_digest``) against every known token, so timing does not tell how much of
a guess was right, and they never appear in an answer or a log line.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

__all__ = ["AuthError", "reviewer_for"]


class AuthError(Exception):
    """Why a write is refused; ``status`` is 401 (no or wrong token) or 403 (read-only)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def reviewer_for(authorization: str | None, tokens: Sequence[tuple[str, str]]) -> str:
    """The reviewer name of the bearer token in an Authorization header, or ``AuthError``."""
    if not tokens:
        raise AuthError(403, "this server is read-only: no serve_tokens are set")
    scheme, _, credential = (authorization or "").partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise AuthError(401, "this needs an 'Authorization: Bearer <token>' header")
    given = credential.encode("utf-8")
    found: str | None = None
    for name, token in tokens:
        # Every token is compared, whether or not one matched already.
        if hmac.compare_digest(given, token.encode("utf-8")):
            found = name
    if found is None:
        raise AuthError(401, "the token is not valid")
    return found
