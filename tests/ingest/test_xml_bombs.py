"""XML bombs and external entities (XXE) in feeds and HTML pages: refused or inert.

A feed that declares entities is refused with E105 naming the file; an HTML page is
parsed by lxml/trafilatura, which never expands a DTD's entities, so a bomb stays a few
bytes of text and a local file named by an external entity is never read into an article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.ingest import read_inputs
from sitrep.types import Article, Rejection

SECRET = "sitrep-xxe-canary-7f3a"

LAUGHS = "".join(
    f'<!ENTITY lol{n} "{"".join(f"&lol{n - 1};" for _ in range(10))}">' for n in range(1, 10)
)
BILLION_LAUGHS_DTD = f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{LAUGHS}]>'


def _rss(doctype: str, title: str) -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>{title}</title><link>https://example.org/a</link>"
        "<description>Shelling was reported near Aleppo on Monday.</description>"
        "<pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate></item></channel></rss>"
    )


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _feeds(secret_file: Path) -> dict[str, str]:
    return {
        "billion-laughs": _rss(BILLION_LAUGHS_DTD, "&lol9;"),
        "xxe-file": _rss(
            f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>', "&xxe;"
        ),
        "xxe-parameter": _rss(
            f'<!DOCTYPE rss [<!ENTITY % ext SYSTEM "{secret_file.as_uri()}"> %ext;]>', "Shelling"
        ),
        "internal-entity": _rss('<!DOCTYPE rss [<!ENTITY town "Aleppo">]>', "Shelling in &town;"),
    }


@pytest.mark.parametrize("suffix", [".rss", ".xml", ".atom"])
@pytest.mark.parametrize("name", ["billion-laughs", "xxe-file", "xxe-parameter", "internal-entity"])
def test_a_feed_declaring_entities_is_refused_naming_the_file(
    name: str, suffix: str, secret_file: Path, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / f"{name}{suffix}"
    path.write_text(_feeds(secret_file)[name], encoding="utf-8")
    results = list(read_inputs([str(path)], settings=settings))
    assert len(results) == 1
    (rejection,) = results
    assert isinstance(rejection, Rejection), rejection
    assert rejection.code == "E105-bad-feed"
    assert rejection.message.startswith(f"{path}: ")
    assert "declares XML entities" in rejection.message
    assert SECRET not in rejection.message


def test_a_feed_without_entities_is_still_read(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "plain.rss"
    path.write_text(_rss("", "Shelling near Aleppo"), encoding="utf-8")
    (article,) = read_inputs([str(path)], settings=settings)
    assert isinstance(article, Article)
    assert article.title == "Shelling near Aleppo"


def _html(doctype: str, body: str) -> str:
    return (
        f"{doctype}\n<html><head><title>Shelling near Aleppo</title></head><body><article>"
        f"<p>Shelling was reported near Aleppo on Monday, residents said. {body}</p>"
        "<p>Three people were wounded, a local doctor told reporters.</p></article></body></html>"
    )


def test_an_html_bomb_is_never_expanded(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "bomb.html"
    path.write_text(_html(BILLION_LAUGHS_DTD, "&lol9; &lol9;"), encoding="utf-8")
    results = list(read_inputs([str(path)], settings=settings))
    assert len(results) == 1
    (result,) = results
    # Read (the entity left as text) or refused: either way nothing is expanded.
    if isinstance(result, Article):
        assert result.text.count("lol") < 100
        assert len(result.text) < 2_000
    else:
        assert result.message.startswith(f"{path}: ")


def test_an_html_external_entity_never_reads_the_file(
    secret_file: Path, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "xxe.html"
    doctype = f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
    path.write_text(_html(doctype, "&xxe;"), encoding="utf-8")
    results = list(read_inputs([str(path)], settings=settings))
    assert len(results) == 1
    (result,) = results
    text = result.text if isinstance(result, Article) else result.message
    assert SECRET not in text
