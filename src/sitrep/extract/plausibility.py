"""Figures no report could mean: a count of people above the population of the country
it happened in.

Digits that are dates or identifiers ("2019-03-12", "0300-1234567") and counts above the
world's population are already dropped when figures are read (``numbers.py``); this check
needs the place, which is known only once a report or a displacement figure is located.

    >>> from sitrep.types import Quantity, Span
    >>> q = Quantity(Span(0, 9, "23,000,000"), 23_000_000, 23_000_000, 23_000_000,
    ...              "people", "soldiers", "killed")
    >>> plausible_count(q, "SY"), plausible_count(q, "CN"), plausible_count(q, None)
    (False, True, True)
"""

from __future__ import annotations

from sitrep.countries import country_population
from sitrep.types import Quantity

__all__ = ["plausible_count"]


def plausible_count(quantity: Quantity, country: str | None, *, persons: int | None = None) -> bool:
    """False when the figure (or ``persons``, the households' estimate in people) exceeds
    the population of ``country``; True when the country or its population is unknown."""
    population = country_population(country)
    if population is None:
        return True
    figures = (quantity.value, quantity.low, quantity.high, persons)
    return max((v for v in figures if v is not None), default=0) <= population
