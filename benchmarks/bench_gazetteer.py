"""Gazetteer: build time, cold open, exact and fuzzy lookups/s, resident memory.

    .venv/bin/python benchmarks/bench_gazetteer.py [--repeats 3]

- build: ``Gazetteer.open`` on an empty temporary cache dir, in a fresh process each
  time (time inside the process, and that process's peak RSS);
- cold open: a new ``python -c`` that imports sitrep's gazetteer, opens the index and
  looks one name up; median of 5 (the OS page cache is warm: "cold" is the process);
- lookups/s: ``lookup`` (exact key, then transliteration key) and ``fuzzy`` (the
  pipeline's min_score, limit 20 as ``geo.resolve`` asks) on the gold toponym strings
  of the lgl, geowebnews and trnews development sets; exact lookups three ways: with
  every answer already cached, on a fresh index (empty answer cache) with each distinct
  name once, and on a fresh index with the names in text order;
- memory: VmRSS of a fresh process after import, after open, after 10,000 exact lookups
  and after 1,000 fuzzy ones (which load the per-letter key lists).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench_common import Row, gold_toponyms, median, spread, vm_rss_mib

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer

HERE = Path(__file__).resolve().parent
FUZZY_LIMIT = 20  # what sitrep.geo.resolve asks for
COLD_OPENS = 5

_BUILD = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from sitrep.geo.gazetteer import Gazetteer, index_path
gazetteer = Gazetteer.open(Path(sys.argv[1]))
seconds = time.perf_counter() - started
size = index_path(Path(sys.argv[1])).stat().st_size
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "bytes": size, "peak_mib": peak}))
"""

