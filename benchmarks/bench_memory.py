"""Peak memory of `sitrep process` on 1,000 real articles (one run each way).

    .venv/bin/python benchmarks/bench_memory.py [--articles 1000]

Writes the articles (round-robin from ../shared/eval, as the other benchmarks take
them) to a temporary JSONL file and runs ``sitrep process FILE --quiet`` twice in a
subprocess: with ``--no-store`` and with a temporary ``--db``.  The peak resident set
comes from ``/usr/bin/time -v`` when it exists, else from
``resource.getrusage(RUSAGE_CHILDREN)`` (the largest child so far, so the runs go from
the expected smaller to the larger).  The wall time includes loading the model and the
gazetteer, which is why its articles/s is below the pipeline benchmark's.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_common import Row, pin_threads, real_documents, write_jsonl

SITREP = Path(sys.executable).with_name("sitrep")
_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_SUMMARY = re.compile(r"^\d+ articles, [^;\n]*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class MemoryRun:
    mode: str
    peak_mib: float
    seconds: float
    returncode: int
    summary: str
    how: str


def run_process(args: Sequence[str], mode: str) -> MemoryRun:
    command = [str(SITREP), "process", *args, "--quiet"]
    if Path("/usr/bin/time").is_file():
        command = ["/usr/bin/time", "-v", *command]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    match = _MAX_RSS.search(done.stderr)
    if match:
        peak, how = int(match[1]) / 1024.0, "/usr/bin/time -v"
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
        how = "getrusage(RUSAGE_CHILDREN)"
    summary = _SUMMARY.search(output)
    if done.returncode not in (0, 3):  # 3: finished with rejections
        print(output[-2000:], file=sys.stderr)
    return MemoryRun(mode, peak, seconds, done.returncode, summary[0] if summary else "?", how)


def measure(count: int, work_dir: Path) -> tuple[int, list[MemoryRun]]:
    documents = real_documents(count)
    path = work_dir / "articles.jsonl"
    write_jsonl(path, documents)
    runs = []
    print("  memory: sitrep process --no-store", file=sys.stderr, flush=True)
    runs.append(run_process([str(path), "--no-store"], "--no-store"))
    print("  memory: sitrep process --db", file=sys.stderr, flush=True)
    runs.append(run_process([str(path), "--db", str(work_dir / "events.db")], "--db (temp)"))
    return len(documents), runs


def rows(count: int, runs: Sequence[MemoryRun]) -> list[Row]:
    section = "sitrep process (memory)"
    return [
        Row(
            section,
            f"peak RSS, {count:,} articles, {run.mode}",
            f"{run.peak_mib:.0f} MiB",
            f"{run.how}; wall {run.seconds:.0f} s ({count / run.seconds:.1f} articles/s "
            f"with start-up); exit {run.returncode}; `{run.summary}`",
        )
        for run in runs
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)
    pin_threads()
    with tempfile.TemporaryDirectory() as tmp:
        count, runs = measure(args.articles, Path(tmp))
        for row in rows(count, runs):
            print(f"{row.metric:45} {row.value:>10}  {row.note}")


if __name__ == "__main__":
    main()
