"""The watch loop: poll each due feed, keep what is new, process it into the store.

    >>> with WatchState(path) as state, open_store(settings) as store:   # doctest: +SKIP
    ...     watcher = Watcher(settings, state=state, store=store, interval=900)
    ...     with stop_on_signals(watcher):
    ...         watcher.run(["https://example.org/world.rss"], on_poll=print)

One poll of one feed:

1. a conditional GET (the ETag and Last-Modified from last time): a 304 costs nothing;
2. the feed read by ``ingest.feeds``; items seen before (by item id, by link) are
   skipped before their pages are fetched;
3. the new items read (a summary-only item's page fetched, safely, see ``ingest.fetch``);
   an article whose normalised text was seen is an exact duplicate, one whose MinHash
   signature is within ``NEAR_DUPLICATE_THRESHOLD`` of a recent article's a near one;
4. the rest through ``Pipeline.run_items`` into the store, then the poll recorded in the
   state file in one transaction.

A failed poll (network, HTTP status, a broken feed) is retried after an exponential
backoff with jitter, ``interval * 2**failures`` times 0.75 to 1, capped at
``BACKOFF_CAP_SECONDS``, and never sooner than a ``Retry-After`` asks; one success
resets it.  ``stop()`` (what SIGINT and SIGTERM call, via ``stop_on_signals``) lets the
feed being polled finish, batch and state included, then ends the loop.

Time is injected (``clock``, ``sleep``) so the tests run the loop without waiting.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from sitrep.config import Settings
from sitrep.errors import EmptyInputError, InputError, SitrepError
from sitrep.ingest.feeds import parse_feed, read_feed_entry
from sitrep.ingest.fetch import FetchStatusError, Transport, fetch_url
from sitrep.pipeline import Pipeline
from sitrep.store.base import Store
from sitrep.types import Article, Rejection
from sitrep.watch.minhash import LSHIndex, MinHasher, Signature, shingles
from sitrep.watch.state import FeedState, SeenKind, WatchState

__all__ = [
    "BACKOFF_CAP_SECONDS",
    "DEFAULT_INTERVAL",
    "PollResult",
    "Watcher",
    "backoff_delay",
    "stop_on_signals",
]

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL = 900.0  # seconds between polls of a feed: 15 minutes
BACKOFF_CAP_SECONDS = 6 * 3600.0
JITTER = (0.75, 1.0)  # a backoff delay is scaled by a uniform draw from this range
MIN_SLEEP = 1.0  # the loop never spins faster than this


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one feed did; ``line()`` is what ``sitrep watch`` prints."""

    feed: str
    at: float  # Unix time the poll finished
    new: int = 0  # articles processed into the store
    duplicates: int = 0  # items or texts seen before (in the state or the store)
    near_duplicates: int = 0
    events: int = 0
    errors: int = 0  # rejected items, plus 1 when the poll itself failed
    not_modified: bool = False
    error: str | None = None  # why the poll failed
    next_poll: float = 0.0
    backing_off: bool = False  # not polled: still waiting out an earlier failure
    rejections: tuple[Rejection, ...] = field(default=(), repr=False)

    def line(self) -> str:
        stamp = _iso(self.at)
        if self.backing_off:
            return f"{stamp} {self.feed}: skipped, backing off until {_iso(self.next_poll)}"
        line = (
            f"{stamp} {self.feed}: {self.new} new, {self.duplicates} duplicates, "
            f"{self.near_duplicates} near-duplicates, {self.events} events, {self.errors} errors"
        )
        if self.not_modified:
            line += " (not modified)"
        if self.error is not None:
            line += f"; retry at {_iso(self.next_poll)}"
        return line


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def backoff_delay(
    failures: int, *, interval: float, retry_after: float | None, rng: random.Random
) -> float:
    """Seconds to wait after ``failures`` failed polls in a row (1 or more).

    Doubling from twice the interval, jittered so feeds that failed together (one host
    down) do not come back together, capped at 6 hours; a server's Retry-After is a
    floor, itself capped, so a "come back next year" does not stop the watch.
    """
    grown = min(BACKOFF_CAP_SECONDS, interval * 2.0 ** min(failures, 40))
    delay = max(interval, grown * rng.uniform(*JITTER))
    if retry_after is not None:
        delay = max(delay, min(retry_after, BACKOFF_CAP_SECONDS))
    return delay


