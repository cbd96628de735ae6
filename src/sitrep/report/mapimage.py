"""The report's map: events as circles over Natural Earth country outlines, as SVG.

    >>> from sitrep.report.figures import MapPoint
    >>> svg = map_svg([MapPoint(35.9, 36.6, "Battles", 12, "Idlib")], country_numeric=760)
    >>> svg.startswith("<svg") and "<circle" in svg
    True

The outlines are the 1:50m countries the web page uses
(``sitrep/serve/static/vendor/countries-50m.geojson``, written by ``make web`` from the
npm package world-atlas); their feature ids are ISO 3166-1 numeric codes, so the
report's country is drawn darker.  The projection is equirectangular, longitudes scaled
by the cosine of the view's middle latitude, over the events' bounding box plus a margin
(at least ``MIN_SPAN_DEG`` degrees each way, so one event is not a view of a street).
Outlines are clipped to the view (Sutherland-Hodgman, against a rectangle a little
larger than the view), so a zoomed-in map does not carry whole continents.  A circle's
area grows with the event's fatalities (radius ``3 + 1.6 * sqrt(fatalities)``, at most
``MAX_RADIUS``).  The view does not cross the antimeridian.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from sitrep.report.errors import MapOutlinesMissingError
from sitrep.report.figures import MapPoint
from sitrep.report.svg import FONT, SVG_NAMESPACE, esc, num, type_colour
from sitrep.taxonomy import EVENT_TYPES

__all__ = [
    "MAX_RADIUS",
    "MIN_SPAN_DEG",
    "OUTLINES",
    "Outline",
    "View",
    "load_outlines",
    "map_svg",
    "point_radius",
    "view_of",
]

OUTLINES = "serve/static/vendor/countries-50m.geojson"
MIN_SPAN_DEG = 3.0
MARGIN = 0.15  # of the span, each side
MAX_RADIUS = 28.0
WIDTH = 640.0
MAX_HEIGHT = 560.0
LEGEND_ROW = 18.0
LABELLED_PLACES = 6  # the deadliest points' places are named on the map
MIN_STEP_PX = 0.7  # outline points closer than this to the last one kept are dropped

Ring = tuple[tuple[float, float], ...]  # (lon, lat)


@dataclass(frozen=True, slots=True)
class Outline:
    """One country: its ISO numeric code (None where the atlas has none), its polygons
    (each a tuple of rings, the first the shell) and its bounding box."""

    numeric: int | None
    name: str
    polygons: tuple[tuple[Ring, ...], ...]
    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True, slots=True)
class View:
    """The map's extent in degrees and the scale that fits it to the image."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @property
    def shrink(self) -> float:
        """How much shorter a degree of longitude is than one of latitude, mid-view."""
        return max(math.cos(math.radians((self.south + self.north) / 2)), 0.1)

    @property
    def scale(self) -> float:
        """Pixels per degree of latitude."""
        return self.width / ((self.east - self.west) * self.shrink)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel ``(x, y)`` of a point, the view's north-west corner at (0, 0)."""
        return (lon - self.west) * self.shrink * self.scale, (self.north - lat) * self.scale


@functools.cache
def load_outlines() -> tuple[Outline, ...]:
    """The Natural Earth countries, read once per process."""
    resource = resources.files("sitrep").joinpath(OUTLINES)
    if not resource.is_file():
        raise MapOutlinesMissingError(
            f"the country outlines for the report's map are missing ({OUTLINES} in the "
            "sitrep package): run `make web` to build them from npm"
        )
    collection = json.loads(resource.read_text(encoding="utf-8"))
    outlines: list[Outline] = []
    for feature in collection.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            raw = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            raw = geometry["coordinates"]
        else:
            continue
        polygons = tuple(
            tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in polygon)
            for polygon in raw
        )
        lons = [p[0] for polygon in polygons for ring in polygon for p in ring]
        lats = [p[1] for polygon in polygons for ring in polygon for p in ring]
        if not lons:
            continue
        ident = str(feature.get("id") or "")
        outlines.append(
            Outline(
                numeric=int(ident) if ident.isdigit() else None,
                name=str((feature.get("properties") or {}).get("name") or ""),
                polygons=polygons,
                west=min(lons),
                south=min(lats),
                east=max(lons),
                north=max(lats),
            )
        )
    return tuple(outlines)


