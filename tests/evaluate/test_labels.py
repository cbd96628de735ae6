"""Document labels derived from a prediction's events (scored where the gold asks)."""

from __future__ import annotations

import pytest

from sitrep.evaluate.labels import NOT_PREDICTED, derive_labels, main_event
from sitrep.evaluate.scoring import score_all


def _event(**fields):
    base = {"is_background": False, "confidence": 0.5, "event_type": "Battles"}
    return base | fields


def test_labels_main_event_is_most_confident_non_background():
    events = [
        _event(confidence=0.9, is_background=True),
        _event(confidence=0.4, sub_event_type="a"),
        _event(confidence=0.7, sub_event_type="b"),
    ]
    assert main_event(events)["sub_event_type"] == "b"
    assert main_event([]) is None


@pytest.mark.parametrize(
    ("event", "key", "value"),
    [
        (_event(place={"admin1": "Ar-Raqqah"}), "governorate", "raqqa"),
        (_event(place={"admin1": "Rif Dimashq"}), "governorate", "damascus"),
        (_event(sub_event_type="Air/drone strike"), "cause_of_death", "shelling"),
        (_event(sub_event_type="Suicide bomb"), "cause_of_death", "explosion"),
        (_event(sub_event_type="Arrests"), "cause_of_death", "unknown"),
        (
            _event(actor1="Military Forces of Russia"),
            "actor",
            "syrian government or russian troops",
        ),
        (
            _event(actor1="Islamic State (Syria)"),
            "actor",
            "the organization of the islamic state in iraq and the levant - isis",
        ),
        (
            _event(actor1="Free Syrian Army", actor1_type="rebel group"),
            "actor",
            "armed opposition groups",
        ),
        (_event(), "actor", "unknown"),
    ],
)
def test_labels_fakes_keys_from_the_main_event(event, key, value):
    assert derive_labels({"events": [event]})[key] == value


def test_labels_police_keys():
    events = [
        _event(actor1_type="state forces", fatalities=2, event_type="Violence against civilians"),
        _event(sub_event_type="Arrests", event_type="Strategic developments"),
    ]
    labels = derive_labels({"events": events})
    assert labels == labels | {"KILL": True, "ARREST": True, "FORCE": True, "ANY_ACTION": True}
    none = derive_labels({"events": []})
    assert not any(none[k] for k in ("KILL", "ARREST", "FORCE", "ANY_ACTION"))


def test_labels_predicted_labels_are_kept():
    labels = derive_labels({"labels": {"sub_event_type": "Attack"}, "events": []})
    assert labels["sub_event_type"] == "Attack"


def test_labels_not_predicted_keys_are_not_applicable_not_zero():
    gold = [{"id": "a", "labels": {"credible": 1, "FAIL": False, "governorate": "idlib"}}]
    scores = score_all(gold, [{"id": "a"}])["labels"]
    assert scores["credible"] == {"applicable": False, "reason": NOT_PREDICTED["credible"]}
    assert scores["FAIL"]["applicable"] is False
    assert scores["governorate"]["accuracy"] == 0.0


def test_labels_police_meeting_a_demonstration_acted():
    # ACLED names the force that met a demonstration as its actor2; a protest against
    # the police is no use of force by them.
    riot = _event(
        event_type="Riots",
        sub_event_type="Violent demonstration",
        actor1_type="rioters",
        actor2_type="state forces",
        fatalities=1,
    )
    riot_labels = derive_labels({"events": [riot]})
    assert riot_labels["KILL"] is True and riot_labels["ANY_ACTION"] is True
    protest = _event(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1_type="protesters",
        actor2_type="state forces",
        fatalities=0,
    )
    labels = derive_labels({"events": [protest]})
    assert labels["ANY_ACTION"] is True and labels["FORCE"] is False
