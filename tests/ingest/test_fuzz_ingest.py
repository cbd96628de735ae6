"""Property-based fuzzing of ingest (hypothesis): any bytes in, articles or named errors out.

Each property runs on a few hundred generated inputs (``max_examples``), with no model:
reading must never raise anything but a ``SitrepError`` naming the input, and a JSON
Lines record is one article however its strings are written (U+2028, U+0085, NUL, ...).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.config import Settings, load_settings
from sitrep.errors import SitrepError
from sitrep.ingest import read_inputs
from sitrep.ingest.files import read_document, sniff_kind
from sitrep.ingest.jsonl import read_jsonl_lines
from sitrep.ingest.text import decode_bytes
from sitrep.types import Article, Rejection

SETTINGS: Settings = load_settings(overrides={"allow_fetch": False}, environ={})
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Every character Unicode or Python treats as a line break, and a few other hazards.
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\ufeff"
NEWS = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(BREAKS), max_size=300)


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_a_named_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, origin="fuzz.txt")
    except SitrepError as error:
        assert "fuzz.txt" in str(error)
    else:
        assert isinstance(text, str)


@FUZZ
@given(st.binary(max_size=3000) | NEWS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_read_document_never_raises_anything_else(data: bytes) -> None:
    try:
        items = list(read_document(data, kind=None, origin="fuzz.bin", settings=SETTINGS))
    except SitrepError as error:
        assert "fuzz.bin" in str(error)
        return
    for item in items:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Rejection):
            assert item.origin.startswith("fuzz.bin")


_XMLISH = st.lists(
    st.sampled_from(
        [
            "<?xml version='1.0'?>",
            "<!DOCTYPE rss [",
            "<!ENTITY a 'b'>",
            "]>",
            "<rss>",
            "<channel>",
            "<item>",
            "<title>",
            "</title>",
            "<description>",
            "&a;",
            "&amp;",
            "<![CDATA[",
            "]]>",
            "</item>",
            "</channel>",
            "</rss>",
            "<feed>",
            "<entry>",
            "Kano",
        ]
    ),
    max_size=25,
).map("".join)


@FUZZ
@given(_XMLISH)
def test_feed_like_markup_never_raises_anything_else(markup: str) -> None:
    assert sniff_kind(markup) is not None
    try:
        list(read_document(markup.encode(), kind=None, origin="f.xml", settings=SETTINGS))
    except SitrepError as error:
        assert "f.xml" in str(error)


RECORD = st.fixed_dictionaries(
    {"text": NEWS.filter(lambda t: t.strip())},
    optional={
        "title": st.none() | NEWS,
        "url": st.none() | st.text(max_size=40),
        "published": st.none() | st.dates().map(str) | st.text(max_size=12),
        "id": st.none() | st.text(max_size=20) | st.integers(),
    },
)


@FUZZ
@given(st.lists(RECORD, min_size=1, max_size=6), st.booleans())
def test_every_jsonl_line_is_one_item(records: list[dict[str, object]], ascii_only: bool) -> None:
    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    items = list(read_jsonl_lines(lines, origin="fuzz.jsonl", settings=SETTINGS))
    assert len(items) == len(records)
    for number, item in enumerate(items, start=1):
        assert item.origin == f"fuzz.jsonl:{number}"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(RECORD, min_size=1, max_size=4))
def test_a_jsonl_file_with_separators_in_strings_reads_line_by_line(
    tmp_path: Path, records: list[dict[str, object]]
) -> None:
    path = tmp_path / "archive.jsonl"
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    path.write_bytes(body.encode("utf-8", "surrogatepass"))
    try:
        items = list(read_inputs([str(path)], settings=SETTINGS, stdin=io.StringIO()))
    except SitrepError as error:  # a lone surrogate is not UTF-8: a named error
        assert str(path) in str(error)
        return
    assert len(items) == len(records)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in range(1, len(records) + 1)]
