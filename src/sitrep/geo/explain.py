"""The analyst's view of a place name: every candidate, its score and why.

    >>> [(c.place.country, c.place.feature_code, c.score) for c in
    ...  explain_place("Paris", gazetteer, country="US", limit=2)]
    [('US', 'PPL', 5.1), ('FR', 'PPLC', 4.9)]

``sitrep places QUERY [--country CC]`` prints this.  The scores are those ``resolve``
gives a mention of the name in a document about ``country`` (or about nothing in
particular), before the evidence of the other places in a text.
"""

from __future__ import annotations

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import rank_candidates
from sitrep.types import PlaceCandidate

__all__ = ["explain_place"]


def explain_place(
    query: str, gazetteer: Gazetteer, *, country: str | None = None, limit: int = 10
) -> list[PlaceCandidate]:
    """Candidates for ``query``, best first, at most ``limit``; [] for an odd name.

    ``country`` is an ISO 3166-1 alpha-2 code: the candidates are ranked as in a
    document about that country.
    """
    return [
        PlaceCandidate(place=ranked.place, score=ranked.score, reasons=ranked.reasons)
        for ranked in rank_candidates(query, gazetteer, country=country, limit=limit)
    ]
