"""The metrics of shared/eval/README.md on hand-made records (no pipeline, no gold data)."""

from __future__ import annotations

import copy
import math

import pytest

from sitrep.evaluate import metrics
from sitrep.evaluate.scoring import flatten, score_all

TEXT = "Fighting in Idlib and Hama; shelling near Aleppo on Monday."

# Idlib, Hama and Aleppo with their real coordinates; one metonymic span that the
# recognition metric must ignore.
GOLD = {
    "id": "doc-1",
    "text": TEXT,
    "toponyms": [
        {"start": 12, "end": 17, "text": "Idlib", "kind": "literal", "lat": 35.93, "lon": 36.63},
        {"start": 22, "end": 26, "text": "Hama", "kind": "literal", "lat": 35.13, "lon": 36.76},
        {"start": 42, "end": 48, "text": "Aleppo", "kind": "literal", "lat": 36.20, "lon": 37.16},
        {"start": 0, "end": 8, "text": "Fighting", "kind": "metonymic", "lat": None, "lon": None},
    ],
    "timexes": [{"start": 52, "end": 58, "text": "Monday", "type": "DATE", "value": "2018-01-01"}],
    "events": [
        {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "date_start": "2018-01-01",
            "date_end": "2018-01-01",
            "place": {
                "name": "Idlib",
                "lat": 35.93,
                "lon": 36.63,
                "admin1": "Idlib",
                "country": "SY",
            },
            "actor1_type": "state forces",
            "actor2_type": "rebel group",
            "fatalities": 3,
        },
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "date_start": "2018-01-01",
            "date_end": "2018-01-01",
            "place": {
                "name": "Aleppo",
                "lat": None,
                "lon": None,
                "admin1": "Aleppo",
                "country": "SY",
            },
            "actor1_type": "state forces",
            "actor2_type": None,
            "fatalities": None,
        },
    ],
    "casualties": {"civilians": 10, "non_civilians": 0, "children": None, "women": 2},
    "displacement": [{"figure": 5000, "unit": "households", "term": "fled"}],
    "labels": {"sub_event_type": "Armed clash", "KILL": True},
    "templates": [
        {
            "incident_type": "bombing",
            "perp_individual": [["urban guerrillas", "guerrillas"]],
            "perp_organization": [["farabundo marti national liberation front", "fmln"]],
            "phys_target": [["power pylons"]],
            "hum_target": [["jose garcia"]],
            "instrument": [["dynamite"]],
            "hum_target_description": [
                {"value": None, "strings": ["mayor"], "refers_to": ["jose garcia"]},
                {"value": None, "strings": ["peasants"]},
            ],
        }
    ],
}


def _pred(**changes: object) -> dict[str, object]:
    record = copy.deepcopy(GOLD)
    record.update(changes)
    return record


@pytest.mark.parametrize(
    "name",
    [
        "toponym_recognition.f1",
        "toponym_resolution.acc161",
        "toponym_resolution_gold_spans.acc161",
        "timexes.f1",
        "timexes.value_accuracy",
        "events.f1",
        "events.sub_event_type",
        "events.fatalities",
        "events.actor_types",
        "casualties.all.exact",
        "casualties.all.within10",
        "displacement.found",
        "labels.sub_event_type.accuracy",
        "labels.sub_event_type.macro_f1",
        "templates.all.f1",
        "templates.incident_type.f1",
    ],
)
def test_metrics_gold_against_itself_is_perfect(name):
    flat = flatten(score_all([GOLD], [copy.deepcopy(GOLD)], [copy.deepcopy(GOLD)]))
    assert flat[name] == pytest.approx(1.0)


def test_metrics_gold_against_itself_has_zero_error():
    scores = metrics.score_toponym_resolution([GOLD], [GOLD])
    assert scores["median_km"] == 0.0
    assert scores["auc"] == 0.0
    assert scores["gold"] == 3


