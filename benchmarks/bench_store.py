"""Store: articles/s and events/s through ``SQLiteStore.save_article``, query latency.

    .venv/bin/python benchmarks/bench_store.py [--repeats 3] [--full]

Synthetic data built from ``sitrep.types`` with a fixed seed:

- articles: an ``ArticleResult`` like a processed 2,000-character article (10 place,
  4 time, 3 quantity, 3 actor and 2 attribution mentions, 3 reports with evidence, the
  events ``merge_reports`` makes of them, a casualty report), saved one per call into a
  fresh file database (WAL, as `sitrep process` uses it);
- bulk events: one short article per ``save_article`` call carrying 1,000 events of one
  report each, ACLED-like distributions: country (Zipf-like over 30 countries), event
  and sub-event type (roughly ACLED's global shares), date (2018-2024, denser towards
  the end, 3 % undated), fatalities (mostly 0), 10 % background;
- query latency: ``query_events(country=, since=, event_type=, limit=100)`` with
  parameters drawn from the same distributions, 100 queries per round, p50/p95, median
  over rounds, at 10k and 100k events (1M with --full; the database grows in place and
  is filled by the same ``save_article`` calls).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench_common import Row, median, percentile, spread

if TYPE_CHECKING:
    from sitrep.store.sqlite import SQLiteStore
    from sitrep.types import (
        ActorRole,
        Article,
        ArticleResult,
        Event,
        PlaceMention,
        Report,
        Span,
    )

SEED = 20240601
EVENTS_PER_SAVE = 1_000
QUERIES_PER_ROUND = 100
FIRST_DAY = date(2018, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days

# ISO2, weight (share of events), rough centre: a Zipf-like spread like ACLED's.
COUNTRIES: tuple[tuple[str, float, float, float], ...] = (
    ("UA", 20, 48.4, 31.2),
    ("SY", 12, 35.0, 38.5),
    ("MM", 8, 21.9, 95.9),
    ("IN", 7, 22.0, 79.0),
    ("MX", 5, 23.6, -102.5),
    ("PK", 5, 30.4, 69.3),
    ("NG", 5, 9.1, 8.7),
    ("YE", 5, 15.6, 48.5),
    ("BR", 4, -14.2, -51.9),
    ("CD", 4, -4.0, 21.8),
    ("SD", 3, 12.9, 30.2),
    ("IQ", 3, 33.2, 43.7),
    ("AF", 3, 33.9, 67.7),
    ("SO", 3, 5.2, 46.2),
    ("PS", 2, 31.9, 35.2),
    ("ML", 2, 17.6, -4.0),
    ("BF", 2, 12.2, -1.6),
    ("ET", 2, 9.1, 40.5),
    ("US", 2, 39.8, -98.6),
    ("CO", 1.5, 4.6, -74.3),
    ("PH", 1.5, 12.9, 121.8),
    ("LB", 1, 33.9, 35.9),
    ("CM", 1, 7.4, 12.4),
    ("LY", 1, 26.3, 17.2),
    ("BD", 1, 23.7, 90.4),
    ("IR", 1, 32.4, 53.7),
    ("TR", 1, 39.0, 35.2),
    ("KE", 0.7, -0.02, 37.9),
    ("VE", 0.5, 6.4, -66.6),
    ("HT", 0.5, 18.97, -72.3),
)
# event type, sub-event type, weight (%): roughly ACLED's global shares.
TYPES: tuple[tuple[str, str, float], ...] = (
    ("Protests", "Peaceful protest", 30),
    ("Protests", "Protest with intervention", 2),
    ("Protests", "Excessive force against protesters", 0.2),
    ("Riots", "Violent demonstration", 6),
    ("Riots", "Mob violence", 3),
    ("Battles", "Armed clash", 14),
    ("Battles", "Government regains territory", 0.5),
    ("Battles", "Non-state actor overtakes territory", 0.5),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 15),
    ("Explosions/Remote violence", "Air/drone strike", 6),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 2),
    ("Explosions/Remote violence", "Grenade", 0.3),
    ("Explosions/Remote violence", "Suicide bomb", 0.1),
    ("Violence against civilians", "Attack", 9),
    ("Violence against civilians", "Abduction/forced disappearance", 1.5),
    ("Violence against civilians", "Sexual violence", 0.2),
    ("Strategic developments", "Arrests", 2),
    ("Strategic developments", "Looting/property destruction", 1),
    ("Strategic developments", "Change to group/activity", 1),
    ("Strategic developments", "Disrupted weapons use", 1),
    ("Strategic developments", "Other", 0.5),
    ("Strategic developments", "Agreement", 0.3),
)
ACTORS: tuple[tuple[str, str], ...] = (
    ("Military Forces", "state forces"),
    ("Police Forces", "state forces"),
    ("Islamic State", "rebel group"),
    ("Unidentified Armed Group", "political militia"),
    ("Protesters", "protesters"),
    ("Rioters", "rioters"),
    ("Civilians", "civilians"),
    ("Communal Militia", "identity militia"),
)
WORDS = [
    "the",
    "army",
    "said",
    "rebels",
    "shelled",
    "the",
    "town",
    "on",
    "Friday",
    "killing",
    "civilians",
    "and",
    "wounding",
    "others",
    "according",
    "to",
    "a",
    "monitor",
    "villages",
    "were",
    "captured",
    "after",
    "clashes",
    "near",
    "the",
    "border",
    "while",
    "thousands",
    "fled",
    "their",
    "homes",
    "officials",
    "told",
    "reporters",
    "that",
    "an",
    "air",
    "strike",
    "hit",
    "a",
    "market",
    "in",
    "the",
    "province",
    "and",
    "police",
    "arrested",
    "protesters",
    "in",
    "the",
    "capital",
]


@dataclass(slots=True)
class StoreFigures:
    articles: int = 0
    article_s: list[float] = field(default_factory=list)
    article_events: int = 0
    bulk_events: int = 0
    bulk_s: list[float] = field(default_factory=list)
    fill_rate: dict[int, float] = field(default_factory=dict)
    p50_ms: dict[int, list[float]] = field(default_factory=dict)
    p95_ms: dict[int, list[float]] = field(default_factory=dict)
    rows_returned: dict[int, float] = field(default_factory=dict)
    db_mib: dict[int, float] = field(default_factory=dict)
    plan: str = ""
    what_if_p95_ms: float = 0.0


class SyntheticData:
    """Seeded generators of ``sitrep.types`` objects with ACLED-like distributions."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    def country(self) -> tuple[str, float, float]:
        iso, _, lat, lon = self.rng.choices(COUNTRIES, weights=[c[1] for c in COUNTRIES])[0]
        return iso, lat, lon

    def event_type(self) -> tuple[str, str]:
        kind, sub, _ = self.rng.choices(TYPES, weights=[t[2] for t in TYPES])[0]
        return kind, sub

    def day(self) -> date | None:
        if self.rng.random() < 0.03:
            return None
        # density grows linearly towards the end, as event data does
        return FIRST_DAY + timedelta(days=int(DAYS * self.rng.random() ** 0.5))

    def span(self, text: str, start: int = 0) -> Span:
        from sitrep.types import Span

        return Span(start, start + len(text), text)

    def place(self, start: int = 0) -> PlaceMention:
        from sitrep.types import GeoPrecision, Place, PlaceMention, ToponymKind

        iso, lat, lon = self.country()
        self.serial += 1
        name = f"Town{self.serial % 50_000}"
        return PlaceMention(
            span=self.span(name, start),
            kind=ToponymKind.LITERAL,
            place=Place(
                geonameid=1_000_000 + self.serial % 50_000,
                name=name,
                lat=lat + self.rng.uniform(-2, 2),
                lon=lon + self.rng.uniform(-2, 2),
                country=iso,
                admin1=f"Province {self.rng.randint(1, 20)}",
                feature_class="P",
                feature_code="PPL",
                population=self.rng.randint(500, 500_000),
            ),
            geo_precision=self.rng.choice(list(GeoPrecision)),
            score=round(self.rng.random(), 3),
            reason="synthetic",
        )

    def actor(self, iso: str | None) -> ActorRole:
        from sitrep.types import ActorRole

        name, kind = self.rng.choice(ACTORS)
        return ActorRole(f"{name} ({iso or 'International'})", kind, None, iso)

    def report(self, article_id: str, offset: int = 0) -> Report:
        from sitrep.types import FieldEvidence, Report, TimePrecision

        kind, sub = self.event_type()
        place = self.place(offset + 40)
        iso = place.place.country if place.place else None
        day = self.day()
        end = day + timedelta(days=self.rng.choice((0, 0, 0, 1, 6))) if day else None
        killed = self.rng.choice((None, 0, 0, 0, 1, 2, 3, 5, 12, 40))
        trigger = self.span("shelled", offset + 10)
        sentence = self.span(" ".join(self.rng.choices(WORDS, k=25)), offset)
        return Report(
            article_id=article_id,
            event_type=kind,
            sub_event_type=sub,
            trigger=trigger,
            sentence=sentence,
            actor1=self.actor(iso),
            actor2=self.actor(iso) if self.rng.random() < 0.6 else None,
            place=place,
            date_start=day,
            date_end=end,
            time_precision=TimePrecision.DAY if day == end else TimePrecision.WEEK,
            fatalities=killed,
            injured=self.rng.choice((None, 0, 2, 7)),
            is_background=self.rng.random() < 0.1,
            confidence=round(self.rng.uniform(0.3, 0.95), 2),
            evidence=(
                FieldEvidence("event_type", trigger),
                FieldEvidence("place", place.span),
                FieldEvidence("actor1", self.span("the army", offset)),
            ),
        )

    def article(self, words: int = 330) -> Article:
        from sitrep.ingest.ids import article_id
        from sitrep.types import Article, PublishedSource

        self.serial += 1
        text = f"Report {self.serial}. " + " ".join(self.rng.choices(WORDS, k=words))
        return Article(
            id=article_id(text),
            text=text,
            title=f"Report {self.serial}",
            published=self.day(),
            published_source=PublishedSource.METADATA,
            origin=f"synthetic:{self.serial}",
        )

    def article_result(self) -> ArticleResult:
        """A result the size of a processed 2,000-character news article."""
        from sitrep.merge import merge_reports
        from sitrep.types import (
            Actor,
            ActorMention,
            ArticleResult,
            Attribution,
            CasualtyReport,
            Quantity,
            TimeMention,
            TimePrecision,
        )

        article = self.article()
        reports = tuple(self.report(article.id, 200 * i) for i in range(3))
        day = article.published
        quantity = Quantity(self.span("12", 300), 12, 12, 12, "people", "civilians", "killed")
        return ArticleResult(
            article=article,
            places=tuple(self.place(50 * i) for i in range(10)),
            times=tuple(
                TimeMention(
                    self.span("Friday", 60 * i),
                    day.isoformat() if day else "XXXX-XX-XX",
                    "DATE",
                    day,
                    day,
                    TimePrecision.DAY,
                    day is not None,
                )
                for i in range(4)
            ),
            quantities=(quantity, quantity, quantity),
            actors=tuple(
                ActorMention(
                    self.span("the army", 70 * i), Actor("Military Forces", "state forces")
                )
                for i in range(3)
            ),
            attributions=tuple(
                Attribution(self.span("a monitor", 90 * i), "Syrian Observatory", "monitor")
                for i in range(2)
            ),
            reports=reports,
            events=merge_reports(reports),
            casualty_reports=(
                CasualtyReport(
                    article.id, (quantity,), 12, None, day, day, None, None, reports[0].sentence
                ),
            ),
        )

    def events(self, count: int, article_id: str | None = None) -> list[Event]:
        """``count`` single-report events (as an article with one event each makes); their
        reports name ``article_id`` (default: an id of no stored article)."""
        from sitrep.merge import build_event

        self.serial += 1
        if article_id is None:
            key = f"bulk{self.serial}".encode()
            article_id = hashlib.sha1(key, usedforsecurity=False).hexdigest()
        return [build_event([self.report(article_id, 300 * i)]) for i in range(count)]


