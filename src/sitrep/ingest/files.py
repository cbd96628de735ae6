"""Route an input to its reader: by file suffix, by Content-Type, by sniffing the content.

::

    kind_for_suffix(".htm")                       # InputKind.HTML
    sniff_kind('<?xml version="1.0"?><rss ...>')  # InputKind.FEED: a .xml feed is a feed

Folders are walked recursively in sorted order; hidden files and folders, and files with
other suffixes, are skipped (and logged).  Every document ends in :func:`read_document`,
which turns the reader's ``InputError`` into a ``Rejection`` that keeps the raw text.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from sitrep.config import Settings
from sitrep.errors import InputError, UnreadableInputError
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import declared_charset, read_html
from sitrep.ingest.jsonl import read_json_document, read_jsonl_lines
from sitrep.ingest.rejections import MAX_RAW_CHARS, ArticleTooLongError, rejection_from_error
from sitrep.ingest.text import decode_bytes, looks_binary, read_text
from sitrep.types import Article, Rejection

logger = logging.getLogger(__name__)


class InputKind(StrEnum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"
    JSON = "json"
    XML = "xml"  # a feed or a page: decided by sniffing


SUFFIX_KINDS: dict[str, InputKind] = {
    ".txt": InputKind.TEXT,
    ".text": InputKind.TEXT,
    ".md": InputKind.TEXT,
    ".html": InputKind.HTML,
    ".htm": InputKind.HTML,
    ".xml": InputKind.XML,
    ".rss": InputKind.FEED,
    ".atom": InputKind.FEED,
    ".jsonl": InputKind.JSONL,
    ".ndjson": InputKind.JSONL,
    ".json": InputKind.JSON,
}
_CONTENT_TYPE_KINDS: dict[str, InputKind] = {
    "text/html": InputKind.HTML,
    "application/xhtml+xml": InputKind.HTML,
    "application/rss+xml": InputKind.FEED,
    "application/atom+xml": InputKind.FEED,
    "application/rdf+xml": InputKind.FEED,
    "application/xml": InputKind.XML,
    "text/xml": InputKind.XML,
    "text/plain": InputKind.TEXT,
    "text/markdown": InputKind.TEXT,
    "application/json": InputKind.JSON,
    "application/x-ndjson": InputKind.JSONL,
    "application/jsonl": InputKind.JSONL,
    "application/jsonlines": InputKind.JSONL,
}

# The most bytes read from one HTML, feed or unknown file (as for fetched pages).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A .json file is read whole; larger archives should be JSON Lines.
MAX_JSON_BYTES = 512 * 1024 * 1024
# Characters looked at when sniffing.
SNIFF_CHARS = 4096

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")
_PROLOGUE = re.compile(
    # A doctype may carry an internal subset in [...], whose declarations hold ">".
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\])?\s*>)*",
    re.DOTALL | re.IGNORECASE,
)


def kind_for_suffix(suffix: str) -> InputKind | None:
    """The reader for a file suffix (".txt", ".rss", ...), None if not supported."""
    return SUFFIX_KINDS.get(suffix.lower())


def kind_for_content_type(content_type: str | None) -> InputKind | None:
    """The reader for an HTTP media type, None when it says nothing useful."""
    if content_type is None:
        return None
    return _CONTENT_TYPE_KINDS.get(content_type.lower())


def sniff_kind(head: str) -> InputKind:
    """Guess the kind from the start of the content."""
    head = head[:SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if head.startswith("["):
        return InputKind.JSON
    if head.startswith("{"):
        return InputKind.JSON  # one object, or JSON Lines: read_json_document tells
    if not head.startswith("<"):
        return InputKind.TEXT
    prologue = _PROLOGUE.match(head)
    root = head[prologue.end() :] if prologue else head
    return InputKind.FEED if _FEED_ROOT.match(root) else InputKind.HTML


def read_document(
    data: bytes | str,
    *,
    kind: InputKind | None,
    origin: str,
    settings: Settings,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article | Rejection]:
    """Read one document held in memory (file content, response body, stdin).

    ``kind`` None (or ``XML``) means: decide by sniffing the content.
    """
    raw: str | None = None
    try:
        if isinstance(data, str):
            if looks_binary(data):
                raise UnreadableInputError(
                    origin, "looks binary (NUL bytes or control characters), not text"
                )
            text = data
        elif kind is InputKind.FEED:
            # feedparser decodes feeds itself (XML declaration, BOM, HTTP charset).
            if looks_binary(data) and not data.startswith(_BOMS):
                raise UnreadableInputError(
                    origin, "looks binary (NUL bytes or control characters), not a feed"
                )
            raw = data[:MAX_RAW_CHARS].decode("utf-8", errors="replace")
            yield from read_feed(data, origin=origin, settings=settings)
            return
        else:
            if kind in (None, InputKind.HTML, InputKind.XML):
                charset = charset or declared_charset(data)
            text = decode_bytes(data, origin=origin, charset=charset)
        raw = text
        if kind is None or kind is InputKind.XML:
            sniffed = sniff_kind(text)
            kind = sniffed if kind is None or sniffed is InputKind.FEED else InputKind.HTML
        if kind is InputKind.FEED:
            feed = data if isinstance(data, bytes) else text.encode("utf-8")
            yield from read_feed(feed, origin=origin, settings=settings)
        elif kind is InputKind.HTML:
            yield read_html(text, origin=origin, settings=settings, url=url)
        elif kind is InputKind.JSON:
            yield from read_json_document(text, origin=origin, settings=settings)
        elif kind is InputKind.JSONL:
            yield from read_jsonl_lines(text.split("\n"), origin=origin, settings=settings)
        else:
            yield read_text(text, origin=origin, settings=settings)
    except InputError as err:
        yield rejection_from_error(err, raw)


def read_path(path: Path, *, settings: Settings) -> Iterator[Article | Rejection]:
    """Read one file or, for a folder, every supported file under it."""
    origin = str(path)
    try:
        info = path.stat()
    except OSError as err:
        yield rejection_from_error(UnreadableInputError(origin, _os_reason(err)))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from read_folder(path, settings=settings)
    elif stat.S_ISREG(info.st_mode):
        yield from read_file(path, settings=settings)
    else:
        yield rejection_from_error(
            UnreadableInputError(origin, "not a regular file (a device, socket or pipe)")
        )


def read_folder(folder: Path, *, settings: Settings) -> Iterator[Article | Rejection]:
    """Every supported, non-hidden file under ``folder``, recursively, in sorted order."""
    problems: list[OSError] = []
    paths: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith("."):
                logger.debug("skipping hidden file %s", path)
            elif kind_for_suffix(path.suffix) is None:
                logger.info(
                    "skipping %s: not a supported file type (%s)", path, path.suffix or "no suffix"
                )
            else:
                paths.append(path)
    for problem in problems:
        where = problem.filename or str(folder)
        yield rejection_from_error(UnreadableInputError(str(where), _os_reason(problem)))
    for path in sorted(paths, key=lambda p: p.relative_to(folder).parts):
        if path.is_file():
            yield from read_file(path, settings=settings)
        else:
            logger.info("skipping %s: not a regular file", path)


def read_file(path: Path, *, settings: Settings) -> Iterator[Article | Rejection]:
    """Read one file, choosing the reader by suffix (or by content for other suffixes)."""
    origin = str(path)
    kind = kind_for_suffix(path.suffix)
    try:
        if kind is InputKind.JSONL:
            yield from _read_jsonl_file(path, settings=settings)
            return
        data = _read_bytes(path, kind=kind, settings=settings)
    except InputError as err:
        yield rejection_from_error(err)
        return
    yield from read_document(data, kind=kind, origin=origin, settings=settings)


def _read_jsonl_file(path: Path, *, settings: Settings) -> Iterator[Article | Rejection]:
    origin = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_CHARS)
            if not head:
                raise UnreadableInputError(origin, "the file is empty (0 bytes)")
            if looks_binary(head):
                raise UnreadableInputError(
                    origin, "looks binary (NUL bytes or control characters), not JSON Lines"
                )
            handle.seek(0)
            yield from read_jsonl_lines(handle, origin=origin, settings=settings)
    except OSError as err:
        raise UnreadableInputError(origin, _os_reason(err)) from err


def _read_bytes(path: Path, *, kind: InputKind | None, settings: Settings) -> bytes:
    """The file's bytes, refusing files too large to be one article."""
    origin = str(path)
    if kind is InputKind.TEXT:
        limit = settings.max_article_chars * 4  # a UTF-8 character is at most 4 bytes
    elif kind is InputKind.JSON:
        limit = MAX_JSON_BYTES
    else:
        limit = MAX_DOCUMENT_BYTES
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise UnreadableInputError(origin, _os_reason(err)) from err
    if len(data) > limit:
        raise ArticleTooLongError(
            origin, f"the file is larger than {limit:,} bytes; split it into smaller files"
        )
    return data


def _os_reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file or folder"
    if isinstance(err, PermissionError):
        return "permission denied: cannot read it"
    return f"cannot read it ({err.strerror or err})"
