"""JSON Lines (and JSON) input: one article object per line.

Each line looks like::

    {"id": "a1", "title": "...", "text": "...", "published": "2018-03-02", "url": null,
     "outlet": null, "...": "other keys are ignored"}

Only ``text`` is required.  The text is kept exactly as given (minus boilerplate cut from
its end), so offsets stay valid into the input.  A bad line becomes one ``Rejection``
naming ``path:LINE`` and the batch goes on.  A ``.json`` file may hold one such object or
a list of them (items are named ``path#N``, counting from 1).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sitrep.config import Settings
from sitrep.errors import InputError, MalformedJSONLError, UnreadableInputError
from sitrep.ingest.articles import build_article, parse_iso_date
from sitrep.ingest.rejections import rejection_from_error
from sitrep.types import Article, Rejection

logger = logging.getLogger(__name__)

_OPTIONAL_STRINGS = ("title", "url", "outlet")


def read_jsonl_lines(
    lines: Iterable[bytes | str], *, origin: str, settings: Settings
) -> Iterator[Article | Rejection]:
    """One ``Article`` or ``Rejection`` per non-blank line; line numbers count from 1."""
    for number, raw in enumerate(lines, start=1):
        line_origin = f"{origin}:{number}"
        try:
            line = _decode_line(raw, line_origin, first=number == 1).rstrip("\r\n")
            if not line.strip():
                continue
            yield article_from_record(
                _loads(line, line_origin), origin=line_origin, settings=settings
            )
        except InputError as err:
            yield rejection_from_error(err, raw)


def read_json_document(
    text: str, *, origin: str, settings: Settings
) -> Iterator[Article | Rejection]:
    """A JSON document holding one article object or a list of them.

    A file with several objects one per line (JSON Lines under a ``.json`` name) is read
    as JSON Lines.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            yield from read_jsonl_lines(text.split("\n"), origin=origin, settings=settings)
            return
        raise MalformedJSONLError(
            origin, f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from err
    if isinstance(document, dict):
        yield article_from_record(document, origin=origin, settings=settings)
        return
    if not isinstance(document, list):
        raise MalformedJSONLError(
            origin, f"expected an article object or a list of them, got {_json_type(document)}"
        )
    for number, record in enumerate(document, start=1):
        item_origin = f"{origin}#{number}"
        try:
            yield article_from_record(record, origin=item_origin, settings=settings)
        except InputError as err:
            yield rejection_from_error(err, json.dumps(record, ensure_ascii=False))


def article_from_record(record: Any, *, origin: str, settings: Settings) -> Article:
    """An ``Article`` from one decoded JSON object, or ``MalformedJSONLError``."""
    if not isinstance(record, dict):
        raise MalformedJSONLError(origin, f"expected a JSON object, got {_json_type(record)}")
    if "text" not in record:
        raise MalformedJSONLError(origin, "missing required key 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise MalformedJSONLError(origin, f"'text' must be a string, got {_json_type(text)}")
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedJSONLError(
                origin, f"{key!r} must be a string or null, got {_json_type(value)}"
            )
        fields[key] = value
    return build_article(
        text,
        origin=origin,
        settings=settings,
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=_published(record.get("published"), origin),
        external_id=_external_id(record.get("id"), origin),
    )


def _decode_line(raw: bytes | str, origin: str, *, first: bool) -> str:
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff") if first else raw
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as err:
        raise UnreadableInputError(
            origin, f"the line is not UTF-8 (byte {err.start}); convert the file to UTF-8"
        ) from err


def _loads(line: str, origin: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise MalformedJSONLError(origin, f"invalid JSON at column {err.colno}: {err.msg}") from err
    except RecursionError as err:
        raise MalformedJSONLError(origin, "invalid JSON: nested too deeply") from err


def _external_id(value: Any, origin: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedJSONLError(
            origin, f"'id' must be a string or a number, got {_json_type(value)}"
        )
    return str(value)


def _published(value: Any, origin: str) -> date | None:
    """The ``published`` date, or None (with a warning) when it is not an ISO date."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return parse_iso_date(value)
        except ValueError:
            pass
    logger.warning("%s: ignoring 'published' %r: not an ISO date (YYYY-MM-DD)", origin, value)
    return None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")
