from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.ingest import read_inputs
from sitrep.ingest.jsonl import read_jsonl_lines
from sitrep.types import Article, PublishedSource, Rejection


@pytest.mark.parametrize("name", ["articles.jsonl"])
def test_jsonl_bad_lines_are_rejected_and_the_batch_goes_on(
    name: str, fixtures_dir: Path, settings: Settings
) -> None:
    path = fixtures_dir / name
    results = list(read_inputs([str(path)], settings=settings))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Rejection",
        "Article",
        "Rejection",
        "Article",
    ]
    first, bad_json, no_id, no_text, numeric_id = results
    assert isinstance(first, Article)
    assert first.external_id == "a1"
    assert first.origin == f"{path}:1"
    assert first.title == "Clashes in Eastport"
    assert first.url == "https://observer.example/a1"
    assert first.outlet == "Eastport Observer"
    assert first.published == date(2019, 5, 1)
    assert first.published_source is PublishedSource.METADATA
    assert isinstance(bad_json, Rejection)
    assert bad_json.code == "E103-bad-jsonl"
    assert bad_json.origin == f"{path}:2"
    assert bad_json.message.startswith(f"{path}:2: invalid JSON")
    assert bad_json.raw is not None
    assert bad_json.raw.startswith('{"id": "a2"')
    assert isinstance(no_id, Article)
    assert no_id.external_id is None
    assert no_id.origin == f"{path}:3"
    assert no_id.published_source is PublishedSource.MISSING
    assert isinstance(no_text, Rejection)
    assert no_text.message == f"{path}:4: missing required key 'text'"
    assert isinstance(numeric_id, Article)
    assert numeric_id.external_id == "5"
    assert numeric_id.origin == f"{path}:6"


@pytest.mark.parametrize(
    "text",
    [
        "  Residents said the convoy arrived on Monday.  \n",
        "Troops entered Westmoor.\r\n\r\nThe army said 4 soldiers died.",
        "Shelling hit Northtown on Thursday, killing seven.\n\nRelated\nOne\nTwo\nThree",
    ],
    ids=["padded", "crlf", "with-boilerplate"],
)
def test_jsonl_text_is_kept_exactly(text: str, settings: Settings) -> None:
    line = json.dumps({"id": "x", "text": text})
    (article,) = read_jsonl_lines([line], origin="in.jsonl", settings=settings)
    assert isinstance(article, Article)
    assert article.text + article.boilerplate == text
    assert text.startswith(article.text)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "x", "text": 5}, "'text' must be a string"),
        ({"id": "x", "text": ""}, "no article text"),
        ({"id": ["x"], "text": "Seven killed."}, "'id' must be a string or a number"),
        ({"id": "x", "text": "Seven killed.", "title": 3}, "'title' must be a string or null"),
        (["x"], "expected a JSON object"),
        ({"id": "x", "text": "Seven\u0000 killed."}, "the text holds NUL characters"),
        ({"id": "x", "text": "Seven killed.", "title": "A\u0000"}, "the title holds NUL"),
    ],
)
def test_jsonl_invalid_records_are_rejected(
    record: object, reason: str, settings: Settings
) -> None:
    (rejection,) = read_jsonl_lines([json.dumps(record)], origin="in.jsonl", settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.origin == "in.jsonl:1"
    assert reason in rejection.message


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2018-03-02", date(2018, 3, 2)),
        ("2018-03-02T23:59:00+03:00", date(2018, 3, 2)),
        (None, None),
        ("last Tuesday", None),
        (20180302, None),
    ],
)
def test_jsonl_published_dates(
    published: object, expected: date | None, settings: Settings
) -> None:
    line = json.dumps({"id": "x", "text": "Seven killed.", "published": published})
    (article,) = read_jsonl_lines([line], origin="in.jsonl", settings=settings)
    assert isinstance(article, Article)
    assert article.published == expected


@pytest.mark.parametrize(
    "data",
    [b'{"id": "x", "text": "caf\xe9"}\n', b'{"id": "x", "text": "ok"}\n\xff\xfe{"bad"}\n'],
)
def test_jsonl_non_utf8_lines_are_rejected(data: bytes, tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(data)
    rejections = [
        r for r in read_inputs([str(path)], settings=settings) if isinstance(r, Rejection)
    ]
    assert len(rejections) == 1
    assert rejections[0].code == "E101-unreadable"
    assert "not UTF-8" in rejections[0].message


@pytest.mark.parametrize("name", ["articles.json"])
def test_jsonl_json_file_with_a_list(name: str, fixtures_dir: Path, settings: Settings) -> None:
    path = fixtures_dir / name
    results = list(read_inputs([str(path)], settings=settings))
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Rejection"]
    assert [r.origin for r in results] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    first = results[0]
    assert isinstance(first, Article)
    assert first.external_id == "b1"
    assert first.published == date(2019, 4, 11)


@pytest.mark.parametrize(
    ("content", "kinds"),
    [
        ('{"id": "one", "text": "Seven killed in Northtown."}', ["Article"]),
        ('{"id": "1", "text": "A."}\n{"id": "2", "text": "B."}\n', ["Article", "Article"]),
        ('{"id": "1", "text": ', ["Rejection"]),
        ('"just a string"', ["Rejection"]),
    ],
    ids=["one-object", "jsonl-in-json", "truncated", "not-an-object"],
)
def test_jsonl_json_file_shapes(
    content: str, kinds: list[str], tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(content, encoding="utf-8")
    results = list(read_inputs([str(path)], settings=settings))
    assert [type(r).__name__ for r in results] == kinds
    for result in results:
        if isinstance(result, Rejection):
            assert result.code == "E103-bad-jsonl"
            assert str(path) in result.message


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_binary_file_is_one_rejection(
    suffix: str, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(b"\x00\x01\x02\x03" * 100 + b"\n" + b"\x00" * 50)
    results = list(read_inputs([str(path)], settings=settings))
    assert len(results) == 1
    assert isinstance(results[0], Rejection)
    assert results[0].code == "E101-unreadable"


@pytest.mark.parametrize(
    "stdin_text",
    ['{"id": "s1", "text": "Seven killed."}\n{"id": "s2"}\n'],
)
def test_jsonl_from_stdin(stdin_text: str, settings: Settings) -> None:
    results = list(read_inputs(["-"], settings=settings, stdin=io.StringIO(stdin_text)))
    assert [type(r).__name__ for r in results] == ["Article", "Rejection"]
    assert results[0].origin == "<stdin>:1"
    assert results[1].origin == "<stdin>:2"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_jsonl_unicode_line_separators_inside_text_do_not_split_lines(
    separator: str, settings: Settings
) -> None:
    text = f"Troops entered Westmoor.{separator}The army said 4 soldiers died."
    line = json.dumps({"id": "u", "text": text}, ensure_ascii=False)
    stdin = io.StringIO(f"{line}\n{line}\n")
    results = list(read_inputs(["-"], settings=settings, stdin=stdin))
    assert [type(r).__name__ for r in results] == ["Article", "Article"]
    assert isinstance(results[0], Article)
    assert results[0].text == text
