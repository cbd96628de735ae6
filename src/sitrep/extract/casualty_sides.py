"""Whose dead: a report's killed figures given to actor1's side, actor2's side or the
civilians.

The figures of a sentence say who died by category ("43 civilians, 57 militants and 46
pro-regime forces"); the report's actors say who fought.  A category goes to the actor it
describes: government forces to the side that is state forces, militants to the side
that is a non-state armed group, civilians (and children, women) to the civilians.  A
figure no side fits ("12 people"; militants when both sides are state forces) stays
with no side, so nothing is guessed::

    Military Forces of Syria vs Hayat Tahrir al-Sham; 46 government forces, 57 militants,
    43 civilians killed
    -> Military Forces of Syria 46, Hayat Tahrir al-Sham 57, civilians 43
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.types import ActorRole, Quantity, Report

CIVILIANS = "civilians"
_STATE = "state forces"
_ARMED_NON_STATE = frozenset(
    {"rebel group", "political militia", "identity militia", "external/other forces"}
)
_STATE_CATEGORIES = frozenset({"government forces", "soldiers", "police"})
_MILITANT_CATEGORIES = frozenset({"militants", "rebels"})
_CIVILIAN_CATEGORIES = frozenset({"civilians", "children", "women"})


@dataclass(frozen=True, slots=True)
class SideToll:
    """Killed on one side of a report: ``side`` is an actor's name or "civilians"."""

    side: str
    category: str  # the figure's own category ("government forces", "children" ...)
    killed: int | None  # None: a number of unknown size ("dozens")


def killed_by_side(report: Report) -> tuple[SideToll, ...]:
    """The report's killed figures with the side each belongs to; breakdowns ("including
    five children") are left out, their figure already counts them."""
    tolls: list[SideToll] = []
    for quantity in report.killed:
        if quantity.part_of_previous:
            continue
        side = _side_of(quantity, report.actor1, report.actor2)
        if side is not None:
            tolls.append(SideToll(side, quantity.category, quantity.value))
    return tuple(tolls)


def _side_of(quantity: Quantity, actor1: ActorRole | None, actor2: ActorRole | None) -> str | None:
    category = quantity.category.strip().casefold()
    if category in _CIVILIAN_CATEGORIES:
        return CIVILIANS
    actors: Sequence[ActorRole] = [a for a in (actor1, actor2) if a is not None]
    if category in _STATE_CATEGORIES:
        wanted = [a for a in actors if a.actor_type == _STATE]
    elif category in _MILITANT_CATEGORIES:
        wanted = [a for a in actors if a.actor_type in _ARMED_NON_STATE]
    else:
        return None
    # Exactly one actor fits, or the figure could be either side's.
    return wanted[0].name if len(wanted) == 1 else None
