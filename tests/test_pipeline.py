"""The pipeline: one article, a batch with rejections, and the library entry point."""

from __future__ import annotations

import json
from datetime import date

import pytest

import sitrep
from sitrep.errors import SitrepError
from sitrep.pipeline import EXTRACT_FAILED, Pipeline
from sitrep.store.sqlite import SQLiteStore
from sitrep.types import ArticleResult, PublishedSource

TEXT = (
    "Rebels Shell Aleppo\n\n"
    "Rebels shelled government-held districts of Aleppo on Monday, killing three civilians, "
    "the state news agency said.\n"
)


def test_pipeline_process_text_returns_typed_result(pipeline):
    result = pipeline.process_text(TEXT, published=date(2020, 3, 10))
    assert isinstance(result, ArticleResult)
    assert result.article.published_source is PublishedSource.GIVEN
    assert any(p.place and p.place.country == "SY" for p in result.places)
    assert result.events and result.events[0].fatalities_best == 3


def test_pipeline_process_text_rejects_empty(pipeline):
    with pytest.raises(SitrepError, match="empty"):
        pipeline.process_text("   \n")


def test_pipeline_library_process_uses_default_pipeline(monkeypatch, pipeline):
    monkeypatch.setattr(sitrep, "default_pipeline", lambda: pipeline)
    result = sitrep.process(TEXT, published=date(2020, 3, 10))
    assert result.events


def test_pipeline_run_counts_and_dedupes(pipeline, tmp_path):
    docs = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": TEXT, "published": "2020-03-10"},
        {"id": "b", "text": TEXT, "published": "2020-03-10"},  # same text: a duplicate
        {"id": "c", "text": ""},
    ]
    docs.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    with SQLiteStore(tmp_path / "run.db") as store:
        summary = pipeline.run([str(docs)], store=store)
        assert (summary.articles, summary.duplicates, summary.rejected_count) == (1, 1, 1)
        assert store.counts()["articles"] == 1
        again = pipeline.run([str(docs)], store=store)
        assert (again.articles, again.duplicates) == (0, 2)
    assert "1 articles" in summary.line() and "1 duplicates" in summary.line()


def test_pipeline_extraction_failure_is_recorded_and_batch_goes_on(settings, tmp_path, monkeypatch):
    pipeline = Pipeline(settings)
    original = pipeline.extract

    def flaky(article, annotation):
        if "boom" in article.text:
            raise ValueError("extractor exploded")
        return original(article, annotation)

    monkeypatch.setattr(pipeline, "extract", flaky)
    docs = tmp_path / "in.jsonl"
    docs.write_text(
        json.dumps({"id": "x", "text": "boom goes the article"})
        + "\n"
        + json.dumps({"id": "y", "text": TEXT, "published": "2020-03-10"})
        + "\n"
    )
    with SQLiteStore(tmp_path / "fail.db") as store:
        summary = pipeline.run([str(docs)], store=store)
        assert summary.rejections == {EXTRACT_FAILED: 1}
        assert "extractor exploded" in summary.rejected[0].message
        assert store.counts()["articles"] == 1
