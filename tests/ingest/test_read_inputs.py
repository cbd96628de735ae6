from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.config import Settings
from sitrep.ingest import read_inputs
from sitrep.ingest.files import InputKind, kind_for_content_type, kind_for_suffix, sniff_kind
from sitrep.types import Article, PublishedSource, Rejection

STORY = "Seven killed in Northtown\n\nShells hit the market in Northtown on Thursday.\n"


@pytest.mark.parametrize("name", ["folder"])
def test_read_inputs_walks_folders_sorted_and_skips_hidden_and_unknown(
    name: str, fixtures_dir: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    folder = fixtures_dir / name
    with caplog.at_level(logging.DEBUG, logger="sitrep.ingest"):
        results = list(read_inputs([str(folder)], settings=settings))
    assert all(isinstance(r, Article) for r in results)
    assert [r.origin for r in results] == [
        str(folder / "a-story.txt"),
        str(folder / "sub" / "one.json"),
        str(folder / "sub" / "page.htm"),
        f"{folder / 'sub' / 'z-feed.xml'}#1",
        f"{folder / 'sub' / 'z-feed.xml'}#2",
    ]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "image.png" in logged
    assert ".draft.txt" in logged
    assert "notes.txt" not in logged  # inside a hidden folder: never visited


@pytest.mark.parametrize(
    ("stdin_text", "title"),
    [
        (STORY, "Seven killed in Northtown"),
        (
            "<html><head><title>Checkpoint attacked</title></head><body><article>"
            "<p>Fighters attacked an army checkpoint on the road to Westmoor late on Saturday, "
            "killing three soldiers, a military source said on Sunday morning.</p>"
            "<p>The army said it had sent reinforcements and that the road would stay closed "
            "until the fields around it had been cleared of mines.</p></article></body></html>",
            "Checkpoint attacked",
        ),
        ('{"id": "s1", "title": "From JSON", "text": "Troops entered Westmoor."}', "From JSON"),
    ],
    ids=["text", "html", "json"],
)
def test_read_inputs_stdin_is_sniffed(stdin_text: str, title: str, settings: Settings) -> None:
    (article,) = read_inputs(["-"], settings=settings, stdin=io.StringIO(stdin_text))
    assert isinstance(article, Article)
    assert article.title == title
    assert article.origin is not None
    assert article.origin.startswith("<stdin>")


@pytest.mark.parametrize("name", ["feed.rss"])
def test_read_inputs_stdin_feed(name: str, fixtures_dir: Path, settings: Settings) -> None:
    stdin = io.StringIO((fixtures_dir / name).read_text(encoding="utf-8"))
    results = list(read_inputs(["-"], settings=settings, stdin=stdin))
    assert [r.origin for r in results] == ["<stdin>#1", "<stdin>#2"]


@pytest.mark.parametrize(
    ("stdin_text", "code"), [("", "E102-empty"), ("a\x00b\x00c", "E101-unreadable")]
)
def test_read_inputs_bad_stdin_is_rejected(stdin_text: str, code: str, settings: Settings) -> None:
    (rejection,) = read_inputs(["-"], settings=settings, stdin=io.StringIO(stdin_text))
    assert isinstance(rejection, Rejection)
    assert rejection.code == code
    assert rejection.origin == "<stdin>"


@pytest.mark.parametrize("published", [date(2018, 3, 2)])
def test_read_inputs_published_overrides_every_article(
    published: date, fixtures_dir: Path, settings: Settings
) -> None:
    inputs = [
        str(fixtures_dir / n) for n in ("article.txt", "page.html", "articles.jsonl", "feed.atom")
    ]
    results = list(read_inputs(inputs, settings=settings, published=published))
    articles = [r for r in results if isinstance(r, Article)]
    assert len(articles) == 7
    assert {a.published for a in articles} == {published}
    assert {a.published_source for a in articles} == {PublishedSource.GIVEN}
    assert sum(isinstance(r, Rejection) for r in results) == 2


@pytest.mark.parametrize("names", [("feed.atom", "article.txt", "missing.txt", "page.html")])
def test_read_inputs_keeps_input_order_and_goes_on_after_errors(
    names: tuple[str, ...], fixtures_dir: Path, settings: Settings
) -> None:
    results = list(read_inputs([str(fixtures_dir / n) for n in names], settings=settings))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Article",
        "Article",
        "Rejection",
        "Article",
    ]


