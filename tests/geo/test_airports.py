from __future__ import annotations

import functools

import pytest

from sitrep.geo.airports import SOURCE, airport_entries, airport_names, is_notable, keep_row
from sitrep.geo.build import IndexEntry
from sitrep.geo.lexicon import is_common_word
from sitrep.geo.names import name_key


def _keys(names: tuple[str, ...]) -> set[str]:
    return {name_key(n) for n in names}


# ---------------------------------------------------------------------------
# Names of one row (pure)
# ---------------------------------------------------------------------------


def test_airports_core_drops_leading_city_and_generic_words() -> None:
    names = airport_names("London Heathrow Airport", "London", "England", codes=("LHR", "EGLL"))
    assert names.feature_code == "AIRP"
    assert names.core == "Heathrow"
    assert names.bare
    assert {"heathrow", "heathrow airport", "london heathrow"} <= _keys(names.aliases)
    assert "london" not in _keys(names.aliases)
    # The full name is the place's own name, not repeated as an alias.
    assert "london heathrow airport" not in _keys(names.aliases)


@pytest.mark.parametrize(
    ("name", "city", "subd"),
    [
        ("Damascus International Airport", "Damascus", "Rif-dimashq"),
        ("Kramatorsk Airport", "Kramatorsk", "Donetska oblast"),
        ("Mariupol International Airport", "Mariupol", "Donetska oblast"),
        ("Hodeidah International Airport", "Hodeida", "Al-Hudaydah"),  # loose spelling
        ("Kharkiv North Airport", "Kharkiv", "Kharkivska oblast"),
        ("Qamishli Intl", "", "Qamishli"),  # the division's name, city field empty
    ],
)
def test_airports_never_index_the_city_alone(name: str, city: str, subd: str) -> None:
    names = airport_names(name, city, subd, codes=("XXX",))
    assert not names.bare
    bare_city = name_key(city or subd)
    assert bare_city not in _keys(names.aliases)
    assert all(len(key.split()) > 1 for key in _keys(names.aliases))


def test_airports_city_airport_is_a_name() -> None:
    names = airport_names("Damascus International Airport", "Damascus", codes=("DAM", "OSDI"))
    assert "damascus airport" in _keys(names.aliases)


def test_airports_city_not_stripped_to_a_common_word() -> None:
    names = airport_names("Kharkiv North Airport", "Kharkiv", codes=("UKHD",))
    assert names.core == "Kharkiv North"
    assert "north" not in _keys(names.aliases)
    assert "north airport" not in _keys(names.aliases)


def test_airports_generic_word_inside_the_name() -> None:
    names = airport_names("Amsterdam Airport Schiphol", "Amsterdam", codes=("AMS", "EHAM"))
    assert names.core == "Schiphol"
    assert {"schiphol", "schiphol airport"} <= _keys(names.aliases)


@pytest.mark.parametrize(
    ("name", "city", "core", "bare"),
    [
        ("Incirlik Air Base", "Adana", "Incirlik", True),
        ("Shayrat Air Base", "Shayrat", "Shayrat", False),  # the village's own name
        ("Bagram Air Base", "Bagram", "Bagram", False),
        ("RAF Leuchars", "St. Andrews", "Leuchars", True),
        ("Solenzara (BA 126) Air Base", "Solenzara", "Solenzara", False),
    ],
)
def test_airports_military_bases_keep_air_base_names(
    name: str, city: str, core: str, bare: bool
) -> None:
    names = airport_names(name, city, codes=("ZZZZ",))
    assert names.feature_code == "AIRB"
    assert names.core == core
    assert names.bare is bare
    keys = _keys(names.aliases) | {name_key(name)}
    assert {f"{name_key(core)} air base", f"{name_key(core)} airbase"} <= keys
    assert (name_key(core) in keys) is bare


def test_airports_air_force_base_names() -> None:
    names = airport_names("Travis Afb Airport", "Fairfield", codes=("SUU", "KSUU"), notable=False)
    assert names.feature_code == "AIRB"
    assert {"travis air force base", "travis afb", "travis air base"} <= _keys(names.aliases)
    assert "travis" not in _keys(names.aliases)


@pytest.mark.parametrize(
    ("name", "city", "kept"),
    [
        # Person names make poor bare names: only with a generic word.
        ("Ben Gurion International Airport", "Tel Aviv", "ben gurion airport"),
        ("Beirut Rafic Hariri International Airport", "Beirut", "rafic hariri airport"),
        # An article + word would give the bare word's loose key ("Asad" ~ "Assad").
        ("Al Asad Air Base", "Hit", "al asad airbase"),
        # "X Field": named after a person or an owner.
        ("Craig Field", "Selma", "craig airport"),
        # WordNet's proper nouns: famous people ("Dulles") and English words.
        ("Washington Dulles International Airport", "Washington", "dulles airport"),
    ],
)
def test_airports_no_bare_core_for_person_like_names(name: str, city: str, kept: str) -> None:
    names = airport_names(name, city, codes=("AAA",))
    assert not names.bare
    assert kept in _keys(names.aliases)
    assert name_key(names.core) not in _keys(names.aliases)


