"""Rendering: markdown tables and escaping, one self-contained HTML file, the PDF path."""

from __future__ import annotations

import re
import sys
from datetime import date
from html.parser import HTMLParser

import pytest

from sitrep.report import (
    PdfUnavailableError,
    UnknownReportFormatError,
    render_report,
)
from sitrep.report.figures import Period, compute_figures
from sitrep.report.render_html import render_html
from sitrep.report.render_md import md_escape, render_markdown

from .samples import (
    AIR_SENTENCE,
    DECEMBER,
    HOSTILE_ACTOR,
    HOSTILE_PLACE,
    HOSTILE_SENTENCE_MARK,
    NOVEMBER,
    sample_events,
)

DEC = Period(date(2017, 12, 1), date(2017, 12, 31))
HOSTILE = (HOSTILE_PLACE, HOSTILE_ACTOR, HOSTILE_SENTENCE_MARK)


@pytest.fixture(scope="module")
def report():
    return compute_figures(
        sample_events(*DECEMBER), sample_events(*NOVEMBER), country="SY", period=DEC
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("# heading", "\\# heading"),
        ("line\nbreak\r\nhere", "line break here"),
        ("- item", "\\- item"),
        ("1. item", "\\1. item"),
        ("AT&T", "AT&amp;T"),
        ("back\\slash", "back\\\\slash"),
        ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"),
    ],
)
def test_render_md_escape(text, escaped):
    assert md_escape(text) == escaped


def test_render_md_escape_in_a_cell_keeps_a_leading_sign():
    assert md_escape("+3", line_start=False) == "+3"
    assert md_escape("+3") == "\\+3"


def _table_rows(markdown: str, title: str) -> list[list[str]]:
    section = markdown.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[1:]]


def test_render_md_tables_hold_the_figures(report):
    markdown = render_markdown(report, map_href="sy report.map.svg")
    assert markdown.startswith("# Situation report: Syria\n")
    assert "![Map of the events in Syria](sy%20report.map.svg)" in markdown
    change = _table_rows(markdown, "Change against the previous period")
    assert change[0] == ["Battles", "2", "1", "+1", "16", "4", "+12"]
    assert change[-1] == ["all types", "5", "2", "+3", "43", "14", "+29"]
    assert _table_rows(markdown, "Fatalities by category")[0] == ["civilians", "27", "3"]
    assert _table_rows(markdown, "Fatalities by actor")[1] == [
        "Military Forces of Russia",
        "20",
        "1",
    ]
    top = _table_rows(markdown, "Top events")
    assert top[0][:3] == ["1", "2017-12-10", "Explosions/Remote violence: Air/drone strike"]
    assert top[0][-1] == AIR_SENTENCE
    assert len(top) == 5
    time = _table_rows(markdown, "Events by type over time")
    assert time[1] == ["2017-12-10", "0", "2", "0", "2"]
    assert "43 reported fatalities" in markdown.split("## Summary", 1)[1].split("##", 1)[0]


def test_render_md_without_a_map_file_says_so(report):
    markdown = render_markdown(report, map_href=None)
    assert "![" not in markdown
    assert "The map image is written beside the report when it is saved to a file." in markdown


def test_render_md_hostile_text_is_inert(report):
    markdown = render_markdown(report, map_href="m.svg")
    for text in HOSTILE:
        assert text not in markdown
    assert "<" not in markdown and ">" not in markdown.replace("&gt;", "")
    # Every table row keeps its column count: no | leaked from a name or sentence.
    for title in ("Top events", "Fatalities by actor", "Places"):
        rows = _table_rows(markdown, title)
        assert len({len(r) for r in rows}) == 1, title
    assert not any(line.startswith("# not") for line in markdown.splitlines())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_render_html_is_self_contained_and_hostile_text_inert(report):
    page = render_html(report)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not {"iframe", "link", "object", "embed", "image", "foreignobject"} & set(parser.tags)
    names = {name for name, _ in parser.attributes}
    assert not {n for n in names if n.startswith("on")}
    assert "src" not in names and "href" not in names
    assert "http" not in page  # no external URL, not even the SVG namespace
    for text in (HOSTILE_PLACE, HOSTILE_ACTOR):  # markup: must only appear escaped
        assert text not in page
    # The markdown payload holds no markup: in HTML it is plain text, and no link exists.
    assert "a" not in parser.tags
    # The hostile names are there, as text.
    text = "".join(parser.text)
    assert HOSTILE_PLACE in text and HOSTILE_ACTOR in text
    assert AIR_SENTENCE in text


def test_render_html_sections_and_figures(report):
    page = render_html(report)
    for section in ("summary", "map", "charts", "change", "categories", "actors", "top_events"):
        assert f'<section id="{section}">' in page
    assert page.count("<svg") == 4  # the map and three charts
    assert "<title>Situation report: Syria, 2017-12-01 to 2017-12-31</title>" in page
    assert '<td class="n">+29</td>' in page
    assert "5 events were recorded in Syria" in page


def test_render_report_formats(report):
    assert render_report(report, "md", map_href="x.svg").decode() == render_markdown(
        report, map_href="x.svg"
    )
    assert render_report(report, "html").decode() == render_html(report)
    with pytest.raises(UnknownReportFormatError, match="md, html, pdf"):
        render_report(report, "docx")


def test_render_pdf_without_weasyprint_names_the_extra(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError
    with pytest.raises(PdfUnavailableError, match=r"sitrep-events\[serve\]"):
        render_report(report, "pdf")
