"""Serving: ``GET /events`` under a bounded loopback load, against the store's own cost.

    .venv/bin/python benchmarks/bench_serve.py [--events 100000] [--seconds 20]
        [--concurrency 1,4] [--quick] [--markdown FILE]

One database of synthetic events is built with ``bench_store``'s generator (ACLED-like
distributions, fixed seed; each event's report is stored under its article, 100 events
to an article, so that a text search finds events), in a temporary folder of this run.
``sitrep serve`` then runs on it as a separate process on a free loopback port, and this
process drives it: closed-loop clients (one thread and one keep-alive ``httpx.Client``
each) at each concurrency, for a fixed time per step, over a query mix drawn with a fixed
seed from the data's own distributions:

- unfiltered first page; country + since; event_type + country; a bbox around a country;
  an actor name (a word of it, any case) and an actor's full name with its country; a
  fatalities_min; a text search ``q`` (one or two words of the articles' vocabulary); a
  cursor walk (5 pages of one country, each page a sample); CSV and GeoJSON (by
  ``Accept``) of a country + since page.  Every page is 100 events (``limit=100``).

Two baselines are measured in the same run, at the same concurrency: (a) right after
each API step, the very requests it counted (after the same warm-up requests) run once
more in-process through ``SQLiteStore.find_events(EventQuery(...))``, one store per
thread: the store's own cost (SQL and decoding the events; no HTTP, no JSON/CSV
writing); (b) ``GET /healthz`` (which counts the rows of six tables) and
``GET /ui-config`` (no store at all: the HTTP and framework floor).  Each timed step
warms up for a second (its requests are not counted); the ratios API / store and
API / floor, measured seconds apart on the same machine, are the figures to trust.
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench_common import Row, git_commit, machine, median, percentile, pin_threads
from bench_store import ACTORS, DAYS, FIRST_DAY, WORDS, SyntheticData, fill

if TYPE_CHECKING:
    import httpx

    from sitrep.store.query import EventQuery

DEFAULT_EVENTS = 100_000
QUICK_EVENTS = 10_000
DEFAULT_SECONDS = 20.0
QUICK_SECONDS = 3.0
DEFAULT_CONCURRENCY = (1, 4)
EVENTS_PER_ARTICLE = 100
PAGE = 100
WALK_PAGES = 5
MIX_SIZE = 2_000
QUERY_SEED = 20240602
WARMUP_S = 1.0
PLANNED_KINDS = 3  # the query plans shown: of the kinds slowest in the store
START_TIMEOUT_S = 120.0
REQUEST_TIMEOUT_S = 120.0

KINDS: tuple[str, ...] = (
    "unfiltered",
    "country + since",
    "event_type + country",
    "bbox",
    "actor: a name",
    "actor: name (country)",
    "fatalities_min",
    "q (FTS5 text)",
    "cursor walk, per page",
    "CSV: country + since",
    "GeoJSON: country + since",
)
ACCEPT = {
    "CSV: country + since": "text/csv",
    "GeoJSON: country + since": "application/geo+json",
}
HEALTHZ = "GET /healthz"
UI_CONFIG = "GET /ui-config"
MIX = "whole mix"


@dataclass(frozen=True, slots=True)
class Request:
    """One request of the mix: its kind, the query string, the Accept header."""

    kind: str
    params: tuple[tuple[str, str], ...] = ()
    accept: str | None = None
    path: str = "/events"
    pages: int = 1


@dataclass(slots=True)
class Step:
    """One timed step: every sample's latency (ms) by kind, errors, wall time."""

    target: str  # "store", "http" or a floor's kind
    concurrency: int
    wall_s: float = 0.0
    ms: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)  # of the counted requests
    slowest: dict[str, tuple[float, Request]] = field(default_factory=dict)  # by kind

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.ms.values())

    def all_ms(self) -> list[float]:
        return [x for v in self.ms.values() for x in v]

    def p50(self, kind: str | None = None) -> float:
        return percentile(self.all_ms() if kind is None else self.ms.get(kind, []), 50)

    def p99(self, kind: str | None = None) -> float:
        return percentile(self.all_ms() if kind is None else self.ms.get(kind, []), 99)

    def rate(self, kind: str | None = None) -> float:
        n = self.count if kind is None else len(self.ms.get(kind, []))
        return n / self.wall_s if self.wall_s else float("nan")