@dataclass(slots=True)
class _Triage:
    """One poll's items sorted: to process, to record as seen, and the counts."""

    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    seen: list[tuple[SeenKind, str]] = field(default_factory=list)
    signatures: list[tuple[str, Signature]] = field(default_factory=list)
    duplicates: int = 0
    near_duplicates: int = 0


class Watcher:
    """Polls feeds into a store; holds the near-duplicate index built from the state.

    Not a dataclass: construction rebuilds the index and the stop flag is shared with
    signal handlers.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        state: WatchState,
        store: Store,
        pipeline: Pipeline | None = None,
        interval: float = DEFAULT_INTERVAL,
        transport: Transport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], object] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if interval <= 0:
            raise ValueError(f"the poll interval must be positive, got {interval}")
        self.settings = settings
        self.state = state
        self.store = store
        self.pipeline = pipeline or Pipeline(settings)
        self.interval = interval
        self.transport = transport
        self.clock = clock
        self._stop = threading.Event()
        self._sleep = sleep or self._stop.wait
        self.rng = rng or random.Random()
        self.hasher = MinHasher()
        self.index: LSHIndex[str] = LSHIndex(capacity=state.signature_window)
        for key, signature in state.signatures():
            self.index.add(key, signature)

    # -- the loop ---------------------------------------------------------------------

    def stop(self) -> None:
        """End the loop once the feed being polled is done (safe from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(
        self,
        feeds: Sequence[str],
        *,
        once: bool = False,
        on_poll: Callable[[PollResult], None] | None = None,
    ) -> list[PollResult]:
        """Poll ``feeds`` until ``stop()``; with ``once``, each feed once (those backing
        off after a failure are reported, not polled).  Returns every poll's result."""
        results: list[PollResult] = []
        while not self.stopping:
            now = self.clock()
            for url in feeds:
                if self.stopping:
                    break
                feed = self.state.feed(url)
                if feed.next_poll > now and (not once or feed.failures > 0):
                    if once:
                        result = PollResult(url, now, next_poll=feed.next_poll, backing_off=True)
                        results.append(result)
                        if on_poll is not None:
                            on_poll(result)
                    continue
                result = self.poll_feed(url)
                results.append(result)
                if on_poll is not None:
                    on_poll(result)
            if once or self.stopping:
                break
            self._sleep(self._seconds_to_next_poll(feeds))
        return results

    def _seconds_to_next_poll(self, feeds: Sequence[str]) -> float:
        due = min(self.state.feed(url).next_poll for url in feeds)
        return max(MIN_SLEEP, due - self.clock())

    # -- one feed ---------------------------------------------------------------------

    def poll_feed(self, url: str) -> PollResult:
        """Poll ``url`` now, whatever its schedule; never raises for the feed's faults."""
        feed = self.state.feed(url)
        try:
            page = fetch_url(
                url,
                settings=self.settings,
                etag=feed.etag,
                last_modified=feed.last_modified,
                transport=self.transport,
            )
        except InputError as err:
            return self._failed(feed, err)
        if page.not_modified:
            return self._succeeded(
                feed,
                _Triage(),
                etag=page.etag or feed.etag,
                last_modified=page.last_modified or feed.last_modified,
                not_modified=True,
            )
        try:
            parsed = parse_feed(page.content, origin=url)
        except EmptyInputError:
            parsed = {"entries": []}
        except InputError as err:
            return self._failed(feed, err)
        triage = self._triage(url, parsed)
        try:
            new, events, rejections = self._process(triage)
        except SitrepError as err:
            for key, _ in triage.signatures:  # not recorded: forget them here too
                self.index.remove(key)
            return self._failed(feed, err)
        return self._succeeded(
            feed,
            triage,
            etag=page.etag,
            last_modified=page.last_modified,
            new=new,
            events=events,
            rejections=rejections,
        )

    def _triage(self, url: str, parsed: Any) -> _Triage:
        """Sort the feed's items; only items never seen are read (and their pages fetched)."""
        triage = _Triage()
        batch_ids: set[str] = set()
        for number, entry in enumerate(parsed["entries"], start=1):
            item = (SeenKind.ITEM, f"{url} {_entry_key(entry)}")
            link = _text(entry.get("link"))
            keys = [item, *([(SeenKind.URL, link)] if link else [])]
            triage.seen.extend(keys)
            if any(self.state.has_seen(kind, value) for kind, value in keys):
                triage.duplicates += 1
                continue
            result = read_feed_entry(
                parsed, entry, origin=f"{url}#{number}", settings=self.settings
            )
            if isinstance(result, Rejection):
                triage.rejections.append(result)
            else:
                self._sort_article(result, triage, batch_ids)
        return triage

    def _sort_article(self, article: Article, triage: _Triage, batch_ids: set[str]) -> None:
        triage.seen.append((SeenKind.TEXT, article.id))
        if article.id in batch_ids or self.state.has_seen(SeenKind.TEXT, article.id):
            triage.duplicates += 1
            return
        if shingles(article.text):
            signature = self.hasher.signature(article.text)
            twin = self.index.nearest(signature)
            if twin is not None:
                logger.info(
                    "%s: near-duplicate of article %s (Jaccard about %.2f); skipped",
                    article.origin,
                    twin[0],
                    twin[1],
                )
                triage.near_duplicates += 1
                return
            self.index.add(article.id, signature)
            triage.signatures.append((article.id, signature))
        batch_ids.add(article.id)
        triage.articles.append(article)

    def _process(self, triage: _Triage) -> tuple[int, int, tuple[Rejection, ...]]:
        """(articles processed, events written, rejections) for the poll's new items."""
        items: list[Article | Rejection] = [*triage.articles, *triage.rejections]
        if not items:
            return 0, 0, ()
        summary = self.pipeline.run_items(items, store=self.store)
        triage.duplicates += summary.duplicates
        return summary.articles, summary.events, tuple(summary.rejected)

    def _succeeded(
        self,
        feed: FeedState,
        triage: _Triage,
        *,
        etag: str | None,
        last_modified: str | None,
        not_modified: bool = False,
        new: int = 0,
        events: int = 0,
        rejections: tuple[Rejection, ...] = (),
    ) -> PollResult:
        now = self.clock()
        updated = FeedState(
            feed.url,
            etag=etag,
            last_modified=last_modified,
            next_poll=now + self.interval,
            failures=0,
            last_error=None,
            last_polled=now,
        )
        self.state.record_poll(updated, seen=triage.seen, signatures=triage.signatures, at=now)
        return PollResult(
            feed.url,
            now,
            new=new,
            duplicates=triage.duplicates,
            near_duplicates=triage.near_duplicates,
            events=events,
            errors=len(rejections),
            not_modified=not_modified,
            next_poll=updated.next_poll,
            rejections=rejections,
        )

    def _failed(self, feed: FeedState, error: SitrepError) -> PollResult:
        now = self.clock()
        failures = feed.failures + 1
        retry_after = error.retry_after if isinstance(error, FetchStatusError) else None
        delay = backoff_delay(
            failures, interval=self.interval, retry_after=retry_after, rng=self.rng
        )
        updated = FeedState(
            feed.url,
            etag=feed.etag,
            last_modified=feed.last_modified,
            next_poll=now + delay,
            failures=failures,
            last_error=str(error),
            last_polled=now,
        )
        self.state.save_feed(updated)
        logger.info("%s: poll %d in a row failed; retry in %.0f s", feed.url, failures, delay)
        return PollResult(feed.url, now, errors=1, error=str(error), next_poll=updated.next_poll)


def _entry_key(entry: Any) -> str:
    """The item's id (RSS guid, Atom id), else its link, else a hash of what it says."""
    for key in ("id", "link"):
        value = _text(entry.get(key))
        if value:
            return value
    what = "\n".join(_text(entry.get(key)) or "" for key in ("title", "summary", "published"))
    return "sha1:" + hashlib.sha1(what.encode("utf-8"), usedforsecurity=False).hexdigest()


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


@contextlib.contextmanager
def stop_on_signals(watcher: Watcher) -> Iterator[None]:
    """SIGINT and SIGTERM stop the watcher after the current feed; a second one quits now.

    Outside the main thread (where handlers cannot be installed) this does nothing.
    """

    def handle(number: int, _frame: FrameType | None) -> None:
        if watcher.stopping:
            raise KeyboardInterrupt
        logger.warning(
            "%s: stopping after the current feed (again to quit now)", signal.Signals(number).name
        )
        watcher.stop()

    previous: dict[signal.Signals, Any] = {}
    try:
        for which in (signal.SIGINT, signal.SIGTERM):
            previous[which] = signal.signal(which, handle)
    except ValueError:  # not the main thread
        logger.debug("signal handlers not installed: not the main thread")
    try:
        yield
    finally:
        for which, handler in previous.items():
            signal.signal(which, handler)
