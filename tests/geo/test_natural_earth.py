"""Natural Earth admin-1 units: the data script, the pairing with divisions, the index."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sitrep.geo.build import (
    NATURAL_EARTH_FILE,
    _Division,
    _middle,
    _natural_earth_entries,
    _natural_earth_units,
    _NaturalEarthUnit,
    _Sources,
)
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lexicon import data_lines

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "natural_earth_admin1.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("natural_earth_admin1", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _feature(**properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": None}


COLLECTION = {
    "type": "FeatureCollection",
    "features": [
        _feature(
            name="Ontario",
            name_alt="Upper Canada|Онтарио| Upper Canada ",
            name_en="Ontario",
            gn_id=6093943,
            gn_name="Ontario",
            iso_3166_2="CA-ON",
            iso_a2="CA",
            admin="Canada",
            geonunit="Canada",
            type_en="Province",
            latitude=50.524412345,
            longitude=-84.79430001,
            woe_name="Ontario",
        ),
        _feature(
            name="Northamptonshire",
            gn_id=2641429,
            iso_3166_2="GB-NTH",
            iso_a2="GB",
            admin="United Kingdom",
            geonunit="England",
            type_en="Administrative County",
            latitude=52.3083,
            longitude=-0.88240,
        ),
        _feature(
            name="Jervis Bay Territory",
            name_en="Jervis Bay",
            gn_id=-2177478,
            iso_3166_2="AU-X02~",
            iso_a2="AU",
            admin="Australia",
            latitude=-35.15,
            longitude=150.7,
        ),
        _feature(name=None, iso_3166_2="AQ-X02~", iso_a2="AQ", latitude=-80.0, longitude=0.0),
        _feature(name="Nowhere", iso_a2="ZZ", latitude=None, longitude=1.0),
    ],
}


def test_script_converts_features_to_sorted_rows(script: ModuleType) -> None:
    rows = script.feature_rows(COLLECTION)
    assert [row["country"] for row in rows] == ["AU", "CA", "GB"]  # sorted; unnamed,
    australia, ontario, northants = rows  # unplaced features dropped
    assert ontario == {
        "country": "CA",
        "iso_3166_2": "CA-ON",
        "gn_id": "6093943",
        "name": "Ontario",
        "alt_names": "Upper Canada",  # Latin letters only, no repeats, not the name
        "type": "Province",
        "unit": "",  # the country itself
        "lat": "50.5244",
        "lon": "-84.7943",
    }
    assert northants["unit"] == "England" and northants["lon"] == "-0.8824"
    # Natural Earth's own "~" codes and negative ids are not ISO codes nor GeoNames ids.
    assert australia["iso_3166_2"] == "" and australia["gn_id"] == ""
    assert australia["alt_names"] == "Jervis Bay"


def test_script_output_reads_back_without_its_header(script: ModuleType) -> None:
    text = script.render(script.feature_rows(COLLECTION))
    assert text.startswith("#")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [row["name"] for row in rows] == ["Jervis Bay Territory", "Ontario", "Northamptonshire"]
    assert tuple(rows[0]) == script.COLUMNS


def test_committed_natural_earth_file_is_complete_and_small(script: ModuleType) -> None:
    rows = list(csv.DictReader(data_lines(NATURAL_EARTH_FILE)))
    assert tuple(rows[0]) == script.COLUMNS
    assert len(rows) > 4500
    path = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "data" / NATURAL_EARTH_FILE
    assert path.stat().st_size < 600_000
    units = {(u.country, u.iso): u for u in _natural_earth_units()}
    assert abs(units[("CA", "CA-ON")].lat - 50.52) < 0.01


def _unit(
    name: str,
    country: str,
    iso: str = "",
    geonameid: int | None = None,
    names: tuple[str, ...] = (),
    unit: str = "",
    lat: float = 0.0,
    lon: float = 0.0,
) -> _NaturalEarthUnit:
    return _NaturalEarthUnit(country, iso, geonameid, name, names, unit, lat, lon)


def _sources(*divisions: tuple[_Division, int | None]) -> _Sources:
    sources = _Sources(Path(), Path())
    for division, geonameid in divisions:
        key = (division.country, division.code)
        sources.divisions[key] = division
        if geonameid is not None:
            sources.division_geonameid[key] = geonameid
    return sources


def test_natural_earth_pairs_units_with_divisions_by_two_of_id_code_name() -> None:
    hajdu = _Division("HU", "HB", "Hajdú-Bihar County", "Hajdú-Bihar", 47.0, 21.0, "HU-HB")
    debrecen = _Division("HU", "DE", "Debrecen", "Debrecen", 47.5, 21.6, "HU-DE")
    tadla = _Division("MA", "12", "Dakhla-Oued Ed-Dahab", "Dakhla", 23.0, -15.0, "MA-12")
    waterford = _Division("IE", "WD", "Waterford", "Waterford", 52.2, -7.6, "IE-WD")
    sources = _sources((hajdu, 720293), (debrecen, None), (tadla, None), (waterford, None))
    units = [
        _unit("Hajdú-Bihar", "HU", "HU-HB", 720293, lat=47.4, lon=21.5),
        # Natural Earth gives Debrecen the county's id: its code and name decide.
        _unit("Debrecen", "HU", "HU-DE", 720293, lat=47.55, lon=21.62),
        # A code ISO has since given to another unit: the code alone is not enough.
        _unit("Tadla - Azilal", "MA", "MA-12", 2597555, lat=32.3, lon=-6.4),
        # County and city with one name and code: which is the division is unclear.
        _unit("Waterford", "IE", "IE-WD", 2960991, lat=52.25, lon=-7.5),
        _unit("Waterford", "IE", "IE-WD", 7778674, lat=52.26, lon=-7.11),
    ]
    sources.match_natural_earth(units)
    assert sources.natural_earth[("HU", "HB")].name == "Hajdú-Bihar"
    assert sources.natural_earth[("HU", "DE")].name == "Debrecen"
    assert ("MA", "12") not in sources.natural_earth
    assert ("IE", "WD") not in sources.natural_earth
    assert {u.name for u, _ in sources.natural_earth_left} == {"Tadla - Azilal", "Waterford"}


def test_natural_earth_names_drop_names_several_units_share() -> None:
    dudley = _Division("GB", "DUD", "Dudley", "Dudley", 55.0, -1.6, "GB-DUD")
    sandwell = _Division("GB", "SAW", "Sandwell", "Sandwell", 52.5, -2.0, "GB-SAW")
    sources = _sources((dudley, 3333144), (sandwell, 3333194))
    units = [
        _unit("Dudley", "GB", "GB-DUD", 3333144, ("Borough of Dudley", "West Midlands")),
        _unit("Sandwell", "GB", "GB-SAW", 3333194, ("West Midlands", "Dudley")),
    ]
    sources.match_natural_earth(units)
    assert sources.natural_earth_alternates(units[0], ("Dudley",)) == ("Borough of Dudley",)
    # "Dudley" is another division's name; "West Midlands" is every borough's.
    assert sources.natural_earth_alternates(units[1], ("Sandwell",)) == ()


def test_natural_earth_units_without_a_division_become_second_level_entries() -> None:
    england = _Division("GB", "ENG", "England", "England", 52.0, -1.0, "GB-ENG")
    kent = _Division("GB", "KEN", "Kent", "Kent", 51.2, 0.7, "GB-KEN")
    sources = _sources((england, 6269131), (kent, 3333158))
    sources.gn_countries = {"GB": {"name": "United Kingdom", "geonameid": 2635167}}
    units = [
        _unit("Northamptonshire", "GB", "GB-NTH", 2641429, unit="England", lat=52.3, lon=-0.9),
        # The index has these already: by name (Kent), by country name, by GeoNames id.
        _unit("Kent", "GB", "GB-KNT", None, unit="England"),
        _unit("United Kingdom", "GB"),
        _unit("Kent County Council", "GB", "", 3333158),
    ]
    sources.match_natural_earth(units)
    entries = list(_natural_earth_entries(sources, []))
    assert [e.place.name for e in entries] == ["Northamptonshire"]
    place = entries[0].place
    assert (place.country, place.admin1, place.feature_code, place.source) == (
        "GB",
        "England",
        "ADM2",
        "naturalearth",
    )
    assert place.geonameid == 2641429 and (place.lat, place.lon) == (52.3, -0.9)


def test_middle_of_two_points_across_the_antimeridian() -> None:
    assert _middle((50.0, 10.0), (52.0, 12.0)) == (51.0, 11.0)
    assert _middle((-17.0, 179.0), (-19.0, -179.0)) == (-18.0, 180.0)
    assert _middle((51.0, -179.0), (53.0, 177.0)) == (52.0, 179.0)


def test_full_index_takes_natural_earth_points_and_units(full_gazetteer: Gazetteer) -> None:
    ontario = full_gazetteer.admin1("CA", "Ontario")
    assert ontario is not None
    # Halfway between Natural Earth's label point and countrystatecity's point.
    units = {(u.country, u.iso): u for u in _natural_earth_units()}
    sources = _Sources.load()
    label = units[("CA", "CA-ON")]
    division = sources.divisions[("CA", "ON")]
    expected = _middle((label.lat, label.lon), (division.lat, division.lon))
    assert (round(ontario.lat, 4), round(ontario.lon, 4)) == tuple(round(v, 4) for v in expected)
    assert abs(ontario.lat - label.lat) < 1.5 and (ontario.lat, ontario.lon) != (
        label.lat,
        label.lon,
    )
    assert ontario.source == "countrystatecity"  # names and codes stay countrystatecity's
    northants = [p for p in full_gazetteer.lookup("Northamptonshire") if p.country == "GB"]
    assert northants and northants[0].feature_code == "ADM2"
    assert northants[0].admin1 == "England" and northants[0].source == "naturalearth"
    assert abs(northants[0].lat - 52.31) < 0.05
    # Natural Earth's other names find the division: "Upper Canada" is Ontario.
    assert any(p.feature_code == "ADM1" for p in full_gazetteer.lookup("Upper Canada"))
