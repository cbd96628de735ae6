"""How the cross-article merge behaves on a gold file whose articles carry a place label.

    python scripts/measure_merge.py ../shared/eval/fakes/dev.jsonl --label governorate

Processes every article of the file into a throwaway SQLite store, once per merge rule,
and counts the events that reports of two or more articles were merged into.  Gold files
hold no event coreference, so the check is a consistency proxy: a merged event whose
articles carry *different* gold labels (FA-KES: the governorate the crowd read in each
article) joined reports of different events, a wrong merge for certain; one whose labels
agree may be right.  ``--rule exact`` is the rule sitrep merged by before scoring (the
same event and sub-event type, agreeing dates, places and actor1), ``scored`` the
blocking and scoring of ``sitrep.cross_merge``.  Nothing is written outside a temp dir.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from collections import defaultdict
from pathlib import Path

from sitrep import cross_merge
from sitrep.config import load_settings
from sitrep.merge import same_event
from sitrep.pipeline import Pipeline
from sitrep.store.sqlite import SQLiteStore
from sitrep.types import Event


def _exact(event: Event, candidate: Event) -> bool:
    return same_event(event, candidate)


def _labels(gold: Path, label: str) -> dict[str, str | None]:
    """Each gold document's label, by the id sitrep gives its article (its ``id``)."""
    labels: dict[str, str | None] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        value = (record.get("labels") or {}).get(label)
        labels[str(record["id"])] = str(value).casefold() if value else None
    return labels


def measure(gold: Path, label: str, rule: str, workdir: Path) -> dict[str, float | int]:
    if rule == "exact":
        cross_merge._merges = _exact  # type: ignore[assignment]  # the old rule, for comparison
    settings = load_settings(overrides={"allow_fetch": False}, environ={})
    db = workdir / f"{rule}.db"
    with SQLiteStore(db) as store:
        Pipeline(settings).run([str(gold)], store=store)
    labels = _labels(gold, label)
    with sqlite3.connect(db) as connection:
        external = dict(connection.execute("SELECT id, external_id FROM articles"))
        rows = connection.execute("SELECT event_id, article_id FROM reports").fetchall()
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    articles_of: dict[str, set[str]] = defaultdict(set)
    for event_id, article_id in rows:
        articles_of[event_id].add(str(external.get(article_id) or article_id))
    merged = [a for a in articles_of.values() if len(a) > 1]
    labelled = [{labels.get(a) for a in group} - {None} for group in merged]
    comparable = [group for group in labelled if group]
    disagreeing = sum(1 for group in comparable if len(group) > 1)
    return {
        "articles": len(external),
        "events": int(events),
        "cross_article_events": len(merged),
        "articles_per_merged_event": round(sum(map(len, merged)) / max(1, len(merged)), 2),
        "merged_with_labels": len(comparable),
        "labels_disagree": disagreeing,
        "labels_disagree_share": round(disagreeing / max(1, len(comparable)), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--label", default="governorate", help="the gold label to compare")
    parser.add_argument("--rule", choices=("scored", "exact"), default="scored")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        figures = measure(args.gold, args.label, args.rule, Path(workdir))
    print(json.dumps({"rule": args.rule, "gold": str(args.gold), **figures}))


if __name__ == "__main__":
    main()
