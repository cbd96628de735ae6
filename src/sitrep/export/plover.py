"""Events as PLOVER records (Open Event Data Alliance), one JSON object per line.

    >>> import io
    >>> write_plover([], io.StringIO())
    0

PLOVER's manual (github.com/openeventdata/PLOVER, "JSON Data Fields") names the fields:
``id``, ``date``/``enddate``, ``source`` and ``recipient`` (lists of actor objects with
``code``, ``sector``, ``actor_text``, ``identifier_text``), ``event`` (a list of
categories), ``mode``, ``context``, ``event_loc`` (a GeoNames-shaped location object),
``quad_code``, ``event_scale`` (the manual's "Schrodt score"), ``event_text``,
``cite_info`` and the size fields ``dead``/``injured``.  It suggests newline-delimited
JSON, which is what this writes.

ACLED's 25 sub-event types map to PLOVER by ``CROSSWALK`` below, a table rather than
rules so it can be read and argued with (docs/export.md lists it).  Two sub-types have
no PLOVER category ("Change to group/activity", "Other"); their events are left out and
counted by ``plover_records``, as GeoJSON counts the events it cannot draw.  Following
the manual, two-sided violence (Battles) lists both actors as ``source``; one-sided
violence lists the perpetrator as source and the victims as recipient.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from sitrep import __version__
from sitrep.countries import country_iso3
from sitrep.export.fields import evidence_sentence
from sitrep.taxonomy import BATTLES
from sitrep.types import ActorRole, Event, PlaceMention

__all__ = [
    "CROSSWALK",
    "PloverCategory",
    "plover_record",
    "plover_records",
    "write_plover",
]


@dataclass(frozen=True, slots=True)
class PloverCategory:
    """Where one ACLED sub-event type lands in PLOVER."""

    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()


# ACLED sub-event type -> PLOVER category, mode and context (manual tables "ASSAULT
# modes", "PROTEST modes", "COERCE modes", "RETREAT modes", "MOBILIZE modes" and
# "General contexts").  A mode is given only where the sub-type fixes it: an "Armed
# clash" says nothing of the weapons, so its mode stays empty.
CROSSWALK: Mapping[str, PloverCategory | None] = {
    "Armed clash": PloverCategory("ASSAULT", None, ("military",)),
    "Government regains territory": PloverCategory("ASSAULT", None, ("military", "resource")),
    "Non-state actor overtakes territory": PloverCategory(
        "ASSAULT", None, ("military", "resource")
    ),
    "Chemical weapon": PloverCategory("ASSAULT", None, ("cbrn",)),
    "Air/drone strike": PloverCategory("ASSAULT", "heavy-weapons", ("military",)),
    "Suicide bomb": PloverCategory("ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": PloverCategory("ASSAULT", "heavy-weapons", ("military",)),
    "Remote explosive/landmine/IED": PloverCategory("ASSAULT", "explosives"),
    "Grenade": PloverCategory("ASSAULT", "explosives"),
    "Sexual violence": PloverCategory("ASSAULT", "sexual", ("crime_sexual",)),
    "Attack": PloverCategory("ASSAULT"),
    "Abduction/forced disappearance": PloverCategory("ASSAULT", "abduct"),
    "Peaceful protest": PloverCategory("PROTEST", "demo"),
    "Protest with intervention": PloverCategory("PROTEST", "demo"),
    "Excessive force against protesters": PloverCategory("ASSAULT"),
    "Violent demonstration": PloverCategory("PROTEST", "riot"),
    "Mob violence": PloverCategory("ASSAULT", "primitive"),
    "Agreement": PloverCategory("AGREE"),
    "Arrests": PloverCategory("COERCE", "arrest"),
    "Change to group/activity": None,
    "Disrupted weapons use": PloverCategory("COERCE", "confiscate", ("military",)),
    "Headquarters or base established": PloverCategory("MOBILIZE", "troops", ("military",)),
    "Looting/property destruction": PloverCategory("ASSAULT", "destroy"),
    "Non-violent transfer of territory": PloverCategory("RETREAT", "withdraw", ("resource",)),
    "Other": None,
}

# The manual's quad categories (1 verbal cooperation ... 4 material conflict) and its
# numeric conflict-cooperation scale for the categories the crosswalk reaches.
_QUAD = {"AGREE": 1, "RETREAT": 2, "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_SCALE = {
    "ASSAULT": -9.3,
    "COERCE": -7.2,
    "PROTEST": -6.6,
    "MOBILIZE": -5.3,
    "AGREE": 4.2,
    "RETREAT": 7.6,
}

# ACLED actor type -> PLOVER sector (manual table "Sector Primary Codes").
_SECTOR = {
    "state forces": "MIL",
    "rebel group": "REB",
    "political militia": "PRM",
    "identity militia": "PRM",
    "rioters": "CVL",
    "protesters": "OPP",
    "civilians": "CVL",
    "external/other forces": "MIL",
}
_POLICE = re.compile(r"\bpolice\b|\bgendarmer", re.IGNORECASE)
_IGO = re.compile(
    r"\b(United Nations|UN|AMISOM|ATMIS|MINUSMA|MONUSCO|UNIFIL|NATO|African Union|"
    r"European Union|ECOWAS|UNMISS|MINUSCA)\b"
)
_CODEBOOK = "PLOVER (openeventdata/PLOVER manual), from ACLED by sitrep's crosswalk"


def _actor(role: ActorRole) -> dict[str, Any]:
    """A PLOVER actor object: ISO alpha-3 (or IGO) code, sector, words and name."""
    if _IGO.search(role.name):
        code: str | None = "IGO"
    else:
        code = country_iso3(role.country)
    sector = _SECTOR.get(role.actor_type or "")
    if sector == "MIL" and _POLICE.search(role.name):
        sector = "COP"
    return {
        "code": code,
        "sector": sector,
        "actor_text": role.span.text if role.span is not None else None,
        "identifier_text": role.name,
        "acled_actor_type": role.actor_type,
    }


def _location(mention: PlaceMention | None) -> dict[str, Any] | None:
    """The manual's location object, which copies GeoNames' own field names."""
    if mention is None or mention.place is None:
        return None
    place = mention.place
    iso2 = place.country.upper() if place.country else None
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "feature class": place.feature_class,
        "feature code": place.feature_code,
        "country code": iso2,
        "cc3": country_iso3(place.country),
        "admin1_name": place.admin1,  # GeoNames' "admin1 code" is a code; this is the name
        "geo_precision": int(mention.geo_precision) if mention.geo_precision else None,
        "text": mention.span.text,
    }


def _sides(event: Event) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(source, recipient): both actors as source for two-sided fighting (Battles)."""
    actors = [a for a in (event.actor1, event.actor2) if a is not None]
    if event.event_type == BATTLES or len(actors) < 2:
        return [_actor(a) for a in actors], []
    return [_actor(actors[0])], [_actor(actors[1])]


