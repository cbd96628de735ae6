"""sitrep's exceptions, one tree.

::

    SitrepError
    ├── ConfigError (ValueError)          a setting is missing or invalid
    ├── InputError (ValueError)           an input could not be read or parsed
    │   ├── UnreadableInputError          missing, unreadable, binary, undecodable
    │   ├── EmptyInputError               nothing left after reading
    │   ├── MalformedJSONLError           a JSONL line is not a valid article object
    │   ├── MalformedHTMLError            no article text could be extracted
    │   ├── MalformedFeedError            an RSS/Atom feed that does not parse
    │   ├── ArticleTooLongError           longer than the max_article_chars setting
    │   └── FetchError                    a URL could not be fetched
    │       └── FetchDisabledError        a URL was given but fetching is off
    ├── ModelError (RuntimeError)         the spaCy pipeline is not installed or fails
    ├── GazetteerError (RuntimeError)     the gazetteer index cannot be built or opened
    ├── EngineError (RuntimeError)        an engine (--engine ray) cannot start or fails
    └── StoreError (RuntimeError)         the database cannot be opened, migrated or written
        ├── SchemaVersionError            the database is newer than this sitrep
        └── StoreConnectionError          a database server cannot be reached or logged in to

Each ``InputError`` carries ``origin`` (file, ``file:line`` or URL) and a stable
``code`` (see ``docs/rejections.md``), so a batch can record it as a ``Rejection``.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class ConfigError(SitrepError, ValueError):
    pass


class InputError(SitrepError, ValueError):
    code = "E100-input"

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.reason = message


class UnreadableInputError(InputError):
    code = "E101-unreadable"


class EmptyInputError(InputError):
    code = "E102-empty"


class MalformedJSONLError(InputError):
    code = "E103-bad-jsonl"


class MalformedHTMLError(InputError):
    code = "E104-bad-html"


class MalformedFeedError(InputError):
    code = "E105-bad-feed"


class FetchError(InputError):
    code = "E106-fetch-failed"


class ArticleTooLongError(InputError):
    code = "E107-too-long"


class FetchDisabledError(FetchError):
    code = "E108-fetch-disabled"


class ModelError(SitrepError, RuntimeError):
    pass


class GazetteerError(SitrepError, RuntimeError):
    pass


class EngineError(SitrepError, RuntimeError):
    pass


class StoreError(SitrepError, RuntimeError):
    pass


class SchemaVersionError(StoreError):
    pass


class StoreConnectionError(StoreError):
    """A bad database URL, an unreachable server or a refused login (password redacted)."""
