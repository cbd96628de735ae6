"""FEEDS arguments: URLs and files of URLs, once each, in order; bad entries named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep.watch.feedlist import FeedListError, read_feed_list

A = "https://a.example/world.rss"
B = "http://b.example/feed.atom"


def test_feedlist_urls_and_files_in_order_once_each(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# conflict desks\n\n{B}\n  {A}  \n", encoding="utf-8")
    assert read_feed_list([A, str(listing), B]) == [A, B]


@pytest.mark.parametrize(
    ("content", "message"),
    [("ftp://c.example/x\n", "feeds.txt:1: not an http(s) URL"), ("\n\nnews.rss\n", ":3:")],
)
def test_feedlist_bad_line_is_named(content: str, message: str, tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(content, encoding="utf-8")
    with pytest.raises(FeedListError, match=re.escape(message)):
        read_feed_list([str(listing)])


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("missing.txt", "neither a feed URL nor a file"),
        ("file:///etc/passwd", "not an http(s) URL"),
    ],
)
def test_feedlist_bad_argument_is_named(argument: str, message: str) -> None:
    with pytest.raises(FeedListError, match=re.escape(message)):
        read_feed_list([argument])


def test_feedlist_empty_list_is_an_error(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(FeedListError, match="no feed to watch"):
        read_feed_list([str(listing)])