def view_of(
    points: Sequence[MapPoint], fallback: tuple[float, float, float, float] | None = None
) -> View:
    """The view over ``points`` plus a margin; ``fallback`` (west, south, east, north)
    when there are none, else the whole world."""
    if points:
        west, east = min(p.lon for p in points), max(p.lon for p in points)
        south, north = min(p.lat for p in points), max(p.lat for p in points)
    elif fallback is not None:
        west, south, east, north = fallback
    else:
        west, south, east, north = -180.0, -60.0, 180.0, 85.0
    west, east = _widen(west, east, -180.0, 180.0)
    south, north = _widen(south, north, -85.0, 85.0)
    mid = math.radians((south + north) / 2)
    aspect = (north - south) / ((east - west) * max(math.cos(mid), 0.1))
    width = WIDTH
    height = WIDTH * aspect
    if height > MAX_HEIGHT:
        width, height = MAX_HEIGHT / aspect, MAX_HEIGHT
    return View(west, south, east, north, width, height)


def _widen(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    span = max(high - low, MIN_SPAN_DEG)
    middle = (low + high) / 2
    half = span * (0.5 + MARGIN)
    return max(floor, middle - half), min(ceiling, middle + half)


def point_radius(fatalities: int) -> float:
    """Circle radius in pixels: area grows with the fatalities."""
    return min(3.0 + 1.6 * math.sqrt(max(fatalities, 0)), MAX_RADIUS)


def map_svg(
    points: Sequence[MapPoint],
    *,
    country_numeric: int | None = None,
    title: str = "Events",
    outlines: Iterable[Outline] | None = None,
) -> str:
    """The map as one standalone SVG document (also fine inline in HTML)."""
    shapes = tuple(outlines) if outlines is not None else load_outlines()
    home = next((o for o in shapes if country_numeric and o.numeric == country_numeric), None)
    fallback = (home.west, home.south, home.east, home.north) if home is not None else None
    view = view_of(points, fallback)
    types = [t for t in EVENT_TYPES if any(p.event_type == t for p in points)]
    types += sorted({p.event_type for p in points} - set(types))
    legend_height = LEGEND_ROW * (len(types) + 2) + 8 if points else LEGEND_ROW + 8
    height = view.height + legend_height
    parts = [
        f'<svg xmlns="{SVG_NAMESPACE}" width="{num(view.width)}" '
        f'height="{num(height)}" viewBox="0 0 {num(view.width)} {num(height)}" '
        f'font-family="{esc(FONT)}" font-size="11" role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<clipPath id="map-view"><rect width="{num(view.width)}" '
        f'height="{num(view.height)}"/></clipPath>',
        f'<rect width="{num(view.width)}" height="{num(view.height)}" fill="#dbe9f4"/>',
        '<g clip-path="url(#map-view)">',
    ]
    for outline in shapes:
        if not _overlaps(outline, view):
            continue
        path = _outline_path(outline, view)
        if not path:
            continue
        fill = "#d9d4c7" if outline is home else "#f2efe9"
        parts.append(
            f'<path d="{path}" fill="{fill}" stroke="#9a9486" stroke-width="0.6" '
            f'fill-rule="evenodd"><title>{esc(outline.name)}</title></path>'
        )
    for point in sorted(points, key=lambda p: -p.fatalities):
        x, y = view.project(point.lon, point.lat)
        parts.append(
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(point_radius(point.fatalities))}" '
            f'fill="{type_colour(point.event_type)}" fill-opacity="0.7" stroke="#ffffff" '
            f'stroke-width="0.8"><title>{esc(point.label)}: {point.fatalities} killed'
            "</title></circle>"
        )
    parts += _place_labels(points, view)
    parts.append("</g>")
    parts.append(
        f'<rect width="{num(view.width)}" height="{num(view.height)}" fill="none" '
        'stroke="#666666" stroke-width="0.8"/>'
    )
    parts += _legend(types, points, view.height + 14)
    parts.append("</svg>")
    return "".join(parts)


