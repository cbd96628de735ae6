"""``sitrep watch``: poll RSS/Atom feeds and process what is new into the store.

Modules, one job each:

- ``feedlist``: the FEEDS arguments (URLs, or files listing them) to a list of URLs
- ``minhash``: MinHash signatures over word shingles and an LSH index for near duplicates
- ``state``: the watch's own SQLite file (per feed schedule and validators, seen items,
  recent signatures)
- ``poller``: the loop (conditional GET, dedup, ``Pipeline.run_items``, backoff, signals)

See ``docs/watch.md``.
"""

from __future__ import annotations

from sitrep.watch.feedlist import FeedListError, read_feed_list
from sitrep.watch.poller import PollResult, Watcher, backoff_delay, stop_on_signals
from sitrep.watch.state import WatchState, WatchStateError, default_state_path

__all__ = [
    "FeedListError",
    "PollResult",
    "WatchState",
    "WatchStateError",
    "Watcher",
    "backoff_delay",
    "default_state_path",
    "read_feed_list",
    "stop_on_signals",
]
