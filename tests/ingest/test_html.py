from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.ingest import read_inputs
from sitrep.ingest.html import declared_charset, html_to_text
from sitrep.types import Article, PublishedSource, Rejection

PARAGRAPHS = (
    "<p>Fighters of the Ridge Front attacked an army checkpoint on the road to Westmoor "
    "late on Saturday, killing three soldiers, a military source said.</p>"
    "<p>The army said it had sent reinforcements to the area and that the road would stay "
    "closed until the surrounding fields had been cleared of mines.</p>"
    "<p>Residents of Westmoor said they had heard gunfire and explosions for more than two "
    "hours, and that several families had left for the town of Southvale.</p>"
)


@pytest.mark.parametrize("name", ["page.html"])
def test_html_page_with_metadata(name: str, fixtures_dir: Path, settings: Settings) -> None:
    path = fixtures_dir / name
    (article,) = read_inputs([str(path)], settings=settings)
    assert isinstance(article, Article)
    assert article.title == "Shelling hits market in Northtown"
    assert article.outlet == "The Daily Lantern"
    assert article.url == "https://lantern.example/news/northtown-shelling"
    assert article.published == date(2019, 4, 12)
    assert article.published_source is PublishedSource.METADATA
    assert article.text.startswith("Shelling hits market in Northtown\n\nAt least seven people")
    assert article.text.count("Shelling hits market in Northtown") == 1
    assert "2,000 families" in article.text
    assert "Home" not in article.text
    assert "Copyright" not in article.text
    assert article.origin == str(path)


@pytest.mark.parametrize(
    "head",
    [
        "<title>Checkpoint attacked near Westmoor</title>",
        '<meta property="og:title" content="Checkpoint attacked near Westmoor">',
    ],
)
def test_html_page_without_date_is_missing(head: str, tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "nodate.html"
    path.write_text(f"<html><head>{head}</head><body><article>{PARAGRAPHS}</article></body></html>")
    (article,) = read_inputs([str(path)], settings=settings)
    assert isinstance(article, Article)
    assert article.title == "Checkpoint attacked near Westmoor"
    assert article.published is None
    assert article.published_source is PublishedSource.MISSING
    assert article.outlet is None


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, "E104-bad-html"),  # the no-text.html fixture
        (b"<html><body><div><span></span></div></body></html>", "E104-bad-html"),
        (b"<<<>>>></></", "E104-bad-html"),
        (b"\x00\x9c\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 30, "E101-unreadable"),
        (b"", "E102-empty"),
    ],
    ids=["no-text-fixture", "empty-markup", "tag-soup", "binary-junk", "empty-file"],
)
def test_html_broken_pages_become_rejections(
    content: bytes | None, code: str, fixtures_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    if content is None:
        path = fixtures_dir / "no-text.html"
    else:
        path = tmp_path / "broken.html"
        path.write_bytes(content)
    (rejection,) = read_inputs([str(path)], settings=settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == code
    assert rejection.message.startswith(f"{path}: ")


@pytest.mark.parametrize("encoding", ["windows-1252", "iso-8859-1"])
def test_html_declared_charset_is_used(encoding: str, tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "legacy.htm"
    markup = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
        f"<title>Café attacked in Westmoor</title></head><body><article>{PARAGRAPHS}"
        "</article></body></html>"
    )
    path.write_bytes(markup.encode(encoding))
    (article,) = read_inputs([str(path)], settings=settings)
    assert isinstance(article, Article)
    assert article.title == "Café attacked in Westmoor"


@pytest.mark.parametrize(
    ("data", "charset"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b"<html><body>no meta</body></html>", None),
    ],
)
def test_html_declared_charset(data: bytes, charset: str | None) -> None:
    assert declared_charset(data) == charset


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One &amp; two.</p><p>Three.</p>", "One & two.\nThree."),
        ("Line<br/>break <b>bold</b>", "Line\nbreak bold"),
        ("<script>alert(1)</script><p>Kept</p>", "Kept"),
        ("plain text, no tags", "plain text, no tags"),
    ],
)
def test_html_fragment_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text
