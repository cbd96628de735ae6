from __future__ import annotations

import base64
from datetime import date

import pytest

from sitrep.store.query import (
    BBox,
    EventQuery,
    QueryError,
    SortKey,
    decode_cursor,
    encode_cursor,
)


@pytest.mark.parametrize("key", [SortKey("2018-01-03", "ev-1"), SortKey(None, "ev-9")])
def test_query_cursor_round_trip(key):
    assert decode_cursor(encode_cursor(key)) == key


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        base64.urlsafe_b64encode(b'{"a": 1}').decode(),
        base64.urlsafe_b64encode(b'["yesterday", "ev-1"]').decode(),
        base64.urlsafe_b64encode(b'["2018-01-01", 5]').decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_query_cursor_refuses_what_it_did_not_write(cursor):
    with pytest.raises(QueryError, match="cursor"):
        decode_cursor(cursor)


def test_query_bbox_parse():
    assert BBox.parse("35,30,50,40") == BBox(35, 30, 50, 40)
    assert BBox.parse("170,-20,-170,10").west == 170  # crosses the antimeridian


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "0,10,10,5", "0,-91,10,5", "181,0,182,1"])
def test_query_bbox_refuses_bad_boxes(text):
    with pytest.raises(QueryError, match="bbox"):
        BBox.parse(text)


@pytest.mark.parametrize(
    "fields",
    [
        {"limit": 0},
        {"limit": 1001},
        {"fatalities_min": -1},
        {"fatalities_min": 5, "fatalities_max": 4},
        {"since": date(2018, 2, 1), "until": date(2018, 1, 1)},
        {"status": "deleted"},
        {"background": "maybe"},
    ],
)
def test_query_refuses_impossible_filters(fields):
    with pytest.raises(QueryError):
        EventQuery(**fields)
