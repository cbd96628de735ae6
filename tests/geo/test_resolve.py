from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.geo.build import IndexEntry
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.outlets import OutletHome, OutletHomes
from sitrep.geo.resolve import rank_candidates, resolve, text_focus
from sitrep.types import GeoPrecision, Place, PlaceMention, Span, ToponymKind


def _resolve_all(
    gazetteer: Gazetteer, text: str, names: list[str], kind: ToponymKind = ToponymKind.LITERAL
) -> list[PlaceMention]:
    """Resolve the first occurrence of each name in ``text``."""
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append((Span(start, start + len(name), name), kind))
    return list(resolve(mentions, gazetteer, text=text, fuzzy_min_score=85.0))


def _one(gazetteer: Gazetteer, text: str, name: str) -> PlaceMention:
    return _resolve_all(gazetteer, text, [name])[0]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit Aleppo on Monday, the Syrian Observatory said.",
        "Aleppo was quiet.",
    ],
)
def test_resolve_aleppo_is_the_syrian_city(tiny_gazetteer: Gazetteer, text: str) -> None:
    mention = _one(tiny_gazetteer, text, "Aleppo")
    assert mention.place is not None
    assert mention.place.geonameid == 170063
    assert mention.geo_precision is GeoPrecision.EXACT
    assert "population prior" in mention.reason


def test_resolve_province_word_gives_the_division(tiny_gazetteer: Gazetteer) -> None:
    mention = _one(tiny_gazetteer, "Troops advanced in Hama province on Friday.", "Hama province")
    assert mention.place is not None
    assert mention.place.feature_code == "ADM1" and mention.place.admin1 == "Hama"
    assert mention.geo_precision is GeoPrecision.REGION


def test_resolve_bare_name_of_provincial_capital_is_the_city(tiny_gazetteer: Gazetteer) -> None:
    mention = _one(tiny_gazetteer, "Clashes near the road to Idlib in Syria.", "Idlib")
    assert mention.place is not None and mention.place.geonameid == 169389


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked positions near Aleppo in Syria.",
        "Jets struck the outskirts of Aleppo in Syria.",
        "Troops came within 12 km of Aleppo in Syria.",
        "Fighting raged around Aleppo in Syria.",
    ],
)
def test_resolve_near_a_town_gives_precision_2(tiny_gazetteer: Gazetteer, text: str) -> None:
    mention = _one(tiny_gazetteer, text, "Aleppo")
    assert mention.place is not None and mention.place.country == "SY"
    assert mention.geo_precision is GeoPrecision.NEAR


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A storm hit Paris, Texas, overnight.", "Paris", "US"),
        ("The mayor of Paris spoke.", "Paris", "FR"),
        ("Aleppo (Syria) was shelled again.", "Aleppo", "SY"),
    ],
)
def test_resolve_containing_place_written_beside_the_name(
    tiny_gazetteer: Gazetteer, text: str, name: str, country: str
) -> None:
    mention = _one(tiny_gazetteer, text, name)
    assert mention.place is not None and mention.place.country == country


def test_resolve_country_focus_picks_the_namesake(tiny_gazetteer: Gazetteer) -> None:
    text = "Texas officials said Paris would get help. Paris schools closed across Texas."
    mention = _one(tiny_gazetteer, text, "Paris")
    assert mention.place is not None and mention.place.country == "US"
    assert "country focus US" in mention.reason


def test_resolve_misspelling_only_in_a_country_the_text_names(tiny_gazetteer: Gazetteer) -> None:
    in_syria = _one(tiny_gazetteer, "Regime eyes Iblib. The Syrian army moved north.", "Iblib")
    assert in_syria.place is not None and in_syria.place.geonameid == 169389
    assert "spelling" in in_syria.reason
    elsewhere = _one(tiny_gazetteer, "Storm eyes Iblib. The French coast braced.", "Iblib")
    assert elsewhere.place is None and elsewhere.reason == "not in gazetteer"


def test_resolve_unknown_name_falls_back_to_the_province_named_nearby(
    tiny_gazetteer: Gazetteer,
) -> None:
    text = "Troops took Abu Dali in Hama province."
    abu_dali, province = _resolve_all(tiny_gazetteer, text, ["Abu Dali", "Hama province"])
    assert province.place is not None and province.place.feature_code == "ADM1"
    assert abu_dali.place is not None and abu_dali.place.admin1 == "Hama"
    assert abu_dali.geo_precision is GeoPrecision.REGION
    assert "not in gazetteer" in abu_dali.reason and "Hama" in abu_dali.reason


def test_resolve_demonym_gives_the_country(tiny_gazetteer: Gazetteer) -> None:
    mention = _resolve_all(
        tiny_gazetteer, "Syrian troops advanced.", ["Syrian"], ToponymKind.DEMONYM
    )[0]
    assert mention.place is not None and mention.place.feature_code == "PCLI"
    assert mention.place.country == "SY" and mention.kind is ToponymKind.DEMONYM
    assert mention.geo_precision is GeoPrecision.REGION