@dataclass(slots=True)
class ServeFigures:
    events: int = 0
    articles: int = 0
    fill_rate: float = 0.0
    build_s: float = 0.0
    db_mib: float = 0.0
    seconds: float = 0.0
    concurrency: tuple[int, ...] = ()
    steps: list[Step] = field(default_factory=list)
    server_start_s: float = 0.0
    plans: dict[str, tuple[str, str]] = field(default_factory=dict)  # kind: (params, plan)
    date: str = ""
    wall_s: float = 0.0

    def step(self, target: str, concurrency: int) -> Step:
        for step in self.steps:
            if step.target == target and step.concurrency == concurrency:
                return step
        raise KeyError((target, concurrency))


# -- the query mix -------------------------------------------------------------------


def _since(data: SyntheticData) -> str:
    """As ``bench_store.query_round`` draws it: the later half of the data's dates."""
    return (FIRST_DAY + timedelta(days=int(DAYS * data.rng.uniform(0.5, 0.98)))).isoformat()


def _request(kind: str, data: SyntheticData) -> Request:
    rng = data.rng
    limit = ("limit", str(PAGE))
    if kind == "unfiltered":
        return Request(kind, (limit,))
    if kind in ("country + since", *ACCEPT):
        params = (("country", data.country()[0]), ("since", _since(data)), limit)
        return Request(kind, params, ACCEPT.get(kind))
    if kind == "event_type + country":
        event_type, _ = data.event_type()
        return Request(kind, (("event_type", event_type), ("country", data.country()[0]), limit))
    if kind == "bbox":
        _, lat, lon = data.country()  # the data lies within 2 degrees of a country's centre
        half = rng.uniform(0.5, 3.0)
        box = (lon - half, lat - half, lon + half, lat + half)
        box = (max(box[0], -180), max(box[1], -90), min(box[2], 180), min(box[3], 90))
        return Request(kind, (("bbox", ",".join(f"{x:.2f}" for x in box)), limit))
    if kind == "actor: a name":
        name, _ = rng.choice(ACTORS)
        return Request(kind, (("actor", rng.choice(name.split()).lower()), limit))
    if kind == "actor: name (country)":
        name, _ = rng.choice(ACTORS)  # as the data names them: "Police Forces (SY)"
        return Request(kind, (("actor", f"{name} ({data.country()[0]})"), limit))
    if kind == "fatalities_min":
        return Request(kind, (("fatalities_min", str(rng.choice((1, 2, 3, 5, 12, 40)))), limit))
    if kind == "q (FTS5 text)":
        return Request(kind, (("q", " ".join(rng.choices(WORDS, k=rng.choice((1, 2))))), limit))
    if kind == "cursor walk, per page":
        return Request(kind, (("country", data.country()[0]), limit), pages=WALK_PAGES)
    raise ValueError(kind)


def query_mix(count: int = MIX_SIZE, seed: int = QUERY_SEED) -> list[Request]:
    """``count`` requests, every kind equally often, parameters drawn from the data's
    distributions (``SyntheticData``'s), shuffled; the same list for every step."""
    data = SyntheticData(seed)
    mix = [_request(KINDS[i % len(KINDS)], data) for i in range(count)]
    data.rng.shuffle(mix)
    return mix


def event_query(params: Mapping[str, str], after: str | None = None) -> EventQuery:
    """The ``EventQuery`` the API builds from the same query string."""
    from sitrep.store.query import BBox, EventQuery, decode_cursor

    return EventQuery(
        country=params.get("country"),
        bbox=BBox.parse(params["bbox"]) if "bbox" in params else None,
        since=date.fromisoformat(params["since"]) if "since" in params else None,
        event_type=params.get("event_type"),
        actor=params.get("actor"),
        fatalities_min=int(params["fatalities_min"]) if "fatalities_min" in params else None,
        text=params.get("q"),
        limit=int(params.get("limit", PAGE)),
        after=decode_cursor(after) if after else None,
    )


