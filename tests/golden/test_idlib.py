"""Golden test on a real article: the Idlib story bundled in examples/ (2018-01-04).

Exact facts that the project's first issue names, checked through the library API.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.ingest.jsonl import article_from_record
from sitrep.types import ArticleResult, ToponymKind


@pytest.fixture(scope="module")
def idlib(pipeline, settings, example_records: list[dict[str, Any]]) -> ArticleResult:
    record = next(r for r in example_records if r["id"].startswith("idlib"))
    article = article_from_record(record, origin="examples/articles.jsonl:1", settings=settings)
    return pipeline.process_article(article)


def test_idlib_boilerplate_cut(idlib):
    assert idlib.article.boilerplate.lstrip().startswith("Source :")
    assert "After Kobane" not in idlib.article.text


def test_idlib_misspelt_title_resolves_to_idlib(idlib):
    iblib = next(p for p in idlib.places if p.span.text == "Iblib")
    assert iblib.kind is ToponymKind.LITERAL
    assert iblib.place is not None
    assert (round(iblib.place.lat, 2), round(iblib.place.lon, 2)) == (35.93, 36.63)


def test_idlib_abu_dali_capture_dated(idlib):
    captures = [
        e
        for e in idlib.events
        if e.sub_event_type == "Government regains territory" and e.date_start == date(2017, 12, 29)
    ]
    assert captures, [(e.sub_event_type, e.date_start) for e in idlib.events]
    event = captures[0]
    assert event.actor1 is not None and event.actor1.name == "Military Forces of Syria"
    assert event.place is not None and event.place.span.text in ("Abu Dali", "Hama")
    assert event.place.place is not None and event.place.place.admin1 in ("Hama", "Ḩamāh")
    evidence = {e.field: e.span.text for r in event.reports for e in r.evidence}
    assert evidence["date"] == "Four days after"


def test_idlib_observatory_toll_by_category(idlib):
    assert len(idlib.casualty_reports) == 1
    toll = idlib.casualty_reports[0]
    assert {(q.category, q.value) for q in toll.killed} == {
        ("civilians", 43),
        ("militants", 57),
        ("government forces", 46),
    }
    assert toll.source is not None and toll.source.source == "Syrian Observatory for Human Rights"
    assert toll.period_start == date(2017, 12, 25)
    # An aggregate toll is never an event's fatalities.
    assert all(e.fatalities_best not in (43, 57, 46, 146) for e in idlib.events)


def test_idlib_displacement_figure(idlib):
    figures = {(d.figure, d.unit, d.term, d.qualifier) for d in idlib.displacement}
    assert (5000, "households", "fled", "more than") in figures
    families = next(d for d in idlib.displacement if d.figure == 5000)
    assert families.persons == 25000
    assert families.source is not None and families.source.source == "Pro-opposition media"


def test_idlib_sarin_attack_is_background(idlib):
    chemical = [e for e in idlib.events if e.sub_event_type == "Chemical weapon"]
    assert len(chemical) == 1
    assert chemical[0].is_background
    assert chemical[0].fatalities_best == 90


def test_idlib_every_evidence_span_points_into_text(idlib):
    text = idlib.article.text
    for report in idlib.reports:
        for evidence in report.evidence:
            assert text[evidence.span.start : evidence.span.end] == evidence.span.text
