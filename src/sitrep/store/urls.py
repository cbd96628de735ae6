"""Database URLs: which settings name a PostgreSQL server, and how to show one safely.

    >>> is_postgres_url("postgresql://ana:s3cret@db.example/events")
    True
    >>> redact_url("postgresql://ana:s3cret@db.example/events")
    'postgresql://ana:***@db.example/events'
    >>> redact_url("postgres:///events?host=/run/pg&password=s3cret")
    'postgres:///events?host=/run/pg&password=***'

Standard library only, so the settings and the CLI can use it without psycopg.  Every
message that names a PostgreSQL database goes through ``redact_url`` (or ``redact``
for text that may quote a URL, such as a driver's error), so a password is never shown.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

__all__ = ["POSTGRES_SCHEMES", "is_postgres_url", "normalize_url", "redact", "redact_url"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_MASK = "***"


def is_postgres_url(text: str) -> bool:
    """Whether a ``db_path`` value is a PostgreSQL URL (libpq's two schemes, any case)."""
    return text.strip().lower().startswith(POSTGRES_SCHEMES)


def normalize_url(text: str) -> str:
    """A PostgreSQL URL as libpq reads it: stripped, its scheme in lower case.

    libpq recognises only the lower-case schemes, and would read "PostgreSQL://..." as a
    malformed key=value string.
    """
    scheme, sep, rest = text.strip().partition("://")
    return f"{scheme.lower()}{sep}{rest}"


def _secrets(url: str) -> list[str]:
    """Every spelling of the URL's password(s): as written and percent-decoded.

    libpq's own parse is asked too when psycopg is installed, so a password that the
    URL grammar alone would not find (unusual quoting) is still known and scrubbed.
    """
    found: set[str] = set()
    authority = url.split("://", 1)[-1]
    userinfo, at, _ = authority.rpartition("@")
    if at and ":" in userinfo:
        found.add(userinfo.split(":", 1)[1])
    query = url.partition("?")[2]
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if unquote(key).strip().lower() == "password" and value:
            found.add(value)
    try:
        from psycopg.conninfo import conninfo_to_dict

        parsed = conninfo_to_dict(url).get("password")
        if parsed:
            found.add(str(parsed))
    except Exception:  # any parse failure (or no psycopg): the other spellings still apply
        pass
    spellings = {s for secret in found for s in (secret, unquote(secret), quote(secret, safe=""))}
    # Longest first, so a password that contains another is scrubbed whole.
    return sorted((s for s in spellings if s), key=len, reverse=True)


def redact(text: str, url: str) -> str:
    """``text`` with every occurrence of ``url``'s password replaced by ``***``."""
    for secret in _secrets(url):
        text = text.replace(secret, _MASK)
    return text


def redact_url(url: str) -> str:
    """``url`` fit to print: the password (in the user part or the query) is ``***``.

    A URL that does not even split into parts is shown as its scheme alone.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://" + _MASK
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = f"{userinfo.split(':', 1)[0]}:{_MASK}@{hostport}"
    pairs = []
    for pair in parts.query.split("&") if parts.query else []:
        key, eq, value = pair.partition("=")
        if unquote(key).strip().lower() == "password" and value:
            value = _MASK
        pairs.append(f"{key}{eq}{value}")
    shown = f"{parts.scheme}://{netloc}{parts.path}"
    if pairs:
        shown += "?" + "&".join(pairs)
    if parts.fragment:
        shown += "#" + parts.fragment
    return shown