def test_resolve_country_and_metonymy_keep_kind(tiny_gazetteer: Gazetteer) -> None:
    text = "Russia said it would respond."
    mention = _resolve_all(tiny_gazetteer, text, ["Russia"], ToponymKind.METONYMIC)[0]
    assert mention.kind is ToponymKind.METONYMIC
    assert mention.place is not None and mention.place.country == "RU"
    assert mention.geo_precision is GeoPrecision.REGION


@pytest.mark.parametrize(
    ("surface", "reason"),
    [
        ("", "empty name"),
        ("   ", "empty name"),
        ("x" * 101, "longer than 100"),
        ("x" * 100_000, "longer than 100"),
        ("إدلب", "no Latin letters"),
        ("Идлиб", "no Latin letters"),
        ("伊德利卜", "no Latin letters"),
        ("इदलिब", "no Latin letters"),
        ("🙂🙂🙂", "no Latin letters"),
        ("...", "no Latin letters"),
        ("12345", "no Latin letters"),
        ("\x00\x07", "no Latin letters"),
        ("\u200b\u200b", "no Latin letters"),
        ("Qzxqvbnmwrtpl", "not in gazetteer"),
        ("asdf;lkj!!", "not in gazetteer"),
        ("the", "not in gazetteer"),
        ("'s", "not in gazetteer"),
        ("Aleppo\x00Idlib", "not in gazetteer"),
        ("North", "direction word"),
    ],
)
def test_resolve_bad_input_is_unresolved_with_a_reason(
    tiny_gazetteer: Gazetteer, surface: str, reason: str
) -> None:
    mention = resolve(
        [(Span(0, len(surface), surface), ToponymKind.LITERAL)],
        tiny_gazetteer,
        text=surface,
        fuzzy_min_score=85.0,
    )[0]
    assert mention.place is None
    assert reason in mention.reason


def test_resolve_span_outside_the_text_does_not_crash(tiny_gazetteer: Gazetteer) -> None:
    mention = resolve(
        [(Span(500, 506, "Aleppo"), ToponymKind.LITERAL)],
        tiny_gazetteer,
        text="short",
        fuzzy_min_score=85.0,
    )[0]
    assert mention.place is not None and mention.place.country == "SY"


def test_resolve_every_mention_has_a_reason(tiny_gazetteer: Gazetteer) -> None:
    text = "Syrian forces shelled Aleppo and Nowhereville near Damascus, Turkey said."
    names = ["Syrian", "Aleppo", "Nowhereville", "Damascus", "Turkey"]
    mentions = _resolve_all(tiny_gazetteer, text, names)
    assert [m.span.text for m in mentions] == names
    assert all(m.reason for m in mentions)
    # The village the gazetteer lacks is placed at the town written beside it.
    village = mentions[2]
    assert village.place is not None and village.place.name == "Damascus"
    assert village.geo_precision is GeoPrecision.NEAR
    assert village.reason.startswith("not in gazetteer; in or near Damascus")


def test_resolve_unknown_name_with_no_town_stays_unresolved(tiny_gazetteer: Gazetteer) -> None:
    mention = _one(tiny_gazetteer, "Residents of Nowhereville fled.", "Nowhereville")
    assert mention.place is None
    assert mention.reason == "not in gazetteer"


def test_resolve_street_goes_to_the_story_town_not_its_namesake(
    tiny_gazetteer: Gazetteer,
) -> None:
    text = (
        "Police in Aleppo said a shell hit the market. "
        "Later a second shell struck a house on Damascus Street."
    )
    street = _resolve_all(tiny_gazetteer, text, ["Aleppo", "Damascus Street"])[1]
    assert street.place is not None and street.place.name == "Aleppo"
    assert street.geo_precision is GeoPrecision.NEAR
    assert "the town the story names most" in street.reason


def test_resolve_same_name_agrees_across_the_text(tiny_gazetteer: Gazetteer) -> None:
    text = "Aleppo (Syria) was shelled. Later Aleppo was quiet."
    first = text.index("Aleppo")
    second = text.index("Aleppo", first + 1)
    mentions = resolve(
        [
            (Span(first, first + 6, "Aleppo"), ToponymKind.LITERAL),
            (Span(second, second + 6, "Aleppo"), ToponymKind.LITERAL),
        ],
        tiny_gazetteer,
        text=text,
        fuzzy_min_score=85.0,
    )
    assert mentions[0].place == mentions[1].place


