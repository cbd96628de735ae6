"""Document labels a gold set asks for, derived from a prediction record's events.

The prediction shape carries ``labels.event_type`` and ``labels.sub_event_type`` (the
main event's).  Some gold sets label documents with keys of their own; where sitrep's
events say the same thing, the label is derived here, at scoring time, so a prediction
file written by ``sitrep process --output`` scores the same as one made by ``sitrep eval``:

* fakes ``governorate``: the admin1 of the main event's place, spelled as FA-KES does.
* fakes ``cause_of_death``: from the main event's sub-event type (air strikes and
  shelling are VDC's "shelling"; bombs "explosion"; chemical weapons; shooting).
* fakes ``actor``: from the main event's actor1 (name and type) into the seven VDC classes.
* indiapolice ``KILL`` / ``ARREST`` / ``FORCE`` / ``ANY_ACTION``: from the non-background
  events a state force (the police) acted in: as actor1, or as the actor2 of a
  demonstration (the force that met it), see ``_police_labels``.

Keys sitrep neither predicts nor can derive are listed in ``NOT_PREDICTED`` with the
reason; the report shows them as not applicable, never as a zero.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["NOT_PREDICTED", "derive_labels", "main_event"]

NOT_PREDICTED: Mapping[str, str] = {
    "case_label": "the CASE 2021 code itself; scored through sub_event_type instead",
    "credible": "FA-KES credibility of the report; sitrep does not judge credibility",
    "FAIL": "police failing to act; sitrep codes events, not inaction",
    "cause": "IDMC's disaster/conflict tag; sitrep extracts conflict events only",
}

# FA-KES writes governorates in lower case with its own transliteration.
_GOVERNORATES: Mapping[str, str] = {
    "idlib": "idlib",
    "homs": "homs",
    "aleppo": "aleppo",
    "halab": "aleppo",
    "al-hasakah": "hasakeh",
    "al hasakah": "hasakeh",
    "hasakah": "hasakeh",
    "hasaka": "hasakeh",
    "hasakeh": "hasakeh",
    "hama": "hama",
    "latakia": "lattakia",
    "lattakia": "lattakia",
    "al-ladhiqiyah": "lattakia",
    "ar-raqqah": "raqqa",
    "ar raqqah": "raqqa",
    "raqqa": "raqqa",
    "raqqah": "raqqa",
    "damascus": "damascus",
    "dimashq": "damascus",
    "rif dimashq": "damascus",
    "rif-dimashq": "damascus",
    "damascus countryside": "damascus",
    "deir ez-zor": "deir ezzor",
    "deir ez zor": "deir ezzor",
    "deir ezzor": "deir ezzor",
    "dayr az zawr": "deir ezzor",
    "deir el-zor": "deir ezzor",
    "daraa": "daraa",
    "dar'a": "daraa",
    "quneitra": "quneitra",
    "al-qunaytirah": "quneitra",
    "tartus": "tartous",
    "tartous": "tartous",
    "as-suwayda": "sweida",
    "as suwayda": "sweida",
    "suwayda": "sweida",
}

_CAUSE_BY_SUB_EVENT: Mapping[str, str] = {
    "air/drone strike": "shelling",
    "shelling/artillery/missile attack": "shelling",
    "remote explosive/landmine/ied": "explosion",
    "suicide bomb": "explosion",
    "grenade": "explosion",
    "chemical weapon": "chemical and toxic gases",
    "armed clash": "shooting",
    "attack": "shooting",
}

_VDC_ACTORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"islamic state|isis|isil|daesh", re.I),
        "the organization of the islamic state in iraq and the levant - isis",
    ),
    (re.compile(r"nusra|hayat tahrir|hts\b", re.I), "al-nusra front"),
    (
        re.compile(r"syrian democratic|sdf\b|ypg|kurdish|self.administration", re.I),
        "self administration forces",
    ),
    (
        re.compile(r"coalition|united states|\bus\b|france|united kingdom", re.I),
        "international coalition forces",
    ),
    (re.compile(r"forces of (?:syria|russia)\b", re.I), "syrian government or russian troops"),
)

_POLICE_VIOLENT_TYPES = frozenset({"battles", "violence against civilians", "riots"})
_FORCE_SUB_EVENTS = frozenset(
    {"excessive force against protesters", "protest with intervention", "attack", "armed clash"}
)


def _acted_by_state(event: Mapping[str, Any]) -> bool:
    """A state force acted in the event: as actor1, or as actor2 of a demonstration,
    where ACLED names the force that met the demonstrators ("Rioters (India)" against
    "Police Forces of India")."""
    if _norm(event.get("actor1_type")) == "state forces":
        return True
    return _norm(event.get("event_type")) in ("protests", "riots") and (
        _norm(event.get("actor2_type")) == "state forces"
    )


def _norm(value: Any) -> str:
    return value.strip().casefold() if isinstance(value, str) else ""


def main_event(events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The non-background event with the highest confidence (the first on a tie).

    The same rule as ``export.jsonl.prediction_record`` uses for ``labels``.
    """
    best: Mapping[str, Any] | None = None
    for event in events:
        if event.get("is_background"):
            continue
        confidence = event.get("confidence")
        score = float(confidence) if isinstance(confidence, int | float) else 0.0
        if best is None or score > float(best.get("confidence") or 0.0):
            best = event
    return best


