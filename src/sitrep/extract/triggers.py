"""Event triggers: words that signal an event, mapped to ACLED's event and sub-event types.

``TRIGGERS`` is the lexicon, most specific first.  Two sub-event types are decided later
from the actors, because the words alone do not say:

- ``ATTACK`` ("attacked", "killed", "raid"): *Attack* on civilians (Violence against
  civilians) when the target is civilians, else an *Armed clash* (Battles);
- ``CAPTURE`` ("captured", "retook"): *Government regains territory* when state forces take
  it, else *Non-state actor overtakes territory*;
- ``PROTEST``: *Peaceful protest*, *Protest with intervention* (tear gas, dispersed,
  arrests) or *Excessive force against protesters* (live fire, protesters killed).

    >>> [t.sub_event_type for t in find_triggers("Russian air strikes hit the town.")]
    ['Air/drone strike']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.taxonomy import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC

__all__ = [
    "ATTACK",
    "BATTLES",
    "CAPTURE",
    "PROTEST",
    "TRIGGERS",
    "VAC",
    "Trigger",
    "TriggerMatch",
    "find_triggers",
]

ATTACK = "@attack"
CAPTURE = "@capture"
PROTEST = "@protest"


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str  # an ACLED sub-event type, or ATTACK / CAPTURE / PROTEST
    weapon: str = ""
    specific: bool = True  # False for words that often only describe another trigger's outcome
    learned: bool = False  # True for the typer's own trigger (a sentence with no trigger word)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    start: int
    end: int
    text: str


def _t(
    words: str, event_type: str, sub_event_type: str, weapon: str = "", *, specific: bool = True
) -> Trigger:
    return Trigger(
        re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE),
        event_type,
        sub_event_type,
        weapon,
        specific,
    )


# What a disrupted weapons use seizes or finds.
_ARMS = (
    r"weapons|arms|ammunitions?|ammo|firearms|pistols|rifles|guns|bullets|explosives|"
    r"grenades|projectiles|landmines|detonators|rocket launchers"
)

TRIGGERS: tuple[Trigger, ...] = (
    _t(
        r"chemical (?:weapons? )?attacks?|chemical weapons?|sarin|chlorine(?: gas)?|nerve gas|"
        r"nerve agents?|mustard gas|poison gas|toxic gas attacks?",
        EXPLOSIONS,
        "Chemical weapon",
        "chemical weapon",
    ),
    _t(
        r"suicide (?:bomb(?:er|ers|ing|ings)?|attacks?|car bombs?|vests?|blasts?)|"
        r"blew (?:himself|herself|themselves) up",
        EXPLOSIONS,
        "Suicide bomb",
        "suicide bomb",
    ),
    _t(
        r"air ?strikes?|airstrikes?|air ?raids?|aerial (?:bombardment|attacks?)|"
        r"drone (?:strikes?|attacks?)|carpet[- ]bomb(?:ing|ed)|barrel bombs?|"
        r"(?:warplanes?|war planes?|jets?|fighter jets?|aircraft|helicopters?|gunships?|bombers?)"
        r" (?:struck|strikes?|bombed|bombs?|hit|hits|pounded|pounds|targeted|targets|"
        r"raided|shelled)|bombing raids?|"
        # strikes an armed state or coalition makes, or strikes that kill: air strikes
        # (a labour strike neither kills nor is "US-led")
        r"(?:US-led|coalition|Russian|Israeli|Saudi-led|Turkish|American|regime|"
        r"government|pro-government|allied|NATO) strikes?|"
        r"strikes (?:killed|kill|kills|hit|hits|pounded|targeted|struck|destroyed)",
        EXPLOSIONS,
        "Air/drone strike",
        "air strike",
    ),
    _t(
        r"shell(?:ed|ing)|artillery (?:fire|strikes?|shells?|barrages?|attacks?|shelling)|"
        r"mortar (?:fire|shells?|rounds?|attacks?|bombs?)|mortars (?:hit|struck|landed)|"
        r"rocket (?:fire|attacks?|strikes?)|rockets (?:hit|struck|landed|fired)|"
        r"fired (?:rockets|missiles|mortars|shells)|missile (?:attacks?|strikes?)|"
        r"(?:mortars|rockets|shells|missiles|artillery)(?:[\s,]+[\w'’-]+){0,6}?[\s,]+"
        r"(?:were|was|have been|had been|being)\s+(?:\w+ly\s+)?(?:fired|launched|lobbed)|"
        r"ballistic missiles?|cruise missiles?",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        "artillery",
    ),
    _t(
        r"car bombs?|roadside bombs?|IEDs?|improvised explosive devices?|explosive devices?|"
        r"land ?mines?|bomb (?:blasts?|explosions?|attacks?)|booby[- ]traps?|"
        r"bomb exploded|bomb went off|explosions?|blasts?|detonated|bombings?|bombs?|"
        r"bl(?:ew|own|owing|ows?) up|dynamited",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        "explosive",
    ),
    _t(r"grenades?", EXPLOSIONS, "Grenade", "grenade"),
    _t(
        r"kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s)?|taken hostage|took hostage|"
        r"forced disappearances?|went missing after being seized",
        VAC,
        "Abduction/forced disappearance",
    ),
    _t(r"rap(?:ed|es)|sexual(?:ly)? (?:violence|assault(?:ed)?|abuse)", VAC, "Sexual violence"),
    # Arms seized or found (before the capture words: "17,000 bullets were captured" is
    # no ground taken). Only the verb is the trigger; the arms are looked ahead for.
    _t(
        rf"(?:seiz(?:ed|es|ing|ure)|confiscat(?:ed|es|ing|ion)|discover(?:ed|ies|y)?|"
        rf"uncover(?:ed|ing)?|unearth(?:ed|ing)?|recover(?:ed|ing|y)?|found|intercept(?:ed|ing)?)"
        rf"(?=(?:\s+[\w,'’-]+){{0,6}}?\s+(?:{_ARMS}))|"
        rf"(?:{_ARMS})(?:\s+[\w,'’-]+){{0,4}}?\s+(?:were|was|have been|had been|being)\s+"
        rf"(?:seized|confiscated|captured|found|discovered|recovered|uncovered|intercepted)|"
        rf"(?:stash|stockpile)s? of (?:{_ARMS})",
        STRATEGIC,
        "Disrupted weapons use",
    ),
    _t(
        r"(?:re)?captur(?:e|ed|es|ing)|retook|retake|retaken|overr(?:a|u)n|"
        r"(?:seiz(?:e|ed|es|ing)|took|taken|tak(?:e|es|ing)|gain(?:ed)?|regain(?:ed)?|"
        r"wrest(?:ed)?) control|liberat(?:e|ed|ion)|fell to|stormed",
        BATTLES,
        CAPTURE,
    ),
    _t(
        r"massacre[sd]?|executed|executions?|beheaded|beheadings?|shot dead|gunned down|"
        r"murder(?:ed|s)?|assassinat(?:ed|ion)|lynched|summarily killed",
        VAC,
        "Attack",
        "",
    ),
    _t(
        r"clash(?:ed|es)?|fighting|fought|gun ?battles?|firefights?|exchanged fire|"
        r"exchanges? of fire|ambush(?:ed|es)?|skirmish(?:es)?|heavy battles?|battled",
        BATTLES,
        "Armed clash",
    ),
    _t(
        r"attack(?:ed|s|ing)?|assault(?:ed|s)?|raid(?:ed|s)?|opened fire|shot|shooting|"
        r"gunfire|gunmen killed|stabb(?:ed|ing)",
        BATTLES,
        ATTACK,
        specific=False,
    ),
    _t(r"kill(?:ed|ing|s)?|dead|died|deaths?", BATTLES, ATTACK, specific=False),
    _t(
        # "riot police", "riot gear", "anti-riot units" equip a force; they report no riot
        r"riot(?:s|ed|ing|ers)?(?!\s+(?:police|policemen|officers|gear|squads?|units?|"
        r"control|troops|shields?|forces?|act))|violent (?:protests?|demonstrations?)",
        RIOTS,
        "Violent demonstration",
    ),
    _t(r"mob (?:attack(?:ed|s)?|violence|lynching)|mobs", RIOTS, "Mob violence"),
    _t(
        r"protest(?:ed|ers|ors|s|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|"
        r"marched|sit-ins?|took to the streets",
        PROTESTS,
        PROTEST,
    ),
    _t(r"arrest(?:ed|s)?|detain(?:ed|s)?|rounded up", STRATEGIC, "Arrests"),
    _t(
        r"cease-?fire|truce|peace (?:deal|agreement|accord|talks)|signed an? (?:deal|agreement)|"
        r"prisoner (?:swap|exchange)|agreed to (?:withdraw|release|exchange)|"
        r"surrender(?:ed|s|ing)?|laid down (?:their|his|its) (?:arms|weapons)|"
        r"(?:reached|struck|brokered) an? (?:deal|agreement|accord)|"
        r"(?:evacuation|exchange|surrender) (?:deal|agreement)|(?:indirect|direct) talks",
        STRATEGIC,
        "Agreement",
    ),
    _t(
        r"loot(?:ed|ing)|torch(?:ed|ing)|set (?:on )?fire|burn(?:ed|t) down|ransack(?:ed|ing)|"
        r"destroyed (?:homes|houses|property|shops)",
        STRATEGIC,
        "Looting/property destruction",
    ),
    _t(
        r"defus(?:ed|ing)|dismantled (?:an? )?(?:bomb|IED|explosive device)|"
        r"(?:weapons|arms|ammunition) (?:cache|depot)s?|seized (?:weapons|arms|explosives)",
        STRATEGIC,
        "Disrupted weapons use",
    ),
    _t(
        r"withdr(?:ew|awn)|pulled out of|handed over control|retreat(?:ed)? from",
        STRATEGIC,
        "Non-violent transfer of territory",
    ),
)


def find_triggers(text: str) -> list[TriggerMatch]:
    """All trigger matches in ``text``, earlier lexicon rows winning on overlap."""
    taken: list[tuple[int, int]] = []
    matches: list[TriggerMatch] = []
    for trigger in TRIGGERS:
        for found in trigger.pattern.finditer(text):
            start, end = found.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            matches.append(TriggerMatch(trigger, start, end, found.group(0)))
    matches.sort(key=lambda m: m.start)
    return matches