def test_resolve_names_listed_before_counties_are_the_counties(tmp_path: Path) -> None:
    def place(name: str, lat: float, lon: float, admin1: str, fcode: str, pop: int = 0) -> Place:
        fclass = "A" if fcode.startswith("ADM") else "P"
        return Place(None, name, lat, lon, "US", admin1, fclass, fcode, pop, "test")

    entries = [
        IndexEntry(place("Clay County", 46.89, -96.49, "Minnesota", "ADM2"), aliases=("Clay",)),
        IndexEntry(place("Becker County", 46.93, -95.67, "Minnesota", "ADM2"), aliases=("Becker",)),
        IndexEntry(place("Clay", 43.18, -76.17, "New York", "PPL", 58_000)),
        IndexEntry(place("Becker", 45.39, -93.88, "Minnesota", "PPL", 4_500)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "counties.sqlite", entries)
    text = "Snow closed roads in Becker and Clay counties on Monday."
    found = _resolve_all(gazetteer, text, ["Becker", "Clay"])
    assert [m.place.feature_code for m in found if m.place] == ["ADM2", "ADM2"]
    assert all(m.geo_precision is GeoPrecision.NEAR for m in found)
    gazetteer.close()


@pytest.mark.parametrize(
    "surface",
    ["", "   ", "x" * 100_000, "إدلب", "伊德利卜", "🙂", "12345", "\x00", "Qzxqvbnmwrtpl", "'s"],
)
def test_resolve_bad_input_never_crashes_the_lookups(
    tiny_gazetteer: Gazetteer, surface: str
) -> None:
    assert rank_candidates(surface, tiny_gazetteer) == []
    assert rank_candidates(surface, tiny_gazetteer, country="SY") == []
    assert tiny_gazetteer.lookup(surface) == []
    assert tiny_gazetteer.fuzzy(surface, min_score=85.0, limit=5) == []


def test_resolve_bad_input_beside_good_keeps_the_good(tiny_gazetteer: Gazetteer) -> None:
    text = "伊德利卜 and Aleppo"
    mentions = resolve(
        [
            (Span(0, 4, "伊德利卜"), ToponymKind.LITERAL),
            (Span(9, 15, "Aleppo"), ToponymKind.LITERAL),
            (Span(0, 0, ""), ToponymKind.LITERAL),
        ],
        tiny_gazetteer,
        text=text,
        fuzzy_min_score=85.0,
    )
    assert [m.place is None for m in mentions] == [True, False, True]
    assert mentions[1].place is not None and mentions[1].place.geonameid == 170063


def _test_place(
    name: str, lat: float, lon: float, country: str, admin1: str, fcode: str, pop: int = 0
) -> Place:
    fclass = "A" if fcode.startswith(("ADM", "PCL")) else "P"
    return Place(None, name, lat, lon, country, admin1, fclass, fcode, pop, "test")


def test_resolve_abbreviated_saint_is_the_own_name_of_the_big_city(tmp_path: Path) -> None:
    entries = [
        IndexEntry(
            _test_place(
                "Saint Petersburg", 59.94, 30.31, "RU", "Saint Petersburg", "PPLA", 5_351_935
            ),
            names=("St. Petersburg",),
        ),
        IndexEntry(_test_place("St. Petersburg", 27.77, -82.68, "US", "Florida", "PPL", 257_083)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "saint.sqlite", entries)
    text = "Russia will close the US consulate in St. Petersburg, US officials said."
    mention = _one(gazetteer, text, "St. Petersburg")
    assert mention.place is not None and mention.place.country == "RU"
    gazetteer.close()


def test_resolve_a_named_division_draws_its_namesakes_near(tmp_path: Path) -> None:
    entries = [
        IndexEntry(_test_place("Edmonton", 53.55, -113.47, "CA", "Alberta", "PPL", 1_010_899)),
        IndexEntry(_test_place("Edmonton", 51.62, -0.06, "GB", "England", "PPL", 82_000)),
        IndexEntry(_test_place("Enfield", 51.65, -0.08, "GB", "Enfield", "ADM1")),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "edmonton.sqlite", entries)
    text = "A night shelter opened in Edmonton, the council of Enfield said."
    found = _resolve_all(gazetteer, text, ["Edmonton", "Enfield"])
    assert found[0].place is not None and found[0].place.country == "GB"
    assert "near other places" in found[0].reason
    gazetteer.close()


def test_resolve_airport_and_air_base_by_their_own_names(full_gazetteer: Gazetteer) -> None:
    text = (
        "Flights from Heathrow were cancelled, London officials said. "
        "Russian jets took off from Hmeimim air base near Latakia."
    )
    heathrow, hmeimim = _resolve_all(full_gazetteer, text, ["Heathrow", "Hmeimim air base"])
    assert heathrow.place is not None and heathrow.place.feature_code == "AIRP"
    assert heathrow.place.country == "GB"
    assert heathrow.geo_precision is GeoPrecision.EXACT
    assert hmeimim.place is not None and hmeimim.place.feature_code == "AIRB"
    assert hmeimim.place.country == "SY"


def test_resolve_misspelt_name_of_several_words_matches_word_by_word(
    tiny_gazetteer: Gazetteer,
) -> None:
    text = "Syrian jets struck Khan Sheikhoun. Later they hit Khan Shaqra."
    near, other = _resolve_all(tiny_gazetteer, text, ["Khan Sheikhoun", "Khan Shaqra"])
    assert near.place is not None and near.place.name == "Khān Shaykhūn"
    # "Shaqra" is not a misspelling of "Shaykhun", though the whole names look alike.
    assert other.place is None and other.reason == "not in gazetteer"


def test_resolve_direction_word_before_a_name_is_part_of_it(tiny_gazetteer: Gazetteer) -> None:
    text = "Clashes spread across Eastern Idlib on Monday."
    mention = _one(tiny_gazetteer, text, "Eastern Idlib")
    assert mention.place is not None and mention.place.name == "Idlib"
    assert mention.place.country == "SY"
    assert mention.geo_precision in (GeoPrecision.NEAR, GeoPrecision.REGION)


def test_resolve_town_with_city_word_despite_loose_spellings(full_gazetteer: Gazetteer) -> None:
    # "Douma city" has loose transliteration matches of its own ("Dumai Kota"), which
    # must not hide the town called Douma.
    text = "In Ghouta, regime artillery hit Douma city while clashes continued."
    mention = _one(full_gazetteer, text, "Douma city")
    assert mention.place is not None and mention.place.country == "SY"
    assert mention.place.name == "Dūmā"


def test_resolve_river_town_by_its_short_name(full_gazetteer: Gazetteer) -> None:
    text = "The NHS trust in Newcastle said the UK clinic would open in Britain next year."
    mention = _one(full_gazetteer, text, "Newcastle")
    assert mention.place is not None and mention.place.name == "Newcastle upon Tyne"
    # A town known by its river name instead is not indexed under its first word.
    kingston = full_gazetteer.lookup("Kingston")
    assert not any(p.name == "Kingston upon Hull" for p in kingston)


def test_resolve_uk_counties_the_packages_lack(full_gazetteer: Gazetteer) -> None:
    text = (
        "Races are held at Oulton Park, Cheshire, and at Croft, Yorkshire, "
        "and police in Berkshire closed the M4 in England."
    )
    cheshire, yorkshire, berkshire = _resolve_all(
        full_gazetteer, text, ["Cheshire", "Yorkshire", "Berkshire"]
    )
    for mention, (lat, lon) in (
        (cheshire, (53.2, -2.6)),
        (yorkshire, (54.0, -1.5)),
        (berkshire, (51.4, -1.0)),
    ):
        assert mention.place is not None and mention.place.country == "GB"
        assert abs(mention.place.lat - lat) < 0.5 and abs(mention.place.lon - lon) < 0.5
    # Ranked as divisions, not with the conflict regions' strong prior: a US story's
    # Cheshire is the Connecticut town.
    us = "Police in Cheshire, Connecticut, said the road reopened."
    town = _one(full_gazetteer, us, "Cheshire").place
    assert town is not None and town.country == "US"


def test_resolve_demonym_of_a_division_gives_the_division(full_gazetteer: Gazetteer) -> None:
    text = "Dagestani police fought insurgents near Makhachkala; Syrian troops watched."
    dagestani, syrian = _resolve_all(
        full_gazetteer, text, ["Dagestani", "Syrian"], ToponymKind.DEMONYM
    )
    assert dagestani.place is not None and dagestani.place.feature_code == "ADM1"
    assert dagestani.place.country == "RU" and dagestani.reason == "demonym of Dagestan"
    assert syrian.place is not None and syrian.place.feature_code == "PCLI"


def test_resolve_loose_district_word_weighs_divisions_of_the_bare_name(tmp_path: Path) -> None:
    # Pakistan has a "Karak District"; the story is about Jordan's Karak governorate.
    entries = [
        IndexEntry(_test_place("Karak District", 33.1, 71.1, "PK", "Khyber Pakhtunkhwa", "ADM2")),
        IndexEntry(_test_place("Karak", 33.12, 71.09, "PK", "Khyber Pakhtunkhwa", "PPL", 13_679)),
        IndexEntry(_test_place("Karak", 31.18, 35.7, "JO", "Karak", "ADM1")),
        IndexEntry(_test_place("Jordan", 31.0, 36.0, "JO", "", "PCLI")),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "karak.sqlite", entries)
    text = "Gunmen attacked police in Jordan. A house burned in the Karak district, Jordan said."
    mention = _one(gazetteer, text, "Karak district")
    assert mention.place is not None and mention.place.country == "JO"
    gazetteer.close()


def test_resolve_seats_of_power_are_the_buildings(full_gazetteer: Gazetteer) -> None:
    text = "Protesters gathered outside the Kremlin and the White House on Sunday."
    kremlin, white_house = _resolve_all(full_gazetteer, text, ["Kremlin", "White House"])
    # Not the Irish town of Crumlin, a loose spelling; not White House, Tennessee.
    assert kremlin.place is not None and kremlin.place.country == "RU"
    assert white_house.place is not None and white_house.place.feature_code == "ADMF"
    assert abs(white_house.place.lat - 38.9) < 0.1 and abs(white_house.place.lon + 77.04) < 0.1


def test_resolve_town_named_like_a_country_needs_its_division(tmp_path: Path) -> None:
    entries = [
        IndexEntry(_test_place("Russia", 60.0, 100.0, "RU", "", "PCLI", 144_000_000)),
        IndexEntry(_test_place("Russia", 40.23, -84.41, "US", "Ohio", "PPL", 656)),
        IndexEntry(_test_place("Ohio", 40.25, -83.0, "US", "Ohio", "ADM1")),
        IndexEntry(_test_place("Wisconsin", 44.5, -89.5, "US", "Wisconsin", "ADM1")),
        IndexEntry(_test_place("Michigan", 44.3, -85.4, "US", "Michigan", "ADM1")),
        IndexEntry(_test_place("Pennsylvania", 40.9, -77.8, "US", "Pennsylvania", "ADM1")),
        IndexEntry(_test_place("Richmond", 39.83, -84.89, "US", "Indiana", "PPL", 35_000)),
        IndexEntry(_test_place("United States", 39.8, -98.5, "US", "", "PCLI", 327_000_000)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "russia.sqlite", entries)
    # Closeness to Richmond, Indiana, and a story full of American places are not enough.
    text = (
        "Trump said the recount in Wisconsin was a scam, United States media said. She "
        "wants recounts in Michigan and Pennsylvania too; Richmond voters are calm. Why the "
        "United States fears Russia is hacking the United States election."
    )
    names = ["Wisconsin", "Michigan", "Pennsylvania", "Richmond", "Russia"]
    found = _resolve_all(gazetteer, text, names)
    assert found[4].place is not None and found[4].place.country == "RU"
    local = "The fair opened in Russia, Ohio, where the United States flag flew."
    town = _one(gazetteer, local, "Russia").place
    assert town is not None and town.country == "US"
    gazetteer.close()


@pytest.mark.parametrize(
    "text",
    [
        "NEW YORK (AP) — Police officers answered a call in New York on Monday.",
        "(NEW YORK) — Police officers answered a call on Monday.",
        "Brief.\nNEW YORK, N.Y. -- Police officers answered a call on Monday.",
    ],
)
def test_resolve_dateline_names_a_city(tmp_path: Path, text: str) -> None:
    entries = [
        IndexEntry(_test_place("New York", 43.0, -75.5, "US", "New York", "ADM1")),
        IndexEntry(
            _test_place("New York City", 40.71, -74.01, "US", "New York", "PPL", 8_804_190),
            names=("New York",),
        ),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "ny.sqlite", entries)
    mention = _one(gazetteer, text, "NEW YORK")
    assert mention.place is not None and mention.place.name == "New York City"
    # Elsewhere in the story the bare name keeps its usual reading.
    state = _one(gazetteer, "Storms hit New York state.", "New York").place
    assert state is not None and state.feature_code == "ADM1"
    gazetteer.close()


def test_resolve_country_named_in_the_sentence_weighs_for_its_places(tmp_path: Path) -> None:
    entries = [
        IndexEntry(_test_place("Washington", 54.9, -1.52, "GB", "England", "PPL", 67_085)),
        IndexEntry(_test_place("Washington", 38.9, -77.04, "US", "Columbia", "PPLC", 689_545)),
        IndexEntry(_test_place("Salisbury", 51.07, -1.79, "GB", "England", "PPL", 40_000)),
        IndexEntry(_test_place("United Kingdom", 54.0, -2.0, "GB", "", "PCLI", 66_000_000)),
        IndexEntry(_test_place("United States", 39.8, -98.5, "US", "", "PCLI", 327_000_000)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "washington.sqlite", entries)
    text = (
        "A former spy was poisoned in Salisbury, United Kingdom police said. The United "
        "Kingdom expelled diplomats. In Washington, 60 Russian diplomats were expelled "
        "from the United States."
    )
    found = _resolve_all(gazetteer, text, ["Salisbury", "Washington", "United States"])
    assert found[1].place is not None and found[1].place.country == "US"
    assert "US named in the sentence" in found[1].reason
    gazetteer.close()


def test_resolve_islands_former_states_and_metro_areas(full_gazetteer: Gazetteer) -> None:
    text = (
        "Troops left Oahu for Kyushu. The Soviet Union collapsed in 1991. "
        "Tech firms in the Bay Area hired."
    )
    oahu, kyushu, ussr, bay = _resolve_all(
        full_gazetteer, text, ["Oahu", "Kyushu", "Soviet Union", "Bay Area"]
    )
    # Not Ohio, a loose spelling of Oahu; not Bouïra in Algeria for "Bay Area".
    assert oahu.place is not None and oahu.place.country == "US" and oahu.place.lat < 23
    assert kyushu.place is not None and kyushu.place.country == "JP"
    assert ussr.place is not None and ussr.place.feature_code == "PCLH"
    assert bay.place is not None and bay.place.country == "US"


def test_resolve_a_residents_town_named_like_a_country(tmp_path: Path) -> None:
    entries = [
        IndexEntry(_test_place("Palestine", 31.9, 35.2, "PS", "", "PCLI", 4_569_087)),
        IndexEntry(_test_place("Palestine", 31.76, -95.63, "US", "Texas", "PPL", 18_288)),
        IndexEntry(_test_place("Texas", 31.25, -99.25, "US", "Texas", "ADM1")),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "palestine.sqlite", entries)
    text = (
        "A 54-year-old Palestine man was sentenced in a Texas court on Friday. Palestine "
        "police said they received a call. Gary Wilson, 54, of Palestine pleaded guilty."
    )
    spans = []
    for start in (
        text.index("Palestine man"),
        text.index("Palestine police"),
        text.rindex("Palestine"),
    ):
        spans.append((Span(start, start + 9, "Palestine"), ToponymKind.LITERAL))
    found = resolve(spans, gazetteer, text=text, fuzzy_min_score=85.0)
    assert [m.place.country if m.place else None for m in found] == ["US", "US", "US"]
    # A country's own story keeps the country.
    hamas = _one(gazetteer, "Hamas is in Palestine, Assad said.", "Palestine").place
    assert hamas is not None and hamas.country == "PS"
    gazetteer.close()


@pytest.mark.parametrize(
    ("text", "name", "lat"),
    [
        # GeoNames gives England's towns admin1 "England", not the county written.
        ("He lives in Richmond, North Yorkshire, with his wife.", "Richmond", 54.4),
        ("The fire was in Ashford, Kent, police said.", "Ashford", 51.15),
    ],
)
def test_resolve_town_beside_its_english_county(
    full_gazetteer: Gazetteer, text: str, name: str, lat: float
) -> None:
    mention = _one(full_gazetteer, text, name)
    assert mention.place is not None and mention.place.country == "GB"
    assert abs(mention.place.lat - lat) < 0.2
    assert any(r.startswith("in ") for r in mention.reason.split("; "))


def test_resolve_government_words_ask_for_the_division(tmp_path: Path) -> None:
    entries = [
        IndexEntry(_test_place("Quebec", 52.0, -72.0, "CA", "Quebec", "ADM1")),
        IndexEntry(_test_place("Québec", 46.81, -71.21, "CA", "Quebec", "PPLA", 531_902)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "quebec.sqlite", entries)
    for text in (
        "Mayors will appeal to the Quebec government on Tuesday.",
        "Quebec Health Minister Gaetan Barrette said Sunday that talks failed.",
    ):
        place = _one(gazetteer, text, "Quebec").place
        assert place is not None and place.feature_code == "ADM1", text
    # A bare name of a provincial capital stays the city.
    city = _one(gazetteer, "The festival opened in Quebec on Friday.", "Quebec").place
    assert city is not None and city.feature_code == "PPLA"
    gazetteer.close()


def test_resolve_township_is_neither_a_county_nor_a_state(tmp_path: Path) -> None:
    entries = [
        IndexEntry(_test_place("Washington", 47.5, -120.5, "US", "Washington", "ADM1")),
        IndexEntry(_test_place("Washington County", 41.4, -71.6, "US", "Rhode Island", "ADM2")),
        IndexEntry(_test_place("Washington", 40.76, -74.98, "US", "New Jersey", "PPL", 6_498)),
        IndexEntry(_test_place("Paterson", 40.92, -74.17, "US", "New Jersey", "PPL", 145_000)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "township.sqlite", entries)
    text = "The Paterson charity holds its benefit at a restaurant in Washington Township."
    found = _resolve_all(gazetteer, text, ["Paterson", "Washington Township"])
    place = found[1].place
    assert place is not None and place.feature_code == "PPL" and place.admin1 == "New Jersey"
    assert found[1].geo_precision is GeoPrecision.NEAR
    gazetteer.close()


def test_resolve_name_missing_from_the_county_written_beside_it(tmp_path: Path) -> None:
    entries = [
        _test_place("Rockingham", -32.28, 115.73, "AU", "Western Australia", "PPL", 15_312),
        _test_place("Northamptonshire", 52.3, -0.88, "GB", "England", "ADM2"),
        _test_place("Utah", 39.25, -111.75, "US", "Utah", "ADM1"),
        _test_place("Colorado", 39.0, -105.5, "US", "Colorado", "ADM1"),
        _test_place("Idaho", 44.5, -114.5, "US", "Idaho", "ADM1"),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "county.sqlite", entries)
    text = "11/12 August: Rockingham, Northamptonshire. 25/26 August: Knockhill, Fife."
    mention = _one(gazetteer, text, "Rockingham")
    # Not the Australian namesake: the county, the name kept, precision 2.
    assert mention.place is not None and mention.place.name == "Northamptonshire"
    assert mention.geo_precision is GeoPrecision.NEAR and "not in gazetteer" in mention.reason
    # The next item of a list is no container, Oxford comma or not.
    listed = "Tech firms are moving to cheaper states such as Utah, Colorado, and Idaho."
    utah = _one(gazetteer, listed, "Utah").place
    assert utah is not None and utah.name == "Utah"
    gazetteer.close()


def test_resolve_no_transliteration_variants_in_latin_script_countries(
    full_gazetteer: Gazetteer,
) -> None:
    # "Anfield" is not a romanisation of Enfield: English names have one spelling.
    text = "Fans set off fireworks inside Anfield before the match."
    anfield = _one(full_gazetteer, text, "Anfield")
    assert anfield.place is None or anfield.place.name != "Enfield"
    # Names of countries that write in other scripts still match loosely.
    ranked = rank_candidates("Jisr al-Shoughour", full_gazetteer, country="SY")
    assert ranked and ranked[0].place.country == "SY"
    assert "transliteration" in ranked[0].reasons


@pytest.mark.parametrize(
    ("text", "name", "feature_code"),
    [
        # Listed with a state, Washington is the state ...
        (
            "Firms are moving from western states such as California or Washington.",
            "Washington",
            "ADM1",
        ),
        # ... listed with cities, the city.
        ("The firm has offices in Boston, Chicago and Washington.", "Washington", "PPLC"),
    ],
)
def test_resolve_list_mates_tell_the_kind_of_place(
    full_gazetteer: Gazetteer, text: str, name: str, feature_code: str
) -> None:
    names = [n for n in ("California", "Boston", "Chicago", name) if n in text]
    found = _resolve_all(full_gazetteer, text, names)[-1]
    assert found.place is not None and found.place.feature_code == feature_code
    assert found.place.country == "US"


def test_resolve_bare_name_of_a_capital_called_city_is_the_division(
    full_gazetteer: Gazetteer,
) -> None:
    # English calls the capital "Quebec City": bare "Quebec" is the province.
    text = "Released in Montreal, he is not allowed to stay in Quebec, police said."
    province = _one(full_gazetteer, text, "Quebec")
    city = _one(full_gazetteer, "He flew home to Quebec City on Monday.", "Quebec City")
    assert province.place is not None and province.place.feature_code == "ADM1"
    assert province.place.country == "CA"
    assert city.place is not None and city.place.feature_class == "P"
    assert city.place.country == "CA"


def test_resolve_gallery_named_after_its_town(full_gazetteer: Gazetteer) -> None:
    text = "Protesters gathered outside the Vancouver Art Gallery on Sunday."
    mention = _one(full_gazetteer, text, "Vancouver Art Gallery")
    assert mention.place is not None and mention.place.name == "Vancouver"
    assert mention.place.country == "CA"
    assert mention.geo_precision is GeoPrecision.NEAR


@pytest.mark.parametrize(
    ("adjective", "region"),
    [("South East Asian", "Southeast Asia"), ("West African", "West Africa")],
)
def test_resolve_regional_adjective_gives_the_region(
    full_gazetteer: Gazetteer, adjective: str, region: str
) -> None:
    text = f"Ministers of {adjective} nations met on Monday."
    mention = _resolve_all(full_gazetteer, text, [adjective], ToponymKind.DEMONYM)[0]
    assert mention.place is not None and mention.place.name == region


def test_text_focus_counts_possessive_country_names(full_gazetteer: Gazetteer) -> None:
    assert text_focus("The UK's fertility regulator approved it.", full_gazetteer) == {"GB": 1.0}
    assert text_focus("Syria’s army said it took the town.", full_gazetteer) == {"SY": 1.0}


def test_resolve_saints_buildings_are_not_towns_of_the_saint(full_gazetteer: Gazetteer) -> None:
    text = "Both women were taken to St. Michael's Hospital in Toronto on Monday."
    hospital, _ = _resolve_all(full_gazetteer, text, ["St. Michael's Hospital", "Toronto"])
    assert hospital.place is not None and hospital.place.name == "Toronto"
    assert "written beside it" in hospital.reason


def test_resolve_town_beside_a_facility_beats_the_town_in_its_name(
    full_gazetteer: Gazetteer,
) -> None:
    text = "Call Thomas Memorial Hospital in South Charleston for an appointment."
    hospital, _ = _resolve_all(
        full_gazetteer, text, ["Thomas Memorial Hospital", "South Charleston"]
    )
    assert hospital.place is not None and hospital.place.name == "South Charleston"
    assert hospital.geo_precision is GeoPrecision.NEAR
    # With no town beside it, the facility is still placed at the town it is named after.
    alone = _one(
        full_gazetteer,
        "Colchester General Hospital said it was busy.",
        "Colchester General Hospital",
    )
    assert alone.place is not None and alone.place.name == "Colchester"
    assert alone.reason.startswith("named after Colchester")


def test_resolve_an_english_word_is_no_romanisation(full_gazetteer: Gazetteer) -> None:
    # "Absurd" loosely spells Ab Sard (Iran), "Afire" Aféré (Ivory Coast): English words
    # are not romanisations of anything.
    for word, country in (("Absurd", "IR"), ("Afire", "CI")):
        assert full_gazetteer.matches(word, 5)  # transliteration matches exist ...
        assert rank_candidates(word, full_gazetteer, country=country) == []  # ... dropped


def test_resolve_villages_written_in_a_province(tmp_path: Path) -> None:
    entries = [
        _test_place("Foça", 38.67, 26.75, "TR", "İzmir", "PPL", 28_000),
        _test_place("Turkey", 39.0, 35.0, "TR", None, "PCLI"),
        _test_place("Russia", 60.0, 100.0, "RU", None, "PCLI"),
        _test_place("Syria", 35.0, 38.0, "SY", None, "PCLI"),
        _test_place("Idlib", 35.86, 36.57, "SY", "Idlib", "ADM1"),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "in.sqlite", entries)
    text = (
        "Turkey and Russia brokered the deal. Turkey said buses were ready. Rebels "
        "shelled the villages of Foua and Kfraya in Idlib province."
    )
    foua, kfraya = _resolve_all(gazetteer, text, ["Foua", "Kfraya"])
    # A misspelling outside the province written after "in" is another place: "Foua" is
    # not Foça, Turkey.  Neither village is in the gazetteer: both go to the province
    # (the list shares it), their names kept.
    for village in (foua, kfraya):
        assert village.place is not None and village.place.feature_code == "ADM1"
        assert village.place.admin1 == "Idlib" and village.geo_precision is GeoPrecision.REGION
        assert "not in gazetteer" in village.reason
    # An actor "in" a country is not placed there: Russia stays Russia.
    russia = _one(gazetteer, "The role of Russia in Syria grew.", "Russia")
    assert russia.place is not None and russia.place.name == "Russia"
    gazetteer.close()


def test_resolve_local_outlet_home_decides_a_bare_town(tmp_path: Path) -> None:
    entries = [
        _test_place("Alexandria", 31.2, 29.92, "EG", "Alexandria", "PPLA", 3_811_516),
        _test_place("Alexandria", 31.31, -92.45, "US", "Louisiana", "PPL", 47_723),
        _test_place("Alexandria", 38.80, -77.05, "US", "Virginia", "PPL", 159_428),
        _test_place("Louisiana", 31.0, -92.0, "US", "Louisiana", "ADM1"),
        _test_place("Virginia", 37.5, -78.8, "US", "Virginia", "ADM1"),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "outlet.sqlite", entries)
    text = "Alexandria woman charged in connection with a house fire."
    span = [(Span(0, 10, "Alexandria"), ToponymKind.LITERAL)]
    towntalk = OutletHomes(
        [OutletHome("thetowntalk.com", "US", "Louisiana", "Alexandria", 4314550, 31.31, -92.45)]
    )
    url = "http://www.thetowntalk.com/article/20090320/NEWS01/90320003/-1/rss"

    def place_for(outlets: OutletHomes) -> Place | None:
        found = resolve(
            span, gazetteer, text=text, fuzzy_min_score=85.0, publisher=url, outlets=outlets
        )
        return found[0].place

    local = place_for(towntalk)
    assert local is not None and local.admin1 == "Louisiana"
    # With no table, nothing says which: the big city.
    alone = place_for(OutletHomes())
    assert alone is not None and alone.country == "EG"
    gazetteer.close()


def test_resolve_division_before_city_of_is_the_division(tiny_gazetteer: Gazetteer) -> None:
    # "the Idlib city of Saraqib": a city in the province, not a city called Idlib.
    text = "Shelling hit the Idlib city of Saraqib on Monday."
    mention = _one(tiny_gazetteer, text, "Idlib")
    assert mention.place is not None and mention.place.feature_code == "ADM1"
    town = _one(tiny_gazetteer, "Shelling hit Idlib city on Monday.", "Idlib")
    assert town.place is not None and town.place.feature_code == "PPLA"


@pytest.mark.parametrize(
    "text",
    [
        "The fair opened in Paris, Texas. The mayor spoke.",
        "The fair opened in Paris, Texas\nThe mayor spoke.",
        "The fair opened in Paris, Tex. The mayor spoke.",
    ],
)
def test_resolve_container_at_the_end_of_a_sentence(tmp_path: Path, text: str) -> None:
    entries = [
        IndexEntry(_test_place("Paris", 48.85, 2.35, "FR", "Île-de-France", "PPLC", 2_138_551)),
        IndexEntry(_test_place("Paris", 33.66, -95.56, "US", "Texas", "PPL", 24_782)),
        IndexEntry(_test_place("Texas", 31.25, -99.25, "US", "Texas", "ADM1"), aliases=("Tex.",)),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "paris.sqlite", entries)
    # The container is "Texas", not "Texas. The" run on into the next sentence.
    paris = _one(gazetteer, text, "Paris")
    assert paris.place is not None and paris.place.admin1 == "Texas"
    gazetteer.close()


def test_resolve_county_written_in_a_province(tmp_path: Path) -> None:
    entries = [
        _test_place("Maxian", 43.1, 126.3, "CN", "Jilin", "PPL", 3_000),
        _test_place("China", 35.0, 105.0, "CN", None, "PCLI"),
        _test_place("Sichuan", 30.5, 102.5, "CN", "Sichuan", "ADM1"),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "county.sqlite", entries)
    text = "In China, 40 homes were buried in Maoxian county in Sichuan province."
    mention = _one(gazetteer, text, "Maoxian")
    # "Maoxian county in Sichuan": not Maxian in Jilin, a loose spelling far away.
    assert mention.place is not None and mention.place.name == "Sichuan"
    assert mention.geo_precision is GeoPrecision.REGION
    gazetteer.close()


def test_resolve_outlet_division_spelt_otherwise(tmp_path: Path) -> None:
    # The table says "St.-Petersburg"; the gazetteer's division is "Saint Petersburg": the
    # home town's GeoNames id tells which it is, so the division focus applies.
    entries = [
        _test_place("Saint Petersburg", 59.94, 30.31, "RU", "Saint Petersburg", "ADM1"),
        Place(
            498817,
            "Saint Petersburg",
            59.94,
            30.31,
            "RU",
            "Saint Petersburg",
            "P",
            "PPLA",
            5_351_935,
            "test",
        ),
        _test_place("Kirovsk", 67.61, 33.67, "RU", "Murmansk", "PPL", 28_000),
        _test_place("Kirovsk", 59.95, 30.30, "RU", "Saint Petersburg", "PPL", 20_000),
    ]
    gazetteer = Gazetteer.from_entries(tmp_path / "spb.sqlite", entries)
    table = OutletHomes(
        [OutletHome("sptimes.ru", "RU", "St.-Petersburg", "Saint Petersburg", 498817)]
    )
    text = "Kirovsk residents protested on Monday."
    found = resolve(
        [(Span(0, 7, "Kirovsk"), ToponymKind.LITERAL)],
        gazetteer,
        text=text,
        fuzzy_min_score=85.0,
        publisher="http://sptimes.ru/story",
        outlets=table,
    )
    place = found[0].place
    assert place is not None and place.admin1 == "Saint Petersburg"
    assert "division focus Saint Petersburg" in found[0].reason
    gazetteer.close()
