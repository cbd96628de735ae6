"""Word tables for ``numbers``: who is counted, what happened to them, what to ignore.

Kept apart from the rules so that a reader can check (and extend) the vocabulary in one
place.  Keys are lower-case lemmas or word forms; spaCy's small model lemmatises plural
nouns ("civilians" -> "civilian") and verb forms ("fled" -> "flee").

Categories (who): ``civilians``, ``children`` and ``women`` (both subsets of civilians:
"12 civilians, including five children" counts the children twice if summed),
``people`` (no combatant status given: people, residents, villagers, Syrians),
``militants`` (rebels, insurgents, fighters, jihadists), ``government forces``
(soldiers, troops, police, "pro-regime forces"), and ``places`` for counted places
(villages, towns, positions).  Units (what is counted): ``people``, ``families``,
``households``, or the place noun itself (``villages``, ``towns``...).
"""

from __future__ import annotations

__all__ = [
    "AGGREGATE_HEADS",
    "AMBIGUOUS_GROUPS",
    "CATEGORY_NOUNS",
    "DISPLACING_VERBS",
    "GOVERNMENT_MARKERS",
    "HOUSING_OUTCOMES",
    "HOUSING_UNITS",
    "LEFT_PLACES",
    "MILITANT_MARKERS",
    "OUTCOME_ADJECTIVES",
    "OUTCOME_NOUNS",
    "OUTCOME_VERBS",
    "PLACE_UNITS",
    "QUALIFIERS",
    "REFUGE_MARKERS",
    "REFUGE_PLACES",
    "REFUGE_SITES",
    "SKIP_AFTER",
    "TOLL_NOUNS",
    "TOLL_VERBS",
    "UNIT_NOUNS",
]

CATEGORY_NOUNS: dict[str, str] = {
    # civilians
    "civilian": "civilians",
    "noncombatant": "civilians",
    "non-combatant": "civilians",
    "worker": "civilians",
    "journalist": "civilians",
    "reporter": "civilians",
    "doctor": "civilians",
    "medic": "civilians",
    "paramedic": "civilians",
    "nurse": "civilians",
    "teacher": "civilians",
    "student": "civilians",
    "worshipper": "civilians",
    "worshiper": "civilians",
    "shopper": "civilians",
    "passenger": "civilians",
    "farmer": "civilians",
    "patient": "civilians",
    "volunteer": "civilians",
    "rescuer": "civilians",
    "pilgrim": "civilians",
    "refugee": "civilians",
    # children and women
    "child": "children",
    "children": "children",
    "kid": "children",
    "minor": "children",
    "boy": "children",
    "girl": "children",
    "baby": "children",
    "infant": "children",
    "toddler": "children",
    "schoolchild": "children",
    "schoolchildren": "children",
    "schoolboy": "children",
    "schoolgirl": "children",
    "woman": "women",
    "women": "women",
    # militants
    "militant": "militants",
    "rebel": "militants",
    "insurgent": "militants",
    "jihadist": "militants",
    "jihadi": "militants",
    "gunman": "militants",
    "gunmen": "militants",
    "terrorist": "militants",
    "extremist": "militants",
    "mercenary": "militants",
    "guerrilla": "militants",
    "guerilla": "militants",
    "islamist": "militants",
    "attacker": "militants",
    "assailant": "militants",
    "militiaman": "militants",
    "militiamen": "militants",
    "combatant": "militants",
    # government forces
    "soldier": "government forces",
    "troop": "government forces",
    "trooper": "government forces",
    "policeman": "government forces",
    "policemen": "government forces",
    "police": "government forces",
    "policeofficer": "government forces",
    "officer": "government forces",
    "guard": "government forces",
    "serviceman": "government forces",
    "servicemen": "government forces",
    "conscript": "government forces",
    "recruit": "government forces",
    "paratrooper": "government forces",
    "marine": "government forces",
    "gendarme": "government forces",
    "commando": "government forces",
    "personnel": "government forces",
    "loyalist": "government forces",
    # people
    "people": "people",
    "person": "people",
    "resident": "people",
    "villager": "people",
    "individual": "people",
    "inhabitant": "people",
    "man": "people",
    "men": "people",
    "other": "people",
    "victim": "people",
    "casualty": "people",
    "dead": "people",
    "body": "people",
    "corpse": "people",
    "death": "people",
    "fatality": "people",
    "wounded": "people",
    "injured": "people",
    "injury": "people",
    "hostage": "people",
    "detainee": "people",
    "prisoner": "people",
    "captive": "people",
    "evacuee": "people",
    "idp": "people",
    "protester": "people",
    "protestor": "people",
    "demonstrator": "people",
    "rioter": "people",
    "looter": "people",
    "family": "people",
    "household": "people",
}

