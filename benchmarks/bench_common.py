"""Shared helpers of the benchmarks: real texts from ../shared/eval, statistics, memory.

The benchmark modules import this one as a sibling (``benchmarks/`` is put on
``sys.path`` by running a script from it); nothing here imports sitrep, so it is safe
to import before the thread-count variables are set.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
# Real news texts, taken round-robin so that every sample mixes long articles (fakes,
# lgl, geowebnews, trnews: ~2,000 characters) and short event reports (case2021).
ARTICLE_SETS = ("fakes", "case2021", "lgl", "geowebnews", "trnews")
TOPONYM_SETS = ("lgl", "geowebnews", "trnews")
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


def pin_threads() -> None:
    """One thread for numpy/BLAS (set before spaCy is imported): 'one core' figures."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"


class EvalDataMissingError(RuntimeError):
    """../shared/eval (or one of its files) is absent: the benchmark is skipped."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the results table."""

    section: str
    metric: str
    value: str
    note: str = ""


def _records(name: str) -> list[dict[str, Any]]:
    path = EVAL / name / "dev.jsonl"
    if not path.is_file():
        raise EvalDataMissingError(f"{path} is absent")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def real_documents(count: int, sets: Sequence[str] = ARTICLE_SETS) -> list[dict[str, Any]]:
    """``count`` documents (id, title, text, published) taken round-robin from ``sets``."""
    if not EVAL.is_dir():
        raise EvalDataMissingError(f"{EVAL} is absent")
    pools = [iter(_records(name)) for name in sets]
    out: list[dict[str, Any]] = []
    while len(out) < count and pools:
        for pool in list(pools):
            record = next(pool, None)
            if record is None:
                pools.remove(pool)
                continue
            if record.get("text", "").strip():
                out.append(
                    {
                        "id": record["id"],
                        "title": record.get("title"),
                        "text": record["text"],
                        "published": record.get("published"),
                    }
                )
            if len(out) >= count:
                break
    return out


def write_jsonl(path: Path, documents: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")


def gold_toponyms() -> list[str]:
    """Every gold toponym string of the geoparsing development sets, in file order."""
    names: list[str] = []
    for name in TOPONYM_SETS:
        for record in _records(name):
            names.extend(t["text"] for t in record.get("toponyms", []) if t.get("text"))
    return names


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation, as numpy's default."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values: Sequence[float], fmt: Callable[[float], str]) -> str:
    """'runs: a, b, c' for a note, so that the noise behind a median is visible."""
    return "runs: " + ", ".join(fmt(v) for v in values)


def vm_rss_mib() -> float:
    """Resident memory of this process now (VmRSS), in MiB; max RSS where /proc lacks."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return max_rss_mib()


def max_rss_mib() -> float:
    """Peak resident memory of this process (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def machine() -> dict[str, str]:
    return {
        "nproc": str(
            len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        ),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def git_commit() -> str:
    """``git rev-parse --short HEAD`` of the repository, or "?"."""
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return done.stdout.strip()


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