# -- closed-loop steps ---------------------------------------------------------------

# A sample: kind, start (perf_counter), latency ms, ok, rows (-1: not counted).
Sample = tuple[str, float, float, bool, int]
Runner = Callable[[Request], list[Sample]]


class _Cycle:
    """The request list, handed out in order to every client thread, with its position:
    round and round, or once through (``once``)."""

    def __init__(self, requests: Sequence[Request], *, once: bool = False) -> None:
        self._requests = requests
        self._once = once
        self._next = 0
        self._lock = threading.Lock()

    def take(self) -> tuple[int, Request] | None:
        with self._lock:
            position = self._next
            if self._once and position >= len(self._requests):
                return None
            self._next += 1
        return position, self._requests[position % len(self._requests)]


def run_step(
    target: str,
    concurrency: int,
    requests: Sequence[Request],
    open_runner: Callable[[], tuple[Runner, Callable[[], None]]],
    *,
    seconds: float | None = None,
    warmup_s: float = WARMUP_S,
    warm: int = 0,
) -> Step:
    """``concurrency`` closed-loop threads, each with its own runner (a client or a
    store).  Timed (``seconds``): warm up ``warmup_s``, then count every sample started
    in the next ``seconds``, cycling through ``requests``; requests started before the
    end run to completion.  Counted (no ``seconds``): run ``requests`` once through, the
    first ``warm`` of them not counted."""
    timed = seconds is not None
    cycle = _Cycle(requests, once=not timed)
    ready = threading.Barrier(concurrency + 1)
    clock: dict[str, float] = {}
    results: list[list[tuple[int, Sample]]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def client() -> None:
        mine: list[tuple[int, Sample]] = []
        try:
            run, close = open_runner()
        except BaseException as err:
            failures.append(err)
            ready.abort()
            raise
        try:
            ready.wait()
            while not timed or time.perf_counter() < clock["end"]:
                item = cycle.take()
                if item is None:
                    break
                position, request = item
                mine.extend((position, sample) for sample in run(request))
        except BaseException as err:
            failures.append(err)
            raise
        finally:
            close()
            with lock:
                results.append(mine)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    clock["start"] = now + warmup_s
    clock["end"] = now + warmup_s + (seconds or 0.0)
    with suppress(threading.BrokenBarrierError):
        ready.wait()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{target} step at concurrency {concurrency} failed") from failures[0]
    step = Step(target, concurrency)
    begins: dict[int, float] = {}  # when each request (its first page) started
    for samples in results:
        for position, sample in samples:
            begins[position] = min(begins.get(position, sample[1]), sample[1])
    counted = [
        (position, sample)
        for samples in results
        for position, sample in samples
        if (begins[position] >= clock["start"] if timed else position >= warm)
    ]
    begun = clock["start"] if timed else min((s[1] for _, s in counted), default=0.0)
    finished = begun
    for position, (kind, started, ms, ok, rows) in counted:
        finished = max(finished, started + ms / 1000)
        if ms > step.slowest.get(kind, (-1.0, None))[0]:
            step.slowest[kind] = (ms, requests[position % len(requests)])
        if ok:
            step.ms.setdefault(kind, []).append(ms)
            if rows >= 0:
                step.rows.setdefault(kind, []).append(rows)
        else:
            step.errors[kind] = step.errors.get(kind, 0) + 1
    step.positions = sorted({position for position, _ in counted})
    step.wall_s = finished - begun
    return step


def replay(mix: Sequence[Request], step: Step) -> tuple[list[Request], int]:
    """The requests ``step`` took from ``mix``: its warm-up ones, then the counted ones
    (for the store baseline to run the very same requests); and how many warm-up ones."""
    first = step.positions[0] if step.positions else 0
    taken = [*range(first), *step.positions]
    return [mix[p % len(mix)] for p in taken], first


def store_runner(db: Path) -> tuple[Runner, Callable[[], None]]:
    """``find_events`` in-process, through a store of this thread's own."""
    from sitrep.store.sqlite import SQLiteStore

    store = SQLiteStore(db)

    def run(request: Request) -> list[Sample]:
        params = dict(request.params)
        samples: list[Sample] = []
        after: str | None = None
        for _ in range(request.pages):
            started = time.perf_counter()
            page = store.find_events(event_query(params, after))
            ms = 1000 * (time.perf_counter() - started)
            samples.append((request.kind, started, ms, True, len(page.events)))
            after = page.next_cursor
            if after is None:
                break
        return samples

    return run, store.close


def http_runner(url: str) -> tuple[Runner, Callable[[], None]]:
    """The same requests over HTTP, through one keep-alive client of this thread's own."""
    import httpx

    client = httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S)

    def get(request: Request, params: list[tuple[str, str]]) -> tuple[httpx.Response, float]:
        headers = {"Accept": request.accept} if request.accept else None
        started = time.perf_counter()
        response = client.get(request.path, params=params, headers=headers)
        return response, started

    def run(request: Request) -> list[Sample]:
        params = list(request.params)
        samples: list[Sample] = []
        for _ in range(request.pages):
            response, started = get(request, params)
            ms = 1000 * (time.perf_counter() - started)
            ok = response.status_code == 200
            samples.append((request.kind, started, ms, ok, -1))
            if request.pages == 1 or not ok:
                break
            cursor = response.json().get("next_cursor")
            if cursor is None:
                break
            params = [*request.params, ("cursor", cursor)]
        return samples

    return run, client.close