def save_bulk(
    store: SQLiteStore,
    data: SyntheticData,
    count: int,
    *,
    per_save: int = EVENTS_PER_SAVE,
    with_reports: bool = False,
) -> float:
    """Save ``count`` events, ``per_save`` per save_article call; seconds spent saving.

    With ``with_reports`` each event's report is stored too, under the article saved
    with it, so that a text search (``q``) finds the events of the articles it matches;
    without (the store benchmark), the reports name no stored article and are not written.
    """
    from sitrep.types import ArticleResult

    spent = 0.0
    left = count
    while left > 0:
        if with_reports:
            article = data.article(words=20)
            batch = data.events(min(per_save, left), article.id)
            reports = tuple(r for event in batch for r in event.reports)
            result = ArticleResult(article=article, reports=reports)
        else:
            batch = data.events(min(per_save, left))
            result = ArticleResult(article=data.article(words=20))
        started = time.perf_counter()
        store.save_article(result, batch)
        spent += time.perf_counter() - started
        left -= len(batch)
    return spent


def fill(
    path: Path,
    count: int,
    *,
    per_save: int = EVENTS_PER_SAVE,
    with_reports: bool = False,
    seed: int = SEED,
) -> float:
    """A file database at ``path`` with ``count`` synthetic events (``save_bulk``, WAL
    checkpointed); returns the events/s of the fill."""
    from sitrep.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        seconds = save_bulk(
            store, SyntheticData(seed), count, per_save=per_save, with_reports=with_reports
        )
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return count / seconds