def plover_record(event: Event) -> dict[str, Any] | None:
    """One event as a PLOVER record, or None when its sub-type has no PLOVER category."""
    category = CROSSWALK.get(event.sub_event_type)
    if category is None:
        return None
    source, recipient = _sides(event)
    sentence = evidence_sentence(event)
    first = event.reports[0] if event.reports else None
    context = list(category.context)
    if event.is_background:
        context.append("historical")
    return {
        "id": event.id,
        "has_event": True,
        "date": event.date_start.isoformat() if event.date_start else None,
        "enddate": (
            event.date_end.isoformat()
            if event.date_end and event.date_end != event.date_start
            else None
        ),
        "source": source,
        "recipient": recipient,
        "event": [category.event],
        "mode": [category.mode] if category.mode else [],
        "context": context,
        "event_loc": _location(event.place),
        "event_text": [" ".join(sentence.text.split())] if sentence is not None else [],
        "quad_code": _QUAD[category.event],
        "event_scale": _SCALE[category.event],
        "dead": event.fatalities_best,
        "dead_low": event.fatalities_low,
        "dead_high": event.fatalities_high,
        "injured": first.injured if first is not None else None,
        "cite_info": {
            "coder": f"sitrep {__version__}",
            "codebook": _CODEBOOK,
            "articles": sorted({r.article_id for r in event.reports}),
        },
        "acled_event_type": event.event_type,
        "acled_sub_event_type": event.sub_event_type,
        "time_precision": int(event.time_precision) if event.time_precision else None,
        "confidence": event.confidence,
    }


def plover_records(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    """The records of the events PLOVER has a category for, in order."""
    for event in events:
        record = plover_record(event)
        if record is not None:
            yield record


def write_plover(events: Iterable[Event], handle: TextIO) -> int:
    """Write one PLOVER record per line; returns the number written.

    ``ensure_ascii`` keeps U+2028/U+2029 escaped, so a reader that splits on every
    Unicode line break still sees one record per line.
    """
    written = 0
    for record in plover_records(events):
        handle.write(json.dumps(record, ensure_ascii=True, allow_nan=False) + "\n")
        written += 1
    return written
