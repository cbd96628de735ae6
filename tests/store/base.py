"""Tests every ``Store`` backend must pass.

A backend's test module subclasses ``StoreContract`` as ``Test<Backend>`` and implements
``open_store``; backend-only behaviour (files, pragmas) is tested beside it.  Nothing here
touches SQL or files directly, so a PostgreSQL store can reuse the whole class.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from export.samples import (
    MOSUL,
    make_article,
    make_event,
    make_report,
    make_result,
    place_mention,
)
from sitrep.errors import StoreError
from sitrep.store.base import CandidateLookup, Store
from sitrep.store.query import EventQuery, decode_cursor
from sitrep.store.review import ReviewError
from sitrep.types import ArticleResult, Event, Rejection

ARTICLE_B_TEXT = (
    "Government forces clashed again with rebels in Abu Dali on Wednesday, the Syrian "
    'Observatory said. In Mosul an al-Qaeda "cell" was bombed.'
)


def second_article() -> ArticleResult:
    """Another article about the Abu Dali clash (one report) plus a Mosul air strike."""
    first = make_result()
    article = make_article(
        text=ARTICLE_B_TEXT,
        article_id="b" * 40,
        title="Fighting continues near Hama",
        external_id="gwn-18",
    )
    abu_dali = place_mention(ARTICLE_B_TEXT, "Abu Dali", first.places[0].place)
    mosul = place_mention(ARTICLE_B_TEXT, "Mosul", MOSUL)
    clash = make_report(article, place=abu_dali, day=date(2018, 1, 3))
    strike = make_report(
        article,
        trigger="bombed",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        place=mosul,
        day=date(2018, 1, 20),
        is_background=True,
    )
    return ArticleResult(
        article=article,
        places=(abu_dali, mosul),
        reports=(clash, strike),
        events=(make_event("ev-mosul", (strike,)),),
    )


class StoreContract:
    """Subclass as ``Test<Backend>(StoreContract)`` and implement ``open_store``."""

    def open_store(self, tmp_path: Path) -> Store:
        raise NotImplementedError

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[Store]:
        with self.open_store(tmp_path) as store:
            yield store

    @pytest.fixture
    def filled(self, store: Store) -> Store:
        """A store holding article A (Abu Dali clash) and article B (merged into it)."""
        result = make_result()
        store.save_article(result, result.events)
        second = second_article()
        merged = make_event(
            "ev-abu-dali-merged",
            (result.reports[0], second.reports[0]),
            date_end=date(2018, 1, 3),
        )
        store.save_article(second, (merged, *second.events), superseded=("ev-abu-dali",))
        return store

    # -- saving -----------------------------------------------------------------------

    def test_store_is_a_store(self, store: Store) -> None:
        assert isinstance(store, Store)

    def test_store_save_and_get_round_trip(self, store: Store) -> None:
        result = make_result()
        outcome = store.save_article(result, result.events, model="en_core_web_sm-3.8.0")
        assert (outcome.status, outcome.events_written) == ("saved", 1)
        stored = store.get_article(result.article.id)
        assert stored is not None
        assert stored.article == result.article
        assert stored.model == "en_core_web_sm-3.8.0"
        assert stored.to_result() == result
        assert stored.evidence == tuple((e.field, e.span) for e in result.reports[0].evidence)
        assert store.has_article(result.article.id)

    def test_store_save_is_idempotent(self, store: Store) -> None:
        result = make_result()
        store.save_article(result, result.events)
        before = store.counts()
        outcome = store.save_article(result, result.events)
        assert (outcome.status, outcome.events_written) == ("duplicate", 0)
        assert store.counts() == before

    @pytest.mark.parametrize("where", ["event", "report"])
    def test_store_save_failure_writes_nothing(self, store: Store, where: str) -> None:
        earlier = make_result(make_article(article_id="e" * 40, external_id="earlier"))
        store.save_article(earlier, earlier.events)
        before = store.counts()
        result = make_result()
        if where == "event":  # fails while upserting events, after the article row
            bad_events = (replace(result.events[0], confidence=math.nan),)
            result = replace(result, events=bad_events)
        else:  # fails while inserting reports
            bad_reports = (replace(result.reports[0], confidence=math.inf),)
            result = replace(result, reports=bad_reports)
        with pytest.raises(StoreError, match=result.article.id):
            store.save_article(result, result.events)
        assert store.counts() == before
        assert not store.has_article(result.article.id)
        assert store.get_article(earlier.article.id) is not None
        # and the store still works afterwards
        good = make_result()
        assert store.save_article(good, good.events).status == "saved"

    def test_store_save_merged_plans_against_stored_candidates(self, store: Store) -> None:
        result = make_result()
        store.save_article(result, result.events)
        second = second_article()
        seen: list[list[str]] = []

        def plan(lookup: CandidateLookup) -> tuple[list[Event], list[str]]:
            found = lookup({"Battles", "Riots"}, date(2018, 1, 3), date(2018, 1, 3))
            seen.append([e.id for e in found])
            merged = make_event(
                found[0].id, (*found[0].reports, second.reports[0]), date_end=date(2018, 1, 3)
            )
            return [merged, *second.events], []

        outcome = store.save_merged(second, plan)
        assert seen == [[result.events[0].id]]
        assert (outcome.status, outcome.events_written) == ("saved", 2)
        stored = {e.id: e for e in store.query_events()}
        assert len(stored[result.events[0].id].reports) == 2
        # a duplicate article is refused before its plan runs
        assert store.save_merged(second, plan).status == "duplicate"
        assert len(seen) == 1

    def test_store_save_merged_second_writer_plans_after_the_first_commits(
        self, store: Store, tmp_path: Path
    ) -> None:
        """Two writers on one store: the second one's plan runs only once the first has
        committed, so it sees the first's event and merges with it (read outside the
        write transaction, both would plan against the empty store and split the event)."""
        first, second = make_result(), second_article()
        planning = threading.Event()
        seen_by_second: list[list[str]] = []
        errors: list[BaseException] = []

        def slow_plan(lookup: CandidateLookup) -> tuple[list[Event], list[str]]:
            lookup({"Battles"}, date(2018, 1, 2), date(2018, 1, 2))
            planning.set()
            time.sleep(0.5)  # the second writer starts meanwhile
            return list(first.events), []

        def second_plan(lookup: CandidateLookup) -> tuple[list[Event], list[str]]:
            found = lookup({"Battles"}, date(2018, 1, 3), date(2018, 1, 3))
            seen_by_second.append([e.id for e in found])
            return list(second.events), []

        def write_second() -> None:
            try:
                assert planning.wait(timeout=30)
                with self.open_store(tmp_path) as other:
                    other.save_merged(second, second_plan)
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        writer = threading.Thread(target=write_second)
        writer.start()
        store.save_merged(first, slow_plan)
        writer.join(timeout=60)
        assert not errors, errors
        assert seen_by_second == [[first.events[0].id]]

    def test_store_save_merged_failing_plan_writes_nothing(self, store: Store) -> None:
        result = make_result()

        def plan(lookup: CandidateLookup) -> tuple[list[Event], list[str]]:
            raise ValueError("the merge broke")

        with pytest.raises(StoreError, match=result.article.id):
            store.save_merged(result, plan)
        assert not store.has_article(result.article.id)
        assert store.save_article(result, result.events).status == "saved"

    def test_store_candidate_events_of_a_type_family(self, filled: Store) -> None:
        family = ("Battles", "Explosions/Remote violence", "Violence against civilians")
        found = filled.candidate_events(family, date(2018, 1, 1), date(2018, 1, 25))
        assert sorted(e.id for e in found) == ["ev-abu-dali-merged", "ev-mosul"]
        assert filled.candidate_events(("Protests", "Riots"), date(2018, 1, 1), None) == []
        assert filled.candidate_events((), date(2018, 1, 1), None) == []

    def test_store_superseded_events_deleted_and_reports_relinked(self, filled: Store) -> None:
        ids = {e.id for e in filled.query_events()}
        assert ids == {"ev-abu-dali-merged", "ev-mosul"}
        merged = next(e for e in filled.query_events() if e.id == "ev-abu-dali-merged")
        assert len(merged.reports) == 2
        first = filled.get_article(make_result().article.id)
        assert first is not None
        assert [e.id for e in first.events] == ["ev-abu-dali-merged"]
        second = filled.get_article("b" * 40)
        assert second is not None
        assert [e.id for e in second.events] == ["ev-abu-dali-merged", "ev-mosul"]

    def test_store_counts(self, filled: Store) -> None:
        counts = filled.counts()
        assert counts["articles"] == 2
        assert counts["events"] == 2
        assert counts["reports"] == 3
        assert counts["casualty_reports"] == 1
        assert counts["displacement"] == 1

    # -- querying -----------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            ({}, ["ev-abu-dali-merged", "ev-mosul"]),
            ({"country": "SY"}, ["ev-abu-dali-merged"]),
            ({"country": "sy"}, ["ev-abu-dali-merged"]),
            ({"country": "Syria"}, ["ev-abu-dali-merged"]),
            ({"country": "IRAQ"}, ["ev-mosul"]),
            ({"country": "Atlantis"}, []),
            ({"since": date(2018, 1, 3)}, ["ev-abu-dali-merged", "ev-mosul"]),
            ({"since": date(2018, 1, 4)}, ["ev-mosul"]),
            ({"until": date(2018, 1, 2)}, ["ev-abu-dali-merged"]),
            ({"since": date(2018, 1, 5), "until": date(2018, 1, 19)}, []),
            ({"event_type": "battles"}, ["ev-abu-dali-merged"]),
            ({"event_type": "AIR/DRONE STRIKE"}, ["ev-mosul"]),
            ({"include_background": False}, ["ev-abu-dali-merged"]),
            ({"limit": 1}, ["ev-abu-dali-merged"]),
        ],
    )
    def test_store_query_events_filters(
        self, filled: Store, filters: dict[str, Any], expected: list[str]
    ) -> None:
        assert [e.id for e in filled.query_events(**filters)] == expected

    def test_store_find_events_pages_newest_first(self, filled: Store) -> None:
        first = filled.find_events(EventQuery(limit=1))
        assert [e.event.id for e in first.events] == ["ev-mosul"]  # 2018-01-20 first
        assert first.next_cursor is not None
        second = filled.find_events(EventQuery(limit=1, after=decode_cursor(first.next_cursor)))
        assert [e.event.id for e in second.events] == ["ev-abu-dali-merged"]
        assert second.next_cursor is None
        assert {e.status for e in first.events + second.events} == {"unreviewed"}

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            (EventQuery(country="iraq"), ["ev-mosul"]),
            (EventQuery(sub_event_type="armed clash"), ["ev-abu-dali-merged"]),
            (EventQuery(background="only"), ["ev-mosul"]),
            # Article B (titled "... near Hama") holds reports of both events.
            (EventQuery(text="Hama"), ["ev-mosul", "ev-abu-dali-merged"]),
            (EventQuery(text="Abu Dali Tuesday"), ["ev-abu-dali-merged"]),
            (EventQuery(text="!!"), []),
        ],
    )
    def test_store_find_events_filters(
        self, filled: Store, query: EventQuery, expected: list[str]
    ) -> None:
        assert [e.event.id for e in filled.find_events(query).events] == expected

    def test_store_review_edit_is_kept_when_the_event_is_written_again(self, store: Store) -> None:
        result = make_result()
        store.save_article(result, result.events)
        event_id = result.events[0].id
        edited = store.review_event(
            event_id, "edit", reviewer="alice", field="fatalities_best", value=99
        )
        assert edited.event.fatalities_best == 99 and edited.status == "edited"
        # A later article's report merges into the event: the rebuilt event comes in
        # with the extracted figure, and the reviewed one must stay.
        second = second_article()
        grown = make_event(event_id, (result.reports[0], second.reports[0]))
        store.save_article(second, (grown, *second.events))
        again = store.get_event(event_id)
        assert again is not None
        assert len(again.event.reports) == 2
        assert again.event.fatalities_best == 99
        assert again.overrides == {"fatalities_best": 99}
        assert [e.event.id for e in store.find_events(EventQuery(fatalities_min=99)).events] == [
            event_id
        ]

    def test_store_reviews_move_to_the_event_that_absorbs_theirs(self, store: Store) -> None:
        result = make_result()
        store.save_article(result, result.events)
        store.review_event("ev-abu-dali", "edit", reviewer="alice", field="actor2", value="X")
        second = second_article()
        merged = make_event("ev-abu-dali-merged", (result.reports[0], second.reports[0]))
        store.save_article(second, (merged, *second.events), superseded=("ev-abu-dali",))
        kept = store.get_event("ev-abu-dali-merged")
        assert kept is not None
        assert kept.event.actor2 is not None and kept.event.actor2.name == "X"
        assert kept.audit[0].reviewer == "sitrep" and kept.audit[0].before == {
            "merged": "ev-abu-dali"
        }

    def test_store_reject_confirm_and_status_filters(self, filled: Store) -> None:
        filled.review_event("ev-mosul", "reject", reviewer="bob", note="not an event")
        # Exports (query_events) leave rejected events out unless asked.
        assert [e.id for e in filled.query_events()] == ["ev-abu-dali-merged"]
        assert len(filled.query_events(include_rejected=True)) == 2
        assert [e.event.id for e in filled.find_events(EventQuery()).events] == [
            "ev-abu-dali-merged"
        ]
        rejected = filled.find_events(EventQuery(status="rejected")).events
        assert [(e.event.id, e.status) for e in rejected] == [("ev-mosul", "rejected")]
        filled.review_event("ev-abu-dali-merged", "confirm", reviewer="bob")
        entries = filled.audit_log()
        assert [(e.event_id, e.action, e.before, e.after) for e in entries] == [
            ("ev-abu-dali-merged", "confirm", "unreviewed", "confirmed"),
            ("ev-mosul", "reject", "unreviewed", "rejected"),
        ]
        assert entries[1].note == "not an event"

    @pytest.mark.parametrize(
        ("event_id", "action", "field", "value"),
        [
            ("nope", "confirm", None, None),
            ("ev-mosul", "delete", None, None),
            ("ev-mosul", "edit", "fatalities_best", -5),
            ("ev-mosul", "edit", "event_type", "Battles"),
            ("ev-mosul", "edit", None, None),
        ],
    )
    def test_store_bad_reviews_write_nothing(
        self, filled: Store, event_id: str, action: str, field: str | None, value: Any
    ) -> None:
        before = filled.get_event("ev-mosul")
        with pytest.raises(ReviewError):
            filled.review_event(event_id, action, reviewer="alice", field=field, value=value)
        assert filled.get_event("ev-mosul") == before
        assert filled.audit_log() == []

    def test_store_merge_events(self, filled: Store) -> None:
        filled.review_event("ev-mosul", "edit", reviewer="alice", field="fatalities_best", value=3)
        kept = filled.merge_events("ev-abu-dali-merged", "ev-mosul", reviewer="alice")
        assert len(kept.event.reports) == 3
        assert kept.event.fatalities_best == 3  # the other's review, for a field kept had not
        assert filled.get_event("ev-mosul") is None
        assert [e.id for e in filled.query_events()] == ["ev-abu-dali-merged"]
        assert [a.action for a in filled.audit_log("ev-mosul")] == ["merge", "edit"]
        with pytest.raises(ReviewError):
            filled.merge_events("ev-abu-dali-merged", "ev-abu-dali-merged", reviewer="alice")

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            (("Battles", date(2018, 1, 5), date(2018, 1, 5), 3), ["ev-abu-dali-merged"]),
            (("Battles", date(2018, 1, 7), None, 3), []),
            (("Battles", None, date(2017, 12, 30), 3), ["ev-abu-dali-merged"]),
            (("Battles", date(2018, 1, 7), date(2018, 1, 8), 5), ["ev-abu-dali-merged"]),
            (("Explosions/Remote violence", date(2018, 1, 2), date(2018, 1, 2), 3), []),
            (("Battles", None, None, 3), []),
        ],
    )
    def test_store_candidate_events_window(
        self,
        filled: Store,
        query: tuple[str, date | None, date | None, int],
        expected: list[str],
    ) -> None:
        event_type, start, end, window = query
        found = filled.candidate_events(event_type, start, end, window_days=window)
        assert [e.id for e in found] == expected

    def test_store_events_round_trip(self, store: Store) -> None:
        result = make_result()
        store.save_article(result, result.events)
        assert store.query_events() == list(result.events)

    # -- articles -----------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("key", "found"),
        [
            ("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", True),
            ("a1b2c3", True),
            ("a1b2c3d4e5", True),
            ("ffffff", False),
            ("", False),
        ],
    )
    def test_store_get_article_by_id_or_prefix(self, filled: Store, key: str, found: bool) -> None:
        stored = filled.get_article(key)
        assert (stored is not None) == found

    @pytest.mark.parametrize("key", ["a1b2c", "b"])
    def test_store_get_article_short_prefix_is_an_error(self, filled: Store, key: str) -> None:
        with pytest.raises(StoreError, match="at least 6"):
            filled.get_article(key)

    def test_store_get_article_ambiguous_prefix_is_an_error(self, store: Store) -> None:
        for suffix in ("01", "02"):
            result = make_result(make_article(article_id="abcdef" + suffix), event_id=suffix)
            store.save_article(result, result.events)
        with pytest.raises(StoreError, match="ambiguous"):
            store.get_article("abcdef")
        assert store.get_article("abcdef02") is not None

    @pytest.mark.parametrize(
        ("query", "hits"),
        [
            ("Abu Dali", 2),
            ("abu dali kill", 1),
            ('"Abu Dali"', 2),
            ("al-Qaeda", 1),
            ('"cell"', 1),
            ("Mosul AND NOT Idlib", 0),
            ("Idlib OR Mosul", 0),
            ("NEAR(Abu Dali)", 0),  # the phrase "near abu", nowhere
            ("fighting*", 1),
            ("title:Abu", 0),
            ("'; DROP TABLE articles; --", 0),
            ('"', 0),
            ("   ", 0),
            ("(", 0),
        ],
    )
    def test_store_search_articles_treats_query_as_words(
        self, filled: Store, query: str, hits: int
    ) -> None:
        found = filled.search_articles(query, limit=10)
        assert len(found) == hits
        assert filled.counts()["articles"] == 2

    def test_store_search_articles_snippet_and_order(self, filled: Store) -> None:
        found = filled.search_articles("families fled")
        assert [h.article_id for h in found] == [make_result().article.id]
        assert "[families]" in found[0].snippet

    # -- rejections and runs -------------------------------------------------------------

    def test_store_rejection_is_recorded_once(self, store: Store) -> None:
        rejection = Rejection("in.jsonl:3", "ingest", "E103-bad-jsonl", "not JSON", None, "{")
        assert store.save_rejection(rejection) is True
        assert store.save_rejection(rejection) is False
        assert store.save_rejection(replace(rejection, origin="in.jsonl:4")) is True
        assert store.counts()["rejections"] == 2

    def test_store_runs_keep_settings_and_counts(self, store: Store) -> None:
        run = store.start_run({"model": "en_core_web_sm", "db_path": Path("x.db")})
        store.finish_run(run, {"articles": 2, "rejected": {"E101-unreadable": 1}})
        assert store.counts()["runs"] == 1
        with pytest.raises(StoreError, match="no run"):
            store.finish_run(run + 100, {})