@pytest.mark.parametrize("suffix", ["", ".dat"])
def test_read_inputs_explicit_file_with_other_suffix_is_sniffed(
    suffix: str, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / f"story{suffix}"
    path.write_text(STORY, encoding="utf-8")
    (article,) = read_inputs([str(path)], settings=settings)
    assert isinstance(article, Article)
    assert article.title == "Seven killed in Northtown"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("name", ["pipe"])
def test_read_inputs_special_file_is_rejected(
    name: str, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / name
    os.mkfifo(path)
    (rejection,) = read_inputs([str(path)], settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E101-unreadable"
    assert "not a regular file" in rejection.message


@pytest.mark.parametrize("copies", [2])
def test_read_inputs_same_story_same_id(copies: int, tmp_path: Path, settings: Settings) -> None:
    paths = []
    for n in range(copies):
        path = tmp_path / f"copy{n}.txt"
        path.write_text(STORY.upper() if n else STORY, encoding="utf-8")
        paths.append(str(path))
    articles = list(read_inputs(paths, settings=settings))
    assert len({a.id for a in articles if isinstance(a, Article)}) == 1


@pytest.mark.parametrize(
    ("suffix", "kind"),
    [
        (".txt", InputKind.TEXT),
        (".TEXT", InputKind.TEXT),
        (".md", InputKind.TEXT),
        (".htm", InputKind.HTML),
        (".xml", InputKind.XML),
        (".rss", InputKind.FEED),
        (".atom", InputKind.FEED),
        (".ndjson", InputKind.JSONL),
        (".json", InputKind.JSON),
        (".pdf", None),
    ],
)
def test_files_kind_for_suffix(suffix: str, kind: InputKind | None) -> None:
    assert kind_for_suffix(suffix) is kind


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/html", InputKind.HTML),
        ("application/atom+xml", InputKind.FEED),
        ("APPLICATION/XML", InputKind.XML),
        ("application/pdf", None),
        (None, None),
    ],
)
def test_files_kind_for_content_type(content_type: str | None, kind: InputKind | None) -> None:
    assert kind_for_content_type(content_type) is kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ('<?xml version="1.0"?>\n<rss version="2.0">', InputKind.FEED),
        (
            '<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">',
            InputKind.FEED,
        ),
        ("<rdf:RDF xmlns:rdf='x'>", InputKind.FEED),
        ("<!DOCTYPE html><html>", InputKind.HTML),
        ('<?xml version="1.0"?><html>', InputKind.HTML),
        ('\ufeff{"id": 1}', InputKind.JSON),
        ("[{}]", InputKind.JSON),
        ("Seven killed", InputKind.TEXT),
    ],
)
def test_files_sniff_kind(head: str, kind: InputKind) -> None:
    assert sniff_kind(head) is kind


@pytest.mark.parametrize("locked", ["locked"])
def test_read_inputs_unlistable_subfolder_is_rejected(
    locked: str, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    real_walk = os.walk

    def walk_with_error(top: Path, onerror: Callable[[OSError], None]) -> Iterator[Any]:
        onerror(PermissionError(13, "Permission denied", str(tmp_path / locked)))
        yield from real_walk(top)

    monkeypatch.setattr(os, "walk", walk_with_error)
    results = list(read_inputs([str(tmp_path)], settings=settings))
    assert [type(r).__name__ for r in results] == ["Rejection", "Article"]
    assert results[0].origin == str(tmp_path / locked)
    assert isinstance(results[0], Rejection)
    assert "permission denied" in results[0].message
