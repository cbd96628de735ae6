"""The figures of ``shared/eval/README.md`` ("How each figure is computed"), as pure functions.

Each ``score_*`` function takes the gold records and the prediction records aligned with
them (same length, same order: ``gold.align_predictions``) and returns a flat dict of
numbers, so the report can print it and the regression floors can pin it.  Nothing here
runs the pipeline or reads files: the metrics can be checked on hand-made records.

    >>> score_toponym_recognition([gold], [gold])["f1"]
    1.0

Choices the README leaves open, made once here:

* Overlap matching (toponyms, timexes) is many-to-many for precision and recall, as the
  README words it: a prediction is correct when it overlaps some gold span, a gold span is
  found when some prediction overlaps it.  Where one prediction per gold span is needed
  (its coordinates, its TIMEX3 value) it is the overlapping prediction sharing the most
  characters, then the one closest in length.
* Events: all compatible pairs are ordered by distance (km, or 0 when matched by admin1 or
  country), then date gap, then document order, and taken greedily one-to-one.
* Templates: MUC-4 fillers are pooled per document and slot over its templates (no
  template alignment), each gold filler found at most once.  The human-target slot is
  GTT's named victims plus the key's stand-alone descriptions ("peasants"), as the
  muc4 SOURCE.md advises.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

__all__ = [
    "EARTH_HALF_CIRCUMFERENCE_KM",
    "FAR_KM",
    "MUC_SLOTS",
    "distance_km",
    "events_match",
    "head_noun",
    "match_events",
    "prf",
    "score_acled_subset",
    "score_casualties",
    "score_displacement",
    "score_events",
    "score_labels",
    "score_templates",
    "score_timexes",
    "score_toponym_recognition",
    "score_toponym_resolution",
]

Record = Mapping[str, Any]
Scores = dict[str, Any]

EARTH_RADIUS_KM = 6371.0
# Half the Earth's circumference: the farthest two points can be, and the error charged to
# an unresolved toponym in the AUC (the value of the README and of Gritta et al.).
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACC_KM = 161.0  # 100 miles, the customary geoparsing threshold
FAR_KM = 50.0  # events: places within this distance are the same place
DATE_SLACK = timedelta(days=1)
CASUALTY_CATEGORIES = ("civilians", "non_civilians", "children", "women")
MUC_SLOTS = ("perp_individual", "perp_organization", "phys_target", "hum_target", "instrument")


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


def prf(true_pos_pred: int, predicted: int, true_pos_gold: int, gold: int) -> Scores:
    """Precision, recall and F1; an empty side gives None rather than a fake 0 or 1.

    Precision and recall take their own numerators because overlap matching is not
    one-to-one: the predictions that are right and the gold items found can differ in count.
    """
    precision = true_pos_pred / predicted if predicted else None
    recall = true_pos_gold / gold if gold else None
    if precision is None or recall is None:
        f1 = None
    elif precision + recall == 0:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "gold": gold,
        "predicted": predicted,
    }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) on a sphere of radius 6,371 km."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _items(record: Record, key: str) -> list[Mapping[str, Any]]:
    value = record.get(key)
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return max(0, min(int(a["end"]), int(b["end"])) - max(int(a["start"]), int(b["start"])))


def _best_overlap(
    gold: Mapping[str, Any], predictions: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """The prediction sharing the most characters with ``gold``, then the closest in length."""
    best: Mapping[str, Any] | None = None
    best_key: tuple[int, int] | None = None
    gold_length = int(gold["end"]) - int(gold["start"])
    for prediction in predictions:
        shared = _overlap(gold, prediction)
        if shared <= 0:
            continue
        length = int(prediction["end"]) - int(prediction["start"])
        key = (shared, -abs(length - gold_length))
        if best_key is None or key > best_key:
            best, best_key = prediction, key
    return best


def _spans_prf(gold_spans: list[list[Mapping[str, Any]]], pred_spans: list[list[Any]]) -> Scores:
    found = right = n_gold = n_pred = 0
    for gold, pred in zip(gold_spans, pred_spans, strict=True):
        n_gold += len(gold)
        n_pred += len(pred)
        found += sum(1 for g in gold if any(_overlap(g, p) > 0 for p in pred))
        right += sum(1 for p in pred if any(_overlap(g, p) > 0 for g in gold))
    return prf(right, n_pred, found, n_gold)


# ---------------------------------------------------------------------------
# Toponyms
# ---------------------------------------------------------------------------


def _literal(record: Record) -> list[Mapping[str, Any]]:
    return [t for t in _items(record, "toponyms") if t.get("kind", "literal") == "literal"]


def _has_coordinates(item: Mapping[str, Any] | None) -> bool:
    return item is not None and item.get("lat") is not None and item.get("lon") is not None


def score_toponym_recognition(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """P/R/F1 of predicted toponym spans against the gold toponyms of kind ``literal``.

    Only predictions of kind ``literal`` count: sitrep also writes metonymic ("Russia
    said"), modifier and demonym mentions, which are not claims that a place is meant.
    """
    return _spans_prf(
        [_literal(g) for g in gold],
        [_literal(p) for p in pred],
    )


def score_toponym_resolution(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """acc@161, median error (km, over matched and resolved) and AUC over gold literals.

    Only gold literal toponyms with coordinates count.  Unmatched or unresolved ones are
    wrong for acc@161 and sit at 20,039 km in the AUC (mean of ln(1+km)/ln(20039); lower
    is better).  ``same_place_far`` counts the misses that name the gold's own GeoNames
    place (same geonameid) at another point: a point convention (a province's label
    point against GeoNames' own), not a wrong place.
    """
    hits = total = same_place_far = 0
    errors: list[float] = []
    auc_terms: list[float] = []
    for g_record, p_record in zip(gold, pred, strict=True):
        predictions = _literal(p_record)
        for toponym in _literal(g_record):
            if not _has_coordinates(toponym):
                continue
            total += 1
            match = _best_overlap(toponym, predictions)
            if match is None or not _has_coordinates(match):
                auc_terms.append(1.0)
                continue
            km = distance_km(
                float(toponym["lat"]),
                float(toponym["lon"]),
                float(match["lat"]),
                float(match["lon"]),
            )
            km = min(km, EARTH_HALF_CIRCUMFERENCE_KM)
            errors.append(km)
            auc_terms.append(math.log1p(km) / math.log(EARTH_HALF_CIRCUMFERENCE_KM))
            hits += km <= ACC_KM
            same_place_far += km > ACC_KM and _same_geonameid(toponym, match)
    return {
        "acc161": hits / total if total else None,
        "median_km": statistics.median(errors) if errors else None,
        "auc": statistics.fmean(auc_terms) if auc_terms else None,
        "gold": total,
        "resolved": len(errors),
        "same_place_far": same_place_far,
    }


def _same_geonameid(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    gold_id, pred_id = gold.get("geonameid"), pred.get("geonameid")
    if gold_id is None or pred_id is None:
        return False
    try:
        return int(gold_id) == int(pred_id)
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------
# Time expressions
# ---------------------------------------------------------------------------


def score_timexes(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """Span-overlap P/R/F1, and the share of found gold timexes whose value is exact."""
    gold_spans = [_items(g, "timexes") for g in gold]
    pred_spans = [_items(p, "timexes") for p in pred]
    scores = _spans_prf(gold_spans, pred_spans)
    matched = exact = 0
    for g_list, p_list in zip(gold_spans, pred_spans, strict=True):
        for timex in g_list:
            match = _best_overlap(timex, p_list)
            if match is None:
                continue
            matched += 1
            exact += match.get("value") is not None and match.get("value") == timex.get("value")
    scores["value_accuracy"] = exact / matched if matched else None
    scores["matched"] = matched
    return scores


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _date_gap(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> int | None:
    """Days between the two ranges (0 when they overlap); None when a side has no date."""
    g_start, p_start = _day(gold.get("date_start")), _day(pred.get("date_start"))
    if g_start is None or p_start is None:
        return None
    g_end = _day(gold.get("date_end")) or g_start
    p_end = _day(pred.get("date_end")) or p_start
    if p_end < g_start:
        return (g_start - p_end).days
    if g_end < p_start:
        return (p_start - g_end).days
    return 0


def _norm(value: Any) -> str | None:
    return value.strip().casefold() if isinstance(value, str) and value.strip() else None


def _place_distance(gold: Any, pred: Any) -> float | None:
    """km between the places, 0.0 for a match by admin1 or country, None for no match."""
    if gold is None and pred is None:
        return 0.0
    if not isinstance(gold, Mapping) or not isinstance(pred, Mapping):
        return None
    if _has_coordinates(gold) and _has_coordinates(pred):
        km = distance_km(
            float(gold["lat"]), float(gold["lon"]), float(pred["lat"]), float(pred["lon"])
        )
        return km if km <= FAR_KM else None
    admin1 = _norm(gold.get("admin1"))
    if admin1 is not None and admin1 == _norm(pred.get("admin1")):
        return 0.0
    country = _norm(gold.get("country"))
    at_country_level = 3 in (gold.get("geo_precision"), pred.get("geo_precision"))
    if at_country_level and country is not None and country == _norm(pred.get("country")):
        return 0.0
    return None


def events_match(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> tuple[float, int] | None:
    """The cost (km, days apart) of pairing two events, or None when they cannot pair.

    Same event_type (case-insensitive), date ranges overlapping with one day of slack,
    places within 50 km, or when either side has no coordinates the same admin1 or the
    same country with geo_precision 3 on either side.
    """
    if _norm(gold.get("event_type")) != _norm(pred.get("event_type")):
        return None
    gap = _date_gap(gold, pred)
    if gap is None or gap > DATE_SLACK.days:
        return None
    km = _place_distance(gold.get("place"), pred.get("place"))
    if km is None:
        return None
    return km, gap


def match_events(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, prediction index), cheapest pairs first."""
    candidates: list[tuple[float, int, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            cost = events_match(g, p)
            if cost is not None:
                candidates.append((cost[0], cost[1], i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def score_events(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """P/R/F1 of greedy event matching, then agreement over matched pairs."""
    n_gold = n_pred = 0
    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    for g_record, p_record in zip(gold, pred, strict=True):
        g_events, p_events = _items(g_record, "events"), _items(p_record, "events")
        n_gold += len(g_events)
        n_pred += len(p_events)
        pairs.extend((g_events[i], p_events[j]) for i, j in match_events(g_events, p_events))
    scores = prf(len(pairs), n_pred, len(pairs), n_gold)
    scores["matched"] = len(pairs)

    def share(same: Callable[[Mapping[str, Any], Mapping[str, Any]], bool]) -> float | None:
        return sum(1 for g, p in pairs if same(g, p)) / len(pairs) if pairs else None

    scores["sub_event_type"] = share(
        lambda g, p: _norm(g.get("sub_event_type")) == _norm(p.get("sub_event_type"))
    )
    scores["fatalities"] = share(lambda g, p: g.get("fatalities") == p.get("fatalities"))
    scores["actor_types"] = share(
        lambda g, p: all(_norm(g.get(k)) == _norm(p.get(k)) for k in ("actor1_type", "actor2_type"))
    )
    return scores


# ---------------------------------------------------------------------------
# Casualties and displacement
# ---------------------------------------------------------------------------


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def score_casualties(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """Per category, over documents whose gold count is known: exact and within-10 % shares.

    Within 10 %: |pred - gold| <= 0.1 * gold, so a gold 0 needs a predicted 0.  A missing or
    unknown (null) prediction is wrong.  ``all`` pools the categories.
    """
    scores: Scores = {}
    pooled = Counter[str]()
    for category in CASUALTY_CATEGORIES:
        known = exact = near = 0
        for g_record, p_record in zip(gold, pred, strict=True):
            g_value = _count((g_record.get("casualties") or {}).get(category))
            if g_value is None:
                continue
            known += 1
            p_value = _count((p_record.get("casualties") or {}).get(category))
            if p_value is None:
                continue
            exact += p_value == g_value
            near += abs(p_value - g_value) <= 0.1 * g_value
        scores[category] = {
            "exact": exact / known if known else None,
            "within10": near / known if known else None,
            "documents": known,
        }
        pooled.update(known=known, exact=exact, near=near)
    scores["all"] = {
        "exact": pooled["exact"] / pooled["known"] if pooled["known"] else None,
        "within10": pooled["near"] / pooled["known"] if pooled["known"] else None,
        "documents": pooled["known"],
    }
    return scores


_UNITS = {"families": "households", "family": "households", "household": "households"}
_UNITS |= {"persons": "people", "person": "people", "individuals": "people"}


def _unit(value: Any) -> str | None:
    unit = _norm(value)
    return _UNITS.get(unit, unit) if unit else None


def _found(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    same: Callable[[Mapping[str, Any], Mapping[str, Any]], bool],
) -> int:
    """Gold figures found, each prediction used once."""
    used: set[int] = set()
    found = 0
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and same(g, p):
                used.add(j)
                found += 1
                break
    return found


def score_displacement(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """The share of gold figures found with the right number, unit and term.

    "families" counts as "households" (IDMC's unit); terms compare case-insensitively.
    Also the shares with the right number alone and number and unit, to show which part
    fails.
    """
    n_gold = n_pred = full = number_unit = number = 0
    for g_record, p_record in zip(gold, pred, strict=True):
        g_list = _items(g_record, "displacement")
        p_list = _items(p_record, "displacement")
        n_gold += len(g_list)
        n_pred += len(p_list)
        number += _found(g_list, p_list, lambda g, p: _count(g.get("figure")) == p.get("figure"))
        number_unit += _found(
            g_list,
            p_list,
            lambda g, p: (
                g.get("figure") == p.get("figure") and _unit(g.get("unit")) == _unit(p.get("unit"))
            ),
        )
        full += _found(
            g_list,
            p_list,
            lambda g, p: (
                g.get("figure") == p.get("figure")
                and _unit(g.get("unit")) == _unit(p.get("unit"))
                and _norm(g.get("term")) == _norm(p.get("term"))
            ),
        )
    return {
        "found": full / n_gold if n_gold else None,
        "number_and_unit": number_unit / n_gold if n_gold else None,
        "number": number / n_gold if n_gold else None,
        "gold": n_gold,
        "predicted": n_pred,
    }


# ---------------------------------------------------------------------------
# Document labels
# ---------------------------------------------------------------------------


def _label(value: Any) -> str | None:
    """A label as a comparable string; None stays None (no label)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().casefold()


def score_labels(gold: Sequence[Record], pred: Sequence[Record], key: str) -> Scores:
    """Accuracy and macro F1 of one label key, over documents whose gold value is known.

    Macro F1 averages the per-class F1 over the classes present in the gold.  A document
    with no predicted value (no event found) is a wrong answer, never skipped.
    """
    pairs: list[tuple[str, str | None]] = []
    for g_record, p_record in zip(gold, pred, strict=True):
        g_value = _label((g_record.get("labels") or {}).get(key))
        if g_value is None:
            continue
        pairs.append((g_value, _label((p_record.get("labels") or {}).get(key))))
    if not pairs:
        return {"accuracy": None, "macro_f1": None, "documents": 0}
    f1s: list[float] = []
    for label in sorted({g for g, _ in pairs}):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        actual = sum(1 for g, _ in pairs if g == label)
        f1 = prf(tp, predicted, tp, actual)["f1"]
        f1s.append(f1 or 0.0)
    return {
        "accuracy": sum(1 for g, p in pairs if g == p) / len(pairs),
        "macro_f1": statistics.fmean(f1s),
        "documents": len(pairs),
        "classes": len(f1s),
    }


def score_acled_subset(gold: Sequence[Record], pred: Sequence[Record]) -> dict[str, Scores]:
    """CASE 2021 mixes ACLED's 25 sub-event types with five types ACLED does not code
    (disasters, diplomacy, organised crime, claims).  ``sub_event_type_acled`` scores the
    sub-event type over the documents whose gold is an ACLED type (gold ``event_type``
    known), as the shared task's subtask 1 did; ``no_event_on_non_acled`` is the share of
    the other documents for which sitrep codes no event (the right answer for them)."""
    acled = [(g, p) for g, p in zip(gold, pred, strict=True) if _acled_gold(g)]
    other = [p for g, p in zip(gold, pred, strict=True) if not _acled_gold(g) and _has_label(g)]
    scores: dict[str, Scores] = {
        "sub_event_type_acled": score_labels(
            [g for g, _ in acled], [p for _, p in acled], "sub_event_type"
        )
    }
    if other:
        rejected = sum(1 for p in other if not (p.get("labels") or {}).get("sub_event_type"))
        scores["no_event_on_non_acled"] = {
            "accuracy": rejected / len(other),
            "macro_f1": None,
            "documents": len(other),
        }
    return scores


def _acled_gold(record: Record) -> bool:
    return (record.get("labels") or {}).get("event_type") is not None


def _has_label(record: Record) -> bool:
    return (record.get("labels") or {}).get("sub_event_type") is not None


# ---------------------------------------------------------------------------
# MUC-4 templates
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def head_noun(text: str) -> str | None:
    """The last word, lower-cased ("the Urng guerrillas" -> "guerrillas")."""
    words = _words(text)
    return words[-1] if words else None


def _filler_matches(gold_alternatives: Sequence[str], predicted: str) -> bool:
    """One string contains the other's head noun (as a word), case-insensitive."""
    p_words = _words(predicted)
    p_head = head_noun(predicted)
    for alternative in gold_alternatives:
        g_head = head_noun(alternative)
        if g_head is None or p_head is None:
            continue
        if g_head in p_words or p_head in _words(alternative):
            return True
    return False


def _fillers(template: Mapping[str, Any], slot: str) -> list[list[str]]:
    """The slot's fillers, each a list of alternative strings."""
    fillers: list[list[str]] = []
    for filler in template.get(slot) or []:
        if isinstance(filler, str):
            fillers.append([filler])
        elif isinstance(filler, list):
            strings = [s for s in filler if isinstance(s, str) and s.strip()]
            if strings:
                fillers.append(strings)
    if slot == "hum_target":
        for description in template.get("hum_target_description") or []:
            if isinstance(description, Mapping) and not description.get("refers_to"):
                strings = [s for s in description.get("strings") or [] if isinstance(s, str)]
                if strings:
                    fillers.append(strings)
    return fillers


def _document_fillers(record: Record, slot: str) -> list[list[str]]:
    pooled: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for template in _items(record, "templates"):
        for filler in _fillers(template, slot):
            key = tuple(s.casefold() for s in filler)
            if key not in seen:
                seen.add(key)
                pooled.append(filler)
    return pooled


def score_templates(gold: Sequence[Record], pred: Sequence[Record]) -> Scores:
    """Per slot micro P/R/F1 by head-noun containment, ``all`` over the five role slots.

    ``incident_type`` is scored apart, as a multiset of types per document compared
    case-insensitively (the gold is lower case, sitrep writes upper case).
    """
    scores: Scores = {}
    total = Counter[str]()
    for slot in MUC_SLOTS:
        tp = n_gold = n_pred = 0
        for g_record, p_record in zip(gold, pred, strict=True):
            g_fillers = _document_fillers(g_record, slot)
            p_strings = [" ".join(f) for f in _document_fillers(p_record, slot)]
            n_gold += len(g_fillers)
            n_pred += len(p_strings)
            used: set[int] = set()
            for alternatives in g_fillers:
                for j, predicted in enumerate(p_strings):
                    if j not in used and _filler_matches(alternatives, predicted):
                        used.add(j)
                        tp += 1
                        break
        scores[slot] = prf(tp, n_pred, tp, n_gold)
        total.update(tp=tp, gold=n_gold, pred=n_pred)
    scores["all"] = prf(total["tp"], total["pred"], total["tp"], total["gold"])
    tp = n_gold = n_pred = 0
    for g_record, p_record in zip(gold, pred, strict=True):
        g_types = Counter(_norm(t.get("incident_type")) for t in _items(g_record, "templates"))
        p_types = Counter(_norm(t.get("incident_type")) for t in _items(p_record, "templates"))
        n_gold += g_types.total()
        n_pred += p_types.total()
        tp += (g_types & p_types).total()
    scores["incident_type"] = prf(tp, n_pred, tp, n_gold)
    return scores
