"""The hand-written SVG charts: well-formed, bars sized by the figures, names escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from sitrep.report.charts import bar_chart, nice_ceiling, time_chart
from sitrep.report.figures import Period, Tally, TimeBin, compute_figures
from sitrep.report.svg import type_colour

from .samples import DECEMBER, HOSTILE_ACTOR, sample_events

NS = {"svg": "http://www.w3.org/2000/svg"}


def _rects_with_title(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)  # raises on anything not well-formed
    return [r for r in root.iter(f"{{{NS['svg']}}}rect") if r.find("svg:title", NS) is not None]


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (2, 2), (3, 5), (5, 5), (6, 10), (11, 20), (21, 50), (99, 100), (101, 200)],
)
def test_charts_nice_ceiling(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_charts_time_chart_stacks_bars_by_type():
    bins = (
        TimeBin(date(2017, 12, 1), date(2017, 12, 1), (("Battles", 2), ("Riots", 2))),
        TimeBin(date(2017, 12, 2), date(2017, 12, 2), (("Battles", 1),)),
    )
    svg = time_chart(bins, ("Battles", "Riots"), granularity="day")
    rects = _rects_with_title(svg)
    assert len(rects) == 3
    heights = [float(r.get("height", "0")) for r in rects]
    # The axis runs to nice_ceiling(4) = 5: 160 px plot, so 2 events are 64 px.
    assert heights == pytest.approx([64.0, 64.0, 32.0])
    assert [r.get("fill") for r in rects] == [
        type_colour("Battles"),
        type_colour("Riots"),
        type_colour("Battles"),
    ]
    first, second = rects[0], rects[1]
    # Riots sit on top of Battles in the same bar.
    assert float(second.get("y", "0")) + 64.0 == pytest.approx(float(first.get("y", "0")))
    assert first.findtext("svg:title", namespaces=NS) == "2017-12-01: Battles 2"


def test_charts_time_chart_from_report_counts_every_event():
    period = Period(date(2017, 12, 1), date(2017, 12, 31))
    report = compute_figures(sample_events(*DECEMBER), [], country="SY", period=period)
    svg = time_chart(report.bins, report.event_types, granularity=report.granularity)
    titles = [r.findtext("svg:title", namespaces=NS) or "" for r in _rects_with_title(svg)]
    assert sum(int(t.rsplit(" ", 1)[1]) for t in titles) == 5
    assert "events per day" in svg


def test_charts_weekly_titles_give_the_range():
    bins = (TimeBin(date(2017, 11, 1), date(2017, 11, 7), (("Battles", 1),)),)
    svg = time_chart(bins, ("Battles",), granularity="week")
    (rect,) = _rects_with_title(svg)
    assert rect.findtext("svg:title", namespaces=NS) == "2017-11-01 to 2017-11-07: Battles 1"


def test_charts_time_chart_empty_says_no_events():
    bins = (TimeBin(date(2017, 12, 1), date(2017, 12, 1), ()),)
    svg = time_chart(bins, (), granularity="day")
    assert _rects_with_title(svg) == []
    assert ">no events</text>" in svg


def test_charts_bar_chart_lengths_follow_fatalities():
    rows = (Tally("civilians", 3, 27), Tally("militants", 1, 9))
    svg = bar_chart(rows, title="Fatalities by category")
    long, short = _rects_with_title(svg)
    assert float(long.get("width", "0")) == pytest.approx(
        3 * float(short.get("width", "0")), abs=0.3
    )
    assert long.findtext("svg:title", namespaces=NS) == "civilians: 27 killed, 3 events"


def test_charts_bar_chart_empty():
    svg = bar_chart((), title="Fatalities by actor")
    assert _rects_with_title(svg) == []
    assert ">none reported</text>" in svg


@pytest.mark.parametrize("name", [HOSTILE_ACTOR, "<script>alert(1)</script>", '"><svg onload=x>'])
def test_charts_escape_hostile_names(name):
    svg = bar_chart((Tally(name, 1, 3),), title="t")
    root = ET.fromstring(svg)
    # Only the chart's own elements exist, whatever the name says.
    tags = {el.tag.split("}")[1] for el in root.iter()}
    assert tags <= {"svg", "title", "text", "rect"}
    assert name not in svg
    assert any(name in "".join(el.itertext()) for el in root.iter(f"{{{NS['svg']}}}text"))
    types = time_chart(
        (TimeBin(date(2017, 12, 1), date(2017, 12, 1), ((name, 1),)),), (name,), granularity="day"
    )
    assert name not in types
    ET.fromstring(types)


def test_charts_long_labels_are_cut():
    name = "Forces of a very long name that would not fit beside its bar at all"
    svg = bar_chart((Tally(name, 1, 1),), title="t")
    root = ET.fromstring(svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{{{NS['svg']}}}text")]
    assert any(t.endswith("…") and len(t) == 34 for t in texts)
    assert name in svg  # whole in the bar's tooltip