_OPEN = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from sitrep.geo.gazetteer import Gazetteer
t1 = time.perf_counter()
gazetteer = Gazetteer(Path(sys.argv[1]))
t2 = time.perf_counter()
gazetteer.lookup("Aleppo")
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "open": t2 - t1, "first_lookup": t3 - t2}))
"""


@dataclass(slots=True)
class GazetteerFigures:
    names: int
    distinct: int
    index_bytes: int = 0
    build_s: list[float] = field(default_factory=list)
    build_peak_mib: list[float] = field(default_factory=list)
    process_s: list[float] = field(default_factory=list)
    import_s: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    first_lookup_s: list[float] = field(default_factory=list)
    exact_per_s: list[float] = field(default_factory=list)
    uncached_per_s: list[float] = field(default_factory=list)
    in_order_per_s: list[float] = field(default_factory=list)
    fuzzy_per_s: list[float] = field(default_factory=list)
    fuzzy_names: int = 0
    fuzzy_load_s: float = 0.0
    found: int = 0
    rss: dict[str, float] = field(default_factory=dict)


def _child(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _rss_child(path: Path, names: Sequence[str], min_score: float) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_gazetteer.py"), "--rss-child", str(path)],
        input="\n".join(names),
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_FUZZY_MIN_SCORE": str(min_score)},
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rss_child(path: Path) -> None:
    """In a fresh process: VmRSS after import, open, 10k exact and 1k fuzzy lookups."""
    names = [line for line in sys.stdin.read().splitlines() if line]
    min_score = float(os.environ.get("BENCH_FUZZY_MIN_SCORE", "88"))
    out = {"start": vm_rss_mib()}
    from sitrep.geo.gazetteer import Gazetteer

    out["after import"] = vm_rss_mib()
    gazetteer = Gazetteer(path)
    out["after open"] = vm_rss_mib()
    for i in range(10_000):
        gazetteer.lookup(names[i % len(names)])
    out["after 10k lookups"] = vm_rss_mib()
    for i in range(1_000):
        gazetteer.fuzzy(names[i % len(names)], min_score=min_score, limit=FUZZY_LIMIT)
    out["after 1k fuzzy lookups"] = vm_rss_mib()
    print(json.dumps(out))


def _lookups_per_s(gazetteer: Gazetteer, names: Sequence[str]) -> float:
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    return len(names) / (time.perf_counter() - started)


def measure(repeats: int, work_dir: Path) -> GazetteerFigures:
    from sitrep.config import load_settings
    from sitrep.geo.gazetteer import Gazetteer, index_path

    min_score = load_settings().fuzzy_min_score
    names = gold_toponyms()
    figures = GazetteerFigures(names=len(names), distinct=len(set(names)))
    cache = work_dir / "gazetteer-cache"
    for repeat in range(repeats):
        print(f"  gazetteer: build {repeat + 1}/{repeats}", file=sys.stderr, flush=True)
        build_dir = Path(tempfile.mkdtemp(dir=work_dir))
        built = _child(_BUILD, str(build_dir))
        if repeat == repeats - 1:  # keep the last one for the other measurements
            build_dir.replace(cache)
        else:
            shutil.rmtree(build_dir)
        figures.build_s.append(built["seconds"])
        figures.build_peak_mib.append(built["peak_mib"])
        figures.index_bytes = int(built["bytes"])
    path = index_path(cache)

    for _ in range(COLD_OPENS):
        started = time.perf_counter()
        opened = _child(_OPEN, str(path))
        figures.process_s.append(time.perf_counter() - started)
        figures.import_s.append(opened["import"])
        figures.open_s.append(opened["open"])
        figures.first_lookup_s.append(opened["first_lookup"])

    distinct = list(dict.fromkeys(names))
    for _ in range(repeats):
        # A fresh Gazetteer has an empty answer cache: every distinct name once is a
        # query each; all names in text order is what a run over the three sets sees.
        for sample, rates in ((distinct, figures.uncached_per_s), (names, figures.in_order_per_s)):
            fresh = Gazetteer(path)
            rates.append(_lookups_per_s(fresh, sample))
            fresh.close()
    gazetteer = Gazetteer(path)
    figures.found = sum(1 for name in distinct if gazetteer.lookup(name))
    for _ in range(repeats):
        figures.exact_per_s.append(_lookups_per_s(gazetteer, names))

    # Fuzzy: the first call per initial letter loads that letter's key list; time the
    # loading once, then the warm calls.
    started = time.perf_counter()
    for letter in sorted({n.strip()[:1].lower() for n in names if n.strip()}):
        gazetteer.fuzzy(letter * 3, min_score=min_score, limit=1)
    figures.fuzzy_load_s = time.perf_counter() - started
    sample = names[:: max(1, len(names) // 600)][:600]
    figures.fuzzy_names = len(sample)
    for _ in range(repeats):
        started = time.perf_counter()
        for name in sample:
            gazetteer.fuzzy(name, min_score=min_score, limit=FUZZY_LIMIT)
        figures.fuzzy_per_s.append(len(sample) / (time.perf_counter() - started))
    gazetteer.close()
    figures.rss = _rss_child(path, names, min_score)
    return figures


def rows(f: GazetteerFigures) -> list[Row]:
    section = "gazetteer"

    def sec(x: float) -> str:
        return f"{x:.1f} s"

    def ms(x: float) -> str:
        return f"{1000 * x:.1f}"

    def per_s(x: float) -> str:
        return f"{x:,.0f}"

    out = [
        Row(
            section,
            "build (fresh process, empty cache dir)",
            sec(median(f.build_s)),
            f"{spread(f.build_s, sec)}; index {f.index_bytes / 2**20:.0f} MiB; "
            f"build peak RSS {median(f.build_peak_mib):.0f} MiB",
        ),
        Row(
            section,
            f"cold open: whole `python -c` process (median of {COLD_OPENS})",
            f"{ms(median(f.process_s))} ms",
            f"of which import {ms(median(f.import_s))} ms",
        ),
        Row(
            section,
            "cold open: Gazetteer(path) / first lookup",
            f"{ms(median(f.open_s))} / {ms(median(f.first_lookup_s))} ms",
            "",
        ),
        Row(
            section,
            "exact lookups/s (lookup), answers cached",
            per_s(median(f.exact_per_s)),
            f"{f.names} gold toponyms ({f.distinct} distinct, {f.found} found), each "
            "answered before; " + spread(f.exact_per_s, per_s),
        ),
        Row(
            section,
            "exact lookups/s, empty cache, each distinct name once",
            per_s(median(f.uncached_per_s)),
            "every lookup a SQLite query; " + spread(f.uncached_per_s, per_s),
        ),
        Row(
            section,
            "exact lookups/s, empty cache, names in text order",
            per_s(median(f.in_order_per_s)),
            "the three sets' gold names as they come (news repeats its places); "
            + spread(f.in_order_per_s, per_s),
        ),
        Row(
            section,
            f"fuzzy lookups/s (fuzzy, limit {FUZZY_LIMIT}, warm)",
            per_s(median(f.fuzzy_per_s)),
            f"{f.fuzzy_names} gold toponyms; key lists of all letters load in "
            f"{f.fuzzy_load_s:.2f} s once; " + spread(f.fuzzy_per_s, per_s),
        ),
    ]
    base = f.rss.get("after import", 0.0)
    for stage in ("after import", "after open", "after 10k lookups", "after 1k fuzzy lookups"):
        value = f.rss.get(stage, float("nan"))
        note = "fresh process (VmRSS)" if stage == "after import" else f"+{value - base:.1f} MiB"
        out.append(Row(section, f"RSS {stage}", f"{value:.1f} MiB", note))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        rss_child(args.rss_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows(measure(args.repeats, Path(tmp))):
            print(f"{row.metric:50} {row.value:>18}  {row.note}")


if __name__ == "__main__":
    main()
