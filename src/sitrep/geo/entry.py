"""The unit every gazetteer source yields: a place and the names it is found by."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.types import Place

__all__ = ["IndexEntry"]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One place and the names it is found by.

    ``place.name`` and ``aliases`` are primary names; ``names`` are GeoNames' alternate
    names, which rank a little lower when a lookup finds several places.
    """

    place: Place
    names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
