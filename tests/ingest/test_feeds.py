from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.ingest import read_inputs
from sitrep.types import Article, PublishedSource, Rejection

from .conftest import FIXTURE_BASE, LocalServer, Route, copy_feed

ITEM_PATH = "/news/southvale-convoy"
SUMMARY = "A convoy of 40 trucks reached Southvale on Monday."


def _articles(results: list[Article | Rejection]) -> list[Article]:
    assert all(isinstance(r, Article) for r in results), results
    return [r for r in results if isinstance(r, Article)]


@pytest.mark.parametrize("name", ["feed.rss"])
def test_feeds_rss_items_without_fetching(
    name: str, fixtures_dir: Path, settings: Settings
) -> None:
    path = fixtures_dir / name
    full, summary_only = _articles(list(read_inputs([str(path)], settings=settings)))
    assert full.title == "Shelling hits market in Northtown"
    assert full.url == f"{FIXTURE_BASE}/news/northtown-shelling"
    assert full.outlet == "The Daily Lantern - World"
    assert full.published == date(2019, 4, 12)
    assert full.published_source is PublishedSource.METADATA
    assert full.origin == f"{path}#1"
    assert full.text.startswith("Shelling hits market in Northtown\n\nAt least seven people")
    assert "<p>" not in full.text
    assert summary_only.text == f"Aid convoy reaches Southvale after two-week wait\n\n{SUMMARY}"
    assert summary_only.published == date(2019, 4, 15)


@pytest.mark.parametrize("name", ["feed.atom"])
def test_feeds_atom_items(name: str, fixtures_dir: Path, settings: Settings) -> None:
    path = fixtures_dir / name
    first, second = _articles(list(read_inputs([str(path)], settings=settings)))
    assert first.outlet == "Eastport Observer"
    assert first.url == f"{FIXTURE_BASE}/news/eastport-ceasefire"
    assert first.published == date(2019, 5, 1)  # published wins over updated
    assert "Two soldiers and four fighters were killed" in first.text
    assert second.published == date(2019, 5, 2)  # only <updated>
    assert second.text.endswith("Authorities declared a night curfew in Eastport.")


@pytest.mark.parametrize("name", ["feed.rss"])
def test_feeds_summary_only_item_page_is_fetched(
    name: str,
    fixtures_dir: Path,
    tmp_path: Path,
    fetch_settings: Settings,
    http_server: LocalServer,
) -> None:
    http_server.routes[ITEM_PATH] = Route((fixtures_dir / "item-page.html").read_bytes())
    feed = copy_feed(name, tmp_path, http_server.base)
    full, fetched = _articles(list(read_inputs([str(feed)], settings=fetch_settings)))
    assert [path for path, _ in http_server.requests] == [ITEM_PATH]
    assert http_server.requests[0][1].startswith("sitrep/")
    assert fetched.title == "Aid convoy reaches Southvale after two-week wait"
    assert fetched.text.startswith("Aid convoy reaches Southvale after two-week wait\n\nA convoy")
    assert fetched.text.count("Aid convoy reaches Southvale") == 1
    assert "12,000 people" in fetched.text
    assert fetched.url == http_server.url(ITEM_PATH)
    assert fetched.outlet == "The Daily Lantern - World"
    assert fetched.published == date(2019, 4, 15)
    assert "12,000" not in full.text


@pytest.mark.parametrize(
    "route",
    [None, Route(b"", status=500), Route(b"<html><body></body></html>")],
    ids=["404", "500", "no-text"],
)
def test_feeds_failed_item_fetch_falls_back_to_summary(
    route: Route | None,
    tmp_path: Path,
    fetch_settings: Settings,
    http_server: LocalServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if route is not None:
        http_server.routes[ITEM_PATH] = route
    feed = copy_feed("feed.rss", tmp_path, http_server.base)
    with caplog.at_level(logging.WARNING, logger="sitrep.ingest"):
        _, fallback = _articles(list(read_inputs([str(feed)], settings=fetch_settings)))
    assert fallback.text.endswith(SUMMARY)
    assert any("using the feed summary" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("name", ["feed.rss"])
def test_feeds_no_fetch_when_disabled(
    name: str, tmp_path: Path, settings: Settings, http_server: LocalServer
) -> None:
    http_server.routes[ITEM_PATH] = Route(b"<html><body><p>never served</p></body></html>")
    feed = copy_feed(name, tmp_path, http_server.base)
    _, summary_only = _articles(list(read_inputs([str(feed)], settings=settings)))
    assert http_server.requests == []
    assert summary_only.text.endswith(SUMMARY)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, "E105-bad-feed"),  # the malformed.rss fixture
        (b"this is not xml at all, just words", "E105-bad-feed"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
            "E102-empty",
        ),
        (b"\x00\x01\x02\x03binary", "E101-unreadable"),
    ],
    ids=["malformed-fixture", "not-xml", "no-items", "binary"],
)
def test_feeds_malformed_feeds_become_rejections(
    content: bytes | None, code: str, fixtures_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    if content is None:
        path = fixtures_dir / "malformed.rss"
    else:
        path = tmp_path / "bad.rss"
        path.write_bytes(content)
    (rejection,) = read_inputs([str(path)], settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == code
    assert rejection.message.startswith(f"{path}: ")


def test_feeds_a_truncated_feed_is_read_with_a_warning_naming_it(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(
        b"<rss><channel><item><title>Shelling in Eastport</title>"
        b"<description>Artillery shelled Eastport on Monday.</description></item>"
    )
    with caplog.at_level(logging.WARNING, logger="sitrep.ingest"):
        articles = _articles(list(read_inputs([str(path)], settings=settings)))
    assert [a.title for a in articles] == ["Shelling in Eastport"]
    assert any(
        str(path) in r.getMessage() and "not well-formed" in r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING
    )


@pytest.mark.parametrize("suffix", [".xml"])
def test_feeds_xml_file_that_is_a_feed_is_read_as_a_feed(
    suffix: str, fixtures_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / f"feed{suffix}"
    path.write_bytes((fixtures_dir / "feed.atom").read_bytes())
    articles = _articles(list(read_inputs([str(path)], settings=settings)))
    assert [a.title for a in articles] == [
        "Ceasefire collapses in Eastport",
        "Curfew declared in Eastport",
    ]


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml", None])
def test_feeds_from_a_url(
    content_type: str | None,
    fixtures_dir: Path,
    fetch_settings: Settings,
    http_server: LocalServer,
) -> None:
    http_server.routes["/feed"] = Route((fixtures_dir / "feed.atom").read_bytes(), content_type)
    url = http_server.url("/feed")
    articles = _articles(list(read_inputs([url], settings=fetch_settings)))
    assert [a.origin for a in articles] == [f"{url}#1", f"{url}#2"]
    assert articles[0].outlet == "Eastport Observer"