def test_airports_codes_are_never_names() -> None:
    names = airport_names("Ende Airport", "", codes=("ENDE", "ENE"))
    assert "ende" not in _keys(names.aliases)
    names = airport_names("JFK Airport", "New York", codes=("JFK", "KJFK"))
    assert "jfk" not in _keys(names.aliases)
    # A short all-capital core is an acronym, whatever the codes.
    names = airport_names("ABCD Regional Airport", "Somewhere", codes=())
    assert not names.bare
    assert "abcd" not in _keys(names.aliases)
    names = airport_names("Abu Dhabi-Al Dhafra AB Airport", "Al Bihouth", codes=("DHF",))
    assert names.feature_code == "AIRB"
    assert "ab" not in _keys(names.aliases)


def test_airports_common_words_are_not_bare_names() -> None:
    names = airport_names("Pioneer Airport", "Smalltown", codes=("PIO",))
    assert not names.bare
    assert "pioneer" not in _keys(names.aliases)
    names = airport_names("North Airport", "", codes=())
    assert names.aliases == ()


def test_airports_not_notable_gets_no_bare_core() -> None:
    names = airport_names("Hostomel Airport", "Kyiv", codes=("UKKM",), notable=False)
    assert not names.bare
    assert _keys(names.aliases) == {"hostomel airfield"}


@pytest.mark.parametrize(
    ("row", "kept"),
    [
        ({"name": "Kabul International Airport", "country": "AF", "icao": "OAKB"}, True),
        ({"name": "Shayrat Air Base", "country": "SY", "icao": "OS65"}, True),
        ({"name": "RAF Lakenheath", "country": "GB", "icao": "EGUL"}, True),
        ({"name": "Downtown Heliport", "country": "US", "icao": "KJRA", "iata": "JRA"}, False),
        ({"name": "Lake Hood Seaplane Base", "country": "US", "icao": "PALH"}, False),
        ({"name": "Aero B Ranch Airport", "country": "US", "icao": "00AA"}, False),
        ({"name": "Lowell Field", "country": "US", "icao": "00AK"}, False),
        ({"name": "Cecil Airport", "country": "US", "icao": "KVQQ", "iata": "VQQ"}, True),
        ({"name": "Rivas", "country": "NI", "icao": "MNRS"}, False),
    ],
)
def test_airports_keep_row(row: dict[str, object], kept: bool) -> None:
    assert keep_row(row) is kept


@pytest.mark.parametrize(
    ("row", "notable"),
    [
        ({"name": "London Heathrow Airport", "country": "GB", "iata": "LHR"}, True),
        ({"name": "Shayrat Air Base", "country": "SY", "iata": ""}, True),
        ({"name": "Hostomel Airport", "country": "UA", "iata": ""}, False),
        ({"name": "Chicago O'Hare International Airport", "country": "US", "iata": "ORD"}, True),
        ({"name": "Cecil Airport", "country": "US", "iata": "VQQ"}, False),
        ({"name": "Travis Afb Airport", "country": "US", "iata": "SUU"}, False),
    ],
)
def test_airports_is_notable(row: dict[str, object], notable: bool) -> None:
    assert is_notable(row) is notable


# ---------------------------------------------------------------------------
# The package's data
# ---------------------------------------------------------------------------


@functools.cache
def _entries() -> tuple[IndexEntry, ...]:
    return tuple(airport_entries())


def test_airports_real_data_heathrow_and_sane_counts() -> None:
    import airportsdata

    entries = _entries()
    assert 12_000 <= len(entries) <= 25_000
    assert all(e.place.source == SOURCE and e.place.feature_class == "S" for e in entries)
    assert all(e.place.population == 0 and e.place.geonameid is None for e in entries)
    assert {e.place.feature_code for e in entries} == {"AIRP", "AIRB"}
    assert 300 <= sum(e.place.feature_code == "AIRB" for e in entries) <= 2_000

    by_alias: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        for alias in entry.aliases:
            by_alias.setdefault(name_key(alias), []).append(entry)
    (heathrow,) = by_alias["heathrow"]
    assert heathrow.place.country == "GB"
    assert heathrow.place.feature_code == "AIRP"
    assert heathrow.place.lat == pytest.approx(51.47, abs=0.02)
    assert heathrow.place.lon == pytest.approx(-0.45, abs=0.03)

    # No city is an airport's name on its own; "Damascus Airport" is one.
    for city in ("damascus", "kabul", "baghdad", "london", "beirut", "kyiv", "moscow"):
        assert city not in by_alias
    assert [e.place.country for e in by_alias["damascus airport"]] == ["SY"]
    assert {e.place.country for e in by_alias["shayrat airbase"]} == {"SY"}
    assert "incirlik" in by_alias

    # An airport's codes are never its names; bare names are never common words.
    rows = airportsdata.load("ICAO")
    kept = [rows[icao] for icao in sorted(rows) if keep_row(dict(rows[icao]))]
    assert len(kept) == len(entries)
    for row, entry in zip(kept, entries, strict=True):
        assert entry.place.name == row["name"].strip()
        codes = {name_key(c) for c in (row["icao"], row["iata"], row["lid"]) if c}
        for alias in entry.aliases:
            key = name_key(alias)
            assert key not in codes, alias
            if " " not in key:
                assert not is_common_word(alias), alias
    bare = [key for key in by_alias if " " not in key]
    assert 800 <= len(bare) <= 3_000