def test_metrics_toponym_moved_200_km_fails_acc161():
    moved = _pred()
    # 1.8 degrees of latitude is about 200 km.
    moved["toponyms"][0] = {**GOLD["toponyms"][0], "lat": 35.93 + 1.8}
    km = metrics.distance_km(35.93, 36.63, 35.93 + 1.8, 36.63)
    assert 195 < km < 205
    scores = metrics.score_toponym_resolution([GOLD], [moved])
    assert scores["acc161"] == pytest.approx(2 / 3)
    assert scores["median_km"] == 0.0  # median of (200, 0, 0)


@pytest.mark.parametrize(
    "scorer",
    [metrics.score_toponym_recognition, metrics.score_timexes, metrics.score_events],
)
def test_metrics_empty_prediction_has_recall_zero(scorer):
    scores = scorer([GOLD], [{"id": "doc-1"}])
    assert scores["recall"] == 0.0
    assert scores["precision"] is None  # nothing predicted: undefined, not 0 or 1


def test_metrics_empty_prediction_resolves_nothing():
    scores = metrics.score_toponym_resolution([GOLD], [{"id": "doc-1"}])
    assert scores["acc161"] == 0.0
    assert scores["auc"] == 1.0  # every toponym at 20,039 km
    assert scores["median_km"] is None


def test_metrics_auc_hand_computed():
    # Errors: 0 km (Idlib), 100 km (Hama moved), unresolved (Aleppo).
    pred = _pred()
    hama = GOLD["toponyms"][1]
    pred["toponyms"][1] = {**hama, "lat": hama["lat"] + 100 / 111.195}
    pred["toponyms"][2] = {**GOLD["toponyms"][2], "lat": None, "lon": None}
    km = metrics.distance_km(hama["lat"], hama["lon"], hama["lat"] + 100 / 111.195, hama["lon"])
    assert km == pytest.approx(100.0, abs=0.01)
    expected = (0.0 + math.log(1 + km) / math.log(20039) + 1.0) / 3
    scores = metrics.score_toponym_resolution([GOLD], [pred])
    assert scores["auc"] == pytest.approx(expected)
    # By hand: ln(101) / ln(20039) = 4.6151 / 9.9055 = 0.4659; (0 + 0.4659 + 1) / 3 = 0.4886.
    assert scores["auc"] == pytest.approx(0.4886, abs=1e-4)
    assert scores["acc161"] == pytest.approx(2 / 3)
    assert scores["median_km"] == pytest.approx(km / 2)  # over the two resolved


def test_metrics_recognition_counts_overlap_and_ignores_non_literal():
    pred = {
        "id": "doc-1",
        "toponyms": [
            {"start": 10, "end": 17, "kind": "literal"},  # "n Idlib": overlaps Idlib
            {"start": 0, "end": 8, "kind": "literal"},  # "Fighting": gold says metonymic
            {"start": 22, "end": 26, "kind": "metonymic"},  # not a literal prediction
        ],
    }
    scores = metrics.score_toponym_recognition([GOLD], [pred])
    assert scores["precision"] == pytest.approx(1 / 2)
    assert scores["recall"] == pytest.approx(1 / 3)


def test_metrics_timex_value_accuracy_over_matched_only():
    pred = {"id": "doc-1", "timexes": [{"start": 55, "end": 59, "value": "2018-01-08"}]}
    scores = metrics.score_timexes([GOLD], [pred])
    assert scores["f1"] == 1.0
    assert scores["value_accuracy"] == 0.0


def _event(
    event_type: str,
    day: str,
    lat: float | None,
    lon: float | None,
    admin1: str | None = None,
    geo_precision: int | None = None,
) -> dict[str, object]:
    place = {"lat": lat, "lon": lon, "admin1": admin1, "country": "SY"}
    if geo_precision is not None:
        place["geo_precision"] = geo_precision
    return {"event_type": event_type, "date_start": day, "date_end": day, "place": place}