def query_round(store: SQLiteStore, data: SyntheticData) -> tuple[list[float], int]:
    latencies: list[float] = []
    returned = 0
    for _ in range(QUERIES_PER_ROUND):
        iso, _, _ = data.country()
        kind, _ = data.event_type()
        since = FIRST_DAY + timedelta(days=int(DAYS * data.rng.uniform(0.5, 0.98)))
        started = time.perf_counter()
        found = store.query_events(country=iso, since=since, event_type=kind, limit=100)
        latencies.append(1000 * (time.perf_counter() - started))
        returned += len(found)
    return latencies, returned


WHAT_IF_INDEX = (
    "CREATE INDEX IF NOT EXISTS bench_country_type_date "
    "ON events(country, event_type COLLATE NOCASE, date_start)"
)
WHAT_IF_QUERY = (
    "SELECT json FROM events WHERE country = ? AND event_type = ? COLLATE NOCASE "
    "AND coalesce(date_end, date_start) >= ? "
    "ORDER BY date_start IS NULL, date_start, id LIMIT 100"
)


def what_if_index(store: SQLiteStore, data: SyntheticData, repeats: int) -> float:
    """p95 (ms) of the same filters as plain ``country = ? AND event_type = ?`` clauses
    over a (country, event_type, date_start) index: not sitrep's code, a measured
    suggestion (the query decoded with the same ``records.event_from_dict``)."""
    import json

    from sitrep.export import records

    store._conn.execute(WHAT_IF_INDEX)
    p95: list[float] = []
    for _ in range(repeats + 1):
        latencies: list[float] = []
        for _ in range(QUERIES_PER_ROUND):
            iso, _, _ = data.country()
            kind, _ = data.event_type()
            since = FIRST_DAY + timedelta(days=int(DAYS * data.rng.uniform(0.5, 0.98)))
            started = time.perf_counter()
            rows = store._conn.execute(WHAT_IF_QUERY, (iso, kind, since.isoformat()))
            [records.event_from_dict(json.loads(r[0])) for r in rows]
            latencies.append(1000 * (time.perf_counter() - started))
        p95.append(percentile(latencies, 95))
    store._conn.execute("DROP INDEX bench_country_type_date")
    return median(p95[1:])  # the first round warms the cache


