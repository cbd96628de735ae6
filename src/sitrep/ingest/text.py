"""Plain-text input: decode bytes safely, spot binary files, find the title line.

Decoding honours a BOM (UTF-8, UTF-16), then tries UTF-8, the declared charset (if
any), cp1252 and latin-1, but only for bytes that do not look binary::

    >>> decode_bytes("Aleppo – Syria".encode("cp1252"), origin="a.txt")
    'Aleppo – Syria'

A first line followed by a blank line is the title; the article text is the whole
text, title line included, minus boilerplate cut from the end.
"""

from __future__ import annotations

import codecs
import logging

from sitrep.config import Settings
from sitrep.errors import EmptyInputError, UnreadableInputError
from sitrep.ingest.articles import build_article
from sitrep.types import Article

logger = logging.getLogger(__name__)

# How much of the input the binary check looks at.
SNIFF_CHARS = 8192
# More than this share of control characters (other than whitespace) means binary.
MAX_CONTROL_SHARE = 0.05
# A title line is at most this long.
TITLE_MAX_CHARS = 300

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def _control_share(text: str) -> float:
    sample = text[:SNIFF_CHARS]
    if not sample:
        return 0.0
    controls = sum(
        1
        for char in sample
        if (char < " " or "\x7f" <= char <= "\x9f") and char not in _TEXT_CONTROLS
    )
    return controls / len(sample)


def looks_binary(data: bytes | str) -> bool:
    """Whether ``data`` has NUL bytes or too many control characters to be text."""
    sample = data[:SNIFF_CHARS]
    if isinstance(sample, bytes):
        if b"\x00" in sample:
            return True
        controls = sum(1 for byte in sample if byte < 0x20 and chr(byte) not in _TEXT_CONTROLS)
        return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE
    return "\x00" in sample or _control_share(sample) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes, *, origin: str, charset: str | None = None) -> str:
    """Decode ``data`` to text, or raise ``UnreadableInputError``/``EmptyInputError``."""
    if not data:
        raise EmptyInputError(origin, "the input is empty (0 bytes)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise UnreadableInputError(
                    origin, f"starts with a {encoding} byte-order mark but is not {encoding}"
                ) from err
    if looks_binary(data):
        raise UnreadableInputError(
            origin, "looks binary (NUL bytes or control characters), not text"
        )
    # UTF-8 first even when a charset is declared: strict UTF-8 rarely decodes other
    # encodings by accident, and servers often declare latin-1 for UTF-8 pages.
    encodings = ["utf-8", "cp1252"]
    if charset and _known_codec(charset):
        encodings.insert(1, charset)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    text = data.decode("latin-1")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UnreadableInputError(
            origin, "cannot be decoded: not UTF-8, cp1252 or latin-1 text; convert it to UTF-8"
        )
    logger.info("%s: not UTF-8 or cp1252, decoded as latin-1", origin)
    return text


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def find_title(text: str) -> str | None:
    """The first non-blank line when a blank line follows it, else None."""
    lines = text.lstrip().splitlines()
    if len(lines) >= 2 and not lines[1].strip() and len(lines[0].strip()) <= TITLE_MAX_CHARS:
        return lines[0].strip()
    return None


def read_text(text: str, *, origin: str, settings: Settings) -> Article:
    """An ``Article`` from plain text (title from the first line, when it is one)."""
    if looks_binary(text):
        raise UnreadableInputError(
            origin, "looks binary (NUL bytes or control characters), not text"
        )
    return build_article(text, origin=origin, settings=settings, title=find_title(text))
