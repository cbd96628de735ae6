from __future__ import annotations

from datetime import date

import pytest

from sitrep.ingest.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes in Aden\n\nJanuary 4, 2018\n\nFighting resumed.", date(2018, 1, 4)),
        ("Title\n\nPublished: 4 January 2018 10:02\n\nText.", date(2018, 1, 4)),
        ("Title\nUpdated on Thu, Jan. 4, 2018\nText.", date(2018, 1, 4)),
        ("Title\n2018-01-04 | Staff writer\nText.", date(2018, 1, 4)),
        ("Title\n\nDec. 31, 2016 — Gunmen attacked a bus.", date(2016, 12, 31)),
    ],
)
def test_dateline_found(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On March 15, 2011, protests began in Deraa.",
        "Title\n\nThe war that began in March 2011 goes on.",
        "Title\n\nFebruary 30, 2018\n\nNo such day.",
        ("x" * 500) + "\nJanuary 4, 2018\n",
    ],
)
def test_dateline_absent(text):
    assert find_dateline(text) is None