# -- the server ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sitrep_command() -> list[str]:
    script = Path(sys.executable).with_name("sitrep")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sitrep"]


@contextmanager
def serving(db: Path, log: Path) -> Iterator[tuple[str, float]]:
    """``sitrep serve --db db`` on a free loopback port (read-only: no tokens), its
    output in ``log``; yields its URL and seconds to the first good ``/healthz``."""
    import httpx

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [*_sitrep_command(), "serve", "--db", str(db), "--host", "127.0.0.1"]
    env = {**os.environ, "SITREP_SERVE_TOKENS": ""}
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env
        )
        try:
            while True:
                if process.poll() is not None:
                    tail = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"sitrep serve exited ({process.returncode}):\n{tail}")
                if time.perf_counter() - started > START_TIMEOUT_S:
                    raise RuntimeError(f"sitrep serve: no /healthz in {START_TIMEOUT_S:.0f} s")
                try:
                    if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            yield url, time.perf_counter() - started
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# -- the benchmark -------------------------------------------------------------------


def query_plan(db: Path, request: Request) -> tuple[str, str]:
    """The request's query string, and ``EXPLAIN QUERY PLAN`` of the page query that
    ``find_events`` runs for it (caught with a trace callback, parameters bound)."""
    from sitrep.store.sqlite import SQLiteStore

    statements: list[str] = []
    with SQLiteStore(db) as store:
        store._conn.set_trace_callback(statements.append)
        store.find_events(event_query(dict(request.params)))
        store._conn.set_trace_callback(None)
        pages = [q for q in statements if q.lstrip().upper().startswith("SELECT")]
        plan = "; ".join(
            str(row[-1]) for row in store._conn.execute(f"EXPLAIN QUERY PLAN {pages[-1]}")
        )
    shown = "&".join(f"{k}={v}" for k, v in request.params if k != "limit")
    return shown, plan


def _progress(message: str) -> None:
    print(f"  serve: {message}", file=sys.stderr, flush=True)


def build(db: Path, events: int) -> tuple[float, float]:
    """The database (bench_store's generator); events/s of saving and wall seconds."""
    started = time.perf_counter()
    rate = fill(db, events, per_save=EVENTS_PER_ARTICLE, with_reports=True)
    return rate, time.perf_counter() - started