def test_metrics_greedy_event_matching_hand_made():
    gold = [
        _event("Battles", "2018-01-01", 35.93, 36.63),  # Idlib
        _event("Battles", "2018-01-01", 36.20, 37.16),  # Aleppo, about 56 km from Idlib
        _event("Riots", "2018-01-05", None, None, admin1="Hama"),
        _event("Protests", "2018-01-05", None, None),
    ]
    pred = [
        _event("Battles", "2018-01-02", 36.21, 37.16),  # near Aleppo; a day late: slack
        _event("Battles", "2018-01-01", 35.95, 36.63),  # near Idlib, 55 km from Aleppo
        _event("Riots", "2018-01-05", 35.13, 36.76, admin1="hama"),  # gold has no coords
        _event("Protests", "2018-01-05", None, None, geo_precision=3),  # country level
        _event("Battles", "2018-01-04", 35.93, 36.63),  # Idlib but three days late
    ]
    pairs = metrics.match_events(gold, pred)
    assert pairs == [(0, 1), (1, 0), (2, 2), (3, 3)]
    scores = metrics.score_events([{"events": gold}], [{"events": pred}])
    assert scores["recall"] == 1.0
    assert scores["precision"] == pytest.approx(4 / 5)


def test_metrics_greedy_takes_the_closest_pair_first():
    gold = [
        _event("Battles", "2018-01-01", 35.0, 36.0),
        _event("Battles", "2018-01-01", 35.3, 36.0),
    ]
    # One prediction sits on the second gold event, 33 km from the first: it goes to the second.
    pred = [_event("Battles", "2018-01-01", 35.3, 36.0)]
    assert metrics.match_events(gold, pred) == [(1, 0)]


@pytest.mark.parametrize(
    ("gold_place", "pred_place", "matches"),
    [
        ({"lat": 35.0, "lon": 36.0}, {"lat": 35.6, "lon": 36.0}, False),  # ~67 km
        (
            {"lat": None, "admin1": "Idlib", "country": "SY"},
            {"lat": 1.0, "lon": 1.0, "admin1": "Hama"},
            False,
        ),
        ({"lat": None, "country": "SY"}, {"lat": None, "country": "SY"}, False),
        (
            {"lat": None, "country": "SY", "geo_precision": 3},
            {"lat": 1.0, "lon": 1.0, "country": "SY"},
            True,
        ),
    ],
)
def test_metrics_event_place_rule(gold_place, pred_place, matches):
    gold = {"event_type": "Battles", "date_start": "2018-01-01", "place": gold_place}
    pred = {"event_type": "Battles", "date_start": "2018-01-01", "place": pred_place}
    assert (metrics.events_match(gold, pred) is not None) is matches


def test_metrics_event_agreement_over_matched_pairs():
    pred = _pred()
    pred["events"][0] = {**GOLD["events"][0], "sub_event_type": "Attack", "fatalities": 4}
    scores = metrics.score_events([GOLD], [pred])
    assert scores["f1"] == 1.0
    assert scores["sub_event_type"] == 0.5
    assert scores["fatalities"] == 0.5
    assert scores["actor_types"] == 1.0


@pytest.mark.parametrize(
    ("predicted", "exact", "within10"),
    [(10, 1.0, 1.0), (11, 0.0, 1.0), (9, 0.0, 1.0), (12, 0.0, 0.0), (None, 0.0, 0.0)],
)
def test_metrics_casualties_within_ten_percent(predicted, exact, within10):
    gold = {"casualties": {"civilians": 10, "children": None}}
    pred = {"casualties": {"civilians": predicted, "children": 3}}
    scores = metrics.score_casualties([gold], [pred])
    assert scores["civilians"]["exact"] == exact
    assert scores["civilians"]["within10"] == within10
    assert scores["children"]["documents"] == 0  # unknown gold: not counted
    assert scores["children"]["exact"] is None


def test_metrics_casualties_gold_zero_needs_zero():
    scores = metrics.score_casualties(
        [{"casualties": {"women": 0}}, {"casualties": {"women": 0}}],
        [{"casualties": {"women": 0}}, {"casualties": {"women": 1}}],
    )
    assert scores["women"]["within10"] == 0.5