def measure(repeats: int, sizes: Sequence[int], work_dir: Path) -> StoreFigures:
    from sitrep.store.sqlite import SQLiteStore

    figures = StoreFigures()
    data = SyntheticData()
    n_articles = 500
    for repeat in range(repeats):
        print(f"  store: articles {repeat + 1}/{repeats}", file=sys.stderr, flush=True)
        results = [data.article_result() for _ in range(n_articles)]
        with SQLiteStore(work_dir / f"articles-{repeat}.db") as store:
            started = time.perf_counter()
            for result in results:
                store.save_article(result, result.events)
            figures.article_s.append(time.perf_counter() - started)
        figures.articles = n_articles
        figures.article_events = sum(len(r.events) for r in results)
    for repeat in range(repeats):
        print(f"  store: bulk events {repeat + 1}/{repeats}", file=sys.stderr, flush=True)
        with SQLiteStore(work_dir / f"bulk-{repeat}.db") as store:
            figures.bulk_events = 10_000
            figures.bulk_s.append(save_bulk(store, data, figures.bulk_events))

    path = work_dir / "grow.db"
    with SQLiteStore(path) as store:
        have = 0
        for size in sizes:
            print(f"  store: filling to {size:,} events", file=sys.stderr, flush=True)
            seconds = save_bulk(store, data, size - have)
            figures.fill_rate[size] = (size - have) / seconds
            have = size
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            figures.db_mib[size] = path.stat().st_size / 2**20
            query_round(store, data)  # warm the page cache
            figures.p50_ms[size], figures.p95_ms[size] = [], []
            returned = 0
            for _ in range(repeats):
                latencies, got = query_round(store, data)
                figures.p50_ms[size].append(percentile(latencies, 50))
                figures.p95_ms[size].append(percentile(latencies, 95))
                returned += got
            figures.rows_returned[size] = returned / (repeats * QUERIES_PER_ROUND)
        figures.what_if_p95_ms = what_if_index(store, data, repeats)
        figures.plan = "; ".join(
            str(row[-1])
            for row in store._conn.execute(
                "EXPLAIN QUERY PLAN SELECT json FROM events WHERE (country = ? OR "
                "country_name = ? COLLATE NOCASE) AND coalesce(date_end, date_start) >= ? "
                "AND (event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE) "
                "ORDER BY date_start IS NULL, date_start, id LIMIT ?",
                ("SY", "Syria", "2023-01-01", "Battles", "Battles", 100),
            )
        )
    return figures


