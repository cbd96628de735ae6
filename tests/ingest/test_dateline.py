from __future__ import annotations

from datetime import date

import pytest

from sitrep.ingest.articles import build_article
from sitrep.ingest.dateline import find_dateline, find_header_date, later_header_date
from sitrep.types import PublishedSource


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Scraped pages whose line breaks were lost: the outlet, the weekday, the date.
        (
            "At least 61 killed in air strike Reuters Tuesday 14 Nov 2017 The death toll",
            date(2017, 11, 14),
        ),
        ("Air strikes kill 9 Monitor AFP Friday 24 Jul 2015 Turkish warplanes", date(2015, 7, 24)),
        ("Date of publication 3 April 2017 At least 22 civilians", date(2017, 4, 3)),
        ("Posted on April 19 2017 by Asharq Al-Awsat English Six Killed", date(2017, 4, 19)),
    ],
)
def test_header_date_in_flattened_text(text, expected):
    assert find_header_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The weekday does not fall on the date: no header, a typo or another day.
        "Air strikes kill 9 AFP Monday 24 Jul 2015 Turkish warplanes",
        # A date in the story with no weekday or publication word is history.
        "Protests began on 15 March 2011 in Deraa and spread.",
        ("x" * 300) + " Friday 24 Jul 2015",
    ],
)
def test_header_date_absent(text):
    assert find_header_date(text) is None


def test_a_later_header_date_corrects_the_metadata_date():
    text = "Strikes kill 61 Reuters Tuesday 14 Nov 2017 The death toll ... said on Tuesday."
    assert later_header_date(text, date(2017, 11, 4)) == date(2017, 11, 14)
    # The same day, or a header earlier than the metadata (the story before an update),
    # leaves the metadata date alone; so does a header years ahead.
    assert later_header_date(text, date(2017, 11, 14)) is None
    assert later_header_date(text, date(2017, 11, 20)) is None
    assert later_header_date(text, date(2012, 1, 1)) is None


def test_build_article_anchors_on_the_header_date(settings):
    text = "Strikes kill 61 Reuters Tuesday 14 Nov 2017 The death toll rose, a monitor said."
    article = build_article(
        text, origin="a.jsonl:1", settings=settings, published=date(2017, 11, 4)
    )
    assert (article.published, article.published_source) == (
        date(2017, 11, 14),
        PublishedSource.TEXT,
    )
    agreeing = build_article(
        text, origin="a.jsonl:1", settings=settings, published=date(2017, 11, 14)
    )
    assert agreeing.published_source == PublishedSource.METADATA