def measure(
    events: int,
    seconds: float,
    concurrency: Sequence[int],
    work_dir: Path,
    warmup_s: float = WARMUP_S,
) -> ServeFigures:
    started = time.perf_counter()
    figures = ServeFigures(events=events, seconds=seconds, concurrency=tuple(concurrency))
    figures.date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    db = work_dir / f"serve-{events}.db"
    _progress(f"building {events:,} events")
    figures.fill_rate, figures.build_s = build(db, events)
    figures.db_mib = db.stat().st_size / 2**20
    figures.articles = -(-events // EVENTS_PER_ARTICLE)
    mix = query_mix()
    floor_s = max(2.0, seconds / 5)
    with serving(db, work_dir / f"serve-{events}.log") as (url, figures.server_start_s):
        for level in concurrency:
            for floor, path in ((UI_CONFIG, "/ui-config"), (HEALTHZ, "/healthz")):
                _progress(f"{floor} at concurrency {level}, {floor_s:g} s")
                figures.steps.append(
                    run_step(
                        floor,
                        level,
                        [Request(floor, path=path)],
                        lambda: http_runner(url),
                        seconds=floor_s,
                        warmup_s=warmup_s,
                    )
                )
            _progress(f"GET /events at concurrency {level}, {seconds:g} s")
            api = run_step(
                "http", level, mix, lambda: http_runner(url), seconds=seconds, warmup_s=warmup_s
            )
            figures.steps.append(api)
            same, warm = replay(mix, api)
            _progress(f"the same {len(same) - warm:,} requests in-process at concurrency {level}")
            figures.steps.append(
                run_step("store", level, same, lambda: store_runner(db), warm=warm)
            )
    store = figures.step("store", figures.concurrency[0])
    for kind in sorted(store.ms, key=store.p50, reverse=True)[:PLANNED_KINDS]:
        figures.plans[kind] = query_plan(db, store.slowest[kind][1])
    figures.wall_s = time.perf_counter() - started
    return figures


# -- reporting -----------------------------------------------------------------------


def _ms(x: float) -> str:
    if math.isnan(x):  # no sample
        return "-"
    return f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b and not (math.isnan(a) or math.isnan(b)) else "-"


def _rows_per_page(f: ServeFigures, kind: str) -> str:
    rows = [r for s in f.steps if s.target == "store" for r in s.rows.get(kind, [])]
    return f"{sum(rows) / len(rows):.0f}" if rows else "-"


def kind_table(f: ServeFigures) -> str:
    """Markdown: per query kind and concurrency, API p50/p99, req/s, store p50, ratio."""
    head = ["query kind", "rows/page"]
    for c in f.concurrency:
        head += [
            f"c={c}: API p50 / p99 ms",
            f"c={c}: req/s",
            f"c={c}: store p50 ms",
            f"c={c}: API / store p50",
        ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind in (*KINDS, MIX):
        cells = [f"**{kind}**" if kind == MIX else kind, _rows_per_page(f, kind)]
        if kind == MIX:
            cells[1] = ""
        for c in f.concurrency:
            api, store = f.step("http", c), f.step("store", c)
            key = None if kind == MIX else kind
            cells += [
                f"{_ms(api.p50(key))} / {_ms(api.p99(key))}",
                f"{api.rate(key):.1f}",
                _ms(store.p50(key)),
                _ratio(api.p50(key), store.p50(key)),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    for floor in (HEALTHZ, UI_CONFIG):
        cells = [floor, ""]
        for c in f.concurrency:
            step = f.step(floor, c)
            cells += [f"{_ms(step.p50())} / {_ms(step.p99())}", f"{step.rate():.1f}", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratio_lines(f: ServeFigures) -> list[str]:
    out = []
    for c in f.concurrency:
        api, store = f.step("http", c), f.step("store", c)
        healthz, floor = f.step(HEALTHZ, c), f.step(UI_CONFIG, c)
        per_kind = [api.p50(k) / store.p50(k) for k in KINDS if k in api.ms and k in store.ms]
        out.append(
            f"c={c}: API p50 / store p50 {_ratio(api.p50(), store.p50())} for the whole mix "
            f"(median over kinds {median(per_kind):.1f}x); API p50 / healthz p50 "
            f"{_ratio(api.p50(), healthz.p50())}; API p50 / ui-config p50 "
            f"{_ratio(api.p50(), floor.p50())}; {api.count:,} API samples in "
            f"{api.wall_s:.1f} s, errors {sum(api.errors.values())}"
        )
    return out


def _scaling(f: ServeFigures) -> str:
    """A sentence on throughput and latency from the lowest to the highest concurrency."""
    low, high = min(f.concurrency), max(f.concurrency)
    if low == high:
        return f"Only concurrency {low} was measured."
    api_low, api_high = f.step("http", low), f.step("http", high)
    floor_low, floor_high = f.step(UI_CONFIG, low), f.step(UI_CONFIG, high)
    return (
        f"From c={low} to c={high} the whole mix's throughput went "
        f"{api_high.rate() / api_low.rate():.1f}x (`/ui-config`'s "
        f"{floor_high.rate() / floor_low.rate():.1f}x) and its p50 latency "
        f"{api_high.p50() / api_low.p50():.1f}x."
    )


def doc_section(f: ServeFigures, command: str, commit: str) -> str:
    """The "Serving: /events under load" section of docs/performance.md."""
    info = ", ".join(f"{k} {v}" for k, v in machine().items())
    ratios = "\n".join(f"- {line}" for line in ratio_lines(f))
    first = f.step("http", f.concurrency[0])
    counts = [len(first.ms.get(k, [])) for k in KINDS if k != "cursor walk, per page"]
    scaling = _scaling(f)
    fewest, most = min(counts, default=0), max(counts, default=0)
    plans = (
        "\n".join(f"- {kind} (`{shown}`): {plan}" for kind, (shown, plan) in f.plans.items())
        or "- none"
    )
    return f"""## Serving: /events under load

`{command}` on {f.date}, sitrep commit {commit} (working tree as run); {info}.
{f.events:,} synthetic events ({f.articles:,} articles, {EVENTS_PER_ARTICLE} events each,
reports stored; a {f.db_mib:.0f} MiB file database built by `bench_store`'s generator in
{f.build_s:.0f} s), `sitrep serve` in its own process on loopback, the clients in the
benchmark's process on the same {machine()["nproc"]} cores.  Each step is closed-loop
(one thread and keep-alive connection per client), {f.seconds:g} s per API step after
a warm-up; right after it, the store baseline runs the very requests the API step
counted, in-process through `SQLiteStore.find_events` (one store per thread).
At c={first.concurrency} each kind got {fewest}-{most} requests (the cursor walk 5 pages each),
so a p99 is about the slowest one.  req/s per kind is its share of the mix (every kind
is asked equally often); the whole mix's is the throughput.

{kind_table(f)}

{ratios}

Query plans of the kinds slowest in the store, each for its slowest request at
c={first.concurrency} (`EXPLAIN QUERY PLAN` of the page query `find_events` ran):

{plans}

What the figures say:

- An ordinary page (100 events) costs the store about half of what the API answers it
  in: the SQL and decoding the events from their JSON.  The rest is building the items
  and writing them (JSON by `json.dumps`; CSV and GeoJSON by the export writers, about
  as dear), and the HTTP floor (`/ui-config`).  `/healthz` is not a free floor: it
  counts the rows of six tables on every call, which grows with the database.
- The slow kinds are the ones no index serves.  **q**: FTS5 finds the matching articles
  at once, but the subquery then collects the event id of every report of every
  matching article, and the events are read and sorted by date (`USE TEMP B-TREE FOR
  ORDER BY`) before the first 100 are kept, so the cost grows with the number of
  matching events, not the page.  The synthetic articles are 20 words of a 51-word
  vocabulary and carry {EVENTS_PER_ARTICLE} events each, so every drawn word is
  common ("the" is in ~90 % of them): the worst case of this kind.  **actor** is
  `LIKE '%...%'` on actor1 and actor2: SQLite walks the date index newest first and
  reads each row until a page is full, so a common word is quick and a rare full name
  (a small country's "Police Forces (HT)", or a name not in the data) reads the whole
  table.  **bbox** searches the (lat, lon) index on latitude only and sorts the whole
  band.  country + since and event_type + country read `events_country_date`;
  fatalities_min walks the date index and stops early, as every drawn bound is common.
- {scaling}
  The server is one Python process (one GIL) and the clients share its cores, so four
  clients can use two cores at best and then queue; how much the other tenants of the
  shared machine take moves this figure most from one run to the next.  The in-process
  store is GIL-bound the same way (decoding events is Python), so the c=4 API / store
  ratio compares two saturated systems; the c=1 ratios are the cleaner ones.
"""


def rows(f: ServeFigures) -> list[Row]:
    section = "serve (GET /events, loopback)"
    out = [
        Row(
            section,
            "database",
            f"{f.events:,} events",
            f"{f.articles:,} articles; {f.db_mib:.0f} MiB; built in {f.build_s:.0f} s "
            f"({f.fill_rate:,.0f} events/s saving); server up in {f.server_start_s:.1f} s; "
            f"section wall {f.wall_s:.0f} s",
        )
    ]
    for c in f.concurrency:
        api, store = f.step("http", c), f.step("store", c)
        healthz, floor = f.step(HEALTHZ, c), f.step(UI_CONFIG, c)
        slowest = max(KINDS, key=lambda k: api.p99(k) if k in api.ms else -1.0)
        out += [
            Row(
                section,
                f"c={c} whole mix: req/s, p50 / p99",
                f"{api.rate():.1f} req/s, {_ms(api.p50())} / {_ms(api.p99())} ms",
                f"{api.count:,} requests in {api.wall_s:.1f} s, errors "
                f"{sum(api.errors.values())}; slowest p99: {slowest} {_ms(api.p99(slowest))} ms "
                "(per kind: the Serving section)",
            ),
            Row(
                section,
                f"c={c} API p50 / store p50 (whole mix)",
                _ratio(api.p50(), store.p50()),
                f"store in-process {_ms(store.p50())} ms p50, {store.rate():.1f} pages/s",
            ),
            Row(
                section,
                f"c={c} API p50 / healthz p50, / ui-config p50",
                f"{_ratio(api.p50(), healthz.p50())}, {_ratio(api.p50(), floor.p50())}",
                f"healthz {_ms(healthz.p50())} ms p50 ({healthz.rate():.0f} req/s); "
                f"ui-config {_ms(floor.p50())} ms p50 ({floor.rate():.0f} req/s)",
            ),
        ]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=None, help=f"default {DEFAULT_EVENTS:,}")
    parser.add_argument("--seconds", type=float, default=None, help="per API step (default 20)")
    parser.add_argument("--concurrency", default=",".join(map(str, DEFAULT_CONCURRENCY)))
    parser.add_argument("--quick", action="store_true", help="10,000 events, 3 s steps")
    parser.add_argument("--markdown", type=Path, help="also write the doc section here")
    args = parser.parse_args(argv)
    events = args.events or (QUICK_EVENTS if args.quick else DEFAULT_EVENTS)
    seconds = args.seconds or (QUICK_SECONDS if args.quick else DEFAULT_SECONDS)
    levels = tuple(int(c) for c in args.concurrency.split(",") if c.strip())
    pin_threads()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-serve-") as tmp:
        figures = measure(
            events, seconds, levels, Path(tmp), WARMUP_S / 2 if args.quick else WARMUP_S
        )
    print(kind_table(figures))
    print()
    for line in ratio_lines(figures):
        print(line)
    for row in rows(figures):
        print(f"{row.metric:45} {row.value:>28}  {row.note}")
    if args.markdown:
        command = (
            f".venv/bin/python benchmarks/bench_serve.py --events {events} "
            f"--seconds {seconds:g} --concurrency {','.join(map(str, levels))}"
        )
        args.markdown.write_text(doc_section(figures, command, git_commit()), encoding="utf-8")
        print(f"wrote {args.markdown}")


if __name__ == "__main__":
    main()
