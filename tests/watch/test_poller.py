"""The watch loop against a real HTTP server, a real pipeline and a real SQLite store."""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings
from sitrep.ingest.fetch import Transport
from sitrep.pipeline import Pipeline
from sitrep.store.base import Store
from sitrep.watch.poller import (
    BACKOFF_CAP_SECONDS,
    PollResult,
    Watcher,
    backoff_delay,
    stop_on_signals,
)
from sitrep.watch.state import SeenKind, WatchState

from .articles import (
    CLASH,
    CLASH_TITLE,
    CONVOY,
    CONVOY_TITLE,
    MARKET,
    MARKET_COPY,
    MARKET_COPY_TITLE,
    MARKET_TITLE,
)
from .conftest import FakeClock, FeedServer, Item, Resource, atom, page, rss

INTERVAL = 600.0
FEED = "/world.rss"


def _watcher(
    settings: Settings,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    interval: float = INTERVAL,
    transport: Transport | None = None,
) -> Watcher:
    return Watcher(
        settings,
        state=state,
        store=store,
        pipeline=pipeline,
        interval=interval,
        transport=transport,
        clock=clock,
        sleep=clock.sleep,
        rng=random.Random(7),
    )


def _market_summary_item(server: FeedServer) -> Item:
    """The market story as a summary-only item: its page must be fetched."""
    return Item("market-1", MARKET_TITLE, server.url("/news/market"), MARKET[:160])


def _convoy_item(server: FeedServer) -> Item:
    return Item("convoy-1", CONVOY_TITLE, server.url("/news/convoy"), CONVOY)


def _serve_first_feed(server: FeedServer) -> None:
    server.resources["/news/market"] = Resource(page(MARKET_TITLE, MARKET), "text/html")
    server.resources[FEED] = Resource(
        rss("Lantern World", [_market_summary_item(server), _convoy_item(server)]), etag='"v1"'
    )


def _serve_second_feed(server: FeedServer) -> None:
    """The feed a day later: the first items again, a copy of one, and a new story."""
    copy = Item("wire-77", MARKET_COPY_TITLE, server.url("/wire/77"), MARKET_COPY)
    clash = Item("clash-1", CLASH_TITLE, server.url("/news/clash"), CLASH)
    server.resources[FEED] = Resource(
        rss(
            "Lantern World",
            [copy, clash, _market_summary_item(server), _convoy_item(server)],
        ),
        etag='"v2"',
    )


def _article_titles(settings: Settings) -> set[str]:
    with sqlite3.connect(settings.db_path) as db:
        return {title for (title,) in db.execute("SELECT title FROM articles")}