def rows(f: StoreFigures) -> list[Row]:
    section = "store (SQLite file, WAL)"

    def per_s(x: float) -> str:
        return f"{x:,.0f}"

    out = [
        Row(
            section,
            "save_article: articles/s",
            per_s(median([f.articles / s for s in f.article_s])),
            f"{f.articles} synthetic 2,000-char results, {f.article_events} events; "
            + spread([f.articles / s for s in f.article_s], per_s),
        ),
        Row(
            section,
            f"save_article, {EVENTS_PER_SAVE:,} events per call: events/s",
            per_s(median([f.bulk_events / s for s in f.bulk_s])),
            f"{f.bulk_events:,} events per run; "
            + spread([f.bulk_events / s for s in f.bulk_s], per_s),
        ),
    ]
    for size, p95 in f.p95_ms.items():
        out.append(
            Row(
                section,
                f"query_events p50 / p95 at {size:,} events",
                f"{median(f.p50_ms[size]):.1f} / {median(p95):.1f} ms",
                f"{f.rows_returned[size]:.0f} rows returned on average; database "
                f"{f.db_mib[size]:.0f} MiB; filled at {per_s(f.fill_rate[size])} events/s; "
                f"p95 {spread(p95, lambda x: f'{x:.1f}')}",
            )
        )
    largest = max(f.p95_ms)
    out.append(
        Row(
            section,
            f"what-if: p95 with a (country, event_type, date) index at {largest:,}",
            f"{f.what_if_p95_ms:.1f} ms",
            "plain `country = ? AND event_type = ?` over a new composite index; "
            "not sitrep's query, a suggestion",
        )
    )
    out.append(Row(section, "query plan (sitrep's query)", f.plan.replace("|", "/"), ""))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also 1,000,000 events")
    args = parser.parse_args(argv)
    sizes = (10_000, 100_000, 1_000_000) if args.full else (10_000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows(measure(args.repeats, sizes, Path(tmp))):
            print(f"{row.metric:45} {row.value:>18}  {row.note}")


if __name__ == "__main__":
    main()