# "fighters", "forces", "members": whose side depends on the words around them.
AMBIGUOUS_GROUPS: dict[str, str] = {
    "fighter": "militants",
    "force": "government forces",
    "forces": "government forces",
    "member": "militants",
    "militia": "militants",
    "militias": "militants",
}
GOVERNMENT_MARKERS: frozenset[str] = frozenset(
    {
        "government",
        "regime",
        "pro-regime",
        "pro-government",
        "security",
        "army",
        "military",
        "loyalist",
        "state",
        "police",
        "army-backed",
        "national",
        "republican",
        "syrian",
        "iraqi",
        "afghan",
        "government-backed",
        "regime-backed",
    }
)
MILITANT_MARKERS: frozenset[str] = frozenset(
    {
        "rebel",
        "rebels",
        "opposition",
        "jihadist",
        "jihadi",
        "islamist",
        "is",
        "isis",
        "isil",
        "daesh",
        "nusra",
        "al-nusra",
        "qaeda",
        "al-qaeda",
        "insurgent",
        "militant",
        "extremist",
        "terrorist",
        "armed",
        "taliban",
        "kurdish",
        "ypg",
        "sdf",
        "hezbollah",
        "hts",
        "anti-government",
        "anti-regime",
    }
)

# Counted things that are not persons.
PLACE_UNITS: frozenset[str] = frozenset(
    {
        "village",
        "town",
        "city",
        "area",
        "position",
        "checkpoint",
        "neighbourhood",
        "neighborhood",
        "district",
        "hill",
        "base",
        "settlement",
        "hamlet",
        "locality",
        "outpost",
        "post",
    }
)
# Dwellings: counted when destroyed or damaged (IDMC's "destroyed housing" and
# "partially destroyed housing" figures, each a household displaced).
HOUSING_UNITS: frozenset[str] = frozenset(
    {"house", "home", "dwelling", "hut", "shelter", "shack", "apartment", "residence"}
)
HOUSING_OUTCOMES: dict[str, str] = {
    "destroy": "destroyed",
    "raze": "destroyed",
    "flatten": "destroyed",
    "demolish": "destroyed",
    "level": "destroyed",
    "wash": "destroyed",  # "washed away"
    "sweep": "destroyed",  # "swept away"
    "burn": "destroyed",
    "torch": "destroyed",
    "collapse": "destroyed",
    "damage": "damaged",
}
UNIT_NOUNS: dict[str, str] = {"family": "families", "household": "households"}
# "a total of 77 houses collapsed", "a final figure of 116 homes have been destroyed": the
# verb agrees with the total, and the total stands for what it counts.
AGGREGATE_HEADS: frozenset[str] = frozenset({"total", "figure", "number", "tally", "count"})
# "forced from their homes", "driven out of their villages", "forced into shelters",
# "accommodated at evacuation centres": a verb that moves people, and a place they left
# (after "from", "out of") or a refuge they went to (after "into", "to", "in", "at").
DISPLACING_VERBS: frozenset[str] = frozenset(
    {"force", "drive", "chase", "push", "move", "accommodate", "house", "place", "take"}
)
LEFT_PLACES: frozenset[str] = frozenset(
    {"home", "house", "village", "town", "land", "neighbourhood", "neighborhood"}
)
REFUGE_PLACES: frozenset[str] = frozenset({"shelter", "tent"})
# A camp or centre is a refuge only when its modifier says so ("a health centre" is not).
REFUGE_SITES: frozenset[str] = frozenset({"camp", "centre", "center", "site"})
REFUGE_MARKERS: frozenset[str] = frozenset(
    {
        "evacuation",
        "relief",
        "displacement",
        "idp",
        "refugee",
        "transit",
        "reception",
        "temporary",
        "emergency",
        "collective",
    }
)

