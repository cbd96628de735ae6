"""Word lists the geo stage reads from the package's data files, loaded once per process.

    >>> demonym_country("Syrians"), demonym_country("Britain-based")
    ('SY', None)
    >>> is_common_word("Police"), is_common_word("Aleppo")
    (True, False)

The files are ``sitrep/data/geo_demonyms.csv`` (demonym -> ISO2),
``geo_common_words.txt`` (English words that are also place names) and
``geo_english_words.txt.gz`` (WordNet's one-word lemmas, to keep English words from
being taken for misspelt place names).
"""

from __future__ import annotations

import csv
import functools
import gzip
import re
from collections.abc import Iterator, Mapping
from importlib import resources

from sitrep.geo.names import name_key

__all__ = [
    "CONTINENT_DEMONYMS",
    "RESIDENT_AFTER",
    "common_words",
    "data_lines",
    "demonym_country",
    "demonym_region",
    "demonyms",
    "is_common_word",
    "is_english_word",
]

# "a 36-year-old Palestine man", "an Alexandria woman": a name before a noun of its
# residents is a town's (a country would be written as its demonym, and a person's name
# does not stand before "woman").
RESIDENT_AFTER = re.compile(
    r"^\s+(?:man|woman|men|women|boy|girl|teen|teenager|resident|residents|couple)\b"
)

# Adjectives of a continent or a wider region: they resolve to the region, not a country.
CONTINENT_DEMONYMS: Mapping[str, str] = {
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "south american": "South America",
    "north american": "North America",
    "latin american": "Latin America",
    "middle eastern": "Middle East",
    "southeast asian": "Southeast Asia",
    "south east asian": "Southeast Asia",
    "east asian": "East Asia",
    "south asian": "South Asia",
    "central asian": "Central Asia",
    "west african": "West Africa",
    "east african": "East Africa",
    "north african": "North Africa",
    "sub saharan": "Sub-Saharan Africa",
    "central american": "Central America",
    "eastern european": "Eastern Europe",
    "western european": "Western Europe",
    "central european": "Central Europe",
    "southern european": "Southern Europe",
    "northern european": "Northern Europe",
    "mideast": "Middle East",
    "caribbean": "Caribbean",
    "balkan": "Balkans",
    "scandinavian": "Scandinavia",
    "arctic": "Arctic",
}


def data_lines(filename: str) -> Iterator[str]:
    """Lines of a package data file, without comment lines (``#``) and blank lines."""
    text = resources.files("sitrep").joinpath("data", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line


@functools.cache
def demonyms() -> Mapping[str, str]:
    """``name_key`` of a demonym -> ISO2 ("syrian" -> "SY", "south african" -> "ZA")."""
    return {key: code for key, (code, _) in _demonym_rows().items()}


@functools.cache
def _demonym_rows() -> Mapping[str, tuple[str, str | None]]:
    """``name_key`` of a demonym -> (ISO2, the region it names within the country)."""
    table: dict[str, tuple[str, str | None]] = {}
    for row in csv.DictReader(data_lines("geo_demonyms.csv")):
        key = name_key(row.get("demonym") or "")
        code = (row.get("country_iso2") or "").strip().upper()
        region = (row.get("region") or "").strip() or None
        if key and len(code) == 2:
            table.setdefault(key, (code, region))
    return table


def _demonym_row(text: str) -> tuple[str, str | None] | None:
    """The table row of a demonym, plural or not; plurals are tried by dropping "s" or
    "es" only when the word itself is not a demonym, so "Swiss" and "Lebanese" stay."""
    key = name_key(text)
    table = _demonym_rows()
    if key in table:
        return table[key]
    for suffix in ("s", "es"):
        if key.endswith(suffix) and key[: -len(suffix)] in table:
            return table[key[: -len(suffix)]]
    return None


def demonym_country(text: str) -> str | None:
    """The country a demonym names, plural or not ("Syrians" -> "SY"); None if none."""
    row = _demonym_row(text)
    return row[0] if row else None


def demonym_region(text: str) -> str | None:
    """The division or region within its country that a demonym names ("Texans" ->
    "Texas", "Dagestani" -> "Dagestan"); None for a country's own demonym."""
    row = _demonym_row(text)
    return row[1] if row else None


@functools.cache
def common_words() -> frozenset[str]:
    """English words that are also the names of places (``name_key`` form)."""
    return frozenset(name_key(line) for line in data_lines("geo_common_words.txt"))


def is_common_word(text: str) -> bool:
    """True for a one-word name that, capitalised, is more likely the English word."""
    key = name_key(text)
    return key in common_words()


@functools.cache
def english_words() -> frozenset[str]:
    """WordNet's one-word lemmas of four letters or more (lower case)."""
    raw = resources.files("sitrep").joinpath("data", "geo_english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split())


def is_english_word(text: str) -> bool:
    """True for a single English word ("Loyalty", "Helmet"), whatever its case."""
    key = name_key(text)
    return key in english_words() or key in common_words()