def _legend(types: Sequence[str], points: Sequence[MapPoint], top: float) -> list[str]:
    parts: list[str] = []
    y = top
    if not points:
        return [f'<text x="4" y="{num(y)}" fill="#333333">No located events to draw.</text>']
    for event_type in types:
        parts.append(
            f'<circle cx="10" cy="{num(y - 4)}" r="5" fill="{type_colour(event_type)}" '
            'fill-opacity="0.7"/>'
            f'<text x="22" y="{num(y)}" fill="#333333">{esc(event_type)}</text>'
        )
        y += LEGEND_ROW
    largest = max(p.fatalities for p in points)
    sizes = [n for n in (1, 10, 100, 1000) if n <= max(largest, 1)]
    parts.append(f'<text x="4" y="{num(y + 4)}" fill="#333333">fatalities:</text>')
    x = 70.0
    for size in sizes:
        radius = point_radius(size)
        parts.append(
            f'<circle cx="{num(x + radius)}" cy="{num(y)}" r="{num(radius)}" fill="none" '
            f'stroke="#333333" stroke-width="0.8"/>'
            f'<text x="{num(x + 2 * radius + 4)}" y="{num(y + 4)}" fill="#333333">{size}</text>'
        )
        x += 2 * radius + 34
    return parts


def _place_labels(points: Sequence[MapPoint], view: View) -> list[str]:
    """The names of the places of the deadliest points, beside them (halo for contrast)."""
    parts: list[str] = []
    named: set[str] = set()
    for point in sorted(points, key=lambda p: -p.fatalities):
        if len(named) >= LABELLED_PLACES:
            break
        if not point.place or point.place in named:
            continue
        named.add(point.place)
        x, y = view.project(point.lon, point.lat)
        anchor = "end" if x > view.width * 0.75 else "start"
        dx = -(point_radius(point.fatalities) + 3)
        if anchor == "start":
            dx = -dx
        at = f'x="{num(x + dx)}" y="{num(y + 4)}" text-anchor="{anchor}"'
        # The halo is a text of its own: not every SVG renderer reads paint-order.
        parts.append(
            f'<text {at} fill="#ffffff" stroke="#ffffff" stroke-width="3">{esc(point.place)}'
            f'</text><text {at} fill="#222222">{esc(point.place)}</text>'
        )
    return parts


def _overlaps(outline: Outline, view: View) -> bool:
    return not (
        outline.east < view.west
        or outline.west > view.east
        or outline.north < view.south
        or outline.south > view.north
    )


def _outline_path(outline: Outline, view: View) -> str:
    pad = 10.0
    box = (-pad, -pad, view.width + pad, view.height + pad)
    commands: list[str] = []
    for polygon in outline.polygons:
        for ring in polygon:
            projected = [view.project(lon, lat) for lon, lat in ring]
            clipped = _clip(projected, box)
            points = _dedupe(clipped)
            if len(points) < 3:
                continue
            head, *tail = points
            commands.append(
                f"M{num(head[0])} {num(head[1])}"
                + "".join(f"L{num(x)} {num(y)}" for x, y in tail)
                + "Z"
            )
    return "".join(commands)


def _dedupe(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points closer than ``MIN_STEP_PX`` to the last one kept dropped (a world view of
    1:50m outlines would otherwise weigh a megabyte)."""
    kept: list[tuple[float, float]] = []
    for x, y in points:
        if not kept or abs(kept[-1][0] - x) + abs(kept[-1][1] - y) >= MIN_STEP_PX:
            kept.append((x, y))
    return kept


def _clip(
    ring: Sequence[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: ``ring`` cut to the rectangle ``box`` (x0, y0, x1, y1).

    Right for any ring against a convex window; concave rings may gain edges along the
    window's border, which lies outside the visible view.
    """
    x0, y0, x1, y1 = box
    output = list(ring)
    # (axis, bound, keep the side above the bound)
    for axis, bound, above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not output:
            break
        source, output = output, []
        previous = source[-1]
        for current in source:
            current_in = (current[axis] >= bound) if above else (current[axis] <= bound)
            previous_in = (previous[axis] >= bound) if above else (previous[axis] <= bound)
            if current_in != previous_in:
                output.append(_crossing(previous, current, axis, bound))
            if current_in:
                output.append(current)
            previous = current
    return output


def _crossing(
    a: tuple[float, float], b: tuple[float, float], axis: int, bound: float
) -> tuple[float, float]:
    """Where the segment a-b meets the line ``axis == bound``."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    value = a[other] + t * (b[other] - a[other])
    return (bound, value) if axis == 0 else (value, bound)
