"""Gazetteers for the geo tests: a tiny one built from hand-made places (fast, exact),
and the real one, built once per test session into a temporary cache directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.geo.build import IndexEntry
from sitrep.geo.gazetteer import Gazetteer
from sitrep.types import Place


def _place(
    name: str,
    lat: float,
    lon: float,
    country: str | None,
    admin1: str | None,
    fcode: str,
    population: int = 0,
    geonameid: int | None = None,
) -> Place:
    fclass = {"PCLI": "A", "ADM1": "A", "ADM2": "A", "CONT": "L"}.get(fcode, "P")
    return Place(
        geonameid=geonameid,
        name=name,
        lat=lat,
        lon=lon,
        country=country,
        admin1=admin1,
        feature_class=fclass,
        feature_code=fcode,
        population=population,
        source="geonames" if fclass == "P" else "countrystatecity",
    )


TINY_ENTRIES: tuple[IndexEntry, ...] = (
    IndexEntry(_place("Syria", 35.0, 38.0, "SY", None, "PCLI", 16_906_283, 163843)),
    IndexEntry(_place("Turkey", 39.0, 35.0, "TR", None, "PCLI", 82_319_724, 298795)),
    IndexEntry(_place("Russia", 60.0, 100.0, "RU", None, "PCLI", 144_478_050, 2017370)),
    IndexEntry(
        _place("United States", 39.83, -98.58, "US", None, "PCLI", 327_167_434, 6252001),
        aliases=("US", "U.S.", "America"),
    ),
    IndexEntry(
        _place("United Kingdom", 54.0, -2.0, "GB", None, "PCLI", 66_488_991, 2635167),
        aliases=("Britain", "UK"),
    ),
    IndexEntry(_place("France", 46.0, 2.0, "FR", None, "PCLI", 66_987_244, 3017382)),
    IndexEntry(_place("Georgia", 42.0, 43.5, "GE", None, "PCLI", 3_731_000, 614540)),
    IndexEntry(
        _place("Idlib", 35.86, 36.57, "SY", "Idlib", "ADM1"), aliases=("Idlib Governorate",)
    ),
    IndexEntry(_place("Hama", 35.31, 37.27, "SY", "Hama", "ADM1")),
    IndexEntry(_place("Aleppo", 36.15, 37.39, "SY", "Aleppo", "ADM1")),
    IndexEntry(_place("Texas", 31.97, -99.9, "US", "Texas", "ADM1")),
    IndexEntry(_place("Georgia", 32.16, -82.9, "US", "Georgia", "ADM1")),
    IndexEntry(
        _place("Idlib", 35.93062, 36.63393, "SY", "Idlib", "PPLA", 128_840, 169389),
        names=("Idleb", "Idlip"),
    ),
    IndexEntry(
        _place("Aleppo", 36.20124, 37.16117, "SY", "Aleppo", "PPLA", 2_098_210, 170063),
        names=("Halab", "Alep"),
    ),
    IndexEntry(_place("Aleppo", 39.82, -80.14, "US", "Pennsylvania", "PPL", 1_916, 5178040)),
    IndexEntry(
        _place("Ḩamāh", 35.13179, 36.75783, "SY", "Hama", "PPLA", 460_602, 170017),
        names=("Hama", "Hamah"),
    ),
    IndexEntry(
        _place("Khān Shaykhūn", 35.44208, 36.65095, "SY", "Idlib", "PPL", 48_975, 168325),
        names=("Khan Shaykhun", "Khan Sheikhun"),
    ),
    IndexEntry(_place("Damascus", 33.5102, 36.29128, "SY", "Damascus", "PPLC", 1_569_394, 170654)),
    IndexEntry(_place("Beirut", 33.89332, 35.50157, "LB", "Beirut", "PPLC", 1_916_100, 276781)),
    IndexEntry(_place("Paris", 48.85341, 2.3488, "FR", "Île-de-France", "PPLC", 2_138_551)),
    IndexEntry(_place("Paris", 33.66094, -95.55551, "US", "Texas", "PPL", 24_782, 4717560)),
)


@pytest.fixture(scope="session")
def tiny_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    path = tmp_path_factory.mktemp("tiny-gazetteer") / "tiny.sqlite"
    gazetteer = Gazetteer.from_entries(path, TINY_ENTRIES)
    yield gazetteer
    gazetteer.close()


def full_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache directory per test session, so the real index is built only once."""
    return tmp_path_factory.getbasetemp() / "sitrep-gazetteer-cache"


@pytest.fixture(scope="session")
def full_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real index (about 30 s to build), shared by the few integration tests."""
    return Gazetteer.open(full_cache_dir(tmp_path_factory))
