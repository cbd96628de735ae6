"""The web page in a real browser: Debian's chromium driven by Playwright, against the
real server of ``conftest.py`` (uvicorn over a database the pipeline filled).

One browser serves the module; each test has its own context (cookies, sessionStorage)
and fails on any console error, page error, CSP violation or dialog.  Tests that review
events use ``fresh_server``, so the shared database stays as the pipeline left it.
Playwright never downloads a browser here: the tests use /usr/bin/chromium (``make
browser`` installs it) and skip when it is missing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from sitrep.config import Settings
from sitrep.store.review import EDITABLE_FIELDS
from sitrep.taxonomy import EVENT_TYPE_OF, EVENT_TYPES, SUB_EVENT_TYPES
from sitrep.types import ACTOR_TYPES

from .conftest import LiveServer, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "the page tests need Debian's chromium at /usr/bin/chromium (make browser installs it)",
        allow_module_level=True,
    )

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REPO = Path(__file__).resolve().parents[2]
FAILED_RESOURCE = re.compile(
    r"Failed to load resource: the server responded with a status of (\d+)"
)
TIMEOUT_MS = 15_000
# Recorded before any page script runs (Playwright injects it past the CSP).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


@dataclass
class Session:
    """A page and everything it complained about."""

    page: Page
    live: LiveServer
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    # HTTP statuses a test provokes on purpose; chromium logs each as a console error.
    expected_statuses: set[int] = field(default_factory=set)

    def open(self, query: str = "") -> None:
        response = self.page.goto(f"{self.live.url}/{query}")
        assert response is not None
        assert response.ok
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.wait_loaded(0)

    def loads(self) -> int:
        return int(self.page.evaluate("() => Number(document.body.dataset.loads)"))

    def wait_loaded(self, after: int) -> None:
        """Until a load of /events later than the ``after``-th has finished."""
        self.page.wait_for_function(
            "n => document.body.dataset.state === 'ready'"
            " && Number(document.body.dataset.loads) > n",
            arg=after,
            timeout=TIMEOUT_MS,
        )

    def open_event(self, event_id: str) -> None:
        self.page.locator(f'#events-body tr[data-event-id="{event_id}"]').click()
        self.wait_panel(event_id)

    def wait_panel(self, event_id: str) -> None:
        self.page.wait_for_function(
            "id => { const p = document.getElementById('panel');"
            " return !p.hidden && p.dataset.eventId === id && p.dataset.state === 'ready'"
            " && p.dataset.articles === 'ready'; }",
            arg=event_id,
            timeout=TIMEOUT_MS,
        )

    def table_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#events-body tr[data-event-id]", "rows => rows.map(r => r.dataset.eventId)"
        )

    def marker_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "path.event-marker", "paths => paths.map(p => p.getAttribute('data-event-id'))"
        )

    def violations(self) -> list[str]:
        return list(self.page.evaluate("() => window.__cspViolations"))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.violations() == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


def _session(browser: Browser, live: LiveServer) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    session = Session(page, live)

    def on_console(message: ConsoleMessage) -> None:
        if message.type not in ("error", "warning"):
            return
        failed = FAILED_RESOURCE.match(message.text)
        if failed and int(failed.group(1)) in session.expected_statuses:
            return
        session.errors.append(f"console {message.type}: {message.text}")

    def on_dialog(dialog: Dialog) -> None:
        session.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: session.errors.append(f"page error: {error}"))
    page.on("dialog", on_dialog)
    yield session
    try:
        session.assert_clean()
    finally:
        context.close()


@pytest.fixture
def session(browser: Browser, live_server: LiveServer) -> Iterator[Session]:
    yield from _session(browser, live_server)


@pytest.fixture
def fresh_session(browser: Browser, fresh_server: LiveServer) -> Iterator[Session]:
    yield from _session(browser, fresh_server)


@pytest.fixture
def read_only_session(browser: Browser, settings: Settings, served_db: Path) -> Iterator[Session]:
    live, running = start_server(settings, served_db, tokens=())
    try:
        yield from _session(browser, live)
    finally:
        stop_server(running)


def all_events(live: LiveServer, **filters: Any) -> list[dict[str, Any]]:
    """Every event the API answers for ``filters``, following the cursor."""
    events: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {**filters, "limit": 1000, **({"cursor": cursor} if cursor else {})}
        page = live.get("/events", **params)
        events += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            return events


def located_ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in events if e["lat"] is not None and e["lon"] is not None}


def event_details(live: LiveServer) -> list[dict[str, Any]]:
    return [live.get(f"/events/{e['id']}") for e in all_events(live)]


def artifact_dir() -> Path:
    folder = Path(os.environ.get("SITREP_ARTIFACTS") or REPO / ".sitrep" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- loading ---------------------------------------------------------------------------


def test_page_loads_clean_with_a_marker_per_located_event(session: Session):
    session.open()
    page = session.page
    events = all_events(session.live)
    assert len(events) > 5
    assert sorted(session.table_ids()) == sorted(e["id"] for e in events)
    markers = session.marker_ids()
    assert len(markers) == len(located_ids(events))
    assert set(markers) == located_ids(events)
    count = page.locator("#count")
    assert count.get_attribute("data-events") == str(len(events))
    assert count.get_attribute("data-located") == str(len(markers))
    assert count.inner_text().startswith(f"{len(events)} events")
    # The offline basemap (no tiles configured) and the legend of all six types.
    assert session.live.get("/ui-config")["tiles_url"] == ""
    page.wait_for_function("() => document.body.dataset.basemap === 'ready'")
    assert page.locator(".basemap-pane canvas").count() == 1
    assert page.locator(".legend .legend-row").all_inner_texts() == list(EVENT_TYPES)
    # A marker's tooltip is built from DOM nodes and names its event.
    places = [(e["lat"], e["lon"]) for e in events]
    alone = next(
        e for e in events if e["lat"] is not None and places.count((e["lat"], e["lon"])) == 1
    )
    page.locator(f'path.event-marker[data-event-id="{alone["id"]}"]').hover(force=True)
    assert alone["sub_event_type"] in page.locator(".leaflet-tooltip").inner_text()
    session.assert_clean()


def test_page_selects_hold_acleds_taxonomy(session: Session):
    session.open()
    page = session.page
    types = page.eval_on_selector_all("#f-event_type option", "os => os.map(o => o.value)")
    assert types == ["", *EVENT_TYPES]
    subs = page.eval_on_selector_all("#f-sub_event_type option", "os => os.map(o => o.value)")
    assert sorted(subs) == sorted(["", *SUB_EVENT_TYPES])
    page.select_option("#f-event_type", "Battles")
    subs = page.eval_on_selector_all("#f-sub_event_type option", "os => os.map(o => o.value)")
    assert subs == ["", *(s for s in SUB_EVENT_TYPES if EVENT_TYPE_OF[s] == "Battles")]


# -- filters and the timeline ----------------------------------------------------------


def test_page_event_type_filter_matches_the_api(session: Session):
    session.open()
    page = session.page
    events = all_events(session.live)
    counts: dict[str, int] = {}
    for event in events:
        counts[event["event_type"]] = counts.get(event["event_type"], 0) + 1
    wanted = max(counts, key=lambda t: (counts[t], t))
    assert counts[wanted] < len(events)
    before = session.loads()
    page.select_option("#f-event_type", wanted)
    session.wait_loaded(before)
    expected = all_events(session.live, event_type=wanted)
    assert {e["event_type"] for e in expected} == {wanted}
    assert sorted(session.table_ids()) == sorted(e["id"] for e in expected)
    assert set(session.marker_ids()) == located_ids(expected)
    assert len(session.marker_ids()) == len(located_ids(expected))
    assert f"event_type={wanted.replace(' ', '+').replace('/', '%2F')}" in page.url
    # A text filter: actor, typed, reloads after the pause.
    actor = next(e["actor1"] for e in expected if e["actor1"])
    before = session.loads()
    page.fill("#f-actor", actor.split()[0])
    session.wait_loaded(before)
    expected = all_events(session.live, event_type=wanted, actor=actor.split()[0])
    assert expected
    assert sorted(session.table_ids()) == sorted(e["id"] for e in expected)


def test_page_timeline_brush_sets_a_date_range(session: Session):
    session.open()
    page = session.page
    events = all_events(session.live)
    svg = page.locator("#timeline-svg")
    box = svg.bounding_box()
    assert box is not None
    assert page.locator("#timeline-svg rect.bar").count() > 1
    # Drag across the right half of the histogram (the newer events).
    y = box["y"] + box["height"] / 2
    before = session.loads()
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=4)
    page.mouse.move(box["x"] + box["width"] - 2, y, steps=4)
    page.mouse.up()
    session.wait_loaded(before)
    since = page.input_value("#f-since")
    until = page.input_value("#f-until")
    assert since
    assert until
    assert since <= until
    assert f"since={since}" in page.url
    assert page.locator("#timeline-selection").count() == 1
    assert since in page.inner_text("#timeline-label")
    expected = all_events(session.live, since=since, until=until)
    assert 0 < len(expected) < len(events)
    assert sorted(session.table_ids()) == sorted(e["id"] for e in expected)
    assert set(session.marker_ids()) == located_ids(expected)
    for event in expected:
        assert event["date_start"] <= until
        assert (event["date_end"] or event["date_start"]) >= since
    # Clearing the dates brings every event back.
    before = session.loads()
    page.click("#timeline-clear")
    session.wait_loaded(before)
    assert page.input_value("#f-since") == ""
    assert sorted(session.table_ids()) == sorted(e["id"] for e in events)


# -- the event panel -------------------------------------------------------------------


def test_page_panel_highlights_evidence_at_its_offsets(session: Session):
    details = event_details(session.live)
    detail = max(details, key=lambda d: sum(len(r["evidence"]) for r in d["event"]["reports"]))
    event = detail["event"]
    session.open()
    session.open_event(event["id"])
    page = session.page
    assert page.inner_text("#panel-event-id") == event["id"]
    checked = 0
    for ref in detail["articles"]:
        text = session.live.get(f"/articles/{ref['id']}")["article"]["text"]
        expected = {
            (e["field"], e["start"], e["end"])
            for r in event["reports"]
            if r["article_id"] == ref["id"]
            for e in r["evidence"]
        }
        marks = page.eval_on_selector_all(
            f'#panel-articles article[data-article-id="{ref["id"]}"] mark.evidence',
            "ms => ms.map(m => ({field: m.dataset.field, text: m.textContent,"
            " start: +m.dataset.start, end: +m.dataset.end,"
            " spanStart: +m.dataset.spanStart, spanEnd: +m.dataset.spanEnd}))",
        )
        assert {(m["field"], m["spanStart"], m["spanEnd"]) for m in marks} == expected
        for mark in marks:
            assert mark["text"] == text[mark["start"] : mark["end"]]
            if (mark["start"], mark["end"]) == (mark["spanStart"], mark["spanEnd"]):
                checked += 1
        # The whole article is there, as text, once.
        shown = page.inner_text(
            f'#panel-articles article[data-article-id="{ref["id"]}"] .article-text'
        )
        assert " ".join(shown.split()) == " ".join(text.split())
    assert checked >= 3
    # No empty value leaks out as the words "null" or "undefined".
    panel_text = page.inner_text("#panel")
    assert "undefined" not in panel_text
    assert "null" not in panel_text.lower().replace("nullable", "")
    for report in event["reports"]:
        for evidence in report["evidence"]:
            assert (
                page.locator(
                    f'mark.evidence[data-field="{evidence["field"]}"]'
                    f'[data-span-start="{evidence["start"]}"]'
                ).count()
                >= 1
            )
    # Each coded field shows the confidence of the first report that scores it.
    first = event["reports"][0]
    for confidence in first["field_confidence"]:
        row = page.locator(f'#panel-fields tr[data-field="{confidence["field"]}"]')
        if row.count():
            assert f"{round(confidence['score'] * 100)}%" in row.inner_text()
    # The artefact: the page with the panel scrolled to the highlighted article.
    page.locator("#panel-articles").scroll_into_view_if_needed()
    page.screenshot(path=str(artifact_dir() / "page.png"), full_page=True)


# -- review ----------------------------------------------------------------------------


def test_page_review_edit_lands_in_the_audit_log(fresh_session: Session):
    session = fresh_session
    live = session.live
    events = all_events(live)
    target = next(e for e in events if e["fatalities_best"] != 42)
    session.open()
    page = session.page
    session.open_event(target["id"])
    # The edit form offers the API's editable fields, and the codebook's actor types.
    options = "os => os.map(o => o.value)"
    assert page.eval_on_selector_all("#edit-field option", options) == list(EDITABLE_FIELDS)
    page.select_option("#edit-field", "actor1_type")
    actor_types = page.eval_on_selector_all("#edit-value-box option", options)
    assert actor_types == ["", *ACTOR_TYPES]
    # Without a token the server says why, and the page shows it.
    session.expected_statuses |= {401, 404, 422}
    page.click("#review-confirm")
    error = page.locator("#review-error")
    error.wait_for(state="visible")
    assert "token" in error.inner_text().lower()
    assert live.get("/audit", event_id=target["id"])["entries"] == []
    page.fill("#token", live.token)
    page.press("#token", "Enter")
    assert page.evaluate("() => sessionStorage.getItem('sitrep.token')") == live.token
    # A merge with an unknown event shows the API's detail.
    page.fill("#merge-other", "no-such-event")
    page.click("#merge-submit")
    page.wait_for_function(
        "() => !document.getElementById('review-error').hidden"
        " && document.getElementById('review-error').textContent.includes('no-such-event')"
    )
    before = session.loads()
    page.select_option("#edit-field", "fatalities_best")
    page.fill("#edit-value-box input[name=value]", "42")
    page.click("#edit-submit")
    session.wait_loaded(before)
    session.wait_panel(target["id"])
    audit_row = page.locator('#audit-table tr[data-action="edit"][data-field="fatalities_best"]')
    assert audit_row.count() == 1
    assert live.reviewer in audit_row.inner_text()
    assert "42" in audit_row.locator("td.after").inner_text()
    entries = live.get("/audit", event_id=target["id"])["entries"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["action"] == "edit"
    assert entry["field"] == "fatalities_best"
    assert entry["after"] == 42  # a number, not "42"
    assert entry["before"] == target["fatalities_best"]
    assert entry["reviewer"] == live.reviewer
    assert live.get(f"/events/{target['id']}")["event"]["fatalities_best"] == 42
    assert page.inner_text("#panel-status") == "edited"
    assert "42" in page.locator('#panel-fields tr[data-field="fatalities"]').inner_text()
    row = page.locator(f'#events-body tr[data-event-id="{target["id"]}"]')
    assert row.locator("td.fatalities").inner_text() == "42"
    assert row.locator("td.status").inner_text() == "edited"


def test_page_reject_hides_the_event_while_status_is_active(fresh_session: Session):
    session = fresh_session
    live = session.live
    target = all_events(live)[0]
    session.open()
    page = session.page
    page.fill("#token", live.token)
    page.press("#token", "Enter")
    session.open_event(target["id"])
    before = session.loads()
    page.fill("#review-note", "not an event")
    page.click("#review-reject")
    session.wait_loaded(before)
    session.wait_panel(target["id"])
    assert page.inner_text("#panel-status") == "rejected"
    assert target["id"] not in session.table_ids()
    assert target["id"] not in session.marker_ids()
    assert target["id"] not in {e["id"] for e in all_events(live)}
    assert page.locator('#audit-table tr[data-action="reject"]').count() == 1
    assert "not an event" in page.inner_text("#audit-table")
    entries = live.get("/audit", event_id=target["id"])["entries"]
    assert [(e["action"], e["after"], e["reviewer"]) for e in entries] == [
        ("reject", "rejected", live.reviewer)
    ]
    before = session.loads()
    page.select_option("#f-status", "rejected")
    session.wait_loaded(before)
    assert session.table_ids() == [target["id"]]


def test_page_read_only_server_offers_no_review(read_only_session: Session):
    session = read_only_session
    assert session.live.get("/ui-config")["writable"] is False
    session.open()
    page = session.page
    assert page.locator("#token-box").is_hidden()
    session.open_event(all_events(session.live)[0]["id"])
    assert "read-only" in page.inner_text("#panel-review")
    assert page.locator("#panel-review button").count() == 0


# -- untrusted text --------------------------------------------------------------------

PAYLOAD_MARKERS = ("__xss", "<script", "onerror", "onload", "javascript:", "constructor")
FIND_INJECTED = """() => {
  const bad = [];
  for (const node of document.querySelectorAll('*')) {
    for (const attr of node.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) bad.push(`${node.tagName} ${name}`);
      if ((name === 'href' || name === 'src') && /^\\s*javascript:/i.test(attr.value)) {
        bad.push(`${node.tagName} ${name}=${attr.value}`);
      }
    }
  }
  for (const s of document.scripts) {
    if (!/\\/static\\/(vendor\\/leaflet|app)\\.js$/.test(s.src)) bad.push(`script ${s.src}`);
  }
  for (const img of document.images) {
    if (!img.src.startsWith(location.origin + '/static/')) bad.push(`img ${img.src}`);
  }
  bad.push(...[...document.querySelectorAll('iframe, object, embed, svg[onload], img[src="x"]')]
    .map(n => n.tagName));
  return bad;
}"""


def test_page_shows_script_payloads_as_inert_text(session: Session):
    live = session.live
    hostile = [
        d
        for d in event_details(live)
        if any(
            any(m in (a.get(k) or "") for m in PAYLOAD_MARKERS)
            for a in d["articles"]
            for k in ("title", "outlet", "url")
        )
    ]
    assert len(hostile) >= 2
    # Payloads in the page's own query string are filter values, not markup.
    session.open("?actor=%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E&status=all")
    page = session.page
    assert page.input_value("#f-actor") == "<img src=x onerror=window.__xss=1>"
    before = session.loads()
    page.fill("#f-actor", "")
    page.fill("#f-q", "<script>window.__xss=1</script>")
    session.wait_loaded(before)
    before = session.loads()
    page.fill("#f-q", "")
    session.wait_loaded(before)
    for detail in hostile:
        event_id = detail["event"]["id"]
        session.open_event(event_id)
        panel = page.locator("#panel-articles")
        for ref in detail["articles"]:
            article = live.get(f"/articles/{ref['id']}")["article"]
            slot = panel.locator(f'article[data-article-id="{ref["id"]}"]')
            assert slot.locator(".article-title").inner_text() == article["title"]
            if article["outlet"]:
                assert article["outlet"] in slot.locator(".article-meta").inner_text()
            if article["url"]:
                assert slot.locator(".article-url").inner_text() == article["url"]
                assert slot.locator(".article-url a").count() == 0
            shown = " ".join(slot.locator(".article-text").inner_text().split())
            assert shown == " ".join(article["text"].split())
        assert page.evaluate("() => window.__xss") is None
        assert page.evaluate(FIND_INJECTED) == []
    payloads = [
        a["title"] for d in hostile for a in d["articles"] if "__xss" in (a.get("title") or "")
    ]
    assert any("<script>" in p for p in payloads)
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert session.dialogs == []