def _vdc_actor(event: Mapping[str, Any]) -> str:
    name = _norm(event.get("actor1"))
    if not name:
        return "unknown"
    for pattern, label in _VDC_ACTORS:
        if pattern.search(name):
            return label
    if _norm(event.get("actor1_type")) == "rebel group":
        return "armed opposition groups"
    return "unknown"


def _police_labels(events: Sequence[Mapping[str, Any]]) -> dict[str, bool]:
    """IndiaPoliceEvents' document labels from events a state force acted in.

    KILL: such an event with fatalities; ARREST: an "Arrests" event (any actor: arrests
    are made by the state); FORCE: a violent event of a state force as actor1, or an
    intervention or force-against-protesters sub-event; ANY_ACTION: any of those or any
    other event of a state force.
    """
    current = [e for e in events if not e.get("is_background")]
    police = [e for e in current if _acted_by_state(e)]
    kill = any(isinstance(e.get("fatalities"), int) and e["fatalities"] > 0 for e in police)
    arrest = any(_norm(e.get("sub_event_type")) == "arrests" for e in current)
    force = any(
        _norm(e.get("sub_event_type")) in _FORCE_SUB_EVENTS
        or (
            _norm(e.get("event_type")) in _POLICE_VIOLENT_TYPES
            # a demonstration's actor2 may be what it protests against ("a protest
            # against police brutality"): only actor1's violence is the force's own
            and _norm(e.get("actor1_type")) == "state forces"
        )
        for e in police
    )
    return {
        "KILL": kill,
        "ARREST": arrest,
        "FORCE": force or kill,
        "ANY_ACTION": kill or arrest or force or bool(police),
    }


def derive_labels(prediction: Mapping[str, Any]) -> dict[str, Any]:
    """The prediction's labels plus every label derivable from its events."""
    labels: dict[str, Any] = dict(prediction.get("labels") or {})
    raw_events = prediction.get("events")
    events = (
        [e for e in raw_events if isinstance(e, Mapping)] if isinstance(raw_events, list) else []
    )
    main = main_event(events)
    if main is not None:
        place = main.get("place") if isinstance(main.get("place"), Mapping) else None
        admin1 = _norm(place.get("admin1")) if place else ""
        if admin1:
            labels.setdefault("governorate", _GOVERNORATES.get(admin1, admin1))
        labels.setdefault(
            "cause_of_death", _CAUSE_BY_SUB_EVENT.get(_norm(main.get("sub_event_type")), "unknown")
        )
        labels.setdefault("actor", _vdc_actor(main))
    for key, value in _police_labels(events).items():
        labels.setdefault(key, value)
    return labels
