from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.publisher import PUBLISHER_WEIGHT, publisher_country, publisher_focus
from sitrep.geo.resolve import resolve
from sitrep.types import Span, ToponymKind


@pytest.mark.parametrize(
    ("address", "country"),
    [
        ("https://www.cbc.ca/news/canada/london/story-1.123", "CA"),
        ("www.thesun.co.uk", "GB"),
        ("http://www.smh.com.au/national/a.html", "AU"),
        ("HTTPS://WWW.IRISHTIMES.IE/news", "IE"),
        ("https://www.reuters.com/world", None),
        ("https://example.org", None),
        ("https://news.example.tv/a", None),  # a vanity code, not Tuvalu
        ("CBC News", None),  # a feed's title, not an address
        ("localhost", None),
        ("", None),
        (None, None),
        ("http://[::1", None),  # not a URL at all
    ],
)
def test_publisher_country_from_the_domain(address: str | None, country: str | None) -> None:
    assert publisher_country(address) == country


def test_publisher_focus_is_a_small_weight() -> None:
    assert publisher_focus("https://www.cbc.ca/x") == {"CA": PUBLISHER_WEIGHT}
    assert publisher_focus("https://www.cnn.com/x") == {}


def test_publisher_tips_an_ambiguous_name(full_gazetteer: Gazetteer) -> None:
    text = "Two men were hurt in a fight in Richmond on Saturday night."
    start = text.index("Richmond")
    mention = [(Span(start, start + 8, "Richmond"), ToponymKind.LITERAL)]
    fuzzy = 85.0
    plain = resolve(mention, full_gazetteer, text=text, fuzzy_min_score=fuzzy)[0]
    canadian = resolve(
        mention,
        full_gazetteer,
        text=text,
        fuzzy_min_score=fuzzy,
        publisher="https://www.cbc.ca/news/canada/british-columbia/fight-1.4",
    )[0]
    assert plain.place is not None and plain.place.country == "US"
    assert canadian.place is not None and canadian.place.country == "CA"
    assert "country focus CA" in canadian.reason
