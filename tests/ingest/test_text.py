from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.config import Settings, load_settings
from sitrep.ingest import read_inputs
from sitrep.ingest.text import decode_bytes, find_title, looks_binary
from sitrep.types import Article, PublishedSource, Rejection

STORY = "Seven killed in Northtown\n\nShells hit the market in Northtown on Thursday.\n"


def _only(results: list[Article | Rejection]) -> Article | Rejection:
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("name", ["article.txt"])
def test_text_file_with_title_and_boilerplate(
    name: str, fixtures_dir: Path, settings: Settings
) -> None:
    path = fixtures_dir / name
    article = _only(list(read_inputs([str(path)], settings=settings)))
    assert isinstance(article, Article)
    original = path.read_text(encoding="utf-8")
    assert article.title == "Shelling kills seven in Northtown market"
    assert article.text.startswith("Shelling kills seven in Northtown market\n\nNORTHTOWN")
    assert article.text + article.boilerplate == original
    assert article.boilerplate.lstrip().startswith("Source :")
    assert "Kobane" not in article.text
    assert article.origin == str(path)
    assert article.published is None
    assert article.published_source is PublishedSource.MISSING


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (STORY, "Seven killed in Northtown"),
        ("Shells hit the market in Northtown on Thursday.\nSeven died.\n", None),
        ("One line only", None),
        ("\n\nSeven killed\n\nBody text.", "Seven killed"),
    ],
)
def test_text_title_is_a_first_line_before_a_blank_line(text: str, title: str | None) -> None:
    assert find_title(text) == title


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (STORY.encode("utf-8"), STORY),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), STORY),
        ("\ufeff".encode("utf-16-le") + STORY.encode("utf-16-le"), STORY),
        ("Aleppo – “Syria”".encode("cp1252"), "Aleppo – “Syria”"),
        ("Café in Idlib".encode("latin-1"), "Café in Idlib"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "latin1"],
)
def test_text_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, origin="x.txt") == expected


@pytest.mark.parametrize(
    ("data", "code", "reason"),
    [
        (b"", "E102-empty", "empty"),
        (b"   \n\t\n", "E102-empty", "no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E101-unreadable", "binary"),
        (bytes(range(0x80, 0x100)) * 4, "E101-unreadable", "cannot be decoded"),
        (b"\x01\x02\x03\x04\x05\x06abc\x07\x08" * 20, "E101-unreadable", "binary"),
    ],
    ids=["empty", "whitespace", "png", "undecodable", "control-chars"],
)
def test_text_bad_files_become_rejections(
    data: bytes, code: str, reason: str, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    rejection = _only(list(read_inputs([str(path)], settings=settings)))
    assert isinstance(rejection, Rejection)
    assert rejection.code == code
    assert rejection.stage == "ingest"
    assert rejection.origin == str(path)
    assert str(path) in rejection.message
    assert reason in rejection.message
    assert "\n" not in rejection.message


@pytest.mark.parametrize("mode", [0o000])
def test_text_unreadable_file_is_rejected(mode: int, tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(mode)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user (root) who can read a chmod 000 file")
        rejection = _only(list(read_inputs([str(path)], settings=settings)))
    finally:
        path.chmod(0o600)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E101-unreadable"
    assert str(path) in rejection.message
    assert "permission denied" in rejection.message


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(5, "I/O")])
def test_text_read_errors_are_rejected(
    error: OSError, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Path, "open", fail)
    rejection = _only(list(read_inputs([str(path)], settings=settings)))
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E101-unreadable"
    assert rejection.message.startswith(f"{path}: ")


@pytest.mark.parametrize("name", ["missing.txt", "no/such/folder"])
def test_text_missing_path_is_rejected(name: str, tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / name
    rejection = _only(list(read_inputs([str(path)], settings=settings)))
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E101-unreadable"
    assert "no such file" in rejection.message


@pytest.mark.parametrize(
    ("limit", "raw"),
    [(40, STORY), (10, None)],
    ids=["text-too-long", "file-too-large-to-read"],
)
def test_text_longer_than_max_article_chars_is_rejected(
    limit: int, raw: str | None, tmp_path: Path
) -> None:
    settings = load_settings(overrides={"cache_dir": str(tmp_path), "max_article_chars": limit})
    path = tmp_path / "long.txt"
    path.write_text(STORY, encoding="utf-8")
    rejection = _only(list(read_inputs([str(path)], settings=settings)))
    assert isinstance(rejection, Rejection)
    assert rejection.code == "E107-too-long"
    assert str(path) in rejection.message
    assert rejection.raw == raw


@pytest.mark.parametrize(
    ("data", "binary"),
    [(b"plain text\n", False), (b"a\x00b", True), ("text\x00", True), ("Tab\tand\r\n", False)],
)
def test_text_looks_binary(data: bytes | str, binary: bool) -> None:
    assert looks_binary(data) is binary
