"""Engines: the same articles through the local engine and Ray with 1 and 2 workers.

    .venv/bin/python benchmarks/bench_ray.py [--articles 300] [--markdown FILE]

The articles are real texts (round-robin from ../shared/eval, as the other benchmarks
take them), written to one JSONL file and processed by ``Pipeline.run`` three times,
each into a fresh SQLite file: ``--engine local`` (this process, its model loaded
before the clock starts), then ``RayEngine(workers=1)`` and ``RayEngine(workers=2)`` on
one local Ray cluster of 2 CPUs that this process started (``ray.init(num_cpus=2)``).
A Ray run's time includes starting its actors and loading a Pipeline in each (a few
seconds), because a real run pays it too.  The driver (this process) reads, pickles
and stores on the same 2 cores, so its CPU time is measured beside the wall time.  The
three stores must hold the same events; the ratio to trust is 2 workers / 1 worker,
measured minutes apart in the same run.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench_common import Row, git_commit, machine, pin_threads, real_documents, write_jsonl

DEFAULT_ARTICLES = 800
RAY_CPUS = 2


@dataclass(frozen=True, slots=True)
class EngineRun:
    """One engine's pass over the articles."""

    engine: str
    seconds: float  # wall time of Pipeline.run
    driver_cpu_s: float  # this process's CPU time during it (reading, pickling, storing)
    articles: int
    events: int
    events_digest: str  # every stored event row, to check the engines agree

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class RayFigures:
    count: int
    runs: tuple[EngineRun, ...]
    date: str
    wall_s: float

    def run(self, engine: str) -> EngineRun:
        return next(r for r in self.runs if r.engine == engine)


def _events_digest(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT id, event_type, sub_event_type, actor1, actor2, place_name, country, "
            "date_start, date_end, fatalities_low, fatalities_best, fatalities_high, "
            "n_reports, json FROM events ORDER BY id"
        ).fetchall()
    return str(hash(tuple(rows)))


def _run(name: str, pipeline: object, path: Path, db: Path, engine: object) -> EngineRun:
    from sitrep.pipeline import Pipeline
    from sitrep.store.sqlite import SQLiteStore

    assert isinstance(pipeline, Pipeline)
    print(f"  engines: {name}", file=sys.stderr, flush=True)
    with SQLiteStore(db) as store:
        cpu, started = time.process_time(), time.perf_counter()
        summary = pipeline.run([str(path)], store=store, engine=engine)  # type: ignore[arg-type]
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return EngineRun(name, seconds, cpu, summary.articles, summary.events, _events_digest(db))


def measure(count: int, work_dir: Path) -> RayFigures:
    """The three passes, in this order: local, Ray 1 worker, Ray 2 workers."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    from sitrep.engine import LocalEngine
    from sitrep.engine.ray_engine import RayEngine
    from sitrep.pipeline import Pipeline

    started = time.perf_counter()
    documents = real_documents(count)
    path = work_dir / "engines.jsonl"
    write_jsonl(path, documents)
    pipeline = Pipeline()
    pipeline.load()
    runs = [_run("local", pipeline, path, work_dir / "local.db", LocalEngine())]
    ray.init(num_cpus=RAY_CPUS, include_dashboard=False, logging_level="WARNING")
    try:
        for workers in (1, 2):
            name = f"ray, {workers} worker" + ("s" if workers > 1 else "")
            db = work_dir / f"ray{workers}.db"
            runs.append(_run(name, pipeline, path, db, RayEngine(workers=workers)))
    finally:
        ray.shutdown()
    return RayFigures(
        count=len(documents),
        runs=tuple(runs),
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        wall_s=time.perf_counter() - started,
    )


def engine_table(f: RayFigures) -> str:
    one = f.run("ray, 1 worker")
    lines = [
        "| engine | articles | events | wall s | articles/s | / ray 1 worker | driver CPU s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in f.runs:
        lines.append(
            f"| {r.engine} | {r.articles} | {r.events} | {r.seconds:.1f} | {r.rate:.2f} | "
            f"{r.rate / one.rate:.2f}x | {r.driver_cpu_s:.1f} |"
        )
    return "\n".join(lines)


def same_events(f: RayFigures) -> bool:
    return len({r.events_digest for r in f.runs}) == 1


def doc_section(f: RayFigures, command: str, commit: str) -> str:
    """The "Engines: local and Ray" section of docs/performance.md."""
    info = ", ".join(f"{k} {v}" for k, v in machine().items())
    two, one = f.run("ray, 2 workers"), f.run("ray, 1 worker")
    local = f.run("local")
    speedup = two.rate / one.rate
    verdict = "meets" if speedup >= 1.8 else "misses"  # issue 13's goal
    agree = "hold the same events" if same_events(f) else "DISAGREE on the events"
    return f"""## Engines: local and Ray

`{command}` on {f.date}, sitrep commit {commit} (working tree as run); {info}.
{f.count} real articles (round-robin from `../shared/eval`) processed three times into
fresh SQLite files; Ray on a local cluster of {RAY_CPUS} CPUs started by the benchmark;
the three stores {agree}.  Section wall time {f.wall_s:.0f} s.

{engine_table(f)}

What the figures say:

- 2 workers ran {speedup:.2f}x as fast as 1 worker, which {verdict} the 1.8x goal.
  Three things stand between the ratio and 2x on this machine.  (1) Each Ray run
  starts its actors and loads a Pipeline in each (model, gazetteer, actor dictionary,
  typers: about 5-7 s, in parallel), a fixed cost that is a larger share of the shorter
  2-worker run.  (2) The driver shares the {machine()["nproc"]} cores with the workers:
  it read, pickled and stored for {two.driver_cpu_s:.1f} CPU seconds of the 2-worker
  run's {two.seconds:.1f} s ({two.driver_cpu_s / two.seconds:.0%} of a core), which the
  1-worker run found on its idle second core and the 2-worker run takes from its
  workers; the machine's other tenants take their share of both cores.  (3) The last
  batches of a window keep one worker busy while the other waits.  A longer run, or
  more cores than workers, brings the ratio closer to the worker count, until the
  single writer saturates (about 500 articles/s of `save_article`, the store rows above).
- 1 worker ran at {one.rate / local.rate:.2f}x the local engine: the same start-up, and
  the pickling of batches and results; the local engine's model was loaded before its
  clock started.  A worker loads once per window of {128 * 16:,} articles.
"""


def rows(f: RayFigures) -> list[Row]:
    section = "engines (local / ray)"
    one = f.run("ray, 1 worker")
    out = [
        Row(
            section,
            f"{r.engine}: articles/s",
            f"{r.rate:.2f}",
            f"{r.articles} articles, {r.events} events in {r.seconds:.1f} s; "
            f"{r.rate / one.rate:.2f}x ray 1 worker; driver CPU {r.driver_cpu_s:.1f} s",
        )
        for r in f.runs
    ]
    out.append(
        Row(
            section,
            "same events in the three stores",
            "yes" if same_events(f) else "NO",
            f"section wall {f.wall_s:.0f} s",
        )
    )
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--markdown", type=Path, help="also write the doc section here")
    args = parser.parse_args(argv)
    pin_threads()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-ray-") as tmp:
        figures = measure(args.articles, Path(tmp))
    print(engine_table(figures))
    print(f"same events: {same_events(figures)}")
    if args.markdown:
        command = f".venv/bin/python benchmarks/bench_ray.py --articles {args.articles}"
        args.markdown.write_text(doc_section(figures, command, git_commit()), encoding="utf-8")
        print(f"wrote {args.markdown}")


if __name__ == "__main__":
    main()
