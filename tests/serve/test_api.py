"""The REST API over HTTP: a real uvicorn server over a real SQLite file (conftest.py).

Filters are checked against the full list the server itself gives, filtered here in
Python, so each check compares two independent computations.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from sitrep.config import Settings

from .conftest import TOKEN, LiveServer, start_server, stop_server

pytestmark = pytest.mark.model


def all_events(server: LiveServer, **params: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = server.get("/events", limit=1000, cursor=cursor, **params)
        events += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            return events


@pytest.fixture(scope="module")
def everything(live_server: LiveServer) -> list[dict[str, Any]]:
    events = all_events(live_server, status="all")
    assert len(events) >= 8
    return events


def ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in events}


# -- reading -------------------------------------------------------------------------


def test_health_counts_the_stored_events(live_server: LiveServer) -> None:
    with sqlite3.connect(live_server.db) as con:
        stored = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert live_server.get("/healthz") == {"status": "ok", "events": stored}


def test_events_come_newest_first_with_coordinates_and_status(
    everything: list[dict[str, Any]],
) -> None:
    dated = [e["date_start"] for e in everything if e["date_start"]]
    assert dated == sorted(dated, reverse=True)
    undated = [i for i, e in enumerate(everything) if not e["date_start"]]
    assert all(i >= len(dated) for i in undated)  # undated last
    located = [e for e in everything if e["lat"] is not None]
    assert located and all(-90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180 for e in located)
    assert {e["status"] for e in everything} <= {"unreviewed", "confirmed", "edited", "rejected"}


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"country": "SY"}, lambda e: e["country"] == "SY"),
        ({"country": "syria"}, lambda e: e["country"] == "SY"),
        ({"event_type": "battles"}, lambda e: e["event_type"] == "Battles"),
        ({"sub_event_type": "Armed clash"}, lambda e: e["sub_event_type"] == "Armed clash"),
        (
            {"actor": "islamic state"},
            lambda e: "islamic state" in f"{e['actor1']} {e['actor2']}".lower(),
        ),
        (
            {"fatalities_min": 5, "fatalities_max": 12},
            lambda e: e["fatalities_best"] is not None and 5 <= e["fatalities_best"] <= 12,
        ),
        (
            {"since": "2018-01-15"},
            lambda e: (e["date_end"] or e["date_start"] or "") >= "2018-01-15",
        ),
        (
            {"until": "2018-01-15"},
            lambda e: e["date_start"] is not None and e["date_start"] <= "2018-01-15",
        ),
        (
            {"bbox": "35,30,50,40"},
            lambda e: e["lat"] is not None and 30 <= e["lat"] <= 40 and 35 <= e["lon"] <= 50,
        ),
        ({"background": "exclude"}, lambda e: not e["is_background"]),
        ({"background": "only"}, lambda e: e["is_background"]),
    ],
)
def test_each_filter_keeps_exactly_the_matching_events(
    live_server: LiveServer, everything: list[dict[str, Any]], params: dict[str, Any], keep: Any
) -> None:
    expected = {e["id"] for e in everything if keep(e)}
    got = all_events(live_server, status="all", **params)
    assert ids(got) == expected


def test_filters_that_select_something_are_not_vacuous(everything: list[dict[str, Any]]) -> None:
    # The parametrised checks above mean little if every filter kept all or nothing.
    assert 0 < sum(e["country"] == "SY" for e in everything) < len(everything)
    assert 0 < sum(e["event_type"] == "Battles" for e in everything) < len(everything)


def test_text_search_finds_the_events_of_matching_articles(live_server: LiveServer) -> None:
    found = all_events(live_server, status="all", q="Mogadishu hotel")
    assert found and all(e["country"] == "SO" for e in found)
    assert all_events(live_server, q="zzzunknownword") == []
    # FTS5 operators in user text are searched as words, not run.
    assert all_events(live_server, q='NEAR( "x" OR * )') == []


def test_cursor_pages_walk_every_event_once(
    live_server: LiveServer, everything: list[dict[str, Any]]
) -> None:
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = live_server.get("/events", limit=3, cursor=cursor, status="all")
        assert len(page["events"]) <= 3
        seen += [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
        pages += 1
        if cursor is None:
            break
    assert pages >= 3
    assert seen == [e["id"] for e in everything]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "0,50,10,40"}, "bbox"),
        ({"since": "2018-02-01", "until": "2018-01-01"}, "after until"),
        ({"fatalities_min": 9, "fatalities_max": 2}, "fatalities_min"),
        ({"format": "xml"}, "format"),
    ],
)
def test_bad_filters_answer_400_naming_the_problem(
    live_server: LiveServer, params: dict[str, Any], problem: str
) -> None:
    response = httpx.get(f"{live_server.url}/events", params=params)
    assert response.status_code == 400
    assert problem in response.json()["detail"]


def test_csv_geojson_and_jsonl_by_accept_header(
    live_server: LiveServer, everything: list[dict[str, Any]]
) -> None:
    url = f"{live_server.url}/events"
    params = {"status": "all", "limit": 1000}
    as_csv = httpx.get(url, params=params, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == len(everything)
    assert {"event_date", "sub_event_type", "fatalities", "latitude"} <= set(rows[0])

    geo = httpx.get(url, params=params, headers={"Accept": "application/geo+json"})
    assert geo.headers["content-type"] == "application/geo+json"
    features = geo.json()["features"]
    assert {f["id"] for f in features} == {e["id"] for e in everything if e["lat"] is not None}

    lines = httpx.get(url, params=params, headers={"Accept": "application/x-ndjson"})
    records = [json.loads(line) for line in lines.text.splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in everything]
    assert all("reports" in r for r in records)


def test_format_parameter_wins_and_links_the_next_page(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.url}/events",
        params={"format": "csv", "limit": 2, "status": "all"},
        headers={"Accept": "application/json"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    cursor = response.headers["x-next-cursor"]
    assert f"cursor={cursor}" in response.headers["link"]
    assert response.headers["link"].endswith('rel="next"')


def test_one_event_has_reports_articles_and_evidence_that_match_the_text(
    live_server: LiveServer, everything: list[dict[str, Any]]
) -> None:
    event_id = next(e["id"] for e in everything if e["fatalities_best"])
    detail = live_server.get(f"/events/{event_id}")
    event = detail["event"]
    assert event["id"] == event_id and event["reports"]
    assert detail["articles"] and detail["status"] in {"unreviewed", "confirmed", "edited"}
    checked = 0
    for report in event["reports"]:
        article = live_server.get(f"/articles/{report['article_id']}")
        text = article["article"]["text"]
        assert event_id in article["event_ids"]
        sentence = report["sentence"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        for span in report["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
            checked += 1
    assert checked > 0


def test_unknown_event_and_article_answer_404(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.url}/events/nope").status_code == 404
    assert httpx.get(f"{live_server.url}/articles/nope").status_code == 404
    # Ids are exact here: a prefix (which the CLI accepts) is not an id.
    some_id = live_server.get("/events", limit=1)["events"][0]["id"]
    article_id = live_server.get(f"/events/{some_id}")["articles"][0]["id"]
    assert httpx.get(f"{live_server.url}/articles/{article_id[:8]}").status_code == 404


def test_openapi_schema_lists_the_routes(live_server: LiveServer) -> None:
    schema = live_server.get("/openapi.json")
    assert {
        "/events",
        "/events/{event_id}",
        "/articles/{article_id}",
        "/process",
        "/events/{event_id}/review",
        "/events/{event_id}/merge",
        "/audit",
    } <= set(schema["paths"])


# -- untrusted text and headers ------------------------------------------------------


def test_payloads_come_back_as_the_same_json_strings(live_server: LiveServer) -> None:
    hits = all_events(live_server, status="all", q="Aleppo")
    assert hits
    detail = live_server.get(f"/events/{hits[0]['id']}")
    article = live_server.get(f"/articles/{detail['articles'][0]['id']}")["article"]
    assert article["title"].startswith("<script>window.__xss=1</script>")
    assert "<img src=x onerror=" in article["text"]


@pytest.mark.parametrize("path", ["/events", "/events/nope", "/", "/static/app.css", "/healthz"])
def test_every_answer_carries_the_security_headers(live_server: LiveServer, path: str) -> None:
    response = httpx.get(f"{live_server.url}{path}")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


# -- writing: tokens -----------------------------------------------------------------


def test_writes_need_a_valid_token(
    live_server: LiveServer, everything: list[dict[str, Any]]
) -> None:
    url = f"{live_server.url}/events/{everything[0]['id']}/review"
    missing = httpx.post(url, json={"action": "confirm"})
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = httpx.post(url, json={"action": "confirm"}, headers={"Authorization": "Bearer x" * 3})
    assert wrong.status_code == 401
    # The token is checked before the body: a bad body without a token is still a 401.
    assert httpx.post(url, json={"bad": 1}).status_code == 401
    assert httpx.post(f"{live_server.url}/process", json={"articles": []}).status_code == 401


def test_a_server_without_tokens_is_read_only(settings: Settings, served_db: Any) -> None:
    live, running = start_server(settings, served_db, tokens=())
    try:
        response = httpx.post(
            f"{live.url}/process",
            json={"articles": [{"text": "x"}]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 403
        assert live.get("/ui-config")["writable"] is False
    finally:
        stop_server(running)


def test_tokens_are_never_logged_answered_or_stored(
    fresh_server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with fresh_server.client(auth=True) as client:
        client.post(
            "/process",
            json={"articles": [{"text": "Police arrested five protesters in Basra on Monday."}]},
        )
        event_id = fresh_server.get("/events", limit=1)["events"][0]["id"]
        answer = client.post(f"/events/{event_id}/review", json={"action": "confirm"})
    bad = httpx.post(
        f"{fresh_server.url}/process",
        json={"articles": [{"text": "x"}]},
        headers={"Authorization": f"Bearer {TOKEN}-wrong"},
    )
    assert TOKEN not in caplog.text
    assert TOKEN not in answer.text and TOKEN not in bad.text
    with sqlite3.connect(fresh_server.db) as con:
        dump = "\n".join(con.iterdump())
    assert TOKEN not in dump
    assert "<redacted>" in dump  # the run record of POST /process


# -- writing: reviews ----------------------------------------------------------------


@pytest.fixture
def writer(fresh_server: LiveServer) -> Iterator[httpx.Client]:
    with fresh_server.client(auth=True) as client:
        yield client


def test_an_edit_is_applied_filtered_on_and_audited(
    fresh_server: LiveServer, writer: httpx.Client
) -> None:
    event = next(e for e in all_events(fresh_server) if e["fatalities_best"] is not None)
    before = event["fatalities_best"]
    answer = writer.post(
        f"/events/{event['id']}/review",
        json={"action": "edit", "field": "fatalities_best", "value": 4321, "note": "per OCHA"},
    )
    assert answer.status_code == 200
    detail = answer.json()
    assert detail["event"]["fatalities_best"] == 4321
    assert detail["status"] == "edited"
    assert detail["overrides"] == {"fatalities_best": 4321}
    entry = detail["audit"][0]
    assert (entry["action"], entry["field"], entry["before"], entry["after"]) == (
        "edit",
        "fatalities_best",
        before,
        4321,
    )
    assert entry["reviewer"] == "alice" and entry["note"] == "per OCHA"
    assert ids(all_events(fresh_server, fatalities_min=4321)) == {event["id"]}
    assert fresh_server.get("/audit")["entries"][0]["id"] == entry["id"]


def test_a_sub_event_type_edit_sets_the_event_type(
    fresh_server: LiveServer, writer: httpx.Client
) -> None:
    event = all_events(fresh_server)[0]
    detail = writer.post(
        f"/events/{event['id']}/review",
        json={"action": "edit", "field": "sub_event_type", "value": "Peaceful protest"},
    ).json()
    assert (detail["event"]["event_type"], detail["event"]["sub_event_type"]) == (
        "Protests",
        "Peaceful protest",
    )


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"action": "edit", "field": "fatalities_best", "value": -1}, "fatalities_best"),
        ({"action": "edit", "field": "fatalities_best", "value": "many"}, "whole number"),
        ({"action": "edit", "field": "sub_event_type", "value": "Picnic"}, "sub-event type"),
        ({"action": "edit", "field": "id", "value": "x"}, "cannot be edited"),
        ({"action": "edit", "field": "date_start", "value": "yesterday"}, "YYYY-MM-DD"),
        ({"action": "edit", "field": "place", "value": {"name": "X", "lat": 91, "lon": 0}}, "lat"),
        ({"action": "edit"}, "needs a field"),
    ],
)
def test_bad_edits_answer_422_and_change_nothing(
    fresh_server: LiveServer, writer: httpx.Client, body: dict[str, Any], problem: str
) -> None:
    event_id = all_events(fresh_server)[0]["id"]
    before = fresh_server.get(f"/events/{event_id}")
    answer = writer.post(f"/events/{event_id}/review", json=body)
    assert answer.status_code == 422
    assert problem in json.dumps(answer.json()["detail"])
    assert fresh_server.get(f"/events/{event_id}") == before


def test_reject_hides_an_event_and_confirm_marks_it(
    fresh_server: LiveServer, writer: httpx.Client
) -> None:
    first, second = all_events(fresh_server)[:2]
    assert (
        writer.post(f"/events/{first['id']}/review", json={"action": "reject"}).status_code == 200
    )
    assert first["id"] not in ids(all_events(fresh_server))
    assert ids(all_events(fresh_server, status="rejected")) == {first["id"]}
    writer.post(f"/events/{second['id']}/review", json={"action": "confirm"})
    assert ids(all_events(fresh_server, status="confirmed")) == {second["id"]}
    trail = fresh_server.get("/audit", event_id=first["id"])["entries"]
    assert [(e["action"], e["before"], e["after"]) for e in trail] == [
        ("reject", "unreviewed", "rejected")
    ]


def test_merge_moves_the_reports_and_deletes_the_other(
    fresh_server: LiveServer, writer: httpx.Client
) -> None:
    events = all_events(fresh_server)
    keep, other = events[0], events[1]
    keep_reports = len(fresh_server.get(f"/events/{keep['id']}")["event"]["reports"])
    other_reports = len(fresh_server.get(f"/events/{other['id']}")["event"]["reports"])
    answer = writer.post(f"/events/{keep['id']}/merge", json={"other": other["id"]})
    assert answer.status_code == 200
    assert len(answer.json()["event"]["reports"]) == keep_reports + other_reports
    assert httpx.get(f"{fresh_server.url}/events/{other['id']}").status_code == 404
    assert other["id"] not in ids(all_events(fresh_server, status="all"))
    for event_id in (keep["id"], other["id"]):
        entries = fresh_server.get("/audit", event_id=event_id)["entries"]
        assert entries[0]["action"] == "merge" and entries[0]["before"]["merged"] == other["id"]
    assert writer.post(f"/events/{keep['id']}/merge", json={"other": keep["id"]}).status_code == 422


# -- writing: processing -------------------------------------------------------------


def test_process_stores_articles_and_names_the_rejected_ones(
    fresh_server: LiveServer, writer: httpx.Client
) -> None:
    before = fresh_server.get("/healthz")["events"]
    answer = writer.post(
        "/process",
        json={
            "articles": [
                {
                    "text": "Gunmen attacked a police post in Quetta on Monday, killing "
                    "three policemen, officials said.",
                    "title": "Police post attacked in Quetta",
                    "published": "2018-04-02",
                },
                {"text": "   "},
                {"text": "Nothing happened in Quetta.", "published": "not a date"},
            ]
        },
    )
    assert answer.status_code == 200
    result = answer.json()
    # A bad date is dropped with a warning, as in JSONL input; an empty text is rejected.
    assert result["articles"] == 2 and result["events"] >= 1
    assert [(r["origin"], r["code"]) for r in result["rejected"]] == [
        ("POST /process article 2", "E102-empty")
    ]
    assert fresh_server.get("/healthz")["events"] > before
    again = writer.post(
        "/process",
        json={
            "articles": [
                {
                    "text": "Gunmen attacked a police post in Quetta on Monday, killing "
                    "three policemen, officials said.",
                    "published": "2018-04-02",
                }
            ]
        },
    ).json()
    assert (again["articles"], again["duplicates"]) == (0, 1)


def test_process_refuses_bad_bodies(fresh_server: LiveServer, writer: httpx.Client) -> None:
    assert writer.post("/process", json={"articles": []}).status_code == 422
    many = {"articles": [{"text": f"Article {i}."} for i in range(101)]}
    assert writer.post("/process", json=many).status_code == 422
    assert writer.post("/process", json={"articles": [{"text": 5}]}).status_code == 422
    assert writer.post("/process", json={"articles": [{"text": "x", "evil": 1}]}).status_code == 422


def test_bodies_over_the_limit_are_refused_before_reading(
    settings: Settings, served_db: Any
) -> None:
    live, running = start_server(settings, served_db, max_body_bytes=1000)
    try:
        response = httpx.post(
            f"{live.url}/process",
            content=json.dumps({"articles": [{"text": "x" * 5000}]}),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        assert response.status_code == 413
        assert "1,000 bytes" in response.json()["detail"]
    finally:
        stop_server(running)


def test_reviewed_values_win_over_a_later_article(
    fresh_server: LiveServer, writer: httpx.Client
) -> None:
    """An article that merges into a reviewed event does not undo the review."""
    strike = next(
        e
        for e in all_events(fresh_server, q="Saraqeb")
        if e["sub_event_type"] == "Air/drone strike"
    )
    writer.post(
        f"/events/{strike['id']}/review",
        json={"action": "edit", "field": "fatalities_best", "value": 13},
    )
    reports_before = len(fresh_server.get(f"/events/{strike['id']}")["event"]["reports"])
    answer = writer.post(
        "/process",
        json={
            "articles": [
                {
                    "text": "Russian air strikes killed 15 civilians in the town of Saraqeb "
                    "in Idlib province on Tuesday, rescuers said.",
                    "published": str(date(2018, 1, 3)),
                }
            ]
        },
    )
    assert answer.json()["articles"] == 1
    detail = fresh_server.get(f"/events/{strike['id']}")
    assert len(detail["event"]["reports"]) > reports_before  # the new report merged in
    assert detail["event"]["fatalities_best"] == 13
    assert detail["status"] == "edited"


def test_parquet_and_plover_by_format_parameter(
    live_server: LiveServer, everything: list[dict[str, Any]]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    url = f"{live_server.url}/events"
    params = {"status": "all", "limit": 1000}
    parquet = httpx.get(url, params={**params, "format": "parquet"})
    assert parquet.status_code == 200
    assert parquet.headers["content-type"].startswith("application/vnd.apache.parquet")
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.column("id").to_pylist() == [e["id"] for e in everything]
    by_accept = httpx.get(url, params=params, headers={"Accept": "application/vnd.apache.parquet"})
    assert by_accept.content[:4] == b"PAR1"

    plover = httpx.get(url, params={**params, "format": "plover"})
    assert plover.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in plover.text.splitlines()]
    assert records and {r["id"] for r in records} <= {e["id"] for e in everything}