OUTCOME_VERBS: dict[str, str] = {
    "kill": "killed",
    "die": "killed",
    "perish": "killed",
    "execute": "killed",
    "behead": "killed",
    "massacre": "killed",
    "slaughter": "killed",
    "murder": "killed",
    "assassinate": "killed",
    "martyr": "killed",
    "slay": "killed",
    "lynch": "killed",
    "wound": "injured",
    "injure": "injured",
    "hurt": "injured",
    "maim": "injured",
    "flee": "displaced",
    "displace": "displaced",
    "evacuate": "displaced",
    "relocate": "displaced",
    "shelter": "displaced",  # "800 people were sheltered in schools"
    "uproot": "displaced",
    "return": "displaced",
    "kidnap": "kidnapped",
    "abduct": "kidnapped",
    "arrest": "arrested",
    "detain": "arrested",
    "jail": "arrested",
    "imprison": "arrested",
    "capture": "captured",
    "seize": "captured",
    "overrun": "captured",
    "retake": "captured",
    "recapture": "captured",
    "storm": "captured",
}
OUTCOME_NOUNS: dict[str, str] = {
    "death": "killed",
    "fatality": "killed",
    "body": "killed",
    "corpse": "killed",
    "dead": "killed",
    "killing": "killed",
    "martyr": "killed",
    "life": "killed",  # "claimed the lives of 12", "lost their lives"
    "injury": "injured",
    "wounded": "injured",
    "injured": "injured",
    "refugee": "displaced",
    "evacuee": "displaced",
    "evacuation": "displaced",  # "forced the evacuation of 2,000 residents"
    "relocation": "displaced",
    "idp": "displaced",
    "displaced": "displaced",
    "hostage": "kidnapped",
    "abductee": "kidnapped",
    "detainee": "arrested",
    "arrest": "arrested",
    "missing": "missing",
    "homeless": "displaced",
}
OUTCOME_ADJECTIVES: dict[str, str] = {
    "dead": "killed",
    "killed": "killed",
    "wounded": "injured",
    "injured": "injured",
    "hurt": "injured",
    "missing": "missing",
    "homeless": "displaced",
    "displaced": "displaced",
    "evacuated": "displaced",  # "23,000 affected and 2,536 relocated"
    "relocated": "displaced",
    "uprooted": "displaced",
    "sheltered": "displaced",
}
# "the death toll rose to 43", "put the toll at 70"
TOLL_NOUNS: frozenset[str] = frozenset({"toll", "tally"})
TOLL_VERBS: frozenset[str] = frozenset(
    {"rise", "reach", "climb", "stand", "hit", "jump", "increase", "mount", "soar", "put", "be"}
)

QUALIFIERS: tuple[str, ...] = (
    "no fewer than",
    "no less than",
    "a little more than",
    "as many as",
    "as much as",
    "at least",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "close to",
    "upwards of",
    "in excess of",
    "well over",
    "just over",
    "just under",
    "an estimated",
    "at most",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "roughly",
    "approximately",
    "estimated",
    "under",
)

# Words right after a number that make it something other than a count of people.
SKIP_AFTER: frozenset[str] = frozenset(
    {
        "%",
        "percent",
        "per",
        "km",
        "kilometres",
        "kilometers",
        "kilometre",
        "kilometer",
        "miles",
        "mile",
        "metres",
        "meters",
        "metre",
        "meter",
        "m",
        "kg",
        "kilograms",
        "tons",
        "tonnes",
        "litres",
        "liters",
        "feet",
        "foot",
        "inches",
        "acres",
        "hectares",
        "degrees",
        "mm",
        "dollars",
        "pounds",
        "euros",
        "lira",
        "liras",
        "usd",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "o'clock",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "seconds",
        "decades",
        "times",
        "year-old",
        "years-old",
        "-year-old",
    }
)
