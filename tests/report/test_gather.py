"""Reading a report's events from a real SQLite store: paging, status, period, country."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.report import UnknownCountryError, build_report, gather
from sitrep.report.gather import fetch_events, latest_event_date
from sitrep.store.query import EventQuery
from sitrep.store.sqlite import SQLiteStore

from .samples import SPECS, sample_result


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "report.db") as opened:
        for spec in SPECS:
            result = sample_result(spec)
            opened.save_article(result, result.events)
        yield opened


def test_gather_fetch_events_country_and_period(store):
    found = fetch_events(store, country="SY", since=date(2017, 12, 1), until=date(2017, 12, 31))
    # sy-is has no place, so no country: a country's report cannot claim it.
    assert sorted(e.id for e in found) == ["sy-air", "sy-clash", "sy-shell", "sy-xss"]


def test_gather_fetch_events_follows_every_page(store, monkeypatch):
    asked: list[EventQuery] = []
    find = store.find_events

    def small_pages(query):
        asked.append(query)
        return find(replace(query, limit=2))

    monkeypatch.setattr(store, "find_events", small_pages)
    found = fetch_events(store, country="SY", since=date(2017, 11, 1), until=date(2017, 12, 31))
    assert len(found) == 6 and len({e.id for e in found}) == 6
    assert len(asked) == 3
    assert asked[0].after is None and asked[1].after is not None


def test_gather_leaves_out_rejected_events(store):
    store.review_event("sy-shell", "reject", reviewer="analyst")
    found = fetch_events(store, country="SY", since=date(2017, 12, 1), until=date(2017, 12, 31))
    assert "sy-shell" not in {e.id for e in found}


def test_gather_latest_event_date(store):
    assert latest_event_date(store, country="SY", since=date(2017, 12, 1)) == date(2017, 12, 28)
    assert latest_event_date(store, country="SY", since=date(2018, 1, 1)) is None


def test_gather_build_report_defaults_until_and_reads_articles(store):
    report = build_report(store, country="Syria", since=date(2017, 12, 1))
    assert report.period.until == date(2017, 12, 28)
    assert report.previous.until == date(2017, 11, 30)
    assert report.total.events == 4 and report.previous_total.events == 2
    air = report.top_events[0]
    assert air.event_id == "sy-air"
    (article,) = air.articles
    assert article.outlet == "Example News" and article.published == date(2017, 12, 10)


def test_gather_build_report_until_today_without_events(store):
    report = build_report(
        store, country="SY", since=date(2019, 1, 1), today=lambda: date(2019, 1, 9)
    )
    assert report.period.until == date(2019, 1, 9)
    assert report.total.events == 0
    late = build_report(store, country="SY", since=date(2030, 1, 1), today=lambda: date(2019, 1, 9))
    assert late.period.until == date(2030, 1, 1)


def test_gather_build_report_unknown_country(store):
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        build_report(store, country="Atlantis", since=date(2017, 12, 1))


def test_gather_is_the_only_store_reader():
    # The figures and renderers never see a store: only gather.py names one.
    assert gather.fetch_events is fetch_events


def test_gather_leaves_out_background_events(tmp_path):
    with SQLiteStore(tmp_path / "bg.db") as store:
        for spec in SPECS:
            result = sample_result(spec)
            if spec.event_id == "sy-shell":
                result = replace(
                    result, events=tuple(replace(e, is_background=True) for e in result.events)
                )
            store.save_article(result, result.events)
        found = fetch_events(store, country="SY", since=date(2017, 12, 1), until=date(2017, 12, 31))
    assert "sy-shell" not in {e.id for e in found} and "sy-air" in {e.id for e in found}
