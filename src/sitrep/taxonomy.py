"""ACLED's event taxonomy: 6 event types and 25 sub-event types (actor types: ``types``).

>>> EVENT_TYPE_OF["Air/drone strike"]
'Explosions/Remote violence'
>>> len(SUB_EVENT_TYPES), len(set(EVENT_TYPE_OF.values()))
(25, 6)
"""

from __future__ import annotations

from collections.abc import Mapping

from sitrep.types import ARMED_ACTOR_TYPES

__all__ = [
    "DEMONSTRATOR_TYPES",
    "EVENT_TYPES",
    "EVENT_TYPE_OF",
    "NOT_AN_EVENT",
    "SUB_EVENT_TYPES",
    "TERRITORY_TYPES",
    "VIOLENT_EVENT_TYPES",
    "fits_actors",
]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
EVENT_TYPES = (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, STRATEGIC)

# The classifier's label for a sentence that reports no new event (a statement, a plan,
# a disaster, background): not an ACLED type.
NOT_AN_EVENT = "None"

EVENT_TYPE_OF: Mapping[str, str] = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Chemical weapon": EXPLOSIONS,
    "Air/drone strike": EXPLOSIONS,
    "Suicide bomb": EXPLOSIONS,
    "Shelling/artillery/missile attack": EXPLOSIONS,
    "Remote explosive/landmine/IED": EXPLOSIONS,
    "Grenade": EXPLOSIONS,
    "Sexual violence": VAC,
    "Attack": VAC,
    "Abduction/forced disappearance": VAC,
    "Peaceful protest": PROTESTS,
    "Protest with intervention": PROTESTS,
    "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS,
    "Mob violence": RIOTS,
    "Agreement": STRATEGIC,
    "Arrests": STRATEGIC,
    "Change to group/activity": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Headquarters or base established": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Non-violent transfer of territory": STRATEGIC,
    "Other": STRATEGIC,
}
SUB_EVENT_TYPES = tuple(EVENT_TYPE_OF)

# The event types of political violence (not protests, riots or strategic developments).
VIOLENT_EVENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VAC})
# The two sub-event types of ground changing hands (who takes it decides which).
TERRITORY_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


# Who may take part in an event of each type, as ACLED's codebook defines the types
# (actor types as in ``types.ACTOR_TYPES``).  Only the categorical rules are written:
# a protest is held by protesters, whom only state forces (police) may meet with force;
# a riot's rioters are no army or armed group; violence against civilians is done to
# unarmed people; an arrest is made by an armed authority, not by civilians; a battle
# is fought by organised armed groups, never by protesters or rioters.
_PROTEST_SIDES = frozenset({"protesters", "state forces"})
_NOT_RIOTERS = ARMED_ACTOR_TYPES - {"identity militia"}
_UNARMED_ARRESTERS = frozenset({"civilians", "protesters", "rioters"})
DEMONSTRATOR_TYPES = frozenset({"protesters", "rioters"})


def fits_actors(sub_event_type: str, actor1_type: str | None, actor2_type: str | None) -> bool:
    """Whether the known actor types can take part in an event of ``sub_event_type``
    (an unknown actor fits anything).

    >>> fits_actors("Excessive force against protesters", "rebel group", "civilians")
    False
    >>> fits_actors("Excessive force against protesters", "state forces", None)
    True
    >>> fits_actors("Attack", "rebel group", "civilians")
    True
    """
    event_type = EVENT_TYPE_OF.get(sub_event_type)
    known = [t for t in (actor1_type, actor2_type) if t]
    if event_type == PROTESTS:
        return all(t in _PROTEST_SIDES for t in known)
    if event_type == RIOTS:
        return actor1_type not in _NOT_RIOTERS
    if event_type == VAC:
        return actor2_type not in ARMED_ACTOR_TYPES
    if sub_event_type == "Arrests":
        return actor1_type not in _UNARMED_ARRESTERS
    if event_type == BATTLES:
        # a battle is fought by organised armed groups: demonstrators who fight police
        # riot (ACLED's definitions)
        return not any(t in DEMONSTRATOR_TYPES for t in known)
    return True
