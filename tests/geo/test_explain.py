from __future__ import annotations

import pytest

from sitrep.geo.explain import explain_place
from sitrep.geo.gazetteer import Gazetteer
from sitrep.types import PlaceCandidate


def test_explain_place_lists_candidates_best_first_with_reasons(
    tiny_gazetteer: Gazetteer,
) -> None:
    found = explain_place("Paris", tiny_gazetteer)
    assert all(isinstance(c, PlaceCandidate) for c in found)
    assert [c.place.country for c in found] == ["FR", "US"]
    assert found[0].score > found[1].score
    assert "population prior" in found[0].reasons


def test_explain_place_country_adds_focus(tiny_gazetteer: Gazetteer) -> None:
    plain = {c.place.country: c.score for c in explain_place("Paris", tiny_gazetteer)}
    focused = explain_place("Paris", tiny_gazetteer, country="us")
    us = next(c for c in focused if c.place.country == "US")
    assert us.score > plain["US"]
    assert "country focus US" in us.reasons


@pytest.mark.parametrize(
    ("query", "geonameid", "reason"),
    [("Iblib", 169389, "spelling"), ("Khan Sheikhoun", 168325, "transliteration")],
)
def test_explain_place_loose_spellings(
    tiny_gazetteer: Gazetteer, query: str, geonameid: int, reason: str
) -> None:
    found = explain_place(query, tiny_gazetteer)
    assert found[0].place.geonameid == geonameid
    assert any(r.startswith(reason) for r in found[0].reasons)


def test_explain_place_division_word_and_demonym(tiny_gazetteer: Gazetteer) -> None:
    hama = explain_place("Hama province", tiny_gazetteer)
    assert hama[0].place.feature_code == "ADM1" and hama[0].place.admin1 == "Hama"
    syrian = explain_place("Syrian", tiny_gazetteer)
    assert [c.place.country for c in syrian] == ["SY"]


@pytest.mark.parametrize("query", ["", "   ", "إدلب", "x" * 500, "Nowhereville"])
def test_explain_place_odd_queries_give_nothing(tiny_gazetteer: Gazetteer, query: str) -> None:
    assert explain_place(query, tiny_gazetteer) == []


def test_explain_place_limit(tiny_gazetteer: Gazetteer) -> None:
    assert len(explain_place("Aleppo", tiny_gazetteer, limit=1)) == 1
    assert explain_place("Aleppo", tiny_gazetteer, limit=0) == []
