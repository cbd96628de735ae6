"""Compare the installed spaCy English pipelines on toponym recognition and speed.

    .venv/bin/python benchmarks/ner_models.py [--docs 40]

Reads the first N documents of each geoparsing development set in ../shared/eval
(lgl, geowebnews, trnews), counts a gold literal toponym as found when a GPE/LOC/FAC
entity overlaps it, and prints precision, recall, F1 and words per second for each model,
measured in the same run (ratios between models are the figures to trust).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.annotate import AUTO_MODELS, _load_spacy

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = ("lgl", "geowebnews", "trnews")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="documents per gold set")
    args = parser.parse_args()
    if not EVAL.is_dir():
        raise SystemExit(f"skipped: {EVAL} is absent")
    docs = []
    for name in SETS:
        with (EVAL / name / "dev.jsonl").open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                if index >= args.docs:
                    break
                docs.append(json.loads(line))
    print(f"{len(docs)} documents from {', '.join(SETS)}")
    print(f"{'model':28} {'P':>6} {'R':>6} {'F1':>6} {'words/s':>8}")
    for model in AUTO_MODELS:
        try:
            nlp = _load_spacy(model)
        except Exception as err:
            print(f"{model:28} not loadable: {err}")
            continue
        tp = fn = fp = words = 0
        started = time.perf_counter()
        for doc_record in docs:
            doc = nlp(doc_record["text"])
            words += len(doc)
            pred = [
                (e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")
            ]
            gold = [
                (g["start"], g["end"])
                for g in doc_record.get("toponyms", [])
                if g["kind"] == "literal"
            ]
            for g in gold:
                hit = any(p[0] < g[1] and g[0] < p[1] for p in pred)
                tp, fn = (tp + 1, fn) if hit else (tp, fn + 1)
            fp += sum(1 for p in pred if not any(p[0] < g[1] and g[0] < p[1] for g in gold))
        elapsed = time.perf_counter() - started
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
        print(f"{model:28} {precision:6.3f} {recall:6.3f} {f1:6.3f} {words / elapsed:8.0f}")


if __name__ == "__main__":
    main()