def test_poller_new_items_then_not_modified_stores_nothing_twice(
    watch_settings: Settings,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    _serve_first_feed(feed_server)
    watcher = _watcher(watch_settings, state, store, pipeline, clock)
    url = feed_server.url(FEED)

    first = watcher.poll_feed(url)
    assert (first.new, first.duplicates, first.near_duplicates, first.errors) == (2, 0, 0, 0)
    assert first.events > 0
    assert feed_server.paths() == [FEED, "/news/market"]  # the summary-only item's page
    counts = store.counts()
    assert counts["articles"] == 2
    assert first.line().endswith(
        f"{url}: 2 new, 0 duplicates, 0 near-duplicates, {first.events} events, 0 errors"
    )

    clock.advance(INTERVAL)
    second = watcher.poll_feed(url)
    assert second.not_modified
    assert (second.new, second.events, second.errors) == (0, 0, 0)
    assert feed_server.requests[-1].if_none_match == '"v1"'
    assert feed_server.requests[-1].status == 304
    assert feed_server.paths() == [FEED, "/news/market", FEED]  # no page fetched again
    assert store.counts() == counts
    assert "(not modified)" in second.line()
    assert state.feed(url).next_poll == clock.now + INTERVAL


def test_poller_state_survives_a_restart_and_drops_a_reworded_copy(
    watch_settings: Settings,
    state_path: Path,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    _serve_first_feed(feed_server)
    url = feed_server.url(FEED)
    with WatchState(state_path) as state:
        assert _watcher(watch_settings, state, store, pipeline, clock).poll_feed(url).new == 2
    stored = store.counts()["articles"]

    # A new process: new state and watcher objects over the same files.
    clock.advance(INTERVAL)
    with WatchState(state_path) as state:
        watcher = _watcher(watch_settings, state, store, pipeline, clock)
        assert len(watcher.index) == 2  # signatures reloaded
        assert watcher.poll_feed(url).not_modified  # the ETag was kept
        assert feed_server.requests[-1].if_none_match == '"v1"'

        _serve_second_feed(feed_server)
        clock.advance(INTERVAL)
        result = watcher.poll_feed(url)
    assert (result.new, result.duplicates, result.near_duplicates, result.errors) == (1, 2, 1, 0)
    assert feed_server.paths().count("/news/market") == 1  # a seen item is not re-read
    assert store.counts()["articles"] == stored + 1
    titles = _article_titles(watch_settings)
    assert CLASH_TITLE in titles  # the different story is kept
    assert MARKET_COPY_TITLE not in titles  # the copy is not


@pytest.mark.parametrize("fmt", ["atom"])
def test_poller_reads_atom_and_skips_a_seen_link_under_a_new_id(
    fmt: str,
    watch_settings: Settings,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    item = Item("urn:clash:1", CLASH_TITLE, feed_server.url("/news/clash"), CLASH)
    feed_server.resources["/feed.atom"] = Resource(
        atom("Eastport Observer", [item]), "application/atom+xml", last_modified=1_555_000_000
    )
    watcher = _watcher(watch_settings, state, store, pipeline, clock)
    url = feed_server.url("/feed.atom")
    assert watcher.poll_feed(url).new == 1
    assert state.has_seen(SeenKind.URL, item.link)
    # No ETag: Last-Modified is the validator.
    clock.advance(INTERVAL)
    assert watcher.poll_feed(url).not_modified
    assert feed_server.requests[-1].if_modified_since is not None
    # The feed renumbers its ids: the link still says it is the same item.
    renamed = Item("urn:clash:1-updated", item.title, item.link, item.text)
    feed_server.resources["/feed.atom"] = Resource(
        atom("Eastport Observer", [renamed]), "application/atom+xml", last_modified=1_555_000_999
    )
    result = watcher.poll_feed(url)
    assert (result.new, result.duplicates) == (0, 1)


def test_poller_backoff_grows_on_server_errors_and_resets_on_success(
    watch_settings: Settings,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    feed_server.resources[FEED] = Resource(b"oops", "text/plain", status=500)
    watcher = _watcher(watch_settings, state, store, pipeline, clock, interval=60.0)
    url = feed_server.url(FEED)
    delays = []
    for failures in (1, 2, 3, 4):
        result = watcher.poll_feed(url)
        assert result.errors == 1
        assert result.error is not None and "HTTP error 500" in result.error
        assert state.feed(url).failures == failures
        assert state.feed(url).last_error == result.error
        delays.append(result.next_poll - result.at)
        assert 0.75 * 60 * 2**failures <= delays[-1] <= 60 * 2**failures
        clock.advance(delays[-1])
    assert delays == sorted(delays) and len(set(delays)) == 4
    assert "retry at" in result.line()

    _serve_first_feed(feed_server)
    result = watcher.poll_feed(url)
    assert result.error is None and result.new == 2
    assert state.feed(url).failures == 0
    assert state.feed(url).last_error is None
    assert result.next_poll - result.at == 60.0


@pytest.mark.parametrize(("status", "retry_after"), [(503, "7200"), (429, "3600")])
def test_poller_honours_retry_after(
    status: int,
    retry_after: str,
    watch_settings: Settings,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    feed_server.resources[FEED] = Resource(
        b"slow down", "text/plain", status=status, headers={"Retry-After": retry_after}
    )
    watcher = _watcher(watch_settings, state, store, pipeline, clock, interval=60.0)
    result = watcher.poll_feed(feed_server.url(FEED))
    assert result.next_poll - result.at >= float(retry_after)
    # The loop does not ask again before then.
    clock.advance(float(retry_after) - 1)
    assert watcher.run([feed_server.url(FEED)], once=True)[0].backing_off
    assert len(feed_server.requests) == 1


@pytest.mark.parametrize(
    ("failures", "retry_after", "low", "high"),
    [
        (1, None, 1.5 * 900, 2 * 900),
        (3, None, 0.75 * 8 * 900, 8 * 900),
        (30, None, 0.75 * BACKOFF_CAP_SECONDS, BACKOFF_CAP_SECONDS),
        (1, 5000.0, 5000.0, 5000.0),
        (1, 10.0, 1.5 * 900, 2 * 900),  # shorter than the backoff: the backoff wins
        (1, 10**9, BACKOFF_CAP_SECONDS, BACKOFF_CAP_SECONDS),  # capped
    ],
)
def test_poller_backoff_delay_bounds(
    failures: int, retry_after: float | None, low: float, high: float
) -> None:
    rng = random.Random(1)
    for _ in range(50):
        delay = backoff_delay(failures, interval=900.0, retry_after=retry_after, rng=rng)
        assert low <= delay <= high


@pytest.mark.parametrize(
    ("host", "path", "reason"),
    [
        ("127.0.0.1", FEED, "127.0.0.1 is a loopback address"),
        ("news.test", "/redirect", "redirected to http://169.254.169.254/latest/meta-data/"),
    ],
)
def test_poller_refuses_private_feeds_when_not_allowed(
    host: str,
    path: str,
    reason: str,
    session_cache_dir: Path,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    settings = load_settings(
        overrides={"cache_dir": str(session_cache_dir), "allow_fetch": True}, environ={}
    )
    assert settings.allow_private_urls is False  # the default
    _serve_first_feed(feed_server)
    feed_server.resources["/redirect"] = Resource(
        b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    port = int(feed_server.base.rsplit(":", 1)[1])
    # news.test is a public name whose address routes to the local server.
    transport = Transport(
        resolve=lambda name, _port: {"news.test": ["93.184.216.34"]}[name],
        connect=lambda _address, _port, timeout: socket.create_connection(
            ("127.0.0.1", port), timeout=timeout
        ),
    )
    url = f"http://{host}:{port}{path}"
    watcher = _watcher(settings, state, store, pipeline, clock, transport=transport)
    result = watcher.poll_feed(url)
    assert result.errors == 1 and result.new == 0
    assert result.error is not None and result.error.startswith(f"{url}: ")
    assert reason in result.error
    assert feed_server.paths() == ([] if host == "127.0.0.1" else ["/redirect"])
    assert state.feed(url).failures == 1
    assert store.counts()["articles"] == 0


def test_poller_run_stops_on_sigint_after_the_current_feed(
    watch_settings: Settings,
    state: WatchState,
    store: Store,
    pipeline: Pipeline,
    clock: FakeClock,
    feed_server: FeedServer,
) -> None:
    _serve_first_feed(feed_server)
    feed_server.resources["/other.rss"] = Resource(rss("Other", []), etag='"o1"')
    feeds = [feed_server.url(FEED), feed_server.url("/other.rss")]
    watcher = _watcher(watch_settings, state, store, pipeline, clock)
    lines: list[str] = []

    def on_poll(result: PollResult) -> None:
        lines.append(result.line())
        if len(lines) == 3:
            os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C would, between two feeds

    before = signal.getsignal(signal.SIGINT)
    with stop_on_signals(watcher):
        results = watcher.run(feeds, on_poll=on_poll)
    assert signal.getsignal(signal.SIGINT) is before  # restored
    assert watcher.stopping
    # Round one: both feeds; one wait; round two: the first feed, then the signal.
    assert [r.feed for r in results] == [feeds[0], feeds[1], feeds[0]]
    assert [r.new for r in results] == [2, 0, 0]
    assert results[2].not_modified
    assert clock.sleeps == [INTERVAL]
    assert store.counts()["articles"] == 2
    assert state.feed(feeds[1]).last_polled == clock.now - INTERVAL  # not polled again
