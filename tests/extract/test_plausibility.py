"""Counts of people against the population of the country they happened in."""

from __future__ import annotations

import pytest

from sitrep.extract.plausibility import plausible_count
from sitrep.types import Quantity, Span


def _killed(value: int) -> Quantity:
    return Quantity(Span(0, 1, str(value)), value, value, value, "people", "people", "killed")


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("value", "country", "plausible"),
    [
        (43, "SY", True),
        (23_000_000, "SY", False),  # above Syria's population
        (23_000_000, "CN", True),
        (23_000_000, None, True),  # unknown country: nothing to check against
        (23_000_000, "XX", True),
    ],
)
def test_plausibility_counts_against_population(value, country, plausible):
    assert plausible_count(_killed(value), country) is plausible


@pytest.mark.issue(11)
def test_plausibility_households_estimate_counts():
    families = Quantity(
        Span(0, 1, "5,000,000"), 5_000_000, 5_000_000, 5_000_000, "families", "people", "displaced"
    )
    assert plausible_count(families, "SY")
    assert not plausible_count(families, "SY", persons=25_000_000)
