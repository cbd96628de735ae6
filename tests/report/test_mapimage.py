"""The report's map: view, projection, circles, outlines and the missing-outlines error."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from sitrep.report import mapimage
from sitrep.report.errors import MapOutlinesMissingError, ReportError
from sitrep.report.figures import MapPoint
from sitrep.report.mapimage import (
    MAX_RADIUS,
    MIN_SPAN_DEG,
    Outline,
    load_outlines,
    map_svg,
    point_radius,
    view_of,
)

SVG = "{http://www.w3.org/2000/svg}"
SYRIA = 760
IDLIB = MapPoint(35.93, 36.63, "Battles", 20, "2017-12-10 Idlib: Air/drone strike", "Idlib")
DEIR = MapPoint(35.33, 40.14, "Explosions/Remote violence", 0, "x", "Deir ez-Zor")

# A square "country" around (0, 0), for tests that need no atlas.
SQUARE = Outline(
    numeric=999,
    name="Square",
    polygons=((((-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0)),),),
    west=-1.0,
    south=-1.0,
    east=1.0,
    north=1.0,
)


def _circles(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}circle"))


@pytest.mark.parametrize(
    ("fatalities", "radius"), [(0, 3.0), (1, 4.6), (25, 11.0), (10_000, MAX_RADIUS)]
)
def test_mapimage_radius_grows_with_sqrt_of_fatalities(fatalities, radius):
    assert point_radius(fatalities) == pytest.approx(radius)


def test_mapimage_view_covers_points_with_margin_and_cos_lat():
    view = view_of([IDLIB, DEIR])
    assert view.west < 36.63 and view.east > 40.14
    assert view.south < 35.33 and view.north > 35.93
    span = 40.14 - 36.63
    assert view.east - view.west == pytest.approx(span * 1.3)
    # A degree of longitude is cos(lat) of a degree of latitude wide.
    mid = math.radians((view.south + view.north) / 2)
    assert view.height / view.width == pytest.approx(
        (view.north - view.south) / ((view.east - view.west) * math.cos(mid))
    )
    x, y = view.project(IDLIB.lon, IDLIB.lat)
    assert 0 < x < view.width and 0 < y < view.height


def test_mapimage_one_point_gets_a_minimum_span():
    view = view_of([IDLIB])
    assert view.east - view.west == pytest.approx(MIN_SPAN_DEG * 1.3)
    x, y = view.project(IDLIB.lon, IDLIB.lat)
    assert x == pytest.approx(view.width / 2) and y == pytest.approx(view.height / 2)


def test_mapimage_circles_drawn_largest_first_with_escaped_titles():
    hostile = MapPoint(0.2, 0.2, "Riots", 3, "<script>alert(1)</script>", "<b>x</b>")
    svg = map_svg([hostile, MapPoint(0.0, 0.0, "Battles", 50, "big", "Big")], outlines=[SQUARE])
    circles = [c for c in _circles(svg) if c.find(f"{SVG}title") is not None]
    assert [c.findtext(f"{SVG}title") for c in circles] == [
        "big: 50 killed",
        "<script>alert(1)</script>: 3 killed",
    ]
    assert "<script>" not in svg and "<b>" not in svg
    assert float(circles[0].get("r", "0")) == pytest.approx(point_radius(50), abs=0.05)


def test_mapimage_legend_names_the_types_drawn():
    svg = map_svg([IDLIB, DEIR], outlines=[SQUARE])
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "Battles" in texts and "Explosions/Remote violence" in texts
    assert "Riots" not in texts
    assert "Idlib" in texts  # the deadliest point's place is labelled


def test_mapimage_outline_clipped_to_the_view():
    big = Outline(
        None,
        "Big",
        ((((-50.0, -50.0), (50.0, -50.0), (50.0, 50.0), (-50.0, 50.0)),),),
        -50.0,
        -50.0,
        50.0,
        50.0,
    )
    svg = map_svg([MapPoint(0.0, 0.0, "Battles", 1, "x")], outlines=[big])
    root = ET.fromstring(svg)
    (path,) = list(root.iter(f"{SVG}path"))
    numbers = [
        float(n)
        for n in path.get("d", "").replace("M", " ").replace("L", " ").replace("Z", " ").split()
    ]
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert min(numbers) >= -10.0
    assert max(numbers) <= max(width, height) + 10.0


def test_mapimage_no_points_shows_the_country_and_says_so():
    svg = map_svg([], country_numeric=999, outlines=[SQUARE])
    assert "No located events to draw." in svg
    (path,) = list(ET.fromstring(svg).iter(f"{SVG}path"))
    assert path.get("fill") == "#d9d4c7"  # the report's country is the darker fill


def test_mapimage_natural_earth_outlines_load_with_syria():
    outlines = load_outlines()
    syria = next(o for o in outlines if o.numeric == SYRIA)
    assert syria.name == "Syria"
    assert 35 < syria.west < 36.5 and 42 < syria.east < 43
    svg = map_svg([IDLIB, DEIR], country_numeric=SYRIA)
    names = {p.findtext(f"{SVG}title") for p in ET.fromstring(svg).iter(f"{SVG}path")}
    assert {"Syria", "Turkey", "Iraq"} <= names
    assert "Brazil" not in names
    assert len(svg) < 200_000


def test_mapimage_missing_outlines_name_make_web(monkeypatch):
    monkeypatch.setattr(mapimage, "OUTLINES", "serve/static/vendor/absent.geojson")
    load_outlines.cache_clear()
    try:
        with pytest.raises(MapOutlinesMissingError, match="make web") as caught:
            map_svg([IDLIB])
        assert isinstance(caught.value, ReportError)
    finally:
        load_outlines.cache_clear()
