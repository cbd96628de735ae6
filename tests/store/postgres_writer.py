"""One writer process of ``test_postgres_two_writer_processes_queue``.

    python postgres_writer.py URL NAME START_AT

Waits until the wall clock reaches START_AT (so both writers start together), then saves
six articles both writers save (ids 5...) and four of its own, interleaved, and prints
[[article_id, "saved" | "duplicate"], ...] as JSON.
"""

from __future__ import annotations

import json
import sys
import time

from export.samples import make_article, make_result
from sitrep.store.postgres import PostgresStore


def main(url: str, name: str, start_at: float) -> None:
    own = "1" if name == "w1" else "2"
    ids = []
    for number in range(6):
        ids.append(f"5{number}".ljust(40, "0"))
        if number < 4:
            ids.append(f"{own}{number}".ljust(40, "0"))
    outcomes = []
    with PostgresStore(url) as store:
        time.sleep(max(0.0, start_at - time.time()))
        for article_id in ids:
            result = make_result(make_article(article_id=article_id), event_id=f"ev-{article_id}")
            outcomes.append([article_id, store.save_article(result, result.events).status])
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
