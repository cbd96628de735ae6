from __future__ import annotations

import re

import pytest

from sitrep.ingest.ids import article_id, normalise_text

BASE = "Seven people were killed in Northtown on Thursday."


@pytest.mark.parametrize(
    "variant",
    [
        BASE,
        "  " + BASE + "\n",
        BASE.upper(),
        "Seven  people were\nkilled in\tNorthtown on Thursday.",
        "Seven\u00a0people were killed in Northtown on Thursday.",  # no-break space
        "Ｓeven people were killed in Northtown on Thursday.",  # fullwidth S (NFKC)
    ],
)
def test_ids_stable_under_whitespace_case_and_unicode_form(variant: str) -> None:
    assert article_id(variant) == article_id(BASE)


@pytest.mark.parametrize(
    "other",
    ["Eight people were killed in Northtown on Thursday.", "Seven people were killed."],
)
def test_ids_differ_for_different_text(other: str) -> None:
    assert article_id(other) != article_id(BASE)


@pytest.mark.parametrize("text", [BASE, "", "ﬁve"])
def test_ids_are_16_hex_chars(text: str) -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Aleppo\n\nIDLIB  ", "aleppo idlib"),
        ("Straße", "strasse"),
        ("ﬁve\u2003killed", "five killed"),
    ],
)
def test_ids_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected
