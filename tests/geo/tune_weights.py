"""Grid-search a few ranking constants of ``sitrep.geo.resolve`` on the development sets.

    .venv/bin/python tests/geo/tune_weights.py --cache DIR NAME=v1,v2 [NAME=v1,v2 ...]

Run by hand, not by pytest.  Prints acc@161 and AUC on gold spans of
../shared/eval/{lgl,geowebnews,trnews}/dev.jsonl for every combination; the chosen
values are then written into resolve.py by hand (and the choice is said in
docs/geoparsing.md).  Only development data is read, and nothing of it is copied.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from pathlib import Path
from typing import Any

from sitrep.extract.places import geocode_spans
from sitrep.geo import resolve
from sitrep.geo.gazetteer import Gazetteer
from sitrep.types import Span

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
SETS = ("lgl", "geowebnews", "trnews")


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _load(name: str) -> list[tuple[str, list[dict[str, Any]]]]:
    docs = []
    for line in (EVAL / name / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = [
            t
            for t in record.get("toponyms") or []
            if t.get("kind") == "literal" and t.get("lat") is not None
        ]
        if gold:
            docs.append((record["text"], gold))
    return docs


def _score(
    gazetteer: Gazetteer, docs: list[tuple[str, list[dict[str, Any]]]]
) -> tuple[float, float]:
    hits = total = 0
    auc = 0.0
    for text, gold in docs:
        spans = [Span(t["start"], t["end"], text[t["start"] : t["end"]]) for t in gold]
        found = geocode_spans(text, spans, gazetteer, fuzzy_min_score=85.0)
        for t, m in zip(gold, found, strict=True):
            total += 1
            if m.place is None:
                auc += 1.0
                continue
            km = _distance_km(t["lat"], t["lon"], m.place.lat, m.place.lon)
            hits += km <= 161
            auc += math.log1p(km) / math.log(20039.0)
    return hits / total, auc / total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("grid", nargs="+", help="CONSTANT=v1,v2,...")
    args = parser.parse_args()
    gazetteer = Gazetteer.open(args.cache)
    data = {name: _load(name) for name in SETS}
    names = [g.split("=")[0] for g in args.grid]
    values = [[float(v) for v in g.split("=")[1].split(",")] for g in args.grid]
    for combo in itertools.product(*values):
        for name, value in zip(names, combo, strict=True):
            setattr(resolve, name, value)
        results = [_score(gazetteer, data[name]) for name in SETS]
        mean = sum(acc for acc, _ in results) / len(results)
        cells = "  ".join(f"{n} {a:.3f}/{u:.3f}" for n, (a, u) in zip(SETS, results, strict=True))
        print(f"{dict(zip(names, combo, strict=True))}  {cells}  mean {mean:.4f}", flush=True)


if __name__ == "__main__":
    main()
