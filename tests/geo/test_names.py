from __future__ import annotations

import pytest

from sitrep.geo.lexicon import demonym_country, demonym_region, is_common_word, is_english_word
from sitrep.geo.names import (
    is_acronym,
    name_key,
    river_town_short_name,
    split_division_suffix,
    strip_division_suffix,
    translit_key,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Khān Shaykhūn", "khan shaykhun"),
        ("St. Louis", "st louis"),
        ("Khan-Sheikhoun", "khan sheikhoun"),
        ("Ma'arrat al-Nu'man", "maarrat al numan"),
        ("  ALEPPO  ", "aleppo"),
        ("Düsseldorf", "dusseldorf"),
        ("إدلب", ""),
        ("", ""),
    ],
)
def test_names_name_key_folds_accents_case_and_punctuation(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khan Sheikhoun", "Khān Shaykhūn"),
        ("al-Raqqah", "Raqqa"),
        ("Idleb", "Idlib"),
        ("Deir ez-Zor", "Deir Zor"),
        ("Hasakeh", "Hasakah"),
        ("Abu Zuhour", "Abu az Zuhur"),
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
    ],
)
def test_names_translit_key_merges_romanisations(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(("a", "b"), [("Aleppo", "Damascus"), ("Homs", "Hama"), ("Idlib", "Daraa")])
def test_names_translit_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hama province", ("Hama", "province")),
        ("Idlib Governorate", ("Idlib", "governorate")),
        ("Donetsk Oblast", ("Donetsk", "oblast")),
        ("Province of Hama", ("Hama", "province")),
        ("Laurel County", ("Laurel", "county")),
        ("Guma Local Government Area", ("Guma", "local government area")),
        ("Guma LGA", ("Guma", "lga")),
        ("Nenagh Municipal District", ("Nenagh", "municipal district")),
        ("Readington Township", ("Readington", "township")),
        ("Province", ("Province", None)),
        ("Aleppo", ("Aleppo", None)),
    ],
)
def test_names_split_division_suffix(text: str, expected: tuple[str, str | None]) -> None:
    assert split_division_suffix(text) == expected


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Newcastle upon Tyne", "Newcastle"),
        ("Burton upon Trent", "Burton"),
        ("Stoke-on-Trent", "Stoke"),
        ("Rostov-on-Don", "Rostov"),
        ("Frankfurt am Main", "Frankfurt"),
        ("Bourton-on-the-Water", "Bourton"),
        ("St. Ives on Sea", "St. Ives"),
        ("Boston", None),
        ("Milton Keynes", None),
        ("Ashby-de-la-Zouch", None),
        ("Lake on river", None),  # the river must be a name
        ("Ely on Sea", None),  # too short a stem to stand alone
    ],
)
def test_names_river_town_short_name(name: str, short: str | None) -> None:
    assert river_town_short_name(name) == short


def test_names_strip_division_suffix_keeps_bare_names() -> None:
    assert strip_division_suffix("Idlib Governorate") == "Idlib"
    assert strip_division_suffix("Idlib") == "Idlib"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Syrian", "SY"),
        ("Syrians", "SY"),
        ("Russian", "RU"),
        ("British", "GB"),
        ("American", "US"),
        ("Lebanese", "LB"),
        ("South African", "ZA"),
        ("Britain-based", None),
        ("Aleppo", None),
    ],
)
def test_lexicon_demonym_country(text: str, country: str | None) -> None:
    assert demonym_country(text) == country


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Texans", "US", "Texas"),
        ("Dagestani", "RU", "Dagestan"),
        ("Scottish", "GB", "Scotland"),
        ("Québécois", "CA", "Quebec"),
        ("Syrian", "SY", None),
        ("American", "US", None),
    ],
)
def test_lexicon_demonym_region(text: str, country: str, region: str | None) -> None:
    assert demonym_country(text) == country
    assert demonym_region(text) == region


def test_lexicon_common_and_english_words() -> None:
    assert is_common_word("Police")
    assert not is_common_word("Aleppo")
    assert is_english_word("Loyalty")
    assert not is_english_word("Iblib")


@pytest.mark.parametrize(
    ("text", "acronym"),
    [("UN", True), ("P.A.", True), ("ISIS", True), ("A120", True), ("NATOS", False)],
)
def test_is_acronym(text: str, acronym: bool) -> None:
    assert is_acronym(text) is acronym
    assert not is_acronym("Paris") and not is_acronym("")