def test_metrics_displacement_needs_number_unit_and_term():
    gold = {"displacement": [{"figure": 5000, "unit": "households", "term": "fled"}]}
    families = {"displacement": [{"figure": 5000, "unit": "families", "term": "Fled"}]}
    wrong_term = {"displacement": [{"figure": 5000, "unit": "households", "term": "displaced"}]}
    assert metrics.score_displacement([gold], [families])["found"] == 1.0
    scores = metrics.score_displacement([gold], [wrong_term])
    assert scores["found"] == 0.0
    assert scores["number_and_unit"] == 1.0


def test_metrics_labels_accuracy_and_macro_f1():
    gold = [{"labels": {"k": v}} for v in ("a", "a", "b", None)]
    pred = [{"labels": {"k": v}} for v in ("a", "b", "b", "a")]
    scores = metrics.score_labels(gold, pred, "k")
    assert scores["documents"] == 3  # the null gold is not known
    assert scores["accuracy"] == pytest.approx(2 / 3)
    # a: P 1, R 1/2 -> 2/3; b: P 1/2, R 1 -> 2/3
    assert scores["macro_f1"] == pytest.approx(2 / 3)


def test_metrics_labels_compare_booleans():
    scores = metrics.score_labels([{"labels": {"KILL": True}}], [{"labels": {}}], "KILL")
    assert scores["accuracy"] == 0.0


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        (["urban guerrillas", "guerrillas"], "the guerrillas", True),
        (["fmln"], "FMLN rebels", True),  # the gold head noun is in the prediction
        (["power pylons"], "pylons", True),  # the prediction's head noun is in the gold
        (["dynamite"], "a bomb", False),
        (["jose garcia"], "garcia's bodyguard", False),
    ],
)
def test_metrics_template_head_noun_matching(gold, predicted, matches):
    assert metrics._filler_matches(gold, predicted) is matches


def test_metrics_template_slots_and_incident_type_case():
    pred = {
        "templates": [
            {
                "incident_type": "BOMBING",
                "perp_individual": [["the guerrillas"]],
                "perp_organization": [],
                "phys_target": [["pylons"]],
                "hum_target": [["peasants"], ["soldiers"]],
                "instrument": [["a bomb"]],
            }
        ]
    }
    scores = metrics.score_templates([GOLD], [pred])
    assert scores["incident_type"]["f1"] == 1.0
    assert scores["perp_individual"]["f1"] == 1.0
    assert scores["perp_organization"]["recall"] == 0.0
    # Gold hum_target: "jose garcia" plus the stand-alone description "peasants".
    assert scores["hum_target"]["recall"] == 0.5
    assert scores["hum_target"]["precision"] == 0.5
    assert scores["instrument"]["precision"] == 0.0
    # all: tp 3 (perp_individual, phys_target, hum_target) of 6 gold and 5 predicted.
    assert scores["all"]["recall"] == pytest.approx(3 / 6)
    assert scores["all"]["precision"] == pytest.approx(3 / 5)


def test_metrics_head_noun_is_last_word():
    assert metrics.head_noun("The Urban Guerrillas.") == "guerrillas"
    assert metrics.head_noun("  ") is None


def test_metrics_counts_the_right_place_at_another_point():
    gold = copy.deepcopy(GOLD)
    gold["toponyms"][0]["geonameid"] = 169389
    gold["toponyms"][1]["geonameid"] = 170017
    moved = copy.deepcopy(gold)
    # The gold's own place (same geonameid) at a point 200 km off, and a wrong place.
    moved["toponyms"][0]["lat"] += 1.8
    moved["toponyms"][1].update(lat=35.13 + 1.8, geonameid=1)
    moved["toponyms"][2].update(lat=None, lon=None)
    scores = metrics.score_toponym_resolution([gold], [moved])
    assert scores["acc161"] == 0.0
    assert scores["same_place_far"] == 1
