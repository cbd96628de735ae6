"""Sort the misses on gold spans by what the candidate list held (run by hand).

    .venv/bin/python tests/geo/miss_categories.py [--cache DIR] [--show N] [SET ...]

For each gold literal toponym with coordinates in ../shared/eval/SET/dev.jsonl that
``resolve`` places more than 161 km from the gold point: "none" (no candidate at all),
"rank" (a candidate within 161 km ranked lower), "near" (the best candidate lies within
1,000 km but over 161 km: mostly point conventions) or "far".  Prints the counts and,
with --show, the commonest misses of each kind.  Reads the gold data at run time;
nothing of it is copied.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from eval_resolution import distance_km, gold_documents

from sitrep.config import default_cache_dir
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import ranked_mentions, resolve
from sitrep.types import Span, ToponymKind

HIT_KM = 161.0
NEAR_KM = 1000.0


def categorise(name: str, gazetteer: Gazetteer) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {k: Counter() for k in ("hit", "rank", "near", "far", "none")}
    for text, gold, publisher in gold_documents(name):
        spans = [
            (Span(t["start"], t["end"], text[t["start"] : t["end"]]), ToponymKind.LITERAL)
            for t in gold
        ]
        items = ranked_mentions(
            spans, gazetteer, text=text, fuzzy_min_score=85.0, publisher=publisher
        ).items
        placed = resolve(spans, gazetteer, text=text, fuzzy_min_score=85.0, publisher=publisher)
        for t, item, mention in zip(gold, items, placed, strict=True):
            label = repr(t["text"])
            if mention.place is not None:
                km = distance_km(t["lat"], t["lon"], mention.place.lat, mention.place.lon)
                if km <= HIT_KM:
                    found["hit"][label] += 1
                    continue
            kms = [
                distance_km(t["lat"], t["lon"], c.place.lat, c.place.lon) for c in item.candidates
            ]
            if not kms:
                found["none"][label] += 1
            elif min(kms) <= HIT_KM:
                found["rank"][label] += 1
            else:
                found["near" if min(kms) <= NEAR_KM else "far"][label] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=["lgl", "geowebnews", "trnews"])
    parser.add_argument("--cache", type=Path, default=default_cache_dir())
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    gazetteer = Gazetteer.open(args.cache)
    for name in args.sets:
        found = categorise(name, gazetteer)
        print(name, {kind: sum(c.values()) for kind, c in found.items()})
        for kind in ("none", "rank", "near", "far"):
            common = ", ".join(f"{n} x{c}" for n, c in found[kind].most_common(args.show))
            if common:
                print(f"  {kind}: {common}")


if __name__ == "__main__":
    main()
